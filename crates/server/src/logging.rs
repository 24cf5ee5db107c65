use tracing_subscriber::EnvFilter;

/// JSON lines on stdout (each with the request id of its request span), or text for people.
pub fn init(filter: &str, json: bool) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let result = if json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.try_init()
    };
    if result.is_err() {
        eprintln!("csportal: logging was already set up");
    }
}
