//! Extractor: html (to be written).
