//! `report.sarif`: SARIF 2.1.0 for CI code-scanning annotations — one result per finding,
//! located at the source file, line and column, with the rule's policy citation in the
//! rule metadata. Severities map high → error, medium → warning, low/info → note.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::dictionaries::Severity;
use crate::error::{Error, Result};
use crate::review::Report;

/// Renders the report as SARIF 2.1.0 JSON.
///
/// # Errors
/// Only if serialization fails.
pub fn render(report: &Report) -> Result<String> {
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    let mut results = Vec::new();
    for d in &report.documents {
        let file = d.path.split('#').next().unwrap_or(&d.path);
        for f in &d.findings {
            rules.entry(f.rule.to_string()).or_insert_with(|| {
                json!({
                    "id": f.rule,
                    "shortDescription": { "text": f.rule },
                    "properties": { "policy": f.policy, "category": f.category },
                })
            });
            let mut region = serde_json::Map::new();
            if let Some(l) = f.line {
                region.insert("startLine".into(), json!(l));
            }
            if let Some(c) = f.column {
                region.insert("startColumn".into(), json!(c));
            }
            if !f.excerpt.is_empty() {
                region.insert("snippet".into(), json!({ "text": f.excerpt }));
            }
            let mut location =
                json!({ "physicalLocation": { "artifactLocation": { "uri": file } } });
            if !region.is_empty() {
                location["physicalLocation"]["region"] = Value::Object(region);
            }
            results.push(json!({
                "ruleId": f.rule,
                "level": match f.severity { Severity::High => "error", Severity::Medium => "warning", Severity::Low | Severity::Info => "note" },
                "message": { "text": format!("{} [{}]", f.message, f.policy) },
                "locations": [location],
                "properties": { "severity": f.severity.as_str(), "document": d.path },
            }));
        }
    }
    let notifications: Vec<Value> = report
        .failures
        .iter()
        .map(|f| json!({ "level": "error", "message": { "text": format!("{}: {}", f.path, f.reason) } }))
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "regfd",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.into_values().collect::<Vec<_>>(),
            }},
            "invocations": [{ "executionSuccessful": report.stats.failed == 0, "toolExecutionNotifications": notifications }],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&sarif)
        .map_err(|e| Error::Invalid(format!("serializing SARIF: {e}")))
}
