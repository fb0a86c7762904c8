//! Builds one large document from the extracted text of the files given (repeated to
//! `REGFD_PROFILE_MB`, default 10 MB) and times MNPI detection on it, best of
//! `REGFD_PROFILE_REPS` runs (default 5) — a development aid for profiling:
//! `cargo run --release --example detect_profile -- DIR...`. `REGFD_DICTS=DIR` loads the
//! dictionaries from a directory instead of the embedded ones (to compare vocabularies).
//! Times are the thread's CPU time where Linux reports it (`/proc/thread-self/schedstat` or
//! `stat`), so a busy machine disturbs them less than wall-clock time.
//! `REGFD_PROFILE_ONLY=detect` times detection alone (for `perf record`, whose profile the
//! other stages would dilute).
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
    let config = Config {
        dictionaries: std::env::var_os("REGFD_DICTS").map(Into::into),
        ..Config::default()
    };
    let engine = Engine::new(config).expect("dictionaries");
    let reps: usize = std::env::var("REGFD_PROFILE_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    // Best of `reps` runs: the machine is shared, and the best run is the least disturbed.
    // Timed in CPU time of this thread where Linux reports it (other processes' load then
    // does not count), else in wall-clock time.
    let best = |f: &dyn Fn() -> usize| {
        let mut best = f64::INFINITY;
        let mut n = 0;
        for _ in 0..reps {
            let (t, cpu) = (Instant::now(), thread_cpu_secs());
            n = f();
            let spent = match (cpu, thread_cpu_secs()) {
                (Some(a), Some(b)) => b - a,
                _ => t.elapsed().as_secs_f64(),
            };
            best = best.min(spent);
        }
        (best, n)
    };
    let segs = segment(&big);
    let only_detect = std::env::var("REGFD_PROFILE_ONLY").is_ok_and(|v| v == "detect");
    let skip = |f: &dyn Fn() -> usize| if only_detect { (f64::NAN, 0) } else { best(f) };
    let (seg_time, _) = skip(&|| segment(&big).len());
    let (matching, hits) = skip(&|| engine.mnpi.raw_hits(&big.text));
    let (det, n) = best(&|| engine.mnpi.detect(&big, &segs).len());
    let mbs = big.text.len() as f64 / 1e6;
    println!(
        "{mbs:.1} MB, {} segments, best of {reps}: segment {:.0} MB/s, matching pass {:.0} MB/s \
         ({hits} raw hits), detect {:.1} MB/s ({n} findings)",
        segs.len(),
        mbs / seg_time,
        mbs / matching,
        mbs / det
    );
}

/// CPU time of the calling thread in seconds: from `/proc/thread-self/schedstat` (nanoseconds
/// on the CPU) where the kernel keeps it, else from `/proc/thread-self/stat` (user + system
/// clock ticks of 1/100 s, too coarse to tell apart changes of a few percent); `None` where
/// neither file exists.
fn thread_cpu_secs() -> Option<f64> {
    if let Some(ns) = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .filter(|&ns| ns > 0.0)
    {
        return Some(ns / 1e9);
    }
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
