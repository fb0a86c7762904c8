//! `regfd search` end to end: an index built through the library, queried by the binary.

use assert_cmd::cargo::cargo_bin_cmd;
use chrono::DateTime;
use regfd::index::{ArchiveIndex, IndexRecord};

type TestResult<T> = Result<T, Box<dyn std::error::Error>>;

fn record(
    path: &str,
    kind: &str,
    at: &str,
    categories: &[&str],
    text: &str,
) -> TestResult<IndexRecord> {
    Ok(IndexRecord {
        path: path.to_owned(),
        kind: kind.to_owned(),
        company: Some("Acme Corp".to_owned()),
        author: Some("Alicia Moreau, Chief Financial Officer".to_owned()),
        disclosed_at: Some(DateTime::parse_from_rfc3339(at)?),
        categories: categories.iter().map(|&c| c.to_owned()).collect(),
        text: text.to_owned(),
        content_hash: format!("hash-{path}"),
        ..IndexRecord::default()
    })
}

fn build_index() -> TestResult<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let mut index = ArchiveIndex::open_or_create(dir.path())?;
    index.upsert(&[
        record(
            "releases/q1.html",
            "press_release",
            "2025-03-14T16:05:00-04:00",
            &["earnings", "regg.missing_reconciliation"],
            "Adjusted EBITDA rose 14% to $310 million & margins widened.",
        )?,
        record(
            "scripts/q1-call.md",
            "script",
            "2025-03-14T17:00:00-04:00",
            &["mnpi.earnings"],
            "Our EBITDA, as adjusted for restructuring, improved.",
        )?,
        record(
            "social/x.json#1",
            "social_post",
            "2025-03-15T02:00:00Z",
            &["mnpi.cybersecurity"],
            "We are investigating a cybersecurity incident.",
        )?,
    ])?;
    Ok(dir)
}

#[test]
fn json_output_has_the_contract_shape() {
    let dir = build_index().unwrap();
    let out = cargo_bin_cmd!("regfd")
        .args(["search", "adjusted EBITDA", "--json", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["query"], "adjusted EBITDA");
    // Unquoted words are OR-ed: both documents with either word match.
    assert_eq!(json["total"], 2);

    let out = cargo_bin_cmd!("regfd")
        .args(["search", "\"adjusted EBITDA\"", "--json", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total"], 1);
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit["path"], "releases/q1.html");
    assert_eq!(hit["kind"], "press_release");
    assert_eq!(hit["disclosed_at"], "2025-03-14T16:05:00-04:00");
    assert_eq!(
        hit["categories"],
        serde_json::json!(["earnings", "regg.missing_reconciliation"])
    );
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<b>Adjusted</b> <b>EBITDA</b>"),
        "{snippet}"
    );
    assert!(snippet.contains("&amp; margins"), "{snippet}");
}

#[test]
fn text_output_ranks_hits_and_marks_matches_when_piped() {
    let dir = build_index().unwrap();
    let out = cargo_bin_cmd!("regfd")
        .args([
            "search",
            "EBITDA",
            "--category",
            "mnpi.earnings",
            "--limit",
            "1",
            "--index",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("2 matches for \"EBITDA\" (best 1 shown)"),
        "{stdout}"
    );
    assert!(stdout.contains("\n1. "), "{stdout}");
    assert!(!stdout.contains("\n2. "), "{stdout}");
    // Piped output gets `**` emphasis, never ANSI escapes.
    assert!(stdout.contains("**EBITDA**"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "{stdout}");
}

#[test]
fn filters_on_the_command_line() {
    let dir = build_index().unwrap();
    let out = cargo_bin_cmd!("regfd")
        .args([
            "search",
            "",
            "--json",
            "--from",
            "2025-03-14",
            "--to",
            "2025-03-14",
        ])
        .args(["--kind", "social_post", "--author", "alicia", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 02:00 UTC on the 15th is the 14th in New York.
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["path"], "social/x.json#1");
}

#[test]
fn errors_exit_2_with_a_message() {
    let dir = build_index().unwrap();
    let missing = dir.path().join("nope");
    let out = cargo_bin_cmd!("regfd")
        .args(["search", "x", "--index"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no index at") && stderr.contains("regfd review"),
        "{stderr}"
    );

    let out = cargo_bin_cmd!("regfd")
        .args(["search", "(EBITDA", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid query syntax"));

    let out = cargo_bin_cmd!("regfd")
        .args(["search", "x", "--from", "14/03/2025", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
