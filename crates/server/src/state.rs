//! What every handler can reach: the store, the configuration and the sign-in limits.
//! `startup::build_state` makes it.

use crate::accounts::limiter::RateLimiter;
use crate::config::Config;
use crate::store::Store;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub sign_in_limiter: Arc<RateLimiter>,
}
