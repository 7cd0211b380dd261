//! One module per screen.

pub mod account;
pub mod coming_soon;
pub mod help;
pub mod home;
pub mod journey;
pub mod plan_editor;
pub mod sign_in;
pub mod young_people;
