//! Integration tests (sole binary).

mod calendar;
mod hostile;
mod search;
