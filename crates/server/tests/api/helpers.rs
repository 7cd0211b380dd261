//! The test harness: a fresh app over its own database (a SQLite file, or a PostgreSQL
//! database when the run asks for it: see `database.rs`), and requests with cookies.

pub use crate::database::on_postgres;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use journey_core::{ErrorBody, ErrorCode};
use journey_server::config::Config;
use journey_server::router;
use journey_server::startup::build_state;
use journey_server::state::AppState;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

pub struct TestApp {
    pub dir: TempDir,
    pub router: Router,
    pub state: AppState,
}

pub async fn config(dir: &Path, demo: bool) -> Config {
    // A failing test then shows what the server logged; a passing one, nothing.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn")
        .with_test_writer()
        .try_init();
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database: crate::database::for_folder(dir).await,
        dist: dir.join("dist"),
        demo,
        demo_team: false,
        secure_cookies: false,
        trusted_proxies: Vec::new(),
        safety_email: Default::default(),
    }
}

pub const INDEX_HTML: &str = "<!doctype html><title>My Journey</title><p>client</p>\
    <script type=\"module\">import init from '/app.js'; init();</script>";

/// A fresh app with its own database file and a small stand-in for the built client.
pub async fn spawn_app(demo: bool) -> TestApp {
    spawn_with(demo, false).await
}

/// A fresh app with the whole demo, as `--demo` makes it: the rest of the team with
/// months of history too.
pub async fn spawn_full_demo() -> TestApp {
    spawn_with(true, true).await
}

async fn spawn_with(demo: bool, demo_team: bool) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), INDEX_HTML).unwrap();
    std::fs::write(dir.path().join("dist/app.css"), "body{}").unwrap();
    let mut config = config(dir.path(), demo).await;
    config.demo_team = demo_team;
    let state = build_state(config).await.unwrap();
    TestApp::new(dir, state)
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The whole of an answer; of an event stream, which never ends by itself, its status
    /// and headers.
    pub async fn read(response: axum::response::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let body = if is_event_stream(&headers) {
            Vec::new()
        } else {
            crate::body::read_all(response.into_body()).await
        };
        Reply {
            status,
            headers,
            body,
        }
    }
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The answer, if its status is `status`; otherwise the test fails, showing its body.
    #[track_caller]
    pub fn expect_status(self, status: StatusCode) -> Reply {
        assert_eq!(self.status, status, "{}", self.text());
        self
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    /// The session cookie this reply sets, as `name=value` for the next request.
    pub fn cookie(&self) -> String {
        let set = self.header(header::SET_COOKIE);
        assert!(
            !set.is_empty(),
            "no cookie set; status {} body {}",
            self.status,
            self.text()
        );
        set.split(';').next().unwrap().to_owned()
    }
}

impl TestApp {
    /// Adds a member of staff to an existing team, as `journey-server admin
    /// create-worker` does, with this password.
    pub async fn add_staff(
        &self,
        name: &str,
        username: &str,
        team: &str,
        manager: bool,
        password: &str,
    ) {
        let staff = journey_server::admin::NewStaff {
            name: name.into(),
            username: username.into(),
            team: team.into(),
            manager,
            phone: None,
            email: None,
        };
        self.state
            .store
            .create_staff(
                &staff,
                &journey_server::secrets::hash_password(password),
                None,
            )
            .await
            .unwrap();
    }

    /// "Other team": Riley Stone (`riley`), a worker, and Casey Brook (`casey`), its
    /// manager, with [`OTHER_TEAM_PASSWORD`]; they support none of the demo's young people.
    pub async fn add_other_team(&self) {
        self.state.store.create_team("Other team").await.unwrap();
        for (name, username, manager) in [
            ("Riley Stone", "riley", false),
            ("Casey Brook", "casey", true),
        ] {
            self.add_staff(name, username, "Other team", manager, OTHER_TEAM_PASSWORD)
                .await;
        }
    }

    pub fn new(dir: TempDir, state: AppState) -> TestApp {
        TestApp {
            router: router(state.clone()),
            state,
            dir,
        }
    }

    /// Sends a request, as the holder of `cookie` if given, with a JSON body if given.
    pub async fn send(
        &self,
        method: &str,
        uri: &str,
        body: Option<Value>,
        cookie: Option<&str>,
    ) -> Reply {
        self.send_bytes(
            method,
            uri,
            body.map(|json| json.to_string().into_bytes()),
            cookie,
        )
        .await
    }

    /// Sends a request whose body is any bytes, labelled as JSON (for bodies that are
    /// not JSON at all, or too big).
    pub async fn send_bytes(
        &self,
        method: &str,
        uri: &str,
        body: Option<Vec<u8>>,
        cookie: Option<&str>,
    ) -> Reply {
        use tower::ServiceExt;
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let request = match body {
            Some(bytes) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(bytes)),
            None => request.body(Body::empty()),
        }
        .unwrap();
        Reply::read(self.router.clone().oneshot(request).await.unwrap()).await
    }

    pub async fn request(&self, method: &str, uri: &str) -> Reply {
        self.send(method, uri, None, None).await
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.request("GET", uri).await
    }

    pub async fn get_as(&self, uri: &str, cookie: &str) -> Reply {
        self.send("GET", uri, None, Some(cookie)).await
    }

    pub async fn post_as(&self, uri: &str, body: Value, cookie: &str) -> Reply {
        self.send("POST", uri, Some(body), Some(cookie)).await
    }

    pub async fn put_as(&self, uri: &str, body: Value, cookie: &str) -> Reply {
        self.send("PUT", uri, Some(body), Some(cookie)).await
    }

    /// Saves the organisation's help content (`PUT /api/v1/help`) as `cookie`.
    pub async fn put_help(&self, body: Value, cookie: &str) -> Reply {
        self.put_as("/api/v1/help", body, cookie).await
    }

    pub async fn try_sign_in(&self, username: &str, password: &str) -> Reply {
        self.send(
            "POST",
            "/api/v1/auth/sign-in",
            Some(serde_json::json!({"username": username, "password": password})),
            None,
        )
        .await
    }

    /// Adds a young person (`POST /api/v1/young-people`) as the member of staff holding
    /// `cookie`; the answer is their invite.
    pub async fn new_young_person(&self, cookie: &str, first_name: &str) -> Reply {
        self.post_as(
            "/api/v1/young-people",
            serde_json::json!({ "first_name": first_name }),
            cookie,
        )
        .await
    }

    /// Makes an account with an invite code (`POST /api/v1/auth/sign-up`).
    pub async fn sign_up(&self, code: &str, username: &str, password: &str) -> Reply {
        self.send(
            "POST",
            "/api/v1/auth/sign-up",
            Some(serde_json::json!({
                "invite_code": code, "username": username, "password": password
            })),
            None,
        )
        .await
    }

    /// Signs in and returns the session cookie.
    pub async fn sign_in(&self, username: &str, password: &str) -> String {
        let reply = self.try_sign_in(username, password).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "sign in as {username}: {}",
            reply.text()
        );
        reply.cookie()
    }

    /// A direct connection to the same database, to age sessions and invites.
    pub async fn db(&self) -> sqlx::AnyPool {
        crate::database::connect(&self.state.config.database).await
    }
}

fn is_event_stream(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"))
}

/// An open `GET /api/v1/events` stream, read event by event.
pub struct EventStream {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    body: Body,
    buffer: String,
}

/// How long a test waits for an event before failing: generous for a loaded machine.
pub const EVENT_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

impl EventStream {
    /// The next event's name and JSON data, skipping comments and keep-alives; `None` when
    /// the server ended the stream. Fails the test if nothing comes within [`EVENT_WAIT`].
    pub async fn next_event(&mut self) -> Option<(String, Value)> {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = Some(value.trim().to_owned());
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push_str(value.trim());
                    }
                }
                if let Some(name) = name {
                    let data = serde_json::from_str(&data)
                        .unwrap_or_else(|e| panic!("event data is not JSON ({e}): {data}"));
                    return Some((name, data));
                }
            }
            let frame = tokio::time::timeout(EVENT_WAIT, self.body.frame())
                .await
                .unwrap_or_else(|_| panic!("no event within {EVENT_WAIT:?}"));
            match frame {
                None => return None,
                Some(frame) => {
                    if let Ok(bytes) = frame.expect("the stream reads").into_data() {
                        self.buffer.push_str(std::str::from_utf8(&bytes).unwrap());
                    }
                }
            }
        }
    }

    /// Everything sent so far that is not an event (the greeting), for checking headers.
    pub async fn greeting(&mut self) -> String {
        let frame = tokio::time::timeout(EVENT_WAIT, self.body.frame())
            .await
            .expect("the greeting comes at once")
            .expect("the stream is open")
            .expect("the stream reads");
        String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap()
    }
}

impl TestApp {
    /// Opens `GET /api/v1/events` as the holder of `cookie` and keeps it open.
    pub async fn open_events(&self, cookie: &str) -> EventStream {
        use tower::ServiceExt;
        let request = Request::builder()
            .uri("/api/v1/events")
            .header(header::COOKIE, cookie)
            .header(header::ACCEPT, "text/event-stream")
            .header(header::ACCEPT_ENCODING, "gzip, br")
            .body(Body::empty())
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        EventStream {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.into_body(),
            buffer: String::new(),
        }
    }
}

/// Morgan (Alex's worker's manager), made one of the organisation's administrators (as
/// `journey-server admin grant-admin --username morgan` does), signed in.
pub async fn administrator(app: &TestApp) -> String {
    app.state.store.set_admin("morgan", true).await.unwrap();
    app.sign_in(MORGAN.0, MORGAN.1).await
}

pub fn journey_uri(id: &str) -> String {
    format!("/api/v1/young-people/{id}/journey")
}

#[track_caller]
pub fn assert_json_error(reply: &Reply, status: StatusCode, code: ErrorCode) {
    assert_eq!(reply.status, status, "body: {}", reply.text());
    let body: ErrorBody = reply.json();
    assert_eq!(body.error.code, code);
    assert!(!body.error.message.is_empty());
}

/// The error answers the tests look for, each with its status and code.
macro_rules! error_asserts {
    ($($(#[$doc:meta])* $name:ident: $status:ident, $code:ident;)*) => {$(
        $(#[$doc])*
        #[track_caller]
        pub fn $name(reply: &Reply) {
            assert_json_error(reply, StatusCode::$status, ErrorCode::$code);
        }
    )*};
}

error_asserts! {
    /// 400: the request itself is not one the API takes.
    assert_bad_request: BAD_REQUEST, BadRequest;
    /// 401: not signed in (or the session has ended).
    assert_signed_out: UNAUTHORIZED, Unauthorised;
    /// 403: signed in, but not allowed to.
    assert_forbidden: FORBIDDEN, Forbidden;
    /// 404: not there, or not for this caller to know of.
    assert_not_found: NOT_FOUND, NotFound;
    /// 409: a clash with what is stored.
    assert_conflict: CONFLICT, Conflict;
    /// 413: a body over the limit.
    assert_too_large: PAYLOAD_TOO_LARGE, PayloadTooLarge;
    /// 422: the fields are explained.
    assert_invalid: UNPROCESSABLE_ENTITY, Validation;
    /// 429: told to wait (a rate limit).
    assert_told_to_wait: TOO_MANY_REQUESTS, TooManyRequests;
}

/// The error's message.
pub fn error_message(reply: &Reply) -> String {
    reply.json::<ErrorBody>().error.message
}

/// The error's field, if it names one ("" if not).
pub fn error_field(reply: &Reply) -> String {
    reply.json::<ErrorBody>().error.field.unwrap_or_default()
}

/// The name of the error's first field message in the language tables, so each side can
/// word it in its own language (`None`: English words of its own).
pub fn error_code(reply: &Reply) -> Option<journey_core::i18n::words::Problem> {
    reply
        .json::<ErrorBody>()
        .error
        .fields
        .first()
        .and_then(|f| f.code)
}

/// The fields the error explains, in order.
pub fn error_fields(reply: &Reply) -> Vec<String> {
    reply
        .json::<ErrorBody>()
        .error
        .fields
        .into_iter()
        .map(|f| f.field)
        .collect()
}

pub const ALEX: (&str, &str) = ("alex", "demo-alex-journey");
pub const SAM: (&str, &str) = ("sam", "demo-sam-worker");
pub const MORGAN: (&str, &str) = ("morgan", "demo-morgan-manager");
pub const OTHER_TEAM_PASSWORD: &str = "other team password";
pub const JORDAN_ID: &str = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

/// A documented route's path with the demo young person's id, and "1" for anything else.
pub fn example_uri(route: &journey_server::openapi::Route) -> String {
    let mut uri = format!("/api/v1{}", route.path);
    for name in route.parameters() {
        let value = if name == "id" && route.path.starts_with("/young-people/") {
            journey_core::DEMO_YOUNG_PERSON_ID
        } else {
            "1"
        };
        uri = uri.replace(&format!("{{{name}}}"), value);
    }
    uri
}
