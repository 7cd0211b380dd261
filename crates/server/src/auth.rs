//! Who is asking: the session cookie, the `Caller` extractor every protected handler
//! takes (and `AllowedYoungPerson`, and those `only!` makes: `Staff`, `Manager`,
//! `YoungPersonThemselves`, …), roles as stored, and the client's address. Passwords and
//! tokens are made in `secrets`; the sign-in limits are `accounts::limiter`.

use crate::access::{Access, Admits};
use crate::error::ApiError;
use crate::secrets::secret_hash;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderValue;
use journey_core::i18n::words::Problem;
use journey_core::{Role, YoungPersonId};
use std::collections::HashMap;
use std::time::Duration;

/// A session ends after this long without use...
pub const SESSION_IDLE: Duration = Duration::from_secs(2 * 60 * 60);
/// ...and after this long in any case.
pub const SESSION_ABSOLUTE: Duration = Duration::from_secs(12 * 60 * 60);

/// Cookie names. `__Host-` makes the browser insist on Secure, Path=/ and no Domain,
/// so it is only usable over HTTPS; plain-http localhost uses the other name.
pub const SECURE_COOKIE: &str = "__Host-mj_session";
pub const PLAIN_COOKIE: &str = "mj_session";

/// A role as the database stores it.
pub fn role_from(text: &str) -> Option<Role> {
    match text {
        "young_person" => Some(Role::YoungPerson),
        "worker" => Some(Role::Worker),
        "manager" => Some(Role::Manager),
        _ => None,
    }
}

pub fn role_text(role: Role) -> &'static str {
    match role {
        Role::YoungPerson => "young_person",
        Role::Worker => "worker",
        Role::Manager => "manager",
    }
}

pub use crate::cookies::OurCookie;

/// The session cookie.
pub const SESSION_COOKIE: OurCookie = OurCookie {
    secure_name: SECURE_COOKIE,
    plain_name: PLAIN_COOKIE,
};

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    SESSION_COOKIE.set(token, secure, SESSION_ABSOLUTE)
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    SESSION_COOKIE.clear(secure)
}

/// The session token from the request's cookie, if any.
pub fn session_token(headers: &axum::http::HeaderMap, secure: bool) -> Option<String> {
    SESSION_COOKIE.read(headers, secure)
}

pub use crate::caller::Caller;

impl Admits for Caller {
    const ACCESS: Option<Access> = Some(Access::SignedIn);
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers, state.config.secure_cookies)
            .ok_or(ApiError::SignedOut)?;
        state
            .store
            .caller_for_session(&secret_hash(&token))
            .await?
            .ok_or(ApiError::SignedOut)
    }
}

/// An extractor that takes `$inner` (a [`Caller`] or an [`AllowedYoungPerson`]) and
/// keeps it only if it passes `allowed`; anyone else gets 403. `$access` is what the
/// API document says of the routes that take it. Each rule of who may call
/// what is written once, here, and a handler states it by the type it takes.
macro_rules! only {
    ($(#[$doc:meta])* $name:ident($inner:ty), $access:ident, $allowed:expr) => {
        $(#[$doc])*
        pub struct $name(pub $inner);

        impl Admits for $name {
            const ACCESS: Option<Access> = Some(Access::$access);
        }

        impl FromRequestParts<AppState> for $name {
            type Rejection = ApiError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Self::Rejection> {
                let inner = <$inner>::from_request_parts(parts, state).await?;
                let allowed: fn(&$inner) -> bool = $allowed;
                if allowed(&inner) {
                    Ok($name(inner))
                } else {
                    Err(ApiError::Forbidden)
                }
            }
        }
    };
}

only!(
    /// A worker or manager. Young people get 403.
    Staff(Caller),
    Staff,
    Caller::is_staff
);

only!(
    /// A manager. Everyone else gets 403.
    Manager(Caller),
    Manager,
    |caller| caller.role == Role::Manager
);

only!(
    /// One of the organisation's administrators (a member of staff the `admin` command
    /// made one). Everyone else gets 403.
    Administrator(Caller),
    Administrator,
    |caller| caller.is_admin && caller.is_staff()
);

only!(
    /// Who may read the audit log: a manager (their team's) or an administrator (the
    /// organisation's too). Other staff and young people get 403.
    AuditReader(Caller),
    Manager,
    |caller| caller.is_staff() && (caller.managed_team().is_some() || caller.is_admin)
);

only!(
    /// The young person themselves, on their own record (the path's `{id}`). Their
    /// worker and manager, who may see the record, get 403; anyone else 404.
    YoungPersonThemselves(AllowedYoungPerson),
    YoungPerson,
    |allowed| allowed.caller.role == Role::YoungPerson
);

only!(
    /// A worker or manager who may see the young person in the path (their worker, or
    /// that worker's manager). The young person themselves get 403; anyone else 404.
    StaffOfYoungPerson(AllowedYoungPerson),
    Staff,
    |allowed| allowed.caller.is_staff()
);

only!(
    /// The manager of the team the young person in the path belongs to. Their worker and
    /// the young person get 403; anyone else 404.
    ManagerOfYoungPerson(AllowedYoungPerson),
    Manager,
    |allowed| allowed.caller.role == Role::Manager
);

/// A young person's id from the path, which the caller is allowed to see: their own
/// record, a young person allocated to them, or (for a manager) to someone in their team.
/// Anything else is "not found", so nobody learns which ids exist.
pub struct AllowedYoungPerson {
    pub id: YoungPersonId,
    pub caller: Caller,
}

impl Admits for AllowedYoungPerson {
    const ACCESS: Option<Access> = Some(Access::SignedIn);
}

impl FromRequestParts<AppState> for AllowedYoungPerson {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        // By name, so routes may have more parameters after `{id}`.
        let axum::extract::Path(params) =
            axum::extract::Path::<HashMap<String, String>>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound(Problem::no_person))?;
        let id = params
            .get("id")
            .and_then(|raw| YoungPersonId::parse(raw))
            .ok_or(ApiError::NotFound(Problem::no_person))?;
        if state.store.may_see(&caller, &id).await? {
            Ok(AllowedYoungPerson { id, caller })
        } else {
            Err(ApiError::NotFound(Problem::no_person))
        }
    }
}

impl Admits for ClientAddress {}

/// The address a request came from, for rate limiting: the connection's, or behind a
/// trusted proxy (`--trusted-proxy`), the one that proxy says it was for.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        Ok(ClientAddress(
            client_address(peer, &forwarded, &state.config.trusted_proxies)
                .map(|ip| ip.to_string())
                .unwrap_or_else(|| "unknown".into()),
        ))
    }
}

/// Who is really asking. A request straight from a client is counted by its own address.
/// From a trusted proxy, `X-Forwarded-For` is read from the right (each proxy appends the
/// address it heard from), skipping the trusted proxies, to the first address no proxy of
/// ours vouches for; anything a client wrote further left is never believed. Unreadable
/// entries stop the walk there. From an untrusted peer the header is ignored.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    forwarded_for: &[&str],
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let mut address = peer?;
    let hops = forwarded_for
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim);
    for hop in hops.rev() {
        if !trusted.contains(&address) {
            break;
        }
        match hop.parse() {
            Ok(ip) => address = ip,
            Err(_) => break,
        }
    }
    Some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_when_asked() {
        let secure = session_cookie("t", true);
        let secure = secure.to_str().unwrap();
        assert!(secure.starts_with("__Host-mj_session=t;"));
        assert!(
            secure.contains("HttpOnly")
                && secure.contains("SameSite=Strict")
                && secure.contains("Secure")
        );
        let plain = session_cookie("t", false);
        assert!(!plain.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_address_counts() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxy = ip("10.0.0.5");
        let trusted = [proxy, ip("10.0.0.6")];
        // Straight from a client: its own address, whatever it claims.
        assert_eq!(
            client_address(Some(ip("198.51.100.9")), &["203.0.113.1"], &trusted),
            Some(ip("198.51.100.9"))
        );
        // Through the proxy: the address the proxy heard from.
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.1"], &trusted),
            Some(ip("203.0.113.1"))
        );
        // A client's own made-up entry is left of the real one and is not believed.
        assert_eq!(
            client_address(Some(proxy), &["1.2.3.4, 203.0.113.1"], &trusted),
            Some(ip("203.0.113.1"))
        );
        // Two proxies of ours in a row; headers may come as several lines.
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.1", "10.0.0.6"], &trusted),
            Some(ip("203.0.113.1"))
        );
        // Nothing forwarded, or nonsense: the proxy's own address.
        assert_eq!(client_address(Some(proxy), &[], &trusted), Some(proxy));
        assert_eq!(
            client_address(Some(proxy), &["unknown"], &trusted),
            Some(proxy)
        );
        // No proxies trusted: the header means nothing.
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.1"], &[]),
            Some(proxy)
        );
        assert_eq!(client_address(None, &["203.0.113.1"], &trusted), None);
    }
}
