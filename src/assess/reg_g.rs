//! Regulation G (17 CFR 244.100) and S-K Item 10(e) checks for non-GAAP financial measures,
//! driven by `dictionaries/regg/measures.toml` and `dictionaries/regg/cues.toml`.
//!
//! Input: a segmented [`Document`]. Output: one [`NonGaapUse`] per non-GAAP measure used (the
//! contract's `non_gaap[]`) and the `regg.*` [`Finding`]s:
//!
//! | rule | rests on |
//! |---|---|
//! | `regg.missing_reconciliation` | Reg G 100(a)(2); Item 10(e)(1)(i)(B) |
//! | `regg.prominence` | Item 10(e)(1)(i)(A) via Form 8-K Item 2.02 Instruction 2; C&DI 102.10(a) |
//! | `regg.missing_usefulness_statement` | Item 10(e)(1)(i)(C) |
//! | `regg.forward_looking_without_reconciliation` | Reg G 100(a)(2); Item 10(e)(1)(i)(B); C&DI 102.10(a)(6) |
//! | `regg.per_share_liquidity_measure` | C&DI 102.05, 102.07, 103.02 |
//! | `regg.oral_without_website_reference` | Reg G 100(a), note on oral disclosures |
//! | `regg.reconciliation_mismatch` | Reg G 100(b) |
//!
//! A measure is used where it is presented as a number (Reg G 101(a)(1)): in a table, or in
//! a sentence with a figure, a movement (`change_words`) or a characterization
//! (`superlatives`); a name in strategy talk, a covenant or a list of the measures "we use"
//! is no use.
//!
//! A reconciliation counts as present when a table holds a row naming the measure and a row
//! naming its most directly comparable GAAP measure, both with figures, or a sentence names
//! both with at least two figures. Reconciliation tables with cells are also tied out, column
//! by column ([`super::tie_out`]). What is outside: tie-out of tables flattened into text
//! (no cells) and the 102.10(b)/(c) ordering tests.

use serde::Serialize;

use super::tie_out;
use crate::detect::matcher::{Hit, TermMatcher, words_between};
use crate::detect::{Finding, collapse_space};
use crate::dictionaries::{Dictionaries, MeasureNature, NonGaapMeasure, Severity};
use crate::document::{BlockKind, DocKind, Document};
use crate::error::Result;
use crate::segment::{Segment, SegmentKind, outside_company_turn};

/// One use of a non-GAAP measure in a document (CONTRACT.md `non_gaap[]`): a measure has one
/// use for its historical mentions and one for its forward-looking ones, and the same again
/// for a per-share presentation ("Free cash flow per share").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(clippy::struct_excessive_bools)] // the flags are CONTRACT.md's `non_gaap[]` keys
pub struct NonGaapUse {
    /// Canonical measure name ("Adjusted EBITDA"; "FFO (Nareit) per share" for a per-share
    /// presentation, see `per_share_name` in measures.toml).
    pub measure: String,
    /// First spelling found ("Adj. EBITDA").
    pub as_written: String,
    /// 1-based source line of the first mention.
    pub line: u32,
    /// Byte offset of the first mention in the extracted text.
    pub start: usize,
    /// Number of mentions of this use.
    pub mentions: usize,
    /// The most directly comparable GAAP measure ("net income").
    pub gaap_comparable: String,
    /// Whether the GAAP comparable is presented anywhere in the document (Reg G 100(a)(1)).
    pub gaap_present: bool,
    /// Whether a quantitative reconciliation of this use was found (Reg G 100(a)(2)): of the
    /// historical figures for a historical use, of the guidance for a forward-looking one; for
    /// an oral use, also when the text says where the reconciliation is posted (note to Reg G
    /// 100(a)).
    pub reconciled: bool,
    /// Whether the measure is given more prominence than its GAAP comparable (C&DI 102.10(a)).
    pub prominence_issue: bool,
    /// Whether this is the forward-looking use (guidance, outlook).
    pub forward_looking: bool,
    /// For the forward-looking use: whether the document relies on the "unreasonable
    /// efforts" exception in words (Item 10(e)(1)(i)(B)); `false` for a historical use.
    pub unreasonable_efforts_statement: bool,
    /// Whether the measure is presented per share while a liquidity measure (or EBIT/EBITDA).
    pub per_share_liquidity: bool,
    /// performance | liquidity | position.
    pub nature: MeasureNature,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Reconciliation,
    Usefulness,
    ManagementUse,
    Forward,
    UnreasonableEfforts,
    Website,
    Superlative,
    Change,
    PerShare,
    HistoricalPeriod,
    LiquidityBase,
    PerShareDivisor,
    Definition,
    PeriodName,
}

/// The compiled Reg G lexicon.
#[derive(Debug, Clone)]
pub struct RegG {
    measures: Vec<NonGaapMeasure>,
    measure_terms: TermMatcher<usize>,
    gaap_terms: TermMatcher<usize>,
    cues: TermMatcher<CueKind>,
    /// Whether `regg/cues.toml` lists `change_words`: then a measure named only where it
    /// presents no figure, movement or characterization is no use (Reg G 101(a)(1)).
    bare_names_present_nothing: bool,
}

/// Everything the Reg G assessment found in one document.
#[derive(Debug, Clone, Default)]
pub struct RegGAssessment {
    /// Measures used, in order of first mention.
    pub uses: Vec<NonGaapUse>,
    /// `regg.*` findings.
    pub findings: Vec<Finding>,
}

const CLAUSE_RECON: &str = "Reg G 100(a)(2); Item 10(e)(1)(i)(B)";
const CLAUSE_PROMINENCE: &str =
    "Item 10(e)(1)(i)(A) (via Form 8-K Item 2.02 Instruction 2); C&DI 102.10(a)";
/// A social post is no Item 2.02 release; the company's policy asks equal prominence of every
/// written public disclosure of a non-GAAP measure.
const CLAUSE_PROMINENCE_POST: &str = "Reg FD Policy I.F; C&DI 102.10(a)";
const CLAUSE_USEFUL: &str = "Item 10(e)(1)(i)(C) and (D)";
const CLAUSE_FORWARD: &str = "Reg G 100(a)(2); Item 10(e)(1)(i)(B); C&DI 102.10(a)(6)";
const CLAUSE_PER_SHARE: &str = "C&DI 102.05, 102.07, 103.02";
const CLAUSE_TIE_OUT: &str = "Reg G 100(b)";
const CLAUSE_ORAL: &str = "Reg G 100(a) (note on oral disclosures); Reg FD Policy I.F";

/// Longest line (bytes) read as a flattened table's figure cell after a measure's label.
const FLAT_CELL_BYTES: usize = 40;
/// How far after a measure (bytes) a per-share cue is looked for ([`RegG::per_share_cue`]).
const PER_SHARE_REACH: usize = 60;
/// How far a per-share cue is looked for after a measure followed by a comma or a reporting
/// period: a clause set off by commas, or the period, may come first (see
/// [`RegG::per_share_cue`]).
const PER_SHARE_ASIDE_REACH: usize = 200;
/// At most this many words between a measure and the base its definition names ("Cash
/// earnings per share is net cash provided by operating activities").
const DEFINITION_WORDS: usize = 6;

/// A reporting period right after a measure: "for the twelve months ended December 31, 2025",
/// "in the third quarter", "for fiscal 2025", "for Q2 2026".
static PERIOD_PHRASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a literal pattern, checked by the tests
    regex::Regex::new(
        r"(?i)^,?\s+(?:for|in|during)\s+(?:the\s+)?(?:(?:first|second|third|fourth)\s+(?:fiscal\s+)?quarter(?:\s+(?:of\s+)?\d{4})?|(?:three|six|nine|twelve)\s+months\s+ended\s+[a-z]+\.?\s+\d{1,2},?\s+\d{4}|(?:full\s+|fiscal\s+)?(?:year|quarter|period|half)(?:\s+ended\s+[a-z]+\.?\s+\d{1,2},?\s+\d{4})?|(?:fiscal\s+(?:year\s+)?)?\d{4}|q[1-4](?:\s+\d{4})?)(?-u:\b),?",
    )
    .expect("period pattern")
});

/// At most this many words between a measure and the per-share cue after its figure ("of
/// $0.84", "was $84 million, or $0.50").
const PER_SHARE_WORDS: usize = 6;

/// Most words in a table's first header cell, or in the line before the table, that labels
/// it a table of per-share figures ("(per diluted share)", "Per share data").
const PER_SHARE_CAPTION_WORDS: usize = 4;

/// Per-mention facts gathered before the per-measure verdicts.
#[derive(Clone, Copy)]
struct Mention {
    hit: Hit,
    seg: usize,
    forward: bool,
    /// Presented per share: the byte offset one past the per-share cue ("per diluted
    /// share") that makes it so, inside the mention or after its figure.
    per_share: Option<usize>,
    /// Presented as a total amount too, before the per-share figure: "distributable cash
    /// flow of $205.6M ($1.02 per unit)", "free cash flow of $1.46 billion, or $3.12 per
    /// share" present the measure and the measure per share (two uses).
    also_total: bool,
}

impl RegG {
    /// Compiles the measure lexicon and cues.
    ///
    /// # Errors
    /// [`crate::Error::Dictionary`] for an empty term.
    pub fn new(d: &Dictionaries) -> Result<Self> {
        let measures = d.non_gaap.measure.clone();
        let spellings = d.non_gaap.spellings();
        let measure_terms = TermMatcher::new(
            "regg/measures.toml",
            spellings.iter().map(|(t, i)| (t.as_str(), *i)),
            false,
        )?;
        let gaap_terms = TermMatcher::new(
            "regg/measures.toml (gaap_aliases)",
            measures
                .iter()
                .enumerate()
                .flat_map(|(i, m)| m.gaap_aliases.iter().map(move |a| (a.as_str(), i))),
            false,
        )?;
        let c = &d.regg;
        let cues = TermMatcher::from_lists(
            "regg/cues.toml",
            &[
                (&c.reconciliation, CueKind::Reconciliation),
                (&c.usefulness, CueKind::Usefulness),
                (&c.management_use, CueKind::ManagementUse),
                (&c.forward_looking, CueKind::Forward),
                (&c.unreasonable_efforts, CueKind::UnreasonableEfforts),
                (&c.website_reference, CueKind::Website),
                (&c.superlatives, CueKind::Superlative),
                (&c.change_words, CueKind::Change),
                (&c.per_share, CueKind::PerShare),
                (&c.historical_periods, CueKind::HistoricalPeriod),
                (&c.liquidity_bases, CueKind::LiquidityBase),
                (&c.per_share_divisors, CueKind::PerShareDivisor),
                (&c.definition_words, CueKind::Definition),
                (&c.forward_period_names, CueKind::PeriodName),
            ],
            true,
        )?;
        Ok(Self {
            measures,
            measure_terms,
            gaap_terms,
            cues,
            bare_names_present_nothing: !c.change_words.is_empty(),
        })
    }

    /// Assesses one document.
    #[must_use]
    pub fn assess(&self, doc: &Document, segments: &[Segment]) -> RegGAssessment {
        let text = &doc.text;
        let mhits = self.measure_terms.find(text);
        if mhits.is_empty() {
            return RegGAssessment::default();
        }
        // GAAP aliases inside a measure's own span ("operating income" in "adjusted operating
        // income") are not GAAP presentations.
        let ghits: Vec<Hit> = self
            .gaap_terms
            .find(text)
            .into_iter()
            .filter(|g| {
                // Measure hits do not overlap each other: only the last one starting at or
                // before `g` can contain it.
                let i = mhits.partition_point(|m| m.start <= g.start);
                i == 0 || mhits[i - 1].end < g.end
            })
            .collect();
        let cues = self.cues.find(text);
        let has_cue = |k: CueKind| cues.iter().any(|q| self.cues.tags(q.pattern).contains(&k));
        let cue_in = |k: CueKind, s: usize, e: usize| {
            // Cues are sorted by start: scan only those starting inside [s, e).
            let from = cues.partition_point(|q| q.start < s);
            cues[from..]
                .iter()
                .take_while(|q| q.start < e)
                .any(|q| q.end <= e && self.cues.tags(q.pattern).contains(&k))
        };
        // A forward-looking cue in [s, e): one that only names a period ("full year") does
        // not count beside a word of a past period ("for the full year ended December 31").
        let forward_in = |s: usize, e: usize| {
            let from = cues.partition_point(|q| q.start < s);
            let mut period_only = None;
            for q in cues[from..].iter().take_while(|q| q.start < e) {
                let tags = self.cues.tags(q.pattern);
                if q.end <= e && tags.contains(&CueKind::Forward) {
                    let period = tags.contains(&CueKind::PeriodName);
                    period_only = Some(period_only.unwrap_or(true) && period);
                }
            }
            match period_only {
                None => false,
                Some(false) => true,
                Some(true) => !cue_in(CueKind::HistoricalPeriod, s, e),
            }
        };
        let kind = doc.metadata.kind.unwrap_or_default();
        let seg_of = |off: usize| segments.partition_point(|s| s.end <= off);
        let headings = governing_headings(segments);
        let headline = headline_segments(doc, segments);
        // The table a block is a row of (`None` outside tables).
        let table_of = |b: usize| match doc.blocks.get(b).map(|bl| &bl.kind) {
            Some(BlockKind::TableRow { table, .. }) => Some(*table),
            _ => None,
        };
        let doc_year = crate::detect::lexicon::document_year(doc);
        // Tables of results: a past period ("three months ended") in the header row or in
        // the line just before the table.
        let mut historical_tables: std::collections::HashSet<u32> =
            std::collections::HashSet::new();
        // Tables of per-share figures: "Per diluted share" in the first cell of the header
        // row, or a short caption just before the table ("(per diluted share)").
        let mut per_share_tables: std::collections::HashSet<u32> = std::collections::HashSet::new();
        // Tables of guidance: a forward-looking line just before the table.
        let mut forward_tables: std::collections::HashSet<u32> = std::collections::HashSet::new();
        for (b, block) in doc.blocks.iter().enumerate() {
            let Some(t) = table_of(b) else { continue };
            if b > 0 && table_of(b - 1) == Some(t) {
                continue;
            }
            let from = if b > 0 {
                doc.blocks[b - 1].start
            } else {
                block.start
            };
            // A table right after a table of results continues it (a second table of the
            // same reconciliation, without a header of its own).
            let continues =
                b > 0 && table_of(b - 1).is_some_and(|prev| historical_tables.contains(&prev));
            // Column headers that are all past years ("Full year | 2025 | 2024" in a release
            // of February 2026) head a table of results too.
            let past_years = doc_year.is_some_and(|y| {
                let years = years_in(text.get(block.start..block.end).unwrap_or(""));
                !years.is_empty() && years.iter().all(|&v| v < y)
            });
            let first_cell = block
                .cells
                .first()
                .copied()
                .unwrap_or((block.start, block.end));
            let caption = (b > 0 && table_of(b - 1).is_none()).then(|| &doc.blocks[b - 1]);
            // Only a label that is all about per-share figures: "(In millions, except per
            // share amounts)" heads a table of totals. A caption's closing parenthesis is
            // such a label: "Reconciliation of Net Income to Nareit FFO and Core FFO (per
            // diluted share, unaudited)".
            let per_share_label = |(s, e): (usize, usize)| {
                let Some(t) = text.get(s..e) else {
                    return false;
                };
                let trimmed = t.trim_end();
                let s = match trimmed.strip_suffix(')').and_then(|x| x.rfind('(')) {
                    Some(open) => s + open,
                    None => s,
                };
                let Some(label) = text.get(s..e) else {
                    return false;
                };
                label.split_whitespace().count() <= PER_SHARE_CAPTION_WORDS
                    && !label.to_ascii_lowercase().contains("except")
                    && cue_in(CueKind::PerShare, s, e)
            };
            if per_share_label(first_cell)
                || caption.is_some_and(|c| per_share_label((c.start, c.end)))
            {
                per_share_tables.insert(t);
            }
            if continues || past_years || cue_in(CueKind::HistoricalPeriod, from, block.end) {
                historical_tables.insert(t);
            } else if b > 0
                && table_of(b - 1).is_none()
                && cue_in(
                    CueKind::Forward,
                    doc.blocks[b - 1].start,
                    doc.blocks[b - 1].end,
                )
            {
                // The line just before a table that is not one of results says what it
                // holds: "Fiscal 2027 Outlook", "The Company updated its full-year 2026
                // guidance as follows" (a bold title is not a heading, so no outlook section
                // would cover it).
                forward_tables.insert(t);
            }
        }
        // Unreasonable-efforts statements (Item 10(e)(1)(i)(B)): one that names measures
        // covers those ("We do not provide a reconciliation of forecast organic sales growth
        // … without unreasonable efforts" says nothing of the adjusted EPS guidance reconciled
        // in a table); one that names none covers every forward-looking measure.
        let mut ue_general = false;
        let mut ue_named: std::collections::HashSet<usize> = std::collections::HashSet::new();
        for q in cues.iter().filter(|q| {
            self.cues
                .tags(q.pattern)
                .contains(&CueKind::UnreasonableEfforts)
        }) {
            let Some(seg) = segments.get(seg_of(q.start)) else {
                continue;
            };
            let named: Vec<usize> = starting_in(&mhits, seg.start, seg.end)
                .iter()
                .flat_map(|h| self.measure_terms.tags(h.pattern).iter().copied())
                .collect();
            if named.is_empty() {
                ue_general = true;
            }
            ue_named.extend(named);
        }
        // Reg G 100(a) note: the presentation must give the website's location; a web address
        // in a script or post ("the release is available on acme.com") does that.
        let website = has_cue(CueKind::Website)
            || (matches!(kind, DocKind::SocialPost | DocKind::Script) && has_web_address(text));

        let mut order: Vec<usize> = Vec::new();
        let mut mentions: Vec<Vec<Mention>> =
            (0..self.measures.len()).map(|_| Vec::new()).collect();
        for h in &mhits {
            // An analyst's question is not the company's use of the measure.
            if outside_company_turn(doc, h.start) {
                continue;
            }
            for &mi in self.measure_terms.tags(h.pattern) {
                let si = seg_of(h.start);
                let forward = segments.get(si).is_some_and(|s| {
                    // The clause of the mention (a ";" separates a result from the guidance
                    // after it: "Free cash flow of $71.4 million; fiscal 2027 outlook calls
                    // for …").
                    let (cs, ce) = clause(text, (s.start, s.end), h.start);
                    // A sentence that only says where the reconciliations are ("…
                    // including our 2026 guidance, to the most directly comparable GAAP
                    // measures are in our earnings release") presents no guidance: with a
                    // reconciliation cue, a year is no figure.
                    (forward_in(cs, ce) && {
                        let t = text.get(cs..ce).unwrap_or("");
                        if cue_in(CueKind::Reconciliation, cs, ce) {
                            has_value(t)
                        } else {
                            has_figure(t)
                        }
                    }) || table_of(s.block).is_some_and(|t| forward_tables.contains(&t))
                        || (!table_of(s.block).is_some_and(|t| historical_tables.contains(&t))
                            && headings.get(si).copied().flatten().is_some_and(|hs| {
                                let hseg = &segments[hs];
                                // A heading that states amounts is a deck, not the title of
                                // an outlook section; nor is the release's own headline ("…
                                // Results for the First Half of 2025 and Forecast for the
                                // Financial Year 2025" heads the results too).
                                let htext = text.get(hseg.start..hseg.end).unwrap_or("");
                                // Nor is a title of past years ("Full year 2025 highlights"
                                // in a release of February 2026).
                                let past = doc_year.is_some_and(|y| {
                                    let years = years_in(htext);
                                    !years.is_empty() && years.iter().all(|&v| v < y)
                                });
                                !is_deck(htext)
                                    && !past
                                    && !headline.contains(&hs)
                                    && cue_in(CueKind::Forward, hseg.start, hseg.end)
                            }))
                });
                if mentions[mi].is_empty() {
                    order.push(mi);
                }
                // A row label in a table of per-share figures is presented per share.
                let in_per_share_table = segments.get(si).is_some_and(|s| {
                    table_of(s.block).is_some_and(|t| per_share_tables.contains(&t))
                        && doc.blocks[s.block]
                            .cells
                            .first()
                            .is_some_and(|&(cs, ce)| cs <= h.start && h.end <= ce)
                });
                let per_share = self
                    .per_share_cue(
                        text,
                        *h,
                        Some(self.measure_terms.tags(h.pattern)),
                        &cues,
                        (&mhits, &ghits),
                    )
                    .or(in_per_share_table.then_some(h.end));
                let also_total = per_share
                    .filter(|&end| end > h.end)
                    .and_then(|end| text.get(h.end..end))
                    .is_some_and(amount_before_last_figure);
                mentions[mi].push(Mention {
                    hit: *h,
                    seg: si,
                    forward,
                    per_share,
                    also_total,
                });
            }
        }

        let mut out = RegGAssessment::default();
        // Reg G 100(a) note: an oral use is reconciled by the presentation posted on the
        // website whose location is given.
        let oral_pointer = kind.is_oral() && website;
        // GAAP per-share figures: a GAAP measure presented per share ("Net income of $38.4
        // million, or $0.91 per diluted share" is GAAP diluted EPS), by start offset.
        let gaap_per_share: Vec<usize> = ghits
            .iter()
            .filter(|g| {
                self.per_share_cue(text, **g, None, &cues, (&mhits, &ghits))
                    .is_some()
            })
            .map(|g| g.start)
            .collect();
        for mi in order {
            let m = &self.measures[mi];
            let ms = &mentions[mi];
            // Reg G 101(a)(1): a non-GAAP financial measure is a numerical measure. A name in
            // no table and in no sentence that gives a figure, states a movement or
            // characterizes the result (C&DI 102.10(a)(5)) presents none: "a strategy of
            // focused organic growth", "a minimum ratio of debt to EBITDA", a list of the
            // measures "we use" whose figures are not in the text. Off without `change_words`.
            if self.bare_names_present_nothing
                && !ms.iter().any(|x| {
                    segments.get(x.seg).is_some_and(|sg| {
                        table_of(sg.block).is_some()
                            || text.get(sg.start..sg.end).is_some_and(has_value)
                            || cue_in(CueKind::Change, sg.start, sg.end)
                            || cue_in(CueKind::Superlative, sg.start, sg.end)
                            // A table flattened one cell to a line: the label, then a
                            // line with its figure ("Non-GAAP operating loss" / "-14,850").
                            || doc.blocks.get(sg.block + 1).is_some_and(|b| {
                                b.end - b.start <= FLAT_CELL_BYTES
                                    && text.get(b.start..b.end).is_some_and(has_value)
                            })
                    })
                })
            {
                continue;
            }
            let first = &ms[0];
            let gaap_for: Vec<&Hit> = ghits
                .iter()
                .filter(|g| self.gaap_terms.tags(g.pattern).contains(&mi))
                .collect();
            let gaap_present = !gaap_for.is_empty();
            // A sentence that says the reconciliation cannot be given is none.
            let says_unavailable = |s: usize, e: usize| cue_in(CueKind::UnreasonableEfforts, s, e);
            let (reconciled, forward_reconciled) =
                Self::reconciliation(doc, segments, ms, &gaap_for, &says_unavailable);
            let forward_looking = ms.iter().any(|x| x.forward);
            let ue_statement = ue_general || ue_named.contains(&mi);
            let historical = ms.iter().any(|x| !x.forward);
            let seg_range = |x: &Mention| {
                segments
                    .get(x.seg)
                    .map_or((x.hit.start, x.hit.end), |s| (s.start, s.end))
            };

            // A per-share measure the document defines from operating cash flow ("Cash
            // earnings per share is net cash provided by operating activities divided by
            // weighted average diluted shares outstanding") is a liquidity measure per share,
            // whatever its name: C&DI 102.05. The mention that defines it.
            let cash_defined = (m.per_share_allowed
                && (m.per_share_measure || ms.iter().any(|x| x.per_share.is_some())))
            .then(|| {
                ms.iter().find(|x| {
                    let (_, e) = seg_range(x);
                    // The measure, then a definition word, then the base, a few words on.
                    let base = starting_in(&cues, x.hit.end, e).iter().find(|q| {
                        q.end <= e && self.cues.tags(q.pattern).contains(&CueKind::LiquidityBase)
                    });
                    base.is_some_and(|b| {
                        words_between(text, x.hit.end, b.start) <= DEFINITION_WORDS
                            && cue_in(CueKind::Definition, x.hit.end, b.start)
                            && cue_in(CueKind::PerShareDivisor, b.end, e)
                    })
                })
            })
            .flatten();
            if let Some(x) = cash_defined {
                let mut f = Finding::at(
                    doc,
                    "regg.per_share_liquidity_measure",
                    "regg",
                    Severity::High,
                    (x.hit.start, x.hit.end),
                    seg_range(x),
                );
                f.message = format!(
                    "{} is defined from operating cash flow per share: a liquidity measure per share, which may not be presented (C&DI 102.05){}",
                    m.name,
                    m.note
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default()
                );
                f.policy = CLAUSE_PER_SHARE.into();
                f.check = Some("Remove the per-share presentation, or redefine the measure from a performance base (net income adjusted for non-cash items) that cannot be read as liquidity (C&DI 102.05).".into());
                out.findings.push(f);
            }

            // Per-share liquidity measures: C&DI 102.05 / 102.07 / 103.02.
            if !m.per_share_allowed {
                for x in ms {
                    if let Some(end) = x.per_share {
                        let mut f = Finding::at(
                            doc,
                            "regg.per_share_liquidity_measure",
                            "regg",
                            Severity::High,
                            (x.hit.start, end),
                            seg_range(x),
                        );
                        f.message = format!(
                            "{} is presented per share; {} may not be shown per share{}",
                            m.name,
                            match m.nature {
                                MeasureNature::Liquidity => "a liquidity measure",
                                _ => "this measure",
                            },
                            m.note
                                .as_deref()
                                .map(|n| format!(" ({n})"))
                                .unwrap_or_default()
                        );
                        f.policy = CLAUSE_PER_SHARE.into();
                        f.check = Some("Remove the per-share presentation, or show that the measure is a performance measure that cannot be read as liquidity (C&DI 102.05).".into());
                        out.findings.push(f);
                        break;
                    }
                }
            }

            // Reconciliation: written documents need it attached; oral ones a website pointer.
            if kind.is_oral() {
                if !website && !reconciled {
                    let (s, e) = seg_range(first);
                    let mut f = Finding::at(
                        doc,
                        "regg.oral_without_website_reference",
                        "regg",
                        Severity::High,
                        (first.hit.start, first.hit.end),
                        (s, e),
                    );
                    f.message = format!(
                        "{} is used orally but the script neither reconciles it to {} nor tells listeners where the reconciliation is posted",
                        m.name, m.gaap_comparable
                    );
                    f.policy = CLAUSE_ORAL.into();
                    f.check = Some("Add a sentence pointing to the reconciliation on the investor-relations website (posted before the call), or read the reconciliation.".into());
                    out.findings.push(f);
                }
            } else if historical && !reconciled && !(kind == DocKind::SocialPost && website) {
                let (s, e) = seg_range(first);
                let refers = cue_in(CueKind::Reconciliation, 0, text.len());
                let mut f = Finding::at(
                    doc,
                    "regg.missing_reconciliation",
                    "regg",
                    if kind == DocKind::SocialPost {
                        Severity::Medium
                    } else {
                        Severity::High
                    },
                    (first.hit.start, first.hit.end),
                    (s, e),
                );
                f.message = format!(
                    "{} ({}) has no quantitative reconciliation to {}, its most directly comparable GAAP measure{}{}",
                    m.name,
                    collapse_space(text.get(first.hit.start..first.hit.end).unwrap_or("")),
                    m.gaap_comparable,
                    if gaap_present {
                        ""
                    } else {
                        ", which is not presented at all"
                    },
                    if refers {
                        "; the text refers to a reconciliation that is not in the extracted text"
                    } else {
                        ""
                    }
                );
                f.policy = CLAUSE_RECON.into();
                f.check = Some(format!(
                    "Add a table reconciling {} to {} for every period presented, starting from the GAAP measure.",
                    m.name, m.gaap_comparable
                ).into());
                out.findings.push(f);
            }

            // Forward-looking measures: reconciliation or the unreasonable-efforts statement.
            if forward_looking && !forward_reconciled && !ue_statement && !kind.is_oral() {
                let x = ms.iter().find(|x| x.forward).unwrap_or(first);
                let mut f = Finding::at(
                    doc,
                    "regg.forward_looking_without_reconciliation",
                    "regg",
                    Severity::High,
                    (x.hit.start, x.hit.end),
                    seg_range(x),
                );
                f.message = format!(
                    "Forward-looking {} is given without a reconciliation to forward {} and without the \"unreasonable efforts\" statement (reliance, the unavailable items, their probable significance)",
                    m.name, m.gaap_comparable
                );
                f.policy = CLAUSE_FORWARD.into();
                f.check = Some("Reconcile the guidance to the GAAP measure, or state with equal prominence that the reconciliation is not available without unreasonable efforts, which items are unavailable, and their probable significance.".into());
                out.findings.push(f);
            }

            // One use for the historical mentions and one for the forward-looking ones (a
            // measure reported as a result and given as guidance is two uses, each with its
            // own reconciliation), and the same again for the measure presented per share
            // ("FFO of $0.84 per diluted share" is FFO per share); prominence is the
            // measure's.
            let per_share_of = |x: &Mention| x.per_share.is_some() && !m.per_share_measure;
            for (forward, per_share) in [(false, false), (false, true), (true, false), (true, true)]
            {
                let of_use = |x: &&Mention| {
                    x.forward == forward
                        && if per_share {
                            per_share_of(x)
                        } else {
                            !per_share_of(x) || x.also_total
                        }
                };
                let Some(first) = ms.iter().find(of_use) else {
                    continue;
                };
                // Bare names (no figure in their sentence: a caption over a per-share table,
                // the definitions) of a measure presented only per share name that
                // presentation; they are no use of their own.
                let bare = |x: &Mention| {
                    segments
                        .get(x.seg)
                        .and_then(|sg| text.get(sg.start..sg.end))
                        .is_none_or(|t| !has_value(t))
                };
                if !per_share
                    && ms.iter().filter(of_use).all(bare)
                    && ms.iter().any(|x| x.forward == forward && per_share_of(x))
                {
                    continue;
                }
                let as_written =
                    collapse_space(text.get(first.hit.start..first.hit.end).unwrap_or(""));
                // Prominence (C&DI 102.10(a)), judged per use: a result set in bold without
                // its GAAP measure does not make the guidance for the same measure more
                // prominent, nor the reverse. Written releases (Item 10(e) via Item 2.02) and
                // social posts, which the Reg FD policy holds to equal prominence in every
                // written public disclosure (Policy I.F); not scripts, where what is said
                // first is no style of presentation.
                let mut prominence_issue = false;
                if matches!(kind, DocKind::PressRelease | DocKind::SocialPost) {
                    let of: Vec<Mention> = ms.iter().filter(of_use).copied().collect();
                    if let Some(mut f) = self.prominence(
                        doc,
                        segments,
                        (m, forward, per_share),
                        &of,
                        (&ghits, &gaap_per_share, &mhits),
                        &cues,
                        if kind == DocKind::SocialPost {
                            // A post has no headline: its first block is its byline or text.
                            &[]
                        } else {
                            &headline
                        },
                    ) {
                        prominence_issue = true;
                        if kind == DocKind::SocialPost {
                            f.policy = CLAUSE_PROMINENCE_POST.into();
                        }
                        out.findings.push(f);
                    }
                }
                out.uses.push(NonGaapUse {
                    measure: if per_share {
                        m.per_share_display()
                    } else {
                        m.name.clone()
                    },
                    as_written,
                    line: doc.location(first.hit.start).line,
                    start: first.hit.start,
                    mentions: ms.iter().filter(of_use).count(),
                    gaap_comparable: m.gaap_comparable.clone(),
                    gaap_present,
                    // A pointer to the posted reconciliation reconciles an oral use, except
                    // guidance the speaker says cannot be reconciled without unreasonable
                    // efforts: no reconciliation of it is posted.
                    reconciled: if forward {
                        forward_reconciled || (oral_pointer && !ue_statement)
                    } else {
                        reconciled || oral_pointer
                    },
                    prominence_issue,
                    forward_looking: forward,
                    unreasonable_efforts_statement: forward && ue_statement,
                    per_share_liquidity: (cash_defined.is_some()
                        && (per_share || m.per_share_measure))
                        || (!m.per_share_allowed
                            && ms.iter().any(|x| {
                                of_use(&x) && x.per_share.is_some() && (per_share || !x.also_total)
                            })),
                    nature: m.nature,
                });
            }
        }

        // Usefulness statement: Item 10(e)(1)(i)(C), for written releases with historical measures.
        if kind == DocKind::PressRelease
            && out
                .uses
                .iter()
                .any(|u| !u.forward_looking || u.mentions > 1)
            && !has_cue(CueKind::Usefulness)
        {
            let u = &out.uses[0];
            let mut f = Finding::at(
                doc,
                "regg.missing_usefulness_statement",
                "regg",
                Severity::Medium,
                (
                    u.start,
                    u.start + u.as_written.len().min(text.len() - u.start),
                ),
                (u.start, u.start),
            );
            f.message = format!(
                "The release uses non-GAAP measures ({}) but does not say why management believes they are useful to investors{}",
                out.uses
                    .iter()
                    .map(|u| u.measure.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if has_cue(CueKind::ManagementUse) {
                    ""
                } else {
                    " or how management uses them"
                }
            );
            f.policy = CLAUSE_USEFUL.into();
            f.check = Some("Add a statement of why each measure is useful to investors and, where material, the other purposes management uses it for; or confirm it is in the most recent Form 10-K and still accurate.".into());
            fix_excerpt(doc, segments, &mut f);
            out.findings.push(f);
        }
        self.tie_outs(doc, &mhits, &ghits, &mut out.findings);
        out
    }

    /// `regg.reconciliation_mismatch`: every table row that names a non-GAAP measure and has
    /// amounts is tied out from the first earlier row of the same table that names the
    /// measure's GAAP comparable (after the measure's previous total row), through the rows
    /// between ([`tie_out`]). Only tables with cells (HTML, Markdown, DOCX, PDF tables) can be read;
    /// flattened text tables are left alone.
    fn tie_outs(&self, doc: &Document, mhits: &[Hit], ghits: &[Hit], out: &mut Vec<Finding>) {
        let mut i = 0;
        while i < doc.blocks.len() {
            let BlockKind::TableRow { table, .. } = doc.blocks[i].kind else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while doc.blocks.get(j).is_some_and(
                |b| matches!(b.kind, BlockKind::TableRow { table: t, .. } if t == table),
            ) {
                j += 1;
            }
            self.tie_out_table(doc, i..j, mhits, ghits, out);
            i = j;
        }
    }

    /// Ties out the reconciliations of one table (its rows are blocks `rows`).
    fn tie_out_table(
        &self,
        doc: &Document,
        rows: std::ops::Range<usize>,
        mhits: &[Hit],
        ghits: &[Hit],
        out: &mut Vec<Finding>,
    ) {
        struct Row<'a> {
            block: usize,
            label: &'a str,
            /// Measure and GAAP-comparable hits inside the label cell.
            measures: &'a [Hit],
            gaap: &'a [Hit],
            figures: tie_out::RowFigures,
        }
        let text = &doc.text;
        let table: Vec<Row<'_>> = rows
            .filter_map(|b| {
                let block = &doc.blocks[b];
                let (&first, rest) = block.cells.split_first()?;
                Some(Row {
                    block: b,
                    label: text.get(first.0..first.1)?,
                    measures: within(mhits, first),
                    gaap: within(ghits, first),
                    figures: tie_out::row_figures(
                        rest.iter().map(|&(s, e)| text.get(s..e).unwrap_or("")),
                    ),
                })
            })
            .collect();
        // Where each measure's next reconciliation may start (after its previous total row).
        let mut from: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (k, total_row) in table.iter().enumerate() {
            let tie_out::RowFigures::Amounts(total) = &total_row.figures else {
                continue;
            };
            for h in total_row.measures {
                for &mi in self.measure_terms.tags(h.pattern) {
                    let lo = from.get(&mi).copied().unwrap_or(0);
                    from.insert(mi, k + 1);
                    let Some(s) = (lo..k).find(|&s| {
                        matches!(&table[s].figures, tie_out::RowFigures::Amounts(v) if v.len() == total.len())
                            && table[s]
                                .gaap
                                .iter()
                                .any(|g| self.gaap_terms.tags(g.pattern).contains(&mi))
                    }) else {
                        continue;
                    };
                    let tie_out::RowFigures::Amounts(start) = &table[s].figures else {
                        continue;
                    };
                    let adjustments: Vec<tie_out::Adjustment<'_>> = table[s + 1..k]
                        .iter()
                        .map(|r| tie_out::Adjustment {
                            label: r.label,
                            figures: r.figures.clone(),
                            total_label: r.label.to_ascii_lowercase().contains("total")
                                || !r.measures.is_empty()
                                || !r.gaap.is_empty(),
                        })
                        .collect();
                    let tie_out::TieOut::Mismatch(failing) =
                        tie_out::tie_out(start, &adjustments, total)
                    else {
                        continue;
                    };
                    let m = &self.measures[mi];
                    let decimals = |j: usize| total.get(j).map_or(0, |f| f.decimals);
                    let detail: Vec<String> = failing
                        .iter()
                        .map(|&(j, computed, reported)| {
                            format!(
                                "column {}: {} plus the adjustments comes to {}, the table shows {}",
                                j + 1,
                                collapse_space(table[s].label),
                                tie_out::format_scaled(computed, decimals(j)),
                                tie_out::format_scaled(reported, decimals(j))
                            )
                        })
                        .collect();
                    let block = &doc.blocks[total_row.block];
                    let mut f = Finding::at(
                        doc,
                        "regg.reconciliation_mismatch",
                        "regg",
                        Severity::High,
                        (h.start, h.end),
                        (block.start, block.end),
                    );
                    f.message = format!(
                        "The reconciliation of {} does not tie out ({}); the other {} of {} columns do",
                        m.name,
                        detail.join("; "),
                        total.len() - failing.len(),
                        total.len()
                    );
                    f.policy = CLAUSE_TIE_OUT.into();
                    f.matched = vec![collapse_space(text.get(h.start..h.end).unwrap_or(""))];
                    f.check = Some("Recompute the reconciliation: the GAAP measure plus the listed adjustments must equal the non-GAAP figure in every period shown.".into());
                    out.push(f);
                }
            }
        }
    }

    /// Where measure hit `h` is presented per share: one past the end of the per-share cue
    /// (`per_share` in cues.toml) that makes it so, or `None`. The cue may be inside the
    /// hit ("free cash flow per share" as one alias), right after it ("FFO per diluted
    /// share"), or after the figure that follows it in the same clause ("Nareit FFO of $0.84
    /// per diluted share", "Adjusted EBITDA was $84 million, or $0.50 per share"), with no
    /// other measure or GAAP measure in between ("Adjusted EBITDA of $84 million and diluted
    /// EPS of $0.50 per share" puts the cue on EPS). `measure`: the measure tags of `h` when
    /// it is a measure hit (another name of the same measure may stand between), `None` for
    /// a GAAP hit.
    fn per_share_cue(
        &self,
        text: &str,
        h: Hit,
        measure: Option<&[usize]>,
        cues: &[Hit],
        (mhits, ghits): (&[Hit], &[Hit]),
    ) -> Option<usize> {
        let is_cue = |q: &Hit| self.cues.tags(q.pattern).contains(&CueKind::PerShare);
        if let Some(q) = starting_in(cues, h.start, h.end)
            .iter()
            .find(|q| q.end <= h.end && is_cue(q))
        {
            return Some(q.end);
        }
        // A clause set off by commas may stand between the measure and its figure: "Core
        // FFO, which also excludes transaction costs and the loss on the early payoff of our
        // term loan, was $0.87 per diluted share". The words are then counted from its
        // closing comma.
        let aside = text.get(h.end..).is_some_and(|t| t.starts_with(','));
        // So may the period it is for: "Distributable cash flow for the twelve months ended
        // December 31, 2025 was $4.03 per common unit".
        let period = text
            .get(h.end..(h.end + PER_SHARE_ASIDE_REACH).min(text.len()))
            .or_else(|| text.get(h.end..))
            .and_then(|t| PERIOD_PHRASE.find(t))
            .map(|m| m.end());
        let reach = if aside || period.is_some() {
            PER_SHARE_ASIDE_REACH
        } else {
            PER_SHARE_REACH
        };
        let near_end = (h.end + reach).min(text.len());
        let q = starting_in(cues, h.end, near_end)
            .iter()
            .find(|q| is_cue(q))?;
        let gap = text.get(h.end..q.start)?;
        if words_between(text, h.end, q.start) <= 1 {
            return Some(q.end);
        }
        let figure_before = gap
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit() || c == ')');
        let counted_from = if aside {
            // The comma that closes the aside, unless it is the one inside the figure's own
            // amount ("$84 million, or $0.50"): the last comma before the figure's words.
            h.end + gap.rfind(", ").map_or(0, |k| k + 1)
        } else {
            h.end + period.unwrap_or(0)
        };
        let other_between = |hits: &[Hit]| !starting_in(hits, h.end, q.start).is_empty();
        // Another name of the same measure between is no other measure: 'Nareit Funds from
        // Operations ("Nareit FFO") of $0.84 per diluted share'.
        let other_measure_between = starting_in(mhits, h.end, q.start)
            .iter()
            .any(|x| measure.is_none_or(|m| self.measure_terms.tags(x.pattern) != m));
        (figure_before
            && words_between(text, counted_from, q.start) <= PER_SHARE_WORDS
            // Within the sentence and clause: no ";", line break or full stop (a decimal
            // point is not one).
            && !gap.contains([';', '\n'])
            && !gap.contains(". ")
            && !other_measure_between
            && !other_between(ghits))
        .then_some(q.end)
    }

    /// The name under which a use of the measure named `label` is reported (the canonical
    /// name, with " per share" for a per-share presentation of a measure that is not itself
    /// a per-share figure), when `label` spells a measure of the lexicon: "Nareit Funds from
    /// Operations per diluted share" is reported as "FFO (Nareit) per share". `None` when
    /// `label` names no measure. For `regfd eval`, whose labels are written by people.
    #[must_use]
    pub fn reported_name(&self, label: &str) -> Option<String> {
        let lower = label.to_lowercase();
        let h = self
            .measure_terms
            .find(&lower)
            .into_iter()
            .max_by_key(|h| h.end - h.start)?;
        let m = &self.measures[*self.measure_terms.tags(h.pattern).first()?];
        let per_share = self
            .cues
            .find(&lower)
            .iter()
            .any(|q| self.cues.tags(q.pattern).contains(&CueKind::PerShare));
        Some(if per_share && !m.per_share_measure {
            m.per_share_display()
        } else {
            m.name.clone()
        })
    }

    /// Whether a quantitative reconciliation exists for the measure's historical mentions
    /// and for its forward-looking ones (guidance is not reconciled by the table of last
    /// quarter's results, nor the reverse): `(historical, forward)`. A mention of `ms` is
    /// reconciled by a table that also holds a row of its GAAP comparable (hits `gaap`) with
    /// figures, or inline: a sentence with the measure, the GAAP comparable and two figures,
    /// unless `says_unavailable(start, end)` for it (it says the reconciliation cannot be
    /// given: "we cannot reconcile the $110 to $120 million outlook to net income without
    /// unreasonable efforts").
    fn reconciliation(
        doc: &Document,
        segments: &[Segment],
        ms: &[Mention],
        gaap: &[&Hit],
        says_unavailable: &dyn Fn(usize, usize) -> bool,
    ) -> (bool, bool) {
        let text = &doc.text;
        // Tables holding a row that names the GAAP comparable with figures.
        let gaap_tables: std::collections::HashSet<u32> = gaap
            .iter()
            .filter_map(|g| {
                let b = &doc.blocks[doc.block_at(g.start)?];
                match b.kind {
                    BlockKind::TableRow { table, .. }
                        if has_figure(text.get(b.start..b.end).unwrap_or("")) =>
                    {
                        Some(table)
                    }
                    _ => None,
                }
            })
            .collect();
        let mut hist = false;
        let mut fwd = false;
        for x in ms {
            let Some(seg) = segments.get(x.seg) else {
                continue;
            };
            let seg_text = text.get(seg.start..seg.end).unwrap_or("");
            match doc.blocks.get(seg.block).map(|b| &b.kind) {
                Some(BlockKind::TableRow { table, .. }) if has_figure(seg_text) => {
                    let table = *table;
                    // A GAAP row with figures in the same table.
                    let ok = gaap_tables.contains(&table);
                    if ok {
                        if x.forward {
                            fwd = true;
                        } else {
                            hist = true;
                        }
                    }
                }
                _ => {
                    // Inline reconciliation: the measure and its GAAP comparable, with figures.
                    let inline = gaap
                        .iter()
                        .any(|g| g.start >= seg.start && g.end <= seg.end)
                        && figure_count(seg_text) >= 2
                        && !says_unavailable(seg.start, seg.end);
                    if inline {
                        if x.forward {
                            fwd = true;
                        } else {
                            hist = true;
                        }
                    }
                }
            }
        }
        (hist, fwd)
    }

    /// The first prominence problem (C&DI 102.10(a)) of one use of measure `m` (`forward`:
    /// its forward-looking mentions; `per_share`: its per-share presentation), whose mentions
    /// are `ms`: a headline (a)(1), bold text (a)(2) or a superlative (a)(4) without a GAAP
    /// measure beside it, or — for a historical use — the measure before its GAAP comparable
    /// in running text (a)(3). A forward-looking measure's GAAP comparable is often not
    /// available at all; whether that is said prominently enough is the unreasonable-efforts
    /// test (a)(6), `regg.forward_looking_without_reconciliation`.
    #[allow(clippy::too_many_arguments)] // the prominence test needs every view of the text
    fn prominence(
        &self,
        doc: &Document,
        segments: &[Segment],
        (m, forward, per_share): (&NonGaapMeasure, bool, bool),
        ms: &[Mention],
        (ghits, gaap_per_share, mhits): (&[Hit], &[usize], &[Hit]),
        cues: &[Hit],
        headline: &[usize],
    ) -> Option<Finding> {
        let text = &doc.text;
        let any_gaap_in = |s: usize, e: usize| starting_in(ghits, s, e).iter().any(|g| g.end <= e);
        let make = |x: &Mention, example: &str, why: String| {
            let seg = &segments[x.seg];
            let mut f = Finding::at(
                doc,
                "regg.prominence",
                "regg",
                Severity::Medium,
                (x.hit.start, x.hit.end),
                (seg.start, seg.end),
            );
            f.message = format!(
                "{} is given more prominence than {} ({example}): {why}",
                m.name, m.gaap_comparable
            );
            f.policy = CLAUSE_PROMINENCE.into();
            f.check = Some(format!(
                "Present {} with equal or greater prominence (before it, in the same headline or bullet, in the same style).",
                m.gaap_comparable
            ).into());
            f
        };
        // (a)(1): a headline with the non-GAAP measure and no GAAP measure.
        for x in ms {
            if headline.contains(&x.seg) {
                let seg = &segments[x.seg];
                if !any_gaap_in(seg.start, seg.end) {
                    return Some(make(
                        x,
                        "C&DI 102.10(a)(1)",
                        "the headline states the non-GAAP measure without a GAAP measure".into(),
                    ));
                }
            }
        }
        // (a)(2): emphasized (bold) text presenting the measure — with a figure: a bold title
        // such as "**Free cash flow**" over its reconciliation presents nothing — and no
        // GAAP measure.
        for x in ms {
            let seg = &segments[x.seg];
            let emphasized = doc
                .blocks
                .get(seg.block)
                .is_some_and(|b| b.emphasized && !matches!(b.kind, BlockKind::Heading { .. }));
            if emphasized
                && seg.kind != SegmentKind::TableRow
                && has_figure(text.get(seg.start..seg.end).unwrap_or(""))
                && !any_gaap_in(seg.start, seg.end)
            {
                return Some(make(
                    x,
                    "C&DI 102.10(a)(2)",
                    "it is set in bold without the GAAP measure beside it".into(),
                ));
            }
        }
        // (a)(4): a superlative on the non-GAAP figure without the GAAP figure.
        for x in ms {
            let seg = &segments[x.seg];
            if seg.kind == SegmentKind::TableRow {
                continue;
            }
            let sup = cues.iter().find(|q| {
                q.start >= seg.start
                    && q.end <= seg.end
                    && self.cues.tags(q.pattern).contains(&CueKind::Superlative)
            });
            if let Some(q) = sup
                && !any_gaap_in(seg.start, seg.end)
            {
                let word = collapse_space(text.get(q.start..q.end).unwrap_or(""));
                return Some(make(
                    x,
                    "C&DI 102.10(a)(4)",
                    format!(
                        "it is described as \"{word}\" with no equally prominent characterization of the GAAP measure"
                    ),
                ));
            }
        }
        if forward {
            return None;
        }
        // 102.10(b): a reconciliation table that starts with the non-GAAP measure (its row,
        // with figures, above every row of its GAAP comparable) and works down to GAAP.
        let row_of = |at: usize| match doc.block_at(at).and_then(|b| doc.blocks.get(b)) {
            Some(b) => match b.kind {
                BlockKind::TableRow { table, row } => Some((table, row, b.start, b.end)),
                _ => None,
            },
            None => None,
        };
        let own_gaap: Vec<&Hit> = ghits
            .iter()
            .filter(|g| {
                self.gaap_terms
                    .tags(g.pattern)
                    .iter()
                    .any(|&i| self.measures[i].name == m.name)
            })
            .collect();
        for x in ms {
            let Some((table, row, rs, re)) = row_of(x.hit.start) else {
                continue;
            };
            // A row with figures below the header (not the header row naming the table and
            // its periods: "Pre-provision net revenue | Q1 2026 | Q1 2025").
            if row == 0 || !has_value(text.get(x.hit.end..re).unwrap_or("")) || rs != x.hit.start {
                continue;
            }
            // Rows of the GAAP comparable: not a row that names a non-GAAP measure too
            // ("Core constant currency EPS change" holds "EPS").
            let gaap_rows: Vec<u32> = own_gaap
                .iter()
                .filter_map(|g| row_of(g.start))
                .filter(|&(t, _, gs, ge)| {
                    t == table && gs != rs && starting_in(mhits, gs, ge).is_empty()
                })
                .map(|(_, r, _, _)| r)
                .collect();
            if !gaap_rows.is_empty() && gaap_rows.iter().all(|&r| r > row) {
                return Some(make(
                    x,
                    "C&DI 102.10(b)",
                    "the reconciliation starts with the non-GAAP measure and works down to the GAAP measure".into(),
                ));
            }
        }
        // (a)(3): the non-GAAP measure comes before its GAAP comparable in running text.
        let first_text = ms
            .iter()
            .find(|x| segments[x.seg].kind != SegmentKind::TableRow)?;
        let gaap_first = own_gaap
            .iter()
            .map(|g| g.start)
            // A per-share measure (adjusted EPS, FFO per share) is compared with the GAAP
            // per-share figure, however it is written: "net income of $38.4 million, or
            // $0.91 per diluted share" presents GAAP diluted EPS.
            .chain(
                gaap_per_share
                    .iter()
                    .copied()
                    .filter(|_| m.per_share_measure || per_share),
            )
            .min();
        if gaap_first.is_none_or(|g| g > first_text.hit.start) {
            return Some(make(
                first_text,
                "C&DI 102.10(a)(3)",
                match gaap_first {
                    Some(_) => "it is presented before the GAAP measure".into(),
                    None => "the GAAP measure is not presented in the text at all".into(),
                },
            ));
        }
        None
    }
}

/// For each segment, the index of the nearest heading segment before it (the section it
/// is in).
fn governing_headings(segments: &[Segment]) -> Vec<Option<usize>> {
    let mut cur = None;
    segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.kind == SegmentKind::Heading {
                cur = Some(i);
            }
            cur
        })
        .collect()
}

/// The headline segments of a release: level-1/2 headings among the first eight blocks, or
/// the first block when the format has no headings.
fn headline_segments(doc: &Document, segments: &[Segment]) -> Vec<usize> {
    let mut out: Vec<usize> = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.kind == SegmentKind::Heading
                && s.block < 8
                && matches!(doc.blocks.get(s.block).map(|b| &b.kind), Some(BlockKind::Heading { level }) if *level <= 2)
        })
        .map(|(i, _)| i)
        .collect();
    if out.is_empty() && !segments.is_empty() && doc.blocks.len() > 1 {
        out.push(0);
    }
    out
}

/// The hits (sorted by start) that start inside `[s, e)`.
fn starting_in(hits: &[Hit], s: usize, e: usize) -> &[Hit] {
    let from = hits.partition_point(|h| h.start < s);
    let to = hits.partition_point(|h| h.start < e).max(from);
    &hits[from..to]
}

/// The hits lying inside `[s, e)`, for hits that do not overlap (sorted by start, so their
/// ends ascend too): the measure and GAAP matchers' hits.
fn within(hits: &[Hit], (s, e): (usize, usize)) -> &[Hit] {
    let inside = starting_in(hits, s, e);
    &inside[..inside.partition_point(|h| h.end <= e)]
}

/// The clause of `text` around byte offset `at` within the segment `(start, end)`: from
/// just after the last `;` before `at` to the first `;` after it (segment bounds where there
/// is none). Byte range `[start, end)`.
fn clause(text: &str, (start, end): (usize, usize), at: usize) -> (usize, usize) {
    let at = at.clamp(start, end);
    let before = text.get(start..at).unwrap_or("");
    let after = text.get(at..end).unwrap_or("");
    (
        before.rfind(';').map_or(start, |i| start + i + 1),
        after.find(';').map_or(end, |i| at + i),
    )
}

/// The years (1900–2099) written as four digits standing alone in `s` ("2025", "Q4 2025";
/// "FY2024" is not one: letters before it).
fn years_in(s: &str) -> Vec<i32> {
    crate::detect::lexicon::years_in(s, |c| !c.is_ascii_alphanumeric()).collect()
}

/// Whether a heading states amounts (`$` or `%`): a deck summarizing results and guidance
/// ("Free cash flow of $71.4 million; fiscal 2027 outlook calls for …"), not a section title
/// such as "Fiscal 2027 Outlook" that makes its section forward-looking.
fn is_deck(heading: &str) -> bool {
    heading.contains(['$', '%', '€', '£'])
}

/// Whether `s` states a value: a number that is not part of a word ("Q2", "FY2026"), not
/// a bare year ("our 2026 guidance") and not a reference to a part of a document or a form
/// ("Exhibit 99.2", "Item 2.02", "Section 4(2)", "Note 7", "Form 10-K", "the 8-K").
fn has_value(s: &str) -> bool {
    /// Words whose number names a part of a document, not an amount.
    const REFERENCES: [&str; 12] = [
        "exhibit", "item", "items", "section", "note", "notes", "form", "rule", "appendix",
        "schedule", "page", "slide",
    ];
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // The number with its decimals ("99.2"), for the reference tests.
        let mut end = i;
        while b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        let before = start.checked_sub(1).map(|k| b[k]);
        if before.is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let reference = s
            .get(..start)
            .and_then(|h| h.strip_suffix(' '))
            .and_then(|h| h.rsplit(|c: char| !c.is_ascii_alphabetic()).next())
            .is_some_and(|w| REFERENCES.iter().any(|r| w.eq_ignore_ascii_case(r)))
            || matches!(b.get(end..end + 2), Some([b'-', b'K' | b'Q' | b'k' | b'q']));
        if reference {
            // With its subsections: "4(2)", "10(e)(1)".
            while b.get(end) == Some(&b'(') {
                match b[end..].iter().take(6).position(|&c| c == b')') {
                    Some(close) => end += close + 1,
                    None => break,
                }
            }
            i = end;
            continue;
        }
        let year = i - start == 4
            && matches!(&b[start..start + 2], b"19" | b"20")
            && before != Some(b'$')
            && b.get(i) != Some(&b'%')
            && !(matches!(b.get(i), Some(b'.' | b','))
                && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            && !b.get(i..).is_some_and(|r| r.starts_with(b" percent"));
        if !year {
            return true;
        }
    }
    false
}

fn has_figure(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// Whether `gap` (the text from a measure to the per-share cue after its figure) states an
/// amount before the per-share figure: a number after a currency sign, then a comma or an
/// opening parenthesis before the next number ("of $205.6M ($1.02", "was $84 million, or
/// $0.50"; not "for Q2 of $1.02", nor the range "of $3.44 to $3.52").
fn amount_before_last_figure(gap: &str) -> bool {
    // Whether the last number began after a currency sign, and whether a comma or an opening
    // parenthesis has come since it ended.
    let mut last_money: Option<bool> = None;
    let mut separated = false;
    let mut prev = ' ';
    let mut in_number = false;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = c.is_ascii_digit();
        if digit && !in_number {
            if last_money == Some(true) && separated {
                return true;
            }
            last_money = Some(matches!(prev, '$' | '€' | '£' | '¥'));
            separated = false;
        }
        // A decimal point or thousands comma inside a number keeps it going.
        in_number = digit
            || (in_number
                && matches!(c, '.' | ',')
                && chars.peek().is_some_and(char::is_ascii_digit));
        if !in_number && matches!(c, ',' | '(') {
            separated = true;
        }
        prev = c;
    }
    false
}

/// Number of numeric tokens (digits with optional `$`, `,`, `.`, `%`, parentheses).
fn figure_count(s: &str) -> usize {
    s.split(|c: char| c.is_whitespace() || c == '\t')
        .filter(|t| {
            t.chars().filter(char::is_ascii_digit).count() >= 1
                && t.chars()
                    .all(|c| c.is_ascii_digit() || "$,.%()-–".contains(c))
        })
        .count()
}

/// Whether `s` holds a URL or a bare domain name (`investors.acme.com`, `acme.com/ir`).
fn has_web_address(s: &str) -> bool {
    static DOMAIN: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)https?://|www\.|(?-u:\b)[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|io|co|us|biz|info)(?-u:\b)").ok()
    });
    DOMAIN.as_ref().is_some_and(|re| re.is_match(s))
}

/// Gives a whole-document finding the excerpt of the sentence it points at.
fn fix_excerpt(doc: &Document, segments: &[Segment], f: &mut Finding) {
    if let Some(start) = f.start {
        let si = segments.partition_point(|s| s.end <= start);
        if let Some(s) = segments.get(si) {
            f.excerpt = crate::detect::excerpt(
                &doc.text,
                (s.start, s.end),
                (start, f.end.unwrap_or(start)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Metadata, SourceFormat, SourcePos};
    use crate::segment::segment;

    fn doc(kind: DocKind, blocks: &[(BlockKind, &str)]) -> Document {
        let mut d = Document::new("t", SourceFormat::Markdown);
        d.metadata = Metadata {
            kind: Some(kind),
            ..Metadata::default()
        };
        for (i, (k, t)) in blocks.iter().enumerate() {
            d.push_block(
                k.clone(),
                t,
                SourcePos {
                    line: i as u32 + 1,
                    column: 1,
                    page: None,
                },
                true,
                &[],
                false,
            );
        }
        d
    }

    fn assess(d: &Document) -> RegGAssessment {
        let r = RegG::new(&Dictionaries::embedded().unwrap()).unwrap();
        r.assess(d, &segment(d))
    }

    fn rules(a: &RegGAssessment) -> Vec<&str> {
        a.findings.iter().map(|f| &*f.rule).collect()
    }

    #[test]
    fn reconciled_table_and_usefulness_pass() {
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Net income was $10 million. Adjusted EBITDA was $25 million.",
                ),
                (
                    BlockKind::Paragraph,
                    "Management believes Adjusted EBITDA is useful to investors.",
                ),
                (
                    BlockKind::Heading { level: 2 },
                    "Reconciliation of net income to Adjusted EBITDA",
                ),
                (BlockKind::TableRow { table: 0, row: 0 }, "Net income\t$10"),
                (
                    BlockKind::TableRow { table: 0, row: 1 },
                    "Adjusted EBITDA\t$25",
                ),
            ],
        );
        let a = assess(&d);
        assert_eq!(a.uses.len(), 1);
        assert!(a.uses[0].reconciled && a.uses[0].gaap_present);
        assert!(rules(&a).is_empty(), "{:?}", a.findings);
    }

    #[test]
    fn missing_reconciliation_usefulness_and_prominence_flag() {
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Heading { level: 1 },
                    "Acme posts record Adjusted EBITDA",
                ),
                (BlockKind::Paragraph, "Adjusted EBITDA was $25 million."),
            ],
        );
        let a = assess(&d);
        let r = rules(&a);
        assert!(r.contains(&"regg.missing_reconciliation"), "{r:?}");
        assert!(r.contains(&"regg.prominence"), "{r:?}");
        assert!(r.contains(&"regg.missing_usefulness_statement"), "{r:?}");
        assert!(a.uses[0].prominence_issue && !a.uses[0].reconciled);
    }

    #[test]
    fn oral_use_needs_a_website_pointer() {
        let d = doc(
            DocKind::Script,
            &[(BlockKind::Paragraph, "Adjusted EBITDA grew to $25 million.")],
        );
        assert_eq!(
            rules(&assess(&d)),
            vec!["regg.oral_without_website_reference"]
        );
        let d = doc(
            DocKind::Script,
            &[(
                BlockKind::Paragraph,
                "Adjusted EBITDA grew to $25 million. Reconciliations are available on our website.",
            )],
        );
        assert!(rules(&assess(&d)).is_empty());
        // Guidance the speaker says cannot be reconciled is not reconciled by the pointer.
        let d = doc(
            DocKind::Script,
            &[
                (
                    BlockKind::Paragraph,
                    "Adjusted EBITDA grew to $25 million. Reconciliations are available on our website.",
                ),
                (
                    BlockKind::Paragraph,
                    "For 2027 we expect Adjusted EBITDA of $110 to $120 million; we cannot reconcile it to net income without unreasonable efforts.",
                ),
            ],
        );
        let reconciled: Vec<(bool, bool)> = assess(&d)
            .uses
            .iter()
            .map(|u| (u.forward_looking, u.reconciled))
            .collect();
        assert_eq!(reconciled, vec![(false, true), (true, false)]);
    }

    /// (`measure`, `forward_looking`, `reconciled`, `per_share_liquidity`) of every use.
    fn uses(a: &RegGAssessment) -> Vec<(&str, bool, bool, bool)> {
        a.uses
            .iter()
            .map(|u| {
                (
                    u.measure.as_str(),
                    u.forward_looking,
                    u.reconciled,
                    u.per_share_liquidity,
                )
            })
            .collect()
    }

    #[test]
    fn results_guidance_and_per_share_presentations_are_separate_uses() {
        let row = |table: u32, row: u32| BlockKind::TableRow { table, row };
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Net income was $10 million. Free cash flow was $30 million, or $1.50 per diluted share. Underlying operating profit rose to $25 million.",
                ),
                (
                    BlockKind::Paragraph,
                    "We believe these measures are useful to investors.",
                ),
                (BlockKind::Heading { level: 2 }, "2027 Outlook"),
                (
                    BlockKind::Paragraph,
                    "We expect underlying operating profit of $30 million to $32 million.",
                ),
                // A results table under the outlook heading: its header names a past period.
                (
                    BlockKind::Paragraph,
                    "Reconciliation of GAAP to non-GAAP results",
                ),
                (row(0, 0), "Three months ended June 30\t2026"),
                (row(0, 1), "Operating income\t$20"),
                (row(0, 2), "Restructuring\t5"),
                (row(0, 3), "Underlying operating profit\t$25"),
                (row(1, 0), "Net cash provided by operating activities\t$35"),
                (row(1, 1), "Free cash flow\t$30"),
            ],
        );
        let a = assess(&d);
        assert_eq!(
            uses(&a),
            vec![
                ("Free cash flow", false, true, false),
                ("Free cash flow per share", false, true, true),
                // "underlying operating profit": a composed spelling of the measure.
                ("Non-GAAP operating income", false, true, false),
                ("Non-GAAP operating income", true, false, false),
            ],
            "{:?}",
            a.uses
        );
        let r = rules(&a);
        assert!(r.contains(&"regg.per_share_liquidity_measure"), "{r:?}");
        assert!(
            r.contains(&"regg.forward_looking_without_reconciliation"),
            "{r:?}"
        );
        assert!(!r.contains(&"regg.missing_reconciliation"), "{r:?}");
        let lexicon = RegG::new(&Dictionaries::embedded().unwrap()).unwrap();
        assert_eq!(
            lexicon
                .reported_name("Core FFO per diluted share")
                .as_deref(),
            Some("Core / normalized FFO per share")
        );
        assert_eq!(
            lexicon
                .reported_name("Non-GAAP net income per diluted share")
                .as_deref(),
            Some("Non-GAAP EPS")
        );
        assert_eq!(lexicon.reported_name("Backlog"), None);
    }

    /// [`doc`] with table rows cut into cells at tabs, disclosed at `at` (RFC 3339).
    fn doc_with_cells(kind: DocKind, at: &str, blocks: &[(BlockKind, &str)]) -> Document {
        let mut d = Document::new("t", SourceFormat::Markdown);
        d.metadata = Metadata {
            kind: Some(kind),
            disclosed_at: chrono::DateTime::parse_from_rfc3339(at).ok(),
            ..Metadata::default()
        };
        for (i, (k, t)) in blocks.iter().enumerate() {
            // Cells as byte ranges into `t`.
            let mut cells = Vec::new();
            if matches!(k, BlockKind::TableRow { .. }) {
                let mut at = 0;
                for c in t.split('\t') {
                    cells.push((at, at + c.len()));
                    at += c.len() + 1;
                }
            }
            let pos = SourcePos {
                line: i as u32 + 1,
                column: 1,
                page: None,
            };
            d.push_block(k.clone(), t, pos, true, &cells, false);
        }
        d
    }

    #[test]
    fn forward_looking_is_read_per_clause_and_per_table() {
        let row = |table: u32, row: u32| BlockKind::TableRow { table, row };
        let d = doc_with_cells(
            DocKind::PressRelease,
            "2026-02-05T16:05:00-05:00",
            &[
                // The headline and a deck that states amounts govern no section.
                (
                    BlockKind::Heading { level: 1 },
                    "Harbor Realty Reports 2025 Results and 2026 Guidance",
                ),
                (BlockKind::Paragraph, "Adjusted EBITDA was $60 million."),
                (
                    BlockKind::Heading { level: 3 },
                    "Free cash flow of $71 million; 2026 outlook calls for Nareit FFO of $3.34 to $3.42 per diluted share",
                ),
                (BlockKind::Paragraph, "Adjusted EBITDA margin was 40%."),
                (
                    BlockKind::Paragraph,
                    "Net income was $0.27 per diluted share. Net cash provided by operating activities was $80 million.",
                ),
                // Column headers of past years: a table of results, though under an
                // outlook heading.
                (BlockKind::Heading { level: 2 }, "2026 Outlook"),
                (row(0, 0), "Full year\t2025\t2024"),
                (row(0, 1), "Net income\t$1.00\t$0.90"),
                (row(0, 2), "Nareit FFO\t$3.20\t$3.10"),
                // A guidance line before a table of per-share figures, under a heading that
                // is not forward-looking.
                (BlockKind::Heading { level: 2 }, "Reconciliations"),
                (
                    BlockKind::Paragraph,
                    "The Company updated its 2026 guidance as follows.",
                ),
                (row(1, 0), "Per diluted share\tLow\tHigh"),
                (row(1, 1), "Net income\t$1.02\t$1.10"),
                (row(1, 2), "Nareit FFO\t$3.34\t$3.42"),
                // "except per share amounts" heads a table of totals.
                (
                    BlockKind::Paragraph,
                    "(In millions, except per share amounts)",
                ),
                (row(2, 0), "Three months ended June 30\t2025\t2024"),
                (
                    row(2, 1),
                    "Net cash provided by operating activities\t$80\t$70",
                ),
                (row(2, 2), "Free cash flow\t$71\t$60"),
            ],
        );
        let a = assess(&d);
        assert_eq!(
            uses(&a),
            vec![
                ("Adjusted EBITDA", false, false, false),
                // Reconciled by the last table, whose rows are totals (a per-share free cash
                // flow would be a per-share liquidity measure).
                ("Free cash flow", false, true, false),
                ("FFO (Nareit)", false, true, false),
                ("FFO (Nareit) per share", true, true, false),
                ("Adjusted EBITDA margin", false, false, false),
            ],
            "{:?}",
            a.uses
        );
    }

    #[test]
    fn prominence_is_judged_per_use_against_the_gaap_per_share_figure() {
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Net income was $38.4 million, or $0.91 per diluted share. Adjusted EPS was $1.19.",
                ),
                (
                    BlockKind::Paragraph,
                    "We believe adjusted EPS is useful to investors.",
                ),
                (
                    BlockKind::Paragraph,
                    "For 2027 we expect adjusted EPS of $4.10 to $4.25; a reconciliation to GAAP EPS is not available without unreasonable efforts.",
                ),
            ],
        );
        // (forward_looking, prominence_issue) of every use.
        let flags = |a: &RegGAssessment| -> Vec<(bool, bool)> {
            a.uses
                .iter()
                .map(|u| (u.forward_looking, u.prominence_issue))
                .collect()
        };
        let a = assess(&d);
        // "Net income …, or $0.91 per diluted share" is GAAP diluted EPS, given first; the
        // guidance is judged on its own (its GAAP figure is not available).
        assert_eq!(
            flags(&a),
            vec![(false, false), (true, false)],
            "{:?}",
            a.uses
        );
        assert!(!rules(&a).contains(&"regg.prominence"), "{:?}", a.findings);
        // Without the GAAP per-share figure the result is more prominent, the guidance not.
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Adjusted EPS was $1.19. Net income was $38.4 million.",
                ),
                (
                    BlockKind::Paragraph,
                    "For 2027 we expect adjusted EPS of $4.10 to $4.25.",
                ),
            ],
        );
        let a = assess(&d);
        assert_eq!(
            flags(&a),
            vec![(false, true), (true, false)],
            "{:?}",
            a.uses
        );
    }

    #[test]
    fn a_bold_figure_is_more_prominent_a_bold_title_is_not() {
        // (text of a bold paragraph) -> whether it makes free cash flow more prominent.
        for (bold, flagged) in [
            ("Free cash flow of $1.72 billion, up 9%", true),
            ("Free cash flow", false),
        ] {
            let mut d = doc(
                DocKind::PressRelease,
                &[(
                    BlockKind::Paragraph,
                    "Net cash provided by operating activities was $2.21 billion and free cash flow was $1.72 billion. We believe free cash flow is useful to investors.",
                )],
            );
            let pos = SourcePos {
                line: 3,
                column: 1,
                page: None,
            };
            d.push_block(BlockKind::Paragraph, bold, pos, false, &[], true);
            let a = assess(&d);
            let bold_finding = a
                .findings
                .iter()
                .any(|f| &*f.rule == "regg.prominence" && f.message.contains("(a)(2)"));
            assert_eq!(bold_finding, flagged, "{bold}: {:?}", a.findings);
        }
    }

    fn tie_out_findings(d: &mut Document) -> Vec<String> {
        d.metadata.kind = Some(DocKind::PressRelease);
        assess(d)
            .findings
            .into_iter()
            .filter(|f| &*f.rule == "regg.reconciliation_mismatch")
            .map(|f| f.message)
            .collect()
    }

    const RECON_MD: &str = "\
Net income was $100 million. Adjusted EBITDA is a non-GAAP measure; we believe it is useful to investors.

| (in millions) | Q3 2026 | Q3 2025 |
|---|---|---|
| Net income | $ 100 | $ 90 |
| Interest expense | 10 | 10 |
| Income taxes | 20 | 15 |
| EBITDA | 130 | 115 |
| Restructuring charges | (5) | 4 |
| Adjusted EBITDA | $ TOTAL | $ 119 |
";

    #[test]
    fn reconciliation_tables_are_tied_out_column_by_column() {
        let mut ok = crate::ingest::markdown::extract(&RECON_MD.replace("TOTAL", "125"), "r.md");
        assert!(tie_out_findings(&mut ok).is_empty());
        let mut off = crate::ingest::markdown::extract(&RECON_MD.replace("TOTAL", "135"), "r.md");
        let msgs = tie_out_findings(&mut off);
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].contains(
                "column 1: Net income plus the adjustments comes to 125, the table shows 135"
            ),
            "{msgs:?}"
        );
        // EDGAR-style HTML: "$", "(", figure and ")" in cells of their own.
        let html = "<html><body><p>Adjusted EBITDA is useful to investors.</p><table>\
            <tr><td>Net loss</td><td>$</td><td>(40</td><td>)</td><td>$</td><td>12</td></tr>\
            <tr><td>Depreciation</td><td></td><td>30</td><td></td><td></td><td>8</td></tr>\
            <tr><td>Stock-based compensation</td><td></td><td>—</td><td></td><td></td><td>5</td></tr>\
            <tr><td>Adjusted EBITDA</td><td>$</td><td>(10</td><td>)</td><td>$</td><td>30</td></tr>\
            </table></body></html>";
        let mut d = crate::ingest::html::extract(html.as_bytes(), "r.html")
            .unwrap_or_else(|e| panic!("{e}"));
        let msgs = tie_out_findings(&mut d);
        // Column 1: -40 + 30 + 0 = (10) ties; column 2: 12 + 8 + 5 = 25, not 30.
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].contains(
                "column 2: Net loss plus the adjustments comes to 25, the table shows 30"
            ),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_post_that_gives_only_the_non_gaap_measure_gives_it_more_prominence() {
        // Reg FD Policy I.F asks equal prominence of every written public disclosure.
        let d = doc(
            DocKind::SocialPost,
            &[
                (BlockKind::Paragraph, "Lumaray (@LumarayNews) · Feb 5, 2026"),
                (
                    BlockKind::Paragraph,
                    "Record 2025 for Lumaray: Adjusted EBITDA of $4.35B. Full release: lumaray.com/investors",
                ),
            ],
        );
        let a = assess(&d);
        assert!(a.uses[0].prominence_issue, "{:?}", a.uses);
        let f = a.findings.iter().find(|f| &*f.rule == "regg.prominence");
        assert_eq!(
            f.map(|f| &*f.policy),
            Some("Reg FD Policy I.F; C&DI 102.10(a)")
        );
        // The GAAP measure first, in the same sentence: no prominence problem.
        let d = doc(
            DocKind::SocialPost,
            &[(
                BlockKind::Paragraph,
                "Q2 2026: net income of $0.27 per diluted share; Core FFO of $0.87 per diluted share. Reconciliations: harbor.com/investors",
            )],
        );
        let a = assess(&d);
        assert!(!a.uses.iter().any(|u| u.prominence_issue), "{:?}", a.uses);
        // A script is no style of presentation: no prominence test.
        let d = doc(
            DocKind::Script,
            &[(
                BlockKind::Paragraph,
                "Adjusted EBITDA was a record $25 million. The reconciliation is on our website.",
            )],
        );
        assert!(!assess(&d).uses.iter().any(|u| u.prominence_issue));
    }

    #[test]
    fn a_total_and_its_per_share_figure_are_two_presentations_a_range_is_one() {
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Distributable cash flow was $205.6 million ($1.02 per unit). Net cash provided by operating activities was $240 million.",
                ),
                (
                    BlockKind::Paragraph,
                    "We expect 2026 Core FFO of $3.44 to $3.52 per diluted share. Net income guidance is $1.02 to $1.10 per diluted share.",
                ),
            ],
        );
        let a = assess(&d);
        assert_eq!(
            a.uses
                .iter()
                .map(|u| (u.measure.as_str(), u.forward_looking, u.per_share_liquidity))
                .collect::<Vec<_>>(),
            vec![
                ("Distributable cash flow", false, false),
                ("Distributable cash flow per share", false, true),
                ("Core / normalized FFO per share", true, false),
            ],
            "{:?}",
            a.uses
        );
    }

    #[test]
    fn per_share_reads_through_an_alias_an_aside_and_a_table_caption() {
        let row = |table: u32, row: u32| BlockKind::TableRow { table, row };
        let d = doc_with_cells(
            DocKind::PressRelease,
            "2026-07-28T16:05:00-04:00",
            &[
                (
                    BlockKind::Paragraph,
                    "Net income was $0.27 per diluted share. Nareit Funds from Operations (\"Nareit FFO\") was $0.84 per diluted share. Core FFO, which also excludes transaction costs and the loss on the early payoff of our 2027 term loan, was $0.87 per diluted share.",
                ),
                (
                    BlockKind::Paragraph,
                    "Reconciliation of Net Income to Nareit FFO and Core FFO (per diluted share, unaudited)",
                ),
                (row(0, 0), "\tThree Months Ended June 30, 2026"),
                (row(0, 1), "Net income\t$0.27"),
                (row(0, 2), "Depreciation\t0.61"),
                (row(0, 3), "Nareit FFO\t$0.84"),
                (row(0, 4), "Core FFO\t$0.87"),
                (
                    BlockKind::Paragraph,
                    "Nareit FFO is calculated in accordance with the Nareit definition. We believe these measures are useful to investors.",
                ),
            ],
        );
        let a = assess(&d);
        // One per-share use of each measure; the bare names in the caption and the
        // definitions are no total use of their own.
        assert_eq!(
            a.uses
                .iter()
                .map(|u| u.measure.as_str())
                .collect::<Vec<_>>(),
            vec!["FFO (Nareit) per share", "Core / normalized FFO per share"],
            "{:?}",
            a.uses
        );
    }

    #[test]
    fn where_the_reconciliations_are_is_no_guidance() {
        let d = doc(
            DocKind::Script,
            &[
                (
                    BlockKind::Paragraph,
                    "Reconciliations of FFO, Core FFO and the other non-GAAP measures we'll reference today, including our 2026 guidance, to the most directly comparable GAAP measures are posted on harbor.com.",
                ),
                (
                    BlockKind::Paragraph,
                    "FFO was $0.84 and Core FFO was $0.87 per diluted share. We now expect 2026 Core FFO of $3.44 to $3.52 per diluted share.",
                ),
            ],
        );
        let a = assess(&d);
        assert_eq!(
            a.uses
                .iter()
                .map(|u| (u.measure.as_str(), u.forward_looking))
                .collect::<Vec<_>>(),
            vec![
                ("FFO (Nareit)", false),
                ("Core / normalized FFO per share", false),
                ("Core / normalized FFO per share", true),
            ],
            "{:?}",
            a.uses
        );
        // Without the reconciliation cue a year with a forward cue stays a forward use
        // ("Raises its 2025 EBITDA margin guidance").
        assert!(has_value("$3.44 in 2026") && !has_value("our 2026 guidance for Q2"));
        assert!(has_value("up 2026%") && has_value("1,2026"));
        // References to a part of a document or a form are no values.
        for reference in [
            "see Exhibit 99.2",
            "under Item 2.02 of Form 8-K",
            "in our Form 10-K",
            "Section 4(2) of the Securities Act",
            "described in Note 7",
        ] {
            assert!(!has_value(reference), "{reference}");
        }
        assert!(has_value("see Exhibit 99.2: revenue of 41.7"));
    }

    #[test]
    fn a_per_share_measure_defined_from_operating_cash_flow_is_a_liquidity_measure() {
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Net income was $1.10 per diluted share. Cash earnings per share of $2.55, and distributable cash flow for the twelve months ended December 31, 2025 was $4.03 per common unit.",
                ),
                (
                    BlockKind::Paragraph,
                    "Cash earnings per share is net cash provided by operating activities divided by weighted average diluted shares outstanding. We believe these measures are useful to investors.",
                ),
            ],
        );
        let a = assess(&d);
        let liquidity: Vec<(&str, bool)> = a
            .uses
            .iter()
            .map(|u| (u.measure.as_str(), u.per_share_liquidity))
            .collect();
        assert_eq!(
            liquidity,
            vec![
                ("Cash EPS", true),
                // The period between the measure and its figure: still per unit.
                ("Distributable cash flow per share", true),
            ]
        );
        let msgs: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| &*f.rule == "regg.per_share_liquidity_measure")
            .map(|f| f.message.as_str())
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("Cash EPS is defined from operating cash flow")),
            "{msgs:?}"
        );
        // A sentence that names operating cash flow and the share count defines nothing.
        let d = doc(
            DocKind::PressRelease,
            &[(
                BlockKind::Paragraph,
                "Net income was $1.10 per diluted share. Cash EPS rose to $2.55 on fewer diluted shares, and operating cash flow reached $200 million.",
            )],
        );
        assert!(!assess(&d).uses.iter().any(|u| u.per_share_liquidity));
    }

    #[test]
    fn unreasonable_efforts_cover_the_measures_they_name_and_periods_read_in_context() {
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Net income was $98 million and net sales were $1,014 million. Adjusted EPS was $2.85.",
                ),
                (
                    BlockKind::Paragraph,
                    "Kestrel now expects adjusted EPS of $10.95 to $11.15 and organic sales growth of 2% to 3%.",
                ),
                (
                    BlockKind::Paragraph,
                    "We do not provide a reconciliation of forecast organic sales growth to forecast reported net sales growth because we cannot predict, without unreasonable efforts, the effect of currency.",
                ),
            ],
        );
        let a = assess(&d);
        let ue: Vec<(&str, bool, bool)> = a
            .uses
            .iter()
            .filter(|u| u.forward_looking)
            .map(|u| {
                (
                    u.measure.as_str(),
                    u.unreasonable_efforts_statement,
                    u.reconciled,
                )
            })
            .collect();
        assert_eq!(
            ue,
            vec![
                ("Adjusted EPS", false, false),
                ("Organic revenue growth", true, false)
            ]
        );
        // The adjusted EPS guidance has neither: flagged; organic growth relies on the
        // exception.
        let fwd: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| &*f.rule == "regg.forward_looking_without_reconciliation")
            .map(|f| f.message.as_str())
            .collect();
        assert!(fwd.len() == 1 && fwd[0].contains("Adjusted EPS"), "{fwd:?}");

        // "Full year" beside "ended" names a past period; "medium-term" and "guiding to"
        // are guidance; "we don't reconcile … can't reasonably forecast" is the exception.
        let d = doc(
            DocKind::PressRelease,
            &[
                (
                    BlockKind::Paragraph,
                    "Net loss for the full year ended December 31, 2025 was $20 million. Adjusted net loss for the full year ended December 31, 2025 was $16 million.",
                ),
                (
                    BlockKind::Paragraph,
                    "Reported turnover growth was 2.3% and underlying sales growth was 5.1%. For 2026, we're guiding to underlying sales growth of 3% to 5%; we don't reconcile that to reported turnover growth because we can't reasonably forecast currency.",
                ),
                (
                    BlockKind::Paragraph,
                    "We remain committed to our medium-term objective of a core ROE of 14% or more. Return on equity was 12%.",
                ),
            ],
        );
        let a = assess(&d);
        let uses: Vec<(&str, bool, bool)> = a
            .uses
            .iter()
            .map(|u| {
                (
                    u.measure.as_str(),
                    u.forward_looking,
                    u.unreasonable_efforts_statement,
                )
            })
            .collect();
        assert!(
            uses.contains(&("Adjusted net income", false, false)),
            "{uses:?}"
        );
        assert!(
            !uses.contains(&("Adjusted net income", true, false)),
            "{uses:?}"
        );
        assert!(
            uses.contains(&("Organic revenue growth", true, true)),
            "{uses:?}"
        );
        assert!(uses.contains(&("Operating ROE", true, false)), "{uses:?}");
    }

    #[test]
    fn a_reconciliation_that_starts_from_the_non_gaap_measure_gives_it_prominence() {
        let row = |table: u32, row: u32| BlockKind::TableRow { table, row };
        let table = |first: &str, second: &str| {
            doc_with_cells(
                DocKind::PressRelease,
                "2026-11-18T16:05:00-05:00",
                &[
                    (
                        BlockKind::Paragraph,
                        "GAAP net income was $214.7 million. We believe non-GAAP net income is useful to investors.",
                    ),
                    (row(0, 0), "\tQ4 FY2026"),
                    (row(0, 1), first),
                    (row(0, 2), "Stock-based compensation\t(71.0)"),
                    (row(0, 3), second),
                ],
            )
        };
        let a = assess(&table(
            "Non-GAAP net income\t$394.2",
            "GAAP net income\t$214.7",
        ));
        let f = a.findings.iter().find(|f| &*f.rule == "regg.prominence");
        assert!(
            f.is_some_and(|f| f.message.contains("C&DI 102.10(b)")),
            "{:?}",
            a.findings
        );
        // From GAAP down to non-GAAP: no problem.
        let a = assess(&table(
            "GAAP net income\t$214.7",
            "Non-GAAP net income\t$394.2",
        ));
        assert!(
            !a.findings.iter().any(|f| f.message.contains("102.10(b)")),
            "{:?}",
            a.findings
        );
    }

    #[test]
    fn a_measure_named_without_a_figure_movement_or_characterization_is_no_use() {
        let names = |blocks: &[(BlockKind, &str)]| -> Vec<String> {
            assess(&doc(DocKind::PressRelease, blocks))
                .uses
                .into_iter()
                .map(|u| u.measure)
                .collect()
        };
        // A strategy, a covenant and a list of the measures a company uses: no numerical
        // measure (Reg G 101(a)(1)), so no use and no finding.
        for text in [
            "Our plan rests on focused organic growth and disciplined acquisitions.",
            "The credit agreement requires a minimum ratio of debt to earnings before interest, taxes, depreciation and amortization.",
            "We use the following non-GAAP financial measures: non-GAAP operating margin and free cash flow.",
        ] {
            let a = assess(&doc(DocKind::PressRelease, &[(BlockKind::Paragraph, text)]));
            assert!(a.uses.is_empty() && a.findings.is_empty(), "{text}: {a:?}");
        }
        // A figure, a movement or a characterization presents the measure; so does a table
        // flattened one cell to a line.
        for (blocks, measure) in [
            (
                &[(BlockKind::Paragraph, "Free cash flow was $41 million.")][..],
                "Free cash flow",
            ),
            (
                &[(
                    BlockKind::Paragraph,
                    "Adjusted EBITDA declined on lower volumes.",
                )][..],
                "Adjusted EBITDA",
            ),
            (
                &[(BlockKind::Paragraph, "We delivered record free cash flow.")][..],
                "Free cash flow",
            ),
            (
                &[
                    (BlockKind::Paragraph, "Non-GAAP operating loss"),
                    (BlockKind::Paragraph, "-14,850"),
                ][..],
                "Non-GAAP operating income",
            ),
        ] {
            assert!(
                names(blocks).iter().any(|m| m == measure),
                "{blocks:?}: {:?}",
                names(blocks)
            );
        }
        // "Growth" alone is no movement word: a strategy's "organic growth".
        assert!(names(&[(BlockKind::Paragraph, "Organic growth drives the plan.")]).is_empty());
    }

    #[test]
    fn shares_outstanding_is_no_superlative_an_outstanding_quarter_is() {
        let a102_10_a4 = |text: &str| {
            assess(&doc(DocKind::PressRelease, &[(BlockKind::Paragraph, text)]))
                .findings
                .iter()
                .any(|f| &*f.rule == "regg.prominence" && f.message.contains("102.10(a)(4)"))
        };
        assert!(!a102_10_a4(
            "Non-GAAP EPS of $1.12 is non-GAAP net income divided by the weighted average shares outstanding."
        ));
        assert!(a102_10_a4(
            "An outstanding quarter: non-GAAP EPS of $1.12, up 14%."
        ));
    }
}
