//! Extractor: html (to be written by the HTML helper; temporary placeholder so the
//! dispatcher compiles).

use crate::document::Document;

/// Extracts an HTML document. Placeholder until the HTML extractor lands.
///
/// # Errors
/// Always, for now: `"not yet supported"`.
pub fn extract(bytes: &[u8], display: &str) -> Result<Document, String> {
    let _ = (bytes, display);
    Err("not yet supported".to_owned())
}
