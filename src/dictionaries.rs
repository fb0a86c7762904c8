//! Data-driven rule vocabularies: the TOML files under `dictionaries/`, embedded in the
//! binary as the default set and overridable with `--dictionaries <DIR>` (or `dictionaries`
//! in `regfd.toml`), so compliance staff can tune terms without touching Rust.
//!
//! Layout (documented for staff in `dictionaries/README.md`):
//!
//! * `mnpi/<category>.toml` — one [`MnpiCategory`] per Insider Trading Policy IV.B category;
//! * `mnpi/_context.toml` — cross-category cues ([`MnpiContext`]): negation, hypothetical,
//!   already-public, materiality signals;
//! * `regg/measures.toml` — the non-GAAP measure lexicon ([`NonGaapLexicon`]);
//! * `regg/cues.toml` — Regulation G / Item 10(e) phrases ([`RegGCues`]);
//! * `regfd/cues.toml` — Regulation FD phrases and channel vocabulary ([`RegFdCues`]);
//! * `calendar/nyse.toml` — NYSE closures data, read by [`crate::assess::calendar`].
//!
//! Every file carries `version = <n>`; the loader rejects unknown keys so a typo in a
//! dictionary is an error, not a silently ignored rule.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The 20 MNPI categories in Insider Trading Policy IV.B order: items (i)–(xix), then
/// `projections_forecasts` (the paragraph after the list). CONTRACT.md rule ids are
/// `mnpi.<category>`.
pub const MNPI_CATEGORIES: [&str; 20] = [
    "earnings",
    "analyst_expectations",
    "prospects_strategy",
    "writedowns_reserves",
    "litigation_investigations",
    "liquidity",
    "products_customers_suppliers",
    "management_board_changes",
    "dividends",
    "extraordinary_borrowings",
    "accounting_auditors",
    "significant_contracts",
    "cybersecurity",
    "debt_ratings",
    "bankruptcy",
    "insider_trading",
    "mergers_acquisitions",
    "securities_events",
    "management_org_changes",
    "projections_forecasts",
];

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../dictionaries/", $name)))),*]
    };
}

/// The default dictionaries compiled into the binary: `(relative path, TOML text)`.
pub const EMBEDDED: &[(&str, &str)] = embedded![
    "mnpi/_context.toml",
    "mnpi/earnings.toml",
    "mnpi/analyst_expectations.toml",
    "mnpi/prospects_strategy.toml",
    "mnpi/writedowns_reserves.toml",
    "mnpi/litigation_investigations.toml",
    "mnpi/liquidity.toml",
    "mnpi/products_customers_suppliers.toml",
    "mnpi/management_board_changes.toml",
    "mnpi/dividends.toml",
    "mnpi/extraordinary_borrowings.toml",
    "mnpi/accounting_auditors.toml",
    "mnpi/significant_contracts.toml",
    "mnpi/cybersecurity.toml",
    "mnpi/debt_ratings.toml",
    "mnpi/bankruptcy.toml",
    "mnpi/insider_trading.toml",
    "mnpi/mergers_acquisitions.toml",
    "mnpi/securities_events.toml",
    "mnpi/management_org_changes.toml",
    "mnpi/projections_forecasts.toml",
    "regg/measures.toml",
    "regg/cues.toml",
    "regfd/cues.toml",
    "calendar/nyse.toml",
];

/// Severity levels shared by all rules, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For the record; never fails a run.
    Info,
    /// Worth a look.
    Low,
    /// Should be reviewed before release.
    Medium,
    /// Must be resolved before release (default `--fail-on` level).
    High,
}

impl Severity {
    /// Contract spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// One level up (saturating at `High`).
    #[must_use]
    pub fn raise(self) -> Self {
        match self {
            Self::Info => Self::Low,
            Self::Low => Self::Medium,
            Self::Medium | Self::High => Self::High,
        }
    }

    /// One level down (saturating at `Info`).
    #[must_use]
    pub fn lower(self) -> Self {
        match self {
            Self::High => Self::Medium,
            Self::Medium => Self::Low,
            Self::Low | Self::Info => Self::Info,
        }
    }

    /// Parses the contract spelling.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "info" => Self::Info,
            "low" => Self::Low,
            "medium" => Self::Medium,
            "high" => Self::High,
            _ => return None,
        })
    }
}

/// How far a weak term may be from one of its anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Anywhere in the same sentence (or heading, list item, table cell).
    Sentence,
    /// Within `window` words on either side, inside the same sentence.
    Window,
    /// In the same sentence, or in the sentence just before or just after it: a sentence of
    /// the same paragraph, list item or speaker turn, or the last (first) sentence of the
    /// block right before (after) it — the previous or next chat message. Headings and table
    /// rows are nobody's neighbours. For facts told in two short sentences: "My sister-in-law
    /// sits on the board … she told me …" then "Bought 2,000 more shares that week."; a
    /// `require` anchor may then be in the passage too.
    Passage,
}

/// A weak-term rule: the terms flag only when an anchor is near.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeakRule {
    /// Short name of the context rule, shown in explanations ("default near debt").
    pub name: String,
    /// Terms that are ambiguous alone ("default", "breach", "guidance").
    pub terms: Vec<String>,
    /// Words or phrases that make them material ("notes", "indenture", "payment").
    pub anchors: Vec<String>,
    /// `sentence` (default), `window` or `passage`.
    #[serde(default = "default_scope")]
    pub scope: Scope,
    /// Window size in words on either side, for `scope = "window"` (default 8).
    #[serde(default = "default_window")]
    pub window: usize,
    /// Whether the company's own name (the first word of the document's `company` metadata,
    /// after a leading "The") anywhere in the term's sentence counts as an anchor too: "the
    /// Tesla/SolarCity merger" is the company's deal where "Tesla" names the company.
    /// Optional; default false.
    #[serde(default)]
    pub company_anchor: bool,
    /// A second set of anchors, all of which the rule needs as well: when not empty, one of
    /// them must also be in the term's sentence (outside the term), wherever the first
    /// anchor is. It says what a pair of words says and neither says alone: "sold" near
    /// "compliance" is an employee's trade only when "shares" or "stock" is in the sentence
    /// too. Optional; default none (the first anchor suffices).
    #[serde(default)]
    pub require: Vec<String>,
}

fn default_scope() -> Scope {
    Scope::Sentence
}
fn default_window() -> usize {
    8
}

/// One MNPI category's lexicon policy (`dictionaries/mnpi/<category>.toml`).
///
/// Term syntax: lower-case words or phrases, matched case-insensitively on whole words;
/// a trailing `*` makes the last word a prefix (`acquir*` matches acquire, acquired,
/// acquisition). White space inside a phrase matches any run of spaces or a line break.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_excessive_bools)] // independent switches, each a key of the TOML file
pub struct MnpiCategory {
    /// Dictionary format version (currently 1).
    pub version: u32,
    /// One of [`MNPI_CATEGORIES`]; must match the file name.
    pub category: String,
    /// Human title ("Cybersecurity risks and incidents").
    pub title: String,
    /// Clause the category rests on ("Insider Trading Policy IV.B(xiii)").
    pub policy: String,
    /// One-line summary for `regfd rules`.
    pub summary: String,
    /// Why this matters (policy / rule reasoning), for `explain` and finding messages.
    pub why: String,
    /// What a reviewer should check when it fires.
    pub check: String,
    /// An example sentence that flags.
    pub example: String,
    /// An example sentence that must not flag (a trap).
    #[serde(default)]
    pub counter_example: Option<String>,
    /// Severity before context adjustments.
    pub base_severity: Severity,
    /// Terms that flag on their own.
    #[serde(default)]
    pub strong: Vec<String>,
    /// Ambiguous terms with the anchors that make them material.
    #[serde(default)]
    pub weak: Vec<WeakRule>,
    /// Phrases that veto any term match they contain ("default settings", "career guidance").
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Phrases that veto the category for the whole sentence they are in: legal boilerplate
    /// that lists events hypothetically ("customary events of default", "may be terminated
    /// by either party if") and pricing grids ("applicable margin"). Use sparingly: a real
    /// event in the same sentence is lost too. Optional; default none.
    #[serde(default)]
    pub sentence_exclude: Vec<String>,
    /// The category's own negation cues: one within `negation_window` words before a term
    /// vetoes it as a negation cue does, whatever `negatable` says ("repaid", "paid down"
    /// before "term loan": a repayment, not a borrowing). Optional; default none.
    #[serde(default)]
    pub counter_cues: Vec<String>,
    /// Words that state the category's event as continuing unchanged ("unchanged", "at the
    /// existing rate", "paid every quarter since 2011"). A sentence with one of them and none
    /// of `change_cues` reports the category at severity info: the policy names *changes*
    /// (Insider Trading Policy IV.B(ix): "changes in dividends or dividend policy"), and a
    /// regular dividend declared at its usual rate is not one. Matched in the sentence only
    /// when the category has a finding there. Optional; default none (the rule is off).
    #[serde(default)]
    pub steady_cues: Vec<String>,
    /// Words of a change that keep the finding at its severity even with a `steady_cues`
    /// word in the sentence ("the regular dividend, increased 8%", "suspend our regular
    /// dividend"). Optional; default none.
    #[serde(default)]
    pub change_cues: Vec<String>,
    /// Phrases of a notice that says when the category's news will come out ("will host a
    /// conference call", "conference call to discuss", "to announce", "dial-in"), lower case.
    /// One within ten words of a term of the category, in a sentence with no amount (a
    /// currency sign other than a cashtag's "$YUM", a percent sign, a figure with a thousands
    /// separator, "percent", "million", "billion") and none of `change_cues` near a term,
    /// reports the category at severity info: "Acme will hold a conference call to discuss its
    /// third quarter results on November 5" gives the date of the release, which is rarely
    /// material (DOMAIN.md 7.1, traps), not the results; Reg FD Policy II.E asks for exactly
    /// this advance notice of a call. Matched only in sentences where the category has a
    /// finding. Optional; default none (off).
    #[serde(default)]
    pub scheduling_cues: Vec<String>,
    /// Words before a term within which a `counter_cues` cue applies (default 4, as
    /// `negation_window`): "repaid $15 million of the term loan" needs 5.
    #[serde(default = "default_negation_window")]
    pub counter_window: usize,
    /// Whether a negation cue just before a term vetoes it ("no plans to", "not aware of").
    #[serde(default = "yes")]
    pub negatable: bool,
    /// Whether a term is vetoed when the sentence makes the event a third party's (a
    /// supplier's Chapter 11, a customer's downgrade): see [`MnpiContext::third_parties`].
    /// Optional; default false.
    #[serde(default)]
    pub third_party_veto: bool,
    /// Veto a term right after a third party's possessive
    /// ("Bluefin Line's bankruptcy court", "filed its own Chapter 11 petition") unless the
    /// sentence named the company first or the possessor is the company. Off where an
    /// outsider's possessive is the usual way to state the company's own event ("Moody's
    /// downgrade"). Optional; default false.
    #[serde(default)]
    pub third_party_possessive: bool,
    /// With `third_party_veto`: also veto a term when a named party (two or more capitalized
    /// words, see [`MnpiContext::not_party_names`]) comes before it in its clause and the
    /// company is not named there ("Starlume Theatres, a 90-site circuit, filed for Chapter
    /// 11"). Off where the company's own events are full of names of its assets, advisers
    /// and counterparties (a deal's "Pelly Creek property", "Hollis Street Partners").
    /// Optional; default false.
    #[serde(default)]
    pub third_party_names: bool,
    /// Veto a term whose clause makes the event an unnamed outsider's or a person's: an
    /// indefinite or personal noun phrase naming an organization before it ("a 9-site chain
    /// in Tucson went into receivership", "one of the largest grocery chains", "my old
    /// employer"; see [`MnpiContext::party_nouns`]), or "their", "his", "her" or "my" right
    /// before it ("announced their own layoffs", "just cut their dividend"). Not when the
    /// clause speaks of the company anywhere ("we", "our", the company's name). Needs no
    /// `company` metadata. Optional; default false.
    #[serde(default)]
    pub third_party_indefinite: bool,
}

fn yes() -> bool {
    true
}

/// Cross-category context cues (`dictionaries/mnpi/_context.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MnpiContext {
    /// Dictionary format version.
    pub version: u32,
    /// Cues that negate a following term within `negation_window` words ("no", "not",
    /// "never", "we do not comment on").
    pub negation: Vec<String>,
    /// Words before a term within which a negation cue applies (default 4).
    #[serde(default = "default_negation_window")]
    pub negation_window: usize,
    /// Phrases whose negation word does not negate: a negation cue inside one of them is
    /// ignored ("I'd be surprised if we don't have to write down", "not only", "no later
    /// than"). Optional; default none.
    #[serde(default)]
    pub negation_exceptions: Vec<String>,
    /// Hypothetical cues that lower severity ("if", "could", "in the event", "hypothetically").
    pub hypothetical: Vec<String>,
    /// Cues that the information is already public, lowering severity ("as previously
    /// announced", "as disclosed in our form 10-k").
    pub already_public: Vec<String>,
    /// Materiality signal words that raise severity ("record", "first time", "all-time").
    pub signal_words: Vec<String>,
    /// Phrases by which a writer says the news in hand is not public yet ("nothing is
    /// announced", "does not leave this group", "keep this quiet until"), lower case. In a
    /// document holding one, every weak rule of `scope = "sentence"` reads as `scope =
    /// "passage"` (its anchor may be in the sentence before or after): such writing tells one
    /// fact over several short sentences or messages ("Graham is gone" … "friday is his last
    /// day" … "CFO Graham??"), and its writer has said it is MNPI-shaped. Findings found so say
    /// so in their context. Optional; default none (off).
    #[serde(default)]
    pub not_public_cues: Vec<String>,
    /// Phrases by which a writer marks what they pass on as secret or not yet out, beyond
    /// `not_public_cues` ("dont tell", "act surprised", "keep it off linkedin", "its not out
    /// yet", "privileged and confidential"), lower case. With `not_public_cues` they start
    /// the topic rule (`topic_min_words`): around such a phrase, a category whose vocabulary
    /// dominates the passage but which has no finding in the document is reported at
    /// severity low. Communications surveillance reads secrecy language with topic words the
    /// same way; Insider Trading Policy IV.B: the writer's own word that the news is not
    /// public, about a category's subject. Optional; default none.
    #[serde(default)]
    pub secrecy_cues: Vec<String>,
    /// Topic rule: the least number of distinct topic words of one category in the passage
    /// around a secrecy cue (`secrecy_cues`, `not_public_cues`) for the category to be
    /// reported, and it must have `topic_margin` more than any other category. A category's
    /// topic words are its own terms and anchors (`strong`, weak `terms`, `anchors`,
    /// `require`) that belong to at most `topic_max_categories` categories and are not made
    /// only of `topic_stop_words`. Optional; default 0 (off).
    #[serde(default)]
    pub topic_min_words: usize,
    /// Topic rule: how many more distinct topic words the leading category needs than the
    /// next one. Optional; default 1.
    #[serde(default = "default_topic_margin")]
    pub topic_margin: usize,
    /// Topic rule: sentences (segments) on either side of a secrecy cue's sentence that make
    /// up its passage. Optional; default 3.
    #[serde(default = "default_topic_window")]
    pub topic_window: usize,
    /// Topic rule: a term or anchor shared by more categories than this says nothing about
    /// which one the passage is about. Optional; default 3.
    #[serde(default = "default_topic_max_categories")]
    pub topic_max_categories: usize,
    /// Topic rule: words too common to tell a category ("before", "asked", "first", "we"),
    /// lower case; an entry made only of these words is no topic word. Optional.
    #[serde(default)]
    pub topic_stop_words: Vec<String>,
    /// Names of public records ("form 10-q", "8-k", "press release", "proxy statement"),
    /// lower case. A sentence holding an `already_public` cue and one of these points at the
    /// record that carries the fact ("As disclosed in our Form 10-Q filed on May 8, we
    /// obtained a covenant waiver"): a restatement, severity info, for a category whose first
    /// term is within 24 words of the cue and not past the end of a parenthesis. A record
    /// named with "this" or "these" is the document itself and does not count. Optional;
    /// default none (off).
    #[serde(default)]
    pub public_records: Vec<String>,
    /// Regexes (Rust `regex` syntax, matched case-insensitively on a sentence) for a
    /// disclosure dated in the past: an announcing verb followed by a date ("announced on June
    /// 21", "disclosed Dec 8") or a dated release said to hold the fact ("was in the Oct 30
    /// release"). A match is a pointer that names the record, as a `public_records` name with
    /// an `already_public` cue is: it covers each term of the category within 24 words and
    /// not past the end of a parenthesis (or every later term, if it opens the sentence), not
    /// a later term with "will" between them; when it covers them all, the sentence restates a
    /// disclosure already made and its findings are info. Not when one of
    /// `dated_disclosure_future` is among the six words before the match ("will be announced
    /// on May 4": the date of a pending event, which is itself a materiality signal).
    /// Optional; default none (off).
    #[serde(default)]
    pub dated_disclosures: Vec<String>,
    /// `already_public` cues that say the news is out in the press, on the wires or in
    /// another party's own filing ("announced this morning", "on the newswire", "per their
    /// filing"), lower case, each also listed in `already_public`. A sentence whose first
    /// `already_public` cue is one of these, and whose term stands in a clause holding one of
    /// `third_person_words` and none of `first_person_words`, reports another party's news
    /// that is already out ("Tandem Outdoor filed chapter 11 this morning, it's on the
    /// newswire"): its findings are info (Insider Trading Policy IV.B lists the Company's
    /// information, and public news is not MNPI). The issuer's own pointers ("its previously
    /// announced acquisition") are left out: the sentence around them is often the news.
    /// Optional; default none (the rule is off).
    #[serde(default)]
    pub public_news_cues: Vec<String>,
    /// A named party's statement dated in the past, as regexes (Rust `regex`, compiled
    /// case-insensitive): a verb of telling the public and a past day or period ("announced
    /// last week", "told reporters yesterday"), or a verb of saying with the statement's own
    /// channel ("said in a statement"). A match not pending (no `dated_disclosure_future`
    /// word among the six words before it) in the clause of a term, where the clause names
    /// another party before the match (two or more capitalized words, not the company's own
    /// name word nor a `not_party_names` word, not a title-case headline) and holds no
    /// `first_person_words` word, reports that party's news already out ("Port operator
    /// Marisco Terminals said in a statement on Monday that an unauthorized party had
    /// accessed a file server"): its findings are info, as for `public_news_cues` (Insider
    /// Trading Policy IV.B lists the Company's information). Optional; default none (off).
    #[serde(default)]
    pub public_news_reports: Vec<String>,
    /// Third-person words ("they", "their", "its"), lower case, one word each; see
    /// `public_news_cues`. Optional; default none (the rule is off).
    #[serde(default)]
    pub third_person_words: Vec<String>,
    /// First-person words ("we", "our", "us", "i", "my"), lower case, one word each,
    /// contractions included ("we're"); see `third_person_words`. Optional; default none.
    #[serde(default)]
    pub first_person_words: Vec<String>,
    /// Words that make a `dated_disclosures` match (among the six words before it) or an
    /// `already_public` cue (the word right before it: "will be announced on") a future or
    /// pending disclosure ("will", "be", "before", "until", "ahead"), lower case, one word
    /// each; a contraction of "will" ("we'll") counts too. Optional; default none.
    #[serde(default)]
    pub dated_disclosure_future: Vec<String>,
    /// Risk-factor conditions on the company's own ability or results ("if we are unable",
    /// "if we fail to", "if our results fail"), lower case. A sentence holding one and a
    /// `risk_consequences` phrase is risk-factor language (Item 105 of Regulation S-K), not
    /// an event: severity info. Optional; default none (off).
    #[serde(default)]
    pub risk_conditions: Vec<String>,
    /// Risk-factor consequences ("could adversely affect", "could decline significantly",
    /// "could lose their entire investment"), lower case; see `risk_conditions`. Optional;
    /// default none (off).
    #[serde(default)]
    pub risk_consequences: Vec<String>,
    /// Modal words ("could", "may", "might") that make an event only possible: one in the
    /// clause of a category's term, with a `risk_consequences` phrase in the sentence and no
    /// amount, percentage or date, makes the finding info (risk-factor language: "A breach
    /// of our systems could disrupt our operations and adversely affect our business").
    /// Lower case, single words. Optional; default none (off).
    #[serde(default)]
    pub risk_modals: Vec<String>,
    /// Words that state an event as done ("was", "has", "found", "took"), lower case: one
    /// before the first `risk_modals` word of the term's clause, like any word ending in
    /// "-ed" (not "-eed", but "-reed": "agreed"), keeps the finding ("Ransomware encrypted
    /// our servers and may adversely affect our results"). Optional; default none.
    #[serde(default)]
    pub stated_fact_words: Vec<String>,
    /// Talk about the policy's subjects rather than an event ("among the subjects", "a
    /// primer on", "webinar on"), lower case: severity info. Optional; default none (off).
    #[serde(default)]
    pub policy_talk: Vec<String>,
    /// Phrases of a sentence that defines or explains a financial measure ("non-gaap
    /// financial measure", "excludes the impact of", "supplemental measures"), lower case:
    /// in a sentence with none of the `signal_patterns` (no amount, percentage or date) and no
    /// number of two or more digits, the
    /// MNPI findings are info, the items it names being kinds of adjustment, not events
    /// (a non-GAAP definition or usefulness statement under Item 10(e)(1)(i)(C)–(D)).
    /// Optional; default none (off).
    #[serde(default)]
    pub measure_definitions: Vec<String>,
    /// Phrases that make a document teaching material when its title holds one ("compliance
    /// training", "role-play", "lunch & learn", "101", "quiz", "tabletop exercise"), lower
    /// case. The title is the document's first sentence and its header lines (`Subject:`,
    /// `Topic:`, `Title:`, `Re:`, Markdown `#`) among its first eight lines: every MNPI
    /// finding of such a document is info, its events being examples, not the company's
    /// news. Optional; default none (off).
    #[serde(default)]
    pub teaching_titles: Vec<String>,
    /// Phrases that make a document a history piece when its title holds one ("company
    /// history", "our story", "timeline", "anniversary", "oral history", "lessons from"), lower
    /// case; the title is found as for [`Self::teaching_titles`]. Only where the document names
    /// two or more distinct years (19xx, 20xx) and none later than `historical_years` before
    /// the document's own year (the review's, moved back as for `undated_historical_years`,
    /// when the document carries none): every MNPI finding of it is then info, its events
    /// being the company's past, not news. A history page of a company that names this year
    /// or last is not one. Optional; default none (off).
    #[serde(default)]
    pub history_titles: Vec<String>,
    /// Header labels that make a line near the top part of a document's title for
    /// [`Self::teaching_titles`] (`Subject:`, `Topic:`), lower case, without the colon.
    /// Optional; default "subject", "topic", "title", "re", "course", "session".
    #[serde(default = "default_title_labels")]
    pub title_labels: Vec<String>,
    /// How many lines at the top of a document are searched for header lines and Markdown
    /// headings of its title. Optional; default 8.
    #[serde(default = "default_title_lines")]
    pub title_lines: usize,
    /// Materiality signal regexes that raise severity (amounts, percentages, per-share
    /// figures, dates). Rust `regex` syntax, matched case-insensitively.
    pub signal_patterns: Vec<String>,
    /// Nouns (and verbs) that name a third party's role ("supplier", "supplies", "customer",
    /// "tenant", "competitor"). In a category with `third_party_veto`, a term is vetoed when
    /// one of them comes before it in the sentence, within `third_party_window` words, with no
    /// self-reference in between — or when "of" follows the term and one comes within four
    /// words ("the bankruptcy of a key supplier"). Insider Trading Policy IV.B lists events
    /// of the Company, not of its counterparties. Optional; default none.
    #[serde(default)]
    pub third_parties: Vec<String>,
    /// Words by which the company speaks of itself ("we", "us", "the company"): one between
    /// the third party and the term, or within two words after the term ("agreed to acquire
    /// us"), keeps the term; so does "our" right before it ("our chapter 11 filing").
    #[serde(default)]
    pub self_references: Vec<String>,
    /// Years before the document's year (its `disclosed_at`, else a year in its file name)
    /// at which a dated event is history: a sentence placing its event that far back ("filed
    /// for bankruptcy in 2009", "paid every quarter since 2011"), with no later year in it,
    /// gives its findings severity `info`. Default 2 (last year's results are still news);
    /// 0 turns the rule off.
    #[serde(default = "default_historical_years")]
    pub historical_years: i32,
    /// The same for a document that carries no date of its own (no `disclosed_at`, no year in
    /// its file name), counted from the review's year: wider than `historical_years`, since
    /// the writer's own year is unknown and may be a year or two before the review. Default
    /// 4; at most `historical_years` narrower is taken as `historical_years`.
    #[serde(default = "default_undated_historical_years")]
    pub undated_historical_years: i32,
    /// Words before a term within which a third party applies (default 12).
    #[serde(default = "default_third_party_window")]
    pub third_party_window: usize,
    /// Capitalized words that never make a name another company's, lower case, without a
    /// possessive "'s" or surrounding punctuation ("u.s", "mr"): rating agencies ("moody",
    /// "fitch"), courts and government ("court", "bankruptcy",
    /// "district"), calendar words ("monday", "august"). Where the document's `company` is
    /// known, a run of two or more other capitalized words before a term of a
    /// `third_party_veto` category, in its clause, with no self-reference, names a third
    /// party ("Starlume Theatres, a 90-site circuit, filed for Chapter 11"). Optional;
    /// default none.
    #[serde(default)]
    pub not_party_names: Vec<String>,
    /// Verbs of preparing a filing or a deal for someone else ("drafting", "preparing"),
    /// lower case, one word each. One of them in the clause before a term (among the same
    /// `third_party_window` words the named-party rule reads) makes the name there the
    /// Company's counsel or banker at work, not the party the event befalls: "Also Vantress
    /// Kell started drafting first-day papers" keeps the finding the named-party rule would
    /// drop. Optional; default none.
    #[serde(default)]
    pub adviser_verbs: Vec<String>,
    /// Nouns that name an organization ("chain", "operator", "firm", "retailer"), lower
    /// case, singular and plural. After one of `party_determiners` (at most four words
    /// between), before a term of a category with `third_party_indefinite`, they make the
    /// event an outsider's. Optional; default none.
    #[serde(default)]
    pub party_nouns: Vec<String>,
    /// Indefinite and personal determiners that open such a noun phrase ("a", "one",
    /// "another", "several", "my"), lower case, one word each. Optional; default none.
    #[serde(default)]
    pub party_determiners: Vec<String>,
    /// Nouns that end the name of a community organization ("club", "league", "society",
    /// "parish"), lower case. A document without a `company` whose opening names such an
    /// organization, capitalized, beside one of `publication_nouns` ("Harbor Rowing Club
    /// Spring Newsletter"), and whose text names no company (`corporate_designators`, a
    /// ticker), is that organization's publication: its MNPI findings go to severity info,
    /// as no issuer's information is in it (Insider Trading Policy IV.B lists the Company's
    /// information). Optional; default none (the rule is off).
    #[serde(default)]
    pub community_nouns: Vec<String>,
    /// Words naming a periodical or bulletin ("newsletter", "bulletin", "gazette"), lower
    /// case. Optional; default none.
    #[serde(default)]
    pub publication_nouns: Vec<String>,
    /// Words that end a company's legal name ("inc", "corp", "plc", "holdings"), lower case,
    /// without the final period. One after a capitalized word, or a ticker ("NYSE: ABC",
    /// "$ABC"), anywhere in the text means the document names a company. Optional; default
    /// none.
    #[serde(default)]
    pub corporate_designators: Vec<String>,
    /// Names of stock exchanges as they appear before a colon and a ticker ("NYSE",
    /// "Nasdaq", "TSX"), matched case-sensitively at the end of the text before the colon:
    /// "(NYSE: ABC)" is a ticker, and a document naming one names a listed company.
    /// Optional; default none (then only cashtags such as "$ABC" count as tickers).
    #[serde(default)]
    pub exchanges: Vec<String>,
    /// Phrases that say a business is privately owned ("family-owned", "privately held",
    /// "the family's company"), lower case. A document without a `company`, naming no ticker,
    /// whose opening (its first 1,200 bytes: headline and lede) holds one within six words of
    /// the story's subject (its first capitalized word that is not a `not_party_names` word
    /// or a dateline in capitals) is news or writing about a private business: its MNPI
    /// findings go to severity info (Insider Trading Policy IV.B lists the information of the
    /// Company and of the companies it deals with, not a private stranger's), except in a
    /// sentence with one of `public_company_cues`. Optional; default none (the rule is off).
    #[serde(default)]
    pub private_business_cues: Vec<String>,
    /// Phrases that mark a sentence as speaking of a listed company ("public company",
    /// "publicly traded", "shareholders"), lower case: in news about a private business, the
    /// MNPI findings of such a sentence keep their severity. Optional; default none.
    #[serde(default)]
    pub public_company_cues: Vec<String>,
    /// Words by which someone asks about a subject ("asked about", "asked whether", "wanted
    /// to know"), lower case. In a sentence holding one, followed in the same passage (the
    /// next sentence of the paragraph, list item or speaker turn) by a sentence holding one of
    /// `refusal_cues` with none of `refusal_contrasts` after it, the MNPI findings are info:
    /// "Larchmont asked about the Q2 consensus. Jonah said we don't comment on analysts'
    /// estimates" (the asker's words disclose nothing, and the refusal is the "no comment"
    /// practice of Reg FD Policy I.E and I.H). Optional; default none (off).
    #[serde(default)]
    pub question_cues: Vec<String>,
    /// The Company's refusal to answer ("we don't comment on", "declined to comment", "we
    /// don't give intra-quarter updates"), lower case; see `question_cues`. Optional; default
    /// none.
    #[serde(default)]
    pub refusal_cues: Vec<String>,
    /// Single words that, after the refusal in its sentence, say something was said after all
    /// ("but", "however", "although"), lower case; see `question_cues`. Optional; default
    /// none.
    #[serde(default)]
    pub refusal_contrasts: Vec<String>,
    /// Drafting words of legal instruments ("shall", "hereby", "hereunder", "thereof",
    /// "whereas", "notwithstanding"), lower case. Where at least `legal_min_marked` of
    /// `legal_window` consecutive sentences of `legal_min_words` words or more hold one, the
    /// text from the first to the last such sentence of the run is the operative text of an
    /// agreement, plan, indenture or charter (an 8-K's exhibit): it sets terms and reports no
    /// event, and mentions its subject over and over ("the Merger", "the Term Loans"). There a
    /// finding of a category that has a finding above info earlier in the document goes to
    /// info, pointing at that first finding: the instrument is one event, flagged once, not
    /// once per clause (Insider Trading Policy IV.B; Form 8-K Item 1.01 reports the
    /// agreement, not each provision). Optional; default none (the rule is off).
    #[serde(default)]
    pub legal_drafting: Vec<String>,
    /// Legal-instrument rule: sentences in the sliding run (`legal_drafting`). Optional;
    /// default 10.
    #[serde(default = "default_legal_window")]
    pub legal_window: usize,
    /// Legal-instrument rule: how many sentences of the run must hold a drafting word, from 1
    /// to `legal_window` (else the dictionaries fail to load). Optional; default 5.
    #[serde(default = "default_legal_min_marked")]
    pub legal_min_marked: usize,
    /// Legal-instrument rule: the fewest words a sentence needs to count in the run (shorter
    /// ones, headings, signature lines and table cells, neither count nor break it).
    /// Optional; default 8.
    #[serde(default = "default_legal_min_words")]
    pub legal_min_words: usize,
    /// Phrases by which a filing says it re-presents reports already filed ("updates certain
    /// portions of the Annual Report on Form 10-K … to reclassify", "does not reflect events
    /// occurring after the filing of"), lower case: an 8-K that recasts a 10-K for
    /// discontinued operations or a new segment structure, a 10-K/A. From the first sentence
    /// holding one to the end of the document, a finding of a category that has a finding
    /// above info earlier in the document goes to info, pointing at that first finding: the
    /// re-presented statements, notes and MD&A tell events those filings already made public
    /// (Insider Trading Policy IV.C: information widely disseminated is public),
    /// and the recast itself is flagged once per category. Optional; default none (off).
    #[serde(default)]
    pub restated_filing_cues: Vec<String>,
}

fn default_legal_window() -> usize {
    10
}

fn default_legal_min_marked() -> usize {
    5
}

fn default_legal_min_words() -> usize {
    8
}

fn default_third_party_window() -> usize {
    12
}

fn default_topic_margin() -> usize {
    1
}

fn default_topic_window() -> usize {
    3
}

fn default_topic_max_categories() -> usize {
    3
}

fn default_title_labels() -> Vec<String> {
    ["subject", "topic", "title", "re", "course", "session"]
        .map(String::from)
        .to_vec()
}

fn default_title_lines() -> usize {
    8
}

fn default_undated_historical_years() -> i32 {
    4
}

fn default_historical_years() -> i32 {
    2
}

fn default_negation_window() -> usize {
    4
}

/// One non-GAAP measure (`[[measure]]` in `dictionaries/regg/measures.toml`), DOMAIN.md §3.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonGaapMeasure {
    /// Canonical name ("Adjusted EBITDA").
    pub name: String,
    /// Spellings, in the term syntax of [`MnpiCategory`] ("adj. ebitda", "adjusted ebitda").
    pub aliases: Vec<String>,
    /// The most directly comparable GAAP measure ("net income").
    pub gaap_comparable: String,
    /// Spellings of the GAAP comparable that satisfy Reg G 100(a)(1) ("net income",
    /// "net loss", "net earnings").
    pub gaap_aliases: Vec<String>,
    /// `performance`, `liquidity` or `position`.
    pub nature: MeasureNature,
    /// Whether a per-share presentation is permitted (C&DI 102.05 / 103.02).
    pub per_share_allowed: bool,
    /// Ratio of a non-GAAP base (C&DI 102.10(a)(9)): margin, leverage, conversion.
    #[serde(default)]
    pub ratio: bool,
    /// The measure is itself a per-share figure (adjusted EPS, tangible book value per
    /// share): a per-share cue after it does not make a second, per-share measure of it.
    #[serde(default)]
    pub per_share_measure: bool,
    /// GAAP line items or ratios ("operating profit", "combined ratio") that, with one of
    /// the lexicon's `modifiers` before them ("underlying operating profit") or `suffixes`
    /// after them ("operating profit excluding special items"), spell this measure too.
    /// Composed spellings that another measure lists as an alias are left to that measure.
    #[serde(default)]
    pub bases: Vec<String>,
    /// The name its per-share presentation is reported under ("Adjusted EPS" for adjusted
    /// net income of "$1.19 per diluted share"); default: the name with " per share".
    #[serde(default)]
    pub per_share_name: Option<String>,
    /// Free-text note shown in reports (which C&DI applies).
    #[serde(default)]
    pub note: Option<String>,
}

/// Whether a measure speaks to performance, liquidity or financial position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureNature {
    /// Performance measure; per-share may be allowed.
    Performance,
    /// Liquidity measure; never per share (C&DI 102.05).
    Liquidity,
    /// Financial-position measure.
    Position,
}

/// The non-GAAP lexicon.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonGaapLexicon {
    /// Dictionary format version.
    pub version: u32,
    /// Words that make a GAAP line item non-GAAP when put before it ("adjusted",
    /// "underlying", "core"): composed with every measure's `bases`.
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// Phrases that do the same after it ("excluding special items").
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// The measures.
    pub measure: Vec<NonGaapMeasure>,
}

impl NonGaapMeasure {
    /// The name of the measure presented per share: `per_share_name`, or the name with
    /// " per share" unless the measure is itself a per-share figure.
    #[must_use]
    pub fn per_share_display(&self) -> String {
        match &self.per_share_name {
            Some(n) => n.clone(),
            None if self.per_share_measure => self.name.clone(),
            None => format!("{} per share", self.name),
        }
    }
}

impl NonGaapLexicon {
    /// Every spelling of each measure, as `(term, measure index)`: its `aliases`, then each
    /// of its `bases` composed with the `modifiers` (before) and `suffixes` (after), except
    /// composed spellings that are an alias of any measure or were composed already (the
    /// first measure keeps them).
    #[must_use]
    pub fn spellings(&self) -> Vec<(String, usize)> {
        let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut seen: std::collections::HashSet<String> = self
            .measure
            .iter()
            .flat_map(|m| m.aliases.iter().map(|a| norm(a)))
            .collect();
        let mut out: Vec<(String, usize)> = Vec::new();
        for (i, m) in self.measure.iter().enumerate() {
            out.extend(m.aliases.iter().map(|a| (a.clone(), i)));
        }
        for (i, m) in self.measure.iter().enumerate() {
            for base in &m.bases {
                let composed = self
                    .modifiers
                    .iter()
                    .map(|x| format!("{x} {base}"))
                    .chain(self.suffixes.iter().map(|x| format!("{base} {x}")));
                for term in composed {
                    if seen.insert(norm(&term)) {
                        out.push((term, i));
                    }
                }
            }
        }
        out
    }
}

/// Regulation G / Item 10(e) cue phrases (`dictionaries/regg/cues.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegGCues {
    /// Dictionary format version.
    pub version: u32,
    /// Headings/phrases introducing a reconciliation ("reconciliation of", "reconciliations
    /// of non-gaap", "to the most directly comparable").
    pub reconciliation: Vec<String>,
    /// Usefulness statement cues, Item 10(e)(1)(i)(C) ("useful to investors", "provides
    /// investors with", "meaningful supplemental information").
    pub usefulness: Vec<String>,
    /// Management-use cues, Item 10(e)(1)(i)(D) ("management uses", "to evaluate").
    pub management_use: Vec<String>,
    /// Forward-looking cues around a measure ("expect", "guidance", "outlook", "fiscal 2027").
    pub forward_looking: Vec<String>,
    /// `forward_looking` cues that only name a period ("full year", "fiscal year", "second
    /// half"): in a clause with a `historical_periods` word ("for the full year ended
    /// December 31, 2023") they do not make a figure forward-looking.
    #[serde(default)]
    pub forward_period_names: Vec<String>,
    /// Words of a past reporting period ("ended") that make a table historical when in its
    /// header row or the line before it, whatever heading it is under.
    #[serde(default)]
    pub historical_periods: Vec<String>,
    /// Unreasonable-efforts reliance phrases (DOMAIN.md §2.7 (i)).
    pub unreasonable_efforts: Vec<String>,
    /// Website-reconciliation pointers for oral use (Reg G 100(a) note).
    pub website_reference: Vec<String>,
    /// Superlatives that make a non-GAAP figure more prominent (C&DI 102.10(a)(4)).
    pub superlatives: Vec<String>,
    /// Words that state a measure's movement or sign ("increased", "declined", "flat",
    /// "negative"). A measure named in no sentence with a figure, one of these or a
    /// superlative, and in no table, presents no numerical measure (Reg G 101(a)(1)): "a
    /// strategy of focused organic growth", "a minimum ratio of debt to EBITDA" in a
    /// covenant. Optional; default none, when every named measure counts as presented.
    #[serde(default)]
    pub change_words: Vec<String>,
    /// Per-share suffixes ("per share", "per diluted share", "per unit").
    pub per_share: Vec<String>,
    /// GAAP liquidity measures a definition may build a per-share measure from ("net cash
    /// provided by operating activities", "operating cash flow"): a per-share measure so
    /// defined is a liquidity measure per share, whatever its name (C&DI 102.05).
    #[serde(default)]
    pub liquidity_bases: Vec<String>,
    /// Words of a per-share computation in a definition ("divided by", "weighted average
    /// diluted shares", "shares outstanding").
    #[serde(default)]
    pub per_share_divisors: Vec<String>,
    /// Words that make a sentence define the measure before them ("is", "means", "is
    /// calculated as"): the `liquidity_bases` test reads definitions only.
    #[serde(default)]
    pub definition_words: Vec<String>,
}

/// Regulation FD cue phrases and channel vocabulary (`dictionaries/regfd/cues.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegFdCues {
    /// Dictionary format version.
    pub version: u32,
    /// Channels the company recognizes for public disclosure (Reg FD Policy II.C):
    /// newswire, press release, 8-K, webcast, public conference call, website.
    pub public_channels: Vec<String>,
    /// Channels that are not public (one-on-one, email, text, private call, dinner).
    pub private_channels: Vec<String>,
    /// Audiences that are Specified Persons (Reg FD Policy intro; Rule 100(b)(1)).
    pub specified_person_audiences: Vec<String>,
    /// Titles of authorized spokespersons (Reg FD Policy I.A: CEO and CFO).
    pub authorized_titles: Vec<String>,
    /// Private-setting markers in text (DOMAIN.md §1.9: "one-on-one", "off the record").
    pub private_markers: Vec<String>,
    /// Cover-page phrases of an SEC filing ("date of report (date of earliest event
    /// reported)", "commission file number"). A document of kind `other` with one in its
    /// first 16 KiB presents itself as a Form 8-K or periodic report, which is a public
    /// disclosure (Reg FD Rule 101(e); DOMAIN.md §1.4): its channel is public and private
    /// markers in it are contract language, not its setting. Optional; default none (off).
    #[serde(default)]
    pub filing_markers: Vec<String>,
    /// Guidance reaffirmation phrases (Flowserve): "reaffirm", "still comfortable".
    pub reaffirmation: Vec<String>,
    /// Estimate-steering phrases that are about analysts' estimates by themselves (Reg FD
    /// Policy I.E): "your model", "consensus is too high", "the Street's".
    pub estimate_guidance: Vec<String>,
    /// Estimate-steering phrases that count only with an [`Self::estimate_anchors`] term in
    /// the same sentence or one of the [`Self::weak_cue_window`] sentences before it: "too
    /// high", "be conservative", "quarter-to-date". Optional; default none.
    #[serde(default)]
    pub estimate_guidance_weak: Vec<String>,
    /// Words that make [`Self::estimate_guidance_weak`] wording about analysts' estimates:
    /// "consensus", "street", "analysts", "model". Optional; default none.
    #[serde(default)]
    pub estimate_anchors: Vec<String>,
    /// Rumor-comment phrases that are about a rumor by themselves (Reg FD Policy II.H):
    /// "rumor", "market speculation", "press reports".
    pub rumor: Vec<String>,
    /// Rumor phrases that count only with a [`Self::rumor_anchors`] term in the same sentence
    /// or one of the [`Self::weak_cue_window`] sentences before it: "reported that",
    /// "speculation", "sources say". Optional; default none.
    #[serde(default)]
    pub rumor_weak: Vec<String>,
    /// Words that make [`Self::rumor_weak`] wording about a market rumor: "press", "the
    /// Journal", "our stock", "takeover". Optional; default none.
    #[serde(default)]
    pub rumor_anchors: Vec<String>,
    /// How many sentences before a weak cue's own sentence its anchor may stand in (segments,
    /// counted across block boundaries). Optional; default 2.
    #[serde(default = "default_weak_cue_window")]
    pub weak_cue_window: usize,
    /// How many sentences after a [`Self::confirm_requests`] request its answer is read in
    /// (a chat answer often takes a greeting, a decline and then the comment, one line each).
    /// Optional; default 4.
    #[serde(default = "default_answer_window")]
    pub answer_window: usize,
    /// Accepted no-comment phrasing that makes a rumor or estimate mention in its sentence
    /// compliant: "our policy is not to comment", "does not comment", "not comment on".
    pub no_comment: Vec<String>,
    /// Forward-looking-statement disclaimer cues (Reg FD Policy II.F): "forward-looking
    /// statements", "safe harbor", "private securities litigation reform act".
    pub fls_disclaimer: Vec<String>,
    /// Words that, up to two words before a disclaimer cue in the same sentence, say the
    /// disclaimer was not given ("was not given the safe-harbor card", "without the usual
    /// safe harbor", "skipped the forward-looking statements"): such a mention is not a
    /// disclaimer. Optional; default none.
    #[serde(default)]
    pub fls_absent: Vec<String>,
    /// Forward-looking content cues that make a disclaimer necessary ("expect", "outlook").
    pub forward_looking: Vec<String>,
    /// Cues that the recipients agreed to keep the information confidential, which takes the
    /// communication out of Regulation FD (Rule 100(b)(2)(ii)): "confidentiality agreement",
    /// "nondisclosure agreement", "wall-crossed".
    #[serde(default)]
    pub confidentiality: Vec<String>,
    /// Words that mark an author or handle as an organization's account rather than a person
    /// ("official", "investor relations", "newsroom"): Reg FD Policy I.A's spokesperson test
    /// is about people, so such accounts are judged by their channel only.
    #[serde(default)]
    pub corporate_account_markers: Vec<String>,
    /// Roles in a social post's `author` field that make the author one of the issuer's
    /// senior officials or its investor-, public- or marketing-communications people (Rule
    /// 101(c), 101(f)): "chief", "vice president", "trustee", "investor relations". Such a
    /// post is the issuer's. Optional; default none.
    #[serde(default)]
    pub senior_official_roles: Vec<String>,
    /// Words just before an authorized title that say the person no longer holds it ("former",
    /// "retired", "ex-"): "Founder (former Chief Executive Officer)" is not an authorized
    /// spokesperson (Reg FD Policy I.A). Optional; default none.
    #[serde(default)]
    pub former_markers: Vec<String>,
    /// Requests to confirm what someone says ("true?", "any truth to", "can you confirm",
    /// "anything you can say"): with a [`Self::claim_words`] term (or rumor wording) in the
    /// same or the previous sentence, an answer in the company's voice, on a later line and
    /// within [`Self::answer_window`] sentences, that lacks the no-comment statement (or
    /// undoes it, [`Self::decline_undone`]) is a rumor comment (Reg FD Policy II.H).
    /// Optional; default none.
    #[serde(default)]
    pub confirm_requests: Vec<String>,
    /// Words that what is asked about is somebody's claim ("says", "reported", "story",
    /// "hearing"): see [`Self::confirm_requests`]. Optional; default none.
    #[serde(default)]
    pub claim_words: Vec<String>,
    /// Words that undo a decline in the answer to a [`Self::confirm_requests`] request ("I'd
    /// just say", "that said", "unofficially"): the answer is a rumor comment though it holds
    /// a no-comment phrase. Optional; default none.
    #[serde(default)]
    pub decline_undone: Vec<String>,
    /// Roles in a social post's `author` field that make the author someone who does not speak
    /// for the issuer ("reporter", "analyst", "union rep", "owner"): no Reg FD rule applies to
    /// the post (Rule 101(c)). Optional; default none.
    #[serde(default)]
    pub outsider_roles: Vec<String>,
    /// Roles in a social post's `author` field that make the author an employee who is not a
    /// senior official ("engineer", "nurse", "store manager"): the post is a leak, not the
    /// issuer's selective disclosure (Rule 101(c)); Reg FD Policy I.A still applies. Optional;
    /// default none.
    #[serde(default)]
    pub employee_roles: Vec<String>,
    /// Words of a post whose author field names no role that show the author relays what
    /// others said ("buddy of mine", "my father-in-law", "hearing from"): judged as an
    /// outsider's post. Optional; default none.
    #[serde(default)]
    pub hearsay_markers: Vec<String>,
    /// Words of a post whose author field names no role that show the author heard the news
    /// as staff ("told us", "my manager", "at work"): judged as an employee's post. Optional;
    /// default none.
    #[serde(default)]
    pub staff_markers: Vec<String>,
    /// Phrases in a social post (without a private-setting marker) that say the news was
    /// already released publicly ("yesterday we reported",
    /// "results are out", "as announced this morning"): the material findings in the same
    /// block repeat a public release, so they are not selective disclosure (a note at
    /// severity info asks the reviewer to confirm the release went out first). Never covers
    /// a projection. Optional; default none.
    #[serde(default)]
    pub release_pointers: Vec<String>,
    /// Words that, in a block with a link ([`Self::link_pattern`]), make the link a pointer to
    /// the public release ("release", "results", "reconciliations", "infographic"): "$ACME
    /// reports Q2 results: https://…", "Release and reconciliations: acme.com/investors".
    /// Optional; default none.
    #[serde(default)]
    pub release_link_words: Vec<String>,
    /// A link, as a Rust `regex` matched case-insensitively (`https://…`, `www.…`,
    /// `acme.com/investors`): see [`Self::release_link_words`]. Optional; default none (the
    /// link rule is off).
    #[serde(default)]
    pub link_pattern: Option<String>,
    /// Days back a public document (a release, an 8-K: a recognized public channel, Reg FD
    /// Policy II.C) of the same issuer in the same run counts as the public record for a later
    /// communication: one whose material MNPI findings state only figures that document
    /// states repeats public information and is no selective disclosure
    /// ([`crate::assess::public_record`]). Optional; default 120.
    #[serde(default = "default_public_record_days")]
    pub public_record_days: u32,
    /// The fewest distinct figures the material findings of a communication must state, all
    /// in one public document, to be read as its repeat: a single figure ("up 5%") matches
    /// some release by chance. Optional; default 2 (at least 1 is used).
    #[serde(default = "default_public_record_min_figures")]
    pub public_record_min_figures: usize,
    /// MNPI categories whose findings the public record never covers, by category name: a
    /// reaffirmed forecast is news as of its new date though its figures are the release's
    /// (SEC v. Flowserve, 2005), and a comment on analysts' estimates is news about them.
    /// Optional; default none.
    #[serde(default)]
    pub public_record_never_covers: Vec<String>,
}

/// [`RegFdCues::public_record_days`] where the file does not set it.
fn default_public_record_days() -> u32 {
    120
}

/// [`RegFdCues::public_record_min_figures`] where the file does not set it.
fn default_public_record_min_figures() -> usize {
    2
}

/// [`RegFdCues::weak_cue_window`] where the file does not set it.
fn default_weak_cue_window() -> usize {
    2
}

/// [`RegFdCues::answer_window`] where the file does not set it.
fn default_answer_window() -> usize {
    4
}

/// All dictionaries, parsed and validated.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    /// MNPI categories in [`MNPI_CATEGORIES`] order.
    pub mnpi: Vec<MnpiCategory>,
    /// MNPI context cues.
    pub mnpi_context: MnpiContext,
    /// Non-GAAP lexicon.
    pub non_gaap: NonGaapLexicon,
    /// Reg G cues.
    pub regg: RegGCues,
    /// Reg FD cues.
    pub regfd: RegFdCues,
    /// Raw `calendar/nyse.toml` text (parsed by the calendar).
    pub calendar_toml: String,
}

impl Dictionaries {
    /// The dictionaries compiled into the binary.
    ///
    /// # Errors
    /// Only if an embedded file is malformed, which the test suite rules out.
    pub fn embedded() -> Result<Self> {
        Self::from_sources(|name| {
            EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| (*t).to_owned())
                .ok_or_else(|| Error::Dictionary {
                    name: name.to_owned(),
                    message: "not embedded".into(),
                })
        })
    }

    /// Loads from a directory with the same layout; files it lacks fall back to the embedded
    /// defaults, so staff can override a single category.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        Self::from_sources(|name| {
            let p = dir.join(name);
            if p.exists() {
                std::fs::read_to_string(&p).map_err(|e| Error::io("reading", p, e))
            } else {
                EMBEDDED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, t)| (*t).to_owned())
                    .ok_or_else(|| Error::Dictionary {
                        name: name.to_owned(),
                        message: "missing".into(),
                    })
            }
        })
    }

    fn from_sources(mut read: impl FnMut(&str) -> Result<String>) -> Result<Self> {
        fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<T> {
            toml::from_str(text).map_err(|e| Error::Dictionary {
                name: name.to_owned(),
                message: e.to_string(),
            })
        }
        let mut mnpi = Vec::with_capacity(MNPI_CATEGORIES.len());
        for cat in MNPI_CATEGORIES {
            let name = format!("mnpi/{cat}.toml");
            let c: MnpiCategory = parse(&name, &read(&name)?)?;
            if c.category != cat {
                return Err(Error::Dictionary {
                    name,
                    message: format!("category {:?} does not match the file name", c.category),
                });
            }
            if c.strong.is_empty() && c.weak.is_empty() {
                return Err(Error::Dictionary {
                    name,
                    message: "no terms".into(),
                });
            }
            mnpi.push(c);
        }
        let ctx_name = "mnpi/_context.toml";
        let mnpi_context: MnpiContext = parse(ctx_name, &read(ctx_name)?)?;
        for p in mnpi_context
            .signal_patterns
            .iter()
            .chain(&mnpi_context.dated_disclosures)
            .chain(&mnpi_context.public_news_reports)
        {
            regex::Regex::new(p).map_err(|e| Error::Dictionary {
                name: ctx_name.into(),
                message: format!("pattern {p:?}: {e}"),
            })?;
        }
        if !mnpi_context.legal_drafting.is_empty()
            && !(1..=mnpi_context.legal_window).contains(&mnpi_context.legal_min_marked)
        {
            return Err(Error::Dictionary {
                name: ctx_name.into(),
                message: format!(
                    "legal_min_marked = {} must be from 1 to legal_window = {}",
                    mnpi_context.legal_min_marked, mnpi_context.legal_window
                ),
            });
        }
        let regfd: RegFdCues = parse("regfd/cues.toml", &read("regfd/cues.toml")?)?;
        if let Some(c) = regfd
            .public_record_never_covers
            .iter()
            .find(|c| !MNPI_CATEGORIES.contains(&c.as_str()))
        {
            return Err(Error::Dictionary {
                name: "regfd/cues.toml".into(),
                message: format!("public_record_never_covers: {c:?} is not an MNPI category"),
            });
        }
        Ok(Self {
            mnpi,
            mnpi_context,
            non_gaap: parse("regg/measures.toml", &read("regg/measures.toml")?)?,
            regg: parse("regg/cues.toml", &read("regg/cues.toml")?)?,
            regfd,
            calendar_toml: read("calendar/nyse.toml")?,
        })
    }

    /// The category lexicon for `category`, if it exists.
    #[must_use]
    pub fn category(&self, category: &str) -> Option<&MnpiCategory> {
        self.mnpi.iter().find(|c| c.category == category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionaries_parse_and_cover_every_category() {
        let d = Dictionaries::embedded().unwrap();
        assert_eq!(d.mnpi.len(), 20);
        for (c, name) in d.mnpi.iter().zip(MNPI_CATEGORIES) {
            assert_eq!(c.category, name);
            assert!(
                c.policy.starts_with("Insider Trading Policy IV.B"),
                "{}",
                c.policy
            );
        }
    }

    // ---- data validation: the dictionaries are data written by people, so these tests hold
    // them to the term syntax and to the policy mapping that the engine and reports rely on.

    /// Every term list of every file, labelled for error messages.
    fn all_term_lists(dicts: &Dictionaries) -> Vec<(String, &Vec<String>)> {
        let mut lists: Vec<(String, &Vec<String>)> = Vec::new();
        for cat in &dicts.mnpi {
            lists.push((format!("{}.strong", cat.category), &cat.strong));
            lists.push((format!("{}.exclude", cat.category), &cat.exclude));
            for (name, list) in [
                ("sentence_exclude", &cat.sentence_exclude),
                ("counter_cues", &cat.counter_cues),
                ("steady_cues", &cat.steady_cues),
                ("change_cues", &cat.change_cues),
                ("scheduling_cues", &cat.scheduling_cues),
            ] {
                if !list.is_empty() {
                    lists.push((format!("{}.{name}", cat.category), list));
                }
            }
            for rule in &cat.weak {
                lists.push((
                    format!("{}.weak[{}].terms", cat.category, rule.name),
                    &rule.terms,
                ));
                lists.push((
                    format!("{}.weak[{}].anchors", cat.category, rule.name),
                    &rule.anchors,
                ));
                if !rule.require.is_empty() {
                    lists.push((
                        format!("{}.weak[{}].require", cat.category, rule.name),
                        &rule.require,
                    ));
                }
            }
        }
        let ctx = &dicts.mnpi_context;
        lists.push(("_context.negation".into(), &ctx.negation));
        lists.push(("_context.hypothetical".into(), &ctx.hypothetical));
        lists.push(("_context.already_public".into(), &ctx.already_public));
        lists.push(("_context.not_public_cues".into(), &ctx.not_public_cues));
        lists.push(("_context.secrecy_cues".into(), &ctx.secrecy_cues));
        lists.push(("_context.public_records".into(), &ctx.public_records));
        lists.push((
            "_context.dated_disclosure_future".into(),
            &ctx.dated_disclosure_future,
        ));
        lists.push(("_context.public_news_cues".into(), &ctx.public_news_cues));
        lists.push((
            "_context.third_person_words".into(),
            &ctx.third_person_words,
        ));
        lists.push((
            "_context.first_person_words".into(),
            &ctx.first_person_words,
        ));
        lists.push(("_context.risk_conditions".into(), &ctx.risk_conditions));
        lists.push(("_context.risk_consequences".into(), &ctx.risk_consequences));
        lists.push(("_context.risk_modals".into(), &ctx.risk_modals));
        lists.push(("_context.stated_fact_words".into(), &ctx.stated_fact_words));
        lists.push(("_context.policy_talk".into(), &ctx.policy_talk));
        lists.push((
            "_context.measure_definitions".into(),
            &ctx.measure_definitions,
        ));
        lists.push(("_context.teaching_titles".into(), &ctx.teaching_titles));
        lists.push(("_context.history_titles".into(), &ctx.history_titles));
        lists.push(("_context.title_labels".into(), &ctx.title_labels));
        lists.push((
            "_context.private_business_cues".into(),
            &ctx.private_business_cues,
        ));
        lists.push((
            "_context.public_company_cues".into(),
            &ctx.public_company_cues,
        ));
        lists.push(("_context.legal_drafting".into(), &ctx.legal_drafting));
        lists.push(("_context.question_cues".into(), &ctx.question_cues));
        lists.push((
            "_context.restated_filing_cues".into(),
            &ctx.restated_filing_cues,
        ));
        lists.push(("_context.refusal_cues".into(), &ctx.refusal_cues));
        lists.push(("_context.refusal_contrasts".into(), &ctx.refusal_contrasts));
        lists.push(("_context.signal_words".into(), &ctx.signal_words));
        for measure in &dicts.non_gaap.measure {
            lists.push((
                format!("measure[{}].aliases", measure.name),
                &measure.aliases,
            ));
            lists.push((
                format!("measure[{}].gaap_aliases", measure.name),
                &measure.gaap_aliases,
            ));
        }
        let regg = &dicts.regg;
        for (name, list) in [
            ("reconciliation", &regg.reconciliation),
            ("usefulness", &regg.usefulness),
            ("management_use", &regg.management_use),
            ("forward_looking", &regg.forward_looking),
            ("unreasonable_efforts", &regg.unreasonable_efforts),
            ("website_reference", &regg.website_reference),
            ("superlatives", &regg.superlatives),
            ("change_words", &regg.change_words),
            ("per_share", &regg.per_share),
        ] {
            lists.push((format!("regg.{name}"), list));
        }
        let regfd = &dicts.regfd;
        for (name, list) in [
            ("public_channels", &regfd.public_channels),
            ("private_channels", &regfd.private_channels),
            (
                "specified_person_audiences",
                &regfd.specified_person_audiences,
            ),
            ("authorized_titles", &regfd.authorized_titles),
            ("private_markers", &regfd.private_markers),
            ("filing_markers", &regfd.filing_markers),
            ("reaffirmation", &regfd.reaffirmation),
            ("estimate_guidance", &regfd.estimate_guidance),
            ("estimate_guidance_weak", &regfd.estimate_guidance_weak),
            ("estimate_anchors", &regfd.estimate_anchors),
            ("rumor", &regfd.rumor),
            ("rumor_weak", &regfd.rumor_weak),
            ("rumor_anchors", &regfd.rumor_anchors),
            ("no_comment", &regfd.no_comment),
            ("fls_disclaimer", &regfd.fls_disclaimer),
            ("forward_looking", &regfd.forward_looking),
            ("former_markers", &regfd.former_markers),
            ("confirm_requests", &regfd.confirm_requests),
            ("claim_words", &regfd.claim_words),
            ("decline_undone", &regfd.decline_undone),
            ("senior_official_roles", &regfd.senior_official_roles),
            ("outsider_roles", &regfd.outsider_roles),
            ("employee_roles", &regfd.employee_roles),
            ("hearsay_markers", &regfd.hearsay_markers),
            ("staff_markers", &regfd.staff_markers),
            ("release_pointers", &regfd.release_pointers),
            ("release_link_words", &regfd.release_link_words),
        ] {
            lists.push((format!("regfd.{name}"), list));
        }
        lists
    }

    #[test]
    fn a_legal_run_needing_more_sentences_than_it_has_is_refused() {
        let ctx = EMBEDDED
            .iter()
            .find(|(n, _)| *n == "mnpi/_context.toml")
            .unwrap()
            .1
            .replace("legal_min_marked = 5", "legal_min_marked = 11");
        let err = Dictionaries::from_sources(|name| {
            if name == "mnpi/_context.toml" {
                return Ok(ctx.clone());
            }
            Ok(EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap()
                .1
                .to_owned())
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("_context.toml") && err.contains("legal_min_marked = 11"),
            "{err}"
        );
    }

    #[test]
    fn the_public_record_names_only_mnpi_categories() {
        let cues = EMBEDDED
            .iter()
            .find(|(n, _)| *n == "regfd/cues.toml")
            .unwrap()
            .1;
        assert!(cues.contains("\"projections_forecasts\""));
        let bad = cues.replace("\"projections_forecasts\"", "\"projections\"");
        let err = Dictionaries::from_sources(|name| {
            if name == "regfd/cues.toml" {
                return Ok(bad.clone());
            }
            Ok(EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap()
                .1
                .to_owned())
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("regfd/cues.toml")
                && err.contains("\"projections\" is not an MNPI category"),
            "{err}"
        );
    }

    #[test]
    fn every_term_follows_the_term_syntax() {
        let d = Dictionaries::embedded().unwrap();
        for (label, list) in all_term_lists(&d) {
            assert!(!list.is_empty(), "{label} is empty");
            for t in list {
                assert!(!t.is_empty(), "{label}: empty term");
                assert_eq!(t, &t.to_lowercase(), "{label}: {t:?} is not lower-case");
                assert_eq!(t, t.trim(), "{label}: {t:?} has outer white space");
                assert!(
                    !t.contains("  ") && !t.contains('\t'),
                    "{label}: {t:?} has a double space"
                );
                if let Some(stem) = t.strip_suffix('*') {
                    assert!(!stem.contains('*'), "{label}: {t:?}: `*` only at the end");
                    let last = stem.rsplit(' ').next().unwrap_or("");
                    // Short prefixes ("div*", "cut*") match unrelated words.
                    assert!(
                        last.chars().count() >= 4,
                        "{label}: {t:?}: prefix shorter than 4"
                    );
                } else {
                    assert!(!t.contains('*'), "{label}: {t:?}: `*` only at the end");
                }
            }
        }
    }

    #[test]
    fn no_duplicate_terms_within_a_list_or_category() {
        use std::collections::HashSet;
        let d = Dictionaries::embedded().unwrap();
        for (label, list) in all_term_lists(&d) {
            let mut seen = HashSet::new();
            for t in list {
                assert!(seen.insert(t), "{label}: duplicate {t:?}");
            }
        }
        // A term that is both strong and weak is a contradiction (the weak rule never matters).
        // The same weak term in two rules is fine: its anchor sets add up.
        for c in &d.mnpi {
            let strong: HashSet<&str> = c.strong.iter().map(String::as_str).collect();
            for w in &c.weak {
                for t in &w.terms {
                    assert!(
                        !strong.contains(t.as_str()),
                        "{}: {t:?} is strong and weak",
                        c.category
                    );
                }
            }
        }
    }

    #[test]
    fn categories_carry_policy_text_and_sane_rules() {
        const CLAUSES: [&str; 19] = [
            "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
            "xiv", "xv", "xvi", "xvii", "xviii", "xix",
        ];
        let d = Dictionaries::embedded().unwrap();
        for (i, c) in d.mnpi.iter().enumerate() {
            let want = CLAUSES.get(i).map_or_else(
                || "Insider Trading Policy IV.B (projections and forecasts)".to_owned(),
                |n| format!("Insider Trading Policy IV.B({n})"),
            );
            assert_eq!(c.policy, want, "{}", c.category);
            assert!(c.title.trim().len() >= 5, "{}: title too short", c.category);
            for (field, text) in [
                ("summary", &c.summary),
                ("why", &c.why),
                ("check", &c.check),
                ("example", &c.example),
            ] {
                assert!(text.trim().len() > 10, "{}: {field} too short", c.category);
                assert!(
                    !text.contains("placeholder"),
                    "{}: {field} is a placeholder",
                    c.category
                );
            }
            assert!(
                !c.summary.contains('\n'),
                "{}: summary must be one line",
                c.category
            );
            assert!(
                c.counter_example.is_some(),
                "{}: counter_example missing",
                c.category
            );
            assert!(
                c.strong.len() >= 25,
                "{}: only {} strong terms",
                c.category,
                c.strong.len()
            );
            assert!(!c.exclude.is_empty(), "{}: no exclusions", c.category);
            for w in &c.weak {
                assert!(
                    !w.terms.is_empty() && !w.anchors.is_empty(),
                    "{}: {}",
                    c.category,
                    w.name
                );
                assert!(w.window > 0, "{}: {} window 0", c.category, w.name);
            }
        }
        assert!(d.mnpi_context.negation_window > 0);
    }

    #[test]
    fn non_gaap_lexicon_is_complete_and_unambiguous() {
        use std::collections::HashSet;
        let d = Dictionaries::embedded().unwrap();
        let measures = &d.non_gaap.measure;
        assert!(measures.len() >= 45, "only {} measures", measures.len());
        let mut names = HashSet::new();
        let mut aliases = HashSet::new();
        let gaap: HashSet<&str> = measures
            .iter()
            .flat_map(|m| m.gaap_aliases.iter().map(String::as_str))
            .collect();
        for m in measures {
            assert!(names.insert(&m.name), "duplicate measure {}", m.name);
            assert!(!m.aliases.is_empty(), "{}: no alias", m.name);
            assert!(!m.gaap_aliases.is_empty(), "{}: no GAAP alias", m.name);
            assert!(
                !m.gaap_comparable.trim().is_empty(),
                "{}: no GAAP comparable",
                m.name
            );
            // C&DI 102.05: a liquidity measure may never be presented per share.
            if m.nature == MeasureNature::Liquidity {
                assert!(
                    !m.per_share_allowed,
                    "{}: liquidity measure allowed per share",
                    m.name
                );
            }
            for a in &m.aliases {
                // Leftmost-longest matching needs each spelling to name exactly one measure.
                assert!(
                    aliases.insert(a.as_str()),
                    "alias {a:?} belongs to two measures"
                );
                assert!(
                    !gaap.contains(a.as_str()),
                    "{}: alias {a:?} is also a GAAP alias",
                    m.name
                );
            }
        }
        // Composed spellings (modifiers x bases, bases x suffixes) follow the same rules:
        // no GAAP alias, no operating metric or GAAP caption.
        let composed: HashSet<String> = d
            .non_gaap
            .spellings()
            .into_iter()
            .map(|(t, _)| t)
            .filter(|t| !aliases.contains(t.as_str()))
            .collect();
        assert!(!composed.is_empty(), "no composed spelling");
        for t in &composed {
            assert!(!gaap.contains(t.as_str()), "composed {t:?} is a GAAP alias");
        }
        for not_non_gaap in [
            "comparable sales",
            "recurring revenue",
            "operating earnings",
            "core revenue",
        ] {
            assert!(
                !composed.contains(not_non_gaap),
                "composed {not_non_gaap:?} is not non-GAAP"
            );
        }
        // DOMAIN.md 3.1: GAAP amounts and operating metrics are not non-GAAP measures.
        for not_non_gaap in [
            "operating margin",
            "gross margin",
            "same-store sales",
            "comparable sales",
            "backlog",
            "bookings",
            "arr",
            "net income",
            "revenue",
            "operating income",
            "leverage ratio",
            "efficiency ratio",
            "net interest margin",
            "effective tax rate",
            "billings",
            "dcf",
        ] {
            assert!(
                !aliases.contains(not_non_gaap),
                "{not_non_gaap:?} listed as non-GAAP"
            );
        }
        // C&DI 103.02 / 102.07: EBITDA, EBIT and free cash flow are never per share.
        for name in ["EBITDA", "EBIT", "Adjusted EBITDA", "Free cash flow"] {
            let m = measures.iter().find(|m| m.name == name).unwrap();
            assert!(!m.per_share_allowed, "{name} allowed per share");
        }
        for name in ["Adjusted EPS", "Non-GAAP EPS", "FFO (Nareit)"] {
            let m = measures.iter().find(|m| m.name == name).unwrap();
            assert!(m.per_share_allowed, "{name} should be allowed per share");
        }
    }

    /// A deliberately small model of the documented matching rules (whole words, trailing `*`
    /// prefix, flexible white space, case-insensitive), used only to check that each category's
    /// own example flags and its counter-example does not. Plain string search keeps the test
    /// fast in debug builds. `text` must already be lower-case.
    fn find_term(text: &str, term: &str) -> Vec<(usize, usize)> {
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let (body, prefix) = term.strip_suffix('*').map_or((term, false), |b| (b, true));
        let words: Vec<&str> = body.split_whitespace().collect();
        let Some(first) = words.first() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (start, _) in text.match_indices(first) {
            if first.starts_with(is_word) && text[..start].chars().next_back().is_some_and(is_word)
            {
                continue;
            }
            let mut pos = start + first.len();
            let mut ok = true;
            for w in &words[1..] {
                let rest = &text[pos..];
                let trimmed = rest.trim_start();
                if trimmed.len() == rest.len() || !trimmed.starts_with(w) {
                    ok = false;
                    break;
                }
                pos += rest.len() - trimmed.len() + w.len();
            }
            if !ok {
                continue;
            }
            if prefix {
                pos += text[pos..]
                    .chars()
                    .take_while(|&c| is_word(c))
                    .map(char::len_utf8)
                    .sum::<usize>();
            } else if body.ends_with(is_word) && text[pos..].chars().next().is_some_and(is_word) {
                continue;
            }
            out.push((start, pos));
        }
        out
    }

    fn find(terms: &[String], text: &str) -> Vec<(usize, usize)> {
        terms.iter().flat_map(|t| find_term(text, t)).collect()
    }

    fn words_between(text: &str, a: usize, b: usize) -> usize {
        if b <= a {
            return 0;
        }
        text[a..b]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
    }

    fn flags(c: &MnpiCategory, ctx: &MnpiContext, text: &str) -> Vec<String> {
        let text = &text.to_lowercase();
        let excluded = find(&c.exclude, text);
        let negations = find(&ctx.negation, text);
        let mut hits: Vec<(usize, usize)> = find(&c.strong, text);
        for w in &c.weak {
            let anchors = find(&w.anchors, text);
            let required = find(&w.require, text);
            for (a, b) in find(&w.terms, text) {
                if !w.require.is_empty() && !required.iter().any(|&(x, y)| y <= a || x >= b) {
                    continue;
                }
                let near = anchors.iter().any(|&(x, y)| {
                    if x < b && a < y {
                        return false;
                    }
                    w.scope != Scope::Window
                        || (if x >= b {
                            words_between(text, b, x)
                        } else {
                            words_between(text, y, a)
                        }) <= w.window
                });
                if near {
                    hits.push((a, b));
                }
            }
        }
        hits.into_iter()
            .filter(|&(a, b)| !excluded.iter().any(|&(x, y)| x < b && a < y))
            .filter(|&(a, _)| {
                !c.negatable
                    || !negations
                        .iter()
                        .any(|&(_, y)| y <= a && words_between(text, y, a) < ctx.negation_window)
            })
            .map(|(a, b)| text[a..b].to_owned())
            .collect()
    }

    #[test]
    fn each_example_flags_and_each_counter_example_does_not() {
        let d = Dictionaries::embedded().unwrap();
        for c in &d.mnpi {
            let hit = flags(c, &d.mnpi_context, &c.example);
            assert!(!hit.is_empty(), "{}: example does not flag", c.category);
            let trap = c.counter_example.as_deref().unwrap();
            let hit = flags(c, &d.mnpi_context, trap);
            assert!(
                hit.is_empty(),
                "{}: counter-example flags on {hit:?}",
                c.category
            );
        }
    }

    #[test]
    fn negation_vetoes_only_where_the_category_allows_it() {
        let d = Dictionaries::embedded().unwrap();
        let ctx = &d.mnpi_context;
        let cyber = d.category("cybersecurity").unwrap();
        assert!(
            flags(
                cyber,
                ctx,
                "We have not experienced any material cybersecurity incident."
            )
            .is_empty()
        );
        let guidance = d.category("projections_forecasts").unwrap();
        assert!(
            flags(
                guidance,
                ctx,
                "We are not updating our full-year guidance today."
            )
            .is_empty()
        );
        // Negation is itself the news for dividends and liquidity.
        let dividends = d.category("dividends").unwrap();
        assert!(
            !flags(
                dividends,
                ctx,
                "The board will not declare a quarterly dividend."
            )
            .is_empty()
        );
        let liquidity = d.category("liquidity").unwrap();
        assert!(
            !flags(
                liquidity,
                ctx,
                "We did not make the interest payment due on the notes."
            )
            .is_empty()
        );
    }

    /// The press-and-wires rule reads the sentence's first `already_public` cue: a
    /// `public_news_cues` entry missing from `already_public` would never be matched.
    #[test]
    fn public_news_cues_are_already_public_cues() {
        let d = Dictionaries::embedded().unwrap();
        let ctx = &d.mnpi_context;
        assert!(!ctx.public_news_cues.is_empty());
        for cue in &ctx.public_news_cues {
            assert!(
                ctx.already_public.contains(cue),
                "public_news_cues {cue:?} is not in already_public"
            );
        }
    }

    #[test]
    fn documented_traps_do_not_flag() {
        let d = Dictionaries::embedded().unwrap();
        let ctx = &d.mnpi_context;
        for (cat, trap) in [
            (
                "liquidity",
                "Notifications are enabled by default in the default settings.",
            ),
            (
                "projections_forecasts",
                "She received career guidance from the guidance counselor.",
            ),
            (
                "cybersecurity",
                "The dispute concerns a breach of contract and a breach of etiquette.",
            ),
            (
                "dividends",
                "Investing in training pays dividends for the dividends of teamwork.",
            ),
            (
                "securities_events",
                "Let's split the bill after the conference call.",
            ),
            (
                "mergers_acquisitions",
                "The delta forms at the merger of two rivers.",
            ),
            (
                "earnings",
                "Search results and clinical results improved; the margin of error is small.",
            ),
            (
                "analyst_expectations",
                "We aim to exceed customer expectations with our business model.",
            ),
            (
                "management_board_changes",
                "We used cash to retire debt and retire shares.",
            ),
            (
                "writedowns_reserves",
                "The Federal Reserve left rates unchanged.",
            ),
            (
                "bankruptcy",
                "The liquidation preference of the preferred stock is $25 per share.",
            ),
        ] {
            let c = d.category(cat).unwrap();
            assert!(
                flags(c, ctx, trap).is_empty(),
                "{cat}: {trap:?} flags {:?}",
                flags(c, ctx, trap)
            );
        }
        for (cat, real) in [
            (
                "earnings",
                "Diluted earnings per share were $1.12, and revenue increased 12% to $3.4 billion.",
            ),
            (
                "earnings",
                "The Company reported net income of $12.1 million for the fourth quarter.",
            ),
            (
                "projections_forecasts",
                "The company raises its outlook and expects full-year revenue of $2.1 billion.",
            ),
            (
                "analyst_expectations",
                "Results came in ahead of consensus estimates.",
            ),
            (
                "securities_events",
                "The board approved a 2-for-1 stock split and an increase to the buyback.",
            ),
            (
                "dividends",
                "The Board voted to suspend the quarterly dividend.",
            ),
            (
                "cybersecurity",
                "Attackers breached systems holding customer data.",
            ),
        ] {
            let c = d.category(cat).unwrap();
            assert!(
                !flags(c, ctx, real).is_empty(),
                "{cat}: {real:?} does not flag"
            );
        }
    }
}
