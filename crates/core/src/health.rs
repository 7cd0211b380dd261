//! `GET /api/v1/health`: the server is up, and whether safety emails are on.

/// The health check's answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
    /// Whether staff are emailed when a young person says they don't feel safe. The
    /// young person is told the same ("…will see this in the app and get an email").
    pub safety_email: SafetyEmail,
}

/// Whether the server emails staff about safety flags (`--smtp-url` set) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SafetyEmail {
    On,
    Off,
}
