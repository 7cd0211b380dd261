//! Safety emails through a real SMTP server (Python's aiosmtpd, which `cargo xtask test`
//! installs from Debian): a flag reaches the worker and the manager by email, without the
//! young person's words or name; a mail server that is down at first gets the email once
//! it is back; nobody acting in time emails the manager and the duty address again, and
//! an action in time does not; and a server killed before sending sends after a restart.

use crate::server::*;
use serde_json::{json, Value};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SAM_EMAIL: &str = "sam.rivers@example.org";
const MORGAN_EMAIL: &str = "morgan.lee@example.org";
const DUTY_EMAIL: &str = "duty@example.org";
const MORGAN: (&str, &str) = ("morgan", "demo-morgan-manager");
const SAM: (&str, &str) = ("sam", "demo-sam-worker");
const WORDS: &str = "Someone at home scares me";
/// Generous: the machine may be busy. Nothing here asserts how long anything took.
const PATIENCE: Duration = Duration::from_secs(90);

/// A Python that has aiosmtpd, or a failure that says how to get it.
fn python() -> String {
    let mut candidates: Vec<String> = std::env::var("JOURNEY_TEST_PYTHON").into_iter().collect();
    candidates.extend(["python3".to_owned(), "/usr/bin/python3".to_owned()]);
    candidates
        .into_iter()
        .find(|python| {
            Command::new(python)
                .args(["-c", "import aiosmtpd"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .unwrap_or_else(|| {
            panic!(
                "The safety email tests need a real SMTP server, Python's aiosmtpd, and no \
                 python3 here has it. Install it with `apt-get install python3-aiosmtpd` \
                 (`cargo xtask test` does this) or `pip install aiosmtpd`, or set \
                 JOURNEY_TEST_PYTHON to a Python that has it."
            )
        })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A real SMTP server that keeps every message it is given in a Maildir.
struct Smtp {
    child: Child,
}

impl Smtp {
    fn start(port: u16, maildir: &Path) -> Smtp {
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("aiosmtpd starts");
        let mut smtp = Smtp { child };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = smtp.child.try_wait().unwrap() {
                panic!("aiosmtpd stopped at once ({status}) on port {port}");
            }
            assert!(started.elapsed() < PATIENCE, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        smtp
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One email as the SMTP server received it.
#[derive(Debug, Clone)]
struct Mail {
    to: String,
    text: String,
}

impl Mail {
    fn subject(&self) -> &str {
        self.text
            .lines()
            .find_map(|l| l.strip_prefix("Subject: "))
            .unwrap_or("")
    }
}

/// Every email received so far (aiosmtpd adds `X-RcptTo` with who it was for).
fn mails(maildir: &Path) -> Vec<Mail> {
    let Ok(entries) = std::fs::read_dir(maildir.join("new")) else {
        return Vec::new();
    };
    let mut mails: Vec<Mail> = entries
        .flatten()
        .map(|entry| {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let to = text
                .lines()
                .find_map(|l| l.strip_prefix("X-RcptTo: "))
                .unwrap_or("")
                .trim()
                .to_owned();
            Mail { to, text }
        })
        .collect();
    mails.sort_by(|a, b| a.to.cmp(&b.to));
    mails
}

/// Waits until at least `count` emails have arrived.
fn wait_for_mails(maildir: &Path, count: usize) -> Vec<Mail> {
    let started = Instant::now();
    loop {
        let got = mails(maildir);
        if got.len() >= count {
            return got;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "expected {count} emails, got {}: {got:#?}",
            got.len()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn to(mails: &[Mail], address: &str) -> Vec<Mail> {
    mails.iter().filter(|m| m.to == address).cloned().collect()
}

/// The team's audit log as Morgan (the manager) reads it.
fn audit(addr: &str, morgan: &str) -> Vec<(String, String)> {
    get(addr, "/api/v1/audit", morgan)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["who"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Waits until the audit log has an entry whose action starts with `start`.
fn wait_for_audit(addr: &str, morgan: &str, start: &str) -> Vec<(String, String)> {
    let started = Instant::now();
    loop {
        let log = audit(addr, morgan);
        if log.iter().any(|(_, action)| action.starts_with(start)) {
            return log;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "no audit entry starting {start:?}: {log:#?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn email_flags(port: u16, extra: &[&'static str]) -> Vec<String> {
    let mut flags: Vec<String> = [
        "--smtp-url".to_owned(),
        format!("smtp://127.0.0.1:{port}"),
        "--smtp-from".to_owned(),
        "My Journey <journey@example.org>".to_owned(),
        "--public-url".to_owned(),
        "https://journey.example.org".to_owned(),
    ]
    .into();
    flags.extend(extra.iter().map(|s| s.to_string()));
    flags
}

fn start(dir: &Path, flags: &[String]) -> Server {
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    // Short waits between tries, so a test takes seconds.
    Server::start_with_env(dir, &flags, &[("JOURNEY_SAFETY_EMAIL_RETRY", "300ms")])
}

/// A mail server, and a server that emails again when nobody has acted on a flag
/// `after` it was raised (the manager, and the duty address).
fn start_escalating(dir: &Path, after: &'static str) -> (Smtp, Server) {
    let port = free_port();
    let smtp = Smtp::start(port, &maildir(dir));
    let flags = [
        "--safety-escalate-after",
        after,
        "--safety-duty-email",
        DUTY_EMAIL,
    ];
    (smtp, start(dir, &email_flags(port, &flags)))
}

fn raise_flag(addr: &str, alex: &str, client_id: &str) -> Value {
    let reply = post(
        addr,
        &format!("/api/v1/young-people/{ALEX_ID}/safety"),
        json!({"client_id": client_id, "words": WORDS}),
        alex,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()
}

fn maildir(dir: &Path) -> PathBuf {
    // aiosmtpd makes it (it must not exist yet).
    dir.join("mail")
}

/// Nothing of what the young person said, and no name of theirs.
fn assert_private(mail: &Mail) {
    assert!(!mail.text.contains("scares"), "{}", mail.text);
    assert!(!mail.text.contains("Alex"), "{}", mail.text);
    assert!(mail.text.contains("don't feel safe"), "{}", mail.text);
    assert!(mail.text.contains("(UK time)"), "{}", mail.text);
    assert!(
        mail.text
            .contains("https://journey.example.org/staff/safety"),
        "{}",
        mail.text
    );
}

#[test]
fn a_flag_emails_the_worker_and_the_manager_without_their_words_or_name() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _smtp = Smtp::start(port, &maildir(dir.path()));
    let server = start(dir.path(), &email_flags(port, &[]));
    let health = request(&server.addr, "GET", "/api/v1/health", None, None).unwrap();
    assert_eq!(health.json()["safety_email"], "on", "{}", health.body);

    let alex = sign_in(&server.addr, ALEX);
    let morgan = sign_in(&server.addr, MORGAN);
    raise_flag(&server.addr, &alex, "email-1");
    let got = wait_for_mails(&maildir(dir.path()), 2);
    assert_eq!(got.len(), 2, "{got:#?}");
    let sam = &to(&got, SAM_EMAIL)[0];
    let manager = &to(&got, MORGAN_EMAIL)[0];
    assert!(sam.text.contains("Hello Sam Rivers,"), "{}", sam.text);
    assert_eq!(
        sam.subject(),
        "Someone you support has said they don't feel safe"
    );
    assert!(
        manager.text.contains("Hello Morgan Lee,"),
        "{}",
        manager.text
    );
    for mail in [sam, manager] {
        assert_private(mail);
        assert!(
            mail.text
                .contains("From: \"My Journey\" <journey@example.org>"),
            "{}",
            mail.text
        );
        assert!(mail.text.contains("Content-Transfer-Encoding: 7bit"));
    }

    // Who was told, when and how, in the team's audit log.
    let log = wait_for_audit(&server.addr, &morgan, "emailed Morgan Lee");
    for expected in [
        "emailed Sam Rivers (worker) at sam.rivers@example.org: a young person they support \
         said they don't feel safe",
        "emailed Morgan Lee (manager) at morgan.lee@example.org: a young person their team \
         supports said they don't feel safe",
    ] {
        assert!(
            log.iter()
                .any(|(who, action)| who == "My Journey (safety email)" && action == expected),
            "{expected}: {log:#?}"
        );
    }
}

#[test]
fn a_mail_server_that_is_down_at_first_gets_the_emails_once_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    // Nothing listens on the port yet: every try is refused.
    let server = start(dir.path(), &email_flags(port, &[]));
    let alex = sign_in(&server.addr, ALEX);
    let morgan = sign_in(&server.addr, MORGAN);
    raise_flag(&server.addr, &alex, "email-down-1");
    let log = wait_for_audit(&server.addr, &morgan, "could not email Sam Rivers (worker)");
    assert!(
        log.iter().any(|(_, a)| a.starts_with(
            "could not email Sam Rivers (worker) at sam.rivers@example.org about a safety flag ("
        ) && a.contains("; trying again in")),
        "{log:#?}"
    );

    let _smtp = Smtp::start(port, &maildir(dir.path()));
    let got = wait_for_mails(&maildir(dir.path()), 2);
    assert_eq!(to(&got, SAM_EMAIL).len(), 1, "{got:#?}");
    assert_eq!(to(&got, MORGAN_EMAIL).len(), 1, "{got:#?}");
    got.iter().for_each(assert_private);
    wait_for_audit(&server.addr, &morgan, "emailed Sam Rivers (worker)");
}

#[test]
fn with_no_action_in_time_the_manager_and_the_duty_address_are_emailed_again() {
    let dir = tempfile::tempdir().unwrap();
    let (_smtp, server) = start_escalating(dir.path(), "2s");
    let alex = sign_in(&server.addr, ALEX);
    let morgan = sign_in(&server.addr, MORGAN);
    raise_flag(&server.addr, &alex, "email-late-1");
    // Sam and Morgan at once; Morgan and the duty address again when nobody has acted.
    let got = wait_for_mails(&maildir(dir.path()), 4);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(to(&got, SAM_EMAIL).len(), 1, "{got:#?}");
    let manager = to(&got, MORGAN_EMAIL);
    assert_eq!(manager.len(), 2, "{got:#?}");
    assert!(manager
        .iter()
        .any(|m| m.subject() == "Still open: someone has said they don't feel safe"));
    let duty = to(&got, DUTY_EMAIL);
    assert_eq!(duty.len(), 1, "{got:#?}");
    assert_eq!(
        duty[0].subject(),
        "Still open: someone has said they don't feel safe"
    );
    assert!(duty[0]
        .text
        .contains("Nobody had recorded what was done about it 2 seconds later."));
    got.iter().for_each(assert_private);
    wait_for_audit(
        &server.addr,
        &morgan,
        "emailed the duty address (duty@example.org) again: nobody had recorded what they did",
    );
}

#[test]
fn an_action_in_time_means_nobody_is_emailed_again() {
    let dir = tempfile::tempdir().unwrap();
    let (_smtp, server) = start_escalating(dir.path(), "5s");
    let alex = sign_in(&server.addr, ALEX);
    let sam = sign_in(&server.addr, SAM);
    let morgan = sign_in(&server.addr, MORGAN);
    let flag = raise_flag(&server.addr, &alex, "email-acted-1");
    let acted = post(
        &server.addr,
        &format!("/api/v1/safety/{}/actions", flag["id"].as_str().unwrap()),
        json!({"words": "Phoned Alex; they are safe at their nan's."}),
        &sam,
    );
    assert_eq!(acted.status, 200, "{}", acted.body);
    // When the time comes, the sender sees the action and emails nobody again.
    wait_for_audit(
        &server.addr,
        &morgan,
        "did not email Morgan Lee (manager) at morgan.lee@example.org again",
    );
    wait_for_audit(
        &server.addr,
        &morgan,
        "did not email the duty address (duty@example.org) again",
    );
    let got = mails(&maildir(dir.path()));
    assert_eq!(to(&got, MORGAN_EMAIL).len(), 1, "{got:#?}");
    assert!(to(&got, DUTY_EMAIL).is_empty(), "{got:#?}");
}

#[test]
fn a_flag_stored_before_a_kill_is_emailed_after_the_restart() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let flags = email_flags(port, &[]);
    // The mail server is down, so the emails are stored but not sent…
    let server = start(dir.path(), &flags);
    let alex = sign_in(&server.addr, ALEX);
    let morgan = sign_in(&server.addr, MORGAN);
    raise_flag(&server.addr, &alex, "email-kill-1");
    wait_for_audit(&server.addr, &morgan, "could not email Sam Rivers (worker)");
    wait_for_audit(
        &server.addr,
        &morgan,
        "could not email Morgan Lee (manager)",
    );
    // …when the server is killed (SIGKILL).
    server.kill();
    assert!(mails(&maildir(dir.path())).is_empty());

    let _smtp = Smtp::start(port, &maildir(dir.path()));
    let server = start(dir.path(), &flags);
    let got = wait_for_mails(&maildir(dir.path()), 2);
    assert_eq!(to(&got, SAM_EMAIL).len(), 1, "{got:#?}");
    assert_eq!(to(&got, MORGAN_EMAIL).len(), 1, "{got:#?}");
    got.iter().for_each(assert_private);
    let morgan = sign_in(&server.addr, MORGAN);
    wait_for_audit(&server.addr, &morgan, "emailed Sam Rivers (worker)");
}

#[test]
fn two_servers_on_one_database_send_each_email_once() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let _smtp = Smtp::start(port, &maildir(dir.path()));
    let flags = email_flags(port, &[]);
    let first = start(dir.path(), &flags);
    let second = start(dir.path(), &flags);
    let alex = sign_in(&first.addr, ALEX);
    let morgan = sign_in(&second.addr, MORGAN);
    for n in 0..3 {
        let addr = if n % 2 == 0 {
            &first.addr
        } else {
            &second.addr
        };
        raise_flag(addr, &alex, &format!("email-two-{n}"));
    }
    let got = wait_for_mails(&maildir(dir.path()), 6);
    // Every email sent is audited; all six are, and each recipient has one per flag.
    let started = Instant::now();
    loop {
        let sent = audit(&first.addr, &morgan)
            .into_iter()
            .filter(|(_, a)| a.starts_with("emailed "))
            .count();
        if sent >= 6 {
            assert_eq!(sent, 6);
            break;
        }
        assert!(started.elapsed() < PATIENCE, "only {sent} sent");
        std::thread::sleep(Duration::from_millis(100));
    }
    let got_now = mails(&maildir(dir.path()));
    assert_eq!(got_now.len(), 6, "{got:#?}");
    assert_eq!(to(&got_now, SAM_EMAIL).len(), 3);
    assert_eq!(to(&got_now, MORGAN_EMAIL).len(), 3);
}

/// What the server logs as it starts (up to "database ready"), then it is stopped.
fn start_up_log(dir: &Path, flags: &[String]) -> String {
    use std::io::BufRead;
    let mut child = server_command(dir)
        .args(flags)
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("journey-server starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut log = String::new();
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            log.push_str(&line);
            log.push('\n');
            if line.contains("database ready") {
                break;
            }
        }
        let _ = tx.send(log);
    });
    let log = rx.recv_timeout(PATIENCE).expect("the server starts");
    let _ = child.kill();
    let _ = child.wait();
    log
}

#[test]
fn start_up_says_plainly_when_nobody_will_be_emailed_and_names_staff_with_no_address() {
    let dir = tempfile::tempdir().unwrap();
    let off = start_up_log(dir.path(), &[]);
    assert!(
        off.contains(
            "Safety emails are OFF: nobody will be emailed when a young person says they \
             don't feel safe"
        ),
        "{off}"
    );
    let made = admin(
        dir.path(),
        &[
            "create-worker",
            "--name",
            "Pat Doe",
            "--username",
            "pat",
            "--team",
            "Demo team",
        ],
    );
    assert!(made.status.success(), "{made:?}");
    let mut flags = email_flags(free_port(), &[]);
    // With a password in the mail server's URL, which is never shown.
    flags[1] = flags[1].replace("smtp://", "smtp://journey:s3cret-pw@");
    let on = start_up_log(dir.path(), &flags);
    assert!(on.contains("safety emails are on"), "{on}");
    assert!(on.contains("smtp://journey@127.0.0.1:"), "{on}");
    assert!(!on.contains("s3cret-pw"), "{on}");
    assert!(!on.contains("Safety emails are OFF"), "{on}");
    assert!(
        on.contains(
            "These staff have no email address, so they cannot be emailed about safety flags \
             (they see them only in the app): Pat Doe (pat)"
        ),
        "{on}"
    );
}
