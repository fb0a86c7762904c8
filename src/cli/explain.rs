//! `regfd explain` (to be written).

/// Arguments of `regfd explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {}

/// Runs `regfd explain`; returns the exit code.
pub fn run(args: &ExplainArgs) -> anyhow::Result<u8> {
    let _ = args;
    Ok(super::EXIT_CLEAN)
}
