#![no_main]
//! Call-transcript JSON extractor (only on values it claims as transcripts, as dispatch does).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&src) {
        if regfd::ingest::transcript::is_transcript(&value) {
            let doc = regfd::ingest::transcript::extract(&value, &src, "fuzz.json");
            regfd_fuzz::check_document(&doc);
        }
    }
});
