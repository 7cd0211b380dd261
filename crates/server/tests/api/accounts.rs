//! Signing in and out, sign-up with invite codes, sessions, passwords, rate limits, audit.

use crate::helpers::*;
use axum::http::{header, StatusCode};
use journey_core::i18n::words::Problem;
use journey_core::{AuditEntry, ErrorBody, Invite, Journey, Me, Role};
use journey_server::accounts::kept::SQLITE_KEEP_FOR;
use journey_server::accounts::limiter::{
    MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_DEVICE,
    MAX_SIGN_UP_FAILURES_PER_INVITE,
};
use journey_server::auth::{SESSION_ABSOLUTE, SESSION_IDLE};
use serde_json::json;

/// Sam adds a young person and returns their invite.
async fn add_young_person(app: &TestApp, worker_cookie: &str, name: &str) -> Invite {
    let reply = app
        .new_young_person(worker_cookie, name)
        .await
        .expect_status(StatusCode::CREATED);
    reply.json()
}

/// Sam signs in and adds Robin: Sam's cookie and Robin's invite.
async fn sam_adds_robin(app: &TestApp) -> (String, Invite) {
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let invite = add_young_person(app, &sam, "Robin").await;
    (sam, invite)
}

/// A password good enough for sign-up.
const PASS_PHRASE: &str = "a long pass phrase";

#[tokio::test]
async fn signing_in_sets_an_http_only_strict_cookie_and_me_says_who() {
    let app = spawn_app(true).await;
    let reply = app.try_sign_in("Alex", ALEX.1).await; // usernames ignore case
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let set = reply.header(header::SET_COOKIE);
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"));
    let me: Me = app.get_as("/api/v1/me", &reply.cookie()).await.json();
    assert_eq!(me.role, Role::YoungPerson);
    assert_eq!(me.display_name, "Alex");
    assert_eq!(
        me.young_person_id.unwrap().as_str(),
        journey_core::DEMO_YOUNG_PERSON_ID
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_plain_answer() {
    let app = spawn_app(true).await;
    let wrong = app.try_sign_in(ALEX.0, "not my password").await;
    let unknown = app.try_sign_in("nobody-here", "not my password").await;
    assert_signed_out(&wrong);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert!(wrong.header(header::SET_COOKIE).is_empty());
}

#[tokio::test]
async fn empty_sign_in_fields_are_named() {
    let app = spawn_app(true).await;
    let reply = app.try_sign_in(" ", "").await;
    assert_invalid(&reply);
    assert_eq!(reply.json::<ErrorBody>().error.fields.len(), 2);
}

#[tokio::test]
async fn after_five_wrong_passwords_an_account_must_wait() {
    let app = spawn_app(true).await;
    for _ in 0..journey_server::accounts::limiter::MAX_FAILURES_PER_ACCOUNT {
        let reply = app.try_sign_in(ALEX.0, "wrong password").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password now waits, so guessing can't go on.
    let reply = app.try_sign_in(ALEX.0, ALEX.1).await;
    assert_told_to_wait(&reply);
    assert!(error_message(&reply).contains("wait 15 minutes"));
    // Other accounts are not affected by one account's limit.
    assert_eq!(sign_in_status(&app, SAM).await, StatusCode::OK);
}

#[tokio::test]
async fn many_wrong_passwords_from_one_address_are_limited_across_accounts() {
    let app = spawn_app(true).await;
    for i in 0..journey_server::accounts::limiter::MAX_FAILURES_PER_ADDRESS {
        let reply = app
            .try_sign_in(&format!("someone{i}"), "wrong password")
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let reply = app.try_sign_in(SAM.0, SAM.1).await;
    assert_told_to_wait(&reply);
}

#[tokio::test]
async fn a_young_person_signs_up_with_an_invite_and_sees_their_plan() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let invite: Invite = app
        .post_as(
            &format!("/api/v1/young-people/{JORDAN_ID}/invite"),
            json!({}),
            &sam,
        )
        .await
        .json();
    assert_eq!(invite.first_name, "Jordan");
    assert_eq!(
        invite.code.len(),
        9,
        "grouped like ABCD-EFGH: {}",
        invite.code
    );
    // Typed in lower case with a space: still accepted.
    let typed = invite.code.to_lowercase().replace('-', " ");
    let reply = app
        .sign_up(&typed, "jordan.k", "purple tiger toast")
        .await
        .expect_status(StatusCode::CREATED);
    let jordan = reply.cookie();
    let me: Me = reply.json();
    assert_eq!(me.display_name, "Jordan");
    let journey: Journey = app.get_as(&journey_uri(JORDAN_ID), &jordan).await.json();
    assert_eq!(journey.young_person.first_name, "Jordan");
    // And they can sign in again later.
    app.sign_in("jordan.k", "purple tiger toast").await;
}

#[tokio::test]
async fn an_invite_works_once_only() {
    let app = spawn_app(true).await;
    let (sam, invite) = sam_adds_robin(&app).await;
    assert_eq!(
        app.sign_up(&invite.code, "robin", PASS_PHRASE).await.status,
        StatusCode::CREATED
    );
    let again = app.sign_up(&invite.code, "robin2", PASS_PHRASE).await;
    assert_invalid(&again);
    assert_eq!(error_field(&again), "invite_code");
    // Once they have an account, no new code can be made for them.
    let reply = app
        .post_as(
            &format!("/api/v1/young-people/{}/invite", invite.young_person_id),
            json!({}),
            &sam,
        )
        .await;
    assert_conflict(&reply);
    assert_eq!(error_code(&reply), Some(Problem::already_has_account));
    assert!(error_message(&reply).starts_with("Robin already has an account."));
}

#[tokio::test]
async fn the_same_sign_up_sent_again_signs_in_and_makes_one_account() {
    let app = spawn_app(true).await;
    let (_, invite) = sam_adds_robin(&app).await;
    let first = app
        .sign_up(&invite.code, "robin", PASS_PHRASE)
        .await
        .expect_status(StatusCode::CREATED);
    // Its answer lost on a bad signal, Set up is pressed again: signed in, as Robin.
    let again = app
        .sign_up(&invite.code, "robin", PASS_PHRASE)
        .await
        .expect_status(StatusCode::OK);
    let me: Me = app.get_as("/api/v1/me", &again.cookie()).await.json();
    assert_eq!(me, first.json::<Me>());
    // Not with another password or username: the code has been used.
    for (name, password) in [
        ("robin", "another long pass phrase"),
        ("robin2", PASS_PHRASE),
    ] {
        let other = app.sign_up(&invite.code, name, password).await;
        assert_invalid(&other);
        assert_eq!(error_field(&other), "invite_code");
    }
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let made = log
        .iter()
        .filter(|e| e.action == "made their account with an invite code")
        .count();
    assert_eq!(made, 1);
}

#[tokio::test]
async fn adding_a_young_person_sent_again_adds_them_once_with_a_new_code() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let robin = json!({"first_name": "Robin", "client_id": "add-robin"});
    let first = app
        .post_as("/api/v1/young-people", robin.clone(), &sam)
        .await
        .expect_status(StatusCode::CREATED);
    let first: Invite = first.json();
    // Its answer (and so its code) lost on a bad signal, Add is pressed again: Robin once,
    // with a new code, which works.
    let again = app
        .post_as("/api/v1/young-people", robin.clone(), &sam)
        .await
        .expect_status(StatusCode::OK);
    let again: Invite = again.json();
    assert_eq!(
        (&again.young_person_id, again.first_name.as_str()),
        (&first.young_person_id, "Robin")
    );
    assert_ne!(again.code, first.code);
    // Only the newest code works: the first, which never arrived, is no use to anyone.
    let lost = app.sign_up(&first.code, "robin", PASS_PHRASE).await;
    assert_invalid(&lost);
    assert_eq!(error_field(&lost), "invite_code");
    let list: Vec<serde_json::Value> = app.get_as("/api/v1/young-people", &sam).await.json();
    let robins = list.iter().filter(|p| p["first_name"] == "Robin").count();
    assert_eq!(robins, 1);
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let added = log
        .iter()
        .filter(|e| e.action == "added a young person")
        .count();
    assert_eq!(added, 1);
    // The same client_id from someone else is not theirs: refused, nobody added.
    let theirs = app.post_as("/api/v1/young-people", robin, &morgan).await;
    assert_conflict(&theirs);
    app.sign_up(&again.code, "robin", PASS_PHRASE)
        .await
        .expect_status(StatusCode::CREATED);
    // Once Robin has an account, the same again says so instead of making a code.
    let late = app
        .post_as(
            "/api/v1/young-people",
            json!({"first_name": "Robin", "client_id": "add-robin"}),
            &sam,
        )
        .await;
    assert_conflict(&late);
    assert_eq!(error_code(&late), Some(Problem::already_has_account));
}

#[tokio::test]
async fn a_new_code_ends_the_one_before() {
    let app = spawn_app(true).await;
    let (sam, first) = sam_adds_robin(&app).await;
    // The first slip of paper is lost; Sam makes a new code.
    let second: Invite = app
        .post_as(
            &format!("/api/v1/young-people/{}/invite", first.young_person_id),
            json!({}),
            &sam,
        )
        .await
        .expect_status(StatusCode::CREATED)
        .json();
    let old = app.sign_up(&first.code, "robin", PASS_PHRASE).await;
    assert_invalid(&old);
    assert_eq!(error_field(&old), "invite_code");
    assert!(error_message(&old).contains("ask your worker for a new one"));
    app.sign_up(&second.code, "robin", PASS_PHRASE)
        .await
        .expect_status(StatusCode::CREATED);
}

#[tokio::test]
async fn an_expired_invite_is_refused_kindly() {
    let app = spawn_app(true).await;
    let (_, invite) = sam_adds_robin(&app).await;
    sqlx::query("UPDATE invites SET expires_at = $1")
        .bind(chrono::Utc::now().timestamp() - 1)
        .execute(&app.db().await)
        .await
        .unwrap();
    let reply = app.sign_up(&invite.code, "robin", PASS_PHRASE).await;
    assert_invalid(&reply);
    assert_eq!(error_field(&reply), "invite_code");
    assert!(error_message(&reply).contains("ask your worker for a new one"));
}

#[tokio::test]
async fn a_made_up_code_is_refused_and_nothing_is_made() {
    let app = spawn_app(true).await;
    let reply = app.sign_up("ABCD-2345", "guesser", PASS_PHRASE).await;
    assert_eq!(error_field(&reply), "invite_code");
    assert_eq!(
        app.try_sign_in("guesser", PASS_PHRASE).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_taken_username_is_a_conflict_and_the_invite_still_works() {
    let app = spawn_app(true).await;
    let (_, invite) = sam_adds_robin(&app).await;
    let taken = app.sign_up(&invite.code, "ALEX", PASS_PHRASE).await;
    assert_conflict(&taken);
    assert_eq!(error_field(&taken), "username");
    assert_eq!(
        app.sign_up(&invite.code, "robin", PASS_PHRASE).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn weak_passwords_and_bad_usernames_are_refused_at_sign_up() {
    let app = spawn_app(true).await;
    let (_, invite) = sam_adds_robin(&app).await;
    let reply = app.sign_up(&invite.code, "ro bin", "password").await;
    assert_invalid(&reply);
    let fields: Vec<String> = error_fields(&reply);
    assert_eq!(fields, ["username", "password"]);
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    // Used just before (so the server has read, and may keep, who the session is).
    assert_eq!(app.get_as("/api/v1/me", &alex).await.status, StatusCode::OK);
    let reply = app.post_as("/api/v1/auth/sign-out", json!({}), &alex).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(reply.header(header::SET_COOKIE).contains("Max-Age=0"));
    // The old cookie, replayed, no longer works.
    let me = app.get_as("/api/v1/me", &alex).await;
    assert_signed_out(&me);
}

/// Asks to change the password, as the holder of `cookie`.
async fn change_password(app: &TestApp, cookie: &str, current: &str, new: &str) -> Reply {
    app.post_as(
        "/api/v1/auth/password",
        json!({"current_password": current, "new_password": new}),
        cookie,
    )
    .await
}

/// Alex's session, with `column` (a time in seconds) set a second over `limit` ago, is
/// no longer accepted.
async fn assert_session_ends(column: &str, limit: std::time::Duration) {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let long_ago = chrono::Utc::now().timestamp() - limit.as_secs() as i64 - 1;
    sqlx::query(&format!("UPDATE sessions SET {column} = $1"))
        .bind(long_ago)
        .execute(&app.db().await)
        .await
        .unwrap();
    // Changed by hand, not by the server: a server on SQLite may keep who a session is
    // for this long before it reads it again.
    tokio::time::sleep(SQLITE_KEEP_FOR).await;
    let me = app.get_as("/api/v1/me", &alex).await;
    assert_signed_out(&me);
}

#[tokio::test]
async fn an_idle_session_expires() {
    assert_session_ends("last_seen_at", SESSION_IDLE).await;
}

#[tokio::test]
async fn a_busy_session_still_ends_after_the_absolute_limit() {
    assert_session_ends("created_at", SESSION_ABSOLUTE).await;
}

#[tokio::test]
async fn changing_password_needs_the_current_one_and_ends_other_sessions() {
    let app = spawn_app(true).await;
    let phone = app.sign_in(ALEX.0, ALEX.1).await;
    let laptop = app.sign_in(ALEX.0, ALEX.1).await;
    assert_eq!(
        app.get_as("/api/v1/me", &laptop).await.status,
        StatusCode::OK
    );
    let wrong = change_password(&app, &phone, "nope nope", "green river stones").await;
    assert_invalid(&wrong);
    assert_eq!(error_field(&wrong), "current_password");
    let weak = change_password(&app, &phone, ALEX.1, "12345678").await;
    assert_eq!(error_field(&weak), "new_password");
    change_password(&app, &phone, ALEX.1, "green river stones")
        .await
        .expect_status(StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_as("/api/v1/me", &phone).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get_as("/api/v1/me", &laptop).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(sign_in_status(&app, ALEX).await, StatusCode::UNAUTHORIZED);
    app.sign_in(ALEX.0, "green river stones").await;
}

#[tokio::test]
async fn the_same_password_change_sent_again_changes_nothing() {
    let app = spawn_app(true).await;
    let phone = app.sign_in(ALEX.0, ALEX.1).await;
    change_password(&app, &phone, ALEX.1, "green river stones")
        .await
        .expect_status(StatusCode::NO_CONTENT);
    // Signed in again elsewhere with the new one, then the first change arrives again
    // (its answer was lost): nothing changes, and the other session goes on.
    let laptop = app.sign_in(ALEX.0, "green river stones").await;
    change_password(&app, &phone, ALEX.1, "green river stones")
        .await
        .expect_status(StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_as("/api/v1/me", &laptop).await.status,
        StatusCode::OK
    );
    // Anything else with the old password is still "not your current password".
    let other = change_password(&app, &phone, ALEX.1, "blue river stones").await;
    assert_invalid(&other);
    assert_eq!(error_field(&other), "current_password");
    app.sign_in(ALEX.0, "green river stones").await;
}

#[tokio::test]
async fn unknown_fields_and_missing_json_are_clear_bad_requests() {
    let app = spawn_app(true).await;
    let extra = app
        .send(
            "POST",
            "/api/v1/auth/sign-in",
            Some(json!({"username": "alex", "password": "x", "admin": true})),
            None,
        )
        .await;
    assert_bad_request(&extra);
    let not_json = app.request("POST", "/api/v1/auth/sign-in").await;
    assert_bad_request(&not_json);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let app = spawn_app(true).await;
    let huge = "x".repeat(journey_server::startup::MAX_BODY_BYTES + 1);
    let reply = app
        .send(
            "POST",
            "/api/v1/auth/sign-in",
            Some(json!({"username": huge, "password": "x"})),
            None,
        )
        .await;
    assert_too_large(&reply);
}

#[tokio::test]
async fn writes_are_in_the_audit_log_for_the_teams_manager() {
    let app = spawn_app(true).await;
    let (_, invite) = sam_adds_robin(&app).await;
    app.sign_up(&invite.code, "robin", PASS_PHRASE).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let about_robin: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.young_person_id.as_ref() == Some(&invite.young_person_id))
        .map(|e| (e.who.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        about_robin,
        [
            (
                "Robin (young person)",
                "made their account with an invite code"
            ),
            ("Sam Rivers (worker)", "made an invite code"),
            ("Sam Rivers (worker)", "added a young person"),
        ]
    );
    assert!(log
        .iter()
        .any(|e| e.who == "Sam Rivers (worker)" && e.action == "signed in"));
}

// The sign-in limits under load, the owner's own device, and sign-up's usernames.

/// The device cookie a reply sets, as `name=value`, if it sets one.
fn device_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mj_device=") || v.starts_with("__Host-mj_device="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

/// What signing in as `who` (username and password) is answered with.
async fn sign_in_status(app: &TestApp, who: (&str, &str)) -> StatusCode {
    app.try_sign_in(who.0, who.1).await.status
}

/// Signing in as `who`, with the right password, is told to wait (429).
async fn assert_held_back(app: &TestApp, who: (&str, &str)) {
    assert_eq!(
        sign_in_status(app, who).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// Signs in as `who`: the device cookie that sets.
async fn device_of(app: &TestApp, who: (&str, &str)) -> String {
    device_cookie(&app.try_sign_in(who.0, who.1).await).expect("signing in sets a device cookie")
}

/// Signs in carrying `cookie` (a device cookie, say), as a browser that has one would.
async fn sign_in_carrying(app: &TestApp, cookie: &str, username: &str, password: &str) -> Reply {
    app.post_as(
        "/api/v1/auth/sign-in",
        json!({"username": username, "password": password}),
        cookie,
    )
    .await
}

/// How many replies had each status: (401s, 429s); anything else fails the test.
fn wrong_and_waiting(replies: &[Reply]) -> (usize, usize) {
    let mut counts = (0, 0);
    for reply in replies {
        match reply.status {
            StatusCode::UNAUTHORIZED => counts.0 += 1,
            StatusCode::TOO_MANY_REQUESTS => counts.1 += 1,
            other => panic!("unexpected {other}: {}", reply.text()),
        }
    }
    counts
}

/// The account is locked by wrong passwords from somewhere else (no device cookie).
async fn lock_from_elsewhere(app: &TestApp, username: &str) {
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        app.try_sign_in(username, "a stranger's guess")
            .await
            .expect_status(StatusCode::UNAUTHORIZED);
    }
    assert_told_to_wait(&app.try_sign_in(username, "a stranger's guess").await);
}

#[tokio::test]
async fn wrong_passwords_sent_at_once_are_counted_before_any_is_checked() {
    let app = spawn_app(true).await;
    let replies =
        futures_util::future::join_all((0..30).map(|_| app.try_sign_in(ALEX.0, "a guess"))).await;
    // Only as many as the limit reached the password check; the rest were told to wait.
    assert_eq!(
        wrong_and_waiting(&replies),
        (MAX_FAILURES_PER_ACCOUNT, 30 - MAX_FAILURES_PER_ACCOUNT)
    );
    // The right password after that still waits, as it always has.
    assert_told_to_wait(&app.try_sign_in(ALEX.0, ALEX.1).await);
    // Another account still signs in.
    assert_eq!(sign_in_status(&app, SAM).await, StatusCode::OK);
}

#[tokio::test]
async fn wrong_passwords_for_many_accounts_at_once_are_held_to_the_address_limit() {
    let app = spawn_app(true).await;
    let names: Vec<String> = (0..30).map(|i| format!("someone{i}")).collect();
    let replies =
        futures_util::future::join_all(names.iter().map(|name| app.try_sign_in(name, "a guess")))
            .await;
    assert_eq!(
        wrong_and_waiting(&replies),
        (MAX_FAILURES_PER_ADDRESS, 30 - MAX_FAILURES_PER_ADDRESS)
    );
    assert_held_back(&app, SAM).await;
}

#[tokio::test]
async fn a_right_password_does_not_count_towards_the_address_limit() {
    let app = spawn_app(true).await;
    // A busy place sharing one address: many people sign in, all correctly.
    for _ in 0..MAX_FAILURES_PER_ADDRESS + 2 {
        assert_eq!(sign_in_status(&app, SAM).await, StatusCode::OK);
    }
    assert_eq!(sign_in_status(&app, ALEX).await, StatusCode::OK);
}

#[tokio::test]
async fn signing_in_sets_a_long_lived_strict_device_cookie() {
    let app = spawn_app(true).await;
    let reply = app.try_sign_in(ALEX.0, ALEX.1).await;
    // The session cookie comes first, as before.
    assert!(reply.cookie().starts_with("mj_session="));
    let set: Vec<&str> = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .filter(|v| v.starts_with("mj_device="))
        .collect();
    assert_eq!(set.len(), 1, "{set:?}");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=31536000"] {
        assert!(set[0].contains(part), "{part} in {}", set[0]);
    }
    // A wrong password sets none.
    assert!(device_cookie(&app.try_sign_in(SAM.0, "a guess").await).is_none());
}

#[tokio::test]
async fn the_owners_device_still_signs_in_when_a_stranger_has_locked_the_account() {
    let app = spawn_app(true).await;
    let device = device_of(&app, ALEX).await;
    lock_from_elsewhere(&app, ALEX.0).await;
    // Alex's own phone, which has signed in before, is not held back.
    let reply = sign_in_carrying(&app, &device, ALEX.0, ALEX.1)
        .await
        .expect_status(StatusCode::OK);
    let me: Me = app.get_as("/api/v1/me", &reply.cookie()).await.json();
    assert_eq!(me.display_name, "Alex");
    // ...and that does not open the account to the stranger again.
    assert_held_back(&app, ALEX).await;
}

#[tokio::test]
async fn wrong_passwords_on_the_owners_device_have_their_own_limit_and_unlock_nothing() {
    let app = spawn_app(true).await;
    let device = device_of(&app, ALEX).await;
    lock_from_elsewhere(&app, ALEX.0).await;
    for _ in 0..MAX_FAILURES_PER_DEVICE {
        let reply = sign_in_carrying(&app, &device, ALEX.0, "a slip of the thumb").await;
        assert_signed_out(&reply);
    }
    // The device has had its tries now, even with the right password.
    assert_told_to_wait(&sign_in_carrying(&app, &device, ALEX.0, ALEX.1).await);
    // Nothing the device did opened the account for anyone else.
    assert_held_back(&app, ALEX).await;
}

#[tokio::test]
async fn wrong_passwords_on_the_device_do_not_lock_the_account_elsewhere() {
    let app = spawn_app(true).await;
    let device = device_of(&app, ALEX).await;
    for _ in 0..MAX_FAILURES_PER_DEVICE {
        sign_in_carrying(&app, &device, ALEX.0, "a slip of the thumb").await;
    }
    assert_eq!(sign_in_status(&app, ALEX).await, StatusCode::OK);
}

#[tokio::test]
async fn the_owners_device_gets_in_when_its_address_is_locked_too() {
    let app = spawn_app(true).await;
    let device = device_of(&app, ALEX).await;
    // Someone on the same wifi tries many accounts.
    for i in 0..MAX_FAILURES_PER_ADDRESS {
        app.try_sign_in(&format!("someone{i}"), "a guess").await;
    }
    assert_held_back(&app, SAM).await;
    sign_in_carrying(&app, &device, ALEX.0, ALEX.1)
        .await
        .expect_status(StatusCode::OK);
}

#[tokio::test]
async fn a_device_cookie_for_another_account_or_made_up_gives_no_way_past_the_limit() {
    let app = spawn_app(true).await;
    let alex_device = device_of(&app, ALEX).await;
    let sam_device = device_of(&app, SAM).await;
    lock_from_elsewhere(&app, ALEX.0).await;
    let (name, value) = alex_device.split_once('=').unwrap();
    // The same token with one letter of its signature changed...
    let last = value.chars().last().unwrap();
    let changed = if last == 'A' { 'B' } else { 'A' };
    let tampered = format!("{name}={}{changed}", &value[..value.len() - 1]);
    // ...or claiming Alex's account with Sam's signature.
    let (alex_account, _) = value.split_once('.').unwrap();
    let (_, sam_rest) = sam_device
        .split_once('=')
        .unwrap()
        .1
        .split_once('.')
        .unwrap();
    let spliced = format!("{name}={alex_account}.{sam_rest}");
    for cookie in [
        sam_device.clone(),
        tampered,
        spliced,
        format!("{name}=made-up"),
        format!("{name}="),
    ] {
        let reply = sign_in_carrying(&app, &cookie, ALEX.0, ALEX.1).await;
        assert_told_to_wait(&reply);
    }
    // Sam's own device still works for Sam.
    assert_eq!(
        sign_in_carrying(&app, &sam_device, SAM.0, SAM.1)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn taken_usernames_at_sign_up_count_towards_the_invite_code_limit() {
    let app = spawn_app(true).await;
    let (_, invite) = sam_adds_robin(&app).await;
    for name in ["alex", "sam", "morgan"]
        .iter()
        .cycle()
        .take(MAX_SIGN_UP_FAILURES_PER_INVITE)
    {
        let reply = app.sign_up(&invite.code, name, PASS_PHRASE).await;
        assert_conflict(&reply);
    }
    // No more asking which usernames exist with this code, for now.
    for name in ["alex", "a-free-name"] {
        assert_told_to_wait(&app.sign_up(&invite.code, name, PASS_PHRASE).await);
    }
}

#[tokio::test]
async fn taken_usernames_and_wrong_codes_from_one_address_share_its_sign_up_limit() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let mut tries = 0;
    while tries < MAX_FAILURES_PER_ADDRESS {
        let invite = add_young_person(&app, &sam, "Robin").await;
        for _ in 0..MAX_SIGN_UP_FAILURES_PER_INVITE.min(MAX_FAILURES_PER_ADDRESS - tries) {
            let reply = app.sign_up(&invite.code, "alex", PASS_PHRASE).await;
            assert_conflict(&reply);
            tries += 1;
        }
    }
    let invite = add_young_person(&app, &sam, "Robin").await;
    assert_told_to_wait(&app.sign_up(&invite.code, "robin", PASS_PHRASE).await);
}

#[tokio::test]
async fn sign_ups_with_wrong_codes_sent_at_once_are_held_to_the_limit() {
    let app = spawn_app(true).await;
    let alphabet = journey_core::account::INVITE_ALPHABET;
    let codes: Vec<String> = (0..30)
        .map(|i| format!("ABCD-EFG{}", char::from(alphabet[i])))
        .collect();
    let replies = futures_util::future::join_all(
        codes
            .iter()
            .map(|code| app.sign_up(code, "guesser", PASS_PHRASE)),
    )
    .await;
    let waiting = replies
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(waiting, 30 - MAX_FAILURES_PER_ADDRESS);
}

#[tokio::test]
async fn the_owner_changes_their_password_from_their_device_while_a_stranger_holds_the_account() {
    let app = spawn_app(true).await;
    let first = app.try_sign_in(ALEX.0, ALEX.1).await;
    let device = device_cookie(&first).unwrap();
    let session = first.cookie();
    lock_from_elsewhere(&app, ALEX.0).await;
    let both = format!("{session}; {device}");
    change_password(&app, &both, ALEX.1, "green river stones")
        .await
        .expect_status(StatusCode::NO_CONTENT);
    // Without the device cookie, the same session waits, as it did before.
    let reply = change_password(&app, &session, "green river stones", "blue lake pebbles").await;
    assert_told_to_wait(&reply);
}

#[tokio::test]
async fn a_new_password_ends_every_device_token_the_account_had() {
    let app = spawn_app(true).await;
    let first = app.try_sign_in(ALEX.0, ALEX.1).await;
    let device = device_cookie(&first).unwrap();
    change_password(&app, &first.cookie(), ALEX.1, "green river stones")
        .await
        .expect_status(StatusCode::NO_CONTENT);
    lock_from_elsewhere(&app, ALEX.0).await;
    // A device that signed in with the old password gets no way past the limit.
    assert_told_to_wait(&sign_in_carrying(&app, &device, ALEX.0, "green river stones").await);
}
