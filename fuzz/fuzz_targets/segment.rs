#![no_main]
//! Segmenter: `sentences` on raw text, and `segment` over a text-extracted document.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    regfd_fuzz::check_sentences(&src);
    let doc = regfd::ingest::text::extract(&src, "fuzz.txt");
    regfd_fuzz::check_document(&doc);
});
