//! MNPI detection (to be written).
