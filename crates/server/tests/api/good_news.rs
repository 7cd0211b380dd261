//! "Share good news": the young person shares it (once, however often it is sent), their
//! worker or the worker's manager replies (audited, without the words), and nobody else
//! reads or answers it.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{
    AuditEntry, GoodNews, GoodNewsAbout, GoodNewsReply, HeardBack, HeardBackItem, HeardBackKind,
    DEMO_YOUNG_PERSON_ID,
};
use serde_json::json;

fn uri(what: &str) -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/{what}")
}

fn replies(news_id: i64) -> String {
    uri(&format!("good-news/{news_id}/replies"))
}

#[tokio::test]
async fn good_news_is_shared_once_as_typed_and_only_by_the_young_person() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    // The demo has two already: one with Sam's reply, one waiting.
    let before: Vec<GoodNews> = app.get_as(&uri("good-news"), &alex).await.json();
    assert_eq!(before.len(), 2);
    assert!(before[0].waiting_for_reply());
    assert_eq!(before[1].replies[0].by, "Sam Rivers");

    let body = json!({"client_id": "good-1", "about": "school", "words": "  I got a merit  \n"});
    let reply = app
        .post_as(&uri("good-news"), body.clone(), &alex)
        .await
        .expect_status(StatusCode::CREATED);
    let news: GoodNews = reply.json();
    assert_eq!(news.words.as_deref(), Some("  I got a merit  \n"));
    assert_eq!(news.about, Some(GoodNewsAbout::School));
    assert!(news.replies.is_empty());
    // Sent again after a lost answer: recorded once, answered with the same.
    let again = app.post_as(&uri("good-news"), body, &alex).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<GoodNews>(), news);
    // A choice alone is enough; words only of spaces are kept as none.
    let choice = app
        .post_as(
            &uri("good-news"),
            json!({"client_id": "good-2", "about": "how_i_feel", "words": "   "}),
            &alex,
        )
        .await
        .expect_status(StatusCode::CREATED);
    assert_eq!(choice.json::<GoodNews>().words, None);
    // Nothing at all to send is explained, not stored.
    let empty = app
        .post_as(&uri("good-news"), json!({"client_id": "good-3"}), &alex)
        .await;
    assert_invalid(&empty);
    assert!(empty.text().contains("good_news_empty"), "{}", empty.text());
    let too_long = app
        .post_as(
            &uri("good-news"),
            json!({"client_id": "good-4", "words": "x".repeat(1001)}),
            &alex,
        )
        .await;
    assert_invalid(&too_long);

    // Their worker and the worker's manager read it, newest first.
    for (username, password) in [SAM, MORGAN] {
        let cookie = app.sign_in(username, password).await;
        let seen: Vec<GoodNews> = app.get_as(&uri("good-news"), &cookie).await.json();
        assert_eq!(seen.len(), 4, "{username}");
        assert_eq!(seen[1], news, "{username}");
        assert_eq!(seen[0].about, Some(GoodNewsAbout::HowIFeel));
        // Only the young person shares their own good news.
        let by_staff = app
            .post_as(
                &uri("good-news"),
                json!({"client_id": format!("staff-{username}"), "words": "Hi"}),
                &cookie,
            )
            .await;
        assert_forbidden(&by_staff);
    }
    // Nothing of Alex's shows under Jordan.
    let jordan_path = format!("/api/v1/young-people/{JORDAN_ID}/good-news");
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let jordans: Vec<GoodNews> = app.get_as(&jordan_path, &sam).await.json();
    assert!(jordans.is_empty());
}

#[tokio::test]
async fn the_worker_replies_and_the_young_person_reads_it_under_their_news() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let news: GoodNews = app
        .post_as(
            &uri("good-news"),
            json!({"client_id": "news-for-reply", "words": "I made a new friend called Ash"}),
            &alex,
        )
        .await
        .json();
    let body = json!({"words": "That's lovely, Alex. Ash sounds kind.", "client_id": "reply-1"});
    let sent = app
        .post_as(&replies(news.id), body.clone(), &sam)
        .await
        .expect_status(StatusCode::CREATED);
    let reply: GoodNewsReply = sent.json();
    assert_eq!(reply.by, "Sam Rivers");
    // Sent twice (a double tap, a lost answer): kept once.
    let again = app.post_as(&replies(news.id), body, &sam).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<GoodNewsReply>(), reply);
    // The manager may reply too; without a client_id each is new.
    let by_morgan = app
        .post_as(
            &replies(news.id),
            json!({"words": "Well done from me too."}),
            &morgan,
        )
        .await;
    assert_eq!(
        by_morgan.status,
        StatusCode::CREATED,
        "{}",
        by_morgan.text()
    );
    // A reply needs words.
    let blank = app
        .post_as(&replies(news.id), json!({"words": "  "}), &sam)
        .await;
    assert_invalid(&blank);
    // The young person does not reply to their own news here.
    let by_alex = app
        .post_as(&replies(news.id), json!({"words": "Thanks"}), &alex)
        .await;
    assert_forbidden(&by_alex);
    // Alex's news through Jordan's address: not found (Sam may see Jordan, but the news
    // is not Jordan's); a news id that is not a number: not found.
    for path in [
        format!(
            "/api/v1/young-people/{JORDAN_ID}/good-news/{}/replies",
            news.id
        ),
        uri("good-news/not-a-number/replies"),
    ] {
        let wrong = app.post_as(&path, json!({"words": "Hi"}), &sam).await;
        assert_not_found(&wrong);
    }

    // Alex reads both replies under the news, oldest first.
    let list: Vec<GoodNews> = app.get_as(&uri("good-news"), &alex).await.json();
    let mine = list.iter().find(|n| n.id == news.id).unwrap();
    let words: Vec<&str> = mine.replies.iter().map(|r| r.words.as_str()).collect();
    assert_eq!(
        words,
        [
            "That's lovely, Alex. Ash sounds kind.",
            "Well done from me too."
        ]
    );

    // In "What's happened since you told us": every reply, newest first.
    let heard: HeardBack = app.get_as(&uri("heard-back"), &alex).await.json();
    let replies: Vec<&HeardBackItem> = heard
        .items
        .iter()
        .filter(|item| item.kind == HeardBackKind::GoodNewsReply)
        .collect();
    assert_eq!(replies.len(), 3, "{heard:?}"); // the demo's reply too
    assert_eq!(replies[0].by, "Morgan Lee");
    assert_eq!(replies[0].link, "/good-news");
    assert_eq!(
        (&replies[1].by, &replies[1].words, replies[1].at),
        (&reply.by, &reply.words, reply.at)
    );
    assert!(replies[2].words.contains("worked so hard at training"));

    // Audited for the team's manager, with who and what, never the words.
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let replied: Vec<&AuditEntry> = log
        .iter()
        .filter(|e| e.action == "replied to good news")
        .collect();
    assert_eq!(replied.len(), 2, "{log:?}");
    assert!(replied.iter().any(|e| e.who == "Sam Rivers (worker)"));
    assert!(log.iter().any(|e| e.action == "shared good news"));
    let text = app.get_as("/api/v1/audit", &morgan).await.text();
    for words in ["Ash", "new friend", "Well done"] {
        assert!(!text.contains(words), "{words:?} in the audit log");
    }
}

#[tokio::test]
async fn another_teams_worker_and_manager_neither_read_nor_reply() {
    let app = spawn_app(true).await;
    app.add_other_team().await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let news: GoodNews = app
        .post_as(
            &uri("good-news"),
            json!({"client_id": "private-news", "words": "My own good news"}),
            &alex,
        )
        .await
        .json();
    for username in ["riley", "casey"] {
        let cookie = app.sign_in(username, OTHER_TEAM_PASSWORD).await;
        let read = app.get_as(&uri("good-news"), &cookie).await;
        assert_not_found(&read);
        assert!(!read.text().contains("My own good news"));
        let answer = app
            .post_as(&replies(news.id), json!({"words": "Hello"}), &cookie)
            .await;
        assert_not_found(&answer);
    }
    let list: Vec<GoodNews> = app.get_as(&uri("good-news"), &alex).await.json();
    assert!(list
        .iter()
        .all(|n| n.replies.iter().all(|r| r.words != "Hello")));
    // Signed out: 401.
    let nobody = app.get(&uri("good-news")).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
}
