//! Accounts and sessions: signing in and out, signing up with an invite, passwords, and
//! the young people a worker or manager supports (adding one, a new invite code).

pub mod kept;
pub mod limiter;
pub mod store;

use crate::accounts::limiter::{
    device_cookie, device_token, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_DEVICE, MAX_SIGN_UP_FAILURES_PER_INVITE,
};
use crate::auth::{
    clear_cookie, session_cookie, session_token, Caller, ClientAddress, Staff, StaffOfYoungPerson,
};
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, list, object, Endpoint};
use crate::secrets::{hash_password_async, secret_hash, verify_password_async};
use crate::state::AppState;
use crate::web::created_or_repeat;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::AppendHeaders;
use axum::Json;
use journey_core::account::{parse_invite_code, username_key};
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::{
    ChangePassword, ConfirmPassword, FieldError, Invite, Me, NewYoungPerson, SignIn, SignUp,
    ValidationErrors, YoungPersonListItem,
};

type WithCookie<T> = ([(header::HeaderName, HeaderValue); 1], T);
/// A reply that starts a session: the session cookie first, then the device cookie.
type WithCookies<T> = (AppendHeaders<[(header::HeaderName, HeaderValue); 2]>, T);

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::ME, me, "Who is signed in.")
            .ok(200, json::<Me>()),
        endpoint!(post paths::SIGN_IN, sign_in, "Sign in; sets the session cookie, and a device cookie that lets this browser \
             sign in to the same account while wrong passwords sent from elsewhere hold it back.")
            .body(json::<SignIn>())
            .ok(200, json::<Me>())
            .also(&[401, 429]),
        endpoint!(post paths::SIGN_UP, sign_up, "A young person makes their account with an invite code; sets the session and \
             device cookies. Wrong codes and taken usernames count towards a limit per address and per code (429).")
            .body(json::<SignUp>())
            .ok(201, json::<Me>())
            .also(&[429]),
        endpoint!(post paths::SIGN_OUT, sign_out, "Ends the session. Always works; the body is `{}`.")
            .body(object())
            .empty(204),
        endpoint!(post paths::PASSWORD, change_password, "Change password; other sessions end.")
            .body(json::<ChangePassword>())
            .empty(204)
            .also(&[429]),
        endpoint!(post paths::CONFIRM, confirm_password, "The person signed in types their password again (a worker taking their device \
             back after a young person's turn). 401 with field \"password\" when it is wrong; \
             failures count towards the sign-in limits.")
            .body(json::<ConfirmPassword>())
            .empty(204)
            .also(&[429]),
        endpoint!(get paths::YOUNG_PEOPLE, young_people, "A worker's young people, or a manager's team's.")
            .ok(200, list::<YoungPersonListItem>()),
        endpoint!(post paths::YOUNG_PEOPLE, add_young_person, "A worker adds a young person and gets their invite code.")
            .body(json::<NewYoungPerson>())
            .created_or_repeat(json::<Invite>()),
        endpoint!(post paths::INVITE, new_invite, "A new invite code for someone with no account yet.")
            .ok(201, json::<Invite>())
            .also(&[409]),
    ]
}

/// `GET /api/v1/me`: who is signed in.
async fn me(caller: Caller) -> Json<Me> {
    Json(me_of(&caller))
}

/// `POST /api/v1/auth/sign-in`. The same answer, and the same work, whether the username
/// exists or not; limited per account and per address, or, from a browser carrying a
/// device token for the account, per device token (see [`password_checked`]).
async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(input): ApiJson<SignIn>,
) -> Result<WithCookies<Json<Me>>, ApiError> {
    let mut errors = Vec::new();
    if input.username.trim().is_empty() {
        errors.push(FieldError::problem(
            "username",
            Problem::please_write,
            &[("what", "your username")],
        ));
    }
    if input.password.is_empty() {
        errors.push(FieldError::problem(
            "password",
            Problem::please_write,
            &[("what", "your password")],
        ));
    }
    ValidationErrors::result(errors)?;
    let asking = Asking {
        address: &address,
        headers: &headers,
    };
    let (account_id, password_hash) =
        password_checked(&state, &asking, &input.username, input.password, None)
            .await?
            .right()
            .ok_or(ApiError::WrongPassword)?;
    signed_in(&state, &account_id, &password_hash).await
}

/// `POST /api/v1/auth/sign-up`: a young person makes their account with an invite code.
async fn sign_up(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(input): ApiJson<SignUp>,
) -> Result<(StatusCode, WithCookies<Json<Me>>), ApiError> {
    input.validate()?;
    let code = parse_invite_code(&input.invite_code).ok_or(ApiError::Internal("validated"))?;
    // Wrong codes, and usernames already taken (which would otherwise tell anyone holding
    // a code whose names exist), count per address and per code. Counted before trying,
    // so many sent at once are held to the limits too.
    let address_key = format!("sign-up:{address}");
    let invite_key = format!("sign-up-invite:{code}");
    let limiter = &state.sign_in_limiter;
    let attempt = limiter
        .attempt(&[
            (&address_key, MAX_FAILURES_PER_ADDRESS),
            (&invite_key, MAX_SIGN_UP_FAILURES_PER_INVITE),
        ])
        .await?
        .ok_or(ApiError::TooManyAttempts)?;
    let hash = hash_password_async(input.password.clone()).await;
    let made = match hash {
        Ok(hash) => state
            .store
            .sign_up(&code, &input.username, &hash)
            .await
            .map(|id| (id, hash)),
        Err(error) => Err(error),
    };
    match made {
        Ok((account_id, hash)) => {
            limiter.succeeded(attempt, &[]).await?;
            Ok((
                StatusCode::CREATED,
                signed_in(&state, &account_id, &hash).await?,
            ))
        }
        // A wrong or used code, or a taken username: counted, unless it is this sign-up
        // sent again (its answer lost on a bad signal): then it signs them in.
        Err(error @ (ApiError::Validation(_) | ApiError::Conflict(_))) => {
            match made_by_this_sign_up(&state, &code, &input.username, input.password).await? {
                Some((account_id, hash)) => {
                    limiter.succeeded(attempt, &[]).await?;
                    Ok((StatusCode::OK, signed_in(&state, &account_id, &hash).await?))
                }
                None => Err(error),
            }
        }
        Err(error) => {
            limiter.succeeded(attempt, &[]).await?;
            Err(error)
        }
    }
}

/// The account this invite code made, if it was made with this username and password:
/// the same sign-up sent again, after a first try that did arrive. Its id and password hash.
async fn made_by_this_sign_up(
    state: &AppState,
    code: &str,
    username: &str,
    password: String,
) -> Result<Option<(String, String)>, ApiError> {
    let Some((account_id, key, hash)) = state.store.account_made_with(code).await? else {
        return Ok(None);
    };
    if key != username_key(username) {
        return Ok(None);
    }
    let same = verify_password_async(password, Some(hash.clone())).await;
    Ok(same.then_some((account_id, hash)))
}

/// `POST /api/v1/auth/sign-out`: ends the session here and on the server. Always works
/// when sent as JSON (`{}`), as every write is: a form on another site cannot send that
/// without the browser asking first, so it cannot sign anyone out.
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(_): ApiJson<serde::de::IgnoredAny>,
) -> Result<WithCookie<StatusCode>, ApiError> {
    if let Some(token) = session_token(&headers, state.config.secure_cookies) {
        state.store.delete_session(&secret_hash(&token)).await?;
    }
    Ok((
        [(
            header::SET_COOKIE,
            clear_cookie(state.config.secure_cookies),
        )],
        StatusCode::NO_CONTENT,
    ))
}

/// `POST /api/v1/auth/password`: change password; other sessions end.
async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ChangePassword>,
) -> Result<StatusCode, ApiError> {
    input.validate(&caller.username)?;
    let asking = Asking {
        address: &address,
        headers: &headers,
    };
    let checked = password_checked(
        &state,
        &asking,
        &caller.username,
        input.current_password,
        Some(&caller.account_id),
    )
    .await?;
    if let Checked::Wrong(kept) = checked {
        // The same change sent again (its answer lost on a bad signal): the new password
        // is the one kept already, so there is nothing more to do. (Checked only after a
        // wrong current password was counted, so this guesses no faster than signing in.)
        if verify_password_async(input.new_password.clone(), kept).await {
            return Ok(StatusCode::NO_CONTENT);
        }
        return Err(ApiError::problem(
            "current_password",
            Problem::not_current_password,
            &[],
        ));
    }
    let hash = hash_password_async(input.new_password).await?;
    state.store.change_password(&caller, &hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/auth/confirm`: the person signed in types their password again (a
/// worker taking their device back after a young person's turn). 204 when it is theirs;
/// 401 with `field: "password"` when it is not, so the app can tell a wrong password from
/// a session that has ended (401 with no field). Failures count towards the same limits
/// as signing in, per account and per address, so it cannot be used to guess passwords.
async fn confirm_password(
    State(state): State<AppState>,
    caller: Caller,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ConfirmPassword>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    if input.password.is_empty() {
        return Err(ApiError::problem(
            "password",
            Problem::please_write,
            &[("what", "your password")],
        ));
    }
    let asking = Asking {
        address: &address,
        headers: &headers,
    };
    let confirmed = password_checked(
        &state,
        &asking,
        &caller.username,
        input.password,
        Some(&caller.account_id),
    )
    .await?;
    if confirmed.right().is_none() {
        let mut body = journey_core::ErrorBody::problem(
            journey_core::ErrorCode::Unauthorised,
            Problem::not_this_password,
            &[],
        );
        body.error.field = Some("password".into());
        body.error.fields = vec![FieldError::problem(
            "password",
            Problem::not_this_password,
            &[],
        )];
        return Ok((StatusCode::UNAUTHORIZED, Json(body)).into_response());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/young-people`: a worker's young people, or a manager's team's.
async fn young_people(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<YoungPersonListItem>>, ApiError> {
    Ok(Json(state.store.young_people_for(&caller).await?))
}

/// `POST /api/v1/young-people`: a worker adds a young person and gets their invite code.
/// `201`, or `200` for a repeat of the same `client_id`: the young person added the first
/// time, with a new code (the first one's answer never arrived).
async fn add_young_person(
    State(state): State<AppState>,
    Staff(caller): Staff,
    ApiJson(input): ApiJson<NewYoungPerson>,
) -> Result<(StatusCode, Json<Invite>), ApiError> {
    input.validate()?;
    let (invite, added) = state.store.add_young_person(&caller, &input).await?;
    Ok((created_or_repeat(added), Json(invite)))
}

/// `POST /api/v1/young-people/{id}/invite`: a new code for someone with no account yet.
async fn new_invite(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
) -> Result<(StatusCode, Json<Invite>), ApiError> {
    let invite = state.store.new_invite(&allowed.caller, &allowed.id).await?;
    Ok((StatusCode::CREATED, Json(invite)))
}

fn me_of(caller: &Caller) -> Me {
    Me {
        role: caller.role,
        username: caller.username.clone(),
        display_name: caller.display_name.clone(),
        young_person_id: caller.young_person_id.clone(),
        is_admin: caller.is_admin,
    }
}

/// Starts a session for an account and answers with who they are; gives the browser a
/// new device token for the account (see [`password_checked`]).
async fn signed_in(
    state: &AppState,
    account_id: &str,
    password_hash: &str,
) -> Result<WithCookies<Json<Me>>, ApiError> {
    let token = state.store.start_session(account_id).await?;
    let device = state
        .sign_in_limiter
        .new_device_token(account_id, password_hash)
        .await?;
    let caller = state
        .store
        .caller_for_session(&secret_hash(&token))
        .await?
        .ok_or(ApiError::Internal("new session not found"))?;
    let secure = state.config.secure_cookies;
    Ok((
        AppendHeaders([
            (header::SET_COOKIE, session_cookie(&token, secure)),
            (header::SET_COOKIE, device_cookie(&device, secure)),
        ]),
        Json(me_of(&caller)),
    ))
}

/// Who is asking to sign in: from where, and with which cookies.
struct Asking<'a> {
    address: &'a str,
    headers: &'a HeaderMap,
}

/// What [`password_checked`] found.
enum Checked {
    /// The right password: the account's id and password hash.
    Right(String, String),
    /// A wrong one (counted), with the password hash kept for the account asked about, if
    /// there is one (a new password sent again is checked against it).
    Wrong(Option<String>),
}

impl Checked {
    /// The account's id and password hash, if the password was right.
    fn right(self) -> Option<(String, String)> {
        match self {
            Checked::Right(account_id, hash) => Some((account_id, hash)),
            Checked::Wrong(_) => None,
        }
    }
}

/// Checks a password within the sign-in limits: blocked → `429`; wrong → counted,
/// [`Checked::Wrong`]; right → [`Checked::Right`]. With `only`, just that account's
/// password counts (a right password of anyone else is wrong).
///
/// A browser carrying a valid device token for the account (one it was given when it
/// signed in to it before) is counted by that token alone, up to
/// [`MAX_FAILURES_PER_DEVICE`]: wrong passwords sent from elsewhere, to the account or
/// from the same address, do not hold it back, and its own neither lock nor unlock the
/// account for anyone else. Everyone else is counted per account and per address, and
/// their right password clears the account's count. Each attempt is counted before its
/// password is checked, so guesses sent all at once are held to the limits.
async fn password_checked(
    state: &AppState,
    asking: &Asking<'_>,
    username: &str,
    password: String,
    only: Option<&str>,
) -> Result<Checked, ApiError> {
    let key = username_key(username);
    let account_key = format!("account:{key}");
    let address_key = format!("address:{}", asking.address);
    let limiter = &state.sign_in_limiter;
    let found = state
        .store
        .password_for(&key)
        .await?
        .filter(|(account_id, _)| only.is_none_or(|only| only == account_id));
    let device_key = match (
        device_token(asking.headers, state.config.secure_cookies),
        &found,
    ) {
        (Some(token), Some((account_id, hash))) => {
            limiter.device_key(&token, account_id, hash).await?
        }
        _ => None,
    };
    let (limits, clear) = match &device_key {
        Some(device_key) => (
            vec![(device_key.as_str(), MAX_FAILURES_PER_DEVICE)],
            device_key.as_str(),
        ),
        None => (
            vec![
                (account_key.as_str(), MAX_FAILURES_PER_ACCOUNT),
                (address_key.as_str(), MAX_FAILURES_PER_ADDRESS),
            ],
            account_key.as_str(),
        ),
    };
    let attempt = limiter
        .attempt(&limits)
        .await?
        .ok_or(ApiError::TooManyAttempts)?;
    let stored = found.as_ref().map(|(_, hash)| hash.clone());
    if !verify_password_async(password, stored).await {
        // The attempt stays counted.
        return Ok(Checked::Wrong(found.map(|(_, hash)| hash)));
    }
    limiter.succeeded(attempt, &[clear]).await?;
    let (account_id, hash) = found.ok_or(ApiError::Internal("a right password has an account"))?;
    Ok(Checked::Right(account_id, hash))
}
