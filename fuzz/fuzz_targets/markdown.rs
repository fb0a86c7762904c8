#![no_main]
//! Markdown extractor on arbitrary UTF-8 (lossily decoded bytes).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let doc = regfd::ingest::markdown::extract(&src, "fuzz.md");
    regfd_fuzz::check_document(&doc);
});
