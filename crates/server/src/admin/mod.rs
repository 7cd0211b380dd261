//! The administrator's command line: making teams and staff accounts.
//! `journey-server admin create-team --name "North"`
//! `journey-server admin create-worker --name "Sam Rivers" --username sam --team "North" [--manager]`
//! `journey-server admin complaints-officer --username morgan [--off]`

pub mod command;

pub use command::{AdminAction, NewStaff, USAGE};

use crate::audit::store::{audit, audit_organisation};
use crate::error::ApiError;
use crate::secrets::{hash_password, new_id, random_bytes};
use crate::store::{Flag, Store};
use chrono::Utc;
use journey_core::account::username_key;

/// A readable generated password: four groups of four letters and digits (about 80 bits).
pub fn generated_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let groups: Vec<String> = random_bytes::<16>()
        .chunks(4)
        .map(|chunk| {
            chunk
                .iter()
                .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                .collect()
        })
        .collect();
    groups.join("-")
}

impl Store {
    /// Makes a team, or returns the existing one of that name.
    pub async fn create_team(&self, name: &str) -> Result<String, ApiError> {
        if let Some((id,)) = sqlx::query_as::<_, (String,)>("SELECT id FROM teams WHERE name = $1")
            .bind(name)
            .fetch_optional(self.pool())
            .await?
        {
            return Ok(id);
        }
        let id = new_id();
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(&id)
            .bind(name)
            .bind(Utc::now().to_rfc3339())
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            None,
            "administrator",
            &format!("made the team {name}"),
            None,
            Some(&id),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Makes a worker (or manager) and their account. Returns the worker id.
    pub async fn create_staff(
        &self,
        staff: &NewStaff,
        password_hash: &str,
        fixed_ids: Option<(&str, &str)>,
    ) -> Result<String, ApiError> {
        journey_core::account::check_staff(&staff.name, &staff.username, staff.phone.as_deref())?;
        let team: Option<(String,)> = sqlx::query_as("SELECT id FROM teams WHERE name = $1")
            .bind(&staff.team)
            .fetch_optional(self.pool())
            .await?;
        let Some((team_id,)) = team else {
            return Err(ApiError::field(
                "team",
                "There is no team with that name. Make it first with create-team.",
            ));
        };
        let key = username_key(&staff.username);
        let (worker_id, account_id) = match fixed_ids {
            Some((w, a)) => (w.to_owned(), a.to_owned()),
            None => (new_id(), new_id()),
        };
        let now = Utc::now().to_rfc3339();
        let mut tx = self.begin_write().await?;
        crate::accounts::store::username_free(&mut tx, &key).await?;
        sqlx::query(
            "INSERT INTO workers (id, name, role, phone, email, created_at, team_id, is_manager)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&worker_id)
        .bind(&staff.name)
        .bind(if staff.manager {
            "the team's manager"
        } else {
            "your worker"
        })
        .bind(&staff.phone)
        .bind(&staff.email)
        .bind(&now)
        .bind(&team_id)
        .bind(Flag(staff.manager))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO accounts (id, username, username_key, password_hash, role, worker_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&account_id)
        .bind(staff.username.trim())
        .bind(&key)
        .bind(password_hash)
        .bind(if staff.manager { "manager" } else { "worker" })
        .bind(&worker_id)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let role = if staff.manager { "manager" } else { "worker" };
        audit(
            &mut tx,
            None,
            "administrator",
            &format!("made the {role} account {}", staff.username.trim()),
            None,
            Some(&team_id),
        )
        .await?;
        tx.commit().await?;
        Ok(worker_id)
    }
}

impl Store {
    /// Makes a member of staff one of the organisation's administrators, or no longer
    /// one, and says so in the organisation's audit rows.
    pub async fn set_admin(&self, username: &str, admin: bool) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE accounts SET is_admin = $1 WHERE username_key = $2 AND worker_id IS NOT NULL",
        )
        .bind(Flag(admin))
        .bind(username_key(username))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(ApiError::field(
                "username",
                "There is no member of staff with that username.",
            ));
        }
        let action = if admin {
            format!("made {username} one of the organisation's administrators")
        } else {
            format!("took {username} off the organisation's administrators")
        };
        audit_organisation(&mut tx, None, &action).await?;
        tx.commit().await?;
        // A session kept in memory carries whether its caller is an administrator.
        self.sessions.changed();
        Ok(())
    }

    /// Names a manager as a complaints officer (`on`), or no longer. Concerns about a
    /// worker who is a manager go to the complaints officers who are not them.
    pub async fn set_complaints_officer(&self, username: &str, on: bool) -> Result<(), ApiError> {
        let found: Option<(String,)> = sqlx::query_as(
            "SELECT w.id FROM accounts a JOIN workers w ON w.id = a.worker_id
             WHERE a.username_key = $1 AND a.role = 'manager'",
        )
        .bind(username_key(username))
        .fetch_optional(self.pool())
        .await?;
        let Some((worker_id,)) = found else {
            return Err(ApiError::field(
                "username",
                "There is no manager with that username. A complaints officer must be a manager.",
            ));
        };
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE workers SET complaints_officer = $1 WHERE id = $2")
            .bind(Flag(on))
            .bind(&worker_id)
            .execute(&mut *tx)
            .await?;
        let action = if on {
            format!("named {} a complaints officer", username.trim())
        } else {
            format!("ended {} being a complaints officer", username.trim())
        };
        audit_organisation(&mut tx, None, &action).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Runs an admin command against the database and prints what happened.
pub async fn run(store: &Store, action: AdminAction) -> Result<(), ApiError> {
    match action {
        AdminAction::CreateTeam { name } => {
            store.create_team(&name).await?;
            println!("Team {name:?} is ready.");
        }
        AdminAction::CreateWorker(staff) => {
            let password = generated_password();
            store
                .create_staff(&staff, &hash_password(&password), None)
                .await?;
            let role = if staff.manager { "Manager" } else { "Worker" };
            println!(
                "{role} account made for {} (username {}).\nTheir password, shown only now: {password}\nAsk them to change it after they sign in.",
                staff.name, staff.username
            );
        }
        AdminAction::SetAdmin { username, admin } => {
            store.set_admin(&username, admin).await?;
            if admin {
                println!("{username} is now one of the organisation's administrators.");
            } else {
                println!("{username} is no longer one of the organisation's administrators.");
            }
        }
        AdminAction::Backup { .. } | AdminAction::Restore { .. } => {
            unreachable!("backup and restore work on the file, not through the store")
        }
        AdminAction::ComplaintsOfficer { username, on } => {
            store.set_complaints_officer(&username, on).await?;
            if on {
                println!(
                    "{username} is now a complaints officer: concerns about a manager go to them."
                );
            } else {
                println!("{username} is no longer a complaints officer.");
            }
        }
        AdminAction::SetNation(nation) => {
            let version = store.set_nation(nation).await?;
            println!(
                "The nation is now {}. The help page shows its default content (version {version}).",
                nation.as_str()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn create_worker_reads_its_flags() {
        let action = AdminAction::parse(&args(&[
            "create-worker",
            "--name",
            "Sam Rivers",
            "--username",
            "sam",
            "--team",
            "North",
            "--manager",
        ]))
        .unwrap();
        assert_eq!(
            action,
            AdminAction::CreateWorker(NewStaff {
                name: "Sam Rivers".into(),
                username: "sam".into(),
                team: "North".into(),
                manager: true,
                phone: None,
                email: None,
            })
        );
    }

    #[test]
    fn set_nation_reads_england_or_wales() {
        assert_eq!(
            AdminAction::parse(&args(&["set-nation", "--nation", "Wales"])),
            Ok(AdminAction::SetNation(journey_core::Nation::Wales))
        );
        assert!(AdminAction::parse(&args(&["set-nation", "--nation", "scotland"])).is_err());
        assert!(AdminAction::parse(&args(&["set-nation"])).is_err());
    }

    #[test]
    fn complaints_officer_reads_a_username_and_off() {
        assert_eq!(
            AdminAction::parse(&args(&["complaints-officer", "--username", "morgan"])),
            Ok(AdminAction::ComplaintsOfficer {
                username: "morgan".into(),
                on: true
            })
        );
        assert_eq!(
            AdminAction::parse(&args(&["complaints-officer", "--username", "m", "--off"])),
            Ok(AdminAction::ComplaintsOfficer {
                username: "m".into(),
                on: false
            })
        );
        assert!(AdminAction::parse(&args(&["complaints-officer"])).is_err());
    }

    #[test]
    fn backup_and_restore_read_their_files() {
        assert_eq!(
            AdminAction::parse(&args(&["backup", "--to", "/b/x.db"])),
            Ok(AdminAction::Backup {
                to: "/b/x.db".into()
            })
        );
        assert_eq!(
            AdminAction::parse(&args(&["restore", "--from", "x.db"])),
            Ok(AdminAction::Restore {
                from: "x.db".into()
            })
        );
        assert_eq!(
            AdminAction::parse(&args(&["backup"])).unwrap_err(),
            "backup needs --to"
        );
    }

    #[test]
    fn missing_flags_are_named() {
        assert_eq!(
            AdminAction::parse(&args(&["create-worker", "--name", "Sam"])).unwrap_err(),
            "create-worker needs --username"
        );
        assert!(AdminAction::parse(&args(&["delete-everything"])).is_err());
        assert_eq!(
            AdminAction::parse(&args(&["grant-admin", "--username", "morgan"])),
            Ok(AdminAction::SetAdmin {
                username: "morgan".into(),
                admin: true
            })
        );
        assert_eq!(
            AdminAction::parse(&args(&["revoke-admin", "--username", "morgan"])),
            Ok(AdminAction::SetAdmin {
                username: "morgan".into(),
                admin: false
            })
        );
        assert!(AdminAction::parse(&args(&["grant-admin"])).is_err());
    }

    #[test]
    fn generated_passwords_are_long_and_differ() {
        let p = generated_password();
        assert_eq!(p.len(), 19);
        assert_ne!(p, generated_password());
    }
}
