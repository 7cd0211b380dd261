//! The Welsh words as a file beside the apps, not in their code: a phone that reads
//! English never downloads them (issue 17). `journey_core::i18n::AllWords::as_list` of
//! the Welsh tables is written as a JSON list of messages, named by its contents
//! (`words-cy-HASH.json`), and each app's page names it in
//! `<meta name="words-cy" content="/words-cy-HASH.json">`; the app fetches it when it
//! starts in Welsh or someone chooses Welsh (`src/i18n.rs`). The young person's page also
//! lists it with the screens' files, so the service worker keeps it for no signal.

use crate::{split, Result};
use journey_core::i18n::{cy, en, AllWords, Lang, Text};
use std::path::Path;

/// The meta tag's name, which `src/i18n.rs` reads.
pub const META: &str = "words-cy";

pub fn write_welsh_words(dist: &Path) -> Result {
    crate::step("The Welsh words: a file fetched by those who choose Welsh");
    let json = serde_json::to_string(cy::ALL.as_list()).map_err(|e| e.to_string())?;
    let name = format!("words-cy-{}.json", split::short_hash(json.as_bytes()));
    std::fs::write(dist.join(&name), &json).map_err(|e| format!("could not write {name}: {e}"))?;
    let meta = format!("<meta name=\"{META}\" content=\"/{name}\">");
    let young_page = dist.join("index.html");
    for page in [young_page.clone(), dist.join("staff/index.html")] {
        let html = std::fs::read_to_string(&page)
            .map_err(|e| format!("could not read {}: {e}", page.display()))?;
        if html.contains(&format!("name=\"{META}\"")) {
            return Err(format!(
                "{} already names the Welsh words: build the apps again with Trunk first",
                page.display()
            ));
        }
        let mut html = html.replacen("</head>", &format!("{meta}</head>"), 1);
        if page == young_page {
            html = split::add_to_later(&html, &format!("/{name}"))?;
        }
        std::fs::write(&page, html)
            .map_err(|e| format!("could not write {}: {e}", page.display()))?;
    }
    println!(
        "    {name}: {} messages, {:.1} KB",
        AllWords::LEN,
        json.len() as f64 / 1024.0
    );
    Ok(())
}

/// Messages long enough to find in a wasm by their bytes alone, and not also found inside
/// a message of `unless_in` (the shared table: "We couldn't find this young person." is a
/// staff message, and the start of a shared one).
fn findable<'a>(list: impl IntoIterator<Item = &'a str>, unless_in: &[&str]) -> Vec<&'a str> {
    list.into_iter()
        .filter(|m| m.len() >= 24 && !unless_in.iter().any(|shared| shared.contains(m)))
        .collect()
}

/// How many of `messages` a wasm holds.
pub fn held(wasm: &[u8], messages: &[&str]) -> usize {
    messages
        .iter()
        .filter(|m| crate::holds(wasm, m.as_bytes()))
        .count()
}

/// The Welsh messages (not the same in English), and the staff app's own ones (not also
/// in the shared table), that a search of the young person's wasm should not find.
pub fn not_for_the_young_app() -> (Vec<&'static str>, Vec<&'static str>) {
    let english = en::ALL.as_list();
    let welsh = findable(cy::ALL.as_list().iter().copied(), english);
    let mut staff = Vec::new();
    for lang in Lang::ALL {
        let own = serde_json::to_value(lang.staff_text()).unwrap_or_default();
        collect(&own, &mut staff);
    }
    let shared: Vec<&str> = english.iter().chain(cy::ALL.as_list()).copied().collect();
    let staff: Vec<&'static str> = staff.into_iter().map(|m| &*m.leak()).collect();
    (welsh, findable(staff, &shared))
}

/// The English words of the screens fetched when opened (`en::LATER`) that a search of
/// the young person's first download should not find: those not also in the first table
/// (`en::TEXT`, whose words the first download rightly holds).
pub fn later_screens_words() -> Vec<&'static str> {
    // `AllWords` is the two tables side by side, so its list is `Text`'s, then `Later`'s.
    let (first, later) = en::ALL.as_list().split_at(Text::LEN);
    findable(later.iter().copied(), first)
}

fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => map.values().for_each(|v| collect(v, out)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        serde_json::Value::String(text) => out.push(text.clone()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_file_is_the_welsh_table_and_both_pages_name_it() {
        let dist = std::env::temp_dir().join(format!("welsh-words-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(dist.join("staff")).unwrap();
        std::fs::write(
            dist.join("index.html"),
            "<html><head><script type=\"application/json\" id=\"later\">[\"/young-split_goals-0123456789abcdef.wasm\"]</script></head></html>",
        )
        .unwrap();
        std::fs::write(dist.join("staff/index.html"), "<html><head></head></html>").unwrap();
        write_welsh_words(&dist).unwrap();

        let young = std::fs::read_to_string(dist.join("index.html")).unwrap();
        let start = young.find("content=\"/").unwrap() + "content=\"/".len();
        let name = &young[start..start + young[start..].find('"').unwrap()];
        assert!(
            name.starts_with("words-cy-") && name.ends_with(".json"),
            "{name}"
        );
        assert!(young.contains(&format!(
            "[\"/young-split_goals-0123456789abcdef.wasm\",\"/{name}\"]"
        )));
        let staff = std::fs::read_to_string(dist.join("staff/index.html")).unwrap();
        assert!(staff.contains(&format!("<meta name=\"words-cy\" content=\"/{name}\">")));
        assert!(!staff.contains("id=\"later\""));

        let list: Vec<String> =
            serde_json::from_str(&std::fs::read_to_string(dist.join(name)).unwrap()).unwrap();
        let welsh = AllWords::from_list(list).unwrap();
        assert_eq!(welsh.text.common.app_name, cy::TEXT.common.app_name);
        assert_eq!(welsh.text.settings.language, cy::TEXT.settings.language);
        assert_ne!(welsh.text.settings.language, en::TEXT.settings.language);
        assert_eq!(welsh.later.goals.title, cy::LATER.goals.title);
        assert_ne!(welsh.later.goals.title, en::LATER.goals.title);

        // A second run on the same pages is refused rather than naming two files.
        assert!(write_welsh_words(&dist).is_err());
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn the_search_finds_welsh_and_staff_words_where_they_are() {
        let (welsh, staff) = not_for_the_young_app();
        assert!(
            welsh.len() > 300 && staff.len() > 100,
            "{} {}",
            welsh.len(),
            staff.len()
        );
        let mut wasm = b"\0asm junk ".to_vec();
        wasm.extend_from_slice(welsh[3].as_bytes());
        wasm.extend_from_slice(staff[5].as_bytes());
        assert_eq!(held(&wasm, &welsh), 1);
        assert_eq!(held(&wasm, &staff), 1);
        assert_eq!(held(en::TEXT.settings.language.as_bytes(), &welsh), 0);
        // A staff message that is part of a shared one is not looked for: the shared one
        // is rightly in the young person's app.
        let inside = "We couldn't find this young person.";
        assert!(en::STAFF.staff.person_not_found == inside && !staff.contains(&inside));
        assert!(staff.contains(&en::STAFF.team.home_link) || en::STAFF.team.home_link.len() < 24);
    }

    #[test]
    fn the_later_screens_words_are_theirs_alone() {
        let later = later_screens_words();
        assert!(later.len() > 100, "{}", later.len());
        // The Goals screen's lead is looked for; a word of the first table is not, even
        // where a later screen says it too.
        assert!(later.contains(&en::LATER.goals.lead));
        assert!(!later.contains(&en::TEXT.common.quick_exit_hint));
    }
}
