//! Installs what the build and tests need, only when it is missing, and only from the
//! package registries: rustup's wasm32 target, Trunk and wasm-bindgen-cli from crates.io,
//! wasm-opt (binaryen), Playwright and axe-core from npm, Chromium, PostgreSQL and aiosmtpd
//! from Debian.

use crate::{check, cmd, project_root, step, Result};
use std::process::{Command, Stdio};

/// Trunk 0.22 needs a newer rustc than ours.
const TRUNK_VERSION: &str = "~0.21";
const TRUNK_PREFIX: &str = "trunk 0.21.";

/// What a command prints when asked, or `None` if it is not installed.
fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))
        .map_err(|e| format!("could not read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// Trunk.toml names the same wasm-bindgen version as Cargo.lock, or Trunk would refuse.
fn check_trunk_toml(version: &str) -> Result {
    let trunk_toml = std::fs::read_to_string(project_root().join("Trunk.toml"))
        .map_err(|e| format!("could not read Trunk.toml: {e}"))?;
    let wanted = format!("wasm_bindgen = \"{version}\"");
    if trunk_toml.lines().any(|l| l.trim() == wanted) {
        Ok(())
    } else {
        Err(format!(
            "Trunk.toml must say {wanted} to match Cargo.lock (pin the crate and the tool together)"
        ))
    }
}

/// PATH with the npm tools (wasm-opt) first, so Trunk uses them and downloads nothing.
pub fn path_with_node_bin() -> String {
    let bin = project_root().join("tests/node_modules/.bin");
    match std::env::var("PATH") {
        Ok(path) => format!("{}:{path}", bin.display()),
        Err(_) => bin.display().to_string(),
    }
}

pub fn ensure_build_tools() -> Result {
    step("Checking the tools (installing only what is missing)");

    let targets = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if targets.lines().any(|t| t == "wasm32-unknown-unknown") {
        println!("    wasm32-unknown-unknown target: installed");
    } else {
        step("Adding the wasm32-unknown-unknown target");
        check(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))?;
    }

    ensure_std_source()?;

    match output_of("trunk", &["--version"]) {
        Some(v) if v.starts_with(TRUNK_PREFIX) => println!("    {v}: installed"),
        found => {
            step(&format!(
                "Installing Trunk {TRUNK_VERSION} from crates.io (about 10 minutes, once){}",
                found
                    .map(|v| format!("; replacing {v}"))
                    .unwrap_or_default()
            ));
            check(cmd(
                "cargo",
                &[
                    "install",
                    "trunk",
                    "--version",
                    TRUNK_VERSION,
                    "--locked",
                    "--force",
                ],
            ))?;
        }
    }

    let version = locked_wasm_bindgen_version()?;
    check_trunk_toml(&version)?;
    let wanted = format!("wasm-bindgen {version}");
    match output_of("wasm-bindgen", &["--version"]) {
        Some(v) if v == wanted => println!("    {v}: installed"),
        _ => {
            step(&format!(
                "Installing wasm-bindgen-cli {version} from crates.io (about 5 minutes, once)"
            ));
            // Not --locked: one of its locked dependencies is no longer in the registry.
            check(cmd(
                "cargo",
                &[
                    "install",
                    "wasm-bindgen-cli",
                    "--version",
                    &version,
                    "--force",
                ],
            ))?;
        }
    }

    ensure_npm_packages()
}

/// The standard library's source and what it depends on from crates.io: both apps build
/// their own copy of it, made for size (`small_std`).
fn ensure_std_source() -> Result {
    let sysroot = output_of("rustc", &["--print", "sysroot"]).ok_or("rustc is missing")?;
    let library = std::path::Path::new(&sysroot).join("lib/rustlib/src/rust/library");
    if library.join("Cargo.toml").is_file() {
        println!("    rust-src (the standard library's source): installed");
    } else {
        step("Adding rust-src (the standard library's source, to build it for size)");
        check(cmd("rustup", &["component", "add", "rust-src"]))?;
    }
    let manifest = library.join("Cargo.toml");
    let manifest = manifest.to_str().ok_or("odd path")?;
    let fetch = |offline: bool| {
        let mut fetch = cmd("cargo", &["fetch", "--quiet", "--manifest-path", manifest]);
        if offline {
            fetch.arg("--offline").stderr(Stdio::null());
        }
        // The library's own Cargo.toml uses a setting of Cargo's not yet stable.
        fetch.env("RUSTC_BOOTSTRAP", "1");
        check(fetch)
    };
    if fetch(true).is_ok() {
        println!("    the standard library's dependencies: fetched");
        Ok(())
    } else {
        step("Fetching the standard library's dependencies from crates.io");
        fetch(false)
    }
}

/// Builds the command's wasm with a standard library of its own, compiled with the app
/// (Cargo's `build-std`) for size: `optimize_for_size` (its smaller ways of sorting,
/// formatting numbers and the like) and `panic=immediate-abort`, so a panic stops the
/// wasm at once instead of writing its message, and no message, file name or formatting
/// code for one is in the download. What it cost is the message in the console when the
/// app breaks (a panic already stopped the app: `panic = "abort"`). And `-Zfmt-debug=none`:
/// `{:?}` writes nothing, so no `Debug` code is downloaded; nothing the apps show or send
/// is written with it (`cargo xtask test` checks their code). With `RUSTC_BOOTSTRAP` the
/// compiler names symbols as a nightly one does (v0), where a generic function made
/// concrete in one crate and shared with the app carries that crate's name: `legacy`
/// keeps the names `cargo xtask test`'s checks and `wasm-sizes` read as they were (none
/// of them reaches the browser). These are settings of
/// the compiler and Cargo not yet stable: `RUSTC_BOOTSTRAP=1` lets this stable toolchain
/// use them, for these builds only (README, "Where the bytes go").
pub fn small_std(command: &mut Command) {
    command
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            // Added to .cargo/config.toml's flags for the wasm target, not in place of them.
            "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none \
             -Csymbol-mangling-version=legacy",
        );
}

/// `npm ci` in tests/ when node_modules is missing or older than the lock file.
fn ensure_npm_packages() -> Result {
    let tests = project_root().join("tests");
    let lock = tests.join("package-lock.json");
    let installed = tests.join("node_modules/.package-lock.json");
    let modified = |p: &std::path::Path| p.metadata().and_then(|m| m.modified()).ok();
    let fresh = match (modified(&installed), modified(&lock)) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if fresh && tests.join("node_modules/.bin/wasm-opt").exists() {
        println!(
            "    npm packages (wasm-opt, terser, Lightning CSS, Playwright, axe-core, Lighthouse): \
             installed"
        );
        return Ok(());
    }
    step(
        "Installing npm packages: binaryen (wasm-opt), terser and Lightning CSS (minifying), \
         playwright-core, @axe-core/playwright, Lighthouse",
    );
    let mut npm = cmd("npm", &["ci", "--no-audit", "--no-fund"]);
    npm.current_dir(&tests);
    check(npm)
}

/// Debian's Chromium for the browser tests. Playwright never downloads a browser here.
pub fn ensure_browser() -> Result {
    if std::path::Path::new(CHROMIUM).exists() {
        println!("    Chromium: installed ({CHROMIUM})");
        return Ok(());
    }
    step("Installing Chromium from Debian (apt-get)");
    apt_install(&["chromium"])
}

/// The Pythons the server's safety email tests look in for aiosmtpd, a real SMTP server
/// (the Debian package installs into the system Python).
pub const SMTP_TEST_PYTHONS: [&str; 2] = ["python3", "/usr/bin/python3"];

/// The safety email tests need a real SMTP server: Python's aiosmtpd, from Debian.
pub fn ensure_smtp_server() -> Result {
    let has_it = || {
        SMTP_TEST_PYTHONS
            .iter()
            .any(|python| output_of(python, &["-c", "import aiosmtpd"]).is_some())
    };
    if has_it() {
        println!("    aiosmtpd (SMTP server for the safety email tests): installed");
        return Ok(());
    }
    step("Installing aiosmtpd (an SMTP server for the safety email tests) from Debian (apt-get)");
    apt_install(&["python3-aiosmtpd"])?;
    if has_it() {
        Ok(())
    } else {
        Err("apt-get installed python3-aiosmtpd, but no python3 can import aiosmtpd".into())
    }
}

/// Whether this process runs as root (then apt-get needs no sudo, and PostgreSQL must be
/// run as another user).
pub fn is_root() -> bool {
    output_of("id", &["-u"]).as_deref() == Some("0")
}

/// Installs Debian packages: `apt-get update`, then `apt-get install -y`, through sudo
/// unless already root, never stopping to ask a question.
pub fn apt_install(packages: &[&str]) -> Result {
    let root = is_root();
    let apt = |args: &[&str]| {
        let mut command = if root {
            cmd("apt-get", args)
        } else {
            // sudo resets the environment, so the variable goes on its command line.
            let mut with_sudo = vec!["DEBIAN_FRONTEND=noninteractive", "apt-get"];
            with_sudo.extend_from_slice(args);
            cmd("sudo", &with_sudo)
        };
        command.env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    check(apt(&["update"]))?;
    let mut install = vec!["install", "-y"];
    install.extend_from_slice(packages);
    check(apt(&install))
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
