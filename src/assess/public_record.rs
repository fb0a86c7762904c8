//! The public record of a batch: a communication that only repeats figures an earlier public
//! document of the same issuer stated is no selective disclosure.
//!
//! Reg FD concerns material *nonpublic* information (Rule 100(a)); information the issuer has
//! put out through a recognized public channel (Reg FD Policy II.C: a press release over a
//! newswire, a Form 8-K) is public (Insider Trading Policy IV.C). A CFO's social-media post of
//! the quarter's results the morning after the release, or a one-on-one that walks through the
//! published figures, discloses nothing new. Words cannot show that two documents tell the same
//! news; figures can. A communication is a repeat of a public document when each of its
//! material MNPI findings has figures in its sentence, all of them (at least
//! `public_record_min_figures` in all) appear in that one public document, and that document
//! was disclosed before it, no more than `public_record_days` days earlier
//! (`dictionaries/regfd/cues.toml`).
//!
//! A document's time is its `disclosed_at`, else the date in its file name
//! ("2026-07-17_cfo-linkedin-post.txt", "AA_2007-01-19_115821_8-K.txt"). Two exact times
//! compare as instants (the public document at or before the communication); where either is
//! only a day, the public document's day must be the same or earlier. Which of a release and a
//! post of the same day came first cannot be told, but either way the figures were public
//! within the day: a repeat after the release, or an unintentional disclosure the release made
//! public well inside the 24 hours of prompt public disclosure (Rule 100(a)(2); Reg FD Policy
//! I.B). The settled findings say so and ask the reviewer to confirm the order where the
//! communication was planned: an intentional disclosure must be public at the same time or
//! before (Policy I.B).
//!
//! Figures are compared by value, not by spelling: "$4.35B", "$4.35 billion" and "$4,350
//! million" are one amount, "12.2%" and "12.2 percent" one percentage. Years ("2025"), day
//! numbers after a month ("Feb 5"), numbers inside words ("Q2", "3nm") and whole numbers
//! below 10 written without a unit are not figures.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use regex::Regex;

use super::tie_out::parse_figure;
use crate::detect::lexicon::own_name_word;

/// A figure as compared: "p" for a percentage or "a" for an amount, then its value in
/// millionths ([`parse_figure`]'s scale) times its unit ("a4350000000000000" for "$4.35B").
pub type FigureKey = String;

/// A number with an optional currency sign before it and an optional unit after it.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a literal pattern, checked by the tests
    Regex::new(
        r"(?i)([$€£¥]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(%|percent\b|per\s+cent\b|thousand\b|million\b|billion\b|trillion\b|mn\b|bn\b|k\b|m\b|b\b))?",
    )
    .expect("figure pattern")
});

/// Month names and abbreviations, lower case: a whole number right after one is a day.
const MONTHS: &str = "jan feb mar apr may jun jul aug sep sept oct nov dec january february march \
                      april june july august september october november december";

/// The figures of `text`, as [`FigureKey`]s, deduplicated, in text order.
#[must_use]
pub fn figures(text: &str) -> Vec<FigureKey> {
    let mut out: Vec<FigureKey> = Vec::new();
    for c in FIGURE.captures_iter(text) {
        let (Some(whole), Some(int)) = (c.get(0), c.get(2)) else {
            continue;
        };
        // Not inside a word or a longer number: "Q2", "3nm" (its unit would be letters),
        // "COVID-19", "10-K"; the second end of a range ("$5.8-6.0B") is a figure.
        let before = text.get(..whole.start()).unwrap_or("");
        let mut back = before.chars().rev();
        let hyphenated = |ch: Option<char>| ch.is_some_and(char::is_alphabetic);
        if match back.next() {
            Some(ch) if ch.is_alphanumeric() || ch == '.' => true,
            Some('-') => hyphenated(back.next()),
            _ => false,
        } {
            continue;
        }
        let after = text.get(whole.end()..).unwrap_or("");
        let mut ahead = after.chars();
        if match ahead.next() {
            Some(ch) if ch.is_alphanumeric() => true,
            Some('-') => hyphenated(ahead.next()),
            _ => false,
        } {
            continue;
        }
        let currency = c.get(1).is_some();
        let decimals = c.get(3).map_or("", |m| m.as_str());
        let unit = c.get(4).map(|m| m.as_str().to_ascii_lowercase());
        let Some(figure) = parse_figure(&format!("{}{decimals}", int.as_str())) else {
            continue;
        };
        let plain = !currency && decimals.is_empty() && unit.is_none();
        if plain {
            // A year, a day of a month, a small count.
            if (1900..=2100).contains(&(figure.scaled / 1_000_000)) && !int.as_str().contains(',') {
                continue;
            }
            let previous = before
                .trim_end()
                .trim_end_matches('.')
                .rsplit(|ch: char| !ch.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if MONTHS.split_whitespace().any(|m| m == previous) || figure.scaled < 10_000_000 {
                continue;
            }
        }
        // "%", "percent", "per cent".
        let percent = unit
            .as_deref()
            .is_some_and(|u| u == "%" || u.starts_with("per"));
        let scale: i128 = match unit.as_deref() {
            Some("thousand" | "k") => 1_000,
            Some("million" | "mn" | "m") => 1_000_000,
            Some("billion" | "bn" | "b") => 1_000_000_000,
            Some("trillion") => 1_000_000_000_000,
            _ => 1,
        };
        let Some(value) = figure.scaled.checked_mul(scale) else {
            continue;
        };
        let key = format!("{}{value}", if percent { 'p' } else { 'a' });
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// When a document went out: an exact instant (`disclosed_at`), or only the day of a date in
/// its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `disclosed_at`.
    Exact(DateTime<FixedOffset>),
    /// A `YYYY-MM-DD` date in the file name.
    Day(NaiveDate),
}

impl When {
    /// The time of the document at `path` (`file.csv#id` for a post) with `disclosed_at`:
    /// that instant, else the first `YYYY-MM-DD` date in the file name; `None` without either.
    #[must_use]
    pub fn of(path: &str, disclosed_at: Option<DateTime<FixedOffset>>) -> Option<Self> {
        if let Some(at) = disclosed_at {
            return Some(Self::Exact(at));
        }
        let file = path.split('#').next().unwrap_or(path);
        let name = file.rsplit('/').next().unwrap_or(file);
        let b = name.as_bytes();
        (0..b.len().saturating_sub(9)).find_map(|i| {
            let bounded = i == 0 || !b[i - 1].is_ascii_digit();
            let after = b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
            (bounded && after)
                .then(|| NaiveDate::parse_from_str(name.get(i..i + 10)?, "%Y-%m-%d").ok())
                .flatten()
                .map(Self::Day)
        })
    }

    /// Whether the two times are of one day and at least one of them is only a day: the
    /// order of the two documents cannot be told.
    #[must_use]
    pub fn same_day_unordered(self, other: Self) -> bool {
        !matches!((self, other), (Self::Exact(_), Self::Exact(_))) && self.day() == other.day()
    }

    fn day(self) -> NaiveDate {
        match self {
            Self::Exact(at) => at.date_naive(),
            Self::Day(d) => d,
        }
    }

    /// Whether a document of time `self` went out before one of time `later`, by at most
    /// `days` days: instants at or before; otherwise the same or an earlier day (see the
    /// module documentation for why a day-only date of the same day counts).
    #[must_use]
    pub fn precedes(self, later: Self, days: i64) -> bool {
        let ordered = match (self, later) {
            (Self::Exact(a), Self::Exact(b)) => a <= b,
            _ => self.day() <= later.day(),
        };
        ordered && (later.day() - self.day()).num_days() <= days
    }

    /// As written in a finding's context: RFC 3339, or the date.
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::Exact(at) => at.to_rfc3339(),
            Self::Day(d) => format!("{d} (the date in its file name)"),
        }
    }
}

/// A document disclosed through a public channel, as the record holds it.
#[derive(Debug, Clone)]
pub struct PublicDocument {
    /// Its address (`file.csv#id` for a post).
    pub path: String,
    /// Who issued it: see [`same_issuer`].
    pub issuer: Issuer,
    /// When it was disclosed.
    pub when: When,
    /// Its figures.
    pub figures: HashSet<FigureKey>,
}

/// What tells two documents' issuers apart: the company's own name word (the first word of
/// the `company` metadata after a leading "The", lower case), else the folder the file is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// First word of `company`, lower case, where known.
    pub company: Option<String>,
    /// The path up to its last `/` (empty for a file at the top of the run).
    pub folder: String,
}

impl Issuer {
    /// The issuer of the document at `path` with `company` metadata.
    #[must_use]
    pub fn new(path: &str, company: Option<&str>) -> Self {
        let file = path.split('#').next().unwrap_or(path);
        Self {
            company: company.and_then(own_name_word).map(str::to_lowercase),
            folder: file.rsplit_once('/').map_or("", |x| x.0).to_owned(),
        }
    }
}

/// Whether two documents come from the same issuer: their companies' name words agree where
/// both have one; else they are in the same folder (an archive kept per
/// issuer).
#[must_use]
pub fn same_issuer(a: &Issuer, b: &Issuer) -> bool {
    match (&a.company, &b.company) {
        (Some(x), Some(y)) => x == y,
        _ => a.folder == b.folder,
    }
}

/// The public documents of a batch and the parameters of the repeat test.
#[derive(Debug, Clone, Default)]
pub struct PublicRecord {
    documents: Vec<PublicDocument>,
    days: i64,
    min_figures: usize,
}

impl PublicRecord {
    /// A record of `documents`, with `days` (`public_record_days`) and `min_figures`
    /// (`public_record_min_figures`, at least 1) from `dictionaries/regfd/cues.toml`.
    #[must_use]
    pub fn new(documents: Vec<PublicDocument>, days: u32, min_figures: usize) -> Self {
        Self {
            documents,
            days: i64::from(days),
            min_figures: min_figures.max(1),
        }
    }

    /// The earliest public document of `issuer`, other than `path`, that went out before
    /// `at` (see [`When::precedes`]) by at most the record's days and holds every figure of
    /// `needed` (the figures of each material finding's sentence); `None` where `needed` is
    /// empty, holds an empty list, or has fewer distinct figures than the record's minimum.
    #[must_use]
    pub fn covering(
        &self,
        path: &str,
        issuer: &Issuer,
        at: When,
        needed: &[Vec<FigureKey>],
    ) -> Option<&PublicDocument> {
        if needed.is_empty() || needed.iter().any(Vec::is_empty) {
            return None;
        }
        let all: HashSet<&FigureKey> = needed.iter().flatten().collect();
        if all.len() < self.min_figures {
            return None;
        }
        self.documents
            .iter()
            .filter(|p| {
                p.path != path
                    && same_issuer(&p.issuer, issuer)
                    && p.when.precedes(at, self.days)
                    && all.iter().all(|f| p.figures.contains(*f))
            })
            .min_by_key(|p| p.when.day())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> When {
        When::Exact(DateTime::parse_from_rfc3339(s).unwrap())
    }

    #[test]
    fn figures_compare_by_value_and_skip_years_days_and_labels() {
        assert_eq!(
            figures("Adjusted EBITDA of $4.35B and free cash flow of $3.12 per share"),
            figures("Adjusted EBITDA of $4,350 million; free cash flow of $3.12")
        );
        assert_eq!(
            figures("margin of 12.2%"),
            figures("margin of 12.2 percent")
        );
        assert_eq!(
            figures("6.2M passings, 422K adds"),
            figures("6.2 million passings and 422,000 adds")
        );
        assert_ne!(figures("up 12.2%"), figures("$12.2 million"));
        // Years, days of a month, quarter and product labels, small counts: none.
        assert!(figures("Q2 2026, posted on July 17 after 3 calls about the 3nm lots").is_empty());
        assert!(figures("Record 2025 for Lumaray, Feb. 5").is_empty());
        // A count of ten or more is a figure; so is a small number with a unit.
        assert_eq!(figures("422 stores and 3% growth").len(), 2);
        // Hyphenated labels are not figures; both ends of a range are.
        assert!(figures("the COVID-19 charge in our Form 10-K").is_empty());
        // (A range's first end takes no unit from its second: "$5.8-6.0B" is 5.8 and 6.0
        // billion, so a release that spells it "$5.8 billion to $6.0 billion" is no match, and
        // the communication stays a selective disclosure.)
        assert_eq!(
            figures("a range of $5.8-6.0B"),
            ["a5800000", "a6000000000000000"]
        );
    }

    #[test]
    fn a_repeat_needs_every_figure_in_one_earlier_public_document_of_the_issuer() {
        let issuer = Issuer::new("lumaray/x-post.txt", None);
        let release = PublicDocument {
            path: "lumaray/q4-release.html".into(),
            issuer: Issuer::new("lumaray/q4-release.html", None),
            when: at("2026-02-05T07:00:00-05:00"),
            figures: figures("Adjusted EBITDA of $4.35 billion; free cash flow of $3.12 per share")
                .into_iter()
                .collect(),
        };
        let record = PublicRecord::new(vec![release], 120, 2);
        let post = figures(
            "Record 2025: Adjusted EBITDA of $4.35B and free cash flow of $3.12 per share.",
        );
        let when = at("2026-02-05T09:00:00-05:00");
        let covered = |at: When, needed: &[Vec<FigureKey>]| {
            record
                .covering("lumaray/x-post.txt", &issuer, at, needed)
                .is_some()
        };
        assert!(covered(when, std::slice::from_ref(&post)));
        // Before the release, a figure the release lacks, a finding without figures, a single
        // figure: no repeat.
        assert!(!covered(
            at("2026-02-04T09:00:00-05:00"),
            std::slice::from_ref(&post)
        ));
        let more = figures(
            "Adjusted EBITDA of $4.35B, free cash flow of $3.12 per share, 2026 capex of $1.9B",
        );
        assert!(!covered(when, &[more]));
        assert!(!covered(when, &[post.clone(), Vec::new()]));
        assert!(!covered(when, &[figures("EBITDA of $4.35B")]));
        // Another issuer's folder: no repeat.
        let other = Issuer::new("pelican/x-post.txt", None);
        assert!(
            record
                .covering(
                    "pelican/x-post.txt",
                    &other,
                    when,
                    std::slice::from_ref(&post)
                )
                .is_none()
        );
        // Named issuers must agree; the folder no longer matters.
        let named = Issuer::new("posts/x.txt", Some("Lumaray Communications, Inc."));
        let record = PublicRecord::new(
            vec![PublicDocument {
                path: "releases/q4.html".into(),
                issuer: Issuer::new("releases/q4.html", Some("Lumaray Communications")),
                when: at("2026-02-05T07:00:00-05:00"),
                figures: post.iter().cloned().collect(),
            }],
            120,
            2,
        );
        assert!(
            record
                .covering("posts/x.txt", &named, when, std::slice::from_ref(&post))
                .is_some()
        );
        // Dates from file names: the same or an earlier day.
        let day = |path: &str| When::of(path, None).unwrap();
        assert_eq!(
            day("pelican/2026-07-17_cfo-linkedin-post-53.txt"),
            When::Day(NaiveDate::from_ymd_opt(2026, 7, 17).unwrap())
        );
        assert_eq!(
            day("AA_2007-01-19_115821_8-K.txt#p1"),
            When::Day(NaiveDate::from_ymd_opt(2007, 1, 19).unwrap())
        );
        assert_eq!(When::of("2026-13-45_post.txt", None), None);
        assert!(day("2026-07-16_release.html").precedes(day("2026-07-17_post.txt"), 120));
        assert!(day("2026-07-17_release.html").precedes(day("2026-07-17_post.txt"), 120));
        assert!(day("2026-07-17_release.html").same_day_unordered(day("2026-07-17_post.txt")));
        assert!(!day("2026-07-18_release.html").precedes(day("2026-07-17_post.txt"), 120));
        assert!(day("2026-07-16_release.html").precedes(at("2026-07-16T18:00:00-04:00"), 120));
        assert!(!at("2026-07-17T07:00:00-04:00").precedes(day("2026-07-16_post.txt"), 120));
        assert!(
            !at("2026-07-16T07:00:00-04:00").same_day_unordered(at("2026-07-16T18:00:00-04:00"))
        );
        assert!(at("2026-07-16T07:00:00-04:00").precedes(at("2026-07-16T18:00:00-04:00"), 120));
        // More than `days` later: no longer counted.
        assert!(
            record
                .covering(
                    "posts/x.txt",
                    &named,
                    at("2026-07-05T09:00:00-04:00"),
                    &[post]
                )
                .is_none()
        );
    }
}
