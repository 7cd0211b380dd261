//! The real `journey-server` program, started, stopped and killed: backups taken while it
//! runs and put back, writes surviving a crash (SIGKILL) mid-load, two servers sharing one
//! database, sign-in limits behind a load balancer, and safety emails through a real SMTP
//! server. On SQLite, and on PostgreSQL too when `JOURNEY_TEST_POSTGRES` is set.

mod backup;
mod crash;
#[path = "../common/database.rs"]
mod database;
mod proxy;
mod push;
mod safety_email;
mod server;
mod slow_clients;
mod two_servers;
