//! Our cookies: the session's and the device's, each with a `__Host-` name behind TLS.

use axum::http::{header, HeaderMap, HeaderValue};

/// A cookie of ours, by its two names: `__Host-…` behind TLS, the plain name otherwise.
/// Always `HttpOnly`, `SameSite=Strict` and `Path=/`.
pub struct OurCookie {
    pub secure_name: &'static str,
    pub plain_name: &'static str,
}

impl OurCookie {
    pub fn name(&self, secure: bool) -> &'static str {
        if secure {
            self.secure_name
        } else {
            self.plain_name
        }
    }

    /// The `Set-Cookie` value that gives the browser `value` for `max_age`.
    pub fn set(&self, value: &str, secure: bool, max_age: std::time::Duration) -> HeaderValue {
        let secure_attr = if secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure_attr}",
            self.name(secure),
            max_age.as_secs()
        ))
        .expect("our cookie values are URL-safe")
    }

    /// The `Set-Cookie` value that removes it.
    pub fn clear(&self, secure: bool) -> HeaderValue {
        self.set("", secure, std::time::Duration::ZERO)
    }

    /// Its value in the request, if any.
    pub fn read(&self, headers: &HeaderMap, secure: bool) -> Option<String> {
        let name = self.name(secure);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_owned())
    }
}
