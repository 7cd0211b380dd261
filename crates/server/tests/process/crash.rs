//! A young person's words must not be lost: writes go on from several phones at once,
//! the server is killed (SIGKILL) in the middle, and after a restart every write that was
//! answered 2xx is there, once.

use crate::server::*;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const WRITERS: usize = 4;

/// The nth write of a writer: feedback and goal ratings, turn about.
fn write(n: usize, writer: usize, goal: &str) -> (String, Value) {
    let client_id = format!("crash-{writer}-{n}");
    if n.is_multiple_of(2) {
        (
            format!("/api/v1/young-people/{ALEX_ID}/feedback"),
            json!({"client_id": client_id, "answers": [
                {"question": "overall", "answer": {"face": 1 + n % 5}},
            ]}),
        )
    } else {
        (
            format!("/api/v1/young-people/{ALEX_ID}/goal-ratings"),
            json!({"client_id": client_id, "ratings": [{"goal_id": goal, "rating": n % 11}]}),
        )
    }
}

/// An active goal of Alex's to rate (one is added if there is none).
fn a_goal(addr: &str, cookie: &str) -> String {
    let path = format!("/api/v1/young-people/{ALEX_ID}/goals");
    let active = |goals: &Value| {
        goals["goals"].as_array().unwrap().iter().find_map(|g| {
            (g["status"] == "working_on_it").then(|| g["id"].as_str().unwrap().to_owned())
        })
    };
    if let Some(id) = active(&get(addr, &path, cookie)) {
        return id;
    }
    let reply = post(
        addr,
        &path,
        json!({"words": "Sleep better", "agreed_by": "together"}),
        cookie,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    // The answer is the goal made.
    reply.json()["id"]
        .as_str()
        .expect("the new goal")
        .to_owned()
}

#[test]
fn every_answered_write_survives_a_kill_and_none_is_doubled() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let addr = server.addr.clone();
    let cookie = sign_in(&addr, ALEX);
    let goal = a_goal(&addr, &cookie);

    let answered = Arc::new(Mutex::new(Vec::<(String, Value)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (addr, cookie, goal) = (addr.clone(), cookie.clone(), goal.clone());
            let (answered, stop) = (answered.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let (path, body) = write(n, w, &goal);
                    match request(&addr, "POST", &path, Some(&body), Some(&cookie)) {
                        Ok(reply) if (200..300).contains(&reply.status) => {
                            answered.lock().unwrap().push((path, body));
                        }
                        Ok(reply) => panic!("{path}: {} {}", reply.status, reply.body),
                        // The server is gone: what was in flight may or may not be kept.
                        Err(_) => break,
                    }
                    n += 1;
                }
            })
        })
        .collect();

    // Let the writes get going, then pull the plug mid-run.
    let started = std::time::Instant::now();
    while answered.lock().unwrap().len() < 60 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().unwrap();
    }
    let answered = answered.lock().unwrap().clone();
    assert!(
        answered.len() >= 60,
        "only {} writes before the kill",
        answered.len()
    );

    let server = Server::start(dir.path());
    let cookie = sign_in(&server.addr, ALEX);
    // Sent again, each answered write is recognised (200), not stored afresh (201).
    for (path, body) in &answered {
        let reply = post(&server.addr, path, body.clone(), &cookie);
        assert_eq!(
            reply.status, 200,
            "{} was answered before the kill but is not there after it: {}",
            body["client_id"], reply.body
        );
    }
    drop(server);

    // And in the database itself, each is there exactly once.
    let database = database(dir.path());
    block_on(async {
        let db = crate::database::connect(&database).await;
        for (table, kind) in [("feedback", "feedback"), ("goal_sessions", "goal-ratings")] {
            let expected = answered.iter().filter(|(p, _)| p.ends_with(kind)).count();
            let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
                "SELECT client_id, COUNT(*) FROM {table} WHERE client_id LIKE 'crash-%' GROUP BY client_id"
            ))
            .fetch_all(&db)
            .await
            .unwrap();
            assert!(rows.iter().all(|(_, n)| *n == 1), "{table} has doubles");
            assert!(
                rows.len() >= expected,
                "{table}: {} rows, {expected} answered",
                rows.len()
            );
        }
    });
}
