//! "My records": everything stored about a young person, as JSON to download and as a
//! page to read and print.

pub mod page;
pub mod store;

use crate::auth::AllowedYoungPerson;
use crate::error::ApiError;
use crate::openapi::{endpoint, html, json, Endpoint};
use crate::state::AppState;
use crate::web::lang_query;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use journey_core::paths;
use journey_core::records::{file_name, MyRecords};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::RECORDS, records, "Everything stored about the young person, as JSON to download.")
            .ok(200, json::<MyRecords>()),
        endpoint!(get paths::RECORDS_PAGE, records_page, "The same, as a page to read and print, in the language asked for.")
            .lang_query()
            .also(&[400])
            .ok(200, html()),
    ]
}

/// `GET /api/v1/young-people/{id}/records`: everything stored about the young person, as
/// JSON to download.
async fn records(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<impl IntoResponse, ApiError> {
    let records: MyRecords = state.store.records(&allowed.caller, &allowed.id).await?;
    let name = file_name(&records.first_name, records.made_at, "json");
    Ok((download_headers(&name), Json(records)))
}

/// `GET /api/v1/young-people/{id}/records/page`: the same, as a page to read and print.
async fn records_page(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let lang = lang_query(query.as_deref())?;
    let records = state.store.records(&allowed.caller, &allowed.id).await?;
    let name = file_name(&records.first_name, records.made_at, "html");
    Ok((
        download_headers(&name),
        [(
            header::CONTENT_SECURITY_POLICY,
            page::content_security_policy(),
        )],
        axum::response::Html(page::records_html(&records, lang)),
    ))
}

fn download_headers(name: &str) -> [(header::HeaderName, String); 2] {
    [
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ]
}
