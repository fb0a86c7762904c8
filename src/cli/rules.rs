//! `regfd rules`: every rule id with its default severity, citation and one-line summary.
#![allow(clippy::print_stdout)] // listing rules is this command's output

use anyhow::Result;

use crate::detect::registry::registry;
use crate::dictionaries::Dictionaries;

/// Arguments of `regfd rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs `regfd rules`.
pub fn run(args: &RulesArgs) -> Result<u8> {
    let rules = registry(&Dictionaries::embedded()?)?;
    if args.json {
        let v: Vec<_> = rules
            .iter()
            .map(|r| serde_json::json!({"id": r.id, "severity": r.severity.as_str(), "citation": r.citation, "summary": r.summary, "removed": r.removed}))
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        for r in &rules {
            println!(
                "{:<44} {:<7} {}  [{}]{}",
                r.id,
                r.severity.as_str(),
                r.summary,
                r.citation,
                if r.removed { " (removed)" } else { "" }
            );
        }
    }
    Ok(super::EXIT_CLEAN)
}
