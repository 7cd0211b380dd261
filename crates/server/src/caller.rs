//! Who is asking: the signed-in person behind a request, as their session says. Apart
//! from `auth` (which reads it from the request) so the store can keep it
//! (`accounts::kept`) without the store depending on the web layer.

use journey_core::{Role, YoungPersonId};

/// The signed-in person making this request. Taking it as an argument is what makes a
/// handler require sign-in; without a valid session the request ends with 401.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub young_person_id: Option<YoungPersonId>,
    pub worker_id: Option<String>,
    /// The team a manager oversees (and a worker belongs to).
    pub team_id: Option<String>,
    /// One of the organisation's administrators, who own what belongs to the whole
    /// organisation (the help content). Set with `journey-server admin grant-admin`.
    pub is_admin: bool,
    pub token_hash: String,
}

impl Caller {
    pub fn is_staff(&self) -> bool {
        matches!(self.role, Role::Worker | Role::Manager)
    }

    /// The team whose young people a manager sees (everyone else: none, only their own
    /// allocations), for the "allocated to me, or to my team" queries.
    pub fn managed_team(&self) -> Option<&str> {
        if self.role == Role::Manager {
            self.team_id.as_deref()
        } else {
            None
        }
    }
}
