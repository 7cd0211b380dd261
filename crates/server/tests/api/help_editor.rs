//! The Help editor (issue 21, item 3): the organisation's administrators edit the help
//! content in English and Welsh, each save a version with who and when; a save based on
//! an old version is a clash; "go back to the built-in content".

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{HelpContent, HelpForEditing, HelpPage, Lang, Nation};
use serde_json::json;

/// Saves the help content in English and Welsh, on version `based_on`.
async fn save_both(
    app: &TestApp,
    cookie: &str,
    based_on: i64,
    en: &HelpContent,
    cy: &HelpContent,
) -> Reply {
    let body = json!({"based_on": based_on, "content": en, "content_cy": cy});
    app.put_help(body, cookie).await
}

/// Asks to go back to the built-in content (`POST /api/v1/help/built-in`).
async fn back_to_built_in(app: &TestApp, based_on: i64, cookie: &str) -> Reply {
    app.post_as(
        "/api/v1/help/built-in",
        json!({ "based_on": based_on }),
        cookie,
    )
    .await
}

async fn for_editing(app: &TestApp, cookie: &str) -> HelpForEditing {
    let reply = app
        .get_as("/api/v1/help/edit", cookie)
        .await
        .expect_status(StatusCode::OK);
    reply.json()
}

#[tokio::test]
async fn only_an_administrator_opens_the_editor_and_saves_english_and_welsh() {
    let app = spawn_app(true).await;
    // A manager who is not an administrator, and a worker, are refused.
    let manager = app.sign_in(MORGAN.0, MORGAN.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    for cookie in [&manager, &sam] {
        let reply = app.get_as("/api/v1/help/edit", cookie).await;
        assert_forbidden(&reply);
        let reply = back_to_built_in(&app, 0, cookie).await;
        assert_forbidden(&reply);
    }

    let morgan = administrator(&app).await;
    let start = for_editing(&app, &morgan).await;
    // Before any edit: the built-in content, in both languages, version 0.
    assert_eq!(start.version, 0);
    assert!(start.built_in);
    assert!(start.content.danger_words.starts_with("Call 999"));
    assert!(start.content_cy.danger_words.starts_with("Ffonia 999"));
    assert!(start.versions.is_empty());

    let mut en = start.content.clone();
    let mut cy = start.content_cy.clone();
    en.still_unhappy = "Ask our complaints officer, Pat, first.".into();
    cy.still_unhappy = "Gofynnwch i'n swyddog cwynion, Pat, yn gyntaf.".into();
    let reply = save_both(&app, &morgan, 0, &en, &cy)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(reply.json::<HelpPage>().version, 1);

    // Each language is served its own words.
    let welsh: HelpPage = app.get("/api/v1/help?lang=cy").await.json();
    assert_eq!(welsh.lang, Lang::Cy);
    assert_eq!(welsh.version, 1);
    assert_eq!(
        welsh.content.still_unhappy,
        "Gofynnwch i'n swyddog cwynion, Pat, yn gyntaf."
    );
    let english: HelpPage = app.get("/api/v1/help?lang=en").await.json();
    assert_eq!(english.lang, Lang::En);
    assert_eq!(
        english.content.still_unhappy,
        "Ask our complaints officer, Pat, first."
    );

    // The editor shows both, and the version with who saved it.
    let now = for_editing(&app, &morgan).await;
    assert_eq!(now.version, 1);
    assert!(!now.built_in);
    assert!(now.welsh_written);
    assert_eq!(now.content_cy.still_unhappy, cy.still_unhappy);
    assert_eq!(now.versions.len(), 1);
    assert_eq!(now.versions[0].version, 1);
    assert_eq!(now.versions[0].by, "Morgan Lee (manager)");

    // Saved in English only (as `PUT` did before there was Welsh): Welsh readers get
    // the English, marked as English, not an out-of-date Welsh.
    app.put_help(json!({"based_on": 1, "content": en}), &morgan)
        .await
        .expect_status(StatusCode::OK);
    let welsh: HelpPage = app.get("/api/v1/help?lang=cy").await.json();
    assert_eq!(welsh.lang, Lang::En);
    assert_eq!(welsh.content.still_unhappy, en.still_unhappy);
    let now = for_editing(&app, &morgan).await;
    assert!(!now.welsh_written);
    // The Welsh side starts from the built-in Welsh, to be written.
    assert!(now.content_cy.danger_words.starts_with("Ffonia 999"));
    assert_eq!(now.versions.len(), 2);
}

#[tokio::test]
async fn a_save_on_an_old_version_is_a_clash_and_welsh_problems_are_named_by_field() {
    let app = spawn_app(true).await;
    let morgan = administrator(&app).await;
    app.state.store.set_admin("sam", true).await.unwrap();
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let start = for_editing(&app, &morgan).await;
    let mut mine = start.content.clone();
    mine.still_unhappy = "Morgan's words.".into();
    let mut theirs = start.content.clone();
    theirs.still_unhappy = "Sam's words.".into();
    save_both(&app, &sam, 0, &theirs, &start.content_cy)
        .await
        .expect_status(StatusCode::OK);
    // Sam's save sent again (its answer lost on a bad signal): the version it made, once.
    let again = save_both(&app, &sam, 0, &theirs, &start.content_cy)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<HelpPage>().version, 1);
    // The same English with other Welsh is not the same save: a clash.
    let mut other_welsh = start.content_cy.clone();
    other_welsh.still_unhappy = "Geiriau eraill.".into();
    assert_conflict(&save_both(&app, &sam, 0, &theirs, &other_welsh).await);
    let clash = save_both(&app, &morgan, 0, &mine, &start.content_cy).await;
    assert_conflict(&clash);
    let body: serde_json::Value = clash.json();
    assert_eq!(body["error"]["field"], "based_on");
    assert_eq!(body["error"]["problem"], "help_clash");
    // Sam's save stands, and the editor shows it as the newest, by Sam.
    let now = for_editing(&app, &morgan).await;
    assert_eq!(now.version, 1);
    assert_eq!(now.content.still_unhappy, "Sam's words.");
    assert_eq!(now.versions[0].by, "Sam Rivers (worker)");
    assert_eq!(now.versions.len(), 1);

    // Welsh problems come back under `cy.`, and a Welsh side that doesn't match the
    // English (another number) is refused.
    let mut cy = start.content_cy.clone();
    cy.steps[0].title = " ".into();
    cy.danger_phone = "112".into();
    let reply = save_both(&app, &morgan, 1, &mine, &cy).await;
    assert_invalid(&reply);
    let fields: Vec<String> = reply.json::<serde_json::Value>()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["cy.steps[0].title", "cy.danger_phone"]);
}

#[tokio::test]
async fn going_back_to_the_built_in_content_is_a_new_version_in_both_languages() {
    let app = spawn_app(true).await;
    app.state.store.set_nation(Nation::Wales).await.unwrap();
    let morgan = administrator(&app).await;
    let start = for_editing(&app, &morgan).await;
    assert_eq!(start.version, 1);
    assert!(start.built_in);
    let mut en = start.content.clone();
    en.still_unhappy = "Our own words.".into();
    let mut cy = start.content_cy.clone();
    cy.still_unhappy = "Ein geiriau ein hunain.".into();
    save_both(&app, &morgan, 1, &en, &cy)
        .await
        .expect_status(StatusCode::OK);
    // On an old version: a clash, nothing changed.
    let reply = back_to_built_in(&app, 1, &morgan).await;
    assert_conflict(&reply);
    let reply = back_to_built_in(&app, 2, &morgan)
        .await
        .expect_status(StatusCode::OK);
    let back: HelpForEditing = reply.json();
    assert_eq!(back.version, 3);
    assert!(back.built_in);
    // Sent again (its answer lost on a bad signal): the version it made, once.
    let again = back_to_built_in(&app, 2, &morgan)
        .await
        .expect_status(StatusCode::OK);
    let again: HelpForEditing = again.json();
    assert_eq!(
        (again.version, again.versions.len()),
        (3, back.versions.len())
    );
    for (lang, starts) in [("en", "Call 999"), ("cy", "Ffonia 999")] {
        let page: HelpPage = app.get(&format!("/api/v1/help?lang={lang}")).await.json();
        assert_eq!(page.version, 3);
        assert_eq!(page.content.nation, Nation::Wales);
        assert!(page.content.danger_words.starts_with(starts));
        assert_ne!(page.content.still_unhappy, "Our own words.");
        assert_ne!(page.content.still_unhappy, "Ein geiriau ein hunain.");
    }
    // In the organisation's audit rows.
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(log.iter().any(|e| e.action
        == "put the help page back to the built-in Wales content (version 3)"
        && e.kind == journey_core::AuditKind::Organisation));
}
