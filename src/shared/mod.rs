//! Screens both apps show, at the same address inside each: Help, Settings, Account, and
//! the page for an address that isn't one of ours.

pub mod account;
pub mod help;
pub mod not_found;
pub mod settings;
