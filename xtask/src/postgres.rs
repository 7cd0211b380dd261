//! A throwaway PostgreSQL cluster on loopback, for the server's tests and for trying the
//! server on PostgreSQL (`cargo xtask postgres`).
//!
//! Debian's own binaries (`/usr/lib/postgresql/<version>/bin`) start a fresh cluster in a
//! temporary folder on a free port; dropping the [`Cluster`] stops it and deletes the folder.
//! Nothing from Debian's packaged cluster (port 5432, /etc/postgresql) is used or changed.

use crate::tools::{apt_install, is_root};
use crate::{free_port, step, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Where Debian puts each installed PostgreSQL version, one folder per version.
const VERSIONS: &str = "/usr/lib/postgresql";
/// The data folder's name before the process id: `journey-pg-<pid>` in the temporary folder.
const PREFIX: &str = "journey-pg-";
/// How much of the server's log a failed start shows.
const LOG_LINES: usize = 20;

/// Debian's PostgreSQL, installed with apt-get when no version is there yet.
pub fn ensure_postgres() -> Result {
    if let Some(bin) = installed_bin() {
        println!("    PostgreSQL: installed ({})", bin.display());
        return Ok(());
    }
    step("Installing PostgreSQL from Debian (apt-get)");
    apt_install(&["postgresql"])?;
    installed_bin().map(|_| ()).ok_or_else(|| {
        format!("apt-get installed postgresql, but there is no {VERSIONS}/*/bin/initdb")
    })
}

/// `cargo xtask postgres`: a throwaway cluster to try the server on, until Enter is pressed.
pub fn serve() -> Result {
    ensure_postgres()?;
    step("Starting a throwaway PostgreSQL cluster on loopback");
    let cluster = Cluster::start()?;
    let url = cluster.url();
    println!("\nDATABASE_URL={url}");
    println!("\nTry the server on it from another terminal:");
    println!("    DATABASE_URL={url} cargo run -p journey-server -- --demo --insecure-cookies");
    println!("\nPress Enter (or close stdin) to stop it and delete its data.");
    // Enter, end of input or an unreadable stdin all mean the same here: stop.
    let _ = std::io::stdin().read_line(&mut String::new());
    drop(cluster);
    Ok(())
}

/// The `bin` folder of the newest PostgreSQL version installed, if any.
fn installed_bin() -> Option<PathBuf> {
    let names: Vec<String> = std::fs::read_dir(VERSIONS)
        .ok()?
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| Path::new(VERSIONS).join(name).join("bin/initdb").is_file())
        .collect();
    let newest = newest_version(names.iter().map(String::as_str))?;
    Some(Path::new(VERSIONS).join(newest).join("bin"))
}

/// The newest of version folder names such as "9.6", "13" and "15", compared as numbers
/// (so "13" is newer than "9.6"); names that are not versions are skipped.
fn newest_version<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    names
        .into_iter()
        .filter_map(|name| {
            let numbers: Option<Vec<u32>> = name.split('.').map(|n| n.parse().ok()).collect();
            numbers.map(|numbers| (numbers, name))
        })
        .max()
        .map(|(_, name)| name)
}

/// The process id in a data folder's name (`journey-pg-1234`), if it is one of ours.
fn owner_pid(name: &str) -> Option<u32> {
    name.strip_prefix(PREFIX)?.parse().ok()
}

/// The first `n` lines of a server log that say why it stopped or restarted (a crash, a
/// killed process, a full disk, no memory): after a crash, the end of the log is only
/// the refusals that followed it.
fn serious_lines(log: &str, n: usize) -> String {
    const SIGNS: [&str; 6] = [
        "PANIC",
        "terminated by signal",
        "was terminated",
        "No space left",
        "out of memory",
        "terminating any other active server processes",
    ];
    let found: Vec<&str> = log
        .lines()
        .filter(|line| SIGNS.iter().any(|sign| line.contains(sign)))
        .take(n)
        .collect();
    if found.is_empty() {
        "(no crash, full disk or lack of memory in the log)".to_owned()
    } else {
        found.join("\n")
    }
}

/// The last `n` lines of a text, for showing the end of a log.
fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The postgres server's options, passed through pg_ctl's shell: listens on loopback only,
/// keeps its Unix socket in its own data folder (Debian's /var/run/postgresql may not be
/// writable), and skips the work that only protects data across a crash: the cluster is
/// deleted after the run, so fsync and full-page writes would only slow the tests down;
/// and keeps its write-ahead log small (64 MB, not 1 GB): every test's CREATE DATABASE
/// writes a whole copy of template1 into the log, enough to fill a small disk.
fn server_options(port: u16, dir: &str) -> Result<String> {
    if dir.contains('\'') {
        return Err(format!(
            "the temporary folder {dir:?} has a quote in its name"
        ));
    }
    Ok(format!(
        "-p {port} -c listen_addresses=127.0.0.1 -k '{dir}' -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
         -c max_wal_size=64MB -c min_wal_size=32MB"
    ))
}

/// Runs a command with its output kept back, shown only if it fails.
fn quiet(mut command: Command) -> Result {
    let shown = format!("{command:?}");
    let output = command
        .output()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{shown} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// How to run PostgreSQL's programs here.
struct Binaries {
    bin: PathBuf,
    /// PostgreSQL refuses to run as root, so root runs its programs as the `postgres` user
    /// (Debian's package creates it); anyone else runs them as themselves.
    as_postgres: bool,
}

impl Binaries {
    fn command(&self, program: &str, args: &[&str]) -> Command {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(program);
            runuser
        } else {
            Command::new(program)
        };
        // A folder the postgres user can read: it may not be allowed into the project.
        command.args(args).current_dir(std::env::temp_dir());
        command
    }

    /// Stops the server running on a data folder, if one is (`postmaster.pid` is there).
    /// Immediate: no checkpoint, as the data is about to be deleted.
    fn stop(&self, dir: &Path) -> Result {
        if !dir.join("postmaster.pid").exists() {
            return Ok(());
        }
        let dir = dir.to_str().ok_or("odd path")?;
        quiet(self.command("pg_ctl", &["stop", "-D", dir, "-m", "immediate", "-w"]))
    }

    /// Stops and deletes data folders that earlier runs left behind: this process's own
    /// (from an earlier process with the same id), and those whose process has gone, as
    /// after Ctrl-C (pg_ctl detaches the server, so it outlives an interrupted run).
    /// Folders of runs still going are left alone.
    fn clear_leftovers(&self) {
        let me = std::process::id();
        let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(owner_pid) else {
                continue;
            };
            if pid == me || !Path::new("/proc").join(pid.to_string()).exists() {
                let dir = entry.path();
                if let Err(e) = self.stop(&dir) {
                    eprintln!(
                        "    could not stop a leftover PostgreSQL in {}: {e}",
                        dir.display()
                    );
                }
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
}

/// A throwaway PostgreSQL cluster on 127.0.0.1, stopped and deleted when dropped.
///
/// Anyone may connect as `postgres` without a password (trust authentication): acceptable
/// because it only listens on loopback, holds only test data, and lives only for one run.
pub struct Cluster {
    binaries: Binaries,
    dir: PathBuf,
    port: u16,
}

impl Cluster {
    /// Creates a fresh cluster in `<temp>/journey-pg-<pid>` and starts it on a free port.
    pub fn start() -> Result<Cluster> {
        let started = Instant::now();
        let bin = installed_bin().ok_or("PostgreSQL is not installed")?;
        let binaries = Binaries {
            bin,
            as_postgres: is_root(),
        };
        binaries.clear_leftovers();
        let dir = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
        // From here on, dropping the cluster cleans up whatever was made.
        let cluster = Cluster {
            binaries,
            dir,
            port: free_port()?,
        };
        let dir = cluster.dir.to_str().ok_or("odd path")?;
        if cluster.binaries.as_postgres {
            quiet(crate::cmd("chown", &["-R", "postgres:postgres", dir]))?;
        }
        // C.UTF-8: UTF-8 text that sorts by code point, i.e. byte-wise, like SQLite does.
        quiet(cluster.binaries.command(
            "initdb",
            &[
                "-D",
                dir,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        ))
        .map_err(|e| {
            if cluster.binaries.as_postgres {
                format!(
                    "{e}\n(as root, PostgreSQL runs as the postgres user, who must be able to \
                     enter the temporary folder; TMPDIR chooses another)"
                )
            } else {
                e
            }
        })?;
        let log = cluster.dir.join("log");
        let options = server_options(cluster.port, dir)?;
        let pg_ctl = cluster.binaries.command(
            "pg_ctl",
            &[
                "-D",
                dir,
                "-w",
                "-l",
                log.to_str().ok_or("odd path")?,
                "-o",
                &options,
                "start",
            ],
        );
        if let Err(e) = quiet(pg_ctl) {
            return Err(format!(
                "PostgreSQL did not start: {e}\n{}",
                cluster.report()
            ));
        }
        println!(
            "    PostgreSQL on 127.0.0.1:{} (data in {}), started in {:.1}s",
            cluster.port,
            cluster.dir.display(),
            started.elapsed().as_secs_f64()
        );
        Ok(cluster)
    }

    /// What to show when the server did not start, or tests on it failed: the lines of
    /// its log that say why it stopped (a crash, a full disk), the log's end, and the
    /// space left where its data is.
    pub fn report(&self) -> String {
        let log = self.dir.join("log");
        let text = std::fs::read_to_string(&log).unwrap_or_else(|e| format!("(no log: {e})"));
        let tail = format!(
            "{}\n(the last lines:)\n{}",
            serious_lines(&text, LOG_LINES),
            last_lines(&text, LOG_LINES)
        );
        let space = Command::new("df")
            .args(["-h", "-P"])
            .arg(&self.dir)
            .output()
            .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
            .unwrap_or_else(|e| format!("(df: {e})"));
        format!(
            "The end of {}:\n{tail}\nSpace left there:\n{space}",
            log.display()
        )
    }

    /// The connection URL: the `postgres` superuser and database, no password.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let started = Instant::now();
        if let Err(e) = self.binaries.stop(&self.dir) {
            eprintln!("    could not stop PostgreSQL: {e}");
        }
        match std::fs::remove_dir_all(&self.dir) {
            Ok(()) => println!(
                "    PostgreSQL stopped and {} deleted in {:.1}s",
                self.dir.display(),
                started.elapsed().as_secs_f64()
            ),
            Err(e) => eprintln!("    could not delete {}: {e}", self.dir.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_version_is_chosen_by_number() {
        assert_eq!(newest_version(["13", "15", "9.6"]), Some("15"));
        assert_eq!(newest_version(["9.6", "10"]), Some("10"));
        assert_eq!(newest_version(["9.5", "9.6", "README"]), Some("9.6"));
        assert_eq!(newest_version(["notes", ""]), None);
        assert_eq!(newest_version([]), None);
    }

    #[test]
    fn only_our_data_folders_name_a_process() {
        assert_eq!(owner_pid("journey-pg-1234"), Some(1234));
        assert_eq!(owner_pid("journey-pg-"), None);
        assert_eq!(owner_pid("journey-pg-12x"), None);
        assert_eq!(owner_pid("other-1234"), None);
    }

    #[test]
    fn a_crash_is_picked_out_of_the_log() {
        let log = "LOG:  checkpoint starting\n\
            LOG:  server process (PID 7) was terminated by signal 9: Killed\n\
            LOG:  terminating any other active server processes\n\
            FATAL:  the database system is not yet accepting connections\n\
            PANIC:  could not write to file \"pg_wal/xlogtemp.9\": No space left on device\n";
        assert_eq!(
            serious_lines(log, 2),
            "LOG:  server process (PID 7) was terminated by signal 9: Killed\n\
             LOG:  terminating any other active server processes"
        );
        assert!(serious_lines(log, 5).ends_with("No space left on device"));
        assert!(serious_lines("LOG:  checkpoint starting\n", 5).starts_with("(no crash"));
    }

    #[test]
    fn a_failed_start_shows_the_end_of_the_log() {
        assert_eq!(last_lines("a\nb\nc\n", 2), "b\nc");
        assert_eq!(last_lines("a\n", 5), "a");
        assert_eq!(last_lines("", 5), "");
    }

    #[test]
    fn the_server_listens_on_loopback_with_its_socket_in_its_folder() {
        let options = server_options(5433, "/tmp/journey-pg-1").unwrap();
        assert!(
            options.starts_with("-p 5433 -c listen_addresses=127.0.0.1 -k '/tmp/journey-pg-1' ")
        );
        assert!(options.contains("-c fsync=off"));
        assert!(options.contains("-c max_wal_size=64MB"));
        assert!(server_options(5433, "/tmp/it's").is_err());
    }
}
