//! The team overview (issue 21, item 1): for a manager, their team's young people; for a
//! worker, their own. Figures for a chosen period, each with the young people behind it
//! (by id and first name only: never a young person's words), worked out by the server.
//! The pure parts live here: the period's first day and months, the median, the
//! movement of goal ratings, and the CSV of the same figures.

use crate::i18n::Lang;
use crate::ids::YoungPersonId;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The period the overview covers, always ending today: whole calendar months, so the
/// chart's months line up with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// This month, from the 1st.
    #[default]
    Month,
    /// This month and the two before it.
    ThreeMonths,
    /// This month and the eleven before it.
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Month, Period::ThreeMonths, Period::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::ThreeMonths => "three_months",
            Period::Year => "year",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == text)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = &lang.staff_text().team;
        match self {
            Period::Month => t.period_month,
            Period::ThreeMonths => t.period_three_months,
            Period::Year => t.period_year,
        }
    }

    /// How many calendar months it covers.
    pub fn month_count(self) -> u32 {
        match self {
            Period::Month => 1,
            Period::ThreeMonths => 3,
            Period::Year => 12,
        }
    }

    /// The first day of each month it covers, oldest first.
    pub fn months(self, today: NaiveDate) -> Vec<NaiveDate> {
        let this_month = today.with_day(1).unwrap_or(today);
        (0..self.month_count())
            .rev()
            .filter_map(|back| this_month.checked_sub_months(chrono::Months::new(back)))
            .collect()
    }

    /// The first day it covers.
    pub fn first_day(self, today: NaiveDate) -> NaiveDate {
        self.months(today).first().copied().unwrap_or(today)
    }
}

/// A young person behind a figure: their id (for the link to their page) and the name
/// they like to be called. Nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamPerson {
    pub id: YoungPersonId,
    pub first_name: String,
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// Sessions that happened in the period.
    SessionsHeld,
    /// Of those, sessions with feedback from the young person.
    SessionsWithFeedback,
    /// Young people whose latest score is low or fell twice (`feedback::flag`), among
    /// those who gave feedback in the period.
    FeedbackDropped,
    /// Safety flags raised in the period.
    FlagsRaised,
    /// Safety flags nobody has acted on yet (whenever raised).
    FlagsOpen,
    /// "Really bad" check-ins no member of staff has seen yet.
    ReallyBadUnseen,
    /// Concerns raised in the period.
    ConcernsRaised,
    /// Of those, answered by the day the answer was due.
    ConcernsOnTime,
    /// Answered after that day.
    ConcernsLate,
    /// Still waiting for an answer.
    ConcernsWaiting,
    /// Taken to stage 2 or 3.
    ConcernsNextStage,
    /// About their worker.
    ConcernsAboutWorker,
    /// About something else.
    ConcernsAboutSomethingElse,
    /// Young people whose review date has passed.
    ReviewsOverdue,
    /// Steps not done whose date has passed (counted by step).
    StepsOverdue,
    /// Plans not updated within 48 hours of a recorded review.
    PlansNotUpdated,
    /// Young people with no plan yet.
    NoPlan,
    /// Goals set in the period.
    GoalsSet,
    /// Of those, reached.
    GoalsReached,
    /// Of those, let go.
    GoalsLetGo,
    /// Goals rated at least twice, whose movement is averaged.
    GoalsRated,
}

/// The five parts of the overview, in the order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Feedback,
    Safety,
    Concerns,
    Plans,
    Goals,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Feedback,
        Section::Safety,
        Section::Concerns,
        Section::Plans,
        Section::Goals,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Feedback => "feedback",
            Section::Safety => "safety",
            Section::Concerns => "concerns",
            Section::Plans => "plans",
            Section::Goals => "goals",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        let t = &lang.staff_text().team;
        match self {
            Section::Feedback => t.feedback_title,
            Section::Safety => t.safety_title,
            Section::Concerns => t.concerns_title,
            Section::Plans => t.plans_title,
            Section::Goals => t.goals_title,
        }
    }
}

impl FigureKind {
    pub const ALL: [FigureKind; 21] = [
        FigureKind::SessionsHeld,
        FigureKind::SessionsWithFeedback,
        FigureKind::FeedbackDropped,
        FigureKind::FlagsRaised,
        FigureKind::FlagsOpen,
        FigureKind::ReallyBadUnseen,
        FigureKind::ConcernsRaised,
        FigureKind::ConcernsOnTime,
        FigureKind::ConcernsLate,
        FigureKind::ConcernsWaiting,
        FigureKind::ConcernsNextStage,
        FigureKind::ConcernsAboutWorker,
        FigureKind::ConcernsAboutSomethingElse,
        FigureKind::ReviewsOverdue,
        FigureKind::StepsOverdue,
        FigureKind::PlansNotUpdated,
        FigureKind::NoPlan,
        FigureKind::GoalsSet,
        FigureKind::GoalsReached,
        FigureKind::GoalsLetGo,
        FigureKind::GoalsRated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::SessionsHeld => "sessions_held",
            FigureKind::SessionsWithFeedback => "sessions_with_feedback",
            FigureKind::FeedbackDropped => "feedback_dropped",
            FigureKind::FlagsRaised => "flags_raised",
            FigureKind::FlagsOpen => "flags_open",
            FigureKind::ReallyBadUnseen => "really_bad_unseen",
            FigureKind::ConcernsRaised => "concerns_raised",
            FigureKind::ConcernsOnTime => "concerns_on_time",
            FigureKind::ConcernsLate => "concerns_late",
            FigureKind::ConcernsWaiting => "concerns_waiting",
            FigureKind::ConcernsNextStage => "concerns_next_stage",
            FigureKind::ConcernsAboutWorker => "concerns_about_worker",
            FigureKind::ConcernsAboutSomethingElse => "concerns_about_something_else",
            FigureKind::ReviewsOverdue => "reviews_overdue",
            FigureKind::StepsOverdue => "steps_overdue",
            FigureKind::PlansNotUpdated => "plans_not_updated",
            FigureKind::NoPlan => "no_plan",
            FigureKind::GoalsSet => "goals_set",
            FigureKind::GoalsReached => "goals_reached",
            FigureKind::GoalsLetGo => "goals_let_go",
            FigureKind::GoalsRated => "goals_rated",
        }
    }

    pub fn section(self) -> Section {
        use FigureKind::*;
        match self {
            SessionsHeld | SessionsWithFeedback | FeedbackDropped => Section::Feedback,
            FlagsRaised | FlagsOpen | ReallyBadUnseen => Section::Safety,
            ConcernsRaised
            | ConcernsOnTime
            | ConcernsLate
            | ConcernsWaiting
            | ConcernsNextStage
            | ConcernsAboutWorker
            | ConcernsAboutSomethingElse => Section::Concerns,
            ReviewsOverdue | StepsOverdue | PlansNotUpdated | NoPlan => Section::Plans,
            GoalsSet | GoalsReached | GoalsLetGo | GoalsRated => Section::Goals,
        }
    }

    /// What it counts, in words beside the number.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = &lang.staff_text().team;
        use FigureKind::*;
        match self {
            SessionsHeld => t.sessions_held,
            SessionsWithFeedback => t.sessions_with_feedback,
            FeedbackDropped => t.feedback_dropped,
            FlagsRaised => t.flags_raised,
            FlagsOpen => t.flags_open,
            ReallyBadUnseen => t.really_bad_unseen,
            ConcernsRaised => t.concerns_raised,
            ConcernsOnTime => t.concerns_on_time,
            ConcernsLate => t.concerns_late,
            ConcernsWaiting => t.concerns_waiting,
            ConcernsNextStage => t.concerns_next_stage,
            ConcernsAboutWorker => t.concerns_about_worker,
            ConcernsAboutSomethingElse => t.concerns_about_something_else,
            ReviewsOverdue => t.reviews_overdue,
            StepsOverdue => t.steps_overdue,
            PlansNotUpdated => t.plans_not_updated,
            NoPlan => t.no_plan,
            GoalsSet => t.goals_set,
            GoalsReached => t.goals_reached,
            GoalsLetGo => t.goals_let_go,
            GoalsRated => t.goals_rated,
        }
    }
}

/// One figure: how many, and the young people it counts (each once, by first name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    pub kind: FigureKind,
    pub count: u32,
    pub people: Vec<TeamPerson>,
}

impl Figure {
    /// A figure from the rows behind it (one per thing counted, each with its young
    /// person): the count is the rows, the people each once, by first name.
    pub fn from_rows(kind: FigureKind, rows: impl IntoIterator<Item = TeamPerson>) -> Figure {
        let mut count = 0u32;
        let mut people: Vec<TeamPerson> = Vec::new();
        for person in rows {
            count += 1;
            if !people.iter().any(|p| p.id == person.id) {
                people.push(person);
            }
        }
        people.sort_by(|a, b| {
            (a.first_name.to_lowercase(), a.id.as_str())
                .cmp(&(b.first_name.to_lowercase(), b.id.as_str()))
        });
        Figure {
            kind,
            count,
            people,
        }
    }
}

/// The team's average feedback score (1 to 5) in one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthScore {
    /// The month's first day.
    #[serde(deserialize_with = "crate::iso::day")]
    pub month: NaiveDate,
    /// None: no scored feedback that month.
    pub average: Option<f32>,
    /// How many scored feedbacks it is the average of.
    pub given: u32,
}

/// `GET /api/v1/team/overview?period=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamOverview {
    pub period: Period,
    #[serde(deserialize_with = "crate::iso::day")]
    pub from: NaiveDate,
    #[serde(deserialize_with = "crate::iso::day")]
    pub to: NaiveDate,
    /// How many young people it covers.
    pub young_people: u32,
    /// The average score per month, oldest first, every month of the period.
    pub scores_by_month: Vec<MonthScore>,
    /// Of the safety flags raised in the period that someone acted on: the middle and
    /// the longest time until the first action, in minutes.
    pub acted_median_minutes: Option<i64>,
    pub acted_longest_minutes: Option<i64>,
    /// Average movement from the first to the latest rating (0 to 10) of the goals
    /// rated at least twice, one decimal.
    pub goal_movement: Option<f32>,
    /// Every figure, in `FigureKind::ALL` order.
    pub figures: Vec<Figure>,
}

impl TeamOverview {
    pub fn figure(&self, kind: FigureKind) -> Option<&Figure> {
        self.figures.iter().find(|f| f.kind == kind)
    }
}

/// The middle of some durations (the mean of the two middle ones when there is an even
/// number), `None` for none. Portable SQL has no median, so the server fetches the
/// durations and this works it out.
pub fn median(values: &[i64]) -> Option<i64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

/// The average movement from the first to the latest rating of each goal, given each
/// goal's ratings oldest first ("rather not say" already left out). Goals rated fewer
/// than twice have not moved yet and are not counted. One decimal.
pub fn average_movement(goals: &[Vec<i64>]) -> Option<f32> {
    let moves: Vec<i64> = goals
        .iter()
        .filter(|ratings| ratings.len() >= 2)
        .map(|ratings| ratings[ratings.len() - 1] - ratings[0])
        .collect();
    if moves.is_empty() {
        return None;
    }
    let average = moves.iter().sum::<i64>() as f64 / moves.len() as f64;
    Some(((average * 10.0).round() / 10.0) as f32)
}

/// One CSV field: quoted when it holds a comma, a quote or a line break; a field
/// starting with `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet never runs it.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The header row of the CSV.
pub const CSV_HEADER: &str = "section,figure,value,young_people";

/// The same figures as CSV for the organisation's quality reports: a header row, then
/// one row per figure (its young people by first name, separated by "; "), the time
/// until someone acted, the goal movement, and the average score of each month.
pub fn overview_csv(overview: &TeamOverview) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    let mut row = |section: &str, figure: &str, value: String, people: &str| {
        out.push_str(&format!(
            "{},{},{},{}\r\n",
            csv_field(section),
            csv_field(figure),
            csv_field(&value),
            csv_field(people)
        ));
    };
    row(
        "period",
        overview.period.as_str(),
        format!("{} to {}", overview.from, overview.to),
        "",
    );
    row(
        "team",
        "young_people",
        overview.young_people.to_string(),
        "",
    );
    for figure in &overview.figures {
        let names = figure
            .people
            .iter()
            .map(|p| p.first_name.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        row(
            figure.kind.section().as_str(),
            figure.kind.as_str(),
            figure.count.to_string(),
            &names,
        );
        match figure.kind {
            FigureKind::FlagsRaised => {
                let minutes = |m: Option<i64>| m.map(|m| m.to_string()).unwrap_or_default();
                row(
                    "safety",
                    "acted_median_minutes",
                    minutes(overview.acted_median_minutes),
                    "",
                );
                row(
                    "safety",
                    "acted_longest_minutes",
                    minutes(overview.acted_longest_minutes),
                    "",
                );
            }
            FigureKind::GoalsRated => row(
                "goals",
                "average_movement",
                overview
                    .goal_movement
                    .map(|m| format!("{m:.1}"))
                    .unwrap_or_default(),
                "",
            ),
            _ => {}
        }
    }
    for month in &overview.scores_by_month {
        row(
            "feedback",
            &format!("average_score_{}", month.month.format("%Y-%m")),
            month.average.map(|a| format!("{a:.1}")).unwrap_or_default(),
            "",
        );
    }
    out
}

/// "2 hours 5 minutes", "3 days 4 hours", "45 minutes": how long until someone acted.
pub fn duration_words(lang: Lang, minutes: i64) -> String {
    let t = &lang.staff_text().team;
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let part = |n: i64, one: &str, many: &str| {
        crate::i18n::fill(if n == 1 { one } else { many }, &[("n", &n.to_string())])
    };
    if days > 0 {
        let mut text = part(days, t.day_one, t.days_many);
        if hours > 0 {
            text = format!("{text} {}", part(hours, t.hour_one, t.hours_many));
        }
        text
    } else if hours > 0 {
        let mut text = part(hours, t.hour_one, t.hours_many);
        if mins > 0 {
            text = format!("{text} {}", part(mins, t.minute_one, t.minutes_many));
        }
        text
    } else {
        part(mins, t.minute_one, t.minutes_many)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::d;

    #[test]
    fn a_period_is_whole_months_ending_with_this_one() {
        let today = d(2026, 2, 17);
        assert_eq!(Period::Month.months(today), vec![d(2026, 2, 1)]);
        assert_eq!(
            Period::ThreeMonths.months(today),
            vec![d(2025, 12, 1), d(2026, 1, 1), d(2026, 2, 1)]
        );
        assert_eq!(Period::Year.first_day(today), d(2025, 3, 1));
        assert_eq!(Period::Year.months(today).len(), 12);
        for period in Period::ALL {
            assert_eq!(Period::parse(period.as_str()), Some(period));
        }
        assert_eq!(Period::parse("week"), None);
    }

    #[test]
    fn the_median_is_the_middle_or_between_the_two_middles() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7));
        assert_eq!(median(&[30, 10, 20]), Some(20));
        assert_eq!(median(&[40, 10, 20, 30]), Some(25));
        assert_eq!(median(&[5, 5, 1000]), Some(5));
    }

    #[test]
    fn movement_is_from_the_first_to_the_latest_rating_of_goals_rated_twice() {
        assert_eq!(average_movement(&[]), None);
        assert_eq!(average_movement(&[vec![4]]), None);
        assert_eq!(average_movement(&[vec![2, 5, 6], vec![4]]), Some(4.0));
        assert_eq!(average_movement(&[vec![2, 6], vec![7, 6]]), Some(1.5));
        assert_eq!(
            average_movement(&[vec![3, 3], vec![1, 2], vec![5, 5]]),
            Some(0.3)
        );
    }

    fn person(id: &str, name: &str) -> TeamPerson {
        TeamPerson {
            id: YoungPersonId::parse(id).unwrap(),
            first_name: name.into(),
        }
    }

    const A: &str = "11111111-1111-4111-8111-111111111111";
    const B: &str = "22222222-2222-4222-8222-222222222222";

    #[test]
    fn a_figure_counts_rows_and_names_each_young_person_once() {
        let figure = Figure::from_rows(
            FigureKind::FlagsRaised,
            [person(B, "sam"), person(A, "Alex"), person(B, "sam")],
        );
        assert_eq!(figure.count, 3);
        let names: Vec<_> = figure
            .people
            .iter()
            .map(|p| p.first_name.as_str())
            .collect();
        assert_eq!(names, ["Alex", "sam"]);
    }

    #[test]
    fn the_csv_has_a_header_a_row_per_figure_and_is_safe_in_a_spreadsheet() {
        let overview = TeamOverview {
            period: Period::ThreeMonths,
            from: d(2026, 1, 1),
            to: d(2026, 3, 5),
            young_people: 2,
            scores_by_month: vec![MonthScore {
                month: d(2026, 3, 1),
                average: Some(3.25),
                given: 2,
            }],
            acted_median_minutes: Some(90),
            acted_longest_minutes: None,
            goal_movement: Some(1.5),
            figures: vec![
                Figure::from_rows(
                    FigureKind::FlagsRaised,
                    [person(A, "=Alex, \"A\""), person(B, "Bo")],
                ),
                Figure::from_rows(FigureKind::GoalsRated, []),
            ],
        };
        let csv = overview_csv(&overview);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(lines[1], "period,three_months,2026-01-01 to 2026-03-05,");
        assert_eq!(lines[2], "team,young_people,2,");
        assert_eq!(lines[3], "safety,flags_raised,2,\"'=Alex, \"\"A\"\"; Bo\"");
        assert_eq!(lines[4], "safety,acted_median_minutes,90,");
        assert_eq!(lines[5], "safety,acted_longest_minutes,,");
        assert_eq!(lines[6], "goals,goals_rated,0,");
        assert_eq!(lines[7], "goals,average_movement,1.5,");
        assert_eq!(lines[8], "feedback,average_score_2026-03,3.2,");
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration_words(Lang::En, 45), "45 minutes");
        assert_eq!(duration_words(Lang::En, 61), "1 hour 1 minute");
        assert_eq!(duration_words(Lang::En, 120), "2 hours");
        assert_eq!(duration_words(Lang::En, 1440 * 3 + 240), "3 days 4 hours");
        assert_eq!(duration_words(Lang::Cy, 1), "1 munud");
    }

    #[test]
    fn every_figure_has_words_in_both_languages() {
        for lang in [Lang::En, Lang::Cy] {
            for kind in FigureKind::ALL {
                assert!(!kind.label(lang).is_empty(), "{kind:?}");
            }
            for section in Section::ALL {
                assert!(!section.title(lang).is_empty());
            }
        }
    }
}
