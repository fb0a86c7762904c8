//! Extractor: social (to be written).
