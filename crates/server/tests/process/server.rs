//! Starting the real server program on a free port, and a small HTTP/1.1 client over
//! plain TCP (one request per connection), so the tests need nothing else.

use journey_server::config::Database;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const ALEX: (&str, &str) = ("alex", "demo-alex-journey");
pub const ALEX_ID: &str = journey_core::DEMO_YOUNG_PERSON_ID;

pub fn program() -> &'static str {
    env!("CARGO_BIN_EXE_journey-server")
}

/// The server program with the demo data over `dir`'s database (see [`database`]),
/// serving the client from `dir/dist` (made here, empty).
pub fn server_command(dir: &Path) -> Command {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let mut command = Command::new(program());
    command
        .args(["--demo", "--insecure-cookies", "--addr", "127.0.0.1:0"])
        .args(database_flag(dir))
        .arg("--dist")
        .arg(&dist);
    command
}

/// A running server over the database of a folder of its own (see [`database`]).
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Server {
    /// Starts the server (with the demo data) and waits until it answers.
    pub fn start(dir: &Path) -> Server {
        Server::start_with(dir, &[])
    }

    /// The same, with more flags.
    pub fn start_with(dir: &Path, flags: &[&str]) -> Server {
        Server::start_with_env(dir, flags, &[])
    }

    /// The same, with more flags and environment variables.
    pub fn start_with_env(dir: &Path, flags: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = server_command(dir);
        std::fs::write(
            dir.join("dist/index.html"),
            "<!doctype html><title>My Journey</title>",
        )
        .unwrap();
        let mut child = command
            .args(flags)
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("journey-server starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("My Journey is running at http://") {
                    let _ = tx.send(rest.trim_end_matches('/').to_owned());
                }
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server says where it is listening");
        Server { child, addr }
    }

    /// Asks the server to stop, as `systemctl stop` would (SIGTERM), and waits up to
    /// `within` for it to end; `None` if it is still running then.
    pub fn stop(mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let term = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        let started = Instant::now();
        while started.elapsed() < within {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    /// Ends the server at once, as a crash or power cut would (SIGKILL on Unix).
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A folder's database: `journey.db` in it, or on PostgreSQL when the run asks for that,
/// a database of its own there (the same one each time).
pub fn database(dir: &Path) -> Database {
    if crate::database::on_postgres() {
        block_on(crate::database::for_folder(dir))
    } else {
        Database::File(dir.join("journey.db"))
    }
}

/// The flag that points the program at a folder's database.
pub fn database_flag(dir: &Path) -> [std::ffi::OsString; 2] {
    match database(dir) {
        Database::File(path) => ["--database".into(), path.into()],
        Database::Url(url) => ["--database-url".into(), url.into()],
    }
}

pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// `journey-server admin …` against a folder's database.
pub fn admin(dir: &Path, args: &[&str]) -> Output {
    Command::new(program())
        .arg("admin")
        .args(args)
        .args(database_flag(dir))
        .output()
        .unwrap()
}

pub struct Reply {
    pub status: u16,
    pub cookie: Option<String>,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One request. `Err` when the connection fails or breaks (the server is gone).
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
    cookie: Option<&str>,
) -> std::io::Result<Reply> {
    request_with(addr, method, path, body, cookie, &[])
}

/// One request with more headers.
pub fn request_with(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
    cookie: Option<&str>,
    headers: &[(&str, &str)],
) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("the answer broke off"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let cookie = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("set-cookie")
            .then(|| value.trim().split(';').next().unwrap_or("").to_owned())
    });
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok(Reply {
        status,
        cookie,
        body,
    })
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// Signs in and returns the session cookie.
pub fn sign_in(addr: &str, (username, password): (&str, &str)) -> String {
    let started = Instant::now();
    loop {
        let reply = request(
            addr,
            "POST",
            "/api/v1/auth/sign-in",
            Some(&serde_json::json!({"username": username, "password": password})),
            None,
        )
        .unwrap();
        if reply.status == 200 {
            return reply.cookie.expect("a session cookie");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "sign in: {} {}",
            reply.status,
            reply.body
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

pub fn get(addr: &str, path: &str, cookie: &str) -> Value {
    let reply = request(addr, "GET", path, None, Some(cookie)).unwrap();
    assert_eq!(reply.status, 200, "GET {path}: {}", reply.body);
    reply.json()
}

pub fn post(addr: &str, path: &str, body: Value, cookie: &str) -> Reply {
    request(addr, "POST", path, Some(&body), Some(cookie)).unwrap()
}
