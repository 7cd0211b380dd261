//! Connections that send nothing, send their request's head slowly, or stay idle after
//! an answer are closed within the header timeout, while the server goes on answering
//! everyone else and an open event stream goes on; and no more than so many
//! connections are taken at once.

use crate::server::*;
use serde_json::json;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const SAM: (&str, &str) = ("sam", "demo-sam-worker");
/// The header timeout these tests start the server with.
const TIMEOUT: Duration = Duration::from_secs(1);
/// Room for a loaded machine.
const GRACE: Duration = Duration::from_secs(4);

/// Waits for the server to close `stream` (reading and dropping anything it says
/// first); how long that took from `since`, or `None` if it is still open after
/// `TIMEOUT + GRACE`.
fn closed_after(mut stream: TcpStream, since: Instant) -> Option<Duration> {
    let left = (TIMEOUT + GRACE).saturating_sub(since.elapsed());
    stream
        .set_read_timeout(Some(left.max(Duration::from_millis(1))))
        .unwrap();
    let mut chunk = [0u8; 1024];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => return Some(since.elapsed()),
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return None
            }
            Err(_) => return Some(since.elapsed()), // reset: closed too
        }
    }
}

fn health_answers(addr: &str) {
    let reply = request(addr, "GET", "/api/v1/health", None, None).unwrap();
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[test]
fn silent_slow_and_idle_connections_are_closed_while_others_are_answered() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with_env(dir.path(), &[], &[("JOURNEY_HEADER_TIMEOUT", "1s")]);
    let addr = server.addr.clone();
    let sam = sign_in(&addr, SAM);
    let alex = sign_in(&addr, ALEX);
    // A staff member's event stream, open the whole time.
    let mut events = TcpStream::connect(&addr).unwrap();
    write!(
        events,
        "GET /api/v1/events HTTP/1.1\r\nHost: {addr}\r\nCookie: {sam}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();

    let opened = Instant::now();
    // Silent: open, and send nothing.
    let silent: Vec<TcpStream> = (0..5).map(|_| TcpStream::connect(&addr).unwrap()).collect();
    // Slow: a request head that never ends, a byte at a time.
    let slow = TcpStream::connect(&addr).unwrap();
    let mut dripping = slow.try_clone().unwrap();
    std::thread::spawn(move || {
        let _ = write!(
            dripping,
            "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: "
        );
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(100));
            if dripping.write_all(b"a").is_err() {
                break;
            }
        }
    });
    // Idle: one request answered, then kept alive and silent.
    let mut idle = TcpStream::connect(&addr).unwrap();
    write!(idle, "GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    idle.set_read_timeout(Some(GRACE)).unwrap();
    let mut answer = [0u8; 1024];
    let n = idle.read(&mut answer).unwrap();
    assert!(answer[..n].starts_with(b"HTTP/1.1 200"));
    let idle_since = Instant::now();

    // Everyone else is answered meanwhile.
    while opened.elapsed() < TIMEOUT / 2 {
        health_answers(&addr);
    }
    for (what, stream, since) in silent
        .into_iter()
        .map(|s| ("silent", s, opened))
        .chain([("slow", slow, opened), ("idle", idle, idle_since)])
    {
        let took = closed_after(stream, since);
        assert!(
            took.is_some_and(|took| took >= TIMEOUT / 2),
            "{what}: closed after {took:?}, not about {TIMEOUT:?}"
        );
    }
    health_answers(&addr);

    // The event stream was not cut: it is open, and a flag raised now reaches it.
    let mut head = Vec::new();
    events.set_read_timeout(Some(GRACE)).unwrap();
    while !String::from_utf8_lossy(&head).contains("\r\n\r\n") {
        let n = events.read(&mut answer).unwrap();
        assert!(n > 0, "the stream ended");
        head.extend_from_slice(&answer[..n]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    let raised = post(
        &addr,
        &format!("/api/v1/young-people/{ALEX_ID}/safety"),
        json!({"client_id": "slow-clients"}),
        &alex,
    );
    assert_eq!(raised.status, 201, "{}", raised.body);
    let mut said = String::from_utf8_lossy(&head).into_owned();
    while !said.contains("event: safety-flag-raised") {
        let n = events.read(&mut answer).expect("the stream answers");
        assert!(n > 0, "the stream ended: {said}");
        said.push_str(&String::from_utf8_lossy(&answer[..n]));
    }
}

#[test]
fn no_more_connections_are_taken_than_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with_env(
        dir.path(),
        &[],
        &[
            ("JOURNEY_HEADER_TIMEOUT", "1s"),
            ("JOURNEY_MAX_CONNECTIONS", "4"),
        ],
    );
    health_answers(&server.addr);
    let opened = Instant::now();
    let silent: Vec<TcpStream> = (0..4)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    // The fifth waits its turn: answered once the silent ones are closed.
    health_answers(&server.addr);
    let waited = opened.elapsed();
    assert!(
        waited >= TIMEOUT * 3 / 4 && waited < TIMEOUT + GRACE,
        "answered after {waited:?}"
    );
    drop(silent);
    // And then at once.
    let started = Instant::now();
    health_answers(&server.addr);
    assert!(started.elapsed() < TIMEOUT / 2, "{:?}", started.elapsed());
}
