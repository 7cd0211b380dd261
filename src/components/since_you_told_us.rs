//! "What's happened since you told us" on the young person's My Journey: every answer
//! they have had (replies to feedback, answers to concerns, replies to their views, what
//! a worker wrote after "I don't feel safe"), newest first, each linking to where it was
//! said; and the count of new ones on the My Journey tab until they have looked.
//!
//! The list comes from its own request (not GET journey), asked once when they sign in
//! and again each time My Journey opens; the tab and the page read the same copy.

use crate::api;
use crate::clock::{local_date, today};
use crate::components::card::card;
use crate::components::once::effect;
use crate::i18n::{lang, t};
use crate::route::A;
use crate::session::Session;
use journey_core::dates::friendly_date;
use journey_core::heard_back::count_words;
use journey_core::i18n::fill;
use journey_core::{HeardBack, HeardBackItem};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The young person's list, shared by My Journey and the tab's count.
#[derive(Clone, Copy)]
pub struct HeardBackState {
    list: RwSignal<Option<HeardBack>>,
    asked: RwSignal<u32>,
}

impl HeardBackState {
    /// Made once, by the young person's app: asks for the list whenever someone signs in
    /// as a young person, and when `refresh` is called.
    pub fn provide() {
        let session = Session::get();
        let state = HeardBackState {
            list: RwSignal::new(None),
            asked: RwSignal::new(0),
        };
        provide_context(state);
        let young_person = Memo::new(move |_| session.me().and_then(|me| me.young_person_id));
        effect(Box::new(move || {
            state.asked.track();
            let Some(id) = young_person.get() else {
                state.list.set(None);
                return;
            };
            spawn_local(async move {
                // Only a count and a list to show: with no signal, the last one stays.
                if let Ok(found) = api::heard_back(id.as_str()).await {
                    state.list.set(Some(found));
                }
            });
        }));
    }

    pub fn get() -> Option<HeardBackState> {
        use_context::<HeardBackState>()
    }

    /// Asks for the newest list.
    pub fn refresh(self) {
        self.asked.update(|n| *n += 1);
    }

    /// How many answers are new since they last looked.
    pub fn unseen(self) -> usize {
        self.list.with(|list| list.as_ref().map_or(0, |l| l.unseen))
    }
}

/// The count on the My Journey tab: a number, read out as "1 new answer".
#[component]
pub fn UnseenCount() -> impl IntoView {
    let state = HeardBackState::get();
    move || {
        let count = state.map_or(0, |s| s.unseen());
        (count > 0).then(|| {
            view! {
                <span class="tab-count" aria-hidden="true">{count}</span>
                <span class="visually-hidden">{format!(", {}", count_words(lang(), count))}</span>
            }
        })
    }
}

/// The list on My Journey, closed until they open it; opening it is looking.
#[component]
pub fn SinceYouToldUs(#[prop(into)] young_person_id: String) -> impl IntoView {
    let Some(state) = HeardBackState::get() else {
        return ().into_any();
    };
    // Opened again (not the first screen after signing in, which asked already): ask for
    // the newest.
    if state.list.with_untracked(Option::is_some) {
        state.refresh();
    }
    let id = StoredValue::new(young_person_id);
    let open = RwSignal::new(false);
    // The new ones when they opened it, so those stay marked "New" while they read.
    let new_when_opened = RwSignal::new(0usize);
    let toggle = move |_| {
        if open.get_untracked() {
            open.set(false);
            return;
        }
        let (unseen, newest) = state.list.with_untracked(|list| {
            list.as_ref()
                .map_or((0, None), |l| (l.unseen, l.items.first().map(|i| i.at)))
        });
        new_when_opened.set(unseen);
        open.set(true);
        if let (true, Some(newest)) = (unseen > 0, newest) {
            state.list.update(|list| {
                if let Some(list) = list.as_mut() {
                    list.unseen = 0;
                }
            });
            spawn_local(async move {
                // Only a record of having looked: if it fails, the count comes back next
                // time and they can look again.
                let _ = api::heard_back_seen(&id.get_value(), newest).await;
            });
        }
    };
    let words = &t().heard_back;
    let body = move || {
        let list = state.list.get()?;
        if list.items.is_empty() {
            return Some(view! { <p>{words.nothing_yet}</p> }.into_any());
        }
        let unseen = list.unseen;
        let button_words = move || {
            if open.get() {
                words.hide.to_owned()
            } else {
                words.show.to_owned()
            }
        };
        let items = move || {
            open.get().then(|| {
                let shown = new_when_opened.get();
                let today = today();
                let lang = lang();
                let items = list
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| heard_item(item.clone(), i < shown, lang, today))
                    .collect_view();
                view! { <ol class="heard-back-items" id="heard-back-items">{items}</ol> }
            })
        };
        Some(
            view! {
                <p>{words.intro}</p>
                <button
                    type="button"
                    class="button secondary"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="heard-back-items"
                    on:click=toggle
                >
                    {button_words}
                    {(unseen > 0).then(|| view! {
                        " " <span class="new-count">{fill(words.new_count, &[("n", &unseen.to_string())])}</span>
                    })}
                </button>
                {items}
            }
            .into_any(),
        )
    };
    view! {
        {card("since-title", words.title, "since-you-told-us", view! {
            {body}
        }.into_any())}
    }
    .into_any()
}

fn heard_item(
    item: HeardBackItem,
    new: bool,
    lang: journey_core::Lang,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let words = &lang.text().heard_back;
    let when = friendly_date(lang, local_date(item.at), today);
    let says = item.kind.says(lang, &item.by);
    let link_words = item.kind.link_words(lang);
    view! {
        <li class="heard-back-item" class:new=new>
            {new.then(|| view! { <span class="badge new-mark">{words.new_mark}</span> })}
            <p class="heard-back-says"><strong>{says}</strong> " " <span class="view-when">{when}</span></p>
            {(!item.words.trim().is_empty()).then(|| view! {
                <blockquote class="their-words">{item.words}</blockquote>
            })}
            <A href=item.link class="link-tap">{link_words}</A>
        </li>
    }
}
