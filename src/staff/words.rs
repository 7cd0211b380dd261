//! The staff app's words: the shared table (`Text`, which the young person's app links
//! too) and the staff app's own (`StaffWords`), read together as one. Only code under
//! `staff/` reads the staff table, so none of it is linked into the young person's app.

use crate::i18n::lang;
use journey_core::i18n::{cy, en, Lang};
use journey_core::i18n::{
    AuditText, CoFillText, GoalsText, HelpEditorText, OfficerText, ReviewScreensText,
    SessionFixText, StaffText, StaffViewText, TeamText, Text,
};
use std::ops::Deref;

/// The shared and the staff app's own tables of one language, side by side.
macro_rules! words {
    ($lang:ident) => {
        Words {
            shared: &$lang::TEXT,
            staff: &$lang::STAFF.staff,
            team: &$lang::STAFF.team,
            session_fix: &$lang::STAFF.session_fix,
            audit: &$lang::STAFF.audit,
            help_editor: &$lang::STAFF.help_editor,
            goals: &$lang::LATER.goals,
            co_fill: &$lang::LATER.co_fill,
            staff_view: &$lang::LATER.staff_view,
            officer: &$lang::LATER.officer,
            review_screens: &$lang::LATER.review_screens,
        }
    };
}

/// Every word a staff screen shows, in the language now: its own sections by name
/// (`staff`, `team`, `session_fix`, `audit`, `help_editor`), those of `Later` it reads
/// (`goals`, `staff_view`…), and the shared ones through
/// `Deref` (`common`, `review`…), as `crate::staff::words::t()` gives them.
pub struct Words {
    shared: &'static Text,
    pub staff: &'static StaffText,
    pub team: &'static TeamText,
    pub session_fix: &'static SessionFixText,
    pub audit: &'static AuditText,
    pub help_editor: &'static HelpEditorText,
    // The sections of `Later` staff screens read.
    pub goals: &'static GoalsText,
    pub co_fill: &'static CoFillText,
    pub staff_view: &'static StaffViewText,
    pub officer: &'static OfficerText,
    pub review_screens: &'static ReviewScreensText,
}

impl Deref for Words {
    type Target = Text;

    fn deref(&self) -> &Text {
        self.shared
    }
}

/// All the words a staff screen shows, in the language now.
pub fn t() -> &'static Words {
    match lang() {
        Lang::En => &EN,
        Lang::Cy => &CY,
    }
}

static EN: Words = words!(en);
static CY: Words = words!(cy);
