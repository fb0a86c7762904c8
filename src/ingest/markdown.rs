//! Extractor: markdown (to be written).
