//! How the server is started: command-line flags, with environment variables as defaults.

use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: journey-server [--demo] [--addr HOST:PORT] [--database FILE] [--dist DIR]
                      [--insecure-cookies]
       journey-server admin <command> [--database FILE]   (journey-server admin --help)

  --demo             add the fictional demo young person, worker and plan (safe to repeat)
  --addr HOST:PORT   where to listen (env JOURNEY_ADDR; default 127.0.0.1:8080)
  --database FILE    the SQLite file, created on first run (env JOURNEY_DATABASE;
                     default data/my-journey.db)
  --dist DIR         the built client to serve at / (env JOURNEY_DIST; default dist)
  --insecure-cookies send the session cookie without Secure, for plain-http localhost only
                     (env JOURNEY_INSECURE_COOKIES=1)
  --help             show this";

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_DATABASE: &str = "data/my-journey.db";
pub const DEFAULT_DIST: &str = "dist";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub addr: SocketAddr,
    pub database: PathBuf,
    pub dist: PathBuf,
    pub demo: bool,
    /// Session cookies carry `Secure` (and the `__Host-` prefix). Off only for plain-http localhost.
    pub secure_cookies: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve(Config),
    Admin {
        database: PathBuf,
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
        let mut database = env("JOURNEY_DATABASE").unwrap_or_else(|| DEFAULT_DATABASE.to_owned());
        let mut dist = env("JOURNEY_DIST").unwrap_or_else(|| DEFAULT_DIST.to_owned());
        let mut demo = false;
        let mut secure_cookies = env("JOURNEY_INSECURE_COOKIES").as_deref() != Some("1");
        if args.first().map(String::as_str) == Some("admin") {
            let mut rest: Vec<String> = Vec::new();
            let mut it = args[1..].iter();
            while let Some(arg) = it.next() {
                match arg.as_str() {
                    "--database" => {
                        database = it.next().cloned().ok_or("--database needs a value")?;
                    }
                    "--help" | "-h" => return Err(crate::admin::USAGE.to_owned()),
                    _ => rest.push(arg.clone()),
                }
            }
            let action = crate::admin::AdminAction::parse(&rest)?;
            return Ok(Command::Admin {
                database: database.into(),
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
                "--addr" => addr = value("--addr")?,
                "--database" => database = value("--database")?,
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
            database: database.into(),
            dist: dist.into(),
            demo,
            secure_cookies,
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
        assert_eq!(config.database, PathBuf::from("data/my-journey.db"));
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
                database: PathBuf::from("/x.db"),
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
        assert_eq!(config.database, PathBuf::from("/flag.db"));
        assert!(config.demo);
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
