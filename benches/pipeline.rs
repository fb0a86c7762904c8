//! Criterion benchmarks: MNPI detection throughput over a large realistic text (≥ 100 MB
//! built by repeating the extracted text of real documents), and the whole per-document
//! review (segment + detect + assess) over the extracted documents.
//!
//! Text source: `../shared/real-corpus` when present (the team's real documents), else the
//! bundled `corpus/`. Run with `cargo bench --bench pipeline`; throughput is reported in
//! bytes/s of extracted text, per core (single-threaded).

#![allow(clippy::expect_used)] // a benchmark without its corpus or dictionaries has nothing to measure

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use regfd::config::Config;
use regfd::document::{BlockKind, Document, SourceFormat, SourcePos};
use regfd::ingest::{IngestOptions, ingest_paths};
use regfd::review::Engine;
use regfd::segment::segment;

/// Target size of the large detection text, bytes.
const LARGE_BYTES: usize = 100 * 1024 * 1024;

fn source_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("../shared/real-corpus");
    if real.exists() {
        real
    } else {
        root.join("corpus")
    }
}

fn documents() -> Vec<Document> {
    ingest_paths(&[source_dir()], &IngestOptions::default()).documents
}

/// One document of ≥ 100 MB: the corpus's blocks repeated in order.
fn large_document(docs: &[Document]) -> Document {
    let mut big = Document::new("bench-large", SourceFormat::Text);
    let pos = SourcePos {
        line: 1,
        column: 1,
        page: None,
    };
    'fill: loop {
        for d in docs {
            for (i, b) in d.blocks.iter().enumerate() {
                let kind = match b.kind {
                    BlockKind::TableRow { .. } | BlockKind::Heading { .. } => b.kind.clone(),
                    _ => BlockKind::Paragraph,
                };
                big.push_block(kind, d.block_text(i), pos, false, &[], false);
                if big.text.len() >= LARGE_BYTES {
                    break 'fill;
                }
            }
        }
        if docs.is_empty() {
            break;
        }
    }
    big
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new(Config::default()).expect("dictionaries");
    let docs = documents();
    let big = large_document(&docs);
    let segs = segment(&big);

    let mut g = c.benchmark_group("detect");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(big.text.len() as u64));
    g.bench_function("mnpi_lexicon_100MB", |b| {
        b.iter(|| engine.mnpi.detect(&big, &segs).len());
    });
    // The matching pass alone (every term, anchor and cue, before any rule): the part that
    // compares with `rg -c -i -F -f terms.txt`.
    g.bench_function("matching_pass_100MB", |b| {
        b.iter(|| engine.mnpi.raw_hits(&big.text));
    });
    g.bench_function("segment_100MB", |b| b.iter(|| segment(&big).len()));
    g.finish();

    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").expect("instant");
    let mut g = c.benchmark_group("review");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("review_documents_{}docs", docs.len()), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| engine.review_document(d, now).findings.len())
                .sum::<usize>()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
