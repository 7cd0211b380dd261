//! The whole demo, as `cargo xtask run` shows it: the manager's screens have something
//! true to show (issue 21 item 7), and the history passes the same rules as typed data.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::team::{FigureKind, TeamOverview};
use serde_json::Value;

fn count(overview: &TeamOverview, kind: FigureKind) -> u32 {
    overview.figure(kind).map_or(0, |figure| figure.count)
}

#[tokio::test]
async fn the_demo_team_has_months_of_history_for_the_managers_screens() {
    let app = spawn_full_demo().await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;

    // Sam's young people are as the small demo has them; the team has more.
    let people: Value = app.get_as("/api/v1/young-people", &morgan).await.json();
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alex", "Ellis", "Jordan", "Mo", "Riley", "Skye"]);
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let sams: Value = app.get_as("/api/v1/young-people", &sam).await.json();
    assert_eq!(sams.as_array().unwrap().len(), 2, "Alex and Jordan only");

    // A year of the team: every part of the overview has something in it.
    let reply = app
        .get_as("/api/v1/team/overview?period=year", &morgan)
        .await
        .expect_status(StatusCode::OK);
    let year: TeamOverview = reply.json();
    assert!(
        year.scores_by_month
            .iter()
            .filter(|m| m.average.is_some())
            .count()
            >= 5
    );
    assert!(count(&year, FigureKind::SessionsWithFeedback) >= 20);
    assert_eq!(count(&year, FigureKind::FeedbackDropped), 2, "Riley and Mo");
    assert_eq!(count(&year, FigureKind::FlagsRaised), 3);
    assert_eq!(
        count(&year, FigureKind::FlagsOpen),
        0,
        "no flag is left open"
    );
    assert_eq!(year.acted_longest_minutes, Some(180));
    assert_eq!(count(&year, FigureKind::ReallyBadUnseen), 1);
    assert_eq!(count(&year, FigureKind::ConcernsRaised), 3);
    assert_eq!(count(&year, FigureKind::ConcernsNextStage), 1);
    assert_eq!(count(&year, FigureKind::ReviewsOverdue), 1);
    assert_eq!(count(&year, FigureKind::StepsOverdue), 1);
    assert_eq!(count(&year, FigureKind::PlansNotUpdated), 1);
    assert_eq!(count(&year, FigureKind::NoPlan), 1, "Skye");
    assert_eq!(count(&year, FigureKind::GoalsSet), 5);
    assert_eq!(count(&year, FigureKind::GoalsReached), 1);
    assert_eq!(count(&year, FigureKind::GoalsLetGo), 1);
    assert!(year.goal_movement.unwrap() > 0.0);

    // Jordan's plan is their own, not a copy of Alex's.
    let jordan = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["first_name"] == "Jordan")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let alex: Value = app
        .get_as(
            &format!(
                "/api/v1/young-people/{}/journey",
                journey_core::DEMO_YOUNG_PERSON_ID
            ),
            &morgan,
        )
        .await
        .json();
    let theirs: Value = app
        .get_as(&format!("/api/v1/young-people/{jordan}/journey"), &morgan)
        .await
        .json();
    assert_ne!(alex["plan"]["reason"], theirs["plan"]["reason"]);
    assert_ne!(alex["plan"]["steps"], theirs["plan"]["steps"]);

    // Ellis's concern, answered by Morgan and taken to stage 2, is with the complaints
    // officer (Ceri), and Morgan can no longer answer it.
    let (officer, password) = journey_server::demo::team::DEMO_OFFICER_LOGIN;
    let ceri = app.sign_in(officer, password).await;
    let theirs: Value = app.get_as("/api/v1/concerns", &ceri).await.json();
    let stage_two = theirs
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["reference"] == "C-DEMOE1")
        .expect("the stage 2 concern is on the officer's list");
    assert_eq!(stage_two["stage"], 2);
    assert_eq!(stage_two["can_answer"], true);
    let teams: Value = app.get_as("/api/v1/concerns", &morgan).await.json();
    let moved_on = teams
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["reference"] == "C-DEMOE1");
    assert!(moved_on.is_none_or(|c| c["can_answer"] == false));

    // The other demo accounts sign in.
    for (username, password) in journey_server::demo::team::DEMO_MORE_LOGINS
        .into_iter()
        .chain([journey_server::demo::team::DEMO_OFFICER_LOGIN])
    {
        app.sign_in(username, password).await;
    }
}
