//! The real `journey-server` program, started, stopped and killed: backups taken while it
//! runs and put back, writes surviving a crash (SIGKILL) mid-load, and two servers sharing
//! one database. On SQLite, and on PostgreSQL too when `JOURNEY_TEST_POSTGRES` is set.

mod backup;
mod crash;
#[path = "../common/database.rs"]
mod database;
mod server;
mod two_servers;
