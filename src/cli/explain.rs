//! `regfd explain <RULE_ID>`: what a rule flags, why, the policy or rule it rests on, its
//! vocabulary summary and an example.
#![allow(clippy::print_stdout)] // the explanation is this command's output

use anyhow::{Result, bail};

use crate::detect::registry::registry;
use crate::dictionaries::Dictionaries;

/// Arguments of `regfd explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Rule id (`mnpi.cybersecurity`, `regg.prominence`); a bare MNPI category also works.
    pub rule_id: String,
}

/// Runs `regfd explain`.
pub fn run(args: &ExplainArgs) -> Result<u8> {
    let dicts = Dictionaries::embedded()?;
    let rules = registry(&dicts)?;
    let want = args.rule_id.trim();
    let Some(r) = rules
        .iter()
        .find(|r| r.id == want || r.id.strip_prefix("mnpi.") == Some(want))
    else {
        bail!("unknown rule id {want:?}; `regfd rules` lists them");
    };
    println!("# {}{}\n", r.id, if r.removed { " (removed)" } else { "" });
    println!("{}\n", r.summary);
    println!("Rests on: {}", r.citation);
    println!("Default severity: {}\n", r.severity.as_str());
    println!("## What it flags\n{}\n", r.what);
    println!("## Why it matters\n{}\n", r.why);
    if let Some(c) = r.id.strip_prefix("mnpi.").and_then(|c| dicts.category(c)) {
        println!("## What a reviewer should check\n{}\n", c.check);
        println!(
            "## Vocabulary\n{} strong terms, {} context rules, {} exclusions (dictionaries/mnpi/{}.toml)\n",
            c.strong.len(),
            c.weak.len(),
            c.exclude.len(),
            c.category
        );
        let mut context = Vec::new();
        if c.negatable {
            context.push("a negation just before a term drops it (\"no plans to\")");
        }
        if c.third_party_veto {
            context.push(
                "a term in a sentence that makes the event a third party's (a supplier, customer, tenant…) is dropped",
            );
        }
        if c.third_party_possessive {
            context.push("so is a term right after a third party's possessive (\"Bluefin Line's bankruptcy court\")");
        }
        if !context.is_empty() {
            println!(
                "Context (dictionaries/mnpi/_context.toml): {}.\n",
                context.join("; ")
            );
        }
        // The sentence-level cues of the category's own file that set a finding to info, three
        // from across each list (a list groups its phrases by kind).
        let some = |list: &[String]| {
            [0, list.len() / 3, 2 * list.len() / 3]
                .iter()
                .filter_map(|&i| list.get(i))
                .fold(Vec::<&String>::new(), |mut v, t| {
                    if !v.contains(&t) {
                        v.push(t);
                    }
                    v
                })
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !c.steady_cues.is_empty() {
            println!(
                "Info: a sentence that states the event as unchanged ({} …) with no word of a change ({} …).\n",
                some(&c.steady_cues),
                some(&c.change_cues)
            );
        }
        if !c.scheduling_cues.is_empty() {
            println!(
                "Info: a scheduling notice ({} …) near a term, in a sentence with no amount and no word of a change ({} …): it says when the news comes out.\n",
                some(&c.scheduling_cues),
                some(&c.change_cues)
            );
        }
        if !c.exclude.is_empty() {
            println!(
                "Not flagged (exclusions): {}\n",
                c.exclude
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    println!("## Example\n{}\n", r.example);
    if !r.compliant.is_empty() {
        println!("## Compliant / not flagged\n{}", r.compliant);
    }
    Ok(super::EXIT_CLEAN)
}
