//! The demo: clearly fictional young people (Alex and Jordan, Sam's), their worker and
//! plans, so the app can be tried without real data; and the rest of the team, with
//! months of history for the manager's screens (`team`). Phone numbers are from Ofcom's range kept for drama
//! (01632 960xxx) and email addresses use example.org, so nothing here reaches a real person.

pub mod team;

use crate::admin::command::NewStaff;
use crate::error::ApiError;
use crate::journey::store::insert_plan_version;
use crate::secrets::hash_password;
use crate::store::{Day, Store};
use chrono::{Days, NaiveDate, Utc};
use journey_core::{
    LastReview, Plan, PlanStep, StepStatus, WorkerCard, YoungPersonId, DEMO_YOUNG_PERSON_ID,
};

pub const DEMO_WORKER_ID: &str = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
pub const DEMO_FIRST_NAME: &str = "Alex";

fn demo_worker(today: NaiveDate) -> WorkerCard {
    WorkerCard {
        name: "Sam Rivers".into(),
        role: "your social worker".into(),
        why: "Sam makes sure your plan happens and that your voice is heard when \
              decisions are made about you. Sam is here to help, not to judge."
            .into(),
        phone: Some("01632 960 123".into()),
        email: Some("sam.rivers@example.org".into()),
        meets: "every two weeks, and more often if you need".into(),
        next_meeting: today.checked_add_days(Days::new(5)),
    }
}

/// The demo plan, with dates around `today` so it always looks current.
pub fn demo_plan(today: NaiveDate) -> Plan {
    let days_from_today = |days: i64| {
        if days < 0 {
            today.checked_sub_days(Days::new(days.unsigned_abs()))
        } else {
            today.checked_add_days(Days::new(days.unsigned_abs()))
        }
    };
    Plan {
        reason: "You have a plan so that everyone who helps you knows what you need, and so \
                 you know what will happen next. It is about helping you feel safe and settled \
                 where you live now, and enjoying school."
            .into(),
        outcomes: vec![
            "You feel safe and settled at home with Jo and Chris.".into(),
            "You go to school most days and feel OK there.".into(),
            "You see your brother Kai every month.".into(),
        ],
        steps: vec![
            PlanStep {
                id: "demo-step-1".into(),
                what: "Visit your new school together before you start.".into(),
                who: "Sam and you".into(),
                by_when: days_from_today(-21),
                status: StepStatus::Done,
            },
            PlanStep {
                id: "demo-step-2".into(),
                what: "Meet Priya, the counsellor, once a week to talk about how things are going."
                    .into(),
                who: "Priya and you".into(),
                by_when: None,
                status: StepStatus::HappeningNow,
            },
            PlanStep {
                id: "demo-step-3".into(),
                what: "Set up a day out with Kai.".into(),
                who: "Sam".into(),
                by_when: days_from_today(12),
                status: StepStatus::ComingUp,
            },
            PlanStep {
                id: "demo-step-4".into(),
                what: "Tell Sam how the new bedtime is going, so we can change it if it isn't working."
                    .into(),
                who: "Me".into(),
                by_when: days_from_today(5),
                status: StepStatus::ComingUp,
            },
        ],
        keeping_safe: "If you ever feel unsafe, you can tell Jo, Chris, Sam or a teacher you \
                       trust. They will listen and act quickly. If you are in danger now, call 999."
            .into(),
        contingency: "If living with Jo and Chris stops working for you or for them, we will all \
                      meet within a week to work out what would help. You will be part of that \
                      meeting, and your views will count."
            .into(),
        next_review: days_from_today(40).unwrap_or(today),
        last_review: Some(LastReview {
            date: days_from_today(-50).unwrap_or(today),
            what_happened: "We agreed you would stay with Jo and Chris and start at your new school."
                .into(),
        }),
        review_chair: None,
    }
}

/// Jordan's own plan: they are new, so most of it is just starting.
pub fn jordan_plan(today: NaiveDate) -> Plan {
    let in_days = |days: u64| today.checked_add_days(Days::new(days));
    Plan {
        reason: "You have a plan because you have just moved in with Dee, your foster carer. \
                 It is about you feeling at home there, keeping in touch with your mum, and \
                 finding a school that suits you."
            .into(),
        outcomes: vec![
            "You feel at home at Dee's.".into(),
            "You talk to your mum on the phone every Sunday.".into(),
            "You start at a school you chose.".into(),
        ],
        steps: vec![
            PlanStep {
                id: "demo-step-1".into(),
                what: "Set up Sunday phone calls with your mum.".into(),
                who: "Sam".into(),
                by_when: in_days(7),
                status: StepStatus::ComingUp,
            },
            PlanStep {
                id: "demo-step-2".into(),
                what: "Look round two schools and say which one you like.".into(),
                who: "Me, Dee and Sam".into(),
                by_when: in_days(21),
                status: StepStatus::ComingUp,
            },
            PlanStep {
                id: "demo-step-3".into(),
                what: "Choose how your room is set up.".into(),
                who: "Me and Dee".into(),
                by_when: None,
                status: StepStatus::HappeningNow,
            },
        ],
        keeping_safe: "If you feel unsafe, you can tell Dee, Sam or a teacher. They will listen \
                       and act quickly. If you are in danger now, call 999."
            .into(),
        contingency: "If living at Dee's isn't working for you, tell Sam. We will meet within a \
                      week, with you, to work out what would help."
            .into(),
        next_review: in_days(25).unwrap_or(today),
        last_review: None,
        review_chair: None,
    }
}

/// Demo accounts and their passwords, documented in the README. Fictional people only.
pub const DEMO_TEAM: &str = "Demo team";
pub const DEMO_YOUNG_PERSON_LOGIN: (&str, &str) = ("alex", "demo-alex-journey");
pub const DEMO_WORKER_LOGIN: (&str, &str) = ("sam", "demo-sam-worker");
pub const DEMO_MANAGER_LOGIN: (&str, &str) = ("morgan", "demo-morgan-manager");
/// A second young person, allocated to Sam, with a plan but no account yet: a worker can
/// make an invite code for them.
pub const DEMO_SECOND_YOUNG_PERSON_ID: &str = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
const DEMO_WORKER_ACCOUNT_ID: &str = "0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";
const DEMO_MANAGER_ID: &str = "7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e";
const DEMO_MANAGER_ACCOUNT_ID: &str = "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b";
const DEMO_YOUNG_PERSON_ACCOUNT_ID: &str = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";

/// Adds the demo team, staff, young people, plans and accounts unless already there.
/// `with_team`: the rest of the demo team with its history too ([`team::seed`]).
pub async fn seed(store: &Store, with_team: bool) -> Result<(), ApiError> {
    let today = Utc::now().date_naive();
    let alex = YoungPersonId::parse(DEMO_YOUNG_PERSON_ID).expect("the demo id is valid");
    let jordan = YoungPersonId::parse(DEMO_SECOND_YOUNG_PERSON_ID).expect("the demo id is valid");
    let pool = store.pool();
    let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM young_people WHERE id = $1")
        .bind(alex.as_str())
        .fetch_optional(pool)
        .await?;
    if exists.is_some() {
        return Ok(());
    }
    let worker = demo_worker(today);
    worker.validate(today)?;
    let plan = demo_plan(today);
    plan.validate(today)?;
    let jordans = jordan_plan(today);
    jordans.validate(today)?;

    store.create_team(DEMO_TEAM).await?;
    let staff = [
        (
            NewStaff {
                name: worker.name.clone(),
                username: DEMO_WORKER_LOGIN.0.into(),
                team: DEMO_TEAM.into(),
                manager: false,
                phone: worker.phone.clone(),
                email: worker.email.clone(),
            },
            DEMO_WORKER_LOGIN.1,
            (DEMO_WORKER_ID, DEMO_WORKER_ACCOUNT_ID),
        ),
        (
            NewStaff {
                name: "Morgan Lee".into(),
                username: DEMO_MANAGER_LOGIN.0.into(),
                team: DEMO_TEAM.into(),
                manager: true,
                phone: Some("01632 960 456".into()),
                email: Some("morgan.lee@example.org".into()),
            },
            DEMO_MANAGER_LOGIN.1,
            (DEMO_MANAGER_ID, DEMO_MANAGER_ACCOUNT_ID),
        ),
    ];
    for (person, password, ids) in staff {
        if store.password_for(&person.username).await?.is_none() {
            store
                .create_staff(&person, &hash_password(password), Some(ids))
                .await?;
        }
    }

    let now = Utc::now().to_rfc3339();
    let mut tx = store.begin_write().await?;
    sqlx::query("UPDATE workers SET role = $1 WHERE id = $2")
        .bind(&worker.role)
        .bind(DEMO_WORKER_ID)
        .execute(&mut *tx)
        .await?;
    for (id, name, plan) in [
        (&jordan, "Jordan", &jordans),
        (&alex, DEMO_FIRST_NAME, &plan),
    ] {
        sqlx::query("INSERT INTO young_people (id, first_name, created_at) VALUES ($1, $2, $3)")
            .bind(id.as_str())
            .bind(name)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO allocations (young_person_id, worker_id, why, meets, next_meeting, started_on)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.as_str())
        .bind(DEMO_WORKER_ID)
        .bind(&worker.why)
        .bind(&worker.meets)
        .bind(worker.next_meeting.map(Day))
        .bind(Day(today))
        .execute(&mut *tx)
        .await?;
        insert_plan_version(&mut tx, id, plan, Some("Sam Rivers (worker)")).await?;
    }
    sqlx::query(
        "INSERT INTO accounts (id, username, username_key, password_hash, role, young_person_id, created_at)
         VALUES ($1, $2, $3, $4, 'young_person', $5, $6)",
    )
    .bind(DEMO_YOUNG_PERSON_ACCOUNT_ID)
    .bind(DEMO_YOUNG_PERSON_LOGIN.0)
    .bind(DEMO_YOUNG_PERSON_LOGIN.0)
    .bind(hash_password(DEMO_YOUNG_PERSON_LOGIN.1))
    .bind(alex.as_str())
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    crate::journey::store::demo_views(
        &mut tx,
        &jordan,
        DEMO_WORKER_ACCOUNT_ID,
        "Sam Rivers (worker)",
    )
    .await?;
    tx.commit().await?;
    crate::good_news::seed_demo(store, &alex).await?;
    crate::review::add_demo(store).await?;
    if with_team {
        let manager = team::TeamManager {
            username: DEMO_MANAGER_LOGIN.0,
            account_id: DEMO_MANAGER_ACCOUNT_ID,
        };
        team::seed(store, DEMO_TEAM, manager, today).await?;
    }
    tracing::info!(
        "added the demo team, its accounts (as the README lists), young people and plans"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_plan_and_worker_pass_the_core_rules() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(demo_plan(today).validate(today), Ok(()));
        assert_eq!(jordan_plan(today).validate(today), Ok(()));
        assert_ne!(
            jordan_plan(today),
            demo_plan(today),
            "Jordan's plan is their own"
        );
        assert_eq!(demo_worker(today).validate(today), Ok(()));
    }
}
