//! The store's side of accounts: sessions, sign-up with an invite, who may see whom, and
//! the lists staff see. Every write here records who did it (`audit`).

use crate::accounts::kept::SessionRead;
use crate::audit::store::{audit, audit_about, team_of};
use crate::auth::{role_from, Caller, SESSION_ABSOLUTE, SESSION_IDLE};
use crate::error::ApiError;
use crate::secrets::{new_id, new_invite_code, new_token, now_secs, secret_hash};
use crate::store::repeat::{earlier, Kept};
use crate::store::{Day, Store};
use chrono::{Days, NaiveDate, Utc};
use journey_core::account::{format_invite_code, INVITE_VALID_DAYS};
use journey_core::i18n::words::Problem;
use journey_core::{
    FieldError, Invite, NewYoungPerson, Plan, Role, YoungPersonId, YoungPersonListItem,
};
use sqlx::AnyConnection;

/// Refresh `last_seen_at` at most this often, to keep reads from writing every time.
const TOUCH_EVERY_SECS: i64 = 60;

/// Whether a session made at `created_at` and last used at `last_seen_at` has ended by
/// `now`: idle too long, or simply too old.
fn session_over(now: i64, created_at: i64, last_seen_at: i64) -> bool {
    now - last_seen_at > SESSION_IDLE.as_secs() as i64
        || now - created_at > SESSION_ABSOLUTE.as_secs() as i64
}

/// id, first name, account id (if any), worker's name, latest plan JSON (if any).
type ListRow = (String, String, Option<String>, String, Option<String>, i64);

#[derive(sqlx::FromRow)]
struct SessionRow {
    account_id: String,
    username: String,
    role: String,
    young_person_id: Option<String>,
    worker_id: Option<String>,
    created_at: i64,
    last_seen_at: i64,
    yp_name: Option<String>,
    worker_name: Option<String>,
    team_id: Option<String>,
    is_admin: crate::store::Flag,
}

/// A username no one has yet (compared as `username_key`), or a conflict saying so.
pub(crate) async fn username_free(conn: &mut AnyConnection, key: &str) -> Result<(), ApiError> {
    let taken: Option<(String,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE username_key = $1")
            .bind(key)
            .fetch_optional(conn)
            .await?;
    match taken {
        Some(_) => Err(ApiError::Conflict(FieldError::problem(
            "username",
            Problem::username_taken,
            &[],
        ))),
        None => Ok(()),
    }
}

/// A young person's first name, as they are shown by it.
pub(crate) async fn first_name(
    conn: &mut AnyConnection,
    id: &YoungPersonId,
) -> Result<String, ApiError> {
    let (name,): (String,) = sqlx::query_as("SELECT first_name FROM young_people WHERE id = $1")
        .bind(id.as_str())
        .fetch_one(conn)
        .await?;
    Ok(name)
}

impl Store {
    /// The caller behind a session, or `None` if there is no such session or it has
    /// expired (idle or absolute); an expired session is deleted. Kept for a moment once
    /// read (`accounts::kept`).
    pub async fn caller_for_session(&self, token_hash: &str) -> Result<Option<Caller>, ApiError> {
        let now = now_secs();
        if let Some(kept) = self.sessions.get(token_hash) {
            // Still in time, and used recently enough that its "last used" needs no update.
            if !session_over(now, kept.created_at, kept.last_seen_at)
                && now - kept.last_seen_at < TOUCH_EVERY_SECS
            {
                return Ok(Some(kept.caller));
            }
        }
        let generation = self.sessions.generation();
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT s.account_id, a.username, a.role, a.young_person_id, a.worker_id,
                    s.created_at, s.last_seen_at, y.first_name AS yp_name, w.name AS worker_name,
                    w.team_id, a.is_admin
             FROM sessions s JOIN accounts a ON a.id = s.account_id
             LEFT JOIN young_people y ON y.id = a.young_person_id
             LEFT JOIN workers w ON w.id = a.worker_id
             WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        if session_over(now, row.created_at, row.last_seen_at) {
            self.delete_session(token_hash).await?;
            return Ok(None);
        }
        let mut last_seen_at = row.last_seen_at;
        if now - row.last_seen_at >= TOUCH_EVERY_SECS {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(self.writer())
                .await?;
            last_seen_at = now;
        }
        let Some(role) = role_from(&row.role) else {
            return Err(ApiError::Internal("unknown role in accounts"));
        };
        let caller = Caller {
            account_id: row.account_id,
            display_name: row
                .yp_name
                .or(row.worker_name)
                .unwrap_or_else(|| row.username.clone()),
            username: row.username,
            role,
            young_person_id: row
                .young_person_id
                .as_deref()
                .and_then(YoungPersonId::parse),
            worker_id: row.worker_id,
            team_id: row.team_id,
            is_admin: row.is_admin.0,
            token_hash: token_hash.to_owned(),
        };
        let read = SessionRead {
            caller: caller.clone(),
            created_at: row.created_at,
            last_seen_at,
        };
        self.sessions.keep(token_hash, read, generation);
        Ok(Some(caller))
    }

    /// Whether the caller may see this young person's records.
    pub async fn may_see(&self, caller: &Caller, id: &YoungPersonId) -> Result<bool, ApiError> {
        match caller.role {
            Role::YoungPerson => Ok(caller.young_person_id.as_ref() == Some(id)),
            Role::Worker | Role::Manager => {
                let team = caller.managed_team();
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT 1 FROM allocations a JOIN workers w ON w.id = a.worker_id
                     WHERE a.young_person_id = $1 AND a.ended_on IS NULL
                       AND (w.id = $2 OR ($3 IS NOT NULL AND w.team_id = $3))
                     LIMIT 1",
                )
                .bind(id.as_str())
                .bind(caller.worker_id.as_deref())
                .bind(team)
                .fetch_optional(self.pool())
                .await?;
                Ok(row.is_some())
            }
        }
    }

    /// The account id and password hash for a username, if it exists.
    pub async fn password_for(
        &self,
        username_key: &str,
    ) -> Result<Option<(String, String)>, ApiError> {
        Ok(
            sqlx::query_as("SELECT id, password_hash FROM accounts WHERE username_key = $1")
                .bind(username_key)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Starts a session and returns its token (only its hash is stored).
    pub async fn start_session(&self, account_id: &str) -> Result<String, ApiError> {
        let token = new_token();
        let now = now_secs();
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)")
            .bind(secret_hash(&token))
            .bind(account_id)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let (who, team) = self.account_audit_identity(&mut tx, account_id).await?;
        audit(
            &mut tx,
            Some(account_id),
            &who,
            "signed in",
            None,
            team.as_deref(),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn account_audit_identity(
        &self,
        conn: &mut AnyConnection,
        account_id: &str,
    ) -> Result<(String, Option<String>), ApiError> {
        let (name, role, yp, team): (String, String, Option<String>, Option<String>) = sqlx::query_as(
            "SELECT COALESCE(y.first_name, w.name, a.username), a.role, a.young_person_id, w.team_id
             FROM accounts a LEFT JOIN young_people y ON y.id = a.young_person_id
             LEFT JOIN workers w ON w.id = a.worker_id WHERE a.id = $1",
        )
        .bind(account_id)
        .fetch_one(&mut *conn)
        .await?;
        let team = match (&yp, team) {
            (Some(yp), _) => team_of(conn, yp).await?,
            (None, team) => team,
        };
        Ok((format!("{name} ({})", role.replace('_', " ")), team))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), ApiError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.writer())
            .await?;
        self.sessions.changed();
        Ok(())
    }

    /// Makes a young person's account from an invite code. The code must exist, be
    /// unused and in date; the username must be free. All or nothing.
    pub async fn sign_up(
        &self,
        code: &str,
        username: &str,
        password_hash: &str,
    ) -> Result<String, ApiError> {
        let mut tx = self.begin_write().await?;
        let invite: Option<(String,)> = sqlx::query_as(
            "SELECT young_person_id FROM invites
             WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(secret_hash(code))
        .bind(now_secs())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((young_person_id,)) = invite else {
            return Err(ApiError::problem(
                "invite_code",
                Problem::invite_code_used,
                &[],
            ));
        };
        let has_account: Option<(String,)> =
            sqlx::query_as("SELECT id FROM accounts WHERE young_person_id = $1")
                .bind(&young_person_id)
                .fetch_optional(&mut *tx)
                .await?;
        if has_account.is_some() {
            return Err(ApiError::problem(
                "invite_code",
                Problem::invite_code_used,
                &[],
            ));
        }
        let key = journey_core::account::username_key(username);
        username_free(&mut tx, &key).await?;
        let account_id = new_id();
        sqlx::query(
            "INSERT INTO accounts (id, username, username_key, password_hash, role, young_person_id, created_at)
             VALUES ($1, $2, $3, $4, 'young_person', $5, $6)",
        )
        .bind(&account_id)
        .bind(username.trim())
        .bind(&key)
        .bind(password_hash)
        .bind(&young_person_id)
        .bind(Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE invites SET used_at = $1 WHERE code_hash = $2")
            .bind(now_secs())
            .bind(secret_hash(code))
            .execute(&mut *tx)
            .await?;
        let team = team_of(&mut tx, &young_person_id).await?;
        let (name,): (String,) =
            sqlx::query_as("SELECT first_name FROM young_people WHERE id = $1")
                .bind(&young_person_id)
                .fetch_one(&mut *tx)
                .await?;
        audit(
            &mut tx,
            Some(&account_id),
            &format!("{name} (young person)"),
            "made their account with an invite code",
            Some(&young_person_id),
            team.as_deref(),
        )
        .await?;
        tx.commit().await?;
        Ok(account_id)
    }

    /// The account an invite code made, once used: its id, username key and password
    /// hash, so the same sign-up sent again can sign in instead (see `accounts::sign_up`).
    pub async fn account_made_with(
        &self,
        code: &str,
    ) -> Result<Option<(String, String, String)>, ApiError> {
        Ok(sqlx::query_as(
            "SELECT a.id, a.username_key, a.password_hash FROM invites i
             JOIN accounts a ON a.young_person_id = i.young_person_id
             WHERE i.code_hash = $1 AND i.used_at IS NOT NULL",
        )
        .bind(secret_hash(code))
        .fetch_optional(self.pool())
        .await?)
    }

    /// Sets a new password and ends every other session of the account.
    pub async fn change_password(
        &self,
        caller: &Caller,
        password_hash: &str,
    ) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(&caller.account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
            .bind(&caller.account_id)
            .bind(&caller.token_hash)
            .execute(&mut *tx)
            .await?;
        let (who, team) = self
            .account_audit_identity(&mut tx, &caller.account_id)
            .await?;
        audit(
            &mut tx,
            Some(&caller.account_id),
            &who,
            "changed their password",
            None,
            team.as_deref(),
        )
        .await?;
        tx.commit().await?;
        self.sessions.changed();
        Ok(())
    }

    /// The young people a worker is allocated, or a manager's whole team's.
    pub async fn young_people_for(
        &self,
        caller: &Caller,
    ) -> Result<Vec<YoungPersonListItem>, ApiError> {
        let team = caller.managed_team();
        let rows: Vec<ListRow> = sqlx::query_as(
            "SELECT y.id, y.first_name, acc.id, w.name,
                    (SELECT body FROM plan_versions p WHERE p.young_person_id = y.id
                     ORDER BY version DESC LIMIT 1),
                    (SELECT COUNT(*) FROM views v WHERE v.young_person_id = y.id
                       AND v.stance IN ($3, $4)
                       AND NOT EXISTS (SELECT 1 FROM view_replies r WHERE r.view_id = v.id))
             FROM allocations a
             JOIN workers w ON w.id = a.worker_id
             JOIN young_people y ON y.id = a.young_person_id
             LEFT JOIN accounts acc ON acc.young_person_id = y.id
             WHERE a.ended_on IS NULL AND (w.id = $1 OR ($2 IS NOT NULL AND w.team_id = $2))
             ORDER BY LOWER(y.first_name), y.id",
        )
        .bind(caller.worker_id.as_deref())
        .bind(team)
        // Views waiting for a reply (`MyView::waits_for_reply`).
        .bind(journey_core::Stance::NotSure.as_str())
        .bind(journey_core::Stance::DontAgree.as_str())
        .fetch_all(self.pool())
        .await?;
        let today = Utc::now().date_naive();
        // "Alex checked in: really bad", until a member of staff has seen it.
        let mut unseen = self.unseen_really_bad(caller).await?;
        let late_plans = self.plans_not_updated_since_review(caller).await?;
        rows.into_iter()
            .map(
                |(id, first_name, account, worker_name, plan, views_waiting)| {
                    let plan = match plan {
                        Some(body) => Some(serde_json::from_str::<Plan>(&body)?),
                        None => None,
                    };
                    Ok(YoungPersonListItem {
                        id: YoungPersonId::parse(&id).ok_or(ApiError::Internal("bad stored id"))?,
                        first_name,
                        has_account: account.is_some(),
                        worker_name,
                        next_review: plan.as_ref().map(|p| p.next_review),
                        review_overdue: plan.as_ref().is_some_and(|p| p.review_overdue(today)),
                        overdue_steps: plan.as_ref().map_or(0, |p| p.overdue_steps(today)),
                        unseen_really_bad: unseen.remove(&id),
                        views_waiting: usize::try_from(views_waiting).unwrap_or(0),
                        plan_not_updated_since_review: late_plans.contains(&id),
                    })
                },
            )
            .collect()
    }

    /// A worker adds a young person they will support, and gets an invite code for them.
    pub async fn add_young_person(
        &self,
        caller: &Caller,
        input: &NewYoungPerson,
    ) -> Result<(Invite, bool), ApiError> {
        let worker_id = caller.worker_id.as_deref().ok_or(ApiError::Forbidden)?;
        let first_name = input.first_name.as_str();
        let mut tx = self.begin_write().await?;
        if let Some(client_id) = &input.client_id {
            if let Some(id) =
                earlier(&mut tx, Kept::YoungPerson, &caller.account_id, client_id).await?
            {
                // Added already (sent again on a bad signal): the code the first try made
                // never arrived, so a new one, as "New code" would make.
                let invite = invite_again(&mut tx, caller, &id).await?;
                tx.commit().await?;
                return Ok((invite, false));
            }
        }
        let id = new_id();
        let today = Utc::now().date_naive();
        sqlx::query(
            "INSERT INTO young_people (id, first_name, created_at, client_id, added_by)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(first_name)
        .bind(Utc::now().to_rfc3339())
        .bind(input.client_id.as_deref())
        .bind(&caller.account_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO allocations (young_person_id, worker_id, why, meets, started_on)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(worker_id)
        .bind("To help make your plan happen, and to make sure your views are heard.")
        .bind("as often as we agree together")
        .bind(Day(today))
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            Some(&caller.account_id),
            &caller.audit_name(),
            "added a young person",
            Some(&id),
            caller.team_id.as_deref(),
        )
        .await?;
        let invite = insert_invite(&mut tx, caller, &id, first_name).await?;
        tx.commit().await?;
        Ok((invite, true))
    }

    /// A new invite code for a young person who has no account yet.
    pub async fn new_invite(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
    ) -> Result<Invite, ApiError> {
        let mut tx = self.begin_write().await?;
        let invite = invite_again(&mut tx, caller, id.as_str()).await?;
        tx.commit().await?;
        Ok(invite)
    }
}

/// Another invite code for a young person, unless they have made their account already
/// (`409`, `already_has_account`).
async fn invite_again(
    conn: &mut AnyConnection,
    caller: &Caller,
    young_person_id: &str,
) -> Result<Invite, ApiError> {
    let (first_name, account): (String, Option<String>) = sqlx::query_as(
        "SELECT y.first_name, a.id FROM young_people y
         LEFT JOIN accounts a ON a.young_person_id = y.id WHERE y.id = $1",
    )
    .bind(young_person_id)
    .fetch_one(&mut *conn)
    .await?;
    if account.is_some() {
        return Err(ApiError::Conflict(FieldError::problem(
            "young_person",
            Problem::already_has_account,
            &[("name", &first_name)],
        )));
    }
    insert_invite(conn, caller, young_person_id, &first_name).await
}

/// Makes an invite code, stores its hash, and records who made it. Only the newest code
/// works: any earlier one for this young person, not yet used, ends now (a slip of paper
/// lost, or a code whose answer never arrived, cannot be used by someone else later).
async fn insert_invite(
    conn: &mut AnyConnection,
    caller: &Caller,
    young_person_id: &str,
    first_name: &str,
) -> Result<Invite, ApiError> {
    let code = new_invite_code();
    let now = now_secs();
    let expires_at = now + INVITE_VALID_DAYS * 24 * 60 * 60;
    sqlx::query(
        "UPDATE invites SET expires_at = $1
         WHERE young_person_id = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(young_person_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO invites (code_hash, young_person_id, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret_hash(&code))
    .bind(young_person_id)
    .bind(&caller.account_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    audit_about(conn, caller, "made an invite code", young_person_id).await?;
    let expires_on: NaiveDate = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(INVITE_VALID_DAYS as u64))
        .unwrap_or_else(|| Utc::now().date_naive());
    Ok(Invite {
        young_person_id: YoungPersonId::parse(young_person_id)
            .ok_or(ApiError::Internal("bad id"))?,
        first_name: first_name.to_owned(),
        code: format_invite_code(&code),
        expires_on,
    })
}
