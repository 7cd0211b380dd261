//! How the server is started: command-line flags, with environment variables as defaults.

pub use crate::store::database::Database;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "\
Usage: journey-server [--demo] [--addr HOST:PORT] [--database FILE | --database-url URL]
                      [--dist DIR] [--insecure-cookies] [--trusted-proxy IP]...
                      [--smtp-url URL --smtp-from ADDRESS] [--public-url URL]
                      [--safety-escalate-after TIME] [--safety-duty-email ADDRESS]
       journey-server admin <command> [--database FILE | --database-url URL]
                                                          (journey-server admin --help)

  --demo             add the fictional demo young person, worker and plan (safe to repeat)
  --addr HOST:PORT   where to listen (env JOURNEY_ADDR; default 127.0.0.1:8080)
  --database FILE    the SQLite file, created on first run (env JOURNEY_DATABASE;
                     default data/my-journey.db)
  --database-url URL a PostgreSQL database instead, postgres://user:password@host/name
                     (env DATABASE_URL), so several servers can share it
  --dist DIR         the built client to serve at / (env JOURNEY_DIST; default dist)
  --insecure-cookies send the session cookie without Secure, for plain-http localhost only
                     (env JOURNEY_INSECURE_COOKIES=1)
  --trusted-proxy IP a load balancer or reverse proxy in front of this server: requests from
                     it are counted by the address in its X-Forwarded-For header (repeat for
                     more than one; env JOURNEY_TRUSTED_PROXIES=IP,IP)

Safety emails: when a young person says they don't feel safe, their worker and manager
are emailed too (without their words or name). Off unless --smtp-url is given.
  --smtp-url URL     the mail server: smtp://HOST:PORT (no TLS), smtp://HOST:587?tls=required
                     (STARTTLS), or smtps://USER:PASSWORD@HOST:465 (env JOURNEY_SMTP_URL)
  --smtp-from ADDRESS  who the emails come from, e.g. \"My Journey <journey@example.org>\"
                     (env JOURNEY_SMTP_FROM; needed with --smtp-url)
  --public-url URL   the app's address as staff open it, e.g. https://journey.example.org;
                     emails link to URL/safety (env JOURNEY_PUBLIC_URL)
  --safety-escalate-after TIME  with no action recorded on a flag by then, the manager is
                     emailed again, and the duty address; e.g. 90s, 15m, 1h
                     (env JOURNEY_SAFETY_ESCALATE_AFTER; default 15m)
  --safety-duty-email ADDRESS  the organisation's duty address: told when nobody acts in
                     time, and about young people with no allocated worker
                     (env JOURNEY_SAFETY_DUTY_EMAIL)
  --help             show this";

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub use crate::store::database::DEFAULT_DATABASE;
pub const DEFAULT_DIST: &str = "dist";
/// With no action recorded on a safety flag this long, the manager and duty address are
/// emailed again.
pub const DEFAULT_ESCALATE_AFTER: Duration = Duration::from_secs(15 * 60);
/// The first wait before trying a safety email again; each failure doubles it.
pub const DEFAULT_EMAIL_RETRY: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub addr: SocketAddr,
    pub database: Database,
    pub dist: PathBuf,
    pub demo: bool,
    /// With `demo`: the rest of the demo team too (more workers and young people with
    /// months of history, for the manager's screens). `--demo` turns both on; the API
    /// tests keep to the small demo their expectations are written for.
    pub demo_team: bool,
    /// Session cookies carry `Secure` (and the `__Host-` prefix). Off only for plain-http localhost.
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` is believed, to find who is really asking.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Emailing staff about safety flags (off by default).
    pub safety_email: SafetyEmailConfig,
}

/// How staff are emailed when a young person says they don't feel safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyEmailConfig {
    /// The mail server; `None`: nobody is emailed.
    pub smtp: Option<SmtpUrl>,
    /// Who the emails come from (checked to be an address when `smtp` is set).
    pub from: String,
    /// The app's address as staff open it, without a trailing `/`.
    pub public_url: Option<String>,
    pub escalate_after: Duration,
    pub duty_email: Option<String>,
    /// The first wait before trying again (doubling each time). Only tests change it,
    /// through `JOURNEY_SAFETY_EMAIL_RETRY`.
    pub retry_after: Duration,
}

impl Default for SafetyEmailConfig {
    fn default() -> SafetyEmailConfig {
        SafetyEmailConfig {
            smtp: None,
            from: String::new(),
            public_url: None,
            escalate_after: DEFAULT_ESCALATE_AFTER,
            duty_email: None,
            retry_after: DEFAULT_EMAIL_RETRY,
        }
    }
}

impl SafetyEmailConfig {
    pub fn is_on(&self) -> bool {
        self.smtp.is_some()
    }
}

/// The mail server's URL. It may hold a password, so it is never shown whole: `Debug` and
/// `Display` leave the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    pub fn parse(url: &str) -> Result<SmtpUrl, String> {
        let url = url.trim();
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err(
                "--smtp-url must start with smtp:// or smtps://, e.g. smtp://127.0.0.1:2525".into(),
            );
        }
        use lettre::{AsyncSmtpTransport, Tokio1Executor};
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|_| {
            format!(
                "--smtp-url is not a mail server address we can use: {}",
                SmtpUrl(url.to_owned())
            )
        })?;
        Ok(SmtpUrl(url.to_owned()))
    }

    /// The whole URL, password included: only for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = &self.0;
        match (url.find("://"), url.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                let user = url[scheme + 3..at].split(':').next().unwrap_or_default();
                write!(f, "{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
            }
            _ => f.write_str(url),
        }
    }
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmtpUrl({self})")
    }
}

/// A length of time as people write it: `90s`, `15m`, `1h`, `500ms`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let duration = match unit.trim() {
        "ms" => Duration::from_millis(number),
        "s" | "sec" | "secs" | "second" | "seconds" => Duration::from_secs(number),
        "m" | "min" | "mins" | "minute" | "minutes" => Duration::from_secs(number.checked_mul(60)?),
        "h" | "hour" | "hours" => Duration::from_secs(number.checked_mul(3600)?),
        _ => return None,
    };
    (!duration.is_zero()).then_some(duration)
}

/// An email address on its own (`sam@example.org`), checked.
fn email_address(flag: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    text.parse::<lettre::Address>()
        .map(|_| text.to_owned())
        .map_err(|_| {
            format!("{flag} must be an email address such as duty@example.org, not {text:?}")
        })
}

impl SafetyEmailConfig {
    /// From the flags' values (`None`: not given), each falling back to its environment
    /// variable.
    fn choose(
        smtp_url: Option<String>,
        from: Option<String>,
        public_url: Option<String>,
        escalate_after: Option<String>,
        duty_email: Option<String>,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<SafetyEmailConfig, String> {
        let nonempty = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        let pick =
            |flag: Option<String>, name: &str| nonempty(flag).or_else(|| nonempty(env(name)));
        let smtp = pick(smtp_url, "JOURNEY_SMTP_URL")
            .map(|url| SmtpUrl::parse(&url))
            .transpose()?;
        let from = pick(from, "JOURNEY_SMTP_FROM").unwrap_or_default();
        if smtp.is_some() {
            if from.is_empty() {
                return Err(
                    "--smtp-url needs --smtp-from too: the address safety emails come \
                            from, e.g. \"My Journey <journey@example.org>\""
                        .into(),
                );
            }
            from.trim().parse::<lettre::message::Mailbox>().map_err(|_| {
                format!("--smtp-from must be an email address such as \"My Journey <journey@example.org>\", not {from:?}")
            })?;
        }
        let public_url = pick(public_url, "JOURNEY_PUBLIC_URL")
            .map(|url| {
                let url = url.trim().trim_end_matches('/').to_owned();
                if url.starts_with("https://") || url.starts_with("http://") {
                    Ok(url)
                } else {
                    Err(format!(
                        "--public-url must start with https:// (the address staff open the app at), not {url:?}"
                    ))
                }
            })
            .transpose()?;
        let escalate_after = match pick(escalate_after, "JOURNEY_SAFETY_ESCALATE_AFTER") {
            Some(text) => parse_duration(&text).ok_or_else(|| {
                format!(
                    "--safety-escalate-after must be a time such as 90s, 15m or 1h, not {text:?}"
                )
            })?,
            None => DEFAULT_ESCALATE_AFTER,
        };
        let duty_email = pick(duty_email, "JOURNEY_SAFETY_DUTY_EMAIL")
            .map(|a| email_address("--safety-duty-email", &a))
            .transpose()?;
        let retry_after = match nonempty(env("JOURNEY_SAFETY_EMAIL_RETRY")) {
            Some(text) => parse_duration(&text).ok_or_else(|| {
                format!(
                    "JOURNEY_SAFETY_EMAIL_RETRY must be a time such as 5s or 200ms, not {text:?}"
                )
            })?,
            None => DEFAULT_EMAIL_RETRY,
        };
        Ok(SafetyEmailConfig {
            from: from.trim().to_owned(),
            smtp,
            public_url,
            escalate_after,
            duty_email,
            retry_after,
        })
    }
}

/// What the store needs to know when a flag is raised, while safety email is on.
#[derive(Debug)]
pub struct SafetyEmailPolicy {
    pub escalate_after: Duration,
    pub duty_email: Option<String>,
    /// Rung after a flag is stored, so this server sends at once.
    pub wake: tokio::sync::Notify,
}

impl SafetyEmailPolicy {
    /// `None` when email is off: then no rows are written, and nothing is sent later.
    pub fn for_config(config: &SafetyEmailConfig) -> Option<std::sync::Arc<SafetyEmailPolicy>> {
        config.is_on().then(|| {
            std::sync::Arc::new(SafetyEmailPolicy {
                escalate_after: config.escalate_after,
                duty_email: config.duty_email.clone(),
                wake: tokio::sync::Notify::new(),
            })
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve(Config),
    Admin {
        database: Database,
        action: crate::admin::command::AdminAction,
    },
    Help,
}

impl Config {
    /// Reads flags; `env` looks up an environment variable (passed in so tests stay pure).
    pub fn from_args(
        args: &[String],
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Command, String> {
        let mut addr = env("JOURNEY_ADDR").unwrap_or_else(|| DEFAULT_ADDR.to_owned());
        let mut file: Option<String> = None;
        let mut url: Option<String> = None;
        let mut dist = env("JOURNEY_DIST").unwrap_or_else(|| DEFAULT_DIST.to_owned());
        let mut demo = false;
        let mut secure_cookies = env("JOURNEY_INSECURE_COOKIES").as_deref() != Some("1");
        let mut proxies: Vec<String> = env("JOURNEY_TRUSTED_PROXIES")
            .map(|list| list.split(',').map(|p| p.trim().to_owned()).collect())
            .unwrap_or_default();
        proxies.retain(|p| !p.is_empty());
        let (mut smtp_url, mut smtp_from, mut public_url, mut escalate_after, mut duty_email) =
            (None, None, None, None, None);
        if args.first().map(String::as_str) == Some("admin") {
            let mut rest: Vec<String> = Vec::new();
            let mut it = args[1..].iter();
            while let Some(arg) = it.next() {
                match arg.as_str() {
                    "--database" => {
                        file = Some(it.next().cloned().ok_or("--database needs a value")?);
                    }
                    "--database-url" => {
                        url = Some(it.next().cloned().ok_or("--database-url needs a value")?);
                    }
                    "--help" | "-h" => return Err(crate::admin::command::USAGE.to_owned()),
                    _ => rest.push(arg.clone()),
                }
            }
            let action = crate::admin::command::AdminAction::parse(&rest)?;
            return Ok(Command::Admin {
                database: Database::choose(file, url, &env),
                action,
            });
        }
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |flag: &str| {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match arg.as_str() {
                "--demo" => demo = true,
                "--insecure-cookies" => secure_cookies = false,
                "--trusted-proxy" => proxies.push(value("--trusted-proxy")?),
                "--addr" => addr = value("--addr")?,
                "--database" => file = Some(value("--database")?),
                "--database-url" => url = Some(value("--database-url")?),
                "--dist" => dist = value("--dist")?,
                "--smtp-url" => smtp_url = Some(value("--smtp-url")?),
                "--smtp-from" => smtp_from = Some(value("--smtp-from")?),
                "--public-url" => public_url = Some(value("--public-url")?),
                "--safety-escalate-after" => {
                    escalate_after = Some(value("--safety-escalate-after")?)
                }
                "--safety-duty-email" => duty_email = Some(value("--safety-duty-email")?),
                "--help" | "-h" => return Ok(Command::Help),
                other => return Err(format!("unknown argument: {other}")),
            }
        }
        let addr = addr
            .parse()
            .map_err(|_| format!("--addr must look like 127.0.0.1:8080, not {addr:?}"))?;
        Ok(Command::Serve(Config {
            addr,
            database: Database::choose(file, url, &env),
            dist: dist.into(),
            demo,
            demo_team: demo,
            secure_cookies,
            trusted_proxies: proxies
                .iter()
                .map(|p| {
                    p.parse().map_err(|_| {
                        format!("--trusted-proxy must be an IP address such as 10.0.0.5, not {p:?}")
                    })
                })
                .collect::<Result<_, _>>()?,
            safety_email: SafetyEmailConfig::choose(
                smtp_url,
                smtp_from,
                public_url,
                escalate_after,
                duty_email,
                &env,
            )?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_listen_on_localhost_8080_with_the_database_under_data() {
        let Command::Serve(config) = Config::from_args(&[], |_| None).unwrap() else {
            panic!("expected serve")
        };
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(
            config.database,
            Database::File(PathBuf::from("data/my-journey.db"))
        );
        assert_eq!(config.dist, PathBuf::from("dist"));
        assert!(!config.demo);
        assert!(config.secure_cookies);
    }

    #[test]
    fn cookies_can_be_sent_without_secure_for_localhost() {
        let Command::Serve(config) =
            Config::from_args(&args(&["--insecure-cookies"]), |_| None).unwrap()
        else {
            panic!("expected serve")
        };
        assert!(!config.secure_cookies);
    }

    #[test]
    fn admin_commands_take_their_own_database_flag() {
        let command = Config::from_args(
            &args(&[
                "admin",
                "create-team",
                "--name",
                "North",
                "--database",
                "/x.db",
            ]),
            |_| None,
        )
        .unwrap();
        assert_eq!(
            command,
            Command::Admin {
                database: Database::File(PathBuf::from("/x.db")),
                action: crate::admin::command::AdminAction::CreateTeam {
                    name: "North".into()
                },
            }
        );
    }

    #[test]
    fn flags_override_the_environment() {
        let env = |name: &str| (name == "JOURNEY_DATABASE").then(|| "/env.db".to_owned());
        let Command::Serve(config) =
            Config::from_args(&args(&["--demo", "--database", "/flag.db"]), env).unwrap()
        else {
            panic!("expected serve")
        };
        assert_eq!(config.database, Database::File(PathBuf::from("/flag.db")));
        assert!(config.demo);
    }

    #[test]
    fn database_url_chooses_postgresql_and_flags_still_win() {
        let env = |name: &str| match name {
            "DATABASE_URL" => Some("postgres://journey:secret@db.internal/journey".to_owned()),
            "JOURNEY_DATABASE" => Some("/env.db".to_owned()),
            _ => None,
        };
        let serve = |list: &[&str]| match Config::from_args(&args(list), env).unwrap() {
            Command::Serve(config) => config.database,
            other => panic!("expected serve, got {other:?}"),
        };
        let from_env = serve(&[]);
        assert_eq!(
            from_env,
            Database::Url("postgres://journey:secret@db.internal/journey".into())
        );
        // The password never reaches a log line.
        assert_eq!(
            from_env.to_string(),
            "postgres://journey@db.internal/journey"
        );
        assert_eq!(
            serve(&["--database", "/flag.db"]),
            Database::File(PathBuf::from("/flag.db"))
        );
        assert_eq!(
            serve(&["--database-url", "postgres://localhost/other"]),
            Database::Url("postgres://localhost/other".into())
        );
        let Command::Admin { database, .. } =
            Config::from_args(&args(&["admin", "create-team", "--name", "North"]), env).unwrap()
        else {
            panic!("expected admin")
        };
        assert_eq!(database, from_env);
    }

    #[test]
    fn trusted_proxies_come_from_flags_and_the_environment() {
        let env =
            |name: &str| (name == "JOURNEY_TRUSTED_PROXIES").then(|| "10.0.0.5, ::1".to_owned());
        let Command::Serve(config) =
            Config::from_args(&args(&["--trusted-proxy", "192.0.2.7"]), env).unwrap()
        else {
            panic!("expected serve")
        };
        let want: Vec<std::net::IpAddr> = vec![
            "10.0.0.5".parse().unwrap(),
            "::1".parse().unwrap(),
            "192.0.2.7".parse().unwrap(),
        ];
        assert_eq!(config.trusted_proxies, want);
        assert!(
            Config::from_args(&args(&["--trusted-proxy", "lb.internal"]), |_| None)
                .unwrap_err()
                .starts_with("--trusted-proxy must be an IP address")
        );
    }

    #[test]
    fn bad_flags_are_explained() {
        assert_eq!(
            Config::from_args(&args(&["--addr"]), |_| None).unwrap_err(),
            "--addr needs a value"
        );
        assert!(Config::from_args(&args(&["--addr", "nowhere"]), |_| None)
            .unwrap_err()
            .starts_with("--addr must look like"));
        assert_eq!(
            Config::from_args(&args(&["--bogus"]), |_| None).unwrap_err(),
            "unknown argument: --bogus"
        );
    }

    fn serve(list: &[&str], env: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        match Config::from_args(&args(list), env)? {
            Command::Serve(config) => Ok(config),
            other => panic!("expected serve, got {other:?}"),
        }
    }

    #[test]
    fn safety_emails_are_off_unless_a_mail_server_is_given() {
        let config = serve(&[], |_| None).unwrap();
        assert!(!config.safety_email.is_on());
        assert_eq!(config.safety_email.escalate_after, Duration::from_secs(900));
        assert_eq!(config.safety_email.duty_email, None);
        assert_eq!(config.safety_email.retry_after, DEFAULT_EMAIL_RETRY);
    }

    #[test]
    fn safety_email_settings_come_from_flags_and_the_environment() {
        let env = |name: &str| {
            match name {
                "JOURNEY_SMTP_URL" => Some("smtps://journey:s3cret@mail.example.org:465"),
                "JOURNEY_SMTP_FROM" => Some("My Journey <journey@example.org>"),
                "JOURNEY_PUBLIC_URL" => Some("https://journey.example.org/"),
                "JOURNEY_SAFETY_ESCALATE_AFTER" => Some("10m"),
                "JOURNEY_SAFETY_DUTY_EMAIL" => Some("duty@example.org"),
                "JOURNEY_SAFETY_EMAIL_RETRY" => Some("200ms"),
                _ => None,
            }
            .map(str::to_owned)
        };
        let from_env = serve(&[], env).unwrap().safety_email;
        assert!(from_env.is_on());
        assert_eq!(
            from_env.smtp.as_ref().unwrap().expose(),
            "smtps://journey:s3cret@mail.example.org:465"
        );
        assert_eq!(from_env.from, "My Journey <journey@example.org>");
        assert_eq!(
            from_env.public_url.as_deref(),
            Some("https://journey.example.org")
        );
        assert_eq!(from_env.escalate_after, Duration::from_secs(600));
        assert_eq!(from_env.duty_email.as_deref(), Some("duty@example.org"));
        assert_eq!(from_env.retry_after, Duration::from_millis(200));

        let flags = serve(
            &[
                "--smtp-url",
                "smtp://127.0.0.1:2525",
                "--smtp-from",
                "alerts@example.org",
                "--public-url",
                "http://127.0.0.1:8080",
                "--safety-escalate-after",
                "90s",
                "--safety-duty-email",
                "out-of-hours@example.org",
            ],
            env,
        )
        .unwrap()
        .safety_email;
        assert_eq!(flags.smtp.unwrap().expose(), "smtp://127.0.0.1:2525");
        assert_eq!(flags.from, "alerts@example.org");
        assert_eq!(flags.public_url.as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(flags.escalate_after, Duration::from_secs(90));
        assert_eq!(
            flags.duty_email.as_deref(),
            Some("out-of-hours@example.org")
        );
    }

    #[test]
    fn the_smtp_password_is_never_shown() {
        let url = SmtpUrl::parse("smtps://journey:s3cret@mail.example.org:465").unwrap();
        assert_eq!(url.to_string(), "smtps://journey@mail.example.org:465");
        let config = serve(
            &[
                "--smtp-url",
                "smtps://journey:s3cret@mail.example.org:465",
                "--smtp-from",
                "journey@example.org",
            ],
            |_| None,
        )
        .unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("mail.example.org"), "{shown}");
        let refused = serve(&["--smtp-url", "smtps://journey:s3cret@[bad"], |_| None).unwrap_err();
        assert!(!refused.contains("s3cret"), "{refused}");
    }

    #[test]
    fn escalation_times_are_read_as_people_write_them() {
        assert_eq!(parse_duration("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("15m"), Some(Duration::from_secs(900)));
        assert_eq!(parse_duration("1h"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_duration("2 minutes"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        for bad in ["", "15", "m", "0s", "-5m", "1.5h", "15 fortnights"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert!(serve(&["--safety-escalate-after", "soon"], |_| None)
            .unwrap_err()
            .starts_with("--safety-escalate-after must be a time"));
    }

    #[test]
    fn bad_safety_email_settings_are_explained() {
        let refused = |list: &[&str]| serve(list, |_| None).unwrap_err();
        assert!(refused(&["--smtp-url", "smtp://127.0.0.1:2525"])
            .starts_with("--smtp-url needs --smtp-from"));
        assert!(
            refused(&["--smtp-url", "http://mail", "--smtp-from", "a@example.org"])
                .starts_with("--smtp-url must start with smtp://")
        );
        assert!(refused(&[
            "--smtp-url",
            "smtp://127.0.0.1:2525",
            "--smtp-from",
            "nobody"
        ])
        .starts_with("--smtp-from must be an email address"));
        assert!(refused(&["--safety-duty-email", "duty at example"])
            .starts_with("--safety-duty-email must be an email address"));
        assert!(refused(&["--public-url", "journey.example.org"])
            .starts_with("--public-url must start with https://"));
        assert!(USAGE.contains("--smtp-url"));
        assert!(USAGE.contains("--safety-escalate-after"));
    }
}
