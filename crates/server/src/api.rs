//! The JSON API's handlers. Each is thin: read the request, ask the store, answer.

use crate::error::ApiError;
use crate::startup::AppState;
use axum::extract::State;
use axum::Json;
use journey_core::{Health, Journey};

/// `GET /api/v1/health`: the server is up and its database answers.
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        safety_email: if state.config.safety_email.is_on() {
            journey_core::SafetyEmail::On
        } else {
            journey_core::SafetyEmail::Off
        },
    }))
}

/// `GET /api/v1/openapi.json`: the OpenAPI 3 document describing this API.
pub async fn openapi() -> impl axum::response::IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        crate::openapi::document_json(),
    )
}

const NO_JOURNEY: &str = "We couldn't find a plan for this person.";

/// `GET /api/v1/young-people/{id}/journey`: the young person's plan and worker, for
/// them, their worker and their worker's manager only.
pub async fn journey(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Journey>, ApiError> {
    let for_young_person = allowed.caller.role == journey_core::Role::YoungPerson;
    let journey = state
        .store
        .journey(&allowed.id, for_young_person)
        .await?
        .ok_or(ApiError::NotFound(NO_JOURNEY))?;
    Ok(Json(journey))
}

/// Anything under `/api` that is not a route.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("There's nothing here. Please check the address.")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

// ---- Accounts ----

use crate::auth::{
    clear_cookie, hash_password_async, secret_hash, session_cookie, session_token,
    verify_password_async, AllowedYoungPerson, Caller, ClientAddress, Manager, Staff,
    MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS,
};
use crate::error::ApiJson;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use journey_core::account::{parse_invite_code, username_key};
use journey_core::{
    AuditEntry, ChangePassword, ConfirmPassword, FieldError, Invite, Me, NewYoungPerson, SignIn,
    SignUp, ValidationErrors, YoungPersonListItem,
};

type WithCookie<T> = ([(header::HeaderName, HeaderValue); 1], T);

fn me_of(caller: &Caller) -> Me {
    Me {
        role: caller.role,
        username: caller.username.clone(),
        display_name: caller.display_name.clone(),
        young_person_id: caller.young_person_id.clone(),
    }
}

/// `GET /api/v1/me`: who is signed in.
pub async fn me(caller: Caller) -> Json<Me> {
    Json(me_of(&caller))
}

/// Starts a session for an account and answers with who they are.
async fn signed_in(state: &AppState, account_id: &str) -> Result<WithCookie<Json<Me>>, ApiError> {
    let token = state.store.start_session(account_id).await?;
    let caller = state
        .store
        .caller_for_session(&secret_hash(&token))
        .await?
        .ok_or(ApiError::Internal("new session not found"))?;
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(&token, state.config.secure_cookies),
        )],
        Json(me_of(&caller)),
    ))
}

/// `POST /api/v1/auth/sign-in`. The same answer, and the same work, whether the username
/// exists or not; limited per account and per address.
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(input): ApiJson<SignIn>,
) -> Result<WithCookie<Json<Me>>, ApiError> {
    let mut errors = Vec::new();
    if input.username.trim().is_empty() {
        errors.push(FieldError::new("username", "Please write your username."));
    }
    if input.password.is_empty() {
        errors.push(FieldError::new("password", "Please write your password."));
    }
    ValidationErrors::result(errors)?;
    let account_id = password_checked(&state, &address, &input.username, input.password, None)
        .await?
        .ok_or(ApiError::WrongPassword)?;
    signed_in(&state, &account_id).await
}

/// Checks a password within the sign-in limits (per account and per address): blocked →
/// `429`; wrong → counted, `None`; right → the account's count cleared, its id. With
/// `only`, just that account's password counts (a right password of anyone else is wrong).
async fn password_checked(
    state: &AppState,
    address: &str,
    username: &str,
    password: String,
    only: Option<&str>,
) -> Result<Option<String>, ApiError> {
    let key = username_key(username);
    let account_key = format!("account:{key}");
    let address_key = format!("address:{address}");
    let limiter = &state.sign_in_limiter;
    if limiter
        .is_blocked(&account_key, MAX_FAILURES_PER_ACCOUNT)
        .await?
        || limiter
            .is_blocked(&address_key, MAX_FAILURES_PER_ADDRESS)
            .await?
    {
        return Err(ApiError::TooManyAttempts);
    }
    let found = state
        .store
        .password_for(&key)
        .await?
        .filter(|(account_id, _)| only.is_none_or(|only| only == account_id));
    let stored = found.as_ref().map(|(_, hash)| hash.clone());
    if !verify_password_async(password, stored).await {
        limiter.record_failure(&account_key).await?;
        limiter.record_failure(&address_key).await?;
        return Ok(None);
    }
    limiter.clear(&account_key).await?;
    Ok(found.map(|(account_id, _)| account_id))
}

/// `POST /api/v1/auth/sign-up`: a young person makes their account with an invite code.
pub async fn sign_up(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(input): ApiJson<SignUp>,
) -> Result<(StatusCode, WithCookie<Json<Me>>), ApiError> {
    input.validate()?;
    let address_key = format!("sign-up:{address}");
    let limiter = &state.sign_in_limiter;
    if limiter
        .is_blocked(&address_key, MAX_FAILURES_PER_ADDRESS)
        .await?
    {
        return Err(ApiError::TooManyAttempts);
    }
    let code = parse_invite_code(&input.invite_code).ok_or(ApiError::Internal("validated"))?;
    let hash = hash_password_async(input.password).await?;
    let account_id = match state.store.sign_up(&code, &input.username, &hash).await {
        Ok(id) => id,
        Err(error) => {
            if matches!(error, ApiError::Validation(_)) {
                limiter.record_failure(&address_key).await?;
            }
            return Err(error);
        }
    };
    Ok((StatusCode::CREATED, signed_in(&state, &account_id).await?))
}

/// `POST /api/v1/auth/sign-out`: ends the session here and on the server. Always works.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
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
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<ChangePassword>,
) -> Result<StatusCode, ApiError> {
    input.validate(&caller.username)?;
    let account_key = format!("account:{}", username_key(&caller.username));
    if state
        .sign_in_limiter
        .is_blocked(&account_key, MAX_FAILURES_PER_ACCOUNT)
        .await?
    {
        return Err(ApiError::TooManyAttempts);
    }
    let stored = state
        .store
        .password_for(&username_key(&caller.username))
        .await?
        .map(|(_, hash)| hash);
    if !verify_password_async(input.current_password, stored).await {
        state.sign_in_limiter.record_failure(&account_key).await?;
        return Err(ApiError::field(
            "current_password",
            "That isn't your current password. Please try again.",
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
pub async fn confirm_password(
    State(state): State<AppState>,
    caller: Caller,
    ClientAddress(address): ClientAddress,
    ApiJson(input): ApiJson<ConfirmPassword>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    if input.password.is_empty() {
        return Err(ApiError::field("password", "Please write your password."));
    }
    let confirmed = password_checked(
        &state,
        &address,
        &caller.username,
        input.password,
        Some(&caller.account_id),
    )
    .await?;
    if confirmed.is_none() {
        let mut body = journey_core::ErrorBody::new(
            journey_core::ErrorCode::Unauthorised,
            "That isn't the password for this account. Please try again.",
        );
        body.error.field = Some("password".into());
        body.error.fields = vec![FieldError::new("password", body.error.message.clone())];
        return Ok((StatusCode::UNAUTHORIZED, Json(body)).into_response());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

// ---- Young people, for staff ----

/// `GET /api/v1/young-people`: a worker's young people, or a manager's team's.
pub async fn young_people(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<YoungPersonListItem>>, ApiError> {
    Ok(Json(state.store.young_people_for(&caller).await?))
}

/// `POST /api/v1/young-people`: a worker adds a young person and gets their invite code.
pub async fn add_young_person(
    State(state): State<AppState>,
    Staff(caller): Staff,
    ApiJson(input): ApiJson<NewYoungPerson>,
) -> Result<(StatusCode, Json<Invite>), ApiError> {
    input.validate()?;
    let invite = state
        .store
        .add_young_person(&caller, &input.first_name)
        .await?;
    Ok((StatusCode::CREATED, Json(invite)))
}

/// `POST /api/v1/young-people/{id}/invite`: a new code for someone with no account yet.
pub async fn new_invite(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<(StatusCode, Json<Invite>), ApiError> {
    if !allowed.caller.is_staff() {
        return Err(ApiError::Forbidden);
    }
    let invite = state.store.new_invite(&allowed.caller, &allowed.id).await?;
    Ok((StatusCode::CREATED, Json(invite)))
}

/// How many audit entries one request returns.
const AUDIT_PAGE: i64 = 200;

/// `GET /api/v1/audit`: the newest entries for the manager's team.
pub async fn audit_log(
    State(state): State<AppState>,
    Manager(caller): Manager,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let team = caller.team_id.as_deref().ok_or(ApiError::Forbidden)?;
    Ok(Json(state.store.audit_for_team(team, AUDIT_PAGE).await?))
}

// ---- Plans ----

use journey_core::{MyView, NewView, NewWorker, PlanEdit, PlanSaved, PlanSeen, PlanVersionSummary};

/// `PUT /api/v1/young-people/{id}/plan`: a worker or manager saves the plan as a new version.
pub async fn edit_plan(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(edit): ApiJson<PlanEdit>,
) -> Result<Json<PlanSaved>, ApiError> {
    if !allowed.caller.is_staff() {
        return Err(ApiError::Forbidden);
    }
    edit.plan.validate(chrono::Utc::now().date_naive())?;
    let version = state
        .store
        .edit_plan(&allowed.caller, &allowed.id, edit)
        .await?;
    Ok(Json(PlanSaved { version }))
}

/// `GET /api/v1/young-people/{id}/plan`: the newest version for a worker to edit (or none yet).
pub async fn plan_for_editing(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<journey_core::PlanForEditing>, ApiError> {
    if !allowed.caller.is_staff() {
        return Err(ApiError::Forbidden);
    }
    Ok(Json(state.store.plan_for_editing(&allowed.id).await?))
}

/// `GET /api/v1/young-people/{id}/plan/history`: every version, who made it and what changed.
pub async fn plan_history(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<PlanVersionSummary>>, ApiError> {
    Ok(Json(state.store.plan_history(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/journey/seen`: the young person has looked at this version.
pub async fn journey_seen(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(seen): ApiJson<PlanSeen>,
) -> Result<StatusCode, ApiError> {
    if allowed.caller.role != journey_core::Role::YoungPerson {
        return Err(ApiError::Forbidden);
    }
    state.store.mark_seen(&allowed.id, seen.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/young-people/{id}/views`: "My view", kept exactly as typed.
pub async fn add_view(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(view): ApiJson<NewView>,
) -> Result<(StatusCode, Json<MyView>), ApiError> {
    view.validate()?;
    let saved = state
        .store
        .add_view(&allowed.caller, &allowed.id, &view)
        .await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `POST /api/v1/young-people/{id}/worker`: a manager changes the worker, saying why.
pub async fn change_worker(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(input): ApiJson<NewWorker>,
) -> Result<StatusCode, ApiError> {
    if allowed.caller.role != journey_core::Role::Manager {
        return Err(ApiError::Forbidden);
    }
    input.validate()?;
    state
        .store
        .change_worker(
            &allowed.caller,
            &allowed.id,
            &input.worker_username,
            &input.why,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- Goals ----

use journey_core::{GoalDraft, GoalReword, GoalStatusChange, Goals, SessionRatings};

/// `GET /api/v1/young-people/{id}/goals`: goals, their earlier words and ratings.
pub async fn goals(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Goals>, ApiError> {
    Ok(Json(state.store.goals(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/goals`: a new goal, kept exactly as typed.
pub async fn add_goal(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(draft): ApiJson<GoalDraft>,
) -> Result<(StatusCode, Json<Goals>), ApiError> {
    state
        .store
        .add_goal(&allowed.caller, &allowed.id, &draft)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(state.store.goals(&allowed.id).await?),
    ))
}

/// `POST /api/v1/young-people/{id}/goals/{goal_id}/words`: the young person rewords a goal.
pub async fn reword_goal(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::Path((_, goal_id)): axum::extract::Path<(String, String)>,
    ApiJson(reword): ApiJson<GoalReword>,
) -> Result<Json<Goals>, ApiError> {
    reword.validate()?;
    state
        .store
        .reword_goal(&allowed.caller, &allowed.id, &goal_id, &reword)
        .await?;
    Ok(Json(state.store.goals(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/goals/{goal_id}/status`: achieved, paused, let go, or again.
pub async fn goal_status(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::Path((_, goal_id)): axum::extract::Path<(String, String)>,
    ApiJson(change): ApiJson<GoalStatusChange>,
) -> Result<Json<Goals>, ApiError> {
    change.validate()?;
    state
        .store
        .change_goal_status(&allowed.caller, &allowed.id, &goal_id, &change)
        .await?;
    Ok(Json(state.store.goals(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/goal-ratings`: one session's ratings. `201` the first
/// time, `200` for a repeat of the same `client_id` (recorded once).
pub async fn rate_goals(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(input): ApiJson<SessionRatings>,
) -> Result<(StatusCode, Json<Goals>), ApiError> {
    input.validate()?;
    let new = state
        .store
        .rate_goals(&allowed.caller, &allowed.id, &input)
        .await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(state.store.goals(&allowed.id).await?)))
}

// ---- Sessions and session feedback ----

use journey_core::feedback::{
    FeedbackOverview, NewFeedback, NewFollowUp, NewSession, TeamFeedbackRow,
};

fn created_or_repeat(new: bool) -> StatusCode {
    if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

/// `GET /api/v1/young-people/{id}/feedback`: sessions, feedback and the flag. A worker
/// does not see a comment meant for their manager only.
pub async fn feedback(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<FeedbackOverview>, ApiError> {
    Ok(Json(
        state.store.feedback(&allowed.caller, &allowed.id).await?,
    ))
}

/// `POST /api/v1/young-people/{id}/sessions`: a worker records a session, or one that
/// didn't happen. `201`, or `200` for a repeat of the same `client_id`.
pub async fn record_session(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(session): ApiJson<NewSession>,
) -> Result<(StatusCode, Json<FeedbackOverview>), ApiError> {
    if !allowed.caller.is_staff() {
        return Err(ApiError::Forbidden);
    }
    let new = state
        .store
        .record_session(&allowed.caller, &allowed.id, &session)
        .await?;
    let overview = state.store.feedback(&allowed.caller, &allowed.id).await?;
    Ok((created_or_repeat(new), Json(overview)))
}

/// `POST /api/v1/young-people/{id}/feedback`: the young person's own feedback. `201`,
/// or `200` for a repeat of the same `client_id` (recorded once).
pub async fn give_feedback(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(input): ApiJson<NewFeedback>,
) -> Result<(StatusCode, Json<FeedbackOverview>), ApiError> {
    if allowed.caller.role != journey_core::Role::YoungPerson {
        return Err(ApiError::Forbidden);
    }
    let new = state
        .store
        .give_feedback(&allowed.caller, &allowed.id, &input)
        .await?;
    let overview = state.store.feedback(&allowed.caller, &allowed.id).await?;
    Ok((created_or_repeat(new), Json(overview)))
}

/// `POST /api/v1/young-people/{id}/feedback/{feedback_id}/follow-ups`: "what happened
/// after I said this" from the young person, or "You said, we did" from staff.
pub async fn add_follow_up(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::Path((_, feedback_id)): axum::extract::Path<(String, String)>,
    ApiJson(input): ApiJson<NewFollowUp>,
) -> Result<(StatusCode, Json<FeedbackOverview>), ApiError> {
    let feedback_id: i64 = feedback_id
        .parse()
        .map_err(|_| ApiError::NotFound("We couldn't find that feedback."))?;
    state
        .store
        .add_follow_up(&allowed.caller, &allowed.id, feedback_id, &input)
        .await?;
    let overview = state.store.feedback(&allowed.caller, &allowed.id).await?;
    Ok((StatusCode::CREATED, Json(overview)))
}

/// `GET /api/v1/feedback/team`: the latest score and flag for each young person a worker
/// supports, or a manager's whole team.
pub async fn team_feedback(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<TeamFeedbackRow>>, ApiError> {
    Ok(Json(state.store.team_feedback(&caller).await?))
}

// ---- Help and concerns ----

use journey_core::{Concern, HelpEdit, HelpPage, NewConcern, NewConcernReply, NextStage};

/// `GET /api/v1/help`: the organisation's help content. Open to everyone, signed in or
/// not: it says what to do in danger.
pub async fn help(
    State(state): State<AppState>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Json<HelpPage>, ApiError> {
    Ok(Json(state.store.help(lang_query(query.as_deref())?).await?))
}

/// `?lang=en` or `?lang=cy`; English when not given.
fn lang_query(query: Option<&str>) -> Result<journey_core::Lang, ApiError> {
    let asked = query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="));
    match asked {
        None => Ok(journey_core::Lang::En),
        Some(code) => journey_core::Lang::parse(code).ok_or_else(|| {
            ApiError::BadRequest("lang must be en (English) or cy (Cymraeg).".to_owned())
        }),
    }
}

/// `PUT /api/v1/help`: a manager replaces the help content, as a new version.
pub async fn edit_help(
    State(state): State<AppState>,
    Manager(caller): Manager,
    ApiJson(edit): ApiJson<HelpEdit>,
) -> Result<Json<HelpPage>, ApiError> {
    edit.content.validate()?;
    state.store.edit_help(&caller, &edit).await?;
    Ok(Json(state.store.help(journey_core::Lang::En).await?))
}

/// `POST /api/v1/young-people/{id}/concerns`: the young person tells us something's
/// wrong. `201` with the reference the first time; the same `client_id` again → `200`.
pub async fn raise_concern(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(input): ApiJson<NewConcern>,
) -> Result<(StatusCode, Json<Concern>), ApiError> {
    if allowed.caller.role != journey_core::Role::YoungPerson {
        return Err(ApiError::Forbidden);
    }
    input.validate()?;
    let (concern, new) = state
        .store
        .raise_concern(&allowed.caller, &allowed.id, &input)
        .await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(concern)))
}

/// `GET /api/v1/young-people/{id}/concerns`: the young person's concerns and replies.
/// Their worker sees only those shared with them that are not about them.
pub async fn concerns(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<Concern>>, ApiError> {
    Ok(Json(
        state
            .store
            .concerns_for(&allowed.caller, &allowed.id)
            .await?,
    ))
}

/// `GET /api/v1/concerns`: a manager's team's concerns, open and soonest due first.
pub async fn team_concerns(
    State(state): State<AppState>,
    Manager(caller): Manager,
) -> Result<Json<Vec<Concern>>, ApiError> {
    let team = caller.team_id.as_deref().ok_or(ApiError::Forbidden)?;
    Ok(Json(state.store.team_concerns(team).await?))
}

/// `POST /api/v1/concerns/{id}/reply`: a manager answers ("You said, we did").
pub async fn reply_to_concern(
    State(state): State<AppState>,
    Manager(caller): Manager,
    axum::extract::Path(concern_id): axum::extract::Path<String>,
    ApiJson(reply): ApiJson<NewConcernReply>,
) -> Result<Json<Concern>, ApiError> {
    reply.validate()?;
    Ok(Json(
        state
            .store
            .reply_to_concern(&caller, &concern_id, &reply)
            .await?,
    ))
}

/// `POST /api/v1/concerns/{id}/next-stage`: "Not happy with this answer?" The young person
/// whose concern it is asks for the next stage (201; 200 for a repeat).
pub async fn ask_for_next_stage(
    State(state): State<AppState>,
    caller: Caller,
    axum::extract::Path(concern_id): axum::extract::Path<String>,
    ApiJson(input): ApiJson<NextStage>,
) -> Result<(StatusCode, Json<Concern>), ApiError> {
    let (concern, new) = state
        .store
        .ask_for_next_stage(&caller, &concern_id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(concern)))
}

// ---- How I'm doing: check-ins and safety flags ----

use journey_core::{CheckIn, NewCheckIn, NewSafetyAction, NewSafetyFlag, SafetyFlag};

/// `GET /api/v1/young-people/{id}/check-ins`: how the young person has been, oldest first.
pub async fn check_ins(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<CheckIn>>, ApiError> {
    Ok(Json(state.store.check_ins(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/check-ins`: the young person says how they are. `201`,
/// or `200` for a repeat of the same `client_id`; answers with their check-ins.
pub async fn check_in(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(input): ApiJson<NewCheckIn>,
) -> Result<(StatusCode, Json<Vec<CheckIn>>), ApiError> {
    if allowed.caller.role != journey_core::Role::YoungPerson {
        return Err(ApiError::Forbidden);
    }
    input.validate()?;
    let new = state
        .store
        .check_in(&allowed.caller, &allowed.id, &input)
        .await?;
    Ok((
        created_or_repeat(new),
        Json(state.store.check_ins(&allowed.id).await?),
    ))
}

/// `POST /api/v1/young-people/{id}/check-ins/{check_in_id}/seen`: the allocated worker
/// or their manager has seen a "Really bad" check-in (and any earlier ones): it leaves
/// their list. `204`; a young person: `403`.
pub async fn check_in_seen(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::Path((_, check_in_id)): axum::extract::Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    if !allowed.caller.is_staff() {
        return Err(ApiError::Forbidden);
    }
    let check_in_id: i64 = check_in_id
        .parse()
        .map_err(|_| ApiError::NotFound("We couldn't find that check-in."))?;
    state
        .store
        .mark_check_in_seen(&allowed.caller, &allowed.id, check_in_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/young-people/{id}/safety`: the young person's safety flags, for them,
/// their allocated worker and that worker's manager (the extractor's rule) only.
pub async fn safety_flags(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<SafetyFlag>>, ApiError> {
    Ok(Json(
        state
            .store
            .safety_flags_seen_by(&allowed.caller, &allowed.id)
            .await?,
    ))
}

/// `POST /api/v1/young-people/{id}/safety`: "I don't feel safe". `201`, or `200` for a
/// repeat of the same `client_id` (raised once).
pub async fn raise_safety_flag(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(input): ApiJson<NewSafetyFlag>,
) -> Result<(StatusCode, Json<SafetyFlag>), ApiError> {
    if allowed.caller.role != journey_core::Role::YoungPerson {
        return Err(ApiError::Forbidden);
    }
    input.validate()?;
    let (flag, new) = state
        .store
        .raise_safety_flag(&allowed.caller, &allowed.id, &input)
        .await?;
    // Only the young person raises one: never the staff-only note in the answer.
    Ok((created_or_repeat(new), Json(flag.for_young_person())))
}

/// `GET /api/v1/safety`: the open flags of the young people a worker supports (a
/// manager: their team's), longest waiting first.
pub async fn open_safety_flags(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<SafetyFlag>>, ApiError> {
    Ok(Json(state.store.open_safety_flags(&caller).await?))
}

/// `POST /api/v1/safety/{flag_id}/actions`: the allocated worker or their manager
/// records what they did; the flag closes.
pub async fn act_on_safety_flag(
    State(state): State<AppState>,
    Staff(caller): Staff,
    axum::extract::Path(flag_id): axum::extract::Path<String>,
    ApiJson(action): ApiJson<NewSafetyAction>,
) -> Result<Json<SafetyFlag>, ApiError> {
    // Validated by the store after the access check, so nobody learns a flag exists.
    Ok(Json(
        state
            .store
            .act_on_safety_flag(&caller, &flag_id, &action)
            .await?,
    ))
}

use axum::response::IntoResponse;
use journey_core::records::{file_name, MyRecords};

fn download_headers(name: &str) -> [(header::HeaderName, String); 2] {
    [
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ]
}

/// `GET /api/v1/young-people/{id}/records`: everything stored about the young person, as
/// JSON to download.
pub async fn records(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<impl IntoResponse, ApiError> {
    let records: MyRecords = state.store.records(&allowed.caller, &allowed.id).await?;
    let name = file_name(&records.first_name, records.made_at, "json");
    Ok((download_headers(&name), Json(records)))
}

/// `GET /api/v1/young-people/{id}/records/page`: the same, as a page to read and print.
pub async fn records_page(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let lang = lang_query(query.as_deref())?;
    let records = state.store.records(&allowed.caller, &allowed.id).await?;
    let name = file_name(&records.first_name, records.made_at, "html");
    Ok((
        download_headers(&name),
        axum::response::Html(crate::records::records_html(&records, lang)),
    ))
}
