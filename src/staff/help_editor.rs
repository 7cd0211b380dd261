//! The Help editor, for the organisation's administrators: every part of the Help tab in
//! English and Welsh side by side (the numbers, links and hours once, as they are the
//! same in both), a preview as a young person sees it on a phone, each save a new
//! version (recent ones listed with who and when), a clash with someone else's save shown
//! without losing what was typed, and "go back to the built-in content".

use crate::api::{self, ApiFailure};
use crate::clock::today;
use crate::components::card::card;
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::help_words::{DangerBox, HelpWords};
use crate::components::status::loaded;
use crate::i18n::lang;
use crate::staff::words::t;
use journey_core::apps::STAFF_BASE;
use journey_core::dates::friendly_date;
use journey_core::i18n::fill;
use journey_core::i18n::words::HelpEditorText;
use journey_core::{
    FieldError, HelpContact, HelpContent, HelpEdit, HelpForEditing, HelpStep, HelpVersion, Lang,
    Nation, OpeningHours,
};
use leptos::prelude::*;
use leptos_router::components::A;

fn words() -> &'static HelpEditorText {
    t().help_editor
}

/// One piece of text in both languages.
#[derive(Clone, Copy)]
struct Both {
    en: RwSignal<String>,
    cy: RwSignal<String>,
}

impl Both {
    fn new(en: &str, cy: &str) -> Both {
        Both {
            en: RwSignal::new(en.to_owned()),
            cy: RwSignal::new(cy.to_owned()),
        }
    }

    fn set(self, en: &str, cy: &str) {
        self.en.set(en.to_owned());
        self.cy.set(cy.to_owned());
    }

    fn get(self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en.get(),
            Lang::Cy => self.cy.get(),
        }
    }
}

/// Paragraphs are typed in one box, an empty line between each.
fn joined(list: &[String]) -> String {
    list.join("\n\n")
}

fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

fn optional(text: String) -> Option<String> {
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

#[derive(Clone, Copy)]
struct StepRow {
    title: Both,
    what_happens: Both,
    how_long: Both,
}

#[derive(Clone, Copy)]
struct ContactRow {
    name: Both,
    what: Both,
    phone: RwSignal<String>,
    link: RwSignal<String>,
}

/// Everything in the editor's boxes.
#[derive(Clone, Copy)]
struct HelpForm {
    nation: RwSignal<Nation>,
    ok_to_complain: Both,
    steps: RwSignal<Vec<StepRow>>,
    still_unhappy: Both,
    advocate: Both,
    contacts: RwSignal<Vec<ContactRow>>,
    privacy: Both,
    danger_words: Both,
    danger_phone: RwSignal<String>,
    opens: RwSignal<String>,
    closes: RwSignal<String>,
    weekends: RwSignal<bool>,
    out_of_hours_phone: RwSignal<String>,
}

fn step_row(en: Option<&HelpStep>, cy: Option<&HelpStep>) -> StepRow {
    let pick = |step: Option<&HelpStep>, f: fn(&HelpStep) -> &String| {
        step.map(f).cloned().unwrap_or_default()
    };
    StepRow {
        title: Both::new(&pick(en, |s| &s.title), &pick(cy, |s| &s.title)),
        what_happens: Both::new(
            &pick(en, |s| &s.what_happens),
            &pick(cy, |s| &s.what_happens),
        ),
        how_long: Both::new(&pick(en, |s| &s.how_long), &pick(cy, |s| &s.how_long)),
    }
}

fn contact_row(en: Option<&HelpContact>, cy: Option<&HelpContact>) -> ContactRow {
    let pick = |c: Option<&HelpContact>, f: fn(&HelpContact) -> &String| {
        c.map(f).cloned().unwrap_or_default()
    };
    ContactRow {
        name: Both::new(&pick(en, |c| &c.name), &pick(cy, |c| &c.name)),
        what: Both::new(&pick(en, |c| &c.what), &pick(cy, |c| &c.what)),
        phone: RwSignal::new(en.and_then(|c| c.phone.clone()).unwrap_or_default()),
        link: RwSignal::new(en.and_then(|c| c.link.clone()).unwrap_or_default()),
    }
}

impl HelpForm {
    fn new(en: &HelpContent, cy: &HelpContent) -> HelpForm {
        let form = HelpForm {
            nation: RwSignal::new(en.nation),
            ok_to_complain: Both::new("", ""),
            steps: RwSignal::new(Vec::new()),
            still_unhappy: Both::new("", ""),
            advocate: Both::new("", ""),
            contacts: RwSignal::new(Vec::new()),
            privacy: Both::new("", ""),
            danger_words: Both::new("", ""),
            danger_phone: RwSignal::new(String::new()),
            opens: RwSignal::new(String::new()),
            closes: RwSignal::new(String::new()),
            weekends: RwSignal::new(false),
            out_of_hours_phone: RwSignal::new(String::new()),
        };
        form.fill(en, cy);
        form
    }

    /// Puts content into the boxes (on opening, and going back to the built-in content).
    fn fill(self, en: &HelpContent, cy: &HelpContent) {
        self.nation.set(en.nation);
        self.ok_to_complain
            .set(&joined(&en.ok_to_complain), &joined(&cy.ok_to_complain));
        let steps = (0..en.steps.len().max(cy.steps.len()))
            .map(|i| step_row(en.steps.get(i), cy.steps.get(i)))
            .collect();
        self.steps.set(steps);
        self.still_unhappy.set(&en.still_unhappy, &cy.still_unhappy);
        self.advocate
            .set(&joined(&en.advocate), &joined(&cy.advocate));
        let contacts = (0..en.contacts.len().max(cy.contacts.len()))
            .map(|i| contact_row(en.contacts.get(i), cy.contacts.get(i)))
            .collect();
        self.contacts.set(contacts);
        self.privacy.set(&joined(&en.privacy), &joined(&cy.privacy));
        self.danger_words.set(&en.danger_words, &cy.danger_words);
        self.danger_phone.set(en.danger_phone.clone());
        let hours = en.opening_hours.clone();
        self.opens
            .set(hours.as_ref().map(|h| h.opens.clone()).unwrap_or_default());
        self.closes
            .set(hours.as_ref().map(|h| h.closes.clone()).unwrap_or_default());
        self.weekends.set(hours.is_some_and(|h| h.weekends));
        self.out_of_hours_phone
            .set(en.out_of_hours_phone.clone().unwrap_or_default());
    }

    /// What the boxes say, in one language (the numbers, links and hours are shared).
    fn content(self, lang: Lang) -> HelpContent {
        let opens = self.opens.get();
        let closes = self.closes.get();
        let opening_hours =
            (!opens.trim().is_empty() || !closes.trim().is_empty()).then(|| OpeningHours {
                opens: opens.trim().to_owned(),
                closes: closes.trim().to_owned(),
                weekends: self.weekends.get(),
            });
        HelpContent {
            nation: self.nation.get(),
            ok_to_complain: split_paragraphs(&self.ok_to_complain.get(lang)),
            steps: self
                .steps
                .get()
                .into_iter()
                .map(|row| HelpStep {
                    title: row.title.get(lang),
                    what_happens: row.what_happens.get(lang),
                    how_long: row.how_long.get(lang),
                })
                .collect(),
            still_unhappy: self.still_unhappy.get(lang),
            advocate: split_paragraphs(&self.advocate.get(lang)),
            contacts: self
                .contacts
                .get()
                .into_iter()
                .map(|row| HelpContact {
                    name: row.name.get(lang),
                    what: row.what.get(lang),
                    phone: optional(row.phone.get()),
                    link: optional(row.link.get()),
                })
                .collect(),
            privacy: split_paragraphs(&self.privacy.get(lang)),
            danger_words: self.danger_words.get(lang),
            danger_phone: self.danger_phone.get().trim().to_owned(),
            opening_hours,
            out_of_hours_phone: optional(self.out_of_hours_phone.get()),
        }
    }
}

/// A problem's place in the editor: paragraphs are one box (`privacy[2]` is shown on
/// `privacy`), and what the Welsh shares with the English (numbers, links, hours) is
/// shown on the one box both use.
fn on_the_form(mut problems: FormProblems) -> FormProblems {
    let mut seen: Vec<FieldError> = Vec::new();
    for mut problem in problems.fields.drain(..) {
        let mut field = problem.field.clone();
        for list in ["ok_to_complain", "advocate", "privacy"] {
            for prefix in ["", "cy."] {
                if field.starts_with(&format!("{prefix}{list}[")) {
                    field = format!("{prefix}{list}");
                }
            }
        }
        if let Some(rest) = field.strip_prefix("cy.").map(str::to_owned) {
            if rest == "opening_hours" {
                field = "opening_hours.opens".to_owned();
            } else if rest == "danger_phone"
                || rest == "out_of_hours_phone"
                || rest.starts_with("opening_hours")
                || rest.ends_with(".phone")
                || rest.ends_with(".link")
            {
                field = rest;
            }
        }
        problem.field = field;
        if !seen.iter().any(|p| p.field == problem.field) {
            seen.push(problem);
        }
    }
    problems.fields = seen;
    problems
}

fn when_words(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = journey_core::help::uk_time(at);
    fill(
        words().when,
        &[
            ("date", &friendly_date(lang(), local.date(), today())),
            ("time", &local.format("%H:%M").to_string()),
        ],
    )
}

fn nation_words(nation: Nation) -> &'static str {
    match nation {
        Nation::England => words().england,
        Nation::Wales => words().wales,
    }
}

#[component]
pub fn HelpEditorPage() -> impl IntoView {
    let editing = Fetched::new(api::help_for_editing);
    let w = words();
    view! {
        <p><A href=format!("{STAFF_BASE}/") attr:class="link-tap">{w.back}</A></p>
        <h1>{w.title}</h1>
        {loaded(editing, w.loading, w.not_found, move |found| Ok(match found {
            Ok(found) => view! { <Editor found/> }.into_any(),
            Err(ApiFailure::Refused(_)) => view! {
                <div class="card" role="status"><p>{w.refused}</p></div>
            }
            .into_any(),
            Err(failure) => return Err(failure),
        }))}
    }
}

#[component]
fn Editor(found: HelpForEditing) -> impl IntoView {
    let w = words();
    let form = HelpForm::new(&found.content, &found.content_cy);
    let based_on = RwSignal::new(found.version);
    let versions = RwSignal::new(found.versions.clone());
    let welsh_written = RwSignal::new(found.welsh_written);
    let problems = RwSignal::new(FormProblems::default());
    let saved = RwSignal::new(None::<String>);
    // Someone else's newer save, shown after a clash; what was typed stays in the boxes.
    let newer = RwSignal::new(None::<HelpForEditing>);
    let preview = RwSignal::new(None::<Lang>);
    // The preview's own words in its language: Welsh ones are fetched first if this phone
    // has not needed them yet (src/i18n.rs).
    let show = move |lang: Lang| {
        leptos::task::spawn_local(async move {
            crate::i18n::fetch_words(lang).await;
            preview.set(Some(lang));
        })
    };

    // After a clash: the newest version, to show beside what was typed.
    let fetch_newer = move || {
        leptos::task::spawn_local(async move {
            if let Ok(latest) = api::help_for_editing().await {
                based_on.set(latest.version);
                versions.set(latest.versions.clone());
                newer.set(Some(latest));
            }
        });
    };
    let is_clash = |failure: &ApiFailure| matches!(failure, ApiFailure::Invalid { fields, .. } if fields.iter().any(|f| f.field == "based_on"));

    let save = Sender::form(
        problems,
        |edit: HelpEdit| async move { api::edit_help(&edit).await },
        move |_, result| match result {
            Ok(page) => {
                problems.set(FormProblems::default());
                newer.set(None);
                based_on.set(page.version);
                welsh_written.set(true);
                saved.set(Some(fill(
                    w.saved,
                    &[("version", &page.version.to_string())],
                )));
                leptos::task::spawn_local(async move {
                    if let Ok(latest) = api::help_for_editing().await {
                        versions.set(latest.versions);
                    }
                });
                Ok(())
            }
            Err(failure) => {
                saved.set(None);
                if is_clash(&failure) {
                    fetch_newer();
                }
                Err(on_the_form(FormProblems::from(failure)))
            }
        },
    );
    let on_submit = save.on_submit(problems, move || {
        saved.set(None);
        let edit = HelpEdit {
            based_on: based_on.get_untracked(),
            content: untrack(|| form.content(Lang::En)),
            content_cy: Some(untrack(|| form.content(Lang::Cy))),
        };
        checked(edit, HelpEdit::validate).map_err(on_the_form)
    });

    let nation = move || nation_words(form.nation.get());
    let nation_note = move || fill(w.nation_note, &[("nation", nation())]);
    view! {
        <p class="lead">{w.lead}</p>
        <p>{nation_note}</p>
        {move || (!welsh_written.get()).then(|| view! {
            <p class="card notice" role="note">{w.welsh_not_written}</p>
        })}
        {move || saved.get().map(|message| view! {
            <p class="confirmation" role="status">{message}</p>
        })}
        <Clash newer/>
        <form class="form help-editor" on:submit=on_submit novalidate>
            <ErrorSummary title=w.not_saved problems id="help-editor-summary"/>
            <fieldset class="help-part">
                <legend><h2>{w.danger_section}</h2></legend>
                <BothFields id="danger_words" label=w.danger_words both=form.danger_words problems multiline=true/>
                <Field id="danger_phone" label=w.danger_phone value=form.danger_phone problems input_type="tel"/>
            </fieldset>
            <fieldset class="help-part">
                <legend><h2>{w.ok_to_complain}</h2></legend>
                <BothFields id="ok_to_complain" label=w.ok_to_complain both=form.ok_to_complain problems multiline=true hint=w.paragraphs_hint/>
            </fieldset>
            <fieldset class="help-part" id="steps" tabindex="-1">
                <legend><h2>{w.steps}</h2></legend>
                <Rows list=form.steps name="steps" fields=step_fields new_row=|| step_row(None, None) problems
                    words=RowWords { nth: w.step_n, remove: w.remove_step, add: w.add_step }/>
            </fieldset>
            <fieldset class="help-part">
                <legend><h2>{w.still_unhappy}</h2></legend>
                <BothFields id="still_unhappy" label=w.still_unhappy both=form.still_unhappy problems multiline=true/>
            </fieldset>
            <fieldset class="help-part">
                <legend><h2>{w.advocate}</h2></legend>
                <BothFields id="advocate" label=w.advocate both=form.advocate problems multiline=true hint=w.paragraphs_hint/>
            </fieldset>
            <fieldset class="help-part" id="contacts" tabindex="-1">
                <legend><h2>{w.contacts}</h2></legend>
                <Rows list=form.contacts name="contacts" fields=contact_fields new_row=|| contact_row(None, None) problems
                    words=RowWords { nth: w.contact_n, remove: w.remove_contact, add: w.add_contact }/>
            </fieldset>
            <fieldset class="help-part">
                <legend><h2>{w.privacy}</h2></legend>
                <BothFields id="privacy" label=w.privacy both=form.privacy problems multiline=true hint=w.paragraphs_hint/>
            </fieldset>
            <fieldset class="help-part">
                <legend><h2>{w.hours}</h2></legend>
                <p class="hint">{w.hours_hint}</p>
                <div class="both-languages">
                    <Field id="opening_hours.opens" label=w.opens value=form.opens problems/>
                    <Field id="opening_hours.closes" label=w.closes value=form.closes problems/>
                </div>
                <div class="choice checkbox">
                    <input type="checkbox" id="weekends" bind:checked=form.weekends/>
                    <label for="weekends">{w.weekends}</label>
                </div>
                <Field id="out_of_hours_phone" label=w.out_of_hours_phone value=form.out_of_hours_phone problems input_type="tel"/>
            </fieldset>
            <section class="help-preview-controls" aria-labelledby="preview-title">
                <h2 id="preview-title">{w.preview_title}</h2>
                <div class="actions">
                    <button type="button" class="button secondary" aria-pressed=move || (preview.get() == Some(Lang::En)).to_string()
                        on:click=move |_| show(Lang::En)>{w.preview_en}</button>
                    <button type="button" class="button secondary" aria-pressed=move || (preview.get() == Some(Lang::Cy)).to_string()
                        on:click=move |_| show(Lang::Cy)>{w.preview_cy}</button>
                    {move || preview.get().is_some().then(|| view! {
                        <button type="button" class="button secondary" on:click=move |_| preview.set(None)>{w.preview_hide}</button>
                    })}
                </div>
                {move || preview.get().map(|shown| view! {
                    <PhonePreview content=form.content(shown) lang=shown ids="preview-" caption=w.preview_label/>
                })}
            </section>
            {save.button(w.saving, w.save)}
        </form>
        <Versions versions/>
        <BackToBuiltIn form based_on versions welsh_written newer saved problems/>
    }
}

/// The same box in English and in Welsh, side by side (one above the other on a phone).
#[component]
fn BothFields(
    id: &'static str,
    label: &'static str,
    both: Both,
    problems: RwSignal<FormProblems>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let w = words();
    let label_in = |language: &str| fill(w.in_language, &[("what", label), ("language", language)]);
    let en_label = label_in(w.english);
    let cy_label = label_in(w.welsh);
    let cy_id = format!("cy.{id}");
    match hint {
        Some(hint) => view! {
            <div class="both-languages">
                <Field id=id label=en_label value=both.en problems multiline hint=hint/>
                <Field id=cy_id label=cy_label value=both.cy problems multiline hint=hint/>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="both-languages">
                <Field id=id label=en_label value=both.en problems multiline/>
                <Field id=cy_id label=cy_label value=both.cy problems multiline/>
            </div>
        }
        .into_any(),
    }
}

/// A step of complaining: its title, what happens and how long, each in both languages.
fn step_fields(id: &dyn Fn(&str) -> String, row: StepRow, problems: Problems) -> AnyView {
    let w = words();
    view! {
        <BothFieldsAt id=id("title") label=w.step_title both=row.title problems/>
        <BothFieldsAt id=id("what_happens") label=w.step_what both=row.what_happens problems multiline=true/>
        <BothFieldsAt id=id("how_long") label=w.step_how_long both=row.how_long problems/>
    }
    .into_any()
}

/// Someone else who can help: who, what they do (both languages), a phone and a link.
fn contact_fields(id: &dyn Fn(&str) -> String, row: ContactRow, problems: Problems) -> AnyView {
    let w = words();
    view! {
        <BothFieldsAt id=id("name") label=w.contact_name both=row.name problems/>
        <BothFieldsAt id=id("what") label=w.contact_what both=row.what problems multiline=true/>
        <Field id=id("phone") label=w.contact_phone value=row.phone problems input_type="tel"/>
        <Field id=id("link") label=w.contact_link value=row.link problems input_type="url"/>
    }
    .into_any()
}

type Problems = RwSignal<FormProblems>;

/// Draws a row's boxes, given how to name each (`steps[0].title` from `"title"`).
type RowFields<Row> = fn(&dyn Fn(&str) -> String, Row, Problems) -> AnyView;

/// What a list of rows is called: its rows' headings ("Step {n}"), their remove buttons,
/// and the add button.
#[derive(Clone, Copy)]
struct RowWords {
    nth: &'static str,
    remove: &'static str,
    add: &'static str,
}

/// A list of rows, each headed and numbered, with a button to take it away, and one to
/// add a row under them. `fields` draws a row's boxes, given how to name each box for
/// its problems (`steps[0].title` from `"title"`).
#[component]
fn Rows<Row>(
    list: RwSignal<Vec<Row>>,
    name: &'static str,
    words: RowWords,
    fields: RowFields<Row>,
    new_row: fn() -> Row,
    problems: Problems,
) -> impl IntoView
where
    Row: Clone + Send + Sync + 'static,
{
    let rows = move || {
        list.get()
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let n = (i + 1).to_string();
                let heading = fill(words.nth, &[("n", &n)]);
                let remove = fill(words.remove, &[("n", &n)]);
                let id = |part: &str| format!("{name}[{i}].{part}");
                view! {
                    <li class="help-row">
                        <h3>{heading}</h3>
                        {fields(&id, row, problems)}
                        <button type="button" class="button secondary" on:click=move |_| {
                            list.update(|rows| { if i < rows.len() { rows.remove(i); } });
                        }>{remove}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ol class="help-rows">{rows}</ol>
        <button type="button" class="button secondary" on:click=move |_| {
            list.update(|rows| rows.push(new_row()));
        }>{words.add}</button>
    }
}

/// [`BothFields`] for a box in a list (`steps[0].title`).
#[component]
fn BothFieldsAt(
    id: String,
    label: &'static str,
    both: Both,
    problems: RwSignal<FormProblems>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let w = words();
    let label_in = |language: &str| fill(w.in_language, &[("what", label), ("language", language)]);
    let cy_id = format!("cy.{id}");
    view! {
        <div class="both-languages">
            <Field id=id label=label_in(w.english) value=both.en problems multiline/>
            <Field id=cy_id label=label_in(w.welsh) value=both.cy problems multiline/>
        </div>
    }
}

/// The Help tab as a young person sees it, in a phone-sized frame, from what is typed.
#[component]
fn PhonePreview(
    content: HelpContent,
    lang: Lang,
    ids: &'static str,
    caption: &'static str,
) -> impl IntoView {
    let help = &lang.later().help;
    view! {
        <figure class="phone-preview">
            <figcaption>{caption}</figcaption>
            <div class="phone-frame" lang=lang.code()>
                <h2 class="preview-title">{help.title}</h2>
                <DangerBox words=content.danger_words.clone() phone=content.danger_phone.clone() lang ids/>
                <HelpWords content content_lang=None lang ids/>
            </div>
        </figure>
    }
}

/// After a clash: who saved the newer version and when, and what it says.
#[component]
fn Clash(newer: RwSignal<Option<HelpForEditing>>) -> impl IntoView {
    let w = words();
    move || {
        newer.get().map(|theirs| {
            let by = theirs.versions.first();
            let body = fill(
                w.clash_body,
                &[
                    ("version", &theirs.version.to_string()),
                    ("name", by.map(|v| v.by.as_str()).unwrap_or_default()),
                    ("when", &by.map(|v| when_words(v.at)).unwrap_or_default()),
                ],
            );
            view! {
                {card("clash-title", w.clash_title, "clash", view! {
                    <p>{body}</p>
                    <details>
                        <summary>{w.clash_theirs}</summary>
                        <PhonePreview content=theirs.content.clone() lang=Lang::En ids="theirs-" caption=w.clash_caption/>
                    </details>
                }.into_any())}
            }
        })
    }
}

#[component]
fn Versions(versions: RwSignal<Vec<HelpVersion>>) -> impl IntoView {
    let w = words();
    view! {
        {card("versions-title", w.versions_title, "", view! {
            {move || {
                let list = versions.get();
                if list.is_empty() {
                    view! { <p>{w.no_versions}</p> }.into_any()
                } else {
                    view! {
                        <ul class="help-versions">
                            {list.into_iter().map(|v| {
                                let mut line = fill(w.version_line, &[
                                    ("version", &v.version.to_string()),
                                    ("name", &v.by),
                                    ("when", &when_words(v.at)),
                                ]);
                                if v.built_in {
                                    line = format!("{line} ({})", w.version_built_in);
                                } else if v.welsh {
                                    line = format!("{line} ({})", w.version_welsh);
                                }
                                view! { <li>{line}</li> }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        }.into_any())}
    }
}

/// "Go back to the built-in content", asked twice.
#[component]
#[allow(clippy::too_many_arguments)]
fn BackToBuiltIn(
    form: HelpForm,
    based_on: RwSignal<i64>,
    versions: RwSignal<Vec<HelpVersion>>,
    welsh_written: RwSignal<bool>,
    newer: RwSignal<Option<HelpForEditing>>,
    saved: RwSignal<Option<String>>,
    problems: RwSignal<FormProblems>,
) -> impl IntoView {
    let w = words();
    let asking = RwSignal::new(false);
    let going_back = Sender::with_answer(
        |based_on: i64| async move { api::help_back_to_built_in(based_on).await },
        move |_, result| {
            asking.set(false);
            match result {
                Ok(back) => {
                    form.fill(&back.content, &back.content_cy);
                    based_on.set(back.version);
                    versions.set(back.versions.clone());
                    welsh_written.set(back.welsh_written);
                    newer.set(None);
                    problems.set(FormProblems::default());
                    saved.set(Some(fill(
                        w.built_in_done,
                        &[("version", &back.version.to_string())],
                    )));
                }
                Err(failure) => {
                    saved.set(None);
                    problems.set(FormProblems::from(failure));
                    leptos::task::spawn_local(async move {
                        if let Ok(latest) = api::help_for_editing().await {
                            based_on.set(latest.version);
                            versions.set(latest.versions.clone());
                            newer.set(Some(latest));
                        }
                    });
                }
            }
        },
    );
    let body = move || {
        fill(
            w.built_in_body,
            &[("nation", nation_words(form.nation.get()))],
        )
    };
    view! {
        {card("built-in-title", w.built_in_title, "", view! {
            <p>{body}</p>
            {move || if asking.get() {
                view! {
                    <p role="alert"><strong>{w.built_in_sure}</strong></p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| {
                            going_back.send(based_on.get_untracked());
                        }>{going_back.words(w.going_back, w.built_in_yes)}</button>
                        <button type="button" class="button secondary" on:click=move |_| asking.set(false)>{w.built_in_no}</button>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="button secondary" on:click=move |_| asking.set(true)>{w.built_in_button}</button>
                }
                .into_any()
            }}
        }.into_any())}
    }
}
