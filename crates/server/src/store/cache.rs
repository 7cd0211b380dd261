//! A small in-memory cache for things that never change once stored (a plan version is
//! never overwritten: each edit adds a new one), so every server may keep them as long
//! as it likes without asking the database again. Bounded: when full, it starts afresh.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// How many entries a cache holds before it starts afresh.
const MOST: usize = 2048;

#[derive(Debug)]
pub struct Cache<K, V> {
    entries: Arc<Mutex<HashMap<K, Arc<V>>>>,
}

impl<K, V> Clone for Cache<K, V> {
    fn clone(&self) -> Self {
        Cache {
            entries: self.entries.clone(),
        }
    }
}

impl<K: Eq + Hash, V> Default for Cache<K, V> {
    fn default() -> Self {
        Cache {
            entries: Arc::new(Mutex::new(HashMap::new())),
        }
    }
}

impl<K: Eq + Hash, V> Cache<K, V> {
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    pub fn put(&self, key: K, value: Arc<V>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MOST {
                entries.clear();
            }
            entries.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_it_is_given_and_starts_afresh_when_full() {
        let cache = Cache::default();
        cache.put(1, Arc::new("one"));
        assert_eq!(cache.get(&1).as_deref(), Some(&"one"));
        assert_eq!(cache.get(&2), None);
        for n in 0..MOST {
            cache.put(n + 10, Arc::new("more"));
        }
        assert!(cache.entries.lock().unwrap().len() <= MOST);
        assert_eq!(cache.get(&1), None);
    }
}
