//! Extractor: pdf (to be written by the PDF helper; temporary placeholder so the
//! dispatcher compiles).

use crate::document::Document;

/// Extracts an PDF document. Placeholder until the PDF extractor lands.
///
/// # Errors
/// Always, for now: `"not yet supported"`.
pub fn extract(bytes: &[u8], display: &str) -> Result<Document, String> {
    let _ = (bytes, display);
    Err("not yet supported".to_owned())
}
