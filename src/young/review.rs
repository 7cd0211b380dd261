//! `/review`: "Get ready for my review". Every question is optional; what is typed is
//! kept as a draft on the phone; with no signal it waits in the outbox and sends itself.
//! The young person chooses whether the person who chairs their review sees it too, and
//! is told who will read it. Below: what they sent before, and who has read it.

use crate::api;
use crate::clock::{local_date, today};
use crate::components::card::card;
use crate::components::draft::Draft;
use crate::components::fetched::Fetched;
use crate::components::form::{
    checked, focus_soon, ErrorSummary, Field, FormProblems, Radio, Sender,
};
use crate::components::outbox::Outbox;
use crate::i18n::{lang, later, t};
use crate::route::A;
use crate::session::Session;
use crate::store::Sending;
use journey_core::checkin::your_worker;
use journey_core::dates::long_date;
use journey_core::i18n::capitalise;
use journey_core::i18n::fill;
use journey_core::review::prep_who_can_see;
use journey_core::{NewReviewPrep, ReviewPrep, TakePart};
use leptos::prelude::*;

/// `/review`: the young person's own preparation for their review.
#[component]
pub fn ReviewPrepPage() -> impl IntoView {
    let session = Session::get();
    let id = Memo::new(move |_| session.young_person_id());
    move || id.get().map(|id| view! { <GetReady young_person_id=id/> })
}

/// After sending: who will read it, or that it waits on the phone.
#[derive(Clone)]
enum Outcome {
    Sent(String),
    Waiting,
}

#[component]
fn GetReady(young_person_id: String) -> impl IntoView {
    let w = &later().review_screens;
    let (t, lang) = (t(), lang());
    let today = today();
    let id = StoredValue::new(young_person_id);
    let session = Session::get();
    // The plan (next review date, who chairs it) and the worker, with no signal from the
    // copy kept on this phone.
    let journey = Fetched::new(move || {
        let id = id.get_value();
        let user = session.username_untracked();
        async move {
            crate::store::with_last_copy(user, "journey", api::journey_as_sent(&id).await)
                .ok()
                .map(|(journey, _): (journey_core::Journey, _)| journey)
        }
    });
    let journey = Memo::new(move |_| journey.get().flatten());
    let chair =
        Memo::new(move |_| journey.with(|j| j.as_ref().and_then(|j| j.plan.review_chair.clone())));
    let worker = Memo::new(move |_| {
        journey.with(|j| {
            j.as_ref()
                .and_then(|j| j.worker.as_ref())
                .and_then(|worker| worker.name.split_whitespace().next().map(str::to_owned))
        })
    });
    let outbox = Outbox::get();
    let earlier = Fetched::new(move || {
        outbox.sent();
        let id = id.get_value();
        async move { api::review_preps(&id).await }
    });

    let went_well = RwSignal::new(String::new());
    let not_gone_well = RwSignal::new(String::new());
    let next = RwSignal::new(String::new());
    let want_there = RwSignal::new(String::new());
    let not_there = RwSignal::new(String::new());
    let questions = RwSignal::new(String::new());
    let take_part = RwSignal::new(None::<TakePart>);
    // Nothing is shared by default (the Children's code): they tick it to share.
    let share = RwSignal::new(false);
    let problems = RwSignal::new(FormProblems::default());
    let client_id = api::ClientId::new();
    let sent = RwSignal::new(None::<Outcome>);
    let read_form = move || NewReviewPrep {
        client_id: String::new(),
        went_well: went_well.get(),
        not_gone_well: not_gone_well.get(),
        next: next.get(),
        want_there: want_there.get(),
        not_there: not_there.get(),
        take_part: take_part.get(),
        questions: questions.get(),
        share_with_chair: share.get(),
    };
    let draft = Draft::keep(
        format!("review-prep.{}", id.get_value()),
        read_form,
        |found: NewReviewPrep| {
            went_well.set(found.went_well);
            not_gone_well.set(found.not_gone_well);
            next.set(found.next);
            want_there.set(found.want_there);
            not_there.set(found.not_there);
            questions.set(found.questions);
            take_part.set(found.take_part);
            share.set(found.share_with_chair);
        },
    );
    let clear_form = move || {
        for field in [
            went_well,
            not_gone_well,
            next,
            want_there,
            not_there,
            questions,
        ] {
            field.set(String::new());
        }
        take_part.set(None);
        share.set(false);
        problems.set(FormProblems::default());
        client_id.saved();
        draft.clear();
        focus_soon("prep-sent");
    };
    let readers = move |shared: bool| -> String {
        let worker = your_worker(lang, worker.get_untracked().as_deref());
        match chair.get_untracked().filter(|_| shared) {
            Some(chair) => fill(
                w.sent_and_chair,
                &[("worker", &worker), ("chair", chair.name.trim())],
            ),
            None => worker,
        }
    };
    let send = Sender::form(
        problems,
        move |prep: NewReviewPrep| {
            let id = id.get_value();
            async move { api::send_review_prep(&id, &prep).await }
        },
        move |prep, result| {
            match outbox.or_wait(result, id.get_value(), || Sending::review_prep(&prep))? {
                Some(saved) => {
                    sent.set(Some(Outcome::Sent(readers(saved.shared_with.is_some()))));
                    earlier.refetch();
                }
                None => sent.set(Some(Outcome::Waiting)),
            }
            clear_form();
            Ok(())
        },
    );
    let on_submit = send.on_submit(problems, move || {
        let mut prep = untrack(read_form);
        prep.share_with_chair = prep.share_with_chair && chair.get_untracked().is_some();
        prep.client_id = client_id.for_sending(&prep);
        let prep = checked(prep, NewReviewPrep::validate)?;
        sent.set(None);
        Ok(prep)
    });

    let confirmation = move || {
        sent.get().map(|outcome| match outcome {
            Outcome::Sent(who) => view! {
                <div class="confirmation" role="status" tabindex="-1" id="prep-sent">
                    <p><strong>{w.sent_title}</strong></p>
                    <p>{capitalise(&fill(w.sent_who, &[("who", &who)]))}</p>
                    <p>{w.write_more}</p>
                </div>
            }
            .into_any(),
            Outcome::Waiting => view! {
                <div class="confirmation waiting" role="status" tabindex="-1" id="prep-sent">
                    <p><strong>{w.saved_waiting}</strong></p>
                </div>
            }
            .into_any(),
        })
    };
    let when = move || {
        journey.get().map(|journey| {
            let date = long_date(lang, journey.plan.next_review, today);
            view! { <p class="review-date">{fill(w.review_on, &[("date", &date)])}</p> }
        })
    };
    let chair_line = move || {
        chair.get().map(|chair| {
            view! { <p>{fill(w.chair_is, &[("name", &chair.said())])}</p> }
        })
    };
    let take_part_choices = TakePart::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <Radio
                    id=format!("take-part-{}", choice.as_str())
                    name="take-part"
                    checked=move || take_part.get() == Some(choice)
                    on_pick=move || take_part.set(Some(choice))
                >
                    {choice.label(lang)}
                </Radio>
            }
        })
        .collect_view();
    let share_box = move || {
        chair.get().map(|chair| {
            view! {
                <div class="choice checkbox">
                    <input
                        type="checkbox"
                        id="share-with-chair"
                        prop:checked=move || share.get()
                        on:change=move |ev| share.set(event_target_checked(&ev))
                    />
                    <label for="share-with-chair">
                        {fill(w.share_chair, &[("name", &chair.said())])}
                    </label>
                </div>
            }
        })
    };
    let who_can_see = move || {
        let chair = chair.get();
        prep_who_can_see(lang, worker.get().as_deref(), chair.as_ref(), share.get())
    };
    let earlier_list = move || {
        earlier.get().and_then(Result::ok).map(|preps| {
            (!preps.is_empty()).then(|| {
                view! {
                    {card("prep-earlier", w.sent_before, "earlier-preps", view! {
                        <ul class="plain">
                            {preps.into_iter().map(|prep| view! { <SentPrep prep/> }).collect_view()}
                        </ul>
                    }.into_any())}
                }
            })
        })
    };

    view! {
        <h1>{w.title}</h1>
        <p class="lead">{w.intro}</p>
        {when}
        {chair_line}
        {confirmation}
        <form class="form review-prep-form" on:submit=on_submit novalidate>
            <ErrorSummary title=later().feedback.not_sent_yet problems/>
            <Field id="went_well" label=w.went_well value=went_well problems multiline=true/>
            <Field id="not_gone_well" label=w.not_gone_well value=not_gone_well problems multiline=true/>
            <Field id="next" label=w.next value=next problems multiline=true/>
            <Field id="want_there" label=w.want_there value=want_there problems multiline=true/>
            <Field id="not_there" label=w.not_there value=not_there problems multiline=true/>
            <fieldset class="choices">
                <legend>{w.take_part}</legend>
                {take_part_choices}
                <p class="hint">
                    {w.advocate_help}" "
                    <A href="/help" class="link-tap">{w.advocate_link}</A>
                </p>
            </fieldset>
            <Field id="questions" label=w.questions value=questions problems multiline=true/>
            {share_box}
            <p class="who-can-see">
                <strong>{t.how_im_doing.who_can_see}" "</strong>
                {who_can_see}
            </p>
            {send.button(later().feedback.sending, w.send)}
        </form>
        {earlier_list}
    }
}

/// One preparation sent before: when, and who has read it.
#[component]
fn SentPrep(prep: ReviewPrep) -> impl IntoView {
    let w = &later().review_screens;
    let (t, lang) = (t(), lang());
    let today = today();
    let date = long_date(lang, local_date(prep.at), today);
    let reads = if prep.read_by.is_empty() {
        view! { <p class="hint">{w.not_read_yet}</p> }.into_any()
    } else {
        prep.read_by
            .iter()
            .map(|read| {
                let name = read.by.split_whitespace().next().unwrap_or_default();
                view! { <p class="read-by">{fill(t.review.read_by, &[("name", name)])}</p> }
            })
            .collect_view()
            .into_any()
    };
    let written: Vec<String> = [
        &prep.went_well,
        &prep.not_gone_well,
        &prep.next,
        &prep.want_there,
        &prep.not_there,
        &prep.questions,
    ]
    .into_iter()
    .filter(|words| !words.trim().is_empty())
    .cloned()
    .collect();
    view! {
        <li class="sent-prep">
            <p><strong>{fill(w.sent_on, &[("date", &date)])}</strong></p>
            {prep.take_part.map(|choice| view! { <p>{choice.label(lang)}</p> })}
            {written.into_iter().map(|words| view! { <p class="their-words">{words}</p> }).collect_view()}
            {reads}
        </li>
    }
}
