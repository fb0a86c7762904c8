//! Segmentation into sentences (to be written).
