//! Concerns, for staff: a manager's list of their team's concerns with a reply box on
//! each, and on a young person's page the concerns their worker may read.

use crate::api::{self, ApiFailure};
use crate::clock::today;
use crate::components::concerns::ConcernSummary;
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::status::loaded;
use crate::staff::words::t;
use journey_core::concern::STAGE_ONE_WORKING_DAYS;
use journey_core::i18n::fill;
use journey_core::{Concern, ConcernReader, ConcernStatus, NewConcernReply};
use leptos::prelude::*;
use leptos_router::components::A;

/// A manager's list of their team's concerns, soonest due first, each with a reply box.
#[component]
pub fn TeamConcernsPage() -> impl IntoView {
    let concerns = Fetched::new(api::team_concerns);
    let staff = &t().staff;
    view! {
        <p><A href="/" attr:class="link-tap">{t().common.back_to_young_people}</A></p>
        <h1>{t().staff_view.concerns_link}</h1>
        <p class="lead">
            {fill(staff.concerns_lead, &[("days", &STAGE_ONE_WORKING_DAYS.to_string())])}
        </p>
        {loaded(concerns, staff.concerns_loading, staff.concerns_not_found, move |list| Ok(match list {
            Ok(list) if list.is_empty() => view! {
                <div class="card"><p>{staff.concerns_none}</p></div>
            }
            .into_any(),
            Ok(list) => {
                let today = today();
                let words = &t().officer;
                // Complaints officer's own first, then the team's, then those taken further
                // that someone else answers now (seen, not answered).
                let (answer, moved_on): (Vec<Concern>, Vec<Concern>) =
                    list.into_iter().partition(|c| c.can_answer);
                let (officer, team): (Vec<Concern>, Vec<Concern>) = answer
                    .into_iter()
                    .partition(|c| c.sees == ConcernReader::ComplaintsOfficer);
                let items = move |list: Vec<Concern>, answer: bool| view! {
                    <ul class="concerns">
                        {list.into_iter().map(|concern| {
                            let overdue = concern.overdue && answer;
                            view! {
                            <li class="card concern" class:overdue=overdue>
                                <ConcernSummary concern=concern.clone() today yours=false nested=true/>
                                {if answer {
                                    view! { <ReplyForm concern on_sent=move || concerns.refetch()/> }.into_any()
                                } else {
                                    view! { <p class="step-meta">{words.not_yours_to_answer}</p> }.into_any()
                                }}
                            </li>
                        }}).collect_view()}
                    </ul>
                };
                let has_officer = !officer.is_empty();
                view! {
                    {has_officer.then(|| view! {
                        <section class="officer-concerns" aria-labelledby="officer-heading">
                            <h2 id="officer-heading">{words.officer_heading}</h2>
                            <p>{words.officer_lead}</p>
                            {items(officer, true)}
                        </section>
                    })}
                    {(!team.is_empty()).then(|| view! {
                        <section aria-labelledby="team-heading">
                            <h2 id="team-heading">{words.team_heading}</h2>
                            {items(team, true)}
                        </section>
                    })}
                    {(!moved_on.is_empty()).then(|| view! {
                        <section class="moved-on" aria-labelledby="moved-on-heading">
                            <h2 id="moved-on-heading">{words.moved_on_heading}</h2>
                            <p>{words.moved_on_lead}</p>
                            {items(moved_on, false)}
                        </section>
                    })}
                }
                .into_any()
            }
            Err(ApiFailure::Refused(_)) => view! {
                <div class="card"><p>{staff.concerns_managers_only}</p></div>
            }
            .into_any(),
            Err(failure) => return Err(failure),
        }))}
    }
}

#[component]
fn ReplyForm(concern: Concern, on_sent: impl Fn() + Copy + 'static) -> impl IntoView {
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let concern_id = StoredValue::new(concern.id.clone());
    // The same until the answer is given, so Send again after no answer gives it once.
    let client_id = api::ClientId::new();
    let field_id = format!("reply-{}", concern.id);
    let send = {
        let field_id = field_id.clone();
        Sender::form(
            problems,
            move |reply: NewConcernReply| {
                let id = concern_id.get_value();
                async move { api::reply_to_concern(&id, &reply).await }
            },
            move |_, result| {
                result.map_err(|failure| FormProblems::from(failure).on_field(&field_id))?;
                client_id.saved();
                on_sent();
                Ok(())
            },
        )
    };
    let on_submit = {
        let field_id = field_id.clone();
        send.on_submit(problems, move || {
            let mut reply = NewConcernReply {
                words: words.get_untracked(),
                client_id: None,
            };
            reply.client_id = Some(client_id.for_sending(&reply));
            checked(reply, NewConcernReply::validate).map_err(|found| found.on_field(&field_id))
        })
    };
    let t = t();
    let label = fill(
        if concern.status == ConcernStatus::Answered {
            t.staff.reply_label_more
        } else {
            t.staff.reply_label
        },
        &[("name", &concern.first_name)],
    );
    let summary_id = format!("reply-{}-summary", concern.id);
    view! {
        <form class="form reply-form" on:submit=on_submit novalidate>
            <ErrorSummary title=t.staff.reply_not_sent problems id=summary_id/>
            <Field
                id=field_id
                label
                hint=t.staff.reply_hint
                value=words
                problems
                multiline=true
            />
            {send.button(t.common.sending, t.staff.send_answer)}
        </form>
    }
}
