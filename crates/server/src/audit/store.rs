//! The audit log's store: every write records who did it, inside the writer's
//! transaction, filed under the team that supports the young person.

use crate::auth::{role_text, Caller};
use crate::error::ApiError;
use crate::store::{Flag, Store};
use chrono::Utc;
use journey_core::{AuditEntry, YoungPersonId};
use sqlx::AnyConnection;

/// Records one write in the audit log, inside the caller's transaction.
pub async fn audit(
    conn: &mut AnyConnection,
    account_id: Option<&str>,
    who: &str,
    action: &str,
    young_person_id: Option<&str>,
    team_id: Option<&str>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, who, action, young_person_id, team_id)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(account_id)
    .bind(who)
    .bind(action)
    .bind(young_person_id)
    .bind(team_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// An audit row about the whole organisation (the help content, the nation, who is an
/// administrator), which the organisation's administrators read. `by`: the member of
/// staff who did it, or `None` for the `journey-server admin` command.
pub(crate) async fn audit_organisation(
    conn: &mut AnyConnection,
    by: Option<&Caller>,
    action: &str,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, who, action, organisation) VALUES ($1, $2, $3, $4, 1)",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(by.map(|caller| caller.account_id.as_str()))
    .bind(by.map_or_else(|| "administrator".to_owned(), Caller::audit_name))
    .bind(action)
    .execute(conn)
    .await?;
    Ok(())
}

/// An audit row for something the caller did about one young person, filed under the
/// team that supports them now, so that team's manager reads it.
pub(crate) async fn audit_about(
    conn: &mut AnyConnection,
    caller: &Caller,
    action: &str,
    young_person_id: &str,
) -> Result<(), ApiError> {
    // One statement: the team is looked up inside the INSERT (the same question as
    // `team_of`), so a write pays for one round trip to the database here, not two.
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, who, action, young_person_id, team_id)
         VALUES ($1, $2, $3, $4, $5,
                 (SELECT w.team_id FROM allocations a JOIN workers w ON w.id = a.worker_id
                  WHERE a.young_person_id = $5 AND a.ended_on IS NULL
                  ORDER BY a.id DESC LIMIT 1))",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(&caller.account_id)
    .bind(caller.audit_name())
    .bind(action)
    .bind(young_person_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The team of the worker now allocated to a young person.
pub(crate) async fn team_of(
    conn: &mut AnyConnection,
    young_person_id: &str,
) -> Result<Option<String>, ApiError> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT w.team_id FROM allocations a JOIN workers w ON w.id = a.worker_id
         WHERE a.young_person_id = $1 AND a.ended_on IS NULL ORDER BY a.id DESC LIMIT 1",
    )
    .bind(young_person_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| r.0))
}

impl Caller {
    /// How this caller appears in the audit log.
    pub fn audit_name(&self) -> String {
        format!(
            "{} ({})",
            self.display_name,
            role_text(self.role).replace('_', " ")
        )
    }
}

impl Store {
    /// The audit log a member of staff may read, newest first: their team's if they
    /// manage one (`team_id`), and the organisation's own rows if `organisation` (for
    /// its administrators).
    pub async fn audit_for(
        &self,
        team_id: Option<&str>,
        organisation: bool,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, ApiError> {
        let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT at, who, action, young_person_id FROM audit_log
             WHERE team_id = $1 OR ($2 = 1 AND organisation = 1)
             ORDER BY id DESC LIMIT $3",
        )
        .bind(team_id)
        .bind(Flag(organisation))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(at, who, action, yp)| {
                Ok(AuditEntry {
                    at: chrono::DateTime::parse_from_rfc3339(&at)
                        .map_err(|_| ApiError::Internal("bad stored time"))?
                        .with_timezone(&Utc),
                    who,
                    action,
                    young_person_id: yp.as_deref().and_then(YoungPersonId::parse),
                })
            })
            .collect()
    }
}
