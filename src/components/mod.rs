//! Small pieces shared by pages.

pub mod chart;
pub mod concerns;
pub mod draft;
pub mod faces;
pub mod feedback;
pub mod form;
pub mod goals;
pub mod good_news;
pub mod heard_back;
pub mod help_now;
pub mod help_words;
pub mod invite;
pub mod journey;
pub mod mood_history;
pub mod nav;
pub mod once;
pub mod outbox;
pub mod progress_chart;
pub mod rating_scale;
pub mod read_aloud;
pub mod reader;
pub mod review_news;
pub mod review_prep;
pub mod since_you_told_us;
pub mod status;
pub mod who_can_see;
