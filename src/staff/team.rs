//! The team overview (issue 21, item 1), at `/team`: for a manager their team's young
//! people, for a worker their own, over this month, the last 3 months or a year. Every
//! figure opens to the young people it counts, by first name, each a link to their page.
//! No young person's words are here: the server sends counts and first names only.

use crate::api;
use crate::clock::today;
use crate::components::chart::{spread, LineChart};
use crate::components::fetched::Fetched;
use crate::components::status::loaded;
use crate::i18n::lang;
use crate::session::Session;
use crate::staff::words::t;
use chrono::Datelike;
use journey_core::dates::long_date;
use journey_core::feedback::{FACE_MAX, FACE_MIN};
use journey_core::i18n::fill;
use journey_core::number::one_place;
use journey_core::paths;
use journey_core::team::{duration_words, Figure, MonthScore, Period, Section, TeamOverview};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TeamPage() -> impl IntoView {
    let t = t();
    let session = Session::get();
    let period = RwSignal::new(Period::Month);
    let overview = Fetched::new(move || api::team_overview(period.get()));
    let title = move || {
        if session.role() == Some(journey_core::Role::Manager) {
            t.team.title
        } else {
            t.team.title_worker
        }
    };
    view! {
        <h1>{title}</h1>
        <p class="lead">{t.team.intro}</p>
        <div class="team-periods" role="group" aria-label=t.team.period_legend>
            {Period::ALL
                .into_iter()
                .map(|choice| {
                    view! {
                        <button
                            type="button"
                            class="button secondary"
                            aria-pressed=move || (period.get() == choice).to_string()
                            on:click=move |_| period.set(choice)
                        >
                            {choice.label(lang())}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {loaded(overview, t.team.loading, t.team.not_found, move |found| {
            let overview = found?;
            Ok(view! { <Overview overview/> }.into_any())
        })}
    }
}

#[component]
fn Overview(overview: TeamOverview) -> impl IntoView {
    let t = t();
    let lang = lang();
    let today = today();
    let covers = fill(
        t.team.covers,
        &[
            ("count", &overview.young_people.to_string()),
            ("from", &long_date(lang, overview.from, today)),
            ("to", &long_date(lang, overview.to, today)),
        ],
    );
    let csv = api::team_overview_csv_or_json(paths::TEAM_OVERVIEW_CSV, overview.period);
    let sections = Section::ALL
        .into_iter()
        .map(|section| {
            let figures: Vec<Figure> = overview
                .figures
                .iter()
                .filter(|f| f.kind.section() == section)
                .cloned()
                .collect();
            let extra = match section {
                Section::Feedback => {
                    view! { <ScoreChart months=overview.scores_by_month.clone()/> }.into_any()
                }
                Section::Safety => {
                    match (overview.acted_median_minutes, overview.acted_longest_minutes) {
                        (Some(median), Some(longest)) => view! {
                            <p class="team-note">{fill(t.team.acted_median, &[("time", &duration_words(lang, median))])}</p>
                            <p class="team-note">{fill(t.team.acted_longest, &[("time", &duration_words(lang, longest))])}</p>
                        }
                        .into_any(),
                        _ => view! { <p class="team-note">{t.team.acted_none}</p> }.into_any(),
                    }
                }
                Section::Goals => {
                    let words = match overview.goal_movement {
                        Some(points) => fill(t.team.movement, &[("points", &format!("{points:+.1}"))]),
                        None => t.team.movement_none.to_owned(),
                    };
                    view! { <p class="team-note">{words}</p> }.into_any()
                }
                _ => ().into_any(),
            };
            let heading = format!("team-{}", section.as_str());
            let labelled_by = heading.clone();
            view! {
                <section class="card team-section" aria-labelledby=labelled_by>
                    <h2 id=heading>{section.title(lang)}</h2>
                    <ul class="team-figures">
                        {figures.into_iter().map(|figure| view! { <FigureLine figure/> }).collect_view()}
                    </ul>
                    {extra}
                </section>
            }
        })
        .collect_view();
    view! {
        <p>{covers}</p>
        {sections}
        <p>
            <a class="button secondary" href=csv download="" rel="external">{t.team.csv_link}</a>
        </p>
    }
}

/// A number and what it counts; tapped, the young people behind it, each a link.
#[component]
fn FigureLine(figure: Figure) -> impl IntoView {
    let t = t();
    let label = figure.kind.label(lang());
    let count = figure.count.to_string();
    let kind = figure.kind.as_str();
    if figure.people.is_empty() {
        return view! {
            <li class="team-figure" data-figure=kind>
                <p class="team-figure-line">
                    <span class="team-label">{label}</span>
                    " "
                    <span class="team-count">{count}</span>
                </p>
            </li>
        }
        .into_any();
    }
    let people = figure
        .people
        .into_iter()
        .map(|person| {
            let href = format!("/young-people/{}", person.id);
            view! { <li><A href=href attr:class="link-tap">{person.first_name}</A></li> }
        })
        .collect_view();
    view! {
        <li class="team-figure" data-figure=kind>
            <details>
                <summary class="team-figure-line">
                    <span class="team-label">{label}</span>
                    " "
                    <span class="team-count">{count}</span>
                </summary>
                <p class="team-who">{t.team.who}</p>
                <ul class="team-people">{people}</ul>
            </details>
        </li>
    }
    .into_any()
}

/// "March 2026"
fn month_name(month: chrono::NaiveDate) -> String {
    format!(
        "{} {}",
        t().dates.months[month.month0() as usize],
        month.year()
    )
}

/// The team's average score each month, as a small chart with its story in words (for a
/// screen reader, and as a list beside it).
#[component]
fn ScoreChart(months: Vec<MonthScore>) -> impl IntoView {
    let t = t();
    let (width, height, pad) = (300.0_f64, 110.0_f64, 12.0_f64);
    let count = months.len();
    let y = |score: f32| {
        pad + (f64::from(FACE_MAX) - f64::from(score)) / f64::from(FACE_MAX - FACE_MIN)
            * (height - 2.0 * pad)
    };
    let points: Vec<(f64, f64)> = months
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            m.average
                .map(|a| (spread(i, count, pad, width - pad), y(a)))
        })
        .collect();
    let told = months
        .iter()
        .map(|m| {
            fill(
                t.team.chart_month,
                &[
                    ("month", &month_name(m.month)),
                    (
                        "score",
                        &m.average.map_or_else(
                            || t.team.chart_no_score.to_owned(),
                            |a| format!("{a:.1}"),
                        ),
                    ),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let label = fill(t.team.chart_label, &[("months", &told)]);
    let list = months
        .into_iter()
        .map(|m| {
            let words = match m.average {
                Some(a) => fill(
                    t.team.month_score,
                    &[
                        ("month", &month_name(m.month)),
                        ("score", &format!("{a:.1}")),
                        ("count", &m.given.to_string()),
                    ],
                ),
                None => fill(t.team.month_none, &[("month", &month_name(m.month))]),
            };
            view! { <li>{words}</li> }
        })
        .collect_view();
    if points.is_empty() {
        return view! {
            <div class="team-chart">
                <h3>{t.team.chart_title}</h3>
                <p class="team-note">{t.team.chart_none}</p>
            </div>
        }
        .into_any();
    }
    let low = y(journey_core::feedback::LOW_SCORE);
    view! {
        <div class="team-chart">
            <h3>{t.team.chart_title}</h3>
            <figure class="trend">
                <LineChart
                    width
                    height
                    label
                    points
                    line_class="trend-line"
                    dot_class="trend-dot"
                    dot_size=5.0
                >
                    <line class="trend-low" x1="0" x2=one_place(width) y1=one_place(low) y2=one_place(low)/>
                </LineChart>
                <figcaption>
                    <ul class="team-months">{list}</ul>
                </figcaption>
            </figure>
        </div>
    }
    .into_any()
}
