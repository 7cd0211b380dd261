//! The store's side of the Help tab: the organisation's nation, and its help content as
//! versions (never overwritten). Before anyone edits it, the nation's default is served.

use crate::accounts::audit;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::Store;
use chrono::Utc;
use journey_core::{FieldError, HelpContent, HelpEdit, HelpPage, Nation};

/// The built-in content for each nation. Plain data, checked by a test; an organisation
/// replaces it with `PUT /api/v1/help`.
pub fn default_help(nation: Nation) -> HelpContent {
    let json = match nation {
        Nation::England => include_str!("../help/england.json"),
        Nation::Wales => include_str!("../help/wales.json"),
    };
    serde_json::from_str(json).expect("the built-in help content is valid JSON")
}

impl Store {
    /// The nation this server's organisation works in.
    pub async fn nation(&self) -> Result<Nation, ApiError> {
        let (nation,): (String,) = sqlx::query_as("SELECT nation FROM organisation WHERE id = 1")
            .fetch_one(self.pool())
            .await?;
        Nation::parse(&nation).ok_or(ApiError::Internal("unknown nation stored"))
    }

    /// The newest help content, or the nation's default (version 0) before any edit.
    pub async fn help(&self) -> Result<HelpPage, ApiError> {
        let newest: Option<(i64, String)> =
            sqlx::query_as("SELECT version, body FROM help_versions ORDER BY version DESC LIMIT 1")
                .fetch_optional(self.pool())
                .await?;
        match newest {
            Some((version, body)) => Ok(HelpPage {
                version,
                content: serde_json::from_str(&body)?,
            }),
            None => Ok(HelpPage {
                version: 0,
                content: default_help(self.nation().await?),
            }),
        }
    }

    /// A manager's new version. `409` on `based_on` if someone saved a newer one meanwhile.
    pub async fn edit_help(&self, caller: &Caller, edit: &HelpEdit) -> Result<i64, ApiError> {
        let mut tx = self.writer().begin().await?;
        let (current,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM help_versions")
                .fetch_one(&mut *tx)
                .await?;
        if edit.based_on != current {
            return Err(ApiError::Conflict(FieldError::new(
                "based_on",
                "Someone else changed the help page since you opened it. Please reload to see their changes.",
            )));
        }
        let version = current + 1;
        sqlx::query(
            "INSERT INTO help_versions (version, body, created_at, created_by) VALUES (?, ?, ?, ?)",
        )
        .bind(version)
        .bind(serde_json::to_string(&edit.content)?)
        .bind(Utc::now().to_rfc3339())
        .bind(caller.audit_name())
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            Some(&caller.account_id),
            &caller.audit_name(),
            &format!("changed the help page (version {version})"),
            None,
            caller.team_id.as_deref(),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// The administrator sets the nation. The help page becomes that nation's default, as
    /// a new version (earlier ones are kept). Returns the new version.
    pub async fn set_nation(&self, nation: Nation) -> Result<i64, ApiError> {
        let mut tx = self.writer().begin().await?;
        let now = Utc::now().to_rfc3339();
        sqlx::query("UPDATE organisation SET nation = ?, updated_at = ? WHERE id = 1")
            .bind(nation.as_str())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        let (version,): (i64,) = sqlx::query_as(
            "INSERT INTO help_versions (version, body, created_at, created_by)
             SELECT COALESCE(MAX(version), 0) + 1, ?, ?, 'administrator' FROM help_versions
             RETURNING version",
        )
        .bind(serde_json::to_string(&default_help(nation))?)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        audit(
            &mut tx,
            None,
            "administrator",
            &format!(
                "set the nation to {} and the help page to its default",
                nation.as_str()
            ),
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_content_is_valid_for_each_nation() {
        for nation in [Nation::England, Nation::Wales] {
            let content = default_help(nation);
            assert_eq!(content.nation, nation);
            content.validate().unwrap();
            assert_eq!(content.danger_phone, "999");
        }
    }

    #[test]
    fn wales_names_its_own_bodies_and_england_its_own() {
        let england = serde_json::to_string(&default_help(Nation::England)).unwrap();
        let wales = serde_json::to_string(&default_help(Nation::Wales)).unwrap();
        assert!(england.contains("Local Government and Social Care Ombudsman"));
        assert!(england.contains("Help at Hand"));
        assert!(!england.contains("Ombudsman for Wales"));
        assert!(wales.contains("Public Services Ombudsman for Wales"));
        assert!(wales.contains("Meic"));
        assert!(wales.contains("Children's Commissioner for Wales"));
        assert!(!wales.contains("Local Government and Social Care Ombudsman"));
        assert_eq!(default_help(Nation::England).steps.len(), 3);
        assert_eq!(default_help(Nation::Wales).steps.len(), 2);
    }
}
