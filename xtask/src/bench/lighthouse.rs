//! Lighthouse (npm `lighthouse`, in tests/node_modules) in Debian's Chromium: mobile
//! performance and accessibility for one page, signed in through an extra Cookie header
//! (or signed out, without one).

use crate::{project_root, tools, Result};
use std::path::Path;
use std::process::Command;

#[derive(Debug, PartialEq)]
pub struct Scores {
    /// 0 to 100; `None` when Lighthouse could not score it.
    pub performance: Option<u32>,
    pub accessibility: Option<u32>,
    pub first_contentful_paint: String,
    pub largest_contentful_paint: String,
    pub total_blocking_time: String,
    /// Where the page ended up (a sign-in page here would mean the cookie did not work).
    pub final_url: String,
    pub version: String,
    /// Lighthouse's own warnings about the run (a slow machine, for one).
    pub warnings: Vec<String>,
    /// The performance score of every run of this page, in the order they ran (one,
    /// unless it is the median of several: [`median_run`]).
    pub every_run: Vec<Option<u32>>,
}

/// How many times [`median_run`] loads each page. Total blocking time, a third of the
/// score, moves by hundreds of milliseconds between runs of one build on this machine.
pub const RUNS: usize = 3;

fn score(report: &serde_json::Value, category: &str) -> Option<u32> {
    report["categories"][category]["score"]
        .as_f64()
        .map(|s| (s * 100.0).round() as u32)
}

fn display(report: &serde_json::Value, audit: &str) -> String {
    report["audits"][audit]["displayValue"]
        .as_str()
        .unwrap_or("-")
        .replace('\u{a0}', " ")
}

/// Reads the parts of Lighthouse's JSON report that the bench prints.
pub fn parse(json: &str) -> Result<Scores> {
    let report: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("Lighthouse's report is not JSON: {e}"))?;
    if let Some(error) = report["runtimeError"]["message"].as_str() {
        return Err(format!("Lighthouse could not load the page: {error}"));
    }
    let performance = score(&report, "performance");
    Ok(Scores {
        performance,
        every_run: vec![performance],
        accessibility: score(&report, "accessibility"),
        first_contentful_paint: display(&report, "first-contentful-paint"),
        largest_contentful_paint: display(&report, "largest-contentful-paint"),
        total_blocking_time: display(&report, "total-blocking-time"),
        final_url: report["finalDisplayedUrl"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        version: report["lighthouseVersion"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        warnings: report["runWarnings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|w| w.as_str())
            .map(|w| {
                w.split(" Learn more")
                    .next()
                    .unwrap_or(w)
                    .replace("  ", " ")
            })
            .collect(),
    })
}

/// How Lighthouse slows the page down to a slow phone's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Throttling {
    /// Its default: the page loads at full speed, and the slow network and CPU are
    /// simulated afterwards from what was seen.
    Simulated,
    /// The slow network and CPU applied while the page loads, as a slow phone has them.
    Applied,
}

/// Runs Lighthouse on `url` (mobile, the default form factor), keeping its JSON report;
/// as the holder of `cookie` when given.
pub fn run(
    url: &str,
    cookie: Option<&str>,
    out_dir: &Path,
    name: &str,
    throttling: Throttling,
) -> Result<Scores> {
    let report = out_dir.join(format!("lighthouse-{name}.json"));
    let lighthouse = project_root().join("tests/node_modules/lighthouse/cli/index.js");
    let headers = match cookie {
        Some(cookie) => {
            let headers = out_dir.join(format!("lighthouse-{name}-headers.json"));
            let header_json = serde_json::json!({ "Cookie": cookie }).to_string();
            std::fs::write(&headers, header_json).map_err(|e| e.to_string())?;
            Some(headers)
        }
        None => None,
    };
    let command = || {
        let mut command = Command::new("node");
        command
            .arg(&lighthouse)
            .arg(url)
            .args([
                "--quiet",
                "--form-factor=mobile",
                "--only-categories=performance,accessibility",
                "--output=json",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run",
            ])
            .arg(format!("--output-path={}", report.display()))
            .env("CHROME_PATH", tools::CHROMIUM)
            .env("PATH", tools::path_with_node_bin())
            .current_dir(project_root());
        if let Some(headers) = &headers {
            command.arg(format!("--extra-headers={}", headers.display()));
        }
        if throttling == Throttling::Applied {
            command.arg("--throttling-method=devtools");
        }
        command
    };
    // Lighthouse sometimes loses Chrome on this machine ("Unable to connect to Chrome",
    // "NO_NAVSTART: please run Lighthouse again"): one more try before the run fails.
    if let Err(first) = crate::check(command()) {
        println!("    Lighthouse failed once ({first}); trying again");
        crate::check(command())?;
    }
    let json = std::fs::read_to_string(&report)
        .map_err(|e| format!("could not read {}: {e}", report.display()))?;
    parse(&json)
}

/// Runs Lighthouse on `url` [`RUNS`] times and gives the run whose performance score is
/// the median (its report kept as `lighthouse-{name}.json`, each run's as
/// `lighthouse-{name}-run{N}.json`), with every run's score in `every_run`.
pub fn median_run(
    url: &str,
    cookie: Option<&str>,
    out_dir: &Path,
    name: &str,
    throttling: Throttling,
) -> Result<Scores> {
    let mut runs = Vec::with_capacity(RUNS);
    for n in 1..=RUNS {
        runs.push(run(
            url,
            cookie,
            out_dir,
            &format!("{name}-run{n}"),
            throttling,
        )?);
    }
    let every_run: Vec<Option<u32>> = runs.iter().map(|run| run.performance).collect();
    let middle = median_index(&every_run);
    let report = |n: String| out_dir.join(format!("lighthouse-{n}.json"));
    std::fs::copy(
        report(format!("{name}-run{}", middle + 1)),
        report(name.to_owned()),
    )
    .map_err(|e| format!("could not keep the median run's report: {e}"))?;
    let mut median = runs.swap_remove(middle);
    median.every_run = every_run;
    Ok(median)
}

/// Which of `scores` is the median (a run that could not be scored counts as the lowest;
/// of an even number, the lower middle).
fn median_index(scores: &[Option<u32>]) -> usize {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by_key(|&i| scores[i]);
    order[(scores.len().max(1) - 1) / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_run_is_the_middle_score() {
        assert_eq!(median_index(&[Some(81), Some(90), Some(85)]), 2);
        assert_eq!(median_index(&[Some(90), Some(81), Some(85)]), 2);
        assert_eq!(median_index(&[Some(85), Some(85), Some(70)]), 0);
        // Not scored counts as lowest.
        assert_eq!(median_index(&[None, Some(95), Some(60)]), 2);
        assert_eq!(median_index(&[Some(95)]), 0);
        assert_eq!(median_index(&[Some(95), Some(60)]), 1);
    }

    #[test]
    fn reads_scores_and_timings_from_a_report() {
        let json = r#"{
          "lighthouseVersion": "12.8.2",
          "runWarnings": ["The tested device appears to have a slower CPU than  Lighthouse expects. Learn more about [calibrating]."],
          "finalDisplayedUrl": "http://127.0.0.1:1/feedback",
          "categories": {
            "performance": {"score": 0.625},
            "accessibility": {"score": 1}
          },
          "audits": {
            "first-contentful-paint": {"displayValue": "1.2\u00a0s"},
            "largest-contentful-paint": {"displayValue": "3.4\u00a0s"}
          }
        }"#;
        let scores = parse(json).unwrap();
        assert_eq!(scores.performance, Some(63));
        assert_eq!(scores.accessibility, Some(100));
        assert_eq!(scores.first_contentful_paint, "1.2 s");
        assert_eq!(scores.largest_contentful_paint, "3.4 s");
        assert_eq!(scores.total_blocking_time, "-");
        assert_eq!(scores.final_url, "http://127.0.0.1:1/feedback");
        assert_eq!(scores.version, "12.8.2");
        assert_eq!(
            scores.warnings,
            ["The tested device appears to have a slower CPU than Lighthouse expects."]
        );
    }

    #[test]
    fn a_page_that_could_not_be_scored_has_no_score() {
        let json = r#"{"categories": {"performance": {"score": null}}}"#;
        assert_eq!(parse(json).unwrap().performance, None);
        let failed = r#"{"runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}}"#;
        assert!(parse(failed).unwrap_err().contains("did not paint"));
    }
}
