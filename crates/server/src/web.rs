//! Small pieces many handlers share: reading `?lang=` and answering a write that may
//! be a repeat.

use crate::error::ApiError;
use axum::http::StatusCode;
use journey_core::i18n::words::Problem;

/// `201 Created` for a new record, `200 OK` for a repeat of the same `client_id` (the
/// record was kept once, the first time).
pub fn created_or_repeat(new: bool) -> StatusCode {
    if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

/// `?lang=en` or `?lang=cy`; English when not given.
pub fn lang_query(query: Option<&str>) -> Result<journey_core::Lang, ApiError> {
    let asked = query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="));
    match asked {
        None => Ok(journey_core::Lang::En),
        Some(code) => journey_core::Lang::parse(code)
            .ok_or_else(|| ApiError::BadRequest(Problem::lang_code, None)),
    }
}
