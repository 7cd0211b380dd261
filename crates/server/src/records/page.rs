//! "My records" as a readable page that prints well, in English or Welsh.

use chrono::{DateTime, NaiveDate, Utc};
use journey_core::i18n::fill;
use journey_core::records::MyRecords;
use journey_core::{Lang, Plan};

/// Text made safe to put in HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's own policy: nothing loads, nothing runs, and its one inline style is
/// allowed by its SHA-256 (made once). The server sends it with the page, and the page
/// carries it too, so a copy saved and opened from disk keeps it (`frame-ancestors`
/// works only as a header).
pub fn content_security_policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| format!("{}; frame-ancestors 'none'", page_policy()))
}

/// The policy the page carries in its `<meta>`.
fn page_policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE));
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'"
        )
    })
}

/// Dates and moments in the page's language, as the app says them.
#[derive(Clone, Copy)]
struct Dates {
    lang: Lang,
    today: NaiveDate,
}

impl Dates {
    fn date(self, on: NaiveDate) -> String {
        journey_core::dates::long_date(self.lang, on, self.today)
    }

    fn moment(self, at: DateTime<Utc>) -> String {
        fill(
            self.lang.later().records.moment,
            &[
                ("date", &self.date(at.date_naive())),
                ("time", &at.format("%H:%M").to_string()),
            ],
        )
    }

    fn moment_text(self, at: &str) -> String {
        DateTime::parse_from_rfc3339(at)
            .map(|at| self.moment(at.with_timezone(&Utc)))
            .unwrap_or_else(|_| escape(at))
    }
}

/// Someone's own words, kept exactly: line breaks shown, nothing interpreted.
fn words(text: &str) -> String {
    format!("<p class=\"words\">{}</p>", escape(text))
}

/// A label, then someone's words under it.
fn labelled(label: &str, text: &str) -> String {
    format!("<p>{label}</p>{}", words(text))
}

/// A line saying who (and when), then their words.
fn said_by(meta: &str, text: &str) -> String {
    format!("<p class=\"meta\">{meta}</p>{}", words(text))
}

fn plan_html(out: &mut String, plan: &Plan, d: Dates) {
    let w = &d.lang.later().records;
    out.push_str(&format!("<h3>{}</h3>{}", w.why_plan, words(&plan.reason)));
    if !plan.outcomes.is_empty() {
        out.push_str(&format!("<h3>{}</h3><ul>", w.hopes));
        for outcome in &plan.outcomes {
            out.push_str(&format!("<li>{}</li>", escape(outcome)));
        }
        out.push_str("</ul>");
    }
    out.push_str(&format!("<h3>{}</h3><ol>", w.steps));
    for step in &plan.steps {
        let who = escape(&step.who);
        let status = step.status.label(d.lang);
        let meta = match step.by_when {
            Some(by) => fill(
                w.step_meta_by,
                &[("who", &who), ("date", &d.date(by)), ("status", status)],
            ),
            None => fill(w.step_meta, &[("who", &who), ("status", status)]),
        };
        out.push_str(&format!(
            "<li>{} <span class=\"meta\">({meta})</span></li>",
            escape(&step.what)
        ));
    }
    out.push_str("</ol>");
    out.push_str(&format!(
        "<h3>{}</h3>{}<h3>{}</h3>{}<p>{}</p>",
        w.keeping_safe,
        words(&plan.keeping_safe),
        w.if_wrong,
        words(&plan.contingency),
        fill(w.next_review, &[("date", &d.date(plan.next_review))])
    ));
    if let Some(last) = &plan.last_review {
        out.push_str(&labelled(
            &fill(w.last_review, &[("date", &d.date(last.date))]),
            &last.what_happened,
        ));
    }
}

/// A part of the page: its heading, and what to say when there is nothing in it.
fn part(out: &mut String, title: &str, empty: bool, none: &str) {
    out.push_str(&format!("<h2>{title}</h2>"));
    if empty {
        out.push_str(&format!("<p>{none}</p>"));
    }
}

/// The records as one readable page in the reader's language, with print styles.
/// Everything typed by a person is escaped; nothing is loaded from elsewhere.
pub fn records_html(records: &MyRecords, lang: Lang) -> String {
    let d = Dates {
        lang,
        today: records.made_at.date_naive(),
    };
    let w = &lang.later().records;
    let rather_not_say = lang.text().common.rather_not_say;
    let name = escape(&records.first_name);
    let title = fill(w.title, &[("name", &name)]);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>{STYLE}</style></head><body><main>\
<h1>{title}</h1><p>{}</p><p>{}</p><p>{}</p>",
        lang.code(),
        page_policy(),
        w.intro,
        fill(w.made, &[("when", &d.moment(records.made_at))]),
        w.private
    ));
    if let Some(username) = &records.username {
        out.push_str(&format!(
            "<p>{}</p>",
            fill(w.username, &[("username", &escape(username))])
        ));
    }

    out.push_str(&format!("<h2>{}</h2>", w.plan_title));
    match &records.journey {
        Some(journey) => {
            if let Some(worker) = &journey.worker {
                out.push_str(&format!(
                    "<h3>{}</h3><p>{} ({}). {}</p><p>{}</p>",
                    w.your_worker,
                    escape(&worker.name),
                    escape(&worker.role),
                    escape(&worker.why),
                    fill(w.you_meet, &[("how", &escape(&worker.meets))])
                ));
            }
            plan_html(&mut out, &journey.plan, d);
            if !journey.views.is_empty() {
                out.push_str(&format!("<h3>{}</h3>", w.views));
                for view in &journey.views {
                    let stance = view
                        .stance
                        .map(|s| format!(": {}", s.label(lang)))
                        .unwrap_or_default();
                    let meta = format!("{}, {}{stance}", escape(&view.by), d.moment(view.at));
                    out.push_str(&said_by(&meta, &view.words));
                }
            }
            for change in &journey.worker_changes {
                out.push_str(&format!(
                    "<p>{}</p>",
                    fill(
                        w.worker_became,
                        &[
                            ("date", &d.date(change.on)),
                            ("name", &escape(&change.new_worker)),
                            ("why", &escape(&change.why)),
                        ]
                    )
                ));
            }
        }
        None => out.push_str(&format!("<p>{}</p>", w.no_plan)),
    }
    if records.plan_versions.len() > 1 {
        out.push_str(&format!("<h2>{}</h2>", w.earlier_versions));
        for version in records.plan_versions.iter().rev().skip(1) {
            out.push_str(&format!(
                "<section class=\"version\"><h3>{}</h3>",
                fill(
                    w.version,
                    &[
                        ("n", &version.version.to_string()),
                        ("by", &escape(&version.by)),
                        ("when", &d.moment(version.at)),
                    ]
                )
            ));
            plan_html(&mut out, &version.plan, d);
            out.push_str("</section>");
        }
    }

    part(
        &mut out,
        w.goals,
        records.goals.goals.is_empty(),
        w.no_goals,
    );
    for goal in &records.goals.goals {
        out.push_str(&format!(
            "<section><h3>{}</h3><p class=\"meta\">{}</p>",
            escape(&goal.words),
            fill(
                w.goal_meta,
                &[
                    ("date", &d.date(goal.set_on)),
                    ("status", goal.status.label(lang)),
                    ("by", &escape(&goal.typed_by)),
                ]
            )
        ));
        if let Some(help) = &goal.what_will_help {
            out.push_str(&labelled(w.what_will_help, help));
        }
        if let Some(reason) = &goal.closed_reason {
            out.push_str(&labelled(w.why_closed, reason));
        }
        for earlier in &goal.earlier_words {
            out.push_str(&said_by(
                &fill(
                    w.earlier_words,
                    &[
                        ("date", &d.date(earlier.until)),
                        ("by", &escape(&earlier.typed_by)),
                    ],
                ),
                &earlier.words,
            ));
        }
        if !goal.ratings.is_empty() {
            out.push_str(&format!(
                "<table><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
                w.session_col, w.how_close_col
            ));
            for point in &goal.ratings {
                let rating = point
                    .rating
                    .map(|r| r.value().to_string())
                    .unwrap_or_else(|| rather_not_say.into());
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{rating}</td></tr>",
                    d.date(point.on)
                ));
            }
            out.push_str("</table>");
        }
        out.push_str("</section>");
    }

    part(
        &mut out,
        w.sessions_title,
        records.feedback.feedback.is_empty(),
        w.no_feedback,
    );
    for session in &records.feedback.sessions {
        let happened = match session.missed {
            Some(reason) => format!(" — {}", reason.label(lang)),
            None => String::new(),
        };
        out.push_str(&format!(
            "<p>{}{happened}</p>",
            fill(
                w.session_line,
                &[
                    ("date", &d.date(session.held_on)),
                    ("who", &escape(&session.with_whom)),
                ]
            )
        ));
    }
    for feedback in &records.feedback.feedback {
        out.push_str(&format!(
            "<section><h3>{}</h3><ul>",
            fill(w.feedback_given, &[("date", &d.date(feedback.given_on))])
        ));
        for answer in &feedback.answers {
            let said = match answer.answer {
                journey_core::feedback::Answer::Face(face) => fill(
                    w.face_of,
                    &[
                        ("face", &face.to_string()),
                        ("max", &journey_core::feedback::FACE_MAX.to_string()),
                    ],
                ),
                journey_core::feedback::Answer::RatherNotSay => rather_not_say.into(),
            };
            out.push_str(&format!("<li>{}: {said}</li>", answer.question.text(lang)));
        }
        out.push_str("</ul>");
        if let Some(comment) = &feedback.comment {
            out.push_str(&labelled(w.what_you_wrote, comment));
        }
        for follow_up in &feedback.follow_ups {
            let meta = format!("{}, {}:", escape(&follow_up.by), d.moment(follow_up.at));
            out.push_str(&said_by(&meta, &follow_up.words));
        }
        out.push_str("</section>");
    }

    part(
        &mut out,
        w.concerns_title,
        records.concerns.is_empty(),
        w.none,
    );
    for concern in &records.concerns {
        out.push_str(&format!(
            "<section><h3>{}</h3><p class=\"meta\">{}</p>{}",
            fill(w.reference, &[("reference", &escape(&concern.reference))]),
            fill(
                w.concern_meta,
                &[
                    ("date", &d.date(concern.raised_on)),
                    ("status", concern.status.label(lang)),
                    (
                        "who",
                        concern.sees.label_at(lang, concern.who_sees, concern.stage)
                    ),
                ]
            ),
            words(&concern.words)
        ));
        if let Some(help) = &concern.what_would_help {
            out.push_str(&labelled(w.what_would_help, help));
        }
        for reply in &concern.replies {
            out.push_str(&said_by(
                &fill(
                    w.answer_from,
                    &[("by", &escape(&reply.by)), ("date", &d.date(reply.on))],
                ),
                &reply.words,
            ));
        }
        let asked = &lang.later().help;
        for again in &concern.asked_again {
            out.push_str(&format!(
                "<p class=\"meta\">{}</p>",
                fill(asked.asked_again, &[("date", &d.date(again.on))])
            ));
            if let Some(still) = &again.words {
                out.push_str(&labelled(asked.still_wrong_label, still));
            }
        }
        out.push_str("</section>");
    }

    part(&mut out, w.check_ins, records.check_ins.is_empty(), w.none);
    for check_in in &records.check_ins {
        let mood = check_in.mood.map_or(rather_not_say, |m| m.label(lang));
        out.push_str(&format!(
            "<p class=\"meta\">{}: {}</p>",
            d.moment_text(&check_in.at),
            escape(mood)
        ));
        if let Some(said) = &check_in.words {
            out.push_str(&words(said));
        }
    }

    part(
        &mut out,
        w.not_safe_title,
        records.safety_flags.is_empty(),
        w.none,
    );
    for flag in &records.safety_flags {
        out.push_str(&format!(
            "<section><p class=\"meta\">{}</p>",
            d.moment_text(&flag.raised_at)
        ));
        if let Some(said) = &flag.words {
            out.push_str(&words(said));
        }
        for action in &flag.actions {
            out.push_str(&format!(
                "<p class=\"meta\">{}</p>{}",
                fill(
                    w.what_they_did,
                    &[
                        ("by", &escape(&action.by)),
                        ("when", &d.moment_text(&action.at)),
                    ]
                ),
                if action.words.is_empty() {
                    String::new()
                } else {
                    words(&action.words)
                }
            ));
            if let Some(message) = &action.message {
                out.push_str(&words(message));
            }
        }
        out.push_str("</section>");
    }
    let g = &lang.later().good_news_screens;
    part(
        &mut out,
        g.yours_title,
        records.good_news.is_empty(),
        w.none,
    );
    for news in &records.good_news {
        out.push_str(&format!(
            "<section><p class=\"meta\">{}</p>",
            fill(g.shared, &[("when", &d.moment(news.at))])
        ));
        if let Some(about) = news.about {
            out.push_str(&format!("<p>{}</p>", escape(about.label(lang))));
        }
        if let Some(said) = &news.words {
            out.push_str(&words(said));
        }
        for reply in &news.replies {
            out.push_str(&said_by(
                &fill(
                    g.reply_from,
                    &[("name", &escape(&reply.by)), ("when", &d.moment(reply.at))],
                ),
                &reply.words,
            ));
        }
        out.push_str("</section>");
    }
    out.push_str("</main></body></html>");
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;margin:0}\
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #1b1b1b}\
h3{font-size:1.1rem;margin-bottom:.25rem}.words{white-space:pre-wrap;border-left:4px solid #5b4ba0;padding-left:.75rem}\
.meta{color:#444;margin-bottom:.25rem}table{border-collapse:collapse}td,th{border:1px solid #888;padding:.25rem .5rem;text-align:left}\
section{break-inside:avoid}@media print{h2{break-after:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_nothing_to_interpret() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
