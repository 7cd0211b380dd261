//! The real `journey-server` program, started, stopped and killed: backups taken while it
//! runs and put back, and writes surviving a crash (SIGKILL) mid-load.

mod backup;
mod crash;
mod server;
