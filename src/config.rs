//! `regfd.toml`: run configuration — fail level, dictionaries directory, rule selection,
//! per-path ignores, severity overrides and the Reg FD settings (authorized spokespersons,
//! announced social handles, policy reading).
//!
//! ```toml
//! fail_on = "high"                 # info | low | medium | high
//! dictionaries = "dictionaries"    # relative to this file; absent = the embedded defaults
//! disable = ["regfd.missing_fls_disclaimer"]
//!
//! [severity]                       # per-rule overrides
//! "mnpi.products_customers_suppliers" = "low"
//!
//! [[ignore]]                       # per-path suppressions, each with a reason
//! path = "archive/2019/*"
//! rules = ["regg.prominence"]
//! reason = "pre-2020 releases reviewed by counsel"
//!
//! [regfd]
//! authorized_spokespersons = ["Alicia Moreau", "Daniel Okafor"]
//! public_handles = ["@acme_ir"]
//! policy_reading = "inclusive"     # or "strictly_after" (DOMAIN.md §1.5 P′)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::assess::reg_fd::RegFdConfig;
use crate::dictionaries::Severity;
use crate::error::{Error, Result};

/// A per-path suppression.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreRule {
    /// Glob over the document path (`*` any run of characters, `?` one character).
    pub path: String,
    /// Rule ids to suppress (empty = all rules).
    #[serde(default)]
    pub rules: Vec<String>,
    /// Why (required: a suppression names its reason).
    pub reason: String,
}

/// The parsed `regfd.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Findings at or above this level make `review` exit 1.
    pub fail_on: Severity,
    /// Directory of dictionaries overriding the embedded ones (relative to the config file).
    pub dictionaries: Option<PathBuf>,
    /// Rule ids switched off.
    pub disable: Vec<String>,
    /// Per-rule severity overrides.
    pub severity: BTreeMap<String, Severity>,
    /// Per-path suppressions.
    pub ignore: Vec<IgnoreRule>,
    /// Reg FD settings.
    pub regfd: RegFdConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            fail_on: Severity::High,
            dictionaries: None,
            disable: Vec::new(),
            severity: BTreeMap::new(),
            ignore: Vec::new(),
            regfd: RegFdConfig::default(),
        }
    }
}

impl Config {
    /// Loads `path`; relative `dictionaries` paths are resolved against its folder.
    ///
    /// # Errors
    /// [`Error::Io`] if unreadable, [`Error::Config`] if malformed.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
        let mut c: Self = toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        if let Some(d) = &c.dictionaries
            && d.is_relative()
        {
            c.dictionaries = Some(path.parent().unwrap_or(Path::new(".")).join(d));
        }
        for i in &c.ignore {
            if i.reason.trim().is_empty() {
                return Err(Error::Config {
                    path: path.to_owned(),
                    message: format!("ignore rule for {:?} has no reason", i.path),
                });
            }
        }
        Ok(c)
    }

    /// Whether `rule` is suppressed for `doc_path`; returns the reason.
    #[must_use]
    pub fn suppression(&self, rule: &str, doc_path: &str) -> Option<&str> {
        if self.disable.iter().any(|d| d == rule) {
            return Some("disabled in regfd.toml");
        }
        self.ignore
            .iter()
            .find(|i| {
                (i.rules.is_empty() || i.rules.iter().any(|r| r == rule)) && glob(&i.path, doc_path)
            })
            .map(|i| i.reason.as_str())
    }
}

/// Minimal glob: `*` matches any run (including `/`), `?` one character.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0usize, 0usize, None, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("archive/*", "archive/2019/x.md"));
        assert!(glob("*.md", "a/b.md"));
        assert!(!glob("*.md", "a/b.txt"));
        assert!(glob("a?c", "abc"));
    }

    #[test]
    fn parses_and_suppresses() {
        let c: Config = toml::from_str(
            r#"
fail_on = "medium"
disable = ["regfd.rumor_comment"]
[[ignore]]
path = "old/*"
rules = ["regg.prominence"]
reason = "reviewed by counsel"
[regfd]
authorized_spokespersons = ["Alicia Moreau"]
"#,
        )
        .unwrap();
        assert_eq!(c.fail_on, Severity::Medium);
        assert_eq!(
            c.suppression("regg.prominence", "old/a.md"),
            Some("reviewed by counsel")
        );
        assert_eq!(c.suppression("regg.prominence", "new/a.md"), None);
        assert!(c.suppression("regfd.rumor_comment", "x").is_some());
    }
}
