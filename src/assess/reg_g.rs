//! Regulation G assessment (to be written).
