//! Community publications: a club's, league's or society's newsletter names no issuer, so its
//! "treasurer resigned", "merge with the Thursday Seniors league" or "our annual dividend!" is
//! no company's material information (Insider Trading Policy IV.B lists the Company's
//! information and that of companies it deals with). The vocabulary is `community_nouns`,
//! `publication_nouns` and `corporate_designators` in `dictionaries/mnpi/_context.toml`.

use std::collections::HashSet;

use crate::dictionaries::MnpiContext;
use crate::document::Document;

/// Bytes at the start of a document searched for the publication's name: its title, masthead
/// or first line.
const OPENING_BYTES: usize = 400;

/// Tells community publications from company documents (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct CommunityPublications {
    community: HashSet<String>,
    publication: HashSet<String>,
    designators: HashSet<String>,
}

impl CommunityPublications {
    /// Takes the three word lists of `ctx` (lower-cased here). With no `community_nouns` or
    /// no `publication_nouns` the rule is off: [`Self::publisher`] always returns `None`.
    #[must_use]
    pub fn new(ctx: &MnpiContext) -> Self {
        let set = |v: &[String]| v.iter().map(|w| w.trim().to_lowercase()).collect();
        Self {
            community: set(&ctx.community_nouns),
            publication: set(&ctx.publication_nouns),
            designators: set(&ctx.corporate_designators),
        }
    }

    /// The community organization that publishes `doc` ("Harbor Rowing Club"), or `None`:
    /// when the document has a `company`, when its first 400 bytes do not hold
    /// both a capitalized community noun and a publication noun, or when its text names a
    /// company (a designator after a capitalized word, or a ticker).
    #[must_use]
    pub fn publisher<'a>(&self, doc: &'a Document) -> Option<&'a str> {
        if self.community.is_empty() || self.publication.is_empty() {
            return None;
        }
        if doc.metadata.company.is_some() {
            return None;
        }
        let text = doc.text.as_str();
        let mut end = OPENING_BYTES.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let opening = &text[..end];
        let words = word_spans(opening);
        let is_publication = words
            .iter()
            .any(|&(s, e)| self.publication.contains(&opening[s..e].to_lowercase()));
        if !is_publication {
            return None;
        }
        // A community noun, capitalized ("Harbor Rowing Club"), or after the capitalized name
        // with at most one word between ("the Kent County Wheelmen bicycle club").
        let spaced = |a: usize, b: usize| opening[words[a].1..words[b].0].chars().all(|c| c == ' ');
        let upper = |i: usize| starts_upper(&opening[words[i].0..words[i].1]);
        let named = words.iter().enumerate().find_map(|(i, &(s, e))| {
            let w = &opening[s..e];
            let after_name = (i >= 1 && spaced(i - 1, i) && upper(i - 1))
                || (i >= 2 && spaced(i - 2, i - 1) && spaced(i - 1, i) && upper(i - 2));
            ((starts_upper(w) || after_name) && self.community.contains(&w.to_lowercase()))
                .then_some(i)
        })?;
        if self.names_a_company(text) {
            return None;
        }
        // The organization's name: the capitalized run ending at the community noun (or at
        // the word before a lower-case noun and its modifier).
        let mut first = named;
        while first > 0 && !upper(first) {
            first -= 1;
        }
        while first > 0 {
            let (ps, pe) = words[first - 1];
            let between = &opening[pe..words[first].0];
            if !starts_upper(&opening[ps..pe]) || !between.chars().all(|c| c == ' ') {
                break;
            }
            first -= 1;
        }
        Some(&opening[words[first].0..words[named].1])
    }

    /// Whether `text` names a company: a designator word right after a capitalized word
    /// ("Stroke & Feather Apparel, Inc." counts, "a toy company" does not), or a ticker.
    fn names_a_company(&self, text: &str) -> bool {
        let words = word_spans(text);
        let designated = words.windows(2).any(|pair| {
            let (ps, pe) = pair[0];
            let (s, e) = pair[1];
            let gap = &text[pe..s];
            starts_upper(&text[ps..pe])
                && gap.len() <= 2
                && gap.chars().all(|c| c == ' ' || c == ',')
                && starts_upper(&text[s..e])
                && self.designators.contains(&text[s..e].to_lowercase())
        });
        designated || has_ticker(text)
    }
}

/// Byte spans of the runs of letters, digits, `&` and apostrophes in `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '&');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A stock ticker: "NYSE: ABC", "Nasdaq: ABCD" (an exchange name, a colon, capitals) or a
/// cashtag "$ABC" (a dollar sign before two to five capitals, not a figure).
fn has_ticker(text: &str) -> bool {
    let b = text.as_bytes();
    let capitals = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count()
    };
    for (i, &c) in b.iter().enumerate() {
        if c == b'$' && (2..=5).contains(&capitals(i + 1)) {
            let after = i + 1 + capitals(i + 1);
            if b.get(after).is_none_or(|n| !n.is_ascii_alphanumeric()) {
                return true;
            }
        }
        if c == b':' {
            let before = text[..i].trim_end();
            let exchange = [
                "NYSE",
                "Nasdaq",
                "NASDAQ",
                "NYSE American",
                "TSX",
                "LSE",
                "ASX",
            ]
            .iter()
            .any(|x| before.ends_with(x));
            let rest = text[i + 1..].trim_start();
            let offset = text.len() - rest.len();
            if exchange && capitals(offset) >= 1 {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, SourceFormat, SourcePos};

    fn doc(text: &str, company: Option<&str>) -> Document {
        let mut d = Document::new("n.md", SourceFormat::Markdown);
        for para in text.split("\n\n") {
            d.push_block(
                BlockKind::Paragraph,
                para,
                SourcePos {
                    line: 1,
                    column: 1,
                    page: None,
                },
                false,
                &[],
                false,
            );
        }
        d.metadata.company = company.map(str::to_owned);
        d
    }

    fn rule() -> CommunityPublications {
        let ctx = MnpiContext {
            community_nouns: vec!["club".into(), "league".into(), "society".into()],
            publication_nouns: vec!["newsletter".into(), "gazette".into()],
            corporate_designators: vec!["inc".into(), "corp".into()],
            ..MnpiContext::default()
        };
        CommunityPublications::new(&ctx)
    }

    #[test]
    fn a_club_newsletter_naming_no_company_is_the_clubs() {
        let r = rule();
        let d = doc(
            "THE STROKE SEAT — Harbor Rowing Club Spring Newsletter\n\nOur treasurer resigned.",
            None,
        );
        assert_eq!(r.publisher(&d), Some("Harbor Rowing Club"));
        let d = doc(
            "Newsletter of the Prairie Junction Model Railroad Society\n\nWe wrote off the pack.",
            None,
        );
        assert_eq!(
            r.publisher(&d),
            Some("Prairie Junction Model Railroad Society")
        );
        // A lower-case noun right after the name, or after one word more.
        let d = doc(
            "Monthly newsletter of the Kent County Wheelmen bicycle club — December\n\nHi.",
            None,
        );
        assert_eq!(r.publisher(&d), Some("Kent County Wheelmen bicycle club"));
    }

    #[test]
    fn a_company_a_ticker_or_no_masthead_keeps_the_findings() {
        let r = rule();
        // The document has a company.
        let club = "Harbor Rowing Club Spring Newsletter\n\nOur treasurer resigned.";
        assert_eq!(r.publisher(&doc(club, Some("Harbor Corp."))), None);
        // The text names a company or a ticker.
        for named in [
            "Harbor Rowing Club Newsletter\n\nAcme Widgets, Inc. will be acquired.",
            "Harbor Rowing Club Newsletter\n\nOur sponsor (NYSE: ACME) is selling itself.",
            "Harbor Rowing Club Newsletter\n\n$ACME is getting bought out.",
        ] {
            assert_eq!(r.publisher(&doc(named, None)), None, "{named}");
        }
        // A figure is no ticker; a lower-case "club" or no publication word is no masthead.
        assert!(
            r.publisher(&doc("Harbor Rowing Club Newsletter\n\nDues are $40.", None))
                .is_some()
        );
        assert_eq!(
            r.publisher(&doc("Notes from the book club newsletter\n\nHi.", None)),
            None
        );
        assert_eq!(r.publisher(&doc("Harbor Rowing Club\n\nHi.", None)), None);
    }
}
