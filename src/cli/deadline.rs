//! `regfd deadline` (to be written).

/// Arguments of `regfd deadline`.
#[derive(Debug, clap::Args)]
pub struct DeadlineArgs {}

/// Runs `regfd deadline`; returns the exit code.
pub fn run(args: &DeadlineArgs) -> anyhow::Result<u8> {
    let _ = args;
    Ok(super::EXIT_CLEAN)
}
