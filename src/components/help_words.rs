//! The Help tab's words as a young person sees them: the "If you are in danger now" box,
//! then complaining, the steps, advocates, who else can help (tap to call, links) and
//! what is private. Drawn by the Help page and by the Help editor's preview, in the
//! language given (the editor previews English and Welsh on one screen).

use crate::components::card::card_with;
use journey_core::i18n::fill;
use journey_core::phone::tel_href;
use journey_core::{HelpContact, HelpContent, Lang};
use leptos::prelude::*;

#[component]
pub fn DangerBox(
    words: String,
    phone: String,
    lang: Lang,
    /// Put before each heading's id, so two copies can share a screen (the editor's).
    #[prop(optional)]
    ids: &'static str,
) -> impl IntoView {
    let href = tel_href(&phone);
    let t = &lang.later().help;
    let title = format!("{ids}danger-title");
    let labelled_by = title.clone();
    view! {
        <aside class="card danger" aria-labelledby=labelled_by>
            <h2 id=title>{t.danger_title}</h2>
            <p>{words}</p>
            <a class="button" href=href>{fill(t.call, &[("phone", &phone)])}</a>
        </aside>
    }
}

fn paragraphs(list: Vec<String>) -> impl IntoView {
    list.into_iter()
        .map(|text| view! { <p>{text}</p> })
        .collect_view()
}

/// Everything under the danger box. `content_lang`: the `lang` attribute of the
/// organisation's words when they are not in the screen's language.
#[component]
pub fn HelpWords(
    content: HelpContent,
    content_lang: Option<&'static str>,
    lang: Lang,
    /// Put before each heading's id, so two copies can share a screen (the editor's).
    #[prop(optional)]
    ids: &'static str,
) -> impl IntoView {
    let t = &lang.later().help;
    let id = |name: &str| format!("{ids}{name}");
    let steps = content
        .steps
        .into_iter()
        .enumerate()
        .map(|(i, step)| {
            view! {
                <li class="help-step">
                    <h3>{fill(t.step, &[("n", &(i + 1).to_string()), ("title", &step.title)])}</h3>
                    <p>{step.what_happens}</p>
                    <p class="how-long"><strong>{t.how_long}" "</strong>{step.how_long}</p>
                </li>
            }
        })
        .collect_view();
    let contacts = content
        .contacts
        .into_iter()
        .map(|contact| view! { <ContactCard contact lang/> })
        .collect_view();
    view! {
        {card_with(id("ok-to-complain"), t.ok_to_complain, "", false, content_lang, view! {
            {paragraphs(content.ok_to_complain)}
        }.into_any())}
        {card_with(id("steps-title"), t.steps_title, "", false, content_lang, view! {
            <p class="hint">{t.working_days}</p>
            <ol class="help-steps">{steps}</ol>
            <h3>{t.still_unhappy}</h3>
            <p>{content.still_unhappy}</p>
        }.into_any())}
        {card_with(id("advocate-title"), t.advocate, "", false, content_lang, view! {
            {paragraphs(content.advocate)}
        }.into_any())}
        {card_with(id("who-else"), t.who_else, "", false, content_lang, view! {
            <ul class="contacts">{contacts}</ul>
        }.into_any())}
        {card_with(id("private-title"), t.private, "", false, content_lang, view! {
            {paragraphs(content.privacy)}
        }.into_any())}
    }
}

#[component]
fn ContactCard(contact: HelpContact, lang: Lang) -> impl IntoView {
    // The visible words come first in each link's name, as speech users say what they see.
    let t = &lang.later().help;
    let name = contact.name.clone();
    let call = contact.phone.map(|phone| {
        let href = tel_href(&phone);
        let who = format!(", {name}");
        view! {
            <a class="button secondary" href=href>
                {fill(t.call, &[("phone", &phone)])}
                <span class="visually-hidden">{who}</span>
            </a>
        }
    });
    let name = contact.name.clone();
    let link = contact.link.map(|link| {
        let what = format!(" {}", fill(t.website_for, &[("name", &name)]));
        view! {
            <a class="link-tap" href=link target="_blank" rel="noopener noreferrer">
                {t.website}
                <span class="visually-hidden">{what}</span>
            </a>
        }
    });
    view! {
        <li class="contact">
            <h3>{contact.name}</h3>
            <p>{contact.what}</p>
            <div class="actions">{call}{link}</div>
        </li>
    }
}
