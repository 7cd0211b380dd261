//! Who a session belongs to, kept in memory for a moment after the database said so.
//!
//! Every request names its session, and asking SQLite costs a round trip to the
//! connection's thread and back, as much as the request's own question (measured: GET
//! journey answered 0.115 of the bare hello-world's requests a second asking every time,
//! 0.16 to 0.17 keeping the answer). So on a SQLite file the caller a session belongs to
//! is kept for [`SQLITE_KEEP_FOR`], and never kept stale by what any server or `admin`
//! command does to that file:
//!
//! - Signing out, a new password, and making someone an administrator (or not) forget
//!   every kept session once the change is in the database ([`KeptSessions::changed`]).
//! - Each of those also writes a new random mark into a small file beside the database
//!   (`journey.db-sessions`); a session is kept only with the mark it was read under, so
//!   another process sharing the file (a second server, `journey-server admin …`) is
//!   heard at once. A read that began before such a change is never kept.
//! - An idle or too-old session ends on time: the times it was made and last used are
//!   kept with it and checked on every request, as the database's are.
//! - Anything changed in the file some other way (by hand, with `sqlite3`) is seen within
//!   [`SQLITE_KEEP_FOR`].
//!
//! On PostgreSQL nothing is kept ([`KeptSessions::never`]): every request asks the
//! database, which all the servers share.

use crate::caller::Caller;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a session's caller is kept on SQLite before the database is asked again.
pub const SQLITE_KEEP_FOR: Duration = Duration::from_secs(1);

/// How many sessions are kept before starting afresh.
const MOST: usize = 4096;

/// A session as it was read: its caller and its times (seconds since 1970).
#[derive(Clone, Debug)]
pub struct SessionRead {
    pub caller: Caller,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// What had changed sessions when a read began: this process's count of changes, and the
/// mark in the file beside the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Generation {
    here: u64,
    shared: u64,
}

#[derive(Debug)]
struct Kept {
    read: SessionRead,
    at: Instant,
    generation: Generation,
}

#[derive(Debug)]
pub struct KeptSessions {
    keep_for: Duration,
    entries: Mutex<HashMap<String, Kept>>,
    /// Counts the changes this process made that forget sessions.
    changes: AtomicU64,
    /// The file whose mark every process sharing the database changes with them, open
    /// for as long as the store is (reading the mark is then one `pread`).
    shared: Option<File>,
}

impl KeptSessions {
    /// Keeps sessions for `keep_for`, told of other processes' changes by the file
    /// `shared` (made if missing). If it cannot be opened, nothing is kept.
    pub fn new(keep_for: Duration, shared: &Path) -> KeptSessions {
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(shared)
            .inspect_err(|error| {
                tracing::warn!(%error, file = %shared.display(), "sessions will not be kept")
            })
            .ok();
        if let Some(file) = &opened {
            if file.metadata().map(|m| m.len() < 8).unwrap_or(true) {
                write_mark(file);
            }
        }
        KeptSessions {
            keep_for,
            entries: Mutex::new(HashMap::new()),
            changes: AtomicU64::new(0),
            shared: opened,
        }
    }

    /// Keeps nothing: every request asks the database.
    pub fn never() -> KeptSessions {
        KeptSessions {
            keep_for: Duration::ZERO,
            entries: Mutex::new(HashMap::new()),
            changes: AtomicU64::new(0),
            shared: None,
        }
    }

    fn keeps(&self) -> bool {
        !self.keep_for.is_zero() && self.shared.is_some()
    }

    /// The session as read less than `keep_for` ago, if it is kept and nothing has
    /// changed sessions since.
    pub fn get(&self, token_hash: &str) -> Option<SessionRead> {
        if !self.keeps() {
            return None;
        }
        let now = self.generation()?;
        let entries = self.entries.lock().ok()?;
        let kept = entries.get(token_hash)?;
        (kept.at.elapsed() < self.keep_for && kept.generation == now).then(|| kept.read.clone())
    }

    /// Take this before reading a session from the database, and hand it to [`keep`]
    /// with what was read. `None` when the mark cannot be read (nothing is kept then).
    ///
    /// [`keep`]: KeptSessions::keep
    pub fn generation(&self) -> Option<Generation> {
        Some(Generation {
            here: self.changes.load(Ordering::SeqCst),
            shared: read_mark(self.shared.as_ref()?)?,
        })
    }

    /// Keeps a session read from the database, unless something that forgets sessions
    /// happened since `generation` was taken (what was read may be gone already).
    pub fn keep(&self, token_hash: &str, read: SessionRead, generation: Option<Generation>) {
        let Some(generation) = generation.filter(|_| self.keeps()) else {
            return;
        };
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if self.generation() != Some(generation) {
            return;
        }
        if entries.len() >= MOST {
            let keep_for = self.keep_for;
            entries.retain(|_, kept| kept.at.elapsed() < keep_for);
            if entries.len() >= MOST {
                entries.clear();
            }
        }
        entries.insert(
            token_hash.to_owned(),
            Kept {
                read,
                at: Instant::now(),
                generation,
            },
        );
    }

    /// Sessions have changed (one ended, a password or who is an administrator): call
    /// once the change is in the database. Forgets every kept session, here and in every
    /// other process sharing the database, so what is read next is the database's.
    pub fn changed(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            self.changes.fetch_add(1, Ordering::SeqCst);
            entries.clear();
        }
        if let Some(shared) = &self.shared {
            write_mark(shared);
        }
    }
}

/// Writes a new random mark into the shared file, in place (every process has it open).
/// A reader that catches it half written reads a mark that matches nothing kept, which
/// only means the database is asked. If it cannot be written, other processes hear of
/// the change within [`SQLITE_KEEP_FOR`], so it is logged.
fn write_mark(shared: &File) {
    let mark = crate::secrets::random_bytes::<8>();
    if let Err(error) = write_at_start(shared, &mark) {
        tracing::warn!(%error, "could not mark a change of sessions for other processes");
    }
}

/// The mark in the shared file: one `pread`.
fn read_mark(shared: &File) -> Option<u64> {
    let mut mark = [0u8; 8];
    read_at_start(shared, &mut mark).ok()?;
    Some(u64::from_le_bytes(mark))
}

#[cfg(unix)]
fn write_at_start(file: &File, bytes: &[u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, 0)
}

#[cfg(unix)]
fn read_at_start(file: &File, bytes: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, 0)
}

/// Elsewhere the mark can be neither written nor read, so nothing is kept.
#[cfg(not(unix))]
fn write_at_start(_: &File, _: &[u8]) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at_start(_: &File, _: &mut [u8]) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_core::Role;

    fn read(account: &str) -> SessionRead {
        SessionRead {
            caller: Caller {
                account_id: account.into(),
                username: account.into(),
                display_name: account.into(),
                role: Role::Worker,
                young_person_id: None,
                worker_id: None,
                team_id: None,
                is_admin: false,
                token_hash: String::new(),
            },
            created_at: 1,
            last_seen_at: 2,
        }
    }

    fn beside(dir: &tempfile::TempDir) -> std::path::PathBuf {
        dir.path().join("journey.db-sessions")
    }

    #[test]
    fn a_session_is_kept_for_the_time_given_and_no_longer() {
        let dir = tempfile::tempdir().unwrap();
        let kept = KeptSessions::new(Duration::from_millis(100), &beside(&dir));
        kept.keep("t1", read("a"), kept.generation());
        let got = kept.get("t1").expect("kept");
        assert_eq!(got.caller.account_id, "a");
        assert_eq!((got.created_at, got.last_seen_at), (1, 2));
        assert!(kept.get("t2").is_none());
        std::thread::sleep(Duration::from_millis(150));
        assert!(kept.get("t1").is_none());
    }

    #[test]
    fn nothing_is_kept_when_told_never() {
        let kept = KeptSessions::never();
        kept.keep("t1", read("a"), kept.generation());
        assert!(kept.get("t1").is_none());
    }

    #[test]
    fn a_change_forgets_every_kept_session() {
        let dir = tempfile::tempdir().unwrap();
        let kept = KeptSessions::new(Duration::from_secs(60), &beside(&dir));
        for (token, account) in [("t1", "a"), ("t2", "b")] {
            kept.keep(token, read(account), kept.generation());
        }
        assert!(kept.get("t1").is_some() && kept.get("t2").is_some());
        kept.changed();
        assert!(kept.get("t1").is_none() && kept.get("t2").is_none());
    }

    #[test]
    fn another_process_sharing_the_database_is_heard_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let server = KeptSessions::new(Duration::from_secs(60), &beside(&dir));
        // An `admin` command (or a second server) opens the same file.
        let other = KeptSessions::new(Duration::from_secs(60), &beside(&dir));
        server.keep("t1", read("a"), server.generation());
        assert!(server.get("t1").is_some());
        other.changed();
        assert!(server.get("t1").is_none());
        // Read again after the change, it is kept again.
        server.keep("t1", read("a"), server.generation());
        assert!(server.get("t1").is_some());
    }

    #[test]
    fn a_read_made_before_a_change_is_not_kept_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let kept = KeptSessions::new(Duration::from_secs(60), &beside(&dir));
        let other = KeptSessions::new(Duration::from_secs(60), &beside(&dir));
        for change in [&kept, &other] {
            // A request reads the session from the database...
            let generation = kept.generation();
            // ...the person signs out meanwhile, here or on another server...
            change.changed();
            // ...and the first request's read, now out of date, is not kept.
            kept.keep("t1", read("a"), generation);
            assert!(kept.get("t1").is_none());
        }
    }

    #[test]
    fn with_no_file_for_the_mark_nothing_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let kept = KeptSessions::new(Duration::from_secs(60), &dir.path().join("no/such/dir"));
        kept.keep("t1", read("a"), kept.generation());
        assert!(kept.get("t1").is_none());
    }

    #[test]
    fn when_full_it_keeps_going() {
        let dir = tempfile::tempdir().unwrap();
        let kept = KeptSessions::new(Duration::from_secs(60), &beside(&dir));
        for n in 0..=MOST {
            kept.keep(&format!("t{n}"), read("a"), kept.generation());
        }
        assert!(kept.get(&format!("t{MOST}")).is_some());
        assert!(kept.entries.lock().unwrap().len() <= MOST);
    }
}
