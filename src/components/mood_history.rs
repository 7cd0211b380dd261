//! A young person's check-ins as a picture over time, with the latest in words: on
//! "How I'm doing", and for their worker beside their feedback.

use crate::clock::day_of;
use crate::components::chart::{spread, LineChart};
use crate::i18n::lang;
use journey_core::i18n::fill;
use journey_core::number::one_place;
use journey_core::{CheckIn, Mood};
use leptos::prelude::*;

const CHART_WIDTH: f64 = 300.0;
const CHART_HEIGHT: f64 = 120.0;
const CHART_EDGE: f64 = 14.0;

/// Check-ins as a picture (one dot per check-in with a face, higher is better) with the
/// same in words, newest first. `whose` is "you" or the young person's name.
#[component]
pub fn MoodHistory(check_ins: Vec<CheckIn>, #[prop(into)] whose: String) -> impl IntoView {
    let lang = lang();
    let t = &lang.text().how_im_doing;
    if check_ins.is_empty() {
        return view! { <p>{t.no_check_ins}</p> }.into_any();
    }
    let scored: Vec<u8> = check_ins
        .iter()
        .filter_map(|c| c.mood.map(Mood::score))
        .collect();
    let y_of = |score: u8| {
        CHART_EDGE + (CHART_HEIGHT - 2.0 * CHART_EDGE) * (1.0 - f64::from(score - 1) / 4.0)
    };
    let points: Vec<(f64, f64)> = scored
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let x = spread(i, scored.len(), CHART_EDGE, CHART_WIDTH - CHART_EDGE);
            (x, y_of(*s))
        })
        .collect();
    let summary = match (scored.first(), scored.last()) {
        (Some(first), Some(last)) if scored.len() > 1 => fill(
            t.summary_many,
            &[
                ("n", &scored.len().to_string()),
                ("first", mood_of(*first).label(lang)),
                ("last", mood_of(*last).label(lang)),
            ],
        ),
        (Some(only), _) => fill(t.summary_one, &[("mood", mood_of(*only).label(lang))]),
        _ => t.no_faces.to_owned(),
    };
    let recent = check_ins
        .iter()
        .rev()
        .take(5)
        .map(|c| {
            let mood = c
                .mood
                .map_or(lang.text().common.rather_not_say, |m| m.label(lang));
            let words = c.words.clone().map(|w| {
                let label = if whose == "you" {
                    t.in_your_words
                } else {
                    lang.later().staff_view.in_their_words
                };
                view! { <p class="their-words"><strong>{label}" "</strong>{w}</p> }
            });
            view! {
                <li>
                    <p><strong>{day_of(&c.at)}</strong>": "{mood}</p>
                    {words}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="progress">
            <LineChart
                class="chart mood-chart"
                width=CHART_WIDTH
                height=CHART_HEIGHT
                label=if whose == "you" {
                    fill(t.chart_yours, &[("summary", &summary)])
                } else {
                    fill(
                        lang.later().staff_view.mood_chart,
                        &[("name", &whose), ("summary", &summary)],
                    )
                }
                points
                line_class="trend"
                dot_class="point"
                dot_size=6.0
            >
                <line class="grid" x1=one_place(CHART_EDGE) x2=one_place(CHART_WIDTH - CHART_EDGE) y1=one_place(y_of(5)) y2=one_place(y_of(5))/>
                <line class="grid" x1=one_place(CHART_EDGE) x2=one_place(CHART_WIDTH - CHART_EDGE) y1=one_place(y_of(1)) y2=one_place(y_of(1))/>
            </LineChart>
            <p class="progress-words">{summary}" "{t.higher_better}</p>
        </div>
        <h3>{t.latest}</h3>
        <ul class="check-ins">{recent}</ul>
    }
    .into_any()
}

fn mood_of(score: u8) -> Mood {
    Mood::ALL[usize::from(score.clamp(1, 5) - 1)]
}
