#![no_main]
//! PDF extractor on raw bytes.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = regfd::ingest::pdf::extract(data, "fuzz.pdf") {
        regfd_fuzz::check_document(&doc);
    }
});
