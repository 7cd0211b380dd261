//! A worker's or manager's view of one young person's feedback: the scores over time, a
//! flag when they drop, recording a session (or one that didn't happen), and "You said,
//! we did" on each.

use crate::api::{self, new_client_id};
use crate::clock::today;
use crate::components::chart::LineChart;
use crate::components::faces::round_score;
use crate::components::feedback::{FeedbackFor, PastFeedback};
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::mood_history::MoodHistory;
use crate::components::reader::Reader;
use crate::components::status::loaded;
use crate::staff::params::young_person_id;
use chrono::NaiveDate;
use journey_core::dates::friendly_date;
use journey_core::feedback::{
    FeedbackOverview, MissedReason, NewSession, SessionKind, SessionMode, FACE_MAX, FACE_MIN,
};
use leptos::prelude::*;

/// `/young-people/:id/feedback`: a worker's or manager's view of one young person's.
#[component]
pub fn TheirFeedbackPage() -> impl IntoView {
    let id = young_person_id();
    move || {
        let id = id.get();
        view! { <FeedbackFor young_person_id=id reader=Reader::Staff body=their_feedback/> }
    }
}

/// Their check-ins, then their feedback.
fn their_feedback(
    young_person_id: String,
    overview: RwSignal<Option<FeedbackOverview>>,
) -> AnyView {
    let first_name =
        overview.with_untracked(|o| o.as_ref().map(|o| o.first_name.clone()).unwrap_or_default());
    view! {
        <TheirCheckIns young_person_id=young_person_id.clone() first_name/>
        <StaffFeedback young_person_id overview/>
    }
    .into_any()
}

/// Scores over time, as a small line chart with the same in words beside it.
#[component]
fn ScoreTrend(scores: Vec<f32>) -> impl IntoView {
    let (Some(first), Some(last)) = (scores.first().copied(), scores.last().copied()) else {
        return view! { <p>"No scores yet: they show here once feedback with faces comes in."</p> }
            .into_any();
    };
    let words = if scores.len() == 1 {
        format!(
            "One score so far: {} out of {FACE_MAX}.",
            round_score(first)
        )
    } else {
        format!(
            "From {} to {} out of {FACE_MAX} over {} sessions.",
            round_score(first),
            round_score(last),
            scores.len()
        )
    };
    let (width, height, pad) = (300.0_f64, 120.0_f64, 12.0_f64);
    let step = if scores.len() > 1 {
        (width - 2.0 * pad) / (scores.len() - 1) as f64
    } else {
        0.0
    };
    let point = |i: usize, score: f32| {
        let x = pad + step * i as f64;
        let y = pad
            + (f64::from(FACE_MAX) - f64::from(score)) / f64::from(FACE_MAX - FACE_MIN)
                * (height - 2.0 * pad);
        (x, y)
    };
    let points = scores
        .iter()
        .enumerate()
        .map(|(i, s)| point(i, *s))
        .collect();
    let low_y = point(0, journey_core::feedback::LOW_SCORE).1;
    view! {
        <figure class="trend">
            <LineChart
                width
                height
                label=words.clone()
                points
                line_class="trend-line"
                dot_class="trend-dot"
                dot_size=5.0
            >
                <line class="trend-low" x1="0" x2=width y1=low_y y2=low_y/>
            </LineChart>
            <figcaption>{words}</figcaption>
        </figure>
    }
    .into_any()
}

#[component]
fn StaffFeedback(
    young_person_id: String,
    overview: RwSignal<Option<FeedbackOverview>>,
) -> impl IntoView {
    let first_name =
        overview.with_untracked(|o| o.as_ref().map(|o| o.first_name.clone()).unwrap_or_default());
    let flag = move || {
        overview
            .with(|o| o.as_ref().and_then(|o| o.flag))
            .map(|flag| {
                view! {
                    <div class="card flagged" role="status">
                        <h2>"Worth talking about"</h2>
                        <p>{flag.explain()}</p>
                    </div>
                }
            })
    };
    let trend = move || {
        let scores: Vec<f32> = overview.with(|o| {
            o.as_ref()
                .map(|o| o.feedback.iter().filter_map(|f| f.score).collect())
                .unwrap_or_default()
        });
        view! { <ScoreTrend scores/> }
    };
    view! {
        <p class="lead">
            {format!(
                "How {first_name} said their sessions went. They can skip any question, so \
                 gaps are fine."
            )}
        </p>
        {flag}
        <section class="card" aria-labelledby="trend">
            <h2 id="trend">"Over time"</h2>
            {trend}
        </section>
        <RecordSession young_person_id=young_person_id.clone() overview first_name=first_name.clone()/>
        <PastFeedback young_person_id overview reader=Reader::Staff/>
    }
}

fn kind_words(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::OneToOne => "One to one",
        SessionKind::Group => "Group",
    }
}

fn mode_words(mode: SessionMode) -> &'static str {
    match mode {
        SessionMode::FaceToFace => "Face to face",
        SessionMode::Phone => "Phone",
        SessionMode::Online => "Online",
    }
}

const MISSED: [MissedReason; 4] = [
    MissedReason::CouldntMakeIt,
    MissedReason::DidntFeelLikeIt,
    MissedReason::CancelledByUs,
    MissedReason::SomethingElse,
];

/// A worker records a session (so feedback can be about it), or one that didn't happen.
#[component]
fn RecordSession(
    young_person_id: String,
    overview: RwSignal<Option<FeedbackOverview>>,
    first_name: String,
) -> impl IntoView {
    let today = today();
    let id = StoredValue::new(young_person_id);
    let held_on = RwSignal::new(today.to_string());
    let kind = RwSignal::new(SessionKind::OneToOne);
    let mode = RwSignal::new(SessionMode::FaceToFace);
    let with_whom = RwSignal::new(String::new());
    let missed = RwSignal::new(None::<MissedReason>);
    let problems = RwSignal::new(FormProblems::default());
    let client_id = StoredValue::new(new_client_id());
    let saved = RwSignal::new(false);
    let save = Sender::form(
        problems,
        move |new: NewSession| {
            let id = id.get_value();
            async move { api::record_session(&id, &new).await }
        },
        move |_, result| {
            let session = result?;
            overview.update(|o| {
                if let Some(o) = o.as_mut() {
                    o.put_session(session);
                }
            });
            with_whom.set(String::new());
            missed.set(None);
            problems.set(FormProblems::default());
            client_id.set_value(new_client_id());
            saved.set(true);
            Ok(())
        },
    );
    let on_submit = save.on_submit(problems, move || {
        saved.set(false);
        let Ok(date) = held_on.get_untracked().parse::<NaiveDate>() else {
            return Err(FormProblems::fields(vec![journey_core::FieldError::new(
                "held_on",
                "Please give a real date, like 3 March 2027.",
            )]));
        };
        let new = NewSession {
            client_id: client_id.get_value(),
            held_on: date,
            kind: kind.get_untracked(),
            mode: mode.get_untracked(),
            with_whom: with_whom.get_untracked(),
            missed: missed.get_untracked(),
        };
        checked(new, |new| new.validate(today))
    });
    let sessions = move || {
        let mut list =
            overview.with(|o| o.as_ref().map(|o| o.sessions.clone()).unwrap_or_default());
        list.reverse();
        (!list.is_empty()).then(|| {
            view! {
                <h3>"Sessions so far"</h3>
                <ul class="sessions">
                    {list
                        .into_iter()
                        .map(|s| {
                            let what = match s.missed {
                                Some(reason) => format!("Didn't happen: {}", reason.label(journey_core::Lang::En).to_lowercase()),
                                None => format!("{}, {}", kind_words(s.kind), mode_words(s.mode).to_lowercase()),
                            };
                            let with = (!s.with_whom.trim().is_empty()).then(|| format!(" with {}", s.with_whom));
                            let feedback = s.has_feedback.then(|| view! { <span class="tag has-account">"Feedback given"</span> });
                            view! {
                                <li>
                                    <strong>{friendly_date(crate::i18n::lang(), s.held_on, today)}</strong>
                                    <span>{format!(": {what}")}{with}</span>
                                    " " {feedback}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    };
    let kind_choices = [SessionKind::OneToOne, SessionKind::Group]
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            let input_id = format!("kind-{i}");
            view! {
                <div class="choice">
                    <input type="radio" id=input_id.clone() name="kind"
                        prop:checked=move || kind.get() == choice
                        on:change=move |_| kind.set(choice)/>
                    <label for=input_id>{kind_words(choice)}</label>
                </div>
            }
        })
        .collect_view();
    let on_mode = move |ev| {
        mode.set(match event_target_value(&ev).as_str() {
            "phone" => SessionMode::Phone,
            "online" => SessionMode::Online,
            _ => SessionMode::FaceToFace,
        })
    };
    let on_missed = move |ev| {
        let value = event_target_value(&ev);
        missed.set(
            value
                .parse::<usize>()
                .ok()
                .and_then(|i| MISSED.get(i).copied()),
        );
    };
    view! {
        <section class="card" aria-labelledby="record-session">
            <h2 id="record-session">"Record a session"</h2>
            <p class="hint">
                {format!(
                    "{first_name} is asked about the latest session on their phone. Sessions \
                     that didn't happen are kept too, in kind words: nobody is in trouble."
                )}
            </p>
            {move || saved.get().then(|| view! {
                <p class="confirmation" role="status">"Saved."</p>
            })}
            <form class="form" on:submit=on_submit novalidate>
                <ErrorSummary title="The session has not been saved yet" problems id="session-summary"/>
                <Field id="held_on" label="Date" input_type="date" value=held_on problems/>
                <fieldset class="choices">
                    <legend>"What kind of session"</legend>
                    {kind_choices}
                </fieldset>
                <div class="field">
                    <label for="mode">"How"</label>
                    <select id="mode" on:change=on_mode>
                        <option value="face_to_face" selected=true>"Face to face"</option>
                        <option value="phone">"Phone"</option>
                        <option value="online">"Online"</option>
                    </select>
                </div>
                <Field id="with_whom" label="Who was there (you can skip this)" value=with_whom problems/>
                <div class="field">
                    <label for="missed">"Did it happen?"</label>
                    <select id="missed" on:change=on_missed prop:value=move || match missed.get() {
                        Some(reason) => MISSED.iter().position(|m| *m == reason).map(|i| i.to_string()).unwrap_or_default(),
                        None => "happened".to_owned(),
                    }>
                        <option value="happened">"Yes, it happened"</option>
                        {MISSED
                            .iter()
                            .enumerate()
                            .map(|(i, reason)| view! { <option value=i.to_string()>{format!("No: {}", reason.label(journey_core::Lang::En).to_lowercase())}</option> })
                            .collect_view()}
                    </select>
                </div>
                {save.button("Saving\u{2026}", "Save session")}
            </form>
            {sessions}
        </section>
    }
}

/// A worker's view of a young person's recent check-ins, for before the next session.
#[component]
pub fn TheirCheckIns(young_person_id: String, first_name: String) -> impl IntoView {
    let id = StoredValue::new(young_person_id);
    let found = LocalResource::new(move || {
        let id = id.get_value();
        async move { api::check_ins(&id).await }
    });
    view! {
        <section class="card" aria-labelledby="check-ins-title">
            <h2 id="check-ins-title">"How they've been (check-ins)"</h2>
            {loaded(found, "Getting check-ins\u{2026}", "We couldn't find their check-ins.", move |list| {
                list.map(|list| view! { <MoodHistory check_ins=list whose=first_name.clone()/> }.into_any())
            })}
        </section>
    }
}
