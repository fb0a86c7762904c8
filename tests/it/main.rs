//! Integration tests (sole binary).
