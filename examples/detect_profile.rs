//! Builds one large document from the extracted text of the files given (repeated to
//! `REGFD_PROFILE_MB`, default 10 MB) and times MNPI detection on it — a development aid
//! for profiling: `cargo run --release --example detect_profile -- DIR...`.
#![allow(clippy::print_stdout, clippy::expect_used)] // a command-line example

use std::time::Instant;

use regfd::config::Config;
use regfd::document::{BlockKind, Document, SourceFormat, SourcePos};
use regfd::ingest::{IngestOptions, ingest_paths};
use regfd::review::Engine;
use regfd::segment::segment;

fn main() {
    let mb: usize = std::env::var("REGFD_PROFILE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let docs = ingest_paths(&paths, &IngestOptions::default()).documents;
    let mut big = Document::new("profile", SourceFormat::Text);
    let pos = SourcePos {
        line: 1,
        column: 1,
        page: None,
    };
    'fill: while !docs.is_empty() {
        for d in &docs {
            for (i, b) in d.blocks.iter().enumerate() {
                let kind = match b.kind {
                    BlockKind::TableRow { .. } | BlockKind::Heading { .. } => b.kind.clone(),
                    _ => BlockKind::Paragraph,
                };
                big.push_block(kind, d.block_text(i), pos, false, &[], false);
                if big.text.len() >= mb * 1_000_000 {
                    break 'fill;
                }
            }
        }
    }
    if let Ok(dump) = std::env::var("REGFD_PROFILE_DUMP") {
        // The same text for an external reference run (e.g. `rg -c -i -F -f terms.txt`).
        std::fs::write(&dump, &big.text).expect("write dump");
    }
    let engine = Engine::new(Config::default()).expect("dictionaries");
    let t = Instant::now();
    let segs = segment(&big);
    let seg_time = t.elapsed();
    let t = Instant::now();
    let hits = engine.mnpi.raw_hits(&big.text);
    let matching = t.elapsed();
    let t = Instant::now();
    let n = engine.mnpi.detect(&big, &segs).len();
    let det = t.elapsed();
    let mbs = big.text.len() as f64 / 1e6;
    println!(
        "{mbs:.1} MB, {} segments: segment {:.0} MB/s, matching pass {:.0} MB/s ({hits} raw \
         hits), detect {:.1} MB/s ({n} findings)",
        segs.len(),
        mbs / seg_time.as_secs_f64(),
        mbs / matching.as_secs_f64(),
        mbs / det.as_secs_f64()
    );
}
