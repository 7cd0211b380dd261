//! What serde's derived readers do with missing, repeated and unknown fields, kept as it
//! was with serde's own derive: `serde_derive` is vendored with a change to how a struct's
//! reader is laid out (`crates/vendor/README.md`), and the server answers bad bodies by it.

use serde::Deserialize;
use serde_json::from_str;

fn shouted<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d).map(|words| words.to_uppercase())
}

fn seven() -> u8 {
    7
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    words: String,
    maybe: Option<String>,
    #[serde(default)]
    list: Vec<u8>,
    #[serde(default = "seven")]
    score: u8,
    #[serde(deserialize_with = "shouted")]
    loud: String,
    #[serde(default, deserialize_with = "shouted")]
    loud_or_not: String,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(default)]
struct AllDefault {
    a: u8,
    b: String,
}

impl Default for AllDefault {
    fn default() -> Self {
        AllDefault {
            a: 3,
            b: "b".into(),
        }
    }
}

fn error(json: &str) -> String {
    from_str::<Form>(json).unwrap_err().to_string()
}

#[test]
fn every_field_given_is_read_as_given() {
    let form: Form = from_str(
        r#"{"words":"hi","maybe":"yes","list":[1,2],"score":3,"loud":"a","loud_or_not":"b"}"#,
    )
    .unwrap();
    assert_eq!(
        form,
        Form {
            words: "hi".into(),
            maybe: Some("yes".into()),
            list: vec![1, 2],
            score: 3,
            loud: "A".into(),
            loud_or_not: "B".into(),
        }
    );
}

#[test]
fn missing_fields_take_their_defaults_or_none_and_required_ones_are_named() {
    let form: Form = from_str(r#"{"words":"hi","loud":"a"}"#).unwrap();
    assert_eq!(
        form,
        Form {
            words: "hi".into(),
            maybe: None,
            list: vec![],
            score: 7,
            loud: "A".into(),
            loud_or_not: String::new(),
        }
    );
    assert!(error(r#"{"loud":"a"}"#).starts_with("missing field `words`"));
    // A field read through a function has no "missing means None": it is required.
    assert!(error(r#"{"words":"hi"}"#).starts_with("missing field `loud`"));
    // The first required field missing is the one named, as before.
    assert!(error(r#"{}"#).starts_with("missing field `words`"));
    let defaults: AllDefault = from_str(r#"{"b":"x"}"#).unwrap();
    assert_eq!(
        defaults,
        AllDefault {
            a: 3,
            b: "x".into()
        }
    );
}

#[test]
fn a_field_given_twice_or_unknown_is_refused() {
    assert!(error(r#"{"words":"a","words":"b","loud":"a"}"#).starts_with("duplicate field `words`"));
    assert!(error(r#"{"words":"a","loud":"a","extra":1}"#).starts_with("unknown field `extra`"));
    // A value of the wrong kind, after fields already read, is an error too.
    assert!(error(r#"{"words":"a","list":[1,"x"],"loud":"a"}"#).starts_with("invalid type"));
}
