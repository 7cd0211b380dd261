//! What the "My Journey" screen gets in one answer: the plan, the worker, what changed
//! since the young person last looked, their views and changes of worker.

use crate::changes::PlanChange;
use crate::plan::{Plan, WorkerCard, WorkerChange, YoungPersonSummary};
use crate::view::MyView;
use serde::{Deserialize, Serialize};

/// Everything the "My Journey" screen needs for one young person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Journey {
    pub young_person: YoungPersonSummary,
    pub plan: Plan,
    /// `None` while no worker is allocated yet.
    pub worker: Option<WorkerCard>,
    /// Which version of the plan this is (1 is the first).
    #[serde(default)]
    pub plan_version: i64,
    /// For the young person: what changed since they last looked (empty for staff).
    #[serde(default)]
    pub new_since_last_look: Vec<PlanChange>,
    /// Their own words about the plan and its steps, oldest first.
    #[serde(default)]
    pub views: Vec<MyView>,
    /// Changes of worker, newest first: who is new and why.
    #[serde(default)]
    pub worker_changes: Vec<WorkerChange>,
}
