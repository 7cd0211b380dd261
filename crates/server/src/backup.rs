//! Backing up and restoring the SQLite database.
//!
//! `journey-server admin backup --to FILE` works while the server runs: SQLite's
//! `VACUUM INTO` copies one consistent moment of the database (a read transaction, so
//! writers carry on), and the copy is checked before the command says it worked.
//!
//! `journey-server admin restore --from FILE` puts a backup back. It refuses while a
//! server is using the database (every running server holds a shared lock on
//! `<database>.lock`), checks the backup first, and keeps the database it replaces beside
//! it as `<database>.before-restore-<time>`, so a restore never loses anything either.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{Connection, SqliteConnection};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The lock file beside a database.
pub fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Held by a running server: a shared lock, so several can run but a restore cannot.
pub struct InUse(#[allow(dead_code)] File);

/// Marks the database as in use for as long as the returned value lives.
pub fn mark_in_use(database: &Path) -> Result<InUse, String> {
    let file = open_lock(database)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(InUse(file)),
        Err(TryLockError::WouldBlock) => Err(format!(
            "{} is being restored. Try again when the restore has finished.",
            database.display()
        )),
        Err(TryLockError::Error(error)) => Err(format!(
            "could not lock {}: {error}",
            lock_path(database).display()
        )),
    }
}

fn open_lock(database: &Path) -> Result<File, String> {
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("could not make {}: {e}", dir.display()))?;
    }
    let path = lock_path(database);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("could not open {}: {e}", path.display()))
}

/// What a checked database holds, to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The newest migration it has.
    pub schema_version: i64,
    pub young_people: i64,
}

/// Opens a database file read-only and checks it is whole and is a My Journey database.
pub async fn check(path: &Path) -> Result<Checked, String> {
    if !path.is_file() {
        return Err(format!("there is no file at {}", path.display()));
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .journal_mode(SqliteJournalMode::Delete);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| format!("{} is not a database we can read: {e}", path.display()))?;
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| format!("{} could not be checked: {e}", path.display()))?;
    if integrity != "ok" {
        return Err(format!("{} is damaged: {integrity}", path.display()));
    }
    let (schema_version,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut conn)
            .await
            .map_err(|_| format!("{} is not a My Journey database", path.display()))?;
    let (young_people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM young_people")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| format!("{} is not a My Journey database", path.display()))?;
    conn.close().await.ok();
    Ok(Checked {
        schema_version,
        young_people,
    })
}

/// The newest migration this server knows.
fn newest_migration() -> i64 {
    crate::store::migrations::sqlite()
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// Copies the live database to `to` (which must not exist yet) and checks the copy.
pub async fn backup(database: &Path, to: &Path) -> Result<Checked, String> {
    if !database.is_file() {
        return Err(format!("there is no database at {}", database.display()));
    }
    if to.exists() {
        return Err(format!(
            "{} already exists; choose a new name so no backup is overwritten",
            to.display()
        ));
    }
    let target = to
        .to_str()
        .ok_or_else(|| format!("{} is not a path SQLite can take", to.display()))?;
    // Not read-only: a WAL database needs its -shm file to be readable, which may mean
    // making it. Nothing is written to the database itself.
    let options = SqliteConnectOptions::new()
        .filename(database)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(std::time::Duration::from_secs(10));
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| format!("could not open {}: {e}", database.display()))?;
    let copied = sqlx::query("VACUUM INTO ?")
        .bind(target)
        .execute(&mut conn)
        .await;
    conn.close().await.ok();
    if let Err(error) = copied {
        let _ = std::fs::remove_file(to);
        return Err(format!("the backup could not be written: {error}"));
    }
    check(to).await.inspect_err(|_| {
        let _ = std::fs::remove_file(to);
    })
}

/// Puts a backup back in place of the database, keeping the one it replaces.
/// Returns what was restored and where the replaced database was kept (if there was one).
pub async fn restore(database: &Path, from: &Path) -> Result<(Checked, Option<PathBuf>), String> {
    let lock = open_lock(database)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(format!(
            "a journey-server is running on {}. Stop it first, then restore, then start it again.",
            database.display()
        ))
        }
        Err(TryLockError::Error(error)) => return Err(format!("could not lock: {error}")),
    }
    let checked = check(from).await?;
    if checked.schema_version > newest_migration() {
        return Err(format!(
            "{} comes from a newer version of My Journey; restore it with that version",
            from.display()
        ));
    }
    // Copy first, next to the database, so the swap below is a rename on one disk.
    let incoming = sibling(database, ".restoring");
    std::fs::copy(from, &incoming).map_err(|e| format!("could not copy the backup: {e}"))?;
    File::open(&incoming)
        .and_then(|f| f.sync_all())
        .map_err(|e| format!("could not save the copy: {e}"))?;
    let kept = if database.exists() {
        let kept = sibling(
            database,
            &format!(
                ".before-restore-{}",
                chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
            ),
        );
        // The database with its write-ahead log and index, moved together.
        for suffix in ["", "-wal", "-shm"] {
            let from = sibling(database, suffix);
            if from.exists() {
                std::fs::rename(&from, sibling(&kept, suffix))
                    .map_err(|e| format!("could not move {} aside: {e}", from.display()))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&incoming, database)
        .map_err(|e| format!("could not put the backup in place: {e}"))?;
    drop(lock);
    Ok((checked, kept))
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
