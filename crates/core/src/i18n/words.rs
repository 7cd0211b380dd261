//! The shape of the words: one typed struct per screen, which `en.rs` and `cy.rs` fill.

use serde::Serialize;

/// Everything, by screen. Each section is a struct of `&'static str` (or arrays of them).
#[derive(Debug, Serialize)]
pub struct Text {
    pub common: Common,
    pub dates: Dates,
    pub nav: Nav,
    pub settings: Settings,
    pub sign_in: SignIn,
    pub account: Account,
    pub home: Home,
    pub not_found: NotFound,
    pub journey: JourneyText,
    pub goals: GoalsText,
    pub co_fill: CoFillText,
    pub feedback: FeedbackText,
    pub help: HelpText,
    pub how_im_doing: HowImDoingText,
    pub care: CareText,
    pub problems: Problems,
    pub problem_words: ProblemWords,
    pub records: RecordsText,
    pub not_sent: NotSentText,
}

/// "I don't feel safe" and check-ins sent with no signal: that they are not sent yet, what
/// to do now, and that they have gone. Also how staff hear about a flag when the server
/// emails them.
#[derive(Debug, Serialize)]
pub struct NotSentText {
    pub sees_safety_email: &'static str,
    pub told_email: &'static str,
    pub title: &'static str,
    pub why: &'static str,
    pub kept_sync: &'static str,
    pub kept_open: &'static str,
    pub do_now: &'static str,
    pub danger: &'static str,
    pub childline: &'static str,
    pub call_childline: &'static str,
    pub try_now: &'static str,
    pub trying: &'static str,
    pub gone_title: &'static str,
    pub gone_ok: &'static str,
    pub banner: &'static str,
    pub outbox_safety: &'static str,
    pub outbox_check_in: &'static str,
    pub check_in_waiting: &'static str,
    pub sign_out_ask_title: &'static str,
    pub sign_out_safety: &'static str,
    pub stay_signed_in: &'static str,
    pub sign_out_anyway: &'static str,
}

/// After a "Really bad" check-in, and hearing back after "I don't feel safe", with
/// 24-hour help out of hours.
#[derive(Debug, Serialize)]
pub struct CareText {
    pub really_bad_title: &'static str,
    pub really_bad_body: &'static str,
    pub really_bad_not_now: &'static str,
    pub heard_title: &'static str,
    pub heard_raised: &'static str,
    /// After the "have been told" sentence (`checkin::safety_told`), before anyone acts.
    pub heard_in_touch: &'static str,
    pub heard_acted: &'static str,
    pub heard_message: &'static str,
    pub help_now_title: &'static str,
    pub help_now_body: &'static str,
    pub help_now_childline: &'static str,
    pub help_now_ours: &'static str,
}

/// The "My records" page the server writes.
#[derive(Debug, Serialize)]
pub struct RecordsText {
    pub title: &'static str,
    pub intro: &'static str,
    pub made: &'static str,
    pub private: &'static str,
    pub username: &'static str,
    pub moment: &'static str,
    pub plan_title: &'static str,
    pub your_worker: &'static str,
    pub you_meet: &'static str,
    pub why_plan: &'static str,
    pub hopes: &'static str,
    pub steps: &'static str,
    pub step_meta: &'static str,
    pub step_meta_by: &'static str,
    pub keeping_safe: &'static str,
    pub if_wrong: &'static str,
    pub next_review: &'static str,
    pub last_review: &'static str,
    pub views: &'static str,
    pub worker_became: &'static str,
    pub no_plan: &'static str,
    pub earlier_versions: &'static str,
    pub version: &'static str,
    pub goals: &'static str,
    pub no_goals: &'static str,
    pub goal_meta: &'static str,
    pub what_will_help: &'static str,
    pub why_closed: &'static str,
    pub earlier_words: &'static str,
    pub session_col: &'static str,
    pub how_close_col: &'static str,
    pub sessions_title: &'static str,
    pub session_line: &'static str,
    pub no_feedback: &'static str,
    pub feedback_given: &'static str,
    pub face_of: &'static str,
    pub what_you_wrote: &'static str,
    pub concerns_title: &'static str,
    pub none: &'static str,
    pub reference: &'static str,
    pub concern_meta: &'static str,
    pub what_would_help: &'static str,
    pub answer_from: &'static str,
    pub check_ins: &'static str,
    pub not_safe_title: &'static str,
    pub what_they_did: &'static str,
}

/// Words used on many screens.
#[derive(Debug, Serialize)]
pub struct Common {
    pub app_name: &'static str,
    pub opening: &'static str,
    pub rather_not_say: &'static str,
    pub cancel: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub sending: &'static str,
    pub you_can_skip: &'static str,
    pub in_your_words: &'static str,
    pub in_their_words: &'static str,
    pub why: &'static str,
    pub back_to_young_people: &'static str,
    pub quick_exit: &'static str,
    pub quick_exit_hint: &'static str,
    pub read_aloud_label: &'static str,
    pub read_aloud: &'static str,
    pub pause: &'static str,
    pub carry_on: &'static str,
    pub stop: &'static str,
    pub outbox_label: &'static str,
    pub waiting_one: &'static str,
    pub waiting_many: &'static str,
    pub outbox_feedback: &'static str,
    pub outbox_ratings: &'static str,
    pub outbox_written: &'static str,
    pub outbox_problem: &'static str,
    pub outbox_saved: &'static str,
    pub outbox_delete: &'static str,
    pub outbox_try_now: &'static str,
    pub outbox_lost: &'static str,
    pub invite_for: &'static str,
    pub invite_until: &'static str,
    pub invite_read_out: &'static str,
    pub invite_how: &'static str,
}

/// Dates as people say them (see `crate::dates`).
#[derive(Debug, Serialize)]
pub struct Dates {
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    /// `{weekday} {day} {month}`
    pub long_date: &'static str,
    /// `{date} {year}`
    pub with_year: &'static str,
    pub today: &'static str,
    pub tomorrow: &'static str,
    pub yesterday: &'static str,
    pub in_days: &'static str,
    pub days_ago: &'static str,
    pub in_weeks: &'static str,
    pub weeks_ago: &'static str,
    /// "today, Tuesday 3 March"
    pub near_then_date: &'static str,
    /// "Tuesday 3 March (in 3 days)"
    pub date_then_near: &'static str,
    /// "today at 14:05"
    pub today_at: &'static str,
    /// "Tuesday 3 March at 09:10"
    pub date_at: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Nav {
    pub main: &'static str,
    pub journey: &'static str,
    pub goals: &'static str,
    pub feedback: &'static str,
    pub help: &'static str,
    pub account: &'static str,
    pub young_people: &'static str,
}

/// The Settings page: language, text size, font, colours.
#[derive(Debug, Serialize)]
pub struct Settings {
    pub title: &'static str,
    pub intro: &'static str,
    pub language: &'static str,
    pub text_size: &'static str,
    pub text_size_hint: &'static str,
    pub text_normal: &'static str,
    pub text_larger: &'static str,
    pub text_largest: &'static str,
    pub font: &'static str,
    pub font_usual: &'static str,
    pub font_easier: &'static str,
    pub contrast: &'static str,
    pub contrast_normal: &'static str,
    pub contrast_high: &'static str,
    /// Under the choices: where they are kept.
    pub kept: &'static str,
    /// The link to this page, from the account and sign-in pages.
    pub link: &'static str,
    pub back_to_sign_in: &'static str,
}

#[derive(Debug, Serialize)]
pub struct SignIn {
    pub title: &'static str,
    pub lead: &'static str,
    pub signed_out_chose: &'static str,
    pub signed_out_timed: &'static str,
    pub couldnt_sign_in: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub signing_in: &'static str,
    pub button: &'static str,
    pub got_code: &'static str,
    pub need_help: &'static str,
    pub sign_up_title: &'static str,
    pub sign_up_lead: &'static str,
    pub check_answers: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub choose_username: &'static str,
    pub username_hint: &'static str,
    pub choose_password: &'static str,
    pub password_hint: &'static str,
    pub setting_up: &'static str,
    pub set_up_button: &'static str,
    pub already_set_up: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Account {
    pub title: &'static str,
    pub heading: &'static str,
    pub signed_in_as: &'static str,
    pub change_password: &'static str,
    pub changed: &'static str,
    pub changed_next: &'static str,
    pub not_changed: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub changing: &'static str,
    pub change_button: &'static str,
    pub shared_title: &'static str,
    pub shared_body: &'static str,
    pub shared_choice: &'static str,
    pub sign_out_title: &'static str,
    pub sign_out_body: &'static str,
    pub sign_out_button: &'static str,
    pub sign_out_failed: &'static str,
    pub waiting_one: &'static str,
    pub waiting_many: &'static str,
    pub records_title: &'static str,
    pub records_body: &'static str,
    pub records_page: &'static str,
    pub records_data: &'static str,
    pub records_private: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Home {
    pub greeting: &'static str,
    pub no_plan: &'static str,
}

#[derive(Debug, Serialize)]
pub struct NotFound {
    pub title: &'static str,
    pub lead: &'static str,
    pub go_journey: &'static str,
    pub go_young_people: &'static str,
    pub go_start: &'static str,
}

#[derive(Debug, Serialize)]
pub struct JourneyText {
    pub title: &'static str,
    pub their_title: &'static str,
    pub their_title_unknown: &'static str,
    pub loading_mine: &'static str,
    pub loading_theirs: &'static str,
    pub no_plan_mine: &'static str,
    pub no_plan_theirs: &'static str,
    pub write_plan: &'static str,
    pub check_in_title: &'static str,
    pub check_in_any_time: &'static str,
    pub check_in: &'static str,
    pub not_safe: &'static str,
    pub date_passed: &'static str,
    pub review_passed: &'static str,
    pub review_coming: &'static str,
    pub views_title_mine: &'static str,
    pub views_intro_mine: &'static str,
    pub views_title_theirs: &'static str,
    pub views_intro_theirs: &'static str,
    pub preview_note: &'static str,
    pub edit_plan: &'static str,
    pub hello: &'static str,
    pub next_review: &'static str,
    pub why_title: &'static str,
    pub hopes_title: &'static str,
    pub steps_title: &'static str,
    pub safe_title: &'static str,
    pub plan_b_title: &'static str,
    pub review_title: &'static str,
    pub last_review: &'static str,
    pub whats_new_title: &'static str,
    pub got_it: &'static str,
    pub step_who: &'static str,
    pub step_by: &'static str,
    pub add_view_mine: &'static str,
    pub add_view_theirs: &'static str,
    pub feel_step_mine: &'static str,
    pub feel_plan_mine: &'static str,
    pub feel_step_theirs: &'static str,
    pub feel_plan_theirs: &'static str,
    pub words_label_mine: &'static str,
    pub words_label_theirs: &'static str,
    pub who_sees_theirs: &'static str,
    pub save_view_mine: &'static str,
    pub save_view_theirs: &'static str,
    pub thanks_mine: &'static str,
    pub thanks_theirs: &'static str,
    pub view_not_saved: &'static str,
    pub someone_wrote: &'static str,
    pub agree: &'static str,
    pub not_sure: &'static str,
    pub dont_agree: &'static str,
    pub step_done: &'static str,
    pub step_now: &'static str,
    pub step_coming_up: &'static str,
    pub worker_title: &'static str,
    pub call: &'static str,
    pub email: &'static str,
    pub worker_changed: &'static str,
    pub worker_before: &'static str,
    pub you_meet: &'static str,
    pub next_time: &'static str,
    pub changed_reason: &'static str,
    pub changed_hope_added: &'static str,
    pub changed_hope_removed: &'static str,
    pub changed_step_added: &'static str,
    pub changed_step_removed: &'static str,
    pub changed_step_status: &'static str,
    pub changed_step_edited: &'static str,
    pub changed_keeping_safe: &'static str,
    pub changed_contingency: &'static str,
    pub changed_review: &'static str,
    pub changed_last_review: &'static str,
    pub history_title: &'static str,
    pub history_loading: &'static str,
    pub history_not_found: &'static str,
    pub first_plan: &'static str,
    pub nothing_changed: &'static str,
    pub version: &'static str,
    pub earlier_versions: &'static str,
}

#[derive(Debug, Serialize)]
pub struct GoalsText {
    pub title: &'static str,
    pub lead: &'static str,
    pub worker_lead: &'static str,
    pub go_young_people: &'static str,
    pub loading_mine: &'static str,
    pub not_found_mine: &'static str,
    pub working_title: &'static str,
    pub none_yet: &'static str,
    pub closed_title: &'static str,
    pub rate_title: &'static str,
    pub rate_intro: &'static str,
    pub rate_button: &'static str,
    pub rated_saved: &'static str,
    pub rated_waiting: &'static str,
    pub add_title: &'static str,
    pub add_intro: &'static str,
    pub add_button: &'static str,
    pub added: &'static str,
    pub at_most: &'static str,
    pub at_most_next: &'static str,
    pub celebrate_title: &'static str,
    pub celebrate_words: &'static str,
    pub not_rated: &'static str,
    pub no_change: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub typed_by: &'static str,
    pub typed_by_until: &'static str,
    pub earlier_words: &'static str,
    pub what_will_help: &'static str,
    pub started: &'static str,
    pub change_words: &'static str,
    pub got_there_or_rest: &'static str,
    pub work_on_again: &'static str,
    pub reword_not_saved: &'static str,
    pub reword_label: &'static str,
    pub reword_hint: &'static str,
    pub save_new_words: &'static str,
    pub status_not_saved: &'static str,
    pub status_legend: &'static str,
    pub choose_one: &'static str,
    pub why_label: &'static str,
    pub goal_not_saved: &'static str,
    pub new_label: &'static str,
    pub new_hint: &'static str,
    pub help_label: &'static str,
    pub save_goal: &'static str,
    pub answers_not_sent: &'static str,
    pub scale_explained: &'static str,
    pub first_rating_hint: &'static str,
    pub skip_rating_hint: &'static str,
    pub nothing_chosen: &'static str,
    pub send_answers: &'static str,
    pub status_working: &'static str,
    pub status_achieved: &'static str,
    pub status_paused: &'static str,
    pub status_let_go: &'static str,
    pub progress_none: &'static str,
    pub progress_started: &'static str,
    pub progress_from_to: &'static str,
    pub out_of_ten: &'static str,
    pub scale_not_close: &'static str,
    pub scale_halfway: &'static str,
    pub scale_got_there: &'static str,
    pub scale_low_end: &'static str,
    pub scale_high_end: &'static str,
    pub rather_not_say: &'static str,
    pub their_title: &'static str,
    pub their_title_unknown: &'static str,
    pub loading_theirs: &'static str,
    pub not_on_list: &'static str,
    pub your_worker: &'static str,
    pub your_turn: &'static str,
    pub their_turn: &'static str,
    pub hand_over: &'static str,
    pub hand_back_banner: &'static str,
    pub no_goals_theirs: &'static str,
    pub preview_note: &'static str,
    pub start_session: &'static str,
    pub hand_over_words: &'static str,
    pub my_turn: &'static str,
    pub write_intro: &'static str,
    pub saved_in_words: &'static str,
    pub most_goals: &'static str,
    pub not_now: &'static str,
    pub next: &'static str,
    pub rate_them: &'static str,
    pub skip_for_now: &'static str,
    pub thank_you: &'static str,
    pub please_hand_back: &'static str,
    pub have_it_back: &'static str,
    pub what_was_saved: &'static str,
    pub no_new_goals: &'static str,
    pub new_goals_theirs: &'static str,
    pub no_ratings: &'static str,
    pub how_close_they_feel: &'static str,
    pub they_can_see: &'static str,
    pub back_to_goals: &'static str,
}

/// A young person's turn on their worker's device (co-fill), and handing it back with the
/// worker's password. `{name}` is the young person's first name unless said otherwise.
#[derive(Debug, Serialize)]
pub struct CoFillText {
    /// `{name}`: the worker.
    pub password_label: &'static str,
    /// `{name}`: the worker.
    pub password_hint: &'static str,
    /// `{name}`: the worker.
    pub password_missing: &'static str,
    pub wrong_password: &'static str,
    pub too_many_tries: &'static str,
    pub no_signal: &'static str,
    pub went_wrong: &'static str,
    pub checking: &'static str,
    /// `{name}`: the worker. Shown quietly, with no other names, when a flag is open.
    pub worker_has_something: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FeedbackText {
    pub title: &'static str,
    pub missed_couldnt_make_it: &'static str,
    pub missed_didnt_feel_like_it: &'static str,
    pub missed_cancelled_by_us: &'static str,
    pub missed_something_else: &'static str,
    /// "Score: 4 out of 5"
    pub score: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub q_listened_to: &'static str,
    pub q_what_i_wanted: &'static str,
    pub q_way_we_worked: &'static str,
    pub q_put_on_the_spot: &'static str,
    pub q_overall: &'static str,
    pub end_not_really: &'static str,
    pub end_yes_a_lot: &'static str,
    pub end_a_lot: &'static str,
    pub end_not_at_all: &'static str,
    pub end_not_good: &'static str,
    pub end_really_good: &'static str,
    pub face: &'static str,
    pub face_end: &'static str,
    pub lead: &'static str,
    pub not_sent_yet: &'static str,
    pub about_session: &'static str,
    pub about_session_with: &'static str,
    pub about_last: &'static str,
    pub today: &'static str,
    pub yesterday: &'static str,
    pub on_date: &'static str,
    pub comment_label: &'static str,
    pub who_reads: &'static str,
    pub for_worker: &'static str,
    pub for_manager_only: &'static str,
    pub sending: &'static str,
    pub send: &'static str,
    pub thanks_saved: &'static str,
    pub thanks_saved_more: &'static str,
    pub thanks_sent: &'static str,
    pub sent_to_worker: &'static str,
    pub sent_to_manager: &'static str,
    pub past_title: &'static str,
    pub none_yet: &'static str,
    pub about_the_session: &'static str,
    pub sent_on: &'static str,
    pub no_faces: &'static str,
    pub in_your_words: &'static str,
    pub manager_only_note: &'static str,
    pub you_added: &'static str,
    pub said_what_changed: &'static str,
    pub add_after: &'static str,
    pub after_label: &'static str,
    pub note_not_saved: &'static str,
    pub saving: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
}

#[derive(Debug, Serialize)]
pub struct HelpText {
    pub title: &'static str,
    pub lead: &'static str,
    pub danger_fallback: &'static str,
    pub danger_title: &'static str,
    pub call: &'static str,
    pub tell_us: &'static str,
    pub tell_us_body: &'static str,
    pub your_concerns: &'static str,
    pub not_safe_title: &'static str,
    pub not_safe_body: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub go_sign_in: &'static str,
    pub step: &'static str,
    pub how_long: &'static str,
    pub ok_to_complain: &'static str,
    pub steps_title: &'static str,
    pub working_days: &'static str,
    pub still_unhappy: &'static str,
    pub advocate: &'static str,
    pub who_else: &'static str,
    pub private: &'static str,
    pub website: &'static str,
    pub website_for: &'static str,
    pub tell_lead: &'static str,
    pub not_sent_yet: &'static str,
    pub what_about: &'static str,
    pub what_about_hint: &'static str,
    pub my_worker: &'static str,
    pub something_else: &'static str,
    pub whats_wrong: &'static str,
    pub whats_wrong_hint: &'static str,
    pub what_would_help: &'static str,
    pub what_would_help_hint: &'static str,
    pub who_will_see: &'static str,
    pub about_worker_hint: &'static str,
    pub manager_always: &'static str,
    pub sees_manager: &'static str,
    pub sees_both: &'static str,
    pub sees_complaints_officer: &'static str,
    pub sees_another_manager: &'static str,
    pub sees_no_one: &'static str,
    pub sending: &'static str,
    pub send: &'static str,
    pub back: &'static str,
    pub sent_title: &'static str,
    pub reference: &'static str,
    pub reference_use: &'static str,
    pub who_will_see_it: &'static str,
    pub what_next: &'static str,
    pub answer_within: &'static str,
    pub no_one_next: &'static str,
    pub see_answer: &'static str,
    pub status: &'static str,
    pub status_open: &'static str,
    pub status_answered: &'static str,
    pub concerns_lead: &'static str,
    pub concerns_loading: &'static str,
    pub none_yet: &'static str,
    pub concerns_not_found: &'static str,
    pub reference_heading: &'static str,
    pub about_your_worker: &'static str,
    pub about_something_else: &'static str,
    pub about_sent: &'static str,
    pub in_your_words: &'static str,
    pub what_would_help_label: &'static str,
    pub answer_was_due: &'static str,
    pub answer_due_by: &'static str,
    pub you_said_we_did: &'static str,
    pub reply_from: &'static str,
    pub who_sees_it: &'static str,
    pub the_worker_manager: &'static str,
    pub the_worker_both: &'static str,
    pub the_complaints_officer: &'static str,
    pub the_other_manager: &'static str,
    pub the_no_one: &'static str,
    pub stage_label: &'static str,
    pub asked_again: &'static str,
    pub still_wrong_label: &'static str,
    pub next_heading: &'static str,
    pub next_two: &'static str,
    pub next_three: &'static str,
    pub next_words_label: &'static str,
    pub next_send: &'static str,
    pub next_not_sent: &'static str,
    pub last_stage_done: &'static str,
}

#[derive(Debug, Serialize)]
pub struct HowImDoingText {
    pub title: &'static str,
    pub who_can_see: &'static str,
    pub not_safe: &'static str,
    pub call_now_title: &'static str,
    pub call_free: &'static str,
    pub call: &'static str,
    pub told_title: &'static str,
    pub told: &'static str,
    pub your_worker: &'static str,
    pub your_worker_named: &'static str,
    pub next_title: &'static str,
    pub next_body: &'static str,
    pub not_in_trouble: &'static str,
    pub who_else: &'static str,
    pub back: &'static str,
    pub couldnt_send: &'static str,
    pub thanks_for_telling: &'static str,
    pub who_will_be_told: &'static str,
    pub never_hidden: &'static str,
    pub say_more: &'static str,
    pub say_more_hint: &'static str,
    pub sending: &'static str,
    pub tell_them_now: &'static str,
    pub thanks_title: &'static str,
    pub worker_will_see: &'static str,
    pub how_today: &'static str,
    pub skip_any: &'static str,
    pub send: &'static str,
    pub skip_for_now: &'static str,
    pub if_not_safe: &'static str,
    pub tell_us_now: &'static str,
    pub how_youve_been: &'static str,
    pub not_found: &'static str,
    pub loading: &'static str,
    pub no_check_ins: &'static str,
    pub summary_many: &'static str,
    pub summary_one: &'static str,
    pub no_faces: &'static str,
    pub in_your_words: &'static str,
    pub chart_yours: &'static str,
    pub higher_better: &'static str,
    pub latest: &'static str,
    pub mood_awful: &'static str,
    pub mood_low: &'static str,
    pub mood_okay: &'static str,
    pub mood_good: &'static str,
    pub mood_great: &'static str,
    pub sees_manager_only_feedback: &'static str,
    pub sees_worker_and_manager: &'static str,
    pub sees_concern_manager: &'static str,
    pub sees_concern_officer: &'static str,
    pub sees_concern_another: &'static str,
    pub sees_safety: &'static str,
    pub check_in_offer: &'static str,
    pub today: &'static str,
    pub tomorrow: &'static str,
    pub on_date: &'static str,
}

/// Declares a section of plain messages with a list of them; `keyed` also names each one
/// with an enum variant, to send instead of the words.
macro_rules! listed_section {
    ($(#[$meta:meta])* $name:ident keyed $key:ident { $($field:ident),* $(,)? }) => {
        listed_section! { $(#[$meta])* $name { $($field),* } }

        #[doc = concat!("Names one message of [`", stringify!($name), "`]: what travels instead of the words, so each side says it in its own language.")]
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $key {
            $($field,)*
        }

        impl $key {
            /// Its name as it travels (`too_long`).
            pub fn name(self) -> &'static str {
                match self {
                    $($key::$field => stringify!($field),)*
                }
            }

            /// The message with this name, if there is one.
            pub fn from_name(name: &str) -> Option<$key> {
                match name {
                    $(stringify!($field) => Some($key::$field),)*
                    _ => None,
                }
            }
        }

        impl $name {
            /// The message named by `key`.
            pub fn get(&self, key: $key) -> &'static str {
                match key {
                    $($key::$field => self.$field,)*
                }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Serialize)]
        pub struct $name {
            $(pub $field: &'static str,)*
        }

        impl $name {
            /// Every message, named.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

listed_section! {
    /// What forms say when something needs changing, and when something could not be
    /// loaded or sent. A problem travels as its [`Problem`] name and its values (see
    /// `FieldError`), and each side words it in its own language from these.
    Problems keyed Problem {
        generic,
        problem,
        please_write,
        too_long,
        client_id,
        choose_face,
        answer_once,
        choose_about,
        who_sees_worker,
        invite_code,
        username_rule,
        name_needs_letter,
        hidden_characters,
        password_short,
        password_long,
        password_easy,
        type_username,
        type_password,
        type_current_password,
        username_taken,
        wrong_password,
        too_many_tries,
        not_current_password,
        already_sent,
        too_much,
        sign_in_to_see,
        not_for_you,
        goals_full,
        rating_range,
        no_goals_to_rate,
        goal_rated_once,
        view_empty,
        unreachable,
        signed_out,
        our_fault,
        our_fault_server,
        not_found,
        couldnt_show,
        try_again,
        no_signal,
        old_copy,
        concern_still_open,
        concern_last_stage,
        things_to_fix,
        cant_do_here,
        nothing_here,
        send_json,
        unreadable,
        not_right,
        not_json,
        other_site,
        hidden_null,
        lang_code,
        no_goal,
        no_feedback,
        no_check_in,
        no_safety_flag,
        no_concern,
        no_plan,
        no_plan_for_view,
        goal_own_words,
        goal_not_active,
        no_session,
        step_gone,
        invite_code_used,
        no_person,
    }
}

listed_section! {
    /// What a `{what}` in `please_write` and `too_long` can be, for the young person's
    /// own forms.
    ProblemWords {
        what_you_wrote,
        what_is_wrong,
        what_would_help,
        your_goal,
        what_will_help,
        what_happened,
        your_username,
        your_password,
        what_is_still_wrong,
    }
}
