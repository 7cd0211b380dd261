//! The first screen in `index.html`: the app's name, Quick exit and 999, painted before
//! this code has loaded (and all there is with JavaScript off). Once the app is drawn it
//! goes, so there is one top bar and one `main`.

/// Removes the first screen. Called straight after the app is mounted, in the same turn
/// of the browser, so no frame shows both or neither. If the app never starts, it stays,
/// and Quick exit with it.
pub fn remove() {
    if let Some(screen) = leptos::web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("first-screen"))
    {
        screen.remove();
    }
}
