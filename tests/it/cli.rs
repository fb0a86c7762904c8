//! End-to-end CLI tests: `review` exit codes and reports, `rules`, `explain`, and `search`
//! over the index a review wrote. Uses the bundled `corpus/` and small files made here.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the test failing

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-11-21T12:00:00Z";

fn regfd() -> Command {
    Command::cargo_bin("regfd").expect("binary")
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn review(dir: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let o = regfd()
        .arg("review")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .args(["--now", NOW])
        .args(extra)
        .output()
        .expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

fn report(out: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(out.join("report.json")).expect("report.json"))
        .expect("valid JSON")
}

#[test]
fn reviewing_the_bundled_corpus_writes_every_report_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, stdout) = review(&corpus(), &out, &["--format", "md,json,html,sarif"]);
    assert_eq!(
        code, 1,
        "high findings are expected in the samples:\n{stdout}"
    );
    assert!(stdout.contains("documents reviewed"), "{stdout}");
    let r = report(&out);
    assert_eq!(r["schema_version"], 1);
    let docs = r["documents"].as_array().unwrap();
    assert!(docs.len() >= 60, "{} documents", docs.len());
    // Every sample is readable; the only inputs not reviewed are the files about the corpus
    // (labels, config, SOURCES.md, tools/) that corpus/.ignore excludes: listed as skipped.
    for d in docs.iter().filter(|d| d["status"] != "reviewed") {
        assert_eq!(d["status"], "skipped", "{d}");
        assert!(d["reason"].as_str().unwrap().contains("ignore rule"), "{d}");
    }
    assert!(docs.iter().any(|d| {
        d["status"] == "skipped" && d["path"].as_str().unwrap().ends_with("labels.json")
    }));
    assert!(docs.iter().filter(|d| d["status"] == "reviewed").count() >= 60);
    // Posts of exports are addressed file#id.
    assert!(
        docs.iter()
            .any(|d| d["path"].as_str().unwrap().contains(".json#"))
    );
    assert!(
        docs.iter()
            .any(|d| d["path"].as_str().unwrap().contains(".csv#"))
    );
    // A selective disclosure with a deadline, and a Reg G finding.
    assert!(docs.iter().any(|d| {
        d["regfd"]["selective_disclosure"] == true
            && d["regfd"]["policy_deadline"]
                .as_str()
                .is_some_and(|t| t.ends_with("-05:00") || t.ends_with("-04:00"))
    }));
    assert!(
        docs.iter()
            .flat_map(|d| d["findings"].as_array().unwrap())
            .any(|f| f["rule"] == "regg.missing_reconciliation" || f["rule"] == "regg.prominence")
    );
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("Remediation required"),
        "remediation box in the Markdown report"
    );
    assert!(md.contains("Insider Trading Policy IV.B("));
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<table>"));
    let sarif: Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(
        out.join("index").join("meta.json").exists(),
        "index written"
    );
    check_report_against_contract(&out.join("report.json"), None);
}

/// Runs ../shared/tools/check-report.py when python3 and ../shared are present.
fn check_report_against_contract(report: &Path, input: Option<&Path>) {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/check-report.py");
    if !tool.exists() {
        eprintln!("skipping the contract check: {} is absent", tool.display());
        return;
    }
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(&tool).arg(report);
    if let Some(i) = input {
        cmd.arg(i);
    }
    match cmd.output() {
        Ok(o) => assert!(
            o.status.success(),
            "check-report.py: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => eprintln!("skipping the contract check: python3 unavailable ({e})"),
    }
}

#[test]
fn a_clean_folder_exits_0_and_a_corrupt_pdf_exits_2_without_stopping_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("note.md"),
        "# Team lunch\n\nThe potluck is on Friday in the atrium.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, _) = review(&dir, &out, &["--no-index"]);
    assert_eq!(code, 0);
    check_report_against_contract(&out.join("report.json"), Some(&dir));

    fs::write(
        dir.join("broken.pdf"),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog",
    )
    .unwrap();
    fs::write(dir.join("picture.png"), [0x89, b'P', b'N', b'G', 0, 0]).unwrap();
    let (code, stdout) = review(&dir, &out, &["--no-index"]);
    assert_eq!(code, 2, "{stdout}");
    let r = report(&out);
    let docs = r["documents"].as_array().unwrap();
    let by = |name: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    assert_eq!(by("broken.pdf")["status"], "failed");
    assert!(!by("broken.pdf")["reason"].as_str().unwrap().is_empty());
    assert_eq!(by("picture.png")["status"], "skipped");
    assert_eq!(by("note.md")["status"], "reviewed");
    assert_eq!(r["summary"]["files_found"], 3);
    check_report_against_contract(&out.join("report.json"), Some(&dir));
}

#[test]
fn fail_level_is_configurable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("release.md"),
        "---\nkind: press_release\nchannel: newswire\n---\n# Acme reports results\n\nNet income for the third quarter was $12 million, up 8%.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    assert_eq!(
        review(&dir, &out, &["--no-index"]).0,
        0,
        "public release: medium at most"
    );
    assert_eq!(
        review(&dir, &out, &["--no-index", "--fail-on", "medium"]).0,
        1
    );
    assert_eq!(
        review(&dir, &out, &["--no-index", "--fail-on", "urgent"]).0,
        2,
        "bad level"
    );
}

#[test]
fn search_finds_reviewed_documents_and_re_review_does_not_duplicate() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    review(&corpus(), &out, &["--format", "json"]);
    let search = |args: &[&str]| -> Value {
        let o = regfd()
            .arg("search")
            .args(args)
            .arg("--index")
            .arg(out.join("index"))
            .arg("--json")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let hits = search(&["adjusted EBITDA"]);
    let total = hits["total"].as_u64().unwrap();
    assert!(total >= 2, "{hits}");
    assert!(hits["hits"][0]["snippet"].as_str().unwrap().contains("<b>"));
    let filtered = search(&[
        "adjusted EBITDA",
        "--kind",
        "press_release",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    assert!(
        filtered["total"].as_u64().unwrap() >= 1 && filtered["total"].as_u64().unwrap() <= total
    );
    let cyber = search(&["", "--category", "cybersecurity"]);
    assert!(cyber["hits"].as_array().unwrap().iter().all(|h| {
        h["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "cybersecurity")
    }));
    // Reviewing again replaces, not duplicates.
    review(&corpus(), &out, &["--format", "json"]);
    assert_eq!(
        search(&["adjusted EBITDA"])["total"].as_u64().unwrap(),
        total
    );
}

#[test]
fn rules_and_explain() {
    let o = regfd().arg("rules").output().unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert_eq!(s.lines().count(), 33, "{s}");
    let o = regfd()
        .args(["explain", "mnpi.cybersecurity"])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains("Insider Trading Policy IV.B(xiii)") && s.contains("## Example"),
        "{s}"
    );
    let o = regfd()
        .args(["explain", "mnpi.bankruptcy"])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("third party's possessive"), "{s}");
    // The category file's own info rules: steady-state and scheduling cues.
    let explain = |category: &str| {
        let o = regfd().args(["explain", category]).output().unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(
        explain("dividends").contains("states the event as unchanged"),
        "dividends"
    );
    assert!(
        explain("earnings").contains("a scheduling notice (\"host a conference call\""),
        "earnings"
    );
    let o = regfd()
        .args(["explain", "regg.prominence"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("C&DI 102.10"));
    regfd().args(["explain", "mnpi.weather"]).assert().code(2);
}

/// A one-on-one that walks an analyst through figures the release of the same issuer already
/// published is no selective disclosure; one that adds a figure is (Reg FD Rule 100(a); the
/// public-record step of `review`).
#[test]
fn a_meeting_that_repeats_the_release_figures_is_no_selective_disclosure() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme");
    fs::create_dir_all(&dir).unwrap();
    let meta = |channel: &str, audience: &str, public: bool, at: &str| {
        format!(
            "---\ncompany: Acme Corp.\nauthor: \"Dana Ruiz, Chief Financial Officer\"\n\
             channel: {channel}\naudience: {audience}\npublic_channel: {public}\n\
             disclosed_at: {at}\n---\n"
        )
    };
    fs::write(
        dir.join("2026-07-16_q2-release.md"),
        meta("newswire", "public", true, "2026-07-16T07:00:00-04:00")
            + "Acme Corp. reported second-quarter revenue of $1.24 billion, up 6%, and diluted \
               EPS of $1.05, a record.\n",
    )
    .unwrap();
    fs::write(
        dir.join("2026-07-20_one-on-one.md"),
        meta(
            "one-on-one meeting",
            "analysts",
            false,
            "2026-07-20T10:00:00-04:00",
        ) + "Dana walked the analyst through the quarter: revenue of $1,240 million, up 6 \
               percent, and record diluted EPS of $1.05.\n",
    )
    .unwrap();
    fs::write(
        dir.join("2026-07-21_dinner.md"),
        meta("dinner", "analysts", false, "2026-07-21T20:00:00-04:00")
            + "Dana walked the analyst through the quarter: revenue of $1.24 billion, up 6%, and \
               record diluted EPS of $1.05, and July revenue up 11% to $450 million.\n",
    )
    .unwrap();
    // A post copied from LinkedIn, dated only by its file name, the release's day: which
    // went out first cannot be told, and either way the figures were public that day.
    fs::write(
        dir.join("2026-07-16_cfo-post.txt"),
        "Dana Ruiz · Chief Financial Officer at Acme Corp.\nLinkedIn · July 16, 2026\n\n\
         Proud of the team: Q2 revenue of $1.24 billion, up 6%, and record diluted EPS of $1.05.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    review(tmp.path(), &out, &[]);
    let r = report(&out);
    let doc = |name: &str| {
        r["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    let rule = |d: &Value, id: &str| {
        d["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == id)
            .cloned()
    };
    // The release itself is public.
    assert_eq!(doc("q2-release.md")["regfd"]["selective_disclosure"], false);
    // The meeting repeats it: info, naming the release.
    let meeting = doc("one-on-one.md");
    assert_eq!(meeting["regfd"]["selective_disclosure"], false, "{meeting}");
    assert!(meeting["regfd"]["policy_deadline"].is_null());
    let f = rule(&meeting, "regfd.selective_disclosure").unwrap();
    assert_eq!(f["severity"], "info");
    assert!(
        f["context"]
            .to_string()
            .contains("2026-07-16_q2-release.md"),
        "{f}"
    );
    let earnings = rule(&meeting, "mnpi.earnings").unwrap();
    assert_eq!(earnings["severity"], "info", "{earnings}");
    let post = doc("cfo-post.txt");
    assert_eq!(post["kind"], "social_post");
    assert_eq!(post["regfd"]["selective_disclosure"], false, "{post}");
    let f = rule(&post, "regfd.selective_disclosure").unwrap();
    assert_eq!(f["severity"], "info");
    assert!(f["context"].to_string().contains("the same day"), "{f}");
    // The dinner adds July's revenue: a selective disclosure with its deadline.
    let dinner = doc("dinner.md");
    assert_eq!(dinner["regfd"]["selective_disclosure"], true, "{dinner}");
    assert!(dinner["regfd"]["policy_deadline"].is_string());
    assert_eq!(
        rule(&dinner, "regfd.selective_disclosure").unwrap()["severity"],
        "high"
    );
}
