//! The store's side of the Help tab: the organisation's nation, and its help content as
//! versions (never overwritten). Before anyone edits it, the nation's default is served.

use crate::audit::store::audit_organisation;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::Store;
use chrono::Utc;
use journey_core::i18n::words::Problem;
use journey_core::{
    FieldError, HelpContent, HelpEdit, HelpForEditing, HelpPage, HelpVersion, Lang, Nation,
};
use std::sync::LazyLock;

/// The built-in content for each nation, in English. Plain data, checked by a test; an
/// organisation replaces it with `PUT /api/v1/help`.
pub fn default_help(nation: Nation) -> HelpContent {
    default_help_in(nation, Lang::En)
}

/// The built-in content for each nation, in English or Welsh.
pub fn default_help_in(nation: Nation, lang: Lang) -> HelpContent {
    built_in(nation, lang).clone()
}

/// The built-in content, read once for the life of the server.
fn built_in(nation: Nation, lang: Lang) -> &'static HelpContent {
    static ALL: LazyLock<[[HelpContent; 2]; 2]> = LazyLock::new(|| {
        let read = |json: &str| -> HelpContent {
            serde_json::from_str(json).expect("the built-in help content is valid JSON")
        };
        [
            [
                read(include_str!("../../help/england.json")),
                read(include_str!("../../help/england.cy.json")),
            ],
            [
                read(include_str!("../../help/wales.json")),
                read(include_str!("../../help/wales.cy.json")),
            ],
        ]
    });
    let by_nation = match nation {
        Nation::England => &ALL[0],
        Nation::Wales => &ALL[1],
    };
    match lang {
        Lang::En => &by_nation[0],
        Lang::Cy => &by_nation[1],
    }
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
    /// Content that is still a nation's built-in default comes in the language asked for;
    /// an organisation's own words come in Welsh when asked for and written in Welsh, and
    /// otherwise in English.
    pub async fn help(&self, lang: Lang) -> Result<HelpPage, ApiError> {
        let newest: Option<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT version, body, body_cy FROM help_versions ORDER BY version DESC LIMIT 1",
        )
        .fetch_optional(self.pool())
        .await?;
        let (version, nation) = match newest {
            Some((version, body, body_cy)) => {
                let content = serde_json::from_str::<HelpContent>(&body)?;
                if content != *built_in(content.nation, Lang::En) {
                    if let (Lang::Cy, Some(welsh)) = (lang, body_cy) {
                        return Ok(HelpPage {
                            version,
                            content: serde_json::from_str(&welsh)?,
                            lang: Lang::Cy,
                        });
                    }
                    return Ok(HelpPage {
                        version,
                        content,
                        lang: Lang::En,
                    });
                }
                (version, content.nation)
            }
            None => (0, self.nation().await?),
        };
        Ok(HelpPage {
            version,
            content: default_help_in(nation, lang),
            lang,
        })
    }

    /// What the Help editor starts from: the newest content in English and Welsh (the
    /// built-in Welsh where none is written), and the recent versions with who and when.
    pub async fn help_for_editing(&self) -> Result<HelpForEditing, ApiError> {
        // version, English, Welsh, when, who.
        type Row = (i64, String, Option<String>, String, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT version, body, body_cy, created_at, created_by FROM help_versions
             ORDER BY version DESC LIMIT 10",
        )
        .fetch_all(self.pool())
        .await?;
        let mut versions = Vec::new();
        for (version, body, body_cy, at, by) in &rows {
            let content = serde_json::from_str::<HelpContent>(body)?;
            versions.push(HelpVersion {
                version: *version,
                by: by.clone().unwrap_or_else(|| "administrator".to_owned()),
                at: chrono::DateTime::parse_from_rfc3339(at)
                    .map_err(|_| ApiError::Internal("bad stored time"))?
                    .with_timezone(&Utc),
                built_in: content == *built_in(content.nation, Lang::En),
                welsh: body_cy.is_some(),
            });
        }
        let Some((version, body, body_cy, _, _)) = rows.into_iter().next() else {
            let nation = self.nation().await?;
            return Ok(HelpForEditing {
                version: 0,
                content: default_help_in(nation, Lang::En),
                content_cy: default_help_in(nation, Lang::Cy),
                welsh_written: false,
                built_in: true,
                versions,
            });
        };
        let content = serde_json::from_str::<HelpContent>(&body)?;
        let is_built_in = content == *built_in(content.nation, Lang::En);
        let (content_cy, welsh_written) = match body_cy {
            Some(welsh) if !is_built_in => (serde_json::from_str(&welsh)?, true),
            _ => (default_help_in(content.nation, Lang::Cy), false),
        };
        Ok(HelpForEditing {
            version,
            content,
            content_cy,
            welsh_written,
            built_in: is_built_in,
            versions,
        })
    }

    /// "Go back to the built-in content": the nation's, as a new version. `409` on
    /// `based_on` if someone saved a newer one meanwhile, unless that is this, sent again.
    pub async fn help_back_to_built_in(
        &self,
        caller: &Caller,
        based_on: i64,
    ) -> Result<i64, ApiError> {
        let nation = self.nation().await?;
        let body = serde_json::to_string(&default_help(nation))?;
        let mut tx = self.begin_write().await?;
        if let Some(version) = saved_already(&mut tx, based_on, &body, None).await? {
            return Ok(version);
        }
        let version = next_help_version(&mut tx, based_on).await?;
        sqlx::query(
            "INSERT INTO help_versions (version, body, created_at, created_by) VALUES ($1, $2, $3, $4)",
        )
        .bind(version)
        .bind(body)
        .bind(Utc::now().to_rfc3339())
        .bind(caller.audit_name())
        .execute(&mut *tx)
        .await?;
        let name = match nation {
            Nation::England => "England",
            Nation::Wales => "Wales",
        };
        audit_organisation(
            &mut tx,
            Some(caller),
            &format!("put the help page back to the built-in {name} content (version {version})"),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// An administrator's new version, in English and (if written) Welsh. `409` on
    /// `based_on` if someone saved a newer one meanwhile, unless that newer one is this
    /// edit, sent again (its answer lost on a bad signal): then that version, once.
    pub async fn edit_help(&self, caller: &Caller, edit: &HelpEdit) -> Result<i64, ApiError> {
        let body = serde_json::to_string(&edit.content)?;
        let welsh = edit
            .content_cy
            .as_ref()
            .map(serde_json::to_string)
            .transpose()?;
        let mut tx = self.begin_write().await?;
        if let Some(version) =
            saved_already(&mut tx, edit.based_on, &body, welsh.as_deref()).await?
        {
            return Ok(version);
        }
        let version = next_help_version(&mut tx, edit.based_on).await?;
        sqlx::query(
            "INSERT INTO help_versions (version, body, body_cy, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(version)
        .bind(body)
        .bind(welsh)
        .bind(Utc::now().to_rfc3339())
        .bind(caller.audit_name())
        .execute(&mut *tx)
        .await?;
        audit_organisation(
            &mut tx,
            Some(caller),
            &format!("changed the help page (version {version})"),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// The administrator sets the nation. The help page becomes that nation's default, as
    /// a new version (earlier ones are kept). Returns the new version.
    pub async fn set_nation(&self, nation: Nation) -> Result<i64, ApiError> {
        let mut tx = self.begin_write().await?;
        let now = Utc::now().to_rfc3339();
        sqlx::query("UPDATE organisation SET nation = $1, updated_at = $2 WHERE id = 1")
            .bind(nation.as_str())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        let (version,): (i64,) = sqlx::query_as(
            "INSERT INTO help_versions (version, body, created_at, created_by)
             SELECT COALESCE(MAX(version), 0) + 1, $1, $2, 'administrator' FROM help_versions
             RETURNING version",
        )
        .bind(serde_json::to_string(&default_help(nation))?)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        audit_organisation(
            &mut tx,
            None,
            &format!(
                "set the nation to {} and the help page to its default",
                nation.as_str()
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }
}

/// The version after `based_on`, if it is the newest and holds `body` and `welsh`: the
/// same save sent again (its answer lost on a bad signal), which is answered with the
/// version it made instead of as a clash.
async fn saved_already(
    tx: &mut sqlx::AnyConnection,
    based_on: i64,
    body: &str,
    welsh: Option<&str>,
) -> Result<Option<i64>, ApiError> {
    let version = based_on.saturating_add(1);
    let made: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT body_cy FROM help_versions
          WHERE version = $1 AND body = $2
            AND version = (SELECT MAX(version) FROM help_versions)",
    )
    .bind(version)
    .bind(body)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(made
        .filter(|(kept_welsh,)| kept_welsh.as_deref() == welsh)
        .map(|_| version))
}

/// The next version number, if `based_on` is the newest; else the clash (`409`).
async fn next_help_version(tx: &mut sqlx::AnyConnection, based_on: i64) -> Result<i64, ApiError> {
    let (current,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM help_versions")
        .fetch_one(&mut *tx)
        .await?;
    if based_on != current {
        return Err(ApiError::Conflict(FieldError::problem(
            "based_on",
            Problem::help_clash,
            &[],
        )));
    }
    Ok(current + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_content_is_valid_for_each_nation_in_each_language() {
        for nation in [Nation::England, Nation::Wales] {
            for lang in Lang::ALL {
                let content = default_help_in(nation, lang);
                assert_eq!(content.nation, nation);
                content.validate().unwrap();
                assert_eq!(content.danger_phone, "999");
            }
        }
    }

    #[test]
    fn the_welsh_content_says_the_same_things_in_welsh() {
        for nation in [Nation::England, Nation::Wales] {
            let en = default_help_in(nation, Lang::En);
            let cy = default_help_in(nation, Lang::Cy);
            // The same shape: paragraph for paragraph, step for step, the same helplines.
            assert_eq!(en.ok_to_complain.len(), cy.ok_to_complain.len());
            assert_eq!(en.steps.len(), cy.steps.len());
            assert_eq!(en.advocate.len(), cy.advocate.len());
            assert_eq!(en.privacy.len(), cy.privacy.len());
            let reach = |c: &HelpContent| -> Vec<_> {
                c.contacts
                    .iter()
                    .map(|c| (c.phone.clone(), c.link.clone()))
                    .collect()
            };
            assert_eq!(reach(&en), reach(&cy));
            // And every sentence is in Welsh, not English left in place.
            for (e, c) in en.steps.iter().zip(&cy.steps) {
                assert_ne!(e.title, c.title);
                assert_ne!(e.what_happens, c.what_happens);
                assert_ne!(e.how_long, c.how_long);
            }
            for (e, c) in en.ok_to_complain.iter().zip(&cy.ok_to_complain) {
                assert_ne!(e, c);
            }
            for (e, c) in en.privacy.iter().zip(&cy.privacy) {
                assert_ne!(e, c);
            }
            assert_ne!(en.danger_words, cy.danger_words);
            assert_ne!(en.still_unhappy, cy.still_unhappy);
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
