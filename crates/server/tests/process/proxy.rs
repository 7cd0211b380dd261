//! Behind a load balancer every request comes from the balancer's address. With
//! `--trusted-proxy` the server counts wrong passwords by the address the balancer says
//! each request was for, so one person guessing does not lock out everyone; without it,
//! `X-Forwarded-For` is ignored, so no one can dodge the limit by writing their own.

use crate::server::*;
use journey_server::accounts::limiter::MAX_FAILURES_PER_ADDRESS;
use serde_json::json;

fn sign_in_for(addr: &str, username: &str, password: &str, forwarded_for: &str) -> u16 {
    request_with(
        addr,
        "POST",
        "/api/v1/auth/sign-in",
        Some(&json!({"username": username, "password": password})),
        None,
        &[("X-Forwarded-For", forwarded_for)],
    )
    .unwrap()
    .status
}

#[test]
fn behind_a_trusted_proxy_each_person_is_counted_by_their_own_address() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(dir.path(), &["--trusted-proxy", "127.0.0.1"]);
    for i in 0..MAX_FAILURES_PER_ADDRESS {
        let status = sign_in_for(&server.addr, &format!("someone{i}"), "guess", "203.0.113.1");
        assert_eq!(status, 401);
    }
    // The guesser waits...
    assert_eq!(
        sign_in_for(&server.addr, ALEX.0, ALEX.1, "203.0.113.1"),
        429
    );
    // ...and someone else behind the same balancer signs in.
    assert_eq!(
        sign_in_for(&server.addr, ALEX.0, ALEX.1, "203.0.113.2"),
        200
    );
}

#[test]
fn without_a_trusted_proxy_a_forwarded_address_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    for i in 0..MAX_FAILURES_PER_ADDRESS {
        let made_up = format!("203.0.113.{i}");
        let status = sign_in_for(&server.addr, &format!("someone{i}"), "guess", &made_up);
        assert_eq!(status, 401);
    }
    assert_eq!(
        sign_in_for(&server.addr, ALEX.0, ALEX.1, "198.51.100.1"),
        429
    );
}
