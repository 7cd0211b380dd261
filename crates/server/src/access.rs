//! Who may call a route, read from the extractors its handler takes: each extractor
//! says whom it lets through ([`Admits`]), and [`access_of`] takes the narrowest of a
//! handler's. `openapi` writes it into the API document; the extractors that check
//! (`auth`) say what they admit. Uses nothing else of the crate's, so anything may use it.

/// Who may call a route. Ordered from the most open to the narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// The young person themselves, on their own record.
    YoungPerson,
    /// A worker or a manager.
    Staff,
    /// A manager (the audit log: or an administrator).
    Manager,
    /// One of the organisation's administrators.
    Administrator,
}

impl Access {
    /// Who may call, as the document's description of each route says it.
    pub fn who(self) -> &'static str {
        match self {
            Access::Public => "Who may call: anyone, signed in or not.",
            Access::SignedIn => {
                "Who may call: anyone signed in (a young person's records: \
                that young person, their worker and the worker's manager)."
            }
            Access::YoungPerson => {
                "Who may call: the young person themselves, on their own \
                record; their worker and manager get 403."
            }
            Access::Staff => {
                "Who may call: a worker or a manager (a young person's records: \
                their worker and the worker's manager); young people get 403."
            }
            Access::Manager => {
                "Who may call: a manager (the audit log: or one of the \
                organisation's administrators); others get 403."
            }
            Access::Administrator => {
                "Who may call: one of the organisation's administrators; \
                others get 403."
            }
        }
    }
}

/// Who an extractor lets through: `None` for those that check nobody (the state, the
/// body, the path). Every extractor a handler takes says, so a handler's access can be
/// read from its signature ([`access_of`]); one that doesn't say will not compile.
pub trait Admits {
    const ACCESS: Option<Access> = None;
}

impl<T> Admits for axum::extract::State<T> {}
impl<T> Admits for axum::extract::Path<T> {}
impl Admits for axum::extract::RawQuery {}
impl Admits for axum::http::HeaderMap {}

/// Who may call a handler: the narrowest that any of the extractors it takes admits
/// ([`Admits`]), or anyone if none checks.
pub fn access_of<H: HandlerAccess<Args>, Args>(_handler: &H) -> Access {
    H::access()
}

/// [`access_of`] for a handler taking the extractors `Args`.
pub trait HandlerAccess<Args> {
    fn access() -> Access;
}

macro_rules! handler_access {
    ($($arg:ident),*) => {
        impl<H, Answer, $($arg: Admits),*> HandlerAccess<($($arg,)*)> for H
        where
            H: FnOnce($($arg),*) -> Answer,
        {
            fn access() -> Access {
                let admitted: &[Option<Access>] = &[$($arg::ACCESS),*];
                admitted
                    .iter()
                    .copied()
                    .flatten()
                    .max()
                    .unwrap_or(Access::Public)
            }
        }
    };
}
handler_access!();
handler_access!(A);
handler_access!(A, B);
handler_access!(A, B, C);
handler_access!(A, B, C, D);
handler_access!(A, B, C, D, E);
handler_access!(A, B, C, D, E, F);

#[cfg(test)]
mod tests {
    use super::*;

    struct SignedIn;
    impl Admits for SignedIn {
        const ACCESS: Option<Access> = Some(Access::SignedIn);
    }
    struct StaffOnly;
    impl Admits for StaffOnly {
        const ACCESS: Option<Access> = Some(Access::Staff);
    }

    #[test]
    fn a_handler_is_as_open_as_its_narrowest_extractor() {
        async fn anyone() {}
        async fn with_a_path(_: axum::extract::Path<String>) {}
        async fn signed_in(_: axum::extract::State<()>, _: SignedIn) {}
        async fn staff(_: axum::extract::State<()>, _: SignedIn, _: StaffOnly) {}
        async fn staff_first(_: StaffOnly, _: SignedIn, _: axum::http::HeaderMap) {}
        assert_eq!(access_of(&anyone), Access::Public);
        assert_eq!(access_of(&with_a_path), Access::Public);
        assert_eq!(access_of(&signed_in), Access::SignedIn);
        assert_eq!(access_of(&staff), Access::Staff);
        assert_eq!(access_of(&staff_first), Access::Staff);
    }
}
