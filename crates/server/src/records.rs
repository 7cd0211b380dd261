//! "My records": everything stored about a young person, gathered for download as JSON
//! and as a readable page that prints well. Whoever asks sees what they could see anyway
//! (a worker still never reads a concern about themselves); every download is audited.

use crate::accounts::audit_about;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use journey_core::records::MyRecords;
use journey_core::{Lang, Plan, YoungPersonId};

/// The page is in English for now; the labels come from the same tables as the app.
const EN: Lang = Lang::En;

impl Store {
    pub async fn records(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
    ) -> Result<MyRecords, ApiError> {
        let young_person = caller.role == journey_core::Role::YoungPerson;
        let journey = self.journey(id, young_person).await?;
        let plan_versions = self.plan_versions(id).await?;
        let username: Option<(String,)> =
            sqlx::query_as("SELECT username FROM accounts WHERE young_person_id = ?")
                .bind(id.as_str())
                .fetch_optional(self.pool())
                .await?;
        let goals = self.goals(id).await?;
        let records = MyRecords {
            made_at: Utc::now(),
            first_name: goals.first_name.clone(),
            username: username.map(|(name,)| name),
            journey,
            plan_versions,
            feedback: self.feedback(caller, id).await?,
            goals,
            concerns: self.concerns_for(caller, id).await?,
            check_ins: self.check_ins(id).await?,
            safety_flags: self.safety_flags_for(id).await?,
        };
        let mut tx = self.writer().begin().await?;
        audit_about(&mut tx, caller, "downloaded the records", id.as_str()).await?;
        tx.commit().await?;
        Ok(records)
    }
}

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

fn date(on: NaiveDate, today: NaiveDate) -> String {
    journey_core::dates::long_date(EN, on, today)
}

fn moment(at: DateTime<Utc>, today: NaiveDate) -> String {
    format!(
        "{} at {} (UTC)",
        date(at.date_naive(), today),
        at.format("%H:%M")
    )
}

fn moment_text(at: &str, today: NaiveDate) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|at| moment(at.with_timezone(&Utc), today))
        .unwrap_or_else(|_| escape(at))
}

/// Someone's own words, kept exactly: line breaks shown, nothing interpreted.
fn words(text: &str) -> String {
    format!("<p class=\"words\">{}</p>", escape(text))
}

fn plan_html(out: &mut String, plan: &Plan, today: NaiveDate) {
    out.push_str(&format!(
        "<h3>Why there is a plan</h3>{}",
        words(&plan.reason)
    ));
    if !plan.outcomes.is_empty() {
        out.push_str("<h3>What we hope will change</h3><ul>");
        for outcome in &plan.outcomes {
            out.push_str(&format!("<li>{}</li>", escape(outcome)));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h3>What will happen</h3><ol>");
    for step in &plan.steps {
        let by_when = step
            .by_when
            .map(|d| format!(", by {}", date(d, today)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<li>{} <span class=\"meta\">({}{by_when}; {})</span></li>",
            escape(&step.what),
            escape(&step.who),
            step.status.label(EN)
        ));
    }
    out.push_str("</ol>");
    out.push_str(&format!(
        "<h3>Keeping safe</h3>{}<h3>If things go wrong</h3>{}<p>Next review: {}</p>",
        words(&plan.keeping_safe),
        words(&plan.contingency),
        date(plan.next_review, today)
    ));
    if let Some(last) = &plan.last_review {
        out.push_str(&format!(
            "<p>Last review, {}:</p>{}",
            date(last.date, today),
            words(&last.what_happened)
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

/// The records as one readable page, with print styles. Everything typed by a person is
/// escaped; nothing is loaded from elsewhere.
pub fn records_html(records: &MyRecords) -> String {
    let today = records.made_at.date_naive();
    let name = escape(&records.first_name);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{name}'s records from My Journey</title><style>{STYLE}</style></head><body><main>\
<h1>{name}'s records from My Journey</h1>\
<p>Everything My Journey keeps about you, made on {}. Your own words are shown exactly as you wrote them.</p>\
<p>Please keep this somewhere private: it is about you.</p>",
        moment(records.made_at, today)
    ));
    if let Some(username) = &records.username {
        out.push_str(&format!("<p>Your username: {}</p>", escape(username)));
    }

    out.push_str("<h2>My Journey: your plan</h2>");
    match &records.journey {
        Some(journey) => {
            if let Some(worker) = &journey.worker {
                out.push_str(&format!(
                    "<h3>Your worker</h3><p>{} ({}). {}</p><p>You meet: {}</p>",
                    escape(&worker.name),
                    escape(&worker.role),
                    escape(&worker.why),
                    escape(&worker.meets)
                ));
            }
            plan_html(&mut out, &journey.plan, today);
            if !journey.views.is_empty() {
                out.push_str("<h3>My view</h3>");
                for view in &journey.views {
                    out.push_str(&format!(
                        "<p class=\"meta\">{}, {}{}</p>{}",
                        escape(&view.by),
                        moment(view.at, today),
                        view.stance
                            .map(|s| format!(": {}", s.label(EN)))
                            .unwrap_or_default(),
                        words(&view.words)
                    ));
                }
            }
            for change in &journey.worker_changes {
                out.push_str(&format!(
                    "<p>{}: your worker became {}. {}</p>",
                    date(change.on, today),
                    escape(&change.new_worker),
                    escape(&change.why)
                ));
            }
        }
        None => out.push_str("<p>There is no plan yet.</p>"),
    }
    if records.plan_versions.len() > 1 {
        out.push_str("<h2>Earlier versions of your plan</h2>");
        for version in records.plan_versions.iter().rev().skip(1) {
            out.push_str(&format!(
                "<section class=\"version\"><h3>Version {}, by {}, {}</h3>",
                version.version,
                escape(&version.by),
                moment(version.at, today)
            ));
            plan_html(&mut out, &version.plan, today);
            out.push_str("</section>");
        }
    }

    part(
        &mut out,
        "Goals",
        records.goals.goals.is_empty(),
        "No goals yet.",
    );
    for goal in &records.goals.goals {
        out.push_str(&format!(
            "<section><h3>{}</h3><p class=\"meta\">Started {}; {}; typed by {}</p>",
            escape(&goal.words),
            date(goal.set_on, today),
            goal.status.label(EN),
            escape(&goal.typed_by)
        ));
        if let Some(help) = &goal.what_will_help {
            out.push_str(&format!("<p>What will help:</p>{}", words(help)));
        }
        if let Some(reason) = &goal.closed_reason {
            out.push_str(&format!("<p>Why it was closed:</p>{}", words(reason)));
        }
        for earlier in &goal.earlier_words {
            out.push_str(&format!(
                "<p class=\"meta\">Until {}, in words typed by {}:</p>{}",
                date(earlier.until, today),
                escape(&earlier.typed_by),
                words(&earlier.words)
            ));
        }
        if !goal.ratings.is_empty() {
            out.push_str("<table><tr><th scope=\"col\">Session</th><th scope=\"col\">How close (0 to 10)</th></tr>");
            for point in &goal.ratings {
                let rating = point
                    .rating
                    .map(|r| r.value().to_string())
                    .unwrap_or_else(|| "Rather not say".into());
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{rating}</td></tr>",
                    date(point.on, today)
                ));
            }
            out.push_str("</table>");
        }
        out.push_str("</section>");
    }

    out.push_str("<h2>Sessions and feedback</h2>");
    for session in &records.feedback.sessions {
        let happened = match session.missed {
            Some(reason) => format!(" — {}", reason.label()),
            None => String::new(),
        };
        out.push_str(&format!(
            "<p>Session on {} with {}{happened}</p>",
            date(session.held_on, today),
            escape(&session.with_whom)
        ));
    }
    if records.feedback.feedback.is_empty() {
        out.push_str("<p>No feedback yet.</p>");
    }
    for feedback in &records.feedback.feedback {
        out.push_str(&format!(
            "<section><h3>Feedback given {}</h3><ul>",
            date(feedback.given_on, today)
        ));
        for answer in &feedback.answers {
            let said = match answer.answer {
                journey_core::feedback::Answer::Face(face) => {
                    format!("{face} out of {}", journey_core::feedback::FACE_MAX)
                }
                journey_core::feedback::Answer::RatherNotSay => "Rather not say".into(),
            };
            out.push_str(&format!("<li>{}: {said}</li>", answer.question.text(EN)));
        }
        out.push_str("</ul>");
        if let Some(comment) = &feedback.comment {
            out.push_str(&format!("<p>What you wrote:</p>{}", words(comment)));
        }
        for follow_up in &feedback.follow_ups {
            out.push_str(&format!(
                "<p class=\"meta\">{}, {}:</p>{}",
                escape(&follow_up.by),
                moment(follow_up.at, today),
                words(&follow_up.words)
            ));
        }
        out.push_str("</section>");
    }

    part(
        &mut out,
        "Concerns and complaints",
        records.concerns.is_empty(),
        "None.",
    );
    for concern in &records.concerns {
        out.push_str(&format!(
            "<section><h3>Reference {}</h3><p class=\"meta\">Sent {}; {}; seen by: {}</p>{}",
            escape(&concern.reference),
            date(concern.raised_on, today),
            concern.status.label(EN),
            concern.who_sees.label(EN),
            words(&concern.words)
        ));
        if let Some(help) = &concern.what_would_help {
            out.push_str(&format!("<p>What would help:</p>{}", words(help)));
        }
        for reply in &concern.replies {
            out.push_str(&format!(
                "<p class=\"meta\">Answer from {}, {}:</p>{}",
                escape(&reply.by),
                date(reply.on, today),
                words(&reply.words)
            ));
        }
        out.push_str("</section>");
    }

    part(&mut out, "Check-ins", records.check_ins.is_empty(), "None.");
    for check_in in &records.check_ins {
        let mood = check_in
            .mood
            .map(|m| m.label(EN).to_owned())
            .unwrap_or_else(|| "Rather not say".into());
        out.push_str(&format!(
            "<p class=\"meta\">{}: {}</p>",
            moment_text(&check_in.at, today),
            escape(&mood)
        ));
        if let Some(said) = &check_in.words {
            out.push_str(&words(said));
        }
    }

    part(
        &mut out,
        "When you said you didn't feel safe",
        records.safety_flags.is_empty(),
        "None.",
    );
    for flag in &records.safety_flags {
        out.push_str(&format!(
            "<section><p class=\"meta\">{}</p>",
            moment_text(&flag.raised_at, today)
        ));
        if let Some(said) = &flag.words {
            out.push_str(&words(said));
        }
        for action in &flag.actions {
            out.push_str(&format!(
                "<p class=\"meta\">What {} did, {}:</p>{}",
                escape(&action.by),
                moment_text(&action.at, today),
                words(&action.words)
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
