//! The store's side of concerns and complaints: raising one (idempotent by the app's
//! `client_id`), who may read it, the manager's list with due dates, replies, and the
//! young person asking for the next stage when an answer didn't put it right.
//!
//! Who reads a concern is decided each time it is read ([`route`], by the rule in
//! `journey_core::concern::concern_reader`): never the person it is about. A concern
//! about a worker who is a manager goes to the complaints officer, or another manager.

use crate::audit::store::{audit, audit_about};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::secrets::{new_id, random_bytes};
use crate::store::repeat::{earlier, Kept};
use crate::store::{Day, Flag, Store};
use chrono::Utc;
use journey_core::account::INVITE_ALPHABET;
use journey_core::concern::{
    concern_reader, stage_due, stage_one_due, stage_working_days, REFERENCE_LEN,
};
use journey_core::help::Nation;
use journey_core::i18n::words::Problem;
use journey_core::{
    AskedAgain, Concern, ConcernAbout, ConcernReader, ConcernReply, ConcernRoutes, ConcernStatus,
    FieldError, NewConcern, NewConcernReply, NextStage, Role, WhoSees, YoungPersonId,
};
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct ConcernRow {
    id: String,
    reference: String,
    young_person_id: String,
    first_name: String,
    about: String,
    worker_id: Option<String>,
    words: String,
    what_would_help: Option<String>,
    who_sees: String,
    stage: i64,
    status: String,
    raised_on: Day,
    due_on: Day,
}

const SELECT: &str = "SELECT c.id, c.reference, c.young_person_id, y.first_name, c.about,
        c.worker_id, c.words, c.what_would_help, c.who_sees, c.stage, c.status, c.raised_on,
        c.due_on
    FROM concerns c JOIN young_people y ON y.id = c.young_person_id";

impl ConcernRow {
    /// A worker reads a concern only when the young person chose to include them (the
    /// worker they had when they raised it) and it is not about them. Managers and the
    /// young person are checked by `may_see` in the extractor.
    fn worker_may_read(&self, caller: &Caller) -> bool {
        self.who_sees == "manager_and_worker"
            && self.about != "my_worker"
            && caller.worker_id.is_some()
            && self.worker_id.as_deref() == caller.worker_id.as_deref()
    }

    fn about(&self) -> ConcernAbout {
        if self.about == "my_worker" {
            ConcernAbout::MyWorker
        } else {
            ConcernAbout::SomethingElse
        }
    }

    /// Who reads it, by [`route`].
    fn route(&self, managers: &[StaffManager]) -> Route {
        route(self.about(), self.worker_id.as_deref(), managers)
    }

    /// Whether a manager may read and answer it: never when it is about them; when it
    /// goes to the team's managers, if `in_team` (the caller's team supports the young
    /// person); otherwise only if they are one of those it went to.
    fn manager_may_read(&self, caller: &Caller, managers: &[StaffManager], in_team: bool) -> bool {
        let Some(me) = caller.worker_id.as_deref() else {
            return false;
        };
        if caller.role != Role::Manager
            || (self.about() == ConcernAbout::MyWorker && self.worker_id.as_deref() == Some(me))
        {
            return false;
        }
        match self.route(managers).only {
            None => in_team,
            Some(readers) => readers.iter().any(|id| id == me),
        }
    }
}

/// A manager's account, as routing needs it.
struct StaffManager {
    worker_id: String,
    team_id: Option<String>,
    complaints_officer: bool,
}

/// Where a concern goes: the reader the young person is told of, and, unless it is the
/// team's managers (`None`), exactly which managers (by worker id) read it.
struct Route {
    reader: ConcernReader,
    only: Option<Vec<String>>,
}

/// The rule (`concern_reader`) applied to the organisation's managers as they are now.
/// `subject` is the young person's worker (for a concern about them). A concern about a
/// worker who is a manager goes to the complaints officers who are not them; if there
/// are none, to the other managers of their team; if none, to every other manager; if
/// none, to no one. Nothing here ever includes the person it is about.
fn route(about: ConcernAbout, subject: Option<&str>, managers: &[StaffManager]) -> Route {
    let subject_manager = managers
        .iter()
        .find(|m| about == ConcernAbout::MyWorker && Some(m.worker_id.as_str()) == subject);
    let others: Vec<&StaffManager> = managers
        .iter()
        .filter(|m| Some(m.worker_id.as_str()) != subject)
        .collect();
    let officers: Vec<&StaffManager> = others
        .iter()
        .copied()
        .filter(|m| m.complaints_officer)
        .collect();
    let reader = concern_reader(
        about,
        subject_manager.is_some(),
        !officers.is_empty(),
        !others.is_empty(),
    );
    let ids = |list: Vec<&StaffManager>| Some(list.iter().map(|m| m.worker_id.clone()).collect());
    let only = match reader {
        ConcernReader::WorkerManager => None,
        ConcernReader::ComplaintsOfficer => ids(officers),
        ConcernReader::AnotherManager => {
            let team = subject_manager.and_then(|m| m.team_id.as_deref());
            let same_team: Vec<&StaffManager> = others
                .iter()
                .copied()
                .filter(|m| team.is_some() && m.team_id.as_deref() == team)
                .collect();
            ids(if same_team.is_empty() {
                others
            } else {
                same_team
            })
        }
        ConcernReader::NoOne => Some(Vec::new()),
    };
    Route { reader, only }
}

/// The audit row for something done to a concern. One that went away from the team's
/// managers (it is about a manager) is filed under no team, so the manager it is about
/// doesn't learn of it from their team's audit log; it is kept all the same.
async fn audit_concern(
    conn: &mut AnyConnection,
    caller: &Caller,
    action: &str,
    young_person_id: &str,
    route: &Route,
) -> Result<(), ApiError> {
    if route.reader == ConcernReader::WorkerManager {
        audit_about(conn, caller, action, young_person_id).await
    } else {
        let who = caller.audit_name();
        audit(
            conn,
            Some(&caller.account_id),
            &who,
            action,
            Some(young_person_id),
            None,
        )
        .await
    }
}

fn reference() -> String {
    let bytes = random_bytes::<REFERENCE_LEN>();
    let letters: String = bytes
        .iter()
        .map(|b| INVITE_ALPHABET[*b as usize % INVITE_ALPHABET.len()] as char)
        .collect();
    format!("C-{letters}")
}

async fn current_worker(
    conn: &mut AnyConnection,
    id: &YoungPersonId,
) -> Result<Option<String>, ApiError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT worker_id FROM allocations WHERE young_person_id = $1 AND ended_on IS NULL
         ORDER BY started_on DESC, id DESC LIMIT 1",
    )
    .bind(id.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.0))
}

impl Store {
    /// Every manager's account, for [`route`].
    async fn managers(&self) -> Result<Vec<StaffManager>, ApiError> {
        let rows: Vec<(String, Option<String>, Flag)> = sqlx::query_as(
            "SELECT w.id, w.team_id, w.complaints_officer
             FROM workers w JOIN accounts a ON a.worker_id = w.id
             WHERE a.role = 'manager' ORDER BY w.id",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(worker_id, team_id, Flag(complaints_officer))| StaffManager {
                    worker_id,
                    team_id,
                    complaints_officer,
                },
            )
            .collect())
    }

    /// Who would read a concern the young person sends now, for each thing it may be
    /// about, so the form says who will see it before it is sent.
    pub async fn concern_routes(&self, id: &YoungPersonId) -> Result<ConcernRoutes, ApiError> {
        let mut conn = self.pool().acquire().await?;
        let worker = current_worker(&mut conn, id).await?;
        drop(conn);
        let managers = self.managers().await?;
        Ok(ConcernRoutes {
            my_worker: route(ConcernAbout::MyWorker, worker.as_deref(), &managers).reader,
            something_else: route(ConcernAbout::SomethingElse, worker.as_deref(), &managers).reader,
        })
    }

    async fn concern_rows(&self, filter: &str, bind: &str) -> Result<Vec<ConcernRow>, ApiError> {
        let sql =
            format!("{SELECT} WHERE {filter} ORDER BY c.status <> 'open', c.due_on, c.created_at");
        Ok(sqlx::query_as(&sql)
            .bind(bind)
            .fetch_all(self.pool())
            .await?)
    }

    async fn to_concern(
        &self,
        row: ConcernRow,
        nation: Nation,
        managers: &[StaffManager],
    ) -> Result<Concern, ApiError> {
        let sees = row.route(managers).reader;
        let about = row.about();
        let asked_again: Vec<(i64, Day, Option<String>)> = sqlx::query_as(
            "SELECT stage, started_on, words FROM concern_stages WHERE concern_id = $1 ORDER BY stage",
        )
        .bind(&row.id)
        .fetch_all(self.pool())
        .await?;
        let replies: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT words, by_name, created_at FROM concern_replies WHERE concern_id = $1 ORDER BY id",
        )
        .bind(&row.id)
        .fetch_all(self.pool())
        .await?;
        let status = if row.status == "answered" {
            ConcernStatus::Answered
        } else {
            ConcernStatus::Open
        };
        let today = Utc::now().date_naive();
        let stage = u8::try_from(row.stage).unwrap_or(1);
        let next_stage = stage.checked_add(1).filter(|next| {
            status == ConcernStatus::Answered && stage_working_days(nation, *next).is_some()
        });
        Ok(Concern {
            young_person_id: YoungPersonId::parse(&row.young_person_id)
                .ok_or(ApiError::Internal("bad stored young person id"))?,
            id: row.id,
            reference: row.reference,
            first_name: row.first_name,
            about,
            words: row.words,
            what_would_help: row.what_would_help,
            who_sees: if row.who_sees == "manager_and_worker" {
                WhoSees::ManagerAndWorker
            } else {
                WhoSees::Manager
            },
            sees,
            stage,
            status,
            raised_on: row.raised_on.0,
            due_on: row.due_on.0,
            overdue: status == ConcernStatus::Open && today > row.due_on.0,
            replies: replies
                .into_iter()
                .map(|(words, by, at)| ConcernReply {
                    words,
                    by,
                    on: chrono::DateTime::parse_from_rfc3339(&at)
                        .map(|t| t.date_naive())
                        .unwrap_or(today),
                })
                .collect(),
            asked_again: asked_again
                .into_iter()
                .map(|(stage, Day(on), words)| AskedAgain {
                    stage: u8::try_from(stage).unwrap_or(2),
                    on,
                    words,
                })
                .collect(),
            next_stage,
        })
    }

    async fn to_concerns(&self, rows: Vec<ConcernRow>) -> Result<Vec<Concern>, ApiError> {
        let nation = self.nation().await?;
        let managers = self.managers().await?;
        let mut concerns = Vec::with_capacity(rows.len());
        for row in rows {
            concerns.push(self.to_concern(row, nation, &managers).await?);
        }
        Ok(concerns)
    }

    /// A young person raises a concern. The same `client_id` again returns the first one
    /// and `false` (nothing new recorded).
    pub async fn raise_concern(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &NewConcern,
    ) -> Result<(Concern, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(concern_id) =
            earlier(&mut tx, Kept::Concern, id.as_str(), &input.client_id).await?
        {
            // Kept already; answered once what kept it is on the disk too.
            tx.commit().await?;
            return Ok((self.concern(&concern_id).await?, false));
        }
        let worker = current_worker(&mut tx, id).await?;
        let mut reference = reference();
        loop {
            let taken: Option<(i64,)> =
                sqlx::query_as("SELECT 1 FROM concerns WHERE reference = $1")
                    .bind(&reference)
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_none() {
                break;
            }
            reference = self::reference();
        }
        let concern_id = new_id();
        let now = Utc::now();
        let raised_on = now.date_naive();
        sqlx::query(
            "INSERT INTO concerns (id, reference, young_person_id, client_id, about, worker_id,
                words, what_would_help, who_sees, stage, status, raised_on, due_on, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, 'open', $10, $11, $12, $13)",
        )
        .bind(&concern_id)
        .bind(&reference)
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(match input.about {
            ConcernAbout::MyWorker => "my_worker",
            ConcernAbout::SomethingElse => "something_else",
        })
        .bind(worker.as_deref())
        .bind(&input.words)
        .bind(input.what_would_help.as_deref())
        .bind(match input.who_sees {
            WhoSees::Manager => "manager",
            WhoSees::ManagerAndWorker => "manager_and_worker",
        })
        .bind(Day(raised_on))
        .bind(Day(stage_one_due(raised_on)))
        .bind(&caller.account_id)
        .bind(now.to_rfc3339())
        .execute(&mut *tx)
        .await?;
        let route = route(input.about, worker.as_deref(), &self.managers().await?);
        audit_concern(
            &mut tx,
            caller,
            &format!("raised a concern ({reference})"),
            id.as_str(),
            &route,
        )
        .await?;
        tx.commit().await?;
        Ok((self.concern(&concern_id).await?, true))
    }

    async fn concern(&self, concern_id: &str) -> Result<Concern, ApiError> {
        let row = self
            .concern_rows("c.id = $1", concern_id)
            .await?
            .into_iter()
            .next()
            .ok_or(ApiError::NotFound(Problem::no_concern))?;
        self.to_concern(row, self.nation().await?, &self.managers().await?)
            .await
    }

    /// "Not happy with this answer?": the young person whose concern it is asks for the
    /// next stage. It opens again, due in that stage's working days from today. The same
    /// `client_id` again changes nothing and returns `false`. Anyone else: not found.
    pub async fn ask_for_next_stage(
        &self,
        caller: &Caller,
        concern_id: &str,
        input: &NextStage,
    ) -> Result<(Concern, bool), ApiError> {
        input.validate()?;
        let mut tx = self.begin_write().await?;
        type Found = (String, String, i64, String, String, Option<String>);
        let found: Option<Found> = sqlx::query_as(
            "SELECT young_person_id, reference, stage, status, about, worker_id
             FROM concerns WHERE id = $1",
        )
        .bind(concern_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((young_person, reference, stage, status, about, worker)) = found else {
            return Err(ApiError::NotFound(Problem::no_concern));
        };
        if caller.role != Role::YoungPerson
            || caller.young_person_id.as_ref().map(|id| id.as_str()) != Some(young_person.as_str())
        {
            return Err(ApiError::NotFound(Problem::no_concern));
        }
        if earlier(&mut tx, Kept::NextStage, concern_id, &input.client_id)
            .await?
            .is_some()
        {
            // Kept already; answered once what kept it is on the disk too.
            tx.commit().await?;
            return Ok((self.concern(concern_id).await?, false));
        }
        if status != "answered" {
            return Err(ApiError::Conflict(FieldError::problem(
                "concern",
                Problem::concern_still_open,
                &[],
            )));
        }
        let nation = self.nation().await?;
        let next = u8::try_from(stage + 1).unwrap_or(u8::MAX);
        let today = Utc::now().date_naive();
        let Some(due_on) = stage_due(nation, next, today) else {
            return Err(ApiError::Conflict(FieldError::problem(
                "concern",
                Problem::concern_last_stage,
                &[],
            )));
        };
        let words = input.words.as_deref().filter(|w| !w.trim().is_empty());
        sqlx::query(
            "INSERT INTO concern_stages (concern_id, stage, client_id, words, account_id, started_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(concern_id)
        .bind(i64::from(next))
        .bind(&input.client_id)
        .bind(words)
        .bind(&caller.account_id)
        .bind(Day(today))
        .bind(Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE concerns SET stage = $1, status = 'open', due_on = $2 WHERE id = $3")
            .bind(i64::from(next))
            .bind(Day(due_on))
            .bind(concern_id)
            .execute(&mut *tx)
            .await?;
        let about = if about == "my_worker" {
            ConcernAbout::MyWorker
        } else {
            ConcernAbout::SomethingElse
        };
        let route = route(about, worker.as_deref(), &self.managers().await?);
        audit_concern(
            &mut tx,
            caller,
            &format!("asked for a concern to go to stage {next} ({reference})"),
            &young_person,
            &route,
        )
        .await?;
        tx.commit().await?;
        Ok((self.concern(concern_id).await?, true))
    }

    /// A young person's concerns, as `caller` may read them (the extractor has checked
    /// they may see this person): all of them for the young person; for a manager, those
    /// that go to them ([`ConcernRow::manager_may_read`]: never one about them); for
    /// their worker only those the young person shared with them that are not about them.
    pub async fn concerns_for(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
    ) -> Result<Vec<Concern>, ApiError> {
        let managers = self.managers().await?;
        let rows = self
            .concern_rows("c.young_person_id = $1", id.as_str())
            .await?
            .into_iter()
            .filter(|row| match caller.role {
                Role::YoungPerson => true,
                Role::Worker => row.worker_may_read(caller),
                Role::Manager => row.manager_may_read(caller, &managers, true),
            })
            .collect();
        self.to_concerns(rows).await
    }

    /// The concerns a manager reads, open ones first, soonest due first: those from young
    /// people their team supports that go to the team's managers, and those about a
    /// worker who is a manager that were routed to them; never one about them.
    pub async fn team_concerns(&self, caller: &Caller) -> Result<Vec<Concern>, ApiError> {
        let team_id = caller.team_id.as_deref().ok_or(ApiError::Forbidden)?;
        let in_team: std::collections::HashSet<String> = sqlx::query_as::<_, (String,)>(
            "SELECT DISTINCT a.young_person_id FROM allocations a
               JOIN workers w ON w.id = a.worker_id
              WHERE a.ended_on IS NULL AND w.team_id = $1",
        )
        .bind(team_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect();
        let managers = self.managers().await?;
        let rows = self
            .concern_rows(
                "(EXISTS (SELECT 1 FROM allocations a JOIN workers w ON w.id = a.worker_id
                   WHERE a.young_person_id = c.young_person_id AND a.ended_on IS NULL
                     AND w.team_id = $1)
                  OR (c.about = 'my_worker' AND c.worker_id IN
                      (SELECT m.worker_id FROM accounts m WHERE m.role = 'manager')))",
                team_id,
            )
            .await?
            .into_iter()
            .filter(|row| {
                row.manager_may_read(caller, &managers, in_team.contains(&row.young_person_id))
            })
            .collect();
        self.to_concerns(rows).await
    }

    /// A manager it went to answers a concern; it is then "answered" and the young person
    /// sees the reply. Anyone else (the manager it is about too): not found.
    pub async fn reply_to_concern(
        &self,
        caller: &Caller,
        concern_id: &str,
        reply: &NewConcernReply,
    ) -> Result<Concern, ApiError> {
        let Some(row) = self
            .concern_rows("c.id = $1", concern_id)
            .await?
            .into_iter()
            .next()
        else {
            return Err(ApiError::NotFound(Problem::no_concern));
        };
        let young_person = YoungPersonId::parse(&row.young_person_id)
            .ok_or(ApiError::NotFound(Problem::no_concern))?;
        let in_team = self.may_see(caller, &young_person).await?;
        let managers = self.managers().await?;
        // The person it is about, or anyone it didn't go to, can't tell it exists.
        if !row.manager_may_read(caller, &managers, in_team) {
            return Err(ApiError::NotFound(Problem::no_concern));
        }
        let route = row.route(&managers);
        let reference = row.reference;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO concern_replies (concern_id, words, by_name, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(concern_id)
        .bind(&reply.words)
        .bind(&caller.display_name)
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE concerns SET status = 'answered' WHERE id = $1")
            .bind(concern_id)
            .execute(&mut *tx)
            .await?;
        audit_concern(
            &mut tx,
            caller,
            &format!("answered a concern ({reference})"),
            young_person.as_str(),
            &route,
        )
        .await?;
        tx.commit().await?;
        self.concern(concern_id).await
    }
}
