//! Server push between servers: a flag raised through one server reaches a staff stream
//! (`GET /api/v1/events`) open on another server over the same database, and a server
//! asked to stop does so even with a stream open.

use crate::server::*;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

const SAM: (&str, &str) = ("sam", "demo-sam-worker");

/// An open event stream, read as raw HTTP/1.1.
struct EventStream {
    stream: TcpStream,
    head: String,
    buffer: String,
}

impl EventStream {
    fn open(addr: &str, cookie: &str) -> EventStream {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET /api/v1/events HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\
             Accept: text/event-stream\r\nAccept-Encoding: gzip, br\r\n\r\n"
        )
        .unwrap();
        let mut events = EventStream {
            stream,
            head: String::new(),
            buffer: String::new(),
        };
        while !events.buffer.contains("\r\n\r\n") {
            events.read_more();
        }
        let end = events.buffer.find("\r\n\r\n").unwrap();
        events.head = events.buffer.drain(..end + 4).collect();
        events
    }

    fn read_more(&mut self) {
        let mut chunk = [0u8; 4096];
        let n = self
            .stream
            .read(&mut chunk)
            .expect("something arrives within 30 seconds");
        assert!(n > 0, "the stream ended: {}", self.buffer);
        self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
    }

    /// The next event's name and data. Each event is one chunk, so the chunk sizes
    /// between them do not get in the way.
    fn next_event(&mut self) -> (String, Value) {
        loop {
            if let Some(start) = self.buffer.find("event: ") {
                if let Some(len) = self.buffer[start..].find("\n\n") {
                    let block: String = self.buffer.drain(..start + len + 2).collect();
                    let block = &block[start..];
                    let name = block.lines().next().unwrap()["event: ".len()..].to_owned();
                    let data = block
                        .lines()
                        .find_map(|line| line.strip_prefix("data: "))
                        .expect("an event has data");
                    return (name, serde_json::from_str(data).unwrap());
                }
            }
            self.read_more();
        }
    }
}

#[test]
fn a_flag_raised_through_one_server_reaches_a_stream_open_on_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let first = Server::start(dir.path());
    let second = Server::start(dir.path());
    let alex = sign_in(&first.addr, ALEX);
    let sam = sign_in(&second.addr, SAM);
    let mut on_second = EventStream::open(&second.addr, &sam);
    assert!(
        on_second.head.starts_with("HTTP/1.1 200"),
        "{}",
        on_second.head
    );
    let head = on_second.head.to_ascii_lowercase();
    assert!(head.contains("content-type: text/event-stream"), "{head}");
    // Sent as it happens, not held back to be compressed.
    assert!(!head.contains("content-encoding"), "{head}");

    let reply = post(
        &first.addr,
        &format!("/api/v1/young-people/{ALEX_ID}/safety"),
        json!({"client_id": "two-servers-push"}),
        &alex,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let flag = reply.json();
    let about = json!({"flag_id": flag["id"], "young_person_id": ALEX_ID});
    assert_eq!(
        on_second.next_event(),
        ("safety-flag-raised".to_owned(), about.clone())
    );

    // Closed through the second: a stream on the first hears it too.
    let mut on_first = EventStream::open(&first.addr, &sign_in(&first.addr, SAM));
    let reply = post(
        &second.addr,
        &format!("/api/v1/safety/{}/actions", flag["id"].as_str().unwrap()),
        json!({"words": "Rang Alex; safe with their aunt tonight."}),
        &sam,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        on_first.next_event(),
        ("safety-flag-closed".to_owned(), about.clone())
    );
    assert_eq!(
        on_second.next_event(),
        ("safety-flag-closed".to_owned(), about)
    );
}

#[test]
fn a_server_asked_to_stop_ends_its_open_streams_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let sam = sign_in(&server.addr, SAM);
    let mut stream = EventStream::open(&server.addr, &sam);
    assert!(stream.head.starts_with("HTTP/1.1 200"), "{}", stream.head);
    // A generous limit: without ending the streams it would wait for ever.
    let status = server
        .stop(Duration::from_secs(30))
        .expect("the server stopped although a stream was open");
    assert!(status.success(), "{status}");
    // The stream was ended by the server, not cut off by the test.
    let mut rest = Vec::new();
    let _ = stream.stream.read_to_end(&mut rest);
    assert!(
        String::from_utf8_lossy(&rest).ends_with("0\r\n\r\n"),
        "the last chunk: {:?}",
        String::from_utf8_lossy(&rest)
    );
}
