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
    concern_route, stage_due, stage_one_due, stage_working_days, ConcernRoute, ManagerSeat,
    RouteCase, REFERENCE_LEN,
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
    worker_team: Option<String>,
}

const SELECT: &str = "SELECT c.id, c.reference, c.young_person_id, y.first_name, c.about,
        c.worker_id, c.words, c.what_would_help, c.who_sees, c.stage, c.status, c.raised_on,
        c.due_on, cw.team_id AS worker_team
    FROM concerns c JOIN young_people y ON y.id = c.young_person_id
    LEFT JOIN workers cw ON cw.id = c.worker_id";

/// What a manager may do with a concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Nothing: it is about them, or it never went to them ("not found").
    None,
    /// It went to their team's managers at stage 1, and the young person has taken it to
    /// the next stage, so someone who wasn't part of it answers now. They still see that
    /// it moved on, where it is and who has it, but not what the young person said when
    /// asking again nor any answer since, and they cannot answer it.
    MovedOn,
    /// Read and answer it.
    Answer,
}

/// Who answered each concern at stage 1 (by worker id): replies written before the
/// young person first asked for the next stage.
pub(crate) type Answered = std::collections::HashMap<String, Vec<String>>;

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

    fn stage(&self) -> u8 {
        u8::try_from(self.stage).unwrap_or(1)
    }

    /// Who reads it at `stage`, by [`route`].
    fn route_at(&self, stage: u8, managers: &[ManagerSeat], answered: &Answered) -> ConcernRoute {
        let none = Vec::new();
        route(
            &RouteCase {
                about: self.about(),
                stage,
                worker: self.worker_id.as_deref(),
                worker_team: self.worker_team.as_deref(),
                answered_stage_one: answered.get(&self.id).unwrap_or(&none),
            },
            managers,
        )
    }

    /// Who reads it now.
    fn route(&self, managers: &[ManagerSeat], answered: &Answered) -> ConcernRoute {
        self.route_at(self.stage(), managers, answered)
    }

    /// What a manager may do with it: nothing when it is about them; when it goes to the
    /// team's managers, answer it if `in_team` (the caller's team supports the young
    /// person); when it went elsewhere, answer it if they are one of those it went to.
    /// A team manager of a concern that went to the team at stage 1 and was then taken
    /// further only sees that it moved on ([`Access::MovedOn`]).
    fn manager_access(
        &self,
        caller: &Caller,
        managers: &[ManagerSeat],
        answered: &Answered,
        in_team: bool,
    ) -> Access {
        let Some(me) = caller.worker_id.as_deref() else {
            return Access::None;
        };
        if caller.role != Role::Manager
            || (self.about() == ConcernAbout::MyWorker && self.worker_id.as_deref() == Some(me))
        {
            return Access::None;
        }
        match self.route(managers, answered).only {
            None if in_team => Access::Answer,
            None => Access::None,
            Some(readers) if readers.iter().any(|id| id == me) => Access::Answer,
            Some(_) if in_team && self.route_at(1, managers, answered).only.is_none() => {
                Access::MovedOn
            }
            Some(_) => Access::None,
        }
    }
}

/// The rule (`journey_core::concern::concern_route`, which applies `concern_reader`) for
/// the organisation's managers as they are now: never the person it is about, and from
/// stage 2, never who answered stage 1.
fn route(case: &RouteCase, managers: &[ManagerSeat]) -> ConcernRoute {
    concern_route(case, managers)
}

/// Who reads a concern sent now (stage 1) about the young person's `worker` or not.
fn new_route(about: ConcernAbout, worker: Option<&str>, managers: &[ManagerSeat]) -> ConcernRoute {
    let worker_team = managers
        .iter()
        .find(|m| Some(m.worker_id.as_str()) == worker)
        .and_then(|m| m.team_id.as_deref());
    route(
        &RouteCase {
            about,
            stage: 1,
            worker,
            worker_team,
            answered_stage_one: &[],
        },
        managers,
    )
}

/// The audit row for something done to a concern. One that went away from the team's
/// managers (it is about a manager) is filed under no team, so the manager it is about
/// doesn't learn of it from their team's audit log; it is kept all the same.
async fn audit_concern(
    conn: &mut AnyConnection,
    caller: &Caller,
    action: &str,
    young_person_id: &str,
    route: &ConcernRoute,
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
    async fn managers(&self) -> Result<Vec<ManagerSeat>, ApiError> {
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
                |(worker_id, team_id, Flag(complaints_officer))| ManagerSeat {
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
            my_worker: new_route(ConcernAbout::MyWorker, worker.as_deref(), &managers).reader,
            something_else: new_route(ConcernAbout::SomethingElse, worker.as_deref(), &managers)
                .reader,
        })
    }

    /// Who answered each concern at stage 1 (by worker id), for [`route`]: the replies
    /// written before the young person first asked for the next stage. Every concern's,
    /// or only `concern_id`'s.
    async fn answered(&self, concern_id: Option<&str>) -> Result<Answered, ApiError> {
        let sql = format!(
            "SELECT r.concern_id, a.worker_id FROM concern_replies r
               JOIN accounts a ON a.id = r.account_id
              WHERE a.worker_id IS NOT NULL {}
                AND NOT EXISTS (SELECT 1 FROM concern_stages s
                                 WHERE s.concern_id = r.concern_id AND s.created_at <= r.created_at)",
            if concern_id.is_some() { "AND r.concern_id = $1" } else { "" }
        );
        let mut query = sqlx::query_as::<_, (String, String)>(&sql);
        if let Some(id) = concern_id {
            query = query.bind(id);
        }
        let mut answered = Answered::new();
        for (concern, worker) in query.fetch_all(self.pool()).await? {
            answered.entry(concern).or_default().push(worker);
        }
        Ok(answered)
    }

    async fn concern_rows(&self, filter: &str, bind: &str) -> Result<Vec<ConcernRow>, ApiError> {
        let sql =
            format!("{SELECT} WHERE {filter} ORDER BY c.status <> 'open', c.due_on, c.created_at");
        Ok(sqlx::query_as(&sql)
            .bind(bind)
            .fetch_all(self.pool())
            .await?)
    }

    /// The concern as the one asking reads it: `access` is `None` for the young person
    /// and their worker, else what a manager may do ([`ConcernRow::manager_access`]).
    async fn to_concern(
        &self,
        row: ConcernRow,
        nation: Nation,
        managers: &[ManagerSeat],
        answered: &Answered,
        access: Option<Access>,
    ) -> Result<Concern, ApiError> {
        let sees = row.route(managers, answered).reader;
        let about = row.about();
        let stage = row.stage();
        let next_sees = stage
            .checked_add(1)
            .map(|next| row.route_at(next, managers, answered).reader);
        let moved_on = access == Some(Access::MovedOn);
        let mut asked_again: Vec<(i64, Day, Option<String>, String)> = sqlx::query_as(
            "SELECT stage, started_on, words, created_at FROM concern_stages
              WHERE concern_id = $1 ORDER BY stage",
        )
        .bind(&row.id)
        .fetch_all(self.pool())
        .await?;
        let mut replies: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT words, by_name, created_at FROM concern_replies WHERE concern_id = $1 ORDER BY id",
        )
        .bind(&row.id)
        .fetch_all(self.pool())
        .await?;
        if moved_on {
            // Where it is and since when, not what was said after it left the team.
            let first_asked = asked_again.first().map(|a| a.3.clone());
            if let Some(first_asked) = first_asked {
                replies.retain(|(_, _, at)| *at < first_asked);
            }
            for asked in &mut asked_again {
                asked.2 = None;
            }
        }
        let status = if row.status == "answered" {
            ConcernStatus::Answered
        } else {
            ConcernStatus::Open
        };
        let today = Utc::now().date_naive();
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
                .map(|(stage, Day(on), words, _)| AskedAgain {
                    stage: u8::try_from(stage).unwrap_or(2),
                    on,
                    words,
                })
                .collect(),
            next_sees: next_stage.and(next_sees),
            next_stage,
            can_answer: access == Some(Access::Answer),
        })
    }

    async fn to_concerns(
        &self,
        rows: Vec<(ConcernRow, Option<Access>)>,
        managers: &[ManagerSeat],
        answered: &Answered,
    ) -> Result<Vec<Concern>, ApiError> {
        let nation = self.nation().await?;
        let mut concerns = Vec::with_capacity(rows.len());
        for (row, access) in rows {
            concerns.push(
                self.to_concern(row, nation, managers, answered, access)
                    .await?,
            );
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
            return Ok((self.concern(&concern_id, None).await?, false));
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
        let route = new_route(input.about, worker.as_deref(), &self.managers().await?);
        audit_concern(
            &mut tx,
            caller,
            &format!("raised a concern ({reference})"),
            id.as_str(),
            &route,
        )
        .await?;
        tx.commit().await?;
        Ok((self.concern(&concern_id, None).await?, true))
    }

    /// One concern's row; not found if there is none.
    async fn concern_row(&self, concern_id: &str) -> Result<ConcernRow, ApiError> {
        self.concern_rows("c.id = $1", concern_id)
            .await?
            .into_iter()
            .next()
            .ok_or(ApiError::NotFound(Problem::no_concern))
    }

    /// One concern, as the young person (`None`) or a manager with `access` reads it.
    async fn concern(&self, concern_id: &str, access: Option<Access>) -> Result<Concern, ApiError> {
        let row = self.concern_row(concern_id).await?;
        let answered = self.answered(Some(concern_id)).await?;
        self.to_concern(
            row,
            self.nation().await?,
            &self.managers().await?,
            &answered,
            access,
        )
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
        type Found = (String, String, i64, String);
        let found: Option<Found> = sqlx::query_as(
            "SELECT young_person_id, reference, stage, status FROM concerns WHERE id = $1",
        )
        .bind(concern_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((young_person, reference, stage, status)) = found else {
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
            return Ok((self.concern(concern_id, None).await?, false));
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
        let row = self.concern_row(concern_id).await?;
        let answered = self.answered(Some(concern_id)).await?;
        // Filed as stage 1 was: the team's log shows it moved on (it is not about them).
        let route = row.route_at(1, &self.managers().await?, &answered);
        audit_concern(
            &mut tx,
            caller,
            &format!("asked for a concern to go to stage {next} ({reference})"),
            &young_person,
            &route,
        )
        .await?;
        tx.commit().await?;
        Ok((self.concern(concern_id, None).await?, true))
    }

    /// A young person's concerns, as `caller` may read them (the extractor has checked
    /// they may see this person): all of them for the young person; for a manager, those
    /// that go to them and those their team answered before they were taken further
    /// ([`ConcernRow::manager_access`]: never one about them); for their worker only
    /// those the young person shared with them that are not about them.
    pub async fn concerns_for(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
    ) -> Result<Vec<Concern>, ApiError> {
        let managers = self.managers().await?;
        let answered = self.answered(None).await?;
        let rows = self
            .concern_rows("c.young_person_id = $1", id.as_str())
            .await?
            .into_iter()
            .filter_map(|row| {
                let access = match caller.role {
                    Role::YoungPerson => return Some((row, None)),
                    Role::Worker if row.worker_may_read(caller) => return Some((row, None)),
                    Role::Worker => Access::None,
                    Role::Manager => row.manager_access(caller, &managers, &answered, true),
                };
                (access != Access::None).then_some((row, Some(access)))
            })
            .collect();
        self.to_concerns(rows, &managers, &answered).await
    }

    /// The concerns a manager reads, open ones first, soonest due first: those from young
    /// people their team supports that go to the team's managers (or went to them before
    /// the young person took them further: seen, not answered), and those about a worker
    /// who is a manager or taken to stage 2 or 3 that were routed to them (a complaints
    /// officer's, from any team); never one about them.
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
        let answered = self.answered(None).await?;
        let rows = self
            .concern_rows(
                "(EXISTS (SELECT 1 FROM allocations a JOIN workers w ON w.id = a.worker_id
                   WHERE a.young_person_id = c.young_person_id AND a.ended_on IS NULL
                     AND w.team_id = $1)
                  OR c.stage >= 2
                  OR (c.about = 'my_worker' AND c.worker_id IN
                      (SELECT m.worker_id FROM accounts m WHERE m.role = 'manager')))",
                team_id,
            )
            .await?
            .into_iter()
            .filter_map(|row| {
                let in_team = in_team.contains(&row.young_person_id);
                let access = row.manager_access(caller, &managers, &answered, in_team);
                (access != Access::None).then_some((row, Some(access)))
            })
            .collect();
        self.to_concerns(rows, &managers, &answered).await
    }

    /// A manager it went to answers a concern; it is then "answered" and the young person
    /// sees the reply. A team manager of one taken further (someone else answers it now):
    /// refused. Anyone else (the manager it is about too): not found.
    pub async fn reply_to_concern(
        &self,
        caller: &Caller,
        concern_id: &str,
        reply: &NewConcernReply,
    ) -> Result<Concern, ApiError> {
        let row = self.concern_row(concern_id).await?;
        let young_person = YoungPersonId::parse(&row.young_person_id)
            .ok_or(ApiError::NotFound(Problem::no_concern))?;
        let in_team = self.may_see(caller, &young_person).await?;
        let managers = self.managers().await?;
        let answered = self.answered(Some(concern_id)).await?;
        match row.manager_access(caller, &managers, &answered, in_team) {
            Access::Answer => {}
            // They knew of it (their team answered it); someone else answers now.
            Access::MovedOn => return Err(ApiError::Forbidden),
            // The person it is about, or anyone it didn't go to, can't tell it exists.
            Access::None => return Err(ApiError::NotFound(Problem::no_concern)),
        }
        // Filed as stage 1 was: the team's log shows stage 2's answer was given (never its
        // words); one about a manager stays under no team.
        let route = row.route_at(1, &managers, &answered);
        let reference = row.reference;
        let mut tx = self.begin_write().await?;
        if let Some(client_id) = &reply.client_id {
            if earlier(&mut tx, Kept::ConcernReply, concern_id, client_id)
                .await?
                .is_some()
            {
                // Given already (sent again on a bad signal): the concern as it is.
                tx.commit().await?;
                return self.concern(concern_id, Some(Access::Answer)).await;
            }
        }
        sqlx::query(
            "INSERT INTO concern_replies (concern_id, words, by_name, account_id, created_at, client_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(concern_id)
        .bind(&reply.words)
        .bind(&caller.display_name)
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .bind(reply.client_id.as_deref())
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
        self.concern(concern_id, Some(Access::Answer)).await
    }
}

impl Store {
    /// The references of open concerns no one can read yet (no complaints officer, and no
    /// manager but the person it is about or who answered stage 1), for start-up.
    pub async fn concerns_no_one_reads(&self) -> Result<Vec<String>, ApiError> {
        let managers = self.managers().await?;
        let answered = self.answered(None).await?;
        Ok(self
            .concern_rows("c.status = $1", "open")
            .await?
            .into_iter()
            .filter(|row| row.route(&managers, &answered).reader == ConcernReader::NoOne)
            .map(|row| row.reference)
            .collect())
    }
}

/// Says at start-up when concerns are waiting with no one who can read them, and how to
/// name a complaints officer; and when there is none, where concerns taken further go.
pub async fn announce(store: &Store) -> Result<(), ApiError> {
    let waiting = store.concerns_no_one_reads().await?;
    if !waiting.is_empty() {
        tracing::warn!(
            "{} concern(s) are waiting with no one who can read them ({}): the only managers \
             are the person it is about or who answered it before. Name a complaints officer: \
             journey-server admin complaints-officer --username NAME",
            waiting.len(),
            waiting.join(", ")
        );
    }
    if !store.managers().await?.iter().any(|m| m.complaints_officer) {
        tracing::info!(
            "no complaints officer is named: a concern taken to stage 2 or 3, or about a \
             manager, goes to another manager who wasn't part of it"
        );
    }
    Ok(())
}
