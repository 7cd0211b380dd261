//! OpenAPI schemas for the two newtypes that serde writes as a plain value with limits
//! (`YoungPersonId`, `GoalRating`). Everything else derives `utoipa::ToSchema` behind the
//! `openapi` feature; only the server turns it on, so the WASM client stays small.

use crate::goal::GoalRating;
use crate::goal::{RATING_MAX, RATING_MIN};
use crate::ids::{YoungPersonId, DEMO_YOUNG_PERSON_ID};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// A lower-case hyphenated UUID, as `YoungPersonId::parse` accepts.
pub const UUID_PATTERN: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

impl PartialSchema for YoungPersonId {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("A young person's id: a lower-case hyphenated UUID."))
            .pattern(Some(UUID_PATTERN))
            .min_length(Some(36))
            .max_length(Some(36))
            .examples([DEMO_YOUNG_PERSON_ID])
            .into()
    }
}

impl ToSchema for YoungPersonId {}

impl PartialSchema for GoalRating {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .description(Some("How close to the goal, from 0 to 10."))
            .minimum(Some(RATING_MIN))
            .maximum(Some(RATING_MAX))
            .into()
    }
}

impl ToSchema for GoalRating {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_id_matches_the_documented_shape() {
        assert_eq!(DEMO_YOUNG_PERSON_ID.len(), 36);
        assert!(YoungPersonId::parse(DEMO_YOUNG_PERSON_ID).is_some());
    }
}
