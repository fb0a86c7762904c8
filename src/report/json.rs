//! `report.json` exactly per CONTRACT.md ("JSON report"), plus extra keys: per-document
//! `format`, `categories`, `regfd.channel`/`remediation`, `suppressed`, `warnings`, and a
//! top-level `summary` with counts and throughput.

use serde::Serialize;
use serde_json::{Value, json};

use crate::document::FailureStatus;
use crate::error::{Error, Result};
use crate::review::{DocumentReview, Report};

/// Contract schema version.
pub const SCHEMA_VERSION: u32 = 1;

/// Renders the report as pretty JSON.
///
/// # Errors
/// Only if serialization fails (it does not for these types).
pub fn render(report: &Report) -> Result<String> {
    serde_json::to_string_pretty(&value(report))
        .map_err(|e| Error::Invalid(format!("serializing report.json: {e}")))
}

/// The report as a JSON value.
#[must_use]
pub fn value(report: &Report) -> Value {
    let mut docs: Vec<(String, Value)> = report
        .documents
        .iter()
        .map(|d| (d.path.clone(), document(d)))
        .collect();
    for f in &report.failures {
        docs.push((
            f.path.clone(),
            json!({
                "path": f.path,
                "kind": "other",
                "status": match f.status { FailureStatus::Skipped => "skipped", FailureStatus::Failed => "failed" },
                "reason": f.reason,
                "stage": f.stage,
                "format": f.format.map(super::super::document::SourceFormat::as_str),
                "metadata": {},
                "findings": [],
                "non_gaap": [],
                "regfd": { "selective_disclosure": false, "policy_deadline": null, "regfd_deadline": null },
            }),
        ));
    }
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    json!({
        "schema_version": SCHEMA_VERSION,
        "generated_at": report.generated_at.to_rfc3339(),
        "tool": { "name": "regfd", "version": env!("CARGO_PKG_VERSION") },
        "summary": summary(report),
        "documents": docs.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
    })
}

fn summary(report: &Report) -> Value {
    let s = &report.stats;
    json!({
        "files_found": s.files_found,
        "files_reviewed": s.files_reviewed,
        "files_skipped": s.files_skipped,
        "files_failed": s.files_failed,
        "documents_reviewed": s.reviewed,
        "skipped": s.skipped,
        "failed": s.failed,
        "fail_on": report.fail_on.as_str(),
        "exit_code": report.exit_code(),
        "elapsed_seconds": s.elapsed_seconds,
        "bytes": s.bytes,
        "findings_by_severity": s.by_severity,
        "findings_by_rule": s.by_rule,
        "by_format": s.by_format,
    })
}

fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn document(d: &DocumentReview) -> Value {
    let deadlines = d
        .regfd
        .remediation
        .as_ref()
        .and_then(|r| r.deadlines.as_ref());
    json!({
        "path": d.path,
        "kind": d.kind.as_str(),
        "status": "reviewed",
        "reason": null,
        "format": d.format.as_str(),
        "metadata": to_value(&d.metadata),
        "categories": d.categories,
        "findings": d.findings.iter().map(to_value).collect::<Vec<_>>(),
        "non_gaap": d.non_gaap.iter().map(to_value).collect::<Vec<_>>(),
        "regfd": {
            "selective_disclosure": d.regfd.selective_disclosure,
            "policy_deadline": deadlines.map(|x| x.policy_deadline.to_rfc3339()),
            "regfd_deadline": deadlines.map(|x| x.regfd_deadline.to_rfc3339()),
            "deadline_reason": deadlines.map(|x| x.reason.clone()),
            "channel": to_value(&d.regfd.channel),
            "remediation": d.regfd.remediation.as_ref().map(to_value),
        },
        "suppressed": to_value(&d.suppressed),
        "warnings": d.warnings,
    })
}
