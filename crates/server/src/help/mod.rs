//! Help: how to complain, advocacy, helplines and what to do in danger. Open to
//! everyone, signed in or not.

pub mod store;

use crate::auth::Administrator;
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, Endpoint};
use crate::state::AppState;
use crate::web::lang_query;
use axum::extract::State;
use axum::Json;
use journey_core::paths;
use journey_core::{HelpEdit, HelpPage};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::HELP, help, Public, "The organisation's help content; the built-in content in the language asked for.")
            .lang_query()
            .also(&[400])
            .ok(200, json::<HelpPage>()),
        endpoint!(put paths::HELP, edit_help, Administrator, "One of the organisation's administrators replaces the help content, as a new version.")
            .body(json::<HelpEdit>())
            .ok(200, json::<HelpPage>()),
    ]
}

/// `GET /api/v1/help`: the organisation's help content. Open to everyone, signed in or
/// not: it says what to do in danger.
async fn help(
    State(state): State<AppState>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Json<HelpPage>, ApiError> {
    Ok(Json(state.store.help(lang_query(query.as_deref())?).await?))
}

/// `PUT /api/v1/help`: one of the organisation's administrators replaces the help
/// content, as a new version. It belongs to the whole organisation, so no team's manager
/// can change it.
async fn edit_help(
    State(state): State<AppState>,
    Administrator(caller): Administrator,
    ApiJson(edit): ApiJson<HelpEdit>,
) -> Result<Json<HelpPage>, ApiError> {
    edit.content.validate()?;
    state.store.edit_help(&caller, &edit).await?;
    Ok(Json(state.store.help(journey_core::Lang::En).await?))
}
