//! The administrator's commands as typed: `journey-server admin <command> …`, read into an
//! [`AdminAction`] (what `admin::run` then does).

pub const USAGE: &str = "\
Usage: journey-server admin <command> [--database FILE | --database-url URL]

  create-team --name NAME
  grant-admin --username NAME
  revoke-admin --username NAME
      Makes a member of staff one of the organisation's administrators (or no longer
      one): only administrators change the help page, and they read the organisation's
      own audit rows.
  set-nation --nation england|wales
      The help page becomes that nation's default (earlier versions are kept).
  create-worker --name \"FULL NAME\" --username NAME --team TEAM [--manager]
                [--phone NUMBER] [--email ADDRESS]
      Prints a new password once: give it to the person, who should change it.
  complaints-officer --username NAME [--off]
      Names a manager as the organisation's complaints officer (or, with --off, no
      longer). A concern about a worker who is a manager goes to them.
  backup --to FILE
      Copies the database to FILE (which must not exist) and checks the copy.
      Safe while the server runs.
  restore --from FILE
      Puts a backup back. Stop the server first; the database it replaces is kept
      beside it as <database>.before-restore-<time>.
  (backup and restore are for the SQLite file; back up PostgreSQL with pg_dump)";

/// A new staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    pub name: String,
    pub username: String,
    pub team: String,
    pub manager: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminAction {
    CreateTeam {
        name: String,
    },
    CreateWorker(NewStaff),
    SetNation(journey_core::Nation),
    /// Makes a member of staff an administrator (`true`) or no longer one (`false`).
    SetAdmin {
        username: String,
        admin: bool,
    },
    ComplaintsOfficer {
        username: String,
        on: bool,
    },
    Backup {
        to: std::path::PathBuf,
    },
    Restore {
        from: std::path::PathBuf,
    },
}

impl AdminAction {
    pub fn parse(args: &[String]) -> Result<AdminAction, String> {
        let (command, rest) = args.split_first().ok_or("admin needs a command")?;
        let mut flags = std::collections::HashMap::new();
        let mut manager = false;
        let mut off = false;
        let mut it = rest.iter();
        while let Some(flag) = it.next() {
            match flag.as_str() {
                "--manager" => manager = true,
                "--off" => off = true,
                "--name" | "--username" | "--team" | "--phone" | "--email" | "--nation"
                | "--to" | "--from" => {
                    let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
                    flags.insert(flag.trim_start_matches("--").to_owned(), value.clone());
                }
                other => return Err(format!("unknown argument: {other}")),
            }
        }
        let mut need = |key: &str| {
            flags
                .remove(key)
                .ok_or_else(|| format!("{command} needs --{key}"))
        };
        match command.as_str() {
            "create-team" => Ok(AdminAction::CreateTeam {
                name: need("name")?,
            }),
            "create-worker" => Ok(AdminAction::CreateWorker(NewStaff {
                name: need("name")?,
                username: need("username")?,
                team: need("team")?,
                manager,
                phone: flags.remove("phone"),
                email: flags.remove("email"),
            })),
            "set-nation" => {
                let nation = need("nation")?;
                journey_core::Nation::parse(&nation)
                    .map(AdminAction::SetNation)
                    .ok_or_else(|| format!("--nation must be england or wales, not {nation:?}"))
            }
            "grant-admin" | "revoke-admin" => Ok(AdminAction::SetAdmin {
                username: need("username")?,
                admin: command == "grant-admin",
            }),
            "complaints-officer" => Ok(AdminAction::ComplaintsOfficer {
                username: need("username")?,
                on: !off,
            }),
            "backup" => Ok(AdminAction::Backup {
                to: need("to")?.into(),
            }),
            "restore" => Ok(AdminAction::Restore {
                from: need("from")?.into(),
            }),
            other => Err(format!("unknown admin command: {other}")),
        }
    }
}
