//! Small pieces shared by pages.

pub mod form;
pub mod invite;
pub mod nav;
pub mod status;
