//! Review pipeline (to be written).
