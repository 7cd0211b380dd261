//! The project's commands. `cargo xtask run` builds and starts the app; `cargo xtask test`
//! runs every test; `cargo xtask bench` measures the first load, Lighthouse scores, the
//! repeat visit and API load; `cargo xtask fuzz` fuzzes the API; `cargo xtask postgres`
//! starts a throwaway PostgreSQL to try the server on. They first install whatever is missing, using only the package
//! registries (crates.io, npm, Debian, PyPI), and say what they are doing as they go.

mod bench;
mod compress;
mod fuzz;
mod glue_names;
#[cfg(test)]
mod imports;
mod merge_wasm;
mod minify;
mod order_wasm;
mod pack_wasm;
mod postgres;
mod screens_style;
mod split;
mod tools;
mod type_ids;
mod unused_classes;
mod wasm_sizes;
mod welsh;
#[cfg(test)]
mod words;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str = "\
Usage: cargo xtask <command>

  run [--port N]   install what is missing, build the app and start it with the demo data
                   (http://127.0.0.1:8080 unless --port says otherwise)
  test             install what is missing, then run every test: core and server tests,
                   the server tests again on a throwaway PostgreSQL, the WASM check,
                   lints, and the browser tests in Chromium (safety email tests use a
                   real SMTP server, aiosmtpd, installed from Debian if missing)
  client           install what is missing and build the client's two apps into dist/
                   (the young person's, split into screens, and the staff app in dist/staff/),
                   with their compressed copies: what run and test build first
  bench            build for release and measure: first-load bytes as the server sends
                   them against the budget (beside the staff app and a bare Leptos
                   counter), Lighthouse mobile scores for four pages, the repeat visit
                   (app files fetched once the service worker is ready), and API
                   throughput and latency (beside a bare axum hello-world); prints tables
                   and writes target/bench/report.md; `bench --api` measures only the API
                   load (a minute), for trying a change to the server
  wasm-sizes       what each app's wasm is made of, by crate (twiggy, on the wasm that
                   run/test built; installs twiggy from crates.io if missing)
  fuzz             start the server with the demo data and run schemathesis (from PyPI) against
                   its OpenAPI document as the demo young person, worker and manager; fails on
                   any 5xx, undocumented answer or panic (a few minutes; not part of test);
                   `fuzz --postgres` does the same with the server on a throwaway PostgreSQL
  postgres         start a throwaway PostgreSQL on loopback (installed from Debian if missing),
                   print its DATABASE_URL for trying the server on it, and stop it and delete
                   its data when Enter is pressed";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("client") => tools::ensure_build_tools().and_then(|()| build_client()),
        Some("bench") => match args.get(1).map(String::as_str) {
            Some("--api") => bench::bench_api(),
            None => bench::bench(),
            Some(other) => Err(format!("unknown bench option {other:?}\n\n{USAGE}")),
        },
        Some("wasm-sizes") => wasm_sizes::wasm_sizes(),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        Some("postgres") => postgres::serve(),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root, wherever the command is started from.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Where cargo builds: `CARGO_TARGET_DIR` if set, otherwise `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => project_root().join(dir),
        None => project_root().join("target"),
    }
}

/// An app's wasm as Cargo linked it for the browser (`young` or `staff`), before
/// wasm-bindgen and wasm-opt: it still has every function's name.
pub fn linked_wasm(app: &str) -> PathBuf {
    target_dir().join(format!("wasm32-unknown-unknown/wasm-release/{app}.wasm"))
}

/// A visible step heading, so a long first run shows where it is.
pub fn step(message: &str) {
    println!("\n==> {message}");
    let _ = std::io::stdout().flush();
}

/// Runs a command in the project root, streaming its output; fails if it fails.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(project_root());
    command
}

pub fn check(mut command: Command) -> Result {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn run(args: &[String]) -> Result {
    let port = match args {
        [] => 8080,
        [flag, value] if flag == "--port" => value
            .parse()
            .map_err(|_| format!("--port needs a number, not {value:?}"))?,
        _ => return Err(format!("unknown arguments {args:?}\n\n{USAGE}")),
    };
    tools::ensure_build_tools()?;
    build_client()?;
    step("Building the server");
    check(cmd(
        "cargo",
        &["build", "--release", "-p", "journey-server"],
    ))?;
    let addr = format!("127.0.0.1:{port}");
    step(&format!(
        "Starting My Journey with the demo data at http://{addr}/ (Ctrl-C stops it)"
    ));
    let server = project_root().join("target/release/journey-server");
    check(cmd(
        server.to_str().ok_or("odd path")?,
        &["--demo", "--insecure-cookies", "--addr", &addr],
    ))
}

/// Builds the client's two apps with Trunk, using only tools already installed: the young
/// person's (`index.html`) into `dist/`, then the staff app (`staff.html`) into
/// `dist/staff/`, served under `/staff/`. In that order: Trunk empties its own folder first.
/// Then compresses both for the server to send as they are.
fn build_client() -> Result {
    step("Building the young person's app (Trunk, release, offline) into dist/");
    let mut young = cmd("trunk", &["build", "index.html", "--release", "--offline"]);
    young.env("PATH", tools::path_with_node_bin());
    tools::small_std(&mut young);
    check(young)?;
    step("Building the staff app (Trunk, release, offline) into dist/staff/");
    let mut staff = cmd(
        "trunk",
        &[
            "build",
            "staff.html",
            "--release",
            "--offline",
            "--dist",
            "dist/staff",
            "--public-url",
            "/staff/",
        ],
    );
    staff.env("PATH", tools::path_with_node_bin());
    tools::small_std(&mut staff);
    check(staff)?;
    // Short names for what each app's wasm imports from its script (glue_names.rs); the
    // young person's app gets them as it is split.
    glue_names::finish_app(&project_root().join("dist/staff"), "/staff/", "staff")?;
    // The young person's app in pieces, each screen fetched when opened (split.rs).
    split::split_young_app(&project_root().join("dist"))?;
    // The Welsh words as a file of their own, named in both pages (welsh.rs).
    welsh::write_welsh_words(&project_root().join("dist"))?;
    // Each app's scripts and style sheet minified, their integrity in index.html made right.
    minify::minify_app(&project_root().join("dist"), "/")?;
    minify::minify_app(&project_root().join("dist/staff"), "/staff/")?;
    // After both Trunk builds and the split: Trunk empties the folder it builds into, and
    // these copies must match the files beside them.
    precompress(&project_root().join("dist"))
}

/// Checks on each app's wasm as Cargo linked it (before wasm-bindgen and wasm-opt, so
/// with function names): each file is read once, for all of them.
fn check_linked_apps() -> Result {
    let read = |app: &str| {
        std::fs::read(linked_wasm(app))
            .map_err(|e| format!("could not read the {app} app's wasm: {e}"))
    };
    let (young, staff) = (read("young")?, read("staff")?);
    young_app_holds_no_staff_code(&young, &staff)?;
    young_app_holds_no_router_of_leptos(&young, &staff)?;
    neither_app_holds_a_json_parser(&[("young", &young), ("staff", &staff)])
}

/// The young person's app follows its own address (src/route.rs): it must link no code
/// from `leptos_router`, which only the staff app uses (and must name, or the search
/// proves nothing).
fn young_app_holds_no_router_of_leptos(young_wasm: &[u8], staff_wasm: &[u8]) -> Result {
    step("The young person's app holds no leptos_router");
    let needles = ["13leptos_router", "leptos_router.."];
    let (young, staff) = (symbols(young_wasm, &needles), symbols(staff_wasm, &needles));
    println!("    functions from leptos_router: young person's app {young}, staff app {staff}");
    if staff == 0 {
        return Err(
            "the staff app's wasm names no leptos_router functions: the check cannot see them"
                .into(),
        );
    }
    if young > 0 {
        return Err(format!(
            "the young person's app holds {young} functions from leptos_router: link with crate::route"
        ));
    }
    Ok(())
}

/// The young person's app must link no code from the client's `staff` module: its wasm
/// is searched for the module's mangled path; the staff app's must have it, or the search
/// proves nothing. Nor the staff app's words, nor the Welsh ones (fetched as a file when
/// chosen).
fn young_app_holds_no_staff_code(young_wasm: &[u8], staff_wasm: &[u8]) -> Result {
    step("The young person's app holds no staff code");
    let (young, staff) = (staff_symbols(young_wasm), staff_symbols(staff_wasm));
    println!("    functions from my_journey::staff: young person's app {young}, staff app {staff}");
    if staff == 0 {
        return Err(
            "the staff app's wasm names no staff functions: the check cannot see them".into(),
        );
    }
    if young > 0 {
        return Err(format!(
            "the young person's app holds {young} functions from the staff module"
        ));
    }
    let (welsh, staff) = welsh::not_for_the_young_app();
    let (welsh_held, staff_held) = (
        welsh::held(young_wasm, &welsh),
        welsh::held(young_wasm, &staff),
    );
    println!(
        "    of {} Welsh and {} staff-only messages, the young person's app holds {welsh_held} and {staff_held}",
        welsh.len(),
        staff.len()
    );
    if welsh_held + staff_held > 0 {
        return Err(format!(
            "the young person's app holds {welsh_held} Welsh and {staff_held} staff-only messages"
        ));
    }
    Ok(())
}

/// Neither app links a JSON parser of its own: the browser's `JSON.parse` reads JSON, and
/// serde-wasm-bindgen hands what it read to our types (src/json.rs). Each app must name
/// serde-wasm-bindgen's functions, or the search proves nothing. Nor serde's messages
/// for what could not be read, which the app never shows (crates/vendor/README.md).
fn neither_app_holds_a_json_parser(apps: &[(&str, &[u8])]) -> Result {
    step("Neither app holds serde_json, nor serde's messages");
    for (app, wasm) in apps {
        let parser = symbols(wasm, &["10serde_json", "serde_json.."]);
        let reader = symbols(wasm, &["18serde_wasm_bindgen", "serde_wasm_bindgen.."]);
        let messages = symbols(wasm, &["invalid type: "]);
        println!(
            "    functions from serde_json in the {app} app: {parser}; serde's messages: {messages}"
        );
        if messages > 0 {
            return Err(format!(
                "the {app} app holds serde's messages (\"invalid type: \"): is \
                 crates/vendor/serde-wasm-bindgen still patched in (Cargo.toml)?"
            ));
        }
        if reader == 0 {
            return Err(format!(
                "the {app} app's wasm names no serde_wasm_bindgen functions: the check cannot see them"
            ));
        }
        if parser > 0 {
            return Err(format!(
                "the {app} app holds {parser} functions from serde_json: read JSON with crate::json"
            ));
        }
    }
    Ok(())
}

/// How many times a function name from `my_journey::staff` appears in a wasm's names.
fn staff_symbols(wasm: &[u8]) -> usize {
    symbols(wasm, &["10my_journey5staff", "my_journey..staff.."])
}

/// How many times any of `needles` appears in a wasm's function names: a module's path in
/// Rust's legacy mangling (`…10my_journey5staff…`), or inside an `impl` path
/// (`my_journey..staff..`).
fn symbols(wasm: &[u8], needles: &[&str]) -> usize {
    needles
        .iter()
        .map(|needle| occurrences(wasm, needle.as_bytes()))
        .sum()
}

/// How many times `needle` stands in `bytes` (overlapping ones too): the one byte search
/// the build's checks share (`symbols`, `welsh::held`, `screens_style`'s first-download
/// check). An empty needle is found once.
fn occurrences(bytes: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return 1;
    }
    bytes.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Whether `needle` stands anywhere in `bytes`.
fn holds(bytes: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || bytes.windows(needle.len()).any(|w| w == needle)
}

/// Writes `FILE.br` and `FILE.gz` beside each built file, and says what that saved.
pub fn precompress(dist: &Path) -> Result {
    step(&format!(
        "Compressing {} (brotli quality 11 and gzip level 9, beside each file)",
        dist.display()
    ));
    let started = Instant::now();
    let summary = compress::precompress(dist)?;
    println!(
        "    {} files, {:.1} KB: {:.1} KB brotli, {:.1} KB gzip ({:.1} s)",
        summary.files,
        summary.raw as f64 / 1024.0,
        summary.brotli as f64 / 1024.0,
        summary.gzip as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Counts from test runners' summary lines, to print one total at the end.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Reads cargo's "test result: ok. 12 passed; 0 failed; …" and node's "ℹ pass 3" / "ℹ fail 0".
    fn read(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split([';', '.']) {
                let words: Vec<&str> = part.split_whitespace().collect();
                match words.as_slice() {
                    [n, "passed"] => self.passed += n.parse::<u64>().unwrap_or(0),
                    [n, "failed"] => self.failed += n.parse::<u64>().unwrap_or(0),
                    _ => {}
                }
            }
        } else if let Some(n) = line.trim_start_matches('ℹ').trim().strip_prefix("pass ") {
            self.passed += n.trim().parse::<u64>().unwrap_or(0);
        } else if let Some(n) = line.trim_start_matches('ℹ').trim().strip_prefix("fail ") {
            self.failed += n.trim().parse::<u64>().unwrap_or(0);
        }
    }
}

/// Runs a test command, echoing its output and adding its counts to the tally.
fn run_tests(mut command: Command, tally: &mut Tally) -> Result {
    let shown = format!("{command:?}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        println!("{line}");
        tally.read(&line);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn test() -> Result {
    let started = Instant::now();
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    postgres::ensure_postgres()?;
    tools::ensure_smtp_server()?;
    let mut tally = Tally::default();

    step("Checking formatting");
    check(cmd("cargo", &["fmt", "--all", "--check"]))?;

    step("Core and server tests (real SQLite files in temporary folders)");
    run_tests(
        cmd(
            "cargo",
            &[
                "test",
                "-p",
                "journey-core",
                "-p",
                "journey-server",
                "-p",
                "xtask",
            ],
        ),
        &mut tally,
    )?;

    step("Server tests again on PostgreSQL (a throwaway cluster on loopback)");
    // The server's test harness makes a database per test on this server. Dropping the
    // cluster stops it and deletes its data, whether the tests passed or not.
    let cluster = postgres::Cluster::start()?;
    // Only the tests that touch the database (the unit tests already ran).
    let mut server_tests = cmd(
        "cargo",
        &[
            "test",
            "-p",
            "journey-server",
            "--test",
            "api",
            "--test",
            "process",
        ],
    );
    server_tests.env("JOURNEY_TEST_POSTGRES", cluster.url());
    let postgres_result = run_tests(server_tests, &mut tally);
    if postgres_result.is_err() {
        eprintln!("{}", cluster.report());
    }
    drop(cluster);
    postgres_result?;
    check(cmd("cargo", &["build", "-p", "journey-server"]))?;

    step("journey-core compiles for the browser too");
    check(cmd(
        "cargo",
        &[
            "check",
            "-p",
            "journey-core",
            "--target",
            "wasm32-unknown-unknown",
        ],
    ))?;

    step("Lints (clippy, warnings are errors)");
    check(cmd(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))?;

    build_client()?;
    check_linked_apps()?;

    step("Browser tests (Playwright in Chromium, phone size)");
    let e2e_dir = project_root().join("target/e2e");
    std::fs::create_dir_all(&e2e_dir).map_err(|e| e.to_string())?;
    let database = e2e_dir.join("journey.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    let server = project_root().join("target/debug/journey-server");
    let server = Server(
        cmd(
            server.to_str().ok_or("odd path")?,
            &[
                "--demo",
                "--insecure-cookies",
                "--addr",
                &addr,
                "--database",
                database.to_str().ok_or("odd path")?,
            ],
        )
        .env("RUST_LOG", "warn")
        .spawn()
        .map_err(|e| format!("could not start the server: {e}"))?,
    );
    wait_until_healthy(&addr, Duration::from_secs(30))?;
    let mut node = cmd(
        "node",
        &[
            "--test",
            "--test-reporter=spec",
            "--test-concurrency=1",
            "tests/e2e/",
        ],
    );
    node.env("BASE_URL", format!("http://{addr}"))
        .env("SCREENSHOT_DIR", &e2e_dir)
        .env("NODE_PATH", project_root().join("tests/node_modules"));
    let browser_result = run_tests(node, &mut tally);
    drop(server);
    browser_result?;

    println!(
        "\nAll checks passed in {}s. Screenshots are in target/e2e/.",
        started.elapsed().as_secs()
    );
    println!("total: {} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 || tally.passed == 0 {
        return Err("the test counts do not add up".into());
    }
    Ok(())
}

/// Stops the server however the tests end.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

fn wait_until_healthy(addr: &str, limit: Duration) -> Result {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Ok(mut stream) = TcpStream::connect(addr) {
            let request =
                format!("GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
            let mut reply = String::new();
            if stream.write_all(request.as_bytes()).is_ok()
                && stream.read_to_string(&mut reply).is_ok()
                && reply.starts_with("HTTP/1.1 200")
            {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(format!(
        "the server at {addr} did not become healthy within {limit:?}"
    ))
}

#[cfg(test)]
mod staff_code_tests {
    use super::{staff_symbols, symbols};

    #[test]
    fn staff_functions_are_found_by_their_mangled_names() {
        let names = b"\0_ZN10my_journey5staff7co_fill6CoFill17h0123E\0\
                      _ZN72_$LT$my_journey..staff..X$u20$as$u20$Y$GT$1f17h1E\0\
                      _ZN10my_journey5young5goals9GoalsPage17h2E\0";
        assert_eq!(staff_symbols(names), 2);
        assert_eq!(
            staff_symbols(b"_ZN10my_journey5young5goals9GoalsPage17h2E"),
            0
        );
    }

    #[test]
    fn a_json_parser_is_found_by_its_mangled_names() {
        let names = b"\0_ZN10serde_json2de10from_trait17h1E\0\
                      _ZN99_$LT$$RF$mut$u20$serde_json..de..Deserializer$LT$R$GT$$GT$1f17h2E\0\
                      _ZN18serde_wasm_bindgen2de12Deserializer17h3E\0";
        assert_eq!(symbols(names, &["10serde_json", "serde_json.."]), 2);
        assert_eq!(
            symbols(names, &["18serde_wasm_bindgen", "serde_wasm_bindgen.."]),
            1
        );
    }

    #[test]
    fn the_byte_search_counts_overlapping_finds_and_finds_an_empty_needle() {
        assert_eq!(super::occurrences(b"aaaa", b"aa"), 3);
        assert_eq!(super::occurrences(b"abc", b"abcd"), 0);
        assert_eq!(super::occurrences(b"abc", b""), 1);
        assert!(super::holds(b"x.card y", b"card"));
        assert!(!super::holds(b"x.car y", b"card"));
        assert!(super::holds(b"", b""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_reads_cargo_and_node_summaries() {
        let mut tally = Tally::default();
        tally.read("test result: ok. 31 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        tally
            .read("test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out");
        tally.read("ℹ pass 3");
        tally.read("ℹ fail 0");
        tally.read("some other line with 5 passed");
        assert_eq!((tally.passed, tally.failed), (36, 1));
    }

    #[test]
    fn the_project_root_holds_the_workspace_manifest() {
        assert!(project_root().join("Cargo.toml").is_file());
        assert!(project_root().join("crates/core").is_dir());
    }
}
