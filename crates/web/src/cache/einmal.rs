//! A map of values computed at most once per key and `Stand`: concurrent requests for a
//! missing value wait for the one computation under way instead of starting their own.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use crate::error::{AppError, AppResult};

type Zelle<V> = Arc<OnceCell<Arc<V>>>;

pub struct Einmal<K, S, V: ?Sized> {
    map: Mutex<HashMap<K, (S, Zelle<V>)>>,
    /// Beyond this many keys the map starts over (a bound against unbounded growth).
    hoechstens: usize,
}

impl<K: Eq + Hash, S: PartialEq + Copy, V: ?Sized> Einmal<K, S, V> {
    pub fn new(hoechstens: usize) -> Self {
        Self {
            map: Mutex::new(HashMap::new()),
            hoechstens,
        }
    }

    /// The value of `key` at `stand`, computed by `f` if nobody has yet. A failed
    /// computation is not kept: the next request tries again.
    pub async fn holen<F, Fut>(&self, key: K, stand: S, f: F) -> AppResult<Arc<V>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<Arc<V>>>,
    {
        let zelle = {
            let mut map = self
                .map
                .lock()
                .map_err(|_| AppError::Internal("cache poisoned".into()))?;
            match map.get(&key) {
                Some((s, z)) if *s == stand => z.clone(),
                _ => {
                    if map.len() >= self.hoechstens {
                        map.clear();
                    }
                    let z: Zelle<V> = Arc::default();
                    map.insert(key, (stand, z.clone()));
                    z
                }
            }
        };
        zelle.get_or_try_init(f).await.cloned()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.lock().map(|m| m.len()).unwrap_or(0)
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
