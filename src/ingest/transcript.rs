//! Extractor: transcript (to be written).
