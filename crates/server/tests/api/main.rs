//! The API, end to end through the router, over a real SQLite file in a temporary folder.

mod access;
mod accounts;
mod bad_input;
mod basics;
mod feedback;
mod goals;
mod help;
mod helpers;
mod offline;
mod openapi;
mod plans;
mod records;
mod safety;
