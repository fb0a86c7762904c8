//! The registry: the single list of rules — MNPI categories from `dictionaries/mnpi/`, code
//! rules from `dictionaries/rules.toml` — read by `regfd rules`, `regfd explain` and the
//! registry test.

use serde::Deserialize;

use crate::dictionaries::{Dictionaries, Scope, Severity};
use crate::error::{Error, Result};

/// Metadata of one rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    /// Rule id (`mnpi.cybersecurity`).
    pub id: String,
    /// Default severity.
    pub severity: Severity,
    /// Policy clause or rule it rests on.
    pub citation: String,
    /// One line.
    pub summary: String,
    /// What it flags.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// A flagged example.
    pub example: String,
    /// A compliant alternative.
    pub compliant: String,
    /// Retired rules stay registered (ids are never reused).
    #[serde(default)]
    pub removed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    version: u32,
    rule: Vec<RuleMeta>,
}

/// `dictionaries/rules.toml`, embedded.
const RULES_TOML: &str = include_str!("../../dictionaries/rules.toml");

/// Every rule: the 20 MNPI categories in policy order, then the Reg G and Reg FD rules.
///
/// # Errors
/// [`Error::Dictionary`] if `rules.toml` is malformed.
pub fn registry(dicts: &Dictionaries) -> Result<Vec<RuleMeta>> {
    let file: RulesFile = toml::from_str(RULES_TOML).map_err(|e| Error::Dictionary {
        name: "rules.toml".into(),
        message: e.to_string(),
    })?;
    let _ = file.version;
    let mut out: Vec<RuleMeta> = dicts
        .mnpi
        .iter()
        .map(|c| RuleMeta {
            id: format!("mnpi.{}", c.category),
            severity: c.base_severity,
            citation: c.policy.clone(),
            summary: c.summary.clone(),
            what: format!(
                "{}. Strong terms: {}{}.",
                c.title,
                c.strong
                    .iter()
                    .take(12)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                if c.strong.len() > 12 {
                    format!(" … ({} in all)", c.strong.len())
                } else {
                    String::new()
                }
            ) + &if c.weak.is_empty() {
                String::new()
            } else {
                format!(
                    " Context rules: {}.",
                    c.weak
                        .iter()
                        .map(|w| format!(
                            "{} ({} near {}{}{})",
                            w.name,
                            w.terms.join("/"),
                            first_six(&w.anchors),
                            if w.scope == Scope::Passage {
                                " in the sentence or the one before or after"
                            } else {
                                ""
                            },
                            if w.require.is_empty() {
                                String::new()
                            } else {
                                format!(", with {} there too", first_six(&w.require))
                            }
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            },
            why: c.why.clone(),
            example: c.example.clone(),
            compliant: c.counter_example.clone().unwrap_or_default(),
            removed: false,
        })
        .collect();
    out.extend(file.rule);
    Ok(out)
}

/// The first six of `words`, joined by "/": a rule's anchors in its summary.
fn first_six(words: &[String]) -> String {
    words.iter().take(6).cloned().collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_unique_families_known_and_text_present() {
        let r = registry(&Dictionaries::embedded().unwrap()).unwrap();
        let mut ids: Vec<&str> = r.iter().map(|m| m.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids");
        assert_eq!(n, 20 + 7 + 6);
        for m in &r {
            assert!(
                ["mnpi.", "regg.", "regfd."]
                    .iter()
                    .any(|p| m.id.starts_with(p)),
                "{}",
                m.id
            );
            assert!(
                !m.citation.is_empty() && !m.summary.is_empty() && !m.why.is_empty(),
                "{}",
                m.id
            );
        }
    }
}
