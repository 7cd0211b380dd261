//! Good news a young person shared, as both apps draw it: what it was about, their words
//! (marked as theirs), when, and the replies. In the staff app each piece has a reply
//! form under it, and one waiting for a reply says so.

use crate::api;
use crate::components::card::card;
use crate::components::draft::Draft;
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::once::effect;
use crate::components::reader::Reader;
use crate::i18n::{lang, later, t};
use journey_core::good_news::put_reply;
use journey_core::i18n::fill;
use journey_core::{GoodNews, GoodNewsReply, NewGoodNewsReply};
use leptos::prelude::*;

/// "today at 14:05", on this phone's clock.
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    crate::clock::moment_words(at.timestamp_millis() as f64)
}

/// One reply: who, when, and their words as written.
fn reply_view(reply: GoodNewsReply) -> impl IntoView {
    let t = &later().good_news_screens;
    view! {
        <li class="reply good-news-reply">
            <h3>{fill(t.reply_from, &[("name", &reply.by), ("when", &when(reply.at))])}</h3>
            <p class="their-words">{reply.words}</p>
        </li>
    }
}

/// One piece of good news with its replies. `reply_form`: the staff app's form under it.
#[component]
pub fn GoodNewsItem(
    news: GoodNews,
    reader: Reader,
    #[prop(optional)] reply_form: Option<AnyView>,
) -> impl IntoView {
    let w = &later().good_news_screens;
    let (t, lang) = (t(), lang());
    let words_label = match reader {
        Reader::TheYoungPerson => t.common.in_your_words,
        Reader::Staff(_) => w.staff_in_their_words,
    };
    let waiting = news.waiting_for_reply();
    let replies = news.replies.into_iter().map(reply_view).collect_view();
    view! {
        <li class="good-news">
            <p class="step-meta">
                {fill(w.shared, &[("when", &when(news.at))])}
            </p>
            {news.about.map(|about| view! {
                <p class="tag good-news-about">{about.label(lang)}</p>
            })}
            {news.words.map(|words| view! {
                <p class="words-label">{words_label}</p>
                <p class="their-words">{words}</p>
            })}
            {match (waiting, reader) {
                (true, Reader::TheYoungPerson) => {
                    Some(view! { <p class="hint">{w.no_reply_yet}</p> }.into_any())
                }
                (true, Reader::Staff(_)) => Some(
                    view! { <p class="tag flag waiting-reply">{w.staff_waiting}</p> }
                        .into_any(),
                ),
                (false, _) => None,
            }}
            <ul class="replies">{replies}</ul>
            {reply_form}
        </li>
    }
}

/// For a worker or manager: a reply to one piece of good news, in their own words. Its
/// `client_id` makes a second tap (or a retry after a lost answer) record it once.
#[component]
fn ReplyForm(
    young_person_id: StoredValue<String>,
    news_id: i64,
    list: RwSignal<Vec<GoodNews>>,
) -> impl IntoView {
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let client_id = api::ClientId::new();
    // Kept on this device as it is typed; with no signal it waits in the outbox.
    let kept_to_send = RwSignal::new(false);
    let outbox = crate::components::outbox::Outbox::get();
    let draft = Draft::keep(
        format!("good-news-reply.{}.{news_id}", young_person_id.get_value()),
        move || words.get(),
        move |found: String| words.set(found),
    );
    let send = Sender::form(
        problems,
        move |reply: NewGoodNewsReply| {
            let id = young_person_id.get_value();
            async move { api::reply_to_good_news(&id, news_id, &reply).await }
        },
        move |reply, result| {
            let sending = || crate::store::Sending::good_news_reply(news_id, &reply);
            let saved = match outbox.or_wait(result, young_person_id.get_value(), sending) {
                Ok(saved) => saved,
                Err(failure) => {
                    return Err(FormProblems::from(failure).prefixed(&format!("reply-{news_id}")))
                }
            };
            words.set(String::new());
            draft.clear();
            client_id.saved();
            kept_to_send.set(saved.is_none());
            if let Some(reply) = saved {
                list.update(|list| put_reply(list, news_id, reply));
            }
            Ok(())
        },
    );
    let on_submit = send.on_submit(problems, move || {
        let reply = NewGoodNewsReply {
            words: words.get_untracked(),
            client_id: None,
        };
        checked(reply, NewGoodNewsReply::validate)
            .map(|mut reply| {
                reply.client_id = Some(client_id.for_sending(&reply));
                reply
            })
            .map_err(|problems| problems.prefixed(&format!("reply-{news_id}")))
    });
    let t = &later().good_news_screens;
    view! {
        {move || kept_to_send.get().then(|| view! {
            <p class="confirmation" role="status">{t.staff_reply_kept}</p>
        })}
        <form class="reply-form" on:submit=on_submit novalidate>
            <ErrorSummary
                title=t.staff_couldnt_send
                problems
                id=format!("reply-{news_id}-summary")
            />
            <Field
                id=format!("reply-{news_id}-words")
                label=t.staff_reply_label
                hint=t.staff_reply_hint
                value=words
                problems
                multiline=true
            />
            {send.button(t.staff_sending, t.staff_send_reply)}
        </form>
    }
}

/// On a young person's page in the staff app: their good news, newest first, each with
/// its replies and a form to reply. Nothing is shown until it has loaded.
#[component]
pub fn GoodNewsForStaff(#[prop(into)] young_person_id: String) -> impl IntoView {
    let id = StoredValue::new(young_person_id);
    let loaded = Fetched::new(move || {
        let id = id.get_value();
        async move { api::good_news(&id).await }
    });
    let list = RwSignal::new(Vec::<GoodNews>::new());
    let ready = RwSignal::new(false);
    effect(Box::new(move || {
        if let Some(Ok(found)) = loaded.get() {
            list.set(found);
            ready.set(true);
        }
    }));
    let t = &later().good_news_screens;
    move || {
        ready.get().then(|| {
            let items = move || {
                list.get()
                    .into_iter()
                    .map(|news| {
                        let news_id = news.id;
                        let form =
                            view! { <ReplyForm young_person_id=id news_id list/> }.into_any();
                        view! { <GoodNewsItem news reader=Reader::staff() reply_form=form/> }
                    })
                    .collect_view()
            };
            view! {
                {card("their-good-news", t.staff_title, "good-news-staff", view! {
                    <p class="hint">{t.staff_intro}</p>
                    {move || list.with(Vec::is_empty).then(|| view! { <p>{t.staff_none}</p> })}
                    <ul class="good-news-list">{items}</ul>
                }.into_any())}
            }
        })
    }
}
