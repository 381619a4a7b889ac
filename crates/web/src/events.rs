//! The event bus of one process and the server-sent event stream built on it.

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::{Stream, StreamExt};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_util::sync::CancellationToken;
use werkstatt_core::event::{Event, EventKind};

/// Fans events out to every open stream of this process.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<Event>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

impl EventBus {
    pub fn new() -> Self {
        let (tx, _) = broadcast::channel(1024);
        Self { tx }
    }

    /// Publishes after the change is committed; nobody listening is fine.
    pub fn publish(&self, e: Event) {
        let _ = self.tx.send(e);
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
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>> + use<>> {
    let hello = SseEvent::default().event("hello").data("{}");
    let rx = BroadcastStream::new(bus.subscribe());
    let events = rx
        .filter_map(move |r| {
            let out = match r {
                Ok(e) if e.werkstatt_id == werkstatt_id => Some(to_sse(&e)),
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
