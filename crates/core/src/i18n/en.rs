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
        intro: "Change how the app looks and which language it uses. Each change happens straight away.",
        language: "Language",
        text_size: "Text size",
        text_size_hint: "Makes the words bigger on every screen.",
        text_normal: "Normal",
        text_larger: "Larger",
        text_largest: "Largest",
        font: "Font",
        font_usual: "The usual font",
        font_easier: "A font that's easier for some people to read, for example with dyslexia",
        contrast: "Colours",
        contrast_normal: "Usual colours",
        contrast_high: "High contrast: black on white, with strong lines",
        kept: "These stay on this phone, even when you sign out. They are not sent to anyone.",
        link: "Settings: text size, font, colours and language",
        back_to_sign_in: "Back to sign in",
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
