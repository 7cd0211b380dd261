//! What every handler can reach: the store, the configuration and the sign-in limits.
//! `startup::build_state` makes it.

use crate::accounts::limiter::RateLimiter;
use crate::config::Config;
use crate::store::Store;
use std::sync::Arc;

/// Cloned for every request (and by each layer it passes), so all of it sits behind one
/// `Arc`: a clone is one count, not one for each of the store's parts.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub store: Store,
    pub config: Arc<Config>,
    pub sign_in_limiter: Arc<RateLimiter>,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
