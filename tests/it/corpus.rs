//! The sample corpus and its labelled development set (`corpus/`, CONTRACT.md "Labelled sets
//! for `regfd eval`"): the labels follow the contract and cover every MNPI category, their
//! deadlines agree with `regfd deadline`, and `regfd eval --json` accounts for every label.
//! No score thresholds here: the dictionaries are still being tuned against this set.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

/// The 20 MNPI categories (CONTRACT.md "Rule ids"), Insider Trading Policy IV.B order.
const CATEGORIES: [&str; 20] = [
    "earnings",
    "analyst_expectations",
    "prospects_strategy",
    "writedowns_reserves",
    "litigation_investigations",
    "liquidity",
    "products_customers_suppliers",
    "management_board_changes",
    "dividends",
    "extraordinary_borrowings",
    "accounting_auditors",
    "significant_contracts",
    "cybersecurity",
    "debt_ratings",
    "bankruptcy",
    "insider_trading",
    "mergers_acquisitions",
    "securities_events",
    "management_org_changes",
    "projections_forecasts",
];

/// Reg FD issue names a label may use (CONTRACT.md "Labelled sets").
const ISSUES: [&str; 7] = [
    "selective_disclosure",
    "guidance_reaffirmation",
    "estimate_guidance",
    "rumor_comment",
    "missing_fls_disclaimer",
    "unauthorized_spokesperson",
    "oral_non_gaap_without_website_reference",
];

const MEASURE_FLAGS: [&str; 5] = [
    "reconciled",
    "prominence_issue",
    "forward_looking",
    "unreasonable_efforts_statement",
    "per_share_liquidity",
];

fn regfd() -> Command {
    cargo_bin_cmd!("regfd")
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

// A test helper: an unreadable or malformed labelled set must fail the calling test.
#[allow(clippy::expect_used)]
fn labels() -> Vec<Value> {
    let text = std::fs::read_to_string(corpus_dir().join("labels.json"))
        .expect("corpus/labels.json is readable");
    let v: Value = serde_json::from_str(&text).expect("labels.json is JSON");
    v.as_array().expect("labels.json is a JSON array").clone()
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} is an array in {}", v["doc"]))
        .iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("{key} holds strings in {}", v["doc"]))
                .to_owned()
        })
        .collect()
}

fn instant(v: &Value, key: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    v[key].as_str().map(|s| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap_or_else(|e| panic!("{key} {s:?} in {} is not RFC 3339: {e}", v["doc"]))
    })
}

#[test]
fn labelled_set_follows_the_contract_and_covers_every_category() {
    let labels = labels();
    assert!(labels.len() >= 60, "only {} labelled items", labels.len());
    let mut expected: BTreeMap<&str, usize> = BTreeMap::new();
    let mut forbidden_pairs = 0;
    let mut seen_docs = BTreeSet::new();
    for l in &labels {
        let doc = l["doc"].as_str().expect("doc is a string");
        assert!(seen_docs.insert(doc.to_owned()), "{doc} is labelled twice");
        let file = doc.split('#').next().unwrap_or(doc);
        assert!(
            corpus_dir().join(file).is_file(),
            "{doc}: {file} does not exist under corpus/"
        );
        let kind = l["kind"].as_str().expect("kind is a string");
        assert!(
            ["press_release", "script", "social_post", "other"].contains(&kind),
            "{doc}: kind {kind}"
        );
        assert_eq!(
            doc.contains('#'),
            kind == "social_post",
            "{doc}: posts (file#id) and only posts are social_post"
        );

        let exp = strings(l, "mnpi_expected");
        let forb = strings(l, "mnpi_forbidden");
        for c in exp.iter().chain(&forb) {
            assert!(
                CATEGORIES.contains(&c.as_str()),
                "{doc}: unknown category {c}"
            );
        }
        for c in &exp {
            assert!(
                !forb.contains(c),
                "{doc}: {c} is both expected and forbidden"
            );
            *expected
                .entry(
                    CATEGORIES
                        .iter()
                        .find(|k| *k == c)
                        .copied()
                        .unwrap_or_default(),
                )
                .or_default() += 1;
        }
        forbidden_pairs += forb.len();

        for m in l["non_gaap"].as_array().expect("non_gaap is an array") {
            assert!(
                m["measure"].as_str().is_some_and(|s| !s.trim().is_empty()),
                "{doc}: measure name"
            );
            for flag in MEASURE_FLAGS {
                assert!(
                    m[flag].is_boolean(),
                    "{doc}: {} lacks boolean {flag}",
                    m["measure"]
                );
            }
        }

        let issues = strings(l, "regfd_issues");
        for i in &issues {
            assert!(
                ISSUES.contains(&i.as_str()),
                "{doc}: unknown Reg FD issue {i}"
            );
        }
        let disclosed = instant(l, "disclosed_at");
        let deadline = instant(l, "expected_deadline");
        let selective = issues.iter().any(|i| i == "selective_disclosure");
        assert_eq!(
            deadline.is_some(),
            selective,
            "{doc}: a deadline goes with, and only with, a selective disclosure"
        );
        if let (Some(t), Some(d)) = (disclosed, deadline) {
            assert!(d >= t, "{doc}: deadline before disclosure");
        } else {
            assert!(deadline.is_none(), "{doc}: a deadline needs disclosed_at");
        }
        assert!(l["meta"].is_object(), "{doc}: meta is an object");
    }
    for c in CATEGORIES {
        let n = expected.get(c).copied().unwrap_or(0);
        assert!(
            n >= 3,
            "category {c} is expected in only {n} labelled items"
        );
    }
    assert!(
        forbidden_pairs >= 30,
        "only {forbidden_pairs} forbidden (trap) labels"
    );
}

#[test]
fn labelled_deadlines_agree_with_regfd_deadline() {
    for l in labels() {
        let (Some(t), Some(d)) = (l["disclosed_at"].as_str(), l["expected_deadline"].as_str())
        else {
            continue;
        };
        let out = regfd()
            .args(["deadline", t, "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: Value = serde_json::from_slice(&out).expect("deadline --json prints JSON");
        let got = v["policy_deadline"]
            .as_str()
            .expect("policy_deadline is a string");
        let (got, want) = (
            chrono::DateTime::parse_from_rfc3339(got).expect("RFC 3339"),
            chrono::DateTime::parse_from_rfc3339(d).expect("RFC 3339"),
        );
        assert_eq!(
            (got, got.offset()),
            (want, want.offset()),
            "{}: policy deadline for {t}",
            l["doc"]
        );
    }
}

#[test]
fn eval_json_accounts_for_every_label() {
    let labels = labels();
    let out = regfd()
        .args(["eval", "--labels"])
        .arg(corpus_dir().join("labels.json"))
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: Value = serde_json::from_slice(&out).expect("eval --json prints JSON");
    let missing: BTreeSet<&str> = r["missing"]
        .as_array()
        .expect("missing is an array")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let scored = r["documents"].as_u64().expect("documents is a count");
    assert_eq!(
        scored as usize + missing.len(),
        labels.len(),
        "every label is scored or reported missing"
    );

    // Each scored label contributes its expected categories as tp or fn, its measures to the
    // non-GAAP tp/fn, and its deadline to deadlines_checked.
    let present: Vec<&Value> = labels
        .iter()
        .filter(|l| !missing.contains(l["doc"].as_str().unwrap_or("")))
        .collect();
    for c in CATEGORIES {
        let want = present
            .iter()
            .filter(|l| strings(l, "mnpi_expected").iter().any(|e| e == c))
            .count() as u64;
        let s = &r["categories"][c];
        let got = s["tp"].as_u64().unwrap_or(0) + s["fn_"].as_u64().unwrap_or(0);
        assert_eq!(got, want, "category {c}: tp + fn");
        for k in ["precision", "recall", "f1"] {
            assert!(
                s[k].as_f64().is_some_and(|x| (0.0..=1.0).contains(&x)),
                "category {c}: {k} in [0, 1]"
            );
        }
    }
    let measures: u64 = present
        .iter()
        .map(|l| l["non_gaap"].as_array().map_or(0, Vec::len) as u64)
        .sum();
    let ng = &r["non_gaap"];
    assert_eq!(
        ng["tp"].as_u64().unwrap_or(0) + ng["fn_"].as_u64().unwrap_or(0),
        measures,
        "non-GAAP tp + fn"
    );
    let deadlines = present
        .iter()
        .filter(|l| l["expected_deadline"].is_string())
        .count() as u64;
    assert_eq!(r["deadlines_checked"].as_u64(), Some(deadlines));
}
