//! Words only the calendar pages use (planned service events and the
//! calendar feed). They load with those pages, in the installed base's
//! part (routes.rs), not in every first download (see
//! [`LazyTexts`](super::LazyTexts)).

use api_types::{CustomerResponseDto, EventStatusDto, EventTypeDto, VisitTypeDto};

lazy_texts! {
    pub struct CalendarTexts, pub static CALENDAR_TEXTS;
    en {
        calendar_heading: "Planned service events",
        calendar_intro: "Visits and other service work planned on your installed products. Open an event for its details, to answer a proposed time, or to add it to your own calendar.",
        modes_label: "Show the events as",
        mode_month: "Month",
        mode_week: "Week",
        mode_list: "List",
        period_nav_label: "Period",
        previous_month: "Previous month",
        next_month: "Next month",
        previous_week: "Previous week",
        next_week: "Next week",
        previous_days: "Previous 90 days",
        next_days: "Next 90 days",
        today: "Today",
        week_heading: "Week {n}: {from} – {to}",
        list_heading: "{from} to {to}",
        times_in_zone: "Times are in your time zone, {zone}.",
        month_1: "January",
        month_2: "February",
        month_3: "March",
        month_4: "April",
        month_5: "May",
        month_6: "June",
        month_7: "July",
        month_8: "August",
        month_9: "September",
        month_10: "October",
        month_11: "November",
        month_12: "December",
        mon: "Mon",
        tue: "Tue",
        wed: "Wed",
        thu: "Thu",
        fri: "Fri",
        sat: "Sat",
        sun: "Sun",
        monday: "Monday",
        tuesday: "Tuesday",
        wednesday: "Wednesday",
        thursday: "Thursday",
        friday: "Friday",
        saturday: "Saturday",
        sunday: "Sunday",
        legend_heading: "Event types",
        type_corrective: "Corrective maintenance",
        type_preventive: "Preventive maintenance",
        type_fco: "Field change order",
        type_installation: "Installation",
        type_application: "Application support",
        type_information: "Customer information",
        type_upgrade: "Contractual upgrade",
        short_corrective: "Repair",
        short_preventive: "Preventive",
        short_fco: "FCO",
        short_installation: "Install",
        short_application: "Applications",
        short_information: "Information",
        short_upgrade: "Upgrade",
        status_tentative: "Tentative",
        status_confirmed: "Confirmed",
        status_done: "Done",
        status_cancelled: "Cancelled",
        visit_onsite: "Onsite",
        visit_remote: "Remote",
        visit_bench_repair: "Bench repair",
        visit_parts_only: "Parts only",
        visit_sub_contractor: "Sub-contractor service",
        filters_label: "Filter the events",
        apply_filters: "Show events",
        filter_type: "Event type",
        any_type: "All types",
        any_status: "All statuses",
        any_location: "All locations",
        filter_product: "Installed product",
        any_product: "All products",
        chosen_location: "The chosen location",
        chosen_product: "The chosen product",
        events_loading: "Loading the events…",
        events_total_one: "1 event",
        events_total: "{n} events",
        events_none: "No service events are planned in this period. Try the next period, or the list of the coming 90 days.",
        events_empty: "No events in this period match these filters. Clear the filters or choose another period.",
        events_cut_off: "Only the first {n} events of this period are shown. Narrow the filters to see the others.",
        day_empty: "No events",
        col_when: "Date and time ({zone})",
        col_type: "Type",
        col_product: "Installed product",
        col_engineer: "Engineer",
        engineer_unknown: "Not assigned yet",
        span_from: "from {time}",
        span_until: "until {time}",
        all_day: "all day",
        event_loading: "Loading the event…",
        event_not_found: "This event does not exist, or it is not visible to you.",
        back_to_calendar: "Back to the calendar",
        label_when: "When",
        label_service_type: "Service type",
        label_case: "Case",
        no_case: "No case is linked.",
        label_response: "Your answer",
        response_accepted: "Accepted",
        response_declined: "Declined: waiting for a new time",
        response_none: "Not answered",
        download_ics: "Add to my calendar (.ics)",
        downloading: "Downloading…",
        answer_heading: "Answer the proposed time",
        answer_intro: "This visit is tentative. Accept the time, or decline it and say in the note which time suits better.",
        note_label: "Note",
        note_help: "Optional, up to 2,000 characters: why, or a time that suits better.",
        accept: "Accept this time",
        decline: "Decline this time",
        answered_accepted: "You accepted the visit: it is confirmed now.",
        answered_declined: "You declined this time: the service organisation will propose another.",
        subscribe: "Subscribe in your calendar",
        feed_heading: "Subscribe in your calendar",
        feed_intro: "Add this link to your calendar program (Outlook, Google Calendar, Apple Calendar) as a subscribed calendar: your planned service events appear there and stay up to date.",
        feed_private: "The link is private: anyone who has it can read your planned events, so do not share it.",
        feed_loading: "Loading your calendar link…",
        feed_none: "You have no calendar link yet.",
        feed_url_label: "Your calendar link",
        feed_url_hidden: "The link is shown only once, when it is made. If you no longer have it, replace it: the old one then stops working.",
        feed_created_at: "Made on {date}",
        copy_link: "Copy link",
        link_copied: "The link is copied.",
        link_copy_failed: "This browser does not allow copying from here. The link is selected: copy it yourself.",
        qr_alt: "QR code of your calendar link",
        qr_hint: "On a phone, scan this code to subscribe.",
        create_link: "Create link",
        creating_link: "Creating the link…",
        replace_link: "Replace link",
        replace_confirm: "Replace the link? The old link stops working at once, and calendars subscribed to it no longer update.",
        replacing_link: "Replacing the link…",
        stop_feed: "Stop the feed",
        stop_confirm: "Stop the feed? The link stops working, and calendars subscribed to it no longer update.",
        stopping_feed: "Stopping the feed…",
        feed_created: "Your calendar link is ready.",
        feed_replaced: "A new link is ready. The old one no longer works.",
        feed_stopped: "The feed is stopped: the link no longer works.",
        close: "Close",
    }
    nl {
        calendar_heading: "Geplande servicebezoeken",
        calendar_intro: "Bezoeken en ander servicewerk dat gepland is op uw geïnstalleerde producten. Open een bezoek voor de details, om op een voorgestelde tijd te antwoorden, of om het aan uw eigen agenda toe te voegen.",
        modes_label: "Toon de bezoeken als",
        mode_month: "Maand",
        mode_week: "Week",
        mode_list: "Lijst",
        period_nav_label: "Periode",
        previous_month: "Vorige maand",
        next_month: "Volgende maand",
        previous_week: "Vorige week",
        next_week: "Volgende week",
        previous_days: "Vorige 90 dagen",
        next_days: "Volgende 90 dagen",
        today: "Vandaag",
        week_heading: "Week {n}: {from} – {to}",
        list_heading: "{from} tot en met {to}",
        times_in_zone: "Tijden staan in uw tijdzone, {zone}.",
        month_1: "januari",
        month_2: "februari",
        month_3: "maart",
        month_4: "april",
        month_5: "mei",
        month_6: "juni",
        month_7: "juli",
        month_8: "augustus",
        month_9: "september",
        month_10: "oktober",
        month_11: "november",
        month_12: "december",
        mon: "ma",
        tue: "di",
        wed: "wo",
        thu: "do",
        fri: "vr",
        sat: "za",
        sun: "zo",
        monday: "maandag",
        tuesday: "dinsdag",
        wednesday: "woensdag",
        thursday: "donderdag",
        friday: "vrijdag",
        saturday: "zaterdag",
        sunday: "zondag",
        legend_heading: "Soorten bezoek",
        type_corrective: "Correctief onderhoud",
        type_preventive: "Preventief onderhoud",
        type_fco: "Field change order",
        type_installation: "Installatie",
        type_application: "Applicatieondersteuning",
        type_information: "Klantinformatie",
        type_upgrade: "Contractuele upgrade",
        short_corrective: "Reparatie",
        short_preventive: "Preventief",
        short_fco: "FCO",
        short_installation: "Installatie",
        short_application: "Applicaties",
        short_information: "Informatie",
        short_upgrade: "Upgrade",
        status_tentative: "Voorlopig",
        status_confirmed: "Bevestigd",
        status_done: "Uitgevoerd",
        status_cancelled: "Geannuleerd",
        visit_onsite: "Op locatie",
        visit_remote: "Op afstand",
        visit_bench_repair: "Reparatie in de werkplaats",
        visit_parts_only: "Alleen onderdelen",
        visit_sub_contractor: "Service door een onderaannemer",
        filters_label: "Bezoeken filteren",
        apply_filters: "Bezoeken tonen",
        filter_type: "Soort bezoek",
        any_type: "Alle soorten",
        any_status: "Alle statussen",
        any_location: "Alle locaties",
        filter_product: "Geïnstalleerd product",
        any_product: "Alle producten",
        chosen_location: "De gekozen locatie",
        chosen_product: "Het gekozen product",
        events_loading: "De bezoeken worden geladen…",
        events_total_one: "1 bezoek",
        events_total: "{n} bezoeken",
        events_none: "Er zijn in deze periode geen servicebezoeken gepland. Probeer de volgende periode, of de lijst van de komende 90 dagen.",
        events_empty: "Geen bezoeken in deze periode passen bij deze filters. Wis de filters of kies een andere periode.",
        events_cut_off: "Alleen de eerste {n} bezoeken van deze periode worden getoond. Verfijn de filters om de andere te zien.",
        day_empty: "Geen bezoeken",
        col_when: "Datum en tijd ({zone})",
        col_type: "Soort",
        col_product: "Geïnstalleerd product",
        col_engineer: "Servicetechnicus",
        engineer_unknown: "Nog niet toegewezen",
        span_from: "vanaf {time}",
        span_until: "tot {time}",
        all_day: "hele dag",
        event_loading: "Het bezoek wordt geladen…",
        event_not_found: "Dit bezoek bestaat niet, of het is voor u niet zichtbaar.",
        back_to_calendar: "Terug naar de agenda",
        label_when: "Wanneer",
        label_service_type: "Soort service",
        label_case: "Case",
        no_case: "Er is geen case gekoppeld.",
        label_response: "Uw antwoord",
        response_accepted: "Geaccepteerd",
        response_declined: "Afgewezen: wacht op een nieuwe tijd",
        response_none: "Niet beantwoord",
        download_ics: "Toevoegen aan mijn agenda (.ics)",
        downloading: "Bezig met downloaden…",
        answer_heading: "Antwoord op de voorgestelde tijd",
        answer_intro: "Dit bezoek is voorlopig. Accepteer de tijd, of wijs hem af en zet in de opmerking welke tijd beter past.",
        note_label: "Opmerking",
        note_help: "Optioneel, tot 2.000 tekens: waarom, of een tijd die beter past.",
        accept: "Deze tijd accepteren",
        decline: "Deze tijd afwijzen",
        answered_accepted: "U hebt het bezoek geaccepteerd: het is nu bevestigd.",
        answered_declined: "U hebt deze tijd afgewezen: de serviceorganisatie stelt een andere voor.",
        subscribe: "Abonneren in uw agenda",
        feed_heading: "Abonneren in uw agenda",
        feed_intro: "Voeg deze link in uw agendaprogramma (Outlook, Google Agenda, Apple Agenda) toe als geabonneerde agenda: uw geplande servicebezoeken verschijnen daar en blijven bijgewerkt.",
        feed_private: "De link is privé: iedereen die hem heeft, kan uw geplande bezoeken lezen, dus deel hem niet.",
        feed_loading: "Uw agendalink wordt geladen…",
        feed_none: "U hebt nog geen agendalink.",
        feed_url_label: "Uw agendalink",
        feed_url_hidden: "De link wordt maar één keer getoond, wanneer hij wordt gemaakt. Hebt u hem niet meer, vervang hem dan: de oude werkt daarna niet meer.",
        feed_created_at: "Gemaakt op {date}",
        copy_link: "Link kopiëren",
        link_copied: "De link is gekopieerd.",
        link_copy_failed: "Deze browser staat kopiëren hier niet toe. De link is geselecteerd: kopieer hem zelf.",
        qr_alt: "QR-code van uw agendalink",
        qr_hint: "Scan deze code op een telefoon om te abonneren.",
        create_link: "Link maken",
        creating_link: "De link wordt gemaakt…",
        replace_link: "Link vervangen",
        replace_confirm: "De link vervangen? De oude link werkt dan meteen niet meer, en agenda's die erop geabonneerd zijn, worden niet meer bijgewerkt.",
        replacing_link: "De link wordt vervangen…",
        stop_feed: "Feed stoppen",
        stop_confirm: "De feed stoppen? De link werkt dan niet meer, en agenda's die erop geabonneerd zijn, worden niet meer bijgewerkt.",
        stopping_feed: "De feed wordt gestopt…",
        feed_created: "Uw agendalink is klaar.",
        feed_replaced: "Een nieuwe link is klaar. De oude werkt niet meer.",
        feed_stopped: "De feed is gestopt: de link werkt niet meer.",
        close: "Sluiten",
    }
}

/// Every event type, in the legend's and the filter's order.
pub const EVENT_TYPES: [EventTypeDto; 7] = [
    EventTypeDto::CorrectiveMaintenance,
    EventTypeDto::PreventiveMaintenance,
    EventTypeDto::FieldChangeOrder,
    EventTypeDto::Installation,
    EventTypeDto::ApplicationSupport,
    EventTypeDto::CustomerInformation,
    EventTypeDto::ContractualUpgrade,
];

pub const EVENT_STATUSES: [EventStatusDto; 4] = [
    EventStatusDto::Tentative,
    EventStatusDto::Confirmed,
    EventStatusDto::Done,
    EventStatusDto::Cancelled,
];

impl CalendarTexts {
    /// The type's full name ("Preventive maintenance").
    pub fn type_name(&self, kind: EventTypeDto) -> &'static str {
        self.type_names(kind).0
    }

    /// The type's label on an event chip ("Preventive"), which the legend
    /// explains.
    pub fn type_short(&self, kind: EventTypeDto) -> &'static str {
        self.type_names(kind).1
    }

    fn type_names(&self, kind: EventTypeDto) -> (&'static str, &'static str) {
        match kind {
            EventTypeDto::CorrectiveMaintenance => (self.type_corrective, self.short_corrective),
            EventTypeDto::PreventiveMaintenance => (self.type_preventive, self.short_preventive),
            EventTypeDto::FieldChangeOrder => (self.type_fco, self.short_fco),
            EventTypeDto::Installation => (self.type_installation, self.short_installation),
            EventTypeDto::ApplicationSupport => (self.type_application, self.short_application),
            EventTypeDto::CustomerInformation => (self.type_information, self.short_information),
            EventTypeDto::ContractualUpgrade => (self.type_upgrade, self.short_upgrade),
        }
    }

    pub fn status_name(&self, status: EventStatusDto) -> &'static str {
        match status {
            EventStatusDto::Tentative => self.status_tentative,
            EventStatusDto::Confirmed => self.status_confirmed,
            EventStatusDto::Done => self.status_done,
            EventStatusDto::Cancelled => self.status_cancelled,
        }
    }

    pub fn visit_name(&self, visit: VisitTypeDto) -> &'static str {
        match visit {
            VisitTypeDto::Onsite => self.visit_onsite,
            VisitTypeDto::Remote => self.visit_remote,
            VisitTypeDto::BenchRepair => self.visit_bench_repair,
            VisitTypeDto::PartsOnly => self.visit_parts_only,
            VisitTypeDto::SubContractor => self.visit_sub_contractor,
        }
    }

    pub fn response_name(&self, response: Option<CustomerResponseDto>) -> &'static str {
        match response {
            Some(CustomerResponseDto::Accepted) => self.response_accepted,
            Some(CustomerResponseDto::Declined) => self.response_declined,
            None => self.response_none,
        }
    }

    /// The name of month `month` (1 to 12).
    pub fn month_name(&self, month: u32) -> &'static str {
        let names = [
            self.month_1,
            self.month_2,
            self.month_3,
            self.month_4,
            self.month_5,
            self.month_6,
            self.month_7,
            self.month_8,
            self.month_9,
            self.month_10,
            self.month_11,
            self.month_12,
        ];
        names[(month.clamp(1, 12) - 1) as usize]
    }

    /// The short and the full name of a weekday, Monday first (0 to 6).
    pub fn weekday_names(&self, from_monday: u32) -> (&'static str, &'static str) {
        let names = [
            (self.mon, self.monday),
            (self.tue, self.tuesday),
            (self.wed, self.wednesday),
            (self.thu, self.thursday),
            (self.fri, self.friday),
            (self.sat, self.saturday),
            (self.sun, self.sunday),
        ];
        names[from_monday.min(6) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn every_type_and_status_has_distinct_words_in_both_languages() {
        for lang in Language::ALL {
            let c = CALENDAR_TEXTS.of(texts(lang));
            for names in [
                EVENT_TYPES.map(|k| c.type_name(k)).to_vec(),
                EVENT_TYPES.map(|k| c.type_short(k)).to_vec(),
                EVENT_STATUSES.map(|s| c.status_name(s)).to_vec(),
                (1..=12).map(|m| c.month_name(m)).collect(),
                (0..7).map(|d| c.weekday_names(d).1).collect(),
            ] {
                for (i, name) in names.iter().enumerate() {
                    assert!(!name.is_empty());
                    assert!(!names[i + 1..].contains(name), "{name}");
                }
            }
            for (template, name) in [
                (c.events_total, "n"),
                (c.events_cut_off, "n"),
                (c.week_heading, "from"),
                (c.list_heading, "to"),
                (c.col_when, "zone"),
                (c.times_in_zone, "zone"),
                (c.span_from, "time"),
                (c.span_until, "time"),
                (c.feed_created_at, "date"),
            ] {
                assert!(template.contains(&format!("{{{name}}}")), "{template}");
            }
        }
        let nl = CALENDAR_TEXTS.of(texts(Language::Nl));
        assert_eq!(nl.month_name(3), "maart");
        assert_eq!(nl.weekday_names(6), ("zo", "zondag"));
    }
}
