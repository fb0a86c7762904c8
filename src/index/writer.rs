//! [`ArchiveIndex`]: the single writer of the archive index.
//!
//! Tantivy allows one writer per index, enforced by an OS lock file that is released when the
//! process exits or is killed; a second regfd process gets a clear [`Error::Index`] at once
//! instead of waiting. A process killed mid-commit leaves the previous commit readable.

use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, TantivyError, Term};

use super::schema::{self, Fields};
use super::{IndexRecord, normalize_category};
use crate::document::DocKind;
use crate::{Error, Result};

/// Indexing threads; the machine regfd targets has 2 cores.
const WRITER_THREADS: usize = 2;
/// Total indexing heap in bytes, split across [`WRITER_THREADS`] (tantivy's minimum is
/// 15 MB per thread); segments are flushed when it fills.
const WRITER_HEAP_BYTES: usize = 50_000_000;

/// The archive index opened for writing; holds tantivy's writer lock until dropped.
pub struct ArchiveIndex {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    writer: IndexWriter<TantivyDocument>,
}

impl std::fmt::Debug for ArchiveIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArchiveIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl ArchiveIndex {
    /// Opens the index in `dir`, creating the directory and an empty index (schema
    /// [`SCHEMA_VERSION`](schema::SCHEMA_VERSION), marker `regfd-index.json`) if none exists,
    /// and takes the writer lock (2 threads, ~50 MB heap).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if the directory cannot be created; [`Error::Index`] if the existing
    /// index has an incompatible schema (see [`schema::open_existing`]), if another process
    /// holds the writer lock ("another regfd process is writing to the index at …"), or if
    /// tantivy fails.
    pub fn open_or_create(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating directory", dir, e))?;
        let (index, fields) = if schema::exists(dir) {
            schema::open_existing(dir)?
        } else {
            let (schema, fields) = schema::build();
            let index = Index::create_in_dir(dir, schema)
                .map_err(|e| schema::index_error(dir, "creating", &e))?;
            schema::write_marker(dir)?;
            (index, fields)
        };
        let writer = index
            .writer_with_num_threads(WRITER_THREADS, WRITER_HEAP_BYTES)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => Error::Index {
                    path: dir.to_path_buf(),
                    message: format!(
                        "another regfd process is writing to the index at {}; wait for it to \
                         finish",
                        dir.display()
                    ),
                },
                other => schema::index_error(dir, "opening writer", &other),
            })?;
        Ok(Self {
            dir: dir.to_path_buf(),
            index,
            fields,
            writer,
        })
    }

    /// The index directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds `records`, replacing any document with the same `path` (also a duplicate earlier
    /// in the same slice: the last one wins), and commits once. Returns the number of
    /// documents written (`records.len()`).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] if a record has an empty `path` or an unknown `kind` (nothing of
    /// the call is committed); [`Error::Index`] if tantivy fails to add or commit.
    pub fn upsert(&mut self, records: &[IndexRecord]) -> Result<usize> {
        // Validate the whole batch first so a bad record commits nothing.
        let docs = records
            .iter()
            .map(|r| self.to_document(r))
            .collect::<Result<Vec<_>>>()?;
        for (record, doc) in records.iter().zip(docs) {
            self.writer
                .delete_term(Term::from_field_text(self.fields.path, &record.path));
            self.writer
                .add_document(doc)
                .map_err(|e| schema::index_error(&self.dir, "adding a document", &e))?;
        }
        self.writer
            .commit()
            .map_err(|e| schema::index_error(&self.dir, "committing", &e))?;
        Ok(records.len())
    }

    /// Number of documents in the last commit (deleted ones excluded).
    ///
    /// # Errors
    ///
    /// [`Error::Index`] if tantivy cannot open a reader.
    pub fn num_docs(&self) -> Result<u64> {
        let reader = self
            .index
            .reader()
            .map_err(|e| schema::index_error(&self.dir, "opening reader", &e))?;
        Ok(reader.searcher().num_docs())
    }

    fn to_document(&self, r: &IndexRecord) -> Result<TantivyDocument> {
        let f = &self.fields;
        if r.path.is_empty() {
            return Err(Error::Invalid("index record with an empty path".to_owned()));
        }
        let kind = DocKind::parse(&r.kind).ok_or_else(|| {
            Error::Invalid(format!(
                "index record {}: unknown kind {:?} (expected press_release, script, \
                 social_post or other)",
                r.path, r.kind
            ))
        })?;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.path, &r.path);
        doc.add_text(f.kind, kind.as_str());
        for (field, value) in [
            (f.company, &r.company),
            (f.author, &r.author),
            (f.handle, &r.handle),
            (f.channel, &r.channel),
            (f.audience, &r.audience),
            (f.title, &r.title),
        ] {
            if let Some(v) = value {
                doc.add_text(field, v);
            }
        }
        if let Some(at) = r.disclosed_at {
            doc.add_date(
                f.disclosed_at,
                DateTime::from_timestamp_secs(at.timestamp()),
            );
        }
        let mut categories: Vec<String> =
            r.categories.iter().map(|c| normalize_category(c)).collect();
        categories.sort();
        categories.dedup();
        for c in categories.iter().filter(|c| !c.is_empty()) {
            doc.add_text(f.categories, c);
        }
        doc.add_text(f.body, &r.text);
        doc.add_text(f.body_stem, &r.text);
        doc.add_text(f.content_hash, &r.content_hash);
        Ok(doc)
    }
}
