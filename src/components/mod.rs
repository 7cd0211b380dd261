//! Small pieces shared by pages.

pub mod nav;
pub mod status;
