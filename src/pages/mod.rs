//! One module per screen.

pub mod account;
pub mod feedback;
pub mod goal_session;
pub mod goals;
pub mod help;
pub mod home;
pub mod how_im_doing;
pub mod journey;
pub mod not_found;
pub mod plan_editor;
pub mod settings;
pub mod sign_in;
pub mod young_people;
