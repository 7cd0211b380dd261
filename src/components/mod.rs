//! Small pieces shared by pages.

pub mod form;
pub mod heard_back;
pub mod help_now;
pub mod invite;
pub mod nav;
pub mod outbox;
pub mod progress_chart;
pub mod rating_scale;
pub mod read_aloud;
pub mod status;
