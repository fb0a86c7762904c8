//! `regfd eval` (to be written).

/// Arguments of `regfd eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {}

/// Runs `regfd eval`; returns the exit code.
pub fn run(args: &EvalArgs) -> anyhow::Result<u8> {
    let _ = args;
    Ok(super::EXIT_CLEAN)
}
