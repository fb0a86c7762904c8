//! `report.html`: the Markdown report rendered to a standalone HTML page (pulldown-cmark's
//! HTML renderer), for reviewers who open reports in a browser.

use crate::review::Report;

/// Renders the report as a self-contained HTML page.
#[must_use]
pub fn render(report: &Report) -> String {
    let md = super::markdown::render(report);
    let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES);
    let mut body = String::with_capacity(md.len() * 2);
    pulldown_cmark::html::push_html(&mut body, parser);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>regfd review report</title>\n<style>\nbody{{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45}}\ntable{{border-collapse:collapse;margin:.5rem 0}}td,th{{border:1px solid #ccc;padding:.2rem .5rem;vertical-align:top}}\nblockquote{{border-left:4px solid #c00;margin:.5rem 0;padding:.3rem .8rem;background:#fff5f5}}\ncode{{background:#f4f4f4;padding:0 .2rem}}\n</style></head><body>\n{body}</body></html>\n"
    )
}
