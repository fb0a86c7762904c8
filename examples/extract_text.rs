//! Prints the extracted text of each file given (all its documents), as the detection stages
//! see it: `cargo run --release --example extract_text -- FILE...`. Used by
//! `scripts/compare_pdftotext.py` to compare PDF extraction with poppler's `pdftotext`.
#![allow(clippy::print_stdout)] // a command-line example

use regfd::ingest::{IngestOptions, ingest_file};

fn main() {
    for arg in std::env::args().skip(1) {
        for r in ingest_file(std::path::Path::new(&arg), &arg, &IngestOptions::default()) {
            match r {
                Ok(d) => println!("{}", d.text),
                Err(f) => eprintln!("{}: {} ({})", f.path, f.reason, f.stage),
            }
        }
    }
}
