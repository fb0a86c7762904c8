//! `regfd rules` (to be written).

/// Arguments of `regfd rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {}

/// Runs `regfd rules`; returns the exit code.
pub fn run(args: &RulesArgs) -> anyhow::Result<u8> {
    let _ = args;
    Ok(super::EXIT_CLEAN)
}
