//! The archive index's tantivy schema and its version marker (`regfd-index.json`).
//!
//! Fields (tokenizers are tantivy's built-ins):
//!
//! | field | type | why |
//! |---|---|---|
//! | `path` | raw string, stored | the unique key: upserts delete by it |
//! | `kind` | raw string, stored, fast | exact `--kind` filter |
//! | `company`, `channel`, `audience` | text (`default`), stored | searchable as `company:acme` |
//! | `author`, `handle` | text (`default`), stored | `--author alicia` matches "Alicia Moreau, CFO" by token |
//! | `disclosed_at` | date (UTC, seconds), indexed, fast, stored | `--from`/`--to` range |
//! | `categories` | raw string, multi-valued, stored | `--category`; values are [`normalize_category`](super::normalize_category)d |
//! | `title` | text (`default`, positions), stored | searched by default |
//! | `body` | text (`default`, positions), stored | searched by default; unstemmed so phrases are exact; snippets |
//! | `body_stem` | text (`en_stem`, positions), not stored | bare words also match inflections ("acquisitions" ~ "acquisition") |
//! | `content_hash` | raw string, stored | lets callers skip unchanged files |
//!
//! Any change to this table must bump [`SCHEMA_VERSION`]: an index on disk with another
//! version is refused (the user rebuilds it by re-running `regfd review --index`).

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema, TEXT,
    TextFieldIndexing, TextOptions,
};

use crate::{Error, Result};

/// Version of the schema below; stored in `regfd-index.json` inside the index directory.
pub const SCHEMA_VERSION: u32 = 1;

/// File name of the version marker, inside the index directory beside tantivy's `meta.json`.
pub const VERSION_FILE: &str = "regfd-index.json";

/// Name of tantivy's stemming English tokenizer (registered by default with the `stemmer`
/// feature): simple tokenizer, drop tokens over 40 bytes, lowercase, Snowball English.
pub const STEM_TOKENIZER: &str = "en_stem";

/// Contents of `regfd-index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionMarker {
    /// [`SCHEMA_VERSION`] of the regfd that created the index.
    pub schema_version: u32,
    /// `regfd <version>` that created the index (informational).
    pub created_by: String,
}

/// Handles of every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Unique key (raw string).
    pub path: Field,
    /// Contract kind (raw string, fast).
    pub kind: Field,
    /// Issuer (text).
    pub company: Field,
    /// Author with title (text).
    pub author: Field,
    /// Social handle (text).
    pub handle: Field,
    /// Channel (text).
    pub channel: Field,
    /// Audience (text).
    pub audience: Field,
    /// Disclosure instant (date, UTC, seconds).
    pub disclosed_at: Field,
    /// Normalized categories and rule ids (raw strings, multi-valued).
    pub categories: Field,
    /// Title (text with positions).
    pub title: Field,
    /// Body, unstemmed (text with positions, stored).
    pub body: Field,
    /// Body, stemmed (text with positions, not stored).
    pub body_stem: Field,
    /// Content hash (raw string).
    pub content_hash: Field,
}

/// Builds the schema of [`SCHEMA_VERSION`] and its field handles.
#[must_use]
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_stored = TEXT | STORED;
    let stem = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STEM_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let date = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_stored()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        company: b.add_text_field("company", text_stored.clone()),
        author: b.add_text_field("author", text_stored.clone()),
        handle: b.add_text_field("handle", text_stored.clone()),
        channel: b.add_text_field("channel", text_stored.clone()),
        audience: b.add_text_field("audience", text_stored.clone()),
        disclosed_at: b.add_date_field("disclosed_at", date),
        categories: b.add_text_field("categories", STRING | STORED),
        title: b.add_text_field("title", text_stored.clone()),
        body: b.add_text_field("body", text_stored),
        body_stem: b.add_text_field("body_stem", stem),
        content_hash: b.add_text_field("content_hash", STRING | STORED),
    };
    (b.build(), fields)
}

/// Wraps a tantivy error as [`Error::Index`] for `dir`, saying what was attempted.
pub(crate) fn index_error(dir: &Path, action: &str, e: &tantivy::TantivyError) -> Error {
    Error::Index {
        path: dir.to_path_buf(),
        message: format!("{action}: {e}"),
    }
}

/// True if `dir` holds a tantivy index (its `meta.json`).
#[must_use]
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Writes `regfd-index.json` for a new index in `dir`.
pub(crate) fn write_marker(dir: &Path) -> Result<()> {
    let marker = VersionMarker {
        schema_version: SCHEMA_VERSION,
        created_by: format!("regfd {}", env!("CARGO_PKG_VERSION")),
    };
    let path = dir.join(VERSION_FILE);
    let json = serde_json::to_string_pretty(&marker).map_err(|e| Error::Index {
        path: dir.to_path_buf(),
        message: format!("serializing {VERSION_FILE}: {e}"),
    })?;
    std::fs::write(&path, json + "\n").map_err(|e| Error::io("writing", path, e))
}

/// Opens the existing index in `dir` after checking its version marker and schema.
///
/// # Errors
///
/// [`Error::Index`] if `dir` has no index, no or an unreadable `regfd-index.json`, another
/// [`SCHEMA_VERSION`], a schema that differs from [`build`], or tantivy cannot open it.
pub fn open_existing(dir: &Path) -> Result<(Index, Fields)> {
    let fail = |message: String| Error::Index {
        path: dir.to_path_buf(),
        message,
    };
    if !exists(dir) {
        return Err(fail("no tantivy index here (meta.json missing)".to_owned()));
    }
    let marker_path = dir.join(VERSION_FILE);
    let raw = std::fs::read_to_string(&marker_path).map_err(|e| {
        fail(format!(
            "not a regfd index ({VERSION_FILE} unreadable: {e}); delete the directory and re-run \
             `regfd review --index` to rebuild it"
        ))
    })?;
    let marker: VersionMarker = serde_json::from_str(&raw)
        .map_err(|e| fail(format!("{VERSION_FILE} is malformed: {e}")))?;
    if marker.schema_version != SCHEMA_VERSION {
        return Err(fail(format!(
            "index schema version {} (written by {}) is incompatible with this regfd, which uses \
             version {SCHEMA_VERSION}; delete the directory and re-run `regfd review --index` to \
             rebuild it",
            marker.schema_version, marker.created_by
        )));
    }
    let index = Index::open_in_dir(dir).map_err(|e| index_error(dir, "opening", &e))?;
    let (schema, fields) = build();
    if index.schema() != schema {
        return Err(fail(format!(
            "index schema differs from schema version {SCHEMA_VERSION} although \
             {VERSION_FILE} claims it; delete the directory and rebuild it"
        )));
    }
    Ok((index, fields))
}
