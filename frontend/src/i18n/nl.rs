use super::Texts;

pub static NL: Texts = Texts {
    lang_tag: "nl",
    product_name: "Customer Services Portal",
    skip_to_main: "Direct naar de inhoud",
    main_navigation: "Hoofdnavigatie",
    nav_home: "Start",
    nav_api_docs: "API-documentatie",
    signed_in_as: "Ingelogd als",
    log_out: "Uitloggen",
    checking_session: "Uw sessie wordt gecontroleerd…",

    login_title: "Inloggen",
    login_intro: "Log in met de gebruikersnaam en het wachtwoord die u van uw portaalbeheerder hebt gekregen.",
    username_label: "Gebruikersnaam",
    password_label: "Wachtwoord",
    required_marker: "(verplicht)",
    login_button: "Inloggen",
    login_busy: "Bezig met inloggen…",
    login_missing_fields: "Vul uw gebruikersnaam en wachtwoord in.",

    home_title: "Start",
    welcome: "Welkom",
    accounts_heading: "Uw accounts",
    accounts_loading: "Uw accounts worden geladen…",
    accounts_empty: "Er zijn nog geen accounts aan u toegekend. Vraag uw portaalbeheerder de ziekenhuizen en afdelingen toe te kennen waarvoor u werkt.",
    accounts_hint: "De ziekenhuizen, locaties en afdelingen waarvan u de apparatuur kunt zien.",

    kind_hospital_group: "Ziekenhuisgroep",
    kind_hospital: "Ziekenhuis",
    kind_site: "Locatie",
    kind_department: "Afdeling",
    kind_leasing_company: "Leasemaatschappij",
    kind_trust: "Trust",
    kind_service_organisation: "Serviceorganisatie",

    not_found_title: "Pagina niet gevonden",
    not_found_text: "Deze pagina bestaat niet of is verplaatst.",
    not_found_link: "Naar de startpagina",

    error_invalid_credentials: "De gebruikersnaam of het wachtwoord is onjuist.",
    error_network: "De portal is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.",
    error_too_many_requests: "Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.",
    error_session_expired: "Uw sessie is beëindigd. Log opnieuw in.",
    error_service_unavailable: "De portal is tijdelijk niet beschikbaar. Probeer het over een paar minuten opnieuw.",
    error_generic: "Er is iets misgegaan. Probeer het opnieuw; blijft het probleem bestaan, neem dan contact op met support.",
    error_reference: "Referentie",
};
