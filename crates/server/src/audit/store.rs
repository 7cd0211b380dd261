//! The audit log's store: every write records who did it, inside the writer's
//! transaction, filed under the team that supports the young person.

use crate::auth::{role_text, Caller};
use crate::error::ApiError;
use crate::store::{Flag, Store};
use chrono::Utc;
use journey_core::{AuditChoices, AuditEntry, AuditKind, AuditPerson, AuditQuery, YoungPersonId};
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
        "INSERT INTO audit_log (at, account_id, who, action, young_person_id, team_id, kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(account_id)
    .bind(who)
    .bind(action)
    .bind(young_person_id)
    .bind(team_id)
    .bind(AuditKind::of_action(action, false).as_str())
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
        "INSERT INTO audit_log (at, account_id, who, action, organisation, kind)
         VALUES ($1, $2, $3, $4, 1, $5)",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(by.map(|caller| caller.account_id.as_str()))
    .bind(by.map_or_else(|| "administrator".to_owned(), Caller::audit_name))
    .bind(action)
    .bind(AuditKind::of_action(action, true).as_str())
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
        "INSERT INTO audit_log (at, account_id, who, action, young_person_id, team_id, kind)
         VALUES ($1, $2, $3, $4, $5,
                 (SELECT w.team_id FROM allocations a JOIN workers w ON w.id = a.worker_id
                  WHERE a.young_person_id = $5 AND a.ended_on IS NULL
                  ORDER BY a.id DESC LIMIT 1), $6)",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(&caller.account_id)
    .bind(caller.audit_name())
    .bind(action)
    .bind(young_person_id)
    .bind(AuditKind::of_action(action, false).as_str())
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

/// Which rows of the audit log a member of staff may read: their team's if they manage
/// one (`$1`), and the organisation's own if `$2` (for its administrators).
const VISIBLE: &str = "(a.team_id = $1 OR ($2 = 1 AND a.organisation = 1))";

impl Store {
    /// The audit log a member of staff may read, newest first: their team's if they
    /// manage one (`team_id`), and the organisation's own rows if `organisation` (for
    /// its administrators); only what `query` asks for, and at most `limit` entries.
    pub async fn audit_for(
        &self,
        team_id: Option<&str>,
        organisation: bool,
        query: &AuditQuery,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, ApiError> {
        let mut sql = format!(
            "SELECT a.id, a.at, a.who, a.action, a.young_person_id, y.first_name, a.account_id,
                    a.kind
             FROM audit_log a LEFT JOIN young_people y ON y.id = a.young_person_id
             WHERE {VISIBLE}"
        );
        // Each filter adds its own placeholder, bound below in the same order.
        let mut n = 3;
        let mut next = |clause: &str| {
            let text = clause.replace('?', &format!("${n}"));
            n += 1;
            text
        };
        if query.young_person.is_some() {
            sql += &next(" AND a.young_person_id = ?");
        }
        if query.by.is_some() {
            sql += &next(" AND a.account_id = ?");
        }
        if query.kind.is_some() {
            sql += &next(" AND a.kind = ?");
        }
        if query.before.is_some() {
            sql += &next(" AND a.id < ?");
        }
        sql += &next(" ORDER BY a.id DESC LIMIT ?");
        type Row = (
            i64,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
        );
        let mut select = sqlx::query_as::<_, Row>(&sql)
            .bind(team_id)
            .bind(Flag(organisation));
        if let Some(id) = &query.young_person {
            select = select.bind(id);
        }
        if let Some(by) = &query.by {
            select = select.bind(by);
        }
        if let Some(kind) = query.kind {
            select = select.bind(kind.as_str());
        }
        if let Some(before) = query.before {
            select = select.bind(before);
        }
        let rows = select.bind(limit).fetch_all(self.pool()).await?;
        rows.into_iter()
            .map(|(id, at, who, action, yp, name, by, kind)| {
                Ok(AuditEntry {
                    id,
                    at: chrono::DateTime::parse_from_rfc3339(&at)
                        .map_err(|_| ApiError::Internal("bad stored time"))?
                        .with_timezone(&Utc),
                    who,
                    action,
                    young_person_id: yp.as_deref().and_then(YoungPersonId::parse),
                    young_person_name: name,
                    by,
                    kind: AuditKind::parse(&kind).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Who appears in the audit log the caller may read: the young people it is about
    /// and who did things, for the screen's filters.
    pub async fn audit_choices(
        &self,
        team_id: Option<&str>,
        organisation: bool,
    ) -> Result<AuditChoices, ApiError> {
        let young_people: Vec<(String, String)> = sqlx::query_as(&format!(
            "SELECT y.id, y.first_name FROM young_people y
             WHERE y.id IN (SELECT a.young_person_id FROM audit_log a WHERE {VISIBLE})
             ORDER BY y.first_name, y.id"
        ))
        .bind(team_id)
        .bind(Flag(organisation))
        .fetch_all(self.pool())
        .await?;
        let staff: Vec<(String, String)> = sqlx::query_as(&format!(
            "SELECT a.account_id, MAX(a.who) FROM audit_log a
             WHERE {VISIBLE} AND a.account_id IS NOT NULL
             GROUP BY a.account_id ORDER BY MAX(a.who), a.account_id"
        ))
        .bind(team_id)
        .bind(Flag(organisation))
        .fetch_all(self.pool())
        .await?;
        let people = |rows: Vec<(String, String)>| {
            rows.into_iter()
                .map(|(id, name)| AuditPerson { id, name })
                .collect()
        };
        Ok(AuditChoices {
            young_people: people(young_people),
            staff: people(staff),
        })
    }
}
