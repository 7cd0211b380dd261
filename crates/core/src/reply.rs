//! A reply from staff, in their own words: to a young person's view of their plan
//! (`view`), or to good news they shared (`good_news`). One type for both.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A reply, as kept and shown: exactly as written, with who wrote it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reply {
    pub id: i64,
    /// Exactly as written.
    pub words: String,
    /// The name of who replied ("Sam Rivers").
    pub by: String,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
}
