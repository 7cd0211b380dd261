//! Which database the store opens, as the server was told.

use std::path::PathBuf;

/// The SQLite file used when nothing else is said.
pub const DEFAULT_DATABASE: &str = "data/my-journey.db";

/// Where the records are kept: a SQLite file (one server), or a database URL such as
/// `postgres://…` (several servers can share one PostgreSQL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    File(PathBuf),
    Url(String),
}

impl Database {
    /// Flags win over the environment; `DATABASE_URL` over `JOURNEY_DATABASE`.
    pub(crate) fn choose(
        file_flag: Option<String>,
        url_flag: Option<String>,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Database {
        let nonempty = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        if let Some(url) = nonempty(url_flag) {
            return Database::Url(url);
        }
        if let Some(file) = nonempty(file_flag) {
            return Database::File(file.into());
        }
        if let Some(url) = nonempty(env("DATABASE_URL")) {
            return Database::Url(url);
        }
        Database::File(
            nonempty(env("JOURNEY_DATABASE"))
                .unwrap_or_else(|| DEFAULT_DATABASE.to_owned())
                .into(),
        )
    }
}

/// For logs and messages: the file, or the URL without its password.
impl std::fmt::Display for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::File(path) => write!(f, "{}", path.display()),
            Database::Url(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    let user = &url[scheme + 3..at];
                    let user = user.split(':').next().unwrap_or_default();
                    write!(f, "{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
                }
                _ => f.write_str(url),
            },
        }
    }
}
