//! Times each review stage on the files given as arguments (a development aid):
//! `cargo run --release --example stage_timing -- FILE...`.
#![allow(clippy::print_stdout, clippy::expect_used)] // a command-line example

use std::time::Instant;

use regfd::config::Config;
use regfd::ingest::{IngestOptions, ingest_file};
use regfd::review::Engine;
use regfd::segment::segment;

fn main() {
    let engine = Engine::new(Config::default()).expect("dictionaries");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").expect("instant");
    for arg in std::env::args().skip(1) {
        let t = Instant::now();
        let docs = ingest_file(std::path::Path::new(&arg), &arg, &IngestOptions::default());
        let ingest = t.elapsed();
        for d in docs.into_iter().flatten() {
            let t = Instant::now();
            let segs = segment(&d);
            let t_seg = t.elapsed();
            let t = Instant::now();
            let mnpi = engine.mnpi.detect(&d, &segs);
            let t_mnpi = t.elapsed();
            let t = Instant::now();
            let regg = engine.regg.assess(&d, &segs);
            let t_regg = t.elapsed();
            let t = Instant::now();
            let fd = engine.regfd.assess(&d, &segs, &mnpi, now);
            let t_fd = t.elapsed();
            println!(
                "{} {} KB: ingest {ingest:?} segment {t_seg:?} mnpi {t_mnpi:?} ({} findings) regg {t_regg:?} ({} measures) regfd {t_fd:?} ({} findings)",
                d.path,
                d.text.len() / 1024,
                mnpi.len(),
                regg.uses.len(),
                fd.findings.len()
            );
        }
    }
}
