//! "My records": everything stored about a young person, gathered for download. Whoever
//! asks sees what they could see anyway (a worker still never reads a concern about
//! themselves); every download is audited.

use crate::audit::store::audit_about;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::Store;
use chrono::Utc;
use journey_core::records::MyRecords;
use journey_core::YoungPersonId;

impl Store {
    pub async fn records(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
    ) -> Result<MyRecords, ApiError> {
        let young_person = caller.role == journey_core::Role::YoungPerson;
        let journey = self.journey(id, young_person).await?;
        let plan_versions = self.plan_versions(id).await?;
        let username: Option<(String,)> =
            sqlx::query_as("SELECT username FROM accounts WHERE young_person_id = $1")
                .bind(id.as_str())
                .fetch_optional(self.pool())
                .await?;
        let goals = self.goals(id).await?;
        let records = MyRecords {
            made_at: Utc::now(),
            first_name: goals.first_name.clone(),
            username: username.map(|(name,)| name),
            journey,
            plan_versions,
            feedback: self.feedback(caller, id).await?,
            goals,
            concerns: self.concerns_for(caller, id).await?,
            check_ins: self.check_ins(id).await?,
            safety_flags: self.safety_flags_seen_by(caller, id).await?,
            good_news: self.every_good_news(id).await?,
        };
        let mut tx = self.begin_write().await?;
        audit_about(&mut tx, caller, "downloaded the records", id.as_str()).await?;
        tx.commit().await?;
        Ok(records)
    }
}
