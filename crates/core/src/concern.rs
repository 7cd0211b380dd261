//! "Tell us something's wrong": a young person's concern or complaint, who sees it, its
//! reference and status, the manager's reply ("You said, we did"), and the working-day
//! arithmetic behind "due" and "overdue".

use crate::error::{FieldError, ValidationErrors};
use crate::help::Nation;
use crate::i18n::words::Problem;
use crate::i18n::Lang;
use crate::ids::check_client_id;
use crate::ids::YoungPersonId;
use crate::text::{check_length, check_required};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Longest concern, in characters.
pub const MAX_CONCERN_CHARS: usize = 3000;
/// Longest "what would help", and longest reply.
pub const MAX_CONCERN_NOTE_CHARS: usize = 2000;
pub const MAX_REPLY_CHARS: usize = 3000;
/// The first stage (talking it through, "local resolution") is answered within this many
/// working days, in England and in Wales.
pub const STAGE_ONE_WORKING_DAYS: u32 = 10;
/// Letters in a reference after `C-`.
pub const REFERENCE_LEN: usize = 4;

/// What the concern is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConcernAbout {
    MyWorker,
    SomethingElse,
}

/// Who the young person chose to see it. Never only the worker it might be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WhoSees {
    /// The worker's manager only (the default).
    Manager,
    /// The manager and the young person's worker.
    ManagerAndWorker,
}

impl WhoSees {
    pub fn label(self, lang: Lang) -> &'static str {
        let t = &lang.later().help;
        match self {
            WhoSees::Manager => t.sees_manager,
            WhoSees::ManagerAndWorker => t.sees_both,
        }
    }
}

/// Who reads a concern and may answer it. A concern is never read or answered by the
/// person it is about: when the young person's worker is a manager and the concern is
/// about them, it goes to the organisation's complaints officer, or else to another
/// manager, and if there is no one else, to no one (and the young person is told so).
/// The server decides it with [`concern_reader`] each time a concern is read, so a
/// complaints officer named later sees the concerns that were waiting for one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConcernReader {
    /// The managers of the young person's worker's team (as `who_sees` says, with or
    /// without the worker).
    #[default]
    WorkerManager,
    /// The organisation's complaints officer (a manager the administrator named).
    ComplaintsOfficer,
    /// Another manager: of the same team if there is one, else of another team.
    AnotherManager,
    /// No one but the person it is about could read it, so no one does yet.
    NoOne,
}

/// The rule behind [`ConcernReader`], for a concern at `stage`: one about a worker who is
/// a manager, and any concern taken to stage 2 or 3, goes to a complaints officer if the
/// organisation has one who can take it, else to another manager who can, else to no one.
/// Every other concern (stage 1, not about a manager) goes to the worker's manager.
/// "Who can take it" is worked out by [`concern_route`]: never the person it is about,
/// and never, from stage 2 on, a manager who answered it at stage 1.
pub fn concern_reader(
    about: ConcernAbout,
    stage: u8,
    worker_is_manager: bool,
    complaints_officer: bool,
    another_manager: bool,
) -> ConcernReader {
    let about_a_manager = about == ConcernAbout::MyWorker && worker_is_manager;
    if stage < 2 && !about_a_manager {
        ConcernReader::WorkerManager
    } else if complaints_officer {
        ConcernReader::ComplaintsOfficer
    } else if another_manager {
        ConcernReader::AnotherManager
    } else {
        ConcernReader::NoOne
    }
}

/// A manager's account, as routing needs it: their worker id, their team, and whether the
/// organisation named them a complaints officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagerSeat {
    pub worker_id: String,
    pub team_id: Option<String>,
    pub complaints_officer: bool,
}

/// A concern as routing needs it.
#[derive(Debug, Clone, Copy)]
pub struct RouteCase<'a> {
    pub about: ConcernAbout,
    /// The stage it is at now (1, 2 or 3).
    pub stage: u8,
    /// The young person's worker when they raised it (by worker id).
    pub worker: Option<&'a str>,
    /// That worker's team, to prefer a manager who knows the team.
    pub worker_team: Option<&'a str>,
    /// Who answered it at stage 1 (by worker id): never its reader again.
    pub answered_stage_one: &'a [String],
}

/// Where a concern goes: the reader the young person is told of, and, unless it is the
/// team's managers (`None`), exactly which managers (by worker id) read and answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernRoute {
    pub reader: ConcernReader,
    pub only: Option<Vec<String>>,
}

/// [`concern_reader`] applied to the organisation's managers as they are now. Those who
/// could take it are every manager but the person it is about (for a concern about their
/// worker) and, from stage 2, but those who answered stage 1. Of those: the complaints
/// officers; if none, the other managers of the worker's team; if none, every other
/// manager; if none, no one. Nothing here ever includes the person it is about, and from
/// stage 2 nothing includes who answered stage 1.
pub fn concern_route(case: &RouteCase, managers: &[ManagerSeat]) -> ConcernRoute {
    let about_worker = case.about == ConcernAbout::MyWorker;
    let subject_is_manager = about_worker
        && managers
            .iter()
            .any(|m| Some(m.worker_id.as_str()) == case.worker);
    let free: Vec<&ManagerSeat> = managers
        .iter()
        .filter(|m| !(about_worker && Some(m.worker_id.as_str()) == case.worker))
        .filter(|m| case.stage < 2 || !case.answered_stage_one.contains(&m.worker_id))
        .collect();
    let officers: Vec<&ManagerSeat> = free
        .iter()
        .copied()
        .filter(|m| m.complaints_officer)
        .collect();
    let reader = concern_reader(
        case.about,
        case.stage,
        subject_is_manager,
        !officers.is_empty(),
        !free.is_empty(),
    );
    let ids = |list: Vec<&ManagerSeat>| Some(list.iter().map(|m| m.worker_id.clone()).collect());
    let only = match reader {
        ConcernReader::WorkerManager => None,
        ConcernReader::ComplaintsOfficer => ids(officers),
        ConcernReader::AnotherManager => {
            let same_team: Vec<&ManagerSeat> = free
                .iter()
                .copied()
                .filter(|m| case.worker_team.is_some() && m.team_id.as_deref() == case.worker_team)
                .collect();
            ids(if same_team.is_empty() {
                free
            } else {
                same_team
            })
        }
        ConcernReader::NoOne => Some(Vec::new()),
    };
    ConcernRoute { reader, only }
}

impl ConcernReader {
    /// "Who will see it", in the young person's words, after it is sent.
    pub fn label(self, lang: Lang, who_sees: WhoSees) -> &'static str {
        let t = &lang.later().help;
        match self {
            ConcernReader::WorkerManager => who_sees.label(lang),
            ConcernReader::ComplaintsOfficer => t.sees_complaints_officer,
            ConcernReader::AnotherManager => t.sees_another_manager,
            ConcernReader::NoOne => t.sees_no_one,
        }
    }

    /// "Who will look at it", in the young person's words, for a concern at `stage`: from
    /// stage 2 it is never the one who answered before, and the words say so.
    pub fn label_at(self, lang: Lang, who_sees: WhoSees, stage: u8) -> &'static str {
        let t = &lang.later().officer;
        match (self, stage >= 2) {
            (ConcernReader::AnotherManager, true) => t.sees_another_manager_again,
            (ConcernReader::NoOne, true) => t.sees_no_one_again,
            _ => self.label(lang, who_sees),
        }
    }

    /// "Who sees it", as staff read it, in their language, for a concern at `stage`.
    pub fn staff_label_at(self, lang: Lang, who_sees: WhoSees, stage: u8) -> &'static str {
        let t = &lang.later().officer;
        match (self, stage >= 2) {
            (ConcernReader::ComplaintsOfficer, true) => t.staff_officer_again,
            (ConcernReader::AnotherManager, true) => t.staff_other_again,
            (ConcernReader::NoOne, true) => t.staff_no_one_again,
            _ => self.staff_label(lang, who_sees),
        }
    }

    /// "Who sees it", as staff read it, in their language.
    pub fn staff_label(self, lang: Lang, who_sees: WhoSees) -> &'static str {
        let t = &lang.later().help;
        match (self, who_sees) {
            (ConcernReader::WorkerManager, WhoSees::Manager) => t.the_worker_manager,
            (ConcernReader::WorkerManager, WhoSees::ManagerAndWorker) => t.the_worker_both,
            (ConcernReader::ComplaintsOfficer, _) => t.the_complaints_officer,
            (ConcernReader::AnotherManager, _) => t.the_other_manager,
            (ConcernReader::NoOne, _) => t.the_no_one,
        }
    }
}

/// Who reads a concern the young person is about to send, by what it is about: the
/// server's [`concern_reader`] for their worker as they are now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConcernRoutes {
    pub my_worker: ConcernReader,
    pub something_else: ConcernReader,
}

impl ConcernRoutes {
    pub fn reader(self, about: ConcernAbout) -> ConcernReader {
        match about {
            ConcernAbout::MyWorker => self.my_worker,
            ConcernAbout::SomethingElse => self.something_else,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConcernStatus {
    /// Sent; a manager has not answered yet.
    Open,
    /// A manager has answered.
    Answered,
}

impl ConcernStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        let t = &lang.later().help;
        match self {
            ConcernStatus::Open => t.status_open,
            ConcernStatus::Answered => t.status_answered,
        }
    }
}

/// A new concern, as the young person sends it. `client_id` is made by the app, so a
/// retry after a lost answer records it once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewConcern {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    pub about: ConcernAbout,
    pub words: String,
    #[serde(default)]
    pub what_would_help: Option<String>,
    #[serde(default = "default_who_sees")]
    pub who_sees: WhoSees,
}

fn default_who_sees() -> WhoSees {
    WhoSees::Manager
}

impl NewConcern {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        check_required(
            "words",
            "what is wrong",
            &self.words,
            MAX_CONCERN_CHARS,
            &mut errors,
        );
        if let Some(help) = &self.what_would_help {
            check_length(
                "what_would_help",
                "what would help",
                help,
                MAX_CONCERN_NOTE_CHARS,
                &mut errors,
            );
        }
        if self.about == ConcernAbout::MyWorker && self.who_sees == WhoSees::ManagerAndWorker {
            errors.push(FieldError::problem(
                "who_sees",
                Problem::who_sees_worker,
                &[],
            ));
        }
        ValidationErrors::result(errors)
    }
}

/// A manager's answer to a concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewConcernReply {
    pub words: String,
    /// Made by the client, so the answer sent again (a try given up on a bad signal) is
    /// given once. Optional: without one, each send is an answer.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: Option<String>,
}

impl NewConcernReply {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
        check_required(
            "words",
            "your answer",
            &self.words,
            MAX_REPLY_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConcernReply {
    pub words: String,
    pub by: String,
    #[serde(deserialize_with = "crate::iso::day")]
    pub on: NaiveDate,
}

/// A concern as the young person (or a manager) sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Concern {
    pub id: String,
    /// Short and easy to say on the phone: `C-7K3M`.
    pub reference: String,
    pub young_person_id: YoungPersonId,
    pub first_name: String,
    pub about: ConcernAbout,
    /// Exactly as typed.
    pub words: String,
    pub what_would_help: Option<String>,
    pub who_sees: WhoSees,
    /// Who reads and answers it (never the person it is about).
    #[serde(default)]
    pub sees: ConcernReader,
    /// 1: talking it through; 2: looked at again by someone who wasn't part of it; 3
    /// (England only): a review panel. See [`stage_working_days`].
    pub stage: u8,
    pub status: ConcernStatus,
    #[serde(deserialize_with = "crate::iso::day")]
    pub raised_on: NaiveDate,
    /// When this stage's answer is due (its working days from when it started).
    #[serde(deserialize_with = "crate::iso::day")]
    pub due_on: NaiveDate,
    /// Still waiting for an answer after `due_on`.
    pub overdue: bool,
    /// Newest last.
    pub replies: Vec<ConcernReply>,
    /// Each time the young person asked for it to be looked at again, oldest first.
    #[serde(default)]
    pub asked_again: Vec<AskedAgain>,
    /// The stage the young person can ask for now: after an answer, while there is one.
    #[serde(default)]
    pub next_stage: Option<u8>,
    /// Who would look at it at `next_stage` (by [`concern_route`]), so the young person
    /// is told before they ask.
    #[serde(default)]
    pub next_sees: Option<ConcernReader>,
    /// For staff: whether the one asking may answer it. A manager of the team whose
    /// concern was taken to the next stage still sees where it is, but someone else
    /// answers it now. Always false for the young person.
    #[serde(default)]
    pub can_answer: bool,
}

/// The young person asked for the next stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AskedAgain {
    pub stage: u8,
    #[serde(deserialize_with = "crate::iso::day")]
    pub on: NaiveDate,
    /// What is still not right, exactly as typed (they may skip it).
    pub words: Option<String>,
}

/// "Not happy with this answer?": the young person asks for the next stage. `client_id`
/// is made by the app, so a retry records it once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NextStage {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    #[serde(default)]
    pub words: Option<String>,
}

impl NextStage {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        if let Some(words) = &self.words {
            check_length(
                "words",
                "what is still not right",
                words,
                MAX_CONCERN_NOTE_CHARS,
                &mut errors,
            );
        }
        ValidationErrors::result(errors)
    }
}

/// Working days a stage has for its answer, counted from the day it starts. England has
/// three stages (talking it through; an investigation with an independent person; a review
/// panel), Wales two (talking it through; an independent investigation). `None`: there is
/// no such stage, and an ombudsman is next.
pub fn stage_working_days(nation: Nation, stage: u8) -> Option<u32> {
    match (nation, stage) {
        (_, 1) => Some(STAGE_ONE_WORKING_DAYS),
        (_, 2) => Some(25),
        (Nation::England, 3) => Some(30),
        _ => None,
    }
}

/// When a stage that starts on `started_on` must be answered, if there is such a stage.
pub fn stage_due(nation: Nation, stage: u8, started_on: NaiveDate) -> Option<NaiveDate> {
    let days = stage_working_days(nation, stage)?;
    let holidays = crate::holidays::bank_holidays_from(started_on);
    Some(add_working_days(started_on, days, &holidays))
}

/// True for a reference the server could have made: `C-` and four safe letters/digits.
pub fn reference_ok(reference: &str) -> bool {
    reference.len() == 2 + REFERENCE_LEN
        && reference.starts_with("C-")
        && reference[2..]
            .bytes()
            .all(|b| crate::ids::INVITE_ALPHABET.contains(&b))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date `days` working days after `start`: Saturdays, Sundays and the given bank
/// holidays don't count. A concern raised at the weekend starts counting on Monday.
pub fn add_working_days(start: NaiveDate, days: u32, holidays: &[NaiveDate]) -> NaiveDate {
    let mut date = start;
    let mut left = days;
    while left > 0 {
        date = date.succ_opt().unwrap_or(date);
        if !is_weekend(date) && !holidays.contains(&date) {
            left -= 1;
        }
    }
    date
}

/// When the first stage's answer is due for a concern raised on `raised_on`: 10 working
/// days, not counting England and Wales's bank holidays.
pub fn stage_one_due(raised_on: NaiveDate) -> NaiveDate {
    let holidays = crate::holidays::bank_holidays_from(raised_on);
    add_working_days(raised_on, STAGE_ONE_WORKING_DAYS, &holidays)
}

#[cfg(test)]
mod stage_tests {
    use super::*;
    use crate::dates::d;

    #[test]
    fn england_has_three_stages_and_wales_two() {
        assert_eq!(stage_working_days(Nation::England, 1), Some(10));
        assert_eq!(stage_working_days(Nation::England, 2), Some(25));
        assert_eq!(stage_working_days(Nation::England, 3), Some(30));
        assert_eq!(stage_working_days(Nation::England, 4), None);
        assert_eq!(stage_working_days(Nation::Wales, 2), Some(25));
        assert_eq!(stage_working_days(Nation::Wales, 3), None);
        assert_eq!(
            stage_due(Nation::England, 1, d(2026, 11, 2)),
            Some(stage_one_due(d(2026, 11, 2)))
        );
        // 25 working days from Monday 2 November 2026: five weeks.
        assert_eq!(
            stage_due(Nation::Wales, 2, d(2026, 11, 2)),
            Some(d(2026, 12, 7))
        );
        assert_eq!(stage_due(Nation::Wales, 3, d(2026, 11, 2)), None);
    }

    #[test]
    fn asking_again_is_checked_and_the_words_may_be_skipped() {
        let ok = NextStage {
            client_id: "a-1".into(),
            words: None,
        };
        assert!(ok.validate().is_ok());
        let long = NextStage {
            client_id: "".into(),
            words: Some("x".repeat(MAX_CONCERN_NOTE_CHARS + 1)),
        };
        let errors = long.validate().unwrap_err();
        assert_eq!(errors.fields().len(), 2);
    }
}

/// Working days from `from` up to `to` (counting `to`, not `from`); negative when `to`
/// is earlier.
pub fn working_days_between(from: NaiveDate, to: NaiveDate, holidays: &[NaiveDate]) -> i64 {
    let (start, end, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut count = 0;
    let mut date = start;
    while date < end {
        date = date.succ_opt().unwrap_or(end);
        if !is_weekend(date) && !holidays.contains(&date) {
            count += 1;
        }
    }
    sign * count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::d;

    fn concern() -> NewConcern {
        NewConcern {
            client_id: "c-1".into(),
            about: ConcernAbout::SomethingElse,
            words: "My room is cold".into(),
            what_would_help: None,
            who_sees: WhoSees::Manager,
        }
    }

    #[test]
    fn ten_working_days_skip_two_weekends() {
        // Monday 2 November 2026 + 10 working days = Monday 16 November.
        assert_eq!(add_working_days(d(2026, 11, 2), 10, &[]), d(2026, 11, 16));
        // Friday: the next working day is Monday.
        assert_eq!(add_working_days(d(2026, 11, 6), 1, &[]), d(2026, 11, 9));
        // Raised on a Saturday: counting starts on Monday.
        assert_eq!(add_working_days(d(2026, 11, 7), 1, &[]), d(2026, 11, 9));
        assert_eq!(add_working_days(d(2026, 11, 7), 0, &[]), d(2026, 11, 7));
    }

    #[test]
    fn bank_holidays_given_do_not_count() {
        // Christmas Day and Boxing Day (observed Monday 28th) in 2026.
        let holidays = [d(2026, 12, 25), d(2026, 12, 28)];
        // Thursday 24th + 1 working day skips Friday, the weekend and Monday.
        assert_eq!(
            add_working_days(d(2026, 12, 24), 1, &holidays),
            d(2026, 12, 29)
        );
        assert_eq!(
            add_working_days(d(2026, 12, 24), 2, &holidays),
            d(2026, 12, 30)
        );
        assert_eq!(stage_one_due(d(2026, 11, 2)), d(2026, 11, 16));
        // Over Christmas and the New Year: 25 and 28 December and 1 January don't count.
        assert_eq!(stage_one_due(d(2026, 12, 21)), d(2027, 1, 7));
        // Over Easter 2027 (Good Friday 26 March, Easter Monday 29 March).
        assert_eq!(stage_one_due(d(2027, 3, 22)), d(2027, 4, 7));
    }

    #[test]
    fn working_days_between_counts_weekdays_both_ways() {
        assert_eq!(
            working_days_between(d(2026, 11, 2), d(2026, 11, 16), &[]),
            10
        );
        assert_eq!(
            working_days_between(d(2026, 11, 16), d(2026, 11, 2), &[]),
            -10
        );
        assert_eq!(working_days_between(d(2026, 11, 6), d(2026, 11, 8), &[]), 0);
        assert_eq!(working_days_between(d(2026, 11, 6), d(2026, 11, 6), &[]), 0);
    }

    #[test]
    fn a_concern_needs_words_and_a_proper_id() {
        assert!(concern().validate().is_ok());
        let mut blank = concern();
        blank.words = "  ".into();
        blank.client_id = "no spaces please".into();
        let errors = blank.validate().unwrap_err();
        assert_eq!(errors.field_names(), ["client_id", "words"]);
        assert_eq!(errors.fields()[1].message, "Please write what is wrong.");
    }

    #[test]
    fn a_concern_about_the_worker_is_never_shown_to_that_worker() {
        let mut about_worker = concern();
        about_worker.about = ConcernAbout::MyWorker;
        assert!(about_worker.validate().is_ok());
        about_worker.who_sees = WhoSees::ManagerAndWorker;
        let errors = about_worker.validate().unwrap_err();
        assert_eq!(errors.fields()[0].field, "who_sees");
    }

    #[test]
    fn the_manager_sees_it_by_default_and_unknown_fields_are_refused() {
        let parsed: NewConcern =
            serde_json::from_str(r#"{"client_id":"a","about":"something_else","words":"x"}"#)
                .unwrap();
        assert_eq!(parsed.who_sees, WhoSees::Manager);
        assert!(serde_json::from_str::<NewConcern>(
            r#"{"client_id":"a","about":"something_else","words":"x","worker_only":true}"#
        )
        .is_err());
    }

    #[test]
    fn long_words_and_blank_replies_are_explained() {
        let mut long = concern();
        long.what_would_help = Some("a".repeat(MAX_CONCERN_NOTE_CHARS + 1));
        assert_eq!(
            long.validate().unwrap_err().fields()[0].field,
            "what_would_help"
        );
        let reply = NewConcernReply {
            words: "".into(),
            client_id: None,
        };
        assert_eq!(
            reply.validate().unwrap_err().fields()[0].message,
            "Please write your answer."
        );
    }

    #[test]
    fn a_concern_about_a_manager_goes_to_someone_else_or_says_no_one_can_read_it() {
        use ConcernAbout::*;
        use ConcernReader::*;
        for (about, worker_is_manager, complaints_officer, another_manager, reader) in [
            (MyWorker, false, true, true, WorkerManager),
            (SomethingElse, true, true, true, WorkerManager),
            (MyWorker, true, true, true, ComplaintsOfficer),
            (MyWorker, true, false, true, AnotherManager),
            (MyWorker, true, false, false, NoOne),
        ] {
            assert_eq!(
                concern_reader(
                    about,
                    1,
                    worker_is_manager,
                    complaints_officer,
                    another_manager
                ),
                reader
            );
        }
        assert_eq!(
            ComplaintsOfficer.label(Lang::En, WhoSees::Manager),
            "The complaints officer (the person in charge of complaints here)"
        );
        assert!(NoOne
            .label(Lang::En, WhoSees::Manager)
            .contains("Help page"));
        assert!(NoOne.label(Lang::Cy, WhoSees::Manager).contains("Cymorth"));
        assert_eq!(
            WorkerManager.label(Lang::En, WhoSees::Manager),
            "Your worker's manager"
        );
        assert_eq!(
            AnotherManager.staff_label(Lang::En, WhoSees::Manager),
            "Another manager (the worker it is about is a manager)"
        );
    }

    fn seat(id: &str, team: &str, officer: bool) -> ManagerSeat {
        ManagerSeat {
            worker_id: id.into(),
            team_id: Some(team.into()),
            complaints_officer: officer,
        }
    }

    fn case<'a>(about: ConcernAbout, stage: u8, answered: &'a [String]) -> RouteCase<'a> {
        RouteCase {
            about,
            stage,
            worker: Some("sam"),
            worker_team: Some("north"),
            answered_stage_one: answered,
        }
    }

    #[test]
    fn a_concern_taken_further_goes_to_the_officer_never_back_to_who_answered() {
        use ConcernAbout::*;
        use ConcernReader::*;
        // Any concern taken to stage 2 or 3 leaves the team's managers.
        for about in [MyWorker, SomethingElse] {
            assert_eq!(
                concern_reader(about, 2, false, true, true),
                ComplaintsOfficer
            );
            assert_eq!(concern_reader(about, 3, false, false, true), AnotherManager);
            assert_eq!(concern_reader(about, 2, false, false, false), NoOne);
        }
        let morgan = "morgan".to_string();
        let answered = [morgan.clone()];
        let managers = [seat("morgan", "north", false), seat("riley", "south", true)];
        // Stage 1: the team's managers, Morgan among them.
        let first = concern_route(&case(SomethingElse, 1, &answered), &managers);
        assert_eq!((first.reader, first.only), (WorkerManager, None));
        // Stage 2: the complaints officer, Riley.
        let second = concern_route(&case(SomethingElse, 2, &answered), &managers);
        assert_eq!(second.reader, ComplaintsOfficer);
        assert_eq!(second.only, Some(vec!["riley".to_string()]));
        // A complaints officer who answered stage 1 is passed over: another manager.
        let managers = [
            seat("morgan", "north", true),
            seat("riley", "south", false),
            seat("casey", "north", false),
        ];
        let second = concern_route(&case(SomethingElse, 3, &answered), &managers);
        assert_eq!(second.reader, AnotherManager);
        // The worker's team first.
        assert_eq!(second.only, Some(vec!["casey".to_string()]));
        // Only the manager who answered: no one, truthfully.
        let alone = concern_route(
            &case(SomethingElse, 2, &answered),
            &[seat("morgan", "north", true)],
        );
        assert_eq!((alone.reader, alone.only), (NoOne, Some(vec![])));
        // About the worker, who is a manager: never them, at any stage.
        let about_sam = concern_route(
            &case(MyWorker, 2, &[]),
            &[seat("sam", "north", true), seat("casey", "north", false)],
        );
        assert_eq!(about_sam.reader, AnotherManager);
        assert_eq!(about_sam.only, Some(vec!["casey".to_string()]));
        // Words by role, for the young person and for staff.
        assert_eq!(
            AnotherManager.label_at(Lang::En, WhoSees::Manager, 2),
            "Another manager, not the one who answered before"
        );
        assert_eq!(
            ComplaintsOfficer.label_at(Lang::Cy, WhoSees::Manager, 2),
            "Y swyddog cwynion (y person sy'n gyfrifol am gwynion yma)"
        );
        assert_eq!(
            AnotherManager.label_at(Lang::En, WhoSees::Manager, 1),
            "Another manager, not your worker"
        );
        assert!(ComplaintsOfficer
            .staff_label_at(Lang::En, WhoSees::Manager, 2)
            .contains("next stage"));
    }

    #[test]
    fn references_look_like_c_and_four_safe_letters() {
        assert!(reference_ok("C-7K3M"));
        assert!(!reference_ok("C-7K3"));
        assert!(!reference_ok("C-7KOM"));
        assert!(!reference_ok("X-7K3M"));
    }
}
