//! The store's side of "Share good news": what a young person shares (idempotent by the
//! app's `client_id`), and the replies of their worker or the worker's manager
//! (idempotent by a `client_id` when one is sent), each audited with no one's words.

use crate::audit::store::audit_about;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::repeat::{earlier, Kept};
use crate::store::Store;
use chrono::{DateTime, Utc};
use journey_core::i18n::words::Problem;
use journey_core::{
    GoodNews, GoodNewsAbout, GoodNewsReply, NewGoodNews, NewGoodNewsReply, YoungPersonId,
};

/// Good news shown back: the newest this many.
const GOOD_NEWS_SHOWN: i64 = 50;

type NewsRow = (i64, Option<String>, Option<String>, String);
type ReplyRow = (i64, i64, String, String, String);

fn parse_time(text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ApiError::Internal("bad stored time"))
}

fn news_from((id, about, words, at): NewsRow) -> Result<GoodNews, ApiError> {
    Ok(GoodNews {
        id,
        about: about.as_deref().and_then(GoodNewsAbout::parse),
        words,
        at: parse_time(&at)?,
        replies: Vec::new(),
    })
}

fn reply_from((id, _, words, by, at): ReplyRow) -> Result<GoodNewsReply, ApiError> {
    Ok(GoodNewsReply {
        id,
        words,
        by,
        at: parse_time(&at)?,
    })
}

const REPLY_SELECT: &str = "SELECT r.id, r.good_news_id, r.words, r.by_name, r.created_at
     FROM good_news_replies r JOIN good_news g ON g.id = r.good_news_id";

impl Store {
    /// The young person shares good news: it, and `false` when the same `client_id` was
    /// kept already (nothing new is recorded). Words are kept exactly as typed; words
    /// that are only spaces are kept as none.
    pub async fn share_good_news(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &NewGoodNews,
    ) -> Result<(GoodNews, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(kept) = earlier(&mut tx, Kept::GoodNews, id.as_str(), &input.client_id).await? {
            tx.commit().await?;
            let news_id: i64 = kept
                .parse()
                .map_err(|_| ApiError::Internal("a good news id"))?;
            return Ok((self.one_good_news(id, news_id).await?, false));
        }
        let at = Utc::now();
        let words = input.words.as_deref().filter(|w| !w.trim().is_empty());
        let (news_id,): (i64,) = sqlx::query_as(
            "INSERT INTO good_news (young_person_id, client_id, about, words, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(input.about.map(GoodNewsAbout::as_str))
        .bind(words)
        .bind(&caller.account_id)
        .bind(at.to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        audit_about(&mut tx, caller, "shared good news", id.as_str()).await?;
        tx.commit().await?;
        let news = GoodNews {
            id: news_id,
            about: input.about,
            words: words.map(str::to_owned),
            at: parse_time(&at.to_rfc3339())?,
            replies: Vec::new(),
        };
        Ok((news, true))
    }

    /// One piece of the young person's good news with its replies; not theirs: not found.
    async fn one_good_news(&self, id: &YoungPersonId, news_id: i64) -> Result<GoodNews, ApiError> {
        let row: Option<NewsRow> = sqlx::query_as(
            "SELECT id, about, words, created_at FROM good_news WHERE id = $1 AND young_person_id = $2",
        )
        .bind(news_id)
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?;
        let mut news = news_from(row.ok_or(ApiError::NotFound(Problem::no_good_news))?)?;
        let replies: Vec<ReplyRow> = sqlx::query_as(&format!(
            "{REPLY_SELECT} WHERE r.good_news_id = $1 ORDER BY r.id"
        ))
        .bind(news_id)
        .fetch_all(self.pool())
        .await?;
        news.replies = replies
            .into_iter()
            .map(reply_from)
            .collect::<Result<_, _>>()?;
        Ok(news)
    }

    /// A young person's good news, newest first (the newest [`GOOD_NEWS_SHOWN`]), each
    /// with its replies oldest first. Two queries, however many there are.
    pub async fn good_news_for(&self, id: &YoungPersonId) -> Result<Vec<GoodNews>, ApiError> {
        self.newest_good_news(id, GOOD_NEWS_SHOWN).await
    }

    /// All of it, for "My records".
    pub async fn every_good_news(&self, id: &YoungPersonId) -> Result<Vec<GoodNews>, ApiError> {
        self.newest_good_news(id, i64::MAX).await
    }

    async fn newest_good_news(
        &self,
        id: &YoungPersonId,
        limit: i64,
    ) -> Result<Vec<GoodNews>, ApiError> {
        let rows: Vec<NewsRow> = sqlx::query_as(
            "SELECT id, about, words, created_at FROM good_news WHERE young_person_id = $1
             ORDER BY id DESC LIMIT $2",
        )
        .bind(id.as_str())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut list = rows
            .into_iter()
            .map(news_from)
            .collect::<Result<Vec<_>, _>>()?;
        let Some(oldest) = list.last().map(|n| n.id) else {
            return Ok(list);
        };
        let replies: Vec<ReplyRow> = sqlx::query_as(&format!(
            "{REPLY_SELECT} WHERE g.young_person_id = $1 AND g.id >= $2 ORDER BY r.id"
        ))
        .bind(id.as_str())
        .bind(oldest)
        .fetch_all(self.pool())
        .await?;
        for row in replies {
            let news_id = row.1;
            let reply = reply_from(row)?;
            if let Some(news) = list.iter_mut().find(|n| n.id == news_id) {
                news.replies.push(reply);
            }
        }
        Ok(list)
    }

    /// A worker or manager who may see the young person (the caller's access is checked
    /// before this) replies to one piece of their good news: the reply, and `false` when
    /// the same `client_id` was kept already. Good news that is not this young person's:
    /// not found. Audited, without the words.
    pub async fn reply_to_good_news(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        news_id: i64,
        input: &NewGoodNewsReply,
    ) -> Result<(GoodNewsReply, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM good_news WHERE id = $1 AND young_person_id = $2")
                .bind(news_id)
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if found.is_none() {
            return Err(ApiError::NotFound(Problem::no_good_news));
        }
        if let Some(client_id) = &input.client_id {
            if let Some(kept) =
                earlier(&mut tx, Kept::GoodNewsReply, id.as_str(), client_id).await?
            {
                tx.commit().await?;
                let reply_id: i64 = kept
                    .parse()
                    .map_err(|_| ApiError::Internal("a good news reply id"))?;
                let row: ReplyRow = sqlx::query_as(&format!("{REPLY_SELECT} WHERE r.id = $1"))
                    .bind(reply_id)
                    .fetch_one(self.pool())
                    .await?;
                return Ok((reply_from(row)?, false));
            }
        }
        let at = Utc::now();
        let (reply_id,): (i64,) = sqlx::query_as(
            "INSERT INTO good_news_replies (good_news_id, client_id, words, by_name, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(news_id)
        .bind(input.client_id.as_deref())
        .bind(&input.words)
        .bind(&caller.display_name)
        .bind(&caller.account_id)
        .bind(at.to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        audit_about(&mut tx, caller, "replied to good news", id.as_str()).await?;
        tx.commit().await?;
        Ok((
            GoodNewsReply {
                id: reply_id,
                words: input.words.clone(),
                by: caller.display_name.clone(),
                at: parse_time(&at.to_rfc3339())?,
            },
            true,
        ))
    }
}
