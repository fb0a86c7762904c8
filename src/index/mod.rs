//! Archive index: a tantivy index of reviewed documents, for legal's search of past
//! communications (`regfd review --index`, `regfd search`).
//!
//! * [`schema`] owns the tantivy schema and its version, stored beside the index in
//!   `regfd-index.json`; an index written by an incompatible regfd is refused with a clear
//!   [`Error::Index`](crate::Error::Index) instead of failing deep inside tantivy.
//! * [`writer`] owns [`ArchiveIndex`]: it takes [`IndexRecord`]s from the review pipeline and
//!   upserts them by `path` (re-reviewing a file replaces its document, never duplicates it).
//! * [`search`](mod@search) owns [`search()`](search::search): tantivy query syntax over title and body,
//!   combined with category, kind, author and New York date filters, with highlighted snippets.
//!
//! Input: [`IndexRecord`]s (already reviewed: the categories and rule ids found are given, this
//! module detects nothing). Output: the on-disk index and [`SearchResults`]. Reports are left to
//! [`crate::report`]; printing to [`crate::cli`].

pub mod schema;
pub mod search;
pub mod writer;

#[cfg(test)]
mod tests_archive;

use chrono::{DateTime, FixedOffset};

pub use search::{SearchHit, SearchQuery, SearchResults, search};
pub use writer::ArchiveIndex;

/// One reviewed document as indexed.
///
/// Strings are stored as given, except `kind` (normalized to the contract spelling by
/// [`DocKind::parse`](crate::document::DocKind::parse)) and `categories` (see
/// [`normalize_category`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexRecord {
    /// Input path as given (CONTRACT.md `path`; `file.json#<id>` for one post of an export).
    /// The unique key of the index.
    pub path: String,
    /// `press_release` | `script` | `social_post` | `other`.
    pub kind: String,
    /// Issuer name.
    pub company: Option<String>,
    /// Person or account, with title where known ("Alicia Moreau, Chief Financial Officer").
    pub author: Option<String>,
    /// Social account handle.
    pub handle: Option<String>,
    /// How it reached people (newswire, 8-K, webcast, one-on-one meeting, X, …).
    pub channel: Option<String>,
    /// Who received it (public, analysts, investors, …).
    pub audience: Option<String>,
    /// When it was (or will be) disclosed; indexed as a UTC instant (second precision).
    pub disclosed_at: Option<DateTime<FixedOffset>>,
    /// MNPI categories and rule ids found (`"earnings"`, `"regg.missing_reconciliation"`).
    pub categories: Vec<String>,
    /// Document title, if any.
    pub title: Option<String>,
    /// Full extracted text (searched, and stored for snippets).
    pub text: String,
    /// Hash of the source bytes, as computed by the review pipeline.
    pub content_hash: String,
}

/// Normalizes a category or rule id for indexing and filtering: trimmed, ASCII-lowercased,
/// and an MNPI rule id reduced to its category (`"mnpi.cybersecurity"` → `"cybersecurity"`),
/// so `--category cybersecurity` and `--category mnpi.cybersecurity` select the same documents.
/// Other rule ids (`"regg.missing_reconciliation"`) are kept whole.
#[must_use]
pub fn normalize_category(category: &str) -> String {
    let lower = category.trim().to_ascii_lowercase();
    match lower.strip_prefix("mnpi.") {
        Some(rest) => rest.to_owned(),
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_category;

    #[test]
    fn mnpi_rule_ids_reduce_to_their_category() {
        assert_eq!(normalize_category("mnpi.cybersecurity"), "cybersecurity");
        assert_eq!(normalize_category(" Cybersecurity "), "cybersecurity");
        assert_eq!(
            normalize_category("regg.missing_reconciliation"),
            "regg.missing_reconciliation"
        );
    }
}
