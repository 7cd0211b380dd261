//! The API, end to end through the router, over a real SQLite file in a temporary folder,
//! or, when `JOURNEY_TEST_POSTGRES` names a PostgreSQL server, a fresh database on it.

mod access;
mod accounts;
mod audit_screen;
mod bad_input;
mod basics;
#[path = "../common/body.rs"]
mod body;
mod concerns;
mod confirm;
#[path = "../common/database.rs"]
mod database;
mod demo;
mod edge;
mod events;
mod feedback;
mod goals;
mod good_news;
mod heard_back;
mod help;
mod help_editor;
mod helpers;
mod offline;
mod openapi;
mod plans;
mod records;
mod review;
mod safety;
mod safety_email;
mod sessions;
mod team;
