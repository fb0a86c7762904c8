//! Integration tests (sole binary).

mod calendar;
mod search;
