//! Detect: material nonpublic information (MNPI) by the 20 categories of Insider Trading
//! Policy IV.B, driven by the lexicon policies in `dictionaries/mnpi/*.toml`.
//!
//! Input: a [`Document`] and its [`Segment`](crate::segment::Segment)s. Output: [`Finding`]s with byte spans, source
//! locations, excerpts, the terms and context rules that fired, and the policy clause.
//! Channel and audience (whether the information went out selectively) are left to
//! [`crate::assess`].
//!
//! How a finding comes about, in one pass over the text:
//! 1. one pass of the [`matcher`] over every category's strong terms, weak terms,
//!    exclusions, anchors and context cues (one trie of token sequences);
//! 2. per sentence with a candidate: weak terms need an anchor of their rule in the sentence
//!    (or within `window` words); a term overlapped by an exclusion of its category is vetoed;
//!    a negation cue up to `negation_window` words before it vetoes it where the category is
//!    negatable;
//! 3. severity starts at the category's base, goes one level up with a materiality signal in
//!    the sentence (amount, percentage, per-share figure, date, "record"), one level down with
//!    an already-public or hypothetical cue.

pub mod lexicon;
pub mod matcher;
pub mod registry;

pub use lexicon::MnpiLexicon;

use std::sync::Arc;

use serde::Serialize;

use crate::dictionaries::Severity;
use crate::document::{Document, Location};

/// How a [`Finding::context`] entry for a materiality signal begins; the signal's own words
/// follow ("materiality signal: $4.2 million"). Other stages (the Reg FD disclaimer
/// placement) read signals back by it.
pub const MATERIALITY_SIGNAL: &str = "materiality signal: ";

/// One flagged passage (CONTRACT.md `findings[]`).
///
/// The texts that are the same for every finding of a rule (`rule`, `category`, `policy`,
/// `check`) are shared [`Arc<str>`]s: a detector builds them once per rule and each finding
/// clones a pointer instead of allocating a copy. They serialize as plain JSON strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id (`mnpi.cybersecurity`, `regg.missing_reconciliation`, `regfd.rumor_comment`).
    pub rule: Arc<str>,
    /// MNPI category, or the rule family (`regg`, `regfd`) for other rules.
    pub category: Arc<str>,
    /// Severity after context adjustments.
    pub severity: Severity,
    /// 1-based source line of `start`.
    pub line: Option<u32>,
    /// 1-based source column (chars) of `start`.
    pub column: Option<u32>,
    /// 1-based page for paged formats.
    pub page: Option<u32>,
    /// Byte offset into the extracted text (half-open span start).
    pub start: Option<usize>,
    /// Byte offset one past the span.
    pub end: Option<usize>,
    /// The sentence around the span, white space collapsed, at most ~300 chars.
    pub excerpt: String,
    /// Why it was flagged.
    pub message: String,
    /// The policy clause or rule it rests on ("Insider Trading Policy IV.B(xiii)").
    pub policy: Arc<str>,
    /// Dictionary terms that matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// Context rules and adjustments that applied ("weak term near anchor: breach near
    /// systems", "materiality signal: $4.2 million" (see [`MATERIALITY_SIGNAL`]), "already
    /// public: as previously announced").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// What the reviewer should check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<Arc<str>>,
}

impl Finding {
    /// A finding located at `[start, end)` of `doc`, with the excerpt taken from the segment
    /// `[seg_start, seg_end)`.
    #[must_use]
    pub fn at(
        doc: &Document,
        rule: impl Into<Arc<str>>,
        category: impl Into<Arc<str>>,
        severity: Severity,
        span: (usize, usize),
        segment: (usize, usize),
    ) -> Self {
        Self::at_location(
            doc,
            doc.location(span.0),
            rule,
            category,
            severity,
            span,
            segment,
        )
    }

    /// [`Finding::at`] with the location of `span.0` already resolved (by
    /// [`Document::location_after`] when many findings are located in text order).
    #[must_use]
    pub fn at_location(
        doc: &Document,
        loc: Location,
        rule: impl Into<Arc<str>>,
        category: impl Into<Arc<str>>,
        severity: Severity,
        span: (usize, usize),
        segment: (usize, usize),
    ) -> Self {
        Self {
            rule: rule.into(),
            category: category.into(),
            severity,
            line: Some(loc.line),
            column: Some(loc.column),
            page: loc.page,
            start: Some(span.0),
            end: Some(span.1),
            excerpt: excerpt(&doc.text, segment, span),
            message: String::new(),
            policy: Arc::default(),
            matched: Vec::new(),
            context: Vec::new(),
            check: None,
        }
    }

    /// A finding about the document as a whole (no span: `line`, `start`… are null).
    #[must_use]
    pub fn whole_document(
        rule: impl Into<Arc<str>>,
        category: impl Into<Arc<str>>,
        severity: Severity,
    ) -> Self {
        Self {
            rule: rule.into(),
            category: category.into(),
            severity,
            line: None,
            column: None,
            page: None,
            start: None,
            end: None,
            excerpt: String::new(),
            message: String::new(),
            policy: Arc::default(),
            matched: Vec::new(),
            context: Vec::new(),
            check: None,
        }
    }
}

/// `t` with every run of white space (Unicode) replaced by one space and none at either end:
/// how excerpts, matched terms and report text are shown.
#[must_use]
pub fn collapse_space(t: &str) -> String {
    // ASCII text (most excerpts): copy the longest runs that need no change — words with
    // one ' ' between them — in one piece each; only a run of white space other than a single
    // ' ' (or at either end) breaks a run. Copying word by word (a `memcpy` call per word)
    // cost more: this function's share of a detection profile fell from 3.8% to 3.1%.
    if t.is_ascii() {
        // ASCII white space as `split_whitespace` sees it (vertical tab too).
        let space = |c: u8| matches!(c, b' ' | b'\t'..=b'\r');
        let b = t.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(b.len());
        let mut i = b.iter().position(|&c| !space(c)).unwrap_or(b.len());
        while i < b.len() {
            // `b[i]` is not white space: find where its run ends.
            let run = i;
            while let Some(&c) = b.get(i) {
                if c > b' ' || !space(c) {
                    i += 1;
                } else if c == b' ' && b.get(i + 1).is_some_and(|&d| !space(d)) {
                    i += 2;
                } else {
                    break;
                }
            }
            out.extend_from_slice(b.get(run..i).unwrap_or_default());
            while b.get(i).is_some_and(|&c| space(c)) {
                i += 1;
            }
            if i < b.len() {
                out.push(b' ');
            }
        }
        // Still ASCII: the conversion cannot fail.
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Maximum excerpt length in chars.
const EXCERPT_CHARS: usize = 300;

/// The text of `segment` with white space collapsed; when longer than ~300 chars, a window
/// around `span` with `…` marking the cuts.
#[must_use]
pub fn excerpt(text: &str, segment: (usize, usize), span: (usize, usize)) -> String {
    let (s, e) = (segment.0.min(span.0), segment.1.max(span.1).min(text.len()));
    let Some(seg) = text.get(s..e) else {
        return String::new();
    };
    // At most as many chars as bytes: count only when the bytes could exceed the limit.
    if seg.len() <= EXCERPT_CHARS || seg.chars().count() <= EXCERPT_CHARS {
        return collapse_space(seg);
    }
    // Window of EXCERPT_CHARS around the span, snapped to char boundaries.
    let rel = span.0.saturating_sub(s);
    let mut lo = rel.saturating_sub(EXCERPT_CHARS / 3);
    while lo > 0 && !seg.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (lo + EXCERPT_CHARS).min(seg.len());
    while hi < seg.len() && !seg.is_char_boundary(hi) {
        hi += 1;
    }
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    out.push_str(&collapse_space(seg.get(lo..hi).unwrap_or("")));
    if hi < seg.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ASCII fast path and the general path agree with `split_whitespace`.
        #[test]
        fn collapse_space_is_split_whitespace_joined(t in "[ a-c\t\n\u{b}\u{c}\r\u{a0}é.]{0,40}") {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse_space(&t), want);
        }

        /// The same on ASCII text alone (the run-copying path), control characters included.
        #[test]
        fn ascii_collapse_space_is_split_whitespace_joined(t in "[ a-c\t\n\u{b}\u{c}\r\u{1f}\u{0}.]{0,60}") {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse_space(&t), want);
        }
    }

    #[test]
    fn excerpt_keeps_short_segments_whole_and_cuts_long_ones_around_the_span() {
        let text = "  Net   loss\nwidened. ";
        assert_eq!(excerpt(text, (0, text.len()), (2, 5)), "Net loss widened.");
        let long = format!("{}impairment{}", "word ".repeat(100), " more".repeat(100));
        let at = long.find("impairment").unwrap_or(0);
        let e = excerpt(&long, (0, long.len()), (at, at + 10));
        assert!(
            e.starts_with('…') && e.ends_with('…') && e.contains("impairment"),
            "{e}"
        );
        assert!(e.chars().count() <= EXCERPT_CHARS + 2);
    }
}
