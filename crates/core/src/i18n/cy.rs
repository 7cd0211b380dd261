//! Cymraeg (Welsh). Keep the same order as `en.rs`. Plain, warm words, as a young
//! person would say them; "ti" (informal you) throughout, as Welsh children's services
//! speak to young people. Machine-checked for completeness only: a Welsh speaker should
//! read these before they go to young people.

use super::*;

pub const TEXT: Text = Text {
    common: Common {
        app_name: "My Journey",
        rather_not_say: "Gwell gen i beidio â dweud",
    },

    dates: Dates {
        weekdays: [
            "Dydd Llun",
            "Dydd Mawrth",
            "Dydd Mercher",
            "Dydd Iau",
            "Dydd Gwener",
            "Dydd Sadwrn",
            "Dydd Sul",
        ],
        months: [
            "Ionawr",
            "Chwefror",
            "Mawrth",
            "Ebrill",
            "Mai",
            "Mehefin",
            "Gorffennaf",
            "Awst",
            "Medi",
            "Hydref",
            "Tachwedd",
            "Rhagfyr",
        ],
        long_date: "{weekday} {day} {month}",
        with_year: "{date} {year}",
        today: "heddiw",
        tomorrow: "yfory",
        yesterday: "ddoe",
        in_days: "mewn {n} diwrnod",
        days_ago: "{n} diwrnod yn ôl",
        in_weeks: "mewn {n} wythnos",
        weeks_ago: "{n} wythnos yn ôl",
        near_then_date: "{near}, {date}",
        date_then_near: "{date} ({near})",
        today_at: "heddiw am {time}",
        date_at: "{date} am {time}",
    },

    nav: Nav {
        journey: "Fy Siwrnai",
    },

    settings: Settings {
        title: "Gosodiadau",
        intro: "Newidia sut mae'r ap yn edrych a pha iaith mae'n ei defnyddio. Mae pob newid yn digwydd yn syth.",
        language: "Iaith",
        text_size: "Maint y testun",
        text_size_hint: "Mae'n gwneud y geiriau'n fwy ar bob sgrin.",
        text_normal: "Arferol",
        text_larger: "Mwy",
        text_largest: "Mwyaf",
        font: "Ffont",
        font_usual: "Y ffont arferol",
        font_easier: "Ffont sy'n haws i rai pobl ei ddarllen, er enghraifft gyda dyslecsia",
        contrast: "Lliwiau",
        contrast_normal: "Y lliwiau arferol",
        contrast_high: "Cyferbyniad uchel: du ar wyn, gyda llinellau cryf",
        kept: "Mae'r rhain yn aros ar y ffôn yma, hyd yn oed pan fyddi di'n allgofnodi. Dydyn nhw ddim yn cael eu hanfon at neb.",
        link: "Gosodiadau: maint y testun, ffont, lliwiau ac iaith",
        back_to_sign_in: "Yn ôl i fewngofnodi",
    },

    sign_in: SignIn {
        title: "Mewngofnodi",
    },

    account: Account { title: "Cyfrif" },

    home: Home {
        greeting: "Haia {name}",
    },

    not_found: NotFound {
        title: "Allwn ni ddim dod o hyd i'r dudalen honno",
    },

    journey: JourneyText {
        title: "Fy Siwrnai",
    },

    goals: GoalsText { title: "Nodau" },

    feedback: FeedbackText { title: "Adborth" },

    help: HelpText { title: "Cymorth" },

    how_im_doing: HowImDoingText { title: "Sut ydw i" },

    problems: Problems {
        generic: "Mae angen newid rhywbeth. Edrych ar y negeseuon isod, os gweli di'n dda.",
    },
};
