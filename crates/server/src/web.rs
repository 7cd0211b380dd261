//! Small pieces many handlers share: reading `?lang=` and answering a write that may
//! be a repeat.

use crate::error::ApiError;
use axum::http::StatusCode;
use journey_core::i18n::words::Problem;

/// `201 Created` for a new record, `200 OK` for a repeat of the same `client_id` (the
/// record was kept once, the first time).
pub fn created_or_repeat(new: bool) -> StatusCode {
    if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

/// `?lang=en` or `?lang=cy`; English when not given.
pub fn lang_query(query: Option<&str>) -> Result<journey_core::Lang, ApiError> {
    let asked = query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="));
    match asked {
        None => Ok(journey_core::Lang::En),
        Some(code) => journey_core::Lang::parse(code)
            .ok_or_else(|| ApiError::BadRequest(Problem::lang_code, None)),
    }
}

/// A second defence, next to the session cookie's `SameSite=Strict`, against a page of
/// another site making a signed-in browser change something (CSRF): a write (`POST`,
/// `PUT`, `PATCH`, `DELETE`) whose `Origin` is not this server's own is refused with
/// 403 before it reaches its handler. Without `Origin`, a browser's
/// `Sec-Fetch-Site: cross-site` or `same-site` is refused too. A request with neither
/// (curl, scripts, the tests) is not from a browser page and goes on as before.
pub async fn same_site_writes(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::Method;
    use axum::response::IntoResponse;
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    if writes {
        let public_url = state.config.safety_email.public_url.as_deref();
        if let Some(sent_from) = from_another_site(request.headers(), public_url) {
            tracing::warn!(
                method = %request.method(),
                path = request.uri().path(),
                sent_from,
                "refused a write sent from another site"
            );
            return ApiError::OtherSite.into_response();
        }
    }
    next.run(request).await
}

/// What says a request came from a page of another site (its `Origin`, or its
/// `Sec-Fetch-Site`), or `None` when it came from this server's own pages or from no
/// page at all. The server's own origin is the one in the `Host` header (or
/// `X-Forwarded-Host`, set by a proxy in front), or the configured public address.
pub fn from_another_site(
    headers: &axum::http::HeaderMap,
    public_url: Option<&str>,
) -> Option<String> {
    use axum::http::header;
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match headers.get(header::ORIGIN) {
        Some(origin) => {
            let origin = origin.to_str().unwrap_or("(not text)");
            let ours = [text("host"), text("x-forwarded-host")]
                .into_iter()
                .flatten()
                .flat_map(|hosts| hosts.split(','))
                .any(|host| same_origin(origin, "", host.trim()))
                || public_url.is_some_and(|url| {
                    url.split_once("://").is_some_and(|(scheme, rest)| {
                        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
                        same_origin(origin, scheme, host)
                    })
                });
            (!ours).then(|| origin.to_owned())
        }
        None => match text("sec-fetch-site") {
            Some(site @ ("cross-site" | "same-site")) => Some(format!("Sec-Fetch-Site: {site}")),
            _ => None,
        },
    }
}

/// `origin` (`scheme://host[:port]`, as browsers send it) names `host` (a `Host`
/// header's `host[:port]`), reached by `scheme` when given (any of http and https when
/// not: a proxy in front may speak https while the server hears http). `null`, and
/// anything with a path, are nobody's origin.
fn same_origin(origin: &str, scheme: &str, host: &str) -> bool {
    let Some((origin_scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let default_port = match origin_scheme.to_ascii_lowercase().as_str() {
        "http" => "80",
        "https" => "443",
        _ => return false,
    };
    if (!scheme.is_empty() && !scheme.eq_ignore_ascii_case(origin_scheme))
        || authority.is_empty()
        || authority.contains(['/', '?', '#', '@'])
        || host.is_empty()
    {
        return false;
    }
    let with_port = |authority: &str| {
        let has_port = authority
            .rsplit_once(':')
            .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
        let authority = authority.to_ascii_lowercase();
        if has_port {
            authority
        } else {
            format!("{authority}:{default_port}")
        }
    };
    with_port(authority) == with_port(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn sent(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn the_servers_own_pages_and_no_page_at_all_may_write() {
        for headers in [
            sent(&[]),
            sent(&[("host", "127.0.0.1:8080")]),
            sent(&[
                ("host", "127.0.0.1:8080"),
                ("origin", "http://127.0.0.1:8080"),
            ]),
            sent(&[
                ("host", "Journey.example.org"),
                ("origin", "https://journey.example.org"),
            ]),
            sent(&[
                ("host", "journey.example.org:443"),
                ("origin", "https://journey.example.org"),
            ]),
            sent(&[("host", "[::1]:8080"), ("origin", "http://[::1]:8080")]),
            sent(&[
                ("host", "127.0.0.1:8080"),
                ("x-forwarded-host", "journey.example.org"),
                ("origin", "https://journey.example.org"),
            ]),
            sent(&[("host", "a"), ("sec-fetch-site", "same-origin")]),
            sent(&[("host", "a"), ("sec-fetch-site", "none")]),
        ] {
            assert_eq!(from_another_site(&headers, None), None, "{headers:?}");
        }
        let behind_a_proxy = sent(&[
            ("host", "10.0.0.2:8080"),
            ("origin", "https://journey.example.org"),
        ]);
        assert_eq!(
            from_another_site(&behind_a_proxy, Some("https://journey.example.org/")),
            None
        );
    }

    #[test]
    fn other_sites_may_not() {
        for headers in [
            sent(&[
                ("host", "127.0.0.1:8080"),
                ("origin", "http://evil.example"),
            ]),
            sent(&[
                ("host", "127.0.0.1:8080"),
                ("origin", "http://127.0.0.1:8081"),
            ]),
            sent(&[("host", "127.0.0.1:8080"), ("origin", "null")]),
            sent(&[
                ("host", "journey.example.org"),
                ("origin", "https://journey.example.org.evil.example"),
            ]),
            sent(&[
                ("host", "journey.example.org"),
                ("origin", "https://other.journey.example.org"),
            ]),
            sent(&[
                ("host", "journey.example.org"),
                ("origin", "http://journey.example.org:443"),
            ]),
            sent(&[("origin", "https://journey.example.org")]),
            sent(&[("host", "a"), ("sec-fetch-site", "cross-site")]),
            sent(&[("host", "a"), ("sec-fetch-site", "same-site")]),
        ] {
            assert!(from_another_site(&headers, None).is_some(), "{headers:?}");
        }
        let elsewhere = sent(&[
            ("host", "10.0.0.2:8080"),
            ("origin", "http://journey.example.org"),
        ]);
        assert!(from_another_site(&elsewhere, Some("https://journey.example.org")).is_some());
    }
}
