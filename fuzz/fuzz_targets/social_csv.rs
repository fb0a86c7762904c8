#![no_main]
//! Social-media CSV export extractor.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let results = regfd::ingest::social::extract_csv(&src, "fuzz.csv");
    regfd_fuzz::check_results(&results);
});
