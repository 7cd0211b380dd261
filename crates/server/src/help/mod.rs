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
use journey_core::{BackToBuiltIn, HelpEdit, HelpForEditing, HelpPage};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::HELP, help, "The organisation's help content; the built-in content in the language asked for.")
            .lang_query()
            .also(&[400])
            .ok(200, json::<HelpPage>()),
        endpoint!(put paths::HELP, edit_help, "One of the organisation's administrators replaces the help content, in English and (`content_cy`) Welsh, as a new version; 409 if `based_on` is not the newest.")
            .body(json::<HelpEdit>())
            .also(&[409])
            .ok(200, json::<HelpPage>()),
        endpoint!(get paths::HELP_EDIT, help_for_editing, "What the Help editor starts from: the newest content in English and Welsh, and the recent versions with who saved them and when.")
            .ok(200, json::<HelpForEditing>()),
        endpoint!(post paths::HELP_BUILT_IN, back_to_built_in, "Go back to the nation's built-in help content, in English and Welsh, as a new version; 409 if `based_on` is not the newest.")
            .body(json::<BackToBuiltIn>())
            .also(&[409])
            .ok(200, json::<HelpForEditing>()),
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
    edit.validate()?;
    state.store.edit_help(&caller, &edit).await?;
    Ok(Json(state.store.help(journey_core::Lang::En).await?))
}

/// `GET /api/v1/help/edit`: the content in both languages and its recent versions, for
/// the organisation's administrators.
async fn help_for_editing(
    State(state): State<AppState>,
    Administrator(_caller): Administrator,
) -> Result<Json<HelpForEditing>, ApiError> {
    Ok(Json(state.store.help_for_editing().await?))
}

/// `POST /api/v1/help/built-in`: back to the nation's built-in content, as a new version.
async fn back_to_built_in(
    State(state): State<AppState>,
    Administrator(caller): Administrator,
    ApiJson(back): ApiJson<BackToBuiltIn>,
) -> Result<Json<HelpForEditing>, ApiError> {
    state
        .store
        .help_back_to_built_in(&caller, back.based_on)
        .await?;
    Ok(Json(state.store.help_for_editing().await?))
}
