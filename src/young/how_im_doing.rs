//! "How I'm doing": a young person's mood check-in and its picture over time, "I don't
//! feel safe" (who will be told, then "call 999" and what happens next; with no signal,
//! plainly "not sent yet" and what to do now, until the outbox has sent it), the staff
//! banner and page for open safety flags, and "who can see this" beside send buttons.

use crate::api::{self, ApiFailure};
use crate::background;
use crate::components::card::card;
use crate::components::faces::FaceChoice;
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::help_now::NotSafeLink;
use crate::components::mood_history::MoodHistory;
use crate::components::once::effect;
use crate::components::outbox::Outbox;
use crate::components::status::{failure_words, Loading, Problem};
use crate::components::who_can_see::{my_worker, WhoCanSee};
use crate::i18n::{lang, t};
use crate::route::A;
use crate::session::Session;
use crate::store::{Sending, Waiting};
use journey_core::checkin::{safety_told, who_is_told_of_safety};
use journey_core::i18n::fill;
use journey_core::phone::tel_href;
use journey_core::{CheckIn, Mood, NewCheckIn, NewSafetyFlag, WhatIsSent};
use leptos::prelude::*;

/// The emergency number said on the "I don't feel safe" page, even with no signal.
const DANGER_PHONE: &str = "999";
/// Free, day or night, for anyone under 19 in the UK: said when a flag is not sent yet.
const CHILDLINE_PHONE: &str = "0800 1111";

#[component]
fn CallNow() -> impl IntoView {
    let t = &t().how_im_doing;
    let phone = [("phone", DANGER_PHONE)];
    view! {
        <aside class="card danger" aria-labelledby="call-now">
            <h2 id="call-now">{fill(t.call_now_title, &phone)}</h2>
            <p>{t.call_free}</p>
            <a class="button" href=tel_href(DANGER_PHONE)>{fill(t.call, &phone)}</a>
        </aside>
    }
}

/// Where "I don't feel safe" stands on this page.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Writing,
    /// No signal (or the server could not take it): waiting in the outbox.
    NotSentYet(String),
    Told,
}

/// "This has NOT been sent yet": in place of the 999 box, first on the page, with what to
/// do now (999, Childline) before anything else, then that it will go by itself, and a
/// way to try again.
#[component]
fn NotSentYet() -> impl IntoView {
    let outbox = Outbox::get();
    let lang = lang();
    let t = &lang.text().not_sent;
    let kept = if background::can_send_when_closed() {
        t.kept_sync
    } else {
        t.kept_open
    };
    // Said at once, to a screen reader too.
    request_animation_frame(|| crate::components::form::focus_element("not-sent"));
    view! {
        <section class="card danger not-sent" role="alert" aria-labelledby="not-sent">
            <h2 id="not-sent" tabindex="-1">{t.title}</h2>
            <p><strong>{t.why}</strong></p>
            <h3>{t.do_now}</h3>
            <p>{t.danger}</p>
            <a class="button" href=tel_href(DANGER_PHONE)>
                {fill(lang.text().how_im_doing.call, &[("phone", DANGER_PHONE)])}
            </a>
            <p>{t.childline}</p>
            <a class="button secondary" href=tel_href(CHILDLINE_PHONE)>
                {format!("{}: {CHILDLINE_PHONE}", t.call_childline)}
            </a>
            <p>{kept}</p>
            <p>
                <button type="button" class="button secondary" on:click=move |_| outbox.send_now()>
                    {move || if outbox.is_sending() { t.trying } else { t.try_now }}
                </button>
            </p>
        </section>
    }
}

/// `/not-safe`: says who will be told before anything is sent, and that it is never
/// hidden; then raises the flag and says what happens next. With no signal it waits in
/// the outbox (sent by itself, first, even with the app closed where the browser can) and
/// the page says plainly that it has not been sent yet, until it has.
#[component]
pub fn NotSafePage() -> impl IntoView {
    let outbox = Outbox::get();
    let worker = my_worker();
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let client_id = api::ClientId::new();
    // One already waiting (sent earlier with no signal): say where it is, not a new form.
    let stage = RwSignal::new(
        outbox
            .waiting_safety_flag_untracked()
            .map_or(Stage::Writing, Stage::NotSentYet),
    );
    // Sent with whose it is, read when they tap, so it can wait in the outbox for them.
    let send = Sender::form(
        problems,
        move |(id, input): (Option<String>, NewSafetyFlag)| async move {
            match id {
                Some(id) => api::raise_safety_flag(&id, &input).await,
                None => Err(ApiFailure::NotFound),
            }
        },
        move |(id, input), result| match (id, result) {
            (_, Ok(_)) => {
                outbox.stop_keeping(&input.client_id);
                stage.set(Stage::Told);
                Ok(())
            }
            // No signal, the server down, or signed out meanwhile: it waits on the phone
            // and goes by itself (for a signed-out person, once they sign in again).
            (Some(_), Err(failure))
                if failure.try_later() || matches!(failure, ApiFailure::SignedOut(_)) =>
            {
                // The copy kept as it was sent moves to the waiting list.
                outbox.wait_instead(&input.client_id);
                stage.set(Stage::NotSentYet(input.client_id));
                Ok(())
            }
            (_, Err(failure)) => {
                outbox.stop_keeping(&input.client_id);
                Err(failure.into())
            }
        },
    );
    // Left before it was heard of (another screen): the outbox sends it instead.
    on_cleanup(move || outbox.adopt_unanswered());
    // One waiting that the outbox found only now (the app has just opened here).
    effect(Box::new(move || {
        if let Some(id) = outbox.waiting_safety_flag() {
            if stage.get_untracked() == Stage::Writing {
                stage.set(Stage::NotSentYet(id));
            }
        }
    }));
    // Sent later (by the outbox, or the service worker) while this page is open.
    effect(Box::new(move || {
        if let Stage::NotSentYet(id) = stage.get() {
            if outbox.was_told(&id) {
                outbox.seen_told(&id);
                stage.set(Stage::Told);
            }
        }
    }));
    let on_submit = send.on_submit(problems, move || {
        let text = words.get_untracked();
        let mut input = NewSafetyFlag {
            client_id: String::new(),
            words: (!text.trim().is_empty()).then_some(text),
        };
        input.client_id = client_id.for_sending(&input);
        let input = checked(input, NewSafetyFlag::validate)?;
        problems.set(FormProblems::default());
        let id = Session::get().young_person_id();
        // Kept on the phone from the moment it is sent, whatever happens to this page.
        if let Some(id) = &id {
            outbox.keep_while_sending(Waiting::new(id.clone(), Sending::safety_flag(&input)));
        }
        Ok((id, input))
    });
    let lang = lang();
    let t = &lang.text().how_im_doing;
    let who = move || {
        who_is_told_of_safety(
            lang,
            worker.get().flatten().as_deref(),
            outbox.safety_email(),
        )
    };
    let told = move || {
        safety_told(
            lang,
            worker.get().flatten().as_deref(),
            outbox.safety_email(),
        )
    };
    let not_sent = Memo::new(move |_| matches!(stage.get(), Stage::NotSentYet(_)));
    view! {
        <h1>{t.not_safe}</h1>
        {move || if not_sent.get() {
            view! { <NotSentYet/> }.into_any()
        } else {
            view! { <CallNow/> }.into_any()
        }}
        {move || match stage.get() {
            Stage::Told => view! {
                <section class="card sent safety-sent" role="status" aria-labelledby="told">
                    <h2 id="told">{t.told_title}</h2>
                    <p>{told}</p>
                    <h3>{t.next_title}</h3>
                    <p>{t.next_body}</p>
                    <p>{t.not_in_trouble}</p>
                    <crate::components::help_now::HelpNow/>
                    <div class="actions">
                        <A href="/help" class="button secondary">{t.who_else}</A>
                        <A href="/" class="button secondary">{t.back}</A>
                    </div>
                </section>
            }
            .into_any(),
            Stage::NotSentYet(_) => ().into_any(),
            Stage::Writing => view! {
                <form class="card" on:submit=on_submit novalidate>
                    <ErrorSummary title=t.couldnt_send problems/>
                    <p>{t.thanks_for_telling}</p>
                    <h2>{t.who_will_be_told}</h2>
                    <p class="who-can-see"><strong>{who}</strong></p>
                    <p>{t.never_hidden}</p>
                    <Field
                        id="words"
                        label=t.say_more
                        hint=t.say_more_hint
                        value=words
                        problems
                        multiline=true
                    />
                    {send.button(t.sending, t.tell_them_now)}
                </form>
            }
            .into_any(),
        }}
    }
}

/// `/how-im-doing`: a few faces with words, "want to say more?", always skippable, and
/// their own check-ins as a picture.
#[component]
pub fn HowImDoingPage() -> impl IntoView {
    let session = Session::get();
    let outbox_sent = Outbox::get();
    let loaded = Fetched::new(move || {
        // Again when the outbox has sent something (a check-in made with no signal).
        outbox_sent.sent();
        let id = Session::get().young_person_id();
        async move {
            match id {
                Some(id) => api::check_ins(&id).await,
                None => Err(ApiFailure::NotFound),
            }
        }
    });
    let history = RwSignal::new(None::<Vec<CheckIn>>);
    effect(Box::new(move || match loaded.get() {
        Some(Ok(found)) => history.set(Some(found)),
        Some(Err(failure)) => session.notice(&failure),
        None => {}
    }));
    let mood = RwSignal::new(None::<Mood>);
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let client_id = api::ClientId::new();
    let sent = RwSignal::new(false);
    let outbox = Outbox::get();
    // What was sent last, to keep in the outbox if there is no signal.
    let last_sent = StoredValue::new(None::<NewCheckIn>);
    let waiting = RwSignal::new(false);
    let clear = move || {
        mood.set(None);
        words.set(String::new());
        client_id.saved();
    };
    let send = Sender::form(
        problems,
        move |input: NewCheckIn| {
            let id = Session::get().young_person_id();
            async move {
                match id {
                    Some(id) => api::check_in(&id, &input).await,
                    None => Err(ApiFailure::NotFound),
                }
            }
        },
        move |input, result| {
            // (Nothing was sent for nobody: that answer is shown as it is.)
            let Some(id) = Session::get().young_person_id() else {
                return result.map(drop).map_err(Into::into);
            };
            match outbox.or_wait(result, id, || Sending::check_in(&input))? {
                Some(check_in) => {
                    history.update(|h| {
                        if let Some(h) = h.as_mut() {
                            if !h.iter().any(|c| c.id == check_in.id) {
                                h.push(check_in);
                            }
                        }
                    });
                    sent.set(true);
                    clear();
                }
                // No signal, or the server down: it waits on the phone and goes by itself.
                None => {
                    waiting.set(true);
                    clear();
                }
            }
            Ok(())
        },
    );
    let on_submit = send.on_submit(problems, move || {
        let text = words.get_untracked();
        let mut input = NewCheckIn {
            client_id: String::new(),
            mood: mood.get_untracked(),
            words: (!text.trim().is_empty()).then_some(text),
        };
        input.client_id = client_id.for_sending(&input);
        let input = checked(input, NewCheckIn::validate)?;
        problems.set(FormProblems::default());
        sent.set(false);
        waiting.set(false);
        last_sent.set_value(Some(input.clone()));
        Ok(input)
    });
    let lang = lang();
    let t = &lang.text().how_im_doing;
    let faces = Mood::ALL
        .into_iter()
        .map(|m| {
            let id = format!("mood-{}", m.as_str());
            view! {
                <FaceChoice
                    class="face-choice mood-choice"
                    id
                    name="mood".to_owned()
                    face=m.score()
                    chosen=move || mood.get() == Some(m)
                    on_choose=move || mood.set(Some(m))
                    words=m.label(lang).to_owned()
                    words_class="mood-word"
                />
            }
        })
        .collect_view();
    view! {
        <p><A href="/" class="link-tap">{t.back}</A></p>
        <h1>{t.title}</h1>
        {move || sent.get().then(|| view! {
            <div class="card sent" role="status">
                <h2>{t.thanks_title}</h2>
                <p>{t.worker_will_see}</p>
            </div>
        })}
        {move || waiting.get().then(|| view! {
            <div class="card waiting check-in-waiting" role="status">
                <h2>{t.thanks_title}</h2>
                <p>{lang.text().not_sent.check_in_waiting}</p>
            </div>
        })}
        // After a "Really bad" check-in, sent or waiting: offered, never raised for them.
        <crate::components::heard_back::ReallyBadOffer show=Signal::derive(move || {
            (sent.get() || waiting.get())
                && last_sent.with_value(|l| l.as_ref().and_then(|c| c.mood).is_some_and(Mood::is_lowest))
        })/>
        <form class="card feedback-form" on:submit=on_submit novalidate>
            <ErrorSummary title=t.couldnt_send problems/>
            <fieldset class="face-question" id="mood">
                <legend>{t.how_today}</legend>
                <div class="faces">{faces}</div>
            </fieldset>
            <p class="hint">{t.skip_any}</p>
            <Field
                id="words"
                label=t.say_more
                value=words
                problems
                multiline=true
            />
            <WhoCanSee sending=WhatIsSent::CheckIn/>
            <div class="actions">
                {send.button(t.sending, t.send)}
                <A href="/" class="button secondary">{t.skip_for_now}</A>
            </div>
        </form>
        {card("not-safe-title", t.if_not_safe, "", view! {
            <p>{t.tell_us_now}</p>
            <NotSafeLink/>
        }.into_any())}
        {card("before-title", t.how_youve_been, "", view! {
            {move || match (history.get(), loaded.get()) {
                (Some(list), _) => view! { <MoodHistory check_ins=list whose="you"/> }.into_any(),
                (None, Some(Err(failure))) => {
                    let message = failure_words(&failure, t.not_found);
                    view! { <Problem message on_retry=move || loaded.refetch()/> }.into_any()
                }
                (None, _) => view! { <Loading message=t.loading/> }.into_any(),
            }}
        }.into_any())}
    }
}
