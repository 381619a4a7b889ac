//! The state shared by all handlers.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;
use werkstatt_store::Db;

use crate::config::Config;
use crate::events::EventBus;
use crate::limit::Limiter;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub bus: EventBus,
    pub config: Arc<Config>,
    pub limiter: Arc<Limiter>,
    pub presence: Arc<crate::presence::Presence>,
    /// Request counts and latencies for `GET /metrics`.
    pub metriken: Arc<crate::metrik::Metriken>,
    /// The read path's caches (see [`crate::cache`]).
    pub cache: Arc<crate::cache::Cache>,
    /// Cancelled on shutdown, so that endless event streams end.
    pub shutdown: CancellationToken,
}
