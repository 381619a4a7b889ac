//! Live fragments: the parts of a page that change while people look at it, each
//! rendered by one template (`templates/teile/*.html`), embedded in its page and served
//! alone at `/w/{id}/teile/{teil}` for the live script.
//!
//! A fragment depends only on the Werkstatt's data and the kind of viewer ([`Sicht`]),
//! never on who exactly is asking, so one render per event serves every client of that
//! view (see [`crate::cache::Teile`]). Each fragment names the event kinds it depends
//! on; the page carries them, and the live script fetches only the fragments an event
//! touches.

mod daten;

pub use daten::kann_bearbeiten;

use std::sync::Arc;

use sha2::{Digest, Sha256};
use werkstatt_core::event::EventKind;

use crate::cache::teile::TeilName;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;

/// The fragments there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Teil {
    /// All Maßnahmen by field (`/w/{id}/massnahmen`).
    Massnahmen,
    /// The phase with its controls (overview).
    Phase,
    /// The chosen fields with Ziel and counts (overview).
    Felder,
    /// Who takes part, by sector (overview).
    Teilnehmende,
    /// The timer box on every page of a Werkstatt.
    Timer,
    /// The Ziel of one group (param: field id).
    GruppeZiel,
    /// The Maßnahmen of one group (param: field id).
    GruppeMassnahmen,
}

impl Teil {
    pub const ALLE: [Self; 7] = [
        Self::Massnahmen,
        Self::Phase,
        Self::Felder,
        Self::Teilnehmende,
        Self::Timer,
        Self::GruppeZiel,
        Self::GruppeMassnahmen,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Massnahmen => "massnahmen",
            Self::Phase => "phase",
            Self::Felder => "felder",
            Self::Teilnehmende => "teilnehmende",
            Self::Timer => "timer",
            Self::GruppeZiel => "gruppe-ziel",
            Self::GruppeMassnahmen => "gruppe-massnahmen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|t| t.slug() == s)
    }

    /// The id of the page element the fragment fills (kept from before fragments, so
    /// that links and tests still find them).
    pub fn region(self) -> &'static str {
        match self {
            Self::Massnahmen => "alle-live",
            Self::Phase => "phase-live",
            Self::Felder => "felder-live",
            Self::Teilnehmende => "teilnehmende-live",
            Self::Timer => "timer-live",
            Self::GruppeZiel => "ziel-live",
            Self::GruppeMassnahmen => "massnahmen-live",
        }
    }

    /// The changes that can alter the fragment. A resync refreshes every fragment.
    pub fn ereignisse(self) -> &'static [EventKind] {
        use EventKind as E;
        match self {
            Self::Massnahmen => &[E::Massnahme, E::Ziel, E::Feld, E::Feldwahl],
            Self::Phase => &[E::Phase],
            Self::Felder => &[E::Feld, E::Feldwahl, E::Ziel, E::Massnahme, E::Teilnehmende],
            Self::Teilnehmende => &[E::Teilnehmende],
            Self::Timer => &[E::Moderation],
            Self::GruppeZiel => &[E::Ziel],
            Self::GruppeMassnahmen => &[E::Massnahme, E::Phase, E::Moderation, E::Feldwahl],
        }
    }

    fn braucht_feld(self) -> bool {
        matches!(self, Self::GruppeZiel | Self::GruppeMassnahmen)
    }

    /// The timer shows the time left when rendered; it is cheap and never cached.
    fn zeitabhaengig(self) -> bool {
        matches!(self, Self::Timer)
    }
}

/// A rendered fragment with what the page element needs to be refreshed live.
#[derive(Debug, Clone)]
pub struct Gerendert {
    pub html: Arc<str>,
    /// `id`, `data-live`, `data-teil` (its address) and `data-ereignisse`.
    pub attrs: String,
}

/// The address of a fragment.
pub fn adresse(werkstatt_id: &str, teil: Teil, param: &str) -> String {
    if param.is_empty() {
        format!("/w/{werkstatt_id}/teile/{}", teil.slug())
    } else {
        format!("/w/{werkstatt_id}/teile/{}?feld={param}", teil.slug())
    }
}

fn attrs(werkstatt_id: &str, teil: Teil, param: &str) -> String {
    let ereignisse: Vec<&str> = teil.ereignisse().iter().map(|e| e.slug()).collect();
    // Ids are UUIDs, slugs are fixed: nothing here needs escaping, but the address is
    // checked to be sure no quote can slip in.
    let src = adresse(werkstatt_id, teil, param).replace(['"', '<', '>', '&'], "");
    format!(
        r#"id="{}" data-live data-teil="{src}" data-ereignisse="{}""#,
        teil.region(),
        ereignisse.join(" ")
    )
}

/// A strong `ETag` of a fragment's bytes: a client that has them gets `304`.
pub fn etag(html: &str) -> String {
    let d = Sha256::digest(html.as_bytes());
    let hex: String = d.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Renders `teil` of the Werkstatt `a` for the viewer's kind, from the cache where
/// another client of the same view already asked at the same `Stand`.
pub async fn rendern(st: &AppState, ctx: &Ctx, a: &Access, teil: Teil, param: &str) -> AppResult<Gerendert> {
    if teil.braucht_feld() && param.is_empty() {
        return Err(AppError::NotFound);
    }
    let attrs = attrs(a.id(), teil, param);
    // A request that changed the Werkstatt itself and renders afterwards holds an older
    // `Access`: what it renders is right but must not be kept under the old `Stand`.
    let veraltet = st.cache.versionen.stand(a.id()) != a.stand();
    if teil.zeitabhaengig() || veraltet {
        let html = daten::rendern(st, ctx.tr, a, teil, param).await?;
        return Ok(Gerendert {
            html: Arc::from(html),
            attrs,
        });
    }
    let name = TeilName {
        werkstatt: a.id(),
        teil: teil.slug(),
        param,
        sicht: a.sicht(),
        lang: ctx.tr.lang,
    };
    let html = st
        .cache
        .teile
        .holen(name, a.stand(), || daten::rendern(st, ctx.tr, a, teil, param))
        .await?;
    Ok(Gerendert { html, attrs })
}

/// The Kommunen of the Werkstatt, read once per `Stand`.
pub async fn kommunen(st: &AppState, a: &Access) -> AppResult<Arc<Vec<werkstatt_store::kommunen::Kommune>>> {
    let stand = a.stand();
    if let Some(k) = st.cache.werkstaetten.kommunen(a.id(), stand) {
        return Ok(k);
    }
    let k = Arc::new(st.db.werkstatt_kommunen(a.id()).await?);
    st.cache.werkstaetten.kommunen_merken(a.id(), stand, k.clone());
    Ok(k)
}

/// The event kinds the live script listens to, from [`EventKind`] itself.
pub fn alle_ereignisse() -> String {
    EventKind::ALL
        .iter()
        .map(|e| e.slug())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fragment_has_a_unique_slug_and_region() {
        for a in Teil::ALLE {
            assert_eq!(Teil::parse(a.slug()), Some(a));
            for b in Teil::ALLE {
                if a != b {
                    assert_ne!(a.slug(), b.slug());
                    assert_ne!(a.region(), b.region());
                }
            }
        }
        assert_eq!(Teil::parse("gibt-es-nicht"), None);
    }

    #[test]
    fn attributes_name_the_address_and_the_events() {
        let a = attrs("w1", Teil::GruppeMassnahmen, "f1");
        assert!(a.contains(r#"id="massnahmen-live""#));
        assert!(a.contains(r#"data-teil="/w/w1/teile/gruppe-massnahmen?feld=f1""#));
        assert!(a.contains("massnahme"));
        assert!(a.contains("phase"));
    }

    #[test]
    fn an_etag_changes_with_the_bytes() {
        assert_eq!(etag("a"), etag("a"));
        assert_ne!(etag("a"), etag("b"));
    }

    #[test]
    fn no_fragment_waits_for_an_event_that_does_not_exist() {
        // Resync is not listed: it refreshes everything anyway.
        for t in Teil::ALLE {
            assert!(!t.ereignisse().is_empty());
            assert!(!t.ereignisse().contains(&EventKind::Resync));
        }
    }
}
