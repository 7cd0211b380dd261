//! The rest of the demo team, so a manager's screens have something true to show: two
//! more workers (Taylor and Nia), four more young people with months of sessions,
//! feedback, goals, check-ins, closed safety flags, concerns at different stages, an
//! overdue review and a plan not updated since its review, and a complaints officer in
//! a team of their own. Alex and Jordan (Sam's) are left as the browser tests know them.
//! All fictional: names, and phone numbers from Ofcom's drama range.

use crate::admin::command::NewStaff;
use crate::audit::store::audit;
use crate::error::ApiError;
use crate::journey::store::insert_plan_version;
use crate::secrets::hash_password;
use crate::store::{Day, Flag, Store};
use chrono::{Days, Duration, NaiveDate, Utc};
use journey_core::concern::stage_one_due;
use journey_core::feedback::{score, Answer, Question, QuestionAnswer};
use journey_core::{Plan, PlanStep, StepStatus, YoungPersonId};
use sqlx::AnyConnection;

/// A member of staff in the demo: name, username, password, worker id, account id.
struct DemoStaff {
    name: &'static str,
    username: &'static str,
    password: &'static str,
    ids: (&'static str, &'static str),
}

const TAYLOR: DemoStaff = DemoStaff {
    name: "Taylor Brooks",
    username: "taylor.brooks",
    password: "demo-taylor-worker",
    ids: (
        "9fc3f8d3-650f-457d-82f2-1cb5b86199d7",
        "52c2d87f-0ddb-4dd0-87b1-dd2f093dc431",
    ),
};
const NIA: DemoStaff = DemoStaff {
    name: "Nia Hughes",
    username: "nia.hughes",
    password: "demo-nia-worker",
    ids: (
        "e0ec6da5-a9b8-43f2-8e51-0c0bc45fa319",
        "ac3c5187-314a-42b6-9bdd-9cd11d16c7af",
    ),
};
/// The organisation's complaints officer: a manager in a team of their own, who reads a
/// concern taken to stage 2 or 3, never the manager who answered it first.
pub const DEMO_OFFICER_LOGIN: (&str, &str) = ("ceri.jones", "demo-ceri-complaints");
const OFFICER_TEAM: &str = "Complaints and quality";

/// The young people added here: (id, first name, account id, worker).
const RILEY: (&str, &str, &str) = (
    "98703f0c-abd5-44d1-bcea-e2a83262f37d",
    "Riley",
    "9295e967-0c2c-46d0-824b-621da303bb20",
);
const ELLIS: (&str, &str, &str) = (
    "2620cb5e-426e-45de-aa93-6abe8c028c30",
    "Ellis",
    "6a5ee9e3-0c5b-46bb-9e53-2099c80bb848",
);
const MO: (&str, &str, &str) = (
    "4b585a1b-cd8e-49d4-ada8-a6a0e6912779",
    "Mo",
    "01b318dd-651f-4a96-aa51-ba1a933bf93b",
);
/// Just added: no plan yet, no account yet.
const SKYE: (&str, &str) = ("76b19dc6-429c-48ef-a091-1de29396908e", "Skye");

/// The demo young people's accounts, so anyone trying the demo can sign in as them too.
pub const DEMO_MORE_LOGINS: [(&str, &str); 3] = [
    ("riley.demo", "demo-riley-journey"),
    ("ellis.demo", "demo-ellis-journey"),
    ("mo.demo", "demo-mo-journey"),
];

/// `today` moved by `days` (negative: in the past).
fn day(today: NaiveDate, days: i64) -> NaiveDate {
    if days < 0 {
        today - Days::new(days.unsigned_abs())
    } else {
        today + Days::new(days.unsigned_abs())
    }
}

/// A moment on that day, at `hour` o'clock UTC, as stored.
fn at(date: NaiveDate, hour: u32, minutes: i64) -> String {
    let time =
        date.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc() + Duration::minutes(minutes);
    time.to_rfc3339()
}

fn plan(
    today: NaiveDate,
    reason: &str,
    outcomes: &[&str],
    steps: &[(&str, &str, Option<i64>, StepStatus)],
    next_review: i64,
) -> Plan {
    Plan {
        reason: reason.into(),
        outcomes: outcomes.iter().map(|o| (*o).into()).collect(),
        steps: steps
            .iter()
            .enumerate()
            .map(|(i, (what, who, by, status))| PlanStep {
                id: format!("demo-step-{}", i + 1),
                what: (*what).into(),
                who: (*who).into(),
                by_when: by.map(|d| day(today, d)),
                status: *status,
            })
            .collect(),
        keeping_safe:
            "If you ever feel unsafe, tell your worker, your carers or a teacher you \
                       trust. They will listen and act quickly. If you are in danger now, call 999."
                .into(),
        contingency: "If things stop working, we will all meet within a week to work out what \
                      would help, and you will be part of that meeting."
            .into(),
        next_review: day(today, next_review),
        last_review: None,
        review_chair: None,
    }
}

/// Feedback answers with every question on the same face, but "rather not say" for being
/// put on the spot now and then, as young people do.
fn answers(face: u8, skip_one: bool) -> Vec<QuestionAnswer> {
    Question::ALL
        .iter()
        .map(|&question| QuestionAnswer {
            question,
            answer: if skip_one && question == Question::PutOnTheSpot {
                Answer::RatherNotSay
            } else {
                Answer::Face(face)
            },
        })
        .collect()
}

/// One young person's history, written as it would have been over the months.
struct History<'a> {
    conn: &'a mut AnyConnection,
    today: NaiveDate,
    id: &'static str,
    first_name: &'static str,
    account: &'static str,
    worker: &'a DemoStaff,
    /// Who answered concerns at stage 1.
    manager_account: &'a str,
}

impl History<'_> {
    /// Sessions every `every` days back from `first_days_ago`, each with feedback on that
    /// face unless `None` (the session happened, no feedback) or a missed session.
    async fn sessions(
        &mut self,
        first_days_ago: i64,
        every: i64,
        faces: &[Option<u8>],
        missed: &[usize],
    ) -> Result<(), ApiError> {
        for (i, face) in faces.iter().enumerate() {
            let held_on = day(self.today, -first_days_ago + every * i as i64);
            let was_missed = missed.contains(&i);
            let (session_id,): (i64,) = sqlx::query_as(
                "INSERT INTO care_sessions (young_person_id, client_id, held_on, kind, mode, with_whom, missed, recorded_by_name, account_id, created_at)
                 VALUES ($1, $2, $3, 'one_to_one', $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(self.id)
            .bind(format!("demo-session-{}-{i}", self.first_name))
            .bind(Day(held_on))
            .bind(if i % 3 == 2 { "phone" } else { "face_to_face" })
            .bind(self.worker.name)
            .bind(was_missed.then_some("couldnt_make_it"))
            .bind(self.worker.name)
            .bind(self.worker.ids.1)
            .bind(at(held_on, 16, 0))
            .fetch_one(&mut *self.conn)
            .await?;
            let Some(face) = face.filter(|_| !was_missed) else {
                continue;
            };
            let given = answers(face, i % 4 == 1);
            sqlx::query(
                "INSERT INTO feedback (young_person_id, client_id, session_id, given_on, answers, score, comment, comment_for, account_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, '', 'worker', $7, $8)",
            )
            .bind(self.id)
            .bind(format!("demo-feedback-{}-{i}", self.first_name))
            .bind(session_id)
            .bind(Day(held_on))
            .bind(serde_json::to_string(&given)?)
            .bind(score(&given))
            .bind(self.account)
            .bind(at(held_on, 18, 0))
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// A goal in their own words, rated at sessions `every` days apart, ending `status`.
    async fn goal(
        &mut self,
        n: usize,
        words: &str,
        first_days_ago: i64,
        every: i64,
        ratings: &[u8],
        status: &str,
    ) -> Result<(), ApiError> {
        let goal_id = format!("demo-goal-{}-{n}", self.first_name);
        let set_on = day(self.today, -first_days_ago);
        sqlx::query(
            "INSERT INTO goals (id, young_person_id, agreed_by, set_on, status, created_at)
             VALUES ($1, $2, 'together', $3, $4, $5)",
        )
        .bind(&goal_id)
        .bind(self.id)
        .bind(Day(set_on))
        .bind(status)
        .bind(at(set_on, 16, 5))
        .execute(&mut *self.conn)
        .await?;
        sqlx::query(
            "INSERT INTO goal_versions (goal_id, version, words, what_will_help, typed_by_name, typed_by_young_person, account_id, created_at)
             VALUES ($1, 1, $2, NULL, $3, $4, $5, $6)",
        )
        .bind(&goal_id)
        .bind(words)
        .bind(self.first_name)
        .bind(Flag(true))
        .bind(self.account)
        .bind(at(set_on, 16, 5))
        .execute(&mut *self.conn)
        .await?;
        for (i, rating) in ratings.iter().enumerate() {
            let held_on = day(set_on, every * i as i64);
            let (session_id,): (i64,) = sqlx::query_as(
                "INSERT INTO goal_sessions (young_person_id, client_id, held_on, account_id, typed_by_young_person, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(self.id)
            .bind(format!("demo-rating-{goal_id}-{i}"))
            .bind(Day(held_on))
            .bind(self.account)
            .bind(Flag(true))
            .bind(at(held_on, 16, 30))
            .fetch_one(&mut *self.conn)
            .await?;
            sqlx::query(
                "INSERT INTO goal_ratings (session_id, goal_id, rating) VALUES ($1, $2, $3)",
            )
            .bind(session_id)
            .bind(&goal_id)
            .bind(i64::from(*rating))
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// A safety flag raised `days_ago`, closed `minutes` later by the worker.
    async fn closed_flag(&mut self, days_ago: i64, minutes: i64) -> Result<(), ApiError> {
        let raised = day(self.today, -days_ago);
        let flag_id = format!("demo-flag-{}-{days_ago}", self.first_name);
        sqlx::query(
            "INSERT INTO safety_flags (id, young_person_id, client_id, words, open, account_id, created_at)
             VALUES ($1, $2, $3, NULL, 0, $4, $5)",
        )
        .bind(&flag_id)
        .bind(self.id)
        .bind(&flag_id)
        .bind(self.account)
        .bind(at(raised, 19, 0))
        .execute(&mut *self.conn)
        .await?;
        sqlx::query(
            "INSERT INTO safety_actions (flag_id, words, by_name, account_id, created_at, message)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&flag_id)
        .bind(
            "Rang straight away and talked it through; safe at home tonight, seeing them tomorrow.",
        )
        .bind(self.worker.name)
        .bind(self.worker.ids.1)
        .bind(at(raised, 19, minutes))
        .bind("Thank you for telling me. I'm coming to see you tomorrow after school.")
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// "Really bad" at a check-in `days_ago`, not yet seen by anyone.
    async fn really_bad_check_in(&mut self, days_ago: i64) -> Result<(), ApiError> {
        sqlx::query(
            "INSERT INTO check_ins (young_person_id, client_id, mood, words, account_id, created_at)
             VALUES ($1, $2, 'awful', NULL, $3, $4)",
        )
        .bind(self.id)
        .bind(format!("demo-check-in-{}", self.first_name))
        .bind(self.account)
        .bind(at(day(self.today, -days_ago), 20, 0))
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// A concern raised `days_ago`, answered `answered_after` days later (or still open),
    /// and taken to stage 2 `stage_two_days_ago` (if given) and not yet answered there.
    async fn concern(
        &mut self,
        n: usize,
        about_worker: bool,
        days_ago: i64,
        answered_after: Option<i64>,
        stage_two_days_ago: Option<i64>,
    ) -> Result<(), ApiError> {
        let raised_on = day(self.today, -days_ago);
        let id = format!("demo-concern-{}-{n}", self.first_name);
        let reference = format!("C-DEMO{}{n}", &self.first_name[..1].to_uppercase());
        let (stage, status, due_on) = match (answered_after, stage_two_days_ago) {
            (_, Some(ago)) => {
                let started = day(self.today, -ago);
                (
                    2,
                    "open",
                    journey_core::concern::stage_due(
                        journey_core::help::Nation::England,
                        2,
                        started,
                    )
                    .unwrap_or(started),
                )
            }
            (Some(_), None) => (1, "answered", stage_one_due(raised_on)),
            (None, None) => (1, "open", stage_one_due(raised_on)),
        };
        sqlx::query(
            "INSERT INTO concerns (id, reference, young_person_id, client_id, about, worker_id,
                words, what_would_help, who_sees, stage, status, raised_on, due_on, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, 'manager', $8, $9, $10, $11, $12, $13)",
        )
        .bind(&id)
        .bind(&reference)
        .bind(self.id)
        .bind(&id)
        .bind(if about_worker { "my_worker" } else { "something_else" })
        .bind(self.worker.ids.0)
        .bind(if about_worker {
            "My worker keeps changing the day we meet and doesn't tell me."
        } else {
            "Nobody told me my contact with my mum was moved."
        })
        .bind(stage)
        .bind(status)
        .bind(Day(raised_on))
        .bind(Day(due_on))
        .bind(self.account)
        .bind(at(raised_on, 17, 0))
        .execute(&mut *self.conn)
        .await?;
        if let Some(after) = answered_after {
            sqlx::query(
                "INSERT INTO concern_replies (concern_id, words, by_name, account_id, created_at)
                 VALUES ($1, $2, 'Morgan Lee', $3, $4)",
            )
            .bind(&id)
            .bind("I'm sorry this happened. From now on you will hear about any change at least a week before.")
            .bind(self.manager_account)
            .bind(at(day(raised_on, after), 11, 0))
            .execute(&mut *self.conn)
            .await?;
        }
        if let Some(ago) = stage_two_days_ago {
            let started = day(self.today, -ago);
            sqlx::query(
                "INSERT INTO concern_stages (concern_id, stage, client_id, words, account_id, started_on, created_at)
                 VALUES ($1, 2, $2, $3, $4, $5, $6)",
            )
            .bind(&id)
            .bind(format!("{id}-stage-2"))
            .bind("It still keeps happening.")
            .bind(self.account)
            .bind(Day(started))
            .bind(at(started, 17, 0))
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }
}

/// The demo team's manager (Morgan), who answered the concerns at stage 1 and is one of
/// the organisation's administrators.
pub struct TeamManager<'a> {
    pub username: &'a str,
    pub account_id: &'a str,
}

/// Adds Taylor, Nia and the complaints officer, and Riley, Ellis, Mo and Skye with their
/// history, to the demo team (`team`: its name).
pub async fn seed(
    store: &Store,
    team: &str,
    manager: TeamManager<'_>,
    today: NaiveDate,
) -> Result<(), ApiError> {
    for staff in [&TAYLOR, &NIA] {
        let person = NewStaff {
            name: staff.name.into(),
            username: staff.username.into(),
            team: team.into(),
            manager: false,
            phone: Some("01632 960 789".into()),
            email: Some(format!("{}@example.org", staff.username)),
        };
        store
            .create_staff(&person, &hash_password(staff.password), Some(staff.ids))
            .await?;
    }
    store.create_team(OFFICER_TEAM).await?;
    let officer = NewStaff {
        name: "Ceri Jones".into(),
        username: DEMO_OFFICER_LOGIN.0.into(),
        team: OFFICER_TEAM.into(),
        manager: true,
        phone: None,
        email: Some("ceri.jones@example.org".into()),
    };
    store
        .create_staff(&officer, &hash_password(DEMO_OFFICER_LOGIN.1), None)
        .await?;
    store
        .set_complaints_officer(DEMO_OFFICER_LOGIN.0, true)
        .await?;
    // Morgan is also one of the organisation's administrators, so the Help editor and the
    // organisation's audit rows can be tried; Ceri is a manager who is not.
    store.set_admin(manager.username, true).await?;
    let hashes: Vec<String> = DEMO_MORE_LOGINS
        .iter()
        .map(|(_, password)| hash_password(password))
        .collect();

    let mut tx = store.begin_write().await?;
    let now = Utc::now().to_rfc3339();
    let (team_id,): (String,) = sqlx::query_as("SELECT id FROM teams WHERE name = $1")
        .bind(team)
        .fetch_one(&mut *tx)
        .await?;
    let people = [
        (RILEY.0, RILEY.1, &TAYLOR, 200),
        (ELLIS.0, ELLIS.1, &TAYLOR, 150),
        (MO.0, MO.1, &NIA, 100),
        (SKYE.0, SKYE.1, &NIA, 3),
    ];
    for (id, first_name, worker, days_ago) in people {
        let started = day(today, -days_ago);
        sqlx::query("INSERT INTO young_people (id, first_name, created_at) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(first_name)
            .bind(at(started, 10, 0))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO allocations (young_person_id, worker_id, why, meets, next_meeting, started_on)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(worker.ids.0)
        .bind(format!(
            "{} makes sure your plan happens and that your voice is heard.",
            worker.name
        ))
        .bind("every two weeks")
        .bind(Day(day(today, 6)))
        .bind(Day(started))
        .execute(&mut *tx)
        .await?;
    }
    for ((id, _, account), ((username, _), hash)) in [RILEY, ELLIS, MO]
        .iter()
        .zip(DEMO_MORE_LOGINS.iter().zip(&hashes))
    {
        sqlx::query(
            "INSERT INTO accounts (id, username, username_key, password_hash, role, young_person_id, created_at)
             VALUES ($1, $2, $3, $4, 'young_person', $5, $6)",
        )
        .bind(*account)
        .bind(*username)
        .bind(*username)
        .bind(hash)
        .bind(*id)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }

    // Plans: Riley's review date has passed and a step is past its date; Ellis's review
    // was recorded five days ago and the plan not changed since; Mo's is up to date.
    let riley_plan = plan(
        today,
        "You have a plan so everyone knows how to help you settle at your new school and \
         keep seeing your friends.",
        &[
            "You feel OK at school.",
            "You keep playing football on Saturdays.",
        ],
        &[
            (
                "Meet your new form tutor with Taylor.",
                "Taylor and you",
                Some(-30),
                StepStatus::Done,
            ),
            (
                "Sort out a bus pass so you can get to football.",
                "Taylor",
                Some(-9),
                StepStatus::ComingUp,
            ),
            (
                "Talk about how school is going every two weeks.",
                "Me",
                None,
                StepStatus::HappeningNow,
            ),
        ],
        -8,
    );
    let ellis_plan = plan(
        today,
        "You have a plan so you can stay living with your nan and get help with feeling angry.",
        &[
            "You feel calmer at home.",
            "You go to college three days a week.",
        ],
        &[
            (
                "Start the anger group on Tuesdays.",
                "Taylor",
                Some(-40),
                StepStatus::Done,
            ),
            (
                "Visit the college open day.",
                "Ellis and nan",
                Some(20),
                StepStatus::ComingUp,
            ),
        ],
        70,
    );
    let mo_plan = plan(
        today,
        "You have a plan so you can move back home with your dad, step by step, when it is safe.",
        &["You spend weekends at your dad's.", "You sleep better."],
        &[
            (
                "Weekend visits to dad's, every other week.",
                "Nia and dad",
                None,
                StepStatus::HappeningNow,
            ),
            (
                "Check how sleeping is going.",
                "Me",
                Some(10),
                StepStatus::ComingUp,
            ),
        ],
        30,
    );
    for ((id, ..), plan, saved_days_ago) in [
        (RILEY, &riley_plan, 120),
        (ELLIS, &ellis_plan, 20),
        (MO, &mo_plan, 60),
    ] {
        let young_person = YoungPersonId::parse(id).expect("the demo id is valid");
        insert_plan_version(&mut tx, &young_person, plan, Some("Demo worker (worker)")).await?;
        sqlx::query(
            "UPDATE plan_versions SET created_at = $1, created_by = $2 WHERE young_person_id = $3",
        )
        .bind(at(day(today, -saved_days_ago), 15, 0))
        .bind(if id == MO.0 {
            "Nia Hughes (worker)"
        } else {
            "Taylor Brooks (worker)"
        })
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    let held = day(today, -5);
    sqlx::query(
        "INSERT INTO reviews (young_person_id, client_id, held_on, decisions, next_review, account_id, by_name, created_at)
         VALUES ($1, 'demo-review-ellis', $2, $3, $4, $5, 'Taylor Brooks', $6)",
    )
    .bind(ELLIS.0)
    .bind(Day(held))
    .bind("Ellis stays with nan. College visit to be booked. Anger group carries on.")
    .bind(Day(day(today, 70)))
    .bind(TAYLOR.ids.1)
    .bind(at(held, 15, 0))
    .execute(&mut *tx)
    .await?;

    // Months of sessions and feedback: Riley's scores fall over the last sessions; Ellis
    // misses some; Mo's last session didn't go well.
    let mut riley = History {
        conn: &mut tx,
        today,
        id: RILEY.0,
        first_name: RILEY.1,
        account: RILEY.2,
        worker: &TAYLOR,
        manager_account: manager.account_id,
    };
    riley
        .sessions(
            180,
            14,
            &[
                Some(4),
                Some(4),
                Some(5),
                Some(4),
                None,
                Some(4),
                Some(5),
                Some(4),
                Some(4),
                Some(3),
                Some(2),
                Some(2),
                Some(1),
            ],
            &[4],
        )
        .await?;
    riley
        .goal(
            1,
            "Go to school every day this week",
            170,
            28,
            &[3, 4, 4, 6, 7, 8, 10],
            "achieved",
        )
        .await?;
    riley
        .goal(
            2,
            "Not get so wound up at football",
            120,
            28,
            &[2, 3, 3, 4, 5],
            "working_on_it",
        )
        .await?;
    riley.closed_flag(40, 25).await?;
    riley.closed_flag(12, 95).await?;
    riley.really_bad_check_in(1).await?;
    riley.concern(1, false, 30, Some(5), None).await?;
    let mut ellis = History {
        conn: &mut tx,
        today,
        id: ELLIS.0,
        first_name: ELLIS.1,
        account: ELLIS.2,
        worker: &TAYLOR,
        manager_account: manager.account_id,
    };
    ellis
        .sessions(
            140,
            14,
            &[
                Some(3),
                Some(4),
                None,
                Some(4),
                Some(5),
                Some(4),
                Some(4),
                None,
                Some(5),
                Some(4),
            ],
            &[2, 7],
        )
        .await?;
    ellis
        .goal(
            1,
            "Walk away when I feel angry",
            130,
            21,
            &[2, 3, 5, 5, 6, 7],
            "working_on_it",
        )
        .await?;
    ellis
        .goal(2, "Get a weekend job", 100, 21, &[1, 2], "let_go")
        .await?;
    ellis.closed_flag(70, 180).await?;
    ellis.concern(1, true, 45, Some(30), Some(3)).await?;
    let mut mo = History {
        conn: &mut tx,
        today,
        id: MO.0,
        first_name: MO.1,
        account: MO.2,
        worker: &NIA,
        manager_account: manager.account_id,
    };
    mo.sessions(
        84,
        14,
        &[
            Some(3),
            Some(4),
            Some(4),
            Some(5),
            Some(4),
            Some(4),
            Some(2),
        ],
        &[],
    )
    .await?;
    mo.goal(
        1,
        "Sleep all night at dad's",
        80,
        14,
        &[5, 6, 6, 8],
        "working_on_it",
    )
    .await?;
    mo.concern(1, false, 2, None, None).await?;

    for (who, account, action, young_person) in [
        (
            "Taylor Brooks (worker)",
            TAYLOR.ids.1,
            "wrote the plan",
            RILEY.0,
        ),
        (
            "Taylor Brooks (worker)",
            TAYLOR.ids.1,
            "recorded a review",
            ELLIS.0,
        ),
        ("Nia Hughes (worker)", NIA.ids.1, "wrote the plan", MO.0),
        ("Nia Hughes (worker)", NIA.ids.1, "recorded a session", MO.0),
        (
            "Morgan Lee (manager)",
            manager.account_id,
            "answered a concern (C-DEMOR1)",
            RILEY.0,
        ),
    ] {
        audit(
            &mut tx,
            Some(account),
            who,
            action,
            Some(young_person),
            Some(&team_id),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
