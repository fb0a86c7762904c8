//! Integration tests (sole binary).
mod calendar;
