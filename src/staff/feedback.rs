//! A worker's or manager's view of one young person's feedback: the scores over time, a
//! flag when they drop, recording a session (or one that didn't happen), and "You said,
//! we did" on each.

use crate::api;
use crate::clock::today;
use crate::components::card::card;
use crate::components::chart::LineChart;
use crate::components::faces::round_score;
use crate::components::feedback::{FeedbackFor, PastFeedback};
use crate::components::fetched::Fetched;
use crate::components::form::{
    checked, ErrorSummary, Field, FieldError, FormProblems, Radio, Sender,
};
use crate::components::mood_history::MoodHistory;
use crate::components::reader::Reader;
use crate::components::status::loaded;
use crate::i18n::lang;
use crate::staff::params::young_person_id;
use crate::staff::words::t;
use chrono::NaiveDate;
use journey_core::dates::friendly_date;
use journey_core::feedback::{
    FeedbackOverview, MissedReason, NewSession, Session, SessionCorrection, SessionKind,
    SessionMode, FACE_MAX, FACE_MIN,
};
use journey_core::i18n::fill;
use journey_core::number::one_place;
use leptos::prelude::*;

/// `/young-people/:id/feedback`: a worker's or manager's view of one young person's.
#[component]
pub fn TheirFeedbackPage() -> impl IntoView {
    let id = young_person_id();
    move || {
        let id = id.get();
        view! { <FeedbackFor young_person_id=id reader=Reader::staff() body=their_feedback/> }
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
        return view! { <p>{t().staff.trend_none}</p> }.into_any();
    };
    let t = &t().staff;
    let max = FACE_MAX.to_string();
    let words = if scores.len() == 1 {
        fill(
            t.trend_one,
            &[("score", &round_score(first).to_string()), ("max", &max)],
        )
    } else {
        fill(
            t.trend_many,
            &[
                ("first", &round_score(first).to_string()),
                ("last", &round_score(last).to_string()),
                ("max", &max),
                ("n", &scores.len().to_string()),
            ],
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
                <line class="trend-low" x1="0" x2=one_place(width) y1=one_place(low_y) y2=one_place(low_y)/>
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
    let words = &t().staff;
    let first_name =
        overview.with_untracked(|o| o.as_ref().map(|o| o.first_name.clone()).unwrap_or_default());
    let flag = move || {
        overview
            .with(|o| o.as_ref().and_then(|o| o.flag))
            .map(|flag| {
                view! {
                    <div class="card flagged" role="status">
                        <h2>{words.worth_talking}</h2>
                        <p>{flag.explain(lang())}</p>
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
            {fill(words.feedback_lead, &[("name", &first_name)])}
        </p>
        {flag}
        {card("trend", words.over_time, "", view! {
            {trend}
        }.into_any())}
        <RecordSession young_person_id=young_person_id.clone() overview first_name=first_name.clone()/>
        <PastFeedback young_person_id overview reader=Reader::staff()/>
    }
}

fn kind_words(kind: SessionKind) -> &'static str {
    let t = &t().staff;
    match kind {
        SessionKind::OneToOne => t.one_to_one,
        SessionKind::Group => t.group,
    }
}

fn mode_words(mode: SessionMode) -> &'static str {
    let t = &t().staff;
    match mode {
        SessionMode::FaceToFace => t.face_to_face,
        SessionMode::Phone => t.phone,
        SessionMode::Online => t.online,
    }
}

const MISSED: [MissedReason; 4] = [
    MissedReason::CouldntMakeIt,
    MissedReason::DidntFeelLikeIt,
    MissedReason::CancelledByUs,
    MissedReason::SomethingElse,
];

/// "Did it happen?": nothing chosen at first (`None`), then yes (`Some(None)`) or why
/// not (`Some(Some(reason))`). The select's value for each.
fn happened_value(happened: Option<Option<MissedReason>>) -> String {
    match happened {
        None => String::new(),
        Some(None) => "happened".to_owned(),
        Some(Some(reason)) => MISSED
            .iter()
            .position(|m| *m == reason)
            .map(|i| i.to_string())
            .unwrap_or_default(),
    }
}

fn happened_from(value: &str) -> Option<Option<MissedReason>> {
    match value {
        "happened" => Some(None),
        other => other
            .parse::<usize>()
            .ok()
            .and_then(|i| MISSED.get(i).copied())
            .map(Some),
    }
}

/// "Did it happen?", a select that starts at "Choose one", with its problem by it.
#[component]
fn HappenedField(
    id: String,
    happened: RwSignal<Option<Option<MissedReason>>>,
    problems: RwSignal<FormProblems>,
) -> impl IntoView {
    let words = &t().session_fix;
    let error = {
        let id = id.clone();
        Memo::new(move |_| problems.with(|p| p.field(&id)))
    };
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>{words.did_it_happen}</label>
            <FieldError id=error_id error/>
            <select
                id=id.clone()
                name=id
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                on:change=move |ev| happened.set(happened_from(&event_target_value(&ev)))
                prop:value=move || happened_value(happened.get())
            >
                <option value="">{words.choose}</option>
                <option value="happened">{words.happened}</option>
                {MISSED
                    .iter()
                    .enumerate()
                    .map(|(i, reason)| view! {
                        <option value=i.to_string()>
                            {fill(words.didnt, &[("reason", &reason.label(lang()).to_lowercase())])}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The two answers every session form needs before it can be sent: a real date, and
/// "Did it happen?" not left at "Choose one". `field` names each box on this form (the
/// record form's, or one correction's). Each problem is said by its box.
fn date_and_happened(
    held_on: &str,
    happened: Option<Option<MissedReason>>,
    field: impl Fn(&str) -> String,
) -> Result<(NaiveDate, Option<MissedReason>), FormProblems> {
    let mut found = Vec::new();
    let date = journey_core::iso::parse_day(held_on).ok_or(());
    if date.is_err() {
        found.push(journey_core::FieldError::new(
            field("held_on"),
            t().staff_view.real_date,
        ));
    }
    if happened.is_none() {
        found.push(journey_core::FieldError::new(
            field("missed"),
            t().session_fix.choose_happened,
        ));
    }
    match (date, happened) {
        (Ok(date), Some(missed)) => Ok((date, missed)),
        _ => Err(FormProblems::fields(found)),
    }
}

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
    // Nothing chosen until the worker says whether it happened.
    let happened = RwSignal::new(None::<Option<MissedReason>>);
    let problems = RwSignal::new(FormProblems::default());
    let client_id = api::ClientId::new();
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
            happened.set(None);
            problems.set(FormProblems::default());
            client_id.saved();
            saved.set(true);
            Ok(())
        },
    );
    let on_submit = save.on_submit(problems, move || {
        saved.set(false);
        let (date, missed) = date_and_happened(
            &held_on.get_untracked(),
            happened.get_untracked(),
            str::to_owned,
        )?;
        let mut new = NewSession {
            client_id: String::new(),
            held_on: date,
            kind: kind.get_untracked(),
            mode: mode.get_untracked(),
            with_whom: with_whom.get_untracked(),
            missed,
        };
        new.client_id = client_id.for_sending(&new);
        checked(new, |new| new.validate(today))
    });
    let words = &t().staff;
    let editing = RwSignal::new(None::<i64>);
    let changed = RwSignal::new(None::<&'static str>);
    let sessions = move || {
        let mut list =
            overview.with(|o| o.as_ref().map(|o| o.sessions.clone()).unwrap_or_default());
        list.reverse();
        (!list.is_empty()).then(|| {
            view! {
                <h3>{words.sessions_so_far}</h3>
                {move || changed.get().map(|words| view! {
                    <p class="confirmation" role="status">{words}</p>
                })}
                <ul class="sessions">
                    {list
                        .into_iter()
                        .map(|s| view! {
                            <SessionItem session=s young_person_id=id.get_value() overview editing changed/>
                        })
                        .collect_view()}
                </ul>
            }
        })
    };
    view! {
        {card("record-session", words.record_session, "", view! {
            <p class="hint">{fill(words.record_hint, &[("name", &first_name)])}</p>
            {move || saved.get().then(|| view! {
                <p class="confirmation" role="status">{words.session_saved}</p>
            })}
            <form class="form" on:submit=on_submit novalidate>
                <ErrorSummary title=words.session_not_saved problems id="session-summary"/>
                <SessionFields prefix="" held_on kind mode with_whom happened problems/>
                {save.button(t().common.saving, words.save_session)}
            </form>
            {sessions}
        }.into_any())}
    }
}

/// The fields of a session, to record or correct one: ids start with `prefix`.
#[component]
fn SessionFields(
    #[prop(into)] prefix: String,
    held_on: RwSignal<String>,
    kind: RwSignal<SessionKind>,
    mode: RwSignal<SessionMode>,
    with_whom: RwSignal<String>,
    happened: RwSignal<Option<Option<MissedReason>>>,
    problems: RwSignal<FormProblems>,
) -> impl IntoView {
    let kind_choices = [SessionKind::OneToOne, SessionKind::Group]
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            view! {
                <Radio
                    id=format!("{prefix}kind-{i}")
                    name=format!("{prefix}kind")
                    checked=move || kind.get() == choice
                    on_pick=move || kind.set(choice)
                >
                    {kind_words(choice)}
                </Radio>
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
    let words = &t().staff;
    let mode_value = move || match mode.get() {
        SessionMode::FaceToFace => "face_to_face",
        SessionMode::Phone => "phone",
        SessionMode::Online => "online",
    };
    view! {
        <Field id=format!("{prefix}held_on") label=words.date input_type="date" value=held_on problems/>
        <fieldset class="choices">
            <legend>{words.session_kind}</legend>
            {kind_choices}
        </fieldset>
        <div class="field">
            <label for=format!("{prefix}mode")>{words.session_how}</label>
            <select id=format!("{prefix}mode") on:change=on_mode prop:value=mode_value>
                <option value="face_to_face">{mode_words(SessionMode::FaceToFace)}</option>
                <option value="phone">{mode_words(SessionMode::Phone)}</option>
                <option value="online">{mode_words(SessionMode::Online)}</option>
            </select>
        </div>
        <Field id=format!("{prefix}with_whom") label=words.with_whom value=with_whom problems/>
        <HappenedField id=format!("{prefix}missed") happened problems/>
    }
}

/// One session in the list: what it was, and for who recorded it (or a manager),
/// "Correct" and "Remove".
#[component]
fn SessionItem(
    session: Session,
    young_person_id: String,
    overview: RwSignal<Option<FeedbackOverview>>,
    editing: RwSignal<Option<i64>>,
    changed: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let words = &t().session_fix;
    let staff = &t().staff;
    let today = today();
    let lang = crate::i18n::lang();
    let date = friendly_date(lang, session.held_on, today);
    let what = match session.missed {
        Some(reason) => fill(
            staff.session_didnt,
            &[("reason", &reason.label(lang).to_lowercase())],
        ),
        None => format!(
            "{}, {}",
            kind_words(session.kind),
            mode_words(session.mode).to_lowercase()
        ),
    };
    let with = (!session.with_whom.trim().is_empty()).then(|| {
        format!(
            " {}",
            fill(staff.session_with, &[("name", &session.with_whom)])
        )
    });
    let feedback = session
        .has_feedback
        .then(|| view! { <span class="tag has-account">{staff.feedback_given}</span> });
    let corrected = session.corrected.clone().map(|c| view! {
        <p class="step-meta">{fill(words.corrected_by, &[("name", &c.by), ("date", &friendly_date(lang, c.on, today))])}</p>
    });
    let session_id = session.id;
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(young_person_id);
    let remove_problems = RwSignal::new(FormProblems::default());
    let remove = Sender::form(
        remove_problems,
        move |()| {
            let id = id.get_value();
            async move { api::remove_session(&id, session_id).await }
        },
        move |_, result| {
            result?;
            editing.set(None);
            changed.set(Some(t().session_fix.removed));
            overview.update(|o| {
                if let Some(o) = o.as_mut() {
                    o.remove_session(session_id);
                }
            });
            Ok(())
        },
    );
    let on_remove = remove.on_submit(remove_problems, || Ok(()));
    let can_change = session.can_change;
    // One with the young person's feedback stays (it can still be corrected).
    let can_remove = can_change && !session.has_feedback;
    let stored = StoredValue::new(session);
    let date_words = StoredValue::new(date.clone());
    view! {
        <li class="session-item">
            <strong>{date.clone()}</strong>
            <span>{format!(": {what}")}{with}</span>
            " " {feedback}
            {corrected}
            {can_change.then(|| view! {
                <div class="session-actions">
                    <button type="button" class="button secondary"
                        aria-expanded=move || (editing.get() == Some(session_id)).to_string()
                        on:click=move |_| {
                            changed.set(None);
                            confirming.set(false);
                            editing.set(if editing.get_untracked() == Some(session_id) { None } else { Some(session_id) });
                        }>
                        {words.correct}<span class="visually-hidden">{format!(" {}", date_words.get_value())}</span>
                    </button>
                    {can_remove.then(|| view! {
                        <button type="button" class="button secondary"
                            on:click=move |_| {
                                changed.set(None);
                                editing.set(None);
                                confirming.set(true);
                            }>
                            {words.remove}<span class="visually-hidden">{format!(" {}", date_words.get_value())}</span>
                        </button>
                    })}
                </div>
            })}
            {move || confirming.get().then(|| view! {
                <form class="form remove-session" on:submit=on_remove novalidate>
                    <ErrorSummary title=words.not_removed problems=remove_problems id=format!("remove-{session_id}-summary")/>
                    <p>{fill(words.remove_confirm, &[("date", &date_words.get_value())])}</p>
                    <button type="submit" class="button">{remove.words(words.removing, words.remove_yes)}</button>
                    <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>{words.keep}</button>
                </form>
            })}
            {move || (editing.get() == Some(session_id)).then(|| view! {
                <CorrectSession session=stored.get_value() young_person_id=id.get_value() overview editing changed/>
            })}
        </li>
    }
}

/// Correcting a session recorded by mistake: its fields as they are, then "Save
/// correction". The server keeps the session as it was, with who and when.
#[component]
fn CorrectSession(
    session: Session,
    young_person_id: String,
    overview: RwSignal<Option<FeedbackOverview>>,
    editing: RwSignal<Option<i64>>,
    changed: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let words = &t().session_fix;
    let today = today();
    let before = SessionCorrection::of(&session);
    let session_id = session.id;
    let prefix = StoredValue::new(format!("fix-{session_id}"));
    let held_on = RwSignal::new(before.held_on.to_string());
    let kind = RwSignal::new(before.kind);
    let mode = RwSignal::new(before.mode);
    let with_whom = RwSignal::new(before.with_whom.clone());
    let happened = RwSignal::new(Some(before.missed));
    let problems = RwSignal::new(FormProblems::default());
    let id = StoredValue::new(young_person_id);
    let field = move |name: &str| format!("{}-{name}", prefix.get_value());
    let save = Sender::form(
        problems,
        move |input: SessionCorrection| {
            let id = id.get_value();
            async move { api::correct_session(&id, session_id, &input).await }
        },
        move |_, result| {
            let session = result
                .map_err(|failure| FormProblems::from(failure).prefixed(&prefix.get_value()))?;
            overview.update(|o| {
                if let Some(o) = o.as_mut() {
                    o.put_session(session);
                }
            });
            editing.set(None);
            changed.set(Some(t().session_fix.corrected));
            Ok(())
        },
    );
    let on_submit = save.on_submit(problems, move || {
        let (date, missed) =
            date_and_happened(&held_on.get_untracked(), happened.get_untracked(), field)?;
        let input = SessionCorrection {
            held_on: date,
            kind: kind.get_untracked(),
            mode: mode.get_untracked(),
            with_whom: with_whom.get_untracked(),
            missed,
        };
        checked(input, |input| input.validate(today))
            .map_err(|found| found.prefixed(&prefix.get_value()))
    });
    let title_id = format!("fix-{session_id}-title");
    let title = fill(
        words.correct_title,
        &[(
            "date",
            &friendly_date(crate::i18n::lang(), session.held_on, today),
        )],
    );
    view! {
        <section class="correct-session" aria-labelledby=title_id.clone()>
            <h4 id=title_id.clone()>{title}</h4>
            <form class="form" on:submit=on_submit novalidate>
                <ErrorSummary title=words.not_saved problems id=format!("fix-{session_id}-summary")/>
                <SessionFields prefix=format!("fix-{session_id}-") held_on kind mode with_whom happened problems/>
                {save.button(words.saving, words.save)}
                <button type="button" class="button secondary" on:click=move |_| editing.set(None)>{words.cancel}</button>
            </form>
        </section>
    }
}

/// A worker's view of a young person's recent check-ins, for before the next session.
#[component]
pub fn TheirCheckIns(young_person_id: String, first_name: String) -> impl IntoView {
    let words = &t().staff;
    let id = StoredValue::new(young_person_id);
    let found = Fetched::new(move || {
        let id = id.get_value();
        async move { api::check_ins(&id).await }
    });
    view! {
        {card("check-ins-title", words.check_ins_title, "", view! {
            {loaded(found, words.check_ins_loading, words.check_ins_not_found, move |list| {
                list.map(|list| view! { <MoodHistory check_ins=list whose=first_name.clone()/> }.into_any())
            })}
        }.into_any())}
    }
}
