//! Archive index behaviour on six small documents: query syntax, filters, New York dates,
//! upserts, snippets, errors.

use std::path::Path;

use chrono::{DateTime, NaiveDate};

use super::{ArchiveIndex, IndexRecord, SearchQuery, SearchResults, search};
use crate::Error;

fn record(
    path: &str,
    kind: &str,
    author: Option<&str>,
    disclosed_at: Option<&str>,
    categories: &[&str],
    text: &str,
) -> IndexRecord {
    IndexRecord {
        path: path.to_owned(),
        kind: kind.to_owned(),
        company: Some("Acme Corp".to_owned()),
        author: author.map(str::to_owned),
        handle: None,
        channel: None,
        audience: None,
        disclosed_at: disclosed_at.map(|s| DateTime::parse_from_rfc3339(s).unwrap()),
        categories: categories.iter().map(|&c| c.to_owned()).collect(),
        title: None,
        text: text.to_owned(),
        content_hash: format!("hash-of-{path}"),
    }
}

const CFO: &str = "Alicia Moreau, Chief Financial Officer";

fn records() -> Vec<IndexRecord> {
    let mut release = record(
        "releases/q1-2025.html",
        "press_release",
        Some(CFO),
        Some("2025-03-14T16:05:00-04:00"),
        &["earnings", "regg.missing_reconciliation"],
        "Acme reported revenue of $1.2 billion. Adjusted EBITDA rose 14% to $310 million. \
         Net income was $95 million.",
    );
    release.title = Some("Acme Reports First Quarter Results".to_owned());
    let mut post = record(
        "social/x.json#1899",
        "social_post",
        Some("Brian Cole"),
        // 02:00 UTC on the 15th is 22:00 on the 14th in New York (EDT, UTC-4).
        Some("2025-03-15T02:00:00Z"),
        &["mnpi.mergers_acquisitions"],
        "Exciting times: the merger remains in talks with a partner. Stay tuned!",
    );
    post.handle = Some("@acme_ceo".to_owned());
    vec![
        release,
        record(
            "scripts/q1-call.md",
            "script",
            Some("Brian Cole, Chief Executive Officer"),
            Some("2025-03-14T17:00:00-04:00"),
            &["earnings", "projections_forecasts"],
            "Good afternoon. Our EBITDA, as adjusted for restructuring, improved, and we are \
             raising full-year guidance.",
        ),
        post,
        record(
            "social/linkedin.csv#7",
            "social_post",
            Some("Dana Whitfield, Investor Relations"),
            Some("2025-03-16T14:00:00Z"),
            &["cybersecurity"],
            "We detected a cybersecurity incident affecting customer systems; investigation \
             ongoing.",
        ),
        record(
            "releases/dividend.html",
            "press_release",
            Some(CFO),
            // 23:30 New York on the 13th = 03:30 UTC on the 14th.
            Some("2025-03-13T23:30:00-04:00"),
            &["dividends"],
            "The Board declared a quarterly dividend. Adjusted EBITDA guidance is unchanged.",
        ),
        record(
            "other/memo.txt",
            "other",
            None,
            None,
            &[],
            "Internal memo on acquisitions strategy and EBITDA adjusted for one-time items.",
        ),
    ]
}

fn build() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut index = ArchiveIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(index.upsert(&records()).unwrap(), 6);
    assert_eq!(index.num_docs().unwrap(), 6);
    dir
}

fn run(dir: &Path, q: &SearchQuery) -> SearchResults {
    search(dir, q).unwrap()
}

fn text(query: &str) -> SearchQuery {
    SearchQuery {
        query: query.to_owned(),
        limit: 100,
        ..SearchQuery::default()
    }
}

/// Matching paths, sorted (rank order is tested separately).
fn paths(results: &SearchResults) -> Vec<&str> {
    let mut p: Vec<&str> = results.hits.iter().map(|h| h.path.as_str()).collect();
    p.sort_unstable();
    p
}

#[test]
fn boolean_operators() {
    let dir = build();
    let r = run(dir.path(), &text("EBITDA AND dividend"));
    assert_eq!(paths(&r), ["releases/dividend.html"]);
    let r = run(dir.path(), &text("EBITDA AND NOT dividend"));
    assert_eq!(
        paths(&r),
        [
            "other/memo.txt",
            "releases/q1-2025.html",
            "scripts/q1-call.md"
        ]
    );
    let r = run(dir.path(), &text("+EBITDA -restructuring -memo -internal"));
    assert_eq!(
        paths(&r),
        ["releases/dividend.html", "releases/q1-2025.html"]
    );
    // A lone exclusion lists everything else (tantivy alone would reject it).
    assert_eq!(run(dir.path(), &text("NOT dividend")).total, 5);
    let r = run(dir.path(), &text("EBITDA AND NOT (dividend OR memo)"));
    assert_eq!(paths(&r), ["releases/q1-2025.html", "scripts/q1-call.md"]);
    // Default OR: either word suffices.
    let r = run(dir.path(), &text("cybersecurity dividend"));
    assert_eq!(
        paths(&r),
        ["releases/dividend.html", "social/linkedin.csv#7"]
    );
}

#[test]
fn phrase_matches_only_adjacent_words_in_order() {
    let dir = build();
    let r = run(dir.path(), &text("\"adjusted EBITDA\""));
    // The script ("EBITDA, as adjusted") and the memo ("EBITDA adjusted") have both words.
    assert_eq!(
        paths(&r),
        ["releases/dividend.html", "releases/q1-2025.html"]
    );
    assert_eq!(r.total, 2);
}

#[test]
fn proximity_allows_the_given_slop() {
    let dir = build();
    // "merger remains in talks": two words between.
    assert!(run(dir.path(), &text("\"merger talks\"")).hits.is_empty());
    assert!(run(dir.path(), &text("\"merger talks\"~1")).hits.is_empty());
    let r = run(dir.path(), &text("\"merger talks\"~3"));
    assert_eq!(paths(&r), ["social/x.json#1899"]);
}

#[test]
fn bare_words_also_match_inflections_but_phrases_stay_exact() {
    let dir = build();
    let r = run(dir.path(), &text("acquisition"));
    assert_eq!(paths(&r), ["other/memo.txt"]);
    // The stemmed alternative is excluded together with the exact word.
    let r = run(dir.path(), &text("EBITDA -acquisition"));
    assert_eq!(
        paths(&r),
        [
            "releases/dividend.html",
            "releases/q1-2025.html",
            "scripts/q1-call.md"
        ]
    );
    assert!(
        run(dir.path(), &text("\"acquisition strategy\""))
            .hits
            .is_empty()
    );
    // "raise" matches only the script's "raising", through the stem.
    let r = run(dir.path(), &text("raise"));
    assert_eq!(paths(&r), ["scripts/q1-call.md"]);
}

#[test]
fn field_query_on_title() {
    let dir = build();
    let r = run(dir.path(), &text("title:quarter"));
    assert_eq!(paths(&r), ["releases/q1-2025.html"]);
}

#[test]
fn category_filter_accepts_bare_and_rule_id_forms() {
    let dir = build();
    let only = |cats: &[&str]| SearchQuery {
        categories: cats.iter().map(|&c| c.to_owned()).collect(),
        ..text("")
    };
    let r = run(dir.path(), &only(&["mergers_acquisitions"]));
    assert_eq!(paths(&r), ["social/x.json#1899"]);
    let r = run(dir.path(), &only(&["mnpi.cybersecurity", "dividends"]));
    assert_eq!(
        paths(&r),
        ["releases/dividend.html", "social/linkedin.csv#7"]
    );
    let r = run(dir.path(), &only(&["regg.missing_reconciliation"]));
    assert_eq!(paths(&r), ["releases/q1-2025.html"]);
    // Combined with a query: both must hold.
    let r = run(
        dir.path(),
        &SearchQuery {
            query: "EBITDA".to_owned(),
            ..only(&["earnings"])
        },
    );
    assert_eq!(paths(&r), ["releases/q1-2025.html", "scripts/q1-call.md"]);
    // Stored categories come back normalized and sorted.
    let hit = &run(dir.path(), &only(&["earnings"])).hits;
    let release = hit
        .iter()
        .find(|h| h.path == "releases/q1-2025.html")
        .unwrap();
    assert_eq!(
        release.categories,
        ["earnings", "regg.missing_reconciliation"]
    );
}

#[test]
fn kind_filter_and_unknown_kind() {
    let dir = build();
    for kind in ["social_post", "post"] {
        let r = run(
            dir.path(),
            &SearchQuery {
                kind: Some(kind.to_owned()),
                ..text("")
            },
        );
        assert_eq!(paths(&r), ["social/linkedin.csv#7", "social/x.json#1899"]);
    }
    let err = search(
        dir.path(),
        &SearchQuery {
            kind: Some("memo".to_owned()),
            ..text("")
        },
    );
    assert!(matches!(err, Err(Error::Invalid(m)) if m.contains("memo")));
}

#[test]
fn author_filter_matches_words_of_author_or_handle() {
    let dir = build();
    let by = |a: &str| SearchQuery {
        author: Some(a.to_owned()),
        ..text("")
    };
    let r = run(dir.path(), &by("alicia"));
    assert_eq!(
        paths(&r),
        ["releases/dividend.html", "releases/q1-2025.html"]
    );
    let r = run(dir.path(), &by("Brian COLE"));
    assert_eq!(paths(&r), ["scripts/q1-call.md", "social/x.json#1899"]);
    let r = run(dir.path(), &by("acme_ceo"));
    assert_eq!(paths(&r), ["social/x.json#1899"]);
    // Every word must appear.
    assert!(run(dir.path(), &by("alicia cole")).hits.is_empty());
    assert!(matches!(
        search(dir.path(), &by(" , ")),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn date_range_is_inclusive_in_new_york_time() {
    let dir = build();
    let day = |s: &str| Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
    let between = |from: &str, to: &str| SearchQuery {
        from: day(from),
        to: day(to),
        ..text("")
    };
    // The post at 02:00Z on the 15th belongs to NY's 14th; the dividend release at 03:30Z on
    // the 14th belongs to NY's 13th.
    let r = run(dir.path(), &between("2025-03-14", "2025-03-14"));
    assert_eq!(
        paths(&r),
        [
            "releases/q1-2025.html",
            "scripts/q1-call.md",
            "social/x.json#1899"
        ]
    );
    let r = run(dir.path(), &between("2025-03-13", "2025-03-13"));
    assert_eq!(paths(&r), ["releases/dividend.html"]);
    let r = run(
        dir.path(),
        &SearchQuery {
            from: day("2025-03-15"),
            ..text("")
        },
    );
    assert_eq!(paths(&r), ["social/linkedin.csv#7"]);
    // Undated documents are excluded once a bound is given.
    let r = run(
        dir.path(),
        &SearchQuery {
            to: day("2025-12-31"),
            ..text("")
        },
    );
    assert_eq!(r.total, 5);
    assert!(matches!(
        search(dir.path(), &between("2025-03-15", "2025-03-14")),
        Err(Error::Invalid(_))
    ));
    let post = run(dir.path(), &text("merger")).hits.remove(0);
    assert_eq!(
        post.disclosed_at.as_deref(),
        Some("2025-03-14T22:00:00-04:00")
    );
}

#[test]
fn reupserting_a_path_replaces_its_document() {
    let dir = build();
    let mut index = ArchiveIndex::open_or_create(dir.path()).unwrap();
    let mut changed = records().remove(0);
    changed.text = "Restated: revenue of $1.1 billion.".to_owned();
    // The same path twice in one batch: the last one wins.
    let mut last = changed.clone();
    last.text = "Restated again: revenue of $1.0 billion.".to_owned();
    assert_eq!(index.upsert(&[changed, last]).unwrap(), 2);
    assert_eq!(index.num_docs().unwrap(), 6);
    drop(index);
    let r = run(dir.path(), &text("path:\"releases/q1-2025.html\""));
    assert_eq!(r.total, 1);
    assert!(
        r.hits[0].snippet.starts_with("Restated again"),
        "{}",
        r.hits[0].snippet
    );
    assert!(
        !paths(&run(dir.path(), &text("\"adjusted EBITDA\""))).contains(&"releases/q1-2025.html")
    );
}

#[test]
fn snippet_highlights_query_words() {
    let dir = build();
    let r = run(dir.path(), &text("\"adjusted EBITDA\""));
    let release = r
        .hits
        .iter()
        .find(|h| h.path == "releases/q1-2025.html")
        .unwrap();
    assert!(
        release.snippet.contains("<b>Adjusted</b> <b>EBITDA</b>"),
        "{}",
        release.snippet
    );
    let plain = release
        .snippet
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("&amp;", "&");
    assert!(plain.len() <= super::search::SNIPPET_MAX_BYTES, "{plain}");
    // Stem-only matches are highlighted too.
    let memo = run(dir.path(), &text("acquisition")).hits.remove(0);
    assert!(
        memo.snippet.contains("<b>acquisitions</b>"),
        "{}",
        memo.snippet
    );
}

#[test]
fn total_counts_all_matches_beyond_the_limit() {
    let dir = build();
    let r = run(
        dir.path(),
        &SearchQuery {
            limit: 1,
            ..text("EBITDA")
        },
    );
    assert_eq!(r.total, 4);
    assert_eq!(r.hits.len(), 1);
    let r = run(
        dir.path(),
        &SearchQuery {
            limit: 0,
            ..text("EBITDA")
        },
    );
    assert_eq!((r.total, r.hits.len()), (4, 0));
    // Ranked best first.
    let r = run(dir.path(), &text("EBITDA dividend"));
    assert_eq!(r.hits[0].path, "releases/dividend.html");
    assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn bad_syntax_and_unknown_fields_are_invalid() {
    let dir = build();
    for bad in ["\"unclosed phrase", "nosuchfield:x"] {
        match search(dir.path(), &text(bad)) {
            Err(Error::Invalid(m)) => assert!(m.contains(bad), "{m}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn incompatible_schema_version_is_refused() {
    let dir = build();
    std::fs::write(
        dir.path().join(super::schema::VERSION_FILE),
        r#"{"schema_version": 99, "created_by": "regfd 9.9.9"}"#,
    )
    .unwrap();
    for err in [
        ArchiveIndex::open_or_create(dir.path())
            .map(|_| ())
            .unwrap_err(),
        search(dir.path(), &text("EBITDA")).map(|_| ()).unwrap_err(),
    ] {
        assert!(
            matches!(&err, Error::Index { message, .. } if message.contains("incompatible")),
            "{err}"
        );
    }
}

#[test]
fn second_writer_is_refused_while_the_first_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let first = ArchiveIndex::open_or_create(dir.path()).unwrap();
    let err = ArchiveIndex::open_or_create(dir.path()).unwrap_err();
    assert!(
        matches!(&err, Error::Index { message, .. } if message.contains("another regfd process")),
        "{err}"
    );
    drop(first);
    assert!(ArchiveIndex::open_or_create(dir.path()).is_ok());
}

#[test]
fn invalid_records_commit_nothing() {
    let dir = build();
    let mut index = ArchiveIndex::open_or_create(dir.path()).unwrap();
    let mut bad = records();
    bad[1].kind = "memo".to_owned();
    bad[0].text = "changed".to_owned();
    assert!(matches!(index.upsert(&bad), Err(Error::Invalid(_))));
    assert!(run(dir.path(), &text("changed")).hits.is_empty());
}

#[test]
fn title_only_match_falls_back_to_the_start_of_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = ArchiveIndex::open_or_create(dir.path()).unwrap();
    let mut r = record("a.txt", "other", None, None, &[], &"é<x> ".repeat(100));
    r.title = Some("Quarterly update".to_owned());
    index.upsert(&[r]).unwrap();
    let hit = run(dir.path(), &text("quarterly")).hits.remove(0);
    assert!(hit.snippet.starts_with("é&lt;x&gt; é"), "{}", hit.snippet);
    assert!(hit.snippet.ends_with('…'));
    assert!(!hit.snippet.contains("<b>"));
}

#[test]
fn missing_index_is_an_index_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        search(dir.path(), &text("x")),
        Err(Error::Index { .. })
    ));
}

/// Throughput of [`ArchiveIndex::upsert`] on 20,000 synthetic ~2 KB documents, in batches of
/// 1,000 (one commit each, as the review pipeline calls it). Prints docs/s; not an assertion
/// because the figure depends on the build profile and machine load.
/// Run: `cargo test --lib throughput -- --ignored --nocapture`.
#[test]
#[ignore = "benchmark: prints indexing throughput"]
fn throughput_20k_documents() {
    const WORDS: &[&str] = &[
        "revenue",
        "adjusted",
        "EBITDA",
        "guidance",
        "quarter",
        "margin",
        "customers",
        "acquisition",
        "dividend",
        "liquidity",
        "outlook",
        "growth",
        "segment",
        "operating",
        "income",
        "net",
        "cash",
        "flow",
        "board",
        "investors",
        "analysts",
        "forecast",
        "restructuring",
        "impairment",
        "litigation",
        "cybersecurity",
        "incident",
        "contract",
        "supplier",
        "product",
        "launch",
        "the",
        "and",
        "of",
        "to",
        "in",
        "for",
        "with",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        // xorshift64: deterministic, dependency-free word choice.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut docs = Vec::with_capacity(20_000);
    let mut bytes = 0usize;
    for i in 0..20_000 {
        let mut text = String::with_capacity(2_100);
        while text.len() < 2_000 {
            text.push_str(WORDS[(next() % WORDS.len() as u64) as usize]);
            text.push(' ');
        }
        bytes += text.len();
        let mut r = record(
            &format!("synthetic/{i:05}.txt"),
            ["press_release", "script", "social_post"][i % 3],
            Some(CFO),
            Some("2025-03-14T16:05:00-04:00"),
            &["earnings"],
            &text,
        );
        r.title = Some(format!("Synthetic document {i}"));
        docs.push(r);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut index = ArchiveIndex::open_or_create(dir.path()).unwrap();
    let start = std::time::Instant::now();
    for batch in docs.chunks(1_000) {
        index.upsert(batch).unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(index.num_docs().unwrap(), 20_000);
    eprintln!(
        "indexed 20000 docs ({:.1} MB) in {secs:.2} s: {:.0} docs/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        20_000.0 / secs,
        bytes as f64 / 1e6 / secs
    );
    let start = std::time::Instant::now();
    let r = search(dir.path(), &text("\"adjusted EBITDA\" AND guidance")).unwrap();
    eprintln!(
        "phrase+AND search: {} matches in {:.1} ms",
        r.total,
        start.elapsed().as_secs_f64() * 1e3
    );
}
