//! The store: a SQLite file (created and migrated on first run), or a PostgreSQL database
//! named by `DATABASE_URL`, through the same queries (sqlx's `Any` driver). SQLite runs in
//! WAL with `synchronous=FULL`, so a young person's words survive a power cut once saved;
//! PostgreSQL commits are durable by default.
//!
//! The queries are written once for both: `$1` placeholders, `ON CONFLICT`, `RETURNING`,
//! flags as 0/1 integers and dates as ISO text (see [`Day`]).

use crate::accounts::kept::{KeptSessions, SQLITE_KEEP_FOR};
use database::Database;

pub mod cache;
pub mod database;
pub mod events;
pub mod fixes;
pub mod group;
pub mod migrations;
pub mod repeat;
use chrono::NaiveDate;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyTypeInfo, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::{Any, AnyPool, Executor};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Which database is behind the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Store {
    /// Readers.
    pool: AnyPool,
    /// What every write goes through. SQLite: one connection, so writers queue instead of
    /// failing with "busy" (measured here: p99 16 ms with one writer against 81 ms with
    /// eight). PostgreSQL: the same pool as the readers; see [`Store::begin_write`].
    writer: AnyPool,
    backend: Backend,
    /// Set when staff are emailed about safety flags: who else to tell, and how to wake
    /// the sender (see `safety_email`).
    pub(crate) safety_email: Option<std::sync::Arc<crate::config::SafetyEmailPolicy>>,
    /// This process's hub for safety flag events (see `events.rs`).
    pub(crate) events: events::Events,
    /// SQLite: writes that come together are committed together (group.rs).
    group: Option<std::sync::Arc<group::Group>>,
    /// Plan versions already read, by young person and version (they never change).
    pub(crate) plans: cache::Cache<(String, i64), journey_core::Plan>,
    /// A young person's views (with their replies) and changes of worker, by young person
    /// and the newest view, allocation and reply ids (all only ever added to, so the ids
    /// name the whole list).
    pub(crate) views: cache::Cache<ViewsKey, ViewsAndChanges>,
    /// Who each session belongs to, kept for a moment (SQLite only; see `accounts::kept`).
    pub(crate) sessions: std::sync::Arc<KeptSessions>,
}

/// Whose views and changes of worker, up to which view, allocation and view reply ids.
pub(crate) type ViewsKey = (String, Option<i64>, Option<i64>, Option<i64>);
pub(crate) type ViewsAndChanges = (Vec<journey_core::MyView>, Vec<journey_core::WorkerChange>);

/// The key of the PostgreSQL advisory lock that write transactions hold (any number, the
/// same in every instance): "MJ" in ASCII.
const WRITE_LOCK: i64 = 0x4d4a;

impl Store {
    /// Opens (creating if needed) a SQLite database file and brings its tables up to date.
    pub async fn open(path: &Path) -> Result<Store, sqlx::Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let absolute = std::path::absolute(path)?;
        let file = absolute.to_str().ok_or_else(|| {
            sqlx::Error::Configuration(
                format!("{} is not a file name we can use", path.display()).into(),
            )
        })?;
        // Beside the file, as SQLite's own `-wal` and `-shm` are (see `accounts::kept`).
        let mut sessions = absolute.clone().into_os_string();
        sessions.push("-sessions");
        Store::open_at(
            &format!("sqlite://{}?mode=rwc", url_path(file)),
            Some(sessions.into()),
        )
        .await
    }

    /// Opens the database the server was told to use.
    pub async fn connect(database: &Database) -> Result<Store, sqlx::Error> {
        match database {
            Database::File(path) => Store::open(path).await,
            Database::Url(url) => Store::open_url(url).await,
        }
    }

    /// Opens a database by URL (`postgres://…` or `sqlite://…`) and brings its tables up
    /// to date.
    pub async fn open_url(url: &str) -> Result<Store, sqlx::Error> {
        Store::open_at(url, None).await
    }

    /// Opens a database by URL; on SQLite, sessions are kept in memory for a moment when
    /// `sessions` names the file beside it that all its processes share (`accounts::kept`).
    async fn open_at(url: &str, sessions: Option<PathBuf>) -> Result<Store, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = match url.split(':').next() {
            Some("postgres" | "postgresql") => Backend::Postgres,
            Some("sqlite") => Backend::Sqlite,
            _ => {
                return Err(sqlx::Error::Configuration(
                    "the database URL must start with postgres:// or sqlite://".into(),
                ))
            }
        };
        let options = AnyConnectOptions::from_str(url)?;
        let store = match backend {
            Backend::Sqlite => {
                // No ping before each use (sqlx's default): a SQLite file does not hang up
                // like a network connection, and the ping cost each query a second round
                // trip to the connection's thread.
                let settings = || {
                    AnyPoolOptions::new()
                        .test_before_acquire(false)
                        .after_connect(|conn, _| {
                            Box::pin(async move {
                                for pragma in [
                                    "PRAGMA journal_mode = WAL",
                                    "PRAGMA synchronous = FULL",
                                    "PRAGMA busy_timeout = 5000",
                                    "PRAGMA foreign_keys = ON",
                                ] {
                                    conn.execute(pragma).await?;
                                }
                                Ok(())
                            })
                        })
                };
                let writer = settings()
                    .max_connections(1)
                    .connect_with(options.clone())
                    .await?;
                migrations::sqlite().run(&writer).await?;
                let pool = settings().max_connections(4).connect_with(options).await?;
                Store {
                    pool,
                    group: Some(group::Group::new(writer.clone())),
                    writer,
                    backend,
                    safety_email: None,
                    events: events::Events::new(),
                    plans: cache::Cache::default(),
                    views: cache::Cache::default(),
                    sessions: std::sync::Arc::new(match sessions {
                        Some(shared) => KeptSessions::new(SQLITE_KEEP_FOR, &shared),
                        None => KeptSessions::never(),
                    }),
                }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(10)
                    .connect_with(options)
                    .await?;
                // Instances starting together take turns: the migrator holds its own lock.
                migrations::postgres().await?.run(&pool).await?;
                Store {
                    group: None,
                    writer: pool.clone(),
                    pool,
                    backend,
                    safety_email: None,
                    events: events::Events::new(),
                    plans: cache::Cache::default(),
                    views: cache::Cache::default(),
                    sessions: std::sync::Arc::new(KeptSessions::never()),
                }
            }
        };
        // Corrections of stored data, once per database (fixes.rs).
        store.apply_data_fixes().await?;
        Ok(store)
    }

    /// A cheap round trip, for the health check.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// For a single statement that writes (it needs no transaction).
    pub(crate) fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// Begins a transaction that writes. Writes take turns, as SQLite's single writer
    /// makes them: on PostgreSQL every instance's write transactions hold one advisory
    /// lock, so "is this a retry?" checks and "next version" numbers see every earlier
    /// write, whichever instance made it. Reads never wait for it.
    ///
    /// On SQLite, writes that come together share one transaction and one COMMIT, each in
    /// a savepoint of its own ([`group`]); `commit` returns once the group's COMMIT is on
    /// the disk.
    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn begin_write(&self) -> Result<group::Write, sqlx::Error> {
        // In a task of its own: a request given up halfway (a phone that went away) must
        // not leave the writer inside a BEGIN or SAVEPOINT that nobody holds, which would
        // break every later write. The task always finishes; a `Write` nobody takes is
        // dropped, which undoes it (and, in a group, hands the writer on).
        let store = self.clone();
        tokio::spawn(async move { store.begin_now().await })
            .await
            .map_err(|e| sqlx::Error::Protocol(format!("a write could not begin: {e}")))?
    }

    async fn begin_now(self) -> Result<group::Write, sqlx::Error> {
        if let Some(group) = &self.group {
            return group.begin().await;
        }
        match self.backend {
            Backend::Sqlite => Ok(group::Write::own(
                self.writer.begin_with("BEGIN IMMEDIATE").await?,
            )),
            Backend::Postgres => {
                let mut tx = self.writer.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)::text")
                    .bind(WRITE_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Ok(group::Write::own(tx))
            }
        }
    }
}

/// A file path as the path of a URL: letters, digits, `-._~/` as they are, every other
/// byte %-encoded (so spaces, `?` and `#` in folder names are fine).
fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A date as both databases keep it: `YYYY-MM-DD` text (what sqlx wrote for SQLite before
/// PostgreSQL came), read and written through the `Any` driver, which knows no dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Day(pub NaiveDate);

impl sqlx::Type<Any> for Day {
    fn type_info() -> AnyTypeInfo {
        <String as sqlx::Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as sqlx::Type<Any>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, Any> for Day {
    fn decode(value: AnyValueRef<'r>) -> Result<Day, BoxDynError> {
        let text = <&str as sqlx::Decode<Any>>::decode(value)?;
        Ok(Day(NaiveDate::parse_from_str(text, "%Y-%m-%d")?))
    }
}

impl<'q> sqlx::Encode<'q, Any> for Day {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, BoxDynError> {
        <String as sqlx::Encode<'q, Any>>::encode(self.0.format("%Y-%m-%d").to_string(), buf)
    }
}

/// A yes/no as both databases keep it: 0 or 1 (SQLite has no booleans, and the same
/// queries compare flags with `= 1` on both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Flag(pub bool);

impl sqlx::Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <i64 as sqlx::Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as sqlx::Type<Any>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Flag, BoxDynError> {
        Ok(Flag(<i64 as sqlx::Decode<Any>>::decode(value)? != 0))
    }
}

impl<'q> sqlx::Encode<'q, Any> for Flag {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<sqlx::encode::IsNull, BoxDynError> {
        <i64 as sqlx::Encode<'q, Any>>::encode(i64::from(self.0), buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    #[tokio::test]
    async fn days_and_flags_are_kept_as_text_and_integers() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 2, 9).unwrap();
        let row = sqlx::query("SELECT $1 AS day, $2 AS yes, $3 AS no")
            .bind(Day(day))
            .bind(Flag(true))
            .bind(Flag(false))
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(row.get::<String, _>("day"), "2026-02-09");
        assert_eq!(row.get::<i64, _>("yes"), 1);
        assert_eq!(row.get::<Day, _>("day"), Day(day));
        assert_eq!(row.get::<Flag, _>("yes"), Flag(true));
        assert_eq!(row.get::<Flag, _>("no"), Flag(false));
        let bad = sqlx::query("SELECT 'not a day' AS day")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert!(bad.try_get::<Day, _>("day").is_err());
    }

    #[tokio::test]
    async fn any_folder_and_file_name_will_do() {
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("a b?#%20 ü").join("my journey.db");
        let store = Store::open(&odd).await.unwrap();
        store.ping().await.unwrap();
        assert!(odd.is_file());
        assert_eq!(url_path("/tmp/a b/ü?"), "/tmp/a%20b/%C3%BC%3F");
    }

    #[tokio::test]
    async fn a_database_url_must_name_a_database_we_support() {
        let error = Store::open_url("mysql://localhost/journey")
            .await
            .unwrap_err();
        assert!(error.to_string().contains("postgres://"), "{error}");
    }
}
