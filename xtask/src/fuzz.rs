//! `cargo xtask fuzz`: schemathesis against the server's own OpenAPI document.
//!
//! Starts `target/debug/journey-server --demo --insecure-cookies` on a free port with a
//! fresh database, signs in as the demo young person, worker and manager, and runs
//! schemathesis (installed from PyPI into a venv under `target/`) once as each. Fails on
//! any 5xx, any answer the document does not allow, or a panic in the server's log.
//!
//! Left out, so the session stays alive through the run: sign-out and password change.

use crate::{check, cmd, free_port, project_root, step, wait_until_healthy, Result, Server};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;

/// Pinned, so a run today and a run next month test the same way.
const SCHEMATHESIS: &str = "4.32.5";
/// Test cases per operation and phase: enough to find the usual faults in a few minutes.
const MAX_EXAMPLES: &str = "25";
const SEED: &str = "20261129";
/// Excluded: the first two would end the session the run is using; `events` is a stream
/// that stays open (Server-Sent Events), so every case would wait for the timeout. Its
/// access rules are checked by the access-matrix test, its events by `tests/api/events.rs`.
const EXCLUDED: [&str; 3] = ["sign_out", "change_password", "events"];
const CHECKS: &str = "not_a_server_error,status_code_conformance,\
                      response_schema_conformance,content_type_conformance";
/// The demo young person, so most generated requests reach the handlers' own logic
/// instead of stopping at "not found".
const DEMO_YOUNG_PERSON_ID: &str = "5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f";
const LOGINS: [(&str, &str, &str); 3] = [
    ("young person", "alex", "demo-alex-journey"),
    ("worker", "sam", "demo-sam-worker"),
    ("manager", "morgan", "demo-morgan-manager"),
];

/// What one schemathesis run reported.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub operations: u64,
    pub generated: u64,
    pub passed: u64,
    pub failed: u64,
}

impl RunSummary {
    /// Reads schemathesis' summary: "  Tested: 39" and "  2169 generated, 2160 passed, 9 failed".
    pub fn read(&mut self, line: &str) {
        let line = line.trim();
        if let Some(n) = line.strip_prefix("Tested:") {
            self.operations = n.trim().parse().unwrap_or(0);
        } else if line.contains(" generated") {
            for part in line.split(',') {
                let words: Vec<&str> = part.split_whitespace().collect();
                if let [n, what] = words.as_slice() {
                    let n = n.parse().unwrap_or(0);
                    match *what {
                        "generated" => self.generated = n,
                        "passed" => self.passed = n,
                        "failed" => self.failed = n,
                        _ => {}
                    }
                }
            }
        }
    }
}

pub fn fuzz(args: &[String]) -> Result {
    let started = Instant::now();
    let on_postgres = match args {
        [] => false,
        [flag] if flag == "--postgres" => true,
        _ => return Err(format!("fuzz takes only --postgres, not {args:?}")),
    };
    // With --postgres, the server runs on a throwaway PostgreSQL cluster instead.
    let cluster = if on_postgres {
        crate::postgres::ensure_postgres()?;
        Some(crate::postgres::Cluster::start()?)
    } else {
        None
    };
    let root = project_root();
    let dir = root.join("target/fuzz");
    let schemathesis = ensure_schemathesis(&root)?;

    step("Building the server");
    check(cmd("cargo", &["build", "-p", "journey-server"]))?;

    // A fresh database and an empty client folder each time.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("dist")).map_err(|e| e.to_string())?;
    let database_flag = match &cluster {
        Some(cluster) => ["--database-url".to_owned(), cluster.url()],
        None => [
            "--database".to_owned(),
            path_str(&dir.join("journey.db"))?.to_owned(),
        ],
    };
    let config = dir.join("schemathesis.toml");
    std::fs::write(
        &config,
        format!(
            "[dictionaries.young_people]\nvalues = [\"{DEMO_YOUNG_PERSON_ID}\"]\n\n\
             [parameters]\n\"path.id\" = {{ dictionary = \"young_people\", probability = 0.7 }}\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    let log_path = dir.join("server.log");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;

    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    step(&format!(
        "Starting the server at http://{addr}/ (log: {})",
        shown(&log_path)
    ));
    let server_bin = root.join("target/debug/journey-server");
    let server = Server(
        cmd(
            path_str(&server_bin)?,
            &[
                "--demo",
                "--insecure-cookies",
                "--addr",
                &addr,
                &database_flag[0],
                &database_flag[1],
                "--dist",
                path_str(&dir.join("dist"))?,
            ],
        )
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?,
    );
    wait_until_healthy(&addr, std::time::Duration::from_secs(30))?;

    // Every sign-in first: fuzzing the sign-in route with wrong passwords soon makes the
    // rate limiter refuse this address (429, as documented).
    let mut cookies = Vec::new();
    for (who, username, password) in LOGINS {
        cookies.push((who, sign_in(&addr, username, password)?));
    }

    let mut summaries = Vec::new();
    let mut failures = Vec::new();
    for (who, cookie) in &cookies {
        step(&format!(
            "schemathesis {SCHEMATHESIS} as the demo {who} (not run: {})",
            EXCLUDED.join(", ")
        ));
        let report = dir.join(format!("{}.txt", who.replace(' ', "-")));
        let (ok, summary) = run_schemathesis(&schemathesis, &config, &addr, cookie, &report)?;
        if !ok {
            failures.push(format!(
                "schemathesis as the {who} failed (see {})",
                shown(&report)
            ));
        }
        summaries.push((*who, summary));
    }
    drop(server);

    let log = std::fs::read_to_string(&log_path).map_err(|e| e.to_string())?;
    let panics = log.matches("panicked").count();
    let our_faults = log.matches("request failed").count();
    if panics > 0 {
        failures.push(format!(
            "the server panicked {panics} times (see {})",
            shown(&log_path)
        ));
    }
    if our_faults > 0 {
        failures.push(format!(
            "the server logged {our_faults} internal errors (see {})",
            shown(&log_path)
        ));
    }

    println!("\nFuzz summary (schemathesis {SCHEMATHESIS}, seed {SEED}, up to {MAX_EXAMPLES} cases per operation and phase):");
    let mut total = RunSummary::default();
    for (who, s) in &summaries {
        println!(
            "  as the {who:<12} {} operations, {} cases, {} passed, {} failed",
            s.operations, s.generated, s.passed, s.failed
        );
        total.generated += s.generated;
        total.passed += s.passed;
        total.failed += s.failed;
    }
    println!(
        "  total: {} cases, {} failed; server: {panics} panics, {our_faults} internal errors; {}s",
        total.generated,
        total.failed,
        started.elapsed().as_secs()
    );
    if summaries.iter().any(|(_, s)| s.generated == 0) {
        failures.push("a run generated no test cases".into());
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

fn path_str(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| format!("odd path {path:?}"))
}

fn shown(path: &Path) -> String {
    path.strip_prefix(project_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// schemathesis in `target/fuzz-venv`, installed from PyPI when missing or another version.
fn ensure_schemathesis(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target/fuzz-venv");
    let bin = venv.join("bin/schemathesis");
    let installed = std::process::Command::new(&bin)
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).contains(SCHEMATHESIS))
        .unwrap_or(false);
    if installed {
        return Ok(bin);
    }
    step(&format!(
        "Installing schemathesis {SCHEMATHESIS} from PyPI into {}",
        shown(&venv)
    ));
    check(cmd("python3", &["-m", "venv", path_str(&venv)?]))?;
    let pip = venv.join("bin/python");
    check(cmd(
        path_str(&pip)?,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            &format!("schemathesis=={SCHEMATHESIS}"),
        ],
    ))?;
    Ok(bin)
}

/// Signs in and returns the session cookie's value.
fn sign_in(addr: &str, username: &str, password: &str) -> Result<String> {
    let body = format!("{{\"username\":\"{username}\",\"password\":\"{password}\"}}");
    let request = format!(
        "POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut reply = String::new();
    stream
        .read_to_string(&mut reply)
        .map_err(|e| e.to_string())?;
    session_cookie(&reply).ok_or_else(|| {
        format!(
            "signing in as {username} failed: {}",
            reply.lines().next().unwrap_or("")
        )
    })
}

/// The `mj_session` value from a raw HTTP answer's `Set-Cookie`.
pub fn session_cookie(reply: &str) -> Option<String> {
    if !reply.starts_with("HTTP/1.1 200") {
        return None;
    }
    reply
        .lines()
        .take_while(|line| !line.is_empty())
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie").then_some(value)
        })
        .find_map(|value| {
            let value = value.trim().strip_prefix("mj_session=")?;
            Some(value.split(';').next()?.to_owned())
        })
}

/// Runs schemathesis once, echoing and saving its output.
fn run_schemathesis(
    bin: &Path,
    config: &Path,
    addr: &str,
    cookie: &str,
    report: &Path,
) -> Result<(bool, RunSummary)> {
    let url = format!("http://{addr}/api/v1/openapi.json");
    let header = format!("Cookie: mj_session={cookie}");
    let mut args = vec![
        "--config-file",
        path_str(config)?,
        "run",
        &url,
        "--header",
        &header,
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        // One worker: schemathesis' coverage phase trips over a CPython 3.11 `ast` race
        // with several.
        "--workers",
        "1",
        "--no-shrink",
        "--request-timeout",
        "20",
    ];
    for id in EXCLUDED {
        args.extend(["--exclude-operation-id", id]);
    }
    let mut child = cmd(path_str(bin)?, &args)
        // Its cache (`.schemathesis/`) goes here, not into the project root.
        .current_dir(report.parent().ok_or("odd path")?)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("could not start schemathesis: {e}"))?;
    let stdout = child.stdout.take().expect("piped");
    let mut saved = String::new();
    let mut summary = RunSummary::default();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        println!("{line}");
        summary.read(&line);
        saved.push_str(&line);
        saved.push('\n');
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    std::fs::write(report, saved).map_err(|e| e.to_string())?;
    Ok((status.success(), summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_reads_schemathesis_totals() {
        let mut s = RunSummary::default();
        s.read("  Tested: 39");
        s.read("  2169 generated, 2160 passed, 9 failed");
        assert_eq!(
            s,
            RunSummary {
                operations: 39,
                generated: 2169,
                passed: 2160,
                failed: 9
            }
        );
    }

    #[test]
    fn the_session_cookie_is_read_from_set_cookie() {
        let reply = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                     set-cookie: mj_session=abc-123; HttpOnly; Path=/\r\n\r\n{}";
        assert_eq!(session_cookie(reply).as_deref(), Some("abc-123"));
        assert_eq!(session_cookie("HTTP/1.1 401 Unauthorized\r\n\r\n"), None);
    }
}
