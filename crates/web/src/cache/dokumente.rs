//! The assembled strategy document and its rendered files, once per data `Stand`.
//!
//! Assembling reads the whole Werkstatt; rendering a PDF takes a good part of a second.
//! Both are kept per Werkstatt, version, day (the title page says "Stand: <heute>") and
//! `Stand`; a second request for the same file while it is being rendered waits for that
//! render and gets the same bytes instead of starting another.

use werkstatt_core::strategie::Dokument;

use super::Stand;
use super::einmal::Einmal;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DokSchluessel {
    pub werkstatt: String,
    pub version: Option<i64>,
    pub tag: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateiSchluessel {
    pub dokument: DokSchluessel,
    pub format: &'static str,
}

pub struct Dokumente {
    pub dokumente: Einmal<DokSchluessel, Stand, Dokument>,
    /// Few: a PDF of a large Werkstatt has megabytes.
    pub dateien: Einmal<DateiSchluessel, Stand, Vec<u8>>,
}

impl Default for Dokumente {
    fn default() -> Self {
        Self {
            dokumente: Einmal::new(64),
            dateien: Einmal::new(8),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn parallel_requests_for_one_file_share_one_render() {
        let d = Arc::new(Dokumente::default());
        let renders = Arc::new(AtomicUsize::new(0));
        let key = DateiSchluessel {
            dokument: DokSchluessel {
                werkstatt: "w".into(),
                version: None,
                tag: "04.12.2026".into(),
            },
            format: "pdf",
        };
        let stand = Stand {
            werkstatt: 1,
            katalog: 0,
        };
        let mut hs = Vec::new();
        for _ in 0..6 {
            let (d, renders, key) = (d.clone(), renders.clone(), key.clone());
            hs.push(tokio::spawn(async move {
                d.dateien
                    .holen(key, stand, || async move {
                        renders.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        Ok(Arc::new(vec![1u8, 2, 3]))
                    })
                    .await
            }));
        }
        for h in hs {
            assert_eq!(*h.await.expect("task").expect("render"), vec![1u8, 2, 3]);
        }
        assert_eq!(renders.load(Ordering::SeqCst), 1);
        assert_eq!(d.dateien.len(), 1);
    }
}
