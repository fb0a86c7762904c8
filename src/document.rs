//! The one text model every extractor produces and every later stage reads.
//!
//! A [`Document`] is the extracted text of one reviewable unit (a file, or one post of a
//! social-media export, or one document of an EDGAR submission) plus its [`Block`]s and
//! resolved [`Metadata`]. No stage after `ingest` looks at the source format: it reads
//! `text`, `blocks` and `metadata` only.
//!
//! Offsets: every `start`/`end` in this module is a **byte** offset into [`Document::text`],
//! half-open `[start, end)`, always on a `char` boundary. Lines and columns are 1-based;
//! columns count `char`s, not bytes (CONTRACT.md, JSON report).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The file format a document was extracted from (kept for reports and statistics only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Markdown, possibly with YAML front matter.
    Markdown,
    /// Plain text (`.txt`, unknown text).
    Text,
    /// HTML, including SEC EDGAR (inline-XBRL) exhibits.
    Html,
    /// PDF.
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
    /// One post of a JSON social-media export, or a single-post JSON file.
    SocialJson,
    /// One post of a CSV social-media export.
    SocialCsv,
    /// An earnings-call transcript in JSON (speaker turns).
    TranscriptJson,
}

impl SourceFormat {
    /// Short lower-case name used in reports and throughput tables (`"pdf"`, `"html"`, …).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Text => "text",
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::SocialJson => "social_json",
            Self::SocialCsv => "social_csv",
            Self::TranscriptJson => "transcript_json",
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of communication a document is (CONTRACT.md `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Earnings release, 8-K exhibit, newswire release.
    PressRelease,
    /// Earnings-call or investor-meeting script or transcript (oral communication).
    Script,
    /// A social-media post.
    SocialPost,
    /// Anything else.
    #[default]
    Other,
}

impl DocKind {
    /// The contract spelling (`"press_release"`, …).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PressRelease => "press_release",
            Self::Script => "script",
            Self::SocialPost => "social_post",
            Self::Other => "other",
        }
    }

    /// Parses the contract spelling; also accepts a few common synonyms
    /// (`"transcript"`, `"call"`, `"post"`, `"tweet"`, `"release"`, `"8-k"`).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Some(match s.as_str() {
            "press_release" | "release" | "earnings_release" | "news_release" | "8_k" | "8k" => {
                Self::PressRelease
            }
            "script" | "transcript" | "call" | "earnings_call" | "call_script" | "speech" => {
                Self::Script
            }
            "social_post" | "post" | "tweet" | "social" => Self::SocialPost,
            "other" => Self::Other,
            _ => return None,
        })
    }

    /// True for oral communications, where Reg G's oral-disclosure note applies
    /// (a website pointer instead of an attached reconciliation).
    #[must_use]
    pub fn is_oral(self) -> bool {
        matches!(self, Self::Script)
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Resolved document metadata (CONTRACT.md "Document metadata").
///
/// Precedence, lowest first: what the format carries, YAML front matter, HTML `<meta>`,
/// the `--metadata` manifest row. Instants keep the offset they were given in; convert to
/// `America/New_York` only where a calendar date matters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Document kind; `None` until inferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocKind>,
    /// Issuer name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Person or account, with title where known ("Alicia Moreau, Chief Financial Officer").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Social account handle (`@acme`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Social platform (`X`, `LinkedIn`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// How it reached people: newswire, 8-K, website, webcast, one-on-one meeting, email, X, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// public | analysts | investors | shareholders | employees | media | …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Whether the channel is a recognized public-disclosure channel; `None` = decide from
    /// `channel`, `handle` and configuration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_channel: Option<bool>,
    /// Instant the document was (or will be) disclosed (`posted_at` for posts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosed_at: Option<DateTime<FixedOffset>>,
    /// When a senior official learned of an unintentional disclosure (defaults to
    /// `disclosed_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learned_at: Option<DateTime<FixedOffset>>,
    /// Title or headline, where the format carries one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Any other key found in front matter, `<meta>` tags, exports or the manifest.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub extra: BTreeMap<String, String>,
}

impl Metadata {
    /// Sets one key from its string form, as found in front matter, a `<meta>` tag, an export
    /// column or a manifest cell. Known keys are parsed (`kind`, `public_channel`,
    /// `disclosed_at`/`posted_at`/`created_at`/`date`, `learned_at`); unknown keys land in
    /// `extra`. Empty values are ignored.
    ///
    /// # Errors
    /// Returns a message when a known key has a value that does not parse (an instant that is
    /// not RFC 3339 or `YYYY-MM-DD[ HH:MM[:SS][+ZZ:ZZ]]`, a `kind` outside the contract, a
    /// `public_channel` that is not a boolean).
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(());
        }
        let key_norm = key.trim().to_ascii_lowercase().replace('-', "_");
        match key_norm.as_str() {
            "kind" | "type" | "doc_kind" => {
                self.kind = Some(
                    DocKind::parse(value)
                        .ok_or_else(|| format!("unknown kind {value:?} (expected press_release, script, social_post or other)"))?,
                );
            }
            "company" | "issuer" => self.company = Some(value.to_owned()),
            "author" | "speaker" | "spokesperson" => self.author = Some(value.to_owned()),
            "handle" | "account" | "username" | "screen_name" => {
                self.handle = Some(value.to_owned());
            }
            "platform" => self.platform = Some(value.to_owned()),
            "channel" => self.channel = Some(value.to_owned()),
            "audience" => self.audience = Some(value.to_owned()),
            "title" | "headline" => self.title = Some(value.to_owned()),
            "public_channel" => {
                self.public_channel = Some(parse_bool(value).ok_or_else(|| {
                    format!("public_channel must be true or false, not {value:?}")
                })?);
            }
            "disclosed_at" | "posted_at" | "created_at" | "created_at_utc" | "date_utc"
            | "date" | "published" | "published_at" => {
                let t = parse_instant(value)
                    .ok_or_else(|| format!("{key}: {value:?} is not an RFC 3339 instant"))?;
                // `disclosed_at` wins over the synonyms when both are given.
                if key_norm == "disclosed_at" || self.disclosed_at.is_none() {
                    self.disclosed_at = Some(t);
                }
            }
            "learned_at" => {
                self.learned_at =
                    Some(parse_instant(value).ok_or_else(|| {
                        format!("learned_at: {value:?} is not an RFC 3339 instant")
                    })?);
            }
            _ => {
                self.extra.insert(key.trim().to_owned(), value.to_owned());
            }
        }
        Ok(())
    }

    /// Overlays `other` on `self`: every field `other` has replaces the one here
    /// (used to apply the next metadata source in precedence order).
    pub fn overlay(&mut self, other: &Metadata) {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(
            kind,
            company,
            author,
            handle,
            platform,
            channel,
            audience,
            public_channel,
            disclosed_at,
            learned_at,
            title
        );
        for (k, v) in &other.extra {
            self.extra.insert(k.clone(), v.clone());
        }
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// Parses an instant: RFC 3339, or the common export forms `YYYY-MM-DD HH:MM:SS+00:00`,
/// `YYYY-MM-DD HH:MM:SS` (read as UTC) and `YYYY-MM-DD` (read as 00:00 UTC).
#[must_use]
pub fn parse_instant(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    let spaced = s.replacen(' ', "T", 1);
    if let Ok(t) = DateTime::parse_from_rfc3339(&spaced) {
        return Some(t);
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z"] {
        if let Ok(t) = DateTime::parse_from_str(&spaced, fmt) {
            return Some(t);
        }
    }
    let utc = FixedOffset::east_opt(0)?;
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(n) = chrono::NaiveDateTime::parse_from_str(&spaced, fmt) {
            return Some(n.and_utc().with_timezone(&utc));
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d.and_hms_opt(0, 0, 0)?.and_utc().with_timezone(&utc));
    }
    None
}

/// Where a block starts in the source file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcePos {
    /// 1-based line in the source file (for PDF: line within the page's extracted text).
    pub line: u32,
    /// 1-based column in `char`s.
    pub column: u32,
    /// 1-based PDF page, where the format has pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// The structural role of a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading or headline; `level` 1 is the document title.
    Heading {
        /// 1..=6.
        level: u8,
    },
    /// A paragraph of running text.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// One row of a table; the row's cells are in [`Block::cells`]. Cells are separated in
    /// `text` by a tab (`\t`) or ` | `, as the extractor chose.
    TableRow {
        /// 0-based index of the table within the document.
        table: u32,
        /// 0-based row index within the table.
        row: u32,
    },
    /// One speaker's turn in a call transcript or script.
    SpeakerTurn {
        /// Speaker as written ("Richard Dziadzio", "Operator").
        speaker: String,
        /// The speaker's role where known ("Chief Financial Officer").
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        /// Whether the turn is in the Q&A part of the call.
        qa: bool,
    },
    /// Page header / footer / running text a reader skips (kept so nothing is lost,
    /// but detection may weigh it lower).
    Furniture,
    /// A footnote or endnote.
    Footnote,
    /// A reviewer's comment in a draft (DOCX comments); drafts' comments leak too.
    Comment {
        /// Comment author where the format records one.
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<String>,
    },
    /// Text removed by a tracked change (not part of the text as accepted, but reviewed
    /// because it may hold MNPI that circulated in the draft).
    Deleted {
        /// Who deleted it, where recorded.
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<String>,
    },
}

/// A structural unit of the extracted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Role of the block.
    pub kind: BlockKind,
    /// Byte offset of the block's first byte in [`Document::text`].
    pub start: usize,
    /// Byte offset one past the block's last byte (half-open).
    pub end: usize,
    /// Where the block starts in the source.
    pub source: SourcePos,
    /// `true` when `text[start..end]` is a verbatim copy of the source from `source` on, line
    /// breaks included, so that a position inside the block maps exactly back to a source
    /// line/column. `false` when markup was stripped or text was reflowed: positions inside
    /// map to the block's line, with columns approximate.
    pub verbatim: bool,
    /// Table cells as byte ranges into `text` (only for [`BlockKind::TableRow`]).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub cells: Vec<(usize, usize)>,
    /// Whether the whole block is visually emphasized (bold/strong, or a heading), used by
    /// the Item 10(e)(1)(i)(A) prominence checks.
    pub emphasized: bool,
}

/// A location in the source, resolved for one byte offset of the extracted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// 1-based source line.
    pub line: u32,
    /// 1-based source column in `char`s.
    pub column: u32,
    /// 1-based page for paged formats.
    pub page: Option<u32>,
}

/// One reviewable unit of text with its structure and metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Address as reported: the input path as given, `file.json#<post id>` for one post of an
    /// export, `file.txt#<n>` for one document of an EDGAR submission.
    pub path: String,
    /// Format it was extracted from.
    pub format: SourceFormat,
    /// Extracted text: blocks separated by `\n\n` (table rows by `\n`).
    pub text: String,
    /// Blocks in reading order, non-overlapping, sorted by `start`.
    pub blocks: Vec<Block>,
    /// Resolved metadata (all sources merged).
    pub metadata: Metadata,
    /// Size of the source in bytes (the whole file; for posts, the post's share).
    pub source_bytes: u64,
    /// Non-fatal extraction notes ("invalid UTF-8 decoded lossily", "page 3 has no text").
    pub warnings: Vec<String>,
}

impl Document {
    /// Creates an empty document for `path`; extractors then push text with
    /// [`Document::push_block`].
    #[must_use]
    pub fn new(path: impl Into<String>, format: SourceFormat) -> Self {
        Self {
            path: path.into(),
            format,
            text: String::new(),
            blocks: Vec::new(),
            metadata: Metadata::default(),
            source_bytes: 0,
            warnings: Vec::new(),
        }
    }

    /// Appends `text` as a new block (separated from the previous one by a blank line, or a
    /// single newline for consecutive table rows) and returns its index. Leading/trailing
    /// white space is trimmed; an all-white-space `text` adds nothing and returns `None`.
    /// `cells` are byte ranges **relative to the trimmed `text`**; they are rebased.
    pub fn push_block(
        &mut self,
        kind: BlockKind,
        text: &str,
        source: SourcePos,
        verbatim: bool,
        cells: &[(usize, usize)],
        emphasized: bool,
    ) -> Option<usize> {
        let lead = text.len() - text.trim_start().len();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        if !self.text.is_empty() {
            let row_after_row = matches!(kind, BlockKind::TableRow { .. })
                && matches!(
                    self.blocks.last().map(|b| &b.kind),
                    Some(BlockKind::TableRow { .. })
                );
            self.text
                .push_str(if row_after_row { "\n" } else { "\n\n" });
        }
        let start = self.text.len();
        self.text.push_str(trimmed);
        let end = self.text.len();
        let cells = cells
            .iter()
            .filter_map(|&(s, e)| {
                let s = s.checked_sub(lead)?;
                let e = e.checked_sub(lead)?.min(trimmed.len());
                (s < e && trimmed.is_char_boundary(s) && trimmed.is_char_boundary(e))
                    .then_some((start + s, start + e))
            })
            .collect();
        // A verbatim block that lost leading white space starts further right in the source.
        let mut source = source;
        if verbatim && lead > 0 {
            let skipped = &text[..lead];
            if let Some(nl) = skipped.rfind('\n') {
                source.line += skipped.matches('\n').count() as u32;
                source.column = skipped[nl + 1..].chars().count() as u32 + 1;
            } else {
                source.column += skipped.chars().count() as u32;
            }
        }
        self.blocks.push(Block {
            kind,
            start,
            end,
            source,
            verbatim,
            cells,
            emphasized,
        });
        Some(self.blocks.len() - 1)
    }

    /// The text of block `i`.
    #[must_use]
    pub fn block_text(&self, i: usize) -> &str {
        self.blocks
            .get(i)
            .and_then(|b| self.text.get(b.start..b.end))
            .unwrap_or("")
    }

    /// Index of the block containing byte `offset` (or the last block starting before it).
    #[must_use]
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        match self.blocks.binary_search_by(|b| b.start.cmp(&offset)) {
            Ok(i) => Some(i),
            Err(0) => None,
            Err(i) => Some(i - 1),
        }
    }

    /// [`Document::location`] of `offset`, computed from a known location `base` =
    /// `(byte offset, its location)` by counting only the text between them when both lie in
    /// the same block and `offset` comes later — the cheap way to locate many offsets in
    /// increasing order (a finding per sentence), instead of counting from each block's
    /// start. Falls back to [`Document::location`] otherwise; the result is the same.
    #[must_use]
    pub fn location_after(&self, base: (usize, Location), offset: usize) -> Location {
        let (from, at) = base;
        let Some(b) = self.block_at(offset).and_then(|i| self.blocks.get(i)) else {
            return self.location(offset);
        };
        // Blocks are sorted and do not overlap, so `b.start <= from <= offset` puts `from` in
        // `offset`'s block without a second search. A block whose source column is 0 gets its
        // columns clamped to 1 by `location`: counting on from a clamped column would drift.
        if from > offset || from < b.start || b.source.column == 0 {
            // `location(offset)` without searching for the block again.
            return self.count_on(b, b.start, (b.source.line, b.source.column), offset);
        }
        self.count_on(b, from, (at.line, at.column), offset)
    }

    /// Maps a byte offset of [`Document::text`] back to a source line/column (and page).
    ///
    /// Inside a verbatim block the result is exact; inside a reflowed block it is the block's
    /// line with the column counted from the block's start on its first line. Offsets before
    /// the first block map to 1:1.
    #[must_use]
    pub fn location(&self, offset: usize) -> Location {
        let Some(i) = self.block_at(offset) else {
            return Location {
                line: 1,
                column: 1,
                page: None,
            };
        };
        let b = &self.blocks[i];
        self.count_on(b, b.start, (b.source.line, b.source.column), offset)
    }

    /// The location of `offset` in block `b`, counted on from byte `from` of the block, whose
    /// source line and column are `at`. Reflowed blocks keep their line breaks where the
    /// extractor kept them, so the same arithmetic applies; only verbatim blocks promise the
    /// columns are exact.
    fn count_on(&self, b: &Block, from: usize, at: (u32, u32), offset: usize) -> Location {
        let from = from.max(b.start);
        let offset = offset.min(b.end).max(from);
        let inner = self.text.get(from..offset).unwrap_or("");
        let bytes = inner.as_bytes();
        // One backward search finds the last line break: most spans have none, and then
        // nothing else is scanned but the chars of the span; otherwise the breaks before it
        // are counted by `memchr` over bytes (`\n` is never part of a longer UTF-8 char).
        let (line, column) = match memchr::memrchr(b'\n', bytes) {
            None => (at.0, at.1 + inner.chars().count() as u32),
            Some(last) => {
                let before = bytes.get(..last).unwrap_or_default();
                let newlines = memchr::memchr_iter(b'\n', before).count() as u32 + 1;
                let tail = inner.get(last + 1..).unwrap_or("");
                (at.0 + newlines, tail.chars().count() as u32 + 1)
            }
        };
        Location {
            line: line.max(1),
            column: column.max(1),
            page: b.source.page,
        }
    }
}

/// Why an input was not reviewed. Every input is accounted for in every report
/// (reviewed, skipped with a reason, or failed with an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFailure {
    /// Address as reported (input path as given, `#id` for a post).
    pub path: String,
    /// `skipped` (not a reviewable document: unknown type, empty) or `failed` (could not be
    /// read or parsed).
    pub status: FailureStatus,
    /// Pipeline stage that gave up: `walk`, `read`, `extract`, `metadata`.
    pub stage: String,
    /// Human-readable reason.
    pub reason: String,
    /// Format, where known.
    pub format: Option<SourceFormat>,
    /// Size of the input in bytes, where known.
    pub source_bytes: u64,
}

/// Whether an unreviewed input was skipped on purpose or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureStatus {
    /// Not a reviewable document (unsupported type, empty, ignored).
    Skipped,
    /// Could not be read or parsed; makes the run exit with code 2.
    Failed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_block_rebases_cells_and_locations() {
        let mut d = Document::new("x.md", SourceFormat::Markdown);
        d.push_block(
            BlockKind::Heading { level: 1 },
            "# Title",
            SourcePos {
                line: 1,
                column: 1,
                page: None,
            },
            true,
            &[],
            true,
        );
        let row = "  Revenue\t$10";
        let i = d
            .push_block(
                BlockKind::TableRow { table: 0, row: 0 },
                row,
                SourcePos {
                    line: 3,
                    column: 1,
                    page: None,
                },
                true,
                &[(2, 9), (10, 13)],
                false,
            )
            .unwrap();
        let b = &d.blocks[i];
        assert_eq!(&d.text[b.cells[0].0..b.cells[0].1], "Revenue");
        assert_eq!(&d.text[b.cells[1].0..b.cells[1].1], "$10");
        assert_eq!(b.source.column, 3);
        let off = d.text.find("$10").unwrap();
        assert_eq!(
            d.location(off),
            Location {
                line: 3,
                column: 11,
                page: None
            }
        );
    }

    #[test]
    fn location_after_agrees_with_location_everywhere() {
        let mut d = Document::new("x.txt", SourceFormat::Text);
        let pos = |line, column, page| SourcePos { line, column, page };
        d.push_block(
            BlockKind::Paragraph,
            "Résumé of the\nquarter — net\nloss",
            pos(1, 1, Some(2)),
            true,
            &[],
            false,
        );
        d.push_block(
            BlockKind::Paragraph,
            "  Second block, one line",
            pos(5, 4, Some(3)),
            true,
            &[],
            false,
        );
        d.push_block(
            BlockKind::Paragraph,
            "Reflowed\ntext",
            pos(9, 0, None),
            false,
            &[],
            false,
        );
        let offsets: Vec<usize> = (0..=d.text.len())
            .filter(|&o| d.text.is_char_boundary(o))
            .collect();
        for &from in &offsets {
            let base = (from, d.location(from));
            for &to in &offsets {
                assert_eq!(
                    d.location_after(base, to),
                    d.location(to),
                    "from {from} to {to}"
                );
            }
        }
    }

    #[test]
    fn location_counts_lines_and_char_columns_like_a_naive_scan() {
        let mut d = Document::new("x.txt", SourceFormat::Text);
        let text = "a\n\nbé — c\nd\n\n\nfinal é line";
        d.push_block(
            BlockKind::Paragraph,
            text,
            SourcePos {
                line: 3,
                column: 2,
                page: None,
            },
            true,
            &[],
            false,
        );
        let (mut line, mut column) = (3, 2);
        for (o, ch) in d.text.char_indices() {
            let got = d.location(o);
            assert_eq!((got.line, got.column), (line, column), "offset {o}");
            if ch == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        let end = d.location(d.text.len());
        assert_eq!((end.line, end.column), (line, column));
    }

    #[test]
    fn metadata_set_and_overlay() {
        let mut m = Metadata::default();
        m.set("posted_at", "2022-02-09 15:26:20+00:00").unwrap();
        m.set("kind", "tweet").unwrap();
        m.set("ticker", "YUM").unwrap();
        assert_eq!(m.kind, Some(DocKind::SocialPost));
        assert_eq!(
            m.disclosed_at.unwrap().to_rfc3339(),
            "2022-02-09T15:26:20+00:00"
        );
        assert!(m.set("disclosed_at", "yesterday").is_err());
        let mut base = Metadata {
            author: Some("a".into()),
            ..Metadata::default()
        };
        base.overlay(&m);
        assert_eq!(base.author.as_deref(), Some("a"));
        assert_eq!(base.extra["ticker"], "YUM");
    }
}
