//! The HTTP side of Werkstatt: pages, JSON API, live events. [`App::build`] binds the
//! listener and wires everything; tests start it on port 0.

pub mod cache;
pub mod charts;
pub mod config;
pub mod ctx;
pub mod error;
pub mod events;
pub mod http;
pub mod i18n;
pub mod limit;
pub mod metrik;
pub mod presence;
pub mod routes;
pub mod services;
pub mod state;
pub mod teile;
pub mod view;

#[cfg(test)]
mod schichten;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use werkstatt_store::Db;

pub use config::Config;
pub use state::AppState;

pub struct App {
    listener: TcpListener,
    state: AppState,
}

impl App {
    /// Opens (and migrates) the database and binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = Db::open(&config.db_url).await?;
        Self::with_db(config, db).await
    }

    /// Binds the listener on an open, migrated database and loads the shipped catalogue.
    pub async fn with_db(config: Config, db: Db) -> anyhow::Result<Self> {
        let bericht = services::katalog::laden(&db).await?;
        tracing::info!(?bericht, "Katalog geladen");
        let listener = TcpListener::bind(config.addr).await?;
        let shutdown = CancellationToken::new();
        let cache = Arc::new(cache::Cache::default());
        let state = AppState {
            bus: events::EventBus::start(&db, cache.clone(), shutdown.clone()).await?,
            cache,
            db,
            config: Arc::new(config),
            limiter: Arc::new(limit::Limiter::new(20, Duration::from_secs(600))),
            presence: Arc::new(presence::Presence::default()),
            metriken: Arc::new(metrik::Metriken::default()),
            shutdown,
        };
        Ok(Self { listener, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| self.state.config.addr)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then ends event streams and finishes requests in flight.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let token = self.state.shutdown.clone();
        let purge_db = self.state.db.clone();
        let purge_stop = token.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = purge_stop.cancelled() => break,
                    () = tokio::time::sleep(Duration::from_secs(3600)) => {
                        if let Err(e) = purge_db.purge_sessions().await {
                            tracing::warn!(error = %e, "purging sessions failed");
                        }
                    }
                }
            }
        });
        let router = routes::router(self.state.clone());
        let stop = token.clone();
        axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            stop.cancel();
        })
        .await?;
        self.state.db.close().await;
        Ok(())
    }
}
