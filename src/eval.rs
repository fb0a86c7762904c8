//! `regfd eval`: precision, recall and F1 of the reviewer against a labelled set
//! (CONTRACT.md "Labelled sets"), per MNPI category with micro and macro averages, plus
//! non-GAAP measure identification, Reg FD issues and deadlines.
//!
//! Scoring: a category in `mnpi_expected` that is flagged (any finding above `info`) is a
//! true positive, one not flagged a miss; a category in `mnpi_forbidden` that is flagged is a
//! false alarm; other categories are not scored. A reported non-GAAP measure not listed in
//! `non_gaap` is a false positive. Each labelled measure that was found also has its flags
//! scored (`reconciled`, `prominence_issue`, `forward_looking`,
//! `unreasonable_efforts_statement`, `per_share_liquidity`), a flag labelled `true` being the
//! positive class: reported `true` as labelled is a true positive, reported `false` a miss,
//! reported `true` against a labelled `false` a false alarm. Reg FD issues are scored like
//! categories, with every unlisted issue counting as forbidden.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::assess::reg_g::NonGaapUse;
use crate::dictionaries::Severity;
use crate::document::{Document, parse_instant};
use crate::error::{Error, Result};
use crate::review::{DocumentReview, Engine};

/// One labelled document.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    /// Path relative to `--docs` (`file.json#id` for a post).
    pub doc: String,
    /// Expected kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// Categories that must be flagged.
    #[serde(default)]
    pub mnpi_expected: Vec<String>,
    /// Categories that must not be flagged.
    #[serde(default)]
    pub mnpi_forbidden: Vec<String>,
    /// Every non-GAAP measure in the document.
    #[serde(default)]
    pub non_gaap: Vec<LabelledMeasure>,
    /// Expected Reg FD issues (rule names after `regfd.`).
    #[serde(default)]
    pub regfd_issues: Vec<String>,
    /// Disclosure instant.
    #[serde(default)]
    pub disclosed_at: Option<String>,
    /// Expected policy deadline.
    #[serde(default)]
    pub expected_deadline: Option<String>,
    /// Metadata for files that carry none. Values are strings; a label file's booleans and
    /// numbers (`"public_channel": true`) are taken as their JSON text, and nulls are dropped.
    #[serde(default, deserialize_with = "scalar_map")]
    pub meta: BTreeMap<String, String>,
}

/// A JSON object of scalars as strings (see [`Label::meta`]); arrays and objects are an error.
fn scalar_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<BTreeMap<String, String>, D::Error> {
    let raw: BTreeMap<String, serde_json::Value> = Deserialize::deserialize(d)?;
    let mut out = BTreeMap::new();
    for (k, v) in raw {
        let s = match v {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s,
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "meta.{k}: expected a string, number or boolean, found {other}"
                )));
            }
        };
        out.insert(k, s);
    }
    Ok(out)
}

/// A labelled non-GAAP measure: its name and the flags of CONTRACT.md's `non_gaap[]` that
/// the label sets (a flag left out is not scored).
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledMeasure {
    /// Measure name: the canonical name or one of its aliases (`measures.toml`).
    pub measure: String,
    /// A reconciliation to the most directly comparable GAAP measure is given (Reg G
    /// 100(a)(2)); for oral use, a pointer to where it is published.
    #[serde(default)]
    pub reconciled: Option<bool>,
    /// More prominent than its GAAP comparable (C&DI 102.10).
    #[serde(default)]
    pub prominence_issue: Option<bool>,
    /// Used forward-looking (guidance, outlook, targets).
    #[serde(default)]
    pub forward_looking: Option<bool>,
    /// The document relies on the "unreasonable efforts" exception in words (Item
    /// 10(e)(1)(i)(B)).
    #[serde(default)]
    pub unreasonable_efforts_statement: Option<bool>,
    /// Presented per share while a liquidity measure (C&DI 102.05).
    #[serde(default)]
    pub per_share_liquidity: Option<bool>,
}

/// The scored flags of a non-GAAP measure, in report order.
pub const MEASURE_FLAGS: [&str; 5] = [
    "reconciled",
    "prominence_issue",
    "forward_looking",
    "unreasonable_efforts_statement",
    "per_share_liquidity",
];

impl LabelledMeasure {
    /// The labelled value of flag `name` (one of [`MEASURE_FLAGS`]), if set.
    fn flag(&self, name: &str) -> Option<bool> {
        match name {
            "reconciled" => self.reconciled,
            "prominence_issue" => self.prominence_issue,
            "forward_looking" => self.forward_looking,
            "unreasonable_efforts_statement" => self.unreasonable_efforts_statement,
            "per_share_liquidity" => self.per_share_liquidity,
            _ => None,
        }
    }
}

/// The reported value of flag `name` (one of [`MEASURE_FLAGS`]) of a measure use.
fn reported_flag(u: &NonGaapUse, name: &str) -> bool {
    match name {
        "reconciled" => u.reconciled,
        "prominence_issue" => u.prominence_issue,
        "forward_looking" => u.forward_looking,
        "unreasonable_efforts_statement" => u.unreasonable_efforts_statement,
        "per_share_liquidity" => u.per_share_liquidity,
        _ => false,
    }
}

/// Counts for one scored label.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// tp / (tp + fp), 1.0 when nothing was flagged.
    pub precision: f64,
    /// tp / (tp + fn), 1.0 when nothing was expected.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Score {
    fn finish(&mut self) {
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// One error example.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorCase {
    /// Document.
    pub doc: String,
    /// Category, measure or issue.
    pub label: String,
    /// `miss` or `false_alarm`.
    pub kind: &'static str,
    /// Excerpt of the finding (false alarms) or empty (misses).
    pub excerpt: String,
}

/// The evaluation result.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalResult {
    /// Documents scored.
    pub documents: usize,
    /// Labelled documents that could not be found or read.
    pub missing: Vec<String>,
    /// Per MNPI category.
    pub categories: BTreeMap<String, Score>,
    /// Micro average over categories.
    pub micro: Score,
    /// Macro average precision/recall/F1 over scored categories.
    pub macro_: Score,
    /// Non-GAAP measure identification.
    pub non_gaap: Score,
    /// Per flag of the non-GAAP measures found (keys: [`MEASURE_FLAGS`]), `true` being the
    /// positive class; only flags a label sets are scored.
    pub non_gaap_flags: BTreeMap<String, Score>,
    /// Per Reg FD issue.
    pub regfd: BTreeMap<String, Score>,
    /// Deadlines checked and how many matched.
    pub deadlines_checked: usize,
    /// Deadlines that matched.
    pub deadlines_correct: usize,
    /// Misses and false alarms.
    pub errors: Vec<ErrorCase>,
}

/// `s` lower-cased with white space collapsed: how measure names are compared.
fn collapse_lower(s: &str) -> String {
    crate::detect::collapse_space(&s.to_lowercase())
}

/// Loads a labelled set.
///
/// # Errors
/// [`Error::Io`] or [`Error::Config`] when unreadable or malformed.
pub fn load_labels(path: &Path) -> Result<Vec<Label>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Config {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// Scores `engine` on `labels`, whose documents are under `docs_dir`.
#[must_use]
pub fn evaluate(
    engine: &Engine,
    labels: &[Label],
    docs_dir: &Path,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> EvalResult {
    let mut result = EvalResult::default();
    // Extract each distinct file once; posts are addressed file#id.
    let mut files: HashMap<String, Vec<Document>> = HashMap::new();
    for l in labels {
        let file = l.doc.split('#').next().unwrap_or(&l.doc).to_owned();
        files.entry(file.clone()).or_insert_with(|| {
            let p = docs_dir.join(&file);
            crate::ingest::ingest_file(&p, &file, &crate::ingest::IngestOptions::default())
                .into_iter()
                .filter_map(std::result::Result::ok)
                .collect()
        });
    }
    let mut cats: BTreeMap<String, Score> = BTreeMap::new();
    let mut fd: BTreeMap<String, Score> = BTreeMap::new();
    // Review every labelled document with its labelled metadata, then settle the set as one
    // run (the public record: a post repeating a release of the set), then score.
    let mut reviewed: Vec<(&Label, Document)> = Vec::new();
    for l in labels {
        let file = l.doc.split('#').next().unwrap_or(&l.doc);
        let docs = files.get(file).map_or(&[][..], Vec::as_slice);
        let Some(doc) = docs
            .iter()
            .find(|d| d.path == l.doc || (docs.len() == 1 && !l.doc.contains('#')))
        else {
            result.missing.push(l.doc.clone());
            continue;
        };
        let mut doc = doc.clone();
        for (k, v) in &l.meta {
            let _ = doc.metadata.set(k, v);
        }
        if let Some(t) = &l.disclosed_at {
            let _ = doc.metadata.set("disclosed_at", t);
        }
        if let Some(k) = &l.kind {
            let _ = doc.metadata.set("kind", k);
        }
        reviewed.push((l, doc));
    }
    let docs: Vec<&Document> = reviewed.iter().map(|(_, d)| d).collect();
    let mut reviews: Vec<DocumentReview> = docs
        .iter()
        .map(|doc| engine.review_document(doc, now))
        .collect();
    engine.settle_public_record(&docs, &mut reviews);
    for ((l, _), r) in reviewed.iter().zip(&reviews) {
        result.documents += 1;
        score_document(l, r, engine, &mut cats, &mut fd, &mut result);
    }
    let mut micro = Score::default();
    let (mut p, mut rc, mut n) = (0.0, 0.0, 0usize);
    for s in cats.values_mut() {
        s.finish();
        micro.tp += s.tp;
        micro.fp += s.fp;
        micro.fn_ += s.fn_;
        p += s.precision;
        rc += s.recall;
        n += 1;
    }
    micro.finish();
    let mut macro_ = Score {
        precision: if n > 0 { p / n as f64 } else { 1.0 },
        recall: if n > 0 { rc / n as f64 } else { 1.0 },
        ..Score::default()
    };
    macro_.f1 = if macro_.precision + macro_.recall > 0.0 {
        2.0 * macro_.precision * macro_.recall / (macro_.precision + macro_.recall)
    } else {
        0.0
    };
    for s in fd.values_mut() {
        s.finish();
    }
    result.non_gaap.finish();
    for s in result.non_gaap_flags.values_mut() {
        s.finish();
    }
    result.categories = cats;
    result.micro = micro;
    result.macro_ = macro_;
    result.regfd = fd;
    result
}

fn score_document(
    l: &Label,
    r: &DocumentReview,
    engine: &Engine,
    cats: &mut BTreeMap<String, Score>,
    fd: &mut BTreeMap<String, Score>,
    result: &mut EvalResult,
) {
    let flagged = |cat: &str| {
        r.findings
            .iter()
            .find(|f| *f.rule == format!("mnpi.{cat}") && f.severity > Severity::Info)
    };
    for c in &l.mnpi_expected {
        let s = cats.entry(c.clone()).or_default();
        if flagged(c).is_some() {
            s.tp += 1;
        } else {
            s.fn_ += 1;
            result.errors.push(ErrorCase {
                doc: l.doc.clone(),
                label: c.clone(),
                kind: "miss",
                excerpt: String::new(),
            });
        }
    }
    for c in &l.mnpi_forbidden {
        let s = cats.entry(c.clone()).or_default();
        if let Some(f) = flagged(c) {
            s.fp += 1;
            result.errors.push(ErrorCase {
                doc: l.doc.clone(),
                label: c.clone(),
                kind: "false_alarm",
                excerpt: f.excerpt.clone(),
            });
        }
    }
    // Non-GAAP measures: listed = expected; anything else reported is a false positive. A
    // label may name a measure by its canonical name or by any spelling the lexicon knows
    // ("Nareit FFO per diluted share" for "FFO (Nareit) per share"): labels are written by
    // people, not from the dictionary.
    // Each labelled name, lower-cased, and the name its use is reported under (resolved
    // once per label, not per comparison).
    let labelled: Vec<(String, Option<String>)> = l
        .non_gaap
        .iter()
        .map(|m| {
            let reported = engine.regg.reported_name(&m.measure);
            (
                collapse_lower(&m.measure),
                reported.as_deref().map(collapse_lower),
            )
        })
        .collect();
    let same = |i: usize, reported: &str| {
        let r = collapse_lower(reported);
        let (name, resolved) = &labelled[i];
        *name == r || resolved.as_ref() == Some(&r)
    };
    for (i, m) in l.non_gaap.iter().enumerate() {
        // The use of the same name; of two (a measure reported once as a result and once
        // as guidance), the one whose `forward_looking` agrees with the label.
        let named = || r.non_gaap.iter().filter(|u| same(i, &u.measure));
        let found = named()
            .find(|u| m.forward_looking.is_none_or(|f| u.forward_looking == f))
            .or_else(|| named().next());
        if let Some(u) = found {
            result.non_gaap.tp += 1;
            for flag in MEASURE_FLAGS {
                let Some(want) = m.flag(flag) else { continue };
                let got = reported_flag(u, flag);
                let s = result.non_gaap_flags.entry(flag.to_owned()).or_default();
                let kind = match (want, got) {
                    (true, true) => {
                        s.tp += 1;
                        continue;
                    }
                    (false, false) => continue,
                    (true, false) => {
                        s.fn_ += 1;
                        "miss"
                    }
                    (false, true) => {
                        s.fp += 1;
                        "false_alarm"
                    }
                };
                result.errors.push(ErrorCase {
                    doc: l.doc.clone(),
                    label: format!("non_gaap:{}.{flag}", m.measure),
                    kind,
                    excerpt: u.as_written.clone(),
                });
            }
        } else {
            result.non_gaap.fn_ += 1;
            result.errors.push(ErrorCase {
                doc: l.doc.clone(),
                label: format!("non_gaap:{}", m.measure),
                kind: "miss",
                excerpt: String::new(),
            });
        }
    }
    for u in &r.non_gaap {
        if !(0..l.non_gaap.len()).any(|i| same(i, &u.measure)) {
            result.non_gaap.fp += 1;
            result.errors.push(ErrorCase {
                doc: l.doc.clone(),
                label: format!("non_gaap:{}", u.measure),
                kind: "false_alarm",
                excerpt: u.as_written.clone(),
            });
        }
    }
    // Reg FD issues.
    let issue_of = |rule: &str| -> Option<String> {
        if rule == "regg.oral_without_website_reference" {
            Some("oral_non_gaap_without_website_reference".into())
        } else {
            rule.strip_prefix("regfd.").map(str::to_owned)
        }
    };
    let mut reported: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.severity > Severity::Info)
        .filter_map(|f| issue_of(&f.rule))
        .collect();
    reported.sort_unstable();
    reported.dedup();
    for i in &l.regfd_issues {
        let s = fd.entry(i.clone()).or_default();
        if reported.contains(i) {
            s.tp += 1;
        } else {
            s.fn_ += 1;
            result.errors.push(ErrorCase {
                doc: l.doc.clone(),
                label: format!("regfd:{i}"),
                kind: "miss",
                excerpt: String::new(),
            });
        }
    }
    for i in &reported {
        if !l.regfd_issues.contains(i) {
            fd.entry(i.clone()).or_default().fp += 1;
            let ex = r
                .findings
                .iter()
                .find(|f| issue_of(&f.rule).as_ref() == Some(i))
                .map(|f| f.excerpt.clone())
                .unwrap_or_default();
            result.errors.push(ErrorCase {
                doc: l.doc.clone(),
                label: format!("regfd:{i}"),
                kind: "false_alarm",
                excerpt: ex,
            });
        }
    }
    if let Some(exp) = l.expected_deadline.as_deref().and_then(parse_instant) {
        result.deadlines_checked += 1;
        let got = r
            .regfd
            .remediation
            .as_ref()
            .and_then(|x| x.deadlines.as_ref())
            .map(|d| d.policy_deadline);
        if got.is_some_and(|g| g == exp) {
            result.deadlines_correct += 1;
        } else {
            result.errors.push(ErrorCase {
                doc: l.doc.clone(),
                label: "deadline".into(),
                kind: "miss",
                excerpt: format!(
                    "expected {exp}, got {}",
                    got.map_or("none".into(), |g| g.to_rfc3339())
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_meta_takes_scalars_as_strings_and_rejects_structures() {
        let labels: Vec<Label> = serde_json::from_str(
            r#"[{"doc": "a.txt", "meta": {"author": "Ann", "public_channel": true,
                 "rank": 2, "gone": null}}]"#,
        )
        .unwrap_or_default();
        let meta = &labels[0].meta;
        assert_eq!(meta["author"], "Ann");
        assert_eq!(meta["public_channel"], "true");
        assert_eq!(meta["rank"], "2");
        assert!(!meta.contains_key("gone"));
        let err = serde_json::from_str::<Vec<Label>>(r#"[{"doc": "a", "meta": {"x": [1]}}]"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("meta.x"), "{err}");
    }
}
