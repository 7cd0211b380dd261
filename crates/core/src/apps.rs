//! The two apps built from the one client: the young person's at `/`, and the staff app
//! (workers and managers) at `/staff/`. A young person's phone only ever downloads the
//! first. Whoever opens the other one is sent on to their own, to the same screen where
//! both have it (Help, Settings, Account), or to their home.

use crate::account::Role;

/// Where the staff app lives.
pub const STAFF_BASE: &str = "/staff";

/// Screens both apps have, at the same address inside each.
const SHARED: [&str; 3] = ["/help", "/settings", "/account"];

/// Which app someone uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    YoungPerson,
    Staff,
}

impl Audience {
    pub fn of(role: Role) -> Audience {
        match role {
            Role::YoungPerson => Audience::YoungPerson,
            Role::Worker | Role::Manager => Audience::Staff,
        }
    }

    /// The path the app's router is under: `""` or `"/staff"`.
    pub fn base(self) -> &'static str {
        match self {
            Audience::YoungPerson => "",
            Audience::Staff => STAFF_BASE,
        }
    }

    /// Where in this audience's app to go for `path`, an address in either app.
    pub fn address_for(self, path: &str) -> String {
        let inner = inside_staff_app(path).unwrap_or(path);
        let inner = match inner.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        let shared = SHARED.contains(&inner);
        match self {
            Audience::Staff if shared || is_staff_screen(inner) => format!("{STAFF_BASE}{inner}"),
            Audience::Staff => format!("{STAFF_BASE}/"),
            Audience::YoungPerson if shared => inner.to_owned(),
            Audience::YoungPerson if is_staff_screen(inner) || inside_staff_app(path).is_some() => {
                "/".to_owned()
            }
            Audience::YoungPerson => inner.to_owned(),
        }
    }
}

/// The rest of `path` when it is an address in the staff app.
fn inside_staff_app(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(STAFF_BASE)?;
    match rest {
        "" => Some("/"),
        _ if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

/// Screens only staff have (the staff app's own addresses, without `/staff`).
fn is_staff_screen(inner: &str) -> bool {
    inner == "/"
        || inner == "/safety"
        || inner == "/concerns"
        || inner == "/review-preps"
        || inner == "/team"
        || inner == "/audit"
        || inner == "/help-editor"
        || inner.starts_with("/young-people/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_has_its_own_app() {
        assert_eq!(Audience::of(Role::YoungPerson), Audience::YoungPerson);
        assert_eq!(Audience::of(Role::Worker), Audience::Staff);
        assert_eq!(Audience::of(Role::Manager), Audience::Staff);
        assert_eq!(Audience::YoungPerson.base(), "");
        assert_eq!(Audience::Staff.base(), "/staff");
    }

    #[test]
    fn staff_on_the_young_persons_app_go_to_the_same_screen_or_home() {
        let staff = Audience::Staff;
        for (from, to) in [
            ("/", "/staff/"),
            ("/sign-in", "/staff/"),
            ("/goals", "/staff/"),
            ("/help/tell-us", "/staff/"),
            ("/help", "/staff/help"),
            ("/account/", "/staff/account"),
            ("/safety", "/staff/safety"),
            ("/concerns", "/staff/concerns"),
            ("/review-preps", "/staff/review-preps"),
            ("/team", "/staff/team"),
            ("/audit", "/staff/audit"),
            ("/help-editor", "/staff/help-editor"),
            ("/young-people/abc/plan", "/staff/young-people/abc/plan"),
            // Already in the staff app: unchanged.
            ("/staff", "/staff/"),
            ("/staff/safety", "/staff/safety"),
        ] {
            assert_eq!(staff.address_for(from), to);
        }
    }

    #[test]
    fn a_young_person_on_the_staff_app_goes_to_their_own() {
        let young = Audience::YoungPerson;
        for (from, to) in [
            ("/staff/", "/"),
            ("/staff", "/"),
            ("/staff/help", "/help"),
            ("/staff/settings", "/settings"),
            ("/staff/young-people/abc", "/"),
            ("/staff/no-such-page", "/"),
            ("/young-people/abc", "/"),
            ("/goals", "/goals"),
            // Only `/staff` itself or below it is the staff app.
            ("/staffroom", "/staffroom"),
        ] {
            assert_eq!(young.address_for(from), to);
        }
    }
}
