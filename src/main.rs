//! The `regfd` binary: parses arguments and hands over to [`regfd::cli::run`].

use std::process::ExitCode;

fn main() -> ExitCode {
    regfd::cli::main_with_args(std::env::args_os())
}
