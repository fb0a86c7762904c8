//! Extractor for PDF (earnings releases with reconciliation tables, 8-K printouts, slides).
//!
//! Input: the raw bytes of one `.pdf` file. Output: one [`Document`] ([`SourceFormat::Pdf`])
//! whose blocks are paragraphs, headings, list items, table rows and page furniture, page by
//! page, each with [`SourcePos::page`] set and [`SourcePos::line`] = the 1-based line within
//! that page's reconstructed text. Owns decryption checks, text positioning and line/table
//! reconstruction, header/footer detection and `/Info` metadata; leaves sentence splitting
//! and meaning to later stages.
//!
//! lopdf's own `extract_text` emits one table cell per line, which destroys reconciliation
//! tables. So this module interprets each page's content stream itself: it tracks the text and
//! graphics matrices (`cm`, `q`/`Q`, `BT`, `Tm`, `Td`, `TD`, `T*`, `TL`, `Tc`, `Tw`, `Tz`,
//! `Ts`), measures every shown string with the font's glyph widths, follows Form `XObject`s
//! (`Do`), and then rebuilds lines by baseline and orders fragments by x. A horizontal gap
//! wider than about four spaces separates table cells. A page whose content stream cannot be
//! decoded falls back to lopdf's `extract_text` (with a warning).

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Encoding, Object, ObjectId};

use crate::document::{BlockKind, Document, SourceFormat, SourcePos};

/// Bytes one page's content streams may inflate to (decompression-bomb guard).
const MAX_PAGE_CONTENT_BYTES: usize = 64 * 1024 * 1024;
/// Deepest Form `XObject` nesting followed by `Do`.
const MAX_FORM_DEPTH: usize = 8;
/// Deepest `q` graphics-state stack kept (further saves are ignored, restores still pop).
const MAX_GSTATE_DEPTH: usize = 256;
/// Horizontal gap, in multiples of the font size, that separates two table cells
/// (about four spaces of a typical text face).
const CELL_GAP_EM: f64 = 0.9;
/// Horizontal gap, in multiples of the font size, that separates two words.
const WORD_GAP_EM: f64 = 0.12;

/// Extracts the text of one PDF into a [`Document`] (format [`SourceFormat::Pdf`]).
///
/// `bytes` is the whole file; `display` becomes [`Document::path`]. Each reconstructed line
/// with two or more cells and a digit becomes a [`BlockKind::TableRow`] (cells tab-separated,
/// `$` merged into the following amount); other lines are grouped into paragraphs (broken at
/// vertical gaps wider than the document's own line step, size or weight changes, bullets and
/// short lines that close a sentence or precede a capital), with end-of-line hyphenation and
/// ligatures (`ﬁ ﬂ ﬀ ﬃ ﬄ`) repaired. Lines repeated at the top or bottom of most pages and page
/// numbers become [`BlockKind::Furniture`]. `/Info` `Title` sets the title; `Author` and
/// `CreationDate` (as RFC 3339) go to `extra` as `pdf_author` and `pdf_created`.
///
/// # Errors
/// `"not a PDF: …"` when there is no `%PDF` header, `"unreadable PDF: …"` when lopdf cannot
/// parse it, `"encrypted PDF (no password)"` when it needs a user password,
/// `"PDF has no pages"`, and `"PDF has pages but no extractable text (scanned?)"`. A page
/// without text, or one read with the fallback extractor, only adds a warning.
pub fn extract(bytes: &[u8], display: &str) -> Result<Document, String> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF").is_none() {
        return Err("not a PDF: no %PDF header in the first 1024 bytes".to_owned());
    }
    let pdf = lopdf::Document::load_mem(bytes).map_err(|e| format!("unreadable PDF: {e}"))?;
    // lopdf decrypts files with an empty user password itself and then drops `/Encrypt`;
    // a remaining `/Encrypt` means the objects are still ciphertext.
    if pdf.is_encrypted() || pdf.trailer.has(b"Encrypt") {
        return Err("encrypted PDF (no password)".to_owned());
    }
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err("PDF has no pages".to_owned());
    }
    let mut doc = Document::new(display, SourceFormat::Pdf);
    doc.source_bytes = bytes.len() as u64;
    info_metadata(&pdf, &mut doc);

    let mut page_lines: Vec<(u32, Vec<Line>)> = Vec::with_capacity(pages.len());
    for (&number, &page_id) in &pages {
        let lines = match page_text_lines(&pdf, page_id) {
            Ok(lines) if !lines.is_empty() => lines,
            Ok(_) => fallback_lines(&pdf, number, &mut doc.warnings, None),
            Err(e) => fallback_lines(&pdf, number, &mut doc.warnings, Some(&e)),
        };
        if lines.is_empty() {
            doc.warnings.push(format!("page {number} has no text"));
        }
        page_lines.push((number, lines));
    }
    if page_lines.iter().all(|(_, l)| l.is_empty()) {
        return Err("PDF has pages but no extractable text (scanned?)".to_owned());
    }
    mark_furniture(&mut page_lines);
    let body_size = body_font_size(&page_lines);
    let mut builder = BlockBuilder {
        doc: &mut doc,
        body_size,
        body_step: body_line_step(&page_lines, body_size),
        next_table: 0,
        last_row: None,
        lines_since_row: usize::MAX,
        words: hyphenated_words(&page_lines),
    };
    for (number, lines) in &page_lines {
        builder.page(*number, lines);
    }
    Ok(doc)
}

// ---------------------------------------------------------------------------------------------
// Metadata

/// Reads `/Info` `Title`, `Author` and `CreationDate`.
fn info_metadata(pdf: &lopdf::Document, doc: &mut Document) {
    let Some(info) = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| pdf.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return;
    };
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| pdf.dereference(o).ok())
            .and_then(|(_, o)| lopdf::decode_text_string(o).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    if let Some(title) = text(b"Title").and_then(|t| clean_title(&t)) {
        doc.metadata.title = Some(title);
    }
    if let Some(author) = text(b"Author") {
        doc.metadata.extra.insert("pdf_author".to_owned(), author);
    }
    if let Some(created) = text(b"CreationDate") {
        match parse_pdf_date(&created) {
            Some(t) => {
                doc.metadata
                    .extra
                    .insert("pdf_created".to_owned(), t.to_rfc3339());
            }
            None => doc
                .warnings
                .push(format!("unreadable /Info CreationDate {created:?}")),
        }
    }
}

/// Drops authoring-tool noise from an `/Info` title ("Microsoft Word - Q3 PR.docx").
fn clean_title(t: &str) -> Option<String> {
    let t = t.strip_prefix("Microsoft Word - ").unwrap_or(t).trim();
    let lower = t.to_ascii_lowercase();
    let file_like = [".doc", ".docx", ".pdf", ".indd", ".rtf", ".xlsx", ".pptx"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    (!t.is_empty() && !file_like && !matches!(lower.as_str(), "untitled" | "document"))
        .then(|| t.to_owned())
}

/// Parses a PDF date `D:YYYYMMDDHHmmSS+HH'mm'` (every part after the year optional; `Z` or
/// no offset read as UTC).
fn parse_pdf_date(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    let part = |from: usize, len: usize, default: u32| -> Option<u32> {
        match digits.get(from..from + len) {
            Some(p) => p.parse().ok(),
            None => Some(default),
        }
    };
    let year: i32 = digits.get(..4)?.parse().ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(year, part(4, 2, 1)?, part(6, 2, 1)?)?;
    let time = date.and_hms_opt(part(8, 2, 0)?, part(10, 2, 0)?, part(12, 2, 0)?)?;
    let rest = s.get(digits.len()..).unwrap_or("");
    let mut offset_secs = 0i32;
    if let Some(sign) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
        let nums: Vec<i32> = rest
            .get(1..)
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        let hours = nums.first().copied().unwrap_or(0);
        let minutes = nums.get(1).copied().unwrap_or(0);
        offset_secs = (hours * 60 + minutes) * 60 * if sign == '-' { -1 } else { 1 };
    }
    let offset = chrono::FixedOffset::east_opt(offset_secs)?;
    time.and_local_timezone(offset).single()
}

// ---------------------------------------------------------------------------------------------
// Fonts

/// What the interpreter needs to know about one font resource.
struct FontInfo<'a> {
    /// `/ToUnicode` map, preferred over `encoding` (ISO 32000-1 9.10.2): subset fonts often
    /// carry a `/Encoding` that no longer matches their glyph codes.
    to_unicode: Option<ToUnicode>,
    encoding: Option<Encoding<'a>>,
    /// Composite (`Type0`) fonts use two-byte codes (`Identity-H` and most CJK `CMap`s).
    two_byte: bool,
    /// Glyph widths in thousandths of an em by code.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph-space units to text-space units: 1/1000, or a Type3 font's `FontMatrix` scale.
    width_scale: f64,
    bold: bool,
}

impl FontInfo<'_> {
    /// Advance of `code` in text-space units per unit of font size.
    fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.width_scale
    }
}

/// A font code or CID from a PDF number: negative and fractional parts dropped, saturating.
#[allow(clippy::cast_sign_loss)] // clamped to [0, u32::MAX] first
fn code_from(v: f64) -> u32 {
    if v.is_finite() {
        v.clamp(0.0, f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn deref<'a>(pdf: &'a lopdf::Document, o: &'a Object) -> &'a Object {
    pdf.dereference(o).map_or(o, |(_, o)| o)
}

/// A parsed `/ToUnicode` `CMap`: code → text, with the code length in bytes.
struct ToUnicode {
    code_len: usize,
    map: HashMap<u32, String>,
}

impl ToUnicode {
    /// Parses the `bfchar`/`bfrange` sections of a `ToUnicode` `CMap`. `None` when it maps nothing.
    fn parse(data: &[u8]) -> Option<Self> {
        // Tokens: hex strings, `[`/`]`, and bare keywords; everything else is skipped.
        #[derive(PartialEq)]
        enum Tok {
            Hex(Vec<u8>),
            Open,
            Close,
            Word(Vec<u8>),
        }
        let mut toks = Vec::new();
        let mut i = 0;
        while let Some(&c) = data.get(i) {
            match c {
                b'<' => {
                    let end = data.get(i + 1..).and_then(|r| memchr::memchr(b'>', r))? + i + 1;
                    let hex: Vec<u8> = data
                        .get(i + 1..end)?
                        .iter()
                        .copied()
                        .filter(u8::is_ascii_hexdigit)
                        .collect();
                    let bytes = hex
                        .chunks(2)
                        .map(|p| {
                            let s = std::str::from_utf8(p).unwrap_or("0");
                            let v = u8::from_str_radix(s, 16).unwrap_or(0);
                            if p.len() == 1 { v << 4 } else { v }
                        })
                        .collect();
                    toks.push(Tok::Hex(bytes));
                    i = end + 1;
                }
                b'[' => {
                    toks.push(Tok::Open);
                    i += 1;
                }
                b']' => {
                    toks.push(Tok::Close);
                    i += 1;
                }
                c if c.is_ascii_alphabetic() => {
                    let len = data
                        .get(i..)?
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                    toks.push(Tok::Word(data.get(i..i + len)?.to_vec()));
                    i += len;
                }
                _ => i += 1,
            }
        }
        let be = |b: &[u8]| b.iter().fold(0u32, |acc, x| (acc << 8) | u32::from(*x));
        let utf16 = |b: &[u8]| {
            let units: Vec<u16> = b
                .chunks(2)
                .map(|p| p.iter().fold(0u16, |acc, x| (acc << 8) | u16::from(*x)))
                .collect();
            String::from_utf16_lossy(&units)
        };
        let mut map = HashMap::new();
        let mut code_len = 0usize;
        let mut section: &[u8] = b"";
        let mut k = 0;
        while k < toks.len() {
            match &toks[k] {
                Tok::Word(w) => {
                    section = w.as_slice();
                    k += 1;
                }
                Tok::Hex(a) if section == b"begincodespacerange" => {
                    code_len = code_len.max(a.len());
                    k += 2;
                }
                Tok::Hex(src) if section == b"beginbfchar" => {
                    if let Some(Tok::Hex(dst)) = toks.get(k + 1) {
                        map.insert(be(src), utf16(dst));
                        code_len = code_len.max(src.len());
                    }
                    k += 2;
                }
                Tok::Hex(lo) if section == b"beginbfrange" => {
                    let Some(Tok::Hex(hi)) = toks.get(k + 1) else {
                        break;
                    };
                    let (lo_c, hi_c) = (be(lo), be(hi));
                    code_len = code_len.max(lo.len());
                    // Bound hostile ranges.
                    let hi_c = hi_c.min(lo_c.saturating_add(0xFFFF));
                    match toks.get(k + 2) {
                        Some(Tok::Hex(dst)) => {
                            let units: Vec<u16> = dst
                                .chunks(2)
                                .map(|p| p.iter().fold(0u16, |acc, x| (acc << 8) | u16::from(*x)))
                                .collect();
                            for (n, code) in (lo_c..=hi_c).enumerate() {
                                let mut u = units.clone();
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add(n as u16);
                                }
                                map.insert(code, String::from_utf16_lossy(&u));
                            }
                            k += 3;
                        }
                        Some(Tok::Open) => {
                            let mut j = k + 3;
                            let mut code = lo_c;
                            while let Some(Tok::Hex(dst)) = toks.get(j) {
                                if code <= hi_c {
                                    map.insert(code, utf16(dst));
                                }
                                code = code.saturating_add(1);
                                j += 1;
                            }
                            k = j + 1;
                        }
                        _ => k += 3,
                    }
                }
                _ => k += 1,
            }
        }
        (!map.is_empty()).then_some(Self {
            code_len: code_len.clamp(1, 4),
            map,
        })
    }

    /// Decodes `bytes`; simple fonts always use one-byte codes whatever the `CMap`'s code space
    /// says. Codes the map lacks fall back to the font's `/Encoding` (one-byte codes only).
    fn decode(&self, bytes: &[u8], two_byte: bool, fallback: Option<&Encoding<'_>>) -> String {
        let code_len = if two_byte { self.code_len } else { 1 };
        let mut out = String::new();
        for chunk in bytes.chunks(code_len) {
            let code = chunk.iter().fold(0u32, |acc, x| (acc << 8) | u32::from(*x));
            if let Some(t) = self.map.get(&code) {
                out.push_str(t);
            } else if let (false, Some(enc)) = (two_byte, fallback)
                && let Ok(t) = enc.bytes_to_string(chunk)
            {
                out.push_str(&t);
            }
        }
        out
    }
}

fn font_info<'a>(pdf: &'a lopdf::Document, font: &'a Dictionary) -> FontInfo<'a> {
    let to_unicode = font
        .get(b"ToUnicode")
        .ok()
        .map(|o| deref(pdf, o))
        .and_then(|o| o.as_stream().ok())
        .and_then(|st| {
            st.decompressed_content_with_limit(MAX_PAGE_CONTENT_BYTES)
                .ok()
                .or_else(|| (!st.dict.has(b"Filter")).then(|| st.content.clone()))
        })
        .and_then(|data| ToUnicode::parse(&data));
    let encoding = font.get_font_encoding(pdf).ok();
    let subtype = font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let two_byte = subtype == b"Type0";
    let base = font
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let base = String::from_utf8_lossy(base).to_ascii_lowercase();
    let mut bold = ["bold", "black", "heavy", "semibd", "demi"]
        .iter()
        .any(|w| base.contains(w));
    let mut widths = HashMap::new();
    let mut default_width = 500.0;
    let descriptor_of = |f: &'a Dictionary| {
        f.get(b"FontDescriptor")
            .ok()
            .map(|o| deref(pdf, o))
            .and_then(|o| o.as_dict().ok())
    };
    let mut descriptor = descriptor_of(font);
    if two_byte {
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(pdf, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(pdf, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(d) = descendant {
            default_width = d.get(b"DW").ok().and_then(num).unwrap_or(1000.0);
            if let Ok(w) = d
                .get(b"W")
                .map(|o| deref(pdf, o))
                .and_then(Object::as_array)
            {
                parse_cid_widths(pdf, w, &mut widths);
            }
            descriptor = descriptor.or_else(|| descriptor_of(d));
        }
    } else {
        let first = font
            .get(b"FirstChar")
            .ok()
            .and_then(num)
            .map_or(0, code_from);
        if let Ok(ws) = font
            .get(b"Widths")
            .map(|o| deref(pdf, o))
            .and_then(Object::as_array)
        {
            for (i, w) in ws.iter().enumerate() {
                if let Some(w) = num(deref(pdf, w)) {
                    widths.insert(first.saturating_add(i as u32), w);
                }
            }
        } else {
            // Standard 14 fonts carry no widths: approximate, with a narrow space.
            widths.insert(32, 250.0);
        }
    }
    if let Some(desc) = descriptor {
        if let Some(mw) = desc
            .get(b"MissingWidth")
            .ok()
            .and_then(num)
            .filter(|w| *w > 0.0)
            && !two_byte
        {
            default_width = mw;
        }
        if desc
            .get(b"FontWeight")
            .ok()
            .and_then(num)
            .is_some_and(|w| w >= 600.0)
        {
            bold = true;
        }
        // Flag bit 19: ForceBold.
        if desc
            .get(b"Flags")
            .ok()
            .and_then(num)
            .is_some_and(|f| (f as i64) & (1 << 18) != 0)
        {
            bold = true;
        }
    }
    // Type3 glyph widths are in glyph space, mapped to text space by the font's matrix.
    let width_scale = if subtype == b"Type3" {
        font.get(b"FontMatrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(num)
            .map(f64::abs)
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(0.001)
    } else {
        0.001
    };
    FontInfo {
        to_unicode,
        encoding,
        two_byte,
        widths,
        default_width,
        width_scale,
        bold,
    }
}

/// Parses a `CIDFont` `/W` array: `c [w1 w2 …]` or `cfirst clast w`.
fn parse_cid_widths(pdf: &lopdf::Document, w: &[Object], out: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while i < w.len() {
        let Some(first) = w.get(i).and_then(num) else {
            break;
        };
        let first = code_from(first);
        match w.get(i + 1).map(|o| deref(pdf, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = num(v) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).map_or(0, code_from);
                let Some(v) = w.get(i + 2).and_then(num) else {
                    break;
                };
                // Bound the range so a hostile `0 4294967295 500` cannot allocate forever.
                for c in first..=last.min(first.saturating_add(65_535)) {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// Fonts of a resource dictionary, by resource name.
fn resource_fonts<'a>(
    pdf: &'a lopdf::Document,
    resources: &'a Dictionary,
    out: &mut BTreeMap<Vec<u8>, FontInfo<'a>>,
) {
    let Some(fonts) = resources
        .get(b"Font")
        .ok()
        .map(|o| deref(pdf, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return;
    };
    for (name, f) in fonts {
        if let Ok(d) = deref(pdf, f).as_dict() {
            out.entry(name.clone()).or_insert_with(|| font_info(pdf, d));
        }
    }
}

/// Form `XObject`s of a resource dictionary, by resource name.
fn resource_xobjects<'a>(
    pdf: &'a lopdf::Document,
    resources: &'a Dictionary,
    out: &mut BTreeMap<Vec<u8>, ObjectId>,
) {
    let Some(xobjects) = resources
        .get(b"XObject")
        .ok()
        .map(|o| deref(pdf, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return;
    };
    for (name, x) in xobjects {
        if let Ok(id) = x.as_reference() {
            out.entry(name.clone()).or_insert(id);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Content-stream interpretation

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` for PDF row-vector matrices.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn matrix_from(ops: &[Object]) -> Option<Matrix> {
    let v: Vec<f64> = ops.iter().take(6).filter_map(num).collect();
    let m: Matrix = v.try_into().ok()?;
    m.iter().all(|x| x.is_finite()).then_some(m)
}

/// A shown string placed on the page (device space, y up).
#[derive(Debug, Clone)]
struct Fragment {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    bold: bool,
    /// Writing direction in quarter turns (0 = left to right).
    dir: u8,
}

#[derive(Clone)]
struct TextState {
    font: Vec<u8>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for TextState {
    fn default() -> Self {
        Self {
            font: Vec::new(),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct Interpreter<'a> {
    pdf: &'a lopdf::Document,
    fragments: Vec<Fragment>,
}

impl<'a> Interpreter<'a> {
    /// Runs `ops` with `fonts`/`xobjects` as resources and `ctm` as the initial matrix.
    fn run(
        &mut self,
        ops: &[Operation],
        fonts: &BTreeMap<Vec<u8>, FontInfo<'a>>,
        xobjects: &BTreeMap<Vec<u8>, ObjectId>,
        ctm0: Matrix,
        depth: usize,
    ) {
        let mut ctm = ctm0;
        let mut ts = TextState::default();
        let mut stack: Vec<(Matrix, TextState)> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in ops {
            let o = &op.operands;
            let n = |i: usize| o.get(i).and_then(num).filter(|v| v.is_finite());
            match op.operator.as_str() {
                "q" if stack.len() < MAX_GSTATE_DEPTH => stack.push((ctm, ts.clone())),
                "Q" => {
                    if let Some((c, t)) = stack.pop() {
                        ctm = c;
                        ts = t;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix_from(o) {
                        ctm = mul(&m, &ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let Some(name) = o.first().and_then(|f| f.as_name().ok()) {
                        ts.font = name.to_vec();
                    }
                    if let Some(s) = n(1) {
                        ts.size = s;
                    }
                }
                "Tc" => ts.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => ts.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => ts.h_scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => ts.leading = n(0).unwrap_or(0.0),
                "Ts" => ts.rise = n(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (tx, ty) = (n(0).unwrap_or(0.0), n(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        ts.leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = matrix_from(o) {
                        tm = m;
                        tlm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -ts.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -ts.leading], &tlm);
                        tm = tlm;
                    }
                    if op.operator == "\"" {
                        ts.word_spacing = n(0).unwrap_or(ts.word_spacing);
                        ts.char_spacing = n(1).unwrap_or(ts.char_spacing);
                    }
                    let font = fonts.get(&ts.font);
                    let items: &[Object] = match op.operator.as_str() {
                        "TJ" => o
                            .first()
                            .and_then(|a| a.as_array().ok())
                            .map_or(&[], Vec::as_slice),
                        "\"" => o.get(2).map_or(&[], std::slice::from_ref),
                        _ => o.first().map_or(&[], std::slice::from_ref),
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                self.show(bytes, font, &ts, &mut tm, &ctm);
                            }
                            other => {
                                if let Some(adj) = num(other) {
                                    let tx = -adj / 1000.0 * ts.size * ts.h_scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(id) = o
                        .first()
                        .and_then(|x| x.as_name().ok())
                        .and_then(|x| xobjects.get(x))
                    {
                        self.form(*id, fonts, xobjects, ctm, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// Runs a Form `XObject` (text inside forms is common in some generators' output).
    fn form(
        &mut self,
        id: ObjectId,
        fonts: &BTreeMap<Vec<u8>, FontInfo<'a>>,
        xobjects: &BTreeMap<Vec<u8>, ObjectId>,
        ctm: Matrix,
        depth: usize,
    ) {
        let pdf = self.pdf;
        let Ok(stream) = pdf.get_object(id).and_then(Object::as_stream) else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return;
        }
        let Ok(data) = stream
            .decompressed_content_with_limit(MAX_PAGE_CONTENT_BYTES)
            .or_else(|e| {
                if stream.dict.has(b"Filter") {
                    Err(e)
                } else {
                    Ok(stream.content.clone())
                }
            })
        else {
            return;
        };
        let Ok(content) = Content::decode(&data) else {
            return;
        };
        let m = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| matrix_from(a));
        let form_ctm = mul(&m.unwrap_or(IDENTITY), &ctm);
        // A form's own resources shadow the page's; names it lacks fall back to the page's.
        let mut own_fonts = BTreeMap::new();
        let mut own_xobjects = BTreeMap::new();
        if let Some(res) = stream
            .dict
            .get(b"Resources")
            .ok()
            .map(|o| deref(pdf, o))
            .and_then(|o| o.as_dict().ok())
        {
            resource_fonts(pdf, res, &mut own_fonts);
            resource_xobjects(pdf, res, &mut own_xobjects);
        }
        if own_fonts.is_empty() && own_xobjects.is_empty() {
            self.run(&content.operations, fonts, xobjects, form_ctm, depth + 1);
            return;
        }
        for (k, v) in xobjects {
            own_xobjects.entry(k.clone()).or_insert(*v);
        }
        if own_fonts.is_empty() {
            self.run(
                &content.operations,
                fonts,
                &own_xobjects,
                form_ctm,
                depth + 1,
            );
        } else {
            self.run(
                &content.operations,
                &own_fonts,
                &own_xobjects,
                form_ctm,
                depth + 1,
            );
        }
    }

    /// Shows one string: decodes it, measures its advance and records a fragment.
    fn show(
        &mut self,
        bytes: &[u8],
        font: Option<&FontInfo<'a>>,
        ts: &TextState,
        tm: &mut Matrix,
        ctm: &Matrix,
    ) {
        let two_byte = font.is_some_and(|f| f.two_byte);
        let mut advance = 0.0;
        let mut codes = 0usize;
        let mut step = |code: u32, is_space: bool| {
            let w = font.map_or(0.5, |f| f.width(code));
            let ws = if is_space { ts.word_spacing } else { 0.0 };
            advance += (w * ts.size + ts.char_spacing + ws) * ts.h_scale;
            codes += 1;
        };
        if two_byte {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
                step(code, false);
            }
        } else {
            for &b in bytes {
                step(u32::from(b), b == b' ');
            }
        }
        let text = match (
            font.and_then(|f| f.to_unicode.as_ref()),
            font.and_then(|f| f.encoding.as_ref()),
        ) {
            (Some(map), enc) => map.decode(bytes, two_byte, enc),
            (None, Some(enc)) => enc.bytes_to_string(bytes).unwrap_or_default(),
            (None, None) => bytes.iter().map(|&b| char::from(b)).collect(),
        };
        let combined = mul(tm, ctm);
        let (x0, y0) = apply(&combined, 0.0, ts.rise);
        let (x1, y1) = apply(&combined, advance, ts.rise);
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        let text = normalize_glyphs(&text);
        if text.trim().is_empty() || codes == 0 {
            return;
        }
        let size = (ts.size * combined[2].hypot(combined[3])).abs();
        let dir = direction(combined[0], combined[1]);
        // Express the run in its own reading frame so that x grows along the baseline.
        let (rx0, ry) = rotate(dir, x0, y0);
        let (rx1, _) = rotate(dir, x1, y1);
        if !(rx0.is_finite() && rx1.is_finite() && ry.is_finite() && size.is_finite()) {
            return;
        }
        let bold = font.is_some_and(|f| f.bold);
        self.fragments.push(Fragment {
            x0: rx0.min(rx1),
            x1: rx0.max(rx1),
            y: ry,
            size: if size > 0.0 { size } else { 1.0 },
            text,
            bold,
            dir,
        });
    }
}

/// Quarter turn closest to the baseline vector `(a, b)`.
fn direction(a: f64, b: f64) -> u8 {
    if a.abs() >= b.abs() {
        if a >= 0.0 { 0 } else { 2 }
    } else if b > 0.0 {
        1
    } else {
        3
    }
}

/// Rotates a point by `-dir` quarter turns so text in direction `dir` reads left to right.
fn rotate(dir: u8, x: f64, y: f64) -> (f64, f64) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// Replaces ligatures, non-breaking and odd spaces, and drops control characters.
fn normalize_glyphs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' | '\t' => out.push(' '),
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Lines

/// One reconstructed line of a page.
#[derive(Debug, Clone)]
struct Line {
    /// Cell texts (one for running text).
    cells: Vec<String>,
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    /// Every character is set in a bold face.
    bold: bool,
    /// Some character is set in a bold face.
    any_bold: bool,
    furniture: bool,
}

impl Line {
    fn text(&self) -> String {
        self.cells.join(" ")
    }
}

/// Interprets one page and rebuilds its lines, top to bottom.
fn page_text_lines(pdf: &lopdf::Document, page_id: ObjectId) -> Result<Vec<Line>, String> {
    let data = pdf
        .get_page_content_with_limit(page_id, MAX_PAGE_CONTENT_BYTES)
        .map_err(|e| e.to_string())?;
    let content = Content::decode(&data).map_err(|e| e.to_string())?;
    let mut fonts = BTreeMap::new();
    if let Ok(page_fonts) = pdf.get_page_fonts(page_id) {
        for (name, d) in page_fonts {
            fonts.insert(name, font_info(pdf, d));
        }
    }
    let mut xobjects = BTreeMap::new();
    if let Ok((res, ids)) = pdf.get_page_resources(page_id) {
        if let Some(r) = res {
            resource_xobjects(pdf, r, &mut xobjects);
        }
        for id in ids {
            if let Ok(r) = pdf.get_dictionary(id) {
                resource_xobjects(pdf, r, &mut xobjects);
            }
        }
    }
    let mut interp = Interpreter {
        pdf,
        fragments: Vec::new(),
    };
    interp.run(&content.operations, &fonts, &xobjects, IDENTITY, 0);
    Ok(build_lines(interp.fragments))
}

/// lopdf's own extractor for a page our interpreter could not read (one cell per line).
fn fallback_lines(
    pdf: &lopdf::Document,
    number: u32,
    warnings: &mut Vec<String>,
    error: Option<&str>,
) -> Vec<Line> {
    let text = pdf.extract_text(&[number]).unwrap_or_default();
    let lines: Vec<Line> = text
        .lines()
        .map(normalize_glyphs)
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| Line {
            cells: vec![l.split_whitespace().collect::<Vec<_>>().join(" ")],
            y: -(i as f64) * 12.0,
            x0: 0.0,
            x1: 0.0,
            size: 10.0,
            bold: false,
            any_bold: false,
            furniture: false,
        })
        .collect();
    if let Some(e) = error {
        warnings.push(format!(
            "page {number}: content stream unreadable ({e}); used plain extraction"
        ));
    } else if !lines.is_empty() {
        warnings.push(format!(
            "page {number}: text found only by plain extraction"
        ));
    }
    lines
}

/// Groups fragments into lines (by baseline, per writing direction; the dominant direction
/// first) and splits each line into cells at wide gaps.
fn build_lines(mut frags: Vec<Fragment>) -> Vec<Line> {
    let mut counts = [0usize; 4];
    for f in &frags {
        counts[usize::from(f.dir & 3)] += f.text.len();
    }
    let dominant = (0..4u8)
        .max_by_key(|d| counts[usize::from(*d)])
        .unwrap_or(0);
    let mut lines = Vec::new();
    for dir in std::iter::once(dominant).chain((0..4u8).filter(|d| *d != dominant)) {
        let mut group: Vec<Fragment> = Vec::new();
        frags.retain(|f| {
            if f.dir == dir {
                group.push(f.clone());
                false
            } else {
                true
            }
        });
        if group.is_empty() {
            continue;
        }
        // Top to bottom, then left to right.
        group.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
        let mut current: Vec<Fragment> = Vec::new();
        let mut anchor = f64::NAN;
        let mut anchor_size = 0.0_f64;
        for f in group {
            let same = !current.is_empty()
                && (anchor - f.y).abs() <= 0.45 * anchor_size.max(f.size).max(1.0);
            if !same && !current.is_empty() {
                lines.push(finish_line(std::mem::take(&mut current)));
            }
            if current.is_empty() || f.size > anchor_size {
                anchor = f.y;
                anchor_size = f.size;
            }
            current.push(f);
        }
        if !current.is_empty() {
            lines.push(finish_line(current));
        }
    }
    lines
}

/// Splits `s` at runs of three or more spaces (leading/trailing runs stay with their part).
fn split_padding(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut run_start = None;
    for (i, c) in s.char_indices() {
        if c == ' ' {
            run_start.get_or_insert(i);
        } else if let Some(r) = run_start.take()
            && i - r >= 3
            && s.get(start..r).is_some_and(|p| !p.trim().is_empty())
        {
            parts.extend(s.get(start..r));
            start = i;
        }
    }
    parts.extend(s.get(start..));
    parts
}

/// Orders one line's fragments by x and joins them into cells.
fn finish_line(mut frags: Vec<Fragment>) -> Line {
    frags.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // The line's size and baseline are those of its longest run, so a big bullet glyph or a
    // superscript does not decide them.
    let main = frags.iter().max_by_key(|f| f.text.len());
    let size = main.map_or(0.0, |f| f.size);
    let y = main.map_or(0.0, |f| f.y);
    let mut cells: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<&Fragment> = None;
    let (mut bold_chars, mut chars) = (0usize, 0usize);
    for f in &frags {
        if let Some(p) = prev {
            // Simulated bold: the same string drawn again a hair to the right.
            let width = p.x1 - p.x0;
            if p.text == f.text && (f.x0 - p.x0).abs() < (0.15 * f.size).min(0.5 * width) {
                continue;
            }
            let gap = f.x0 - p.x1;
            let em = p.size.max(f.size);
            // An amount right after another amount is a new column even when the generator
            // padded the gap with spaces inside the strings (`555` `$   554`).
            let amount_after_amount = cur
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit() || c == ')' || c == '%')
                && f.text.trim_start().starts_with(['$', '€', '£']);
            if gap > CELL_GAP_EM * em || amount_after_amount {
                cells.push(std::mem::take(&mut cur));
            } else if gap > WORD_GAP_EM * em && !cur.ends_with(' ') && !f.text.starts_with(' ') {
                cur.push(' ');
            }
        }
        // Runs of three or more spaces inside one string are column padding.
        for (k, part) in split_padding(&f.text).into_iter().enumerate() {
            if k > 0 {
                cells.push(std::mem::take(&mut cur));
            }
            cur.push_str(part);
        }
        let n = f.text.chars().filter(|c| !c.is_whitespace()).count();
        chars += n;
        if f.bold {
            bold_chars += n;
        }
        prev = Some(f);
    }
    cells.push(cur);
    let mut cells: Vec<String> = cells
        .into_iter()
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty())
        .collect();
    // A currency sign set close to the previous amount but far from its own: `(2,758) $ | 8,113`.
    for i in 1..cells.len() {
        if let Some(stem) = cells.get(i - 1).and_then(|c| c.strip_suffix(" $")) {
            let stem = stem.to_owned();
            cells[i - 1] = stem;
            cells[i].insert_str(0, "$ ");
        }
    }
    // A bullet set apart from its text is a list item, not a table cell.
    if cells.len() >= 2
        && cells
            .first()
            .is_some_and(|c| starts_with_bullet(&format!("{c} x")).is_some())
    {
        let rest = cells.split_off(1).join(" ");
        if let Some(first) = cells.first_mut() {
            first.push(' ');
            first.push_str(&rest);
        }
    }
    let cells = super::html::merge_symbol_cells(cells.into_iter().map(|c| (c, false)).collect())
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    Line {
        cells,
        y,
        x0: frags.first().map_or(0.0, |f| f.x0),
        x1: frags.iter().map(|f| f.x1).fold(f64::MIN, f64::max),
        size,
        bold: chars > 0 && bold_chars == chars,
        any_bold: bold_chars > 0,
        furniture: false,
    }
}

// ---------------------------------------------------------------------------------------------
// Furniture

/// Page numbers as printed: `3`, `- 3 -`, `Page 3`, `Page 3 of 10`, `3 | Page`, `iii`.
pub(crate) fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let lower = t.to_ascii_lowercase();
    let lower = lower.trim_start_matches("page").trim();
    let lower = lower.split_once(" of ").map_or(lower, |(a, _)| a).trim();
    let lower = lower.trim_end_matches("| page").trim();
    (!lower.is_empty() && lower.len() <= 4 && lower.chars().all(|c| c.is_ascii_digit()))
        || (!lower.is_empty()
            && lower.len() <= 5
            && lower.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
            && t.len() == lower.len())
}

/// Key under which a header/footer line repeats: case-folded, digits folded.
fn furniture_key(line: &Line) -> String {
    let mut key = String::new();
    for c in line.text().chars().filter(|c| !c.is_whitespace()) {
        // "Page 9" and "Page 10" share a key: a run of digits folds to one `#`.
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.push(c.to_ascii_lowercase());
        }
    }
    key
}

/// Marks page numbers and lines repeated in the top or bottom two lines of most pages.
fn mark_furniture(pages: &mut [(u32, Vec<Line>)]) {
    const EDGE: usize = 2;
    let edge_indices = |n: usize| -> Vec<usize> {
        let mut v: Vec<usize> = (0..n.min(EDGE)).collect();
        v.extend(n.saturating_sub(EDGE).max(n.min(EDGE))..n);
        v
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (_, lines) in pages.iter() {
        let mut seen: Vec<String> = edge_indices(lines.len())
            .into_iter()
            .filter_map(|i| lines.get(i).map(furniture_key))
            .collect();
        seen.sort();
        seen.dedup();
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    let with_text = pages.iter().filter(|(_, l)| !l.is_empty()).count();
    let threshold = (with_text.div_ceil(2)).max(2);
    for (_, lines) in pages.iter_mut() {
        for i in edge_indices(lines.len()) {
            let Some(line) = lines.get_mut(i) else {
                continue;
            };
            let key = furniture_key(line);
            let repeated = with_text >= 2 && counts.get(&key).is_some_and(|c| *c >= threshold);
            if repeated || is_page_number(&line.text()) {
                line.furniture = true;
            }
        }
    }
}

/// Most common font size of the document's running text, weighted by characters.
fn body_font_size(pages: &[(u32, Vec<Line>)]) -> f64 {
    let mut hist: HashMap<i64, usize> = HashMap::new();
    // Running text only: tables are often set smaller than the body.
    for l in pages
        .iter()
        .flat_map(|(_, l)| l)
        .filter(|l| l.cells.len() == 1 && !l.furniture)
    {
        *hist.entry((l.size * 2.0).round() as i64).or_default() += l.text().len();
    }
    hist.into_iter()
        .max_by_key(|(s, n)| (*n, -*s))
        .map_or(10.0, |(s, _)| s as f64 / 2.0)
}

/// The usual baseline step, in points, between two lines of one body-text paragraph: the most
/// common gap after a full-width line of body size (a line that wraps, so the next line
/// continues its paragraph), between 1 and 2.5 times the font size, rounded to half a point.
/// `None` with fewer than [`MIN_STEP_SAMPLES`] such gaps or no gap holding a third of them.
///
/// A document set with generous spacing (18 pt steps for 9.75 pt type) would otherwise break
/// a paragraph after every line, cutting its sentences apart.
fn body_line_step(pages: &[(u32, Vec<Line>)], body_size: f64) -> Option<f64> {
    let body = |l: &Line| {
        l.cells.len() == 1 && !l.furniture && (l.size - body_size).abs() <= 0.15 * body_size
    };
    let mut hist: HashMap<i64, usize> = HashMap::new();
    let mut samples = 0;
    for (_, lines) in pages {
        let (right, width) = text_extent(lines);
        for pair in lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = a.y - b.y;
            if body(a)
                && body(b)
                && a.x1 >= right - 0.15 * width
                && gap > body_size
                && gap < 2.5 * body_size
            {
                *hist.entry((gap * 2.0).round() as i64).or_default() += 1;
                samples += 1;
            }
        }
    }
    let (step, n) = hist.into_iter().max_by_key(|&(s, n)| (n, -s))?;
    (samples >= MIN_STEP_SAMPLES && 3 * n >= samples).then_some(step as f64 / 2.0)
}

/// The right edge of a page's text and the width of its text block, in points (at least 1):
/// a line ending more than 15% of the width short of the edge is a short line.
fn text_extent(lines: &[Line]) -> (f64, f64) {
    let right = lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    let left = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    (right, (right - left).max(1.0))
}

/// Fewest line gaps [`body_line_step`] needs to name a document's line step.
const MIN_STEP_SAMPLES: usize = 6;

// ---------------------------------------------------------------------------------------------
// Blocks

struct BlockBuilder<'d> {
    doc: &'d mut Document,
    body_size: f64,
    /// The document's usual line step within a body paragraph ([`body_line_step`]).
    body_step: Option<f64>,
    next_table: u32,
    /// Table and row index of the last table row.
    last_row: Option<(u32, u32)>,
    /// Text lines seen since the last table row.
    lines_since_row: usize,
    /// Hyphenated words of the document (see [`join_line`]).
    words: HashSet<String>,
}

/// A paragraph being assembled from lines.
struct Para {
    text: String,
    first_line: u32,
    lines: usize,
    size: f64,
    bold: bool,
    any_bold: bool,
    list: bool,
    /// Baseline step between the paragraph's first two lines.
    leading: Option<f64>,
}

/// Whether `s` ends on a word that joins it to what follows ("and", "of", "the", "&" …, in
/// any case), a hyphen or a comma: a line so ended continues on the next one.
fn ends_with_joining_word(s: &str) -> bool {
    const JOINING: [&str; 16] = [
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
        "with", "&",
    ];
    if s.ends_with(['-', '\u{00AD}', ',']) {
        return true;
    }
    s.rsplit(' ')
        .next()
        .is_some_and(|w| JOINING.iter().any(|j| w.eq_ignore_ascii_case(j)))
}

fn starts_with_bullet(s: &str) -> Option<&str> {
    let mut chars = s.chars();
    let c = chars.next()?;
    let glyph = matches!(
        c,
        '•' | '·'
            | '●'
            | '◦'
            | '▪'
            | '■'
            | '\u{F0B7}'
            | '\u{F0A7}'
            | '➢'
            | '✓'
            | '❖'
            | '○'
            | '➤'
    );
    // A dash only counts before a word: "- 3 -" is a page number, "-12" an amount.
    let dash = matches!(c, '–' | '-');
    let rest = chars.as_str().trim_start();
    (glyph || dash)
        .then_some(rest)
        .filter(|rest| {
            !rest.is_empty() && (glyph || !rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .filter(|_| glyph || s.get(c.len_utf8()..).is_some_and(|r| r.starts_with(' ')))
}

/// Whether a line's cells read as a table row: two or more cells, and a later cell holding an
/// amount (a digit or a nil dash). Justified running text with wide word gaps splits into
/// single-word cells; those lines are not rows.
fn is_table_line(cells: &[String]) -> bool {
    if cells.len() < 2 {
        return false;
    }
    let amount = cells
        .iter()
        .skip(1)
        .any(|c| c.chars().any(|ch| ch.is_ascii_digit()) || is_nil_amount(c));
    let wordy = cells
        .iter()
        .filter(|c| {
            !c.contains(' ')
                && c.chars()
                    .all(|ch| ch.is_alphabetic() || ",;’'.".contains(ch))
        })
        .count();
    amount && !(cells.len() >= 4 && wordy * 2 > cells.len())
}

/// A dash standing for zero or "not applicable" in a table.
fn is_nil_amount(c: &str) -> bool {
    matches!(
        c.trim_start_matches("$ "),
        "—" | "–" | "-" | "--" | "n/a" | "N/A" | "n/m" | "NM" | "nm"
    )
}

/// Appends a line to running text, repairing end-of-line hyphenation: the hyphen is kept
/// when the hyphenated word occurs elsewhere in the document (`words`, lower-case) or the next
/// line starts with a capital or digit ("non-" + "GAAP"), dropped otherwise
/// ("reconcil-" + "iation").
fn join_line(text: &mut String, next: &str, words: &HashSet<String>) {
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    let hyphen = text.ends_with('-') || text.ends_with('\u{00AD}');
    let before = text.trim_end_matches(['-', '\u{00AD}']).chars().last();
    if hyphen && before.is_some_and(char::is_alphabetic) {
        let soft = text.ends_with('\u{00AD}');
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        text.pop();
        let head = text.rsplit(' ').next().unwrap_or("");
        let tail = next.split(' ').next().unwrap_or("");
        let compound = format!("{head}-{tail}");
        let compound = word_key(&compound);
        if !soft && (!next_lower || words.contains(&compound)) {
            text.push('-');
        }
        text.push_str(next);
    } else {
        text.push(' ');
        text.push_str(next);
    }
}

/// A word as stored in the document's vocabulary: lower-case, outer punctuation trimmed.
fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Every hyphenated word of the lines (not at a line end), for hyphenation repair.
fn hyphenated_words(pages: &[(u32, Vec<Line>)]) -> HashSet<String> {
    let mut words = HashSet::new();
    for line in pages.iter().flat_map(|(_, l)| l) {
        for cell in &line.cells {
            let tokens: Vec<&str> = cell.split(' ').collect();
            for (i, t) in tokens.iter().enumerate() {
                let last = i + 1 == tokens.len();
                if t.contains('-') && !(last && t.ends_with('-')) {
                    words.insert(word_key(t));
                }
            }
        }
    }
    words
}

impl BlockBuilder<'_> {
    fn page(&mut self, number: u32, lines: &[Line]) {
        let (right, width) = text_extent(lines);

        let mut para: Option<Para> = None;
        let mut prev: Option<&Line> = None;
        for (i, line) in lines.iter().enumerate() {
            let line_no = i as u32 + 1;
            let source = SourcePos {
                line: line_no,
                column: 1,
                page: Some(number),
            };
            if line.furniture {
                self.flush(&mut para, number);
                self.push(BlockKind::Furniture, &line.text(), source, &[], false);
                prev = Some(line);
                continue;
            }
            if is_table_line(&line.cells) {
                self.flush(&mut para, number);
                let (text, ranges) = super::html::join_cells(&line.cells);
                // A table continues across a couple of label lines ("Revenues:") between rows.
                let (table, row) = match self.last_row {
                    Some((t, r)) if self.lines_since_row <= 2 => (t, r + 1),
                    _ => {
                        self.next_table += 1;
                        (self.next_table - 1, 0)
                    }
                };
                self.push(
                    BlockKind::TableRow { table, row },
                    &text,
                    source,
                    &ranges,
                    line.bold,
                );
                self.last_row = Some((table, row));
                self.lines_since_row = 0;
                prev = Some(line);
                continue;
            }
            self.lines_since_row = self.lines_since_row.saturating_add(1);
            let text = line.text();
            let bullet_rest = starts_with_bullet(&text);
            let new_para = match (&para, prev) {
                (None, _) | (_, None) => true,
                (Some(p), Some(pl)) => {
                    let gap = pl.y - line.y;
                    // Leading: the paragraph's own first line step, else the document's body
                    // step for body text set wider than ~1.2 em, else ~1.2 em.
                    let usual = 1.2 * p.size.max(1.0);
                    let leading = p.leading.unwrap_or_else(|| {
                        self.body_step
                            .filter(|_| (p.size - self.body_size).abs() <= 0.15 * self.body_size)
                            .map_or(usual, |step| step.max(usual))
                    });
                    let size_change = (line.size - p.size).abs() > 0.15 * p.size.max(1.0);
                    // A short line ends its paragraph when it closes a sentence, or when the next
                    // line opens with a capital (items of a list whose bullets are drawn, not
                    // typed: "… on an FX-Neutral basis" / "GAAP and Non-GAAP EPS of …") and the
                    // short line does not end on a joining word, a hyphen or a comma (a title
                    // broken "… of The" / "Securities Exchange Act of 1934").
                    let short_prev = pl.x1 < right - 0.15 * width
                        && (p.text.ends_with(['.', ':', '!', '?', '"', '\u{201D}'])
                            || (text.starts_with(char::is_uppercase)
                                && !ends_with_joining_word(&p.text)));
                    gap > 1.5 * leading
                        || gap < -0.5 * leading
                        || size_change
                        // Weight changes break (heading → body); a mixed line does not.
                        || (line.bold && !p.any_bold)
                        || (p.bold && !line.any_bold)
                        || bullet_rest.is_some()
                        || short_prev
                }
            };
            if new_para {
                self.flush(&mut para, number);
                para = Some(Para {
                    text: bullet_rest.unwrap_or(&text).to_owned(),
                    first_line: line_no,
                    lines: 1,
                    size: line.size,
                    bold: line.bold,
                    any_bold: line.any_bold,
                    list: bullet_rest.is_some(),
                    leading: None,
                });
            } else if let Some(p) = para.as_mut() {
                join_line(&mut p.text, &text, &self.words);
                p.lines += 1;
                p.bold &= line.bold;
                p.any_bold |= line.any_bold;
                if p.leading.is_none()
                    && let Some(pl) = prev
                {
                    p.leading = Some((pl.y - line.y).max(p.size));
                }
            }
            prev = Some(line);
        }
        self.flush(&mut para, number);
    }

    fn flush(&mut self, para: &mut Option<Para>, page: u32) {
        let Some(p) = para.take() else { return };
        let source = SourcePos {
            line: p.first_line,
            column: 1,
            page: Some(page),
        };
        let text = p.text.replace('\u{00AD}', "");
        let kind = if p.list {
            BlockKind::ListItem
        } else if p.lines <= 2 && p.size >= 1.2 * self.body_size && text.len() < 200 {
            BlockKind::Heading {
                level: if p.size >= 1.6 * self.body_size { 1 } else { 2 },
            }
        } else {
            BlockKind::Paragraph
        };
        let emphasized = p.bold || matches!(kind, BlockKind::Heading { .. });
        self.push(kind, &text, source, &[], emphasized);
    }

    fn push(
        &mut self,
        kind: BlockKind,
        text: &str,
        source: SourcePos,
        cells: &[(usize, usize)],
        emphasized: bool,
    ) {
        self.doc
            .push_block(kind, text, source, false, cells, emphasized);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// Builds a one-font PDF whose pages have the given content streams.
    fn make_pdf(pages: &[&str], info_title: Option<&str>) -> lopdf::Document {
        let mut doc = lopdf::Document::with_version("1.5");
        let tree_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let bold_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica-Bold",
            "Encoding" => "WinAnsiEncoding",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id, "F2" => bold_id },
        });
        let mut kids = Vec::new();
        for content in pages {
            let content_id =
                doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => tree_id,
                "Contents" => content_id,
            });
            kids.push(page_id.into());
        }
        let count = i64::try_from(kids.len()).unwrap();
        doc.objects.insert(
            tree_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => count,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree_id });
        doc.trailer.set("Root", catalog_id);
        if let Some(t) = info_title {
            let info = doc.add_object(dictionary! {
                "Title" => Object::string_literal(t),
                "Author" => Object::string_literal("jdoe"),
                "CreationDate" => Object::string_literal("D:20230727161500-04'00'"),
            });
            doc.trailer.set("Info", info);
        }
        doc
    }

    fn save(doc: &mut lopdf::Document) -> Vec<u8> {
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    const RELEASE_PAGE: &str = "BT /F2 14 Tf 72 720 Td (Acme Reports Results) Tj ET
BT /F1 10 Tf 72 690 Td (Net income rose as the company completed the reconcil-) Tj
0 -12 Td (iation of non-) Tj 0 -12 Td (GAAP measures.) Tj ET
BT /F1 10 Tf 72 640 Td (Adjusted EBITDA) Tj ET
BT /F1 10 Tf 300 640 Td ($) Tj ET
BT /F1 10 Tf 330 640 Td (1,234) Tj ET
BT /F1 10 Tf 420 640 Td [($) -3000 (987)] TJ ET
BT /F1 10 Tf 72 610 Td (A second paragraph follows here.) Tj ET
BT /F1 8 Tf 72 40 Td (Acme Corp Confidential) Tj ET
BT /F1 8 Tf 300 25 Td (Page 1 of 2) Tj ET";

    #[test]
    fn rebuilds_table_rows_paragraphs_and_furniture() {
        let page2 = RELEASE_PAGE
            .replace("Page 1 of 2", "Page 2 of 2")
            .replace("Acme Reports Results", "Supplemental Tables")
            .replace("Net income rose", "Net sales rose");
        let mut pdf = make_pdf(
            &[RELEASE_PAGE, &page2],
            Some("Microsoft Word - Acme Q3 Release"),
        );
        let bytes = save(&mut pdf);
        let d = extract(&bytes, "r.pdf").unwrap();
        let texts: Vec<(&BlockKind, &str)> = d
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (&b.kind, d.block_text(i)))
            .collect();
        assert_eq!(
            texts[0],
            (&BlockKind::Heading { level: 2 }, "Acme Reports Results")
        );
        assert!(d.blocks[0].emphasized);
        assert_eq!(
            texts[1],
            (
                &BlockKind::Paragraph,
                "Net income rose as the company completed the reconciliation of non-GAAP measures."
            )
        );
        assert_eq!(
            texts[2],
            (
                &BlockKind::TableRow { table: 0, row: 0 },
                "Adjusted EBITDA\t$ 1,234\t$ 987"
            )
        );
        let row = &d.blocks[2];
        let cells: Vec<&str> = row.cells.iter().map(|&(s, e)| &d.text[s..e]).collect();
        assert_eq!(cells, vec!["Adjusted EBITDA", "$ 1,234", "$ 987"]);
        assert_eq!(
            row.source,
            SourcePos {
                line: 5,
                column: 1,
                page: Some(1)
            }
        );
        assert_eq!(
            texts[3],
            (&BlockKind::Paragraph, "A second paragraph follows here.")
        );
        assert_eq!(texts[4], (&BlockKind::Furniture, "Acme Corp Confidential"));
        assert_eq!(texts[5], (&BlockKind::Furniture, "Page 1 of 2"));
        assert_eq!(d.blocks[6].source.page, Some(2));
        assert_eq!(d.blocks[8].kind, BlockKind::TableRow { table: 1, row: 0 });
        assert_eq!(d.metadata.title.as_deref(), Some("Acme Q3 Release"));
        assert_eq!(d.metadata.extra["pdf_author"], "jdoe");
        assert_eq!(d.metadata.extra["pdf_created"], "2023-07-27T16:15:00-04:00");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn widely_spaced_body_lines_stay_one_paragraph_and_drawn_bullets_split() {
        // Body type 10 pt set on a 19 pt line step (1.9 em), paragraphs 36 pt apart: the
        // document's own step joins a paragraph's lines. Then items whose bullets are drawn
        // (no glyph in the text): a short line before a capital ends its item, unless it ends
        // on a joining word.
        let page = "BT /F1 10 Tf 72 720 Td (Net sales for the quarter increased two percent to fifty billion dollars from last) Tj \
0 -19 Td (year while membership fee income rose in every region and the new warehouses opened) Tj \
0 -19 Td (on schedule across the United States, Canada and Mexico during the twelve weeks to) Tj \
0 -19 Td (May seven.) Tj ET
BT /F1 10 Tf 72 627 Td (These risks and uncertainties include economic conditions, the effects of compe-) Tj \
0 -19 Td (tition and regulation, consumer spending patterns and debt levels, breaches of security) Tj \
0 -19 Td (or privacy of member information, conditions affecting real estate and other factors) Tj \
0 -19 Td (identified from time to time in our filings.) Tj ET
BT /F1 10 Tf 72 534 Td (Revenue of $2.5 billion, up 5% on an as-reported basis) Tj \
0 -19 Td (GAAP and non-GAAP operating margin of 20.4% and 26.9%) Tj \
0 -19 Td (Returned $383 million to shareholders in the second quarter by way of) Tj \
0 -19 Td (Share repurchases and dividends) Tj ET";
        let mut pdf = make_pdf(&[page], None);
        let d = extract(&save(&mut pdf), "wide.pdf").unwrap();
        let texts: Vec<&str> = (0..d.blocks.len()).map(|i| d.block_text(i)).collect();
        assert_eq!(texts.len(), 5, "{texts:#?}");
        assert!(
            texts[0].starts_with("Net sales for the quarter")
                && texts[0].ends_with("to May seven."),
            "{texts:#?}"
        );
        assert!(
            texts[1].contains("the effects of competition and regulation")
                && texts[1].ends_with("in our filings."),
            "{texts:#?}"
        );
        assert_eq!(
            texts[2],
            "Revenue of $2.5 billion, up 5% on an as-reported basis"
        );
        assert_eq!(
            texts[3],
            "GAAP and non-GAAP operating margin of 20.4% and 26.9%"
        );
        assert_eq!(
            texts[4],
            "Returned $383 million to shareholders in the second quarter by way of Share \
             repurchases and dividends"
        );
    }

    #[test]
    fn rejects_garbage_encrypted_and_textless() {
        assert!(
            extract(b"hello world", "x.pdf")
                .unwrap_err()
                .starts_with("not a PDF")
        );
        let mut truncated = save(&mut make_pdf(&[RELEASE_PAGE], None));
        truncated.truncate(40);
        assert!(extract(&truncated, "t.pdf").is_err());

        let mut pdf = make_pdf(&[RELEASE_PAGE], None);
        pdf.trailer.set(
            "ID",
            vec![
                Object::string_literal("0123456789abcdef"),
                Object::string_literal("0123456789abcdef"),
            ],
        );
        let version = lopdf::EncryptionVersion::V2 {
            document: &pdf,
            owner_password: "owner",
            user_password: "secret",
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        let mut locked = pdf.clone();
        locked.encrypt(&state).unwrap();
        assert_eq!(
            extract(&save(&mut locked), "e.pdf").unwrap_err(),
            "encrypted PDF (no password)"
        );

        // An empty user password only restricts permissions: lopdf decrypts it and we read it.
        let version = lopdf::EncryptionVersion::V2 {
            document: &pdf,
            owner_password: "owner",
            user_password: "",
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        let mut open = pdf.clone();
        open.encrypt(&state).unwrap();
        let d = extract(&save(&mut open), "o.pdf").unwrap();
        assert!(d.text.contains("Adjusted EBITDA\t$ 1,234"), "{}", d.text);

        let mut blank = make_pdf(&["0 0 m 100 100 l S"], None);
        assert_eq!(
            extract(&save(&mut blank), "b.pdf").unwrap_err(),
            "PDF has pages but no extractable text (scanned?)"
        );
        let mut half = make_pdf(&[RELEASE_PAGE, "0 0 m 100 100 l S"], None);
        let d = extract(&save(&mut half), "h.pdf").unwrap();
        assert_eq!(d.warnings, vec!["page 2 has no text".to_owned()]);
    }

    #[test]
    fn helpers_repair_text() {
        assert_eq!(
            normalize_glyphs("\u{FB01}nancial e\u{FB03}cient\u{00A0}\u{0}x"),
            "financial efficient x"
        );
        let mut words = HashSet::new();
        let mut t = "reconcil-".to_owned();
        join_line(&mut t, "iation", &words);
        assert_eq!(t, "reconciliation");
        words.insert("second-quarter".to_owned());
        let mut t = "results for second-".to_owned();
        join_line(&mut t, "quarter 2023.", &words);
        assert_eq!(t, "results for second-quarter 2023.");
        let mut t = "2023 -".to_owned();
        join_line(&mut t, "2024", &words);
        assert_eq!(t, "2023 - 2024");
        for p in ["3", "- 3 -", "Page 3 of 10", "page 12", "iv"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2023 Results", "Net income", "12,345", "Q3"] {
            assert!(!is_page_number(p), "{p}");
        }
        assert_eq!(
            parse_pdf_date("D:20240131").unwrap().to_rfc3339(),
            "2024-01-31T00:00:00+00:00"
        );
        assert_eq!(
            parse_pdf_date("D:20240131093000Z").unwrap().to_rfc3339(),
            "2024-01-31T09:30:00+00:00"
        );
        assert!(parse_pdf_date("D:2024133").is_none());
    }

    /// Every PDF and HTML file of the shared real corpus extracts without panic, yields text
    /// with in-bounds blocks and cells, and most earnings releases carry a net income row.
    #[test]
    fn real_corpus_extracts_tables() {
        // The main checkout sits beside `shared/`; helper worktrees one level deeper.
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let Some(root) = ["../shared/real-corpus", "../../shared/real-corpus"]
            .iter()
            .map(|r| manifest.join(r))
            .find(|r| r.is_dir())
        else {
            eprintln!("skipped: ../shared/real-corpus not present");
            return;
        };
        let mut files = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if let Some(ext) = p.extension().and_then(|x| x.to_str())
                    && matches!(ext.to_ascii_lowercase().as_str(), "pdf" | "htm" | "html")
                {
                    files.push(p);
                }
            }
        }
        files.sort();
        let (mut releases, mut with_row) = (0, 0);
        let mut stats: BTreeMap<&str, (usize, u64, f64)> = BTreeMap::new();
        for p in &files {
            let bytes = std::fs::read(p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let is_pdf = name.to_ascii_lowercase().ends_with(".pdf");
            let t = std::time::Instant::now();
            let d = if is_pdf {
                extract(&bytes, &name)
            } else {
                super::super::html::extract(&bytes, &name)
            };
            let secs = t.elapsed().as_secs_f64();
            let d = d.unwrap_or_else(|e| panic!("{name}: {e}"));
            let entry = stats
                .entry(if is_pdf { "pdf" } else { "html" })
                .or_default();
            entry.0 += 1;
            entry.1 += bytes.len() as u64;
            entry.2 += secs;
            assert!(d.text.len() > 200, "{name}: only {:?}", d.text);
            let mut last_end = 0;
            for b in &d.blocks {
                assert!(
                    b.start >= last_end && b.end <= d.text.len() && b.start < b.end,
                    "{name}"
                );
                assert!(d.text.is_char_boundary(b.start) && d.text.is_char_boundary(b.end));
                for &(cs, ce) in &b.cells {
                    assert!(cs >= b.start && ce <= b.end && d.text.is_char_boundary(cs));
                }
                last_end = b.end;
            }
            let lower = name.to_ascii_lowercase();
            if lower.contains("earnings") || lower.contains("results") {
                releases += 1;
                let found = d.blocks.iter().enumerate().any(|(i, b)| {
                    let t = d.block_text(i).to_lowercase();
                    matches!(b.kind, BlockKind::TableRow { .. })
                        && (t.contains("net income") || t.contains("net earnings"))
                        && t.chars().any(|c| c.is_ascii_digit())
                });
                if found {
                    with_row += 1;
                } else {
                    eprintln!("no net income row: {name}");
                }
            }
        }
        for (kind, (n, bytes, secs)) in &stats {
            eprintln!(
                "{kind}: {n} files, {:.1} MB in {secs:.2} s = {:.2} MB/s",
                *bytes as f64 / 1e6,
                *bytes as f64 / 1e6 / secs
            );
        }
        eprintln!("earnings releases with a net income row: {with_row}/{releases}");
        assert!(releases >= 10, "corpus changed: {releases} releases");
        assert!(with_row * 10 >= releases * 7, "{with_row}/{releases}");
    }

    #[test]
    fn rotated_page_text_reads_in_order() {
        // The whole page turned a quarter (landscape table printed on a portrait page).
        let content =
            "q 0 1 -1 0 612 0 cm BT /F1 10 Tf 72 500 Td (Net income) Tj 200 0 Td (1,234) Tj ET
BT /F1 10 Tf 72 480 Td (Net sales) Tj 200 0 Td (9,876) Tj ET Q";
        let mut pdf = make_pdf(&[content], None);
        let d = extract(&save(&mut pdf), "rot.pdf").unwrap();
        assert_eq!(d.text, "Net income\t1,234\nNet sales\t9,876");
    }
}
