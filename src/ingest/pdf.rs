//! Extractor: pdf (to be written).
