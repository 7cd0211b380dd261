//! How the server is started: command-line flags, with environment variables as defaults.

use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: journey-server [--demo] [--addr HOST:PORT] [--database FILE | --database-url URL]
                      [--dist DIR] [--insecure-cookies] [--trusted-proxy IP]...
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
  --help             show this";

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_DATABASE: &str = "data/my-journey.db";
pub const DEFAULT_DIST: &str = "dist";

/// Where the records are kept: a SQLite file (one server), or a database URL such as
/// `postgres://…` (several servers can share one PostgreSQL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    File(PathBuf),
    Url(String),
}

impl Database {
    /// Flags win over the environment; `DATABASE_URL` over `JOURNEY_DATABASE`.
    fn choose(
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub addr: SocketAddr,
    pub database: Database,
    pub dist: PathBuf,
    pub demo: bool,
    /// Session cookies carry `Secure` (and the `__Host-` prefix). Off only for plain-http localhost.
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` is believed, to find who is really asking.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve(Config),
    Admin {
        database: Database,
        action: crate::admin::AdminAction,
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
                    "--help" | "-h" => return Err(crate::admin::USAGE.to_owned()),
                    _ => rest.push(arg.clone()),
                }
            }
            let action = crate::admin::AdminAction::parse(&rest)?;
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
            secure_cookies,
            trusted_proxies: proxies
                .iter()
                .map(|p| {
                    p.parse().map_err(|_| {
                        format!("--trusted-proxy must be an IP address such as 10.0.0.5, not {p:?}")
                    })
                })
                .collect::<Result<_, _>>()?,
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
                action: crate::admin::AdminAction::CreateTeam {
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
}
