#![no_main]
//! HTML extractor on raw bytes (it sniffs the charset itself).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = regfd::ingest::html::extract(data, "fuzz.html") {
        regfd_fuzz::check_document(&doc);
    }
});
