//! Segment: split a [`Document`]'s blocks into sentences (headings, list items and table rows
//! are one segment each), so that context windows, excerpts and severity work on sentences.
//!
//! Input: a `Document`. Output: [`Segment`]s with byte spans into `Document::text`, in text
//! order, never crossing a block boundary. Locations are resolved later through
//! [`Document::location`].

use crate::document::{BlockKind, Document};

/// One sentence (or heading, list item, table row) of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the first byte in `Document::text` (on a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (half-open).
    pub end: usize,
    /// Index of the block in `Document::blocks`.
    pub block: usize,
    /// What the segment is.
    pub kind: SegmentKind,
}

/// The structural role of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// A sentence of a paragraph, list item or speaker turn.
    Sentence,
    /// A whole heading.
    Heading,
    /// A whole table row.
    TableRow,
}

/// Abbreviations after which a period does not end a sentence (compared lower-case, without
/// the period).
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "l.p", "lp", "mr", "mrs", "ms", "dr", "prof", "st",
    "jr", "sr", "no", "nos", "vs", "v", "e.g", "i.e", "etc", "approx", "est", "u.s", "u.k", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "ft",
    "sq", "avg", "dept", "adj", "op", "yr", "yrs", "mo", "mos", "ph.d", "n.a", "s.a", "n.v", "a.g",
    "gov", "gen", "rep", "sen", "hon", "ave", "blvd", "al",
];

/// Splits every block of `doc` into segments.
#[must_use]
pub fn segment(doc: &Document) -> Vec<Segment> {
    let mut out = Vec::with_capacity(doc.blocks.len() * 2);
    for (i, b) in doc.blocks.iter().enumerate() {
        let Some(text) = doc.text.get(b.start..b.end) else {
            continue;
        };
        match b.kind {
            BlockKind::Heading { .. } => {
                out.push(Segment {
                    start: b.start,
                    end: b.end,
                    block: i,
                    kind: SegmentKind::Heading,
                });
            }
            BlockKind::TableRow { .. } => {
                out.push(Segment {
                    start: b.start,
                    end: b.end,
                    block: i,
                    kind: SegmentKind::TableRow,
                });
            }
            _ => {
                for (s, e) in sentences(text) {
                    out.push(Segment {
                        start: b.start + s,
                        end: b.start + e,
                        block: i,
                        kind: SegmentKind::Sentence,
                    });
                }
            }
        }
    }
    out
}

/// Splits running text into sentences; returns half-open byte ranges with surrounding white
/// space trimmed. A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or
/// brackets) when white space and then an upper-case letter, digit, quote or bullet follow,
/// unless the word before the period is a known abbreviation or a single letter (an
/// initial); a line that ends with no punctuation followed by a line break is not split (hard
/// wraps), but a blank line is (never inside a block, by construction).
#[must_use]
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    // Jump from one `.`, `!` or `?` to the next (a vectorized search; the text between is
    // not looked at).
    while let Some(found) = bytes
        .get(i..)
        .and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest))
    {
        i += found;
        let c = bytes[i];
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        }
        // Curly closing quote (U+201D, 3 bytes).
        if text.get(j..).is_some_and(|t| t.starts_with('\u{201d}')) {
            j += 3;
        }
        // Emoji after the end belong to the sentence: "about to become two. 🚗🚗 The board
        // signed off" is two sentences.
        let j = skip_pictographs(text, j);
        let ws_end = skip_ws(bytes, j);
        if ws_end > j
            && ws_end < bytes.len()
            && starts_sentence(text, ws_end)
            && (c != b'.' || !is_abbreviation(text, i))
        {
            push_trimmed(text, start, j, &mut out);
            start = ws_end;
            i = ws_end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

/// `j` moved past white space and pictographs (emoji, dingbats, arrows, their joiners and
/// variation selectors) that follow it, when at least one pictograph does; else `j`.
fn skip_pictographs(text: &str, j: usize) -> usize {
    // Hot path (every sentence end): an ASCII byte after the spaces is no pictograph.
    let next = text
        .as_bytes()
        .get(j..)
        .and_then(|b| b.iter().find(|c| !c.is_ascii_whitespace()));
    if next.is_none_or(u8::is_ascii) {
        return j;
    }
    let Some(rest) = text.get(j..) else { return j };
    let mut end = j;
    let mut seen = false;
    for (k, ch) in rest.char_indices() {
        let pictograph = matches!(
            u32::from(ch),
            0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D
        );
        if pictograph {
            seen = true;
            end = j + k + ch.len_utf8();
        } else if !ch.is_whitespace() {
            break;
        }
    }
    if seen { end } else { j }
}

fn skip_ws(bytes: &[u8], mut j: usize) -> usize {
    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
        j += 1;
    }
    j
}

fn starts_sentence(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .is_some_and(|ch| {
            ch.is_uppercase()
                || ch.is_ascii_digit()
                || matches!(
                    ch,
                    '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '$' | '\u{2022}' | '-'
                )
        })
}

/// Whether the period at byte `dot` closes an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = text.get(..dot).unwrap_or("");
    let word_start = before
        .rfind(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '"' | '\u{201c}'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = before.get(word_start..).unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // Decimal numbers never reach here (no white space after the dot); "$1.5 million." does.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        return true; // an initial: "John A. Smith"
    }
    // "No." and "Nos." abbreviate "number" only before one: "Note No. 4", "Nos. 3 and 5";
    // "Eighty-one percent said no. They strike at noon." ends a sentence.
    if ["no", "nos"].iter().any(|a| a.eq_ignore_ascii_case(word)) {
        return text
            .get(dot + 1..)
            .and_then(|rest| rest.trim_start().chars().next())
            .is_some_and(|c| c.is_ascii_digit() || c == '#');
    }
    // The list is lower-case ASCII: comparing without case is comparing the lower-cased word,
    // with no String allocated per sentence end.
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let Some(slice) = text.get(s..e) else { return };
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push((s + lead, s + lead + trimmed.len()));
    }
}

/// Whether byte `offset` of `doc` lies in a transcript turn of someone outside the company
/// (an analyst's question, the operator): what they say is not a disclosure by the issuer.
#[must_use]
pub fn outside_company_turn(doc: &Document, offset: usize) -> bool {
    doc.block_at(offset).is_some_and(|i| {
        doc.blocks.get(i).is_some_and(|b| match &b.kind {
            BlockKind::SpeakerTurn { speaker, role, .. } => {
                speaker.eq_ignore_ascii_case("operator")
                    || role.as_deref().is_some_and(|r| !is_company_role(r))
            }
            // A script written as paragraphs: the turn's label opens its paragraph.
            _ => labelled_outsider(doc.block_text(i)),
        })
    })
}

/// Whether `paragraph` opens with the speaker label of someone outside the company, as
/// Markdown and text call scripts write turns: "**Operator:**", "**Carla Reyes (Juniper
/// Ridge):**", "Dan Levy, Barclays:", "Kuni Chen - Banc of America Securities - Analyst". The
/// name is two to four title-case words; the affiliation (in brackets, after a comma or a
/// dash; at most six words, no digits) must not be a company role ([`is_company_role`]). A
/// label without an affiliation is not judged (most are the company's speakers); "Operator:"
/// and "Analyst:" are outsiders.
#[must_use]
pub fn labelled_outsider(paragraph: &str) -> bool {
    // "Name (Affiliation)" with the bracket closing the label, or "Name, Affiliation",
    // "Name — Affiliation", "Name - Affiliation".
    fn split_label(label: &str) -> Option<(&str, &str)> {
        if let Some((name, role)) = label.split_once('(') {
            return Some((name.trim(), role.strip_suffix(')')?.trim()));
        }
        label
            .split_once([',', '\u{2014}', '\u{2013}'])
            .or_else(|| label.split_once(" - "))
            .map(|(n, r)| (n.trim(), r.trim()))
    }
    let t = paragraph.trim_start().trim_start_matches(['*', '_']);
    let mut cut = t.len().min(120);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = t.get(..cut).unwrap_or("");
    let (name, role) = if let Some(colon) = head.find(':') {
        let label = head
            .get(..colon)
            .unwrap_or("")
            .trim_end_matches(['*', '_'])
            .trim();
        if label.eq_ignore_ascii_case("operator") || label.eq_ignore_ascii_case("analyst") {
            return true;
        }
        match split_label(label) {
            Some(x) => x,
            None => return false,
        }
    } else if let Some(i) = head.find(" - Analyst") {
        // "Kuni Chen - Banc of America Securities - Analyst I guess, ..."
        match head.get(..i).and_then(|label| label.split_once(" - ")) {
            Some((n, _)) => (n.trim(), "Analyst"),
            None => return false,
        }
    } else {
        return false;
    };
    // A person's name: two to four title-case words ("Carla Reyes", "Dan O'Neil"), not a
    // dateline ("MINNEAPOLIS, August 29, 2023 -- Best Buy Co., Inc. (NYSE: BBY)").
    let words = name.split_whitespace().count();
    let is_name = (2..=4).contains(&words)
        && name.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().skip(1).any(char::is_lowercase)
                && !w.chars().any(|c| c.is_ascii_digit())
        });
    let plain_role = !role.is_empty()
        && role.split_whitespace().count() <= 6
        && !role.contains(['(', ')', ':', '$', '%'])
        && !role.chars().any(|c| c.is_ascii_digit());
    is_name && plain_role && !is_company_role(role)
}

/// Whether a role string describes a company officer or employee (not an analyst or operator).
#[must_use]
pub fn is_company_role(role: &str) -> bool {
    let r = role.to_lowercase();
    let analyst = [
        "analyst",
        "capital",
        "securities",
        "research",
        "partners",
        "bank",
        "llc",
        "& co",
        "operator",
    ];
    let officer = [
        "officer",
        "president",
        "vice president",
        "vp",
        "director",
        "head of",
        "treasurer",
        "controller",
        "chairman",
        "chair",
        "investor relations",
        "general counsel",
        "secretary",
        "executive",
        "manager",
        "founder",
    ];
    // Titles written as abbreviations: "Dana Whitcomb (CEO)", "Ann Lee, EVP & CFO".
    let abbreviations = [
        "ceo", "cfo", "coo", "cto", "cio", "cao", "cmo", "cro", "evp", "svp", "gc", "ir", "chief",
    ];
    let abbreviated = r
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| abbreviations.contains(&w));
    !analyst.iter().any(|a| r.contains(a)) && (abbreviated || officer.iter().any(|o| r.contains(o)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{SourceFormat, SourcePos};

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_but_not_abbreviations_or_decimals() {
        assert_eq!(
            split(
                "Acme Inc. reported revenue of $1.5 million. Net income rose 12%. Mr. J. Smith said so!"
            ),
            vec![
                "Acme Inc. reported revenue of $1.5 million.",
                "Net income rose 12%.",
                "Mr. J. Smith said so!"
            ]
        );
        assert_eq!(
            split("He said \"we are done.\" Then left."),
            vec!["He said \"we are done.\"", "Then left."]
        );
        assert_eq!(split("no end"), vec!["no end"]);
        // "No." is "number" only before a number.
        assert_eq!(
            split("See Note No. 4 and Nos. 5. Most said no. They strike at noon."),
            vec![
                "See Note No. 4 and Nos. 5.",
                "Most said no.",
                "They strike at noon."
            ]
        );
        assert_eq!(
            split("Shares become two. \u{1f697}\u{1f697} The board signed off! \u{1f389} ok."),
            vec![
                "Shares become two. \u{1f697}\u{1f697}",
                "The board signed off! \u{1f389} ok."
            ]
        );
        assert_eq!(
            split("Hard\nwrapped line. next lower case."),
            vec!["Hard\nwrapped line. next lower case."]
        );
    }

    #[test]
    fn speaker_labels_of_outsiders_open_their_paragraphs() {
        assert!(labelled_outsider(
            "**Carla Reyes (Juniper Ridge):** With the big build program ahead, are you worried?"
        ));
        assert!(labelled_outsider(
            "**Operator:** Our next question comes from the line."
        ));
        assert!(labelled_outsider(
            "Dan Levy, Barclays Capital: Can you talk about the margin?"
        ));
        assert!(labelled_outsider(
            "Kuni Chen - Banc of America Securities - Analyst I guess, with my one question"
        ));
        // The company's own speakers, labels without an affiliation, datelines, a question
        // label ("Q (Otway):", whose answer often shares the paragraph), prose with a colon.
        assert!(!labelled_outsider(
            "MINNEAPOLIS, August 29, 2023 -- Best Buy Co., Inc. (NYSE: BBY) today announced results"
        ));
        assert!(!labelled_outsider(
            "**Q (Otway): how's Q1 going?** Marcus said it was fine."
        ));
        assert!(!labelled_outsider(
            "**Eleanor Vance (Chief Financial Officer):** We pay a steady dividend."
        ));
        assert!(!labelled_outsider(
            "**Eleanor Vance:** We pay a steady dividend."
        ));
        assert!(!labelled_outsider(
            "Dana Whitcomb (CEO): Look, I'll be straight."
        ));
        assert!(!labelled_outsider("Ann Lee, EVP & CFO: Thanks, Dana."));
        assert!(!labelled_outsider(
            "Revenue for the quarter (unaudited): $4.2 million, up 3%."
        ));
        assert!(!labelled_outsider(
            "Note: the 2026 outlook excludes acquisitions."
        ));
    }

    #[test]
    fn headings_and_rows_are_single_segments() {
        let mut d = Document::new("x", SourceFormat::Text);
        let p = SourcePos {
            line: 1,
            column: 1,
            page: None,
        };
        d.push_block(
            BlockKind::Heading { level: 1 },
            "Q1 Results. Strong.",
            p,
            true,
            &[],
            true,
        );
        d.push_block(BlockKind::Paragraph, "One. Two.", p, true, &[], false);
        d.push_block(
            BlockKind::TableRow { table: 0, row: 0 },
            "A. B.\t1",
            p,
            true,
            &[],
            false,
        );
        let segs = segment(&d);
        assert_eq!(segs.len(), 4);
        assert_eq!(segs[0].kind, SegmentKind::Heading);
        assert_eq!(&d.text[segs[2].start..segs[2].end], "Two.");
        assert_eq!(segs[3].kind, SegmentKind::TableRow);
    }
}
