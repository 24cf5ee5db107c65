//! Words only the home page use. They load with those pages, not in every
//! first download (see [`LazyTexts`](super::LazyTexts)).

lazy_texts! {
    pub struct HomeTexts, pub static HOME_TEXTS;
    en {
        home_title: "Home",
        welcome: "Welcome",
        accounts_heading: "Your accounts",
        open_calendar: "Planned service visits: open the calendar",
        next_visits_heading: "Next service visits",
        next_visits_empty: "No visits are planned in the next 60 days.",
        accounts_empty: "No accounts are assigned to you yet. Ask your portal manager to assign the hospitals and departments you work for.",
        accounts_hint: "The hospitals, sites and departments whose equipment you can see.",
        accounts_why: "The list can also hold accounts you were not assigned: those that own, house or hold a contract for equipment you can see, such as a leasing company. Of those you see only the name and place.",
        visible_because_label: "Why you see it:",
        glance_heading: "Installed products at a glance",
        glance_loading: "Loading the overview…",
        glance_empty: "No installed products or contracts are visible to you yet. Ask your portal manager to assign the hospitals and departments you work for.",
        by_modality_heading: "By modality",
        by_location_heading: "By location",
        contracts_glance_heading: "Contracts by expiry",
    }
    nl {
        home_title: "Start",
        welcome: "Welkom",
        accounts_heading: "Uw accounts",
        open_calendar: "Geplande servicebezoeken: open de agenda",
        next_visits_heading: "Volgende servicebezoeken",
        next_visits_empty: "Er zijn de komende 60 dagen geen bezoeken gepland.",
        accounts_empty: "Er zijn nog geen accounts aan u toegekend. Vraag uw portaalbeheerder de ziekenhuizen en afdelingen toe te kennen waarvoor u werkt.",
        accounts_hint: "De ziekenhuizen, locaties en afdelingen waarvan u de apparatuur kunt zien.",
        accounts_why: "De lijst kan ook accounts bevatten die niet aan u zijn toegekend: accounts die eigenaar of locatie zijn van apparatuur die u ziet, of er een contract voor hebben, zoals een leasemaatschappij. Daarvan ziet u alleen de naam en plaats.",
        visible_because_label: "Waarom u dit ziet:",
        glance_heading: "Geïnstalleerde producten in één oogopslag",
        glance_loading: "Het overzicht wordt geladen…",
        glance_empty: "U ziet nog geen geïnstalleerde producten of contracten. Vraag uw portaalbeheerder de ziekenhuizen en afdelingen toe te kennen waarvoor u werkt.",
        by_modality_heading: "Per modaliteit",
        by_location_heading: "Per locatie",
        contracts_glance_heading: "Contracten naar einddatum",
    }
}
