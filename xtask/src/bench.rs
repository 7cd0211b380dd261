//! `cargo xtask bench`: the budgets, measured in one run. The first load as
//! journey-server sends it (the young person's app against its budget, the staff app,
//! and a bare Leptos counter served the same way), Lighthouse mobile scores for four
//! pages, the repeat visit (app files fetched over the network once the service worker
//! is ready), and API throughput and latency (beside a bare axum hello-world). Prints
//! tables and writes `target/bench/report.md`.

mod http;
mod lighthouse;
mod load;
mod repeat;
mod sizes;
mod table;

use crate::{check, cmd, project_root, step, target_dir, tools, Result};
use lighthouse::Throttling;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use table::{kb, Table};

/// A young person's first load (the wasm, js and css their page names, as sent with
/// brotli): the budget, and what we aim for.
const BUDGET: u64 = 150 * 1024;
const AIM: u64 = 120 * 1024;
/// Lighthouse mobile performance, out of 100, on each page measured.
const LIGHTHOUSE_TARGET: u32 = 95;
const CONNECTIONS: usize = 16;
const WARM_UP: Duration = Duration::from_secs(1);
const MEASURE: Duration = Duration::from_secs(5);
const ALEX: &str = "5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f";

/// Starts the release journey-server on a fresh database in `out`, serving `dist`.
fn start_server(
    server_bin: &Path,
    out: &Path,
    name: &str,
    dist: &Path,
    demo: bool,
) -> Result<(crate::Server, String)> {
    let database = out.join(format!("{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
    let addr = format!("127.0.0.1:{}", crate::free_port()?);
    let mut command = Command::new(server_bin);
    if demo {
        command.arg("--demo");
    }
    command
        .args(["--insecure-cookies", "--addr", &addr, "--database"])
        .arg(&database)
        .arg("--dist")
        .arg(dist)
        .current_dir(project_root())
        .env("RUST_LOG", "warn");
    let server = crate::Server(
        command
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", server_bin.display()))?,
    );
    crate::wait_until_healthy(&addr, Duration::from_secs(30))?;
    Ok((server, addr))
}

/// The API's targets: GET journey's requests a second, against the hello-world's.
const JOURNEY_VS_HELLO: f64 = 0.15;
/// …and POST feedback's slowest 1 in 100, at the bench's load.
const FEEDBACK_P99: Duration = Duration::from_millis(20);

pub fn bench() -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let target = target_dir();
    let out = target.join("bench");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    crate::build_client()?;
    step("Building the floor: a bare Leptos counter (bench/counter), the same way");
    let counter_dist = out.join("counter-dist");
    let mut trunk = cmd("trunk", &["build", "--release", "--offline", "--dist"]);
    trunk
        .arg(&counter_dist)
        .current_dir(project_root().join("bench/counter"))
        .env("PATH", tools::path_with_node_bin())
        .env("CARGO_TARGET_DIR", &target);
    tools::small_std(&mut trunk);
    check(trunk)?;
    crate::glue_names::finish_app(&counter_dist, "/", "bench-counter")?;
    crate::minify::minify_app(&counter_dist, "/")?;
    crate::precompress(&counter_dist)?;
    build_server_and_hello()?;

    step("Starting the release server with the demo data on a fresh database");
    let server_bin = target.join("release/journey-server");
    let app_dist = project_root().join("dist");
    let (_server, addr) = start_server(&server_bin, &out, "journey", &app_dist, true)?;

    step("Measuring the first load as journey-server sends it (the counter on a second server, --dist)");
    let sizes = {
        let (_counter_server, counter_addr) =
            start_server(&server_bin, &out, "counter", &counter_dist, false)?;
        size_table(&app_dist, &addr, &counter_dist, &counter_addr)?
    };
    println!("\n{}", sizes.text());

    let alex = sign_in(&addr, "alex", "demo-alex-journey")?;
    let sam = sign_in(&addr, "sam", "demo-sam-worker")?;
    let session_id = record_session(&addr, &sam)?;

    step(&format!(
        "Lighthouse, mobile, {} runs a page: sign-in (signed out), then My Journey, Goals and Feedback as alex",
        lighthouse::RUNS
    ));
    let mut scores = Vec::new();
    for (name, path, signed_in) in [
        ("sign-in", "/sign-in", false),
        ("journey", "/", true),
        ("goals", "/goals", true),
        ("feedback", "/feedback", true),
    ] {
        let url = format!("http://{addr}{path}");
        let cookie = signed_in.then_some(alex.as_str());
        let result = lighthouse::median_run(&url, cookie, &out, name, Throttling::Simulated)?;
        let on_sign_in = result.final_url.contains("sign-in");
        if signed_in && on_sign_in {
            return Err(format!(
                "Lighthouse saw the sign-in page at {url}, not the signed-in page"
            ));
        }
        if !signed_in && !on_sign_in {
            return Err(format!(
                "Lighthouse ended at {} for {url}, not the sign-in page",
                result.final_url
            ));
        }
        scores.push((name, path, signed_in, result));
    }
    step("Lighthouse on sign-in again, the slow network and CPU applied as it loads");
    let applied = lighthouse::run(
        &format!("http://{addr}/sign-in"),
        None,
        &out,
        "sign-in-applied",
        Throttling::Applied,
    )?;
    let lighthouse_table = lighthouse_table(&scores, &applied);
    println!("\n{}", lighthouse_table.text());

    step("Repeat visit: My Journey opened twice as alex (Playwright, Chromium), counting what reaches the server");
    let visits = repeat::run(&addr)?;
    let repeat_table = repeat_table(&visits);
    println!("\n{}", repeat_table.text());

    let (load_table, bad) = api_load(&target, &addr, &alex, session_id)?;
    let report = report(&[&sizes, &lighthouse_table, &repeat_table, &load_table]);
    let path = out.join("report.md");
    std::fs::write(&path, report).map_err(|e| e.to_string())?;
    println!("\nReport written to {}", path.display());
    if bad > 0 {
        return Err(format!(
            "{bad} requests failed or were not 2xx during the load: see the table"
        ));
    }
    Ok(())
}

/// Request rates and latencies for GET journey and POST feedback, beside a bare axum
/// hello-world measured in the same run, against the bench's targets. Also counts the
/// requests that failed or were not 2xx.
fn api_load(target: &Path, addr: &str, alex: &str, session_id: i64) -> Result<(Table, u64)> {
    let addr = addr.to_owned();
    step("Load: a bare axum hello-world, then GET journey and POST feedback");
    let hello_addr = format!("127.0.0.1:{}", crate::free_port()?);
    let hello_bin = target.join("release/examples/hello");
    let hello = crate::Server(
        Command::new(&hello_bin)
            .arg(&hello_addr)
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", hello_bin.display()))?,
    );
    wait_until_listening(&hello_addr)?;
    let get_hello = |_: usize, _: u64| http::request("GET", "/", &hello_addr, None, None);
    let hello_result = measure("bare axum: GET / (hello world)", &hello_addr, &get_hello);
    drop(hello);

    let journey_path = format!("/api/v1/young-people/{ALEX}/journey");
    let get_journey =
        |_: usize, _: u64| http::request("GET", &journey_path, &addr, Some(alex), None);
    let journey_result = measure(&format!("GET {journey_path}"), &addr, &get_journey);

    let feedback_path = format!("/api/v1/young-people/{ALEX}/feedback");
    let before = feedback_count(&addr, alex)?;
    let post_feedback = |c: usize, n: u64| {
        let body = feedback_body(&format!("bench-{c}-{n}"), session_id);
        http::request("POST", &feedback_path, &addr, Some(alex), Some(&body))
    };
    let feedback_result = measure(&format!("POST {feedback_path}"), &addr, &post_feedback);
    let after = feedback_count(&addr, alex)?;

    let mut load_table = load_table(
        &hello_result,
        &[
            ("GET journey (alex)", &journey_result),
            ("POST feedback (alex)", &feedback_result),
        ],
    );
    load_table.note(format!(
        "Alex's feedback grew from {before} pieces before the warm-up to {after} after the run."
    ));
    let ratio = journey_result.per_second() / hello_result.per_second();
    let p99 = load::percentile(&feedback_result.latencies, 99.0);
    load_table.note(format!(
        "Targets: GET journey at least {JOURNEY_VS_HELLO} of the hello-world's requests a \
         second: {ratio:.3}, {}; POST feedback p99 at most {} ms: {:.1} ms, {}.",
        if ratio >= JOURNEY_VS_HELLO {
            "met"
        } else {
            "NOT MET"
        },
        FEEDBACK_P99.as_millis(),
        p99.as_secs_f64() * 1000.0,
        if p99 <= FEEDBACK_P99 {
            "met"
        } else {
            "NOT MET"
        },
    ));
    println!("\n{}", load_table.text());

    let bad: u64 = [&hello_result, &journey_result, &feedback_result]
        .iter()
        .map(|m| m.not_2xx_total() + m.broken)
        .sum();
    Ok((load_table, bad))
}

/// `cargo xtask bench --api`: only the API load (release server and hello-world), for
/// trying a change to the server in a minute instead of ten.
pub fn bench_api() -> Result {
    let target = target_dir();
    let out = target.join("bench");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    build_server_and_hello()?;
    let server_bin = target.join("release/journey-server");
    let (_server, addr) = start_server(
        &server_bin,
        &out,
        "journey",
        &project_root().join("dist"),
        true,
    )?;
    let alex = sign_in(&addr, "alex", "demo-alex-journey")?;
    let sam = sign_in(&addr, "sam", "demo-sam-worker")?;
    let session_id = record_session(&addr, &sam)?;
    let (table, bad) = api_load(&target, &addr, &alex, session_id)?;
    let _ = table;
    if bad > 0 {
        return Err(format!(
            "{bad} requests failed or were not 2xx during the load: see the table"
        ));
    }
    Ok(())
}

/// The release server and the bare axum hello-world it is measured beside.
fn build_server_and_hello() -> Result {
    step("Building the server and a bare axum hello-world (release)");
    check(cmd(
        "cargo",
        &[
            "build",
            "--release",
            "-p",
            "journey-server",
            "--bins",
            "--example",
            "hello",
        ],
    ))
}

/// "met, 3.2 KB under" or "NOT MET: over by 12.0 KB (1.1 times)".
fn verdict(bytes: u64, limit: u64) -> String {
    if bytes <= limit {
        format!("met, {} under", kb(limit - bytes))
    } else {
        format!(
            "NOT MET: over by {} ({:.1} times)",
            kb(bytes - limit),
            bytes as f64 / limit as f64
        )
    }
}

fn size_table(
    app_dist: &Path,
    app_addr: &str,
    counter_dist: &Path,
    counter_addr: &str,
) -> Result<Table> {
    let mut table = Table::new(
        "First load: the wasm, js and css each index.html names, as journey-server sends them",
        &["build and file", "raw", "gzip", "brotli", "sent as"],
    );
    let staff_dist = app_dist.join("staff");
    let builds = [
        ("app", app_dist, app_addr),
        ("staff app", staff_dist.as_path(), app_addr),
        ("counter", counter_dist, counter_addr),
    ];
    let mut totals = Vec::new();
    let mut not_brotli = Vec::new();
    for (label, dist, addr) in builds {
        let Some(files) = sizes::named_by(dist)? else {
            if label == "staff app" {
                totals.push(None);
                continue;
            }
            return Err(format!("{} has no index.html", dist.display()));
        };
        let assets = sizes::measure(addr, &files)?;
        let kind = |name: &str| name.rsplit('.').next().unwrap_or("").to_owned();
        for asset in &assets {
            table.row(vec![
                format!(
                    "{label}: {} ({})",
                    kind(&asset.name),
                    asset.name.trim_start_matches('/')
                ),
                kb(asset.raw),
                kb(asset.gzip),
                kb(asset.brotli),
                asset.brotli_sent_as.clone(),
            ]);
            if asset.brotli_sent_as != "br" {
                not_brotli.push(asset.name.clone());
            }
        }
        let sum = |f: fn(&sizes::Asset) -> u64| assets.iter().map(f).sum::<u64>();
        let (raw, gzip, brotli) = (sum(|a| a.raw), sum(|a| a.gzip), sum(|a| a.brotli));
        table.row(vec![
            format!("{label}: total"),
            kb(raw),
            kb(gzip),
            kb(brotli),
            String::new(),
        ]);
        totals.push(Some(brotli));
    }
    for (name, limit) in [("budget", BUDGET), ("aim", AIM)] {
        table.row(vec![
            format!("{name} (app, brotli total)"),
            String::new(),
            String::new(),
            kb(limit),
            String::new(),
        ]);
    }
    let (app, staff, counter) = (totals[0].unwrap_or(0), totals[1], totals[2].unwrap_or(0));
    table.note(format!(
        "A young person's first load is {} on the wire. Budget {}: {}. Aim {}: {}.",
        kb(app),
        kb(BUDGET),
        verdict(app, BUDGET),
        kb(AIM),
        verdict(app, AIM)
    ));
    table.note(match staff {
        Some(staff) => format!(
            "The staff app's first load (what dist/staff/index.html names) is {} on the wire.",
            kb(staff)
        ),
        None => {
            "No staff app is built (no dist/staff/index.html), so it is not measured.".to_owned()
        }
    });
    table.note(format!(
        "The floor, a bare Leptos CSR counter built and compressed the same way (bench/counter) \
         and served by journey-server --dist, is {} on the wire; the app is {:.1} times that.",
        kb(counter),
        app as f64 / counter.max(1) as f64
    ));
    if !not_brotli.is_empty() {
        table.note(format!(
            "Sent without brotli although the request accepted it: {}.",
            not_brotli.join(", ")
        ));
    }
    table.note(
        "Counted: the body bytes the release journey-server sends for each file, asked for \
         with Accept-Encoding: br (brotli), gzip (gzip) or neither (raw). The server sends \
         the copies `cargo xtask` writes beside each file at build time (brotli quality 11, \
         gzip level 9); nothing is compressed by the bench. Not counted: index.html itself, \
         headers, the favicon, icons, manifest and service worker. 1 KB = 1024 bytes.",
    );
    Ok(table)
}

fn lighthouse_table(
    scores: &[(&str, &str, bool, lighthouse::Scores)],
    sign_in_applied: &lighthouse::Scores,
) -> Table {
    let mut table = Table::new(
        "Lighthouse, mobile",
        &[
            "page",
            "signed in",
            "performance (median)",
            "every run",
            "target ≥ 95",
            "accessibility",
            "FCP",
            "LCP",
            "TBT",
        ],
    );
    let show = |s: Option<u32>| s.map_or("-".to_owned(), |s| s.to_string());
    let mut met = 0;
    for (name, path, signed_in, s) in scores {
        let target = match s.performance {
            Some(p) if p >= LIGHTHOUSE_TARGET => {
                met += 1;
                "met".to_owned()
            }
            Some(p) => format!("not met ({} short)", LIGHTHOUSE_TARGET - p),
            None => "no score".to_owned(),
        };
        table.row(vec![
            format!("{name} ({path})"),
            if *signed_in { "alex" } else { "no" }.to_owned(),
            show(s.performance),
            s.every_run
                .iter()
                .map(|&run| show(run))
                .collect::<Vec<_>>()
                .join(", "),
            target,
            show(s.accessibility),
            s.first_contentful_paint.clone(),
            s.largest_contentful_paint.clone(),
            s.total_blocking_time.clone(),
        ]);
    }
    let a = sign_in_applied;
    table.row(vec![
        "sign-in (/sign-in), throttling applied".to_owned(),
        "no".to_owned(),
        show(a.performance),
        "one run".to_owned(),
        "not counted".to_owned(),
        show(a.accessibility),
        a.first_contentful_paint.clone(),
        a.largest_contentful_paint.clone(),
        a.total_blocking_time.clone(),
    ]);
    table.note(format!(
        "Target: performance {LIGHTHOUSE_TARGET} or more on every page; {met} of {} meet it \
         (with Lighthouse's default, simulated throttling). Each page is loaded {} times; \
         the row is the run with the median score (its FCP, LCP and TBT), since total \
         blocking time moves by hundreds of milliseconds between runs of one build.",
        scores.len(),
        lighthouse::RUNS
    ));
    table.note(
        "The last row is sign-in again with the slow network and CPU applied while the page \
         loads (--throttling-method=devtools), as on a slow phone. The default loads the page \
         at full speed and simulates the slow phone afterwards. Its largest paint there is \
         the first screen's sign-in page too (the app waits until Chrome has timed that \
         paint), but the simulated estimate still counts the app's wasm, which was asked \
         for before that paint, half in its sum. Slowed as it loads, the first screen's \
         sign-in page is the largest paint and nothing after it counts."
            .to_owned(),
    );
    let version = scores.first().map_or("", |(_, _, _, s)| s.version.as_str());
    table.note(format!(
        "Lighthouse {version} in Debian's Chromium, headless; its mobile defaults (a \
         simulated slow 4G and a 4 times slower CPU), each page in a fresh browser profile \
         (no service worker yet). Scores are out of 100; LCP is the largest contentful \
         paint, TBT the total blocking time. The full reports are \
         target/bench/lighthouse-*.json."
    ));
    let mut warnings: Vec<&String> = scores.iter().flat_map(|(_, _, _, s)| &s.warnings).collect();
    warnings.sort();
    warnings.dedup();
    for warning in warnings {
        table.note(format!("Lighthouse warned: {warning}"));
    }
    table
}

fn repeat_table(visits: &[repeat::Visit]) -> Table {
    let mut table = Table::new(
        "Repeat visit: app files fetched over the network, once the service worker is ready",
        &[
            "visit to /",
            "app files over the network",
            "app files from the service worker",
            "requests over the network",
        ],
    );
    for visit in visits {
        table.row(vec![
            visit.label.clone(),
            visit.app_files_from_network.to_string(),
            visit.from_service_worker.to_string(),
            visit.network.len().to_string(),
        ]);
    }
    if let Some(repeat) = visits.iter().find(|v| v.label == "repeat") {
        let outcome = if repeat.app_files_from_network == 0 {
            "as expected".to_owned()
        } else {
            format!("NOT as expected: {}", repeat.app_files.join(", "))
        };
        table.note(format!(
            "Expected on the repeat visit: 0 app files over the network; {}: {outcome}.",
            repeat.app_files_from_network
        ));
        table.note(format!(
            "What reached the server on the repeat visit: {}.",
            repeat.network.join(", ")
        ));
    }
    table.note(
        "tests/bench/repeat-visit.mjs: Playwright drives Debian's Chromium at phone size, \
         signed in as alex; it opens / and waits until the service worker controls the page, \
         closes it, and opens / again. Requests go through a counting proxy in front of the \
         server, so only what came over the network is counted (not what the service worker \
         or the browser's cache answered). App files: wasm, js and css, not sw.js.",
    );
    table
}

fn measure(
    label: &str,
    addr: &str,
    request: &(dyn Fn(usize, u64) -> Vec<u8> + Sync),
) -> load::Measured {
    println!("    {label}: {CONNECTIONS} connections, {WARM_UP:?} warm-up, then {MEASURE:?}");
    load::run(addr, CONNECTIONS, WARM_UP, request);
    load::run(addr, CONNECTIONS, MEASURE, request)
}

fn load_table(hello: &load::Measured, rows: &[(&str, &load::Measured)]) -> Table {
    let mut table = Table::new(
        "API load: release server on SQLite, beside a bare axum hello-world",
        &[
            "endpoint",
            "requests/s",
            "p50",
            "p99",
            "not 2xx",
            "vs hello world",
        ],
    );
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let row = |name: &str, m: &load::Measured| {
        let mut bad = m.not_2xx_total().to_string();
        for (status, n) in &m.not_2xx {
            bad.push_str(&format!(" ({n}× {status})"));
        }
        if m.broken > 0 {
            bad.push_str(&format!(", {} connections broke", m.broken));
        }
        vec![
            name.to_owned(),
            format!("{:.0}", m.per_second()),
            ms(load::percentile(&m.latencies, 50.0)),
            ms(load::percentile(&m.latencies, 99.0)),
            bad,
            format!("{:.3}", m.per_second() / hello.per_second()),
        ]
    };
    table.row(row("bare axum GET / (hello world)", hello));
    for (name, m) in rows {
        table.row(row(name, m));
    }
    table.note(format!(
        "{CONNECTIONS} kept-alive connections from xtask's own load generator (one thread \
         each, the next request as soon as the answer comes), {} s per row after a {} s \
         warm-up, on the same machine as the server, so they share its cores.",
        MEASURE.as_secs(),
        WARM_UP.as_secs()
    ));
    table.note(
        "The API runs as `journey-server --demo` (release, SQLite in WAL mode with \
         synchronous=FULL, so each POST waits for the disk). Requests carry Alex's \
         session cookie; each POST has its own client_id and is about one recorded session.",
    );
    table
}

fn sign_in(addr: &str, username: &str, password: &str) -> Result<String> {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    let request = http::request("POST", "/api/v1/auth/sign-in", addr, None, Some(&body));
    let response = http::once(addr, &request)?;
    if response.status != 200 {
        return Err(format!(
            "signing in as {username} answered {}",
            response.status
        ));
    }
    response
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("signing in as {username} set no cookie"))
}

/// Sam records yesterday's session with Alex; the feedback in the load is about it.
fn record_session(addr: &str, sam: &str) -> Result<i64> {
    let yesterday = command_output("date", &["-u", "-d", "yesterday", "+%F"])?;
    let body = serde_json::json!({
        "client_id": "bench-session",
        "held_on": yesterday,
        "kind": "one_to_one",
        "mode": "face_to_face",
    })
    .to_string();
    let path = format!("/api/v1/young-people/{ALEX}/sessions");
    let response = http::once(
        addr,
        &http::request("POST", &path, addr, Some(sam), Some(&body)),
    )?;
    if !(200..300).contains(&response.status) {
        return Err(format!("recording a session answered {}", response.status));
    }
    // The answer is the session recorded.
    response.json()?["id"]
        .as_i64()
        .ok_or_else(|| "recording a session gave back no session".to_owned())
}

fn feedback_body(client_id: &str, session_id: i64) -> String {
    serde_json::json!({
        "client_id": client_id,
        "session_id": session_id,
        "answers": [
            {"question": "listened_to", "answer": {"face": 4}},
            {"question": "what_i_wanted", "answer": {"face": 5}},
            {"question": "way_we_worked", "answer": "rather_not_say"},
            {"question": "put_on_the_spot", "answer": {"face": 4}},
            {"question": "overall", "answer": {"face": 4}},
        ],
        "comment": "More time at the end to talk about next week.",
        "comment_for": "worker",
    })
    .to_string()
}

fn feedback_count(addr: &str, alex: &str) -> Result<usize> {
    let path = format!("/api/v1/young-people/{ALEX}/feedback");
    let response = http::once(addr, &http::request("GET", &path, addr, Some(alex), None))?;
    response.json()?["feedback"]
        .as_array()
        .map(Vec::len)
        .ok_or_else(|| {
            format!(
                "GET {path} answered {} with no feedback list",
                response.status
            )
        })
}

fn wait_until_listening(addr: &str) -> Result {
    for _ in 0..100 {
        if std::net::TcpStream::connect(addr).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("nothing is listening at {addr}"))
}

fn command_output(program: &str, args: &[&str]) -> Result<String> {
    let output = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The first line of `program --version`, or "not found".
fn version_of(program: &str, args: &[&str]) -> String {
    command_output(program, args)
        .ok()
        .and_then(|v| v.lines().next().map(str::to_owned))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "not found".into())
}

/// "model name: …" from /proc/cpuinfo, cores, and memory from /proc/meminfo.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')))
        .map_or("unknown CPU".to_owned(), |(_, m)| m.trim().to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    format!(
        "{model}, {cores} cores, {:.1} GB memory",
        memory_kb as f64 / 1024.0 / 1024.0
    )
}

fn report(tables: &[&Table]) -> String {
    let date = command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    let node_bin = project_root().join("tests/node_modules/.bin/wasm-opt");
    let tools = [
        version_of("rustc", &["--version"]),
        version_of("trunk", &["--version"]),
        version_of("wasm-bindgen", &["--version"]),
        version_of(node_bin.to_str().unwrap_or("wasm-opt"), &["--version"]),
        format!("node {}", version_of("node", &["--version"])),
        version_of(tools::CHROMIUM, &["--version"]),
    ];
    let mut out = format!(
        "# My Journey: bench report\n\n- Date: {date}\n- Machine: {}\n- Tools: {}\n\n",
        machine(),
        tools.join("; ")
    );
    for table in tables {
        out.push_str(&table.markdown());
        out.push('\n');
    }
    out
}
