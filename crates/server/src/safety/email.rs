//! Staff are told outside the app when a young person says they don't feel safe: by
//! email, durably.
//!
//! - [`queue`] runs inside the transaction that stores the flag, and writes one row per
//!   person to tell into the `safety_emails` outbox: the allocated worker and their team's
//!   manager(s) at once; the manager(s) again and the duty address later, if nobody has
//!   recorded what they did by then. A young person with no allocated worker: the
//!   manager(s) of the team that last supported them, and the duty address.
//! - [`spawn_sender`] starts the task that sends rows when they are due, over SMTP. Each
//!   row is claimed for a while ([`LEASE`]) in a write transaction before sending, so
//!   several servers on one database normally send each email once; a server that stops
//!   mid-send leaves the claim to run out, and the email is sent again (at least once).
//!   A failure is tried again later, waiting twice as long each time (up to
//!   [`LONGEST_WAIT`]). Every attempt goes in the audit log of the young person's team.
//!
//! The emails carry no young person's words and no name: only that someone the reader
//! supports has said they don't feel safe, when, and a link to the app's safety page.

use crate::audit::store::audit;
use crate::config::{SafetyEmailConfig, SafetyEmailPolicy};
use crate::error::ApiError;
use crate::store::{Flag, Store};
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::AnyConnection;
use std::time::Duration;

/// How the sender appears in the audit log.
const WHO: &str = "My Journey (safety email)";
/// How long a server may take to send one email before another may try it.
pub const LEASE: Duration = Duration::from_secs(60);
/// The longest one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);
/// How often the outbox is looked at when nothing wakes the sender (rows written by
/// another server, escalations coming due).
const POLL: Duration = Duration::from_secs(5);
/// The longest wait between tries.
pub const LONGEST_WAIT: Duration = Duration::from_secs(10 * 60);
/// Still failing this long after the flag, an email is given up (and that is audited):
/// by then it is stale, and the audit log should not fill with tries.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(24 * 3600);

fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX / 2)
}

/// An address we can send to, or `None` (missing, blank or not an address).
fn usable(email: Option<&str>) -> Option<String> {
    email
        .map(str::trim)
        .filter(|e| e.parse::<lettre::Address>().is_ok())
        .map(str::to_owned)
}

/// id, name, email, team id.
type StaffRow = (String, String, Option<String>, Option<String>);

struct Outgoing<'a> {
    kind: &'static str,
    recipient: &'static str,
    worker_id: Option<&'a str>,
    to_name: &'a str,
    to_address: &'a str,
    due_at: i64,
}

/// Writes the emails about a new flag into the outbox, in the flag's own transaction,
/// and audits anyone who cannot be emailed.
pub(crate) async fn queue(
    conn: &mut AnyConnection,
    policy: &SafetyEmailPolicy,
    flag_id: &str,
    young_person_id: &str,
) -> Result<(), ApiError> {
    let workers: Vec<StaffRow> = sqlx::query_as(
        "SELECT w.id, w.name, w.email, w.team_id FROM allocations a
         JOIN workers w ON w.id = a.worker_id
         WHERE a.young_person_id = $1 AND a.ended_on IS NULL ORDER BY a.id",
    )
    .bind(young_person_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut teams: Vec<String> = Vec::new();
    for team in workers.iter().filter_map(|w| w.3.clone()) {
        if !teams.contains(&team) {
            teams.push(team);
        }
    }
    if workers.is_empty() {
        // No allocated worker: the team that supported them last.
        let last: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT w.team_id FROM allocations a JOIN workers w ON w.id = a.worker_id
             WHERE a.young_person_id = $1 ORDER BY a.id DESC LIMIT 1",
        )
        .bind(young_person_id)
        .fetch_optional(&mut *conn)
        .await?;
        teams.extend(last.and_then(|(team,)| team));
    }
    let mut managers: Vec<StaffRow> = Vec::new();
    for team in &teams {
        let rows: Vec<StaffRow> = sqlx::query_as(
            "SELECT id, name, email, team_id FROM workers
             WHERE is_manager = 1 AND team_id = $1 ORDER BY name, id",
        )
        .bind(team)
        .fetch_all(&mut *conn)
        .await?;
        managers.extend(rows);
    }
    let audit_team = teams.first().cloned();
    let now = now_ms();
    let escalate_at = now.saturating_add(millis(policy.escalate_after));

    let mut rows: Vec<Outgoing> = Vec::new();
    let mut unreachable: Vec<(&str, &'static str, Option<&str>)> = Vec::new();
    let addresses: Vec<Option<String>> = workers
        .iter()
        .chain(&managers)
        .map(|(_, _, email, _)| usable(email.as_deref()))
        .collect();
    let (worker_addresses, manager_addresses) = addresses.split_at(workers.len());
    for ((id, name, _, team), address) in workers.iter().zip(worker_addresses) {
        match address {
            Some(address) => rows.push(Outgoing {
                kind: "raised",
                recipient: "worker",
                worker_id: Some(id.as_str()),
                to_name: name,
                to_address: address,
                due_at: now,
            }),
            None => unreachable.push((name.as_str(), "worker", team.as_deref())),
        }
    }
    for ((id, name, _, team), address) in managers.iter().zip(manager_addresses) {
        let also_worker = workers.iter().any(|w| &w.0 == id);
        match address {
            Some(address) => {
                if !also_worker {
                    rows.push(Outgoing {
                        kind: "raised",
                        recipient: "manager",
                        worker_id: Some(id.as_str()),
                        to_name: name,
                        to_address: address,
                        due_at: now,
                    });
                }
                rows.push(Outgoing {
                    kind: "escalated",
                    recipient: "manager",
                    worker_id: Some(id.as_str()),
                    to_name: name,
                    to_address: address,
                    due_at: escalate_at,
                });
            }
            None if also_worker => {}
            None => unreachable.push((name.as_str(), "manager", team.as_deref())),
        }
    }
    if let Some(duty) = policy.duty_email.as_deref() {
        // At once when they have no allocated worker, or nobody who supports them can be
        // told; later, whenever nobody acts in time.
        if workers.is_empty() || !rows.iter().any(|r| r.kind == "raised") {
            rows.push(Outgoing {
                kind: "raised",
                recipient: "duty",
                worker_id: None,
                to_name: "the duty address",
                to_address: duty,
                due_at: now,
            });
        }
        rows.push(Outgoing {
            kind: "escalated",
            recipient: "duty",
            worker_id: None,
            to_name: "the duty address",
            to_address: duty,
            due_at: escalate_at,
        });
    }
    let created_at = Utc::now().to_rfc3339();
    for row in &rows {
        sqlx::query(
            "INSERT INTO safety_emails (flag_id, kind, recipient, worker_id, to_name, to_address,
                                        team_id, due_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (flag_id, kind, to_address) DO NOTHING",
        )
        .bind(flag_id)
        .bind(row.kind)
        .bind(row.recipient)
        .bind(row.worker_id)
        .bind(row.to_name)
        .bind(row.to_address)
        .bind(audit_team.as_deref())
        .bind(row.due_at)
        .bind(&created_at)
        .execute(&mut *conn)
        .await?;
    }
    for (name, role, team) in unreachable {
        tracing::warn!(
            staff = name,
            "could not email {name} ({role}) about a safety flag: no email address"
        );
        audit_email(
            conn,
            &format!(
                "could not email {name} ({role}) about a safety flag: there is no email \
                 address on their account"
            ),
            young_person_id,
            team.or(audit_team.as_deref()),
        )
        .await?;
    }
    if !rows.iter().any(|r| r.kind == "raised") {
        tracing::error!(
            "a safety flag was raised and nobody could be emailed about it: no one who supports \
             the young person has an email address, and there is no --safety-duty-email"
        );
        audit_email(
            conn,
            "could not email anyone about a safety flag: nobody who supports this young person \
             has an email address, and there is no duty address",
            young_person_id,
            audit_team.as_deref(),
        )
        .await?;
    }
    Ok(())
}

/// Says plainly at start-up whether staff will be emailed about safety flags, and names
/// the staff who cannot be.
pub async fn announce(store: &Store, config: &SafetyEmailConfig) -> Result<(), ApiError> {
    let Some(smtp) = &config.smtp else {
        tracing::warn!(
            "Safety emails are OFF: nobody will be emailed when a young person says they don't \
             feel safe (staff see it only in the app). Set --smtp-url and --smtp-from to turn \
             them on."
        );
        return Ok(());
    };
    tracing::info!(
        smtp = %smtp,
        from = %config.from,
        escalate_after = ?config.escalate_after,
        "safety emails are on: staff are emailed when a young person says they don't feel safe"
    );
    if config.public_url.is_none() {
        tracing::warn!(
            "--public-url is not set, so safety emails cannot link to the app's safety page"
        );
    }
    if config.duty_email.is_none() {
        tracing::warn!(
            "--safety-duty-email is not set: when nobody acts on a safety flag in time, only \
             the manager is emailed again"
        );
    }
    let missing = staff_without_email(store).await?;
    if !missing.is_empty() {
        tracing::warn!(
            "These staff have no email address, so they cannot be emailed about safety flags \
             (they see them only in the app): {}",
            missing.join(", ")
        );
    }
    Ok(())
}

/// Staff whose email address is missing or unusable, as "Name (username)".
pub async fn staff_without_email(store: &Store) -> Result<Vec<String>, ApiError> {
    let rows: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT w.name, a.username, w.email FROM workers w
         LEFT JOIN accounts a ON a.worker_id = w.id ORDER BY w.name, w.id",
    )
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, email)| usable(email.as_deref()).is_none())
        .map(|(name, username, _)| match username {
            Some(username) => format!("{name} ({username})"),
            None => name,
        })
        .collect())
}

/// Starts the task that sends due safety emails, until the runtime stops. `None` when
/// email is off (or the store was not given the same settings).
pub fn spawn_sender(
    store: Store,
    config: SafetyEmailConfig,
) -> Option<tokio::task::JoinHandle<()>> {
    let policy = store.safety_email.clone()?;
    let smtp = config.smtp.clone()?;
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp.expose()) {
        Ok(builder) => builder.timeout(Some(SMTP_TIMEOUT)).build(),
        Err(error) => {
            tracing::error!(smtp = %smtp, %error, "safety emails cannot be sent: bad --smtp-url");
            return None;
        }
    };
    Some(tokio::spawn(async move {
        loop {
            match send_next(&store, &config, &transport).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(error) => {
                    tracing::warn!(%error, "safety emails: could not read the outbox; trying again")
                }
            }
            let wait = next_wait(&store).await.unwrap_or(POLL);
            tokio::select! {
                _ = policy.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }))
}

/// Until the next row falls due (or its claim runs out), within reason.
async fn next_wait(store: &Store) -> Result<Duration, ApiError> {
    let (next,): (Option<i64>,) = sqlx::query_as(
        "SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until > due_at
                         THEN claimed_until ELSE due_at END)
         FROM safety_emails WHERE status = 'waiting'",
    )
    .fetch_one(store.pool())
    .await?;
    Ok(match next {
        Some(at) => Duration::from_millis(u64::try_from(at - now_ms()).unwrap_or(0))
            .clamp(Duration::from_millis(20), POLL),
        None => POLL,
    })
}

#[derive(sqlx::FromRow)]
struct Job {
    id: i64,
    kind: String,
    recipient: String,
    to_name: String,
    to_address: String,
    team_id: Option<String>,
    attempts: i64,
    young_person_id: String,
    raised_at: String,
    open: Flag,
}

/// The audit row for what the sender did, or could not do, about a flag.
async fn audit_email(
    conn: &mut AnyConnection,
    action: &str,
    young_person_id: &str,
    team_id: Option<&str>,
) -> Result<(), ApiError> {
    audit(conn, None, WHO, action, Some(young_person_id), team_id).await
}

impl Job {
    /// The audit row for what became of this email.
    async fn audit(&self, conn: &mut AnyConnection, action: &str) -> Result<(), ApiError> {
        audit_email(conn, action, &self.young_person_id, self.team_id.as_deref()).await
    }

    fn who(&self) -> String {
        match self.recipient.as_str() {
            "duty" => format!("the duty address ({})", self.to_address),
            role => format!("{} ({role}) at {}", self.to_name, self.to_address),
        }
    }
}

/// Claims one due row and deals with it. `true`: there may be more.
async fn send_next(
    store: &Store,
    config: &SafetyEmailConfig,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
) -> Result<bool, ApiError> {
    let Some(job) = claim(store).await? else {
        return Ok(false);
    };
    if job.kind == "escalated" && !job.open.0 {
        let mut tx = store.begin_write().await?;
        sqlx::query(
            "UPDATE safety_emails SET status = 'not_needed', claimed_until = NULL WHERE id = $1",
        )
        .bind(job.id)
        .execute(&mut *tx)
        .await?;
        job.audit(
            &mut tx,
            &format!(
                "did not email {} again about a safety flag: someone recorded what they did",
                job.who()
            ),
        )
        .await?;
        tx.commit().await?;
        return Ok(true);
    }
    let (allocated,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM allocations WHERE young_person_id = $1 AND ended_on IS NULL",
    )
    .bind(&job.young_person_id)
    .fetch_one(store.pool())
    .await?;
    let raised_at = DateTime::parse_from_rfc3339(&job.raised_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|_| Utc::now());
    let text = EmailText::new(
        &job.kind,
        &job.recipient,
        &job.to_name,
        raised_at,
        allocated > 0,
        config,
    );
    let result = match message(&config.from, &job, &text) {
        Ok(message) => transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err(error) => Err(error),
    };
    let mut tx = store.begin_write().await?;
    // The error as it is kept and audited: its first 300 characters.
    match result.map_err(|error| error.chars().take(300).collect::<String>()) {
        Ok(()) => {
            sqlx::query(
                "UPDATE safety_emails SET status = 'sent', sent_at = $1, claimed_until = NULL,
                        last_error = NULL WHERE id = $2",
            )
            .bind(Utc::now().to_rfc3339())
            .bind(job.id)
            .execute(&mut *tx)
            .await?;
            let what = if job.kind == "escalated" {
                format!(
                    "emailed {} again: nobody had recorded what they did about a safety flag \
                     within {}",
                    job.who(),
                    human(config.escalate_after)
                )
            } else {
                let someone = match job.recipient.as_str() {
                    "worker" => "a young person they support",
                    "manager" => "a young person their team supports",
                    _ => "a young person",
                };
                format!("emailed {}: {someone} said they don't feel safe", job.who())
            };
            job.audit(&mut tx, &what).await?;
        }
        Err(error)
            if Utc::now() - raised_at
                >= chrono::Duration::from_std(GIVE_UP_AFTER).unwrap_or_default() =>
        {
            tracing::error!(email = job.id, %error, "a safety email is still failing a day later: given up");
            sqlx::query(
                "UPDATE safety_emails SET status = 'gave_up', claimed_until = NULL, last_error = $1
                 WHERE id = $2",
            )
            .bind(&error)
            .bind(job.id)
            .execute(&mut *tx)
            .await?;
            job.audit(
                &mut tx,
                &format!(
                    "gave up emailing {} about a safety flag, still failing a day later ({error})",
                    job.who()
                ),
            )
            .await?;
        }
        Err(error) => {
            let wait = backoff(config.retry_after, job.attempts);
            tracing::warn!(email = job.id, %error, "a safety email could not be sent; trying again in {}", human(wait));
            sqlx::query(
                "UPDATE safety_emails SET due_at = $1, claimed_until = NULL, last_error = $2
                 WHERE id = $3 AND status = 'waiting'",
            )
            .bind(now_ms().saturating_add(millis(wait)))
            .bind(&error)
            .bind(job.id)
            .execute(&mut *tx)
            .await?;
            job.audit(
                &mut tx,
                &format!(
                    "could not email {} about a safety flag ({error}); trying again in {}",
                    job.who(),
                    human(wait)
                ),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Takes the next due row for this server for [`LEASE`], in a write transaction (which
/// on PostgreSQL every server takes in turn), so no other server sends it meanwhile.
async fn claim(store: &Store) -> Result<Option<Job>, ApiError> {
    const DUE: &str = "SELECT id FROM safety_emails
         WHERE status = 'waiting' AND due_at <= $1
           AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY due_at, id LIMIT 1";
    let now = now_ms();
    // A plain read first, so an empty outbox never holds up other writes.
    let any: Option<(i64,)> = sqlx::query_as(DUE)
        .bind(now)
        .fetch_optional(store.pool())
        .await?;
    if any.is_none() {
        return Ok(None);
    }
    let mut tx = store.begin_write().await?;
    let next: Option<(i64,)> = sqlx::query_as(DUE)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((id,)) = next else {
        return Ok(None);
    };
    let claimed = sqlx::query(
        "UPDATE safety_emails SET claimed_until = $1, attempts = attempts + 1
         WHERE id = $2 AND status = 'waiting' AND (claimed_until IS NULL OR claimed_until < $3)",
    )
    .bind(now.saturating_add(millis(LEASE)))
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Ok(None);
    }
    let job: Job = sqlx::query_as(
        "SELECT e.id, e.kind, e.recipient, e.to_name, e.to_address, e.team_id, e.attempts,
                f.young_person_id, f.created_at AS raised_at, f.open
         FROM safety_emails e JOIN safety_flags f ON f.id = e.flag_id WHERE e.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(job))
}

/// The wait after the nth failed try: the first wait, doubled each time, up to
/// [`LONGEST_WAIT`].
pub fn backoff(first: Duration, attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    first
        .saturating_mul(1u32 << doublings)
        .min(LONGEST_WAIT.max(first))
}

/// A wait in words: "a moment", "10 seconds", "15 minutes", "2 hours".
pub fn human(duration: Duration) -> String {
    let secs = duration.as_secs();
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if secs == 0 {
        "a moment".into()
    } else if secs < 120 {
        plural(secs, "second")
    } else if secs < 2 * 3600 {
        plural(secs / 60, "minute")
    } else {
        plural(secs / 3600, "hour")
    }
}

/// A moment as UK staff read it: "4:05pm on Tuesday 1 December 2026 (UK time)", on the
/// UK's clock (GMT or BST: the one rule in `journey_core::help::uk_time`).
pub fn uk_time(at: DateTime<Utc>) -> String {
    format!(
        "{} (UK time)",
        journey_core::help::uk_time(at).format("%-I:%M%P on %A %-d %B %Y")
    )
}

/// An email's subject and body: plain, calm words, with no young person's name or words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailText {
    pub subject: String,
    pub body: String,
}

impl EmailText {
    pub fn new(
        kind: &str,
        recipient: &str,
        to_name: &str,
        raised_at: DateTime<Utc>,
        has_worker: bool,
        config: &SafetyEmailConfig,
    ) -> EmailText {
        let when = uk_time(raised_at);
        let greeting = match recipient {
            "duty" => "Hello,".to_owned(),
            _ => format!("Hello {to_name},"),
        };
        let someone = match recipient {
            "worker" => "A young person you support",
            "manager" => "A young person your team supports",
            _ => "A young person",
        };
        let link = match &config.public_url {
            Some(url) => format!("{url}/staff/safety"),
            None => "(open My Journey and go to the safety page)".to_owned(),
        };
        let why_you = match (kind, recipient, has_worker) {
            (_, "worker", _) => "",
            ("raised", "manager", true) => "\nTheir worker has been emailed too.\n",
            ("raised", "manager", false) => {
                "\nThey have no allocated worker at the moment, so please make sure someone\n\
                 acts.\n"
            }
            ("raised", _, false) => {
                "\nThey have no allocated worker at the moment, so this has come to the duty\n\
                 address.\n"
            }
            ("raised", _, true) => {
                "\nNobody who supports them could be emailed, so this has come to the duty\n\
                 address.\n"
            }
            _ => "",
        };
        let privacy = "This email does not say who it is or what they said, to keep their words\n\
                       private. If someone is in danger now, call 999.";
        if kind == "escalated" {
            EmailText {
                subject: "Still open: someone has said they don't feel safe".into(),
                body: format!(
                    "{greeting}\n\n\
                     {someone} has said they don't feel safe.\n\
                     When: {when}\n\n\
                     Nobody had recorded what was done about it {} later.\n\n\
                     Please make sure someone has seen it and is acting now:\n\
                     {link}\n\n\
                     {privacy}\n\n\
                     My Journey\n",
                    human(config.escalate_after)
                ),
            }
        } else {
            EmailText {
                subject: match recipient {
                    "worker" => "Someone you support has said they don't feel safe".into(),
                    "manager" => "Someone your team supports has said they don't feel safe".into(),
                    _ => "A young person has said they don't feel safe".into(),
                },
                body: format!(
                    "{greeting}\n\n\
                     {someone} has said they don't feel safe.\n\
                     When: {when}\n\
                     {why_you}\n\
                     Please open My Journey now to see who it is and what they said, and to\n\
                     record what you do:\n\
                     {link}\n\n\
                     {privacy}\n\n\
                     My Journey\n"
                ),
            }
        }
    }
}

fn message(from: &str, job: &Job, text: &EmailText) -> Result<Message, String> {
    let from: Mailbox = from
        .parse()
        .map_err(|_| "the --smtp-from address is not usable".to_owned())?;
    let address: lettre::Address = job
        .to_address
        .parse()
        .map_err(|_| "the address is not usable".to_owned())?;
    let name = (job.recipient != "duty").then(|| job.to_name.clone());
    Message::builder()
        .from(from)
        .to(Mailbox::new(name, address))
        .subject(&text.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(text.body.clone())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn times_are_written_in_uk_local_time() {
        for (utc, uk) in [
            // Winter: GMT.
            (
                "2026-12-01T16:05:00Z",
                "4:05pm on Tuesday 1 December 2026 (UK time)",
            ),
            // Summer: BST, an hour ahead.
            (
                "2026-07-14T08:30:00Z",
                "9:30am on Tuesday 14 July 2026 (UK time)",
            ),
            // The clocks go forward at 01:00 UTC on the last Sunday in March (29 March 2026)…
            (
                "2026-03-29T00:59:00Z",
                "12:59am on Sunday 29 March 2026 (UK time)",
            ),
            (
                "2026-03-29T01:00:00Z",
                "2:00am on Sunday 29 March 2026 (UK time)",
            ),
            // …and back at 01:00 UTC on the last Sunday in October (25 October 2026).
            (
                "2026-10-25T00:30:00Z",
                "1:30am on Sunday 25 October 2026 (UK time)",
            ),
            (
                "2026-10-25T01:30:00Z",
                "1:30am on Sunday 25 October 2026 (UK time)",
            ),
        ] {
            assert_eq!(uk_time(at(utc)), uk, "{utc}");
        }
    }

    #[test]
    fn tries_wait_twice_as_long_each_time_up_to_ten_minutes() {
        let first = Duration::from_secs(5);
        assert_eq!(backoff(first, 1), Duration::from_secs(5));
        assert_eq!(backoff(first, 2), Duration::from_secs(10));
        assert_eq!(backoff(first, 4), Duration::from_secs(40));
        assert_eq!(backoff(first, 9), LONGEST_WAIT);
        assert_eq!(backoff(first, 1_000_000), LONGEST_WAIT);
        assert_eq!(human(Duration::from_secs(10)), "10 seconds");
        assert_eq!(human(Duration::from_secs(900)), "15 minutes");
        assert_eq!(human(Duration::from_millis(200)), "a moment");
        assert_eq!(human(Duration::from_secs(1)), "1 second");
    }

    fn config() -> SafetyEmailConfig {
        SafetyEmailConfig {
            public_url: Some("https://journey.example.org".into()),
            ..SafetyEmailConfig::default()
        }
    }

    #[test]
    fn the_email_says_when_and_links_to_the_safety_page_and_nothing_more() {
        let text = EmailText::new(
            "raised",
            "worker",
            "Sam Rivers",
            at("2026-12-01T16:05:00Z"),
            true,
            &config(),
        );
        assert_eq!(
            text.subject,
            "Someone you support has said they don't feel safe"
        );
        assert!(
            text.body.starts_with("Hello Sam Rivers,\n"),
            "{}",
            text.body
        );
        assert!(text
            .body
            .contains("A young person you support has said they don't feel safe.\n"));
        assert!(text
            .body
            .contains("\nWhen: 4:05pm on Tuesday 1 December 2026 (UK time)\n"));
        assert!(text
            .body
            .contains("\nhttps://journey.example.org/staff/safety\n"));
        assert!(text.body.contains("call 999"));

        let manager = EmailText::new(
            "raised",
            "manager",
            "Morgan Lee",
            at("2026-12-01T16:05:00Z"),
            false,
            &config(),
        );
        assert!(manager.body.contains("no allocated worker"));
        let duty = EmailText::new(
            "escalated",
            "duty",
            "the duty address",
            at("2026-12-01T16:05:00Z"),
            true,
            &config(),
        );
        assert!(duty.body.starts_with("Hello,\n"));
        assert!(duty
            .body
            .contains("Nobody had recorded what was done about it 15 minutes later."));
        assert_eq!(
            duty.subject,
            "Still open: someone has said they don't feel safe"
        );
    }

    #[test]
    fn every_email_is_plain_ascii_in_short_lines() {
        // Short ASCII lines go as they are (7bit), readable in any mail program.
        let longest_date = at("2026-09-30T11:59:00Z");
        for kind in ["raised", "escalated"] {
            for recipient in ["worker", "manager", "duty"] {
                for has_worker in [true, false] {
                    let text = EmailText::new(
                        kind,
                        recipient,
                        "Alexandra Montgomery-Smythe",
                        longest_date,
                        has_worker,
                        &config(),
                    );
                    assert!(text.body.is_ascii() && text.subject.is_ascii());
                    assert!(
                        text.body.lines().all(|l| l.len() <= 76),
                        "{kind} {recipient}:\n{}",
                        text.body
                    );
                    assert!(text
                        .body
                        .contains("https://journey.example.org/staff/safety"));
                    assert!(text.body.contains("call 999"));
                }
            }
        }
    }
}
