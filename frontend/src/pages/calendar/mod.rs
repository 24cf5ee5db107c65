//! The calendar of planned service events: the page of the month, week or
//! list (`/calendar`), the page of one event (`/calendar/{id}`), and for
//! the service side the form that plans a visit (`/calendar/new`) and the
//! event page's reschedule and cancel.

mod board;
pub mod calendar_page;
mod event_list;
pub mod event_page;
mod feed_dialog;
mod filters;
mod month_view;
pub mod new_visit_page;
pub mod period;
mod plan_actions;
mod visit_form;
mod week_view;
