//! Rendered live fragments, shared by every client of the same view.
//!
//! After an event, every open page asks for the fragments that depend on it at about the
//! same moment. The first request renders; the others wait for that render
//! ([`tokio::sync::OnceCell`]) and get the same bytes, so the work per event does not grow
//! with the number of clients.

use std::future::Future;
use std::sync::Arc;

use super::Stand;
use super::einmal::Einmal;
use crate::error::AppResult;
use crate::i18n::Lang;

/// Whose view a fragment is: fragments never depend on who exactly is asking, only on
/// the kind of viewer (what they may do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sicht {
    Moderation,
    Teilnahme,
    Beobachtung,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Schluessel {
    werkstatt: String,
    teil: &'static str,
    /// The fragment's own parameter (a field id, a round id), or empty.
    param: String,
    sicht: Sicht,
    lang: Lang,
}

/// Beyond this many fragments the cache starts over: a bound, not a tuning knob (one
/// Werkstatt of a day has a few dozen).
const HOECHSTENS: usize = 4096;

pub struct Teile(Einmal<Schluessel, Stand, str>);

impl Default for Teile {
    fn default() -> Self {
        Self(Einmal::new(HOECHSTENS))
    }
}

/// What names one fragment.
pub struct TeilName<'a> {
    pub werkstatt: &'a str,
    pub teil: &'static str,
    pub param: &'a str,
    pub sicht: Sicht,
    pub lang: Lang,
}

impl Teile {
    /// The fragment at `stand`, rendered by `render` if nobody has rendered it yet.
    pub async fn holen<F, Fut>(&self, name: TeilName<'_>, stand: Stand, render: F) -> AppResult<Arc<str>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<String>>,
    {
        let key = Schluessel {
            werkstatt: name.werkstatt.to_owned(),
            teil: name.teil,
            param: name.param.to_owned(),
            sicht: name.sicht,
            lang: name.lang,
        };
        self.0
            .holen(key, stand, || async { render().await.map(Arc::from) })
            .await
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn name(teil: &'static str) -> TeilName<'static> {
        TeilName {
            werkstatt: "w",
            teil,
            param: "",
            sicht: Sicht::Teilnahme,
            lang: Lang::De,
        }
    }

    fn stand(n: u64) -> Stand {
        Stand {
            werkstatt: n,
            katalog: 0,
        }
    }

    #[tokio::test]
    async fn concurrent_requests_share_one_render() {
        let t = Arc::new(Teile::default());
        let renders = Arc::new(AtomicUsize::new(0));
        let mut handles = Vec::new();
        for _ in 0..50 {
            let t = t.clone();
            let renders = renders.clone();
            handles.push(tokio::spawn(async move {
                t.holen(name("liste"), stand(1), || async move {
                    renders.fetch_add(1, Ordering::SeqCst);
                    tokio::task::yield_now().await;
                    Ok("<p>x</p>".to_owned())
                })
                .await
            }));
        }
        for h in handles {
            assert_eq!(&*h.await.expect("task").expect("render"), "<p>x</p>");
        }
        assert_eq!(renders.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_new_stand_renders_again_and_replaces_the_old() {
        let t = Teile::default();
        let a = t
            .holen(name("liste"), stand(1), || async { Ok("alt".to_owned()) })
            .await;
        let b = t
            .holen(name("liste"), stand(2), || async { Ok("neu".to_owned()) })
            .await;
        assert_eq!(&*a.expect("a"), "alt");
        assert_eq!(&*b.expect("b"), "neu");
        assert_eq!(t.len(), 1);
    }

    #[tokio::test]
    async fn views_and_languages_are_kept_apart() {
        let t = Teile::default();
        let mut m = name("liste");
        m.sicht = Sicht::Moderation;
        let mut en = name("liste");
        en.lang = Lang::En;
        let a = t
            .holen(name("liste"), stand(1), || async { Ok("tn".to_owned()) })
            .await;
        let b = t.holen(m, stand(1), || async { Ok("mod".to_owned()) }).await;
        let c = t.holen(en, stand(1), || async { Ok("en".to_owned()) }).await;
        assert_eq!(
            (&*a.expect("a"), &*b.expect("b"), &*c.expect("c")),
            ("tn", "mod", "en")
        );
    }

    #[tokio::test]
    async fn a_failed_render_is_not_kept() {
        let t = Teile::default();
        let a = t
            .holen(name("liste"), stand(1), || async {
                Err(crate::error::AppError::NotFound)
            })
            .await;
        assert!(a.is_err());
        let b = t
            .holen(name("liste"), stand(1), || async { Ok("ok".to_owned()) })
            .await;
        assert_eq!(&*b.expect("b"), "ok");
    }
}
