//! `/young-people/:id/plan`: a worker writes a young person's plan, or changes it. Every
//! save is a new version, and the young person is shown what changed. The words are for
//! the young person to read, so the form says so.

use crate::api::{self, ApiFailure};
use crate::clock::today;
use crate::components::fetched::Fetched;
use crate::components::form::{focus_soon, ErrorSummary, Field, FieldError, FormProblems, Sender};
use crate::components::once::effect;
use crate::components::status::{loaded, Flash};
use crate::staff::params::young_person_id;
use chrono::NaiveDate;
use journey_core::i18n::fill;
use journey_core::{
    FieldError as FieldProblem, LastReview, Plan, PlanEdit, PlanForEditing, PlanStep, ReviewChair,
    StepStatus,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn PlanEditorPage() -> impl IntoView {
    let id = young_person_id();
    move || {
        let id = id.get();
        view! { <PlanEditor young_person_id=id/> }
    }
}

#[component]
fn PlanEditor(young_person_id: String) -> impl IntoView {
    let id = StoredValue::new(young_person_id);
    let found = Fetched::new(move || {
        let id = id.get_value();
        async move { api::plan_for_editing(&id).await }
    });
    let words = &crate::staff::words::t().staff;
    let heading = move || match found.get() {
        Some(Ok(PlanForEditing {
            first_name,
            plan: Some(_),
            ..
        })) => fill(words.plan_title, &[("name", &first_name)]),
        Some(Ok(PlanForEditing { first_name, .. })) => {
            fill(words.plan_write_title, &[("name", &first_name)])
        }
        _ => words.plan_title_unknown.to_owned(),
    };
    view! {
        <p>
            <A href=format!("/young-people/{}", id.get_value()) attr:class="link-tap">
                {words.back_to_journey}
            </A>
        </p>
        <h1>{heading}</h1>
        {loaded(
            found,
            words.plan_loading,
            words.plan_not_found,
            move |editing| {
                editing.map(|editing| view! { <PlanForm young_person_id=id.get_value() editing/> }.into_any())
            },
        )}
    }
}

/// One hope being written. `key` names its fields, so a problem stays beside the right
/// box when another is removed.
#[derive(Clone, Copy)]
struct HopeRow {
    key: u32,
    text: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct StepRow {
    key: u32,
    /// The step's lasting id; empty for a new step (the server gives it one).
    id: StoredValue<String>,
    what: RwSignal<String>,
    who: RwSignal<String>,
    by_when: RwSignal<String>,
    status: RwSignal<StepStatus>,
}

/// The form's rows. New rows are made under the form's owner, so they last as long as
/// the form does.
#[derive(Clone, Copy)]
struct Rows {
    owner: StoredValue<Owner>,
    next_key: StoredValue<u32>,
    hopes: RwSignal<Vec<HopeRow>>,
    steps: RwSignal<Vec<StepRow>>,
}

impl Rows {
    fn key(self) -> u32 {
        self.next_key.update_value(|key| *key += 1);
        self.next_key.get_value()
    }

    fn add_hope(self, text: String) -> u32 {
        let key = self.key();
        let text = self
            .owner
            .with_value(|owner| owner.with(|| RwSignal::new(text)));
        self.hopes.update(|hopes| hopes.push(HopeRow { key, text }));
        key
    }

    fn add_step(self, step: PlanStep) -> u32 {
        let key = self.key();
        let row = self.owner.with_value(|owner| {
            owner.with(|| StepRow {
                key,
                id: StoredValue::new(step.id),
                what: RwSignal::new(step.what),
                who: RwSignal::new(step.who),
                by_when: RwSignal::new(step.by_when.map(iso).unwrap_or_default()),
                status: RwSignal::new(step.status),
            })
        });
        self.steps.update(|steps| steps.push(row));
        key
    }
}

/// What a date box holds: `2027-03-01`. Only ever read by the browser's date picker.
fn iso(date: NaiveDate) -> String {
    date.to_string()
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

fn hope_id(key: u32) -> String {
    format!("hope-{key}")
}

fn step_field_id(key: u32, part: &str) -> String {
    format!("step-{key}-{part}")
}

/// The API names a row's fields by place (`outcomes[1]`, `steps[0].what`); here each box
/// has the id of its row. Row problems also say which row, for the summary.
fn to_row_fields(problems: Vec<FieldProblem>, hopes: &[u32], steps: &[u32]) -> Vec<FieldProblem> {
    let words = &crate::staff::words::t().staff;
    problems
        .into_iter()
        .map(|problem| {
            let place = problem
                .field
                .split_once('[')
                .and_then(|(list, rest)| rest.split_once(']').map(|(n, part)| (list, n, part)))
                .and_then(|(list, n, part)| n.parse::<usize>().ok().map(|n| (list, n, part)));
            match place {
                Some(("outcomes", n, "")) if n < hopes.len() => FieldProblem::new(
                    hope_id(hopes[n]),
                    fill(
                        words.hope_problem,
                        &[("n", &(n + 1).to_string()), ("problem", &problem.message)],
                    ),
                ),
                Some(("steps", n, part)) if n < steps.len() => FieldProblem::new(
                    step_field_id(steps[n], part.trim_start_matches('.')),
                    fill(
                        words.step_problem,
                        &[("n", &(n + 1).to_string()), ("problem", &problem.message)],
                    ),
                ),
                _ => problem,
            }
        })
        .collect()
}

/// Where a field comes in the form, so the summary reads from top to bottom.
fn form_order(field: &str) -> (u8, usize, u8) {
    let index = field
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once(']'))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or(0);
    let part = if field.ends_with(".who") {
        1
    } else if field.ends_with(".by_when") {
        2
    } else {
        0
    };
    let place = match field {
        "reason" => 0,
        f if f.starts_with("outcomes") => 1,
        f if f.starts_with("steps") => 2,
        "keeping_safe" => 3,
        "contingency" => 4,
        "next_review" => 5,
        "last_review.date" => 6,
        "last_review.what_happened" => 7,
        "review_chair.username" => 8,
        "review_chair.role" => 9,
        _ => 10,
    };
    (place, index, part)
}

#[component]
fn PlanForm(young_person_id: String, editing: PlanForEditing) -> impl IntoView {
    let flash = Flash::get();
    let navigate = use_navigate();
    let today = today();
    let id = StoredValue::new(young_person_id);
    let PlanForEditing {
        first_name,
        version,
        plan,
    } = editing;
    let name = StoredValue::new(first_name);
    let t = crate::staff::words::t();
    let words = &t.staff;

    let plan = plan.unwrap_or_else(|| Plan {
        // A new plan starts with one empty hope and one empty step to fill in.
        reason: String::new(),
        outcomes: vec![String::new()],
        steps: vec![PlanStep {
            id: String::new(),
            what: String::new(),
            who: String::new(),
            by_when: None,
            status: StepStatus::ComingUp,
        }],
        keeping_safe: String::new(),
        contingency: String::new(),
        next_review: today,
        last_review: None,
        review_chair: None,
    });
    let reason = RwSignal::new(plan.reason);
    let keeping_safe = RwSignal::new(plan.keeping_safe);
    let contingency = RwSignal::new(plan.contingency);
    let next_review = RwSignal::new(if version.is_some() {
        iso(plan.next_review)
    } else {
        String::new()
    });
    let (last_date, last_what) = match plan.last_review {
        Some(last) => (iso(last.date), last.what_happened),
        None => (String::new(), String::new()),
    };
    let last_date = RwSignal::new(last_date);
    let last_what = RwSignal::new(last_what);
    // Who chairs the review: a member of staff by username, and their job in the young
    // person's words. Empty username: nobody named yet.
    let review_words = &crate::staff::words::t().review_screens;
    let (chair_username, chair_role) = match plan.review_chair {
        Some(chair) => (chair.username, chair.role),
        None => (
            String::new(),
            review_words.staff_chair_role_default.to_owned(),
        ),
    };
    let chair_username = RwSignal::new(chair_username);
    let chair_role = RwSignal::new(chair_role);
    let rows = Rows {
        owner: StoredValue::new(Owner::current().unwrap_or_default()),
        next_key: StoredValue::new(0),
        hopes: RwSignal::new(Vec::new()),
        steps: RwSignal::new(Vec::new()),
    };
    for hope in plan.outcomes {
        rows.add_hope(hope);
    }
    for step in plan.steps {
        rows.add_step(step);
    }

    let problems = RwSignal::new(FormProblems::default());
    // The version this edit starts from. After a clash, the newest, once the worker has
    // been told: saving again then makes their version the newest.
    let based_on = RwSignal::new(version);
    let clash = RwSignal::new(false);

    let row_fields = move |found: Vec<FieldProblem>| {
        let hopes: Vec<u32> = rows
            .hopes
            .with_untracked(|h| h.iter().map(|h| h.key).collect());
        let steps: Vec<u32> = rows
            .steps
            .with_untracked(|s| s.iter().map(|s| s.key).collect());
        to_row_fields(found, &hopes, &steps)
    };

    // Reads the form into a plan, with every problem the server would find, and a few
    // only a form can have (a date box that isn't a date).
    let read = move || -> Result<Plan, Vec<FieldProblem>> {
        let mut found = Vec::new();
        let mut date = |field: &str, text: String, needed: Option<&str>| {
            if text.trim().is_empty() {
                if let Some(message) = needed {
                    found.push(FieldProblem::new(field, message));
                }
                return None;
            }
            let date = parse_date(&text);
            if date.is_none() {
                found.push(FieldProblem::new(field, t.staff_view.real_date));
            }
            date
        };
        let hopes = rows.hopes.get_untracked();
        let steps = rows.steps.get_untracked();
        let plan_steps = steps
            .iter()
            .enumerate()
            .map(|(i, step)| PlanStep {
                id: step.id.get_value(),
                what: step.what.get_untracked(),
                who: step.who.get_untracked(),
                by_when: date(
                    &format!("steps[{i}].by_when"),
                    step.by_when.get_untracked(),
                    None,
                ),
                status: step.status.get_untracked(),
            })
            .collect();
        let review = date(
            "next_review",
            next_review.get_untracked(),
            Some(words.choose_next_review),
        );
        let (last_date, last_what) = (last_date.get_untracked(), last_what.get_untracked());
        let last_review =
            (!last_date.trim().is_empty() || !last_what.trim().is_empty()).then(|| LastReview {
                date: date(
                    "last_review.date",
                    last_date,
                    Some(words.last_review_needed),
                )
                .unwrap_or(today),
                what_happened: last_what,
            });
        let plan = Plan {
            reason: reason.get_untracked(),
            outcomes: hopes.iter().map(|hope| hope.text.get_untracked()).collect(),
            steps: plan_steps,
            keeping_safe: keeping_safe.get_untracked(),
            contingency: contingency.get_untracked(),
            next_review: review.unwrap_or(today),
            last_review,
            review_chair: (!chair_username.get_untracked().trim().is_empty()).then(|| {
                ReviewChair {
                    username: chair_username.get_untracked().trim().to_owned(),
                    name: String::new(),
                    role: chair_role.get_untracked(),
                }
            }),
        };
        if let Err(errors) = plan.validate(today) {
            found.extend(errors.fields().iter().cloned());
        }
        if found.is_empty() {
            return Ok(plan);
        }
        found.sort_by_key(|problem| form_order(&problem.field));
        found.dedup_by(|a, b| a.field == b.field);
        Err(row_fields(found))
    };

    let newest = Sender::new(move |()| {
        let id = id.get_value();
        async move { api::plan_for_editing(&id).await }
    });
    effect(Box::new(move || {
        if let Some(Ok(editing)) = newest.answer() {
            based_on.set(editing.version);
        }
    }));
    let save = Sender::form(
        problems,
        move |edit: PlanEdit| {
            let id = id.get_value();
            async move { api::save_plan(&id, &edit).await }
        },
        move |_, result| match result {
            Ok(saved) => {
                let name = name.get_value();
                let name = [("name", name.as_str())];
                flash.set(if saved.version == 1 {
                    fill(words.plan_saved_first, &name)
                } else {
                    fill(words.plan_saved, &name)
                });
                navigate(
                    &format!("/young-people/{}", id.get_value()),
                    Default::default(),
                );
                Ok(())
            }
            // Someone saved a newer version meanwhile: keep everything typed, say so,
            // and find out which version is the newest now.
            Err(ApiFailure::Invalid { message, fields })
                if fields.iter().any(|f| f.field == "based_on") =>
            {
                clash.set(true);
                newest.send(());
                Err(FormProblems {
                    message: Some(message),
                    fields: Vec::new(),
                })
            }
            Err(failure) => {
                let mut found = FormProblems::from(failure);
                found.fields = row_fields(found.fields);
                Err(found)
            }
        },
    );

    let on_submit = save.on_submit(problems, move || match read() {
        Ok(plan) => Ok(PlanEdit {
            based_on: based_on.get_untracked(),
            plan,
        }),
        Err(found) => Err(FormProblems::fields(found)),
    });

    let clash_help = move || {
        clash.get().then(|| {
            view! {
                <div class="card clash">
                    <p>
                        <a
                            href=format!("/young-people/{}", id.get_value())
                            target="_blank"
                            rel="noopener"
                            class="link-tap"
                        >
                            {words.see_newest}
                        </a>
                    </p>
                    <p>{words.clash_save_again}</p>
                </div>
            }
        })
    };

    let who_hint = fill(words.step_who_hint, &[("name", &name.get_value())]);
    view! {
        <p class="notice">{fill(words.write_for, &[("name", &name.get_value())])}</p>
        <ErrorSummary title=words.plan_not_saved problems/>
        {clash_help}
        <form class="form plan-form" on:submit=on_submit novalidate>
            <div class="card">
                <Field
                    id="reason"
                    label=words.reason
                    value=reason
                    problems
                    multiline=true
                />
            </div>
            <Hopes rows problems/>
            <Steps rows problems who_hint/>
            <div class="card">
                <Field
                    id="keeping_safe"
                    label=words.keeping_safe
                    value=keeping_safe
                    problems
                    multiline=true
                />
                <Field
                    id="contingency"
                    label=words.contingency
                    value=contingency
                    problems
                    multiline=true
                />
            </div>
            <div class="card">
                <Field
                    id="next_review"
                    label=words.next_review
                    hint=words.next_review_hint
                    input_type="date"
                    value=next_review
                    problems
                />
                <fieldset class="group">
                    <legend>{words.last_review}</legend>
                    <p class="hint">{words.last_review_hint}</p>
                    <Field
                        id="last_review.date"
                        label=words.date
                        input_type="date"
                        value=last_date
                        problems
                    />
                    <Field
                        id="last_review.what_happened"
                        label=words.what_happened
                        value=last_what
                        problems
                        multiline=true
                    />
                </fieldset>
                <fieldset class="group">
                    <legend>{review_words.staff_chair_legend}</legend>
                    <p class="hint">{review_words.staff_chair_hint}</p>
                    <Field
                        id="review_chair.username"
                        label=review_words.staff_chair_username
                        value=chair_username
                        problems
                        autocomplete="off"
                        autocapitalize="none"
                    />
                    <Field
                        id="review_chair.role"
                        label=review_words.staff_chair_role
                        value=chair_role
                        problems
                    />
                </fieldset>
            </div>
            <div class="actions">
                {save.button(t.common.saving, words.save_plan)}
                <A href=format!("/young-people/{}", id.get_value()) attr:class="button secondary">
                    {t.common.cancel}
                </A>
            </div>
        </form>
    }
}

/// A problem for a whole list (none at all, or too many), shown at its top.
fn list_error(problems: RwSignal<FormProblems>, field: &'static str) -> impl IntoView {
    let error = Memo::new(move |_| problems.with(|p| p.field(field)));
    view! { <FieldError id=format!("{field}-error") error/> }
}

/// When a row goes, so do its problems; the rest keep their places.
fn forget_row(problems: RwSignal<FormProblems>, prefix: String) {
    if problems.with_untracked(|p| p.fields.iter().any(|f| f.field.starts_with(&prefix))) {
        problems.update(|p| p.fields.retain(|f| !f.field.starts_with(&prefix)));
    }
}

#[component]
fn Hopes(rows: Rows, problems: RwSignal<FormProblems>) -> impl IntoView {
    let add = move |_| {
        let key = rows.add_hope(String::new());
        focus_soon(&hope_id(key));
    };
    let words = &crate::staff::words::t().staff;
    view! {
        <fieldset class="card group" id="outcomes" tabindex="-1">
            <legend>{words.hopes_title}</legend>
            <p class="hint">{words.hopes_hint}</p>
            {list_error(problems, "outcomes")}
            <For
                each=move || rows.hopes.get().into_iter().enumerate()
                key=|(i, hope)| (*i, hope.key)
                let((i, hope))
            >
                <div class="list-row">
                    <Field
                        id=hope_id(hope.key)
                        label=fill(words.hope_n, &[("n", &(i + 1).to_string())])
                        value=hope.text
                        problems
                    />
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            rows.hopes.update(|hopes| hopes.retain(|h| h.key != hope.key));
                            forget_row(problems, hope_id(hope.key));
                            focus_soon("add-hope");
                        }
                    >
                        {words.remove}
                        <span class="visually-hidden">
                            " " {fill(words.remove_hope, &[("n", &(i + 1).to_string())])}
                        </span>
                    </button>
                </div>
            </For>
            <button type="button" class="button secondary" id="add-hope" on:click=add>
                {words.add_another}
                <span class="visually-hidden">" " {words.add_another_hope}</span>
            </button>
        </fieldset>
    }
}

#[component]
fn Steps(rows: Rows, problems: RwSignal<FormProblems>, who_hint: String) -> impl IntoView {
    let who_hint = StoredValue::new(who_hint);
    let add = move |_| {
        let key = rows.add_step(PlanStep {
            id: String::new(),
            what: String::new(),
            who: String::new(),
            by_when: None,
            status: StepStatus::ComingUp,
        });
        focus_soon(&step_field_id(key, "what"));
    };
    let words = &crate::staff::words::t().staff;
    view! {
        <fieldset class="card group" id="steps" tabindex="-1">
            <legend>{words.steps_title}</legend>
            <p class="hint">{words.steps_hint}</p>
            {list_error(problems, "steps")}
            <For
                each=move || rows.steps.get().into_iter().enumerate()
                key=|(i, step)| (*i, step.key)
                let((i, step))
            >
                <fieldset class="step-edit">
                    <legend>{fill(words.step_n, &[("n", &(i + 1).to_string())])}</legend>
                    <Field
                        id=step_field_id(step.key, "what")
                        label=words.step_what
                        value=step.what
                        problems
                        multiline=true
                    />
                    <Field
                        id=step_field_id(step.key, "who")
                        label=words.step_who
                        hint=who_hint.get_value()
                        value=step.who
                        problems
                    />
                    <Field
                        id=step_field_id(step.key, "by_when")
                        label=words.step_by
                        hint=words.step_by_hint
                        input_type="date"
                        value=step.by_when
                        problems
                    />
                    <StatusChoice id=step_field_id(step.key, "status") status=step.status/>
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            rows.steps.update(|steps| steps.retain(|s| s.key != step.key));
                            forget_row(problems, format!("step-{}-", step.key));
                            focus_soon("add-step");
                        }
                    >
                        {words.remove_step}
                    </button>
                </fieldset>
            </For>
            <button type="button" class="button secondary" id="add-step" on:click=add>
                {words.add_step}
            </button>
        </fieldset>
    }
}

/// "Where it is": done, happening now or coming up.
#[component]
fn StatusChoice(id: String, status: RwSignal<StepStatus>) -> impl IntoView {
    const CHOICES: [(StepStatus, &str); 3] = [
        (StepStatus::Done, "done"),
        (StepStatus::HappeningNow, "happening_now"),
        (StepStatus::ComingUp, "coming_up"),
    ];
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if let Some((choice, _)) = CHOICES.iter().find(|(_, key)| *key == value) {
            status.set(*choice);
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{crate::staff::words::t().staff.step_where}</label>
            <select id=id on:change=on_change>
                {CHOICES
                    .iter()
                    .map(|(choice, key)| {
                        let choice = *choice;
                        view! {
                            <option value=*key selected=move || status.get() == choice>
                                {choice.label(crate::i18n::lang())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
