//! Integration tests (sole binary).

mod calendar;
mod corpus;
mod search;
