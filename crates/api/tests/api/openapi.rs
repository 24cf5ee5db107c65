use std::path::PathBuf;

#[test]
fn checked_in_spec_matches_the_code() {
    // Read at run time: the cached test binary may have been built in another
    // checkout, and a compile-time path would then point at that one's spec.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let path = manifest_dir.join("../../api-spec/openapi.json");
    let generated = api::openapi::openapi_json().expect("spec renders");
    if std::env::var_os("UPDATE_SPEC").is_some() {
        std::fs::write(&path, &generated).expect("spec written");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).ok();
    assert!(
        parse(&generated) == parse(&checked_in) && parse(&generated).is_some(),
        "api-spec/openapi.json differs from the code. Regenerate it with \
         `cargo run -q -p server --bin csportal -- openapi > api-spec/openapi.json` \
         (or UPDATE_SPEC=1 cargo test -p api --test api) and review the diff."
    );
}

/// Every `#/components/schemas/...` reference in `value`.
fn schema_refs(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(target)) = map.get("$ref") {
                found.push(target.clone());
            }
            map.values().for_each(|v| schema_refs(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| schema_refs(v, found)),
        _ => {}
    }
}

fn spec() -> serde_json::Value {
    serde_json::from_str(&api::openapi::openapi_json().expect("spec renders")).expect("spec parses")
}

#[test]
fn every_schema_reference_in_the_spec_resolves() {
    let spec = spec();
    let mut refs = Vec::new();
    schema_refs(&spec, &mut refs);
    let schemas = &spec["components"]["schemas"];
    let missing: Vec<&String> = refs
        .iter()
        .filter(|r| {
            r.strip_prefix("#/components/schemas/")
                .is_none_or(|name| schemas.get(name).is_none())
        })
        .collect();
    assert!(missing.is_empty(), "unresolved references: {missing:?}");
}

#[test]
fn every_operation_is_described_tagged_and_says_who_may_call_it() {
    let spec = spec();
    let paths = spec["paths"].as_object().expect("paths");
    let tags: Vec<&str> = spec["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|tag| tag["name"].as_str())
        .collect();
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("path item") {
            let name = format!("{method} {path}");
            let description = operation["description"].as_str().unwrap_or_default();
            assert!(!description.is_empty(), "{name} has no description");
            let tag = operation["tags"][0].as_str().unwrap_or_default();
            assert!(tags.contains(&tag), "{name} has no tag of the document");
            // Secured by the document's default unless it says otherwise.
            let security = operation
                .get("security")
                .unwrap_or(&spec["security"])
                .as_array()
                .expect("security listed");
            let responses = operation["responses"].as_object().expect("responses");
            if security.is_empty() {
                continue; // public
            }
            assert!(
                responses.contains_key("401"),
                "{name} is secured but documents no 401"
            );
        }
    }
}

#[tokio::test]
async fn the_served_spec_is_the_checked_in_one() {
    let app = test_support::TestApp::spawn().await.unwrap();
    let served: serde_json::Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        served,
        spec(),
        "/api/openapi.json differs from the generated spec"
    );
}
