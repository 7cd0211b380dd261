//! `/good-news`: "Share good news". A young person tells their worker something good: a
//! quick choice of what it is about, their own words, or both (everything else can be
//! skipped, and "Not now" goes back). It keeps a draft as they go, waits on the phone
//! with no signal and goes by itself, says who can see it, and lists what they shared
//! before with their worker's replies.

use crate::api;
use crate::components::card::card;
use crate::components::draft::Draft;
use crate::components::fetched::Fetched;
use crate::components::form::{
    checked, focus_soon, ErrorSummary, Field, FormProblems, Radio, Sender,
};
use crate::components::good_news::GoodNewsItem;
use crate::components::once::effect;
use crate::components::outbox::Outbox;
use crate::components::reader::Reader;
use crate::components::status::{failure_words, Loading, Problem};
use crate::components::who_can_see::WhoCanSee;
use crate::i18n::lang;
use crate::route::A;
use crate::session::Session;
use crate::store::Sending;
use journey_core::good_news::put_good_news;
use journey_core::{GoodNews, GoodNewsAbout, NewGoodNews, WhatIsSent};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `/good-news`, for the young person signed in.
#[component]
pub fn GoodNewsPage() -> impl IntoView {
    let session = Session::get();
    let id = Memo::new(move |_| session.young_person_id());
    move || {
        id.get()
            .map(|id| view! { <ShareGoodNews young_person_id=id/> })
    }
}

/// Half-written good news, kept on the phone until it is sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct GoodNewsDraft {
    about: Option<GoodNewsAbout>,
    words: String,
}

/// What the young person is told after tapping "Send".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Sent,
    /// No signal: kept on the phone, and sent by itself later.
    Waiting,
}

#[component]
fn ShareGoodNews(young_person_id: String) -> impl IntoView {
    let session = Session::get();
    let outbox = Outbox::get();
    let id = StoredValue::new(young_person_id);
    let loaded = Fetched::new(move || {
        // Again when the outbox has sent something (good news shared with no signal).
        outbox.sent();
        let id = id.get_value();
        async move { api::good_news(&id).await }
    });
    let list = RwSignal::new(None::<Vec<GoodNews>>);
    effect(Box::new(move || match loaded.get() {
        Some(Ok(found)) => list.set(Some(found)),
        Some(Err(failure)) => session.notice(&failure),
        None => {}
    }));
    let about = RwSignal::new(None::<GoodNewsAbout>);
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    // One id for this form: sending again after a lost answer is recorded once.
    let client_id = api::ClientId::new();
    let outcome = RwSignal::new(None::<Outcome>);
    let draft = Draft::keep(
        format!("good-news.{}", id.get_value()),
        move || GoodNewsDraft {
            about: about.get(),
            words: words.get(),
        },
        |found| {
            about.set(found.about);
            words.set(found.words);
        },
    );
    let clear_form = move || {
        about.set(None);
        words.set(String::new());
        problems.set(FormProblems::default());
        client_id.saved();
        draft.clear();
        focus_soon("good-news-thanks");
    };
    let send = Sender::form(
        problems,
        move |news: NewGoodNews| {
            let id = id.get_value();
            async move { api::share_good_news(&id, &news).await }
        },
        move |news, result| {
            match outbox.or_wait(result, id.get_value(), || Sending::good_news(&news))? {
                Some(shared) => {
                    list.update(|list| {
                        if let Some(list) = list.as_mut() {
                            put_good_news(list, shared);
                        }
                    });
                    outcome.set(Some(Outcome::Sent));
                }
                // No signal, or a problem on our side: it waits on the phone and goes later.
                None => outcome.set(Some(Outcome::Waiting)),
            }
            clear_form();
            Ok(())
        },
    );
    let on_submit = send.on_submit(problems, move || {
        let typed = words.get_untracked();
        let mut news = NewGoodNews {
            client_id: String::new(),
            about: about.get_untracked(),
            // Kept exactly as typed.
            words: (!typed.trim().is_empty()).then_some(typed),
        };
        news.client_id = client_id.for_sending(&news);
        let news = checked(news, NewGoodNews::validate)?;
        outcome.set(None);
        Ok(news)
    });

    let lang = lang();
    let t = &lang.later().good_news_screens;
    let thanks = move || {
        outcome.get().map(|outcome| {
            let (title, body, class) = match outcome {
                Outcome::Sent => (t.sent_title, t.sent_body, "confirmation"),
                Outcome::Waiting => (t.waiting_title, t.waiting_body, "confirmation waiting"),
            };
            view! {
                <div class=class role="status" tabindex="-1" id="good-news-thanks">
                    <p><strong>{title}</strong></p>
                    <p>{body}</p>
                </div>
            }
        })
    };
    let choices = GoodNewsAbout::ALL
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            // The error summary links to the first choice.
            let id = if i == 0 {
                "about".to_owned()
            } else {
                format!("about-{}", choice.as_str())
            };
            view! {
                <Radio
                    id
                    name="about"
                    value=choice.as_str()
                    checked=move || about.get() == Some(choice)
                    on_pick=move || about.set(Some(choice))
                    // Tapping the chosen one again un-chooses it: it can be skipped.
                    on_tap_again=move || about.set(None)
                >
                    {choice.label(lang)}
                </Radio>
            }
        })
        .collect_view();
    let past = move || match (list.get(), loaded.get()) {
        (Some(found), _) if found.is_empty() => view! { <p>{t.none_yet}</p> }.into_any(),
        (Some(found), _) => view! {
            <ul class="good-news-list">
                {found
                    .into_iter()
                    .map(|news| view! { <GoodNewsItem news reader=Reader::TheYoungPerson/> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        (None, Some(Err(failure))) => {
            let message = failure_words(&failure, t.not_found);
            view! { <Problem message on_retry=move || loaded.refetch()/> }.into_any()
        }
        (None, _) => view! { <Loading message=t.loading/> }.into_any(),
    };
    view! {
        <p><A href="/" class="link-tap">{t.back}</A></p>
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        {thanks}
        <form class="card good-news-form" on:submit=on_submit novalidate>
            <ErrorSummary title=t.couldnt_send problems/>
            <fieldset class="choices">
                <legend>{t.about_legend}</legend>
                <p class="hint">{lang.text().common.you_can_skip}</p>
                {choices}
            </fieldset>
            <Field
                id="words"
                label=t.words_label
                hint=t.words_hint
                value=words
                problems
                multiline=true
            />
            <WhoCanSee sending=WhatIsSent::GoodNews/>
            <div class="actions">
                {send.button(t.sending, t.send)}
                <A href="/" class="button secondary">{t.not_now}</A>
            </div>
        </form>
        {card("your-good-news", t.yours_title, "", view! {
            {past}
        }.into_any())}
    }
}
