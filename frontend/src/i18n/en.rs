use super::Texts;

pub static EN: Texts = Texts {
    lang_tag: "en",
    product_name: "Customer Services Portal",
    skip_to_main: "Skip to main content",
    main_navigation: "Main navigation",
    nav_home: "Home",
    nav_api_docs: "API documentation",
    signed_in_as: "Signed in as",
    log_out: "Log out",
    checking_session: "Checking your session…",

    login_title: "Log in",
    login_intro: "Log in with the user name and password your portal manager gave you.",
    username_label: "User name",
    password_label: "Password",
    required_marker: "(required)",
    login_button: "Log in",
    login_busy: "Logging in…",
    login_missing_fields: "Enter your user name and password.",

    home_title: "Home",
    welcome: "Welcome",
    accounts_heading: "Your accounts",
    accounts_loading: "Loading your accounts…",
    accounts_empty: "No accounts are assigned to you yet. Ask your portal manager to assign the hospitals and departments you work for.",
    accounts_hint: "The hospitals, sites and departments whose equipment you can see.",

    kind_hospital_group: "Hospital group",
    kind_hospital: "Hospital",
    kind_site: "Site",
    kind_department: "Department",
    kind_leasing_company: "Leasing company",
    kind_trust: "Trust",
    kind_service_organisation: "Service organisation",

    not_found_title: "Page not found",
    not_found_text: "This page does not exist or has moved.",
    not_found_link: "Go to the home page",

    error_invalid_credentials: "The user name or password is wrong.",
    error_network: "The portal cannot be reached. Check your connection and try again.",
    error_too_many_requests: "Too many attempts. Wait a few minutes and try again.",
    error_session_expired: "Your session has ended. Log in again.",
    error_service_unavailable: "The portal is temporarily unavailable. Try again in a few minutes.",
    error_generic: "Something went wrong. Try again; if it keeps happening, contact support.",
    error_reference: "Reference",
};
