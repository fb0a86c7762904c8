//! Regulation FD (17 CFR 243.100–103) and the company's Reg FD Corporate Communications
//! Policy: selective-disclosure risk and remediation deadlines.
//!
//! Input: a segmented [`Document`] with its MNPI findings. Output: a [`RegFdAssessment`]:
//! whether the document is a selective disclosure (MNPI reaching Specified Persons through
//! a channel that is not a recognized public one), the remediation deadlines and how to
//! remediate, and the `regfd.*` findings:
//!
//! | rule | rests on |
//! |---|---|
//! | `regfd.selective_disclosure` | Reg FD Rule 100(a); Reg FD Policy I.B |
//! | `regfd.guidance_reaffirmation` | Reg FD Policy I.B, I.E; SEC v. Flowserve (2005) |
//! | `regfd.estimate_guidance` | Reg FD Policy I.E |
//! | `regfd.rumor_comment` | Reg FD Policy II.H |
//! | `regfd.missing_fls_disclaimer` | Reg FD Policy II.F; PSLRA safe harbor |
//! | `regfd.unauthorized_spokesperson` | Reg FD Policy I.A |

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::calendar::NyseCalendar;
use super::deadline::{Deadlines, PolicyReading, remediation_deadlines_with};
use crate::detect::matcher::{Hit, TermMatcher, words_between};
use crate::detect::{Finding, collapse_space};
use crate::dictionaries::{Dictionaries, Severity};
use crate::document::{BlockKind, DocKind, Document};
use crate::error::Result;
use crate::segment::{Segment, is_company_role, outside_company_turn};

/// Reg FD settings from `regfd.toml` (`[regfd]`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RegFdConfig {
    /// Names of authorized spokespersons (Reg FD Policy I.A: the CEO and the CFO), matched
    /// case-insensitively as substrings of `author` or a transcript speaker.
    pub authorized_spokespersons: Vec<String>,
    /// Extra authorized titles beyond `dictionaries/regfd/cues.toml` `authorized_titles`.
    pub authorized_titles: Vec<String>,
    /// Social handles the company has announced as disclosure channels (SEC 2008 website
    /// guidance; Netflix 21(a) report), e.g. `@acme_ir`.
    pub public_handles: Vec<String>,
    /// Which reading of "intervening weekend or holiday" the policy deadline uses.
    pub policy_reading: PolicyReadingSetting,
}

/// `policy_reading` in `regfd.toml`: `inclusive` (Policy P, the contract's reading) or
/// `strictly_after` (P′), DOMAIN.md §1.5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyReadingSetting {
    /// Policy P.
    #[default]
    Inclusive,
    /// Policy P′.
    StrictlyAfter,
}

impl From<PolicyReadingSetting> for PolicyReading {
    fn from(s: PolicyReadingSetting) -> Self {
        match s {
            PolicyReadingSetting::Inclusive => Self::Inclusive,
            PolicyReadingSetting::StrictlyAfter => Self::StrictlyAfter,
        }
    }
}

/// How public the channel is, and why regfd thinks so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelVerdict {
    /// Whether it is a recognized public-disclosure channel.
    pub public: bool,
    /// Whether Specified Persons (analysts, investors, shareholders) are reached.
    pub specified_persons: bool,
    /// The basis of the verdict, for the report.
    pub basis: String,
}

/// Remediation of a selective disclosure (Reg FD Policy I.B, I.C, II.C; Rule 101(e)).
#[derive(Debug, Clone, Serialize)]
pub struct Remediation {
    /// MNPI categories that went out selectively.
    pub categories: Vec<String>,
    /// Up to five excerpts of what must be made public.
    pub excerpts: Vec<String>,
    /// Whether the disclosure is treated as intentional (then public disclosure had to be
    /// simultaneous, Rule 100(a)(1)).
    pub intentional: bool,
    /// The deadlines, when `disclosed_at` is known.
    #[serde(skip)]
    pub deadlines: Option<Deadlines>,
    /// Reg FD Policy I.B deadline, RFC 3339 with the New York offset.
    pub policy_deadline: Option<String>,
    /// Rule 101(d) outer limit, RFC 3339 with the New York offset.
    pub regfd_deadline: Option<String>,
    /// Why the deadlines fall where they do.
    pub deadline_reason: Option<String>,
    /// How to make it public.
    pub how: Vec<String>,
}

/// The Reg FD assessment of one document (CONTRACT.md `regfd`).
#[derive(Debug, Clone, Serialize)]
pub struct RegFdAssessment {
    /// Whether MNPI went (or would go) to Specified Persons through a non-public channel.
    pub selective_disclosure: bool,
    /// The channel verdict.
    pub channel: ChannelVerdict,
    /// Remediation, when `selective_disclosure`.
    pub remediation: Option<Remediation>,
    /// `regfd.*` findings.
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    PublicChannel,
    PrivateChannel,
    SpecifiedAudience,
    AuthorizedTitle,
    PrivateMarker,
    FilingMarker,
    Reaffirmation,
    EstimateGuidance,
    EstimateWeak,
    EstimateAnchor,
    Rumor,
    RumorWeak,
    RumorAnchor,
    NoComment,
    Fls,
    FlsAbsent,
    Forward,
    Confidentiality,
    CorporateAccount,
    ConfirmRequest,
    Claim,
    DeclineUndone,
    ReleasePointer,
    ReleaseLinkWord,
}

/// Tags of the post-author vocabulary (`regfd/cues.toml` `senior_official_roles` …
/// `staff_markers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Senior,
    Outsider,
    Employee,
    Hearsay,
    Staff,
    /// `former_markers`: read only in author, speaker and role strings.
    Former,
}

/// A social post's author as Regulation FD sees it (Rule 101(c), 101(f)).
#[derive(Debug, Clone, PartialEq, Eq)]
enum PostAuthor {
    /// The issuer or a person acting on its behalf, or nothing says otherwise (every document
    /// that is not a social post).
    Issuer,
    /// An employee who is not a senior official; the words that tell.
    Employee(String),
    /// Someone who does not speak for the issuer; the words that tell.
    Outsider(String),
}

/// The compiled Reg FD assessor.
#[derive(Debug, Clone)]
pub struct RegFd {
    cues: TermMatcher<Cue>,
    /// Post-author roles and voice markers, matched in a social post's author field and text.
    roles: TermMatcher<Role>,
    /// Legal designators that end a company's name ("inc", "corporation"), lower-case
    /// (`mnpi/_context.toml` `corporate_designators`).
    designators: Vec<String>,
    /// Sentences before a weak cue's own in which its anchor may stand
    /// (`regfd/cues.toml` `weak_cue_window`).
    weak_cue_window: usize,
    /// Sentences after a confirmation request in which its answer is read
    /// (`regfd/cues.toml` `answer_window`).
    answer_window: usize,
    /// `regfd/cues.toml` `link_pattern`, case-insensitive (`None`: the link rule is off).
    link: Option<regex::Regex>,
    config: RegFdConfig,
    calendar: NyseCalendar,
}

/// Minimum MNPI severity that counts as material for selective disclosure.
const MATERIAL: Severity = Severity::Medium;

/// Least length, in bytes, of a paragraph that is a cautionary legend on its own.
const LEGEND_MIN_BYTES: usize = 300;

/// Bytes at the head of a document read for `filing_markers`: an SEC filing's cover page
/// opens it, after at most an EDGAR header.
const FILING_HEAD_BYTES: usize = 16 * 1024;

impl RegFd {
    /// Compiles the cue lists.
    ///
    /// # Errors
    /// [`crate::Error::Dictionary`] for an empty term or a `link_pattern` that does not
    /// compile.
    pub fn new(d: &Dictionaries, config: RegFdConfig, calendar: NyseCalendar) -> Result<Self> {
        let c = &d.regfd;
        let link = c
            .link_pattern
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                regex::RegexBuilder::new(p)
                    .case_insensitive(true)
                    .build()
                    .map_err(|e| crate::error::Error::Dictionary {
                        name: "regfd/cues.toml".into(),
                        message: format!("link_pattern: {e}"),
                    })
            })
            .transpose()?;
        let cues = TermMatcher::from_lists(
            "regfd/cues.toml",
            &[
                (&c.public_channels, Cue::PublicChannel),
                (&c.private_channels, Cue::PrivateChannel),
                (&c.specified_person_audiences, Cue::SpecifiedAudience),
                (&c.authorized_titles, Cue::AuthorizedTitle),
                // Extra authorized titles from the configuration.
                (&config.authorized_titles, Cue::AuthorizedTitle),
                (&c.private_markers, Cue::PrivateMarker),
                (&c.filing_markers, Cue::FilingMarker),
                (&c.reaffirmation, Cue::Reaffirmation),
                (&c.estimate_guidance, Cue::EstimateGuidance),
                (&c.estimate_guidance_weak, Cue::EstimateWeak),
                (&c.estimate_anchors, Cue::EstimateAnchor),
                (&c.rumor, Cue::Rumor),
                (&c.rumor_weak, Cue::RumorWeak),
                (&c.rumor_anchors, Cue::RumorAnchor),
                (&c.no_comment, Cue::NoComment),
                (&c.fls_disclaimer, Cue::Fls),
                (&c.fls_absent, Cue::FlsAbsent),
                (&c.forward_looking, Cue::Forward),
                (&c.confidentiality, Cue::Confidentiality),
                (&c.corporate_account_markers, Cue::CorporateAccount),
                (&c.confirm_requests, Cue::ConfirmRequest),
                (&c.claim_words, Cue::Claim),
                (&c.decline_undone, Cue::DeclineUndone),
                (&c.release_pointers, Cue::ReleasePointer),
                (&c.release_link_words, Cue::ReleaseLinkWord),
            ],
            true,
        )?;
        // Non-overlapping: a longer role wins over a shorter one inside it ("portfolio
        // manager" over "manager").
        let roles = TermMatcher::from_lists(
            "regfd/cues.toml",
            &[
                (&c.senior_official_roles, Role::Senior),
                (&c.outsider_roles, Role::Outsider),
                (&c.employee_roles, Role::Employee),
                (&c.hearsay_markers, Role::Hearsay),
                (&c.staff_markers, Role::Staff),
                (&c.former_markers, Role::Former),
            ],
            false,
        )?;
        Ok(Self {
            cues,
            roles,
            designators: d
                .mnpi_context
                .corporate_designators
                .iter()
                .map(|w| w.trim().to_lowercase())
                .collect(),
            weak_cue_window: c.weak_cue_window,
            answer_window: c.answer_window,
            link,
            config,
            calendar,
        })
    }

    /// Blocks that are forward-looking-statement or risk-factor boilerplate: a block holding a
    /// disclaimer cue ("forward-looking statements", "safe harbor", "risk factors section"),
    /// every block under a heading that holds one, and the legend's run after a legend
    /// paragraph: its list items, and its paragraphs that name a disclaimer cue ("Such
    /// statements involve many risks and uncertainties that could cause …, including:"). Page
    /// furniture (a running head, a page number) neither ends nor joins the run. MNPI
    /// vocabulary there names risks, not events (DOMAIN.md §7.20). One flag per block of
    /// `doc.blocks`.
    #[must_use]
    pub fn legend_blocks(&self, doc: &Document) -> Vec<bool> {
        let mut out = vec![false; doc.blocks.len()];
        let mut under_legend_heading = false;
        let mut in_legend_run = false;
        for (i, b) in doc.blocks.iter().enumerate() {
            let t = doc.block_text(i);
            match b.kind {
                BlockKind::Furniture => {}
                BlockKind::Heading { .. } => {
                    under_legend_heading = self.matches(t, Cue::Fls).is_some();
                    in_legend_run = false;
                    out[i] = under_legend_heading;
                }
                BlockKind::ListItem => {
                    out[i] = under_legend_heading || in_legend_run || self.is_legend_text(t);
                }
                _ => {
                    // One scan of the paragraph serves both tests: a legend of its own, or a
                    // continuation of the run naming one cue.
                    let long = t.len() >= LEGEND_MIN_BYTES;
                    out[i] = under_legend_heading || {
                        let cues = if long || in_legend_run {
                            self.distinct_fls_cues(t)
                        } else {
                            0
                        };
                        (long && cues >= 2) || (in_legend_run && cues >= 1)
                    };
                    in_legend_run = out[i];
                }
            }
        }
        out
    }

    /// Whether a paragraph reads as a cautionary legend rather than mentioning one: at least
    /// two distinct disclaimer cues and the length of a legend ([`LEGEND_MIN_BYTES`]). "See
    /// the safe harbor at ir.example.com" in a post is a pointer, not a legend.
    fn is_legend_text(&self, t: &str) -> bool {
        t.len() >= LEGEND_MIN_BYTES && self.distinct_fls_cues(t) >= 2
    }

    /// How many distinct forward-looking-statement disclaimer cues `t` holds.
    fn distinct_fls_cues(&self, t: &str) -> usize {
        let mut terms: Vec<&str> = self
            .cues
            .find(t)
            .into_iter()
            .filter(|h| self.cues.tags(h.pattern).contains(&Cue::Fls))
            .map(|h| self.cues.term(h.pattern))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms.len()
    }

    /// The calendar deadlines are computed on.
    #[must_use]
    pub fn calendar(&self) -> &NyseCalendar {
        &self.calendar
    }

    fn matches(&self, s: &str, cue: Cue) -> Option<String> {
        self.cues
            .find(s)
            .into_iter()
            .find(|h| self.cues.tags(h.pattern).contains(&cue))
            .map(|h| s.get(h.start..h.end).unwrap_or("").to_lowercase())
    }

    /// The first `filing_markers` phrase in the cover-page head (the first
    /// [`FILING_HEAD_BYTES`] bytes) of a document of kind `other`, as written: such a
    /// document presents itself as an SEC filing, which is public disclosure (Reg FD Rule
    /// 101(e)). `None` for every other kind: a press release is public already, and a script
    /// or post quoting a cover page is not the filing.
    fn filing_marker(&self, doc: &Document, cues: &[Hit]) -> Option<String> {
        if doc.metadata.kind.unwrap_or_default() != DocKind::Other {
            return None;
        }
        cues.iter()
            .take_while(|h| h.start < FILING_HEAD_BYTES)
            .find(|h| self.cues.tags(h.pattern).contains(&Cue::FilingMarker))
            .map(|h| collapse_space(doc.text.get(h.start..h.end).unwrap_or("")))
    }

    /// Whether `author` (the document's author, else its handle) is an organization's account
    /// rather than a person, so that the spokesperson rule (Reg FD Policy I.A) does not apply:
    /// the author, or the account's own description (`account_description`, from a post's
    /// header "@yumbrands (Yum! Brands, Inc. corporate account, NYSE: YUM)"), has a
    /// `corporate_account_markers` word; or the handle is one the configuration announces as
    /// a disclosure channel (`public_handles`), which only the company's own account can be;
    /// or the handle is the company's name run together ("@yumbrands" for "Yum! Brands, Inc.",
    /// without its legal designators).
    fn company_account(&self, doc: &Document, author: &str) -> bool {
        let m = &doc.metadata;
        let squash = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect()
        };
        let handle = m
            .handle
            .as_deref()
            .map(|h| squash(h.trim_start_matches('@')));
        self.matches(author, Cue::CorporateAccount).is_some()
            || m.extra
                .get("account_description")
                .is_some_and(|d| self.matches(d, Cue::CorporateAccount).is_some())
            || self.handle_is_public(doc)
            || handle.as_deref().is_some_and(|h| {
                !h.is_empty()
                    && m.company
                        .as_deref()
                        .is_some_and(|c| squash(&without_designators(c, &self.designators)) == h)
            })
    }

    /// Whether the document's handle is one the configuration announces as a disclosure
    /// channel (`public_handles`), "@" and ASCII case ignored.
    fn handle_is_public(&self, doc: &Document) -> bool {
        doc.metadata.handle.as_deref().is_some_and(|h| {
            let h = h.trim_start_matches('@');
            self.config
                .public_handles
                .iter()
                .any(|p| p.trim_start_matches('@').eq_ignore_ascii_case(h))
        })
    }

    /// Decides whether the document's channel is public and reaches Specified Persons.
    #[must_use]
    pub fn channel(&self, doc: &Document, private_marker: Option<&str>) -> ChannelVerdict {
        let head = doc.text.get(..doc.text.len().min(FILING_HEAD_BYTES));
        let head_cues = head.map(|h| self.cues.find(h)).unwrap_or_default();
        let filing = self.filing_marker(doc, &head_cues);
        self.channel_with(doc, private_marker, filing.as_deref())
    }

    /// [`Self::channel`] given the document's filing marker (see [`Self::filing_marker`]).
    fn channel_with(
        &self,
        doc: &Document,
        private_marker: Option<&str>,
        filing: Option<&str>,
    ) -> ChannelVerdict {
        let m = &doc.metadata;
        let kind = m.kind.unwrap_or_default();
        let audience = m.audience.as_deref().unwrap_or("");
        let aud_specified = self.matches(audience, Cue::SpecifiedAudience);
        let aud_public = audience.trim().eq_ignore_ascii_case("public");
        let handle_public = self.handle_is_public(doc);
        let (public, basis) = if let Some(p) = m.public_channel {
            (p, format!("metadata public_channel = {p}"))
        } else if let Some(marker) = private_marker {
            (
                false,
                format!("the text describes a private setting (\"{marker}\")"),
            )
        } else if let Some(ch) = m.channel.as_deref() {
            if let Some(p) = self.matches(ch, Cue::PrivateChannel) {
                (
                    false,
                    format!("channel \"{ch}\" is not a public channel (\"{p}\")"),
                )
            } else if self.matches(ch, Cue::PublicChannel).is_some() {
                (
                    true,
                    format!("channel \"{ch}\" is a recognized public channel (Reg FD Policy II.C)"),
                )
            } else if handle_public {
                (
                    true,
                    format!(
                        "handle {} is an announced disclosure channel",
                        m.handle.as_deref().unwrap_or("")
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "channel \"{ch}\" is not one the company recognizes for public disclosure"
                    ),
                )
            }
        } else if handle_public {
            (
                true,
                format!(
                    "handle {} is an announced disclosure channel",
                    m.handle.as_deref().unwrap_or("")
                ),
            )
        } else {
            match kind {
                DocKind::PressRelease => (true, "assumed: a press release is issued through a newswire and/or Form 8-K (set `channel` to confirm)".into()),
                DocKind::Script => (true, "assumed: a script for a publicly accessible, pre-announced call or webcast (set `channel`/`audience` to confirm)".into()),
                DocKind::SocialPost => (false, format!(
                    "social account {} is not configured as an announced disclosure channel (SEC Release 34-58288; Netflix 21(a) report)",
                    m.handle.as_deref().or(m.author.as_deref()).unwrap_or("(unknown)")
                )),
                DocKind::Other => match filing {
                    Some(f) => (true, format!("the text is an SEC filing (cover page: \"{f}\"); filing or furnishing a Form 8-K is public disclosure (Reg FD Rule 101(e)); set `channel` to confirm")),
                    None => (true, "no channel metadata: treated as public unless the text describes a private setting (set `channel`/`audience` to confirm)".into()),
                },
            }
        };
        let specified_persons = if aud_public {
            !public
        } else if aud_specified.is_some() {
            true
        } else if !audience.trim().is_empty() {
            // A named audience that is not a Specified-Person class (employees, media,
            // customers, counsel) is outside Rule 100(b)(1).
            false
        } else {
            // A non-public channel whose audience is unknown may reach Specified Persons
            // (followers of an executive's account include investors: Netflix 21(a) report).
            !public && kind != DocKind::Other || private_marker.is_some()
        };
        ChannelVerdict {
            public,
            specified_persons,
            basis,
        }
    }

    /// Assesses one document given its MNPI findings (before channel escalation).
    #[must_use]
    pub fn assess(
        &self,
        doc: &Document,
        segments: &[Segment],
        mnpi: &[Finding],
        now: DateTime<FixedOffset>,
    ) -> RegFdAssessment {
        let text = &doc.text;
        let cues = self.cues.find(text);
        let tagged = |h: &Hit, c: Cue| self.cues.tags(h.pattern).contains(&c);
        let kind = doc.metadata.kind.unwrap_or_default();
        // A private-setting marker ("between us", "off the record") describes the setting of
        // a note, email, post or meeting script; in a press release, or in the script of a
        // call that presents itself as a webcast or conference call, it is a figure of speech.
        // So is it in the text of an SEC filing: an exhibit's agreement "shall be held in
        // confidence".
        let filing = self.filing_marker(doc, &cues);
        let presents_as_public = kind == DocKind::PressRelease
            || filing.is_some()
            || (kind == DocKind::Script && cues.iter().any(|h| tagged(h, Cue::PublicChannel)));
        let private_marker = cues
            .iter()
            .filter(|_| !presents_as_public)
            .find(|h| tagged(h, Cue::PrivateMarker) && !outside_company_turn(doc, h.start))
            .map(|h| collapse_space(text.get(h.start..h.end).unwrap_or("")));
        let mut channel = self.channel_with(doc, private_marker.as_deref(), filing.as_deref());
        if let Some(c) = cues.iter().find(|h| tagged(h, Cue::Confidentiality))
            && !channel.public
            && channel.specified_persons
        {
            channel.specified_persons = false;
            channel.basis = format!(
                "{}; but the recipients are under a confidentiality agreement (\"{}\"), which Reg FD Rule 100(b)(2)(ii) excludes",
                channel.basis,
                collapse_space(text.get(c.start..c.end).unwrap_or(""))
            );
        }
        // Reg FD covers the issuer and persons acting on its behalf (Rule 101(c)): a post by an
        // employee who is not a senior official is a leak, and one by an outsider (a reporter,
        // a union rep, a trader) is not the company speaking at all.
        let author = self.post_author(doc);
        match &author {
            PostAuthor::Issuer => {}
            PostAuthor::Employee(w) => {
                channel.basis = format!(
                    "{}; but the author is an employee who is not a senior official (\"{w}\"), so a post of company news is a leak, not the issuer's disclosure (Reg FD Rule 101(c), 101(f))",
                    channel.basis
                );
            }
            PostAuthor::Outsider(w) => {
                channel.basis = format!(
                    "{}; but the author does not speak for the issuer (\"{w}\"): Regulation FD covers the issuer and persons acting on its behalf (Rule 101(c))",
                    channel.basis
                );
            }
        }
        let speaks_for_issuer = !matches!(author, PostAuthor::Outsider(_));
        let material: Vec<&Finding> = mnpi.iter().filter(|f| f.severity >= MATERIAL).collect();
        // Material findings in a block that says its news is already out ("Yesterday we
        // reported Q1: …", "4Q25 results are out: …", "Release and reconciliations:
        // acme.com/investors") repeat a public release (Reg FD Policy II.C: the newswire
        // release or 8-K first, then any other channel): not selective disclosure. A
        // projection is never covered: guidance in a post is judged on its own. Posts only,
        // and only where nothing marks a private setting: in an email or a note, "the $0.04
        // of EPS we reported becomes a small loss" points back at old news while telling new.
        let released = if kind == DocKind::SocialPost && private_marker.is_none() {
            self.released_blocks(doc, &cues)
        } else {
            Vec::new()
        };
        let pointer_of = |f: &Finding| {
            let o = f.start?;
            (&*f.category != "projections_forecasts")
                .then(|| released.iter().find(|(s, e, _)| *s <= o && o < *e))
                .flatten()
                .map(|(_, _, p)| p.as_str())
        };
        let (repeated, material): (Vec<&Finding>, Vec<&Finding>) =
            material.into_iter().partition(|f| pointer_of(f).is_some());
        let selective = author == PostAuthor::Issuer
            && !channel.public
            && channel.specified_persons
            && !material.is_empty();
        let private_context = !channel.public;
        // Whether the communication leaves the company: public, or reaching Specified Persons.
        // A note to employees or a finance-team chat that mentions a rumor, the Street's
        // estimates or guidance discloses nothing to the market (Rule 100(b)(1) names the
        // recipients that count); an outsider's post is not the company's communication.
        let outward = speaks_for_issuer && (channel.public || channel.specified_persons);
        let mut findings = Vec::new();
        // Per-sentence cues.
        let mut seen_rules = std::collections::HashSet::new();
        for h in &cues {
            // The cue's segment, by index (the weak-cue window counts segments back from it).
            let si = segments.partition_point(|s| s.end <= h.start);
            let Some(seg) = segments.get(si).filter(|s| s.start <= h.start) else {
                continue;
            };
            if outside_company_turn(doc, h.start) {
                // An analyst's question about "the Street" is not the company commenting.
                continue;
            }
            let seg_range = (seg.start, seg.end);
            let in_seg = |c: Cue| {
                starting_in(&cues, seg.start, seg.end)
                    .iter()
                    .any(|q| q.end <= seg.end && tagged(q, c))
            };
            // A weak cue counts with its anchor in its own sentence or one of the
            // `weak_cue_window` sentences before it; the anchor is another word than the cue
            // ("the consensus" does not anchor itself on "consensus").
            let anchored = |anchor: Cue| {
                starting_in(&cues, self.window_start(segments, si), seg.end)
                    .iter()
                    .any(|q| tagged(q, anchor) && !(q.start >= h.start && q.end <= h.end))
            };
            let word = collapse_space(text.get(h.start..h.end).unwrap_or(""));
            let mut push = |rule: &str, sev: Severity, msg: String, policy: &str, check: &str| {
                if seen_rules.insert((rule.to_owned(), seg.start)) {
                    let mut f = Finding::at(doc, rule, "regfd", sev, (h.start, h.end), seg_range);
                    f.message = msg;
                    f.policy = policy.into();
                    f.matched = vec![word.clone()];
                    f.check = Some(check.into());
                    findings.push(f);
                }
            };
            if tagged(h, Cue::Reaffirmation)
                && private_context
                && channel.specified_persons
                && speaks_for_issuer
            {
                push(
                    "regfd.guidance_reaffirmation",
                    Severity::High,
                    format!(
                        "Guidance is reaffirmed (\"{word}\") outside a public channel; reaffirming or updating guidance privately is selective disclosure"
                    ),
                    "Reg FD Policy I.B, I.E; Reg FD Rule 100(a); SEC v. Flowserve (2005)",
                    "Reaffirm guidance only in a press release, Form 8-K or the public call; otherwise say the company does not update guidance privately.",
                );
            }
            let steers = tagged(h, Cue::EstimateGuidance)
                || (tagged(h, Cue::EstimateWeak) && anchored(Cue::EstimateAnchor));
            if steers && outward && !in_seg(Cue::NoComment) {
                push(
                    "regfd.estimate_guidance",
                    if private_context {
                        Severity::High
                    } else {
                        Severity::Medium
                    },
                    format!(
                        "Comments on or steers analyst estimates (\"{word}\"); authorized officers do not give comfort on or walk the Street's estimates"
                    ),
                    "Reg FD Policy I.E",
                    "Remove the comment on estimates, consensus or models, or replace it with the no-comment statement.",
                );
            }
            let rumor =
                tagged(h, Cue::Rumor) || (tagged(h, Cue::RumorWeak) && anchored(Cue::RumorAnchor));
            if rumor && outward && !in_seg(Cue::NoComment) {
                push(
                    "regfd.rumor_comment",
                    if private_context {
                        Severity::High
                    } else {
                        Severity::Medium
                    },
                    format!(
                        "Addresses a market rumor (\"{word}\") instead of the no-comment statement"
                    ),
                    "Reg FD Policy II.H",
                    "State only that it is the company's policy not to comment on market rumors; if the rumor came from inside, consult counsel.",
                );
            }
        }
        // Analysts' expectations discussed in the company's voice outside a public channel
        // with Specified Persons (a finding of the MNPI lexicon's analyst_expectations
        // category in a sentence that names the estimates: "If you're at $1.05 or above, you
        // might want to take another look", "Consensus at $1.02 already looks pretty full to
        // me") is a comment on their estimates, whatever words carry it (Reg FD Policy I.E).
        // Not an employee's post: a leak is not the company steering analysts.
        if outward && private_context && channel.specified_persons && author == PostAuthor::Issuer {
            for m in mnpi
                .iter()
                .filter(|f| &*f.category == "analyst_expectations" && f.severity >= MATERIAL)
            {
                let Some(start) = m.start else { continue };
                let si = segments.partition_point(|s| s.end <= start);
                let Some(seg) = segments.get(si).filter(|s| s.start <= start) else {
                    continue;
                };
                // The sentence, or one of the `weak_cue_window` before it (the question it
                // answers), names the estimates (an `estimate_anchors` term: consensus, the
                // Street, your model, "you're at"), not only a figure the category's wider
                // vocabulary took ("to put a number on it, a $30 million write-down").
                let names_estimates = starting_in(&cues, self.window_start(segments, si), seg.end)
                    .iter()
                    .any(|q| tagged(q, Cue::EstimateAnchor) || tagged(q, Cue::EstimateGuidance));
                if !names_estimates
                    || outside_company_turn(doc, start)
                    || !seen_rules.insert(("regfd.estimate_guidance".to_owned(), seg.start))
                {
                    continue;
                }
                let mut f = m.clone();
                f.rule = "regfd.estimate_guidance".into();
                f.category = "regfd".into();
                f.severity = Severity::High;
                f.context.clear();
                f.message = format!(
                    "Discusses analysts' estimates with Specified Persons outside a public channel (\"{}\"); authorized officers do not give comfort on or walk the Street's estimates",
                    m.matched.join("\", \"")
                );
                f.policy = "Reg FD Policy I.E".into();
                f.check = Some("Remove the comment on estimates, consensus or models, or replace it with the no-comment statement.".into());
                findings.push(f);
            }
        }
        // A request to confirm what someone says ("The Ledger says Tillman has a stake … True?",
        // "Trade rag says Halcyon is ripping you out. Anything you can say?") answered in the
        // company's voice within the next `answer_window` sentences without the no-comment
        // statement: the answer confirms, denies or hints (Reg FD Policy II.H).
        if outward {
            for h in cues.iter().filter(|h| tagged(h, Cue::ConfirmRequest)) {
                let si = segments.partition_point(|s| s.end <= h.start);
                let Some(asked) = segments.get(si) else {
                    continue;
                };
                let claim_from = segments.get(si.saturating_sub(1)).map_or(0, |s| s.start);
                let in_range = |lo: usize, hi: usize, c: &[Cue]| {
                    starting_in(&cues, lo, hi)
                        .iter()
                        .any(|q| c.iter().any(|&c| tagged(q, c)))
                };
                let claim = in_range(
                    claim_from,
                    asked.end,
                    &[Cue::Claim, Cue::Rumor, Cue::RumorWeak, Cue::RumorAnchor],
                );
                // The answer starts on a later line than the request: the asker's own next
                // sentence ("Is that true? And how much has been accomplished?") is no answer;
                // a chat's next line, a transcript's next turn is.
                let Some(answer) = segments
                    .get(si + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take(self.answer_window)
                    .find(|s| {
                        text.get(h.end..s.start)
                            .is_some_and(|gap| gap.contains('\n'))
                            && !outside_company_turn(doc, s.start)
                    })
                else {
                    continue;
                };
                // The end of the window the answer is read in.
                let answered_end = segments
                    .get(si + self.answer_window)
                    .or(segments.last())
                    .map_or(answer.end, |s| s.end)
                    .max(answer.end);
                // A decline the answer goes on to undo ("I can't comment on that officially …
                // off the record, I wouldn't be short here"; "I'm not going to comment on the
                // article. I'd just say the number is too high") is no decline.
                let declined = in_range(asked.start, answered_end, &[Cue::NoComment])
                    && !in_range(
                        answer.start,
                        answered_end,
                        &[Cue::DeclineUndone, Cue::PrivateMarker],
                    );
                if !claim
                    || declined
                    || !seen_rules.insert(("regfd.rumor_comment".to_owned(), answer.start))
                {
                    continue;
                }
                let request = collapse_space(text.get(h.start..h.end).unwrap_or(""));
                let mut f = Finding::at(
                    doc,
                    "regfd.rumor_comment",
                    "regfd",
                    if private_context {
                        Severity::High
                    } else {
                        Severity::Medium
                    },
                    (answer.start, answer.end),
                    (answer.start, answer.end),
                );
                f.message = format!(
                    "Answers a request to confirm what is said about the company (\"{request}\") instead of the no-comment statement"
                );
                f.policy = "Reg FD Policy II.H".into();
                f.matched = vec![request];
                f.check = Some("State only that it is the company's policy not to comment on market rumors; if the information is material and nonpublic, make it public first.".into());
                findings.push(f);
            }
        }

        // Forward-looking statements without the cautionary disclaimer (Policy II.F). The
        // disclaimer belongs to communications that leave the company (public releases and
        // calls, and communications with Specified Persons); an internal note to employees
        // or a team chat needs none.
        // A projection the MNPI lexicon set at info (a pointer to guidance already published,
        // a risk-factor example) is no forward-looking statement of this communication.
        let forward = mnpi
            .iter()
            .any(|f| &*f.category == "projections_forecasts" && f.severity > Severity::Info);
        // A disclaimer cue counts unless the words just before it say it was not given
        // ("Dan was not given the safe-harbor card").
        let has_fls = cues.iter().any(|h| {
            tagged(h, Cue::Fls)
                && !cues.iter().any(|q| {
                    tagged(q, Cue::FlsAbsent)
                        && q.end <= h.start
                        // (a gap of over 120 bytes holds more than two words)
                        && h.start - q.end <= 120
                        && text
                            .get(q.end..h.start)
                            .is_some_and(|gap| !gap.contains(['.', '\n', ';']))
                        && words_between(text, q.end, h.start) <= 2
                })
        });
        if forward && !has_fls && outward {
            // Placed on the forward-looking statement that raised it: a projection above info
            // (an info one, a pointer to published guidance, is none), the most severe, and
            // among those the first whose materiality signal is a figure ("$50 million", "8%";
            // not "first quarter"), else the first.
            let signal = |f: &Finding| {
                f.context.iter().any(|c| {
                    c.strip_prefix(crate::detect::MATERIALITY_SIGNAL)
                        .is_some_and(|s| s.bytes().any(|b| b.is_ascii_digit()))
                })
            };
            let f0 = mnpi
                .iter()
                .filter(|f| &*f.category == "projections_forecasts" && f.severity > Severity::Info)
                .min_by_key(|f| (std::cmp::Reverse(f.severity), !signal(f)));
            let sev = match kind {
                DocKind::Script | DocKind::PressRelease => Severity::Medium,
                _ => Severity::Low,
            };
            let mut f = f0.map_or_else(
                || Finding::whole_document("regfd.missing_fls_disclaimer", "regfd", sev),
                |m| {
                    let mut g = m.clone();
                    g.rule = "regfd.missing_fls_disclaimer".into();
                    g.category = "regfd".into();
                    g.severity = sev;
                    g.matched.clear();
                    g.context.clear();
                    g
                },
            );
            f.message = "Forward-looking statements (guidance, projections) appear without a forward-looking-statement disclaimer".into();
            f.policy =
                "Reg FD Policy II.F; Securities Act §27A / Exchange Act §21E safe harbor".into();
            f.check = Some("Give the cautionary forward-looking-statement disclaimer at the beginning (and before guidance), naming the important risk factors.".into());
            findings.push(f);
        }

        // Spokespersons (Policy I.A): an employee's post too (only the CEO and CFO speak for
        // the company), not an outsider's; a script's speakers too (a public call reaches
        // analysts), unless its audience is named and is no Specified Person (outside counsel,
        // employees, lenders).
        let other_audience =
            !channel.specified_persons
                && doc.metadata.audience.as_deref().is_some_and(|a| {
                    !a.trim().is_empty() && !a.trim().eq_ignore_ascii_case("public")
                });
        if speaks_for_issuer
            && (channel.specified_persons || (kind == DocKind::Script && !other_audience))
        {
            self.spokespersons(doc, mnpi, &mut findings);
        }

        let remediation = selective.then(|| self.remediation(doc, &material, now));
        if selective {
            let first = material[0];
            let mut f = first.clone();
            f.rule = "regfd.selective_disclosure".into();
            f.category = "regfd".into();
            f.severity = Severity::High;
            f.matched.clear();
            f.context = vec![channel.basis.clone()];
            let deadline_note = remediation
                .as_ref()
                .and_then(|r| r.deadlines.as_ref()).map_or_else(|| "; set `disclosed_at` to compute the remediation deadline".into(), |d| format!("; public disclosure due by {} (Reg FD Policy I.B), {} at the latest under Rule 101(d)",
                    d.policy_deadline.format("%a %Y-%m-%d %H:%M %Z"), d.regfd_deadline.format("%a %Y-%m-%d %H:%M %Z")));
            let mut cats: Vec<&str> = material.iter().map(|f| &*f.category).collect();
            cats.sort_unstable();
            cats.dedup();
            f.message = format!(
                "Material nonpublic information ({}) reaches Specified Persons through a channel that is not public: {}{}",
                cats.join(", "),
                channel.basis,
                deadline_note
            );
            f.policy = "Reg FD Rule 100(a); Reg FD Policy I.B".into();
            f.check = Some("Confirm the information is material and nonpublic; if so, make it public by press release or Form 8-K (Item 7.01) by the deadline.".into());
            findings.insert(0, f);
        }
        if !selective
            && author == PostAuthor::Issuer
            && !channel.public
            && channel.specified_persons
            && let Some(first) = repeated.first()
        {
            let pointer = pointer_of(first).unwrap_or_default();
            let mut f = (*first).clone();
            f.rule = "regfd.selective_disclosure".into();
            f.category = "regfd".into();
            f.severity = Severity::Info;
            f.matched.clear();
            f.context = vec![
                channel.basis.clone(),
                format!("release pointer: \"{pointer}\""),
            ];
            f.message = format!(
                "Repeats material information the text says was already released (\"{pointer}\") through a channel that is not public: no selective disclosure if the release came first ({})",
                channel.basis
            );
            f.policy = "Reg FD Rule 100(a); Reg FD Policy I.B, II.C".into();
            f.check = Some("Confirm the press release or Form 8-K went out before this communication; if it did not, this is selective disclosure and must be made public by the deadline.".into());
            findings.insert(0, f);
        }
        RegFdAssessment {
            selective_disclosure: selective,
            channel,
            remediation,
            findings,
        }
    }

    /// Blocks that say their news was already released: per block, its byte range
    /// `[start, end)` in `doc.text` and the pointer's text — a `release_pointers` phrase, or a
    /// link (`link_pattern`) in a block that also holds a `release_link_words` word ("$ACME
    /// reports Q2 results: https://…"). `cues` are the document's cue hits, sorted by start.
    fn released_blocks(&self, doc: &Document, cues: &[Hit]) -> Vec<(usize, usize, String)> {
        let text = &doc.text;
        let mut out = Vec::new();
        for b in &doc.blocks {
            let here = starting_in(cues, b.start, b.end);
            let phrase = here
                .iter()
                .find(|h| self.cues.tags(h.pattern).contains(&Cue::ReleasePointer));
            let pointer = if let Some(h) = phrase {
                text.get(h.start..h.end).map(collapse_space)
            } else if here
                .iter()
                .any(|h| self.cues.tags(h.pattern).contains(&Cue::ReleaseLinkWord))
            {
                self.link
                    .as_ref()
                    .and_then(|re| re.find(text.get(b.start..b.end)?))
                    .map(|m| m.as_str().to_owned())
            } else {
                None
            };
            if let Some(p) = pointer {
                out.push((b.start, b.end, p));
            }
        }
        out
    }

    fn remediation(
        &self,
        doc: &Document,
        material: &[&Finding],
        now: DateTime<FixedOffset>,
    ) -> Remediation {
        let m = &doc.metadata;
        let intentional = m
            .extra
            .get("intentional")
            .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "yes" | "1"));
        let deadlines = m.disclosed_at.map(|t| {
            let mut d = remediation_deadlines_with(&self.calendar, t, m.learned_at, self.config.policy_reading.into());
            if intentional {
                // Rule 100(a)(1): intentional selective disclosure needs simultaneous public disclosure.
                d.policy_deadline = t.with_timezone(&chrono_tz::America::New_York);
                d.regfd_deadline = d.policy_deadline;
                d.reason = "Intentional selective disclosure: public disclosure had to be simultaneous (Reg FD Rule 100(a)(1)); it is already late.".into();
            }
            d
        });
        let mut cats: Vec<String> = material.iter().map(|f| f.category.to_string()).collect();
        cats.sort_unstable();
        cats.dedup();
        let mut how = vec![
            "Issue a press release through a widely disseminated newswire (Business Wire or similar) — Reg FD Policy I.B, I.C, II.C".to_owned(),
            "and/or furnish a Form 8-K under Item 7.01 (Regulation FD Disclosure) or file under Item 8.01 — Reg FD Rule 101(e)(1); Form 8-K General Instruction B.1".to_owned(),
            "post it on the investor-relations website as part of the combination — Reg FD Policy II.C; SEC Release 34-58288".to_owned(),
        ];
        if let Some(d) = &deadlines
            && d.policy_deadline < now.with_timezone(&chrono_tz::America::New_York)
        {
            how.insert(0, "The policy deadline has passed: escalate to the Corporate Secretary and counsel (Reg FD Policy II.I)".to_owned());
        }
        Remediation {
            policy_deadline: deadlines.as_ref().map(|d| d.policy_deadline.to_rfc3339()),
            regfd_deadline: deadlines.as_ref().map(|d| d.regfd_deadline.to_rfc3339()),
            deadline_reason: deadlines.as_ref().map(|d| d.reason.clone()),
            categories: cats,
            excerpts: material.iter().take(5).map(|f| f.excerpt.clone()).collect(),
            intentional,
            deadlines,
            how,
        }
    }

    /// Byte offset where the weak-cue window of segment `si` starts: the start of the
    /// `weak_cue_window`-th segment before it (`regfd/cues.toml`).
    fn window_start(&self, segments: &[Segment], si: usize) -> usize {
        segments
            .get(si.saturating_sub(self.weak_cue_window))
            .map_or(0, |s| s.start)
    }

    /// Who wrote a social post, as Regulation FD sees it (Rule 101(c), 101(f)). The `author`
    /// field is read without the issuer's own name ("Union Pacific" names no union): a senior
    /// official's role ([`Role::Senior`]) makes the post the issuer's; else an outsider's role
    /// (an employee's where the field also names the issuer), else an employee's; else the
    /// speaker-label company-role test ("director", "manager"); with no role in the field, the
    /// post's own wording of staff who were told ("mgr just told us") or of hearsay ("buddy of
    /// mine at one of their distributors says"). Every other kind of document is
    /// [`PostAuthor::Issuer`]: the author of meeting notes or an e-mail thread is not always
    /// the one who disclosed.
    fn post_author(&self, doc: &Document) -> PostAuthor {
        let m = &doc.metadata;
        let (Some(DocKind::SocialPost), Some(author)) = (m.kind, m.author.as_deref()) else {
            return PostAuthor::Issuer;
        };
        let field = m.company.as_deref().map_or_else(
            || author.to_owned(),
            |c| without_name(author, c, &self.designators),
        );
        // The words of the first hit tagged `role` among `hits` of `text` (each text is
        // matched once).
        let first = |text: &str, hits: &[Hit], role: Role| {
            hits.iter()
                .find(|h| self.roles.tags(h.pattern).contains(&role))
                .map(|h| collapse_space(text.get(h.start..h.end).unwrap_or("")).to_lowercase())
        };
        let in_field = self.roles.find(&field);
        // An author field that names the issuer ("Senior Treasury Analyst, Verdanta Property
        // Trust") is one of its people: an outsider's role word there is an employee's.
        let affiliated = field != author;
        let outsider = first(&field, &in_field, Role::Outsider);
        if first(&field, &in_field, Role::Senior).is_some() {
            return PostAuthor::Issuer;
        }
        if let (Some(w), false) = (&outsider, affiliated) {
            return PostAuthor::Outsider(w.clone());
        }
        if let Some(w) = first(&field, &in_field, Role::Employee).or(outsider) {
            return PostAuthor::Employee(w);
        }
        if is_company_role(&field) {
            return PostAuthor::Issuer;
        }
        let in_text = self.roles.find(&doc.text);
        if let Some(w) = first(&doc.text, &in_text, Role::Staff) {
            PostAuthor::Employee(w)
        } else if let Some(w) = first(&doc.text, &in_text, Role::Hearsay) {
            PostAuthor::Outsider(w)
        } else {
            PostAuthor::Issuer
        }
    }

    /// Whether `who` (a name, a title or both) is an authorized spokesperson: a configured
    /// name, or an authorized title (Reg FD Policy I.A: the CEO and CFO) that no
    /// `former_markers` word stands just before ("former Chief Executive Officer" no longer
    /// speaks for the company).
    fn is_authorized(&self, who: &str) -> bool {
        let lower = who.to_lowercase();
        if self
            .config
            .authorized_spokespersons
            .iter()
            .any(|n| !n.is_empty() && lower.contains(&n.to_lowercase()))
        {
            return true;
        }
        let former: Vec<Hit> = self
            .roles
            .find(who)
            .into_iter()
            .filter(|q| self.roles.tags(q.pattern).contains(&Role::Former))
            .collect();
        self.cues.find(who).iter().any(|h| {
            self.cues.tags(h.pattern).contains(&Cue::AuthorizedTitle)
                && !former
                    .iter()
                    .any(|q| q.end <= h.start && words_between(who, q.end, h.start) == 0)
        })
    }

    fn spokespersons(&self, doc: &Document, mnpi: &[Finding], out: &mut Vec<Finding>) {
        let material = |s: usize, e: usize| {
            mnpi.iter()
                .find(|f| f.severity >= MATERIAL && f.start.is_some_and(|o| o >= s && o < e))
        };
        // Speaker turns: company speakers with a known, unauthorized role who disclose MNPI.
        let mut flagged = std::collections::HashSet::new();
        for b in &doc.blocks {
            let BlockKind::SpeakerTurn { speaker, role, .. } = &b.kind else {
                continue;
            };
            let Some(role) = role else { continue };
            if !is_company_role(role) || self.is_authorized(role) || self.is_authorized(speaker) {
                continue;
            }
            if let Some(m) = material(b.start, b.end)
                && flagged.insert(speaker.clone())
            {
                let mut f = m.clone();
                f.rule = "regfd.unauthorized_spokesperson".into();
                f.category = "regfd".into();
                f.severity = Severity::Medium;
                f.matched.clear();
                f.context.clear();
                f.message = format!(
                    "{speaker} ({role}) discloses material information to Specified Persons but is not an authorized spokesperson (the CEO and CFO, unless authorized)"
                );
                f.policy = "Reg FD Policy I.A".into();
                f.check = Some("Confirm an authorized officer authorized this speaker and reviewed the scope and content in advance.".into());
                out.push(f);
            }
        }
        // Document author (posts, emails, meeting notes).
        if let Some(author) = doc
            .metadata
            .author
            .as_deref()
            .or(doc.metadata.handle.as_deref())
            && !self.is_authorized(author)
            && !self.company_account(doc, author)
            && let Some(m) = mnpi.iter().find(|f| f.severity >= MATERIAL)
        {
            let titled = is_company_role(author);
            let mut f = m.clone();
            f.rule = "regfd.unauthorized_spokesperson".into();
            f.category = "regfd".into();
            f.severity = if titled {
                Severity::Medium
            } else {
                Severity::Low
            };
            f.matched.clear();
            f.context.clear();
            f.message = if titled {
                format!(
                    "{author} communicates material information to Specified Persons but is not an authorized spokesperson (the CEO and CFO)"
                )
            } else {
                format!(
                    "{author} is not identified as an authorized spokesperson (the CEO and CFO); add them to `authorized_spokespersons` if authorized"
                )
            };
            f.policy = "Reg FD Policy I.A".into();
            f.check = Some("Confirm the author is the CEO or CFO, or was authorized by one for this communication.".into());
            out.push(f);
        }
    }
}

/// The hits of `cues` (sorted by start) that start in `[lo, hi)`.
fn starting_in(cues: &[Hit], lo: usize, hi: usize) -> &[Hit] {
    let from = cues.partition_point(|q| q.start < lo);
    let to = cues.partition_point(|q| q.start < hi).max(from);
    &cues[from..to]
}

/// `company` without its trailing legal designators and the comma before them ("Yum!
/// Brands, Inc." is "Yum! Brands"); `designators` are lower-case (`mnpi/_context.toml`
/// `corporate_designators`). A one-word name is kept whole.
fn without_designators(company: &str, designators: &[String]) -> String {
    let mut words: Vec<&str> = company.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            designators.contains(&w)
        })
    {
        words.pop();
    }
    words.join(" ").trim_end_matches(',').to_owned()
}

/// `author` without the company's name `company`, in full or without its trailing legal
/// designators ("Union Pacific Corporation" and "Union Pacific"; `designators` are lower-case,
/// `mnpi/_context.toml` `corporate_designators`), ASCII case ignored.
fn without_name(author: &str, company: &str, designators: &[String]) -> String {
    let full = company.trim();
    let stem = without_designators(full, designators);
    let mut out = author.to_owned();
    for name in [full, stem.as_str()] {
        if name.is_empty() {
            continue;
        }
        let needle = name.to_ascii_lowercase();
        while let Some(i) = out.to_ascii_lowercase().find(&needle) {
            out.replace_range(i..i + needle.len(), " ");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::dictionaries::Severity;
    use crate::document::{BlockKind, Document, SourceFormat, SourcePos};
    use crate::review::Engine;

    /// The rule ids regfd reports for `text` with metadata `meta`.
    fn rules(text: &str, meta: &[(&str, &str)]) -> Vec<String> {
        rules_of_paragraphs(&[text], meta)
    }

    /// [`rules`] for a document of several paragraphs.
    fn rules_of_paragraphs(paragraphs: &[&str], meta: &[(&str, &str)]) -> Vec<String> {
        review_of_paragraphs(paragraphs, meta)
            .findings
            .into_iter()
            .map(|f| f.rule.to_string())
            .collect()
    }

    /// The whole review of a document of `paragraphs` (one per odd line) with `meta`.
    fn review_of_paragraphs(
        paragraphs: &[&str],
        meta: &[(&str, &str)],
    ) -> crate::review::DocumentReview {
        let engine = Engine::new(Config::default()).unwrap_or_else(|e| panic!("engine: {e}"));
        let mut doc = Document::new("t.txt", SourceFormat::Text);
        for (k, v) in meta {
            doc.metadata
                .set(k, v)
                .unwrap_or_else(|e| panic!("meta {k}: {e}"));
        }
        for (i, text) in paragraphs.iter().enumerate() {
            let pos = SourcePos {
                line: u32::try_from(2 * i + 1).unwrap_or(u32::MAX),
                column: 1,
                page: None,
            };
            doc.push_block(BlockKind::Paragraph, text, pos, true, &[], false);
        }
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
            .unwrap_or_else(|e| panic!("{e}"));
        engine.review_document(&doc, now)
    }

    #[test]
    fn the_legend_runs_on_across_page_furniture_and_its_continuation_paragraphs() {
        let engine = Engine::new(Config::default()).unwrap_or_else(|e| panic!("engine: {e}"));
        let mut doc = Document::new("t.pdf", SourceFormat::Pdf);
        let blocks = [
            (
                BlockKind::Paragraph,
                "Revenue was $12.4 billion, up 4% from a year ago.",
            ),
            (
                BlockKind::Paragraph,
                "This release contains forward-looking statements within the meaning of the \
                 Private Securities Litigation Reform Act of 1995 that involve many risks and \
                 uncertainties. Words such as \"anticipate,\" \"expect\" and \"will\" identify \
                 such statements, which are based on management's expectations as of the date \
                 of this release. Forward-looking statements include statements about:",
            ),
            (
                BlockKind::ListItem,
                "future production capacity and product supply;",
            ),
            (BlockKind::Furniture, "Acme/Page 5"),
            (
                BlockKind::ListItem,
                "expected timing and impact of acquisitions and divestitures;",
            ),
            (
                BlockKind::Paragraph,
                "Such statements involve many risks and uncertainties that could cause our \
                 actual results to differ materially, including those associated with:",
            ),
            (BlockKind::ListItem, "changes in demand for our products;"),
            (BlockKind::Furniture, "6"),
            (
                BlockKind::ListItem,
                "potential security vulnerabilities in our products;",
            ),
            (
                BlockKind::Paragraph,
                "Given these risks and uncertainties, do not place undue reliance on them.",
            ),
            (
                BlockKind::Paragraph,
                "We detected a ransomware attack on our order systems on May 3.",
            ),
            (BlockKind::ListItem, "A second item after the legend ended."),
        ];
        for (i, (kind, text)) in blocks.iter().enumerate() {
            let pos = SourcePos {
                line: u32::try_from(2 * i + 1).unwrap_or(u32::MAX),
                column: 1,
                page: Some(1),
            };
            doc.push_block(kind.clone(), text, pos, true, &[], false);
        }
        let legend = engine.regfd.legend_blocks(&doc);
        let furniture = |i: usize| matches!(blocks[i].0, BlockKind::Furniture);
        let flagged: Vec<usize> = (0..blocks.len())
            .filter(|&i| legend[i] && !furniture(i))
            .collect();
        assert_eq!(flagged, vec![1, 2, 4, 5, 6, 8, 9], "{legend:?}");
        // The legend's risk list names no event: its MNPI vocabulary is quieted to info.
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
            .unwrap_or_else(|e| panic!("{e}"));
        let review = engine.review_document(&doc, now);
        let cyber = |line: u32| {
            review
                .findings
                .iter()
                .filter(|f| &*f.category == "cybersecurity" && f.line == Some(line))
                .map(|f| f.severity)
                .max()
        };
        assert_eq!(cyber(17), Some(Severity::Info), "{:?}", review.findings);
        assert!(
            cyber(21).is_some_and(|s| s > Severity::Info),
            "{:?}",
            review.findings
        );
    }

    #[test]
    fn analysts_expectations_discussed_privately_are_estimate_guidance() {
        let private = [
            ("kind", "other"),
            ("channel", "one-on-one meeting"),
            ("audience", "analysts"),
            ("author", "Dana Roe, Chief Financial Officer"),
        ];
        let text = "If you're at $1.05 or above, you might want to take another look. Consensus at $1.02 already looks pretty full to me.";
        let found = rules(text, &private);
        assert!(
            found.iter().any(|r| r == "regfd.estimate_guidance"),
            "{found:?}"
        );
        // A figure in the same meeting that names no estimate is not a comment on them.
        let other = rules(
            "To put a number on it, significant means a write-down of roughly $30 million, booked in Q1.",
            &private,
        );
        assert!(
            !other.iter().any(|r| r == "regfd.estimate_guidance"),
            "{other:?}"
        );
    }

    #[test]
    fn a_request_to_confirm_a_claim_answered_without_no_comment_is_a_rumor_comment() {
        let meeting = [
            ("kind", "other"),
            ("channel", "investor lunch"),
            ("audience", "investors"),
        ];
        let asked =
            "Owen Tran (Keyhaven): There's been chatter about Bluewater Air. Anything you can say?";
        let flagged = |answer: &str| {
            rules_of_paragraphs(&[asked, answer], &meeting)
                .iter()
                .any(|r| r == "regfd.rumor_comment")
        };
        assert!(flagged(
            "Dana Whitcomb (CEO): I'll say this much. Our boards have met twice."
        ));
        assert!(!flagged(
            "Dana Whitcomb (CEO): You know I can't talk about that. Next question."
        ));
        // A decline the answer goes on to undo.
        assert!(flagged(
            "Dana Whitcomb (CEO): I'm not going to comment on the article itself. I'd just say the number is too high."
        ));
        // A question about no one's claim, and the asker's own next sentence.
        let own = rules_of_paragraphs(
            &[
                "Owen Tran (Keyhaven): Is it true that the Tulsa plant runs at capacity?",
                "Dana Whitcomb (CEO): Yes, since October.",
            ],
            &meeting,
        );
        assert!(!own.iter().any(|r| r == "regfd.rumor_comment"), "{own:?}");
        let same = rules_of_paragraphs(
            &[
                "Owen Tran (Keyhaven): We're hearing that you switched customers to spot pricing. Is that true? And how far along is it?",
            ],
            &meeting,
        );
        assert!(!same.iter().any(|r| r == "regfd.rumor_comment"), "{same:?}");
    }

    /// Selective-disclosure findings of a post by the CFO on a personal account: (rule,
    /// severity), and whether the assessment calls it selective disclosure.
    fn cfo_post(text: &str) -> (Vec<(String, Severity)>, bool) {
        cfo_writes(text, "social_post", "LinkedIn (personal profile)", "")
    }

    /// [`cfo_post`] for a document of `kind` sent through `channel` to `audience` (none when
    /// empty).
    fn cfo_writes(
        text: &str,
        kind: &str,
        channel: &str,
        audience: &str,
    ) -> (Vec<(String, Severity)>, bool) {
        let engine = Engine::new(Config::default()).unwrap_or_else(|e| panic!("engine: {e}"));
        let mut doc = Document::new("t.txt", SourceFormat::Text);
        for (k, v) in [
            ("kind", kind),
            ("channel", channel),
            ("author", "Ana Ruiz, Chief Financial Officer"),
            ("company", "Brambleton Home & Garden, Inc."),
            ("disclosed_at", "2026-05-21T08:00:00-04:00"),
            ("audience", audience),
        ] {
            if v.is_empty() {
                continue;
            }
            doc.metadata
                .set(k, v)
                .unwrap_or_else(|e| panic!("meta {k}: {e}"));
        }
        let pos = SourcePos {
            line: 1,
            column: 1,
            page: None,
        };
        doc.push_block(BlockKind::Paragraph, text, pos, true, &[], false);
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
            .unwrap_or_else(|e| panic!("{e}"));
        let r = engine.review_document(&doc, now);
        let found = r
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("regfd.selective"))
            .map(|f| (f.rule.to_string(), f.severity))
            .collect();
        (found, r.regfd.selective_disclosure)
    }

    #[test]
    fn a_post_that_repeats_a_released_result_is_no_selective_disclosure() {
        let info = vec![("regfd.selective_disclosure".to_owned(), Severity::Info)];
        let high = vec![("regfd.selective_disclosure".to_owned(), Severity::High)];
        // The result alone: nothing says it is public yet.
        let bare = "Q1 net sales rose 3.8% to $1.2 billion and diluted EPS was $1.71, a record.";
        assert_eq!(cfo_post(bare), (high.clone(), true));
        // The same result, said to be released already, or with a link to the release.
        for text in [
            "Yesterday we reported Q1: net sales rose 3.8% to $1.2 billion and diluted EPS was $1.71, a record.",
            "Q1 results are out: net sales rose 3.8% to $1.2 billion and diluted EPS was $1.71, a record.",
            "Q1 net sales rose 3.8% to $1.2 billion and diluted EPS was $1.71, a record. Release and reconciliations: brambleton.com/investors",
            "$BHG reports Q1 diluted EPS of $1.71, a record, on net sales up 3.8% to $1.2 billion: https://t.co/AbC123",
        ] {
            assert_eq!(cfo_post(text), (info.clone(), false), "{text}");
        }
        // A pointer to released results does not make new guidance public, nor does a
        // release that is only promised.
        assert!(
            cfo_post(
                "Yesterday we reported Q1. Between us, we now expect full-year EPS of $7.10 to $7.30, above our guidance."
            )
            .1
        );
        assert_eq!(
            cfo_post(
                "We will report Q1 on May 4: net sales rose 3.8% to $1.2 billion and diluted EPS was $1.71, a record. Press release to follow."
            ),
            (high.clone(), true)
        );
        // In an email the words point back at old news while telling new.
        assert_eq!(
            cfo_writes(
                "If the auditors' view holds, Q2 revenue comes down by roughly $7 million and the $0.04 of EPS we reported becomes a loss; we would restate.",
                "other",
                "email",
                "analysts"
            ),
            (high, true)
        );
    }

    /// A social post with `author`, on the author's personal X account, of the issuer
    /// `company`: its `regfd.*` rule ids.
    fn post_rules(author: &str, text: &str, company: &str) -> Vec<String> {
        let mut found = rules(
            text,
            &[
                ("kind", "social_post"),
                ("channel", "X (personal account)"),
                ("author", author),
                ("company", company),
                ("disclosed_at", "2026-11-20T15:00:00-05:00"),
            ],
        );
        found.retain(|r| r.starts_with("regfd."));
        found
    }

    #[test]
    fn reg_fd_reads_a_posts_author_as_the_issuer_an_employee_or_an_outsider() {
        const DEAL: &str = "We just signed a definitive agreement to acquire Orchard Systems for $640 million in cash; the board approved it last night.";
        const SELECTIVE: &str = "regfd.selective_disclosure";
        const UNAUTHORIZED: &str = "regfd.unauthorized_spokesperson";
        // (author, post text, company, selective disclosure, unauthorized spokesperson)
        let cases: [(&str, &str, &str, bool, bool); 10] = [
            // A founder who no longer holds the CEO title is not authorized (Policy I.A).
            (
                "Arne Lund, Founder (former Chief Executive Officer, retired 2025)",
                DEAL,
                "Lumora Software, Inc.",
                true,
                true,
            ),
            // Senior officials (Rule 101(f)): the issuer's selective disclosure.
            (
                "Dana Whitcomb, Chief Executive Officer",
                DEAL,
                "Lumora Software, Inc.",
                true,
                false,
            ),
            (
                "Priya Raman, Vice President, Global Sales",
                DEAL,
                "Lumora Software, Inc.",
                true,
                true,
            ),
            // The issuer's name is not a role: "Union" in Union Pacific names no union.
            (
                "Jane Doe, Union Pacific",
                DEAL,
                "Union Pacific Corporation",
                true,
                true,
            ),
            // Employees who are not senior officials: a leak (Rule 101(c)), but Policy I.A
            // still says only the CEO and CFO speak for the company.
            (
                "Sunita Varghese, Senior Process Engineer at Lumora",
                DEAL,
                "Lumora Software, Inc.",
                false,
                true,
            ),
            (
                "Lena Fairbourne, Senior Treasury Analyst, Lumora Software",
                DEAL,
                "Lumora Software, Inc.",
                false,
                true,
            ),
            (
                "Kaylie R.",
                &format!("mgr just told us: {DEAL}"),
                "Lumora Software, Inc.",
                false,
                true,
            ),
            // Outsiders: no Reg FD rule applies.
            (
                "Maya Kellerman, semiconductor reporter",
                DEAL,
                "Lumora Software, Inc.",
                false,
                false,
            ),
            (
                "Gail Hendricks, owner, Prairie Stop Travel Center",
                DEAL,
                "Lumora Software, Inc.",
                false,
                false,
            ),
            (
                "BuckeyeBull",
                &format!("My father-in-law sits on the Lumora board. {DEAL}"),
                "Lumora Software, Inc.",
                false,
                false,
            ),
        ];
        for (author, text, company, selective, unauthorized) in cases {
            let found = post_rules(author, text, company);
            assert_eq!(
                found.iter().any(|r| r == SELECTIVE),
                selective,
                "{author}: {found:?}"
            );
            assert_eq!(
                found.iter().any(|r| r == UNAUTHORIZED),
                unauthorized,
                "{author}: {found:?}"
            );
        }
        // Meeting notes are judged as before: their author is not always the one who spoke.
        let notes = rules(
            DEAL,
            &[
                ("kind", "other"),
                ("channel", "one-on-one meeting"),
                ("audience", "investors"),
                ("author", "Sunita Varghese, Senior Process Engineer"),
            ],
        );
        assert!(notes.iter().any(|r| r == SELECTIVE), "{notes:?}");
    }

    const GUIDANCE: &str = "We now expect fiscal 2027 revenue of $4.1 billion to $4.3 billion, above the prior outlook.";

    #[test]
    fn a_missing_disclaimer_is_placed_on_a_forecast_with_a_figure() {
        let review = review_of_paragraphs(
            &["We expect a strong fourth quarter.", GUIDANCE],
            &[("kind", "script")],
        );
        let forecasts = review
            .findings
            .iter()
            .filter(|f| &*f.category == "projections_forecasts" && f.severity > Severity::Info)
            .count();
        assert_eq!(forecasts, 2, "{:?}", review.findings);
        let f = review
            .findings
            .iter()
            .find(|f| &*f.rule == "regfd.missing_fls_disclaimer")
            .unwrap_or_else(|| panic!("{:?}", review.findings));
        // The guidance with its range, not the first forecast of the script.
        assert_eq!(f.line, Some(3), "{f:?}");
    }

    #[test]
    fn disclosure_rules_apply_only_where_the_communication_leaves_the_company() {
        let public = rules(
            GUIDANCE,
            &[("kind", "script"), ("channel", "earnings call webcast")],
        );
        assert!(
            public.iter().any(|r| r == "regfd.missing_fls_disclaimer"),
            "{public:?}"
        );
        let internal = rules(
            GUIDANCE,
            &[
                ("channel", "Slack"),
                ("audience", "finance team employees"),
                ("author", "Dana Whit, Senior Analyst, FP&A"),
            ],
        );
        assert!(
            !internal.iter().any(|r| r == "regfd.missing_fls_disclaimer"
                || r == "regfd.unauthorized_spokesperson"
                || r == "regfd.selective_disclosure"),
            "{internal:?}"
        );
        // A rumor, the consensus and guidance discussed inside the company disclose nothing.
        let chat = format!(
            "{GUIDANCE} The consensus estimate looks too high, and the rumor about a sale is \
             wrong; we reaffirm our outlook."
        );
        let internal_chat = rules(
            &chat,
            &[("channel", "Slack"), ("audience", "finance team employees")],
        );
        assert!(
            !internal_chat.iter().any(|r| r.starts_with("regfd.")),
            "{internal_chat:?}"
        );
        let to_analysts = rules(
            &chat,
            &[("channel", "one-on-one meeting"), ("audience", "analysts")],
        );
        for rule in [
            "regfd.estimate_guidance",
            "regfd.rumor_comment",
            "regfd.guidance_reaffirmation",
        ] {
            assert!(
                to_analysts.iter().any(|r| r == rule),
                "{rule}: {to_analysts:?}"
            );
        }
        // A note that says the disclaimer was not given is not a disclaimer.
        let not_given = rules(
            &format!("{GUIDANCE} Dan was not given the safe-harbor card before going on stage."),
            &[("kind", "script"), ("channel", "earnings call webcast")],
        );
        assert!(
            not_given
                .iter()
                .any(|r| r == "regfd.missing_fls_disclaimer"),
            "{not_given:?}"
        );
        let with_legend = rules(
            &format!(
                "{GUIDANCE} This call contains forward-looking statements within the meaning of the safe harbor."
            ),
            &[("kind", "script"), ("channel", "earnings call webcast")],
        );
        assert!(
            !with_legend
                .iter()
                .any(|r| r == "regfd.missing_fls_disclaimer"),
            "{with_legend:?}"
        );
    }

    #[test]
    fn weak_estimate_and_rumor_wording_needs_its_anchor() {
        let call = [("kind", "script"), ("channel", "earnings call webcast")];
        // (rule, texts it flags, texts it does not flag)
        let cases: [(&str, &[&str], &[&str]); 2] = [
            (
                "regfd.estimate_guidance",
                // The weak words with the analysts' numbers in the same or an earlier
                // sentence, or wording about estimates by itself.
                &[
                    "I know a lot of you are at 1.65, 1.7. Those numbers are too high.",
                    "Asked whether consensus was too high, she said everyone was a bit too optimistic.",
                    "Honestly, the Street's Q4 number looks rich to me.",
                ],
                // The same words about anything else, and the no-comment answer.
                &[
                    "Freight costs were too high in the quarter, and December volumes were softer than planned.",
                    "Slide 11 shows a walk down of fourth-quarter sales; quarter-to-date bookings are in the appendix.",
                    "We do not comment on analysts' estimates or models.",
                ],
            ),
            (
                "regfd.rumor_comment",
                // A rumor: said so, or reported by the press about the company.
                &[
                    "There is a rumor that we are selling the European business, and it is not true.",
                    "The Journal reported that we are in talks with a buyer; I can tell you the talks are advanced.",
                    "Kontron announces preliminary results in response to the recent market speculation.",
                    // a denial of deal talks, and a correction of a press piece
                    "No. We are not in talks with Orchard Systems, and we aren't selling the company.",
                    "The Journal piece gets the price wrong; the conversations have been well under that.",
                    "Off the record, the number in the story is low.",
                ],
                // Reporting, declining to speculate, and the no-comment statement.
                &[
                    "The CFO reported that cash was $61 million at quarter end.",
                    "We also reported that AFFO per share was $0.76 for the quarter.",
                    "It is too early to speculate on the timing.",
                    "A spokeswoman said the company does not comment on rumor or speculation.",
                    // agreement language and a company's own success story
                    "The officer certifies whether any representation that is so qualified is true and correct, as reported that day to the stock exchange.",
                    "Our turnaround is a success story, and the old plan was wrong about the West.",
                ],
            ),
        ];
        for (rule, flagged, silent) in cases {
            for (texts, expected) in [(flagged, true), (silent, false)] {
                for text in texts {
                    let found = rules(text, &call).iter().any(|r| r == rule);
                    assert_eq!(found, expected, "{rule}: {text}");
                }
            }
        }
    }

    #[test]
    fn the_text_of_an_sec_filing_is_public_whatever_its_exhibits_say() {
        // An 8-K whose exhibit's agreement keeps a notice "in confidence", with no metadata.
        let exhibit = [
            "Item 1.01. Entry into a Material Definitive Agreement. On May 4, the Company entered into a definitive agreement to acquire Harlow Fabrication for $410 million in cash.",
            "Any notice under Section 4(b) shall be held in confidence and not disclosed by the Manager, except as required by law.",
        ];
        let cover = [
            "CURRENT REPORT Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934",
            "Date of Report (Date of earliest event reported): May 4, 2026",
        ];
        let filing: Vec<&str> = cover.iter().chain(&exhibit).copied().collect();
        let filed = review_of_paragraphs(&filing, &[]);
        assert!(
            !filed.regfd.selective_disclosure,
            "{:?}",
            filed.regfd.channel
        );
        assert!(filed.regfd.channel.public, "{:?}", filed.regfd.channel);
        assert!(
            filed.regfd.channel.basis.contains("Date of Report")
                || filed.regfd.channel.basis.contains("Pursuant to Section 13"),
            "{}",
            filed.regfd.channel.basis
        );
        // The same text without the cover page is a note that describes a private setting;
        // so is a note that only mentions the 8-K to come.
        let note = [
            "We will file the Form 8-K on Monday.",
            exhibit[0],
            exhibit[1],
        ];
        for paragraphs in [&exhibit[..], &note[..]] {
            let private = review_of_paragraphs(paragraphs, &[]);
            assert!(
                private.regfd.selective_disclosure,
                "{:?}",
                private.regfd.channel
            );
        }
        // A script quoting a cover page is not the filing.
        let script = review_of_paragraphs(&filing, &[("kind", "script")]);
        assert!(!script.regfd.channel.basis.contains("SEC filing"));
    }

    #[test]
    fn the_companys_own_account_is_no_unauthorized_spokesperson() {
        let text =
            "We will cut 1,200 jobs and close two plants next month, ahead of the announcement.";
        let spokesperson = |meta: &[(&str, &str)]| {
            let mut all = vec![("kind", "social_post"), ("handle", "@northwindfoods")];
            all.extend_from_slice(meta);
            rules(text, &all)
                .iter()
                .any(|r| r == "regfd.unauthorized_spokesperson")
        };
        // A person, or an account nothing ties to the company: the rule applies.
        assert!(spokesperson(&[("company", "Harbor Lane Inc.")]));
        assert!(spokesperson(&[]));
        // The company's name run together, the account's own description, an announced
        // disclosure handle: the company's account.
        assert!(!spokesperson(&[("company", "Northwind Foods, Inc.")]));
        assert!(!spokesperson(&[(
            "account_description",
            "Northwind Foods corporate account, NYSE: NWF"
        )]));
    }
}
