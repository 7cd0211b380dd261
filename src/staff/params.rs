//! The addresses of the screens about one young person, `/young-people/:id…`, read as a
//! type rather than by name.

use leptos::prelude::*;
use leptos::Params;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

/// `/young-people/:id` and the screens under it.
#[derive(Params, Debug, Clone, PartialEq)]
pub struct YoungPersonAddress {
    pub id: String,
}

/// Whose screen this is: the young person's id from the address, as it changes.
pub fn young_person_id() -> Memo<String> {
    let address = use_params::<YoungPersonAddress>();
    Memo::new(move |_| {
        address.with(|found| found.as_ref().map(|a| a.id.clone()).unwrap_or_default())
    })
}
