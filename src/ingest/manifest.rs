//! Extractor: manifest (to be written).

/// The `--metadata` manifest: rows keyed by address relative to the manifest's folder.
#[derive(Debug, Clone, Default)]
pub struct Manifest;
