//! Command line (CONTRACT.md "Command line"): one file per subcommand. This is the only
//! place that prints to stdout and uses `anyhow`.

pub mod deadline;
pub mod eval;
pub mod explain;
pub mod review;
pub mod rules;
pub mod search;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code: no finding at or above the fail level.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above the fail level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage/config error, or at least one input could not be read.
pub const EXIT_ERROR: u8 = 2;

/// regfd — review corporate disclosures for MNPI, Regulation G and Regulation FD risk.
#[derive(Debug, Parser)]
#[command(name = "regfd", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Review files and folders and write reports (and add them to the search index).
    Review(review::ReviewArgs),
    /// Search the index of reviewed documents.
    Search(search::SearchArgs),
    /// Compute remediation deadlines for a selective disclosure at an instant.
    Deadline(deadline::DeadlineArgs),
    /// Explain a rule: what it flags, why, the policy or rule it rests on, an example.
    Explain(explain::ExplainArgs),
    /// List every rule id with its one-line summary.
    Rules(rules::RulesArgs),
    /// Measure precision and recall against a labelled set.
    Eval(eval::EvalArgs),
}

/// Parses `args` and runs the command; returns the process exit code.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // Third-party parsers run under `catch_unwind` and their panics become `failed` inputs
    // with the message; print one line instead of the default message and backtrace.
    std::panic::set_hook(Box::new(|info| {
        let loc = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("regfd: a parser panicked{loc}; the input is reported as failed");
    }));
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Review(a) => review::run(&a),
        Command::Search(a) => search::run(&a),
        Command::Deadline(a) => deadline::run(&a),
        Command::Explain(a) => explain::run(&a),
        Command::Rules(a) => rules::run(&a),
        Command::Eval(a) => eval::run(&a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(EXIT_CLEAN);
            }
            eprintln!("regfd: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
