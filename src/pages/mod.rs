//! One module per screen.

pub mod coming_soon;
pub mod journey;
