//! English. Plain words, reading age about 9 to 11, warm, never blaming
//! (see shared/CONTENT.md). Keep the same order as `cy.rs`.

use super::*;

pub const TEXT: Text = Text {
    common: Common {
        app_name: "My Journey",
        rather_not_say: "Rather not say",
    },

    dates: Dates {
        weekdays: [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
        months: [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        long_date: "{weekday} {day} {month}",
        with_year: "{date} {year}",
        today: "today",
        tomorrow: "tomorrow",
        yesterday: "yesterday",
        in_days: "in {n} days",
        days_ago: "{n} days ago",
        in_weeks: "in {n} weeks",
        weeks_ago: "{n} weeks ago",
        near_then_date: "{near}, {date}",
        date_then_near: "{date} ({near})",
        today_at: "today at {time}",
        date_at: "{date} at {time}",
    },

    nav: Nav {
        journey: "My Journey",
    },

    settings: Settings {
        title: "Settings",
        language: "Language",
    },

    sign_in: SignIn { title: "Sign in" },

    account: Account { title: "Account" },

    home: Home {
        greeting: "Hi {name}",
    },

    not_found: NotFound {
        title: "We can't find that page",
    },

    journey: JourneyText {
        title: "My Journey",
    },

    goals: GoalsText { title: "Goals" },

    feedback: FeedbackText { title: "Feedback" },

    help: HelpText { title: "Help" },

    how_im_doing: HowImDoingText {
        title: "How I'm doing",
    },

    problems: Problems {
        generic: "Something needs changing. Please look at the messages below.",
    },
};
