//! `regfd search`: query the archive index built by `regfd review --index` (CONTRACT.md
//! "Command line"). Query syntax and filter meaning: [`crate::index::search`](mod@crate::index::search).
//!
//! Output goes through a locked, buffered stdout with `writeln!` rather than `println!`, so a
//! closed pipe (`regfd search … | head`) surfaces as an error that `cli::main_with_args` turns
//! into a quiet exit instead of a panic.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;

use crate::index::schema;
use crate::index::search::{DEFAULT_LIMIT, SearchHit, SearchQuery, SearchResults, search};

/// Arguments of `regfd search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Query in tantivy syntax over title and body: words (OR by default), AND/OR/NOT, +word,
    /// -word, "exact phrase", "near words"~3, field:term. Empty ("") lists by filters only.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Index directory built by `regfd review --index`.
    #[arg(long, value_name = "DIR", default_value = "regfd-out/index")]
    pub index: PathBuf,
    /// Only documents with this category or rule id (`cybersecurity`, `mnpi.cybersecurity`,
    /// `regg.missing_reconciliation`); repeat for any of several.
    #[arg(long = "category", value_name = "ID")]
    pub categories: Vec<String>,
    /// Only this kind: `press_release`, `script`, `social_post` or `other`.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only documents whose author or handle contains every word of TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub author: Option<String>,
    /// First disclosure date, inclusive, New York calendar (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last disclosure date, inclusive, New York calendar (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Maximum number of hits shown (the total still counts every match).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
    /// Print CONTRACT.md's JSON shape instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Parses a `YYYY-MM-DD` civil date.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// Runs `regfd search`; returns the exit code (0; errors become exit 2 in the caller).
pub fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    if !schema::exists(&args.index) {
        anyhow::bail!(
            "no index at {}; run `regfd review <PATH>... --index {}` first",
            args.index.display(),
            args.index.display()
        );
    }
    let query = SearchQuery {
        query: args.query.clone(),
        categories: args.categories.clone(),
        kind: args.kind.clone(),
        author: args.author.clone(),
        from: args.from,
        to: args.to,
        limit: args.limit,
    };
    let results = search(&args.index, &query)
        .with_context(|| format!("searching {}", args.index.display()))?;
    let stdout = std::io::stdout();
    let emphasis = if stdout.is_terminal() {
        Emphasis::Ansi
    } else {
        Emphasis::Markdown
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results).context("writing JSON")?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &results, emphasis)?;
    }
    out.flush()?;
    Ok(super::EXIT_CLEAN)
}

/// How `<b>…</b>` of a snippet is shown on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Emphasis {
    /// ANSI bold (stdout is a terminal).
    Ansi,
    /// `**…**` (piped or redirected: no escape codes in files).
    Markdown,
}

fn write_text(
    out: &mut impl Write,
    results: &SearchResults,
    emphasis: Emphasis,
) -> std::io::Result<()> {
    if results.total == 0 {
        return writeln!(out, "no matches for {:?}", results.query);
    }
    writeln!(
        out,
        "{} match{} for {:?}{}",
        results.total,
        if results.total == 1 { "" } else { "es" },
        results.query,
        if results.hits.len() < results.total {
            format!(" (best {} shown)", results.hits.len())
        } else {
            String::new()
        }
    )?;
    for (rank, hit) in results.hits.iter().enumerate() {
        writeln!(out)?;
        write_hit(out, rank + 1, hit, emphasis)?;
    }
    Ok(())
}

fn write_hit(
    out: &mut impl Write,
    rank: usize,
    hit: &SearchHit,
    emphasis: Emphasis,
) -> std::io::Result<()> {
    // Disclosure date as the New York civil date: the RFC 3339 value carries the NY offset,
    // so its first 10 bytes are that date.
    let date = hit
        .disclosed_at
        .as_deref()
        .and_then(|d| d.get(..10))
        .unwrap_or("undated");
    let mut facts = vec![hit.kind.as_str(), date];
    if let Some(author) = &hit.author {
        facts.push(author);
    }
    writeln!(
        out,
        "{rank}. {}  [{}]  score {:.2}",
        hit.path,
        facts.join(", "),
        hit.score
    )?;
    if let Some(title) = &hit.title {
        writeln!(out, "   title: {title}")?;
    }
    if !hit.categories.is_empty() {
        writeln!(out, "   categories: {}", hit.categories.join(", "))?;
    }
    writeln!(out, "   {}", render_snippet(&hit.snippet, emphasis))
}

/// Turns a snippet's `<b>…</b>` into terminal emphasis, decodes the five entities tantivy
/// escapes, and folds whitespace (snippets span lines) into single spaces.
fn render_snippet(snippet: &str, emphasis: Emphasis) -> String {
    let (open, close) = match emphasis {
        Emphasis::Ansi => ("\x1b[1m", "\x1b[0m"),
        Emphasis::Markdown => ("**", "**"),
    };
    let text = snippet
        .replace("<b>", open)
        .replace("</b>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        // Last, so "&amp;lt;" becomes "&lt;" and not "<".
        .replace("&amp;", "&");
    crate::detect::collapse_space(&text)
}

#[cfg(test)]
mod tests {
    use super::{Emphasis, parse_date, render_snippet};

    #[test]
    fn snippet_emphasis_and_entities() {
        let s = "Q3 <b>adjusted</b>\n<b>EBITDA</b> &amp;lt; &quot;GAAP&quot; &amp; R&amp;D";
        assert_eq!(
            render_snippet(s, Emphasis::Markdown),
            "Q3 **adjusted** **EBITDA** &lt; \"GAAP\" & R&D"
        );
        assert_eq!(
            render_snippet("<b>x</b>", Emphasis::Ansi),
            "\x1b[1mx\x1b[0m"
        );
    }

    #[test]
    fn dates_are_iso_only() {
        assert!(parse_date("2025-03-14").is_ok());
        assert!(parse_date("03/14/2025").is_err());
        assert!(parse_date("2025-02-30").is_err());
    }
}
