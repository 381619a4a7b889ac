//! The event bus of one process and the server-sent event stream built on it.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::{Stream, StreamExt};
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_util::sync::CancellationToken;
use werkstatt_core::event::{Event, EventKind};
use werkstatt_store::Db;
use werkstatt_store::notify::Signal;

use crate::cache::Cache;

/// Fans events out to every open stream of this process. With PostgreSQL, events go
/// through `NOTIFY` first, so that clients of every instance hear every change.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<Event>,
    /// Set on PostgreSQL: events queue here for the notifier task, in order.
    remote: Option<mpsc::UnboundedSender<Event>>,
    /// Every event raises the `Stand` of its Werkstatt, so no cache serves what it changed.
    cache: Arc<Cache>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new(Arc::default())
    }
}

/// The werkstatt id of a resync for everyone (after the listener lost its connection).
pub const ALLE: &str = "*";
/// The werkstatt id of a catalogue change: no page listens to it, every cache hears it.
pub const KATALOG: &str = "*katalog";

/// Raises the `Stand` an event names.
fn vermerken(cache: &Cache, e: &Event) {
    match e.werkstatt_id.as_str() {
        ALLE => cache.alles_geaendert(),
        KATALOG => cache.versionen.katalog_geaendert(),
        w => cache.geaendert(w),
    }
}

impl EventBus {
    /// A bus for one process (SQLite).
    pub fn new(cache: Arc<Cache>) -> Self {
        let (tx, _) = broadcast::channel(1024);
        Self {
            tx,
            remote: None,
            cache,
        }
    }

    /// The bus for a database: on PostgreSQL it starts the notifier and listener tasks,
    /// which end with `shutdown`.
    pub async fn start(
        db: &Db,
        cache: Arc<Cache>,
        shutdown: CancellationToken,
    ) -> Result<Self, werkstatt_store::StoreError> {
        let Some(mut listener) = db.listener().await? else {
            return Ok(Self::new(cache));
        };
        let (tx, _) = broadcast::channel(1024);
        let (out, mut rx) = mpsc::unbounded_channel::<Event>();
        let notify_db = db.clone();
        tokio::spawn(async move {
            while let Some(e) = rx.recv().await {
                let payload = serde_json::to_string(&e).unwrap_or_default();
                if let Err(err) = notify_db.notify(&payload).await {
                    tracing::warn!(error = %err, "NOTIFY failed");
                }
            }
        });
        let local = tx.clone();
        let gehoert = cache.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = shutdown.cancelled() => break,
                    r = listener.next() => match r {
                        Ok(Signal::Payload(p)) => {
                            if let Ok(e) = serde_json::from_str::<Event>(&p) {
                                // Changes of other instances reach this one's caches here.
                                vermerken(&gehoert, &e);
                                let _ = local.send(e);
                            }
                        }
                        Ok(Signal::Lost) => {
                            tracing::warn!("event listener lost its connection; clients resync");
                            gehoert.alles_geaendert();
                            let _ = local.send(Event::new(ALLE, EventKind::Resync));
                        }
                        Err(err) => {
                            tracing::warn!(error = %err, "event listener error");
                            tokio::time::sleep(Duration::from_millis(500)).await;
                        }
                    }
                }
            }
        });
        Ok(Self {
            tx,
            remote: Some(out),
            cache,
        })
    }

    /// Publishes after the change is committed; nobody listening is fine. The local
    /// caches forget at once (before the answer to the writing request leaves), so the
    /// writer's next page shows the change even before the event went round.
    pub fn publish(&self, e: Event) {
        vermerken(&self.cache, &e);
        if e.werkstatt_id == KATALOG && self.remote.is_none() {
            return;
        }
        match &self.remote {
            Some(out) => {
                let _ = out.send(e);
            }
            None => {
                let _ = self.tx.send(e);
            }
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.tx.subscribe()
    }
}

/// The SSE response for one Werkstatt: its events as they happen, a `resync` when the
/// client fell behind, a keep-alive comment every 15 s, and the end on shutdown.
pub fn stream(
    bus: &EventBus,
    werkstatt_id: String,
    shutdown: CancellationToken,
    guard: Option<crate::presence::Guard>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>> + use<>> {
    let hello = SseEvent::default().event("hello").data("{}");
    let rx = BroadcastStream::new(bus.subscribe());
    let events = rx
        .filter_map(move |r| {
            // The presence guard lives as long as the stream.
            let _held = &guard;
            let out = match r {
                Ok(e) if e.werkstatt_id == werkstatt_id => Some(to_sse(&e)),
                Ok(e) if e.werkstatt_id == ALLE => Some(to_sse(&Event::new(&werkstatt_id, e.kind))),
                Ok(_) => None,
                Err(BroadcastStreamRecvError::Lagged(_)) => {
                    Some(to_sse(&Event::new(&werkstatt_id, EventKind::Resync)))
                }
            };
            std::future::ready(out.map(Ok))
        })
        .take_until(shutdown.cancelled_owned());
    let s = futures_util::stream::once(std::future::ready(Ok(hello))).chain(events);
    Sse::new(s).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn to_sse(e: &Event) -> SseEvent {
    SseEvent::default()
        .event(e.kind.slug())
        .data(serde_json::to_string(e).unwrap_or_else(|_| "{}".into()))
}
