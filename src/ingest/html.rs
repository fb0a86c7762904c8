//! Extractor for HTML, including SEC EDGAR (inline-XBRL) exhibits.
//!
//! Input: the raw bytes of one `.htm`/`.html` file. Output: one [`Document`] whose blocks are
//! paragraphs, headings, list items and table rows in reading order
//! ([`SourceFormat::Html`]). Owns character-set detection, the EDGAR `<DOCUMENT>` wrapper,
//! hidden-content removal, table-row reconstruction and `<meta>` metadata; leaves sentence
//! splitting and everything about meaning to later stages.
//!
//! Parsing is `scraper` (html5ever); the walk over the tree is our own and iterative
//! (`ego_tree` `traverse`), so nesting depth costs no stack. html5ever itself is quadratic in
//! nesting depth (10,000 nested `<div>`s take ~15 s in a debug build), so a cheap tag scan
//! refuses documents nested deeper than [`MAX_NESTING`] before parsing.
//!
//! Positions: scraper gives no source positions, so each block's [`SourcePos`] is found by
//! searching the raw HTML forward for a word of the block's text (columns approximate,
//! `verbatim = false`).

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use crate::document::{BlockKind, Document, Metadata, SourceFormat, SourcePos};

/// Deepest element nesting accepted (open non-void elements without optional end tags).
/// Real filings stay under ~60; html5ever's cost grows with depth × elements.
pub const MAX_NESTING: usize = 2_000;

/// How far ahead (bytes) the source-position search looks for a block's text.
const POSITION_WINDOW: usize = 256 * 1024;

/// Extracts the text of one HTML file into a [`Document`] (format [`SourceFormat::Html`]).
///
/// `bytes` is the whole file; `display` becomes [`Document::path`]. Character set: a BOM wins,
/// then `<meta charset>` / `http-equiv` / an XML declaration in the first 4 KiB, else UTF-8
/// (decoded lossily with a warning when invalid; input with no valid multi-byte UTF-8 at all is
/// read as windows-1252, as browsers do). Text inside `script`, `style`, `head`, `noscript`,
/// `template`, `ix:header` and elements hidden by `display:none` or `hidden` is dropped.
/// Each `<tr>` with two or more non-empty cells becomes a [`BlockKind::TableRow`] whose cells
/// are tab-separated (`$` and `)`/`%` cells merged into their numbers); a row with a single
/// non-empty cell (EDGAR layout tables) becomes paragraphs. `<meta name>` tags with
/// CONTRACT.md keys and `<title>` fill [`Document::metadata`]; bad values become warnings.
///
/// # Errors
/// `Err("HTML nesting deeper than 2000 levels")` for pathologically nested input; nothing
/// else fails (malformed HTML is repaired by the HTML5 parsing algorithm).
pub fn extract(bytes: &[u8], display: &str) -> Result<Document, String> {
    let mut doc = Document::new(display, SourceFormat::Html);
    doc.source_bytes = bytes.len() as u64;
    let source = decode(bytes, &mut doc.warnings);
    let html_start = edgar_wrapper(&source, &mut doc.metadata);
    let html = source.get(html_start..).unwrap_or("");
    if nesting_depth_exceeds(html, MAX_NESTING) {
        return Err(format!("HTML nesting deeper than {MAX_NESTING} levels"));
    }
    let parsed = Html::parse_document(html);
    let mut walker = Walker::new(&source, html_start);
    walker.walk(&parsed);
    let Walker {
        blocks,
        meta,
        title,
        ..
    } = walker;
    for (name, content) in meta {
        if let Err(e) = doc.metadata.set(&name, &content) {
            doc.warnings.push(format!("<meta name={name:?}>: {e}"));
        }
    }
    if let Some(t) = title
        && doc.metadata.title.is_none()
    {
        doc.metadata.title = Some(t);
    }
    for b in blocks {
        doc.push_block(b.kind, &b.text, b.source, false, &b.cells, b.emphasized);
    }
    Ok(doc)
}

/// Decodes `bytes` to text, honouring a BOM or a declared charset.
fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or(&[]);
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            warnings.push(format!("invalid {} decoded lossily", enc.name()));
        }
        return text.into_owned();
    }
    if let Some(enc) = declared_charset(bytes) {
        // A declared UTF-16 in an ASCII-compatible byte stream is a lie (HTML spec: use UTF-8).
        let enc = if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
            encoding_rs::UTF_8
        } else {
            enc
        };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            warnings.push(format!("invalid {} decoded lossily", enc.name()));
        }
        return text.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let lossy = String::from_utf8_lossy(bytes);
    let valid_multibyte = lossy.chars().any(|c| c != '\u{FFFD}' && !c.is_ascii());
    if valid_multibyte {
        warnings.push("invalid UTF-8 decoded lossily (no charset declared)".to_owned());
        lossy.into_owned()
    } else {
        warnings.push("no charset declared and not UTF-8: decoded as windows-1252".to_owned());
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        text.into_owned()
    }
}

/// Finds `charset=` (meta charset or http-equiv content) or an XML declaration's `encoding=`
/// in the first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let lower = head.to_ascii_lowercase();
    let finder = |needle: &[u8]| memchr::memmem::find(&lower, needle);
    let (at, skip) = if let Some(i) = finder(b"charset") {
        (i, "charset".len())
    } else if lower.starts_with(b"<?xml") {
        (finder(b"encoding")?, "encoding".len())
    } else {
        return None;
    };
    let rest = lower.get(at + skip..)?;
    let rest = rest
        .iter()
        .position(|&b| b != b' ')
        .and_then(|i| rest.get(i..))?;
    let rest = rest.strip_prefix(b"=")?;
    let start = rest
        .iter()
        .position(|&b| !matches!(b, b' ' | b'"' | b'\''))?;
    let rest = rest.get(start..)?;
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(rest.get(..end)?)
}

/// Skips the SGML wrapper EDGAR puts around each document of a submission
/// (`<DOCUMENT><TYPE>EX-99.1<SEQUENCE>…<TEXT>`), recording `TYPE` and `DESCRIPTION` in
/// `metadata.extra` (`edgar_type`, `edgar_description`). Returns the byte offset where the
/// HTML starts (0 when there is no wrapper).
fn edgar_wrapper(source: &str, metadata: &mut Metadata) -> usize {
    let trimmed = source.trim_start();
    let upper_head: String = trimmed
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_uppercase();
    if !(upper_head.starts_with("<DOCUMENT>") || upper_head.starts_with("<TYPE>")) {
        return 0;
    }
    let lead = source.len() - trimmed.len();
    let window_end = floor_char_boundary(source, (lead + 4096).min(source.len()));
    let window = source.get(lead..window_end).unwrap_or("");
    let Some(text_at) = window.to_ascii_uppercase().find("<TEXT>") else {
        return 0;
    };
    for line in window.get(..text_at).unwrap_or("").lines() {
        let line = line.trim();
        let upper = line.to_ascii_uppercase();
        for (tag, key) in [
            ("<TYPE>", "edgar_type"),
            ("<DESCRIPTION>", "edgar_description"),
        ] {
            if upper.starts_with(tag)
                && let Some(v) = line.get(tag.len()..)
                && !v.trim().is_empty()
            {
                metadata.extra.insert(key.to_owned(), v.trim().to_owned());
            }
        }
    }
    lead + text_at + "<TEXT>".len()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Elements that never hold children.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "basefont"
            | "bgsound"
            | "frame"
            | "keygen"
    )
}

/// Elements whose end tag is optional, so an unclosed one does not imply deeper nesting.
fn has_optional_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "td"
            | "th"
            | "tr"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "tbody"
            | "thead"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "html"
            | "head"
            | "body"
    )
}

/// Cheap tag scan estimating element nesting; true when it exceeds `limit`.
/// Over-estimates for unclosed elements (html5ever nests those too, so the cost is real).
fn nesting_depth_exceeds(html: &str, limit: usize) -> bool {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(off) = b.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        i += off + 1;
        let Some(&next) = b.get(i) else { break };
        if next == b'!' {
            if b.get(i..i + 3) == Some(b"!--") {
                match b.get(i + 3..).and_then(|r| memchr::memmem::find(r, b"-->")) {
                    Some(e) => i += 3 + e + 3,
                    None => break,
                }
            }
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_len = b
            .get(name_start..)
            .unwrap_or(&[])
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            .unwrap_or(0);
        let name = html
            .get(name_start..name_start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(gt) = b.get(name_start..).and_then(|r| memchr::memchr(b'>', r)) else {
            break;
        };
        let tag_end = name_start + gt;
        i = tag_end + 1;
        if closing {
            if !is_void(&name) && !has_optional_end(&name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            // Raw text: skip to the matching end tag so `<` inside it is not read as a tag.
            let close = format!("</{name}");
            let rest_lower = b.get(i..).unwrap_or(&[]).to_ascii_lowercase();
            match memchr::memmem::find(&rest_lower, close.as_bytes()) {
                Some(e) => i += e,
                None => break,
            }
            continue;
        }
        let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        if !self_closing && !is_void(&name) && !has_optional_end(&name) {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

/// Elements whose content is never shown.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "head"
            | "noscript"
            | "template"
            | "title"
            | "ix:header"
            | "iframe"
            | "object"
            | "svg"
            | "select"
    )
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "br"
            | "hr"
            | "blockquote"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "address"
            | "center"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "legend"
            | "caption"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "pre"
            | "menu"
            | "dir"
    )
}

/// Whether an element's inline `style` hides it.
fn style_hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>();
    let s = s.to_ascii_lowercase();
    s.contains("display:none")
}

/// Bold state an element's own markup sets: `Some(true)` bold, `Some(false)` explicitly normal,
/// `None` inherit. EDGAR uses `font-weight:bold`, `font-weight:700` and the `font:` shorthand.
fn own_bold(name: &str, style: Option<&str>) -> Option<bool> {
    if matches!(name, "b" | "strong") {
        return Some(true);
    }
    let style = style?.to_ascii_lowercase();
    let weight_word = |w: &str| -> Option<bool> {
        match w {
            "bold" | "bolder" => Some(true),
            "normal" | "lighter" => Some(false),
            n => n.parse::<u32>().ok().map(|v| v >= 600),
        }
    };
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match prop.trim() {
            "font-weight" => {
                if let Some(b) = weight_word(value.split_whitespace().next().unwrap_or("")) {
                    return Some(b);
                }
            }
            "font"
                if value
                    .split_whitespace()
                    .any(|w| weight_word(w) == Some(true)) =>
            {
                return Some(true);
            }
            _ => {}
        }
    }
    None
}

/// Text being gathered into one block or one cell segment.
#[derive(Debug)]
struct Buf {
    kind: BlockKind,
    text: String,
    chars: usize,
    bold_chars: usize,
    pending_space: bool,
}

impl Buf {
    fn new(kind: BlockKind) -> Self {
        Self {
            kind,
            text: String::new(),
            chars: 0,
            bold_chars: 0,
            pending_space: false,
        }
    }

    fn push_text(&mut self, s: &str, bold: bool) {
        for c in s.chars() {
            let c = match c {
                '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
                // Soft hyphens and zero-width characters are invisible.
                '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
                c => c,
            };
            if c.is_whitespace() || c.is_control() {
                self.pending_space = !self.text.is_empty();
                continue;
            }
            if self.pending_space {
                self.text.push(' ');
                self.pending_space = false;
            }
            self.text.push(c);
            self.chars += 1;
            if bold {
                self.bold_chars += 1;
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = !self.text.is_empty();
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn all_bold(&self) -> bool {
        self.chars > 0 && self.bold_chars == self.chars
    }
}

/// A block ready to be pushed into the [`Document`].
#[derive(Debug)]
struct Out {
    kind: BlockKind,
    text: String,
    cells: Vec<(usize, usize)>,
    emphasized: bool,
    source: SourcePos,
}

/// One `<td>`/`<th>`: its text split at block boundaries inside it.
#[derive(Debug)]
struct Cell {
    segments: Vec<Buf>,
    cur: Buf,
}

/// One open `<table>`.
#[derive(Debug, Default)]
struct TableCtx {
    /// Document-wide table index, assigned at the first real table row.
    index: Option<u32>,
    rows: u32,
    /// Cells of the open `<tr>`, if any.
    row: Option<Vec<Cell>>,
    /// The open `<td>`, if any.
    cell: Option<Cell>,
}

/// Locates block text in the raw source to give approximate lines.
struct Locator<'a> {
    raw: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
}

impl<'a> Locator<'a> {
    fn new(raw: &'a str, start: usize) -> Self {
        let head = raw.as_bytes().get(..start).unwrap_or(&[]);
        let line = 1 + memchr::memchr_iter(b'\n', head).count() as u32;
        let line_start = memchr::memrchr(b'\n', head).map_or(0, |i| i + 1);
        Self {
            raw,
            pos: start,
            line,
            line_start,
        }
    }

    /// Source position of a block whose text is `text`: the first occurrence of one of its
    /// first words at or after the previous block; the previous line when not found.
    fn locate(&mut self, text: &str) -> SourcePos {
        let needle = probe_word(text);
        let raw = self.raw.as_bytes();
        let end = (self.pos + POSITION_WINDOW).min(raw.len());
        let hay = raw.get(self.pos..end).unwrap_or(&[]);
        if !needle.is_empty()
            && let Some(off) = memchr::memmem::find(hay, needle.as_bytes())
        {
            let found = self.pos + off;
            let between = raw.get(self.pos..found).unwrap_or(&[]);
            self.line += memchr::memchr_iter(b'\n', between).count() as u32;
            if let Some(nl) = memchr::memrchr(b'\n', between) {
                self.line_start = self.pos + nl + 1;
            }
            self.pos = found;
        }
        let column = self
            .raw
            .get(self.line_start..self.pos)
            .map_or(0, |s| s.chars().count());
        SourcePos {
            line: self.line,
            column: column as u32 + 1,
            page: None,
        }
    }
}

/// A word of `text` likely to appear verbatim in the source: the first run of at least three
/// characters free of white space and markup-significant characters (`&<>"'`), capped at 30
/// characters; else the first such run of any length.
fn probe_word(text: &str) -> &str {
    let is_plain = |c: char| !(c.is_whitespace() || matches!(c, '&' | '<' | '>' | '"' | '\''));
    let mut first: Option<&str> = None;
    for word in text
        .split(|c: char| !is_plain(c))
        .filter(|w| !w.is_empty())
        .take(8)
    {
        if first.is_none() {
            first = Some(word);
        }
        if word.chars().count() >= 3 {
            let cut = word.char_indices().nth(30).map_or(word.len(), |(i, _)| i);
            return word.get(..cut).unwrap_or(word);
        }
    }
    first.unwrap_or("")
}

/// The tree walker: turns open/close/text events into blocks.
struct Walker<'a> {
    locator: Locator<'a>,
    blocks: Vec<Out>,
    meta: Vec<(String, String)>,
    title: Option<String>,
    /// Block kind the current element context gives (heading, list item, paragraph).
    kinds: Vec<BlockKind>,
    /// Bold state per open element (the last one applies).
    bold: Vec<bool>,
    cur: Buf,
    tables: Vec<TableCtx>,
    next_table: u32,
    /// Depth of `<pre>` elements open.
    pre: usize,
}

impl<'a> Walker<'a> {
    fn new(raw: &'a str, start: usize) -> Self {
        Self {
            locator: Locator::new(raw, start),
            blocks: Vec::new(),
            meta: Vec::new(),
            title: None,
            kinds: vec![BlockKind::Paragraph],
            bold: vec![false],
            cur: Buf::new(BlockKind::Paragraph),
            tables: Vec::new(),
            next_table: 0,
            pre: 0,
        }
    }

    fn kind(&self) -> BlockKind {
        self.kinds.last().cloned().unwrap_or(BlockKind::Paragraph)
    }

    fn walk(&mut self, html: &Html) {
        // The node whose subtree is being skipped, if any.
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        if let Node::Element(el) = node.value() {
                            self.head_element(el.name(), node);
                        }
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.text(t),
                        Node::Element(el) => {
                            let name = el.name();
                            self.head_element(name, node);
                            if is_skipped(name)
                                || el.attr("hidden").is_some()
                                || el.attr("style").is_some_and(style_hides)
                            {
                                skipping = Some(node.id());
                                continue;
                            }
                            if name == "sup"
                                && let Some(e) = ElementRef::wrap(node)
                                && is_footnote_marker(&e.text().collect::<String>())
                            {
                                // "$4.90<sup>1</sup>" must not read as "$4.901".
                                self.sink().space();
                            }
                            let parent_bold = self.bold.last().copied().unwrap_or(false);
                            let b = own_bold(name, el.attr("style")).unwrap_or(parent_bold);
                            self.bold.push(b);
                            self.open(name);
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skipping {
                        if id == node.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    if let Node::Element(el) = node.value() {
                        self.close(el.name());
                        self.bold.pop();
                    }
                }
            }
        }
        self.close_all_tables();
        self.flush();
    }

    /// Collects `<meta name content>` and `<title>` (they live in the skipped `<head>`).
    fn head_element(&mut self, name: &str, node: ego_tree::NodeRef<'_, Node>) {
        let Some(el) = ElementRef::wrap(node) else {
            return;
        };
        match name {
            "meta" => {
                let v = el.value();
                let key = v.attr("name").or_else(|| v.attr("property"));
                if let (Some(key), Some(content)) = (key, v.attr("content")) {
                    let key = key.trim().to_ascii_lowercase();
                    let key = key
                        .strip_prefix("regfd:")
                        .or_else(|| key.strip_prefix("regfd."))
                        .unwrap_or(&key);
                    let key = match key {
                        "article:published_time" => "disclosed_at",
                        "og:title" => "title",
                        k => k,
                    };
                    if is_contract_key(key) {
                        self.meta.push((key.to_owned(), content.to_owned()));
                    }
                }
            }
            "title" if self.title.is_none() => {
                let mut b = Buf::new(BlockKind::Paragraph);
                for t in el.text() {
                    b.push_text(t, false);
                }
                let t = b.text;
                let lower = t.to_ascii_lowercase();
                // Authoring tools fill in placeholders ("Document") or the file name.
                let placeholder = matches!(lower.as_str(), "" | "document" | "untitled")
                    || std::path::Path::new(&lower).extension().is_some_and(|e| {
                        e.eq_ignore_ascii_case("htm") || e.eq_ignore_ascii_case("html")
                    });
                if !placeholder {
                    self.title = Some(t);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        let bold = self.bold.last().copied().unwrap_or(false);
        if self.pre > 0 && self.tables.last().is_none_or(|t| t.cell.is_none()) {
            self.pre_text(t, bold);
            return;
        }
        self.sink().push_text(t, bold);
    }

    /// Text inside `<pre>` (old EDGAR filings lay tables out with spaces): each line whose
    /// columns are separated by two or more spaces and that has a digit becomes a table row;
    /// other lines join into paragraphs broken at blank lines.
    fn pre_text(&mut self, t: &str, bold: bool) {
        let mut lines = t.split('\n').peekable();
        while let Some(line) = lines.next() {
            let cells = split_spaced_cells(line);
            if cells.len() >= 2 && line.chars().any(|c| c.is_ascii_digit()) {
                self.flush();
                self.emit_row(&cells, bold);
            } else if line.trim().is_empty() {
                if lines.peek().is_some() {
                    self.flush();
                }
            } else {
                self.cur.push_text(line, bold);
                self.cur.space();
            }
        }
    }

    /// Where inline text goes: the open cell's current segment, else the current block.
    fn sink(&mut self) -> &mut Buf {
        if let Some(Some(cell)) = self.tables.last_mut().map(|t| t.cell.as_mut()) {
            return &mut cell.cur;
        }
        &mut self.cur
    }

    /// A block boundary: inside a cell it starts a new segment, elsewhere it ends the block.
    fn boundary(&mut self) {
        let kind = self.kind();
        if let Some(Some(cell)) = self.tables.last_mut().map(|t| t.cell.as_mut()) {
            if cell.cur.is_empty() {
                cell.cur.kind = kind;
            } else {
                let done = std::mem::replace(&mut cell.cur, Buf::new(kind));
                cell.segments.push(done);
            }
            return;
        }
        self.flush();
    }

    fn open(&mut self, name: &str) {
        match name {
            "table" => {
                self.boundary();
                // A table nested in a cell: emit the outer row so far to keep reading order.
                self.flush_partial_row();
                self.tables.push(TableCtx::default());
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    if t.row.is_some() {
                        self.close_row();
                    }
                    if let Some(t) = self.tables.last_mut() {
                        t.row = Some(Vec::new());
                    }
                } else {
                    self.boundary();
                }
            }
            "td" | "th" => {
                let kind = self.kind();
                if let Some(t) = self.tables.last_mut() {
                    if let Some(c) = t.cell.take() {
                        t.row.get_or_insert_with(Vec::new).push(c);
                    }
                    t.row.get_or_insert_with(Vec::new);
                    t.cell = Some(Cell {
                        segments: Vec::new(),
                        cur: Buf::new(kind),
                    });
                } else {
                    self.boundary();
                }
            }
            _ => {
                let heading = match name {
                    "h1" => Some(1),
                    "h2" => Some(2),
                    "h3" => Some(3),
                    "h4" => Some(4),
                    "h5" => Some(5),
                    "h6" => Some(6),
                    _ => None,
                };
                if is_block(name) {
                    if let Some(level) = heading {
                        self.kinds.push(BlockKind::Heading { level });
                    } else if name == "li" {
                        self.kinds.push(BlockKind::ListItem);
                    }
                    self.boundary();
                    if name == "pre" {
                        self.pre += 1;
                    }
                } else if matches!(name, "img" | "input" | "wbr") {
                    // Inline replaced content separates words.
                    self.sink().space();
                }
            }
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "table" => {
                if let Some(t) = self.tables.last()
                    && (t.row.is_some() || t.cell.is_some())
                {
                    self.close_row();
                }
                self.tables.pop();
            }
            "tr" => {
                if self.tables.last().is_some_and(|t| t.row.is_some()) {
                    self.close_row();
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(c) = t.cell.take()
                {
                    t.row.get_or_insert_with(Vec::new).push(c);
                }
            }
            _ => {
                if is_block(name) {
                    self.boundary();
                    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li")
                        && self.kinds.len() > 1
                    {
                        self.kinds.pop();
                    }
                    if name == "pre" {
                        self.pre = self.pre.saturating_sub(1);
                    }
                    let kind = self.kind();
                    self.cur.kind = kind;
                }
            }
        }
    }

    fn close_all_tables(&mut self) {
        while !self.tables.is_empty() {
            self.close("table");
        }
    }

    /// Ends the current block (outside tables).
    fn flush(&mut self) {
        let kind = self.kind();
        let done = std::mem::replace(&mut self.cur, Buf::new(kind));
        self.emit_buf(done);
    }

    fn emit_buf(&mut self, b: Buf) {
        if b.is_empty() {
            return;
        }
        let emphasized = matches!(b.kind, BlockKind::Heading { .. }) || b.all_bold();
        let source = self.locator.locate(&b.text);
        // EDGAR documents keep their printed page numbers between page breaks.
        let kind = if super::pdf::is_page_number(&b.text) {
            BlockKind::Furniture
        } else {
            b.kind
        };
        self.blocks.push(Out {
            kind,
            text: b.text,
            cells: Vec::new(),
            emphasized,
            source,
        });
    }

    /// Emits the open row of the enclosing table (if a nested table starts inside one) and
    /// leaves that row open but empty.
    fn flush_partial_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = t.row.as_mut() else { return };
        let mut cells = std::mem::take(row);
        if let Some(c) = t.cell.as_mut() {
            let kind = c.cur.kind.clone();
            let segs = std::mem::take(&mut c.segments);
            let cur = std::mem::replace(&mut c.cur, Buf::new(kind));
            cells.push(Cell {
                segments: segs,
                cur,
            });
        }
        self.emit_cells(cells);
    }

    fn close_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let mut cells = t.row.take().unwrap_or_default();
        if let Some(c) = t.cell.take() {
            cells.push(c);
        }
        self.emit_cells(cells);
    }

    /// Turns a finished row into blocks: a table row when two or more cells have text, a list
    /// item for a bullet + text layout row, else the single cell's segments as paragraphs.
    fn emit_cells(&mut self, cells: Vec<Cell>) {
        let mut texts: Vec<(String, bool)> = Vec::new();
        let mut lone: Option<Vec<Buf>> = None;
        for cell in cells {
            let mut segs = cell.segments;
            if !cell.cur.is_empty() {
                segs.push(cell.cur);
            }
            if segs.is_empty() {
                continue;
            }
            let bold = segs.iter().all(Buf::all_bold);
            let text = segs
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            texts.push((text, bold));
            lone = Some(segs);
        }
        if texts.len() == 1 {
            for seg in lone.unwrap_or_default() {
                self.emit_buf(seg);
            }
            return;
        }
        let texts = merge_symbol_cells(texts);
        if let [(marker, _), (body, bold)] = texts.as_slice()
            && is_list_marker(marker)
            && body.split_whitespace().count() >= 3
        {
            let text = if is_bullet(marker) {
                body.clone()
            } else {
                format!("{marker} {body}")
            };
            let source = self.locator.locate(&text);
            self.blocks.push(Out {
                kind: BlockKind::ListItem,
                text,
                cells: Vec::new(),
                emphasized: *bold,
                source,
            });
            return;
        }
        match texts.len() {
            0 => {}
            1 => {
                let (text, bold) = texts.into_iter().next().unwrap_or_default();
                let mut b = Buf::new(BlockKind::Paragraph);
                b.text = text;
                b.chars = 1;
                b.bold_chars = usize::from(bold);
                self.emit_buf(b);
            }
            _ => {
                let bold = texts.iter().all(|(_, b)| *b);
                let cells: Vec<String> = texts.into_iter().map(|(t, _)| t).collect();
                self.emit_row(&cells, bold);
            }
        }
    }

    /// Pushes one table row block with tab-separated `cells`.
    fn emit_row(&mut self, cells: &[String], emphasized: bool) {
        let (table, row) = if let Some(t) = self.tables.last_mut() {
            let index = *t.index.get_or_insert_with(|| {
                let i = self.next_table;
                self.next_table += 1;
                i
            });
            t.rows += 1;
            (index, t.rows - 1)
        } else if let Some(Out {
            kind: BlockKind::TableRow { table, row },
            ..
        }) = self.blocks.last()
        {
            // Rows from `<pre>` text: a table is a run of consecutive rows.
            (*table, row + 1)
        } else {
            self.next_table += 1;
            (self.next_table - 1, 0)
        };
        let (text, ranges) = join_cells(cells);
        let source = self.locator.locate(&text);
        self.blocks.push(Out {
            kind: BlockKind::TableRow { table, row },
            text,
            cells: ranges,
            emphasized,
            source,
        });
    }
}

/// Keys of CONTRACT.md "Document metadata" (and the synonyms [`Metadata::set`] knows) that a
/// `<meta name>` may carry.
fn is_contract_key(key: &str) -> bool {
    matches!(
        key.replace('-', "_").as_str(),
        "kind"
            | "type"
            | "doc_kind"
            | "company"
            | "issuer"
            | "author"
            | "speaker"
            | "spokesperson"
            | "handle"
            | "platform"
            | "channel"
            | "audience"
            | "public_channel"
            | "disclosed_at"
            | "posted_at"
            | "published"
            | "published_at"
            | "date"
            | "learned_at"
            | "title"
            | "headline"
            | "ticker"
            | "cik"
    )
}

/// Joins cells with `\t`, returning the text and each cell's byte range in it.
pub(crate) fn join_cells(cells: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(cells.len());
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            text.push('\t');
        }
        let start = text.len();
        text.push_str(c);
        ranges.push((start, text.len()));
    }
    (text, ranges)
}

/// Merges EDGAR's split cells: a lone currency sign joins the following cell (`$ 1,234`); a
/// lone `)`, `%` or `)%` joins the preceding one (`(56)`, `12%`).
pub(crate) fn merge_symbol_cells(cells: Vec<(String, bool)>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::with_capacity(cells.len());
    let mut pending_currency: Option<(String, bool)> = None;
    for (text, bold) in cells {
        let t = text.trim();
        if matches!(t, ")" | "%" | ")%" | "%)" | "pts" | "bps" | "x")
            && pending_currency.is_none()
            && let Some(prev) = out.last_mut()
        {
            prev.0.push_str(t);
            continue;
        }
        if matches!(t, "$" | "€" | "£" | "¥" | "US$" | "C$" | "A$" | "$(" | "(") {
            if let Some(p) = pending_currency.take() {
                out.push(p);
            }
            pending_currency = Some((t.to_owned(), bold));
            continue;
        }
        match pending_currency.take() {
            Some((sym, b)) => {
                let joined = if sym.ends_with('(') {
                    format!("{sym}{t}")
                } else {
                    format!("{sym} {t}")
                };
                out.push((joined, b && bold));
            }
            None => out.push((t.to_owned(), bold)),
        }
    }
    if let Some(p) = pending_currency {
        out.push(p);
    }
    out
}

/// A superscript footnote reference: up to three digits, `*`, `†`, `‡`, `§`, commas, parens.
fn is_footnote_marker(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars().count() <= 5
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '§' | ',' | '(' | ')'))
}

fn is_bullet(s: &str) -> bool {
    matches!(
        s,
        "•" | "·"
            | "●"
            | "◦"
            | "▪"
            | "■"
            | "□"
            | "○"
            | "-"
            | "–"
            | "—"
            | "o"
            | "Ø"
            | "ü"
            | "§"
    )
}

/// A bullet glyph or a short enumeration marker: `(1)`, `(a)`, `1.`, `*`, `†`.
fn is_list_marker(s: &str) -> bool {
    if is_bullet(s) || matches!(s, "*" | "**" | "†" | "‡" | "☐" | "☒" | "☑" | "✓" | "✔")
    {
        return true;
    }
    let inner = s
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| s.strip_suffix('.'))
        .or_else(|| s.strip_suffix(')'));
    inner
        .is_some_and(|i| (1..=3).contains(&i.len()) && i.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Splits a preformatted line into cells at runs of two or more spaces (or tabs).
fn split_spaced_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0usize;
    for c in line.chars() {
        let c = if c == '\u{00A0}' { ' ' } else { c };
        if c == '\t' {
            spaces += 2;
        } else if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 && !cur.is_empty() {
                cells.push(std::mem::take(&mut cur));
            } else if spaces > 0 && !cur.is_empty() {
                cur.push(' ');
            }
            spaces = 0;
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        cells.push(cur);
    }
    let cells: Vec<(String, bool)> = cells.into_iter().map(|c| (c, false)).collect();
    merge_symbol_cells(cells)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(d: &Document) -> Vec<(&str, Vec<&str>)> {
        d.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::TableRow { .. }))
            .map(|b| {
                (
                    &d.text[b.start..b.end],
                    b.cells
                        .iter()
                        .map(|&(s, e)| &d.text[s..e])
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    }

    #[test]
    fn drops_ix_header_hidden_and_scripts() {
        let html = r#"<html><head><title>Acme Q3</title><script>var x = "secret";</script></head>
<body><div style="display: none"><ix:header><ix:hidden>dei:Hidden 123</ix:hidden></ix:header></div>
<ix:header>HEADER TEXT</ix:header>
<p>Revenue was <ix:nonFraction name="us-gaap:Revenues">1,234</ix:nonFraction> million.</p>
<p hidden>not shown</p><span style="DISPLAY:NONE">gone</span><noscript>nojs</noscript>
</body></html>"#;
        let d = extract(html.as_bytes(), "a.html").unwrap();
        assert_eq!(d.text, "Revenue was 1,234 million.");
        assert_eq!(d.metadata.title.as_deref(), Some("Acme Q3"));
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(d.blocks[0].source.line, 4);
    }

    #[test]
    fn edgar_table_cells_merge_dollar_and_paren() {
        let html = r#"<table>
<tr><td></td><td style="font-weight:bold">Three Months Ended</td><td></td></tr>
<tr><td><font>Net income</font></td><td>&#160;</td><td>$</td><td>1,234</td><td></td>
<td>$</td><td>(56</td><td>)</td><td>12.5</td><td>%</td></tr>
</table><p>After.</p>"#;
        let d = extract(html.as_bytes(), "t.htm").unwrap();
        let r = rows(&d);
        assert_eq!(r.len(), 1, "{:?}", d.blocks);
        assert_eq!(r[0].0, "Net income\t$ 1,234\t$ (56)\t12.5%");
        assert_eq!(r[0].1, vec!["Net income", "$ 1,234", "$ (56)", "12.5%"]);
        // The single-cell header row is a paragraph, emphasized because it is bold.
        assert_eq!(d.block_text(0), "Three Months Ended");
        assert!(d.blocks[0].emphasized);
        assert_eq!(d.blocks[0].kind, BlockKind::Paragraph);
        assert_eq!(d.blocks[1].kind, BlockKind::TableRow { table: 0, row: 0 });
        assert!(d.text.ends_with("\n\nAfter."));
        assert_eq!(d.blocks[1].source.line, 3);
    }

    #[test]
    fn headings_lists_bold_and_breaks() {
        let html = "<h2>Outlook</h2><p><b>Adjusted EBITDA</b> <strong>rose</strong></p>\
            <p><span style='font: bold 10pt Times'>All bold</span> but not this</p>\
            <ul><li>one item</li><li>two</li></ul>line a<br>line b\
            <table><tr><td>•</td><td>Bullet row with text</td></tr></table>\
            <p>EPS was $4.90<sup>1</sup> and 24<sup>th</sup></p><p style='text-align:center'>- 2 -</p>";
        let d = extract(html.as_bytes(), "h.html").unwrap();
        let kinds: Vec<_> = d
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.emphasized))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading { level: 2 }, true),
                (BlockKind::Paragraph, true),
                (BlockKind::Paragraph, false),
                (BlockKind::ListItem, false),
                (BlockKind::ListItem, false),
                (BlockKind::Paragraph, false),
                (BlockKind::Paragraph, false),
                (BlockKind::ListItem, false),
                (BlockKind::Paragraph, false),
                (BlockKind::Furniture, false),
            ]
        );
        assert_eq!(d.block_text(8), "EPS was $4.90 1 and 24th");
        assert_eq!(d.block_text(1), "Adjusted EBITDA rose");
        assert_eq!(d.block_text(7), "Bullet row with text");
    }

    #[test]
    fn meta_tags_fill_metadata_and_bad_values_warn() {
        let html = r#"<html><head>
<meta name="kind" content="press_release">
<meta name="company" content="Acme Corp">
<meta name="author" content="Alicia Moreau, Chief Financial Officer">
<meta name="channel" content="newswire">
<meta name="audience" content="public">
<meta name="disclosed_at" content="2025-02-03T16:05:00-05:00">
<meta name="learned_at" content="not a date">
<meta name="viewport" content="width=device-width">
</head><body><p>x</p></body></html>"#;
        let d = extract(html.as_bytes(), "m.html").unwrap();
        let m = &d.metadata;
        assert_eq!(m.kind, Some(crate::document::DocKind::PressRelease));
        assert_eq!(m.company.as_deref(), Some("Acme Corp"));
        assert_eq!(
            m.author.as_deref(),
            Some("Alicia Moreau, Chief Financial Officer")
        );
        assert_eq!(m.channel.as_deref(), Some("newswire"));
        assert_eq!(m.audience.as_deref(), Some("public"));
        assert_eq!(
            m.disclosed_at.unwrap().to_rfc3339(),
            "2025-02-03T16:05:00-05:00"
        );
        assert!(m.extra.is_empty(), "{:?}", m.extra);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("learned_at"), "{:?}", d.warnings);
    }

    #[test]
    fn entities_and_nbsp_become_spaces() {
        let html = "<p>Q3&nbsp;2025&#160;revenue &amp; margin\u{a0}\u{a0}rose\n\n   12&#8209;14%&mdash;ok</p>";
        let d = extract(html.as_bytes(), "e.html").unwrap();
        assert_eq!(
            d.text,
            "Q3 2025 revenue & margin rose 12\u{2011}14%\u{2014}ok"
        );
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let n = 100_000;
        let html = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        let t = std::time::Instant::now();
        let r = extract(html.as_bytes(), "deep.html");
        assert_eq!(r.unwrap_err(), "HTML nesting deeper than 2000 levels");
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        // Just under the limit still parses, and unclosed optional-end tags do not count.
        let ok = format!("{}x{}", "<span>".repeat(1500), "</span>".repeat(1500));
        assert_eq!(extract(ok.as_bytes(), "ok.html").unwrap().text, "x");
        let flat = "<p>para".repeat(50_000);
        assert_eq!(
            extract(flat.as_bytes(), "flat.html").unwrap().blocks.len(),
            50_000
        );
    }

    #[test]
    fn charset_windows_1252_and_bom() {
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>Company\x92s \x93results\x94 \x80 5</p>".to_vec();
        let d = extract(&bytes, "w.html").unwrap();
        assert_eq!(
            d.text,
            "Company\u{2019}s \u{201c}results\u{201d} \u{20ac} 5"
        );
        assert!(d.warnings.is_empty());
        // Undeclared and not UTF-8 at all: read as windows-1252, with a warning.
        bytes = b"<p>Company\x92s</p>".to_vec();
        let d = extract(&bytes, "w2.html").unwrap();
        assert_eq!(d.text, "Company\u{2019}s");
        assert_eq!(d.warnings.len(), 1);
        // UTF-8 with one stray byte: lossy, with a warning.
        let d = extract("<p>caf\u{e9} \u{ff}</p>".as_bytes(), "u.html").unwrap();
        assert!(d.warnings.is_empty());
        let mut b = "<p>caf\u{e9} ".as_bytes().to_vec();
        b.push(0xff);
        let d = extract(&b, "u2.html").unwrap();
        assert_eq!(d.text, "caf\u{e9} \u{fffd}");
        assert_eq!(d.warnings.len(), 1);
        // UTF-16LE with a BOM.
        let mut u16: Vec<u8> = vec![0xff, 0xfe];
        for c in "<p>Hi \u{e9}</p>".encode_utf16() {
            u16.extend_from_slice(&c.to_le_bytes());
        }
        assert_eq!(extract(&u16, "b.html").unwrap().text, "Hi \u{e9}");
    }

    #[test]
    fn edgar_wrapper_and_pre_tables() {
        let src = "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>x.htm\n<DESCRIPTION>PRESS RELEASE\n<TEXT>\n<html><body><pre>\nACME REPORTS RESULTS\n\n                      2024       2023\nNet income     $  1,234   $  (56)\n</pre></body></html>\n</TEXT>\n</DOCUMENT>\n";
        let d = extract(src.as_bytes(), "w.htm").unwrap();
        assert_eq!(d.metadata.extra["edgar_type"], "EX-99.1");
        assert_eq!(d.metadata.extra["edgar_description"], "PRESS RELEASE");
        assert_eq!(d.block_text(0), "ACME REPORTS RESULTS");
        let r = rows(&d);
        assert_eq!(r[0].1, vec!["2024", "2023"]);
        assert_eq!(r[1].1, vec!["Net income", "$ 1,234", "$ (56)"]);
        assert_eq!(d.blocks[2].kind, BlockKind::TableRow { table: 0, row: 1 });
        assert_eq!(d.blocks[2].source.line, 11);
    }

    #[test]
    fn nested_table_keeps_reading_order() {
        let html = "<table><tr><td>Outer a</td><td>Outer 1<table><tr><td>In x</td><td>9</td></tr></table></td></tr></table>";
        let d = extract(html.as_bytes(), "n.html").unwrap();
        assert_eq!(d.text, "Outer a\tOuter 1\nIn x\t9");
        assert_eq!(d.blocks[1].kind, BlockKind::TableRow { table: 1, row: 0 });
    }
}
