//! `regfd eval --labels <FILE> [--docs <DIR>] [--json]`: precision/recall against a labelled
//! set, as a table or JSON.
#![allow(clippy::print_stdout)] // the evaluation table is this command's output

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::config::Config;
use crate::eval::{Score, evaluate, load_labels};
use crate::review::Engine;

/// Arguments of `regfd eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The labelled set (JSON array, CONTRACT.md).
    #[arg(long)]
    pub labels: PathBuf,
    /// Folder the labels' `doc` paths are relative to (default: the labels file's folder).
    #[arg(long)]
    pub docs: Option<PathBuf>,
    /// Dictionaries folder overriding the embedded ones.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `regfd eval`.
pub fn run(args: &EvalArgs) -> Result<u8> {
    let labels =
        load_labels(&args.labels).with_context(|| format!("loading {}", args.labels.display()))?;
    let docs = args
        .docs
        .clone()
        .unwrap_or_else(|| args.labels.parent().map(PathBuf::from).unwrap_or_default());
    let config = Config {
        dictionaries: args.dictionaries.clone(),
        ..Config::default()
    };
    let engine = Engine::new(config)?;
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")?;
    let r = evaluate(&engine, &labels, &docs, now);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
        return Ok(super::EXIT_CLEAN);
    }
    println!(
        "documents scored: {}{}",
        r.documents,
        if r.missing.is_empty() {
            String::new()
        } else {
            format!(" (missing: {})", r.missing.join(", "))
        }
    );
    println!(
        "\n{:<30} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
        "MNPI category", "tp", "fp", "fn", "precision", "recall", "F1"
    );
    // One table row: label, counts and ratios.
    let row = |label: &str, s: &Score| {
        println!(
            "{label:<30} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
            s.tp, s.fp, s.fn_, s.precision, s.recall, s.f1
        );
    };
    for (c, s) in &r.categories {
        row(c, s);
    }
    row("micro average", &r.micro);
    let s = &r.macro_;
    println!(
        "{:<30} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
        "macro average", "", "", "", s.precision, s.recall, s.f1
    );
    println!();
    row("non-GAAP measures", &r.non_gaap);
    for (flag, s) in &r.non_gaap_flags {
        row(&format!("  .{flag}"), s);
    }
    for (i, s) in &r.regfd {
        row(&format!("regfd.{i}"), s);
    }
    if r.deadlines_checked > 0 {
        println!(
            "\ndeadlines: {}/{} correct",
            r.deadlines_correct, r.deadlines_checked
        );
    }
    if !r.errors.is_empty() {
        println!("\nmisses and false alarms:");
        for e in &r.errors {
            println!("  {:<11} {:<40} {}  {}", e.kind, e.label, e.doc, e.excerpt);
        }
    }
    Ok(super::EXIT_CLEAN)
}
