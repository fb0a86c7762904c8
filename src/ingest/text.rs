//! Extractor: text (to be written).
