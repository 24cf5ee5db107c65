//! The calendar of planned service events: the page of the month, week or
//! list (`/calendar`) and the page of one event (`/calendar/{id}`).

mod board;
pub mod calendar_page;
mod event_list;
pub mod event_page;
mod feed_dialog;
mod filters;
mod month_view;
pub mod period;
mod week_view;
