#![no_main]
//! Social-media JSON export (whole file) and JSON Lines extractors.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let results = regfd::ingest::social::extract_jsonl(&src, "fuzz.jsonl");
    regfd_fuzz::check_results(&results);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&src) {
        let results =
            regfd::ingest::social::extract_json(&value, &src, "fuzz.json", data.len() as u64);
        regfd_fuzz::check_results(&results);
    }
});
