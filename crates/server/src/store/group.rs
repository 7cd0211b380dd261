//! Writes, committed together. With `synchronous=FULL`, every SQLite COMMIT waits for the
//! disk, and SQLite has one writer, so writes that arrive together would each wait for
//! the one before to reach the disk. Instead, a write that starts while others are
//! writing joins their transaction, in a savepoint of its own (so its failure undoes
//! only its own changes), and one COMMIT makes the whole group durable. Nobody is
//! answered before that COMMIT: [`Write::commit`] returns only once the group's is done.
//!
//! The last writer of a group commits it: the one that finishes when nobody else is
//! waiting to write, or once a group is [`MAX_GROUP`] writes or [`MAX_WAIT`] old. The
//! COMMIT runs in a task of its own, so a request given up halfway (a phone that went
//! away) cannot leave a group unfinished.
//!
//! On PostgreSQL each write is its own transaction, as before: it commits many at once by
//! itself.

use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{oneshot, Mutex, OwnedMutexGuard};

/// The most writes one COMMIT makes durable.
pub const MAX_GROUP: usize = 64;
/// A group older than this is committed by its next writer, even with others waiting.
pub const MAX_WAIT: Duration = Duration::from_millis(15);

/// SQLite's writer, shared by the writes of a group.
#[derive(Debug)]
pub struct Group {
    writer: AnyPool,
    batch: Arc<Mutex<Batch>>,
    /// Writers waiting for their turn.
    waiting: AtomicUsize,
}

#[derive(Debug, Default)]
struct Batch {
    tx: Option<Transaction<'static, Any>>,
    /// Writers done with their part, waiting for the COMMIT.
    done: Vec<oneshot::Sender<Result<(), String>>>,
    started: Option<Instant>,
}

/// One write: a transaction of its own (PostgreSQL), or a savepoint in its group's.
/// Dropped without [`Write::commit`], its changes are undone.
#[derive(Debug)]
pub struct Write {
    inner: Option<Inner>,
}

#[derive(Debug)]
enum Inner {
    Own(Transaction<'static, Any>),
    Grouped {
        group: Arc<Group>,
        batch: OwnedMutexGuard<Batch>,
    },
}

/// Counts a writer as waiting for as long as it is, even if it gives up.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Group {
    pub fn new(writer: AnyPool) -> Arc<Group> {
        Arc::new(Group {
            writer,
            batch: Arc::new(Mutex::new(Batch::default())),
            waiting: AtomicUsize::new(0),
        })
    }

    /// Joins the group now writing, or starts one. `Store::begin_write` runs it in a task
    /// of its own, so it is never given up halfway.
    pub async fn begin(self: &Arc<Group>) -> Result<Write, sqlx::Error> {
        let mut batch = {
            self.waiting.fetch_add(1, Ordering::SeqCst);
            let _waiting = Waiting(&self.waiting);
            self.batch.clone().lock_owned().await
        };
        if batch.tx.is_none() {
            // IMMEDIATE takes the file's write lock at once (waiting up to the busy
            // timeout), so a transaction that reads and then writes cannot find, halfway,
            // that another process (an admin command, a second server) wrote in between.
            batch.tx = Some(self.writer.begin_with("BEGIN IMMEDIATE").await?);
            batch.started = Some(Instant::now());
        }
        let tx = batch.tx.as_mut().expect("begun above");
        if let Err(e) = tx.execute("SAVEPOINT write").await {
            fail(&mut batch, &e.to_string());
            return Err(e);
        }
        Ok(Write {
            inner: Some(Inner::Grouped {
                group: self.clone(),
                batch,
            }),
        })
    }
}

impl Write {
    pub fn own(tx: Transaction<'static, Any>) -> Write {
        Write {
            inner: Some(Inner::Own(tx)),
        }
    }

    /// Keeps this write's changes, and returns once they are on the disk.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        match self.inner.take().expect("a write is committed once") {
            Inner::Own(tx) => tx.commit().await,
            Inner::Grouped { group, mut batch } => {
                // Its part released and the writer handed on in a task of its own, so a
                // request given up here cannot leave the group without its next turn.
                let released = tokio::spawn(async move {
                    let tx = batch.tx.as_mut().expect("a group's transaction is open");
                    if let Err(e) = tx.execute("RELEASE write").await {
                        fail(&mut batch, &e.to_string());
                        return Err(e);
                    }
                    let (sender, committed) = oneshot::channel();
                    batch.done.push(sender);
                    finish_turn(&group, batch);
                    Ok(committed)
                });
                let committed = released.await.map_err(|e| {
                    sqlx::Error::Protocol(format!("a write could not be released: {e}"))
                })??;
                match committed.await {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => Err(sqlx::Error::Protocol(format!(
                        "the group commit failed: {e}"
                    ))),
                    Err(_) => Err(sqlx::Error::Protocol("the group commit stopped".into())),
                }
            }
        }
    }
}

/// Hands the writer to the next in line, or, when nobody is waiting (or the group is
/// big or old enough), commits the group in a task of its own.
fn finish_turn(group: &Arc<Group>, batch: OwnedMutexGuard<Batch>) {
    let nobody_waiting = group.waiting.load(Ordering::SeqCst) == 0;
    let full = batch.done.len() >= MAX_GROUP;
    let old = batch.started.is_some_and(|at| at.elapsed() >= MAX_WAIT);
    if (nobody_waiting || full || old) && !batch.done.is_empty() {
        tokio::spawn(commit_group(batch));
    } else if nobody_waiting && batch.done.is_empty() {
        // Nothing kept, nobody coming: the transaction ends (undone, as it changed nothing).
        tokio::spawn(async move {
            let mut batch = batch;
            if let Some(tx) = batch.tx.take() {
                let _ = tx.rollback().await;
            }
            batch.started = None;
        });
    }
    // Otherwise the guard drops here and the next writer joins this transaction.
}

async fn commit_group(mut batch: OwnedMutexGuard<Batch>) {
    let result = match batch.tx.take() {
        Some(tx) => tx.commit().await.map_err(|e| e.to_string()),
        None => Err("no transaction".to_owned()),
    };
    if let Err(e) = &result {
        tracing::error!(error = %e, "a group of writes could not be committed");
    }
    batch.started = None;
    for writer in batch.done.drain(..) {
        let _ = writer.send(result.clone());
    }
}

/// The group's transaction broke: everyone in it is told, and it is undone.
fn fail(batch: &mut Batch, error: &str) {
    batch.tx = None;
    batch.started = None;
    for writer in batch.done.drain(..) {
        let _ = writer.send(Err(error.to_owned()));
    }
}

impl Drop for Write {
    fn drop(&mut self) {
        // Not committed: undo this write's part (an error, or nothing to write), then let
        // the group go on. Awaiting is not possible here, so a task does it.
        if let Some(Inner::Grouped { group, mut batch }) = self.inner.take() {
            tokio::spawn(async move {
                if let Some(tx) = batch.tx.as_mut() {
                    let undone = async {
                        tx.execute("ROLLBACK TO write").await?;
                        tx.execute("RELEASE write").await
                    };
                    if let Err(e) = undone.await {
                        fail(&mut batch, &e.to_string());
                    }
                }
                finish_turn(&group, batch);
            });
        }
        // A transaction of its own rolls back when dropped (sqlx).
    }
}

impl Deref for Write {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match self.inner.as_ref().expect("an open write") {
            Inner::Own(tx) => tx,
            Inner::Grouped { batch, .. } => batch.tx.as_ref().expect("an open group"),
        }
    }
}

impl DerefMut for Write {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self.inner.as_mut().expect("an open write") {
            Inner::Own(tx) => tx,
            Inner::Grouped { batch, .. } => batch.tx.as_mut().expect("an open group"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use sqlx::Executor;

    async fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        store
            .writer()
            .execute("CREATE TABLE t (x INTEGER NOT NULL)")
            .await
            .unwrap();
        (dir, store)
    }

    async fn kept(store: &Store) -> Vec<i64> {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT x FROM t ORDER BY x")
            .fetch_all(store.pool())
            .await
            .unwrap();
        rows.into_iter().map(|(x,)| x).collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn writes_together_are_each_kept_or_undone_on_their_own_and_seen_once_answered() {
        let (_dir, store) = store().await;
        let mut writers = Vec::new();
        for x in 0..40_i64 {
            let store = store.clone();
            writers.push(tokio::spawn(async move {
                let mut tx = store.begin_write().await.unwrap();
                sqlx::query("INSERT INTO t (x) VALUES ($1)")
                    .bind(x)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                if x % 5 == 0 {
                    // This write fails after writing: only its own row is undone.
                    drop(tx);
                    return None;
                }
                tx.commit().await.unwrap();
                // Answered only once it is there for every reader.
                let seen: Option<(i64,)> = sqlx::query_as("SELECT x FROM t WHERE x = $1")
                    .bind(x)
                    .fetch_optional(store.pool())
                    .await
                    .unwrap();
                assert_eq!(seen, Some((x,)), "{x} was answered before it was kept");
                Some(x)
            }));
        }
        let mut answered = Vec::new();
        for writer in writers {
            if let Some(x) = writer.await.unwrap() {
                answered.push(x);
            }
        }
        answered.sort_unstable();
        assert_eq!(answered, (0..40).filter(|x| x % 5 != 0).collect::<Vec<_>>());
        assert_eq!(kept(&store).await, answered);
    }

    #[tokio::test]
    async fn a_write_given_up_before_its_turn_does_not_stop_the_others() {
        let (_dir, store) = store().await;
        let first = store.begin_write().await.unwrap();
        // A second writer waits for its turn, then its request is given up.
        let waiting = {
            let store = store.clone();
            tokio::spawn(async move { store.begin_write().await.map(|_| ()) })
        };
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        waiting.abort();
        let _ = waiting.await;
        let mut first = first;
        sqlx::query("INSERT INTO t (x) VALUES (7)")
            .execute(&mut *first)
            .await
            .unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(5), first.commit())
            .await
            .expect("the commit did not wait for a writer that had gone")
            .unwrap();
        assert_eq!(kept(&store).await, vec![7]);
        // And the next write goes ahead.
        let mut next = store.begin_write().await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (8)")
            .execute(&mut *next)
            .await
            .unwrap();
        next.commit().await.unwrap();
        assert_eq!(kept(&store).await, vec![7, 8]);
    }

    /// A write given up at any point of beginning, or of committing (a phone that went
    /// away mid-request), leaves the writer usable: the next write goes ahead and is kept.
    #[tokio::test]
    async fn a_write_given_up_while_it_begins_or_commits_leaves_the_writer_usable() {
        let (_dir, store) = store().await;
        let within = std::time::Duration::from_secs(5);
        for x in 0..20_i64 {
            // Polled once (the lock taken, BEGIN or SAVEPOINT sent), then given up.
            let _ = tokio::time::timeout(std::time::Duration::ZERO, store.begin_write()).await;
            let mut write = tokio::time::timeout(within, store.begin_write())
                .await
                .expect("the next write waited for one that had gone")
                .unwrap();
            sqlx::query("INSERT INTO t (x) VALUES ($1)")
                .bind(x)
                .execute(&mut *write)
                .await
                .unwrap();
            if x % 2 == 0 {
                // Given up while it commits: it is kept all the same, or undone, never stuck.
                let _ = tokio::time::timeout(std::time::Duration::ZERO, write.commit()).await;
            } else {
                write.commit().await.unwrap();
            }
        }
        let mut last = tokio::time::timeout(within, store.begin_write())
            .await
            .expect("the last write waited for one that had gone")
            .unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (100)")
            .execute(&mut *last)
            .await
            .unwrap();
        tokio::time::timeout(within, last.commit())
            .await
            .expect("the last commit never came")
            .unwrap();
        let kept = kept(&store).await;
        for x in (1..20).step_by(2).chain([100]) {
            assert!(
                kept.contains(&x),
                "{x} was answered as kept but is not: {kept:?}"
            );
        }
    }
}
