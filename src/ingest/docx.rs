//! Extractor: DOCX (Office Open XML word-processing documents, ECMA-376), for drafts that
//! arrive as Word files with tracked changes.
//!
//! Input: the bytes of a `.docx` package (a zip of XML parts). Output: one [`Document`]
//! (format [`SourceFormat::Docx`]) whose text reads as if every tracked change were
//! accepted, plus the draft-only text a reviewer must still see:
//!
//! * body (`word/document.xml`, or the part `_rels/.rels` names): paragraphs, headings
//!   (paragraph style `heading 1`…`heading 6`/`Title` by style *name*, so localized style ids
//!   resolve through `word/styles.xml`; outline levels count too), list items (numbering on the
//!   paragraph or its style), table rows (cells separated by `\t`, with cell ranges);
//! * after each paragraph or row with tracked deletions (`w:del`, `w:moveFrom`), a
//!   [`BlockKind::Deleted`] block with the removed text, so MNPI that survives only in deleted
//!   text is still reviewed;
//! * after the body: footnotes and endnotes ([`BlockKind::Footnote`]), comments
//!   ([`BlockKind::Comment`] with the author), then headers and footers
//!   ([`BlockKind::Furniture`], identical ones once).
//!
//! Locations: DOCX has no lines, so a body block's [`SourcePos::line`] is the 1-based number
//! of its paragraph in the body (every `w:p` counts, including those in tables and text
//! boxes; a table row takes its first paragraph's number); a note, comment or header block
//! uses its 1-based ordinal in its part. Columns are 1 and blocks are never verbatim.
//!
//! Metadata (lowest precedence, CONTRACT.md "Document metadata"): `docProps/core.xml` gives
//! `title` and `extra` keys `docx_creator` (the drafter, not the speaker), `docx_last_modified_by`,
//! `docx_created`, `docx_modified`; custom properties (`docProps/custom.xml`) whose names are
//! contract keys (`kind`, `company`, `author`, `channel`, `audience`, `disclosed_at`, …) are set
//! through [`Metadata::set`].
//!
//! Hostile input is bounded ([`Limits`]): the package is never extracted to disk; entries
//! with unsafe names (`../x`, `/x`, `C:x`) are ignored with a warning; each part is inflated
//! in chunks and abandoned past the per-part, per-file and compression-ratio limits (zip
//! bombs); XML nesting is capped; OLE files (encrypted or legacy Word) are refused.
//! Everything else about meaning is left to later stages.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use crate::document::{BlockKind, Document, Metadata, SourceFormat, SourcePos};

/// Resource limits for one DOCX package. Sizes are in bytes of *inflated* data.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest inflated size of one part (default 64 MiB).
    pub max_part_bytes: u64,
    /// Largest inflated size of all parts read from one file together (default 256 MiB).
    pub max_total_bytes: u64,
    /// Largest inflated/compressed ratio of a part, checked once the part has inflated past
    /// [`Limits::ratio_floor_bytes`] (default 200; real `WordprocessingML` deflates 5–30×,
    /// a zip bomb about 1000×).
    pub max_ratio: u64,
    /// Inflated size below which the ratio is not checked (default 1 MiB): small parts of
    /// repetitive XML legitimately reach high ratios.
    pub ratio_floor_bytes: u64,
    /// Deepest XML element nesting accepted (default 10,000).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_part_bytes: 64 * 1024 * 1024,
            max_total_bytes: 256 * 1024 * 1024,
            max_ratio: 200,
            ratio_floor_bytes: 1024 * 1024,
            max_depth: 10_000,
        }
    }
}

/// Extracts a DOCX package with the default [`Limits`]; `display` becomes
/// [`Document::path`]. See the module documentation for what is extracted and where.
///
/// # Errors
/// A human-readable reason (reported as `failed`): `not a valid DOCX (zip): …` for bytes that
/// are not a readable zip (including truncated files); `password-protected or legacy Word
/// file …` for OLE compound files and encrypted entries; `not a DOCX: …` when the main
/// document part is missing; `DOCX expands beyond … (zip bomb?)` past a size or ratio limit;
/// an XML error in the main document part; XML nested deeper than [`Limits::max_depth`] in any
/// part. Malformed secondary parts (comments, notes, headers, styles, properties) only add a
/// warning.
pub fn extract(bytes: &[u8], display: &str) -> Result<Document, String> {
    extract_with_limits(bytes, display, &Limits::default())
}

/// [`extract`] with explicit [`Limits`].
///
/// # Errors
/// As [`extract`].
pub fn extract_with_limits(
    bytes: &[u8],
    display: &str,
    limits: &Limits,
) -> Result<Document, String> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(
            "password-protected or legacy Word file (OLE compound document, not DOCX); \
                    save it as .docx without a password"
                .to_owned(),
        );
    }
    let archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a valid DOCX (zip): {e}"))?;
    let mut pkg = Package {
        archive,
        archive_bytes: bytes.len() as u64,
        limits,
        inflated_total: 0,
        warnings: Vec::new(),
    };
    pkg.check_entry_names();

    let main = pkg.main_part_name()?;
    let Some(main_xml) = pkg.read_part(&main)? else {
        return Err(format!(
            "not a DOCX: the package has no main document part ({main})"
        ));
    };
    let parts = pkg.related_parts(&main)?;
    let styles = match &parts.styles {
        Some(name) => match pkg.read_part(name)? {
            Some(xml) => parse_styles(&xml, name, limits.max_depth, &mut pkg.warnings)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };

    let mut doc = Document::new(display, SourceFormat::Docx);
    doc.source_bytes = bytes.len() as u64;

    let body = match parse_story(&main_xml, Story::Body, &styles, limits.max_depth) {
        Ok(out) => out,
        Err(XmlFail::TooDeep(m) | XmlFail::Malformed(m)) => return Err(format!("{main}: {m}")),
    };
    drop(main_xml);
    push_body(&mut doc, &body.pieces);

    let mut seen_furniture: HashSet<String> = HashSet::new();
    let secondary: [(Story, &[String]); 5] = [
        (Story::Footnotes, parts.footnotes.as_slice()),
        (Story::Endnotes, parts.endnotes.as_slice()),
        (Story::Comments, parts.comments.as_slice()),
        (Story::HeaderFooter, parts.headers.as_slice()),
        (Story::HeaderFooter, parts.footers.as_slice()),
    ];
    for (story, names) in secondary {
        for name in names {
            let Some(xml) = pkg.read_part(name)? else {
                continue;
            };
            let out = match parse_story(&xml, story, &styles, limits.max_depth) {
                Ok(out) => out,
                Err(XmlFail::TooDeep(m)) => return Err(format!("{name}: {m}")),
                Err(XmlFail::Malformed(m)) => {
                    pkg.warnings
                        .push(format!("{name}: {m}; the rest of this part was not read"));
                    continue;
                }
            };
            push_containers(&mut doc, story, &out, &mut seen_furniture);
        }
    }

    let mut meta = Metadata::default();
    if let Some(xml) = pkg.read_part("docProps/core.xml")? {
        read_core_properties(&xml, &mut meta, limits.max_depth, &mut pkg.warnings)?;
    }
    if let Some(xml) = pkg.read_part("docProps/custom.xml")? {
        read_custom_properties(&xml, &mut meta, limits.max_depth, &mut pkg.warnings)?;
    }
    doc.metadata = meta;
    doc.warnings = pkg.warnings;
    Ok(doc)
}

/// Whether `bytes` look like a DOCX package: a zip whose central directory lists
/// `word/document.xml` (used to sniff files whose extension says nothing).
#[must_use]
pub fn looks_like_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && ZipArchive::new(Cursor::new(bytes))
            .is_ok_and(|a| a.index_for_name("word/document.xml").is_some())
}

/// Signature of an OLE compound file: legacy `.doc`, and every password-protected `.docx`
/// (Word wraps encrypted OOXML in an OLE container).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// `WordprocessingML` namespaces: transitional and strict.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// How many unsafe entry names a warning lists before summarizing.
const MAX_NAMES_IN_WARNING: usize = 5;

// ---------------------------------------------------------------------------------------------
// Package access
// ---------------------------------------------------------------------------------------------

/// An opened zip with the inflation budget of one file.
struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    archive_bytes: u64,
    limits: &'a Limits,
    /// Inflated bytes read so far from all parts.
    inflated_total: u64,
    warnings: Vec<String>,
}

/// Parts the main document relates to, as normalized zip entry names.
#[derive(Debug, Default)]
struct RelatedParts {
    styles: Option<String>,
    comments: Vec<String>,
    footnotes: Vec<String>,
    endnotes: Vec<String>,
    headers: Vec<String>,
    footers: Vec<String>,
}

impl Package<'_> {
    /// Warns about entries whose names would escape an extraction folder. Nothing is ever
    /// extracted, and parts are only looked up by normalized names, so these entries are
    /// never read; the warning tells the reviewer the file was tampered with.
    fn check_entry_names(&mut self) {
        let unsafe_names: Vec<String> = self
            .archive
            .file_names_raw()
            .map(String::from_utf8_lossy)
            .filter(|n| is_unsafe_entry_name(n))
            .map(Cow::into_owned)
            .collect();
        if !unsafe_names.is_empty() {
            let shown: Vec<String> = unsafe_names
                .iter()
                .take(MAX_NAMES_IN_WARNING)
                .map(|n| format!("{n:?}"))
                .collect();
            let more = unsafe_names.len().saturating_sub(MAX_NAMES_IN_WARNING);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            self.warnings.push(format!(
                "ignored zip entries with unsafe names (path traversal): {}{more}",
                shown.join(", ")
            ));
        }
        if self.archive.has_duplicate_names() {
            self.warnings.push(
                "zip has several entries with the same name; only one of each was read".to_owned(),
            );
        }
    }

    /// The main document part: the `officeDocument` target of `_rels/.rels`, else
    /// `word/document.xml`.
    fn main_part_name(&mut self) -> Result<String, String> {
        const DEFAULT: &str = "word/document.xml";
        let Some(xml) = self.read_part("_rels/.rels")? else {
            return Ok(DEFAULT.to_owned());
        };
        let rels = parse_relationships(
            &xml,
            "_rels/.rels",
            self.limits.max_depth,
            "",
            &mut self.warnings,
        )?;
        for rel in rels {
            if rel.kind == "officeDocument" {
                match rel.target {
                    Some(t) if self.archive.index_for_name(&t).is_some() => return Ok(t),
                    Some(_) => {}
                    None => self.warnings.push(format!(
                        "_rels/.rels: ignored main document target {:?} outside the package",
                        rel.raw_target
                    )),
                }
            }
        }
        Ok(DEFAULT.to_owned())
    }

    /// The parts the main document relates to (from its `.rels`), plus the parts with the
    /// conventional names that exist but no relationship names (so orphaned comments or
    /// headers are reviewed too).
    fn related_parts(&mut self, main: &str) -> Result<RelatedParts, String> {
        let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut parts = RelatedParts::default();
        // Part names already listed: a hostile `.rels` may hold hundreds of thousands of
        // relationships, so no linear `contains`.
        let mut listed: HashSet<String> = HashSet::new();
        if let Some(xml) = self.read_part(&rels_name)? {
            let rels = parse_relationships(
                &xml,
                &rels_name,
                self.limits.max_depth,
                dir,
                &mut self.warnings,
            )?;
            for rel in rels {
                let Some(target) = rel.target else {
                    self.warnings.push(format!(
                        "{rels_name}: ignored target {:?} outside the package",
                        rel.raw_target
                    ));
                    continue;
                };
                let list = match rel.kind.as_str() {
                    "styles" => {
                        parts.styles.get_or_insert(target);
                        continue;
                    }
                    "comments" => &mut parts.comments,
                    "footnotes" => &mut parts.footnotes,
                    "endnotes" => &mut parts.endnotes,
                    "header" => &mut parts.headers,
                    "footer" => &mut parts.footers,
                    _ => continue,
                };
                if listed.insert(target.clone()) {
                    list.push(target);
                }
            }
        }
        let exists = |n: &str| self.archive.index_for_name(n).is_some();
        if parts.styles.is_none() && exists("word/styles.xml") {
            parts.styles = Some("word/styles.xml".to_owned());
        }
        for (name, list) in [
            ("word/comments.xml", &mut parts.comments),
            ("word/footnotes.xml", &mut parts.footnotes),
            ("word/endnotes.xml", &mut parts.endnotes),
        ] {
            if exists(name) && listed.insert(name.to_owned()) {
                list.push(name.to_owned());
            }
        }
        let mut extra: Vec<String> = self
            .archive
            .file_names_raw()
            .filter_map(|n| std::str::from_utf8(n).ok())
            .filter(|n| {
                let Some(rest) = n.strip_prefix("word/") else {
                    return false;
                };
                (rest.starts_with("header") || rest.starts_with("footer"))
                    && rest
                        .get(rest.len().saturating_sub(4)..)
                        .is_some_and(|e| e.eq_ignore_ascii_case(".xml"))
                    && !rest.contains('/')
            })
            .map(str::to_owned)
            .collect();
        // header2 before header10.
        extra.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        for name in extra {
            let list = if name.starts_with("word/header") {
                &mut parts.headers
            } else {
                &mut parts.footers
            };
            if listed.insert(name.clone()) {
                list.push(name);
            }
        }
        Ok(parts)
    }

    /// Inflates one part into a string, within the limits. `Ok(None)` when the package has
    /// no such entry.
    fn read_part(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        if self
            .archive
            .by_index_data(index)
            .is_ok_and(|e| e.encrypted())
        {
            return Err(format!(
                "password-protected or legacy Word file (encrypted zip entry {name})"
            ));
        }
        let limits = self.limits;
        let budget_left = limits.max_total_bytes.saturating_sub(self.inflated_total);
        let file = self.archive.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
                format!("password-protected or legacy Word file (encrypted zip entry {name})")
            }
            e => format!("not a valid DOCX (zip): {name}: {e}"),
        })?;
        let declared = file.size();
        // A lying central directory cannot make the ratio look better than the file allows.
        let compressed = file.compressed_size().clamp(1, self.archive_bytes.max(1));
        if declared > limits.max_part_bytes {
            return Err(too_big_part(name, limits.max_part_bytes));
        }
        if declared > budget_left {
            return Err(too_big_total(limits.max_total_bytes));
        }
        // `take` caps what the inflater may produce even if the checks below had a gap;
        // the loop checks after every chunk so a bomb stops within one chunk of a limit.
        let cap = limits.max_part_bytes.min(budget_left).saturating_add(1);
        let mut reader = file.take(cap);
        let mut buf: Vec<u8> = Vec::with_capacity(declared.min(1 << 20) as usize);
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(format!("not a valid DOCX (zip): {name}: {e}")),
            };
            buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
            let total = buf.len() as u64;
            if total > limits.max_part_bytes {
                return Err(too_big_part(name, limits.max_part_bytes));
            }
            if total > budget_left {
                return Err(too_big_total(limits.max_total_bytes));
            }
            if total > limits.ratio_floor_bytes && total / compressed > limits.max_ratio {
                return Err(format!(
                    "DOCX expands beyond a {}:1 compression ratio in {name} (zip bomb?)",
                    limits.max_ratio
                ));
            }
        }
        self.inflated_total += buf.len() as u64;
        Ok(Some(decode_xml(buf, name, &mut self.warnings)))
    }
}

fn too_big_part(name: &str, limit: u64) -> String {
    format!(
        "DOCX expands beyond {} per part in {name} (zip bomb?)",
        human_bytes(limit)
    )
}

fn too_big_total(limit: u64) -> String {
    format!(
        "DOCX expands beyond {} in total (zip bomb?)",
        human_bytes(limit)
    )
}

/// `64 MiB`, `1 KiB`, `300 bytes`.
fn human_bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// A zip entry name that would escape an extraction folder: absolute (`/x`, `\x`), with a
/// drive or stream (`C:x`), with a `..` segment, or with a NUL byte.
fn is_unsafe_entry_name(name: &str) -> bool {
    name.starts_with('/')
        || name.starts_with('\\')
        || name.contains(':')
        || name.contains('\0')
        || name.split(['/', '\\']).any(|seg| seg == "..")
}

/// Decodes an XML part: UTF-8 (BOM stripped) or, with a BOM, UTF-16; invalid UTF-8 is decoded
/// lossily with a warning.
fn decode_xml(buf: Vec<u8>, name: &str, warnings: &mut Vec<String>) -> String {
    if let Some(rest) = buf.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest.to_vec(), name, warnings);
    }
    if buf.starts_with(b"\xFF\xFE") || buf.starts_with(b"\xFE\xFF") {
        let enc = if buf.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = enc.decode(&buf);
        if had_errors {
            warnings.push(format!("{name}: invalid UTF-16 decoded lossily"));
        }
        // The declaration still says UTF-16; quick-xml reads the string as it is.
        return text.into_owned();
    }
    decode_utf8(buf, name, warnings)
}

fn decode_utf8(buf: Vec<u8>, name: &str, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(format!("{name}: invalid UTF-8 decoded lossily"));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// One relationship of a `.rels` part.
struct Relationship {
    /// Last segment of the relationship type URI (`officeDocument`, `header`, …).
    kind: String,
    /// Target as a normalized zip entry name; `None` when it escapes the package.
    target: Option<String>,
    raw_target: String,
}

/// Parses a `.rels` part; targets are resolved against `base_dir` (the source part's
/// folder). External targets (hyperlinks) are left out. A malformed part gives the
/// relationships before the error and a warning for `warnings`; nesting past `max_depth` is
/// an `Err`.
fn parse_relationships(
    xml: &str,
    name: &str,
    max_depth: usize,
    base_dir: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Relationship>, String> {
    let mut out = Vec::new();
    let r = walk(xml, max_depth, |node| {
        if let Node::Open(e) = node
            && local(e.name().0) == "Relationship"
        {
            let external = attr(e, "TargetMode").is_some_and(|m| m == "External");
            if let (Some(kind), Some(target), false) =
                (attr(e, "Type"), attr(e, "Target"), external)
            {
                out.push(Relationship {
                    kind: kind.rsplit('/').next().unwrap_or("").to_owned(),
                    target: resolve_target(base_dir, &target),
                    raw_target: target,
                });
            }
        }
        Flow::Continue
    });
    match r {
        Ok(()) => {}
        Err(XmlFail::TooDeep(m)) => return Err(format!("{name}: {m}")),
        Err(XmlFail::Malformed(m)) => warnings.push(format!("{name}: {m}")),
    }
    Ok(out)
}

/// Resolves a relationship target to a zip entry name (`/word/x.xml` is package-absolute,
/// `x.xml` relative to `base_dir`); `None` when `..` would leave the package.
fn resolve_target(base_dir: &str, target: &str) -> Option<String> {
    let target = target.replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None if base_dir.is_empty() => target,
        None => format!("{base_dir}/{target}"),
    };
    let mut segs: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop()?;
            }
            s => segs.push(s),
        }
    }
    (!segs.is_empty()).then(|| segs.join("/"))
}

// ---------------------------------------------------------------------------------------------
// XML walking
// ---------------------------------------------------------------------------------------------

/// What the visitor sees: element starts (empty elements give `Open` then `Close`), ends, and
/// text with entities resolved.
enum Node<'n, 'a> {
    Open(&'n BytesStart<'a>),
    Close,
    Text(&'n str),
}

/// The visitor's answer to `Open`: descend, or skip the element's content (then no `Close`
/// is delivered for it).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    SkipChildren,
}

/// Why a part could not be walked to its end.
#[derive(Debug)]
enum XmlFail {
    /// Nested past the depth limit (hostile; fatal in any part).
    TooDeep(String),
    /// Not well-formed XML.
    Malformed(String),
}

/// Walks `xml` with a streaming reader, bounding nesting at `max_depth` elements.
/// Predefined and character entity references are resolved; others (DOCX declares none) are
/// dropped.
fn walk(
    xml: &str,
    max_depth: usize,
    mut visit: impl FnMut(Node<'_, '_>) -> Flow,
) -> Result<(), XmlFail> {
    let mut reader = Reader::from_str(xml);
    let mut depth: usize = 0;
    // Depth at which skipping ends (the skipped element's own depth).
    let mut skip_to: Option<usize> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            XmlFail::Malformed(format!(
                "XML error at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_depth {
                    return Err(XmlFail::TooDeep(format!(
                        "XML nests deeper than {max_depth} elements"
                    )));
                }
                if skip_to.is_none() && visit(Node::Open(&e)) == Flow::SkipChildren {
                    skip_to = Some(depth);
                }
            }
            // An empty element is an open immediately closed (unless the visitor skips it).
            Event::Empty(e) if skip_to.is_none() && visit(Node::Open(&e)) == Flow::Continue => {
                visit(Node::Close);
            }
            Event::End(_) => {
                match skip_to {
                    Some(d) if d == depth => skip_to = None,
                    Some(_) => {}
                    None => {
                        visit(Node::Close);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip_to.is_none() => {
                visit(Node::Text(&t.xml10_content()));
            }
            Event::CData(t) if skip_to.is_none() => {
                visit(Node::Text(&t.xml10_content()));
            }
            Event::GeneralRef(r) if skip_to.is_none() => {
                let mut tmp = [0u8; 4];
                let resolved: Option<&str> = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.encode_utf8(&mut tmp)),
                    Ok(None) => match &*r {
                        "lt" => Some("<"),
                        "gt" => Some(">"),
                        "amp" => Some("&"),
                        "apos" => Some("'"),
                        "quot" => Some("\""),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(s) = resolved {
                    visit(Node::Text(s));
                }
            }
            Event::Eof if depth > 0 => {
                return Err(XmlFail::Malformed(format!(
                    "XML ends inside {depth} open element(s) (truncated?)"
                )));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The part of a qualified name after the prefix.
fn local(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

/// The local name of a `WordprocessingML` element (prefix `wp`, or no prefix when `wp` is
/// empty); `None` for elements of other namespaces (`DrawingML` `a:p` is not a paragraph).
fn w_local<'n>(qname: &'n str, wp: &str) -> Option<&'n str> {
    match qname.split_once(':') {
        Some((p, l)) if p == wp => Some(l),
        None if wp.is_empty() => Some(qname),
        _ => None,
    }
}

/// The value of the first attribute whose local name is `name` (`w:val` and `val` alike),
/// entities resolved.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.0;
        (local(key) == name && !key.starts_with("xmlns"))
            .then(|| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(Cow::into_owned)
    })
}

/// The prefix bound to the `WordprocessingML` namespace on `root` (`w` when none is found).
fn w_prefix(root: &BytesStart<'_>) -> String {
    for a in root.attributes().with_checks(false).flatten() {
        let key = a.key.0;
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .unwrap_or_default();
        if W_NAMESPACES.contains(&value.as_ref()) {
            if let Some(p) = key.strip_prefix("xmlns:") {
                return p.to_owned();
            }
            if key == "xmlns" {
                return String::new();
            }
        }
    }
    "w".to_owned()
}

/// `w:val` of an on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

// ---------------------------------------------------------------------------------------------
// Styles
// ---------------------------------------------------------------------------------------------

/// What a style contributes: heading level, list numbering, bold (with `basedOn`).
#[derive(Debug, Default, Clone)]
struct StyleInfo {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    numbered: Option<bool>,
    bold: Option<bool>,
}

/// Styles by style id (`word/styles.xml`).
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, StyleInfo>,
}

/// How far a `basedOn` chain is followed (Word itself allows only a few levels; a cycle
/// must not loop).
const MAX_STYLE_CHAIN: usize = 16;

impl Styles {
    /// Walks `id` and its `basedOn` ancestors until `f` gives an answer.
    fn resolve<T>(&self, id: &str, f: impl Fn(&str, Option<&StyleInfo>) -> Option<T>) -> Option<T> {
        let mut id = id.to_owned();
        for _ in 0..MAX_STYLE_CHAIN {
            let info = self.by_id.get(&id);
            if let Some(v) = f(&id, info) {
                return Some(v);
            }
            id = info?.based_on.clone()?;
        }
        None
    }

    /// Heading level 1..=6 of paragraph style `id`: by name (`heading N`, `Title`), by outline
    /// level, or (for ids missing from styles.xml) by the built-in ids `HeadingN`/`Title`.
    fn heading_level(&self, id: &str) -> Option<u8> {
        self.resolve(id, |id, info| match info {
            Some(s) => heading_from_name(&s.name)
                .or(s.outline_level.filter(|&l| l < 9).map(|l| (l + 1).min(6))),
            None => heading_from_name(id),
        })
    }

    /// Whether paragraph style `id` carries list numbering.
    fn numbered(&self, id: &str) -> bool {
        self.resolve(id, |_, info| info?.numbered).unwrap_or(false)
    }

    /// Bold set by style `id` (paragraph or character style), if any.
    fn bold(&self, id: &str) -> Option<bool> {
        self.resolve(id, |_, info| {
            let s = info?;
            s.bold
                .or_else(|| (s.name.eq_ignore_ascii_case("strong")).then_some(true))
        })
    }
}

/// `heading 3` / `Heading3` → 3 (clamped to 6), `Title` → 1.
fn heading_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let n = lower.strip_prefix("heading")?.trim();
    let level: u8 = n.parse().ok()?;
    (1..=9).contains(&level).then_some(level.min(6))
}

/// Parses `word/styles.xml`. A malformed part gives the styles read so far and a warning.
fn parse_styles(
    xml: &str,
    name: &str,
    max_depth: usize,
    warnings: &mut Vec<String>,
) -> Result<Styles, String> {
    let mut styles = Styles::default();
    let mut wp = String::from("w");
    let mut root_seen = false;
    let mut current: Option<(String, StyleInfo)> = None;
    // Element names open inside the current style (pPr, rPr).
    let mut stack: Vec<String> = Vec::new();
    let r = walk(xml, max_depth, |node| {
        match node {
            Node::Open(e) => {
                if !root_seen {
                    root_seen = true;
                    wp = w_prefix(e);
                }
                let l = w_local(e.name().0, &wp).unwrap_or("").to_owned();
                if l.ends_with("Change") {
                    // Formatting revisions hold the *old* properties.
                    return Flow::SkipChildren;
                }
                if l == "style" {
                    if let Some((id, info)) = current.take() {
                        styles.by_id.insert(id, info);
                    }
                    current = attr(e, "styleId").map(|id| (id, StyleInfo::default()));
                } else if let Some((_, info)) = current.as_mut() {
                    let in_para_props = stack.iter().any(|s| s == "pPr");
                    let in_run_props = stack.iter().any(|s| s == "rPr");
                    match l.as_str() {
                        "name" => info.name = attr(e, "val").unwrap_or_default(),
                        "basedOn" => info.based_on = attr(e, "val"),
                        "outlineLvl" if in_para_props => {
                            info.outline_level = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        "numId" if in_para_props => {
                            info.numbered = Some(attr(e, "val").is_some_and(|v| v != "0"));
                        }
                        "b" if in_run_props => info.bold = Some(on_off(e)),
                        _ => {}
                    }
                }
                stack.push(l);
            }
            Node::Close => {
                if stack.pop().as_deref() == Some("style")
                    && let Some((id, info)) = current.take()
                {
                    styles.by_id.insert(id, info);
                }
            }
            Node::Text(_) => {}
        }
        Flow::Continue
    });
    match r {
        Ok(()) => {}
        Err(XmlFail::TooDeep(m)) => return Err(format!("{name}: {m}")),
        Err(XmlFail::Malformed(m)) => {
            warnings.push(format!("{name}: {m}; styles after it were not read"));
        }
    }
    Ok(styles)
}

// ---------------------------------------------------------------------------------------------
// Stories (body, notes, comments, headers/footers)
// ---------------------------------------------------------------------------------------------

/// Which part is being read; decides what counts as a container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    Body,
    Footnotes,
    Endnotes,
    Comments,
    HeaderFooter,
}

/// Deleted text of a paragraph or row: non-adjacent deletions are joined with ` … `.
#[derive(Debug, Default)]
struct Deletions {
    text: String,
    authors: Vec<String>,
    /// The last text appended was deleted (the next deletion continues the same fragment).
    adjacent: bool,
    /// Kept white space came after the last deletion.
    gap: bool,
}

impl Deletions {
    fn push(&mut self, s: &str, author: Option<&str>) {
        if !self.adjacent && !self.text.is_empty() {
            self.text.push_str(" … ");
        } else if self.adjacent && self.gap {
            self.text.push(' ');
        }
        self.text.push_str(s);
        self.adjacent = true;
        self.gap = false;
        if let Some(a) = author
            && !self.authors.iter().any(|x| x == a)
        {
            self.authors.push(a.to_owned());
        }
    }

    /// Kept (not deleted) text arrived.
    fn kept(&mut self, s: &str) {
        if s.trim().is_empty() {
            self.gap = self.adjacent;
        } else {
            self.adjacent = false;
            self.gap = false;
        }
    }

    fn append(&mut self, other: Deletions) {
        if other.text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str(" … ");
        }
        self.text.push_str(&other.text);
        for a in other.authors {
            if !self.authors.contains(&a) {
                self.authors.push(a);
            }
        }
        self.adjacent = false;
    }

    fn author(&self) -> Option<String> {
        (!self.authors.is_empty()).then(|| self.authors.join(", "))
    }
}

/// Formatting of the run being read.
#[derive(Debug, Default)]
struct RunState {
    open: bool,
    in_rpr: bool,
    /// Direct `w:b`.
    bold: Option<bool>,
    /// Bold from the run's character style.
    style_bold: Option<bool>,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    line: u32,
    text: String,
    deleted: Deletions,
    style: Option<String>,
    /// Bold set by the paragraph style (resolved once, when `w:pStyle` is read).
    style_bold: Option<bool>,
    /// Direct numbering: `Some(false)` for `numId 0` (numbering removed).
    numbered: Option<bool>,
    outline_level: Option<u8>,
    in_ppr: bool,
    run: RunState,
    /// Every non-blank kept run so far was bold.
    all_bold: bool,
    any_text: bool,
}

/// A table row being read.
#[derive(Debug, Default)]
struct Row {
    cells: Vec<String>,
    line: Option<u32>,
    deleted: Deletions,
    all_bold: bool,
    any_text: bool,
}

/// Open structures, innermost last.
#[derive(Debug)]
enum Frame {
    Para(Para),
    Table { index: u32, rows: u32 },
    Row(Row),
}

/// What an open element means when it closes.
#[derive(Debug, Clone, Copy)]
enum Role {
    Other,
    Para,
    PPr,
    Run,
    RPr,
    Text,
    Deletion,
    Table,
    Row,
    Container,
}

/// Whether text being read is kept or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextMode {
    Ignore,
    Kept,
    Deleted,
}

/// A finished paragraph or row.
#[derive(Debug)]
struct Piece {
    kind: BlockKind,
    line: u32,
    text: String,
    cells: Vec<(usize, usize)>,
    emphasized: bool,
    deleted: Deletions,
    /// Index into [`StoryOut::containers`] (comments, notes, header/footer parts).
    container: Option<usize>,
}

/// A comment, note or header/footer part.
#[derive(Debug)]
struct Container {
    author: Option<String>,
}

#[derive(Debug, Default)]
struct StoryOut {
    pieces: Vec<Piece>,
    containers: Vec<Container>,
}

struct StoryReader<'s> {
    story: Story,
    styles: &'s Styles,
    wp: String,
    root_seen: bool,
    frames: Vec<Frame>,
    roles: Vec<Role>,
    /// Authors of the open `w:del`/`w:moveFrom` elements.
    deletions: Vec<Option<String>>,
    text_mode: TextMode,
    paragraphs: u32,
    tables: u32,
    current_container: Option<usize>,
    out: StoryOut,
}

/// Reads one story part into pieces.
fn parse_story(
    xml: &str,
    story: Story,
    styles: &Styles,
    max_depth: usize,
) -> Result<StoryOut, XmlFail> {
    let mut r = StoryReader {
        story,
        styles,
        wp: "w".to_owned(),
        root_seen: false,
        frames: Vec::new(),
        roles: Vec::new(),
        deletions: Vec::new(),
        text_mode: TextMode::Ignore,
        paragraphs: 0,
        tables: 0,
        current_container: None,
        out: StoryOut::default(),
    };
    walk(xml, max_depth, |node| match node {
        Node::Open(e) => r.open(e),
        Node::Close => {
            r.close();
            Flow::Continue
        }
        Node::Text(s) => {
            r.text(s);
            Flow::Continue
        }
    })?;
    Ok(r.out)
}

impl StoryReader<'_> {
    fn para(&mut self) -> Option<&mut Para> {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn open(&mut self, e: &BytesStart<'_>) -> Flow {
        let qname = e.name().0;
        if !self.root_seen {
            self.root_seen = true;
            self.wp = w_prefix(e);
            let role = if self.story == Story::HeaderFooter {
                self.out.containers.push(Container { author: None });
                self.current_container = Some(self.out.containers.len() - 1);
                Role::Container
            } else {
                Role::Other
            };
            self.roles.push(role);
            return Flow::Continue;
        }
        let Some(l) = w_local(qname, &self.wp) else {
            // Markup compatibility: the fallback repeats the chosen content (text boxes as
            // VML), so reading it would duplicate text.
            if local(qname) == "Fallback" {
                return Flow::SkipChildren;
            }
            self.roles.push(Role::Other);
            return Flow::Continue;
        };
        let role = match l {
            "p" => {
                self.paragraphs += 1;
                self.frames.push(Frame::Para(Para {
                    line: self.paragraphs,
                    all_bold: true,
                    ..Para::default()
                }));
                Role::Para
            }
            "pPr" => match self.para() {
                Some(p) => {
                    p.in_ppr = true;
                    Role::PPr
                }
                None => Role::Other,
            },
            "pStyle" | "numId" | "outlineLvl" => {
                let styles = self.styles;
                if let Some(p) = self.para()
                    && p.in_ppr
                {
                    let val = attr(e, "val");
                    match l {
                        "pStyle" => {
                            p.style_bold = val.as_deref().and_then(|id| styles.bold(id));
                            p.style = val;
                        }
                        "numId" => p.numbered = Some(val.is_some_and(|v| v != "0")),
                        _ => p.outline_level = val.and_then(|v| v.parse().ok()),
                    }
                }
                Role::Other
            }
            "r" => match self.para() {
                Some(p) if !p.in_ppr => {
                    p.run = RunState {
                        open: true,
                        ..RunState::default()
                    };
                    Role::Run
                }
                _ => Role::Other,
            },
            "rPr" => match self.para() {
                Some(p) if p.run.open => {
                    p.run.in_rpr = true;
                    Role::RPr
                }
                _ => Role::Other,
            },
            "b" => {
                if let Some(p) = self.para()
                    && p.run.in_rpr
                {
                    p.run.bold = Some(on_off(e));
                }
                Role::Other
            }
            "rStyle" => {
                let bold = attr(e, "val").and_then(|id| self.styles.bold(&id));
                if let Some(p) = self.para()
                    && p.run.in_rpr
                {
                    p.run.style_bold = bold;
                }
                Role::Other
            }
            "t" => {
                self.text_mode = if self.deletions.is_empty() {
                    TextMode::Kept
                } else {
                    TextMode::Deleted
                };
                Role::Text
            }
            "delText" => {
                self.text_mode = TextMode::Deleted;
                Role::Text
            }
            // Field instructions (`HYPERLINK "…"`, `PAGE`) are not text.
            "instrText" | "delInstrText" => return Flow::SkipChildren,
            "tab" | "ptab" | "br" | "cr" | "noBreakHyphen" => {
                let s = match l {
                    "br" | "cr" => "\n",
                    "noBreakHyphen" => "-",
                    // A tab separates cells in row text; inside text it is a space.
                    _ => " ",
                };
                if self.para().is_some_and(|p| p.run.open && !p.run.in_rpr) {
                    if self.deletions.is_empty() {
                        self.kept(s);
                    } else {
                        self.deleted(s);
                    }
                }
                Role::Other
            }
            "del" | "moveFrom" => match self.para() {
                // A deletion wrapping runs; `w:del` inside properties marks a deleted
                // paragraph mark or row and holds no text.
                Some(p) if !p.in_ppr && !p.run.open => {
                    self.deletions.push(attr(e, "author"));
                    Role::Deletion
                }
                _ => Role::Other,
            },
            "tbl" => {
                self.frames.push(Frame::Table {
                    index: self.tables,
                    rows: 0,
                });
                self.tables += 1;
                Role::Table
            }
            "tr" => {
                if matches!(self.frames.last(), Some(Frame::Table { .. })) {
                    self.frames.push(Frame::Row(Row {
                        all_bold: true,
                        ..Row::default()
                    }));
                    Role::Row
                } else {
                    Role::Other
                }
            }
            "tc" => {
                if let Some(Frame::Row(row)) = self.frames.last_mut() {
                    row.cells.push(String::new());
                }
                Role::Other
            }
            "comment" if self.story == Story::Comments => {
                self.open_container(attr(e, "author"));
                Role::Container
            }
            "footnote" | "endnote" if matches!(self.story, Story::Footnotes | Story::Endnotes) => {
                // Separator "notes" hold only the rule line above the notes.
                if attr(e, "type").is_some_and(|t| t != "normal") {
                    return Flow::SkipChildren;
                }
                self.open_container(None);
                Role::Container
            }
            // Revisions of formatting hold the old properties, not text.
            l if l.ends_with("Change") => return Flow::SkipChildren,
            _ => Role::Other,
        };
        self.roles.push(role);
        Flow::Continue
    }

    fn open_container(&mut self, author: Option<String>) {
        self.out.containers.push(Container { author });
        self.current_container = Some(self.out.containers.len() - 1);
    }

    fn close(&mut self) {
        match self.roles.pop().unwrap_or(Role::Other) {
            Role::Other => {}
            Role::Para => {
                if matches!(self.frames.last(), Some(Frame::Para(_)))
                    && let Some(Frame::Para(p)) = self.frames.pop()
                {
                    self.finish_para(p);
                }
            }
            Role::PPr => {
                if let Some(p) = self.para() {
                    p.in_ppr = false;
                }
            }
            Role::Run => {
                if let Some(p) = self.para() {
                    p.run = RunState::default();
                }
            }
            Role::RPr => {
                if let Some(p) = self.para() {
                    p.run.in_rpr = false;
                }
            }
            Role::Text => self.text_mode = TextMode::Ignore,
            Role::Deletion => {
                self.deletions.pop();
            }
            Role::Table => {
                if matches!(self.frames.last(), Some(Frame::Table { .. })) {
                    self.frames.pop();
                }
            }
            Role::Row => {
                if matches!(self.frames.last(), Some(Frame::Row(_)))
                    && let Some(Frame::Row(row)) = self.frames.pop()
                {
                    self.finish_row(row);
                }
            }
            Role::Container => self.current_container = None,
        }
    }

    fn text(&mut self, s: &str) {
        match self.text_mode {
            TextMode::Ignore => {}
            TextMode::Kept => self.kept(s),
            TextMode::Deleted => self.deleted(s),
        }
    }

    fn kept(&mut self, s: &str) {
        let Some(p) = self.para() else {
            return;
        };
        // Tabs separate cells in row text.
        let s: Cow<'_, str> = if s.contains('\t') {
            Cow::Owned(s.replace('\t', " "))
        } else {
            Cow::Borrowed(s)
        };
        p.text.push_str(&s);
        p.deleted.kept(&s);
        if !s.trim().is_empty() {
            p.any_text = true;
            let bold = p
                .run
                .bold
                .or(p.run.style_bold)
                .or(p.style_bold)
                .unwrap_or(false);
            p.all_bold &= bold;
        }
    }

    fn deleted(&mut self, s: &str) {
        let author = self.deletions.last().cloned().flatten();
        if let Some(p) = self.para() {
            p.deleted.push(s, author.as_deref());
        }
    }

    fn finish_para(&mut self, p: Para) {
        if let Some(Frame::Row(row)) = self.frames.last_mut() {
            if row.cells.is_empty() {
                row.cells.push(String::new());
            }
            row.line.get_or_insert(p.line);
            if let Some(cell) = row.cells.last_mut() {
                let t = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&t);
                }
            }
            if p.any_text {
                row.any_text = true;
                row.all_bold &= p.all_bold;
            }
            row.deleted.append(p.deleted);
            return;
        }
        let heading = p
            .outline_level
            .filter(|&l| l < 9)
            .map(|l| (l + 1).min(6))
            .or_else(|| {
                p.style
                    .as_deref()
                    .and_then(|s| self.styles.heading_level(s))
            });
        let list = p
            .numbered
            .unwrap_or_else(|| p.style.as_deref().is_some_and(|s| self.styles.numbered(s)));
        let (kind, emphasized) = match heading {
            Some(level) => (BlockKind::Heading { level }, true),
            None if list => (BlockKind::ListItem, p.any_text && p.all_bold),
            None => (BlockKind::Paragraph, p.any_text && p.all_bold),
        };
        if p.text.trim().is_empty() && p.deleted.text.trim().is_empty() {
            return;
        }
        self.out.pieces.push(Piece {
            kind,
            line: p.line,
            text: p.text,
            cells: Vec::new(),
            emphasized,
            deleted: p.deleted,
            container: self.current_container,
        });
    }

    fn finish_row(&mut self, row: Row) {
        let Some(Frame::Table { index, rows }) = self.frames.last_mut() else {
            return;
        };
        let (table, row_index) = (*index, *rows);
        *rows += 1;
        let mut text = String::new();
        let mut cells = Vec::with_capacity(row.cells.len());
        for (i, cell) in row.cells.iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            let start = text.len();
            text.push_str(cell);
            cells.push((start, text.len()));
        }
        if text.trim().is_empty() && row.deleted.text.trim().is_empty() {
            return;
        }
        self.out.pieces.push(Piece {
            kind: BlockKind::TableRow {
                table,
                row: row_index,
            },
            line: row.line.unwrap_or(self.paragraphs.max(1)),
            text,
            cells,
            emphasized: row.any_text && row.all_bold,
            deleted: row.deleted,
            container: self.current_container,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

fn pos(line: u32) -> SourcePos {
    SourcePos {
        line: line.max(1),
        column: 1,
        page: None,
    }
}

/// Body pieces become blocks, each followed by its deleted text.
fn push_body(doc: &mut Document, pieces: &[Piece]) {
    for p in pieces {
        doc.push_block(
            p.kind.clone(),
            &p.text,
            pos(p.line),
            false,
            &p.cells,
            p.emphasized,
        );
        push_deleted(doc, &p.deleted, p.line);
    }
}

fn push_deleted(doc: &mut Document, deleted: &Deletions, line: u32) {
    if !deleted.text.trim().is_empty() {
        doc.push_block(
            BlockKind::Deleted {
                author: deleted.author(),
            },
            &deleted.text,
            pos(line),
            false,
            &[],
            false,
        );
    }
}

/// One block per comment, note or header/footer part (its paragraphs joined by `\n`), then
/// its deleted text. Headers and footers repeated verbatim across sections come once.
fn push_containers(doc: &mut Document, story: Story, out: &StoryOut, seen: &mut HashSet<String>) {
    let mut texts: Vec<(String, Deletions)> = out
        .containers
        .iter()
        .map(|_| (String::new(), Deletions::default()))
        .collect();
    for p in &out.pieces {
        let Some((text, deleted)) = p.container.and_then(|i| texts.get_mut(i)) else {
            continue;
        };
        let t = p.text.trim();
        if !t.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(t);
        }
        deleted.append(Deletions {
            text: p.deleted.text.clone(),
            authors: p.deleted.authors.clone(),
            ..Deletions::default()
        });
    }
    let furniture_ordinal = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Furniture)
        .count() as u32;
    for (i, ((text, deleted), container)) in texts.iter().zip(&out.containers).enumerate() {
        let ordinal = i as u32 + 1;
        let (kind, line) = match story {
            Story::Comments => (
                BlockKind::Comment {
                    author: container.author.clone(),
                },
                ordinal,
            ),
            Story::Footnotes | Story::Endnotes => (BlockKind::Footnote, ordinal),
            Story::HeaderFooter | Story::Body => {
                if !seen.insert(text.clone()) {
                    continue;
                }
                (BlockKind::Furniture, furniture_ordinal + ordinal)
            }
        };
        doc.push_block(kind, text, pos(line), false, &[], false);
        push_deleted(doc, deleted, line);
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Contract metadata keys a custom document property may set (CONTRACT.md).
const CONTRACT_KEYS: [&str; 11] = [
    "kind",
    "company",
    "author",
    "handle",
    "platform",
    "channel",
    "audience",
    "public_channel",
    "disclosed_at",
    "learned_at",
    "title",
];

/// Longest property value kept (characters); longer ones are cut.
const MAX_PROPERTY_CHARS: usize = 1000;

/// The text of one element of a properties part.
struct PropertyText {
    /// Local name of the element (`title`, `lpwstr`).
    element: String,
    /// `name` attribute of the element or its parent (custom properties).
    owner: Option<String>,
    /// Trimmed text, at most [`MAX_PROPERTY_CHARS`] characters.
    value: String,
}

/// Collects the text of every element whose local name `wanted` accepts, in document order.
/// Returns the texts read and, for a malformed part, the XML error (nesting past `max_depth`
/// is an `Err`).
fn property_texts(
    xml: &str,
    max_depth: usize,
    wanted: impl Fn(&str) -> bool,
) -> Result<(Vec<PropertyText>, Option<String>), String> {
    let mut out: Vec<PropertyText> = Vec::new();
    // Stack of (local name, `name` attribute, collecting?).
    let mut stack: Vec<(String, Option<String>, bool)> = Vec::new();
    let mut text = String::new();
    let r = walk(xml, max_depth, |node| {
        match node {
            Node::Open(e) => {
                let l = local(e.name().0).to_owned();
                let collecting = wanted(&l);
                if collecting {
                    text.clear();
                }
                stack.push((l, attr(e, "name"), collecting));
            }
            Node::Close => {
                if let Some((l, name, true)) = stack.pop() {
                    let value: String = text.trim().chars().take(MAX_PROPERTY_CHARS).collect();
                    let owner = name.or_else(|| stack.last().and_then(|s| s.1.clone()));
                    out.push(PropertyText {
                        element: l,
                        owner,
                        value,
                    });
                    text.clear();
                }
            }
            Node::Text(s) => {
                if text.len() < MAX_PROPERTY_CHARS * 4 {
                    text.push_str(s);
                }
            }
        }
        Flow::Continue
    });
    match r {
        Ok(()) => Ok((out, None)),
        Err(XmlFail::TooDeep(m)) => Err(m),
        Err(XmlFail::Malformed(m)) => Ok((out, Some(m))),
    }
}

/// `docProps/core.xml`: title, drafter, last editor and dates.
fn read_core_properties(
    xml: &str,
    meta: &mut Metadata,
    max_depth: usize,
    warnings: &mut Vec<String>,
) -> Result<(), String> {
    const PART: &str = "docProps/core.xml";
    let (values, err) = property_texts(xml, max_depth, |l| {
        matches!(
            l,
            "title" | "creator" | "lastModifiedBy" | "created" | "modified"
        )
    })
    .map_err(|m| format!("{PART}: {m}"))?;
    for p in values {
        if p.value.is_empty() {
            continue;
        }
        let key = match p.element.as_str() {
            "title" => {
                meta.title = Some(p.value);
                continue;
            }
            "creator" => "docx_creator",
            "lastModifiedBy" => "docx_last_modified_by",
            "created" => "docx_created",
            _ => "docx_modified",
        };
        meta.extra.insert(key.to_owned(), p.value);
    }
    if let Some(m) = err {
        warnings.push(format!("{PART}: {m}"));
    }
    Ok(())
}

/// `docProps/custom.xml`: properties named like contract metadata keys; a value that does not
/// parse (a `kind` outside the contract) is a warning.
fn read_custom_properties(
    xml: &str,
    meta: &mut Metadata,
    max_depth: usize,
    warnings: &mut Vec<String>,
) -> Result<(), String> {
    const PART: &str = "docProps/custom.xml";
    // The value is the one child (`vt:lpwstr`, `vt:filetime`, `vt:bool`, …) of `property`.
    let (values, err) = property_texts(xml, max_depth, |l| l != "property" && l != "Properties")
        .map_err(|m| format!("{PART}: {m}"))?;
    for p in values {
        let Some(name) = p.owner else {
            continue;
        };
        let key = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        if CONTRACT_KEYS.contains(&key.as_str())
            && let Err(m) = meta.set(&key, &p.value)
        {
            warnings.push(format!("{PART}: property {name:?}: {m}"));
        }
    }
    if let Some(m) = err {
        warnings.push(format!("{PART}: {m}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocKind;
    use std::io::Write;
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    const W_DECL: &str =
        r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn fixture(name: &str) -> Vec<u8> {
        let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/docx")
            .join(name);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn document_xml(body: &str) -> String {
        format!("<w:document {W_DECL}><w:body>{body}</w:body></w:document>")
    }

    fn body_docx(body: &str) -> Vec<u8> {
        zip_of(&[("word/document.xml", document_xml(body).as_bytes())])
    }

    /// Applies `f` to every local (`false`) and central (`true`) header of entry `name`,
    /// given as the header's bytes from its signature on.
    fn patch_entry(zip: &mut [u8], name: &str, f: impl Fn(&mut [u8], bool)) {
        let mut patched = 0;
        let mut i = 0;
        while i + 46 <= zip.len() {
            let (central, name_len_at, name_at) = match &zip[i..i + 4] {
                b"PK\x03\x04" => (false, 26, 30),
                b"PK\x01\x02" => (true, 28, 46),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let n = u16::from_le_bytes([zip[i + name_len_at], zip[i + name_len_at + 1]]) as usize;
            if zip.get(i + name_at..i + name_at + n) == Some(name.as_bytes()) {
                f(&mut zip[i..], central);
                patched += 1;
            }
            i += 4;
        }
        assert_eq!(patched, 2, "local and central header of {name}");
    }

    fn set_u32(h: &mut [u8], at: usize, v: u32) {
        h[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    fn texts_of(d: &Document, pred: impl Fn(&BlockKind) -> bool) -> Vec<&str> {
        (0..d.blocks.len())
            .filter(|&i| pred(&d.blocks[i].kind))
            .map(|i| d.block_text(i))
            .collect()
    }

    fn index_of(d: &Document, starts: &str) -> usize {
        (0..d.blocks.len())
            .find(|&i| d.block_text(i).starts_with(starts))
            .unwrap_or_else(|| panic!("no block starting {starts:?} in {:#?}", d.blocks))
    }

    #[test]
    fn tracked_changes_read_as_accepted_with_deleted_blocks() {
        let d = extract(&fixture("draft_release.docx"), "draft.docx").unwrap();
        assert_eq!(d.format, SourceFormat::Docx);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let main: Vec<&str> = texts_of(&d, |k| {
            matches!(
                k,
                BlockKind::Paragraph
                    | BlockKind::Heading { .. }
                    | BlockKind::ListItem
                    | BlockKind::TableRow { .. }
            )
        });
        let main = main.join("\n");
        assert!(
            main.contains("Net income was $41 million, or $0.52 per diluted share."),
            "{main}"
        );
        assert!(!main.contains("$38 million"), "{main}");
        assert!(!main.contains("Globex"), "{main}");
        // The moved sentence reads once, at its new place.
        assert_eq!(main.matches("quarterly dividend").count(), 1, "{main}");

        let ni = index_of(&d, "Net income was");
        assert_eq!(
            d.blocks[ni + 1].kind,
            BlockKind::Deleted {
                author: Some("Jane Doe".into())
            }
        );
        assert_eq!(d.block_text(ni + 1), "$38 million");
        let ebitda = index_of(&d, "Adjusted EBITDA was $96 million.");
        assert_eq!(d.block_text(ebitda), "Adjusted EBITDA was $96 million.");
        assert_eq!(
            d.blocks[ebitda + 1].kind,
            BlockKind::Deleted {
                author: Some("Jane Doe".into())
            }
        );
        assert_eq!(
            d.block_text(ebitda + 1),
            "We have signed a definitive agreement to acquire Globex Corporation for $2.1 \
             billion, which we expect to announce on November 12."
        );
        let moved = index_of(&d, "Research & development spending rose 4%.");
        assert_eq!(
            d.block_text(moved + 1),
            "The Board declared a quarterly dividend of $0.10 per share."
        );
        assert!(matches!(
            d.blocks[moved + 1].kind,
            BlockKind::Deleted { .. }
        ));
    }

    #[test]
    fn comments_notes_headers_and_footers() {
        let d = extract(&fixture("draft_release.docx"), "draft.docx").unwrap();
        let comments: Vec<(usize, &BlockKind)> = d
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, BlockKind::Comment { .. }))
            .map(|(i, b)| (i, &b.kind))
            .collect();
        assert_eq!(comments.len(), 1);
        assert_eq!(
            comments[0].1,
            &BlockKind::Comment {
                author: Some("Mark Lee".into())
            }
        );
        assert_eq!(
            d.block_text(comments[0].0),
            "Don't mention the Globex acquisition until the 8-K is out"
        );
        assert_eq!(d.blocks[comments[0].0].source.line, 1);
        assert_eq!(
            texts_of(&d, |k| *k == BlockKind::Footnote),
            [
                "Adjusted EBITDA is a non-GAAP financial measure; see the reconciliation below.",
                "All amounts are unaudited."
            ]
        );
        assert_eq!(
            texts_of(&d, |k| *k == BlockKind::Furniture),
            [
                "DRAFT \u{2013} CONFIDENTIAL",
                "Acme Corp \u{2013} internal draft, do not forward"
            ]
        );
        // Body first, then notes, comments, headers and footers.
        let last_body = index_of(&d, "Contact:");
        assert!(d.blocks[..=last_body].iter().all(|b| !matches!(
            b.kind,
            BlockKind::Comment { .. } | BlockKind::Footnote | BlockKind::Furniture
        )));
    }

    #[test]
    fn table_rows_headings_lists_emphasis_and_locations() {
        let d = extract(&fixture("draft_release.docx"), "draft.docx").unwrap();
        let rows: Vec<usize> = (0..d.blocks.len())
            .filter(|&i| matches!(d.blocks[i].kind, BlockKind::TableRow { .. }))
            .collect();
        assert_eq!(rows.len(), 6);
        let cells = |i: usize| -> Vec<&str> {
            d.blocks[i]
                .cells
                .iter()
                .map(|&(s, e)| &d.text[s..e])
                .collect()
        };
        assert_eq!(cells(rows[0]), ["(in millions)", "Q3 2026", "Q3 2025"]);
        assert_eq!(cells(rows[1]), ["Net income", "41", "35"]);
        assert_eq!(d.block_text(rows[1]), "Net income\t41\t35");
        assert_eq!(
            d.blocks[rows[1]].kind,
            BlockKind::TableRow { table: 0, row: 1 }
        );
        assert_eq!(d.block_text(rows[1] + 1), "38");
        assert!(matches!(
            d.blocks[rows[1] + 1].kind,
            BlockKind::Deleted { .. }
        ));
        assert_eq!(cells(rows[5]), ["Adjusted EBITDA", "96", "86"]);
        assert_eq!(
            d.blocks[rows[5]].kind,
            BlockKind::TableRow { table: 0, row: 5 }
        );
        let emph: Vec<bool> = rows.iter().map(|&i| d.blocks[i].emphasized).collect();
        assert_eq!(emph, [true, false, false, false, false, true]);

        let headings: Vec<(u8, &str)> = (0..d.blocks.len())
            .filter_map(|i| match d.blocks[i].kind {
                BlockKind::Heading { level } => Some((level, d.block_text(i))),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                (1, "Acme Corp Reports Third Quarter 2026 Results"),
                (1, "Highlights"),
                (2, "Outlook"),
                (1, "Reconciliation of Net Income to Adjusted EBITDA"),
            ]
        );
        assert_eq!(
            texts_of(&d, |k| *k == BlockKind::ListItem),
            [
                "Fourth-quarter revenue of $420 million to $430 million",
                "Full-year Adjusted EBITDA of $370 million to $380 million"
            ]
        );
        let release = index_of(&d, "FOR IMMEDIATE RELEASE");
        assert!(d.blocks[release].emphasized);
        assert!(!d.blocks[index_of(&d, "Net income was")].emphasized);
        // w:tab → space, w:br → newline.
        assert_eq!(
            d.block_text(index_of(&d, "Contact:")),
            "Contact: Investor Relations\nir@acme.example"
        );

        // Lines are paragraph numbers: every w:p counts, table cells included.
        let line = |s: &str| d.blocks[index_of(&d, s)].source.line;
        assert_eq!(line("Acme Corp Reports"), 1);
        assert_eq!(line("Highlights"), 3);
        assert_eq!(line("Reconciliation of"), 11);
        assert_eq!(d.blocks[rows[0]].source.line, 12);
        assert_eq!(d.blocks[rows[1]].source.line, 15);
        assert_eq!(line("Contact:"), 30);
        assert!(d.blocks.iter().all(|b| !b.verbatim && b.source.column == 1));
        let off = d.text.find("ir@acme").unwrap();
        assert_eq!(d.location(off).line, 31);
    }

    #[test]
    fn metadata_from_core_and_custom_properties() {
        let d = extract(&fixture("draft_release.docx"), "draft.docx").unwrap();
        let m = &d.metadata;
        assert_eq!(m.kind, Some(DocKind::PressRelease));
        assert_eq!(m.company.as_deref(), Some("Acme Corp"));
        assert_eq!(m.channel.as_deref(), Some("newswire"));
        assert_eq!(m.audience.as_deref(), Some("public"));
        assert_eq!(
            m.disclosed_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-11-05T21:05:00+00:00")
        );
        assert_eq!(m.title.as_deref(), Some("Q3 2026 earnings release (draft)"));
        // The drafter is not the speaker.
        assert_eq!(m.author, None);
        assert_eq!(m.extra["docx_creator"], "Jane Doe");
        assert_eq!(m.extra["docx_last_modified_by"], "Mark Lee");
        assert_eq!(m.extra["docx_modified"], "2026-10-28T21:15:00Z");
        assert!(!m.extra.contains_key("Reviewer"), "{:?}", m.extra);

        let custom = r#"<Properties xmlns:vt="x"><property name="Kind"><vt:lpwstr>memo</vt:lpwstr></property><property name="Public Channel"><vt:bool>true</vt:bool></property></Properties>"#;
        let bytes = zip_of(&[
            (
                "word/document.xml",
                document_xml("<w:p><w:r><w:t>Hi.</w:t></w:r></w:p>").as_bytes(),
            ),
            ("docProps/custom.xml", custom.as_bytes()),
        ]);
        let d = extract(&bytes, "x.docx").unwrap();
        assert_eq!(d.metadata.public_channel, Some(true));
        assert_eq!(d.metadata.kind, None);
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(d.warnings[0].contains("\"Kind\"") && d.warnings[0].contains("memo"));
    }

    #[test]
    fn localized_style_ids_resolve_by_name() {
        let d = extract(&fixture("localized_styles.docx"), "de.docx").unwrap();
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let kinds: Vec<(&BlockKind, &str, bool)> = (0..d.blocks.len())
            .map(|i| (&d.blocks[i].kind, d.block_text(i), d.blocks[i].emphasized))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    &BlockKind::Heading { level: 1 },
                    "Acme AG: Ergebnis des dritten Quartals",
                    true
                ),
                (&BlockKind::Heading { level: 1 }, "Kennzahlen", true),
                (
                    &BlockKind::Heading { level: 2 },
                    "Umsatz und Ergebnis",
                    true
                ),
                (
                    &BlockKind::ListItem,
                    "Der Umsatz stieg um 9 % auf 412 Mio. EUR.",
                    false
                ),
                (&BlockKind::Paragraph, "Vorläufige Zahlen, ungeprüft.", true),
                (
                    &BlockKind::Paragraph,
                    "Bereinigtes EBITDA: 96 Mio. EUR",
                    true
                ),
                (&BlockKind::Heading { level: 2 }, "Ausblick", true),
                (
                    &BlockKind::Paragraph,
                    "Wir bestätigen die Prognose für das Gesamtjahr.",
                    false
                ),
            ]
        );
    }

    #[test]
    fn minimal_package_uses_builtin_style_ids() {
        let d = extract(&fixture("minimal.docx"), "m.docx").unwrap();
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[0].kind, BlockKind::Heading { level: 2 });
        assert_eq!(
            d.block_text(1),
            "We reaffirm our full-year revenue guidance of $1.6 billion."
        );
        assert_eq!(d.blocks[1].source.line, 2);
        assert_eq!(d.metadata, Metadata::default());
    }

    #[test]
    fn markup_that_is_not_text() {
        let body = r#"<w:p><w:r><w:t>Revenue </w:t></w:r>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>rose</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:r><w:rPr><w:b/><w:rPrChange w:author="A"><w:rPr><w:b w:val="0"/></w:rPr></w:rPrChange></w:rPr><w:t xml:space="preserve"> 9&#37; &amp; more</w:t></w:r>
            <w:r><mc:AlternateContent xmlns:mc="m"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>
            <w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Numbered heading</w:t></w:r></w:p>
            <w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Outline level three</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Not a list</w:t></w:r></w:p>
            <w:p><a:p xmlns:a="d"><a:r><a:t>DrawingML</a:t></a:r></a:p></w:p>"#;
        let d = extract(&body_docx(body), "x.docx").unwrap();
        let texts: Vec<&str> = (0..d.blocks.len()).map(|i| d.block_text(i)).collect();
        assert_eq!(
            texts,
            [
                "Box text",
                "Revenue rose 9% & more",
                "Numbered heading",
                "Outline level three",
                "Not a list"
            ]
        );
        // The text box is a paragraph of its own; the outer paragraph is not all bold.
        assert_eq!(d.blocks[0].source.line, 2);
        assert_eq!(d.blocks[1].source.line, 1);
        assert!(!d.blocks[1].emphasized);
        assert_eq!(d.blocks[2].kind, BlockKind::Heading { level: 1 });
        assert_eq!(d.blocks[3].kind, BlockKind::Heading { level: 3 });
        assert_eq!(d.blocks[4].kind, BlockKind::Paragraph);
    }

    #[test]
    fn whole_deleted_paragraph_and_adjacent_deletions() {
        let body = r#"<w:p><w:pPr><w:rPr><w:del w:author="Jane Doe"/></w:rPr></w:pPr>
              <w:del w:author="Jane Doe"><w:r><w:delText>We will miss </w:delText></w:r></w:del>
              <w:del w:author="Jane Doe"><w:r><w:delText>guidance.</w:delText></w:r></w:del></w:p>
            <w:p><w:r><w:t>Kept</w:t></w:r><w:del w:author="A"><w:r><w:delText>one</w:delText></w:r></w:del>
              <w:r><w:t xml:space="preserve"> and </w:t></w:r><w:del w:author="B"><w:r><w:t>two</w:t></w:r></w:del></w:p>"#;
        let d = extract(&body_docx(body), "x.docx").unwrap();
        let kinds: Vec<(&BlockKind, &str)> = (0..d.blocks.len())
            .map(|i| (&d.blocks[i].kind, d.block_text(i)))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    &BlockKind::Deleted {
                        author: Some("Jane Doe".into())
                    },
                    "We will miss guidance."
                ),
                (&BlockKind::Paragraph, "Kept and"),
                (
                    &BlockKind::Deleted {
                        author: Some("A, B".into())
                    },
                    "one … two"
                ),
            ]
        );
        assert_eq!(d.blocks[0].source.line, 1);
        assert_eq!(d.blocks[2].source.line, 2);
    }

    #[test]
    fn not_a_zip_or_truncated() {
        let e = extract(b"hello, world", "x.docx").unwrap_err();
        assert!(e.starts_with("not a valid DOCX (zip): "), "{e}");
        let full = fixture("draft_release.docx");
        for cut in [10, full.len() / 2, full.len() - 30] {
            let e = extract(&full[..cut], "x.docx").unwrap_err();
            assert!(e.starts_with("not a valid DOCX (zip): "), "{cut}: {e}");
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        let full = fixture("draft_release.docx");
        let mut failed = 0;
        for i in (0..full.len()).step_by(19) {
            for x in [0xFF_u8, 0x5A] {
                let mut b = full.clone();
                b[i] ^= x;
                if extract(&b, "x.docx").is_err() {
                    failed += 1;
                }
            }
        }
        // Most flips land in compressed data and are caught by inflate or the CRC.
        eprintln!(
            "{failed} of {} corrupted copies failed",
            2 * full.len().div_ceil(19)
        );
        assert!(failed > 100, "{failed}");
    }

    #[test]
    fn missing_document_part() {
        let b = zip_of(&[("docProps/core.xml", b"<cp:coreProperties/>")]);
        let e = extract(&b, "x.docx").unwrap_err();
        assert_eq!(
            e,
            "not a DOCX: the package has no main document part (word/document.xml)"
        );
    }

    #[test]
    fn ole_files_are_refused() {
        let mut b = OLE_MAGIC.to_vec();
        b.resize(4096, 0);
        let e = extract(&b, "x.docx").unwrap_err();
        assert!(
            e.starts_with("password-protected or legacy Word file"),
            "{e}"
        );
    }

    #[test]
    fn encrypted_entry_is_refused() {
        let mut b = body_docx("<w:p><w:r><w:t>Secret.</w:t></w:r></w:p>");
        patch_entry(&mut b, "word/document.xml", |h, central| {
            h[if central { 8 } else { 6 }] |= 1;
        });
        let e = extract(&b, "x.docx").unwrap_err();
        assert!(
            e.starts_with("password-protected or legacy Word file"),
            "{e}"
        );
    }

    #[test]
    fn zip_bomb_declared_size() {
        let mut b = body_docx("<w:p><w:r><w:t>Hi.</w:t></w:r></w:p>");
        patch_entry(&mut b, "word/document.xml", |h, central| {
            set_u32(h, if central { 24 } else { 22 }, 0x7FFF_FFFF);
        });
        let e = extract(&b, "x.docx").unwrap_err();
        assert_eq!(
            e,
            "DOCX expands beyond 64 MiB per part in word/document.xml (zip bomb?)"
        );
    }

    /// 4 MiB of blanks inside a valid document: about 1000:1.
    fn bomb_docx() -> Vec<u8> {
        let mut xml = document_xml("<w:p><w:r><w:t>Hi.</w:t></w:r></w:p>");
        let at = xml.find("<w:body>").unwrap();
        xml.insert_str(at, &" ".repeat(4 << 20));
        body_parts_zip(&xml)
    }

    fn body_parts_zip(xml: &str) -> Vec<u8> {
        zip_of(&[("word/document.xml", xml.as_bytes())])
    }

    #[test]
    fn zip_bomb_ratio_and_lying_size() {
        let b = bomb_docx();
        assert!(b.len() < 16 * 1024, "{}", b.len());
        let t = Instant::now();
        let e = extract(&b, "x.docx").unwrap_err();
        assert_eq!(
            e,
            "DOCX expands beyond a 200:1 compression ratio in word/document.xml (zip bomb?)"
        );
        // Declared tiny, expands to 4 MiB: stopped by the ratio check, the CRC or the size.
        let mut lying = b.clone();
        patch_entry(&mut lying, "word/document.xml", |h, central| {
            set_u32(h, if central { 24 } else { 22 }, 100);
        });
        let e = extract(&lying, "x.docx").unwrap_err();
        assert!(
            e.contains("(zip bomb?)") || e.starts_with("not a valid DOCX (zip)"),
            "{e}"
        );
        assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    }

    #[test]
    fn part_and_total_limits() {
        let b = fixture("draft_release.docx");
        let small_part = Limits {
            max_part_bytes: 2048,
            ..Limits::default()
        };
        let e = extract_with_limits(&b, "x.docx", &small_part).unwrap_err();
        assert_eq!(
            e,
            "DOCX expands beyond 2 KiB per part in word/document.xml (zip bomb?)"
        );
        let small_total = Limits {
            max_total_bytes: 12 * 1024,
            ..Limits::default()
        };
        let e = extract_with_limits(&b, "x.docx", &small_total).unwrap_err();
        assert_eq!(e, "DOCX expands beyond 12 KiB in total (zip bomb?)");
        assert!(
            extract_with_limits(
                &b,
                "x.docx",
                &Limits {
                    max_total_bytes: 64 * 1024,
                    ..Limits::default()
                }
            )
            .is_ok()
        );
    }

    #[test]
    fn path_traversal_entries_are_ignored() {
        let evil = document_xml("<w:p><w:r><w:t>EVIL</w:t></w:r></w:p>");
        let hdr = format!("<w:hdr {W_DECL}><w:p><w:r><w:t>EVIL HEADER</w:t></w:r></w:p></w:hdr>");
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="../../evil.xml"/></Relationships>"#;
        let b = zip_of(&[
            (
                "word/document.xml",
                document_xml("<w:p><w:r><w:t>Safe.</w:t></w:r></w:p>").as_bytes(),
            ),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("../evil.xml", hdr.as_bytes()),
            ("/abs/word/document.xml", evil.as_bytes()),
            ("word/../../word/header1.xml", hdr.as_bytes()),
            ("C:/evil.xml", hdr.as_bytes()),
        ]);
        let d = extract(&b, "x.docx").unwrap();
        assert_eq!(d.text, "Safe.");
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert!(
            d.warnings[0].starts_with("ignored zip entries with unsafe names (path traversal): ")
                && [
                    "../evil.xml",
                    "/abs/word/document.xml",
                    "word/../../word/header1.xml",
                    "C:/evil.xml"
                ]
                .iter()
                .all(|n| d.warnings[0].contains(n)),
            "{:?}",
            d.warnings
        );
        assert!(
            d.warnings[1].contains("\"../../evil.xml\" outside the package"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = format!("{}{}", "<w:sdt>".repeat(20_000), "</w:sdt>".repeat(20_000));
        let t = Instant::now();
        let e = extract(&body_docx(&deep), "x.docx").unwrap_err();
        assert_eq!(e, "word/document.xml: XML nests deeper than 10000 elements");
        // Also fatal in a secondary part: hostile, not merely malformed.
        let b = zip_of(&[
            (
                "word/document.xml",
                document_xml("<w:p><w:r><w:t>Hi.</w:t></w:r></w:p>").as_bytes(),
            ),
            (
                "word/comments.xml",
                format!("<w:comments {W_DECL}>{deep}</w:comments>").as_bytes(),
            ),
        ]);
        let e = extract(&b, "x.docx").unwrap_err();
        assert_eq!(e, "word/comments.xml: XML nests deeper than 10000 elements");
        assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
        // Nesting below the limit is fine.
        let ok = format!(
            "{}<w:p><w:r><w:t>Deep.</w:t></w:r></w:p>{}",
            "<w:sdt>".repeat(500),
            "</w:sdt>".repeat(500)
        );
        assert_eq!(extract(&body_docx(&ok), "x.docx").unwrap().text, "Deep.");
    }

    #[test]
    fn malformed_xml_main_fails_secondary_warns() {
        let e = extract(&body_docx("<w:p><w:r><w:t>Open</w:r></w:p>"), "x.docx").unwrap_err();
        assert!(
            e.starts_with("word/document.xml: XML error at byte "),
            "{e}"
        );
        let b = zip_of(&[
            (
                "word/document.xml",
                document_xml("<w:p><w:r><w:t>Body.</w:t></w:r></w:p>").as_bytes(),
            ),
            (
                "word/comments.xml",
                b"<w:comments><w:comment w:author=\"X\"><w:p>",
            ),
        ]);
        let d = extract(&b, "x.docx").unwrap();
        assert_eq!(d.text, "Body.");
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(
            d.warnings[0].starts_with("word/comments.xml: XML ends inside 3 open element(s)"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn entity_declarations_are_not_expanded() {
        let xml = format!(
            "<!DOCTYPE d [<!ENTITY a \"{}\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>{}",
            "x".repeat(1000),
            document_xml("<w:p><w:r><w:t>Laughs &b; &#x41;&#66;&lt;</w:t></w:r></w:p>")
        );
        let d = extract(&body_parts_zip(&xml), "x.docx").unwrap();
        assert_eq!(d.text, "Laughs  AB<");
    }

    #[test]
    fn dispatch_by_extension_and_sniffing() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = fixture("draft_release.docx");
        for name in ["draft.docx", "draft.DOCM", "draft"] {
            let p = dir.path().join(name);
            std::fs::write(&p, &bytes).unwrap();
            let r = crate::ingest::ingest_file(&p, name, &crate::ingest::IngestOptions::default());
            let d = r[0].as_ref().unwrap();
            assert_eq!(
                (d.format, d.metadata.kind),
                (SourceFormat::Docx, Some(DocKind::PressRelease)),
                "{name}"
            );
            assert_eq!(d.source_bytes, bytes.len() as u64);
        }
        let p = dir.path().join("bad.docx");
        std::fs::write(&p, b"not a zip").unwrap();
        let r =
            crate::ingest::ingest_file(&p, "bad.docx", &crate::ingest::IngestOptions::default());
        let f = r[0].as_ref().unwrap_err();
        assert_eq!(f.status, crate::document::FailureStatus::Failed);
        assert_eq!(f.format, Some(SourceFormat::Docx));
        assert!(
            f.reason.starts_with("not a valid DOCX (zip)"),
            "{}",
            f.reason
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(
            resolve_target("word", "header1.xml").as_deref(),
            Some("word/header1.xml")
        );
        assert_eq!(
            resolve_target("word", "/customXml/item.xml").as_deref(),
            Some("customXml/item.xml")
        );
        assert_eq!(
            resolve_target("word", "../docProps/x.xml").as_deref(),
            Some("docProps/x.xml")
        );
        assert_eq!(resolve_target("word", "../../x.xml"), None);
        assert!(is_unsafe_entry_name("a/../../b") && is_unsafe_entry_name("\\x"));
        assert!(!is_unsafe_entry_name("word/a..b.xml"));
        assert_eq!(heading_from_name("heading 9"), Some(6));
        assert_eq!(heading_from_name("Heading2"), Some(2));
        assert_eq!(heading_from_name("headings"), None);
        assert_eq!(human_bytes(3), "3 bytes");
    }
}
