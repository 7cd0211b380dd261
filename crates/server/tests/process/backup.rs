//! Backups taken while the server runs and writes go on, and put back with the server
//! stopped, keeping the database they replace.

use crate::server::*;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

fn goal_words(addr: &str, cookie: &str) -> Vec<String> {
    get(
        addr,
        &format!("/api/v1/young-people/{ALEX_ID}/goals"),
        cookie,
    )["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["words"].as_str().unwrap().to_owned())
        .collect()
}

fn add_goal(addr: &str, cookie: &str, words: &str) {
    let reply = post(
        addr,
        &format!("/api/v1/young-people/{ALEX_ID}/goals"),
        json!({"words": words, "agreed_by": "together"}),
        cookie,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
}

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_backup_taken_while_running_restores_to_that_moment() {
    if crate::database::on_postgres() {
        return; // backup and restore are for the SQLite file: see the test below
    }
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backups").join("monday.db");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    let server = Server::start(dir.path());
    let cookie = sign_in(&server.addr, ALEX);
    add_goal(&server.addr, &cookie, "Before the backup");

    // Feedback keeps arriving while the backup is taken.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (addr, cookie, stop) = (server.addr.clone(), cookie.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let reply = post(
                    &addr,
                    &format!("/api/v1/young-people/{ALEX_ID}/feedback"),
                    json!({"client_id": format!("during-{n}")}),
                    &cookie,
                );
                assert!((200..300).contains(&reply.status), "{}", reply.body);
                n += 1;
            }
            n
        })
    };
    let made = admin(dir.path(), &["backup", "--to", backup.to_str().unwrap()]);
    stop.store(true, Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0);
    assert!(made.status.success(), "{}", text(&made));
    assert!(text(&made).contains("checked it"), "{}", text(&made));

    // A backup never overwrites another.
    let again = admin(dir.path(), &["backup", "--to", backup.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));

    add_goal(&server.addr, &cookie, "After the backup");
    // Not while the server is running.
    let refused = admin(dir.path(), &["restore", "--from", backup.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("Stop it first"),
        "{}",
        text(&refused)
    );
    assert!(goal_words(&server.addr, &cookie).contains(&"After the backup".to_owned()));

    // A file that is not a backup is refused, and nothing changes.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    server.kill();
    let refused = admin(dir.path(), &["restore", "--from", junk.to_str().unwrap()]);
    assert!(!refused.status.success(), "{}", text(&refused));

    let restored = admin(dir.path(), &["restore", "--from", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", text(&restored));
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| {
            name.starts_with("journey.db.before-restore-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .expect("the replaced database is kept");
    assert!(text(&restored).contains(&kept), "{}", text(&restored));

    let server = Server::start(dir.path());
    let cookie = sign_in(&server.addr, ALEX);
    let words = goal_words(&server.addr, &cookie);
    assert!(words.contains(&"Before the backup".to_owned()), "{words:?}");
    assert!(!words.contains(&"After the backup".to_owned()), "{words:?}");
}

#[test]
fn backup_of_a_postgresql_database_points_to_its_own_tools() {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("pg.db");
    // Refused before any connection is tried, so no PostgreSQL is needed here.
    let output = std::process::Command::new(program())
        .args(["admin", "backup", "--to", to.to_str().unwrap()])
        .args(["--database-url", "postgres://nobody@127.0.0.1:1/journey"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(text(&output).contains("pg_dump"), "{}", text(&output));
    assert!(!to.exists());
}
