//! Server push to staff screens (`GET /api/v1/events`, Server-Sent Events): the names of
//! the events and what each carries. Only ids: the screen then asks `GET /api/v1/safety`
//! again, through the same access rules as always, so nothing a young person wrote
//! travels this way.

use crate::ids::YoungPersonId;
use serde::{Deserialize, Serialize};

/// A young person said they don't feel safe.
pub const SAFETY_FLAG_RAISED: &str = "safety-flag-raised";
/// Someone recorded what they did about a safety flag, which closed it.
pub const SAFETY_FLAG_CLOSED: &str = "safety-flag-closed";

/// The `data` of a safety event, as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetyFlagEvent {
    pub flag_id: String,
    pub young_person_id: YoungPersonId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_carries_ids_only() {
        let event = SafetyFlagEvent {
            flag_id: "f1".into(),
            young_person_id: YoungPersonId::parse(crate::ids::DEMO_YOUNG_PERSON_ID).unwrap(),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"flag_id": "f1", "young_person_id": crate::ids::DEMO_YOUNG_PERSON_ID})
        );
        assert_ne!(SAFETY_FLAG_RAISED, SAFETY_FLAG_CLOSED);
    }
}
