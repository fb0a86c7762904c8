//! Ingest: walk the inputs and turn every file into [`Document`]s (or a
//! [`DocumentFailure`]). Owns file walking, size limits, format sniffing, text decoding,
//! metadata resolution and kind inference; leaves everything about meaning to later stages.
//!
//! Input: paths given on the command line. Output: [`IngestOutput`], where every file found
//! appears exactly once, as one or more documents (posts of an export) and/or failures.
//!
//! Dispatch (by extension, then by content):
//!
//! | input | extractor | documents |
//! |---|---|---|
//! | `.md`, `.markdown` | [`markdown`] | one |
//! | `.txt`, `.text`, no extension (if text) | [`text`] | one |
//! | `.html`, `.htm`, `.xhtml` | [`html`] | one |
//! | `.pdf`, or any file starting with `%PDF-` | [`pdf`] | one |
//! | `.docx`, `.docm`, or a zip with `word/document.xml` and no extension | [`docx`] | one |
//! | `.json` with speaker turns | [`transcript`] | one |
//! | `.json` otherwise, `.jsonl`/`.ndjson`, `.csv` | [`social`] | one per post, `file#<id>` |
//!
//! Failures use the stages `walk` (could not list), `read` (vanished, could not open/read,
//! over the size limit, not a regular file), `extract` (parser error, panic, unsupported or
//! binary content, nesting over the depth limit, per-file time limit exceeded).
//!
//! Hostile input never stops a run: every limit in [`IngestOptions`] (input size, expanded
//! size of containers, nesting depth, per-file time) turns the file into a `skipped` or
//! `failed` entry naming the limit; parser panics are caught; each file is extracted on its
//! own worker thread, which a time-out abandons ([`ingest_file`]).
//!
//! Metadata precedence (CONTRACT.md "Document metadata"), lowest first: what the format
//! carries and YAML front matter / HTML `<meta>` (set by the extractors), then the
//! `--metadata` manifest row ([`apply_manifest`]); `kind` is inferred last, only when no source
//! gave one ([`infer_kind`]).

pub mod docx;
pub mod html;
pub mod manifest;
pub mod markdown;
pub mod pdf;
pub mod social;
pub mod text;
pub mod transcript;
mod walk;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

use crate::document::{DocKind, Document, DocumentFailure, FailureStatus, SourceFormat, SourcePos};

/// Limits and switches for ingestion (all sizes in bytes).
///
/// Every limit turns an input into a `skipped` or `failed` entry with a reason naming the
/// limit; none of them stops the run. Defaults: [`DEFAULT_MAX_FILE_BYTES`],
/// [`DEFAULT_MAX_EXPANDED_BYTES`], [`DEFAULT_MAX_NESTING_DEPTH`], [`DEFAULT_PER_FILE_TIMEOUT`].
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files larger than this (on disk, in bytes) are `skipped` with a reason (default 256 MiB).
    pub max_file_bytes: u64,
    /// Largest total uncompressed size, in bytes, a container format (DOCX: a zip) may expand
    /// to before it is refused as a decompression bomb (default 256 MiB). Read by the
    /// container extractors.
    pub max_expanded_bytes: u64,
    /// Deepest element nesting accepted in HTML/XML and array/object nesting in JSON
    /// (default 2,000 levels). Deeper input is `failed` before a parser sees it: parsers and
    /// tree walks cost stack or quadratic time in depth. (`serde_json` also stops on its own
    /// at 128 levels, which surfaces as `invalid JSON: recursion limit exceeded`.)
    pub max_nesting_depth: usize,
    /// Wall-clock limit for reading and extracting one file (default 60 s). A file that takes
    /// longer is `failed` with `extraction exceeded N s`; see [`ingest_file`] for what happens
    /// to the extraction still running.
    pub per_file_timeout: Duration,
    /// Metadata manifest rows keyed by address (see [`manifest`]).
    pub manifest: Option<manifest::Manifest>,
}

/// Default [`IngestOptions::max_file_bytes`]: 256 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Default [`IngestOptions::max_expanded_bytes`]: 256 MiB.
pub const DEFAULT_MAX_EXPANDED_BYTES: u64 = 256 * 1024 * 1024;
/// Default [`IngestOptions::max_nesting_depth`]: 2,000 levels (real filings stay under ~60).
pub const DEFAULT_MAX_NESTING_DEPTH: usize = 2_000;
/// Default [`IngestOptions::per_file_timeout`]: 60 seconds.
pub const DEFAULT_PER_FILE_TIMEOUT: Duration = Duration::from_secs(60);

/// Stack of an extraction worker thread (bytes). Generous so that a third-party parser that
/// recurses on nesting we do not pre-check (PDF objects, Markdown containers) has room: a
/// stack overflow aborts the whole process and cannot be caught like a panic.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_expanded_bytes: DEFAULT_MAX_EXPANDED_BYTES,
            max_nesting_depth: DEFAULT_MAX_NESTING_DEPTH,
            per_file_timeout: DEFAULT_PER_FILE_TIMEOUT,
            manifest: None,
        }
    }
}

impl IngestOptions {
    /// The limits alone (no manifest): what an extraction worker thread needs, cheap to clone.
    fn limits(&self) -> Self {
        Self {
            max_file_bytes: self.max_file_bytes,
            max_expanded_bytes: self.max_expanded_bytes,
            max_nesting_depth: self.max_nesting_depth,
            per_file_timeout: self.per_file_timeout,
            manifest: None,
        }
    }
}

/// Everything ingestion produced.
#[derive(Debug, Default)]
pub struct IngestOutput {
    /// Reviewable documents, in a deterministic order (sorted by path, then post order).
    pub documents: Vec<Document>,
    /// Inputs not reviewed, with reasons (sorted by path, then post order).
    pub failures: Vec<DocumentFailure>,
    /// Number of entries found by the walk: files, plus entries the walk could not read
    /// (each of those is one `walk` failure). Every file is in `documents` and/or `failures`.
    pub files_found: usize,
    /// Files (walk entries) with at least one reviewable document. An export with N posts or
    /// an EDGAR submission with N parts counts once here and N times in `documents`.
    pub files_reviewed: usize,
    /// Files with no document and at least one `failed` entry.
    pub files_failed: usize,
    /// Files with no document and only `skipped` entries.
    ///
    /// `files_found == files_reviewed + files_skipped + files_failed` always holds. A file
    /// counted as reviewed may still have `failed` entries for some of its posts (a bad JSON
    /// line); those are in `failures` and make the run exit 2 all the same.
    pub files_skipped: usize,
}

/// How many bytes at the start of a text-format file are checked for NUL bytes
/// (a NUL there means the file is binary whatever its extension says).
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Walks `paths` (files and folders, recursively, `.gitignore`-aware, hidden entries
/// skipped, explicit file arguments always taken) and extracts every file in parallel.
///
/// Displayed paths are the argument as given joined with the path below it
/// (`../corpus` + `pdf/x.pdf` → `../corpus/pdf/x.pdf`). A file reached twice under the same
/// displayed path is ingested once. Never fails as a whole: unreadable entries, symlink loops
/// and missing arguments become `walk` failures.
#[must_use]
pub fn ingest_paths(paths: &[PathBuf], opts: &IngestOptions) -> IngestOutput {
    let walked = walk::walk(paths);
    let files_found = walked.files.len() + walked.failures.len();
    let mut per_file: Vec<(String, Vec<Result<Document, DocumentFailure>>)> = walked
        .files
        .par_iter()
        .map(|f| (f.display.clone(), ingest_file(&f.path, &f.display, opts)))
        .collect();
    per_file.extend(
        walked
            .failures
            .into_iter()
            .map(|f| (f.path.clone(), vec![Err(f)])),
    );
    // Stable sort: the per-file vectors keep their post order.
    per_file.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = IngestOutput {
        files_found,
        ..IngestOutput::default()
    };
    for (_, results) in per_file {
        if results.iter().any(Result::is_ok) {
            out.files_reviewed += 1;
        } else if results
            .iter()
            .any(|r| r.as_ref().is_err_and(|f| f.status == FailureStatus::Failed))
        {
            out.files_failed += 1;
        } else {
            out.files_skipped += 1;
        }
        for r in results {
            match r {
                Ok(doc) => out.documents.push(doc),
                Err(f) => out.failures.push(f),
            }
        }
    }
    out
}

/// Extracts one file into documents (several for a social-media export), applies the manifest
/// from `opts` and infers missing kinds. `display` is the address used in reports (the path as
/// given). Never panics: a panicking parser becomes a `failed` entry with the panic message.
///
/// Reading and extraction run on a fresh worker thread (not a rayon thread, with a large
/// stack); the caller waits at most `opts.per_file_timeout`. On time-out the file is `failed`
/// with `extraction exceeded N s` and the worker is detached: it keeps running (and holding
/// its memory) until its extractor returns, but nothing waits for it, so the run still
/// completes, and the process exit ends it. Should the thread not start (resource
/// exhaustion), the extraction runs on the calling thread, unbounded.
///
/// Returns at least one entry: documents and/or failures (`read`: vanished, unreadable, over
/// `opts.max_file_bytes`, not a regular file; `extract`: empty, binary, unsupported type,
/// nested deeper than `opts.max_nesting_depth`, parser error or panic, time-out).
#[must_use]
pub fn ingest_file(
    path: &Path,
    display: &str,
    opts: &IngestOptions,
) -> Vec<Result<Document, DocumentFailure>> {
    let results = extract_file_bounded(path, display, opts);
    finish(results, display, opts)
}

/// Ingests a file's content already in memory, as [`ingest_file`] would a file at `display`
/// with extension `ext` (lower-case, without the dot; `""` for none): same size, emptiness,
/// type and nesting checks, same dispatch, manifest and kind inference, but on the calling
/// thread and without the time limit. `bytes.len()` is the size checked against
/// `opts.max_file_bytes`. Never panics (parser panics become `failed` entries).
#[must_use]
pub fn ingest_bytes(
    bytes: &[u8],
    display: &str,
    ext: &str,
    opts: &IngestOptions,
) -> Vec<Result<Document, DocumentFailure>> {
    let ext = ext.to_ascii_lowercase();
    let size = bytes.len() as u64;
    let by_ext = Kind::from_extension(&ext);
    let results = match precheck(size, &ext, by_ext, bytes.starts_with(b"%PDF-"), opts) {
        Some(refusal) => vec![Err(failure(
            display,
            refusal.status,
            refusal.stage,
            refusal.reason,
            by_ext.and_then(Kind::format),
            size,
        ))],
        None => guard(|| extract_bytes(bytes.to_vec(), display, &ext, by_ext, size, opts))
            .unwrap_or_else(|reason| {
                vec![Err(failure(
                    display,
                    FailureStatus::Failed,
                    "extract",
                    reason,
                    by_ext.and_then(Kind::format),
                    size,
                ))]
            }),
    };
    finish(results, display, opts)
}

/// Common tail of [`ingest_file`] and [`ingest_bytes`]: text-less documents become skipped,
/// the manifest applies, missing kinds are inferred, and an empty result still accounts for
/// the file.
fn finish(
    results: Vec<Result<Document, DocumentFailure>>,
    display: &str,
    opts: &IngestOptions,
) -> Vec<Result<Document, DocumentFailure>> {
    let mut results: Vec<Result<Document, DocumentFailure>> = results
        .into_iter()
        .map(|r| r.and_then(reject_textless))
        .collect();
    for doc in results.iter_mut().flatten() {
        if let Some(m) = &opts.manifest {
            apply_manifest(doc, m);
        }
        if doc.metadata.kind.is_none() {
            doc.metadata.kind = Some(infer_kind(doc));
            if doc.metadata.kind == Some(DocKind::SocialPost) {
                apply_copied_post_byline(doc);
            }
        }
        if doc.metadata.company.is_none() {
            doc.metadata.company = infer_company(&doc.text).map(str::to_owned);
        }
    }
    if results.is_empty() {
        // An extractor that found nothing still accounts for the file.
        results.push(Err(failure(
            display,
            FailureStatus::Skipped,
            "extract",
            "no reviewable content".to_owned(),
            None,
            0,
        )));
    }
    results
}

/// Runs [`extract_file`] on a worker thread, waiting at most `opts.per_file_timeout`.
fn extract_file_bounded(
    path: &Path,
    display: &str,
    opts: &IngestOptions,
) -> Vec<Result<Document, DocumentFailure>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let (w_path, w_display, w_opts) = (path.to_path_buf(), display.to_owned(), opts.limits());
    let spawned = std::thread::Builder::new()
        .name("regfd-extract".to_owned())
        .stack_size(WORKER_STACK_BYTES)
        .spawn(move || {
            let r = guard(|| extract_file(&w_path, &w_display, &w_opts));
            // The receiver is gone after a time-out; the result is then dropped on purpose.
            let _ = tx.send(r);
        });
    if spawned.is_err() {
        return guard(|| extract_file(path, display, opts))
            .unwrap_or_else(|reason| panicked(display, reason));
    }
    match rx.recv_timeout(opts.per_file_timeout) {
        Ok(Ok(results)) => results,
        Ok(Err(reason)) => panicked(display, reason),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => vec![Err(failure(
            display,
            FailureStatus::Failed,
            "extract",
            format!(
                "extraction exceeded {} (per-file time limit); the file was not reviewed",
                human_duration(opts.per_file_timeout)
            ),
            None,
            std::fs::metadata(path).map_or(0, |m| m.len()),
        ))],
        // The worker died without sending: only a panic that escaped `guard` does that.
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panicked(
            display,
            "extraction worker ended without a result".to_owned(),
        ),
    }
}

/// `60 s`, `1.5 s`, `250 ms`.
fn human_duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

fn panicked(display: &str, reason: String) -> Vec<Result<Document, DocumentFailure>> {
    vec![Err(failure(
        display,
        FailureStatus::Failed,
        "extract",
        reason,
        None,
        0,
    ))]
}

/// A document without any text (a Markdown file that is only front matter, a PDF of scanned
/// images) is not reviewable: it becomes `skipped` with its extraction warnings as the reason,
/// so a report never shows it as reviewed-and-clean.
fn reject_textless(doc: Document) -> Result<Document, DocumentFailure> {
    if !doc.text.trim().is_empty() {
        return Ok(doc);
    }
    let mut reason = "no extractable text".to_owned();
    if !doc.warnings.is_empty() {
        reason = format!("{reason} ({})", doc.warnings.join("; "));
    }
    Err(failure(
        &doc.path,
        FailureStatus::Skipped,
        "extract",
        reason,
        Some(doc.format),
        doc.source_bytes,
    ))
}

/// Overlays the manifest rows for `doc` on its metadata: first the row for the whole file,
/// then (for one post of an export, `file.csv#<id>`) the row for that post. The manifest has
/// the highest precedence (CONTRACT.md "Document metadata").
pub fn apply_manifest(doc: &mut Document, manifest: &manifest::Manifest) {
    let is_post = matches!(
        doc.format,
        SourceFormat::SocialCsv | SourceFormat::SocialJson
    );
    let (file, id) = match doc.path.rsplit_once('#') {
        Some((file, id)) if is_post => (file, Some(id)),
        _ => (doc.path.as_str(), None),
    };
    let file = Path::new(file);
    if let Some(row) = manifest.lookup(file, None) {
        doc.metadata.overlay(row);
    }
    if let Some(id) = id
        && let Some(row) = manifest.lookup(file, Some(id))
    {
        doc.metadata.overlay(row);
    }
}

/// Infers a document's kind from its format and text (used only when no metadata source
/// gave one):
///
/// * social exports → `social_post`; transcript JSON → `script`;
/// * text with call-transcript markers (two `Operator` lines, a question-and-answer heading,
///   `Name: ` speaker lines from two or more speakers who each speak twice, or two speakers
///   introduced by name and title) → `script`;
/// * a post copied from its platform: a short text (at most 8 KiB) whose first lines hold
///   the platform's byline, parts joined by ` · ` with an `@handle` or a platform name
///   (`Lumaray (@LumarayNews) · Feb 5, 2026`, `LinkedIn · July 17, 2026`) → `social_post`;
/// * an EDGAR submission's exhibit 99 or a part described as a press/news release →
///   `press_release`;
/// * text naming itself a release (`press release`, `news release`, `announced today`,
///   `Exhibit 99`, `for immediate release`, quarterly results) → `press_release`;
/// * else `other`.
///
/// Only the first 256 KiB of text are read: the markers sit at the top of real documents.
#[must_use]
pub fn infer_kind(doc: &Document) -> DocKind {
    match doc.format {
        SourceFormat::SocialCsv | SourceFormat::SocialJson => return DocKind::SocialPost,
        SourceFormat::TranscriptJson => return DocKind::Script,
        _ => {}
    }
    let mut cut = doc.text.len().min(256 * 1024);
    while !doc.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = doc.text.get(..cut).unwrap_or("");
    if looks_like_script(head) {
        return DocKind::Script;
    }
    if doc.text.len() <= POST_MAX_BYTES && looks_like_copied_post(head) {
        return DocKind::SocialPost;
    }
    // An EDGAR exhibit 99 that is not a call script is, in practice, the release.
    let edgar_type = doc.metadata.extra.get("edgar_document_type");
    let edgar_desc = doc
        .metadata
        .extra
        .get("edgar_description")
        .map(|d| d.to_lowercase());
    if edgar_type.is_some_and(|t| t.to_ascii_uppercase().starts_with("EX-99"))
        || edgar_desc.is_some_and(|d| d.contains("press release") || d.contains("news release"))
    {
        return DocKind::PressRelease;
    }
    let lower = head.to_lowercase();
    if RELEASE_MARKERS.iter().any(|m| lower.contains(m)) {
        return DocKind::PressRelease;
    }
    DocKind::Other
}

/// The issuer a document names itself by, when no metadata source gave `company`: the name
/// line above an SEC cover page's "(Exact name of registrant as specified in its charter)",
/// or a `Company: <name>` line in the header of a chat or message export (the first 12
/// lines, before the first message). Only the first 8 KiB of text are read: both sit at the
/// top. The third-party rules of MNPI detection use the name to tell the issuer's events
/// from other companies' (Insider Trading Policy IV.B lists events of the Company).
#[must_use]
pub fn infer_company(text: &str) -> Option<&str> {
    fn plausible(name: &str) -> Option<&str> {
        let name = name.trim().trim_end_matches([',', ';']);
        (name.chars().any(char::is_alphabetic) && name.len() <= 120).then_some(name)
    }
    let mut cut = text.len().min(8 * 1024);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = text.get(..cut).unwrap_or("");
    let mut previous = None;
    for line in head.lines() {
        let t = line.trim();
        if t.to_ascii_lowercase()
            .starts_with("(exact name of registrant as specified in")
        {
            return previous.and_then(plausible);
        }
        if !t.is_empty() {
            previous = Some(t);
        }
    }
    head.lines()
        .take(12)
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|l| {
            let (key, value) = l.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("company")
                .then_some(value)
                .and_then(plausible)
        })
}

const RELEASE_MARKERS: [&str; 12] = [
    "press release",
    "news release",
    "announced today",
    "announces today",
    "today announced",
    "today reported",
    "exhibit 99",
    "for immediate release",
    "quarter results",
    "quarterly results",
    "financial results for",
    "earnings release",
];

/// Words that make a `Words:` line a label, not a speaker.
const NOT_SPEAKER_WORDS: [&str; 22] = [
    "Contact",
    "Contacts",
    "Relations",
    "Date",
    "Time",
    "Call",
    "Replay",
    "Phone",
    "Email",
    "Website",
    "Source",
    "Note",
    "Notes",
    "Item",
    "Exhibit",
    "Ticker",
    "Webcast",
    "Dial",
    "Passcode",
    "Location",
    "Address",
    "Subject",
];
/// The longest text read as a post copied from its platform (bytes): `LinkedIn` allows 3,000
/// characters, X's long posts 25,000 but company posts are short.
const POST_MAX_BYTES: usize = 8 * 1024;

/// Platforms whose name stands in a copied post's byline.
const PLATFORMS: [&str; 13] = [
    "LinkedIn",
    "X",
    "Twitter",
    "Facebook",
    "Instagram",
    "Threads",
    "Bluesky",
    "StockTwits",
    "Stocktwits",
    "Mastodon",
    "YouTube",
    "TikTok",
    "Reddit",
];

/// An `@handle` word (`@LumarayNews`, `(@SandhillMLP)`), without the `@` and punctuation.
fn handle_word(w: &str) -> Option<&str> {
    let h = w
        .trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ':'))
        .strip_prefix('@')?;
    (h.len() >= 2 && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(h)
}

/// The byline lines of a copied post: the first three non-empty lines that join parts with
/// ` · ` (a middle dot).
fn byline_lines(head: &str) -> impl Iterator<Item = &str> {
    head.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .filter(|l| l.contains(" · "))
}

/// A platform's byline in the first three non-empty lines: parts joined by ` · ` (a middle
/// dot), one of them an `@handle` or a platform name.
fn looks_like_copied_post(head: &str) -> bool {
    byline_lines(head).any(|l| {
        l.split(" · ").any(|part| {
            let part = part.trim();
            PLATFORMS.contains(&part) || part.split_whitespace().any(|w| handle_word(w).is_some())
        })
    })
}

/// Fills the metadata a copied post's byline carries where no source gave it (CONTRACT.md
/// document metadata): `handle` from its `@handle`, `platform` from a platform name, and
/// `author` from a person's "Name · Title" line ("Owen Prescott · CFO at Pelican Air Group"
/// → "Owen Prescott, CFO at Pelican Air Group"), else the handle.
fn apply_copied_post_byline(doc: &mut Document) {
    let mut cut = doc.text.len().min(2048);
    while !doc.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = doc.text.get(..cut).unwrap_or("");
    let (mut handle, mut platform, mut author) = (None, None, None);
    for line in byline_lines(head) {
        let parts: Vec<&str> = line.split(" · ").map(str::trim).collect();
        for part in &parts {
            if PLATFORMS.contains(part) {
                platform = platform.or(Some((*part).to_owned()));
            }
            if let Some(h) = part.split_whitespace().find_map(handle_word) {
                handle = handle.or(Some(format!("@{h}")));
            }
        }
        if let [name, title, ..] = parts[..] {
            let words: Vec<&str> = name.split(' ').collect();
            if (2..=4).contains(&words.len())
                && words.iter().all(|w| name_word(w))
                && !title.split_whitespace().any(|w| handle_word(w).is_some())
                && !PLATFORMS.contains(&title)
                && title
                    .split_whitespace()
                    .any(|w| TITLE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
            {
                author = author.or(Some(format!("{name}, {title}")));
            }
        }
    }
    let m = &mut doc.metadata;
    if m.handle.is_none() {
        m.handle = handle;
    }
    if m.platform.is_none() {
        m.platform = platform;
    }
    if m.author.is_none() {
        m.author = author.or_else(|| m.handle.clone());
    }
}

/// Words of an officer's or participant's title: a `Name, Title:` line with one of them
/// introduces a speaker's turn ("Lena Whitfield, Vice President, Investor Relations:").
const TITLE_WORDS: [&str; 24] = [
    "Chief",
    "Officer",
    "President",
    "Vice",
    "Director",
    "Chairman",
    "Chair",
    "Chairwoman",
    "Head",
    "Treasurer",
    "Secretary",
    "Controller",
    "Founder",
    "Analyst",
    "Investor",
    "Relations",
    "CEO",
    "CFO",
    "COO",
    "CTO",
    "EVP",
    "SVP",
    "VP",
    "IR",
];

/// Call-transcript markers: `Operator` lines, a Q&A section heading, recurring `Name: `
/// lines, or two or more speakers introduced by name and title (`Name, Title:`, the turn on
/// the same or the next line), as prepared remarks set them out (one, under a `Speaker:`
/// line).
fn looks_like_script(text: &str) -> bool {
    let mut operator_lines = 0;
    // Speaker name → number of turns.
    let mut speakers: Vec<(&str, usize)> = Vec::new();
    let mut titled: Vec<&str> = Vec::new();
    // "Speaker: Victor Ansah, Executive Vice President and Chief Financial Officer" over
    // remarks given by one person.
    let mut speaker_header = false;
    for line in text.lines() {
        let t = line.trim();
        speaker_header |= t.starts_with("Speaker: ") || t.starts_with("Speakers: ");
        if let Some(name) = titled_speaker(t)
            && !titled.contains(&name)
        {
            titled.push(name);
        }
        let lower_start: String = t.chars().take(40).collect::<String>().to_lowercase();
        if t == "Operator" || t == "OPERATOR" || t.starts_with("Operator:") {
            operator_lines += 1;
        }
        if lower_start.starts_with("question-and-answer")
            || lower_start.starts_with("question and answer")
            || lower_start.starts_with("questions and answers")
        {
            return true;
        }
        if let Some(name) = speaker_label(t) {
            match speakers.iter_mut().find(|(n, _)| *n == name) {
                Some((_, turns)) => *turns += 1,
                None => speakers.push((name, 1)),
            }
        }
    }
    // Labels ("Preferred Stock: …", "Revenue Growth: …") rarely recur; speakers take turns.
    let recurring = speakers.iter().filter(|(_, turns)| *turns >= 2).count();
    operator_lines >= 2
        || recurring >= 2
        || titled.len() >= 2
        || (speaker_header && !titled.is_empty())
}

/// The name of a `Name, Title:` line ("Daniel Reeve, Executive Vice President and Chief
/// Financial Officer:" alone on its line, or followed by the turn; in Markdown often set in
/// bold, `**Name, Title:**` or `**Name, Title**`): two to four capitalized
/// name words, then a title with a word of [`TITLE_WORDS`] and a capitalized last word (not
/// a release's "…, CEO of Acme, commented:"), of at most 14 words.
fn titled_speaker(line: &str) -> Option<&str> {
    // Markdown emphasis around the label ("**Name, Title:**") is part of a text file's line;
    // a bold label may go without the colon ("**Name, Title**" over the turn).
    let bold = line.len() > 4 && line.starts_with("**") && line.ends_with("**");
    let inner = line.trim_matches(['*', '_']).trim();
    let label = match inner.split_once(':') {
        Some((label, _)) => label,
        None if bold => inner,
        None => return None,
    };
    let (name, title) = label.split_once(", ")?;
    let words: Vec<&str> = name.split(' ').collect();
    let name_ok = (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| name_word(w) && !NOT_SPEAKER_WORDS.contains(w));
    // A release's quote ends its lead-in with a verb: "Brian Goodman, CEO of Golden Matrix,
    // commented:" is no turn.
    let title_ok = title.split_whitespace().count() <= 14
        && title
            .split_whitespace()
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && title
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| TITLE_WORDS.contains(&w));
    (name_ok && title_ok).then_some(name)
}

/// `Name:` at the start of a line, `Name` being `Operator` or two to four capitalized words
/// ("Tim Cook: …", "Mary O'Neil: …") that are not a label such as `Media Contact:`.
fn speaker_label(line: &str) -> Option<&str> {
    let (name, rest) = line.split_once(':')?;
    if !rest.starts_with(' ') || rest.trim().is_empty() {
        return None;
    }
    if name == "Operator" {
        return Some(name);
    }
    let words: Vec<&str> = name.split(' ').collect();
    let ok = (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| name_word(w) && !NOT_SPEAKER_WORDS.contains(w));
    ok.then_some(name)
}

/// A capitalized name word: `Tim`, `J.`, `O'Neil`, `McDonald`, `Smith-Jones`; not `ITEM`.
fn name_word(w: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut chars = w.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut first = w.chars().next();
    for c in chars {
        let ok = c.is_lowercase()
            || matches!(c, '.' | '\'' | '’' | '-')
            || (c.is_uppercase()
                && (matches!(prev, Some('\'' | '’' | '-' | '.'))
                    || (first == Some('M') && prev == Some('c'))));
        if !ok {
            return false;
        }
        prev = Some(c);
        first = first.or(Some(c));
    }
    true
}

/// Builds a [`DocumentFailure`].
pub(crate) fn failure(
    path: &str,
    status: FailureStatus,
    stage: &str,
    reason: String,
    format: Option<SourceFormat>,
    source_bytes: u64,
) -> DocumentFailure {
    DocumentFailure {
        path: path.to_owned(),
        status,
        stage: stage.to_owned(),
        reason,
        format,
        source_bytes,
    }
}

/// What the extension (or sniffing) says a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Markdown,
    Text,
    Html,
    Pdf,
    Docx,
    Json,
    JsonLines,
    Csv,
}

impl Kind {
    fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext {
            "md" | "markdown" | "mdown" | "mkd" => Self::Markdown,
            "txt" | "text" | "" => Self::Text,
            "html" | "htm" | "xhtml" => Self::Html,
            "pdf" => Self::Pdf,
            "docx" | "docm" => Self::Docx,
            "json" => Self::Json,
            "jsonl" | "ndjson" => Self::JsonLines,
            "csv" => Self::Csv,
            _ => return None,
        })
    }

    /// The format reported on a failure before extraction decided it.
    fn format(self) -> Option<SourceFormat> {
        match self {
            Self::Markdown => Some(SourceFormat::Markdown),
            Self::Text => Some(SourceFormat::Text),
            Self::Html => Some(SourceFormat::Html),
            Self::Pdf => Some(SourceFormat::Pdf),
            Self::Docx => Some(SourceFormat::Docx),
            Self::Csv => Some(SourceFormat::SocialCsv),
            Self::Json | Self::JsonLines => None,
        }
    }
}

/// Why a file is refused before it is read: status, stage and reason.
struct Refusal {
    status: FailureStatus,
    stage: &'static str,
    reason: String,
}

/// The checks made before reading a file's content: size limit, emptiness, supported type.
/// `pdf_magic`: whether the content starts with `%PDF-` (types are taken from the extension,
/// except that the PDF signature wins).
fn precheck(
    size: u64,
    ext: &str,
    by_ext: Option<Kind>,
    pdf_magic: bool,
    opts: &IngestOptions,
) -> Option<Refusal> {
    let refuse = |status, stage, reason| {
        Some(Refusal {
            status,
            stage,
            reason,
        })
    };
    if size > opts.max_file_bytes {
        let reason = format!(
            "file is {size} bytes, over the limit of {} bytes (max_file_bytes)",
            opts.max_file_bytes
        );
        return refuse(FailureStatus::Skipped, "read", reason);
    }
    if size == 0 {
        return refuse(FailureStatus::Skipped, "extract", "empty file".into());
    }
    if by_ext.is_none() && !pdf_magic {
        let reason = format!("unsupported file type .{ext}");
        return refuse(FailureStatus::Skipped, "extract", reason);
    }
    None
}

/// The reason for an I/O error on a file the walk listed.
fn read_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!("file vanished before it could be read ({e})")
        }
        std::io::ErrorKind::PermissionDenied => {
            format!("permission denied: the file cannot be read ({e})")
        }
        _ => format!("cannot read the file: {e}"),
    }
}

/// Reads, decodes and dispatches one file; no manifest, no kind inference.
fn extract_file(
    path: &Path,
    display: &str,
    opts: &IngestOptions,
) -> Vec<Result<Document, DocumentFailure>> {
    let fail = |status, stage: &str, reason: String, format, bytes| {
        vec![Err(failure(display, status, stage, reason, format, bytes))]
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(FailureStatus::Failed, "read", read_error(&e), None, 0),
    };
    if !meta.is_file() {
        return fail(
            FailureStatus::Skipped,
            "read",
            "not a regular file".into(),
            None,
            0,
        );
    }
    let size = meta.len();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let by_ext = Kind::from_extension(&ext);
    // Only a file without a known extension is opened to look for the PDF signature.
    let pdf_magic = by_ext.is_none() && starts_with_pdf_magic(path);
    if let Some(r) = precheck(size, &ext, by_ext, pdf_magic, opts) {
        let format = by_ext.and_then(Kind::format);
        return fail(r.status, r.stage, r.reason, format, size);
    }
    let bytes = match read_at_most(path, opts.max_file_bytes) {
        Ok(Some(b)) => b,
        Ok(None) => {
            // The file grew past the limit between the size check and the read.
            let reason = format!(
                "file grew past the limit of {} bytes (max_file_bytes) while being read",
                opts.max_file_bytes
            );
            return fail(
                FailureStatus::Skipped,
                "read",
                reason,
                by_ext.and_then(Kind::format),
                size,
            );
        }
        Err(e) => {
            return fail(
                FailureStatus::Failed,
                "read",
                read_error(&e),
                by_ext.and_then(Kind::format),
                size,
            );
        }
    };
    let size = bytes.len() as u64;
    extract_bytes(bytes, display, &ext, by_ext, size, opts)
}

/// Reads the whole file, or `None` when it holds more than `max` bytes.
fn read_at_most(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Dispatches content to its extractor: `ext` is the lower-case extension, `by_ext` what it
/// says the file is, `size` the content's size in bytes. Content nested deeper than
/// `opts.max_nesting_depth` is refused first.
fn extract_bytes(
    bytes: Vec<u8>,
    display: &str,
    ext: &str,
    by_ext: Option<Kind>,
    size: u64,
    opts: &IngestOptions,
) -> Vec<Result<Document, DocumentFailure>> {
    let _ = ext;
    if let Some(reason) = nesting_refusal(&bytes, by_ext, opts.max_nesting_depth) {
        return vec![Err(failure(
            display,
            FailureStatus::Failed,
            "extract",
            reason,
            by_ext.and_then(Kind::format),
            size,
        ))];
    }
    let kind = if bytes.starts_with(b"%PDF-") {
        Kind::Pdf
    } else if by_ext == Some(Kind::Text) && ext.is_empty() && docx::looks_like_docx(&bytes) {
        Kind::Docx
    } else {
        by_ext.unwrap_or(Kind::Text)
    };
    let mut results = match kind {
        Kind::Pdf => single(display, SourceFormat::Pdf, size, || {
            pdf::extract(&bytes, display)
        }),
        Kind::Html => single(display, SourceFormat::Html, size, || {
            html::extract(&bytes, display)
        }),
        Kind::Docx => single(display, SourceFormat::Docx, size, || {
            let limits = docx::Limits {
                max_total_bytes: opts.max_expanded_bytes,
                max_part_bytes: docx::Limits::default()
                    .max_part_bytes
                    .min(opts.max_expanded_bytes),
                max_depth: opts.max_nesting_depth.max(1),
                ..docx::Limits::default()
            };
            docx::extract_with_limits(&bytes, display, &limits)
        }),
        _ => extract_text_format(kind, bytes, display, size),
    };
    for doc in results.iter_mut().flatten() {
        if doc.source_bytes == 0 {
            doc.source_bytes = size;
        }
    }
    results
}

/// Why content is refused for nesting deeper than `limit` (HTML and EDGAR submissions:
/// element nesting; JSON and JSON Lines: array/object nesting), or `None`. Other formats have
/// no nesting a parser recurses on (PDF object nesting is left to the PDF extractor).
fn nesting_refusal(bytes: &[u8], by_ext: Option<Kind>, limit: usize) -> Option<String> {
    let deep = match by_ext {
        Some(Kind::Html) => markup_depth_exceeds(bytes, limit),
        // An EDGAR full submission wraps HTML exhibits in SGML `<DOCUMENT>` parts.
        Some(Kind::Text) => {
            let head = bytes.get(..4096).unwrap_or(bytes);
            memchr::memmem::find(head, b"<DOCUMENT>").is_some()
                && markup_depth_exceeds(bytes, limit)
        }
        Some(Kind::Json) => json_depth_exceeds(bytes, limit, false),
        Some(Kind::JsonLines) => json_depth_exceeds(bytes, limit, true),
        _ => false,
    };
    deep.then(|| format!("nesting deeper than {limit} levels (max_nesting_depth); not parsed"))
}

/// HTML elements that never have content.
const VOID_ELEMENTS: [&[u8]; 19] = [
    b"area",
    b"base",
    b"basefont",
    b"bgsound",
    b"br",
    b"col",
    b"embed",
    b"frame",
    b"hr",
    b"img",
    b"input",
    b"isindex",
    b"keygen",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
];
/// HTML elements whose end tag is optional: the parser closes them implicitly, so they do not
/// nest into themselves and are not counted.
const OPTIONAL_END_ELEMENTS: [&[u8]; 20] = [
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"thead",
    b"tbody",
    b"tfoot",
    b"colgroup",
    b"caption",
    b"rb",
    b"rt",
    b"rp",
    b"rtc",
    b"html",
    b"body",
];
/// Elements whose content is raw text (a `<` inside is not a tag).
const RAW_TEXT_ELEMENTS: [&[u8]; 5] = [b"script", b"style", b"textarea", b"title", b"xmp"];
/// How far down the open-element stack an end tag looks for its start tag (bounds the scan
/// at O(n · 64) on hostile input full of stray end tags).
const END_TAG_REACH: usize = 64;

/// Cheap tag scan over HTML/XML bytes: true when more than `limit` elements are open at once.
/// Keeps a stack of open element names; an end tag closes up to its matching start tag (as
/// parsers do for unclosed inline elements), a stray end tag is ignored. Comments, CDATA and
/// raw-text elements are skipped. UTF-16 markup is not recognised (its tags never match).
fn markup_depth_exceeds(b: &[u8], limit: usize) -> bool {
    let eq = |x: &[u8], y: &[u8]| x.eq_ignore_ascii_case(y);
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut i = 0usize;
    while let Some(off) = b.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        i += off + 1;
        let Some(&next) = b.get(i) else { break };
        if next == b'!' {
            let (opener, closer): (&[u8], &[u8]) = if b.get(i..i + 3) == Some(b"!--") {
                (b"!--", b"-->")
            } else if b.get(i..i + 8) == Some(b"![CDATA[") {
                (b"![CDATA[", b"]]>")
            } else {
                continue;
            };
            let from = i + opener.len();
            match b.get(from..).and_then(|r| memchr::memmem::find(r, closer)) {
                Some(e) => i = from + e + closer.len(),
                None => break,
            }
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 1 } else { i };
        let rest = b.get(name_start..).unwrap_or(&[]);
        if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_len = rest
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            .unwrap_or(rest.len());
        let name = rest.get(..name_len).unwrap_or(&[]);
        let Some(gt) = memchr::memchr(b'>', rest) else {
            break;
        };
        let tag_end = name_start + gt;
        i = tag_end + 1;
        if closing {
            let floor = open.len().saturating_sub(END_TAG_REACH);
            if let Some(pos) = open.get(floor..).and_then(|top| {
                top.iter()
                    .rposition(|&(s, e)| eq(b.get(s..e).unwrap_or(&[]), name))
            }) {
                open.truncate(floor + pos);
            }
            continue;
        }
        if RAW_TEXT_ELEMENTS.iter().any(|r| eq(r, name)) {
            // Skip to the matching end tag, compared case-insensitively in place.
            let mut j = i;
            loop {
                let Some(lt) = b.get(j..).and_then(|r| memchr::memmem::find(r, b"</")) else {
                    return false;
                };
                j += lt + 2;
                if b.get(j..j + name_len).is_some_and(|n| eq(n, name)) {
                    i = j;
                    break;
                }
            }
            continue;
        }
        let self_closing = gt > 0 && b.get(tag_end - 1) == Some(&b'/');
        if self_closing
            || VOID_ELEMENTS.iter().any(|v| eq(v, name))
            || OPTIONAL_END_ELEMENTS.iter().any(|v| eq(v, name))
        {
            continue;
        }
        open.push((name_start, name_start + name_len));
        if open.len() > limit {
            return true;
        }
    }
    false
}

/// Byte scan of JSON: true when arrays/objects nest deeper than `limit` (brackets inside
/// strings do not count). With `lines` (JSON Lines) every line starts again at depth 0.
fn json_depth_exceeds(b: &[u8], limit: usize, lines: bool) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &c in b {
        if lines && c == b'\n' {
            (depth, in_string, escaped) = (0, false, false);
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Whether the file starts with the PDF signature (for files whose extension says nothing).
fn starts_with_pdf_magic(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"%PDF-")
}

/// Runs a one-document extractor under [`guard`].
fn single(
    display: &str,
    format: SourceFormat,
    size: u64,
    f: impl FnOnce() -> Result<Document, String>,
) -> Vec<Result<Document, DocumentFailure>> {
    let r = guard(f).and_then(|r| r);
    vec![r.map_err(|reason| {
        failure(
            display,
            FailureStatus::Failed,
            "extract",
            reason,
            Some(format),
            size,
        )
    })]
}

/// Runs `f`, turning a panic into `Err` with the panic message (third-party parsers panic on
/// malformed input; one bad file must not stop the run).
fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic payload".to_owned());
        format!("extractor panicked: {msg}")
    })
}

/// Decodes a text-format file and runs its extractor.
fn extract_text_format(
    kind: Kind,
    bytes: Vec<u8>,
    display: &str,
    size: u64,
) -> Vec<Result<Document, DocumentFailure>> {
    let (src, warnings) = match decode_text(bytes) {
        Ok(d) => d,
        Err(reason) => {
            return vec![Err(failure(
                display,
                FailureStatus::Skipped,
                "extract",
                reason,
                kind.format(),
                size,
            ))];
        }
    };
    if src.trim().is_empty() {
        return vec![Err(failure(
            display,
            FailureStatus::Skipped,
            "extract",
            "empty file".into(),
            kind.format(),
            size,
        ))];
    }
    let run = || -> Vec<Result<Document, DocumentFailure>> {
        match kind {
            Kind::Markdown => vec![Ok(markdown::extract(&src, display))],
            Kind::Csv => social::extract_csv(&src, display),
            Kind::JsonLines => social::extract_jsonl(&src, display),
            Kind::Json => extract_json(&src, display, size),
            Kind::Text if text::is_edgar_submission(&src) => extract_submission(&src, display),
            Kind::Text | Kind::Html | Kind::Pdf | Kind::Docx => {
                vec![Ok(text::extract(&src, display))]
            }
        }
    };
    let mut results = match guard(run) {
        Ok(r) => r,
        Err(reason) => {
            return vec![Err(failure(
                display,
                FailureStatus::Failed,
                "extract",
                reason,
                kind.format(),
                size,
            ))];
        }
    };
    if !warnings.is_empty() {
        for doc in results.iter_mut().flatten() {
            doc.warnings.splice(0..0, warnings.iter().cloned());
        }
    }
    results
}

/// Document types of an EDGAR submission that are not prose (images, XBRL, archives).
const EDGAR_NON_TEXT: [&str; 6] = ["GRAPHIC", "ZIP", "EXCEL", "XML", "JSON", "PDF"];

/// An EDGAR full-submission `.txt`: one document per prose part (the form and its exhibits),
/// addressed `file.txt#<sequence>`; HTML parts go to [`html::extract`], others to
/// [`text::extract`], with lines shifted to the file's. The SEC header gives format-level
/// metadata: `company` (COMPANY CONFORMED NAME), `channel` (the form, e.g. `8-K`),
/// `disclosed_at` (ACCEPTANCE-DATETIME, New York time) and `extra.edgar_*` keys. Image, XBRL
/// and archive parts are not reviewed; the first document lists them in a warning.
fn extract_submission(src: &str, display: &str) -> Vec<Result<Document, DocumentFailure>> {
    let mut header = crate::document::Metadata::default();
    if let Some(c) = text::submission_header_value(src, "COMPANY CONFORMED NAME") {
        header.company = Some(c.to_owned());
    }
    let form = text::submission_header_value(src, "CONFORMED SUBMISSION TYPE");
    if let Some(f) = form {
        header.channel = Some(f.to_owned());
        header.extra.insert("edgar_form".to_owned(), f.to_owned());
    }
    if let Some(a) = text::submission_header_value(src, "ACCESSION NUMBER") {
        header
            .extra
            .insert("edgar_accession".to_owned(), a.to_owned());
    }
    header.disclosed_at = text::submission_header_value(src, "<ACCEPTANCE-DATETIME")
        .and_then(edgar_acceptance_instant);
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for part in text::submission_parts(src) {
        let t = part.doc_type.to_ascii_uppercase();
        if EDGAR_NON_TEXT.contains(&t.as_str())
            || t.starts_with("EX-101")
            || part.body.trim_start().starts_with("begin 6")
        {
            skipped.push(format!("#{} {}", part.seq, part.doc_type));
            continue;
        }
        let path = format!("{display}#{}", part.seq);
        let head: String = part
            .body
            .chars()
            .take(4096)
            .collect::<String>()
            .to_ascii_lowercase();
        let is_html = head.contains("<html") || head.contains("<body") || head.contains("<xbrl>");
        let r = if is_html {
            let r = guard(|| html::extract(part.body.as_bytes(), &path)).and_then(|r| r);
            r.map_err(|reason| (reason, SourceFormat::Html))
        } else {
            guard(|| text::extract(part.body, &path)).map_err(|reason| (reason, SourceFormat::Text))
        };
        out.push(match r {
            Ok(mut doc) => {
                for b in &mut doc.blocks {
                    b.source.line += part.body_line.saturating_sub(1);
                }
                let mut meta = header.clone();
                meta.extra
                    .insert("edgar_document_type".to_owned(), part.doc_type.clone());
                for (k, v) in [
                    ("edgar_filename", &part.filename),
                    ("edgar_description", &part.description),
                ] {
                    if !v.is_empty() {
                        meta.extra.insert(k.to_owned(), v.clone());
                    }
                }
                // The part's own metadata (HTML <meta>) outranks the submission header.
                meta.overlay(&doc.metadata);
                doc.metadata = meta;
                doc.source_bytes = part.body.len() as u64;
                Ok(doc)
            }
            Err((reason, format)) => Err(failure(
                &path,
                FailureStatus::Failed,
                "extract",
                reason,
                Some(format),
                part.body.len() as u64,
            )),
        });
    }
    if !skipped.is_empty()
        && let Some(Ok(first)) = out.first_mut()
    {
        first.warnings.push(format!(
            "EDGAR submission parts not reviewed (images, XBRL, archives): {}",
            skipped.join(", ")
        ));
    }
    if out.is_empty() {
        out.push(Err(failure(
            display,
            FailureStatus::Skipped,
            "extract",
            "EDGAR submission has no prose parts".to_owned(),
            Some(SourceFormat::Text),
            src.len() as u64,
        )));
    }
    out
}

/// EDGAR's `YYYYMMDDHHMMSS` acceptance time, which is New York local time.
fn edgar_acceptance_instant(v: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(v.trim(), "%Y%m%d%H%M%S").ok()?;
    let local = chrono_tz::America::New_York
        .from_local_datetime(&naive)
        .earliest()?;
    Some(local.fixed_offset())
}

/// `.json`: a call transcript when it has speaker turns, else a social-media export.
fn extract_json(src: &str, display: &str, size: u64) -> Vec<Result<Document, DocumentFailure>> {
    let value: serde_json::Value = match serde_json::from_str(src) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(failure(
                display,
                FailureStatus::Failed,
                "extract",
                format!("invalid JSON: {e}"),
                None,
                size,
            ))];
        }
    };
    if transcript::is_transcript(&value) {
        return vec![Ok(transcript::extract(&value, src, display))];
    }
    social::extract_json(&value, src, display, size)
}

/// Decodes a text file: UTF-16 with a byte-order mark via `encoding_rs`, a UTF-8 BOM is
/// dropped, invalid UTF-8 is decoded lossily (U+FFFD) with a warning.
///
/// Returns `(text, warnings)`, or `Err("binary content")` when a NUL byte occurs in the first
/// 8 KiB of a file that is not UTF-16.
pub(crate) fn decode_text(bytes: Vec<u8>) -> Result<(String, Vec<String>), String> {
    let mut warnings = Vec::new();
    for (bom, enc) in [
        ([0xFF, 0xFE], encoding_rs::UTF_16LE),
        ([0xFE, 0xFF], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                warnings.push(format!(
                    "invalid {} sequences decoded lossily (U+FFFD)",
                    enc.name()
                ));
            }
            return Ok((text.into_owned(), warnings));
        }
    }
    let head = bytes
        .get(..BINARY_SNIFF_BYTES.min(bytes.len()))
        .unwrap_or(&[]);
    if memchr::memchr(0, head).is_some() {
        return Err("binary content".to_owned());
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, warnings)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            warnings.push(format!(
                "invalid UTF-8 (first at byte {at}) decoded lossily; bad bytes became U+FFFD"
            ));
            Ok((text, warnings))
        }
    }
}

/// Finds where the JSON string `value` is written in `src`, searching from byte `from`:
/// returns the byte offset of its first character (after the opening quote). Used to give
/// JSON-borne text a source line; `None` when the file escapes it differently
/// (e.g. `\u2019` instead of `’`).
pub(crate) fn find_json_string(src: &str, value: &str, from: usize) -> Option<usize> {
    let encoded = serde_json::to_string(value).ok()?;
    // Search for a prefix only: long strings are unique long before their end.
    let inner = encoded.get(1..encoded.len().saturating_sub(1))?;
    let mut cut = inner.len().min(120);
    while !inner.is_char_boundary(cut) {
        cut -= 1;
    }
    let needle = inner.get(..cut)?;
    if needle.is_empty() {
        return None;
    }
    let hay = src.get(from..)?;
    hay.find(needle).map(|i| from + i)
}

/// Maps byte offsets of a source text to 1-based line and `char` column.
pub(crate) struct LineIndex<'a> {
    src: &'a str,
    /// Byte offset of the first byte of every line.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `src` (O(n), one pass over newlines).
    pub(crate) fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        Self { src, starts }
    }

    /// Source position of byte `offset` (clamped to the text; columns count `char`s).
    pub(crate) fn pos(&self, offset: usize) -> SourcePos {
        let offset = offset.min(self.src.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self.src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        SourcePos {
            line: line as u32,
            column: column as u32,
            page: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, Metadata};
    use std::fs;
    use std::time::Instant;

    fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap();
        p
    }

    fn one(path: &Path) -> Result<Document, DocumentFailure> {
        let mut r = ingest_file(path, &path.to_string_lossy(), &IngestOptions::default());
        assert_eq!(r.len(), 1, "{r:?}");
        r.remove(0)
    }

    #[test]
    fn decoding_lossy_utf8_and_utf16() {
        let dir = tempfile::tempdir().unwrap();
        let d = one(&write(dir.path(), "bad.txt", b"Revenue \xff rose.\n")).unwrap();
        assert_eq!(d.text, "Revenue \u{fffd} rose.");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("invalid UTF-8"), "{:?}", d.warnings);

        let mut le = vec![0xFF, 0xFE];
        le.extend(
            "Net income rose.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let d = one(&write(dir.path(), "le.txt", &le)).unwrap();
        assert_eq!(d.text, "Net income rose.");
        assert!(d.warnings.is_empty());
        let mut be = vec![0xFE, 0xFF];
        be.extend(
            "# Title\n\nBody.\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        );
        let d = one(&write(dir.path(), "be.md", &be)).unwrap();
        assert_eq!(d.format, SourceFormat::Markdown);
        assert_eq!(d.block_text(0), "Title");
        assert_eq!(d.source_bytes, be.len() as u64);
    }

    #[test]
    fn skips_empty_binary_unsupported_and_oversized() {
        let dir = tempfile::tempdir().unwrap();
        let reason = |p: &Path, opts: &IngestOptions| {
            let r = ingest_file(p, "x", opts);
            let f = r[0].as_ref().unwrap_err();
            (f.status, f.reason.clone())
        };
        let o = IngestOptions::default();
        let skipped = FailureStatus::Skipped;
        assert_eq!(
            reason(&write(dir.path(), "e.txt", b""), &o),
            (skipped, "empty file".into())
        );
        assert_eq!(
            reason(&write(dir.path(), "w.md", b" \n\n"), &o),
            (skipped, "empty file".into())
        );
        assert_eq!(
            reason(&write(dir.path(), "fm.md", b"---\ntitle: x\n---\n"), &o),
            (skipped, "no extractable text".into())
        );
        assert_eq!(
            reason(&write(dir.path(), "b.txt", b"abc\0def"), &o),
            (skipped, "binary content".into())
        );
        assert_eq!(
            reason(&write(dir.path(), "i.png", b"\x89PNG...."), &o),
            (skipped, "unsupported file type .png".into())
        );
        assert_eq!(
            reason(&write(dir.path(), "a.XLSX", b"PK\x03\x04"), &o),
            (skipped, "unsupported file type .xlsx".into())
        );
        let small = IngestOptions {
            max_file_bytes: 4,
            ..IngestOptions::default()
        };
        let (s, r) = reason(&write(dir.path(), "big.txt", b"0123456789"), &small);
        assert_eq!(s, skipped);
        assert!(r.contains("over the limit of 4 bytes"), "{r}");
    }

    #[test]
    fn vanished_and_unreadable_files_fail_with_the_cause() {
        let dir = tempfile::tempdir().unwrap();
        // Listed, then deleted before extraction.
        let p = write(dir.path(), "gone.txt", b"Revenue rose.\n");
        fs::remove_file(&p).unwrap();
        let f = one(&p).unwrap_err();
        assert_eq!(
            (f.status, f.stage.as_str()),
            (FailureStatus::Failed, "read")
        );
        assert!(
            f.reason
                .starts_with("file vanished before it could be read"),
            "{}",
            f.reason
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let p = write(dir.path(), "locked.txt", b"Revenue rose.\n");
            fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
            if fs::File::open(&p).is_ok() {
                eprintln!("running with the power to read mode-000 files (root); skipping");
            } else {
                let f = one(&p).unwrap_err();
                assert_eq!(f.status, FailureStatus::Failed);
                assert!(f.reason.starts_with("permission denied"), "{}", f.reason);
            }
        }
    }

    #[test]
    fn slow_extraction_times_out_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let line = "Revenue rose 10% to $5.0 billion. Operating margin expanded.\n\n";
        let p = write(dir.path(), "slow.txt", line.repeat(80_000).as_bytes());
        let opts = IngestOptions {
            per_file_timeout: Duration::from_millis(1),
            ..IngestOptions::default()
        };
        let t = Instant::now();
        let r = ingest_file(&p, "slow.txt", &opts);
        // The caller got its answer at the limit, not when the detached worker finished.
        assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
        let f = r[0].as_ref().unwrap_err();
        assert_eq!(f.status, FailureStatus::Failed);
        assert_eq!(
            f.reason,
            "extraction exceeded 1 ms (per-file time limit); the file was not reviewed"
        );
        assert!(f.source_bytes > 0);
        assert_eq!(human_duration(DEFAULT_PER_FILE_TIMEOUT), "60 s");
        // With the default limit the same file is reviewed.
        assert!(ingest_file(&p, "slow.txt", &IngestOptions::default())[0].is_ok());
    }

    #[test]
    fn deep_nesting_is_refused_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let deep_json = "[".repeat(100_000);
        let f = one(&write(dir.path(), "deep.json", deep_json.as_bytes())).unwrap_err();
        assert_eq!(f.status, FailureStatus::Failed);
        assert_eq!(
            f.reason,
            "nesting deeper than 2000 levels (max_nesting_depth); not parsed"
        );
        // Under our limit but over serde_json's own (128): a clean parse error.
        let mid = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let f = one(&write(dir.path(), "mid.json", mid.as_bytes())).unwrap_err();
        assert_eq!(f.status, FailureStatus::Failed);
        assert!(
            f.reason.contains("recursion limit exceeded"),
            "{}",
            f.reason
        );
        // JSON Lines: only the deep line's depth counts.
        let jsonl = "[[[[\n".repeat(3000);
        assert!(!json_depth_exceeds(jsonl.as_bytes(), 2000, true));
        assert!(json_depth_exceeds(jsonl.as_bytes(), 2000, false));
        // Brackets inside strings (escaped quotes included) do not count.
        let in_string = format!("{{\"text\": \"\\\"{}\"}}", "[".repeat(3000));
        assert!(!json_depth_exceeds(in_string.as_bytes(), 2000, false));
        let html = "<div>".repeat(100_000);
        let f = one(&write(dir.path(), "deep.html", html.as_bytes())).unwrap_err();
        assert_eq!(f.status, FailureStatus::Failed);
        assert!(
            f.reason.contains("nesting deeper than 2000"),
            "{}",
            f.reason
        );
        let opts = IngestOptions {
            max_nesting_depth: 10,
            ..IngestOptions::default()
        };
        let r = ingest_bytes(b"{\"a\":[[[[[[[[[[[1]]]]]]]]]]]}", "x.json", "json", &opts);
        assert!(r[0].as_ref().unwrap_err().reason.contains("deeper than 10"));
    }

    #[test]
    fn markup_depth_scan_follows_parsers() {
        let deep = |s: &str, limit| markup_depth_exceeds(s.as_bytes(), limit);
        assert!(deep(&"<div>".repeat(11), 10));
        assert!(!deep(&"<div>".repeat(10), 10));
        // Closed elements, void and optional-end elements, self-closing tags do not nest.
        assert!(!deep(&"<div><p>x</div>".repeat(1000), 3));
        assert!(!deep(&"<br><img src=x><li><td><hr/><x/>".repeat(1000), 3));
        // Unclosed inline elements are closed by their parent's end tag.
        assert!(!deep(&"<div><font><b>x</div>".repeat(1000), 3));
        // Tags inside comments, CDATA and raw text are not tags.
        let hidden = format!(
            "<!--{}--><![CDATA[{}]]><script>{}</SCRIPT><p>",
            "<div>".repeat(50),
            "<div>".repeat(50),
            "<div>".repeat(50)
        );
        assert!(!deep(&hidden, 10));
        // An unterminated comment or tag ends the scan instead of looping.
        assert!(!deep("<div><!-- <div><div>", 1));
        assert!(!deep("<div><div", 1));
        assert!(!deep("<script><div><div><div>", 1));
        // Stray end tags are ignored.
        assert!(deep(
            &format!("{}{}", "</span>".repeat(100), "<div>".repeat(3)),
            2
        ));
    }

    #[test]
    fn ingest_bytes_matches_ingest_file() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8]); 5] = [
            ("r.md", b"# Results\n\nRevenue rose 5%.\n"),
            ("p.csv", b"id,username,text\n1,acme,Hello\n2,acme,Bye\n"),
            ("e.txt", b""),
            ("b.txt", b"ab\0cd"),
            ("x.png", b"\x89PNG"),
        ];
        for (name, bytes) in cases {
            let p = write(dir.path(), name, bytes);
            let ext = name.rsplit('.').next().unwrap();
            let from_file = ingest_file(&p, name, &IngestOptions::default());
            let from_bytes = ingest_bytes(bytes, name, ext, &IngestOptions::default());
            assert_eq!(from_file, from_bytes, "{name}");
        }
        let r = ingest_bytes(
            b"0123456789",
            "x.txt",
            "TXT",
            &IngestOptions {
                max_file_bytes: 4,
                ..IngestOptions::default()
            },
        );
        let f = r[0].as_ref().unwrap_err();
        assert_eq!(
            (f.status, f.stage.as_str()),
            (FailureStatus::Skipped, "read")
        );
    }

    #[test]
    fn file_counts_reconcile() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.md", b"# A\n\nAlpha.\n");
        write(
            root,
            "posts.jsonl",
            b"{\"id\": 1, \"text\": \"One\"}\n{oops\n{\"id\": 2, \"text\": \"Two\"}\n",
        );
        write(root, "empty.txt", b"");
        write(root, "deep.json", "[".repeat(3000).as_bytes());
        write(root, "pic.gif", b"GIF89a");
        let out = ingest_paths(&[root.to_path_buf()], &IngestOptions::default());
        assert_eq!(out.files_found, 5);
        assert_eq!(out.documents.len(), 3);
        assert_eq!(
            (out.files_reviewed, out.files_skipped, out.files_failed),
            (2, 2, 1)
        );
        // The bad JSON line is a failure of a reviewed file.
        assert_eq!(out.failures.len(), 4);
    }

    #[test]
    fn deep_markdown_and_hostile_text_do_not_crash() {
        let quotes = format!("{}Revenue rose.\n", ">".repeat(100_000));
        let lists = "- ".repeat(50_000) + "Revenue rose.\n";
        let brackets = "[".repeat(100_000) + "x" + &"](u)".repeat(100_000);
        for (name, src) in [("q.md", quotes), ("l.md", lists), ("b.md", brackets)] {
            let r = ingest_bytes(src.as_bytes(), name, "md", &IngestOptions::default());
            assert_eq!(r.len(), 1, "{name}");
        }
    }

    #[test]
    fn pdf_is_sniffed_by_magic() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["noext", "report.bin"] {
            let r = one(&write(dir.path(), name, b"%PDF-1.4\n%garbage"));
            let format = match &r {
                Ok(d) => Some(d.format),
                Err(f) => f.format,
            };
            assert_eq!(format, Some(SourceFormat::Pdf), "{name}: {r:?}");
        }
        let d = one(&write(
            dir.path(),
            "README",
            b"PRESS RELEASE\n\nAcme announced today.\n",
        ))
        .unwrap();
        assert_eq!(d.format, SourceFormat::Text);
        assert_eq!(d.metadata.kind, Some(DocKind::PressRelease));
    }

    #[test]
    fn panics_become_messages() {
        let r: Result<(), String> = guard(|| panic!("parser exploded"));
        assert_eq!(r.unwrap_err(), "extractor panicked: parser exploded");
        let r = guard(|| std::panic::panic_any(42_u8));
        assert!(r.unwrap_err().contains("unknown panic payload"));
    }

    #[test]
    fn walk_respects_gitignore_hidden_and_accounts_for_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, ".gitignore", b"ignored.txt\n");
        write(root, "ignored.txt", b"Ignored text.\n");
        write(root, ".hidden.md", b"Hidden.\n");
        write(root, "b/z.md", b"# Z\n");
        write(root, "a.txt", b"Alpha.\n");
        write(
            root,
            "posts.csv",
            b"tweet_id,date_utc,username,text\n3,2020-01-01 00:00:00+00:00,acme,One\n\
              1,2020-01-02 00:00:00+00:00,acme,Two\n2,2020-01-03 00:00:00+00:00,acme,Three\n",
        );
        write(root, "pic.jpg", b"\xff\xd8\xff");
        let explicit_hidden = root.join(".hidden.md");
        let out = ingest_paths(
            &[root.to_path_buf(), explicit_hidden.clone()],
            &IngestOptions::default(),
        );
        let r = root.to_string_lossy();
        let doc_paths: Vec<String> = out.documents.iter().map(|d| d.path.clone()).collect();
        assert_eq!(
            doc_paths,
            [
                explicit_hidden.to_string_lossy().into_owned(),
                format!("{r}/a.txt"),
                format!("{r}/b/z.md"),
                format!("{r}/posts.csv#3"),
                format!("{r}/posts.csv#1"),
                format!("{r}/posts.csv#2"),
            ]
        );
        assert!(
            out.documents[3..]
                .iter()
                .all(|d| d.metadata.kind == Some(DocKind::SocialPost))
        );
        // The ignored file is not read but is accounted for; the unsupported one is skipped.
        let mut failures: Vec<(String, FailureStatus, &str)> = out
            .failures
            .iter()
            .map(|f| (f.path.clone(), f.status, f.stage.as_str()))
            .collect();
        failures.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            failures,
            [
                (format!("{r}/ignored.txt"), FailureStatus::Skipped, "walk"),
                (format!("{r}/pic.jpg"), FailureStatus::Skipped, "extract"),
            ]
        );
        assert!(out.failures.iter().any(|f| f.reason.contains(".gitignore")));
        assert_eq!(out.files_found, 6);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_missing_args_are_walk_failures() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "d/a.txt", b"Alpha.\n");
        std::os::unix::fs::symlink(root.join("d"), root.join("d/loop")).unwrap();
        let missing = root.join("nope.txt");
        let out = ingest_paths(
            &[root.join("d"), missing.clone()],
            &IngestOptions::default(),
        );
        assert_eq!(out.documents.len(), 1);
        let walk: Vec<&DocumentFailure> =
            out.failures.iter().filter(|f| f.stage == "walk").collect();
        assert_eq!(walk.len(), 2, "{:?}", out.failures);
        assert!(
            walk.iter()
                .all(|f| f.status == FailureStatus::Failed && !f.reason.is_empty())
        );
        assert!(walk.iter().any(|f| f.path.ends_with("d/loop")));
        assert!(walk.iter().any(|f| f.path == missing.to_string_lossy()));
        assert_eq!(out.files_found, 3);
    }

    #[test]
    fn edgar_submission_split_into_parts() {
        let dir = tempfile::tempdir().unwrap();
        let src = "<SEC-DOCUMENT>0001-25-1.txt : 20250415\n<SEC-HEADER>\n\
                   <ACCEPTANCE-DATETIME>20250415163025\nACCESSION NUMBER:\t\t0001-25-1\n\
                   CONFORMED SUBMISSION TYPE:\t8-K\n\t\tCOMPANY CONFORMED NAME:\t\t\tACME CORP\n\
                   </SEC-HEADER>\n<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex.txt\n\
                   <DESCRIPTION>PRESS RELEASE\n<TEXT>\nACME REPORTS RESULTS\n\nRevenue rose.\n\
                   </TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<TEXT>\n\
                   begin 644 x.jpg\n</TEXT>\n</DOCUMENT>\n";
        let p = write(dir.path(), "sub.txt", src.as_bytes());
        let r = ingest_file(&p, "sub.txt", &IngestOptions::default());
        assert_eq!(r.len(), 1, "{r:?}");
        let d = r[0].as_ref().unwrap();
        assert_eq!(d.path, "sub.txt#2");
        assert_eq!(d.metadata.company.as_deref(), Some("ACME CORP"));
        assert_eq!(d.metadata.channel.as_deref(), Some("8-K"));
        assert_eq!(d.metadata.extra["edgar_document_type"], "EX-99.1");
        assert_eq!(d.metadata.kind, Some(DocKind::PressRelease));
        assert_eq!(
            d.metadata.disclosed_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2025-04-15T16:30:25-04:00")
        );
        let off = d.text.find("Revenue").unwrap();
        assert_eq!(d.location(off).line, 16);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("#3 GRAPHIC"));
    }

    #[test]
    fn transcript_json_is_a_script() {
        let dir = tempfile::tempdir().unwrap();
        let src = br#"{"prepared_remarks": [{"speaker": "Operator", "speech": "Welcome."}, {"speaker": "Jane Roe", "speech": "We grew."}], "q_and_a": [{"speaker": "Jane Roe", "speech": "Yes."}]}"#;
        let d = one(&write(dir.path(), "call.json", src)).unwrap();
        assert_eq!(d.format, SourceFormat::TranscriptJson);
        assert_eq!(d.metadata.kind, Some(DocKind::Script));
        let qa: Vec<bool> = d
            .blocks
            .iter()
            .map(|b| matches!(b.kind, BlockKind::SpeakerTurn { qa: true, .. }))
            .collect();
        assert_eq!(qa, [false, false, true]);
        assert_eq!(d.block_text(1), "We grew.");
    }

    #[test]
    fn manifest_overrides_front_matter_and_format_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "docs/r.md",
            b"---\nkind: press_release\nauthor: Front Matter\ncompany: Acme\n---\nBody.\n",
        );
        write(
            root,
            "posts.csv",
            b"id,username,text\n11,acme,Hello\n12,acme,Bye\n",
        );
        let manifest_path = write(
            root,
            "meta.csv",
            b"path,author,channel,public_channel\n./docs/r.md,Manifest CFO,webcast,\n\
              posts.csv,,X,true\nposts.csv#12,Jane CFO,,false\n",
        );
        let manifest = manifest::Manifest::load(&manifest_path).unwrap();
        let opts = IngestOptions {
            manifest: Some(manifest),
            ..IngestOptions::default()
        };
        let out = ingest_paths(&[root.join("docs"), root.join("posts.csv")], &opts);
        assert_eq!(out.documents.len(), 3, "{:?}", out.failures);
        let md = &out.documents[0].metadata;
        assert_eq!(md.author.as_deref(), Some("Manifest CFO"));
        assert_eq!(md.company.as_deref(), Some("Acme"));
        assert_eq!(md.kind, Some(DocKind::PressRelease));
        assert_eq!(md.channel.as_deref(), Some("webcast"));
        let p11: &Metadata = &out.documents[1].metadata;
        assert_eq!(
            (p11.author.as_deref(), p11.public_channel),
            (Some("@acme"), Some(true))
        );
        let p12 = &out.documents[2].metadata;
        assert_eq!(p12.author.as_deref(), Some("Jane CFO"));
        assert_eq!(p12.public_channel, Some(false));
        assert_eq!(p12.channel.as_deref(), Some("X"));
    }

    #[test]
    fn kind_inference() {
        let kind = |text: &str| {
            let d = text::extract(text, "x.txt");
            infer_kind(&d)
        };
        assert_eq!(
            kind("FOR IMMEDIATE RELEASE\n\nAcme grew."),
            DocKind::PressRelease
        );
        assert_eq!(
            kind("Operator\n\nWelcome.\n\nJane Roe\n\nThanks.\n\nOperator\n\nNext question."),
            DocKind::Script
        );
        assert_eq!(
            kind("Jane Roe: We grew.\nJohn Doe: Why?\nJane Roe: Demand.\nJohn Doe: Thanks.\n"),
            DocKind::Script
        );
        assert_eq!(
            kind("Source: company data\nNote: unaudited\n"),
            DocKind::Other
        );
        assert_eq!(kind("Minutes of the picnic committee."), DocKind::Other);
        let labels = "Preferred Stock: $1 par.\nPreferred Stock: $2 par.\nRevenue Growth: up.\n";
        assert_eq!(kind(labels), DocKind::Other);
    }

    #[test]
    fn prepared_remarks_and_copied_posts_are_recognized_with_their_byline() {
        let one = |src: &str, ext: &str| {
            ingest_bytes(
                src.as_bytes(),
                &format!("x.{ext}"),
                ext,
                &IngestOptions::default(),
            )
            .into_iter()
            .next()
            .and_then(Result::ok)
            .unwrap()
        };
        // Speakers introduced by name and title, each speaking once, in bold Markdown.
        let remarks = "# Q2 2026 Earnings Call — Prepared Remarks\n\n\
                       **Lena Whitfield, Vice President, Investor Relations:**\nGood morning.\n\n\
                       **Dan Reeve, Executive Vice President and Chief Financial Officer**\n\n\
                       Net income was $0.27 per diluted share, as our earnings release reported.\n";
        assert_eq!(one(remarks, "md").metadata.kind, Some(DocKind::Script));
        // One speaker under a `Speaker:` line.
        let fireside = "Remarks at the Global Healthcare Conference\n\
                        Speaker: Victor Ansah, Chief Financial Officer\n\n\
                        Victor Ansah, EVP and CFO:\nThanks for having us.\n";
        assert_eq!(one(fireside, "txt").metadata.kind, Some(DocKind::Script));
        // A release's quotes are introduced by name and title too, but with a verb.
        let release = "Acme today announced results.\n\nBrian Goodman, CEO of Acme, commented:\n\
                       \"Great quarter.\"\n\nRich Lee, CFO of Acme, noted:\n\"Strong cash.\"\n";
        assert_eq!(
            one(release, "txt").metadata.kind,
            Some(DocKind::PressRelease)
        );

        // A post copied from X, and one from LinkedIn, byline and all.
        let x = one(
            "Lumaray (@LumarayNews) · Feb 5, 2026\n\nRecord 2025: Adjusted EBITDA of $4.35B.\n",
            "txt",
        );
        assert_eq!(x.metadata.kind, Some(DocKind::SocialPost));
        assert_eq!(x.metadata.handle.as_deref(), Some("@LumarayNews"));
        assert_eq!(x.metadata.author.as_deref(), Some("@LumarayNews"));
        let li = one(
            "Owen Prescott · CFO at Pelican Air Group\nLinkedIn · July 17, 2026\n\n\
             Proud of the team: CASM-ex down 0.4%.\n",
            "txt",
        );
        assert_eq!(li.metadata.kind, Some(DocKind::SocialPost));
        assert_eq!(li.metadata.platform.as_deref(), Some("LinkedIn"));
        assert_eq!(
            li.metadata.author.as_deref(),
            Some("Owen Prescott, CFO at Pelican Air Group")
        );
        // A middle dot without a handle or platform is no byline.
        let menu = one("Soup · Salad · Bread\n\nLunch menu.\n", "txt");
        assert_eq!(menu.metadata.kind, Some(DocKind::Other));
    }

    #[test]
    fn company_inferred_from_cover_page_and_export_header() {
        let cover = "FORM 8-K\n\nCURRENT REPORT\n\nHALDANE FREIGHT SYSTEMS, INC.\n\
                     (Exact name of registrant as specified in its charter)\n\nDelaware\n";
        assert_eq!(infer_company(cover), Some("HALDANE FREIGHT SYSTEMS, INC."));
        let export = "Slack export\nWorkspace: ops | Channel: #plant\nCompany: Orvale Chemicals Corp.\n\n\
                      [9:01 AM] Kim: Company: none of your business\n";
        assert_eq!(infer_company(export), Some("Orvale Chemicals Corp."));
        // A "Company:" line in a message, after the header, is not the header's.
        let late = "Teams export\n\n[9:01 AM] Kim: Company: Vendorco\n";
        assert_eq!(infer_company(late), None);
        // A cover-page caption with no name above it names nobody.
        assert_eq!(
            infer_company("(Exact name of registrant as specified in its charter)"),
            None
        );
        assert_eq!(infer_company("Minutes of the picnic committee."), None);
    }

    /// Ingests `social/` and `transcripts/` of the shared real corpus; skipped (with a
    /// message) where the corpus is absent.
    #[test]
    fn real_corpus_social_and_transcripts() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-corpus");
        let corpus = if corpus.is_dir() {
            corpus
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/real-corpus")
        };
        if !corpus.is_dir() {
            eprintln!("real corpus not found at {}; skipping", corpus.display());
            return;
        }
        for sub in ["social", "transcripts"] {
            let dir = corpus.join(sub);
            let files: Vec<String> = fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path().to_string_lossy().into_owned())
                .collect();
            let t = Instant::now();
            let out = ingest_paths(std::slice::from_ref(&dir), &IngestOptions::default());
            let secs = t.elapsed().as_secs_f64();
            assert_eq!(out.files_found, files.len());
            assert!(out.failures.is_empty(), "{:?}", out.failures);
            for f in &files {
                assert!(
                    out.documents
                        .iter()
                        .any(|d| d.path == *f || d.path.starts_with(&format!("{f}#"))),
                    "{f} not accounted for"
                );
            }
            let bytes: u64 = out.documents.iter().map(|d| d.source_bytes).sum();
            eprintln!(
                "{sub}: {} files, {} documents, {:.0} docs/s, {:.1} MB/s (debug build)",
                files.len(),
                out.documents.len(),
                out.documents.len() as f64 / secs,
                bytes as f64 / secs / 1e6
            );
            for d in &out.documents {
                assert!(!d.blocks.is_empty(), "{} has no blocks", d.path);
                if d.path.contains(".csv#") {
                    let id = d.path.rsplit('#').next().unwrap();
                    assert!(
                        id.len() >= 15 && id.bytes().all(|b| b.is_ascii_digit()),
                        "{}",
                        d.path
                    );
                    assert_eq!(d.metadata.kind, Some(DocKind::SocialPost));
                    assert!(d.metadata.disclosed_at.is_some() && d.metadata.handle.is_some());
                }
                if d.format == SourceFormat::TranscriptJson {
                    assert_eq!(d.metadata.kind, Some(DocKind::Script));
                    assert!(d.blocks.iter().any(|b| matches!(
                        &b.kind,
                        BlockKind::SpeakerTurn {
                            qa: true,
                            role: Some(_),
                            ..
                        }
                    )));
                }
                if sub == "social" && Path::new(&d.path).extension().is_some_and(|e| e == "txt") {
                    assert_eq!(d.metadata.kind, Some(DocKind::SocialPost));
                    assert!(d.metadata.disclosed_at.is_some(), "{}", d.path);
                }
            }
            let csv_posts = out
                .documents
                .iter()
                .filter(|d| d.path.contains(".csv#"))
                .count();
            if sub == "social" {
                assert!(csv_posts > 100, "{csv_posts}");
            }
        }
    }
}
