//! `regfd search` (to be written).

/// Arguments of `regfd search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {}

/// Runs `regfd search`; returns the exit code.
pub fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    let _ = args;
    Ok(super::EXIT_CLEAN)
}
