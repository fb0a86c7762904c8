//! Plain-text extractor (`.txt`, `.text`, extension-less text), including the Markdown-ish
//! conversions found in newswire copies and EDGAR text renderings.
//!
//! Blocks are separated by blank lines (white-space-only lines count as blank). Within a run
//! of non-blank lines:
//!
//! * a Markdown `#` line → heading (level = number of `#`);
//! * a run of one short line without final `.`/`,`/`;` in ALL CAPS or Title Case → heading
//!   (level 1 if it opens the document, 2 for ALL CAPS, 3 for Title Case);
//! * a line starting with `-`, `*`, `•`, `◦`, `▪` or `1.`/`1)` (then a space) → a list item,
//!   which continuation lines extend;
//! * a line with `|` separators (`a | b | c`), or with two or more columns split by tabs or
//!   runs of 2+ spaces where some column is a number → one table row; consecutive rows form a
//!   table even across blank lines (EDGAR text renders put blank lines between rows);
//!   Markdown separator rows (`|---|---|`) are dropped;
//! * a line that opens a chat message — a time stamp in brackets (`[7:42 AM] Tom: …`,
//!   `[2026-10-05 07:14] Gus Amundsen (VP Quality): …`), a time stamp then a gap of 2+
//!   spaces or a tab (`08:02  corinne.blackwood   morning.`), a dated stamp and a dash
//!   (`WhatsApp`: `3/5/26, 7:04 AM - Dario Fenn: …`) or a line of a sender's name and a time
//!   (Slack: `Gary Lindahl  5:54 AM`) → a paragraph of its own, which
//!   its continuation lines extend: chat exports put no blank line between messages, and one
//!   message's words must not share a sentence with the next one's;
//! * everything else → paragraphs.
//!
//! Every block is a verbatim slice of the source (list markers and `#` stripped by starting
//! the slice after them), so `verbatim` is `true` and line/column map back exactly.
//!
//! A single-post social file (`platform:`, `account:`, `date_utc:`, `url:` header lines, a
//! blank line, then the post) yields a `social_post` with the header as metadata and the body
//! as the post's blocks.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::{BlockKind, DocKind, Document, SourceFormat};

use super::LineIndex;

/// One source line: `[start, end)` byte range without the line break (`\r` excluded too).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// Extracts a plain-text document. Never fails: any text is a document.
#[must_use]
pub fn extract(src: &str, display: &str) -> Document {
    let mut b = Builder {
        doc: Document::new(display, SourceFormat::Text),
        src,
        idx: LineIndex::new(src),
        table: None,
        next_table: 0,
    };
    let lines = split_lines(src);
    filing_header(src, &mut b.doc);
    let mut i = social_header(src, &lines, &mut b.doc).unwrap_or(0);
    while i < lines.len() {
        if is_blank(src, lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && !is_blank(src, lines[j]) {
            j += 1;
        }
        b.run(&lines[i..j]);
        i = j;
    }
    b.doc
}

/// Reads the header of 8-K text conversions distributed as `<DOCUMENT>` / `FILE:` / `TIME:` /
/// `EVENTS:` records (the Lee et al. 2014 8-K data set): `TIME` (EDGAR acceptance,
/// `YYYYMMDDHHMMSS` New York time) becomes `disclosed_at`, `EVENTS` (the 8-K item titles) goes
/// to `extra["edgar_events"]` and the channel is `8-K`. The header lines stay in the text.
fn filing_header(src: &str, doc: &mut Document) {
    let head: Vec<&str> = src.lines().take(8).collect();
    if !head.iter().any(|l| l.starts_with("FILE:")) {
        return;
    }
    for l in head {
        if let Some(t) = l.strip_prefix("TIME:") {
            let t = t.trim();
            let local = chrono::NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M%S").ok();
            let instant = local.and_then(|n| {
                chrono::TimeZone::from_local_datetime(&chrono_tz::America::New_York, &n).earliest()
            });
            match instant {
                Some(i) => {
                    let _ = doc
                        .metadata
                        .set("disclosed_at", &i.fixed_offset().to_rfc3339());
                }
                None => doc
                    .warnings
                    .push(format!("filing header TIME:{t} is not a date-time")),
            }
        } else if let Some(ev) = l.strip_prefix("EVENTS:") {
            let events = ev
                .split('\t')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .collect::<Vec<_>>();
            if !events.is_empty() {
                doc.metadata
                    .extra
                    .insert("edgar_events".into(), events.join("; "));
            }
        }
    }
    if doc.metadata.channel.is_none() {
        doc.metadata.channel = Some("8-K".into());
    }
}

fn split_lines(src: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', src.as_bytes()).chain(std::iter::once(src.len())) {
        if nl < start {
            continue;
        }
        let mut end = nl;
        if end > start && src.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        lines.push(Line { start, end });
        start = nl + 1;
    }
    lines
}

fn line_text(src: &str, l: Line) -> &str {
    src.get(l.start..l.end).unwrap_or("")
}

fn is_blank(src: &str, l: Line) -> bool {
    line_text(src, l).trim().is_empty()
}

/// Keys of the single-post header (`key: value`), as written by the corpus's tweet files.
const SOCIAL_HEADER_KEYS: [&str; 12] = [
    "platform",
    "account",
    "handle",
    "author",
    "author_role",
    "date_utc",
    "posted_at",
    "created_at",
    "date",
    "url",
    "id",
    "company",
];

/// Reads a `key: value` header ended by a blank line; returns the index of the first body
/// line. Needs two or more header lines including `platform` or `account`/`handle`.
fn social_header(src: &str, lines: &[Line], doc: &mut Document) -> Option<usize> {
    let mut fields: Vec<(&str, &str)> = Vec::new();
    let mut end = None;
    for (i, &l) in lines.iter().enumerate() {
        let t = line_text(src, l);
        if t.trim().is_empty() {
            end = Some(i + 1);
            break;
        }
        let (k, v) = t.split_once(':')?;
        let k = k.trim();
        if !SOCIAL_HEADER_KEYS.contains(&k) {
            return None;
        }
        fields.push((k, v.trim()));
    }
    let end = end?;
    if fields.len() < 2
        || !fields
            .iter()
            .any(|(k, _)| matches!(*k, "platform" | "account" | "handle"))
    {
        return None;
    }
    let m = &mut doc.metadata;
    let mut role = None;
    for (k, v) in &fields {
        let r = match *k {
            "account" | "handle" => {
                // "@yumbrands (Yum! Brands, Inc. corporate account, NYSE: YUM)"
                let (handle, note) = match v.split_once(" (") {
                    Some((h, n)) => (h.trim(), Some(n.trim_end_matches(')').trim())),
                    None => (v.trim(), None),
                };
                if let Some(n) = note {
                    m.extra
                        .insert("account_description".to_owned(), n.to_owned());
                }
                m.set("handle", handle)
            }
            "author_role" => {
                role = Some(*v);
                m.set(k, v)
            }
            _ => m.set(k, v),
        };
        if let Err(e) = r {
            doc.warnings.push(format!("post header: {e}"));
        }
    }
    if m.author.is_none()
        && let Some(h) = m.handle.clone()
    {
        // CONTRACT.md: author is the person or account, with title where known.
        m.author = Some(match role {
            Some(r) => format!("{h}, {r}"),
            None => h,
        });
    }
    m.kind = Some(DocKind::SocialPost);
    Some(end)
}

struct Builder<'a> {
    doc: Document,
    src: &'a str,
    idx: LineIndex<'a>,
    /// Current table: (index, next row, pipe-separated?).
    table: Option<(u32, u32, bool)>,
    next_table: u32,
}

/// A pending paragraph or list item: byte range over whole lines.
#[derive(Clone, Copy)]
struct Pending {
    start: usize,
    end: usize,
    item: bool,
}

impl Builder<'_> {
    fn run(&mut self, lines: &[Line]) {
        if let [l] = lines {
            let t = line_text(self.src, *l);
            if table_cells(t).is_none()
                && atx_heading(t).is_none()
                && list_marker(t).is_none()
                && let Some(level) = plain_heading(t)
            {
                let level = if self.doc.blocks.is_empty() { 1 } else { level };
                self.push(BlockKind::Heading { level }, l.start, l.end, &[], true);
                return;
            }
        }
        let mut pending: Option<Pending> = None;
        let chat: Vec<bool> = lines
            .iter()
            .map(|&l| chat_message_start(line_text(self.src, l)))
            .collect();
        let rows: Vec<Option<Row>> = lines
            .iter()
            .zip(&chat)
            // "08:02  corinne.blackwood   morning." has columns, but is a message.
            .map(|(&l, &message)| {
                if message {
                    None
                } else {
                    table_cells(line_text(self.src, l))
                }
            })
            .collect();
        let last_row = rows.iter().rposition(|r| matches!(r, Some(Row::Cells(_))));
        for (k, &l) in lines.iter().enumerate() {
            let t = line_text(self.src, l);
            if let Some(row) = rows.get(k).and_then(Option::as_ref) {
                self.flush(pending.take());
                if let Row::Cells(cells) = row {
                    self.push_row(l, cells, t.contains('|'));
                }
                continue;
            }
            // A short label line between pipe rows ("Current assets:") is a one-cell row of
            // the same table, not a paragraph splitting it in two.
            let in_pipe_table = pending.is_none() && matches!(self.table, Some((_, _, true)));
            let more_rows = last_row.is_some_and(|r| r > k);
            if in_pipe_table && more_rows && t.trim().chars().count() <= 80 {
                let (s, e) = trim_range(t, 0, t.len());
                self.push_row(l, &[(s, e)], true);
                continue;
            }
            if let Some((level, skip)) = atx_heading(t) {
                self.flush(pending.take());
                self.push(
                    BlockKind::Heading { level },
                    l.start + skip,
                    l.end,
                    &[],
                    true,
                );
                continue;
            }
            if let Some(skip) = list_marker(t) {
                self.flush(pending.take());
                pending = Some(Pending {
                    start: l.start + skip,
                    end: l.end,
                    item: true,
                });
                continue;
            }
            if chat[k] {
                self.flush(pending.take());
            }
            match pending.as_mut() {
                Some(p) => p.end = l.end,
                None => {
                    pending = Some(Pending {
                        start: l.start,
                        end: l.end,
                        item: false,
                    });
                }
            }
        }
        self.flush(pending);
    }

    fn flush(&mut self, p: Option<Pending>) {
        let Some(p) = p else { return };
        let text = self.src.get(p.start..p.end).unwrap_or("");
        let t = text.trim();
        let bold = t.len() > 4
            && ((t.starts_with("**") && t.ends_with("**"))
                || (t.starts_with("__") && t.ends_with("__")));
        let kind = if p.item {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        self.push(kind, p.start, p.end, &[], bold);
    }

    fn push(
        &mut self,
        kind: BlockKind,
        start: usize,
        end: usize,
        cells: &[(usize, usize)],
        emphasized: bool,
    ) {
        if !matches!(kind, BlockKind::TableRow { .. }) {
            self.table = None;
        }
        let text = self.src.get(start..end).unwrap_or("");
        let pos = self.idx.pos(start);
        self.doc
            .push_block(kind, text, pos, true, cells, emphasized);
    }

    /// Pushes a table row; `pipes`: whether the row belongs to a pipe-separated table.
    fn push_row(&mut self, l: Line, cells: &[(usize, usize)], pipes: bool) {
        // A change of layout (pipes vs. aligned columns) starts another table.
        let (table, row) = match self.table {
            Some((t, r, p)) if p == pipes => (t, r),
            _ => {
                self.next_table += 1;
                (self.next_table - 1, 0)
            }
        };
        self.table = Some((table, row + 1, pipes));
        self.push(
            BlockKind::TableRow { table, row },
            l.start,
            l.end,
            cells,
            false,
        );
    }
}

/// A chat message's time stamp at the start of a line: in brackets, with an optional date
/// (`[7:42 AM]`, `[2026-10-05 07:14]`, `[10/5/26, 7:42:10 PM]`), or bare and followed by a
/// tab or 2+ spaces (`08:02  name  text`); or a dated stamp and a dash, as `WhatsApp` exports
/// write it (`3/5/26, 7:04 AM - Dario Fenn: …`); or a line that holds only a sender's name and
/// a time, as Slack exports write it (`Gary Lindahl  5:54 AM`, the message on the next line).
static CHAT_STAMP: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let date = r"(?:\d{4}-\d{2}-\d{2}[ T]|\d{1,2}/\d{1,2}(?:/\d{2,4})?,?\s+)?";
    let dated = r"(?:\d{4}-\d{2}-\d{2}[ T]|\d{1,2}/\d{1,2}/\d{2,4},?\s+)";
    let time = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?";
    let name = r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}";
    Regex::new(&format!(
        r"^\s*(?:\[\s*{date}{time}(?:\s+[A-Z]{{2,4}})?\s*\]\s*\S|{date}{time}(?:\t|\s{{2,}})\S|{dated}{time}\s+[-–]\s+\S|{name}\s+{time}\s*$)"
    ))
    .ok()
});

/// Whether line `t` opens a chat message ([`CHAT_STAMP`]).
fn chat_message_start(t: &str) -> bool {
    CHAT_STAMP.as_ref().is_some_and(|re| re.is_match(t))
}

/// `# Heading` → (level, bytes to skip before the heading text).
fn atx_heading(t: &str) -> Option<(u8, usize)> {
    let lead = t.len() - t.trim_start().len();
    let rest = t.get(lead..)?;
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || lead > 3 {
        return None;
    }
    let after = rest.get(hashes..)?;
    if !after.starts_with([' ', '\t']) || after.trim().is_empty() {
        return None;
    }
    let skip = lead + hashes + (after.len() - after.trim_start().len());
    Some((hashes as u8, skip))
}

/// A list marker at the start of the line → bytes to skip before the item text.
fn list_marker(t: &str) -> Option<usize> {
    let lead = t.len() - t.trim_start().len();
    let rest = t.get(lead..)?;
    let mut chars = rest.char_indices();
    let (_, c) = chars.next()?;
    let marker_len = match c {
        '-' | '*' | '+' => {
            if !rest.get(1..)?.starts_with(' ') {
                return None;
            }
            1
        }
        '•' | '◦' | '▪' | '●' | '·' => c.len_utf8(),
        '0'..='9' => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = rest.get(digits..)?;
            if digits > 3 || !(after.starts_with(". ") || after.starts_with(") ")) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let after = rest.get(marker_len..)?;
    if after.trim().is_empty() {
        return None;
    }
    Some(lead + marker_len + (after.len() - after.trim_start().len()))
}

const SMALL: [&str; 16] = [
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs",
    "with",
];

/// A heading-like single line (not Markdown): short, no final `.`/`,`/`;`, ALL CAPS (level 2)
/// or Title Case with two or more words (level 3).
fn plain_heading(t: &str) -> Option<u8> {
    let t = t.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if t.chars().count() > 100 || words.is_empty() || words.len() > 14 {
        return None;
    }
    if t.ends_with(['.', ',', ';']) {
        return None;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let lower = t.chars().filter(|c| c.is_lowercase()).count();
    if letters >= 4 && lower == 0 {
        // A colon inside ("FILE:AA/…") is a key/value line, not a heading.
        return (!t.trim_end_matches(':').contains(':')).then_some(2);
    }
    if t.contains(':') || words.len() < 2 || words.len() > 10 {
        return None;
    }
    let title_case = words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().find(|c| c.is_alphanumeric());
        match first {
            None => true,
            Some(c) if c.is_ascii_digit() => true,
            Some(c) => c.is_uppercase() || (i > 0 && SMALL.contains(&w.to_lowercase().as_str())),
        }
    });
    (title_case && letters >= 4).then_some(3)
}

/// A line recognized as part of a table.
enum Row {
    /// A row with cell byte ranges relative to the line.
    Cells(Vec<(usize, usize)>),
    /// A Markdown separator row (`|---|---|`), dropped.
    Separator,
}

/// Table-row detection; `None`: not a table line.
fn table_cells(t: &str) -> Option<Row> {
    if t.contains('|') {
        let mut cells = Vec::new();
        let mut start = 0;
        let bytes = t.as_bytes();
        for i in memchr::memchr_iter(b'|', bytes).chain(std::iter::once(t.len())) {
            cells.push(trim_range(t, start, i));
            start = i + 1;
        }
        // Leading/trailing pipes leave empty outer cells.
        if cells.first().is_some_and(|&(s, e)| s == e) {
            cells.remove(0);
        }
        if cells.last().is_some_and(|&(s, e)| s == e) {
            cells.pop();
        }
        if cells.len() < 2 {
            return None;
        }
        let separator = cells.iter().all(|&(s, e)| {
            let c = t.get(s..e).unwrap_or("");
            !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        });
        return Some(if separator {
            Row::Separator
        } else {
            Row::Cells(cells)
        });
    }
    // Whitespace columns: split on tabs or runs of 2+ spaces.
    let cells = whitespace_columns(t);
    if cells.len() >= 2
        && cells
            .iter()
            .any(|&(s, e)| is_number(t.get(s..e).unwrap_or("")))
    {
        return Some(Row::Cells(cells));
    }
    None
}

fn trim_range(t: &str, s: usize, e: usize) -> (usize, usize) {
    let cell = t.get(s..e).unwrap_or("");
    let lead = cell.len() - cell.trim_start().len();
    let trimmed = cell.trim();
    (s + lead, s + lead + trimmed.len())
}

fn whitespace_columns(t: &str) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut cell_start: Option<usize> = None;
    let mut gap_start = 0;
    let mut gap = 0usize;
    let mut tabbed = false;
    for (i, c) in t.char_indices() {
        if c == ' ' || c == '\t' || c == '\u{a0}' {
            if gap == 0 {
                gap_start = i;
                tabbed = false;
            }
            gap += 1;
            tabbed |= c == '\t';
            continue;
        }
        if let Some(s) = cell_start
            && gap > 0
            && (gap >= 2 || tabbed)
        {
            cells.push((s, gap_start));
            cell_start = None;
        }
        gap = 0;
        if cell_start.is_none() {
            cell_start = Some(i);
        }
    }
    if let Some(s) = cell_start {
        let end = if gap > 0 { gap_start } else { t.len() };
        cells.push((s, end));
    }
    cells
}

/// A cell that is a number: digits with `$ , . % ( ) -` and similar decorations.
fn is_number(c: &str) -> bool {
    let mut digits = 0;
    for ch in c.chars() {
        if ch.is_ascii_digit() {
            digits += 1;
        } else if !matches!(
            ch,
            '$' | '€' | '£' | '¥' | ',' | '.' | '%' | '(' | ')' | '-' | '–' | '—' | '+' | ' '
        ) {
            return false;
        }
    }
    digits > 0
}

/// One `<DOCUMENT>` of an EDGAR full-submission text file.
#[derive(Debug, Clone)]
pub(crate) struct SubmissionPart<'a> {
    /// `<SEQUENCE>` (1-based), else the part's position.
    pub seq: usize,
    /// `<TYPE>` (`8-K`, `EX-99.1`, `GRAPHIC`, …).
    pub doc_type: String,
    /// `<FILENAME>`.
    pub filename: String,
    /// `<DESCRIPTION>`.
    pub description: String,
    /// Content between `<TEXT>` and `</TEXT>`.
    pub body: &'a str,
    /// 1-based source line of the body's first line.
    pub body_line: u32,
}

/// Whether `src` is an EDGAR full-submission file (`<SEC-DOCUMENT>`/`<SEC-HEADER>` with
/// `<DOCUMENT>`/`<TYPE>` parts), which holds several documents.
pub(crate) fn is_edgar_submission(src: &str) -> bool {
    let head = src.trim_start();
    (head.starts_with("<SEC-DOCUMENT>") || head.starts_with("<SEC-HEADER>"))
        && src.contains("<DOCUMENT>")
        && src.contains("<TYPE>")
}

/// `KEY:` value of the SEC header (first occurrence), e.g. `COMPANY CONFORMED NAME`.
pub(crate) fn submission_header_value<'a>(src: &'a str, key: &str) -> Option<&'a str> {
    let header_end = src.find("<DOCUMENT>").unwrap_or(src.len());
    let header = src.get(..header_end)?;
    header.lines().find_map(|l| {
        let t = l.trim_start();
        let rest = t.strip_prefix(key)?;
        let v = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix('>'))?
            .trim();
        (!v.is_empty()).then_some(v)
    })
}

/// Splits a full-submission file into its `<DOCUMENT>` parts.
pub(crate) fn submission_parts(src: &str) -> Vec<SubmissionPart<'_>> {
    let idx = LineIndex::new(src);
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(rel) = src.get(from..).and_then(|s| s.find("<DOCUMENT>")) {
        let start = from + rel;
        let end = src
            .get(start..)
            .and_then(|s| s.find("</DOCUMENT>"))
            .map_or(src.len(), |e| start + e);
        let part = src.get(start..end).unwrap_or("");
        from = end.max(start + 1);
        let tag = |name: &str| -> String {
            part.lines()
                .take_while(|l| !l.starts_with("<TEXT>"))
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let Some(text_at) = part.find("<TEXT>") else {
            continue;
        };
        let body_start = text_at + "<TEXT>".len();
        let body_end = part
            .rfind("</TEXT>")
            .filter(|&e| e >= body_start)
            .unwrap_or(part.len());
        let body = part.get(body_start..body_end).unwrap_or("");
        let seq = tag("<SEQUENCE>").parse().unwrap_or(parts.len() + 1);
        parts.push(SubmissionPart {
            seq,
            doc_type: tag("<TYPE>"),
            filename: tag("<FILENAME>"),
            description: tag("<DESCRIPTION>"),
            body,
            body_line: idx.pos(start + body_start).line,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Location;

    #[test]
    fn chat_messages_are_paragraphs_of_their_own_with_their_wrapped_lines() {
        let src = "Slack export — #ops (private)\n\n\
                   [2026-10-05 07:17] Gus (VP Quality): 2 confirmed, 9 more in the window\n\
                   [2026-10-05 07:22] Priya: quick fix for the lot tracker, filter\n\
                   column F and you get every lot\n\
                   [7:42 AM] Tom: morning\n\
                   08:02  corinne.blackwood   morning. Two things today\n\
                   08:03\tsam.okonkwo\tsure, 12 of 14 done\n\
                   The call is at\n\
                   10:00 a.m. ET and runs an hour.\n";
        let d = extract(src, "chat.txt");
        let texts: Vec<&str> = (0..d.blocks.len()).map(|i| d.block_text(i)).collect();
        assert_eq!(
            texts[1..6],
            [
                "[2026-10-05 07:17] Gus (VP Quality): 2 confirmed, 9 more in the window",
                "[2026-10-05 07:22] Priya: quick fix for the lot tracker, filter\n\
                 column F and you get every lot",
                "[7:42 AM] Tom: morning",
                "08:02  corinne.blackwood   morning. Two things today",
                "08:03\tsam.okonkwo\tsure, 12 of 14 done\nThe call is at\n\
                 10:00 a.m. ET and runs an hour.",
            ]
        );
        assert!(d.blocks[1..].iter().all(|b| b.kind == BlockKind::Paragraph));
        // A time that opens a wrapped line of prose is not a message.
        assert!(!chat_message_start("10:00 a.m. ET and runs an hour."));
        assert!(chat_message_start("[10/5/26, 7:42:10 PM] Ellie: sure"));
        assert!(!chat_message_start("[see note 7] below"));
        // WhatsApp's dated stamp and dash; Slack's name-and-time line.
        assert!(chat_message_start("3/5/26, 7:04 AM - Dario Fenn: morning"));
        assert!(chat_message_start("Gary Lindahl  5:54 AM"));
        assert!(!chat_message_start("7:04 - 7:30 coffee"));
        assert!(!chat_message_start("The meeting starts at 5:54 AM"));
    }

    #[test]
    fn blocks_headings_lists_tables_with_exact_positions() {
        let src = "ACME CORP REPORTS RESULTS\n\nRevenue rose 10%\nin the quarter.\n\n\
                   - Adjusted EBITDA of $5 million\n- Net loss of $2 million\n\n\
                   Revenue     $ 1,234    $ 1,100\n \nNet income  (12)       4\n\n\
                   a | b | c\n|---|---|---|\n1 | 2 | 3\n";
        let d = extract(src, "x.txt");
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(kinds[0], BlockKind::Heading { level: 1 });
        assert_eq!(kinds[1], BlockKind::Paragraph);
        assert_eq!(kinds[2], BlockKind::ListItem);
        assert_eq!(d.block_text(2), "Adjusted EBITDA of $5 million");
        assert_eq!(kinds[4], BlockKind::TableRow { table: 0, row: 0 });
        assert_eq!(kinds[5], BlockKind::TableRow { table: 0, row: 1 });
        assert_eq!(kinds[6], BlockKind::TableRow { table: 1, row: 0 });
        assert_eq!(kinds[7], BlockKind::TableRow { table: 1, row: 1 });
        assert_eq!(d.blocks.len(), 8);
        let cells: Vec<&str> = d.blocks[4]
            .cells
            .iter()
            .map(|&(s, e)| &d.text[s..e])
            .collect();
        assert_eq!(cells, ["Revenue", "$ 1,234", "$ 1,100"]);
        // "quarter" is on line 4, column 8; "Net loss" item text starts at line 7 column 3.
        let off = d.text.find("quarter").unwrap();
        assert_eq!(
            d.location(off),
            Location {
                line: 4,
                column: 8,
                page: None
            }
        );
        let off = d.text.find("Net loss").unwrap();
        assert_eq!(
            d.location(off),
            Location {
                line: 7,
                column: 3,
                page: None
            }
        );
        let off = d.text.find("(12)").unwrap();
        assert_eq!(
            d.location(off),
            Location {
                line: 11,
                column: 13,
                page: None
            }
        );
        assert!(d.blocks.iter().all(|b| b.verbatim));
    }

    #[test]
    fn label_lines_between_pipe_rows_stay_in_the_table() {
        let d = extract(
            "  | 2026 | 2025\nAssets\nCash | 94 | 216\n\nClosing words.\n",
            "x.txt",
        );
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::TableRow { table: 0, row: 0 },
                BlockKind::TableRow { table: 0, row: 1 },
                BlockKind::TableRow { table: 0, row: 2 },
                BlockKind::Paragraph,
            ]
        );
        assert_eq!(d.block_text(1), "Assets");
        assert_eq!(d.blocks[1].cells.len(), 1);
    }

    #[test]
    fn social_header_becomes_metadata() {
        let src = "platform: Twitter\naccount: @acme (Acme Corp. corporate account)\n\
                   author_role: CEO, Acme\ndate_utc: 2022-02-09 15:26:20+00:00\n\
                   url: https://x.com/acme/status/1\n\nWe beat guidance &amp; raised it.\n";
        let d = extract(src, "p.txt");
        assert_eq!(d.metadata.kind, Some(DocKind::SocialPost));
        assert_eq!(d.metadata.handle.as_deref(), Some("@acme"));
        assert_eq!(d.metadata.platform.as_deref(), Some("Twitter"));
        assert_eq!(d.metadata.author.as_deref(), Some("@acme, CEO, Acme"));
        assert_eq!(
            d.metadata.disclosed_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2022-02-09T15:26:20+00:00")
        );
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(d.location(0).line, 7);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn edgar_submission_parts() {
        let src = "<SEC-DOCUMENT>0001-25-1.txt : 20250415\n<SEC-HEADER>\n\
                   <ACCEPTANCE-DATETIME>20250415163025\nCONFORMED SUBMISSION TYPE:\t8-K\n\
                   \t\tCOMPANY CONFORMED NAME:\t\t\tACME CORP\n</SEC-HEADER>\n\
                   <DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex.txt\n<TEXT>\nRevenue rose.\n</TEXT>\n</DOCUMENT>\n\
                   <DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<TEXT>\nbegin 644 x.jpg\n</TEXT>\n</DOCUMENT>\n";
        assert!(is_edgar_submission(src));
        assert_eq!(
            submission_header_value(src, "COMPANY CONFORMED NAME"),
            Some("ACME CORP")
        );
        assert_eq!(
            submission_header_value(src, "<ACCEPTANCE-DATETIME"),
            Some("20250415163025")
        );
        let parts = submission_parts(src);
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].seq, parts[0].doc_type.as_str()), (2, "EX-99.1"));
        assert_eq!(parts[0].body.trim(), "Revenue rose.");
        assert_eq!(parts[0].body_line, 11);
        assert_eq!(parts[1].doc_type, "GRAPHIC");
        assert!(!is_edgar_submission("<DOCUMENT>\nFILE:AA/AA-8K.txt.gz\n"));
    }

    #[test]
    fn prose_with_double_spaces_is_not_a_table() {
        let d = extract("Tune in now.  Hear the CFO at 10 am.\n", "x.txt");
        assert_eq!(d.blocks[0].kind, BlockKind::Paragraph);
        let d = extract(
            "Results of the quarter were strong and we grew revenue.\n",
            "x.txt",
        );
        assert_eq!(d.blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn lee_filing_header_gives_disclosure_time_and_items() {
        let d = extract(
            "<DOCUMENT>\nFILE:AAN/AAN-8K-20040823124857.txt.gz\nTIME:20040823124857\nEVENTS:\tResults of Operations and Financial Condition\tFinancial Statements and Exhibits\nTEXT:\nAcme reported results.\n",
            "x.txt",
        );
        assert_eq!(
            d.metadata.disclosed_at.unwrap().to_rfc3339(),
            "2004-08-23T12:48:57-04:00"
        );
        assert_eq!(d.metadata.channel.as_deref(), Some("8-K"));
        assert!(d.metadata.extra["edgar_events"].starts_with("Results of Operations"));
    }
}
