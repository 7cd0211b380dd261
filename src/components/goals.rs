//! Goals as both apps show them: a goal card (the young person's words, where it is, the
//! progress picture, and their own changes to it), adding a goal, and rating them all
//! after a session. `/goals` (`young/goals.rs`) is the young person's own page; a
//! worker's session (`staff/co_fill.rs`) hands the device to the young person for these.

use crate::api;
use crate::clock::today;
use crate::components::draft::Draft;
use crate::components::form::{
    checked, focus_soon, ErrorSummary, Field, FormProblems, Radio, Sender,
};
use crate::components::outbox::Outbox;
use crate::components::progress_chart::ProgressChart;
use crate::components::rating_scale::{Answer, RatingScale};
use crate::components::reader::Reader;
use crate::components::who_can_see::WhoCanSee;
use crate::i18n::{lang, later, t};
use crate::store::Sending;
use journey_core::dates::friendly_date;
use journey_core::i18n::fill;
use journey_core::WhatIsSent;
use journey_core::{
    AgreedBy, FieldError, Goal, GoalDraft, GoalRating, GoalReword, GoalStatus, GoalStatusChange,
    Goals, RatingInput, SessionRatings, TypedBy,
};
use leptos::prelude::*;

/// What each goal card needs: whose goals, the goals as they are now (every save answers
/// with all of them), and who is reading.
#[derive(Clone, Copy)]
pub struct GoalsCtx {
    pub young_person_id: StoredValue<String>,
    pub goals: RwSignal<Goals>,
    pub reader: Reader,
    /// The words of a goal just reached, to celebrate.
    pub celebrate: RwSignal<Option<String>>,
}

impl GoalsCtx {
    pub fn new(young_person_id: String, goals: Goals, reader: Reader) -> GoalsCtx {
        GoalsCtx {
            young_person_id: StoredValue::new(young_person_id),
            goals: RwSignal::new(goals),
            reader,
            celebrate: RwSignal::new(None),
        }
    }

    pub fn active(self) -> Vec<Goal> {
        self.goals.with(|g| {
            g.goals
                .iter()
                .filter(|goal| goal.status.is_active())
                .cloned()
                .collect()
        })
    }

    pub fn closed(self) -> Vec<Goal> {
        self.goals.with(|g| {
            g.goals
                .iter()
                .filter(|goal| !goal.status.is_active())
                .cloned()
                .collect()
        })
    }

    pub fn max_active(self) -> usize {
        self.goals.with(|g| g.max_active)
    }
}

/// Change since the first rating, in words, for a worker.
pub fn change_words(goal: &Goal) -> String {
    let words = &later().goals;
    match journey_core::Progress::from_ratings(&goal.ratings).map(|p| p.change()) {
        None => words.not_rated.to_owned(),
        Some(0) => words.no_change.to_owned(),
        Some(up) if up > 0 => fill(words.up, &[("n", &up.to_string())]),
        Some(down) => fill(words.down, &[("n", &(-down).to_string())]),
    }
}

/// One goal: the words exactly as stored, marked as the young person's, what will help,
/// where it is, the progress picture, and the earlier words on a tap.
#[component]
pub fn GoalCard(goal: Goal, ctx: GoalsCtx) -> impl IntoView {
    let w = &later().goals;
    let today = today();
    let (t, lang) = (t(), lang());
    let own = ctx.reader == Reader::TheYoungPerson;
    let name = ctx.goals.with_untracked(|g| g.first_name.clone());
    let whose = if own {
        t.common.in_your_words.to_owned()
    } else {
        fill(t.common.in_their_words, &[("name", &name)])
    };
    let words_id = format!("goal-{}-words-shown", goal.id);
    let status_class = match goal.status {
        GoalStatus::WorkingOnIt => "badge",
        GoalStatus::Achieved => "badge achieved",
        GoalStatus::Paused | GoalStatus::LetGo => "badge resting",
    };
    // A young person's goals being worked on are already under "Working on it".
    let badge = (!own || !goal.status.is_active())
        .then(|| view! { <p class=status_class>{goal.status.label(lang)}</p> });
    let change = (!own).then(|| view! { <p class="change">{change_words(&goal)}</p> });
    let typed = (!own).then(|| {
        view! { <p class="step-meta">{fill(w.typed_by, &[("name", &goal.typed_by)])}</p> }
    });
    let earlier_count = goal.earlier_words.len();
    let earlier = (earlier_count > 0).then(|| {
        let items = goal
            .earlier_words
            .iter()
            .rev()
            .map(|before| {
                view! {
                    <li class="version">
                        <p class="prose">{before.words.clone()}</p>
                        <p class="step-meta">
                            {fill(
                                w.typed_by_until,
                                &[
                                    ("name", &before.typed_by),
                                    ("date", &friendly_date(lang, before.until, today)),
                                ],
                            )}
                        </p>
                    </li>
                }
            })
            .collect_view();
        let label = fill(w.earlier_words, &[("n", &earlier_count.to_string())]);
        view! {
            <details class="earlier">
                <summary>{label}</summary>
                <ol class="versions">{items}</ol>
            </details>
        }
    });
    let actions =
        own.then(|| view! { <GoalActions goal=goal.clone() ctx words_id=words_id.clone()/> });
    view! {
        <li class="card goal">
            {badge}
            <p class="goal-who">{whose}</p>
            <p class="prose goal-words" id=words_id>{goal.words.clone()}</p>
            {goal.what_will_help.clone().filter(|h| !h.trim().is_empty()).map(|help| view! {
                <p class="goal-help"><strong>{w.what_will_help}</strong> " " <span class="prose">{help}</span></p>
            })}
            {goal.closed_reason.clone().filter(|r| !r.trim().is_empty()).map(|reason| view! {
                <p class="goal-help"><strong>{t.common.why}</strong> " " <span class="prose">{reason}</span></p>
            })}
            <p class="step-meta">
                {fill(w.started, &[("date", &friendly_date(lang, goal.set_on, today))])}
            </p>
            {typed}
            {change}
            <ProgressChart ratings=goal.ratings.clone()/>
            {earlier}
            {actions}
        </li>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Reword,
    Status,
}

/// A young person's own changes to a goal: new words, or where it is now.
#[component]
fn GoalActions(goal: Goal, ctx: GoalsCtx, words_id: String) -> impl IntoView {
    let w = &later().goals;
    let (t, lang) = (t(), lang());
    let prefix = format!("goal-{}", goal.id);
    let goal_id = StoredValue::new(goal.id.clone());
    let goal_words = StoredValue::new(goal.words.clone());
    let open = RwSignal::new(Open::Nothing);
    let problems = RwSignal::new(FormProblems::default());
    let new_words = RwSignal::new(goal.words.clone());
    let status = RwSignal::new(None::<GoalStatus>);
    let reason = RwSignal::new(String::new());
    // New words and a reason are kept on the phone as they are typed, and the form opens
    // again by itself after a reload.
    let reword_kept = Draft::keep(
        format!("reword.{}", goal.id),
        move || {
            let words = new_words.get();
            if open.get() == Open::Reword && words != goal_words.get_value() {
                words
            } else {
                String::new()
            }
        },
        |found: String| {
            new_words.set(found);
            open.set(Open::Reword);
        },
    );
    let reason_kept = Draft::keep(
        format!("goal-reason.{}", goal.id),
        move || {
            if open.get() == Open::Status {
                reason.get()
            } else {
                String::new()
            }
        },
        |found: String| {
            reason.set(found);
            open.set(Open::Status);
        },
    );

    // Both answer with the goal as it is now: it takes its place in the list, and every
    // card is drawn again from it.
    let reword = {
        let prefix = prefix.clone();
        Sender::form(
            problems,
            move |reword: GoalReword| {
                let (id, goal_id) = (ctx.young_person_id.get_value(), goal_id.get_value());
                async move { api::reword_goal(&id, &goal_id, &reword).await }
            },
            move |_, result| {
                let goal =
                    result.map_err(|failure| FormProblems::from(failure).prefixed(&prefix))?;
                reword_kept.clear();
                ctx.goals.update(|goals| goals.put(goal));
                Ok(())
            },
        )
    };
    let change = {
        let prefix = prefix.clone();
        Sender::form(
            problems,
            move |change: GoalStatusChange| {
                let (id, goal_id) = (ctx.young_person_id.get_value(), goal_id.get_value());
                async move { api::change_goal_status(&id, &goal_id, &change).await }
            },
            move |_, result| {
                let reached = status.get_untracked() == Some(GoalStatus::Achieved);
                let goal =
                    result.map_err(|failure| FormProblems::from(failure).prefixed(&prefix))?;
                reason_kept.clear();
                if reached {
                    ctx.celebrate.set(Some(goal_words.get_value()));
                }
                // Last: every card is drawn again from the new goals.
                ctx.goals.update(|goals| goals.put(goal));
                Ok(())
            },
        )
    };

    let reword_form = {
        let prefix = prefix.clone();
        move || {
            let on_submit = {
                let prefix = prefix.clone();
                reword.on_submit(problems, move || {
                    let body = GoalReword {
                        words: new_words.get_untracked(),
                        typed_by: None,
                    };
                    checked(body, GoalReword::validate).map_err(|found| found.prefixed(&prefix))
                })
            };
            view! {
                <form class="view-form" on:submit=on_submit novalidate>
                    <ErrorSummary
                        title=w.reword_not_saved
                        problems
                        id=format!("{prefix}-summary")
                    />
                    <Field
                        id=format!("{prefix}-words")
                        label=w.reword_label
                        hint=w.reword_hint
                        value=new_words
                        problems
                        multiline=true
                    />
                    <WhoCanSee sending=WhatIsSent::Goal/>
                    <div class="actions">
                        {reword.button(t.common.saving, w.save_new_words)}
                        <CancelButton open problems/>
                    </div>
                </form>
            }
        }
    };

    let status_form = {
        let prefix = prefix.clone();
        move || {
            let choices = [GoalStatus::Achieved, GoalStatus::Paused, GoalStatus::LetGo]
                .into_iter()
                .map(|choice| {
                    view! {
                        <Radio
                            id=format!("{prefix}-status-{}", status_key(choice))
                            name=format!("{prefix}-status")
                            value=status_key(choice)
                            checked=move || status.get() == Some(choice)
                            on_pick=move || status.set(Some(choice))
                        >
                            {choice.label(lang)}
                        </Radio>
                    }
                })
                .collect_view();
            let status_id = format!("{prefix}-status");
            let status_error = {
                let status_id = status_id.clone();
                Memo::new(move |_| problems.with(|p| p.field(&status_id)))
            };
            let on_submit = {
                let (status_id, prefix) = (status_id.clone(), prefix.clone());
                change.on_submit(problems, move || {
                    let Some(chosen) = status.get_untracked() else {
                        return Err(FormProblems::fields(vec![FieldError::new(
                            status_id.clone(),
                            w.choose_one,
                        )]));
                    };
                    let why = reason.get_untracked();
                    let body = GoalStatusChange {
                        status: chosen,
                        reason: (!why.trim().is_empty()).then_some(why),
                    };
                    checked(body, GoalStatusChange::validate)
                        .map_err(|found| found.prefixed(&prefix))
                })
            };
            view! {
                <form class="view-form" on:submit=on_submit novalidate>
                    <ErrorSummary
                        title=w.status_not_saved
                        problems
                        id=format!("{prefix}-summary")
                    />
                    <fieldset class="choices" id=status_id.clone() tabindex="-1">
                        <legend>{w.status_legend}</legend>
                        <crate::components::form::FieldError
                            id=format!("{status_id}-error")
                            error=status_error
                        />
                        {choices}
                    </fieldset>
                    <Field
                        id=format!("{prefix}-reason")
                        label=w.why_label
                        value=reason
                        problems
                        multiline=true
                    />
                    <WhoCanSee sending=WhatIsSent::Goal/>
                    <div class="actions">
                        {change.button(t.common.saving, t.common.save)}
                        <CancelButton open problems/>
                    </div>
                </form>
            }
        }
    };

    let again = move |_| {
        let sent = change.send(GoalStatusChange {
            status: GoalStatus::WorkingOnIt,
            reason: None,
        });
        if sent {
            status.set(Some(GoalStatus::WorkingOnIt));
        }
    };
    let active = goal.status.is_active();
    let buttons = move || {
        let words_id = words_id.clone();
        if active {
            view! {
                <div class="actions">
                    <button
                        type="button"
                        class="button secondary"
                        aria-describedby=words_id.clone()
                        on:click=move |_| {
                            problems.set(FormProblems::default());
                            open.set(Open::Reword);
                        }
                    >
                        {w.change_words}
                    </button>
                    <button
                        type="button"
                        class="button secondary"
                        aria-describedby=words_id
                        on:click=move |_| {
                            problems.set(FormProblems::default());
                            open.set(Open::Status);
                        }
                    >
                        {w.got_there_or_rest}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="actions">
                    <button
                        type="button"
                        class="button secondary"
                        aria-describedby=words_id
                        on:click=again
                    >
                        {w.work_on_again}
                    </button>
                </div>
                {move || problems.get().fields.first().map(|p| p.message.clone())
                    .or(problems.get().message)
                    .map(|message| view! { <p class="error-message" role="alert">{message}</p> })}
            }
            .into_any()
        }
    };
    move || match open.get() {
        Open::Nothing => buttons().into_any(),
        Open::Reword => reword_form().into_any(),
        Open::Status => status_form().into_any(),
    }
}

#[component]
fn CancelButton(open: RwSignal<Open>, problems: RwSignal<FormProblems>) -> impl IntoView {
    let t = t();
    view! {
        <button
            type="button"
            class="button secondary"
            on:click=move |_| {
                problems.set(FormProblems::default());
                open.set(Open::Nothing);
            }
        >
            {t.common.cancel}
        </button>
    }
}

fn status_key(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::WorkingOnIt => "working-on-it",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Paused => "paused",
        GoalStatus::LetGo => "let-go",
    }
}

/// A new goal in the young person's own words, and what will help. `typed_by` is set on
/// a worker's device when it is the young person's turn.
#[component]
pub fn AddGoalForm(
    young_person_id: String,
    typed_by: Option<TypedBy>,
    agreed_by: AgreedBy,
    active_count: Signal<usize>,
    /// The goal made (to put in the list), and its words.
    on_saved: Callback<(Goal, String)>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let t = t();
    let w = &later().goals;
    let id = StoredValue::new(young_person_id);
    let words = RwSignal::new(String::new());
    let help = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    // The same until the goal is saved, so Save again after no answer makes it once.
    let client_id = api::ClientId::new();
    // Kept on the phone as they type, until the goal is saved.
    let kept = Draft::keep(
        format!("new-goal.{}", id.get_value()),
        move || (words.get(), help.get()),
        |(found_words, found_help)| {
            words.set(found_words);
            help.set(found_help);
        },
    );
    let save = Sender::form(
        problems,
        move |draft: GoalDraft| {
            let id = id.get_value();
            async move { api::add_goal(&id, &draft).await }
        },
        move |draft, result| {
            let goal =
                result.map_err(|failure| FormProblems::from(failure).prefixed("new-goal"))?;
            words.set(String::new());
            help.set(String::new());
            problems.set(FormProblems::default());
            kept.clear();
            client_id.saved();
            on_saved.run((goal, draft.words));
            Ok(())
        },
    );
    let on_submit = save.on_submit(problems, move || {
        // Kept exactly as typed: nothing is trimmed.
        let what_will_help = help.get_untracked();
        let draft = GoalDraft {
            words: words.get_untracked(),
            what_will_help: (!what_will_help.trim().is_empty()).then_some(what_will_help),
            agreed_by,
            typed_by,
            client_id: None,
        };
        checked(draft, |draft| draft.validate(active_count.get_untracked()))
            .map(|mut draft| {
                draft.client_id = Some(client_id.for_sending(&draft));
                draft
            })
            .map_err(|found| found.prefixed("new-goal"))
    });
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <ErrorSummary title=w.goal_not_saved problems id="new-goal-summary"/>
            <Field
                id="new-goal-words"
                label=w.new_label
                hint=w.new_hint
                value=words
                problems
                multiline=true
            />
            <Field
                id="new-goal-what_will_help"
                label=w.help_label
                value=help
                problems
                multiline=true
            />
            <WhoCanSee sending=WhatIsSent::Goal/>
            <div class="actions">
                {save.button(t.common.saving, w.save_goal)}
                {on_cancel.map(|cancel| view! {
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            // Left on purpose: nothing is kept for next time.
                            words.set(String::new());
                            help.set(String::new());
                            kept.clear();
                            cancel.run(());
                        }
                    >
                        {t.common.cancel}
                    </button>
                })}
            </div>
        </form>
    }
}

/// After the rating form: the goals as they are now, or none when the answers are waiting
/// on the phone; and each goal's words with its answer.
pub type RatingsSent = (Option<Vec<Goal>>, Vec<(String, Answer)>);

/// "How close are you?" for every goal being worked on, sent as one session. The id is
/// made once per form, so sending again after a lost answer is recorded once. Any goal
/// can be skipped; "I'd rather not say" is sent as a real answer.
#[component]
pub fn RateGoalsForm(
    young_person_id: String,
    goals: Vec<Goal>,
    typed_by: Option<TypedBy>,
    /// The goals rated, as they are now (none when there was no signal and the answers
    /// wait on the phone to be sent later), and what was sent: each goal's words and answer.
    on_saved: Callback<RatingsSent>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let t = t();
    let w = &later().goals;
    let id = StoredValue::new(young_person_id);
    let client_id = api::ClientId::new();
    let problems = RwSignal::new(FormProblems::default());
    let nothing = RwSignal::new(false);
    let answers: Vec<(Goal, RwSignal<Option<Answer>>)> = goals
        .into_iter()
        .map(|goal| (goal, RwSignal::new(None)))
        .collect();
    let answers = StoredValue::new(answers);
    // The answers chosen so far are kept on the phone, until they are sent (or wait in
    // the outbox).
    let kept = Draft::keep(
        format!("ratings.{}", id.get_value()),
        move || {
            answers.with_value(|answers| {
                answers
                    .iter()
                    .filter_map(|(goal, answer)| answer.get().map(|a| (goal.id.clone(), a)))
                    .collect::<Vec<(String, Answer)>>()
            })
        },
        |found| {
            answers.with_value(|answers| {
                for (goal, answer) in answers {
                    if let Some((_, a)) = found.iter().find(|(id, _)| *id == goal.id) {
                        answer.set(Some(*a));
                    }
                }
            })
        },
    );
    // What was sent, in order, so a problem with `ratings[1]` finds its goal.
    let sent = StoredValue::new(Vec::<(String, String, Answer)>::new());
    let outbox = Outbox::get();
    let said = move || {
        sent.get_value()
            .into_iter()
            .map(|(_, words, answer)| (words, answer))
            .collect()
    };
    let send = Sender::form(
        problems,
        move |ratings: SessionRatings| {
            let id = id.get_value();
            async move { api::rate_goals(&id, &ratings).await }
        },
        move |ratings, result| {
            // No signal, or a problem on our side: the answers wait on the phone (`None`).
            match outbox.or_wait(result, id.get_value(), || Sending::goal_ratings(&ratings)) {
                Ok(goals) => {
                    kept.clear();
                    on_saved.run((goals, said()));
                }
                Err(failure) => {
                    let mut found = FormProblems::from_failure(&failure);
                    let sent = sent.get_value();
                    for problem in &mut found.fields {
                        let index = problem
                            .field
                            .strip_prefix("ratings[")
                            .and_then(|rest| rest.strip_suffix(']'))
                            .and_then(|i| i.parse::<usize>().ok());
                        if let Some((goal_id, _, _)) = index.and_then(|i| sent.get(i)) {
                            problem.field = format!("rate-{goal_id}");
                        }
                    }
                    return Err(found);
                }
            }
            Ok(())
        },
    );
    let on_submit = send.on_submit(problems, move || {
        let chosen: Vec<(String, String, Answer)> = answers.with_value(|answers| {
            answers
                .iter()
                .filter_map(|(goal, answer)| {
                    answer
                        .get_untracked()
                        .map(|a| (goal.id.clone(), goal.words.clone(), a))
                })
                .collect()
        });
        if chosen.is_empty() {
            nothing.set(true);
            focus_soon("rate-nothing");
            // Nothing to fix: nothing was chosen, which the note says.
            return Err(FormProblems::default());
        }
        nothing.set(false);
        let ratings = chosen
            .iter()
            .map(|(goal_id, _, answer)| RatingInput {
                goal_id: goal_id.clone(),
                rating: match answer {
                    Answer::Number(n) => GoalRating::parse(*n).ok(),
                    Answer::RatherNotSay => None,
                },
            })
            .collect();
        sent.set_value(chosen);
        let mut ratings = SessionRatings {
            client_id: String::new(),
            ratings,
            typed_by,
        };
        ratings.client_id = client_id.for_sending(&ratings);
        Ok(ratings)
    });
    let scales = answers.with_value(|answers| {
        answers
            .iter()
            .map(|(goal, answer)| {
                let first = !goal.ratings.iter().any(|r| r.rating.is_some());
                let hint = if first {
                    w.first_rating_hint
                } else {
                    w.skip_rating_hint
                };
                view! {
                    <RatingScale
                        id=format!("rate-{}", goal.id)
                        legend=goal.words.clone()
                        hint=hint
                        answer=*answer
                        problems
                    />
                }
            })
            .collect_view()
    });
    view! {
        <form class="form rate-form" on:submit=on_submit novalidate>
            <ErrorSummary title=w.answers_not_sent problems id="rate-summary"/>
            <p>{w.scale_explained}</p>
            {scales}
            {move || nothing.get().then(|| view! {
                <p class="notice" id="rate-nothing" tabindex="-1" role="status">
                    {w.nothing_chosen}
                </p>
            })}
            <WhoCanSee sending=WhatIsSent::Goal/>
            <div class="actions">
                {send.button(t.common.sending, w.send_answers)}
                {on_cancel.map(|cancel| view! {
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            // Left on purpose: nothing is kept for next time.
                            answers.with_value(|a| a.iter().for_each(|(_, answer)| answer.set(None)));
                            kept.clear();
                            cancel.run(());
                        }
                    >
                        {t.common.cancel}
                    </button>
                })}
            </div>
        </form>
    }
}
