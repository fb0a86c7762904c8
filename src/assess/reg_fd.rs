//! Regulation FD assessment (to be written).
