//! Invariants every fuzz target asserts on what the extractors and the segmenter return.
//! A violated invariant panics, which libFuzzer records as a crash with its input.

use regfd::document::{Document, DocumentFailure};
use regfd::segment::{segment, sentences};

/// Checks one document: blocks in bounds, on `char` boundaries, sorted and non-overlapping;
/// every table cell inside its block; every segment in bounds, on boundaries and inside its
/// block; `location` and `block_text` total.
pub fn check_document(doc: &Document) {
    let text = &doc.text;
    let mut prev_end = 0usize;
    for (i, b) in doc.blocks.iter().enumerate() {
        assert!(b.start <= b.end, "block {i}: start {} > end {}", b.start, b.end);
        assert!(b.end <= text.len(), "block {i}: end {} > text {}", b.end, text.len());
        assert!(
            text.is_char_boundary(b.start) && text.is_char_boundary(b.end),
            "block {i}: not on char boundaries"
        );
        assert!(b.start >= prev_end, "block {i} overlaps or is out of order");
        prev_end = b.end;
        for &(s, e) in &b.cells {
            assert!(b.start <= s && s <= e && e <= b.end, "block {i}: cell {s}..{e} outside");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "cell off boundary");
        }
        let _ = doc.block_text(i);
        let _ = doc.location(b.start);
        let _ = doc.location(b.end);
    }
    let _ = doc.location(text.len() + 1);
    for s in segment(doc) {
        assert!(s.start <= s.end && s.end <= text.len(), "segment {}..{} out of bounds", s.start, s.end);
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "segment off boundary");
        let b = &doc.blocks[s.block];
        assert!(b.start <= s.start && s.end <= b.end, "segment outside its block");
    }
}

/// Checks `sentences` on raw text: ranges in bounds, on boundaries, sorted, non-overlapping.
pub fn check_sentences(text: &str) {
    let mut prev = 0usize;
    for (s, e) in sentences(text) {
        assert!(s <= e && e <= text.len(), "sentence {s}..{e} out of bounds");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "sentence off boundary");
        assert!(s >= prev, "sentences overlap or are out of order");
        prev = e;
    }
}

/// Checks every document of a multi-document result; failures need a reason.
pub fn check_results(results: &[Result<Document, DocumentFailure>]) {
    for r in results {
        match r {
            Ok(d) => check_document(d),
            Err(f) => assert!(!f.reason.trim().is_empty(), "failure without a reason: {f:?}"),
        }
    }
}
