#![no_main]
//! The whole dispatch (`ingest_bytes`): the first byte picks the extension, the rest is the
//! file's content; decoding, limits, extractors, manifest-free metadata and kind inference.
use libfuzzer_sys::fuzz_target;

const EXTS: [&str; 11] = ["md", "txt", "", "html", "pdf", "json", "jsonl", "csv", "docx", "png", "TXT"];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, content)) = data.split_first() else { return };
    let ext = EXTS[usize::from(sel) % EXTS.len()];
    let opts = regfd::ingest::IngestOptions::default();
    let results = regfd::ingest::ingest_bytes(content, "fuzz", ext, &opts);
    assert!(!results.is_empty(), "no entry for the file");
    regfd_fuzz::check_results(&results);
});
