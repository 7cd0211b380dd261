//! Which database a test runs on. Always SQLite (a file in the test's own folder); with
//! `JOURNEY_TEST_POSTGRES` set to a PostgreSQL server's URL (as `cargo xtask test` does,
//! with a throwaway cluster on loopback), a fresh PostgreSQL database of the test's own
//! on that server instead, so the same tests check both.
// Shared by the API and process test programs; each uses part of it.
#![allow(dead_code)]

use journey_server::config::Database;
use sqlx::Connection;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

/// The PostgreSQL server the tests should use, if any.
pub fn postgres_server() -> Option<String> {
    std::env::var("JOURNEY_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// True when the tests are running on PostgreSQL (for the few SQLite-only checks).
pub fn on_postgres() -> bool {
    postgres_server().is_some()
}

/// The database for the test whose folder is `dir`: the same one every time it is asked
/// for the same folder (a restart test opens it twice), a new one for each new folder.
pub async fn for_folder(dir: &Path) -> Database {
    let Some(server) = postgres_server() else {
        return Database::File(dir.join("data").join("journey.db"));
    };
    let name = format!("journey_test_{:016x}", HASH_SEED.hash_one(dir));
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("JOURNEY_TEST_POSTGRES={server}: {e}"));
    drop_finished(&mut admin).await;
    let exists: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(&name)
        .fetch_optional(&mut admin)
        .await
        .unwrap();
    if exists.is_none() {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        MADE.lock().unwrap().push((name.clone(), dir.to_path_buf()));
    }
    let base = server
        .rsplit_once('/')
        .map(|(base, _)| base)
        .filter(|base| base.contains("://") && !base.ends_with('/'))
        .unwrap_or_else(|| panic!("JOURNEY_TEST_POSTGRES must end in /DATABASE: {server}"));
    Database::Url(format!("{base}/{name}"))
}

/// The databases this test program made, each with its test's folder. Each is a copy of
/// template1 (about 7.5 MB), so a run that kept them all would fill a small disk: once a
/// folder is gone (its test has ended), its database is dropped.
static MADE: std::sync::Mutex<Vec<(String, PathBuf)>> = std::sync::Mutex::new(Vec::new());

/// Drops the databases of tests that have ended (their folders are gone). FORCE closes
/// whatever connections a finished test's pool still holds.
async fn drop_finished(admin: &mut sqlx::PgConnection) {
    let finished: Vec<String> = {
        let mut made = MADE.lock().unwrap();
        let (gone, running) = made.drain(..).partition(|(_, dir)| !dir.exists());
        *made = running;
        gone.into_iter().map(|(name, _)| name).collect::<Vec<_>>()
    };
    for name in finished {
        if let Err(e) = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut *admin)
            .await
        {
            // Only disk space is lost; the test that asked is not at fault.
            eprintln!("could not drop the finished test's database {name}: {e}");
        }
    }
}

/// The same folder hashes the same way throughout one test run.
static HASH_SEED: std::sync::LazyLock<std::collections::hash_map::RandomState> =
    std::sync::LazyLock::new(std::collections::hash_map::RandomState::new);

/// A pool over a test's database, to look at or age what the server stored.
pub async fn connect(database: &Database) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    let url = match database {
        Database::File(path) => format!("sqlite://{}", path.display()),
        Database::Url(url) => url.clone(),
    };
    sqlx::AnyPool::connect(&url).await.unwrap()
}

/// Every table of ours in the database, by name.
pub async fn tables(db: &sqlx::AnyPool) -> Vec<String> {
    let sql = if on_postgres() {
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' ORDER BY table_name"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name <> '_sqlx_migrations' ORDER BY name"
    };
    let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(db).await.unwrap();
    rows.into_iter().map(|(name,)| name).collect()
}
