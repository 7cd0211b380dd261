//! What a screen fetches, as Leptos's `LocalResource`, but written into the app once and
//! with none of Leptos's async machinery.
//!
//! A `LocalResource<T>` is a copy of Leptos's loading machinery for every `T` a screen
//! fetches (about 2 KB of wasm each), and even one brings in the machinery of
//! `AsyncDerived` (futures that track what they read across `.await`, Suspense's
//! hooks), which no screen here uses. [`Fetched<T>`] keeps what came as `Rc<dyn Any>` in
//! one signal, fetched by one effect; only its `new` and `get` know `T` (see README,
//! "Where the bytes go").

use crate::components::once::{effect, spawn_scoped};
use leptos::prelude::*;
use std::any::Any;
use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

type Kept = Rc<dyn Any>;
type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Kept>>>>;

/// What `fetcher` fetches: `None` while it is on its way, then what came. Fetched again
/// when what `fetcher` reads as it starts changes (before its future's first `.await`),
/// or on [`Fetched::refetch`]; the last answer stays until the next one comes, and an
/// answer that comes after a later fetch has started is dropped.
pub struct Fetched<T: 'static> {
    came: RwSignal<Option<Kept>, LocalStorage>,
    again: Trigger,
    types: PhantomData<fn() -> T>,
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Fetched<T> {}

impl<T: Clone + 'static> Fetched<T> {
    pub fn new<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let fetch: Fetch = Box::new(move || {
            let fetching = fetcher();
            Box::pin(async move { Rc::new(fetching.await) as Kept })
        });
        let (came, again) = fetching(fetch);
        Fetched {
            came,
            again,
            types: PhantomData,
        }
    }

    /// What came, if it has; tracked.
    pub fn get(&self) -> Option<T> {
        self.came.with(|kept| kept.as_ref().map(take_back::<T>))
    }

    /// Fetches it again (the last answer stays until the new one comes).
    pub fn refetch(&self) {
        self.again.notify();
    }
}

fn fetching(fetch: Fetch) -> (RwSignal<Option<Kept>, LocalStorage>, Trigger) {
    let came = RwSignal::new_local(None);
    let again = Trigger::new();
    let latest = Rc::new(Cell::new(0_u32));
    effect(Box::new(move || {
        again.track();
        let answer = fetch();
        let this = latest.get().wrapping_add(1);
        latest.set(this);
        let latest = Rc::clone(&latest);
        spawn_scoped(Box::pin(async move {
            let answer = answer.await;
            if latest.get() == this {
                // Not there any more if its screen has gone meanwhile.
                came.try_set(Some(answer));
            }
        }));
    }));
    (came, again)
}

fn take_back<T: Clone + 'static>(kept: &Kept) -> T {
    match kept.downcast_ref::<T>() {
        Some(value) => value.clone(),
        // A `Fetched<T>` only ever keeps a `T`.
        None => unreachable!(),
    }
}
