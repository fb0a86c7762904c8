//! The compiled MNPI lexicon: every category's terms, anchors and context cues in one
//! automaton (one pass over the text); third parties and self-references in a second one that
//! runs only on sentences holding a candidate of a category that needs them.

use regex::{Regex, RegexBuilder};

use std::sync::Arc;

use super::matcher::{Hit, TermMatcher, words_at_most};
use super::{Finding, collapse_space, excerpt};
use crate::dictionaries::{Dictionaries, MnpiCategory, Scope, Severity, WeakRule};
use crate::document::{BlockKind, Document, Location};
use crate::error::{Error, Result};
use crate::segment::{Segment, SegmentKind};

/// What a pattern of the main automaton means for a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermRole {
    /// Flags alone.
    Strong { cat: usize },
    /// Flags with an anchor of weak rule `rule`.
    Weak { cat: usize, rule: usize },
    /// Vetoes the category's terms it overlaps.
    Exclude { cat: usize },
    /// Vetoes the category in its whole sentence.
    SentenceExclude { cat: usize },
    /// Vetoes the category's terms after it within the negation window, as a negation cue
    /// does ("repaid $15 million of the term loan").
    Counter { cat: usize },
}

/// What a pattern of the lexicon's automaton is: a category's term, an anchor of a weak
/// rule, or a context cue. One text may be several (a cue word that is also a term).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Term(TermRole),
    /// Anchor of weak rule `rule` of category `cat`.
    Anchor {
        cat: usize,
        rule: usize,
    },
    Cue(Cue),
}

/// Marks the `rule` of a [`Tag::Anchor`] that is one of the rule's `require` anchors, not one
/// of its `anchors`: a rule index never reaches it (the dictionaries are checked).
const REQUIRED: usize = 1 << 15;

/// Bytes per word (with its space) beyond which a gap is not counted word by word: "within N
/// words" windows treat a gap longer than `N × 40` bytes as out of the window (no English
/// word, and no figure, is that long).
const MAX_WORD_BYTES: usize = 40;

/// Characters that end a clause inside a sentence: a negation cue before one of them does
/// not reach a term after it, and a clause's named parties and self-references stop there.
const CLAUSE_BREAKS: [char; 6] = [';', ':', '\u{2026}', '\u{2014}', '?', '!'];

/// Words between a category's term and a `change_cues` word for the word to count as a
/// change of what the term names (dictionaries/README.md, `steady_cues`).
const CHANGE_WINDOW: usize = 10;

/// Words between a pointer to the public record ("as disclosed in our Form 10-Q") and a
/// category's first term for the pointer to make the finding a restatement
/// (`public_records`, dictionaries/README.md).
const RESTATED_WINDOW: usize = 24;

/// Text matched per piece by [`MnpiLexicon::detect`], bytes: its hits (about one per 15
/// bytes of financial text, 24 bytes each) stay within the L2 cache of a core.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// What kinds of [`Tag`] a pattern carries, as bits: the per-sentence rules filter hits
/// with one load instead of scanning tag lists.
mod kind {
    pub const TERM: u32 = 1;
    pub const EXCLUDE: u32 = 1 << 1;
    pub const ANCHOR: u32 = 1 << 2;
    pub const NEGATION: u32 = 1 << 3;
    pub const HYPOTHETICAL: u32 = 1 << 4;
    pub const ALREADY_PUBLIC: u32 = 1 << 5;
    pub const SIGNAL: u32 = 1 << 6;
    pub const NOT_NEGATION: u32 = 1 << 7;
    pub const SENTENCE_EXCLUDE: u32 = 1 << 8;
    pub const COUNTER: u32 = 1 << 9;
    pub const NOT_PUBLIC: u32 = 1 << 10;
    pub const PUBLIC_RECORD: u32 = 1 << 11;
    pub const RISK_CONDITION: u32 = 1 << 12;
    pub const RISK_CONSEQUENCE: u32 = 1 << 13;
    pub const POLICY_TALK: u32 = 1 << 14;
    pub const SECRECY: u32 = 1 << 15;
    pub const MEASURE_DEFINITION: u32 = 1 << 16;
    pub const DRAFTING: u32 = 1 << 17;
    pub const QUESTION: u32 = 1 << 18;
    pub const REFUSAL: u32 = 1 << 19;
    pub const SCHEDULING: u32 = 1 << 20;
    pub const RESTATED_FILING: u32 = 1 << 21;
}

/// Cross-category context cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Negation,
    /// A phrase whose negation word does not negate ("surprised if we don't").
    NotNegation,
    Hypothetical,
    AlreadyPublic,
    Signal,
    /// The writer says the news is not public yet (`not_public_cues`).
    NotPublic,
    /// A public record: a filing or release (`public_records`).
    PublicRecord,
    /// A risk-factor condition (`risk_conditions`).
    RiskCondition,
    /// A risk-factor consequence (`risk_consequences`).
    RiskConsequence,
    /// Talk about the policy's subjects (`policy_talk`).
    PolicyTalk,
    /// The writer marks the news as secret (`secrecy_cues`): starts the topic rule.
    Secrecy,
    /// The sentence defines or explains a financial measure (`measure_definitions`).
    MeasureDefinition,
    /// A drafting word of legal instruments (`legal_drafting`).
    Drafting,
    /// Someone asks about a subject (`question_cues`).
    Question,
    /// The Company declines to answer (`refusal_cues`).
    Refusal,
    /// A notice of when news comes out (any category's `scheduling_cues`): tells which
    /// sentences need the per-category matcher for [`StateCue::Scheduling`].
    Scheduling,
    /// The filing re-presents reports already filed (`restated_filing_cues`).
    RestatedFiling,
}

/// A per-category cue of the state of the category's event, matched in a sentence where the
/// category has a finding (`steady_cues`, `change_cues`, `scheduling_cues` of
/// `mnpi/<category>.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StateCue {
    /// The event continues unchanged ("regular quarterly", "unchanged").
    Steady,
    /// A change, which keeps the finding ("increase", "suspend").
    Change,
    /// A notice of when the news comes out ("will host a conference call").
    Scheduling,
}

/// A word of `third_parties` or `self_references` (`_context.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Party {
    /// A third party's role ("supplier", "customer").
    ThirdParty,
    /// The company speaking of itself ("we", "the company").
    SelfReference,
}

/// The MNPI lexicon compiled from `dictionaries/mnpi/*.toml`.
#[derive(Debug, Clone)]
pub struct MnpiLexicon {
    categories: Vec<MnpiCategory>,
    /// Terms, anchors and cues of every category in one automaton: one pass over the text.
    matcher: TermMatcher<Tag>,
    /// Third parties and self-references, matched only in sentences that need them.
    parties: TermMatcher<Party>,
    /// `steady_cues`, `change_cues` and `scheduling_cues` of every category, tagged
    /// (category, which list): matched only in sentences with a finding of a category that
    /// has steady or scheduling cues.
    steady: TermMatcher<(usize, StateCue)>,
    /// `risk_modals`, lower case.
    risk_modals: std::collections::HashSet<String>,
    /// `stated_fact_words`, lower case.
    stated_fact_words: std::collections::HashSet<String>,
    /// `teaching_titles`, matched only in the title of a document with findings.
    teaching: TermMatcher<()>,
    /// `history_titles`, matched only in the title of a document with findings.
    history: TermMatcher<()>,
    /// `title_labels`, lower case: header labels of a title line ("subject", "topic").
    title_labels: std::collections::HashSet<String>,
    /// `title_lines`: lines at the top of a document searched for its title.
    title_lines: usize,
    /// Categories (bit `cat`) with `steady_cues`.
    steady_cats: u32,
    /// Categories (bit `cat`) with `scheduling_cues`: `steady` runs on their sentences only
    /// when the main pass found a scheduling phrase there ([`kind::SCHEDULING`]).
    scheduling_cats: u32,
    /// [`kind`] bits of each pattern of `matcher`.
    kinds: Vec<u32>,
    /// Per pattern: the categories (bit `cat`) whose exclusions it is.
    excludes: Vec<u32>,
    /// Per pattern: the categories (bit `cat`) it vetoes in its whole sentence.
    sentence_excludes: Vec<u32>,
    /// Per pattern: the categories (bit `cat`) it is a counter-cue of (`counter_cues`).
    counters: Vec<u32>,
    /// Per pattern: the weak rules it anchors, as sorted `cat << 16 | rule` keys.
    anchors: Vec<Vec<u32>>,
    /// Per pattern: the categories (bit `cat`) of the weak rules it anchors — one load that
    /// rules out most hits before the search in `anchors`.
    anchor_cats: Vec<u32>,
    /// Whether a weak rule has `scope = "passage"` (the sentences around a segment are then
    /// gathered for it).
    has_passage: bool,
    /// Per pattern: the categories (bit `cat`) it is a topic word of (`topic_min_words` in
    /// `_context.toml`): one of the category's terms or anchors, shared by at most
    /// `topic_max_categories` categories, not made only of `topic_stop_words`.
    topic_cats: Vec<u32>,
    /// `topic_min_words` (0: the topic rule is off), `topic_margin` and `topic_window`.
    topic_rule: (usize, usize, usize),
    signal_patterns: Option<Regex>,
    /// [`MnpiContext`](crate::dictionaries::MnpiContext) `dated_disclosures`, as one alternation (`None`: off).
    dated_disclosures: Option<Regex>,
    /// Lower-cased [`MnpiContext`](crate::dictionaries::MnpiContext) `dated_disclosure_future` words.
    dated_disclosure_future: std::collections::HashSet<String>,
    /// Lower-cased [`MnpiContext`](crate::dictionaries::MnpiContext) `public_news_cues`.
    public_news_cues: std::collections::HashSet<String>,
    /// [`MnpiContext`](crate::dictionaries::MnpiContext) `public_news_reports`, as one alternation (`None`: off).
    public_news_reports: Option<Regex>,
    /// Lower-cased [`MnpiContext`](crate::dictionaries::MnpiContext) `third_person_words`.
    third_person_words: std::collections::HashSet<String>,
    /// Lower-cased [`MnpiContext`](crate::dictionaries::MnpiContext) `first_person_words`.
    first_person_words: std::collections::HashSet<String>,
    /// [`MnpiContext`](crate::dictionaries::MnpiContext) `historical_years` (0: off).
    historical_years: i32,
    /// [`MnpiContext`](crate::dictionaries::MnpiContext) `undated_historical_years`.
    undated_historical_years: i32,
    negation_window: usize,
    third_party_window: usize,
    /// Lower-cased words that never make a capitalized run a named third party
    /// ([`MnpiContext`](crate::dictionaries::MnpiContext) `not_party_names`: rating agencies, courts, calendar words).
    not_party_names: std::collections::HashSet<String>,
    /// Lower-cased organization nouns ([`MnpiContext`](crate::dictionaries::MnpiContext) `party_nouns`: "chain", "firm").
    party_nouns: std::collections::HashSet<String>,
    /// Lower-cased determiners opening an outsider's noun phrase ([`MnpiContext`](crate::dictionaries::MnpiContext)
    /// `party_determiners`: "a", "another", "my").
    party_determiners: std::collections::HashSet<String>,
    /// Lower-cased verbs of an adviser at work on the Company's matter ([`MnpiContext`](crate::dictionaries::MnpiContext)
    /// `adviser_verbs`: "drafting", "preparing").
    adviser_verbs: std::collections::HashSet<String>,
    /// The legal-instrument rule ([`MnpiContext`](crate::dictionaries::MnpiContext)
    /// `legal_drafting`), `None` when off: see [`MnpiLexicon::settle_legal_instruments`].
    legal: Option<LegalRule>,
    /// Lower-cased [`MnpiContext`](crate::dictionaries::MnpiContext) `refusal_contrasts`
    /// words.
    refusal_contrasts: Vec<String>,
    texts: Vec<CategoryText>,
}

/// The legal-instrument rule's parameters ([`MnpiContext`](crate::dictionaries::MnpiContext)
/// `legal_window`, `legal_min_marked`, `legal_min_words`); its drafting words
/// (`legal_drafting`) are cues of the main matcher ([`kind::DRAFTING`]).
#[derive(Debug, Clone, Copy)]
struct LegalRule {
    /// Sentences in the sliding run.
    window: usize,
    /// Sentences of the run that must hold a drafting word.
    min_marked: usize,
    /// Fewest words of a sentence that counts in the run.
    min_words: usize,
}

/// A term occurrence that survived its category's rules, before grouping.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    cat: usize,
    hit: Hit,
    /// For a weak term: its rule and the anchor that licensed it.
    anchor: Option<(usize, Hit)>,
    /// Still in the running (not negated, not inside a longer match of its category).
    live: bool,
}

/// The hits of the sentences around a segment, for weak rules with `scope = "passage"`:
/// each neighbour's hits (sorted by start) and the byte offset one past its segment's end.
#[derive(Debug, Clone, Copy, Default)]
struct Neighbours<'a> {
    /// The sentence just before, if it is a neighbour ([`neighbours`]).
    before: Option<(&'a [Hit], usize)>,
    /// The sentence just after, if it is a neighbour.
    after: Option<(&'a [Hit], usize)>,
    /// The document's first `not_public_cues` phrase, if any: its sentence-scope weak rules
    /// then read as passage rules.
    not_public: Option<Hit>,
    /// For a sentence asking about something (`question_cues`): the Company's refusal to
    /// answer (`refusal_cues`) in the next sentence of the passage, with no contrast after it
    /// (`refusal_contrasts`).
    refused: Option<Hit>,
}

impl Neighbours<'_> {
    /// Whether weak rule `w` looks for its anchors in the sentences around its term.
    fn passage(&self, w: &WeakRule) -> bool {
        w.scope == Scope::Passage || (w.scope == Scope::Sentence && self.not_public.is_some())
    }
}

/// Whether segment `b`, right after segment `a`, is in the same passage (`scope =
/// "passage"`): two sentences of one paragraph, list item or speaker turn, or the last of one
/// block and the first of the next (the previous or next chat message) when both blocks are
/// running text. Headings, table rows, page furniture, footnotes and comments are nobody's
/// neighbours.
fn neighbours(doc: &Document, a: &Segment, b: &Segment) -> bool {
    let prose = |s: &Segment| {
        s.kind == SegmentKind::Sentence
            && doc.blocks.get(s.block).is_some_and(|bl| {
                matches!(
                    bl.kind,
                    BlockKind::Paragraph | BlockKind::ListItem | BlockKind::SpeakerTurn { .. }
                )
            })
    };
    b.block <= a.block + 1 && prose(a) && prose(b)
}

/// Per-category text computed once: the rule id, the first sentence of `why`, and the
/// texts every finding of the category shares (one pointer clone per finding, no copy).
#[derive(Debug, Clone)]
struct CategoryText {
    rule: Arc<str>,
    category: Arc<str>,
    policy: Arc<str>,
    check: Arc<str>,
    why_first: String,
}

impl MnpiLexicon {
    /// Compiles the lexicon.
    ///
    /// # Errors
    /// [`Error::Dictionary`] for an empty or over-long term (more than 64 tokens), a bad
    /// signal regex, or more than 32 categories.
    pub fn new(dicts: &Dictionaries) -> Result<Self> {
        let mut terms: Vec<(&str, Tag)> = Vec::new();
        for (ci, c) in dicts.mnpi.iter().enumerate() {
            terms.extend(
                c.strong
                    .iter()
                    .map(|t| (t.as_str(), Tag::Term(TermRole::Strong { cat: ci }))),
            );
            for (ri, w) in c.weak.iter().enumerate() {
                terms.extend(
                    w.terms
                        .iter()
                        .map(|t| (t.as_str(), Tag::Term(TermRole::Weak { cat: ci, rule: ri }))),
                );
                terms.extend(
                    w.anchors
                        .iter()
                        .map(|a| (a.as_str(), Tag::Anchor { cat: ci, rule: ri })),
                );
                terms.extend(w.require.iter().map(|a| {
                    (
                        a.as_str(),
                        Tag::Anchor {
                            cat: ci,
                            rule: ri | REQUIRED,
                        },
                    )
                }));
            }
            terms.extend(
                c.exclude
                    .iter()
                    .map(|t| (t.as_str(), Tag::Term(TermRole::Exclude { cat: ci }))),
            );
            terms.extend(
                c.sentence_exclude
                    .iter()
                    .map(|t| (t.as_str(), Tag::Term(TermRole::SentenceExclude { cat: ci }))),
            );
            terms.extend(
                c.counter_cues
                    .iter()
                    .map(|t| (t.as_str(), Tag::Term(TermRole::Counter { cat: ci }))),
            );
        }
        let ctx = &dicts.mnpi_context;
        let cue_terms = ctx
            .negation
            .iter()
            .map(|t| (t.as_str(), Cue::Negation))
            .chain(
                ctx.negation_exceptions
                    .iter()
                    .map(|t| (t.as_str(), Cue::NotNegation)),
            )
            .chain(
                ctx.hypothetical
                    .iter()
                    .map(|t| (t.as_str(), Cue::Hypothetical)),
            )
            .chain(
                ctx.already_public
                    .iter()
                    .map(|t| (t.as_str(), Cue::AlreadyPublic)),
            )
            .chain(ctx.signal_words.iter().map(|t| (t.as_str(), Cue::Signal)))
            .chain(
                ctx.not_public_cues
                    .iter()
                    .map(|t| (t.as_str(), Cue::NotPublic)),
            )
            .chain(
                ctx.public_records
                    .iter()
                    .map(|t| (t.as_str(), Cue::PublicRecord)),
            )
            .chain(
                ctx.risk_conditions
                    .iter()
                    .map(|t| (t.as_str(), Cue::RiskCondition)),
            )
            .chain(
                ctx.risk_consequences
                    .iter()
                    .map(|t| (t.as_str(), Cue::RiskConsequence)),
            )
            .chain(
                ctx.policy_talk
                    .iter()
                    .map(|t| (t.as_str(), Cue::PolicyTalk)),
            )
            .chain(ctx.secrecy_cues.iter().map(|t| (t.as_str(), Cue::Secrecy)))
            .chain(
                ctx.measure_definitions
                    .iter()
                    .map(|t| (t.as_str(), Cue::MeasureDefinition)),
            )
            .chain(
                ctx.legal_drafting
                    .iter()
                    .map(|t| (t.as_str(), Cue::Drafting)),
            )
            .chain(
                ctx.question_cues
                    .iter()
                    .map(|t| (t.as_str(), Cue::Question)),
            )
            .chain(ctx.refusal_cues.iter().map(|t| (t.as_str(), Cue::Refusal)))
            .chain(
                ctx.restated_filing_cues
                    .iter()
                    .map(|t| (t.as_str(), Cue::RestatedFiling)),
            )
            .chain(
                dicts
                    .mnpi
                    .iter()
                    .flat_map(|c| &c.scheduling_cues)
                    .map(|t| (t.as_str(), Cue::Scheduling)),
            )
            .map(|(t, c)| (t, Tag::Cue(c)));
        // Third parties and self-references ("we", "us") are frequent words needed only in
        // the few sentences with a candidate of a category that opts in: a matcher of their
        // own, run on those sentences, keeps them out of the pass over every byte.
        let parties = TermMatcher::new(
            "mnpi/_context.toml",
            ctx.third_parties
                .iter()
                .map(|t| (t.as_str(), Party::ThirdParty))
                .chain(
                    ctx.self_references
                        .iter()
                        .map(|t| (t.as_str(), Party::SelfReference)),
                ),
            true,
        )?;
        let signal_patterns = alternation(&ctx.signal_patterns, "signal")?;
        let dated_disclosures = alternation(&ctx.dated_disclosures, "dated disclosure")?;
        let public_news_reports = alternation(&ctx.public_news_reports, "public news report")?;
        let matcher = TermMatcher::new("mnpi", terms.into_iter().chain(cue_terms), true)?;
        let steady = TermMatcher::new(
            "mnpi steady_cues, change_cues and scheduling_cues",
            dicts.mnpi.iter().enumerate().flat_map(|(ci, c)| {
                [
                    (&c.steady_cues, StateCue::Steady),
                    (&c.change_cues, StateCue::Change),
                    (&c.scheduling_cues, StateCue::Scheduling),
                ]
                .into_iter()
                .flat_map(move |(list, cue)| list.iter().map(move |t| (t.as_str(), (ci, cue))))
            }),
            true,
        )?;
        let teaching = TermMatcher::new(
            "mnpi/_context.toml teaching_titles",
            ctx.teaching_titles.iter().map(|t| (t.as_str(), ())),
            false,
        )?;
        let legal = if ctx.legal_drafting.is_empty() {
            None
        } else {
            Some(LegalRule {
                window: ctx.legal_window.max(1),
                min_marked: ctx.legal_min_marked,
                min_words: ctx.legal_min_words,
            })
        };
        let history = TermMatcher::new(
            "mnpi/_context.toml history_titles",
            ctx.history_titles.iter().map(|t| (t.as_str(), ())),
            false,
        )?;
        let cats_with = |has: fn(&MnpiCategory) -> bool| {
            dicts
                .mnpi
                .iter()
                .enumerate()
                .filter(|(_, c)| has(c))
                .fold(0u32, |k, (ci, _)| k | (1 << (ci % 32)))
        };
        let steady_cats = cats_with(|c| !c.steady_cues.is_empty());
        let scheduling_cats = cats_with(|c| !c.scheduling_cues.is_empty());
        let kinds = (0..matcher.len())
            .map(|p| {
                matcher.tags(p).iter().fold(0u32, |k, t| {
                    k | match t {
                        Tag::Term(TermRole::Exclude { .. }) => kind::EXCLUDE,
                        Tag::Term(TermRole::SentenceExclude { .. }) => kind::SENTENCE_EXCLUDE,
                        Tag::Term(TermRole::Counter { .. }) => kind::COUNTER,
                        Tag::Term(_) => kind::TERM,
                        Tag::Anchor { .. } => kind::ANCHOR,
                        Tag::Cue(Cue::Negation) => kind::NEGATION,
                        Tag::Cue(Cue::NotNegation) => kind::NOT_NEGATION,
                        Tag::Cue(Cue::Hypothetical) => kind::HYPOTHETICAL,
                        Tag::Cue(Cue::AlreadyPublic) => kind::ALREADY_PUBLIC,
                        Tag::Cue(Cue::Signal) => kind::SIGNAL,
                        Tag::Cue(Cue::NotPublic) => kind::NOT_PUBLIC,
                        Tag::Cue(Cue::PublicRecord) => kind::PUBLIC_RECORD,
                        Tag::Cue(Cue::RiskCondition) => kind::RISK_CONDITION,
                        Tag::Cue(Cue::RiskConsequence) => kind::RISK_CONSEQUENCE,
                        Tag::Cue(Cue::PolicyTalk) => kind::POLICY_TALK,
                        Tag::Cue(Cue::Secrecy) => kind::SECRECY,
                        Tag::Cue(Cue::MeasureDefinition) => kind::MEASURE_DEFINITION,
                        Tag::Cue(Cue::Drafting) => kind::DRAFTING,
                        Tag::Cue(Cue::Question) => kind::QUESTION,
                        Tag::Cue(Cue::Refusal) => kind::REFUSAL,
                        Tag::Cue(Cue::Scheduling) => kind::SCHEDULING,
                        Tag::Cue(Cue::RestatedFiling) => kind::RESTATED_FILING,
                    }
                })
            })
            .collect();
        // Per pattern, the categories (bits) of the role `role` picks out of its tags.
        let category_mask = |role: fn(&Tag) -> Option<usize>| -> Vec<u32> {
            (0..matcher.len())
                .map(|p| {
                    matcher
                        .tags(p)
                        .iter()
                        .filter_map(role)
                        .fold(0u32, |k, cat| k | (1 << cat))
                })
                .collect()
        };
        let excludes = category_mask(|t| match t {
            Tag::Term(TermRole::Exclude { cat }) => Some(*cat),
            _ => None,
        });
        let sentence_excludes = category_mask(|t| match t {
            Tag::Term(TermRole::SentenceExclude { cat }) => Some(*cat),
            _ => None,
        });
        let counters = category_mask(|t| match t {
            Tag::Term(TermRole::Counter { cat }) => Some(*cat),
            _ => None,
        });
        let anchors = (0..matcher.len())
            .map(|p| {
                let mut keys: Vec<u32> = matcher
                    .tags(p)
                    .iter()
                    .filter_map(|t| match *t {
                        Tag::Anchor { cat, rule } => u32::try_from((cat << 16) | rule).ok(),
                        _ => None,
                    })
                    .collect();
                keys.sort_unstable();
                keys
            })
            .collect();
        let anchor_cats = category_mask(|t| match t {
            Tag::Anchor { cat, .. } => Some(*cat),
            _ => None,
        });
        let topic_cats = topic_words(&matcher, ctx);
        let texts = dicts
            .mnpi
            .iter()
            .map(|c| CategoryText {
                rule: format!("mnpi.{}", c.category).into(),
                category: c.category.as_str().into(),
                policy: c.policy.as_str().into(),
                check: c.check.as_str().into(),
                why_first: c
                    .why
                    .split_terminator(". ")
                    .next()
                    .unwrap_or(&c.why)
                    .trim_end_matches('.')
                    .to_owned(),
            })
            .collect();
        if let Some(c) = dicts.mnpi.iter().find(|c| c.weak.len() >= REQUIRED) {
            return Err(Error::Dictionary {
                name: format!("mnpi/{}.toml", c.category),
                message: format!(
                    "{} weak rules; at most {} are supported",
                    c.weak.len(),
                    REQUIRED - 1
                ),
            });
        }
        if dicts.mnpi.len() > 32 {
            return Err(Error::Dictionary {
                name: "mnpi".into(),
                message: format!("{} categories; at most 32 are supported", dicts.mnpi.len()),
            });
        }
        Ok(Self {
            parties,
            steady,
            teaching,
            history,
            title_labels: lowered(&ctx.title_labels),
            title_lines: ctx.title_lines,
            risk_modals: lowered(&ctx.risk_modals),
            stated_fact_words: lowered(&ctx.stated_fact_words),
            steady_cats,
            scheduling_cats,
            excludes,
            sentence_excludes,
            counters,
            anchors,
            anchor_cats,
            topic_cats,
            topic_rule: (ctx.topic_min_words, ctx.topic_margin, ctx.topic_window),
            has_passage: dicts
                .mnpi
                .iter()
                .any(|c| c.weak.iter().any(|w| w.scope == Scope::Passage)),
            texts,
            categories: dicts.mnpi.clone(),
            matcher,
            kinds,
            signal_patterns,
            dated_disclosures,
            dated_disclosure_future: lowered(&ctx.dated_disclosure_future),
            public_news_cues: lowered(&ctx.public_news_cues),
            public_news_reports,
            third_person_words: lowered(&ctx.third_person_words),
            first_person_words: lowered(&ctx.first_person_words),
            negation_window: ctx.negation_window,
            historical_years: ctx.historical_years,
            undated_historical_years: ctx.undated_historical_years,
            third_party_window: ctx.third_party_window,
            not_party_names: lowered(&ctx.not_party_names),
            party_nouns: lowered(&ctx.party_nouns),
            party_determiners: lowered(&ctx.party_determiners),
            adviser_verbs: lowered(&ctx.adviser_verbs),
            legal,
            refusal_contrasts: lowered(&ctx.refusal_contrasts),
        })
    }

    /// Number of distinct patterns in the main automaton (for benchmarks and `rules`).
    #[must_use]
    pub fn pattern_count(&self) -> usize {
        self.matcher.len()
    }

    /// The categories, in policy order.
    #[must_use]
    pub fn categories(&self) -> &[MnpiCategory] {
        &self.categories
    }

    /// Runs the lexicon over `doc`; at most one finding per category per segment.
    ///
    /// The text is matched a piece at a time ([`CHUNK_BYTES`] of segments, plus the segment
    /// on either side for passage rules) into one reused buffer of hits, so a long document
    /// needs no hit list as long as itself and the hits are still in cache when the rules
    /// read them. The findings are those of matching the whole text at once: a writer's word
    /// that the news is not public (`not_public_cues`) widens rules in the whole document, so
    /// if the first such cue lies past the first piece, detection starts over knowing it.
    ///
    /// A document that carries no date (no `disclosed_at`, no year in its file name) has no
    /// year here, so the history rule (`historical_years`) cannot date its sentences:
    /// [`MnpiLexicon::detect_as_of`] gives it the review's year.
    #[must_use]
    pub fn detect(&self, doc: &Document, segments: &[Segment]) -> Vec<Finding> {
        self.detect_in_pieces(doc, segments, CHUNK_BYTES, None, None)
    }

    /// [`MnpiLexicon::detect`] for a review made in `review_year` (the calendar year of the
    /// review instant, in its own UTC offset): a document that carries no date of its own
    /// is dated from that year, with the wider margin `undated_historical_years`, so "we filed
    /// for Chapter 11 in 2015" in an undated memo reviewed in 2026 is history (severity
    /// info), and "in 2023" is not.
    #[must_use]
    pub fn detect_as_of(
        &self,
        doc: &Document,
        segments: &[Segment],
        review_year: i32,
    ) -> Vec<Finding> {
        self.detect_in_pieces(doc, segments, CHUNK_BYTES, Some(review_year), None)
    }

    /// [`MnpiLexicon::detect_as_of`] for a document some of whose text speaks for nobody's
    /// news: `quiet(start)` gives the reason a finding starting at byte `start` is info (the
    /// forward-looking-statement legend, an analyst's question), or `None`. Those findings go
    /// to info, with the reason in their context, before the rules that keep the first finding
    /// of a category and send its repeats to info (legal instruments, restated filings), so a
    /// category first named in the legend keeps its first finding elsewhere.
    #[must_use]
    pub fn detect_quieted(
        &self,
        doc: &Document,
        segments: &[Segment],
        review_year: i32,
        quiet: &dyn Fn(usize) -> Option<&'static str>,
    ) -> Vec<Finding> {
        self.detect_in_pieces(doc, segments, CHUNK_BYTES, Some(review_year), Some(quiet))
    }

    /// [`MnpiLexicon::detect_quieted`] with pieces of about `piece_bytes` of text (at least one
    /// segment each); `review_year` `None` leaves an undated document without a year, `quiet`
    /// `None` quiets nothing.
    fn detect_in_pieces(
        &self,
        doc: &Document,
        segments: &[Segment],
        piece_bytes: usize,
        review_year: Option<i32>,
        quiet: Option<&dyn Fn(usize) -> Option<&'static str>>,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut scratch: Vec<Candidate> = Vec::new();
        // An undated document's events are history `undated_historical_years` before the
        // review's year, not `historical_years`: its writer's own year is unknown, and may
        // be a year or two before the review. The year is moved back by the difference.
        let doc_year = document_year(doc).or_else(|| {
            review_year.map(|y| y - (self.undated_historical_years - self.historical_years).max(0))
        });
        // The company's own name word, for the third-party rules and company anchors.
        let own_name = doc.metadata.company.as_deref().and_then(own_name_word);
        // The last located offset: findings come in text order, so each location is counted
        // on from the previous one instead of from its block's start.
        let mut located = (0, doc.location(0));
        let mut hits: Vec<Hit> = Vec::new();
        // Each segment's hits (`first..last`) and the union of their kinds, for the segments
        // of the current piece and one on either side.
        let mut ranges: Vec<(usize, usize, u32)> = Vec::new();
        // The writer's word that the news is not public yet (`not_public_cues`).
        let mut not_public: Option<Hit> = None;
        // Segments holding a secrecy cue (`secrecy_cues`, `not_public_cues`), for the topic
        // rule.
        let mut secret: Vec<usize> = Vec::new();
        // Segments holding a drafting word (`legal_drafting`), in order, for the
        // legal-instrument rule.
        let mut drafting: Vec<usize> = Vec::new();
        // The first cue saying the filing re-presents reports already filed
        // (`restated_filing_cues`), and its segment's start.
        let mut restated: Option<(Hit, usize)> = None;
        let mut first_seg = 0usize;
        while first_seg < segments.len() {
            // This piece: segments `first_seg..end_seg`; hits of `lo_seg..hi_seg`, one more
            // segment on either side.
            let mut end_seg = first_seg + 1;
            while end_seg < segments.len()
                && segments[end_seg]
                    .end
                    .saturating_sub(segments[first_seg].start)
                    < piece_bytes
            {
                end_seg += 1;
            }
            let lo_seg = first_seg.saturating_sub(1);
            let hi_seg = (end_seg + 1).min(segments.len());
            hits.clear();
            self.matcher.find_starting_in(
                &doc.text,
                (segments[lo_seg].start, segments[hi_seg - 1].end),
                &mut hits,
            );
            ranges.clear();
            let mut h = 0usize;
            for seg in &segments[lo_seg..hi_seg] {
                while h < hits.len() && hits[h].start < seg.start {
                    h += 1;
                }
                let first = h;
                let mut last = h;
                // The kinds of the segment's hits, gathered while finding its hits: most
                // segments have no term and are skipped below, and the others test for
                // exclusions and cues with one bit test instead of a pass over their hits.
                let mut seen = 0u32;
                while last < hits.len() && hits[last].start < seg.end {
                    seen |= self.kinds.get(hits[last].pattern).copied().unwrap_or(0);
                    last += 1;
                }
                ranges.push((first, last, seen));
                h = last;
            }
            if not_public.is_none() {
                not_public = (first_seg..end_seg).find_map(|j| {
                    let (first, last, seen) = ranges[j - lo_seg];
                    if seen & kind::NOT_PUBLIC == 0 {
                        return None;
                    }
                    hits[first..last]
                        .iter()
                        .find(|x| self.is(x, kind::NOT_PUBLIC))
                        .copied()
                });
                if not_public.is_some() && first_seg > 0 {
                    // The earlier pieces were read without it: read them again.
                    findings.clear();
                    secret.clear();
                    drafting.clear();
                    restated = None;
                    located = (0, doc.location(0));
                    first_seg = 0;
                    continue;
                }
            }
            for i in first_seg..end_seg {
                let seg = &segments[i];
                let (first, last, seen) = ranges[i - lo_seg];
                if seen & (kind::SECRECY | kind::NOT_PUBLIC) != 0 && self.topic_rule.0 > 0 {
                    secret.push(i);
                }
                if seen & kind::DRAFTING != 0 {
                    drafting.push(i);
                }
                if seen & kind::RESTATED_FILING != 0 && restated.is_none() {
                    restated = hits[first..last]
                        .iter()
                        .find(|x| self.is(x, kind::RESTATED_FILING))
                        .map(|x| (*x, seg.start));
                }
                if seen & kind::TERM == 0 {
                    continue;
                }
                // The sentences around it, only for passage rules.
                let mut near = Neighbours {
                    not_public,
                    ..Neighbours::default()
                };
                if self.has_passage || not_public.is_some() {
                    let side = |j: usize, x: &Segment, y: &Segment| {
                        let (f, l, _) = ranges[j - lo_seg];
                        neighbours(doc, x, y).then(|| (&hits[f..l], segments[j].end))
                    };
                    if let Some(prev) = i.checked_sub(1) {
                        near.before = side(prev, &segments[prev], seg);
                    }
                    if let Some(next) = segments.get(i + 1) {
                        near.after = side(i + 1, seg, next);
                    }
                }
                if seen & kind::QUESTION != 0
                    && let Some(next) = segments.get(i + 1)
                    && i + 1 < hi_seg
                    && ranges[i + 1 - lo_seg].2 & kind::REFUSAL != 0
                    && neighbours(doc, seg, next)
                {
                    let (f, l, _) = ranges[i + 1 - lo_seg];
                    near.refused = hits[f..l]
                        .iter()
                        .find(|x| self.is(x, kind::REFUSAL))
                        .filter(|x| {
                            let rest = doc.text.get(x.end..next.end).unwrap_or("");
                            !self.refusal_contrasts.iter().any(|c| {
                                rest.split(|ch: char| !ch.is_alphanumeric() && ch != '\'')
                                    .any(|w| w.eq_ignore_ascii_case(c))
                            })
                        })
                        .copied();
                }
                self.detect_segment(
                    (doc, doc_year, own_name),
                    (seg, seen),
                    (&hits[first..last], near),
                    &mut located,
                    &mut scratch,
                    &mut findings,
                );
            }
            first_seg = end_seg;
        }
        settle_section_headings(doc, &mut findings);
        self.settle_title(doc, segments, &mut findings);
        if !secret.is_empty() {
            self.topic_findings(doc, segments, &secret, &mut findings);
        }
        if let Some(quiet) = quiet {
            for f in &mut findings {
                if let Some(why) = f.start.and_then(quiet) {
                    f.severity = Severity::Info;
                    f.context.push(why.to_owned());
                }
            }
        }
        self.settle_legal_instruments(doc, segments, &drafting, &mut findings);
        if let Some((cue, from)) = restated {
            settle_restated_filing(doc, cue, from, &mut findings);
        }
        // A document whose title makes it teaching material or a history piece: every
        // finding is info, for the one reason.
        if findings.iter().any(|f| f.severity > Severity::Info)
            && let Some(why) = self
                .teaching_title(doc, segments)
                .map(|title| {
                    concat(&[
                        "teaching material: \"",
                        &title,
                        "\" in its title; its events are examples, not the company's news",
                    ])
                })
                .or_else(|| self.history_piece(doc, segments, doc_year))
        {
            for f in findings.iter_mut().filter(|f| f.severity > Severity::Info) {
                f.severity = Severity::Info;
                f.context.push(why.clone());
            }
        }
        findings
    }

    /// The legal-instrument rule (`legal_drafting` in `_context.toml`): in the operative text
    /// of an agreement, plan, indenture or charter — a run where `min_marked` of `window`
    /// consecutive sentences of `min_words` words or more hold a drafting word ("shall",
    /// "hereby", "thereof"), from the run's first such sentence to its last — a finding of a
    /// category already flagged above info earlier in the document goes to info, naming the
    /// line of that first finding. An 8-K's merger agreement exhibit names "the Merger" in
    /// hundreds of clauses; the agreement is one event (Form 8-K Item 1.01), flagged once,
    /// and its provisions set terms rather than report news (Insider Trading Policy IV.B).
    /// A category first met inside the instrument keeps that first finding, so a draft
    /// agreement reviewed alone still shows what it is about. `drafting` are the indices of
    /// the segments holding a drafting word, in order; `findings` are one document's MNPI
    /// findings, whose order is kept.
    fn settle_legal_instruments(
        &self,
        doc: &Document,
        segments: &[Segment],
        drafting: &[usize],
        findings: &mut [Finding],
    ) {
        let Some(rule) = self.legal else {
            return;
        };
        // Nothing to settle unless some category has two findings above info.
        let mut seen: Vec<&str> = Vec::new();
        let repeated = findings
            .iter()
            .filter(|f| f.severity > Severity::Info)
            .any(|f| {
                let repeat = seen.contains(&&*f.category);
                seen.push(&f.category);
                repeat
            });
        if !repeated {
            return;
        }
        let regions = legal_regions(rule, &doc.text, segments, drafting);
        if regions.is_empty() {
            return;
        }
        settle_repeats(
            findings,
            |s| {
                let r = regions.partition_point(|&(_, end)| end <= s);
                regions.get(r).is_some_and(|&(start, _)| start <= s)
            },
            |rule, at| {
                format!(
                    "operative text of a legal instrument (agreement, plan or charter; \
                     drafting words such as \"shall\", \"hereby\", \"thereof\" throughout): \
                     it sets terms and reports no event; {rule} is flagged first{at}"
                )
            },
        );
    }

    /// The `history_titles` rule: why `doc` is a history piece, or `None`. Its title holds a
    /// `history_titles` phrase, and its text names two or more distinct years (19xx, 20xx as
    /// whole numbers), none later than `historical_years` before `doc_year` (its year, or the
    /// review's moved back; `None`: the rule is off). "Company timeline for the
    /// 40th-anniversary website / 1984 - Founded … / 2003 - … reports its first annual profit".
    ///
    /// Insider Trading Policy IV.B: material information is current news about the Company;
    /// the company's history, told as history, is not.
    fn history_piece(
        &self,
        doc: &Document,
        segments: &[Segment],
        doc_year: Option<i32>,
    ) -> Option<String> {
        if self.historical_years <= 0 {
            return None;
        }
        let latest = doc_year? - self.historical_years;
        let title = self.title_phrase(&self.history, doc, segments)?;
        let mut years: Vec<i32> =
            years_in(&doc.text, |c| !c.is_ascii_alphanumeric() && c != b'_').collect();
        years.sort_unstable();
        years.dedup();
        let (&first, &last) = (years.first()?, years.last()?);
        (years.len() >= 2 && last <= latest).then(|| {
            format!(
                "history: \"{title}\" in its title, and every year it names ({first} to {last}) \
                 is {} or more years before the document; its events are the company's past, \
                 not news",
                self.historical_years
            )
        })
    }

    /// The topic rule (`topic_min_words` in `_context.toml`): in the passage of `topic_window`
    /// segments on either side of each segment of `secret` (those holding a `secrecy_cues`
    /// or `not_public_cues` phrase), the category with the most distinct topic words — at
    /// least `topic_min_words`, and `topic_margin` more than any other — is reported at
    /// severity low, unless a strong term of it in the passage came to no finding (its own
    /// rules vetoed it: another company's news, history, an exclusion). Only in a document
    /// with no finding above info: the rule is a net for the secret message the lexicon says
    /// nothing about, not a second opinion on one it read (measured on the labelled sets, it
    /// otherwise mostly added a wrong second category). Words inside an exclusion of the
    /// category do not count, nor does a word inside a longer topic word of the category
    /// counted already. Appends to `findings`; the span is the category's first topic word
    /// in the passage.
    ///
    /// Insider Trading Policy IV.B: the writer's own word that the news is not public, about
    /// the subject of one of the policy's categories ("dont tell the charging network team,
    /// its not out yet" after "we're taking half a billion from the private credit guys. 11%
    /// coupon").
    fn topic_findings(
        &self,
        doc: &Document,
        segments: &[Segment],
        secret: &[usize],
        findings: &mut Vec<Finding>,
    ) {
        let (min_words, margin, window) = self.topic_rule;
        if findings.iter().any(|f| f.severity > Severity::Info) {
            return;
        }
        let n = self.categories.len();
        // Categories reported by an earlier passage.
        let mut found = 0u32;
        // Merged passages: segment ranges `lo..hi`.
        let mut passages: Vec<(usize, usize)> = Vec::new();
        for &s in secret {
            let (lo, hi) = (
                s.saturating_sub(window),
                (s + window + 1).min(segments.len()),
            );
            match passages.last_mut() {
                Some(p) if lo <= p.1 => p.1 = p.1.max(hi),
                _ => passages.push((lo, hi)),
            }
        }
        let mut hits: Vec<Hit> = Vec::new();
        for (lo, hi) in passages {
            let (Some(first_seg), Some(last_seg)) = (segments.get(lo), segments.get(hi - 1)) else {
                continue;
            };
            hits.clear();
            self.matcher
                .find_starting_in(&doc.text, (first_seg.start, last_seg.end), &mut hits);
            let Some(cue) = hits
                .iter()
                .find(|h| self.is(h, kind::SECRECY) || self.is(h, kind::NOT_PUBLIC))
            else {
                continue;
            };
            // Per category: the distinct topic patterns and the hit of each, and the end of
            // the last counted one (a word inside it is not counted again).
            let mut words: Vec<Vec<(usize, Hit)>> = vec![Vec::new(); n];
            let mut counted_end = vec![0usize; n];
            let mut vetoed = 0u32;
            for h in &hits {
                for t in self.matcher.tags(h.pattern) {
                    if let Tag::Term(TermRole::Strong { cat }) = *t {
                        vetoed |= 1 << cat;
                    }
                }
                let mut cats = self.topic_cats.get(h.pattern).copied().unwrap_or(0);
                while cats != 0 {
                    let cat = cats.trailing_zeros() as usize;
                    cats &= cats - 1;
                    if h.start < counted_end[cat] || self.excluded(h, cat, &hits) {
                        continue;
                    }
                    counted_end[cat] = h.end;
                    if !words[cat].iter().any(|(p, _)| *p == h.pattern) {
                        words[cat].push((h.pattern, *h));
                    }
                }
            }
            let mut ranked: Vec<(usize, usize)> = (0..n).map(|c| (words[c].len(), c)).collect();
            ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let (best_n, best) = ranked.first().copied().unwrap_or((0, 0));
            let second = ranked.get(1).map_or(0, |r| r.0);
            if best_n < min_words.max(1)
                || best_n < second + margin
                || (found | vetoed) & (1 << best) != 0
            {
                continue;
            }
            found |= 1 << best;
            let mut topic: Vec<Hit> = words[best].iter().map(|(_, h)| *h).collect();
            topic.sort_unstable_by_key(|h| h.start);
            let matched: Vec<String> = topic
                .iter()
                .map(|h| collapse_space(doc.text.get(h.start..h.end).unwrap_or("")))
                .collect();
            let first = topic[0];
            let seg = segments[lo..hi]
                .iter()
                .find(|s| s.start <= first.start && first.start < s.end)
                .unwrap_or(first_seg);
            let cue_text = collapse_space(doc.text.get(cue.start..cue.end).unwrap_or(""));
            let texts = &self.texts[best];
            let quoted = concat(&["\"", &matched.join("\", \""), "\""]);
            let mut f = Finding::at(
                doc,
                Arc::clone(&texts.rule),
                Arc::clone(&texts.category),
                Severity::Low,
                (first.start, first.end),
                (seg.start, seg.end),
            );
            f.message = concat(&[
                &self.categories[best].title,
                ", in a passage its writer marks as secret: ",
                &quoted,
                " — ",
                &texts.why_first,
            ]);
            f.policy = Arc::clone(&texts.policy);
            f.check = Some(Arc::clone(&texts.check));
            f.context = vec![
                concat(&["secrecy cue: \"", &cue_text, "\""]),
                concat(&["topic words of the category around it: ", &quoted]),
            ];
            f.matched = matched;
            findings.push(f);
        }
    }

    /// The `teaching_titles` phrase in the title of `doc`, if any: the document's first
    /// sentence, and those of its first `title_lines` lines that carry a header label
    /// (`title_labels`: `Subject:`, `Topic:`, `Title:`, `Re:`, `Course:`, `Session:`) or are
    /// Markdown headings.
    /// "COMPLIANCE TRAINING MODULE 6 — Workforce actions and the WARN Act", "Lunch & Learn –
    /// Legal Department / Topic: \"Restructuring 101\"", "Q&A EXCHANGE - TRAINING ROLE-PLAY".
    fn teaching_title(&self, doc: &Document, segments: &[Segment]) -> Option<String> {
        self.title_phrase(&self.teaching, doc, segments)
    }

    /// The first phrase of `phrases` in the title of `doc` (as [`MnpiLexicon::teaching_title`]
    /// finds it), if any.
    fn title_phrase(
        &self,
        phrases: &TermMatcher<()>,
        doc: &Document,
        segments: &[Segment],
    ) -> Option<String> {
        if phrases.is_empty() {
            return None;
        }
        let text = doc.text.as_str();
        self.title_ranges(doc, segments).into_iter().find_map(|r| {
            let h = phrases.find_in(text, r).into_iter().next()?;
            text.get(h.start..h.end).map(collapse_space)
        })
    }

    /// The title of `doc` as byte ranges of its text: its first segment, and those of its
    /// first `title_lines` lines that carry a header label (`title_labels`) or are Markdown
    /// headings.
    fn title_ranges(&self, doc: &Document, segments: &[Segment]) -> Vec<(usize, usize)> {
        let mut ranges: Vec<(usize, usize)> = segments
            .first()
            .map(|s| (s.start, s.end))
            .into_iter()
            .collect();
        let mut at = 0;
        for line in doc.text.split_inclusive('\n').take(self.title_lines) {
            let t = line.trim_start();
            let label = t.starts_with('#')
                || t.split_once(':')
                    .is_some_and(|(k, _)| self.title_labels.contains(&k.trim().to_lowercase()));
            if label {
                ranges.push((at, at + line.len()));
            }
            at += line.len();
        }
        ranges
    }

    /// A title says in a few words what its body tells: a finding above info in the title of
    /// `doc` ([`MnpiLexicon::title_ranges`]) whose category has findings in the body, after
    /// the title, all of them info (another company's public news, a restatement, history),
    /// goes to info, with the body's first finding's line as the reason. "Subject: FYI -
    /// Rivertop cut its outlook this morning" over "Rivertop Fabrication announced before the
    /// open that it is lowering its full-year revenue guidance". A title whose category the
    /// body does not name, or names above info, keeps its finding; so does a press release's
    /// headline, which announces the release's own news (its body may tell it in words no
    /// term names, beside a restated older fact of the category). `findings`: the document's
    /// MNPI findings, in text order.
    fn settle_title(&self, doc: &Document, segments: &[Segment], findings: &mut [Finding]) {
        if doc.metadata.kind == Some(crate::document::DocKind::PressRelease)
            || findings.iter().all(|f| f.severity == Severity::Info)
        {
            return;
        }
        let titles = self.title_ranges(doc, segments);
        let in_title = |f: &Finding| {
            f.start
                .is_some_and(|s| titles.iter().any(|&(a, b)| s >= a && s < b))
        };
        let title_end = titles.iter().map(|&(_, b)| b).max().unwrap_or(0);
        for i in 0..findings.len() {
            if findings[i].severity == Severity::Info || !in_title(&findings[i]) {
                continue;
            }
            let mut body = findings.iter().filter(|g| {
                g.category == findings[i].category
                    && g.start.is_some_and(|s| s >= title_end)
                    && !in_title(g)
            });
            let Some(first) = body.next() else {
                continue;
            };
            if first.severity > Severity::Info || body.any(|g| g.severity > Severity::Info) {
                continue;
            }
            let line = first
                .line
                .map_or_else(String::new, |l| format!(" (line {l})"));
            let why = format!(
                "a title over a body that tells it as no news of the company's{line}: {}",
                first.context.last().map_or("", String::as_str)
            );
            let f = &mut findings[i];
            f.severity = Severity::Info;
            f.context.push(why);
        }
    }

    /// The first `dated_disclosures` match in `sentence` that is not a pending disclosure
    /// ([`MnpiLexicon::pending_before`]): byte span `[start, end)` into `sentence`. "As announced on
    /// June 21, the dividend remains suspended" gives "announced on June 21"; "results will
    /// be announced on May 4" gives none.
    fn dated_disclosure(&self, sentence: &str) -> Option<(usize, usize)> {
        let re = self.dated_disclosures.as_ref()?;
        re.find_iter(sentence)
            .find(|m| !self.pending_before(sentence.get(..m.start()).unwrap_or(""), 6))
            .map(|m| (m.start(), m.end()))
    }

    /// The `public_news_reports` rule for term `term` of segment `seg`: the first match in
    /// the term's clause (between the breaks of [`clause_bounds`]) that is not pending
    /// ([`MnpiLexicon::pending_before`]) and that a named party opens
    /// ([`MnpiLexicon::named_party_before`]: two or more capitalized words before it in the
    /// clause, not the company's own name word `own`, not a headline), as the reason its
    /// findings are info; `None` when there is none, or when the clause holds one of
    /// `first_person_words` ("our CFO Dana Whitfield told analysts on Monday"). "Ostrava Mart disclosed a ransomware
    /// attack on Tuesday" gives a reason; "We disclosed a ransomware attack on Tuesday" and
    /// "Acme will say on Tuesday that" give none. A match holding the word `skip` (in a press
    /// release: "today", as in "Acme Corp. today announced", the release speaking of itself)
    /// does not count.
    ///
    /// Insider Trading Policy IV.B lists the Company's information: another company's news
    /// already told to the public is neither the Company's nor nonpublic.
    fn reported_news(
        &self,
        text: &str,
        seg: &Segment,
        term: Hit,
        own: Option<&str>,
        skip: Option<&str>,
    ) -> Option<String> {
        let re = self.public_news_reports.as_ref()?;
        let seg_text = text.get(seg.start..seg.end)?;
        let (clause_start, clause_end) = clause_bounds(text, term, seg);
        let from = clause_start.checked_sub(seg.start)?;
        let to = clause_end.checked_sub(seg.start)?;
        // The writer's own side in the clause ("our CFO Dana Whitfield said on Monday that"):
        // no other party's news.
        if seg_text
            .get(from..to)?
            .split_whitespace()
            .any(|w| self.first_person_words.contains(&person_word(w)))
        {
            return None;
        }
        re.find_iter(seg_text.get(..to)?)
            .filter(|m| m.start() >= from)
            .filter(|m| {
                skip.is_none_or(|w| {
                    !m.as_str()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|x| x.eq_ignore_ascii_case(w))
                })
            })
            .find(|m| {
                !self.pending_before(seg_text.get(..m.start()).unwrap_or(""), 6)
                    && self.named_party_before(
                        seg_text.get(from..m.start()).unwrap_or(""),
                        seg_text.get(m.end()..to).unwrap_or(""),
                        own.unwrap_or(""),
                    )
            })
            .map(|m| {
                concat(&[
                    "another party's news, already public: \"",
                    &collapse_space(m.as_str()),
                    "\", a named party's statement of a past day",
                ])
            })
    }

    /// Whether the clause `clause` speaks of another party in the third person: it holds one
    /// of `third_person_words` ("they", "their", "its") and none of `first_person_words`
    /// ("we", "our"). Words are compared lower-cased, without surrounding punctuation.
    fn third_person_clause(&self, clause: &str) -> bool {
        if self.third_person_words.is_empty() {
            return false;
        }
        let mut third = false;
        for w in clause.split_whitespace() {
            let w = person_word(w);
            if self.first_person_words.contains(&w) {
                return false;
            }
            third |= self.third_person_words.contains(&w);
        }
        third
    }

    /// Whether `sentence` speaks of others only: no `first_person_words` word and, when the
    /// document names its company, not the company's name word either ("Rowan Foods missed
    /// Street estimates by a mile yesterday, it's all over the news").
    fn impersonal(&self, sentence: &str, own_name: Option<&str>) -> bool {
        !self.first_person_words.is_empty()
            && sentence.split_whitespace().all(|w| {
                let w = person_word(w);
                !self.first_person_words.contains(&w)
                    && own_name.is_none_or(|n| !w.eq_ignore_ascii_case(n))
            })
    }

    /// Whether the last `words` words of `before` (the sentence before a disclosure pointer)
    /// make the disclosure pending: one of `dated_disclosure_future` ("will", "be",
    /// "before", "until"), or a contraction of "will" ("we'll").
    fn pending_before(&self, before: &str, words: usize) -> bool {
        !self.dated_disclosure_future.is_empty()
            && before.split_whitespace().rev().take(words).any(|w| {
                let w = bare_word(w);
                is_will(&w) || self.dated_disclosure_future.contains(&w)
            })
    }

    /// Number of raw hits (terms, anchors and cues, before any rule) in `text`: the matching
    /// pass alone, for benchmarks, a piece of about [`CHUNK_BYTES`] at a time as
    /// [`MnpiLexicon::detect`] does it.
    #[must_use]
    pub fn raw_hits(&self, text: &str) -> usize {
        let mut hits = Vec::new();
        let mut count = 0;
        let mut lo = 0;
        while lo < text.len() {
            let mut hi = (lo + CHUNK_BYTES).min(text.len());
            while !text.is_char_boundary(hi) {
                hi += 1;
            }
            hits.clear();
            self.matcher.find_starting_in(text, (lo, hi), &mut hits);
            count += hits.len();
            lo = hi;
        }
        count
    }

    /// Whether hit `h` has a tag of [`kind`] `k`.
    fn is(&self, h: &Hit, k: u32) -> bool {
        self.kinds.get(h.pattern).is_some_and(|x| x & k != 0)
    }

    /// `hits`: every lexicon hit starting in `seg`, sorted by start; `near`: those of the
    /// sentences around it, for passage rules; `seen`: the union of
    /// their [`kind`] bits; `located`: an earlier offset and its location (moved to
    /// `seg.start` when the segment has findings).
    fn detect_segment(
        &self,
        (doc, doc_year, own_name): (&Document, Option<i32>, Option<&str>),
        (seg, seen): (&Segment, u32),
        (hits, near): (&[Hit], Neighbours),
        located: &mut (usize, Location),
        candidates: &mut Vec<Candidate>,
        out: &mut Vec<Finding>,
    ) {
        let text = &doc.text;
        let tags = |h: &Hit| self.matcher.tags(h.pattern);
        if seen & kind::TERM == 0 {
            return;
        }
        let release = doc.metadata.kind == Some(crate::document::DocKind::PressRelease);
        let any_exclusion = seen & kind::EXCLUDE != 0;
        // Third parties and self-references of the segment, found when first needed.
        let mut parties: Option<Vec<Hit>> = None;
        // Categories vetoed for the whole sentence (`sentence_exclude`).
        let vetoed: u32 = if seen & kind::SENTENCE_EXCLUDE == 0 {
            0
        } else {
            hits.iter()
                .filter(|h| h.end <= seg.end && self.is(h, kind::SENTENCE_EXCLUDE))
                .fold(0, |v, h| v | self.sentence_excludes[h.pattern])
        };
        // Anchors and cues count inside the segment only.
        let inside = |h: &&Hit| h.end <= seg.end;
        candidates.clear();
        for hit in hits.iter().filter(|h| self.is(h, kind::TERM)) {
            for tag in tags(hit) {
                let Tag::Term(role) = *tag else { continue };
                let (cat, anchor) = match role {
                    TermRole::Strong { cat } => (cat, None),
                    TermRole::Weak { cat, rule } => {
                        let Some(a) = self
                            .anchor(
                                text,
                                *hit,
                                (cat, rule),
                                (hits, seg.end, near),
                                any_exclusion,
                            )
                            .or_else(|| {
                                self.company_anchor(text, *hit, (cat, rule), seg, own_name)
                            })
                        else {
                            continue;
                        };
                        if !self.categories[cat].weak[rule].require.is_empty()
                            && !self.required(
                                *hit,
                                (cat, rule),
                                (hits, seg.end, near),
                                any_exclusion,
                            )
                        {
                            continue;
                        }
                        (cat, Some((rule, a)))
                    }
                    TermRole::Exclude { .. }
                    | TermRole::SentenceExclude { .. }
                    | TermRole::Counter { .. } => continue,
                };
                if vetoed & (1 << cat) != 0 {
                    continue;
                }
                // An exclusion vetoes the category's terms it contains: "bankrupt of ideas"
                // vetoes "bankrupt", while "closed a big deal with" keeps "deal with" although
                // the trap "big deal" overlaps it.
                let excluded = any_exclusion && self.excluded(hit, cat, hits);
                // A supplier's Chapter 11 is not the company's (categories that opt in).
                let category = &self.categories[cat];
                let third_party = (category.third_party_veto
                    || category.third_party_possessive
                    || category.third_party_indefinite)
                    && self.third_party(
                        text,
                        *hit,
                        parties.get_or_insert_with(|| {
                            self.parties.find_in(text, (seg.start, seg.end))
                        }),
                        seg,
                        (cat, hits),
                        own_name,
                    );
                if !excluded && !third_party {
                    candidates.push(Candidate {
                        cat,
                        hit: *hit,
                        anchor,
                        live: true,
                    });
                }
            }
        }
        if candidates.is_empty() {
            return;
        }
        let cue_of = |h: &Hit, k: u32| self.is(h, k);
        let any_exception = seen & kind::NOT_NEGATION != 0;
        let negated = |c: &Candidate| {
            let negatable = self.categories[c.cat].negatable && seen & kind::NEGATION != 0;
            let countered = seen & kind::COUNTER != 0;
            (negatable || countered)
                && hits.iter().filter(inside).any(|q| {
                    let counter = countered
                        && cue_of(q, kind::COUNTER)
                        && self.counters[q.pattern] & (1 << c.cat) != 0;
                    let window = if counter {
                        self.categories[c.cat].counter_window
                    } else {
                        self.negation_window
                    };
                    ((negatable && cue_of(q, kind::NEGATION)) || counter)
                        && q.end <= c.hit.start
                        // A negation stops at a clause break: in "the house isn't coming
                        // back: they're writing off the building" the write-off is affirmed.
                        && !text
                            .get(q.end..c.hit.start)
                            .is_some_and(|gap| gap.contains(CLAUSE_BREAKS))
                        // "surprised if we don't", "not only": the cue is part of a phrase
                        // that does not negate.
                        && !(any_exception && hits.iter().any(|x| {
                            x.start <= q.start && x.end >= q.end && cue_of(x, kind::NOT_NEGATION)
                        }))
                        && window.checked_sub(1).is_some_and(|most| {
                            // Skip counting a gap too wide to be in the window.
                            let near = |most: usize| {
                                c.hit.start - q.end <= (most + 1) * MAX_WORD_BYTES
                                    && words_at_most(text, q.end, c.hit.start, most)
                            };
                            near(most)
                                // "the absence of any insolvency proceeding, receivership or
                                // bankruptcy event": a negation covers a list of nouns.
                                // Not "none of the marine or quarter-to-date comments
                                // were public": a quantifier over the list, not a denial.
                                || (near(2 * most + 1)
                                    && !text
                                        .get(q.start..q.end)
                                        .is_some_and(|cue| cue.eq_ignore_ascii_case("none"))
                                    && coordinated_list(text.get(q.end..c.hit.start)))
                        })
                })
        };
        let cue_hit = |k: u32| -> Option<&Hit> {
            if seen & k == 0 {
                return None;
            }
            hits.iter().filter(inside).find(|q| {
                cue_of(q, k)
                    // A capitalized cue word inside a sentence is a name, not the cue:
                    // "In May, we noted" is a month, not the modal "may".
                    && !(k == kind::HYPOTHETICAL
                        && q.start > seg.start
                        && text[q.start..].starts_with(|ch: char| ch.is_uppercase()))
                    // "results will be announced on May 4": a pending disclosure, not a
                    // pointer to one already made. (Only the word before: "will defer its
                    // previously announced call" points at a past announcement.)
                    && !(k == kind::ALREADY_PUBLIC
                        && self.pending_before(text.get(seg.start..q.start).unwrap_or(""), 1))
            })
        };
        let cue_term =
            |k: u32| -> Option<&str> { cue_hit(k).map(|q| text.get(q.start..q.end).unwrap_or("")) };
        for c in candidates.iter_mut() {
            c.live = !negated(c);
        }
        // Keep maximal matches only: "Second Quarter Results" makes "Results" redundant.
        for i in 0..candidates.len() {
            let x = candidates[i];
            if candidates.iter().any(|y| {
                y.live
                    && y.cat == x.cat
                    && y.hit.start <= x.hit.start
                    && y.hit.end >= x.hit.end
                    && (y.hit.end - y.hit.start) > (x.hit.end - x.hit.start)
            }) {
                candidates[i].live = false;
            }
        }
        // Categories in policy order (there are 20: a bit set).
        let mut cats: u64 = 0;
        for c in candidates.iter().filter(|c| c.live) {
            cats |= 1 << (c.cat % 64);
        }
        if cats == 0 {
            return;
        }
        // Context cues, only for a segment with findings to come.
        let hypothetical = cue_term(kind::HYPOTHETICAL);
        let already_public_hit = cue_hit(kind::ALREADY_PUBLIC);
        let already_public = already_public_hit.map(|q| text.get(q.start..q.end).unwrap_or(""));
        // A defined term's definition in an agreement names events, it does not report one.
        let definition = text.get(seg.start..seg.end).is_some_and(defines_a_term);
        // Date phrases that put an event years back, if the sentence names no later year.
        let seg_text = text.get(seg.start..seg.end).unwrap_or("");
        // The latest year a dated event of this sentence can have and be history: `None` when
        // the rule is off, the document's year is unknown, or the sentence names a later year
        // ("in 2019 … and in 2026": a year-old event is last year's results, often the news).
        let history_until = doc_year
            .filter(|_| self.historical_years > 0)
            .map(|y| y - self.historical_years)
            .filter(|&latest| !names_year_after(seg_text, latest));
        let dated: Vec<(usize, usize)> = history_until
            .map(|_| historical_dates(seg_text, self.historical_years))
            .unwrap_or_default();
        let signal = cue_term(kind::SIGNAL).or_else(|| {
            self.signal_patterns
                .as_ref()
                .and_then(|re| re.find(seg_text).map(|m| m.as_str().trim()))
        });
        // Sentences that restate, hedge or teach rather than report: a pointer that names
        // the public record, risk-factor language (a condition on the company's ability and
        // a generic consequence), talk about the policy's subjects. Each makes every finding
        // of the sentence info, with the words that show it.
        // The pointer restates what is near it only: within `RESTATED_WINDOW` words and not
        // across the end of a parenthesis ("the incident (disclosed in our 8-K on April 18)
        // … and the charge to write down the intangible": the write-down is new), while a
        // parenthesis opening after the term comments on it ("raised its dividend 4% (it's
        // in their earnings release)").
        // A record named with "this" or "these" is the document itself ("This press release
        // presents …"), not a pointer.
        let record = || {
            hits.iter().filter(inside).find(|q| {
                cue_of(q, kind::PUBLIC_RECORD)
                    && !text.get(seg.start..q.start).is_some_and(|before| {
                        let word = before.trim_end().rsplit(char::is_whitespace).next();
                        word.is_some_and(|w| {
                            w.eq_ignore_ascii_case("this") || w.eq_ignore_ascii_case("these")
                        })
                    })
            })
        };
        let pointer = already_public_hit
            .filter(|_| seen & kind::PUBLIC_RECORD != 0)
            .and_then(|p| {
                record().map(|r| {
                    let why = concat(&[
                        "on the public record: \"",
                        text.get(p.start..p.end).unwrap_or(""),
                        "\" names \"",
                        text.get(r.start..r.end).unwrap_or(""),
                        "\"; a restatement of a disclosure already made",
                    ]);
                    (*p, why)
                })
            });
        // A disclosure dated in the past ("announced on June 21", "in the Oct 30 release")
        // points at the record as well; searched for only when a finding needs it.
        let dated_pointer = std::cell::OnceCell::new();
        let pointer = || {
            pointer.as_ref().or_else(|| {
                dated_pointer
                    .get_or_init(|| {
                        self.dated_disclosure(seg_text).map(|(ds, de)| {
                            let p = Hit {
                                start: seg.start + ds,
                                end: seg.start + de,
                                pattern: usize::MAX,
                            };
                            let why = concat(&[
                                "on the public record: \"",
                                seg_text.get(ds..de).unwrap_or(""),
                                "\" dates a disclosure already made; a restatement",
                            ]);
                            (p, why)
                        })
                    })
                    .as_ref()
            })
        };
        // A term after the pointer with "will" between them is new news: "In addition to the
        // reduction of 4,000 roles announced in October 2022, Philips will reduce its
        // workforce by an additional 6,000 roles".
        let restated = |h: &Hit| {
            pointer().and_then(|(p, why)| {
                let (from, to) = if p.end <= h.start {
                    (p.end, h.start)
                } else {
                    (h.end, p.start.max(h.end))
                };
                let after = p.end <= h.start;
                (text
                    .get(from..to)
                    .is_some_and(|gap| !(gap.contains(')') || after && says_will(gap)))
                    && (words_at_most(text, from, to, RESTATED_WINDOW)
                    // A pointer opening the sentence covers all of it: "As reported in our
                    // earnings release on August 6, revenue was …, and gross margin was …".
                    || (after && words_at_most(text, seg.start, p.start, 2))))
                .then(|| why.clone())
            })
        };
        // Risk factors are generic: not a sentence naming an amount, percentage or date, nor
        // one in a document whose writer says the news is not public yet. (The patterns run
        // only on a sentence with a risk condition.)
        let specific = || {
            near.not_public.is_some()
                || self
                    .signal_patterns
                    .as_ref()
                    .is_some_and(|re| re.is_match(seg_text))
        };
        let risk_factor = cue_term(kind::RISK_CONDITION)
            .filter(|_| !specific())
            .and_then(|cond| {
                cue_term(kind::RISK_CONSEQUENCE).map(|cons| {
                    concat(&[
                        "risk-factor language: \"",
                        cond,
                        "\" … \"",
                        cons,
                        "\"; a risk described, not an event",
                    ])
                })
            });
        let policy_talk = cue_term(kind::POLICY_TALK).map(|t| {
            concat(&[
                "talk about the policy's subjects: \"",
                t,
                "\", not an event",
            ])
        });
        // A financial measure defined or explained in general terms ("Core results are
        // non-GAAP financial measures which exclude certain items", "(c) Excludes the impact
        // of acquisitions and divestitures"): kinds of items named, no event. Not a sentence
        // with a figure, a date or any number of two or more digits (a reconciliation table's
        // row, "our 2023 guidance excludes …"), which may state the adjustment itself.
        let measure_definition = cue_term(kind::MEASURE_DEFINITION)
            .filter(|_| {
                !seg_text
                    .as_bytes()
                    .windows(2)
                    .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_digit())
                    && !specific()
            })
            .map(|t| {
                concat(&[
                    "defines or explains a financial measure: \"",
                    t,
                    "\"; kinds of items named, not an event",
                ])
            });
        // A question the Company declined to answer in the next sentence: "Larchmont asked
        // about the Q2 consensus. Jonah said we don't comment on analysts' estimates." The
        // asker's words disclose nothing.
        let refused = near
            .refused
            .filter(|_| seen & kind::QUESTION != 0)
            .map(|r| {
                concat(&[
                    "a question the Company declined to answer in the next sentence: \"",
                    text.get(r.start..r.end).unwrap_or(""),
                    "\"; the asker's words disclose nothing",
                ])
            });
        let not_news = risk_factor
            .or(policy_talk)
            .or(measure_definition)
            .or(refused);
        let furniture = matches!(
            doc.blocks.get(seg.block).map(|b| &b.kind),
            Some(BlockKind::Furniture)
        );
        // Steady-state and change words of the sentence, found when a category needs them.
        let mut steady_hits: Option<Vec<Hit>> = None;
        let seg_located = (seg.start, doc.location_after(*located, seg.start));
        *located = seg_located;
        while cats != 0 {
            let cat = cats.trailing_zeros() as usize;
            cats &= cats - 1;
            let live = || candidates.iter().filter(move |x| x.live && x.cat == cat);
            let Some(first) = live().next() else { continue };
            let c = &self.categories[cat];
            let mut severity = c.base_severity;
            let mut context: Vec<String> = Vec::new();
            let mut widened = false;
            // Report text is built by concatenation into strings of the exact size: `format!`
            // costs a formatter pass and regrowth per string, many times per finding.
            for x in live() {
                if let Some((rule, a)) = x.anchor {
                    let s = concat(&[
                        &c.weak[rule].name,
                        ": \"",
                        text.get(x.hit.start..x.hit.end).unwrap_or(""),
                        "\" near \"",
                        text.get(a.start..a.end).unwrap_or(""),
                        if a.end <= seg.start {
                            "\" in the sentence before"
                        } else if a.start >= seg.end {
                            "\" in the sentence after"
                        } else {
                            "\""
                        },
                    ]);
                    if context.last() != Some(&s) {
                        context.push(s);
                    }
                    if let Some(np) = near.not_public
                        && (a.end <= seg.start || a.start >= seg.end)
                        && c.weak[rule].scope == Scope::Sentence
                        && !widened
                    {
                        widened = true;
                        context.push(concat(&[
                            "the writer says it is not public yet (\"",
                            text.get(np.start..np.end).unwrap_or(""),
                            "\"), so the sentences around it count",
                        ]));
                    }
                }
            }
            if let Some(s) = signal {
                severity = severity.raise();
                context.push(concat(&[super::MATERIALITY_SIGNAL, s]));
            }
            if let Some(p) = already_public {
                severity = severity.lower();
                context.push(concat(&["already public: ", p]));
            }
            // The date must be the event's: right after the term in its clause ("filed for
            // bankruptcy in 2009"), or opening the sentence ("In 2004, Alcoa agreed to
            // acquire"); not an appositive's ("its CFO since 2021, left last week").
            // A year between a determiner or possessive and the term dates it too, where that
            // phrase opens the sentence or its clause, as the subject: "As previously
            // disclosed, the Company's 2024 merger of its two plants was completed". Not a
            // date's year ("for the year ended October 31, 2004 should no longer be relied
            // upon"), nor an object's ("Withdraw the $180 million that remains under the 2024
            // repurchase authorization": the withdrawal is the news).
            let year_before = history_until.and_then(|latest| {
                let before = text.get(seg.start..first.hit.start)?.trim_end();
                let opening = before.rsplit([',', ';', ':']).next().unwrap_or(before);
                if opening.split_whitespace().count() > 3 {
                    return None;
                }
                let mut words = before.rsplit(char::is_whitespace);
                let word = words.next()?;
                let year: i32 = word.parse().ok()?;
                let owner = words.next()?.to_ascii_lowercase();
                let determined = matches!(
                    owner.as_str(),
                    "the" | "its" | "our" | "their" | "a" | "an" | "his" | "her" | "my"
                ) || owner.ends_with("'s")
                    || owner.ends_with("\u{2019}s");
                (determined
                    && (1900..=latest).contains(&year)
                    && !baseline_before(before.get(..before.len() - word.len()).unwrap_or("")))
                .then_some(word)
            });
            let historical = year_before.or_else(|| {
                dated.iter().find_map(|&(ds, de)| {
                    let (ds, de) = (seg.start + ds, seg.start + de);
                    let opens = text
                        .get(seg.start..ds)
                        .is_some_and(|b| b.trim_start_matches(['"', '\u{201c}', '(']).is_empty());
                    let follows = ds >= first.hit.end
                        && ds - first.hit.end <= 8 * MAX_WORD_BYTES
                        && text
                            .get(first.hit.end..ds)
                            .is_some_and(|gap| !gap.contains([',', ';', ':', '—', '(']))
                        && words_at_most(text, first.hit.end, ds, 8);
                    // "I was around in 2009 when Zenith Lift went bankrupt".
                    let when = ds < first.hit.start
                        && text.get(de..first.hit.start).is_some_and(|gap| {
                            gap.trim_start_matches([',', ' ']).starts_with("when ")
                                && words_at_most(text, de, first.hit.start, 8)
                        });
                    (opens || follows || when)
                        .then(|| text.get(ds..de))
                        .flatten()
                })
            });
            if definition {
                severity = Severity::Info;
                context.push("an agreement's definition of a term, not an event".into());
            }
            if let Some(h) = historical {
                severity = Severity::Info;
                context.push(concat(&[
                    "historical: \"",
                    h,
                    "\", years before the document; a past event, not news",
                ]));
            }
            // IV.B(ix) names changes: "the regular quarterly dividend of $0.22 per share,
            // unchanged" reports no change, unless a change word is in the sentence too. A
            // scheduling notice ("will host a conference call to discuss its third-quarter
            // results on November 5") says when the news comes out, not what it is, unless
            // the sentence also holds an amount or a change word.
            let bit = 1 << (cat % 32);
            if self.steady_cats & bit != 0
                || self.scheduling_cats & bit != 0 && seen & kind::SCHEDULING != 0
            {
                let found = steady_hits
                    .get_or_insert_with(|| self.steady.find_in(text, (seg.start, seg.end)));
                let tagged =
                    |h: &Hit, cue: StateCue| self.steady.tags(h.pattern).contains(&(cat, cue));
                // Within ten words of one of the category's terms: a change further off in a
                // long sentence is most often another thing's, and so is a call.
                let near = |h: &Hit| {
                    live().any(|x| {
                        // The gap between them, empty where they overlap.
                        let (from, to) = if h.start >= x.hit.end {
                            (x.hit.end, h.start)
                        } else {
                            (h.end, x.hit.start)
                        };
                        words_at_most(text, from, to, CHANGE_WINDOW)
                    })
                };
                // A change word counts inside a steady or scheduling phrase never ("remains
                // suspended", "will be released" are no news).
                let change = |h: &Hit| {
                    tagged(h, StateCue::Change)
                        && !found.iter().any(|s| {
                            s.start <= h.start
                                && s.end >= h.end
                                && (tagged(s, StateCue::Steady) || tagged(s, StateCue::Scheduling))
                        })
                        && near(h)
                };
                if !found.iter().any(change) {
                    if let Some(h) = found.iter().find(|h| tagged(h, StateCue::Steady)) {
                        severity = Severity::Info;
                        context.push(concat(&[
                            "stated as unchanged: \"",
                            text.get(h.start..h.end).unwrap_or(""),
                            "\", with no word of a change; the policy names changes",
                        ]));
                    } else if let Some(h) = found
                        .iter()
                        .find(|h| tagged(h, StateCue::Scheduling) && near(h))
                        .filter(|_| !names_an_amount(seg_text))
                    {
                        severity = Severity::Info;
                        context.push(concat(&[
                            "scheduling notice: \"",
                            text.get(h.start..h.end).unwrap_or(""),
                            "\" says when the news comes out, with no amount and no word of a \
                             change; the date alone is rarely material",
                        ]));
                    }
                }
            }
            if let Some(hy) = hypothetical {
                severity = severity.lower();
                context.push(concat(&["hypothetical: ", hy]));
            }
            if furniture || seg.kind == SegmentKind::TableRow && signal.is_none() {
                severity = severity.lower();
            }
            // A restatement restates every term of the category in the sentence.
            let restatement = || {
                restated(&first.hit).filter(|_| live().skip(1).all(|x| restated(&x.hit).is_some()))
            };
            // Another party's news already out: "Tandem Outdoor filed chapter 11 this morning,
            // it's on the newswire" (a pointer to the press or wires in the sentence, the
            // term's clause in the third person).
            let others_news = || {
                already_public
                    .filter(|p| {
                        self.public_news_cues
                            .contains(&p.to_lowercase().replace('\u{2019}', "'"))
                    })
                    .and_then(|p| {
                        let (from, to) = clause_bounds(text, first.hit, seg);
                        (self.third_person_clause(text.get(from..to).unwrap_or(""))
                            || self.impersonal(seg_text, own_name))
                        .then(|| {
                            concat(&[
                                "another party's news, already public: \"",
                                p,
                                "\", told in the third person",
                            ])
                        })
                    })
            };
            // A named party's statement dated in the past: "Port operator Marisco Terminals
            // said in a statement on Monday that an unauthorized party had accessed a file
            // server".
            let others_news = || {
                others_news().or_else(|| {
                    self.reported_news(text, seg, first.hit, own_name, release.then_some("today"))
                })
            };
            // Risk-factor language with the event itself only possible: a modal in the
            // term's clause and a generic consequence in the sentence ("A breach of our
            // systems could disrupt operations and adversely affect our business"); not an
            // event stated as fact with its possible effect ("we found ransomware, and it could
            // adversely affect our business": the modal is in another clause).
            let possible_risk = || {
                let cons = cue_term(kind::RISK_CONSEQUENCE)?;
                let (from, to) = clause_bounds(text, first.hit, seg);
                // The clause up to its first modal must state nothing as done: no verb in the
                // past tense ("found", "encrypted") and no auxiliary ("was", "has").
                let mut modal = None;
                for w in text.get(from..to).unwrap_or("").split_whitespace() {
                    let w = bare_word(w);
                    if self.risk_modals.contains(&w) {
                        modal = Some(w);
                        break;
                    }
                    if self.stated_fact_words.contains(&w) || regular_past_tense(&w) {
                        return None;
                    }
                }
                let modal = modal?;
                (!specific()).then(|| {
                    concat(&[
                        "risk-factor language: \"",
                        &modal,
                        "\" … \"",
                        cons,
                        "\"; a possible event, not one that happened",
                    ])
                })
            };
            if let Some(why) = not_news
                .clone()
                .or_else(restatement)
                .or_else(others_news)
                .or_else(possible_risk)
            {
                severity = Severity::Info;
                context.push(why);
            }
            let mut matched: Vec<String> = Vec::new();
            for x in live() {
                let t = collapse_space(text.get(x.hit.start..x.hit.end).unwrap_or(""));
                if !matched.iter().any(|m| m.eq_ignore_ascii_case(&t)) {
                    matched.push(t);
                }
            }
            let texts = &self.texts[cat];
            let loc = doc.location_after(seg_located, first.hit.start);
            let message = {
                let mut m = String::with_capacity(
                    c.title.len()
                        + texts.why_first.len()
                        + matched.iter().map(|t| t.len() + 4).sum::<usize>()
                        + 8,
                );
                m.push_str(&c.title);
                m.push_str(": \"");
                for (i, t) in matched.iter().enumerate() {
                    if i > 0 {
                        m.push_str("\", \"");
                    }
                    m.push_str(t);
                }
                m.push_str("\" — ");
                m.push_str(&texts.why_first);
                m
            };
            let span = (first.hit.start, first.hit.end);
            out.push(Finding {
                rule: Arc::clone(&texts.rule),
                category: Arc::clone(&texts.category),
                severity,
                line: Some(loc.line),
                column: Some(loc.column),
                page: loc.page,
                start: Some(span.0),
                end: Some(span.1),
                excerpt: excerpt(text, (seg.start, seg.end), span),
                message,
                policy: Arc::clone(&texts.policy),
                matched,
                context,
                check: Some(Arc::clone(&texts.check)),
            });
        }
    }

    /// The first anchor of weak rule `rule` of category `cat` among `hits` (the segment's,
    /// ending by `seg_end`) near enough to `hit`; for a passage rule, else the first among the
    /// hits of the sentence before, else of the sentence after (`near`).
    fn anchor(
        &self,
        text: &str,
        hit: Hit,
        (cat, rule): (usize, usize),
        (hits, seg_end, near): (&[Hit], usize, Neighbours),
        any_exclusion: bool,
    ) -> Option<Hit> {
        let w = &self.categories[cat].weak[rule];
        let key = u32::try_from((cat << 16) | rule).ok()?;
        let found = hits.iter().copied().find(|a| {
            // An anchor must be a different word from the term itself, inside the segment.
            (a.end <= hit.start || a.start >= hit.end)
                && self.anchor_of(a, key, cat, (hits, seg_end), any_exclusion)
                && match w.scope {
                    Scope::Sentence | Scope::Passage => true,
                    // Skip counting a gap too wide to be in the window.
                    Scope::Window
                        if a.start
                            .saturating_sub(hit.end)
                            .max(hit.start.saturating_sub(a.end))
                            > (w.window + 1) * MAX_WORD_BYTES =>
                    {
                        false
                    }
                    Scope::Window => {
                        if a.end <= hit.start {
                            words_at_most(text, a.end, hit.start, w.window)
                        } else {
                            words_at_most(text, hit.end, a.start, w.window)
                        }
                    }
                }
        });
        if found.is_some() || !near.passage(w) {
            return found;
        }
        [near.before, near.after]
            .into_iter()
            .flatten()
            .find_map(|(other, end)| {
                other
                    .iter()
                    .copied()
                    .find(|a| self.anchor_of(a, key, cat, (other, end), true))
            })
    }

    /// Whether hit `a` of a segment whose hits are `hits` (ending by `seg_end`) is an anchor
    /// of the weak rule with key `key` (`cat << 16 | rule`, with [`REQUIRED`] for a `require`
    /// anchor) of category `cat`, and, when the segment has exclusions (`any_exclusion`), not
    /// inside one of the category.
    fn anchor_of(
        &self,
        a: &Hit,
        key: u32,
        cat: usize,
        (hits, seg_end): (&[Hit], usize),
        any_exclusion: bool,
    ) -> bool {
        a.end <= seg_end
            && self.anchor_cats[a.pattern] & (1 << cat) != 0
            && self.anchors[a.pattern].binary_search(&key).is_ok()
            // An exclusion vetoes the anchors it contains too: "system" in "immune system"
            // does not make "breach" a cyber incident.
            && !(any_exclusion && self.excluded(a, cat, hits))
    }

    /// Whether one of the `require` anchors of weak rule `rule` of category `cat` is among
    /// `hits` (the segment's, ending by `seg_end`), outside term `hit` and, as for
    /// [`Self::anchor`], not inside an exclusion of the category; for a passage rule, or in
    /// the sentence before or after (`near`).
    fn required(
        &self,
        hit: Hit,
        (cat, rule): (usize, usize),
        (hits, seg_end, near): (&[Hit], usize, Neighbours),
        any_exclusion: bool,
    ) -> bool {
        let Ok(key) = u32::try_from((cat << 16) | rule | REQUIRED) else {
            return false;
        };
        hits.iter().any(|a| {
            (a.end <= hit.start || a.start >= hit.end)
                && self.anchor_of(a, key, cat, (hits, seg_end), any_exclusion)
        }) || (near.passage(&self.categories[cat].weak[rule])
            && [near.before, near.after]
                .into_iter()
                .flatten()
                .any(|(other, end)| {
                    other
                        .iter()
                        .any(|a| self.anchor_of(a, key, cat, (other, end), true))
                }))
    }

    /// Whether an exclusion of category `cat` among `hits` covers `span` (a term or an
    /// anchor): "bankrupt of ideas" covers "bankrupt", "immune system" covers "system".
    fn excluded(&self, span: &Hit, cat: usize, hits: &[Hit]) -> bool {
        hits.iter().any(|x| {
            x.start <= span.start && x.end >= span.end && self.excludes[x.pattern] & (1 << cat) != 0
        })
    }

    /// For a weak rule with `company_anchor`: the first whole-word occurrence of the company's
    /// own name word `own` in segment `seg` outside term `hit`, as an anchor ("the
    /// Tesla/SolarCity merger").
    fn company_anchor(
        &self,
        text: &str,
        hit: Hit,
        (cat, rule): (usize, usize),
        seg: &Segment,
        own: Option<&str>,
    ) -> Option<Hit> {
        let own = own?;
        if !self.categories[cat].weak[rule].company_anchor {
            return None;
        }
        let sentence = text.get(seg.start..seg.end)?;
        let mut from = 0;
        while let Some(i) = sentence
            .get(from..)
            .and_then(|rest| find_ignore_ascii_case(rest, own))
        {
            let start = seg.start + from + i;
            let end = start + own.len();
            let bounded = |at: Option<char>| at.is_none_or(|c| !c.is_alphanumeric());
            if bounded(text.get(..start).and_then(|b| b.chars().next_back()))
                && bounded(text.get(end..).and_then(|a| a.chars().next()))
                && (end <= hit.start || start >= hit.end)
            {
                return Some(Hit {
                    start,
                    end,
                    pattern: usize::MAX,
                });
            }
            from += i + own.len();
        }
        None
    }

    /// Whether the sentence makes term `hit` of category `cat` a third party's event: with the
    /// category's `third_party_veto`, a third-party word ([`MnpiContext`](crate::dictionaries::MnpiContext) `third_parties`)
    /// before it within the window with no self-reference between, or "of" and a
    /// third-party word just after it; with its `third_party_possessive`, a third party's
    /// possessive right before it
    /// ("Bluefin Line's bankruptcy court", "filed its own Chapter 11 petition") unless the
    /// sentence named the company first or the possessor is the company (`own_word`: the first
    /// word of the document's `company` metadata, [`own_name_word`]; or a defined term, "the
    /// Utility's"). Where `own_word` is known, a named party's possessive further back in the
    /// same clause (within the third-party window, no self-reference after it) counts too:
    /// "Copperleaf's parent emerged from a chapter 11 reorganization".
    /// Not when "our" comes right before the term or a self-reference right after it ("to
    /// acquire us"). A third-party word inside a term of the category is part of that term,
    /// not a party ("critical-vendor agreements" is a bankruptcy term, not a vendor's event).
    /// `hits`: the segment's third-party and self-reference hits; `terms`: the segment's
    /// lexicon hits.
    fn third_party(
        &self,
        text: &str,
        hit: Hit,
        hits: &[Hit],
        seg: &Segment,
        (cat, terms): (usize, &[Hit]),
        own_word: Option<&str>,
    ) -> bool {
        let before = text.get(seg.start..hit.start).unwrap_or("").trim_end();
        let last_word = |s: &str| -> String {
            let w: String = s
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '&' | '.'))
                .collect();
            w.chars().rev().collect()
        };
        let prev = last_word(before);
        if prev.eq_ignore_ascii_case("our") {
            return false;
        }
        let is_self = |x: &Hit| self.parties.tags(x.pattern).contains(&Party::SelfReference);
        let of_category = |x: &Hit| {
            self.matcher.tags(x.pattern).iter().any(|t| {
                matches!(t, Tag::Term(TermRole::Strong { cat: c } | TermRole::Weak { cat: c, .. }) if *c == cat)
            })
        };
        let is_third = |x: &Hit| {
            self.parties.tags(x.pattern).contains(&Party::ThirdParty)
                && !terms
                    .iter()
                    .any(|t| t.start <= x.start && t.end >= x.end && of_category(t))
        };
        // The company's own name: the first word of its `company` metadata after a leading
        // "The". Between the party and the term it speaks of the company as a self-reference
        // does: "a buddy at one of their
        // distributors says Copperpot has bankers shopping the whole company".
        let self_between = |from: usize, to: usize| {
            hits.iter()
                .any(|x| x.start >= from && x.end <= to && is_self(x))
                || own_word.is_some_and(|own| {
                    text.get(from..to).is_some_and(|gap| {
                        gap.split(|c: char| !c.is_alphanumeric())
                            .any(|w| w.eq_ignore_ascii_case(own))
                    })
                })
        };
        // A self-reference just after the term, in the same clause: "agreed to acquire us".
        let self_after = hits.iter().any(|x| {
            x.start >= hit.end
                && x.end <= seg.end
                && is_self(x)
                && x.start - hit.end <= 3 * MAX_WORD_BYTES
                && text
                    .get(hit.end..x.start)
                    .is_some_and(|gap| !gap.contains([',', ';', ':', '.']))
                && words_at_most(text, hit.end, x.start, 2)
        });
        if self_after {
            return false;
        }
        if self.categories[cat].third_party_indefinite
            && self.unnamed_party_before(text, hit, seg, hits, own_word)
        {
            return true;
        }
        // The company's own name, as above ("Acme's Chapter 11 cases").
        let name = own_word;
        if self.categories[cat].third_party_possessive {
            // "its own Chapter 11", "their bankruptcy court", "Bluefin Line's bankruptcy".
            let drop_last = |s: &str, w: &str| -> String {
                s.get(..s.len() - w.len())
                    .unwrap_or("")
                    .trim_end()
                    .to_owned()
            };
            let (possessor, rest) = if prev.eq_ignore_ascii_case("own") {
                let r = drop_last(before, &prev);
                (last_word(&r), r)
            } else {
                (prev.clone(), before.to_owned())
            };
            // "the Utility's", "the Debtors'", "the Bank's": a defined term, which is how a
            // filing names the company itself.
            let defined_term = last_word(&drop_last(&rest, &possessor)).eq_ignore_ascii_case("the");
            let pronoun =
                possessor.eq_ignore_ascii_case("its") || possessor.eq_ignore_ascii_case("their");
            let named = possessor
                .strip_suffix("'s")
                .or_else(|| possessor.strip_suffix("\u{2019}s"))
                .or_else(|| possessor.strip_suffix('\''))
                .filter(|n| n.starts_with(|c: char| c.is_uppercase()));
            // "The Company filed its Chapter 11 petition": "its" is the company's.
            let company_named_first = hits.iter().any(|x| x.end <= hit.start && is_self(x));
            let own_name = named.is_some_and(|n| {
                defined_term
                    || n.eq_ignore_ascii_case("company")
                    || name.is_some_and(|c| n.eq_ignore_ascii_case(c))
            });
            if (pronoun && !company_named_first) || (named.is_some() && !own_name) {
                return true;
            }
            // A named party's possessive opening the clause, further back: "Copperleaf's
            // parent emerged from a chapter 11 reorganization", "Mr. Morrison's estate is in a
            // Chapter 7". Only where the company's own name is known (its `company`
            // metadata), so that "Acme's board approved the Chapter 11 filing" in a document
            // that does not say who Acme is keeps its finding.
            if let Some(own) = name {
                // Words of the clause before the term, nearest first, with their byte
                // offsets in `text` (`before` starts at the segment's start).
                let words: Vec<(usize, &str)> = before
                    .split_whitespace()
                    .map(|w| {
                        (
                            seg.start + (w.as_ptr() as usize - before.as_ptr() as usize),
                            w,
                        )
                    })
                    .collect();
                for (i, &(at, word)) in words.iter().rev().enumerate() {
                    if i >= self.third_party_window || word.contains(CLAUSE_BREAKS) {
                        break;
                    }
                    let word = word.trim_end_matches([',', ')', '"', '\u{201d}']);
                    let possessed = word
                        .strip_suffix("'s")
                        .or_else(|| word.strip_suffix("\u{2019}s"))
                        .map(|n| n.trim_start_matches(|c: char| !c.is_alphanumeric()))
                        .filter(|n| n.starts_with(|c: char| c.is_uppercase()));
                    let Some(party) = possessed else { continue };
                    let defined = words
                        .len()
                        .checked_sub(i + 2)
                        .and_then(|j| words.get(j))
                        .is_some_and(|&(_, w)| w.eq_ignore_ascii_case("the"));
                    let own_party = defined
                        || party.eq_ignore_ascii_case(own)
                        || party.eq_ignore_ascii_case("company");
                    if !own_party && !self_between(at, hit.start) && !company_named_first {
                        return true;
                    }
                    break;
                }
            }
        }
        if !self.categories[cat].third_party_veto {
            return false;
        }
        let window = self.third_party_window;
        // A clause break (";", ":", "…", "—", "?", "!") between the party and the term puts
        // them in different clauses: in "a customer asked about timing: the Chapter 11 filing
        // is set for Monday" the filing is the company's, not the customer's.
        // A question mark closing a parenthesis ("the tenant in Phoenix (Blockhaus?) filed")
        // is a doubt about a name, not the end of a clause.
        let same_clause = |from: usize, to: usize| {
            text.get(from..to).is_some_and(|gap| {
                !gap.contains([';', ':', '…', '—', '!'])
                    && !gap.contains("..")
                    && !gap
                        .match_indices('?')
                        .any(|(i, _)| !gap.get(i + 1..).is_some_and(|r| r.starts_with(')')))
            })
        };
        let third_before = hits.iter().any(|q| {
            q.end <= hit.start
                && is_third(q)
                && hit.start - q.end <= window * MAX_WORD_BYTES
                && window
                    .checked_sub(1)
                    .is_some_and(|most| words_at_most(text, q.end, hit.start, most))
                && !self_between(q.end, hit.start)
                && same_clause(q.end, hit.start)
        });
        let of_after = text
            .get(hit.end..)
            .unwrap_or("")
            .trim_start()
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("of "));
        let third_after = (of_after
            && hits.iter().any(|q| {
                q.start >= hit.end
                    && q.end <= seg.end
                    && is_third(q)
                    && q.start - hit.end <= 5 * MAX_WORD_BYTES
                    && words_at_most(text, hit.end, q.start, 4)
                    && !self_between(hit.end, q.start)
            }))
            || self.outsider_after(text, hit, seg, cat, name);
        third_before
            || third_after
            || (self.categories[cat].third_party_names
                && name.is_some_and(|own| {
                    let (clause_start, clause_end) = clause_bounds(text, hit, seg);
                    // The company named after the term in its clause ("Evermore Funeral Partners
                    // will acquire Quietwater") makes the event its own.
                    let own_after = text.get(hit.end..clause_end).is_some_and(|a| {
                        a.split(|c: char| !c.is_alphanumeric())
                            .any(|w| w.eq_ignore_ascii_case(own))
                    });
                    !own_after
                        && !hits
                            .iter()
                            .any(|x| x.start >= clause_start && x.end <= hit.start && is_self(x))
                        && self.named_party_before(
                            text.get(clause_start..hit.start).unwrap_or(""),
                            text.get(hit.end..clause_end).unwrap_or(""),
                            own,
                        )
                }))
    }

    /// Whether the clause of term `hit` makes its event an unnamed outsider's or a person's
    /// (categories with `third_party_indefinite`): "their", "his", "her" or "my" right before
    /// the term ("announced their own layoffs"), or, among the clause's last
    /// `third_party_window` words before the term, one of `party_determiners` opening a noun
    /// phrase whose head, at most four words on, is one of `party_nouns` ("a 9-site chain in
    /// Tucson that went into receivership", "one regional operator filed for Chapter 11").
    /// Never when the clause, before or after the term, speaks of the company: a
    /// self-reference other than the speaker's "I"/"me", "our"/"ours", or `own` (the first
    /// word of the company's name). The clause runs between the breaks ";", ":", "…", "—",
    /// "?" and "!" around the term, within the segment. `hits`: the segment's third-party and
    /// self-reference hits.
    fn unnamed_party_before(
        &self,
        text: &str,
        hit: Hit,
        seg: &Segment,
        hits: &[Hit],
        own: Option<&str>,
    ) -> bool {
        let (clause_start, clause_end) = clause_bounds(text, hit, seg);
        let speaks_of_company = hits.iter().any(|x| {
            x.start >= clause_start
                && x.end <= clause_end
                && self.parties.tags(x.pattern).contains(&Party::SelfReference)
                && !text
                    .get(x.start..x.end)
                    .is_some_and(|w| w.eq_ignore_ascii_case("i") || w.eq_ignore_ascii_case("me"))
        }) || text.get(clause_start..clause_end).is_some_and(|c| {
            c.split(|ch: char| !ch.is_alphanumeric()).any(|w| {
                w.eq_ignore_ascii_case("our")
                    || w.eq_ignore_ascii_case("ours")
                    || own.is_some_and(|o| w.eq_ignore_ascii_case(o))
            })
        });
        let before = text.get(clause_start..hit.start).unwrap_or("");
        let words: Vec<&str> = before.split_whitespace().collect();
        let words = words
            .get(words.len().saturating_sub(self.third_party_window)..)
            .unwrap_or(&[]);
        // "their own layoffs", "cut their dividend": the possessor is someone else. With
        // "own" even where the clause speaks of the company ("the manufacturers we serve
        // announced their own layoffs").
        let mut last = words.iter().rev().map(|w| bare_word(w));
        let (prev, own_stressed) = match last.next() {
            Some(w) if w == "own" => (last.next(), true),
            w => (w, false),
        };
        // "its lender pushed them into receivership": "them", as an object just before.
        let them = words.iter().rev().take(2).any(|w| bare_word(w) == "them");
        let outsider_possessive =
            them || prev.is_some_and(|w| matches!(w.as_str(), "their" | "his" | "her" | "my"));
        if outsider_possessive && own_stressed {
            return true;
        }
        if speaks_of_company {
            return false;
        }
        if outsider_possessive {
            return true;
        }
        // The phrase is the subject of the event: it opens the clause, follows a comma (an
        // appositive: "Ridgeview Living, a private operator of 22 buildings, filed") or a
        // conjunction, or a relative pronoun follows it ("he mentioned a chain in Tucson that
        // went into receivership"). As an object it is the company's act: "Agilent will shut
        // two small businesses".
        let opens = |j: usize| {
            j == 0
                || words.get(j - 1).is_some_and(|p| {
                    p.ends_with([',', '(']) || SUBJECT_OPENERS.contains(&bare_word(p).as_str())
                })
        };
        let relative_after = |k: usize| {
            words
                .get(k + 1..(k + 7).min(words.len()))
                .is_some_and(|after| {
                    after.iter().any(|w| {
                        matches!(bare_word(w).as_str(), "that" | "which" | "who" | "whose")
                    })
                })
        };
        words.iter().enumerate().any(|(k, w)| {
            self.party_nouns.contains(&bare_word(w))
                && (k.saturating_sub(5)..k).rev().any(|j| {
                    words.get(j).is_some_and(|d| {
                        self.party_determiners.contains(&bare_word(d))
                            // A comma between them ends the phrase: "a year ago, the
                            // operator".
                            && !words.get(j..k).is_some_and(|between| {
                                between.iter().any(|b| b.ends_with(','))
                            })
                            && (opens(j) || relative_after(k))
                    })
                })
        })
    }

    /// Whether the object of term `hit` names an outsider: the words after "of" among the
    /// first five words after the term ("the downgrade of four regional lenders", "Moody's
    /// upgraded the credit rating of industry leader Heritage Rest Corp."), or after a
    /// past-tense verb that is the term itself or right after it ("Fitch downgraded two
    /// hospitals", "Moody's lowered a regional bank to Ba2"). At most five
    /// words of that object, within the segment and up to a clause break, must hold one of
    /// `party_determiners` and, within three words, one of `party_nouns`, or, where the
    /// company's own name word `own` is known, two or more capitalized words that are not it.
    /// Never when a self-reference ("our", "us", "we", "the Company", `own`) comes between the
    /// term and the object. Each only for a category that opts into its rule before the term
    /// (`third_party_indefinite`, `third_party_names`): "the acquisition of a regional
    /// operator" is the company's deal.
    fn outsider_after(
        &self,
        text: &str,
        hit: Hit,
        seg: &Segment,
        cat: usize,
        own: Option<&str>,
    ) -> bool {
        let category = &self.categories[cat];
        if !category.third_party_indefinite && !category.third_party_names {
            return false;
        }
        let after = text.get(hit.end..seg.end).unwrap_or("");
        let clause = after
            .split([';', ':', '—', '?', '!', '.'])
            .next()
            .unwrap_or("");
        let all: Vec<&str> = clause.split_whitespace().take(10).collect();
        let past_verb = |w: &str| {
            let w = bare_word(w);
            regular_past_tense(&w) || PAST_ACTION_VERBS.contains(&w.as_str())
        };
        // "of" within the first five words; or a past-tense verb, the term itself ("Fitch
        // downgraded two hospitals") or the word opening the rest ("Moody's lowered a
        // regional bank"; not "lower" in "lower interest costs").
        let term_is_verb = text
            .get(hit.start..hit.end)
            .and_then(|t| t.split_whitespace().last())
            .is_some_and(past_verb);
        let object = all
            .iter()
            .take(5)
            .position(|w| bare_word(w) == "of")
            .map(|i| i + 1)
            .or_else(|| term_is_verb.then_some(0))
            .or_else(|| all.first().is_some_and(|w| past_verb(w)).then_some(1));
        let Some(object) = object else {
            return false;
        };
        let self_reference = all.get(..object).unwrap_or(&[]).iter().any(|w| {
            let w = bare_word(w);
            matches!(w.as_str(), "our" | "us" | "we" | "company" | "company's")
                || own.is_some_and(|o| w.eq_ignore_ascii_case(o))
        });
        if self_reference {
            return false;
        }
        let words: Vec<&str> = all.iter().skip(object).take(5).copied().collect();
        let indefinite = category.third_party_indefinite
            && words.iter().enumerate().any(|(j, d)| {
                self.party_determiners.contains(&bare_word(d))
                    && words
                        .iter()
                        .skip(j + 1)
                        .take(3)
                        .any(|n| self.party_nouns.contains(&bare_word(n)))
            });
        indefinite
            || own
                .filter(|_| category.third_party_names)
                .is_some_and(|own| {
                    !words.iter().any(|w| bare_word(w).eq_ignore_ascii_case(own))
                        && self.names_party(&words, own)
                })
    }

    /// Whether `clause` (the text of a clause before a term) names another company: a run
    /// of two or more capitalized words ("Starlume Theatres, a 90-site circuit, filed for
    /// Chapter 11", "when Moody's took Pelican Shores down a notch") among its last
    /// `third_party_window` words, none of them the company's own first name word `own` or
    /// a `not_party_names` word (rating agencies, courts, months), and no `adviser_verbs`
    /// word among those words ("Vantress Kell started drafting"). Not in title-case or
    /// all-caps text (headlines), where every word is capitalized: a clause of four or more
    /// words, `clause` and `after` (the rest of the clause after the term) together, more
    /// than half of them capitalized.
    fn named_party_before(&self, clause: &str, after: &str, own: &str) -> bool {
        let words: Vec<&str> = clause.split_whitespace().collect();
        let words = words
            .get(words.len().saturating_sub(self.third_party_window)..)
            .unwrap_or(&[]);
        // Headlines and shouting capitalize everything: no names to tell apart there. The
        // words after the term count too: a name of three words before a short verb, "Norhaven
        // Chassis Ltd went into administration yesterday afternoon UK time", is not a
        // headline. (A stricter test, "all words but one", was tried: it let "Also Vantress
        // Kell started drafting first-day papers" drop the company's own filing, its lawyers
        // being named.)
        let (all, caps) = words
            .iter()
            .copied()
            .chain(after.split_whitespace())
            .fold((0, 0), |(n, c), w| (n + 1, c + usize::from(capitalized(w))));
        if all >= 4 && caps * 2 > all {
            return false;
        }
        // A name that drafts or prepares something is the Company's adviser at work, not the
        // party the event befalls: "Also Vantress Kell started drafting first-day papers".
        if words
            .iter()
            .any(|w| self.adviser_verbs.contains(&bare_word(w)))
        {
            return false;
        }
        self.names_party(words, own)
    }

    /// Whether `words` hold a run of two or more capitalized words (a `not_party_names` word
    /// inside the run neither counts nor ends it; a comma or closing bracket ends it) and none
    /// of them is the company's own name word `own`.
    fn names_party(&self, words: &[&str], own: &str) -> bool {
        let mut run = 0;
        let mut own_named = false;
        let mut named = false;
        for w in words {
            let bare = w
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s");
            let neutral = self.not_party_names.contains(&bare.to_lowercase());
            let is_name = capitalized(w) && bare.chars().any(char::is_alphabetic) && !neutral;
            if is_name && bare.eq_ignore_ascii_case(own) {
                own_named = true;
            }
            // A capitalized `not_party_names` word inside a name neither counts nor ends it:
            // "Cressbrook Senior REIT" is a name, "Senior Notes" is not.
            run = if is_name {
                run + 1
            } else if neutral && capitalized(w) {
                run
            } else {
                0
            };
            if run >= 2 {
                named = true;
            }
            // A comma or a closing bracket ends the name: "Starlume Theatres, a circuit".
            if w.ends_with([',', ')', ']', '"', '\u{201d}']) {
                run = 0;
            }
        }
        named && !own_named
    }

    /// The severity a category starts from.
    #[must_use]
    pub fn base_severity(&self, category: &str) -> Option<Severity> {
        self.categories
            .iter()
            .find(|c| c.category == category)
            .map(|c| c.base_severity)
    }
}

/// Per pattern of `matcher`, the categories (bit `cat`) it is a topic word of: a strong term,
/// weak term or anchor (not a `require` anchor, which are mostly pronouns, amounts and
/// quarters) of at most `topic_max_categories` categories, with at least three letters, not
/// made only of `topic_stop_words` (`_context.toml`), and no context cue (a secrecy phrase
/// names no subject). All 0 when the topic rule is off (`topic_min_words = 0`).
fn topic_words(matcher: &TermMatcher<Tag>, ctx: &crate::dictionaries::MnpiContext) -> Vec<u32> {
    let stop: std::collections::HashSet<String> = lowered(&ctx.topic_stop_words);
    (0..matcher.len())
        .map(|p| {
            if ctx.topic_min_words == 0 {
                return 0;
            }
            let cats = matcher.tags(p).iter().fold(0u32, |k, t| match *t {
                Tag::Term(TermRole::Strong { cat } | TermRole::Weak { cat, .. }) => k | (1 << cat),
                Tag::Anchor { cat, rule } if rule & REQUIRED == 0 => k | (1 << cat),
                _ => k,
            });
            // A secrecy cue or any other context cue names no category's subject.
            if matcher.tags(p).iter().any(|t| matches!(t, Tag::Cue(_))) {
                return 0;
            }
            let term = matcher.term(p).trim_end_matches('*');
            let letters = term.chars().filter(|c| c.is_alphabetic()).count();
            let only_stop_words = term.split_whitespace().all(|w| stop.contains(w));
            if cats.count_ones() as usize > ctx.topic_max_categories
                || letters < 3
                || only_stop_words
            {
                0
            } else {
                cats
            }
        })
        .collect()
}

/// `patterns` (Rust `regex` syntax, from `mnpi/_context.toml`) as one case-insensitive
/// alternation, so a sentence is searched once for all of them; `None` if there are none.
/// `what` names the list in errors.
///
/// # Errors
/// [`Error::Dictionary`] naming the first pattern that does not compile, or the combined
/// alternation if it exceeds the size limit.
fn alternation(patterns: &[String], what: &str) -> Result<Option<Regex>> {
    // Validate each pattern on its own, for a precise error.
    for p in patterns {
        RegexBuilder::new(p)
            .build()
            .map_err(|e| Error::Dictionary {
                name: "mnpi/_context.toml".into(),
                message: format!("{what} pattern {p:?}: {e}"),
            })?;
    }
    if patterns.is_empty() {
        return Ok(None);
    }
    let joined = patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&joined)
        .case_insensitive(true)
        // ASCII word boundaries and case folding: the patterns are ASCII figures and words,
        // and Unicode `\b` makes the search about twice as slow (CRATES.md).
        .unicode(false)
        .size_limit(64 * 1024 * 1024)
        .build()
        .map(Some)
        .map_err(|e| Error::Dictionary {
            name: "mnpi/_context.toml".into(),
            message: format!("{what} patterns combined: {e}"),
        })
}

/// A heading names the topic of its section; the section says what is material about it.
/// A finding on a heading whose section (the blocks after it up to the next heading of the
/// same or a higher level) holds text but no amount and no finding above info goes to info:
/// "Fourth-quarter results" over "Gannetstone will report fourth-quarter results on March 3"
/// is a scheduling notice. A heading with no text under it (a title alone, a post's headline)
/// keeps its findings. `findings` are one document's MNPI findings, in text order.
fn settle_section_headings(doc: &Document, findings: &mut [Finding]) {
    // A heading's verdict, kept for its other findings (one per category it names).
    let mut last: Option<(usize, bool)> = None;
    for i in 0..findings.len() {
        if findings[i].severity == Severity::Info {
            continue;
        }
        let Some(b) = findings[i].start.and_then(|s| doc.block_at(s)) else {
            continue;
        };
        let Some(level) = heading_level(doc, b) else {
            continue;
        };
        let label = match last {
            Some((block, label)) if block == b => label,
            _ => {
                let label = heading_is_a_label(doc, b, level, findings);
                last = Some((b, label));
                label
            }
        };
        if label {
            let f = &mut findings[i];
            f.severity = Severity::Info;
            f.context
                .push("a heading whose section says nothing material".to_string());
        }
    }
}

/// Whether heading block `b` (of `level`) labels a section that has text but no amount and
/// no finding above info ([`settle_section_headings`]).
fn heading_is_a_label(doc: &Document, b: usize, level: u8, findings: &[Finding]) -> bool {
    let section_end = (b + 1..doc.blocks.len())
        .find(|&n| heading_level(doc, n).is_some_and(|l| l <= level))
        .unwrap_or(doc.blocks.len());
    let has_text = (b + 1..section_end)
        .any(|n| heading_level(doc, n).is_none() && !doc.block_text(n).trim().is_empty());
    // Figures under the heading are its content even where no term names them (a
    // guidance table under "Updated full-year guidance").
    let has_figures = (b + 1..section_end).any(|n| names_an_amount(doc.block_text(n)));
    if !has_text || has_figures {
        return false;
    }
    let (from, to) = (
        doc.blocks.get(b + 1).map_or(usize::MAX, |x| x.start),
        doc.blocks.get(section_end).map_or(usize::MAX, |x| x.start),
    );
    // Any category: a heading also labels what its section says in other words
    // ("2026 outlook" over a table of earnings figures). Findings come in text order and
    // a section starts at a block boundary, so the section's findings are one run, found
    // by bisection (a long document has many headings).
    let first = findings.partition_point(|f| f.start.is_some_and(|s| s < from));
    let material = findings
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(|f| f.start.is_some_and(|s| s < to))
        .any(|f| f.severity > Severity::Info);
    !material
}

/// The level of block `b` if it is a heading.
fn heading_level(doc: &Document, b: usize) -> Option<u8> {
    match doc.blocks.get(b).map(|x| &x.kind) {
        Some(BlockKind::Heading { level }) => Some(*level),
        _ => None,
    }
}

/// Whether `text` states an amount: a currency sign ("$4.2", "€ 30", a statement's lone
/// "$" cell; not a cashtag's "$YUM"), a percent sign, a figure with a thousands separator
/// ("(39,525", a statement's cell), or "percent", "million" or "billion" (ASCII
/// case-insensitive). A date's "March 3, 2027" is none.
fn names_an_amount(text: &str) -> bool {
    let b = text.as_bytes();
    // A currency sign, but not a cashtag's ("$YUM"): a statement's "$" cell stands alone.
    let currency = text
        .match_indices(['$', '\u{20ac}', '\u{a3}', '\u{a5}'])
        .any(|(i, c)| {
            !text
                .get(i + c.len()..)
                .is_some_and(|rest| rest.starts_with(|l: char| l.is_ascii_alphabetic()))
        });
    currency
        || text.contains('%')
        || b.windows(5)
            .any(|w| w[0].is_ascii_digit() && w[1] == b',' && w[2..].iter().all(u8::is_ascii_digit))
        || ["percent", "million", "billion"].iter().any(|w| {
            b.windows(w.len())
                .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
        })
}

/// Whether `gap` (the text between a negation cue and a term) lists noun phrases the cue
/// distributes over, the term being the next item: the gap ends with a comma or with
/// "or"/"nor"/"and", each item has at most four words, and no word starts a new clause (a
/// pronoun, an auxiliary or modal verb, a relative pronoun). "the absence of any insolvency
/// proceeding, receivership or bankruptcy event" negates "bankruptcy event"; "no layoffs,
/// and we will close two plants" and "no one called, the staff found ransomware" do not.
fn coordinated_list(gap: Option<&str>) -> bool {
    const CLAUSE_WORDS: [&str; 35] = [
        "we", "i", "you", "he", "she", "it", "they", "us", "our", "that", "which", "who", "is",
        "are", "was", "were", "be", "been", "will", "would", "shall", "should", "can", "could",
        "may", "might", "must", "has", "have", "had", "do", "does", "did", "but", "then",
    ];
    let Some(gap) = gap else { return false };
    if gap.contains([';', ':', '.', '?', '!', '—', '…', '(', ')']) {
        return false;
    }
    let trimmed = gap.trim_end();
    let last = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !(trimmed.ends_with(',') || matches!(last.as_str(), "or" | "nor" | "and")) {
        return false;
    }
    let mut item_words = 0;
    for w in trimmed.split_whitespace() {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        if CLAUSE_WORDS.contains(&bare.as_str()) {
            return false;
        }
        if matches!(bare.as_str(), "or" | "nor" | "and") {
            item_words = 0;
            continue;
        }
        item_words += 1;
        if item_words > 4 {
            return false;
        }
        if w.ends_with(',') {
            item_words = 0;
        }
    }
    true
}

/// Irregular past-tense verbs that open a rating or credit action's object ("S&P cut a
/// regional lender to BB"); regular ones end in "-ed".
const PAST_ACTION_VERBS: [&str; 6] = ["cut", "put", "took", "kept", "sent", "hit"];

/// Words after which a noun phrase starts a clause as its subject: conjunctions, adverbs
/// that open a sentence, complementizers ("we heard that a rival chain had filed").
const SUBJECT_OPENERS: [&str; 18] = [
    "and",
    "but",
    "or",
    "while",
    "whereas",
    "when",
    "as",
    "after",
    "since",
    "because",
    "though",
    "although",
    "meanwhile",
    "also",
    "plus",
    "that",
    "where",
    "then",
];

/// Whether word `w` starts with a capital letter after any leading punctuation ("(Pine",
/// "\"Starlume").
fn capitalized(w: &str) -> bool {
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_uppercase)
}

/// `w` lower-cased without the punctuation around it (a hyphen inside stays: "start-up").
fn bare_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// [`bare_word`] with the typographic apostrophe read as `'` ("we’re" is "we're"), as the
/// person-word lists are written.
fn person_word(w: &str) -> String {
    bare_word(w).replace('\u{2019}', "'")
}

/// Whether the [`bare_word`] `w` has the regular past-tense ending: "-ed" after at least two
/// letters ("used", "downgraded", "agreed"), not the "-eed" of "need", "exceed", "proceed".
fn regular_past_tense(w: &str) -> bool {
    w.len() > 3 && w.ends_with("ed") && (!w.ends_with("eed") || w.ends_with("reed"))
}

/// The company's own name word: the first word of its `company` metadata after a leading
/// "The", without surrounding punctuation ("Tesla, Inc." → "Tesla"); `None` if empty.
pub(crate) fn own_name_word(company: &str) -> Option<&str> {
    company
        .split_whitespace()
        .find(|w| !w.eq_ignore_ascii_case("the"))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` in `haystack`.
fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| {
        haystack.is_char_boundary(i)
            && h.get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// The year a document speaks from: its `disclosed_at` (in its own offset), else the first
/// year (1900–2099) in its file name ("2026-03-08_cold-hard-income.md", "AA_2005-01-11_8-K.txt").
pub(crate) fn document_year(doc: &Document) -> Option<i32> {
    if let Some(at) = doc.metadata.disclosed_at {
        return Some(chrono::Datelike::year(&at));
    }
    let name = std::path::Path::new(doc.path.split('#').next().unwrap_or(""))
        .file_name()?
        .to_str()?;
    years_in(name, |c| !c.is_ascii_digit()).next()
}

/// The years 1900–2099 written as four digits in `s`, in order, each between bytes for which
/// `boundary` holds (or the ends of `s`): with `|c| !c.is_ascii_digit()`, "AA_2005-01-11"
/// gives 2005; with `|c| !c.is_ascii_alphanumeric()`, "FY2024" gives none.
pub(crate) fn years_in(s: &str, boundary: impl Fn(u8) -> bool) -> impl Iterator<Item = i32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).filter_map(move |i| {
        let digits = b.get(i..i + 4)?;
        let bounded = (i == 0 || boundary(b[i - 1])) && b.get(i + 4).is_none_or(|&c| boundary(c));
        (bounded
            && digits.iter().all(u8::is_ascii_digit)
            && (digits.starts_with(b"19") || digits.starts_with(b"20")))
        .then(|| s.get(i..i + 4)?.parse().ok())
        .flatten()
    })
}

/// The date phrases in `sentence` that date an event ("in 2009", "in the summer of 2024", "in
/// fiscal 2019", "in the fourth quarter of 2018", "in the 1990s", "seven
/// years after" with at least `min_years` years), as byte ranges in `sentence`. The caller has
/// checked that no year in the sentence is recent. Not "since 2011" (a span that runs to the present: "asset
/// sales since 2017", "restated all periods since 2021"), nor a comparison's baseline
/// ("compared to the same period in 2019", "up from 2019", "than in 2019").
fn historical_dates(sentence: &str, min_years: i32) -> Vec<(usize, usize)> {
    static DATED: std::sync::LazyLock<Option<Regex>> = std::sync::LazyLock::new(|| {
        RegexBuilder::new(
            r"\b(?:in|during|back\s+in|as\s+early\s+as|as\s+far\s+back\s+as)\s+(?:(?:early|late|mid|mid-|the\s+(?:spring|summer|fall|autumn|winter)\s+of|(?:january|february|march|april|may|june|july|august|september|october|november|december))\s+)?(?:(?:fiscal|calendar)\s+(?:year\s+)?|fy\s?|(?:the\s+)?(?:first|second|third|fourth)\s+quarter\s+(?:of\s+)?|q[1-4]\s+)?(?:(?:19|20)\d{2}\b|the\s+(?:early\s+|late\s+|mid-?)?(?:19[0-9]0|(?:'|’)[5-9]0)s\b)",
        )
        .case_insensitive(true)
        .unicode(false)
        .build()
        .ok()
    });
    let Some(dated) = DATED.as_ref() else {
        return Vec::new();
    };
    // "Seven years after the merger that created Ridgeline", "two years ago".
    let counted = ELAPSED.as_ref().into_iter().flat_map(|re| {
        re.captures_iter(sentence).filter_map(move |c| {
            let years = match c.get(1) {
                Some(n) => {
                    let n = n.as_str().to_ascii_lowercase();
                    n.parse::<i32>().ok().or_else(|| {
                        NUMBER_WORDS
                            .iter()
                            .position(|w| *w == n)
                            .and_then(|i| i32::try_from(i).ok())
                    })?
                }
                // "several years ago", "a decade ago": more than a year, whatever the floor.
                None => min_years,
            };
            let m = c.get(0)?;
            // "7.6 years after the refinancing" is a maturity, not "6 years after".
            let part_of_number = sentence
                .get(..m.start())
                .and_then(|b| b.chars().next_back())
                .is_some_and(|ch| ch == '.' || ch == ',' || ch.is_ascii_digit());
            (years >= min_years
                && !part_of_number
                && !baseline_before(sentence.get(..m.start()).unwrap_or("")))
            .then_some((m.start(), m.end()))
        })
    });
    dated
        .find_iter(sentence)
        .filter(|m| !baseline_before(sentence.get(..m.start()).unwrap_or("")))
        .map(|m| (m.start(), m.end()))
        .chain(counted)
        .collect()
}

/// Sends to info each finding in the text `inside` picks out (by its start, a byte offset)
/// whose category has a finding above info earlier in the document, in text order: the
/// later mentions of one event. Its context gets `why(rule, at)`, where `at` is " at line N"
/// of that first finding (empty where its line is unknown). A category first met inside
/// keeps that first finding.
fn settle_repeats(
    findings: &mut [Finding],
    inside: impl Fn(usize) -> bool,
    why: impl Fn(&str, &str) -> String,
) {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].start.unwrap_or(usize::MAX));
    // The first above info of each category, by its line.
    let mut first: Vec<(std::sync::Arc<str>, Option<u32>)> = Vec::new();
    for i in order {
        let f = &mut findings[i];
        if f.severity == Severity::Info {
            continue;
        }
        let earlier = first.iter().find(|(c, _)| **c == *f.category).map(|x| x.1);
        match earlier {
            Some(line) if f.start.is_some_and(&inside) => {
                f.severity = Severity::Info;
                let at = line.map_or_else(String::new, |l| format!(" at line {l}"));
                f.context.push(why(&f.rule, &at));
            }
            Some(_) => {}
            None => first.push((f.category.clone(), f.line)),
        }
    }
}

/// The restated-filing rule (`restated_filing_cues` in `_context.toml`): a filing that
/// re-presents reports already filed ("The financial information included as exhibits to
/// this Current Report on Form 8-K updates certain portions of the Annual Report on Form
/// 10-K … to reclassify the results of certain discontinued operations"). From `from` (the
/// byte offset of the sentence holding `cue`) to the end, a finding of a category already
/// flagged above info goes to info: the recast statements, notes and MD&A tell events the
/// earlier filings made public (Insider Trading Policy IV.C), and the recast is flagged once
/// per category.
fn settle_restated_filing(doc: &Document, cue: Hit, from: usize, findings: &mut [Finding]) {
    let phrase = doc.text.get(cue.start..cue.end).unwrap_or_default();
    let line = doc.location(cue.start).line;
    settle_repeats(
        findings,
        |s| s >= from,
        |rule, at| {
            format!(
                "the filing re-presents reports already filed (\"{phrase}\" at line {line}): \
                 the events they tell were made public in those reports; {rule} is flagged \
                 first{at}"
            )
        },
    );
}

/// Byte ranges `[start, end)` of `text`, in order and disjoint, that are the operative text
/// of a legal instrument ([`MnpiLexicon::settle_legal_instruments`]): each run of
/// `rule.window` consecutive segments of `rule.min_words` words or more (shorter ones are
/// skipped, neither counted nor breaking the run) of which `rule.min_marked` hold a drafting
/// word (their indices are `drafting`, in order) gives the span from the run's first such
/// segment to its last; overlapping spans merge.
fn legal_regions(
    rule: LegalRule,
    text: &str,
    segments: &[Segment],
    drafting: &[usize],
) -> Vec<(usize, usize)> {
    if drafting.len() < rule.min_marked {
        return Vec::new();
    }
    // The counted segments: (start, end, holds a drafting word).
    let counted: Vec<(usize, usize, bool)> = segments
        .iter()
        .enumerate()
        .filter(|(_, seg)| {
            text.get(seg.start..seg.end).is_some_and(|t| {
                t.split_whitespace().take(rule.min_words).count() >= rule.min_words
            })
        })
        .map(|(i, seg)| (seg.start, seg.end, drafting.binary_search(&i).is_ok()))
        .collect();
    let mut regions: Vec<(usize, usize)> = Vec::new();
    if counted.len() < rule.window {
        return regions;
    }
    let mut marked = counted[..rule.window].iter().filter(|c| c.2).count();
    for j in 0..=counted.len() - rule.window {
        if j > 0 {
            marked -= usize::from(counted[j - 1].2);
            marked += usize::from(counted[j + rule.window - 1].2);
        }
        if marked < rule.min_marked {
            continue;
        }
        let run = &counted[j..j + rule.window];
        let (Some(a), Some(b)) = (run.iter().find(|c| c.2), run.iter().rev().find(|c| c.2)) else {
            continue;
        };
        match regions.last_mut() {
            Some(last) if a.0 <= last.1 => last.1 = last.1.max(b.1),
            _ => regions.push((a.0, b.1)),
        }
    }
    regions
}

/// Whether `sentence` is the definition of a defined term, as credit and merger agreements
/// write them: a quoted term of at most eight words, then "means", "shall mean" or "has the
/// meaning" (""Debt Rating" means, as of any date, the senior unsecured … rating").
fn defines_a_term(sentence: &str) -> bool {
    let t = sentence.trim_start();
    // An enumeration before it: "(b)", "(iv)", "1.", "a)".
    let t = match t.split_once(char::is_whitespace) {
        Some((first, rest))
            if first.len() <= 6
                && (first.ends_with(')') || first.ends_with('.'))
                && first
                    .trim_matches(['(', ')', '.'])
                    .chars()
                    .all(char::is_alphanumeric) =>
        {
            rest.trim_start()
        }
        _ => t,
    };
    let Some(rest) = t.strip_prefix('"').or_else(|| t.strip_prefix('\u{201c}')) else {
        return false;
    };
    let Some(close) = rest.find(['"', '\u{201d}']) else {
        return false;
    };
    let term = rest.get(..close).unwrap_or("");
    let after = rest
        .get(close..)
        .and_then(|a| a.get(a.chars().next().map_or(0, char::len_utf8)..))
        .unwrap_or("")
        .trim_start();
    let starts = |m: &str| {
        after
            .get(..m.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(m))
    };
    !term.is_empty()
        && term.split_whitespace().count() <= 8
        && [
            "means",
            "shall mean",
            "has the meaning",
            "shall have the meaning",
        ]
        .into_iter()
        .any(starts)
}

/// Whether `sentence` names a year (1900–2099) later than `latest`.
fn names_year_after(sentence: &str, latest: i32) -> bool {
    static YEAR: std::sync::LazyLock<Option<Regex>> = std::sync::LazyLock::new(|| {
        RegexBuilder::new(r"\b(?:19|20)\d{2}\b")
            .unicode(false)
            .build()
            .ok()
    });
    YEAR.as_ref().is_some_and(|re| {
        re.find_iter(sentence)
            .filter_map(|m| m.as_str().parse::<i32>().ok())
            .any(|y| y > latest)
    })
}

/// Whether the last seven words of `before` make a date that follows them a comparison's
/// baseline or a span's start: "compared to the same period in 2019", "versus two years ago",
/// "over fourth quarter 2010", "since our inception more than five years ago", "compared to
/// an increase of 37.9% in fiscal 2021".
fn baseline_before(before: &str) -> bool {
    before.split_whitespace().rev().take(7).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        matches!(
            w.as_str(),
            "compared"
                | "comparable"
                | "versus"
                | "vs"
                | "than"
                | "relative"
                | "against"
                | "from"
                | "over"
                | "period"
                | "periods"
                | "same"
                | "since"
        )
    })
}

/// Number words by value (index), for elapsed-time phrases ("seven years ago").
const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// "N years ago/after/earlier/before", N a number or a number word (group 1); also the
/// unnumbered spans of several years, "a few / several / many years ago", "a decade
/// ago", "decades earlier" (no group 1: at least two years).
static ELAPSED: std::sync::LazyLock<Option<Regex>> = std::sync::LazyLock::new(|| {
    RegexBuilder::new(
        r"\b(?:(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+years|(?:a\s+few|several|many)\s+years|(?:a|one)\s+decade|decades)\s+(?:ago|after|earlier|before)\b",
    )
    .case_insensitive(true)
    .unicode(false)
    .build()
    .ok()
});

/// Whether the [`bare_word`] `w` is "will", "shall" or a contraction of "will" ("we'll").
fn is_will(w: &str) -> bool {
    matches!(w, "will" | "shall") || w.ends_with("'ll") || w.ends_with("\u{2019}ll")
}

/// Whether `text` holds "will", "shall" or a contraction of "will" ("we'll"), as words.
fn says_will(text: &str) -> bool {
    text.split_whitespace().any(|w| is_will(&bare_word(w)))
}

/// The clause of term `hit` within segment `seg`: byte offsets in `text` from just after the
/// last clause break (";", ":", "…", "—", "?", "!") before the term to the first one after it,
/// else the segment's bounds.
fn clause_bounds(text: &str, hit: Hit, seg: &Segment) -> (usize, usize) {
    let start = text
        .get(seg.start..hit.start)
        .and_then(|b| {
            b.char_indices()
                .rev()
                .find(|(_, c)| CLAUSE_BREAKS.contains(c))
        })
        .map_or(seg.start, |(i, c)| seg.start + i + c.len_utf8());
    let end = text
        .get(hit.end..seg.end)
        .and_then(|a| a.find(CLAUSE_BREAKS))
        .map_or(seg.end, |i| hit.end + i);
    (start, end)
}

/// `parts` joined, in a string allocated once at its final size.
fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `words` in lower case, as a `Vec` or a set: context lists are compared with lower-cased
/// text, whatever case a dictionary writer typed them in.
fn lowered<C: FromIterator<String>>(words: &[String]) -> C {
    words.iter().map(|w| w.to_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionaries::{MnpiContext, WeakRule};
    use crate::document::{SourceFormat, SourcePos};
    use crate::segment::segment;

    fn cat(name: &str, strong: &[&str], weak: Vec<WeakRule>, exclude: &[&str]) -> MnpiCategory {
        MnpiCategory {
            version: 1,
            category: name.into(),
            title: name.into(),
            policy: "Insider Trading Policy IV.B(x)".into(),
            summary: String::new(),
            why: "Because. Really.".into(),
            check: "Check it.".into(),
            example: String::new(),
            counter_example: None,
            base_severity: Severity::Medium,
            strong: strong.iter().map(|s| (*s).to_owned()).collect(),
            weak,
            exclude: exclude.iter().map(|s| (*s).to_owned()).collect(),
            sentence_exclude: if name == "bankruptcy" {
                vec!["events of default".into()]
            } else {
                Vec::new()
            },
            counter_cues: if name == "dividends" {
                vec!["stopped paying".into()]
            } else {
                Vec::new()
            },
            counter_window: 4,
            steady_cues: if name == "dividends" {
                vec![
                    "unchanged".into(),
                    "regular quarterly".into(),
                    "remains suspended".into(),
                ]
            } else {
                Vec::new()
            },
            change_cues: if name == "dividends" {
                vec![
                    "increase".into(),
                    "suspend".into(),
                    "suspended".into(),
                    "reduces".into(),
                ]
            } else {
                Vec::new()
            },
            scheduling_cues: Vec::new(),
            negatable: name != "dividends",
            third_party_veto: name == "bankruptcy",
            third_party_possessive: name == "bankruptcy",
            third_party_names: name == "bankruptcy",
            third_party_indefinite: name == "bankruptcy",
        }
    }

    fn lexicon() -> MnpiLexicon {
        let mut d = Dictionaries::embedded().unwrap();
        d.mnpi = vec![
            cat(
                "cybersecurity",
                &["ransomware"],
                vec![WeakRule {
                    name: "breach near systems".into(),
                    terms: vec!["breach*".into()],
                    anchors: vec!["systems".into(), "data".into()],
                    scope: Scope::Window,
                    window: 5,
                    company_anchor: true,
                    require: Vec::new(),
                }],
                &["breach of etiquette", "immune systems"],
            ),
            cat(
                "dividends",
                &["special dividend", "quarterly dividend"],
                vec![],
                &[],
            ),
            cat(
                "bankruptcy",
                &[
                    "chapter 11",
                    "filed for chapter 11",
                    "bankruptcy court",
                    "critical supplier agreements",
                ],
                vec![],
                &[],
            ),
        ];
        d.mnpi_context = MnpiContext {
            version: 1,
            negation: vec!["no".into(), "not".into()],
            negation_window: 4,
            negation_exceptions: vec!["not only".into()],
            hypothetical: vec!["if".into()],
            already_public: vec!["as previously announced".into()],
            signal_words: vec!["record".into()],
            signal_patterns: vec![r"\$\d+".into()],
            third_parties: vec![
                "supplier".into(),
                "supplies".into(),
                "customer".into(),
                "counterparty".into(),
            ],
            self_references: vec!["we".into(), "us".into(), "the company".into()],
            third_party_window: 12,
            historical_years: 2,
            not_party_names: ["moody", "court", "the", "united", "states", "bankruptcy"]
                .map(String::from)
                .to_vec(),
            party_nouns: ["chain", "chains", "operator", "operators", "firm"]
                .map(String::from)
                .to_vec(),
            party_determiners: ["a", "one", "another", "my", "their"]
                .map(String::from)
                .to_vec(),
            adviser_verbs: vec!["drafting".into()],
            public_records: vec!["press release".into(), "form 10-q".into()],
            risk_conditions: vec!["if we are unable".into()],
            risk_consequences: vec!["could adversely affect".into()],
            policy_talk: vec!["among the subjects".into()],
            ..MnpiContext::default()
        };
        MnpiLexicon::new(&d).unwrap()
    }

    fn run(text: &str) -> Vec<Finding> {
        run_blocks(&[(BlockKind::Paragraph, text)])
    }

    proptest::proptest! {
        /// The early-exit count agrees with `words_between` for every bound.
        #[test]
        fn words_at_most_agrees_with_words_between(
            t in "[ a-c1,\t\n\u{a0}é.—-]{0,40}",
            from in 0usize..44,
            to in 0usize..44,
            max in 0usize..8,
        ) {
            let n = super::super::matcher::words_between(&t, from, to);
            proptest::prop_assert_eq!(words_at_most(&t, from, to, max), n <= max);
        }
    }

    #[test]
    fn strong_terms_flag_alone_and_weak_terms_need_anchors() {
        assert_eq!(run("We found ransomware.").len(), 1);
        assert!(run("The breach was small.").is_empty());
        let f = run("Attackers breached our systems. Unrelated.");
        assert_eq!(f.len(), 1);
        assert_eq!(&*f[0].rule, "mnpi.cybersecurity");
        assert_eq!(f[0].column, Some(11));
        assert!(
            f[0].context[0].contains("near \"systems\""),
            "{:?}",
            f[0].context
        );
        // Anchor too far away for the window.
        assert!(run("A breach happened at the one two three four five six systems.").is_empty());
    }

    #[test]
    fn a_rule_with_require_needs_one_of_each_anchor_set_in_the_sentence() {
        let mut d = Dictionaries::embedded().unwrap();
        d.mnpi = vec![cat(
            "insider_trading",
            &[],
            vec![WeakRule {
                name: "a trade by someone who had the news first".into(),
                terms: vec!["sold".into(), "bought".into()],
                anchors: vec!["compliance".into(), "told him".into()],
                scope: Scope::Sentence,
                window: 8,
                company_anchor: false,
                require: vec!["shares".into(), "stock".into()],
            }],
            &[],
        )];
        let lex = MnpiLexicon::new(&d).unwrap();
        let detect = |t: &str| detect_blocks(&lex, &[(BlockKind::Paragraph, t)]);
        // Both sets present: flagged, wherever the second anchor is.
        assert_eq!(
            detect("Compliance pinged me that Kyle sold about 3,000 shares at the open.").len(),
            1
        );
        assert_eq!(
            detect("She told him to hang on, and he bought more of the stock.").len(),
            1
        );
        // One set alone is not enough, nor is the second set in another sentence.
        assert!(detect("Compliance says we sold the Dayton plant.").is_empty());
        assert!(detect("He sold 3,000 shares.").is_empty());
        assert!(detect("Compliance says we sold the plant. The shares rose.").is_empty());
    }

    /// A lexicon of one category with one weak rule of scope `scope`, and `not_public_cues`.
    fn one_rule(scope: Scope, require: &[&str], not_public: &[&str]) -> MnpiLexicon {
        let mut d = Dictionaries::embedded().unwrap();
        d.mnpi = vec![cat(
            "management_board_changes",
            &[],
            vec![WeakRule {
                name: "an officer leaving".into(),
                terms: vec!["his last day".into(), "resigned".into()],
                anchors: vec!["cfo".into(), "chief financial officer".into()],
                scope,
                window: 8,
                company_anchor: false,
                require: require.iter().map(|&r| r.into()).collect(),
            }],
            &["the cfo role"],
        )];
        d.mnpi_context.not_public_cues = not_public.iter().map(|&c| c.into()).collect();
        MnpiLexicon::new(&d).unwrap()
    }

    #[test]
    fn a_passage_rule_finds_its_anchor_in_the_sentence_or_message_before_or_after() {
        let lex = one_rule(Scope::Passage, &[], &[]);
        let p = BlockKind::Paragraph;
        let detect = |blocks: &[(BlockKind, &str)]| detect_blocks(&lex, blocks);
        // Same paragraph, the sentence before.
        let f = detect(&[(
            p.clone(),
            "Dana has been our CFO since 2019. She resigned on Friday.",
        )]);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].context[0].contains("\"CFO\" in the sentence before"),
            "{:?}",
            f[0].context
        );
        // The next chat message (a block of its own).
        let f = detect(&[
            (
                p.clone(),
                "[07:33] Keisha: like gone gone. friday is his last day",
            ),
            (p.clone(), "[07:34] Wes: CFO Graham??"),
        ]);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].context[0].contains("in the sentence after"),
            "{:?}",
            f[0].context
        );
        // Two sentences away, a heading between, or an anchor inside an exclusion: no finding.
        assert!(detect(&[(p.clone(), "Our CFO spoke. Sales rose. He resigned.")]).is_empty());
        assert!(
            detect(&[
                (p.clone(), "Our CFO spoke at the conference."),
                (BlockKind::Heading { level: 2 }, "People"),
                (p.clone(), "He resigned."),
            ])
            .is_empty()
        );
        assert!(detect(&[(p.clone(), "We posted the CFO role. He resigned.")]).is_empty());
        // A sentence-scope rule does not look next door.
        let lex = one_rule(Scope::Sentence, &[], &[]);
        assert!(detect_blocks(&lex, &[(p, "Dana is our CFO. She resigned.")]).is_empty());
    }

    #[test]
    fn detecting_piece_by_piece_finds_what_one_pass_over_the_text_finds() {
        // The embedded dictionaries over a document of many sentences and categories, with a
        // passage rule's anchor in the sentence before, and the writer's not-public word only
        // near the end: it widens sentence rules in the earlier pieces too.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let p = BlockKind::Paragraph;
        let body = [
            "We signed the definitive merger agreement this morning.",
            "Our CFO spoke at the offsite. He resigned on Friday.",
            "Revenue for the third quarter will come in at $412 million, below guidance.",
            "The weather was fine and the team had lunch.",
            "We identified unauthorized access to our systems and customer data.",
            "The board approved a two-for-one stock split.",
            "Chapter 11 is on the table. The lenders said no.",
        ];
        let mut blocks: Vec<(BlockKind, &str)> = Vec::new();
        for _ in 0..40 {
            blocks.extend(body.iter().map(|t| (p.clone(), *t)));
        }
        blocks.push((p.clone(), "This stays between us until we announce."));
        let doc = doc_of_blocks(&blocks);
        let segs = segment(&doc);
        let whole = lex.detect_in_pieces(&doc, &segs, usize::MAX, None, None);
        assert!(whole.len() > 40 * 4, "{}", whole.len());
        // The cue at the end changes findings in the first sentences.
        let without = lex.detect_in_pieces(&doc, &segs[..segs.len() - 1], usize::MAX, None, None);
        assert_ne!(whole[..8], without[..8]);
        for piece in [1, 100, 700, 4096] {
            assert_eq!(
                lex.detect_in_pieces(&doc, &segs, piece, None, None),
                whole,
                "{piece}"
            );
        }
        // The matching pass alone, cut anywhere (inside words too).
        let all = lex.matcher.find(&doc.text);
        for piece in [1, 7, 64, 1000] {
            let mut pieces = Vec::new();
            let mut lo = 0;
            while lo < doc.text.len() {
                let hi = (lo + piece).min(doc.text.len());
                lex.matcher
                    .find_starting_in(&doc.text, (lo, hi), &mut pieces);
                lo = hi;
            }
            assert_eq!(pieces, all, "{piece}");
        }
    }

    #[test]
    fn a_passage_rule_takes_its_require_anchor_from_the_passage_too() {
        let lex = one_rule(Scope::Passage, &["effective"], &[]);
        let p = BlockKind::Paragraph;
        assert_eq!(
            detect_blocks(
                &lex,
                &[(p.clone(), "Our CFO resigned. It is effective Friday.")]
            )
            .len(),
            1
        );
        assert!(detect_blocks(&lex, &[(p, "Our CFO resigned. Sales rose.")]).is_empty());
    }

    #[test]
    fn a_writer_saying_the_news_is_not_public_widens_sentence_rules_to_the_passage() {
        let lex = one_rule(Scope::Sentence, &[], &["nothing is announced"]);
        let p = BlockKind::Paragraph;
        let thread = |last: &str| {
            detect_blocks(
                &lex,
                &[
                    (p.clone(), "[07:33] Keisha: friday is his last day"),
                    (p.clone(), "[07:34] Wes: CFO Graham??"),
                    (p.clone(), last),
                ],
            )
        };
        let f = thread("[07:35] Andre: does NOT leave this group. nothing is announced");
        assert_eq!(f.len(), 1);
        assert!(
            f[0].context
                .iter()
                .any(|c| c.contains("not public yet (\"nothing is announced\")")),
            "{:?}",
            f[0].context
        );
        // Without the writer's word, the rule stays in its sentence.
        assert!(thread("[07:35] Andre: ok").is_empty());
    }

    #[test]
    fn the_companys_own_name_anchors_a_rule_that_opts_in() {
        let with_company = |t: &str, company: &str| {
            let doc = doc_of_company(t, company);
            lexicon().detect(&doc, &segment(&doc))
        };
        let f = with_company("The Acme/Zenith breach was small.", "The Acme Corp.");
        assert_eq!(f.len(), 1);
        assert!(
            f[0].context[0].contains("near \"Acme\""),
            "{:?}",
            f[0].context
        );
        // A whole word only, and not without the company's name.
        assert!(with_company("The Acmeville breach was small.", "Acme Corp.").is_empty());
        assert!(run("The Acme breach was small.").is_empty());
    }

    #[test]
    fn exclusions_and_negation_veto_and_cues_adjust_severity() {
        assert!(run("That was a breach of etiquette in our data room.").is_empty());
        // An exclusion vetoes an anchor it contains: "systems" inside "immune systems".
        assert!(run("A pathogen breaches immune systems quickly.").is_empty());
        assert_eq!(run("A hacker breaches our systems quickly.").len(), 1);
        assert!(run("There was no ransomware.").is_empty());
        // A negation covers a list of nouns, not a new clause.
        assert!(run("There was no phishing, outage, data theft or ransomware.").is_empty());
        assert_eq!(
            run("There was no phishing, outage or theft, and we found ransomware.").len(),
            1
        );
        assert_eq!(
            run("No one called, the staff then found some ransomware.").len(),
            1
        );
        // A negation inside a negation exception does not negate.
        assert_eq!(run("We found not only ransomware.").len(), 1);
        // A negation stops at a clause break.
        assert_eq!(run("The outage is not over: we found ransomware.").len(), 1);
        assert_eq!(run("It is not over; ransomware hit.").len(), 1);
        assert!(run("It was not ransomware.").is_empty());
        let f = run("We will pay a special dividend of $2 per share.");
        assert_eq!(f[0].severity, Severity::High);
        let f = run("As previously announced, we paid a special dividend.");
        assert_eq!(f[0].severity, Severity::Low);
        let f = run("If we pay a special dividend, shares move.");
        assert_eq!(f[0].severity, Severity::Low);
        // A category's counter-cue vetoes its terms even where negation does not.
        assert_eq!(run("We will not pay a special dividend.").len(), 1);
        assert!(run("In 2019 we stopped paying the special dividend.").is_empty());
        assert_eq!(
            run("We stopped paying rent, and in June a special dividend came.").len(),
            1
        );
    }

    #[test]
    fn restatements_risk_factors_and_policy_talk_are_info() {
        let severity = |text: &str, cat: &str| {
            run(text)
                .into_iter()
                .find(|f| &*f.category == cat)
                .map(|f| (f.severity, f.context.join(" | ")))
        };
        // A pointer that names the record: a restatement.
        let (s, why) = severity(
            "As previously announced in our press release, we paid a special dividend.",
            "dividends",
        )
        .unwrap();
        assert_eq!(s, Severity::Info);
        assert!(why.contains("on the public record"), "{why}");
        // "This press release" is the document itself: the pointer lowers one level only.
        let (s, _) = severity(
            "This press release says, as previously announced, we paid a special dividend.",
            "dividends",
        )
        .unwrap();
        assert_eq!(s, Severity::Low);
        // A parenthesis after the term comments on it; one closed before a term does not.
        let text = "We paid a special dividend (as previously announced in our press release) \
                    and then found ransomware on our servers.";
        assert_eq!(severity(text, "dividends").unwrap().0, Severity::Info);
        assert!(severity(text, "cybersecurity").unwrap().0 > Severity::Info);
        // Risk-factor language: a condition on the company's ability and a generic
        // consequence; not when the sentence names an amount.
        let (s, why) = severity(
            "If we are unable to pay a special dividend, it could adversely affect our business.",
            "dividends",
        )
        .unwrap();
        assert_eq!(s, Severity::Info);
        assert!(why.contains("risk-factor language"), "{why}");
        let (s, _) = severity(
            "If we are unable to pay a special dividend of $2, it could adversely affect us.",
            "dividends",
        )
        .unwrap();
        assert!(s > Severity::Info);
        // A consequence without the condition is an event's effect, not a risk factor.
        let (s, why) = severity(
            "We found ransomware, and it could adversely affect our business.",
            "cybersecurity",
        )
        .unwrap();
        assert!(s > Severity::Info && !why.contains("risk-factor"), "{why}");
        let (s, why) = severity(
            "A special dividend is among the subjects of the policy.",
            "dividends",
        )
        .unwrap();
        assert_eq!(s, Severity::Info);
        assert!(why.contains("policy's subjects"), "{why}");
    }

    #[test]
    fn a_dividend_stated_as_unchanged_is_info_unless_a_change_word_is_there() {
        let severity = |text: &str| run(text).first().map(|f| f.severity);
        let f =
            run("The Board declared the regular quarterly dividend of $0.22 per share, unchanged.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(
            f[0].context
                .iter()
                .any(|c| c.contains("stated as unchanged"))
        );
        for changed in [
            "The Board declared the regular quarterly dividend of $0.24, an increase of 9%.",
            "We will suspend the regular quarterly dividend after this payment.",
            "The Board declared a quarterly dividend of $0.25 per share.",
        ] {
            assert!(
                severity(changed).is_some_and(|s| s > Severity::Info),
                "{changed}"
            );
        }
        // A change word inside a steady phrase, or far from the term, changes nothing.
        for steady in [
            "The quarterly dividend remains suspended.",
            "The quarterly dividend remains suspended while the company, after a long and \
             difficult year in all of its markets, reduces debt.",
        ] {
            assert_eq!(severity(steady), Some(Severity::Info), "{steady}");
        }
        // Near the term it does: the dividend is what is cut.
        assert!(
            severity("The regular quarterly dividend reduces to $0.10.")
                .is_some_and(|s| s > Severity::Info)
        );
    }

    /// A document of blocks `(kind, text)`, one per line, through the test lexicon.
    fn run_blocks(blocks: &[(BlockKind, &str)]) -> Vec<Finding> {
        detect_blocks(&lexicon(), blocks)
    }

    /// A document of blocks `(kind, text)`, one per line, through `lex`.
    fn detect_blocks(lex: &MnpiLexicon, blocks: &[(BlockKind, &str)]) -> Vec<Finding> {
        let doc = doc_of_blocks(blocks);
        lex.detect(&doc, &segment(&doc))
    }

    /// A one-paragraph document whose `company` metadata is `company`.
    fn doc_of_company(text: &str, company: &str) -> Document {
        let mut doc = doc_of_blocks(&[(BlockKind::Paragraph, text)]);
        doc.metadata.company = Some(company.into());
        doc
    }

    /// The most severe finding of `category` in a one-paragraph document of `text`, through
    /// `lex`: its severity and its context entries joined with " | " (`None`: no finding).
    fn top_finding(lex: &MnpiLexicon, text: &str, category: &str) -> Option<(Severity, String)> {
        let doc = doc_of_blocks(&[(BlockKind::Paragraph, text)]);
        lex.detect(&doc, &segment(&doc))
            .into_iter()
            .filter(|f| &*f.category == category)
            .map(|f| (f.severity, f.context.join(" | ")))
            .max_by_key(|(s, _)| *s)
    }

    /// A document of blocks `(kind, text)`, one per line.
    fn doc_of_blocks(blocks: &[(BlockKind, &str)]) -> Document {
        let mut doc = Document::new("t.txt", SourceFormat::Text);
        for (i, (kind, text)) in blocks.iter().enumerate() {
            doc.push_block(
                kind.clone(),
                text,
                SourcePos {
                    line: u32::try_from(i + 1).unwrap(),
                    column: 1,
                    page: None,
                },
                true,
                &[],
                false,
            );
        }
        doc
    }

    /// Two categories with topic words, and the secrecy cues of the topic rule.
    fn topic_lexicon(min_words: usize) -> MnpiLexicon {
        let mut d = Dictionaries::embedded().unwrap();
        let rule = |terms: &[&str], anchors: &[&str]| WeakRule {
            name: "rule".into(),
            terms: terms.iter().map(|&t| t.into()).collect(),
            anchors: anchors.iter().map(|&a| a.into()).collect(),
            scope: Scope::Sentence,
            window: 8,
            company_anchor: false,
            require: vec!["we".into()],
        };
        d.mnpi = vec![
            cat(
                "liquidity",
                &["going concern"],
                vec![rule(&["tight"], &["covenant", "lenders", "payroll"])],
                &["going concern basis"],
            ),
            cat(
                "mergers_acquisitions",
                &["merger agreement"],
                vec![rule(&["deal"], &["bankers", "diligence", "data room"])],
                &[],
            ),
        ];
        let ctx = &mut d.mnpi_context;
        ctx.secrecy_cues = vec!["dont tell".into(), "keep it quiet".into()];
        ctx.not_public_cues = vec!["not public yet".into()];
        ctx.topic_min_words = min_words;
        ctx.topic_margin = 1;
        ctx.topic_window = 3;
        ctx.topic_max_categories = 3;
        ctx.topic_stop_words = vec!["the".into()];
        MnpiLexicon::new(&d).unwrap()
    }

    #[test]
    fn the_topic_rule_reports_the_subject_of_a_passage_marked_secret() {
        let lex = topic_lexicon(2);
        let p = BlockKind::Paragraph;
        let found = |blocks: &[(BlockKind, &str)]| -> Vec<(String, Severity)> {
            detect_blocks(&lex, blocks)
                .into_iter()
                .map(|f| (f.category.to_string(), f.severity))
                .collect()
        };
        // Secret, and about payroll and the lenders: liquidity, at low, with its reasons.
        let blocks = [
            (p.clone(), "Payroll on Friday is a stretch."),
            (p.clone(), "The lenders called twice."),
            (p.clone(), "dont tell anyone yet."),
        ];
        let f = detect_blocks(&lex, &blocks);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&*f[0].category, "liquidity");
        assert_eq!(f[0].severity, Severity::Low);
        assert_eq!(f[0].matched, ["Payroll", "lenders"]);
        assert!(f[0].context[0].contains("dont tell"), "{:?}", f[0].context);
        assert_eq!(f[0].line, Some(1));
        // The writer's "not public yet" starts it too.
        assert_eq!(
            found(&[(p.clone(), "Payroll and the lenders. Not public yet.")]),
            [("liquidity".to_owned(), Severity::Low)]
        );
        // Not marked secret: nothing.
        assert!(found(&blocks[..2]).is_empty());
        // Out of the passage: a cue more than `topic_window` sentences away does not reach.
        let far = [
            (p.clone(), "Payroll on Friday is a stretch."),
            (p.clone(), "The lenders called twice."),
            (p.clone(), "Lunch is at noon."),
            (p.clone(), "The van is late."),
            (p.clone(), "Rain again."),
            (p.clone(), "dont tell anyone yet."),
        ];
        assert!(found(&far).is_empty());
        // One topic word each, or a tie: no category stands out.
        assert!(found(&[(p.clone(), "The lenders called. dont tell.")]).is_empty());
        assert!(
            found(&[(
                p.clone(),
                "Payroll, the lenders, the bankers and diligence. dont tell."
            )])
            .is_empty()
        );
        // A document the lexicon already read: the rule adds nothing.
        assert_eq!(
            found(&[(
                p.clone(),
                "There is going concern doubt, payroll is late and the bankers are in. dont tell."
            )]),
            [("liquidity".to_owned(), Severity::Medium)]
        );
        // The category's own strong term came to nothing (an exclusion vetoed it): no topic
        // finding for it either.
        assert!(
            found(&[(
                p.clone(),
                "Prepared on a going concern basis; payroll and lenders as usual. dont tell."
            )])
            .is_empty()
        );
        // Off when `topic_min_words` is 0.
        assert!(detect_blocks(&topic_lexicon(0), &blocks).is_empty());
    }

    #[test]
    fn a_heading_over_a_section_that_says_nothing_material_is_info() {
        let h = BlockKind::Heading { level: 2 };
        let severity_of_heading = |body: &str| {
            run_blocks(&[
                (h.clone(), "Special dividend"),
                (BlockKind::Paragraph, body),
            ])
            .first()
            .map(|f| (f.line, f.severity))
        };
        // The section only says when the board meets: the heading is a label.
        assert_eq!(
            severity_of_heading("The board meets on March 3."),
            Some((Some(1), Severity::Info))
        );
        // A finding or an amount in the section keeps the heading's finding; a date is no
        // amount.
        assert_eq!(
            severity_of_heading("The board meets on March 3, 2027."),
            Some((Some(1), Severity::Info))
        );
        for body in [
            "Ransomware hit our systems.",
            "The board approved $2.10 per share.",
            "(39,525",
        ] {
            assert!(
                severity_of_heading(body).is_some_and(|(_, s)| s > Severity::Info),
                "{body}"
            );
        }
        // A heading with no text under it keeps its finding.
        let f = run_blocks(&[(h.clone(), "Special dividend"), (h, "Other news")]);
        assert!(f[0].severity > Severity::Info);
    }

    #[test]
    fn an_agreements_definitions_are_not_events() {
        assert!(defines_a_term(
            "\u{201c}Debt Rating\u{201d} means, as of any date, the rating by Moody's."
        ));
        assert!(defines_a_term(
            "(b) \"Change of Control\" shall mean a merger."
        ));
        assert!(!defines_a_term(
            "\"We filed,\" she said, meaning Chapter 11."
        ));
        assert!(!defines_a_term("The term means nothing."));
        let f = run("\"Bankruptcy Event\" means the filing of a Chapter 11 petition.");
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn a_dated_past_event_is_history() {
        let severity = |t: &str, path: &str, disclosed: Option<&str>| {
            let mut doc = Document::new(path, SourceFormat::Text);
            doc.metadata.disclosed_at =
                disclosed.map(|d| chrono::DateTime::parse_from_rfc3339(d).unwrap());
            let pos = SourcePos {
                line: 1,
                column: 1,
                page: None,
            };
            doc.push_block(BlockKind::Paragraph, t, pos, true, &[], false);
            let f = lexicon().detect(&doc, &segment(&doc));
            (f.len() == 1).then(|| f[0].severity)
        };
        let mid_2026 = Some("2026-06-01T09:00:00-04:00");
        assert_eq!(
            severity(
                "The Company filed for Chapter 11 in 2009.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Info)
        );
        assert_eq!(
            severity(
                "The Company filed for Chapter 11 in the summer of 2024.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Info)
        );
        assert_eq!(
            severity(
                "Seven years after the Chapter 11 case, we are a simpler company.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Info)
        );
        assert_eq!(
            severity(
                "Its 2019 Chapter 11 case closed long ago.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Info)
        );
        assert_eq!(
            severity(
                "Creditors now want to reopen the 2019 Chapter 11 case.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        assert_eq!(
            severity(
                "One year after the Chapter 11 case, we grew.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        assert_eq!(
            severity(
                "I was around in 2009 when the Company filed for Chapter 11.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Info)
        );
        // Last year's event is still news; so is a sentence that also names a recent year.
        assert_eq!(
            severity(
                "In 2009, the Company filed for Chapter 11.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Info)
        );
        assert_eq!(
            severity(
                "The Company filed for Chapter 11 in 2025.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        // A span to the present or a comparison's baseline is not the event's date.
        assert_eq!(
            severity(
                "The Company has been in Chapter 11 since 2009.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        assert_eq!(
            severity(
                "Chapter 11 cases are up from the same period in 2009.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        // A date of something else in the sentence: an appositive, another clause.
        assert_eq!(
            severity(
                "The Company, a client since 2009, filed for Chapter 11 today.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        assert_eq!(
            severity(
                "The Company filed for Chapter 11 after a buyer, active since 2009, walked.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        assert_eq!(
            severity(
                "The Company, in Chapter 11 since 2019, expects to file again in 2026.",
                "x.txt",
                mid_2026
            ),
            Some(Severity::Medium)
        );
        // The year from the file name where `disclosed_at` is missing; none at all: no rule.
        assert_eq!(
            severity(
                "We filed for Chapter 11 in 2009.",
                "notes/2026-03-08_blog.md",
                None
            ),
            Some(Severity::Info)
        );
        assert_eq!(
            severity("We filed for Chapter 11 in 2009.", "notes/blog.md", None),
            Some(Severity::Medium)
        );
    }

    #[test]
    fn an_unnamed_outsiders_event_is_not_the_companys() {
        let flagged = |t: &str| run(t).iter().any(|f| &*f.rule == "mnpi.bankruptcy");
        // An indefinite or personal noun phrase naming an organization opens the clause.
        assert!(!flagged(
            "He mentioned a 9-site chain in Tucson that filed for Chapter 11 in January."
        ));
        assert!(!flagged(
            "Prices are soft — one regional operator in Ohio filed for Chapter 11."
        ));
        assert!(!flagged("My old firm filed for Chapter 11 last year."));
        // "their" right before the term: the possessor is someone else; with "own", even in
        // a clause that speaks of the company.
        assert!(!flagged(
            "The landlord and the bank are in their Chapter 11 talks."
        ));
        assert!(!flagged(
            "Two landlords we lease from filed their own Chapter 11 cases."
        ));
        assert!(flagged(
            "Two landlords we lease from joined our Chapter 11 talks."
        ));
        // The clause speaks of the company: its own event, before or after the term.
        assert!(flagged(
            "We are a regional operator that filed for Chapter 11 in January."
        ));
        assert!(flagged(
            "A chain of events led to our Chapter 11 filing on Monday."
        ));
        assert!(flagged(
            "One operator in Ohio filed for Chapter 11 with our notes as its largest claim."
        ));
        // Another clause, or a comma closing the phrase before the noun.
        assert!(flagged(
            "A rival chain closed stores; the Company filed for Chapter 11."
        ));
        assert!(flagged(
            "In a year, the operator of our plants filed for Chapter 11."
        ));
        // As the object of the company's act, the phrase is the company's own.
        assert!(flagged(
            "Acme will shut two small chains and prepare a Chapter 11 filing."
        ));
        assert!(!flagged(
            "Lenders met, and another operator filed for Chapter 11."
        ));
        // "of" and an outsider after the term; "them" just before it.
        assert!(!flagged(
            "Rates rose after the Chapter 11 of another operator in Ohio."
        ));
        assert!(!flagged(
            "Its lender pushed them into Chapter 11 last week."
        ));
        // No determiner, or no organization noun: nothing to tell.
        assert!(flagged("The operator filed for Chapter 11 today."));
        assert!(flagged("One option is to file for Chapter 11."));
    }

    #[test]
    fn a_rating_action_on_another_issuer_is_not_the_companys() {
        // The embedded dictionaries: `debt_ratings` with its own terms and third-party rules.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let flagged = |t: &str| {
            let doc = doc_of_company(t, "Acme Corp.");
            lex.detect(&doc, &segment(&doc))
                .iter()
                .any(|f| &*f.rule == "mnpi.debt_ratings")
        };
        // The object of the action, after "of" or after a past-tense verb, is an outsider.
        assert!(!flagged(
            "Last week, Moody's upgraded the credit rating of industry leader Heritage Rest Corp. to investment grade."
        ));
        assert!(!flagged(
            "Separately, Standard & Poor's downgraded a regional bank on Tuesday."
        ));
        assert!(!flagged(
            "Fitch downgraded two hospitals in the county to BBB."
        ));
        // The company as the object, by pronoun or by name, keeps the finding.
        assert!(flagged("Moody's downgraded us to Ba1 this morning."));
        assert!(flagged("S&P lowered our corporate credit rating to BB."));
        assert!(flagged(
            "Moody's lowered Acme Corp. to Ba1 with a negative outlook."
        ));
        assert!(flagged("Moody's cut the Company to junk last night."));
    }

    #[test]
    fn a_measure_defined_in_general_terms_is_no_event() {
        // The embedded dictionaries: `measure_definitions` in `_context.toml`.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let top = |text: &str, cat: &str| top_finding(&lex, text, cat);
        // Kinds of adjustment named in a definition or usefulness statement: info, and why.
        let (s, why) = top(
            "These supplemental measures exclude, among other things, the impact of restructuring \
             charges, goodwill impairments and the sale of our businesses.",
            "writedowns_reserves",
        )
        .unwrap();
        assert_eq!(s, Severity::Info);
        assert!(
            why.contains("defines or explains a financial measure"),
            "{why}"
        );
        assert_eq!(
            top(
                "(c) Excludes the impact of acquisitions and divestitures.",
                "mergers_acquisitions"
            )
            .unwrap()
            .0,
            Severity::Info
        );
        // With a figure the sentence states the adjustment itself, and keeps its finding.
        assert!(
            top(
                "Adjusted EPS excludes the impact of the $40 million goodwill impairment we record next week.",
                "writedowns_reserves",
            )
            .unwrap()
            .0
                > Severity::Info
        );
        // Without a definition phrase the same items are news.
        assert!(
            top(
                "We will take goodwill impairment charges on the Tulsa business next week.",
                "writedowns_reserves",
            )
            .unwrap()
            .0 > Severity::Info
        );
    }

    #[test]
    fn an_amount_is_a_currency_figure_percent_or_scale_word_and_not_a_cashtag_or_date() {
        for amount in [
            "$4.2 million",
            "\u{20ac} 30",
            "$",
            "(39,525",
            "up 12%",
            "12 percent",
            "$(0.01",
        ] {
            assert!(names_an_amount(amount), "{amount}");
        }
        for none in [
            "$YUM to host its call",
            "March 3, 2027",
            "Q2 '18 at 8:15 AM",
            "(0.01",
        ] {
            assert!(!names_an_amount(none), "{none}");
        }
    }

    #[test]
    fn a_question_the_company_declined_to_answer_discloses_nothing() {
        // The embedded dictionaries: `question_cues`, `refusal_cues`, `refusal_contrasts`.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let severities = |blocks: &[(BlockKind, &str)]| {
            let doc = doc_of_blocks(blocks);
            lex.detect(&doc, &segment(&doc))
                .into_iter()
                .filter(|f| &*f.category == "analyst_expectations")
                .map(|f| (f.line, f.severity, f.context.join(" | ")))
                .collect::<Vec<_>>()
        };
        let item = |t| (BlockKind::ListItem, t);
        // Refused in the next sentence of the same list item: info, and why.
        let found = severities(&[item(
            "Larchmont asked about the Q2 consensus. Jonah said we don't comment on analysts' \
             estimates.",
        )]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, Severity::Info);
        assert!(found[0].2.contains("declined to answer"), "{found:?}");
        // A refusal with a contrast after it answers after all.
        let found = severities(&[item(
            "Larchmont asked about the Q2 consensus. Jonah said we don't comment on estimates, \
             but the Street is too high.",
        )]);
        assert!(found.iter().all(|f| f.1 > Severity::Info), "{found:?}");
        // No refusal, or a refusal in another passage (a separate list item that is not the
        // next block): the question keeps its finding.
        let found = severities(&[item("Larchmont asked about the Q2 consensus.")]);
        assert!(found[0].1 > Severity::Info, "{found:?}");
        let found = severities(&[
            item("Larchmont asked about the Q2 consensus."),
            (BlockKind::Heading { level: 2 }, "Other business"),
            item("We don't comment on rumors."),
        ]);
        assert!(found[0].1 > Severity::Info, "{found:?}");
        // A refusal without a question before it makes nothing info.
        let found = severities(&[item(
            "The Street is too high for Q2. We don't comment on rumors.",
        )]);
        assert!(found.iter().all(|f| f.1 > Severity::Info), "{found:?}");
    }

    #[test]
    fn a_scheduling_notice_gives_the_date_of_results_not_the_results() {
        // The embedded dictionaries: `scheduling_cues` and `change_cues` in `earnings.toml`.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let earnings = |text: &str| top_finding(&lex, text, "earnings");
        for notice in [
            "Acme will hold a conference call to discuss its third quarter 2026 financial \
             results on November 5, 2026 at 5:00 p.m. ET.",
            "$ACME to host conference call for Q2 earnings today 8/2 at 8:15 AM ET.",
            "Gannetstone will report fourth-quarter results on March 3.",
            "Acme to Announce Second Quarter Fiscal 2026 Earnings on August 4",
        ] {
            let (s, why) = earnings(notice).unwrap();
            assert_eq!(s, Severity::Info, "{notice}");
            assert!(why.contains("scheduling notice"), "{why}");
        }
        // A result in the notice keeps the finding: an amount, a change word, the writer
        // reporting now, a release already out.
        for result in [
            "We will report third quarter revenue of about $4 billion on May 5.",
            "We will report weaker third quarter results on Thursday.",
            "We will delay our third quarter earnings release while the audit committee reviews.",
            "We are pleased to announce record third-quarter results.",
            "On July 21, Acme issued a press release to announce its financial results for the \
             second quarter.",
        ] {
            assert!(earnings(result).unwrap().0 > Severity::Info, "{result}");
        }
        // A call far from the results in a long sentence is another matter's.
        let (s, _) = earnings(
            "Revenue for the third quarter came in lower than we had in the second quarter, and \
             the reasons for that, which I will come back to later in the call in some detail, \
             will be on the conference call for analysts.",
        )
        .unwrap();
        assert!(s > Severity::Info);
    }

    /// The strongest finding of `cat` on `line` among `found`: its severity and its context
    /// joined with " | ".
    fn strongest_at(found: &[Finding], cat: &str, line: u32) -> Option<(Severity, String)> {
        found
            .iter()
            .filter(|f| &*f.category == cat && f.line == Some(line))
            .map(|f| (f.severity, f.context.join(" | ")))
            .max_by_key(|(s, _)| *s)
    }

    #[test]
    fn a_legal_instruments_clauses_repeat_its_subject_at_info() {
        // The embedded dictionaries: `legal_drafting` in `_context.toml`.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let cover = "On May 3, Ashgrove Corp. entered into an Agreement and Plan of Merger with \
                     Brill Holdings, under which Brill will acquire Ashgrove for $41.00 per share.";
        // An exhibit's operative clauses: drafting words in sentence after sentence.
        let clauses = [
            "At the Effective Time, by virtue of the Merger, each share of Company Common Stock \
             shall be converted into the right to receive the Merger Consideration.",
            "The Company shall file the certificate of merger with the Secretary of State.",
            "No fraction of a share will be issued by virtue of the Merger, but in lieu thereof \
             each holder shall receive cash.",
            "The parties hereby agree that the Merger shall be consummated on the Closing Date.",
            "Parent shall cause Merger Sub to perform its obligations hereunder.",
            "The Board shall not withdraw its recommendation of the Merger.",
            "Each party shall use reasonable best efforts to obtain the approvals required thereunder.",
            "The Company shall promptly notify Parent of any stockholder litigation or SEC \
             investigation relating to the Merger.",
            "This Agreement may be terminated at any time prior to the Effective Time of the Merger.",
            "Parent shall defend any class action lawsuit brought against the Company hereunder.",
        ];
        let blocks: Vec<(BlockKind, &str)> = std::iter::once(cover)
            .chain(clauses)
            .map(|t| (BlockKind::Paragraph, t))
            .collect();
        let doc = doc_of_blocks(&blocks);
        let found = lex.detect(&doc, &segment(&doc));
        let of = |cat: &str, line: u32| strongest_at(&found, cat, line);
        // The cover reports the event.
        assert!(of("mergers_acquisitions", 1).unwrap().0 > Severity::Info);
        // The clauses name it again: info, pointing at the cover's finding.
        for line in [2, 3, 5, 6, 7, 9] {
            let (s, why) = of("mergers_acquisitions", line).unwrap();
            assert_eq!(s, Severity::Info, "line {line}");
            assert!(
                why.contains("legal instrument") && why.contains("flagged first at line 1"),
                "{why}"
            );
        }
        // A category first met inside the instrument keeps that first finding.
        let litigation: Vec<(Option<u32>, Severity)> = found
            .iter()
            .filter(|f| &*f.category == "litigation_investigations")
            .map(|f| (f.line, f.severity))
            .collect();
        assert!(litigation.len() >= 2, "{litigation:?}");
        assert!(litigation[0].1 > Severity::Info, "{litigation:?}");
        assert!(litigation[1..].iter().all(|x| x.1 == Severity::Info));
        // The same news told in a release's prose, with no drafting words, is no instrument.
        let release = [
            cover,
            "The Merger is expected to close in the third quarter, subject to approval by \
             Ashgrove stockholders.",
            "Upon completion of the Merger, Ashgrove will become a private company.",
            "Brill will fund the Merger with cash on hand and a new term loan.",
            "The boards of both companies approved the Merger on May 2.",
            "Goldman Sachs is acting as financial adviser to Ashgrove on the Merger.",
            "Ashgrove will hold a conference call about the Merger at 8:30 a.m.",
            "Holders will receive $41.00 in cash for each share when the Merger closes.",
            "The Merger values Ashgrove at about $2.1 billion including debt.",
            "Ashgrove expects the Merger to be completed by September 30.",
            "After the Merger, Ashgrove's shares will no longer trade on the NYSE.",
        ];
        let blocks: Vec<(BlockKind, &str)> =
            release.iter().map(|t| (BlockKind::Paragraph, *t)).collect();
        let doc = doc_of_blocks(&blocks);
        let found = lex.detect(&doc, &segment(&doc));
        assert!(
            found
                .iter()
                .filter(|f| &*f.category == "mergers_acquisitions")
                .all(|f| !f.context.iter().any(|c| c.contains("legal instrument"))),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .filter(|f| &*f.category == "mergers_acquisitions" && f.severity > Severity::Info)
                .count()
                >= 5
        );
    }

    #[test]
    fn a_filing_that_re_presents_filed_reports_flags_each_category_once() {
        // The embedded dictionaries: `restated_filing_cues` in `_context.toml`.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let cover = [
            "The financial information included as exhibits to this Current Report on Form 8-K \
             updates certain portions of the Annual Report on Form 10-K of Tamsin Corp. for the \
             year ended December 31, 2025 to reclassify the results of certain discontinued \
             operations.",
            "During the third quarter of 2026, Tamsin entered into an agreement to sell its \
             flooring business to Redcap Holdings for $300 million in cash.",
        ];
        // The recast 10-K: statements, notes and MD&A of the year before.
        let recast = [
            "Net sales increased 12% to $4,210 million in 2025, a record, and net income rose \
             to $310 million.",
            "In the fourth quarter of 2025, Tamsin completed the acquisition of Orrin Valve for \
             $120 million in cash.",
            "Tamsin recorded an impairment charge of $45 million on goodwill of its European \
             packaging unit.",
            "Tamsin completed the acquisition of Kestle Controls in the second quarter of 2025 \
             for $80 million.",
        ];
        let blocks: Vec<(BlockKind, &str)> = cover
            .iter()
            .chain(&recast)
            .map(|t| (BlockKind::Paragraph, *t))
            .collect();
        let doc = doc_of_blocks(&blocks);
        let found = lex.detect(&doc, &segment(&doc));
        let of = |cat: &str, line: u32| strongest_at(&found, cat, line);
        // The cover's own event keeps its severity.
        assert!(of("mergers_acquisitions", 2).unwrap().0 > Severity::Info);
        assert!(of("earnings", 1).unwrap().0 > Severity::Info);
        // The recast names acquisitions and results again: info, pointing at the cover's
        // findings.
        for (cat, line, first) in [
            ("mergers_acquisitions", 4, 2),
            ("mergers_acquisitions", 6, 2),
            ("earnings", 3, 1),
        ] {
            let (s, why) = of(cat, line).unwrap();
            assert_eq!(s, Severity::Info, "line {line}");
            assert!(
                why.contains("re-presents reports already filed")
                    && why.contains("\"updates certain portions of\" at line 1")
                    && why.contains(&format!("flagged first at line {first}")),
                "{why}"
            );
        }
        // A category first met in the recast keeps that first finding.
        assert!(of("writedowns_reserves", 5).unwrap().0 > Severity::Info);
        // A first mention that is quieted (here the cover's sale, as if it were in the
        // forward-looking-statement legend) is not the first finding: the recast's first
        // acquisition is, and the one after it points there.
        let cover_sale = doc.block_at(doc.text.find("agreement to sell").unwrap());
        let quiet = |start: usize| (doc.block_at(start) == cover_sale).then_some("in the legend");
        let quieted = lex.detect_quieted(&doc, &segment(&doc), 2026, &quiet);
        let of = |cat: &str, line: u32| strongest_at(&quieted, cat, line);
        assert_eq!(of("mergers_acquisitions", 2).unwrap().0, Severity::Info);
        assert!(of("mergers_acquisitions", 4).unwrap().0 > Severity::Info);
        let (s, why) = of("mergers_acquisitions", 6).unwrap();
        assert_eq!(s, Severity::Info);
        assert!(why.contains("flagged first at line 4"), "{why}");
        // A results release that recast its prior periods tells new results: no such cue.
        let release: Vec<(BlockKind, &str)> = [
            "Prior periods have been recast to reflect the flooring business as discontinued \
             operations.",
            recast[1],
            recast[3],
        ]
        .iter()
        .map(|t| (BlockKind::Paragraph, *t))
        .collect();
        let doc = doc_of_blocks(&release);
        let found = lex.detect(&doc, &segment(&doc));
        let deals: Vec<Severity> = found
            .iter()
            .filter(|f| &*f.category == "mergers_acquisitions")
            .map(|f| f.severity)
            .collect();
        assert!(
            deals.len() >= 2 && deals.iter().all(|s| *s > Severity::Info),
            "{deals:?}"
        );
    }

    #[test]
    fn projections_read_the_verb_and_not_the_noun_or_a_plan_document() {
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let projects = |text: &str| {
            let doc = doc_of_blocks(&[(BlockKind::Paragraph, text)]);
            lex.detect(&doc, &segment(&doc))
                .iter()
                .any(|f| &*f.category == "projections_forecasts" && f.severity > Severity::Info)
        };
        // "project" as the verb, with its subject before it or its object after it.
        assert!(projects(
            "We project capital expenditures of $3 billion next year."
        ));
        assert!(projects(
            "The company projects full-year revenue of $4.2 billion."
        ));
        assert!(projects(
            "We are projecting Q4 comps to be up 1% to down 2%."
        ));
        assert!(projects(
            "These projects will generate over $3 billion in revenue by 2029."
        ));
        // The noun forecasts nothing.
        assert!(!projects(
            "Capital expenditures were $737 million, 75% of it for growth projects."
        ));
        assert!(!projects(
            "The refining project cost $400 million in the quarter."
        ));
        // A comparison folded into a compound modifier, a legal standard, a benefit plan.
        assert!(!projects(
            "Better-than-expected demand lifted revenue 12% to $40 million."
        ));
        assert!(!projects(
            "Nothing has occurred that could reasonably be expected to cause a loss of revenue."
        ));
        assert!(!projects(
            "The Board approved incentive bonus plans for the 2025 fiscal year for each officer."
        ));
        assert!(!projects(
            "Net Income means, as to any Plan Year, the net income of the Company."
        ));
    }

    #[test]
    fn possible_events_in_risk_language_are_info() {
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        let severity = |text: &str| {
            let doc = doc_of_blocks(&[(BlockKind::Paragraph, text)]);
            lex.detect(&doc, &segment(&doc))
                .into_iter()
                .find(|f| &*f.category == "cybersecurity")
                .map(|f| (f.severity, f.context.join(" | ")))
                .unwrap()
        };
        // The event only possible (a modal in its clause), a generic consequence: a risk.
        for t in [
            "A breach of our information systems could disrupt our operations and adversely affect our business.",
            "Cybersecurity incidents may adversely affect our business.",
        ] {
            let (s, why) = severity(t);
            assert_eq!(s, Severity::Info, "{t}");
            assert!(
                why.contains("a possible event, not one that happened"),
                "{why}"
            );
        }
        // The event stated as done before the modal, or a specific amount: news.
        for t in [
            "We found ransomware on our servers, and it could adversely affect our business.",
            "Ransomware encrypted our servers last night and may adversely affect our results.",
            "A ransomware attack could cost us $40 million and adversely affect our business.",
        ] {
            assert!(severity(t).0 > Severity::Info, "{t}");
        }
    }

    #[test]
    fn undated_history_and_teaching_titles_are_info() {
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        // (severity, context) of the category's first finding; `year`: the review's year.
        let finding = |blocks: &[(BlockKind, &str)], cat: &str, year: Option<i32>| {
            let doc = doc_of_blocks(blocks);
            let segs = segment(&doc);
            match year {
                Some(y) => lex.detect_as_of(&doc, &segs, y),
                None => lex.detect(&doc, &segs),
            }
            .into_iter()
            .find(|f| &*f.category == cat)
            .map(|f| (f.severity, f.context.join(" | ")))
        };
        let para = |t| [(BlockKind::Paragraph, t)];
        // An undated memo speaks from the review's year: 2015 is history in 2026, not in 2016.
        let old = para("The company filed for Chapter 11 in 2015 and emerged a year later.");
        let (s, why) = finding(&old, "bankruptcy", Some(2026)).unwrap();
        assert_eq!(s, Severity::Info);
        assert!(why.contains("historical: \"in 2015\""), "{why}");
        assert!(finding(&old, "bankruptcy", Some(2016)).unwrap().0 > Severity::Info);
        // Undated, the margin is `undated_historical_years` (4), not `historical_years` (2):
        // the writer's own year may be before the review's.
        let recent = para("The company filed for Chapter 11 in 2023 and emerged a year later.");
        assert!(finding(&recent, "bankruptcy", Some(2026)).unwrap().0 > Severity::Info);
        assert!(finding(&old, "bankruptcy", None).unwrap().0 > Severity::Info);
        // Fiscal years, quarters and past decades date an event as a year does; a comparison's
        // baseline does not, even several words after "compared".
        for t in [
            "The company filed for Chapter 11 in the fourth quarter of 2015.",
            "The company filed for Chapter 11 in fiscal 2015.",
            "The company filed for Chapter 11 in the early 1990s.",
        ] {
            assert_eq!(
                finding(&para(t), "bankruptcy", Some(2026)).unwrap().0,
                Severity::Info,
                "{t}"
            );
        }
        let comps = para(
            "Comparable sales increased 15.6% compared to an increase of 37.9% in fiscal 2021.",
        );
        assert!(finding(&comps, "earnings", Some(2023)).unwrap().0 > Severity::Info);
        // Unnumbered spans of years count as the numbered ones do.
        for t in [
            "We filed for Chapter 11 a decade ago.",
            "Several years ago the company filed for Chapter 11.",
        ] {
            let (s, why) = finding(&para(t), "bankruptcy", Some(2026)).unwrap();
            assert_eq!(s, Severity::Info, "{t}");
            assert!(why.contains("historical"), "{t}: {why}");
        }
        assert!(
            finding(
                &para("We will file for Chapter 11 next week."),
                "bankruptcy",
                Some(2026)
            )
            .unwrap()
            .0 > Severity::Info
        );
        // Teaching material by its title: the first sentence, or a header line near the top.
        let module = [
            (
                BlockKind::Paragraph,
                "COMPLIANCE TRAINING MODULE 6 — Restructuring basics",
            ),
            (
                BlockKind::Paragraph,
                "Slide 3: we filed for Chapter 11 and obtained DIP financing.",
            ),
        ];
        let (s, why) = finding(&module, "bankruptcy", Some(2026)).unwrap();
        assert_eq!(s, Severity::Info);
        assert!(
            why.contains("teaching material: \"COMPLIANCE TRAINING\""),
            "{why}"
        );
        let memo = [
            (
                BlockKind::Paragraph,
                "From: Legal\nTo: Sales\nSubject: Lunch & Learn on restructuring",
            ),
            (
                BlockKind::Paragraph,
                "Slide 3: we filed for Chapter 11 and obtained DIP financing.",
            ),
        ];
        assert_eq!(
            finding(&memo, "bankruptcy", Some(2026)).unwrap().0,
            Severity::Info
        );
        // Not a phrase of teaching ("training data"), nor one deep in the text.
        let leak = [(
            BlockKind::Paragraph,
            "Someone took our training data. We will file for Chapter 11 on Monday.",
        )];
        assert!(finding(&leak, "bankruptcy", Some(2026)).unwrap().0 > Severity::Info);
        let late = [
            (BlockKind::Paragraph, "Board update."),
            (
                BlockKind::Paragraph,
                "We will file for Chapter 11 on Monday; the compliance training is postponed.",
            ),
        ];
        assert!(finding(&late, "bankruptcy", Some(2026)).unwrap().0 > Severity::Info);
    }

    #[test]
    fn dated_disclosures_and_others_public_news_are_info() {
        // The embedded dictionaries: `dated_disclosures`, `public_news_cues` and the
        // third- and first-person words of `_context.toml`.
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        // No `company`: a chat or email names other companies with nothing to tell them from
        // the writer's own (with a company, the named-party rule would decide first).
        let severity = |text: &str, cat: &str| {
            let doc = doc_of_blocks(&[(BlockKind::Paragraph, text)]);
            lex.detect(&doc, &segment(&doc))
                .into_iter()
                .find(|f| &*f.category == cat)
                .map(|f| (f.severity, f.context.join(" | ")))
        };
        let info =
            |text: &str, cat: &str| severity(text, cat).is_some_and(|(s, _)| s == Severity::Info);
        let flagged =
            |text: &str, cat: &str| severity(text, cat).is_some_and(|(s, _)| s > Severity::Info);
        // A disclosure dated in the past points at the record: a restatement.
        let (s, why) = severity(
            "As announced on November 3, the quarterly dividend remains suspended.",
            "dividends",
        )
        .unwrap();
        assert_eq!(s, Severity::Info);
        assert!(
            why.contains("\"announced on November 3\" dates a disclosure"),
            "{why}"
        );
        assert!(info(
            "Garrett praised the Larchmont acquisition (announced Dec 8, closed Jan 5).",
            "mergers_acquisitions"
        ));
        assert!(info(
            "The dividend increase to $0.24 was in the Oct 30 release.",
            "dividends"
        ));
        // A past disclosure in a named filing or release, and a filing said to be out.
        assert!(info(
            "Hollister Poultry disclosed in an 8-K before the open that it received a federal grand jury subpoena.",
            "litigation_investigations"
        ));
        assert!(info(
            "Castlegate Retail booked a $210m goodwill impairment on its home furnishings chain (8-K filed Tuesday).",
            "writedowns_reserves"
        ));
        assert!(flagged(
            "We received a federal grand jury subpoena yesterday, which will be disclosed in an 8-K on Monday.",
            "litigation_investigations"
        ));
        assert!(flagged(
            "We will book a $210m goodwill impairment; the 8-K will be filed Tuesday.",
            "writedowns_reserves"
        ));
        // A pending disclosure is not a pointer, and makes no restatement.
        assert!(flagged(
            "The Board approved cutting the quarterly dividend to $0.05, which will be announced on May 4.",
            "dividends"
        ));
        assert!(flagged(
            "Keep it quiet before the Oct 30 release: we are cutting the dividend to $0.05.",
            "dividends"
        ));
        assert!(flagged(
            "We'll cut the dividend to $0.05 per share; it goes in the May 4 release.",
            "dividends"
        ));
        // A modal "may" after the verb is no date.
        assert!(flagged(
            "The dividend cut we announced may surprise holders: $0.05 from $0.40.",
            "dividends"
        ));
        // New news after the pointer ("will") stays a finding.
        assert!(flagged(
            "In addition to the 4,000 job cuts announced in October 2022, Acme will reduce its workforce by a further 6,000 roles.",
            "management_org_changes"
        ));
        // A pointer opening the sentence covers all of it.
        assert!(info(
            "As reported in our second-quarter earnings release on August 6 and in our Form 10-Q, revenue for the quarter was $318 million, up 9% year over year, and gross margin was 44.2%.",
            "earnings"
        ));
        // Another party's news, already on the wires or in the press, told in the third
        // person: a clause with "they"/"its", or a sentence without the first person.
        for (t, cat) in [
            (
                "Tandem Outdoor filed chapter 11 this morning, it's on the newswire and they will close 150 stores.",
                "bankruptcy",
            ),
            (
                "Rowan Foods missed Street estimates by a mile yesterday, it's all over the news.",
                "analyst_expectations",
            ),
            (
                "Saw in the Journal this morning that Delmar Foods took out a $2 billion bridge loan for the deal.",
                "extraordinary_borrowings",
            ),
        ] {
            let (s, why) = severity(t, cat).unwrap();
            assert_eq!(s, Severity::Info, "{t}");
            assert!(why.contains("another party's news"), "{t}: {why}");
        }
        // Not in the first person, and not without a pointer to the press.
        assert!(flagged(
            "We filed chapter 11 this morning, it's on the newswire.",
            "bankruptcy"
        ));
        assert!(flagged(
            "We missed Street estimates by a mile yesterday, it's all over the news.",
            "analyst_expectations"
        ));
        assert!(flagged(
            "Tandem Outdoor filed chapter 11 this morning and they will close 150 stores.",
            "bankruptcy"
        ));
        // The issuer's own pointer is not the press: the sentence around it is the news.
        assert!(flagged(
            "Acme will restate its previously reported financial statements for 2025.",
            "accounting_auditors"
        ));
        // An announcing verb and a recent past day, the object between: a restatement,
        // whoever the party; not a disclosure made to someone in private.
        let (s, why) = severity(
            "Ostrava Mart disclosed a ransomware attack on Tuesday.",
            "cybersecurity",
        )
        .unwrap();
        assert_eq!(s, Severity::Info);
        assert!(
            why.contains("disclosed a ransomware attack on Tuesday"),
            "{why}"
        );
        assert!(flagged(
            "We disclosed the ransomware attack to the auditors on Tuesday.",
            "cybersecurity"
        ));
        // A named party's statement of a past day (`public_news_reports`).
        for (t, cat) in [
            (
                "Port operator Marisco Terminals said in a statement on Monday that ransomware had encrypted its file servers.",
                "cybersecurity",
            ),
            (
                "Orvalle Airways told reporters yesterday that it will exit long-haul flying, a strategic reset after three years of losses.",
                "prospects_strategy",
            ),
        ] {
            let (s, why) = severity(t, cat).unwrap();
            assert_eq!(s, Severity::Info, "{t}");
            assert!(why.contains("a named party's statement"), "{t}: {why}");
        }
        // No named party, the first person, or a statement still to come: the news stands.
        for t in [
            "The auditor said on Monday that ransomware had encrypted its file servers.",
            "We said on Monday that ransomware had encrypted our file servers.",
            "Our CISO Dana Whitfield told analysts on Monday that ransomware had encrypted the file servers.",
            "Dana Whitfield said on Monday that ransomware had encrypted the file servers.",
            "Marisco Terminals will say on Monday that ransomware encrypted its file servers.",
        ] {
            assert!(flagged(t, "cybersecurity"), "{t}");
        }
    }

    #[test]
    fn a_history_piece_and_a_title_over_public_news_are_info() {
        let lex = MnpiLexicon::new(&Dictionaries::embedded().unwrap()).unwrap();
        // Undated documents reviewed in 2026.
        let findings = |blocks: &[&str]| {
            let blocks: Vec<(BlockKind, &str)> =
                blocks.iter().map(|b| (BlockKind::Paragraph, *b)).collect();
            let doc = doc_of_blocks(&blocks);
            lex.detect_as_of(&doc, &segment(&doc), 2026)
        };
        let above_info = |blocks: &[&str], cat: &str| {
            findings(blocks)
                .iter()
                .any(|f| &*f.category == cat && f.severity > Severity::Info)
        };
        let timeline = [
            "Company timeline for the 40th-anniversary website",
            "1986 - Founded in a rented garage.",
            "2003 - After seven loss-making years, reports its first annual profit: $4.1 million.",
        ];
        let all = findings(&timeline);
        let earnings: Vec<&Finding> = all.iter().filter(|f| &*f.category == "earnings").collect();
        assert!(!earnings.is_empty());
        assert!(
            earnings.iter().all(|f| f.severity == Severity::Info
                && f.context
                    .iter()
                    .any(|c| c.starts_with("history: \"timeline\""))),
            "{earnings:?}"
        );
        // Without the title phrase, with a recent year, or with one year only: not history.
        let mut untitled = timeline;
        untitled[0] = "Company notes";
        assert!(above_info(&untitled, "earnings"));
        let mut recent = timeline;
        recent[1] = "2025 - Founded in a rented garage.";
        assert!(above_info(&recent, "earnings"));
        let mut one_year = timeline;
        one_year[1] = "Founded in a rented garage.";
        assert!(above_info(&one_year, "earnings"));

        // A subject line over a body telling another company's public news.
        let email = |body: &'static str| {
            [
                "From: Investor Relations",
                "To: Executive Leadership Team",
                "Subject: FYI - Rivertop cut its outlook this morning",
                body,
            ]
        };
        let forwarded = findings(&email(
            "Rivertop Fabrication announced before the open that it is lowering its full-year revenue guidance to $1.9 billion from $2.2 billion.",
        ));
        let title = forwarded
            .iter()
            .find(|f| &*f.category == "projections_forecasts" && f.line == Some(3))
            .unwrap();
        assert_eq!(title.severity, Severity::Info);
        assert!(
            title
                .context
                .iter()
                .any(|c| c.starts_with("a title over a body")),
            "{:?}",
            title.context
        );
        // A body telling the company's own news keeps the title's finding.
        assert!(above_info(
            &email(
                "Keep it quiet: we are lowering our full-year revenue guidance to $1.9 billion from $2.2 billion."
            ),
            "projections_forecasts"
        ));
    }

    #[test]
    fn a_third_partys_event_is_not_the_companys() {
        let flagged = |t: &str| run(t).iter().any(|f| &*f.rule == "mnpi.bankruptcy");
        assert!(flagged("The Company filed for Chapter 11 on Friday."));
        assert!(!flagged(
            "Plainsridge, which supplies most of our chicken, filed for Chapter 11 on Friday."
        ));
        assert!(!flagged(
            "Midland, a supplier of housings, filed for Chapter 11."
        ));
        assert!(!flagged(
            "Shipments continue despite the Chapter 11 of a key customer."
        ));
        // The company between the third party and the term, "our" right before it, or the
        // company right after it: the company's own event.
        assert!(flagged(
            "Our largest customer left, and we filed for Chapter 11."
        ));
        assert!(flagged("Customers were told of our Chapter 11 case."));
        // A self-reference after the term counts only in the same clause.
        assert!(!flagged(
            "Redline, a counterparty, filed for Chapter 11 in May; the company's exposure was nil."
        ));
        // Possessives: a third party's, unless the company was named first or is the possessor.
        assert!(!flagged(
            "Bluefin Line's bankruptcy court approved the sale."
        ));
        assert!(!flagged("The landlord filed its own Chapter 11 petition."));
        assert!(flagged("The Company filed its Chapter 11 petition today."));
        assert!(flagged("The Company's bankruptcy court hearing is set."));
        assert!(flagged(
            "Costs of the Utility's Chapter 11 filing were $12 million."
        ));
        // With the company's name known (its `company` metadata).
        let acme = |t: &str| {
            let doc = doc_of_company(t, "Acme Corp.");
            lexicon()
                .detect(&doc, &segment(&doc))
                .iter()
                .any(|f| &*f.rule == "mnpi.bankruptcy")
        };
        assert!(acme("Acme's bankruptcy court approved the DIP loan."));
        // A named party's possessive further back in the clause: the event is that party's,
        // unless it is the company's own name, a defined term, or a self-reference follows it.
        assert!(!acme(
            "She noted that Copperleaf's parent emerged from a Chapter 11 reorganization in 2022."
        ));
        assert!(!acme("Mr. Morrison's estate is in a Chapter 11 case."));
        assert!(acme("Acme's board approved a Chapter 11 filing tonight."));
        assert!(acme(
            "The Lender's consent came before the Chapter 11 filing."
        ));
        assert!(acme("After Bluefin's default, we filed for Chapter 11."));
        assert!(acme(
            "Bluefin's payment was late; the Chapter 11 filing is set."
        ));
        // A named party (two or more capitalized words) in the clause before the term, with
        // no self-reference: another company's event. Not the company's own name, not the
        // words of `not_party_names`, not in a headline where every word is capitalized.
        assert!(!acme(
            "Starlume Theatres, a 90-site circuit in the Southeast, filed for Chapter 11 in May."
        ));
        assert!(acme(
            "Acme Theatres, a 90-site circuit, filed for Chapter 11."
        ));
        assert!(acme(
            "Pine Holdings said the Chapter 11 filing of Acme is set for Monday."
        ));
        assert!(acme(
            "The United States Bankruptcy Court approved the Chapter 11 plan."
        ));
        // A `not_party_names` word inside a name neither counts nor ends it.
        assert!(!acme(
            "It was widely reported last week that Ridgeview Court Living filed for Chapter 11."
        ));
        assert!(acme(
            "It was widely reported last week that the Court Clerk took the Chapter 11 papers."
        ));
        // A named party after "of".
        assert!(!acme(
            "Creditors sought the Chapter 11 of industry leader Heritage Rest Corp."
        ));
        assert!(acme(
            "Creditors sought the Chapter 11 of Acme Holdings Corp."
        ));
        assert!(acme("PINE HOLDINGS FILES FOR CHAPTER 11 PROTECTION TODAY"));
        assert!(acme("Pine Holdings Files For Chapter 11 Protection"));
        // The headline test counts the clause's words after the term too: a three-word name
        // before a short verb is not a headline when the rest of the clause is lower case.
        assert!(!acme(
            "Norhaven Chassis Ltd filed for Chapter 11 late yesterday afternoon."
        ));
        // A name that drafts the papers is the company's counsel at work (`adviser_verbs`).
        assert!(acme(
            "Also Vantress Kell started drafting the Chapter 11 papers."
        ));
        assert!(!acme("Also Vantress Kell started the Chapter 11 case."));
        assert!(acme("Pine Holdings said that we filed for Chapter 11."));
        assert!(acme(
            "Pine Holdings paid late; the Chapter 11 filing is set."
        ));
        // Without the company's name, only a possessive right before the term counts.
        assert!(flagged(
            "Acme's board approved a Chapter 11 filing tonight."
        ));
        // A party in another clause, or inside a term of the category, is no third party.
        assert!(flagged(
            "A customer asked about timing: the Chapter 11 filing is set for Monday."
        ));
        let matched = run("Lawyers sent critical supplier agreements, and Chapter 11 is near.")
            .into_iter()
            .flat_map(|f| f.matched)
            .collect::<Vec<_>>();
        assert_eq!(matched, ["critical supplier agreements", "Chapter 11"]);
        // Other categories do not opt in.
        assert_eq!(run("A supplier will pay a special dividend.").len(), 1);
    }

    #[test]
    fn a_sentence_exclusion_vetoes_its_category_in_the_whole_sentence() {
        let flagged = |t: &str| run(t).iter().any(|f| &*f.rule == "mnpi.bankruptcy");
        assert!(!flagged(
            "Events of default include non-payment and a filing under Chapter 11 by the borrower."
        ));
        // Only in that sentence, and only for that category.
        assert!(flagged(
            "Events of default are listed below. The Company filed for Chapter 11."
        ));
        assert_eq!(
            run("Events of default aside, we will pay a special dividend.").len(),
            1
        );
    }
}
