#![no_main]
//! DOCX extractor on raw bytes (zip container, WordprocessingML, tracked changes, comments).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = regfd::ingest::docx::extract(data, "fuzz.docx") {
        regfd_fuzz::check_document(&doc);
    }
});
