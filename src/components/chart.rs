//! The small line charts, drawn one way: progress towards a goal (0 to 10), moods over
//! check-ins, and (for staff) feedback scores. Each is an inline SVG with its story in
//! words for a screen reader (`label`), and the same words beside it.

use journey_core::number::one_place;
use leptos::prelude::*;

/// Where the `i`th of `count` points sits between `left` and `right`: spread evenly, and
/// one alone in the middle.
pub fn spread(i: usize, count: usize, left: f64, right: f64) -> f64 {
    if count <= 1 {
        (left + right) / 2.0
    } else {
        left + (right - left) * i as f64 / (count - 1) as f64
    }
}

/// A chart: what `children` draws first (grid lines, labels), then the line through
/// `points` and a dot on each.
#[component]
pub fn LineChart(
    #[prop(optional)] class: Option<&'static str>,
    width: f64,
    height: f64,
    /// The chart in words, for a screen reader.
    label: String,
    points: Vec<(f64, f64)>,
    line_class: &'static str,
    dot_class: &'static str,
    dot_size: f64,
    children: Children,
) -> impl IntoView {
    let line = points
        .iter()
        .map(|(x, y)| format!("{},{}", one_place(*x), one_place(*y)))
        .collect::<Vec<_>>()
        .join(" ");
    let r = one_place(dot_size);
    let dots = points
        .into_iter()
        .map(|(x, y)| view! { <circle class=dot_class cx=one_place(x) cy=one_place(y) r=r.clone()/> })
        .collect_view();
    view! {
        <svg class=class viewBox=format!("0 0 {} {}", one_place(width), one_place(height)) role="img" aria-label=label>
            {children()}
            <polyline class=line_class points=line/>
            {dots}
        </svg>
    }
}
