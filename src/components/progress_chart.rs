//! A progress picture: a small inline SVG of "how close am I?" over sessions, 0 at the
//! bottom and 10 at the top, one dot per rated session ("rather not say" is left out),
//! with the same story in a sentence beside it.

use crate::components::chart::{spread, LineChart};
use crate::i18n::{lang, later};
use journey_core::number::one_place;
use journey_core::{Progress, RatingPoint};
use leptos::prelude::*;

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 140.0;
/// Room on the left for the 0, 5 and 10 labels.
const LEFT: f64 = 28.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 10.0;

fn y_of(value: u8) -> f64 {
    TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - f64::from(value) / 10.0)
}

/// The chart and its sentence, or "Not rated yet." when there is nothing to draw.
#[component]
pub fn ProgressChart(ratings: Vec<RatingPoint>) -> impl IntoView {
    let Some(progress) = Progress::from_ratings(&ratings) else {
        return view! { <p class="progress-words">{later().goals.progress_none}</p> }.into_any();
    };
    let values: Vec<u8> = ratings
        .iter()
        .filter_map(|point| point.rating.map(|r| r.value()))
        .collect();
    let points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (spread(i, values.len(), LEFT, WIDTH - RIGHT), y_of(*v)))
        .collect();
    let grid = [0u8, 5, 10]
        .into_iter()
        .map(|v| {
            let y = one_place(y_of(v));
            let label_y = one_place(y_of(v) + 5.0);
            view! {
                <line class="grid" x1=one_place(LEFT) x2=one_place(WIDTH - RIGHT) y1=y.clone() y2=y/>
                <text class="axis" x=one_place(LEFT - 8.0) y=label_y text-anchor="end">{v}</text>
            }
        })
        .collect_view();
    let words = progress.describe(lang());
    view! {
        <div class="progress">
            <LineChart
                class="chart"
                width=WIDTH
                height=HEIGHT
                label=words.clone()
                points
                line_class="trend"
                dot_class="point"
                dot_size=6.0
            >
                {grid}
            </LineChart>
            <p class="progress-words" aria-hidden="true">{words}</p>
        </div>
    }
    .into_any()
}
