//! The `review` pipeline: ingest → segment → detect → assess, per document in parallel
//! (rayon), producing a [`Report`] that the `report` writers and the `index` consume.
//!
//! Severity policy applied here (after detection and assessment): MNPI findings in a document
//! that goes out through a recognized public channel are capped at `medium` (the document is
//! itself the public disclosure; the reviewer confirms timing), and raised to `high` when the
//! document is a selective disclosure (Reg FD Policy I.B). Then `regfd.toml` severity
//! overrides and suppressions apply; suppressed findings are kept in the report with their
//! reason. Last, across the run, a selective disclosure that only repeats the figures of an
//! earlier public document of the same issuer is settled as a repeat
//! ([`Engine::settle_public_record`]).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::Serialize;

use crate::assess::calendar::NyseCalendar;
use crate::assess::community::{CommunityPublications, PrivateBusinessNews};
use crate::assess::public_record::{
    Issuer, PublicDocument, PublicRecord, When, figures, same_issuer,
};
use crate::assess::reg_fd::{RegFd, RegFdAssessment};
use crate::assess::reg_g::{NonGaapUse, RegG};
use crate::config::Config;
use crate::detect::{Finding, MnpiLexicon};
use crate::dictionaries::{Dictionaries, Severity};
use crate::document::{DocKind, Document, DocumentFailure, FailureStatus, Metadata, SourceFormat};
use crate::error::Result;
use crate::index::IndexRecord;
use crate::ingest::{self, IngestOptions};
use crate::segment::{outside_company_turn, segment};

/// Everything compiled once per run: dictionaries, automata, calendar, configuration.
#[derive(Debug)]
pub struct Engine {
    /// The dictionaries in use.
    pub dictionaries: Dictionaries,
    /// MNPI lexicon.
    pub mnpi: MnpiLexicon,
    /// Reg G assessor.
    pub regg: RegG,
    /// Reg FD assessor.
    pub regfd: RegFd,
    /// Tells a community organization's newsletter from a company document.
    pub community: CommunityPublications,
    /// Tells news about a privately owned business from a document about an issuer.
    pub private_business: PrivateBusinessNews,
    /// Run configuration.
    pub config: Config,
}

impl Engine {
    /// Builds the engine from the configuration (dictionaries from `config.dictionaries` or
    /// the embedded defaults).
    ///
    /// # Errors
    /// Dictionary or calendar errors.
    pub fn new(config: Config) -> Result<Self> {
        let dictionaries = match &config.dictionaries {
            Some(dir) => Dictionaries::load_dir(dir)?,
            None => Dictionaries::embedded()?,
        };
        let calendar = NyseCalendar::from_toml(&dictionaries.calendar_toml)?;
        Ok(Self {
            mnpi: MnpiLexicon::new(&dictionaries)?,
            regg: RegG::new(&dictionaries)?,
            regfd: RegFd::new(&dictionaries, config.regfd.clone(), calendar)?,
            community: CommunityPublications::new(&dictionaries.mnpi_context),
            private_business: PrivateBusinessNews::new(&dictionaries.mnpi_context),
            dictionaries,
            config,
        })
    }

    /// Reviews one extracted document. `now` is the review instant (deadline-passed checks).
    #[must_use]
    pub fn review_document(&self, doc: &Document, now: DateTime<FixedOffset>) -> DocumentReview {
        let started = Instant::now();
        let segments = segment(doc);
        // Text that speaks for nobody's news: the forward-looking-statement and risk-factor
        // legend, and the turns of participants outside the company.
        let legend = self.regfd.legend_blocks(doc);
        let quiet = |start: usize| {
            if doc
                .block_at(start)
                .is_some_and(|i| legend.get(i).copied().unwrap_or(false))
            {
                Some(
                    "in the forward-looking-statement / risk-factor legend: names a risk, not an event",
                )
            } else if outside_company_turn(doc, start) {
                Some("said by a participant outside the company (analyst question or operator)")
            } else {
                None
            }
        };
        let mut mnpi =
            self.mnpi
                .detect_quieted(doc, &segments, chrono::Datelike::year(&now), &quiet);
        if let Some(org) = self.community.publisher(doc) {
            let note = format!(
                "a publication of {org}, a community organization, naming no company: \
                 no issuer's information"
            );
            for f in &mut mnpi {
                f.severity = Severity::Info;
                f.context.push(note.clone());
            }
        }
        if let Some(cue) = self.private_business.private_cue(doc) {
            let note = format!(
                "about a privately owned business (\"{cue}\" in the opening) in a document \
                 naming no ticker: no issuer's information"
            );
            for f in &mut mnpi {
                // Segments are in text order: the one holding `at` is the last to start by it.
                let sentence = f.start.and_then(|at| {
                    let i = segments.partition_point(|s| s.start <= at).checked_sub(1)?;
                    let seg = segments.get(i).filter(|s| at < s.end)?;
                    doc.text.get(seg.start..seg.end)
                });
                if !sentence.is_some_and(|t| self.private_business.names_public_company(t)) {
                    f.severity = Severity::Info;
                    f.context.push(note.clone());
                }
            }
        }
        let regg = self.regg.assess(doc, &segments);
        let regfd = self.regfd.assess(doc, &segments, &mnpi, now);
        for f in &mut mnpi {
            if regfd.selective_disclosure && f.severity >= Severity::Medium {
                f.severity = Severity::High;
                f.context
                    .push("selective disclosure: raised to high (Reg FD Policy I.B)".into());
            } else if regfd.channel.public && f.severity > Severity::Medium {
                f.severity = Severity::Medium;
                f.context.push(
                    "public channel: this document is the public disclosure; capped at medium"
                        .into(),
                );
            }
        }
        let mut findings: Vec<Finding> = mnpi;
        findings.extend(regg.findings);
        findings.extend(regfd.findings.iter().cloned());
        let mut suppressed = Vec::new();
        findings.retain_mut(|f| {
            if let Some(s) = self.config.severity.get(&*f.rule) {
                f.severity = *s;
            }
            match self.config.suppression(&f.rule, &doc.path) {
                Some(reason) => {
                    suppressed.push(Suppressed {
                        rule: f.rule.to_string(),
                        line: f.line,
                        reason: reason.to_owned(),
                    });
                    false
                }
                None => true,
            }
        });
        findings.sort_by_key(|f| (f.start.unwrap_or(0), f.rule.clone()));
        let mut categories: Vec<String> = findings
            .iter()
            .filter(|f| f.rule.starts_with("mnpi."))
            .map(|f| f.category.to_string())
            .collect();
        categories.sort_unstable();
        categories.dedup();
        DocumentReview {
            path: doc.path.clone(),
            format: doc.format,
            kind: doc.metadata.kind.unwrap_or_default(),
            metadata: doc.metadata.clone(),
            findings,
            non_gaap: regg.uses,
            regfd,
            suppressed,
            categories,
            warnings: doc.warnings.clone(),
            source_bytes: doc.source_bytes,
            text_bytes: doc.text.len(),
            blocks: doc.blocks.len(),
            elapsed: started.elapsed(),
        }
    }
}

impl Engine {
    /// The public-record step of a run ([`crate::assess::public_record`]): a review whose
    /// document went to Specified Persons outside a public channel
    /// (`regfd.selective_disclosure`) but whose material MNPI findings (severity medium or
    /// above) each state figures, all of them in one earlier public document of the same
    /// issuer among `reviews` (within `public_record_days`, at least
    /// `public_record_min_figures` figures; no finding of a `public_record_never_covers`
    /// category), repeats public information (Reg FD Rule 100(a); Insider Trading Policy
    /// IV.C). Its material findings, its `regfd.selective_disclosure` and
    /// `regfd.unauthorized_spokesperson` findings go to info, naming that document, and its
    /// remediation is dropped. `docs[i]` is the document of `reviews[i]`; the time of each is
    /// its `disclosed_at`, else the date in its file name ([`When`]).
    pub fn settle_public_record(&self, docs: &[&Document], reviews: &mut [DocumentReview]) {
        let cues = &self.dictionaries.regfd;
        let n = reviews.len().min(docs.len());
        // Each review's time and issuer, worked out once.
        let times: Vec<Option<When>> = reviews[..n]
            .iter()
            .map(|r| When::of(&r.path, r.metadata.disclosed_at))
            .collect();
        let issuers: Vec<Issuer> = reviews[..n]
            .iter()
            .map(|r| Issuer::new(&r.path, r.metadata.company.as_deref()))
            .collect();
        // Selective disclosures that could be repeats: dated, with material findings of
        // categories the record may cover.
        let candidates: Vec<usize> = (0..n)
            .filter(|&i| {
                let r = &reviews[i];
                let mut material = r.findings.iter().filter(|f| is_material_mnpi(f)).peekable();
                r.regfd.selective_disclosure
                    && times[i].is_some()
                    && material.peek().is_some()
                    && material.all(|f| {
                        !cues
                            .public_record_never_covers
                            .iter()
                            .any(|c| *c == *f.category)
                    })
            })
            .collect();
        if candidates.is_empty() {
            return;
        }
        let days = i64::from(cues.public_record_days);
        let public: Vec<PublicDocument> = (0..n)
            .filter_map(|j| {
                let r = &reviews[j];
                let when = times[j].filter(|_| r.regfd.channel.public)?;
                candidates
                    .iter()
                    .any(|&i| {
                        times[i].is_some_and(|t| when.precedes(t, days))
                            && same_issuer(&issuers[i], &issuers[j])
                    })
                    .then(|| PublicDocument {
                        path: r.path.clone(),
                        issuer: issuers[j].clone(),
                        when,
                        figures: figures(&docs[j].text).into_iter().collect(),
                    })
            })
            .collect();
        if public.is_empty() {
            return;
        }
        let record = PublicRecord::new(
            public,
            cues.public_record_days,
            cues.public_record_min_figures,
        );
        for i in candidates {
            let (doc, r) = (docs[i], &mut reviews[i]);
            let Some(when) = times[i] else { continue };
            let segments = segment(doc);
            let sentence = |at: usize| {
                let k = segments.partition_point(|s| s.start <= at).checked_sub(1)?;
                let seg = segments.get(k).filter(|s| at < s.end)?;
                doc.text.get(seg.start..seg.end)
            };
            let needed: Vec<Vec<String>> = r
                .findings
                .iter()
                .filter(|f| is_material_mnpi(f))
                .map(|f| f.start.and_then(sentence).map(figures).unwrap_or_default())
                .collect();
            let Some(p) = record.covering(&r.path, &issuers[i], when, &needed) else {
                continue;
            };
            let source = format!(
                "{}, disclosed {} through a public channel{}",
                p.path,
                p.when.describe(),
                if p.when.same_day_unordered(when) {
                    " the same day (which went out first cannot be told from the dates: \
                     either way the figures were public within the 24 hours of Reg FD Policy \
                     I.B; confirm the order if this communication was planned, since an \
                     intentional disclosure must not precede the public one)"
                } else {
                    ""
                }
            );
            for f in r.findings.iter_mut().filter(|f| is_material_mnpi(f)) {
                f.severity = Severity::Info;
                f.context
                    .retain(|c| !c.starts_with("selective disclosure: raised"));
                f.context.push(format!(
                    "already public: every figure of its sentence is in {source} \
                     (Insider Trading Policy IV.C)"
                ));
            }
            let settle = |f: &mut Finding| {
                if matches!(
                    &*f.rule,
                    "regfd.selective_disclosure" | "regfd.unauthorized_spokesperson"
                ) {
                    f.severity = Severity::Info;
                    f.context.push(format!(
                        "repeats public information: the figures of its material findings are \
                         all in {source}; no material nonpublic information (Reg FD Rule 100(a))"
                    ));
                }
            };
            r.findings.iter_mut().for_each(settle);
            r.regfd.findings.iter_mut().for_each(settle);
            r.regfd.selective_disclosure = false;
            r.regfd.remediation = None;
        }
    }
}

/// An MNPI finding at medium or above: one that makes a communication to Specified Persons a
/// selective disclosure.
fn is_material_mnpi(f: &Finding) -> bool {
    f.rule.starts_with("mnpi.") && f.severity >= Severity::Medium
}

/// A finding removed by configuration, kept for the record.
#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    /// Rule id.
    pub rule: String,
    /// Line of the finding, where it had one.
    pub line: Option<u32>,
    /// The configured reason.
    pub reason: String,
}

/// The review of one document.
#[derive(Debug, Clone)]
pub struct DocumentReview {
    /// Address (`file.csv#id` for a post).
    pub path: String,
    /// Format extracted from.
    pub format: SourceFormat,
    /// Kind (resolved or inferred).
    pub kind: DocKind,
    /// Resolved metadata.
    pub metadata: Metadata,
    /// Findings (MNPI, Reg G, Reg FD), by position.
    pub findings: Vec<Finding>,
    /// Non-GAAP measures used.
    pub non_gaap: Vec<NonGaapUse>,
    /// Reg FD assessment.
    pub regfd: RegFdAssessment,
    /// Findings suppressed by configuration.
    pub suppressed: Vec<Suppressed>,
    /// MNPI categories found.
    pub categories: Vec<String>,
    /// Extraction warnings.
    pub warnings: Vec<String>,
    /// Source size in bytes.
    pub source_bytes: u64,
    /// Extracted text size in bytes.
    pub text_bytes: usize,
    /// Number of blocks.
    pub blocks: usize,
    /// Time spent in segment + detect + assess for this document.
    pub elapsed: Duration,
}

impl DocumentReview {
    /// Highest severity among the findings.
    #[must_use]
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Throughput figures for one source format.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FormatStats {
    /// Documents of this format.
    pub documents: usize,
    /// Source bytes.
    pub bytes: u64,
    /// Summed per-document analysis time (segment + detect + assess), seconds of one core.
    pub analysis_seconds: f64,
}

/// Run statistics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunStats {
    /// Files found by the walk.
    pub files_found: usize,
    /// Files with at least one reviewed document.
    pub files_reviewed: usize,
    /// Files with only skipped entries.
    pub files_skipped: usize,
    /// Files with no document and a failed entry. `files_found` = `files_reviewed` +
    /// `files_skipped` + `files_failed`.
    pub files_failed: usize,
    /// Documents reviewed (posts count one each).
    pub reviewed: usize,
    /// Inputs skipped.
    pub skipped: usize,
    /// Inputs failed.
    pub failed: usize,
    /// Wall-clock seconds for ingest + review (not report writing).
    pub elapsed_seconds: f64,
    /// Wall-clock seconds of ingestion (walk + extraction).
    pub ingest_seconds: f64,
    /// Source bytes of reviewed documents.
    pub bytes: u64,
    /// Per source format.
    pub by_format: BTreeMap<String, FormatStats>,
    /// Findings by severity.
    pub by_severity: BTreeMap<String, usize>,
    /// Findings by rule id.
    pub by_rule: BTreeMap<String, usize>,
}

/// A finished review run.
#[derive(Debug, Clone)]
pub struct Report {
    /// The review instant (`--now` or the clock).
    pub generated_at: DateTime<FixedOffset>,
    /// Reviewed documents, in path order.
    pub documents: Vec<DocumentReview>,
    /// Inputs not reviewed, with reasons.
    pub failures: Vec<DocumentFailure>,
    /// Statistics.
    pub stats: RunStats,
    /// Fail level in force.
    pub fail_on: Severity,
}

impl Report {
    /// Exit code per CONTRACT.md: 2 if any input failed, else 1 if any finding is at or above
    /// the fail level, else 0.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        if self
            .failures
            .iter()
            .any(|f| f.status == FailureStatus::Failed)
        {
            2
        } else {
            u8::from(
                self.documents
                    .iter()
                    .any(|d| d.max_severity().is_some_and(|s| s >= self.fail_on)),
            )
        }
    }
}

/// Options of one review run.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// Files and folders to review.
    pub paths: Vec<PathBuf>,
    /// Ingestion limits and the metadata manifest.
    pub ingest: IngestOptions,
    /// The review instant.
    pub now: DateTime<FixedOffset>,
}

/// Runs ingest and review over `opts.paths`; returns the report and the index records of
/// the reviewed documents.
#[must_use]
pub fn run(engine: &Engine, opts: &ReviewOptions) -> (Report, Vec<IndexRecord>) {
    let started = Instant::now();
    let ingested = ingest::ingest_paths(&opts.paths, &opts.ingest);
    let ingest_seconds = started.elapsed().as_secs_f64();
    let mut documents: Vec<DocumentReview> = ingested
        .documents
        .par_iter()
        .map(|doc| engine.review_document(doc, opts.now))
        .collect();
    let docs: Vec<&Document> = ingested.documents.iter().collect();
    engine.settle_public_record(&docs, &mut documents);
    let records: Vec<IndexRecord> = docs
        .iter()
        .zip(&documents)
        .map(|(doc, r)| index_record(doc, r))
        .collect();
    let mut stats = RunStats {
        files_found: ingested.files_found,
        files_reviewed: ingested.files_reviewed,
        files_skipped: ingested.files_skipped,
        files_failed: ingested.files_failed,
        reviewed: documents.len(),
        skipped: ingested
            .failures
            .iter()
            .filter(|f| f.status == FailureStatus::Skipped)
            .count(),
        failed: ingested
            .failures
            .iter()
            .filter(|f| f.status == FailureStatus::Failed)
            .count(),
        elapsed_seconds: started.elapsed().as_secs_f64(),
        ingest_seconds,
        ..RunStats::default()
    };
    for d in &documents {
        stats.bytes += d.source_bytes;
        let e = stats
            .by_format
            .entry(d.format.as_str().to_owned())
            .or_default();
        e.documents += 1;
        e.bytes += d.source_bytes;
        e.analysis_seconds += d.elapsed.as_secs_f64();
        for f in &d.findings {
            *stats
                .by_severity
                .entry(f.severity.as_str().to_owned())
                .or_default() += 1;
            *stats.by_rule.entry(f.rule.to_string()).or_default() += 1;
        }
    }
    let report = Report {
        generated_at: opts.now,
        documents,
        failures: ingested.failures,
        stats,
        fail_on: engine.config.fail_on,
    };
    (report, records)
}

fn index_record(doc: &Document, r: &DocumentReview) -> IndexRecord {
    let m = &doc.metadata;
    let mut categories = r.categories.clone();
    categories.extend(
        r.findings
            .iter()
            .filter(|f| !f.rule.starts_with("mnpi."))
            .map(|f| f.rule.to_string()),
    );
    categories.sort_unstable();
    categories.dedup();
    IndexRecord {
        path: doc.path.clone(),
        kind: r.kind.as_str().to_owned(),
        company: m.company.clone(),
        author: m.author.clone(),
        handle: m.handle.clone(),
        channel: m.channel.clone(),
        audience: m.audience.clone(),
        disclosed_at: m.disclosed_at,
        categories,
        title: m.title.clone(),
        text: doc.text.clone(),
        content_hash: content_hash(&doc.text),
    }
}

/// FNV-1a 64-bit hash of the text, hex: detects changed content on re-review.
fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
