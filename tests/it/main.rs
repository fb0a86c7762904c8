//! Integration tests (sole binary).
mod search;
