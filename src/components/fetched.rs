//! What a screen fetches, as Leptos's `LocalResource` but written into the app once.
//!
//! A `LocalResource<T>` is a copy of Leptos's loading machinery for every `T` a screen
//! fetches (about 2 KB of wasm each). [`Fetched<T>`] keeps what came as `Rc<dyn Any>`
//! in the one `LocalResource` type, and only its `new` and `get` know `T` (see README,
//! "Where the bytes go").

use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

type Kept = Rc<dyn Any>;
type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Kept>>>>;

/// What `fetcher` fetches: `None` while it is on its way, then what came. Fetched again
/// when what `fetcher` reads changes, or on [`Fetched::refetch`].
pub struct Fetched<T: 'static> {
    inner: LocalResource<Kept>,
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
        Fetched {
            inner: resource(fetch),
            types: PhantomData,
        }
    }

    /// What came, if it has; tracked.
    pub fn get(&self) -> Option<T> {
        self.inner.with(|kept| kept.as_ref().map(take_back::<T>))
    }

    /// Fetches it again (the last answer stays until the new one comes).
    pub fn refetch(&self) {
        self.inner.refetch();
    }
}

fn resource(fetch: Fetch) -> LocalResource<Kept> {
    LocalResource::new(fetch)
}

fn take_back<T: Clone + 'static>(kept: &Kept) -> T {
    match kept.downcast_ref::<T>() {
        Some(value) => value.clone(),
        // A `Fetched<T>` only ever keeps a `T`.
        None => unreachable!(),
    }
}
