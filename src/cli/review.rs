//! `regfd review` (to be written).

/// Arguments of `regfd review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {}

/// Runs `regfd review`; returns the exit code.
pub fn run(args: &ReviewArgs) -> anyhow::Result<u8> {
    let _ = args;
    Ok(super::EXIT_CLEAN)
}
