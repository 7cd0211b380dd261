//! The team overview (issue 21, item 1): every figure on known data, for a manager (their
//! team), a worker (their own young people only), by period; who may see it; the CSV.
//! The data is seeded straight into a fresh database (no demo data), dated from today:
//! "now" on today, "earlier" 35 days ago (inside the last 3 months, before this month),
//! "long ago" 400 days ago (outside a year).

use crate::helpers::*;
use axum::http::{header, StatusCode};
use chrono::{Duration, NaiveDate, Utc};
use journey_core::team::{FigureKind, TeamOverview, CSV_HEADER};
use journey_core::{Invite, StepStatus};
use serde_json::json;

const PASSWORD: &str = "team overview password";

/// (young person, about, who sees, stage, status, raised days back, due days back,
/// newest reply days back)
type SeedConcern<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    i64,
    i64,
    Option<i64>,
);
/// (goal id, young person, set days back, status, ratings as (days back, rating))
type SeedGoal<'a> = (&'a str, &'a str, i64, &'a str, &'a [(i64, &'a str)]);

struct Seeded {
    app: TestApp,
    /// Mo manages the Quiet team; Wren (Ash, Bea, Cal) and Finn (Dee) work in it.
    mo: String,
    wren: String,
    finn: String,
    /// Casey manages another team.
    casey: String,
    ids: std::collections::HashMap<&'static str, String>,
}

fn day(back: i64) -> String {
    (Utc::now().date_naive() - Duration::days(back)).to_string()
}

/// A time on the day `back` days ago, `minutes` after its midnight (UTC).
fn at(back: i64, minutes: i64) -> String {
    let midnight = (Utc::now().date_naive() - Duration::days(back))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    (midnight + Duration::minutes(minutes)).to_rfc3339()
}

async fn exec(db: &sqlx::AnyPool, sql: &str, values: &[&str]) {
    let mut query = sqlx::query(sql);
    for value in values {
        query = query.bind(*value);
    }
    query
        .execute(db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn seed() -> Seeded {
    let app = spawn_app(false).await;
    let store = &app.state.store;
    store.create_team("Quiet team").await.unwrap();
    store.create_team("Other team").await.unwrap();
    app.add_staff("Mo Reed", "moreed", "Quiet team", true, PASSWORD)
        .await;
    app.add_staff("Wren Hale", "wren", "Quiet team", false, PASSWORD)
        .await;
    app.add_staff("Finn Lake", "finn", "Quiet team", false, PASSWORD)
        .await;
    app.add_staff("Casey Brook", "casey", "Other team", true, PASSWORD)
        .await;
    let (mo, wren, finn, casey) = (
        app.sign_in("moreed", PASSWORD).await,
        app.sign_in("wren", PASSWORD).await,
        app.sign_in("finn", PASSWORD).await,
        app.sign_in("casey", PASSWORD).await,
    );
    let mut ids = std::collections::HashMap::new();
    for (name, cookie) in [
        ("Ash", &wren),
        ("Bea", &wren),
        ("Cal", &wren),
        ("Dee", &finn),
    ] {
        let invite: Invite = app
            .post_as("/api/v1/young-people", json!({"first_name": name}), cookie)
            .await
            .json();
        ids.insert(name, invite.young_person_id.to_string());
    }
    let db = app.db().await;
    let (account,): (String,) =
        sqlx::query_as("SELECT id FROM accounts WHERE username_key = 'wren'")
            .fetch_one(&db)
            .await
            .unwrap();
    let (wren_worker,): (String,) =
        sqlx::query_as("SELECT worker_id FROM accounts WHERE username_key = 'wren'")
            .fetch_one(&db)
            .await
            .unwrap();
    let (ash, bea, cal, dee) = (&ids["Ash"], &ids["Bea"], &ids["Cal"], &ids["Dee"]);
    let now = Utc::now().to_rfc3339();

    // Feedback without a session: Ash 4.5 earlier (then 4.0 now: one fall, not flagged);
    // Bea 5, 4 earlier and 3 now (fell twice); Dee 1.5 now (low). The rule reads them
    // oldest first, by id. All of "earlier" is on one day, 35 days back (last month, or
    // the one before), so never split between two months: with Bea's first at 36 days
    // back, it was whenever 35 days back is a 1st, as on 6 December.
    add_feedback(&db, ash, "fb-a", 35, "4.5", None, &account).await;
    add_feedback(&db, bea, "fb-b1", 35, "5.0", None, &account).await;
    add_feedback(&db, bea, "fb-b2", 35, "4.0", None, &account).await;
    // Sessions: (young person, days back, missed, feedback score)
    let sessions: [(&str, i64, bool, Option<&str>); 6] = [
        (ash, 0, false, Some("4.0")),
        (ash, 0, true, None),
        (ash, 35, false, None),
        (ash, 400, false, None),
        (bea, 0, false, None),
        (dee, 0, false, Some("1.5")),
    ];
    for (n, (who, back, missed, score)) in sessions.into_iter().enumerate() {
        let client = format!("session-{n}");
        let missed = if missed { "'couldnt_make_it'" } else { "NULL" };
        exec(
            &db,
            &format!(
                "INSERT INTO care_sessions (young_person_id, client_id, held_on, kind, mode, with_whom,
                    missed, recorded_by_name, account_id, created_at)
                 VALUES ($1, $2, $3, 'one_to_one', 'face_to_face', 'Wren', {missed}, 'Wren Hale', $4, $5)"
            ),
            &[who, &client, &day(back), &account, &now],
        )
        .await;
        if let Some(score) = score {
            add_feedback(
                &db,
                who,
                &format!("fb-{n}"),
                back,
                score,
                Some(&client),
                &account,
            )
            .await;
        }
    }
    add_feedback(&db, bea, "fb-b3", 0, "3.0", None, &account).await;

    // Safety flags: (id, young person, raised, minutes after to the first action, open)
    let flags: [(&str, &str, String, Option<i64>, bool); 5] = [
        ("flag-ash", ash, at(0, 1), Some(60), false),
        ("flag-bea", bea, at(0, 2), Some(30), false),
        ("flag-cal", cal, at(0, 3), None, true),
        ("flag-dee", dee, at(35, 0), Some(600), false),
        ("flag-ash-old", ash, at(400, 0), None, true),
    ];
    for (id, who, raised, acted, open) in &flags {
        exec(
            &db,
            "INSERT INTO safety_flags (id, young_person_id, client_id, words, open, account_id, created_at)
             VALUES ($1, $2, $3, NULL, 1, $4, $5)",
            &[id, who, id, &account, raised],
        )
        .await;
        if !open {
            exec(&db, "UPDATE safety_flags SET open = 0 WHERE id = $1", &[id]).await;
        }
        if let Some(minutes) = acted {
            let raised_at = chrono::DateTime::parse_from_rfc3339(raised).unwrap();
            for later in [*minutes, minutes + 500] {
                exec(
                    &db,
                    "INSERT INTO safety_actions (flag_id, words, by_name, account_id, created_at)
                     VALUES ($1, 'Rang them', 'Wren Hale', $2, $3)",
                    &[
                        id,
                        &account,
                        &(raised_at + Duration::minutes(later)).to_rfc3339(),
                    ],
                )
                .await;
            }
        }
    }
    // "Really bad" check-ins: Bea's and Dee's not seen, Ash's seen.
    for (n, who, seen) in [(1, bea, false), (2, dee, false), (3, ash, true)] {
        exec(
            &db,
            "INSERT INTO check_ins (young_person_id, client_id, mood, words, account_id, created_at)
             VALUES ($1, $2, 'awful', 'SECRET WORDS', $3, $4)",
            &[who, &format!("check-{n}"), &account, &now],
        )
        .await;
        if seen {
            exec(
                &db,
                "UPDATE check_ins SET seen_at = $1, seen_by_name = 'Wren Hale' WHERE client_id = $2",
                &[&now, &format!("check-{n}")],
            )
            .await;
        }
    }

    // Concerns: (young person, about, who sees, stage, status, raised, due, reply days back)
    let concerns: [SeedConcern; 4] = [
        (
            ash,
            "something_else",
            "manager_and_worker",
            "1",
            "answered",
            0,
            -15,
            Some(0),
        ),
        (
            bea,
            "something_else",
            "manager",
            "1",
            "answered",
            35,
            20,
            Some(10),
        ),
        (cal, "my_worker", "manager", "1", "open", 0, -15, None),
        (
            dee,
            "something_else",
            "manager",
            "2",
            "open",
            35,
            -5,
            Some(30),
        ),
    ];
    for (n, (who, about, sees, stage, status, raised, due, reply)) in
        concerns.into_iter().enumerate()
    {
        let id = format!("concern-{n}");
        exec(
            &db,
            &format!(
                "INSERT INTO concerns (id, reference, young_person_id, client_id, about, worker_id,
                    words, what_would_help, who_sees, stage, status, raised_on, due_on, account_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 'SECRET WORDS', NULL, $7, {stage}, $8, $9, $10, $11, $12)"
            ),
            &[&id, &format!("C-T{n}AA"), who, &id, about, &wren_worker, sees, status, &day(raised), &day(due), &account, &now],
        )
        .await;
        if let Some(back) = reply {
            exec(
                &db,
                "INSERT INTO concern_replies (concern_id, words, by_name, account_id, created_at)
                 VALUES ($1, 'SECRET REPLY', 'Mo Reed', $2, $3)",
                &[&id, &account, &at(back, 600)],
            )
            .await;
        }
    }

    // Plans: Ash's review is overdue and two steps are past their date; Bea's plan was
    // not updated after a review recorded 3 days ago; Cal and Dee have none.
    let today = Utc::now().date_naive();
    let mut plan = journey_server::demo::demo_plan(today);
    plan.next_review = today - Duration::days(2);
    for (n, step) in plan.steps.iter_mut().enumerate() {
        if n < 2 {
            step.status = StepStatus::ComingUp;
            step.by_when = Some(today - Duration::days(3 + n as i64));
        } else {
            step.status = StepStatus::Done;
        }
    }
    let ash_id = journey_core::YoungPersonId::parse(ash).unwrap();
    store.save_plan(&ash_id, &plan, None).await.unwrap();
    let mut plan = journey_server::demo::demo_plan(today);
    plan.next_review = today + Duration::days(60);
    for step in &mut plan.steps {
        step.status = StepStatus::Done;
    }
    let bea_id = journey_core::YoungPersonId::parse(bea).unwrap();
    store.save_plan(&bea_id, &plan, None).await.unwrap();
    exec(
        &db,
        "UPDATE plan_versions SET created_at = $1 WHERE young_person_id = $2",
        &[&(Utc::now() - Duration::days(10)).to_rfc3339(), bea],
    )
    .await;
    exec(
        &db,
        "INSERT INTO reviews (young_person_id, client_id, held_on, decisions, next_review, account_id, by_name, created_at)
         VALUES ($1, 'review-bea', $2, 'SECRET DECISIONS', NULL, $3, 'Wren Hale', $4)",
        &[bea, &day(3), &account, &(Utc::now() - Duration::hours(72)).to_rfc3339()],
    )
    .await;

    // Goals: (id, young person, set, status, ratings as (days back, rating))
    let goals: [SeedGoal; 4] = [
        ("goal-1", ash, 0, "working_on_it", &[(35, "2"), (0, "5")]),
        ("goal-2", ash, 0, "achieved", &[]),
        ("goal-3", bea, 35, "let_go", &[(35, "3")]),
        ("goal-4", cal, 400, "working_on_it", &[(400, "6"), (0, "4")]),
    ];
    let mut session = 0;
    for (id, who, set, status, ratings) in goals {
        exec(
            &db,
            "INSERT INTO goals (id, young_person_id, agreed_by, set_on, status, created_at)
             VALUES ($1, $2, 'together', $3, $4, $5)",
            &[id, who, &day(set), status, &now],
        )
        .await;
        for (back, rating) in ratings {
            session += 1;
            let client = format!("goal-session-{session}");
            exec(
                &db,
                "INSERT INTO goal_sessions (young_person_id, client_id, held_on, account_id, typed_by_young_person, created_at)
                 VALUES ($1, $2, $3, $4, 0, $5)",
                &[who, &client, &day(*back), &account, &now],
            )
            .await;
            exec(
                &db,
                &format!(
                    "INSERT INTO goal_ratings (session_id, goal_id, rating)
                     SELECT id, $1, {rating} FROM goal_sessions WHERE client_id = $2"
                ),
                &[id, &client],
            )
            .await;
        }
    }
    Seeded {
        app,
        mo,
        wren,
        finn,
        casey,
        ids,
    }
}

async fn add_feedback(
    db: &sqlx::AnyPool,
    who: &str,
    client: &str,
    back: i64,
    score: &str,
    session: Option<&str>,
    account: &str,
) {
    exec(
        db,
        &format!(
            "INSERT INTO feedback (young_person_id, client_id, session_id, given_on, answers, score,
                comment, comment_for, account_id, created_at)
             VALUES ($1, $2, (SELECT id FROM care_sessions WHERE client_id = $3), $4, '[]', {score},
                'SECRET WORDS', 'worker', $5, $6)"
        ),
        &[
            who,
            client,
            session.unwrap_or(""),
            &day(back),
            account,
            &Utc::now().to_rfc3339(),
        ],
    )
    .await;
}

impl Seeded {
    async fn overview(&self, cookie: &str, period: &str) -> TeamOverview {
        let reply = self
            .app
            .get_as(&format!("/api/v1/team/overview?period={period}"), cookie)
            .await
            .expect_status(StatusCode::OK);
        assert!(
            !reply.text().contains("SECRET"),
            "no young person's words: {}",
            reply.text()
        );
        reply.json()
    }
}

/// The figure's count and its young people's first names.
fn figure(overview: &TeamOverview, kind: FigureKind) -> (u32, Vec<String>) {
    let figure = overview.figure(kind).unwrap();
    (
        figure.count,
        figure.people.iter().map(|p| p.first_name.clone()).collect(),
    )
}

/// Each of `overview`'s figures named is this count, of these people.
#[track_caller]
fn assert_figures(overview: &TeamOverview, want: &[(FigureKind, u32, &[&str])]) {
    for (kind, count, names) in want {
        assert_eq!(figure(overview, *kind), is(*count, names), "{kind:?}");
    }
}

fn is(count: u32, names: &[&str]) -> (u32, Vec<String>) {
    (count, names.iter().map(|n| n.to_string()).collect())
}

#[tokio::test]
async fn session_feedback_figures_count_the_teams_sessions_scores_and_drops() {
    let seeded = seed().await;
    let month = seeded.overview(&seeded.mo, "month").await;
    assert_eq!(month.young_people, 4);
    assert_eq!(month.from, month_of(0));
    // Sessions that happened this month (not the missed one), and those with feedback.
    assert_figures(
        &month,
        &[
            (FigureKind::SessionsHeld, 3, &["Ash", "Bea", "Dee"]),
            (FigureKind::SessionsWithFeedback, 2, &["Ash", "Dee"]),
            // Bea fell twice (5, 4, 3); Dee's latest is low; Ash fell once.
            (FigureKind::FeedbackDropped, 2, &["Bea", "Dee"]),
        ],
    );
    assert_eq!(month.scores_by_month.len(), 1);
    let this_month = &month.scores_by_month[0];
    assert_eq!(this_month.given, 3);
    let average = this_month.average.unwrap();
    assert!(
        (average - (4.0 + 3.0 + 1.5) / 3.0).abs() < 0.01,
        "{average}"
    );

    let three = seeded.overview(&seeded.mo, "three_months").await;
    assert_eq!(three.scores_by_month.len(), 3);
    assert_eq!(
        figure(&three, FigureKind::SessionsHeld),
        is(4, &["Ash", "Bea", "Dee"])
    );
    let earlier = three
        .scores_by_month
        .iter()
        .find(|m| m.month == month_of(35))
        .unwrap();
    assert_eq!(earlier.given, 3, "Ash 4.5, Bea 5 and 4");
    assert!((earlier.average.unwrap() - 4.5).abs() < 0.01);
    // A year: still not the session 400 days ago.
    let year = seeded.overview(&seeded.mo, "year").await;
    assert_eq!(year.scores_by_month.len(), 12);
    assert_eq!(figure(&year, FigureKind::SessionsHeld).0, 4);

    // Wren sees only their own young people.
    let wren = seeded.overview(&seeded.wren, "month").await;
    assert_eq!(wren.young_people, 3);
    assert_figures(
        &wren,
        &[
            (FigureKind::SessionsHeld, 2, &["Ash", "Bea"]),
            (FigureKind::SessionsWithFeedback, 1, &["Ash"]),
            (FigureKind::FeedbackDropped, 1, &["Bea"]),
        ],
    );

    // A session removed as recorded by mistake no longer counts (it stays stored).
    let db = seeded.app.db().await;
    exec(
        &db,
        "UPDATE care_sessions SET removed_at = $1 WHERE client_id = 'session-4'",
        &[&Utc::now().to_rfc3339()],
    )
    .await;
    let month = seeded.overview(&seeded.mo, "month").await;
    assert_eq!(
        figure(&month, FigureKind::SessionsHeld),
        is(2, &["Ash", "Dee"])
    );
}

fn month_of(back: i64) -> NaiveDate {
    use chrono::Datelike;
    (Utc::now().date_naive() - Duration::days(back))
        .with_day(1)
        .unwrap()
}

#[tokio::test]
async fn safety_figures_time_until_someone_acted_and_what_is_still_open() {
    let seeded = seed().await;
    let month = seeded.overview(&seeded.mo, "month").await;
    assert_eq!(
        figure(&month, FigureKind::FlagsRaised),
        is(3, &["Ash", "Bea", "Cal"])
    );
    // 60 and 30 minutes until the first action (later actions don't count).
    assert_eq!(month.acted_median_minutes, Some(45));
    assert_eq!(month.acted_longest_minutes, Some(60));
    // Still open whenever raised: Cal's today, Ash's long ago.
    assert_figures(
        &month,
        &[
            (FigureKind::FlagsOpen, 2, &["Ash", "Cal"]),
            (FigureKind::ReallyBadUnseen, 2, &["Bea", "Dee"]),
        ],
    );

    let three = seeded.overview(&seeded.mo, "three_months").await;
    assert_eq!(figure(&three, FigureKind::FlagsRaised).0, 4);
    assert_eq!(three.acted_median_minutes, Some(60));
    assert_eq!(three.acted_longest_minutes, Some(600));

    let finn = seeded.overview(&seeded.finn, "three_months").await;
    assert_eq!(figure(&finn, FigureKind::FlagsRaised), is(1, &["Dee"]));
    assert_eq!(finn.acted_median_minutes, Some(600));
    assert_eq!(figure(&finn, FigureKind::FlagsOpen), is(0, &[]));
    assert_eq!(figure(&finn, FigureKind::ReallyBadUnseen), is(1, &["Dee"]));
}

#[tokio::test]
async fn concern_figures_on_time_late_waiting_next_stage_and_what_about() {
    let seeded = seed().await;
    let month = seeded.overview(&seeded.mo, "month").await;
    assert_figures(
        &month,
        &[
            (FigureKind::ConcernsRaised, 2, &["Ash", "Cal"]),
            (FigureKind::ConcernsOnTime, 1, &["Ash"]),
            (FigureKind::ConcernsLate, 0, &[]),
            (FigureKind::ConcernsWaiting, 1, &["Cal"]),
            (FigureKind::ConcernsAboutWorker, 1, &["Cal"]),
            (FigureKind::ConcernsAboutSomethingElse, 1, &["Ash"]),
        ],
    );

    let three = seeded.overview(&seeded.mo, "three_months").await;
    assert_eq!(figure(&three, FigureKind::ConcernsRaised).0, 4);
    assert_figures(
        &three,
        &[
            (FigureKind::ConcernsOnTime, 1, &["Ash"]),
            (FigureKind::ConcernsLate, 1, &["Bea"]),
            (FigureKind::ConcernsWaiting, 2, &["Cal", "Dee"]),
            (FigureKind::ConcernsNextStage, 1, &["Dee"]),
            (
                FigureKind::ConcernsAboutSomethingElse,
                3,
                &["Ash", "Bea", "Dee"],
            ),
        ],
    );

    // Wren knows only of the concern Ash shared with them; never Cal's about Wren, nor
    // Bea's for the manager only.
    let wren = seeded.overview(&seeded.wren, "three_months").await;
    assert_eq!(figure(&wren, FigureKind::ConcernsRaised), is(1, &["Ash"]));
    assert_eq!(figure(&wren, FigureKind::ConcernsAboutWorker), is(0, &[]));
}

#[tokio::test]
async fn plan_figures_overdue_reviews_and_steps_the_48_hour_rule_and_no_plan() {
    let seeded = seed().await;
    let month = seeded.overview(&seeded.mo, "month").await;
    assert_eq!(figure(&month, FigureKind::ReviewsOverdue), is(1, &["Ash"]));
    assert_eq!(figure(&month, FigureKind::StepsOverdue), is(2, &["Ash"]));
    assert_eq!(figure(&month, FigureKind::PlansNotUpdated), is(1, &["Bea"]));
    assert_eq!(figure(&month, FigureKind::NoPlan), is(2, &["Cal", "Dee"]));
    let finn = seeded.overview(&seeded.finn, "year").await;
    assert_eq!(figure(&finn, FigureKind::NoPlan), is(1, &["Dee"]));
    assert_eq!(figure(&finn, FigureKind::PlansNotUpdated), is(0, &[]));
}

#[tokio::test]
async fn goal_figures_set_reached_let_go_and_average_movement() {
    let seeded = seed().await;
    let month = seeded.overview(&seeded.mo, "month").await;
    assert_eq!(figure(&month, FigureKind::GoalsSet), is(2, &["Ash"]));
    assert_eq!(figure(&month, FigureKind::GoalsReached), is(1, &["Ash"]));
    assert_eq!(figure(&month, FigureKind::GoalsLetGo), is(0, &[]));
    // Ash's goal 2 -> 5 and Cal's 6 -> 4, both rated this month.
    assert_eq!(
        figure(&month, FigureKind::GoalsRated),
        is(2, &["Ash", "Cal"])
    );
    assert_eq!(month.goal_movement, Some(0.5));

    let three = seeded.overview(&seeded.mo, "three_months").await;
    assert_eq!(figure(&three, FigureKind::GoalsSet), is(3, &["Ash", "Bea"]));
    assert_eq!(figure(&three, FigureKind::GoalsLetGo), is(1, &["Bea"]));
    // Bea's goal was rated once: not moved yet.
    assert_eq!(figure(&three, FigureKind::GoalsRated).0, 2);
    assert_eq!(three.goal_movement, Some(0.5));
}

#[tokio::test]
async fn only_staff_see_an_overview_and_only_of_their_own_young_people() {
    let seeded = seed().await;
    let app = &seeded.app;
    let reply = app.get("/api/v1/team/overview").await;
    assert_signed_out(&reply);
    // Another team's manager: an overview of nobody.
    let casey = seeded.overview(&seeded.casey, "year").await;
    assert_eq!(casey.young_people, 0);
    assert!(casey
        .figures
        .iter()
        .all(|f| f.count == 0 && f.people.is_empty()));
    // No period: this month; an unknown one: 400.
    let default: TeamOverview = app.get_as("/api/v1/team/overview", &seeded.mo).await.json();
    assert_eq!(default.period, journey_core::team::Period::Month);
    app.get_as("/api/v1/team/overview?period=week", &seeded.mo)
        .await
        .expect_status(StatusCode::BAD_REQUEST);
    // Each young person behind a figure is one the asker may open.
    let wren = seeded.overview(&seeded.wren, "year").await;
    for figure in &wren.figures {
        for person in &figure.people {
            assert_ne!(
                person.id.to_string(),
                seeded.ids["Dee"],
                "{:?}",
                figure.kind
            );
        }
    }
}

#[tokio::test]
async fn the_csv_has_the_same_figures_with_a_header_row() {
    let seeded = seed().await;
    let reply = seeded
        .app
        .get_as("/api/v1/team/overview.csv?period=three_months", &seeded.mo)
        .await
        .expect_status(StatusCode::OK);
    assert!(reply.header(header::CONTENT_TYPE).starts_with("text/csv"));
    assert!(reply
        .header(header::CONTENT_DISPOSITION)
        .starts_with("attachment; filename=\"team-overview-three_months-"));
    let text = reply.text();
    assert!(!text.contains("SECRET"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], CSV_HEADER);
    assert!(lines.contains(&"team,young_people,4,"), "{text}");
    assert!(
        lines.contains(&"concerns,concerns_waiting,2,Cal; Dee"),
        "{text}"
    );
    assert!(
        lines.contains(&"safety,acted_longest_minutes,600,"),
        "{text}"
    );
    assert!(lines.contains(&"goals,average_movement,0.5,"), "{text}");
    // One row per figure, two for the times, one for the movement, one per month, and
    // the period and team rows.
    assert_eq!(lines.len(), 1 + 2 + FigureKind::ALL.len() + 3 + 3);
    let reply = seeded
        .app
        .get_as("/api/v1/team/overview.csv", &seeded.casey)
        .await;
    assert!(reply.text().starts_with(CSV_HEADER));
    let reply = seeded.app.get("/api/v1/team/overview.csv").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}
