//! The store's side of the team overview: one query per figure, each over the young
//! people the caller supports now (a manager: their team's; a worker: their own), on
//! SQLite and PostgreSQL alike. Dates are `YYYY-MM-DD` text and times RFC 3339 text on
//! both, so "in the period" is a text comparison with the period's first day. What the
//! database cannot say portably (a median, the movement of each goal) is fetched as rows
//! and worked out by `journey_core::team`.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::{Day, Store};
use chrono::{DateTime, NaiveDate, Utc};
use journey_core::feedback::Flag;
use journey_core::team::{
    average_movement, median, Figure, FigureKind, MonthScore, Period, TeamOverview, TeamPerson,
};
use journey_core::YoungPersonId;
use std::collections::HashMap;

/// The young people the caller supports now: `{yp}` is the column holding the young
/// person's id; `$1` is the caller's worker id, `$2` the team they manage (or NULL).
fn supported(yp: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM allocations al JOIN workers wk ON wk.id = al.worker_id
                 WHERE al.young_person_id = {yp} AND al.ended_on IS NULL
                   AND (wk.id = $1 OR ($2 IS NOT NULL AND wk.team_id = $2)))"
    )
}

fn person(id: String, first_name: String) -> Result<TeamPerson, ApiError> {
    Ok(TeamPerson {
        id: YoungPersonId::parse(&id).ok_or(ApiError::Internal("bad stored id"))?,
        first_name,
    })
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ApiError::Internal("bad stored time"))
}

impl Store {
    /// The rows of one query over the supported young people (`$1` and `$2`, as
    /// [`supported`] reads them), with the period's first day as `$3`.
    async fn team_rows<T>(
        &self,
        caller: &Caller,
        sql: &str,
        from: NaiveDate,
    ) -> Result<Vec<T>, ApiError>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        Ok(sqlx::query_as(sql)
            .bind(caller.worker_id.as_deref())
            .bind(caller.managed_team())
            .bind(Day(from))
            .fetch_all(self.pool())
            .await?)
    }

    /// The overview for `period`, ending `today`.
    pub async fn team_overview(
        &self,
        caller: &Caller,
        period: Period,
        today: NaiveDate,
    ) -> Result<TeamOverview, ApiError> {
        let from = period.first_day(today);
        let mut figures: HashMap<FigureKind, Figure> = HashMap::new();
        let mut put = |kind: FigureKind, people: Vec<TeamPerson>| {
            figures.insert(kind, Figure::from_rows(kind, people));
        };

        // Everyone supported now, with what their list already knows: the plan's review
        // date and overdue steps, "really bad" check-ins not seen, and the 48-hour rule
        // (`plans_not_updated_since_review`), each worked out once, there.
        let list = self.young_people_for(caller).await?;
        let young_people = u32::try_from(list.len()).unwrap_or(u32::MAX);
        let each = |keep: &dyn Fn(&journey_core::YoungPersonListItem) -> usize| {
            list.iter()
                .flat_map(|p| {
                    std::iter::repeat_n(
                        TeamPerson {
                            id: p.id.clone(),
                            first_name: p.first_name.clone(),
                        },
                        keep(p),
                    )
                })
                .collect::<Vec<_>>()
        };
        put(
            FigureKind::ReallyBadUnseen,
            each(&|p| usize::from(p.unseen_really_bad.is_some())),
        );
        put(
            FigureKind::ReviewsOverdue,
            each(&|p| usize::from(p.review_overdue)),
        );
        put(FigureKind::StepsOverdue, each(&|p| p.overdue_steps));
        put(
            FigureKind::PlansNotUpdated,
            each(&|p| usize::from(p.plan_not_updated_since_review)),
        );
        put(
            FigureKind::NoPlan,
            each(&|p| usize::from(p.next_review.is_none())),
        );

        // Session feedback: sessions that happened in the period, and whether each had
        // feedback.
        let sessions: Vec<(String, String, String)> = self
            .team_rows(
                caller,
                &format!(
                    "SELECT s.young_person_id, y.first_name,
                            CASE WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.session_id = s.id)
                                 THEN 'yes' ELSE 'no' END
                     FROM care_sessions s JOIN young_people y ON y.id = s.young_person_id
                     WHERE {} AND s.missed IS NULL AND s.removed_at IS NULL AND s.held_on >= $3",
                    supported("s.young_person_id")
                ),
                from,
            )
            .await?;
        put(
            FigureKind::SessionsHeld,
            sessions
                .iter()
                .map(|(id, name, _)| person(id.clone(), name.clone()))
                .collect::<Result<_, _>>()?,
        );
        put(
            FigureKind::SessionsWithFeedback,
            sessions
                .into_iter()
                .filter(|(_, _, had)| had == "yes")
                .map(|(id, name, _)| person(id, name))
                .collect::<Result<_, _>>()?,
        );
        // Whose latest score is low or fell twice: the rule of the feedback list
        // (`feedback::flag`, in `team_feedback`), for those who gave feedback in the period.
        let dropped = self
            .team_feedback(caller)
            .await?
            .into_iter()
            .filter(|row| {
                matches!(row.flag, Some(Flag::LowScore | Flag::FellTwice))
                    && row.last_given_on.is_some_and(|on| on >= from)
            })
            .map(|row| TeamPerson {
                id: row.young_person_id,
                first_name: row.first_name,
            })
            .collect();
        put(FigureKind::FeedbackDropped, dropped);
        let by_month: Vec<(String, Option<f64>, i64)> = self
            .team_rows(
                caller,
                &format!(
                    "SELECT SUBSTR(f.given_on, 1, 7), AVG(f.score), COUNT(f.score) FROM feedback f
             WHERE {} AND f.given_on >= $3 AND f.score IS NOT NULL
             GROUP BY SUBSTR(f.given_on, 1, 7)",
                    supported("f.young_person_id")
                ),
                from,
            )
            .await?;
        let scores_by_month = period
            .months(today)
            .into_iter()
            .map(|month| {
                let key = month.format("%Y-%m").to_string();
                let found = by_month.iter().find(|(m, _, _)| *m == key);
                MonthScore {
                    month,
                    average: found.and_then(|(_, a, _)| a.map(|a| a as f32)),
                    given: found.map_or(0, |(_, _, n)| u32::try_from(*n).unwrap_or(0)),
                }
            })
            .collect();

        // Safety: flags raised in the period, when someone first acted on each; flags
        // still open, whenever raised.
        let flags: Vec<(String, String, String, Option<String>)> = self
            .team_rows(
                caller,
                &format!(
                    "SELECT f.young_person_id, y.first_name, f.created_at,
                    (SELECT MIN(a.created_at) FROM safety_actions a WHERE a.flag_id = f.id)
             FROM safety_flags f JOIN young_people y ON y.id = f.young_person_id
             WHERE {} AND SUBSTR(f.created_at, 1, 10) >= $3",
                    supported("f.young_person_id")
                ),
                from,
            )
            .await?;
        let mut waits = Vec::new();
        let mut raised = Vec::new();
        for (id, name, at, acted) in flags {
            if let Some(acted) = acted {
                waits.push((parse_time(&acted)? - parse_time(&at)?).num_minutes());
            }
            raised.push(person(id, name)?);
        }
        put(FigureKind::FlagsRaised, raised);
        let open: Vec<(String, String, String)> = self
            .team_rows(
                caller,
                &format!(
                    "SELECT f.young_person_id, y.first_name, f.id
                     FROM safety_flags f JOIN young_people y ON y.id = f.young_person_id
                     WHERE {} AND f.open = 1 AND $3 IS NOT NULL",
                    supported("f.young_person_id")
                ),
                from,
            )
            .await?;
        put(
            FigureKind::FlagsOpen,
            open.into_iter()
                .map(|(id, name, _)| person(id, name))
                .collect::<Result<_, _>>()?,
        );

        // Concerns raised in the period, as the caller may know of them: never one about
        // the caller; a worker only those the young person shared with them that are not
        // about them (as `concerns_for` lists them). Answered on time: the newest reply
        // came by the day the answer was due (for its stage now).
        let worker_only = if caller.managed_team().is_some() {
            ""
        } else {
            "AND c.who_sees = 'manager_and_worker' AND c.about <> 'my_worker' AND c.worker_id = $1"
        };
        let concerns: Vec<(String, String, String, i64, String)> = self
            .team_rows(
                caller,
                &format!(
                    "SELECT c.young_person_id, y.first_name, c.about, c.stage,
                    CASE WHEN c.status = 'open' THEN 'waiting'
                         WHEN SUBSTR((SELECT MAX(r.created_at) FROM concern_replies r
                                      WHERE r.concern_id = c.id), 1, 10) <= c.due_on
                         THEN 'on_time' ELSE 'late' END
             FROM concerns c JOIN young_people y ON y.id = c.young_person_id
             WHERE {} AND c.raised_on >= $3
               AND NOT (c.about = 'my_worker' AND c.worker_id IS NOT NULL AND c.worker_id = $1)
               {worker_only}",
                    supported("c.young_person_id")
                ),
                from,
            )
            .await?;
        let concern_figure = |keep: &dyn Fn(&str, i64, &str) -> bool| {
            concerns
                .iter()
                .filter(|(_, _, about, stage, answer)| keep(about, *stage, answer))
                .map(|(id, name, _, _, _)| person(id.clone(), name.clone()))
                .collect::<Result<Vec<_>, _>>()
        };
        put(FigureKind::ConcernsRaised, concern_figure(&|_, _, _| true)?);
        put(
            FigureKind::ConcernsOnTime,
            concern_figure(&|_, _, a| a == "on_time")?,
        );
        put(
            FigureKind::ConcernsLate,
            concern_figure(&|_, _, a| a == "late")?,
        );
        put(
            FigureKind::ConcernsWaiting,
            concern_figure(&|_, _, a| a == "waiting")?,
        );
        put(
            FigureKind::ConcernsNextStage,
            concern_figure(&|_, stage, _| stage >= 2)?,
        );
        put(
            FigureKind::ConcernsAboutWorker,
            concern_figure(&|about, _, _| about == "my_worker")?,
        );
        put(
            FigureKind::ConcernsAboutSomethingElse,
            concern_figure(&|about, _, _| about != "my_worker")?,
        );

        // Goals set in the period, and which of them are reached or let go now.
        let goals: Vec<(String, String, String)> = self
            .team_rows(
                caller,
                &format!(
                    "SELECT g.young_person_id, y.first_name, g.status
                     FROM goals g JOIN young_people y ON y.id = g.young_person_id
                     WHERE {} AND g.set_on >= $3",
                    supported("g.young_person_id")
                ),
                from,
            )
            .await?;
        let goal_figure = |status: Option<&str>| {
            goals
                .iter()
                .filter(|(_, _, s)| status.is_none_or(|want| s == want))
                .map(|(id, name, _)| person(id.clone(), name.clone()))
                .collect::<Result<Vec<_>, _>>()
        };
        put(FigureKind::GoalsSet, goal_figure(None)?);
        put(FigureKind::GoalsReached, goal_figure(Some("achieved"))?);
        put(FigureKind::GoalsLetGo, goal_figure(Some("let_go"))?);
        // Movement: every rating of the goals rated in the period, oldest first.
        let ratings: Vec<(String, String, String, i64)> = self
            .team_rows(
                caller,
                &format!(
                    "SELECT g.young_person_id, y.first_name, g.id, r.rating
                     FROM goal_ratings r
                     JOIN goal_sessions s ON s.id = r.session_id
                     JOIN goals g ON g.id = r.goal_id
                     JOIN young_people y ON y.id = g.young_person_id
                     WHERE {} AND r.rating IS NOT NULL
                       AND EXISTS (SELECT 1 FROM goal_ratings r2 JOIN goal_sessions s2 ON s2.id = r2.session_id
                                   WHERE r2.goal_id = g.id AND r2.rating IS NOT NULL AND s2.held_on >= $3)
                     ORDER BY g.id, s.held_on, s.id",
                    supported("g.young_person_id")
                ),
                from,
            )
            .await?;
        let mut per_goal: Vec<(TeamPerson, String, Vec<i64>)> = Vec::new();
        for (id, name, goal, rating) in ratings {
            match per_goal.last_mut() {
                Some((_, last, list)) if *last == goal => list.push(rating),
                _ => per_goal.push((person(id, name)?, goal, vec![rating])),
            }
        }
        let moved: Vec<Vec<i64>> = per_goal.iter().map(|(_, _, r)| r.clone()).collect();
        put(
            FigureKind::GoalsRated,
            per_goal
                .into_iter()
                .filter(|(_, _, r)| r.len() >= 2)
                .map(|(p, _, _)| p)
                .collect(),
        );

        Ok(TeamOverview {
            period,
            from,
            to: today,
            young_people,
            scores_by_month,
            acted_median_minutes: median(&waits),
            acted_longest_minutes: waits.iter().max().copied(),
            goal_movement: average_movement(&moved),
            figures: FigureKind::ALL
                .into_iter()
                .filter_map(|kind| figures.remove(&kind))
                .collect(),
        })
    }
}
