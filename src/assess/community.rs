//! Documents that hold no issuer's information, though their words sound like MNPI:
//! - community publications: a club's, league's or society's newsletter names no issuer, so
//!   its "treasurer resigned", "merge with the Thursday Seniors league" or "our annual
//!   dividend!" is no company's material information ([`CommunityPublications`]);
//! - news about a private business: a local paper's story on a family-owned bakery's Chapter
//!   11, its debtor-in-possession loan and the letter of intent to buy it
//!   ([`PrivateBusinessNews`]).
//!
//! Insider Trading Policy IV.B lists the information of the Company and of the companies it
//! deals with; neither kind of document is about either. The vocabulary is
//! `community_nouns`, `publication_nouns`, `corporate_designators`, `exchanges`,
//! `private_business_cues` and `public_company_cues` in `dictionaries/mnpi/_context.toml`.

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
    exchanges: Vec<String>,
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
            exchanges: ctx.exchanges.clone(),
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
        designated || has_ticker(text, &self.exchanges)
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

/// A stock ticker: "NYSE: ABC", "Nasdaq: ABCD" (one of `exchanges`, a colon, capitals) or
/// a cashtag "$ABC" (a dollar sign before two to five capitals, not a figure).
fn has_ticker(text: &str, exchanges: &[String]) -> bool {
    let b = text.as_bytes();
    let capitals = |from: usize| {
        b.get(from..)
            .unwrap_or_default()
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
            // `i` is the index of an ASCII byte: both slices are on char boundaries.
            let before = text.get(..i).unwrap_or_default().trim_end();
            let exchange = exchanges.iter().any(|x| before.ends_with(x.as_str()));
            let rest = text.get(i + 1..).unwrap_or_default().trim_start();
            let offset = text.len() - rest.len();
            if exchange && capitals(offset) >= 1 {
                return true;
            }
        }
    }
    false
}

/// Bytes at the start of a document searched for a private-business cue: the headline and
/// the lede, where a story says who it is about.
const LEDE_BYTES: usize = 1_200;

/// Tells news and writing about a privately owned business from documents about an issuer.
///
/// The rule (`dictionaries/mnpi/_context.toml`, `private_business_cues`): a document without
/// a `company`, naming no ticker, whose first 1,200 bytes say that the business the story
/// opens on is privately owned is about that private business. The story's subject is the
/// first capitalized word of the opening that is neither a `not_party_names` word nor in
/// capitals (a dateline); the cue must come within six words of it ("Kettlewood Bakery Co.,
/// the family-owned wholesale bakery…"; "the family's company, Holmgaard Family Cheese Co.,
/// filed for Chapter 11"). A story that opens on an issuer and calls the issuer's target
/// privately held ("Kestrel Lanes … has held early discussions about acquiring Ten Pin
/// Social, the privately held operator…") is not one. The findings of such a document go to
/// severity info, except those in a sentence with a `public_company_cues` phrase
/// ("Brightloaf Baking Company, the Spokane-based public company…"), which may be about an
/// issuer.
#[derive(Debug, Clone, Default)]
pub struct PrivateBusinessNews {
    private: Vec<String>,
    public: Vec<String>,
    exchanges: Vec<String>,
    not_names: HashSet<String>,
}

/// Words between a story's subject and the cue that calls it privately owned, at most.
const CUE_WORDS: usize = 6;

impl PrivateBusinessNews {
    /// Takes `private_business_cues`, `public_company_cues`, `not_party_names` and
    /// `exchanges` of `ctx` (lower-cased here, but for the exchange names). With no
    /// `private_business_cues` the rule is off: [`Self::private_cue`] always returns `None`.
    #[must_use]
    pub fn new(ctx: &MnpiContext) -> Self {
        let list = |v: &[String]| {
            v.iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        };
        Self {
            private: list(&ctx.private_business_cues),
            public: list(&ctx.public_company_cues),
            exchanges: ctx.exchanges.clone(),
            not_names: ctx
                .not_party_names
                .iter()
                .map(|w| w.trim().to_lowercase())
                .collect(),
        }
    }

    /// The private-business cue that makes `doc` news about a private business ("family-owned"),
    /// or `None`: when the document has a `company`, when its first 1,200 bytes hold no cue
    /// (whole words, case-insensitive) within six words of the story's subject, or when its
    /// text names a ticker.
    #[must_use]
    pub fn private_cue(&self, doc: &Document) -> Option<&str> {
        if self.private.is_empty() || doc.metadata.company.is_some() {
            return None;
        }
        let text = doc.text.as_str();
        let mut end = LEDE_BYTES.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let lede = text.get(..end)?;
        let subject = self.subject(lede)?;
        let lower = lede.to_lowercase();
        let words = word_spans(&lower);
        let at_subject: Vec<usize> = words
            .iter()
            .enumerate()
            .filter(|&(_, &(s, e))| lower.get(s..e).map(possessive_stripped) == Some(&subject))
            .map(|(i, _)| i)
            .collect();
        let cue = self.private.iter().find(|c| {
            word_matches(&lower, c).any(|(s, e)| {
                // Word indices of the cue's first and last words.
                let first = words.partition_point(|w| w.1 <= s);
                let last = words.partition_point(|w| w.0 < e).saturating_sub(1);
                at_subject
                    .iter()
                    .any(|&i| i + CUE_WORDS >= first && i <= last + CUE_WORDS)
            })
        })?;
        if has_ticker(text, &self.exchanges) {
            return None;
        }
        Some(cue.as_str())
    }

    /// The story's subject, lower case without a possessive: the first capitalized word of
    /// `lede` that is not a `not_party_names` word and not in capitals ("DENVER").
    fn subject(&self, lede: &str) -> Option<String> {
        word_spans(lede).into_iter().find_map(|(s, e)| {
            let w = lede.get(s..e)?;
            let capitals = w.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !w.chars().any(char::is_lowercase);
            let lower = possessive_stripped(&w.to_lowercase()).to_owned();
            (starts_upper(w) && !capitals && !self.not_names.contains(&lower)).then_some(lower)
        })
    }

    /// Whether `sentence` speaks of a listed company (a `public_company_cues` phrase, whole
    /// words, case-insensitive, or a ticker): its findings keep their severity.
    #[must_use]
    pub fn names_public_company(&self, sentence: &str) -> bool {
        let lower = sentence.to_lowercase();
        self.public
            .iter()
            .any(|c| word_matches(&lower, c).next().is_some())
            || has_ticker(sentence, &self.exchanges)
    }
}

/// `word` without a trailing possessive `'s` or `’s`.
fn possessive_stripped(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// Byte spans of the occurrences of `phrase` in `text` (both lower case) with no letter or
/// digit right before or after them.
fn word_matches<'a>(text: &'a str, phrase: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).filter_map(move |(i, m)| {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(i + m.len()..).and_then(|t| t.chars().next());
        (!word(before) && !word(after)).then_some((i, i + m.len()))
    })
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
            exchanges: vec!["NYSE".into(), "Nasdaq".into()],
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

    fn private_rule() -> PrivateBusinessNews {
        let ctx = MnpiContext {
            private_business_cues: vec![
                "family-owned".into(),
                "family's company".into(),
                "privately held".into(),
            ],
            public_company_cues: vec!["public company".into(), "shareholders".into()],
            exchanges: vec!["NYSE".into(), "Nasdaq".into()],
            not_party_names: ["a", "after", "on", "nov", "the"]
                .map(String::from)
                .to_vec(),
            ..MnpiContext::default()
        };
        PrivateBusinessNews::new(&ctx)
    }

    #[test]
    fn news_about_a_family_owned_business_is_about_a_private_business() {
        let r = private_rule();
        let story = "After 104 years, Kettlewood Bakery files for Chapter 11\n\n\
                     Kettlewood Bakery Co., the Family-Owned wholesale bakery, filed Monday.";
        assert_eq!(r.private_cue(&doc(story, None)), Some("family-owned"));
        let story = "A cheesemaker runs out of road\n\nOn Nov. 13 the family's company, \
                     Holmgaard Family Cheese Co., filed for Chapter 11 protection.";
        assert_eq!(r.private_cue(&doc(story, None)), Some("family's company"));
    }

    #[test]
    fn a_company_a_ticker_a_late_cue_or_a_longer_word_keeps_the_findings() {
        let r = private_rule();
        let story = "Kettlewood Bakery, the family-owned bakery, files for Chapter 11.";
        assert_eq!(
            r.private_cue(&doc(story, Some("Kettlewood Bakery Co."))),
            None
        );
        // A listed company named anywhere: the story may be about it.
        let listed = format!("{story}\n\nBrightloaf (Nasdaq: BRLF) may bid.");
        assert_eq!(r.private_cue(&doc(&listed, None)), None);
        // The cue only after the lede: a story about someone else that mentions one.
        let late = format!(
            "{}\n\nA family-owned rival closed.",
            "Acme cut its outlook. ".repeat(80)
        );
        assert_eq!(r.private_cue(&doc(&late, None)), None);
        // The cue calls someone other than the story's subject privately held.
        let issuer = "Kestrel Lanes said to weigh bid for Ten Pin Social\n\nKestrel Lanes \
                      Entertainment Inc. has held early discussions about acquiring Ten Pin \
                      Social, the privately held operator of 26 lounges.";
        assert_eq!(r.private_cue(&doc(issuer, None)), None);
        // A dateline in capitals is not the subject.
        let dateline = "SPOKANE — Kettlewood Bakery Co., the family-owned bakery, filed.";
        assert_eq!(r.private_cue(&doc(dateline, None)), Some("family-owned"));
        // Whole words only.
        let word = "Bakery news\n\nThe nonfamily-owned chain filed for Chapter 11.";
        assert_eq!(r.private_cue(&doc(word, None)), None);
    }

    #[test]
    fn a_sentence_about_a_listed_company_is_told_apart() {
        let r = private_rule();
        assert!(r.names_public_company(
            "Brightloaf Baking Company, the Spokane-based Public Company, said in September…"
        ));
        assert!(r.names_public_company("Acme (NYSE: ACME) is said to be circling."));
        assert!(!r.names_public_company("The company lost its biggest customer in 2027."));
        assert!(!r.names_public_company("a republic companyless phrase"));
    }
}
