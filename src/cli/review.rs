//! `regfd review <PATH>...`: run the pipeline, write the reports, add the documents to the
//! search index, print a summary, and return the CONTRACT.md exit code.
#![allow(clippy::print_stdout)] // the summary is this command's output

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::config::Config;
use crate::dictionaries::Severity;
use crate::document::parse_instant;
use crate::index::ArchiveIndex;
use crate::ingest::IngestOptions;
use crate::ingest::manifest::Manifest;
use crate::report::{self, Format};
use crate::review::{self, Engine, ReviewOptions};

/// Arguments of `regfd review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// Files and folders to review (recursive, .gitignore-aware).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Where reports go.
    #[arg(long, default_value = "regfd-out")]
    pub out: PathBuf,
    /// Report formats: any of md,json,html,sarif.
    #[arg(long, default_value = "md,json", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Metadata manifest (CSV with header, or JSONL).
    #[arg(long)]
    pub metadata: Option<PathBuf>,
    /// regfd.toml (default: ./regfd.toml if present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Dictionaries folder overriding the embedded ones.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Tantivy index to add the reviewed documents to (default: `<out>/index`).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Do not update the search index.
    #[arg(long)]
    pub no_index: bool,
    /// The review instant (RFC 3339; default: the clock); makes reports reproducible.
    #[arg(long)]
    pub now: Option<String>,
    /// Findings at or above this severity make the exit code 1 (info|low|medium|high).
    #[arg(long)]
    pub fail_on: Option<String>,
    /// Files larger than this many MiB are skipped.
    #[arg(long, default_value_t = 256)]
    pub max_file_mib: u64,
    /// Wall-clock limit for extracting one file, seconds; a slower file is reported failed.
    #[arg(long, default_value_t = 60)]
    pub per_file_timeout_secs: u64,
    /// Deepest HTML/XML element or JSON nesting accepted.
    #[arg(long, default_value_t = 2000)]
    pub max_nesting_depth: usize,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `regfd review`; returns the exit code.
pub fn run(args: &ReviewArgs) -> Result<u8> {
    let started = Instant::now();
    let formats = args
        .format
        .iter()
        .map(|f| Format::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    let mut config = match &args.config {
        Some(p) => Config::load(p).with_context(|| format!("loading config {}", p.display()))?,
        None if std::path::Path::new("regfd.toml").exists() => {
            Config::load(std::path::Path::new("regfd.toml")).context("loading ./regfd.toml")?
        }
        None => Config::default(),
    };
    if let Some(d) = &args.dictionaries {
        config.dictionaries = Some(d.clone());
    }
    if let Some(f) = &args.fail_on {
        config.fail_on = Severity::parse(f)
            .with_context(|| format!("--fail-on {f:?}: expected info, low, medium or high"))?;
    }
    let now = match &args.now {
        Some(s) => {
            parse_instant(s).with_context(|| format!("--now {s:?} is not an RFC 3339 instant"))?
        }
        None => chrono::Local::now().fixed_offset(),
    };
    for p in &args.paths {
        if !p.exists() {
            bail!("{}: no such file or directory", p.display());
        }
    }
    let manifest = match &args.metadata {
        Some(p) => Some(
            Manifest::load(p)
                .with_context(|| format!("loading metadata manifest {}", p.display()))?,
        ),
        None => None,
    };
    let engine = Engine::new(config).context("loading dictionaries")?;
    let opts = ReviewOptions {
        paths: args.paths.clone(),
        ingest: IngestOptions {
            max_file_bytes: args.max_file_mib * 1024 * 1024,
            per_file_timeout: std::time::Duration::from_secs(args.per_file_timeout_secs),
            max_nesting_depth: args.max_nesting_depth,
            manifest,
            ..IngestOptions::default()
        },
        now,
    };
    let (report, records) = review::run(&engine, &opts);
    let written = report::write_all(&report, &args.out, &formats)?;
    let index_dir = args.index.clone().unwrap_or_else(|| args.out.join("index"));
    let indexed = if args.no_index {
        None
    } else {
        let mut idx = ArchiveIndex::open_or_create(&index_dir)?;
        Some(idx.upsert(&records)?)
    };
    if !args.quiet {
        print_summary(
            &report,
            &written,
            indexed.map(|n| (n, index_dir)),
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(report.exit_code())
}

fn print_summary(
    report: &review::Report,
    written: &[PathBuf],
    indexed: Option<(usize, PathBuf)>,
    total_secs: f64,
) {
    let s = &report.stats;
    let bold = |t: &str| {
        if std::io::stdout().is_terminal() {
            format!("\x1b[1m{t}\x1b[0m")
        } else {
            t.to_owned()
        }
    };
    println!("{}", bold("regfd review"));
    println!(
        "  files found {} = reviewed {} + skipped {} + failed {} · documents reviewed {} (posts and submission parts count one each) · inputs skipped {} · failed {}",
        s.files_found,
        s.files_reviewed,
        s.files_skipped,
        s.files_failed,
        s.reviewed,
        s.skipped,
        s.failed
    );
    let sev = |k: &str| s.by_severity.get(k).copied().unwrap_or(0);
    println!(
        "  findings: high {} · medium {} · low {} · info {} · selective disclosures {}",
        sev("high"),
        sev("medium"),
        sev("low"),
        sev("info"),
        report
            .documents
            .iter()
            .filter(|d| d.regfd.selective_disclosure)
            .count()
    );
    let mb = s.bytes as f64 / 1e6;
    println!(
        "  elapsed {:.2} s (ingest {:.2} s; with reports and index {:.2} s) · {:.1} docs/s · {:.1} MB/s",
        s.elapsed_seconds,
        s.ingest_seconds,
        total_secs,
        s.reviewed as f64 / s.elapsed_seconds.max(1e-9),
        mb / s.elapsed_seconds.max(1e-9)
    );
    for (fmt, f) in &s.by_format {
        println!(
            "    {fmt:<16} {:>5} docs {:>8.2} MB  analysis {:>8.1} MB/s per core",
            f.documents,
            f.bytes as f64 / 1e6,
            f.bytes as f64 / 1e6 / f.analysis_seconds.max(1e-9)
        );
    }
    for p in written {
        println!("  report: {}", p.display());
    }
    if let Some((n, dir)) = indexed {
        println!(
            "  index: {} ({n} documents added or updated)",
            dir.display()
        );
    }
    println!(
        "  exit code {} (fail level {})",
        report.exit_code(),
        report.fail_on.as_str()
    );
}
