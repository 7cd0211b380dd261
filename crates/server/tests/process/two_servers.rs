//! Two servers over one database, as behind a load balancer: a session made on one works
//! on the other, signing out on one signs out on both, and the same write sent to both at
//! once is kept once. And an `admin` command run beside a server is heard at once, though
//! the server keeps who each session belongs to for a moment (`accounts::kept`).

use crate::server::*;
use serde_json::json;

#[test]
fn two_servers_share_sessions_and_keep_each_write_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = Server::start(dir.path());
    let second = Server::start(dir.path());
    assert_ne!(first.addr, second.addr);

    // Signed in on one, known on the other.
    let cookie = sign_in(&first.addr, ALEX);
    let journey = get(
        &second.addr,
        &format!("/api/v1/young-people/{ALEX_ID}/journey"),
        &cookie,
    );
    assert_eq!(journey["young_person"]["id"], ALEX_ID);

    // The same feedback sent to both at once (a retry that the load balancer sent
    // elsewhere) is stored once; every answer is a success.
    let path = format!("/api/v1/young-people/{ALEX_ID}/feedback");
    let rounds = 20;
    let senders: Vec<_> = [first.addr.clone(), second.addr.clone()]
        .into_iter()
        .map(|addr| {
            let (cookie, path) = (cookie.clone(), path.clone());
            std::thread::spawn(move || {
                (0..rounds)
                    .map(|n| {
                        let body = json!({"client_id": format!("both-{n}"), "answers": [
                            {"question": "overall", "answer": {"face": 1 + n % 5}},
                        ]});
                        post(&addr, &path, body, &cookie).status
                    })
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let statuses: Vec<u16> = senders
        .into_iter()
        .flat_map(|s| s.join().unwrap())
        .collect();
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 201),
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        rounds,
        "each write is stored once, whichever server took it: {statuses:?}"
    );
    let feedback = get(&first.addr, &path, &cookie);
    let kept = feedback["feedback"].as_array().unwrap().len();
    assert_eq!(kept, rounds, "{feedback}");
    // The first server has just read the session (and may keep it for a moment).
    get(&first.addr, "/api/v1/me", &cookie);

    // Signing out on the second ends the session on the first too.
    let out = request(
        &second.addr,
        "POST",
        "/api/v1/auth/sign-out",
        Some(&json!({})),
        Some(&cookie),
    )
    .unwrap();
    assert_eq!(out.status, 204, "{}", out.body);
    let after = request(
        &first.addr,
        "GET",
        &format!("/api/v1/young-people/{ALEX_ID}/journey"),
        None,
        Some(&cookie),
    )
    .unwrap();
    assert_eq!(after.status, 401, "{}", after.body);
}

#[test]
fn wrong_passwords_count_on_every_server() {
    let dir = tempfile::tempdir().unwrap();
    let first = Server::start(dir.path());
    let second = Server::start(dir.path());
    let servers = [&first.addr, &second.addr];
    let try_sign_in = |addr: &str, password: &str| {
        request(
            addr,
            "POST",
            "/api/v1/auth/sign-in",
            Some(&json!({"username": ALEX.0, "password": password})),
            None,
        )
        .unwrap()
        .status
    };
    // Five wrong guesses, shared between the servers...
    for n in 0..journey_server::accounts::limiter::MAX_FAILURES_PER_ACCOUNT {
        assert_eq!(try_sign_in(servers[n % 2], "not the password"), 401);
    }
    // ...and both make the account wait, even for the right password.
    for addr in servers {
        assert_eq!(try_sign_in(addr, ALEX.1), 429);
    }
}

#[test]
fn an_admin_command_beside_a_running_server_is_heard_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let sam = sign_in(&server.addr, ("sam", "demo-sam-worker"));
    let help_editor = |cookie: &str| {
        request(&server.addr, "GET", "/api/v1/help/edit", None, Some(cookie))
            .unwrap()
            .status
    };
    // Sam is not one of the organisation's administrators; the server has now read (and
    // may keep) who Sam's session belongs to.
    assert_eq!(help_editor(&sam), 403);
    let granted = admin(dir.path(), &["grant-admin", "--username", "sam"]);
    assert!(granted.status.success(), "{granted:?}");
    assert_eq!(help_editor(&sam), 200);
    let revoked = admin(dir.path(), &["revoke-admin", "--username", "sam"]);
    assert!(revoked.status.success(), "{revoked:?}");
    assert_eq!(help_editor(&sam), 403);
}
