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
