#![no_main]
//! Plain-text extractor (and, on EDGAR-looking input, the submission splitter via
//! `ingest_bytes`).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let doc = regfd::ingest::text::extract(&src, "fuzz.txt");
    regfd_fuzz::check_document(&doc);
});
