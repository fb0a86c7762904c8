//! `regfd deadline` end to end: the binary's JSON, plain output and exit codes
//! (CONTRACT.md "Command line", "Remediation deadlines"; DOMAIN.md §5.2).

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

/// The built `regfd` binary (Cargo sets `CARGO_BIN_EXE_regfd` for integration tests).
fn regfd() -> Command {
    cargo_bin_cmd!("regfd")
}

#[test]
fn deadline_json_for_a_friday_afternoon_disclosure() {
    // DOMAIN.md R04: Friday 15:00 EDT; Saturday intervenes → Monday 09:30 under both rules.
    let out = regfd()
        .args(["deadline", "2025-03-14T15:00:00-04:00", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("stdout is JSON");
    let obj = v.as_object().expect("a JSON object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "disclosed_at",
            "learned_at",
            "policy_deadline",
            "reason",
            "regfd_deadline"
        ]
    );
    assert_eq!(v["disclosed_at"], "2025-03-14T15:00:00-04:00");
    assert_eq!(v["learned_at"], "2025-03-14T15:00:00-04:00");
    assert_eq!(v["policy_deadline"], "2025-03-17T09:30:00-04:00");
    assert_eq!(v["regfd_deadline"], "2025-03-17T09:30:00-04:00");
    let reason = v["reason"].as_str().expect("reason is a string");
    assert!(
        reason.contains("Reg FD Policy I.B: Saturday 2025-03-15 intervenes"),
        "{reason}"
    );
    assert!(reason.contains("Rule 101(d)"), "{reason}");
}

#[test]
fn deadline_json_converts_foreign_offsets_and_learned_at() {
    // R23: Tokyo Monday 10:00 = Sunday 21:00 New York; learned Monday 08:00 New York.
    let out = regfd()
        .args([
            "deadline",
            "2025-06-16T10:00:00+09:00",
            "--learned-at",
            "2025-06-16T08:00:00-04:00",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("stdout is JSON");
    assert_eq!(v["disclosed_at"], "2025-06-15T21:00:00-04:00");
    assert_eq!(v["learned_at"], "2025-06-16T08:00:00-04:00");
    assert_eq!(v["policy_deadline"], "2025-06-16T09:30:00-04:00");
    // max(Tue 08:00, Tuesday's 09:30 open).
    assert_eq!(v["regfd_deadline"], "2025-06-17T09:30:00-04:00");
}

#[test]
fn deadline_strict_reading_changes_only_the_policy_deadline() {
    // R07: Sunday 20:00; P → Monday open, P′ → Monday 20:00.
    let out = regfd()
        .args([
            "deadline",
            "2025-03-16T20:00:00-04:00",
            "--json",
            "--strict-reading",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("stdout is JSON");
    assert_eq!(v["policy_deadline"], "2025-03-17T20:00:00-04:00");
    assert_eq!(v["regfd_deadline"], "2025-03-17T20:00:00-04:00");
}

#[test]
fn deadline_plain_output_names_weekday_offset_and_reason() {
    regfd()
        .args(["deadline", "2025-11-01T14:00:00-04:00"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "policy deadline  Mon 2025-11-03 09:30:00 EST (-05:00)",
        ))
        .stdout(predicate::str::contains(
            "Reg FD deadline  Mon 2025-11-03 09:30:00 EST (-05:00)",
        ))
        .stdout(predicate::str::contains(
            "reason: Reg FD Policy I.B: Saturday 2025-11-01",
        ));
}

#[test]
fn deadline_rejects_bad_instants_with_exit_code_2() {
    for args in [
        vec!["deadline", "next tuesday"],
        vec!["deadline", "2025-03-14T15:00:00"],
        vec![
            "deadline",
            "2025-03-14T15:00:00-04:00",
            "--learned-at",
            "2025-13-01T00:00:00Z",
        ],
        vec![
            "deadline",
            "2025-03-14T15:00:00-04:00",
            "--learned-at",
            "2025-03-13T15:00:00-04:00",
        ],
    ] {
        regfd()
            .args(&args)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("regfd:"));
    }
}

#[test]
fn deadline_uses_an_updated_calendar_file() {
    // A newly announced closure on Monday 2025-03-17 pushes the R04 deadline to Tuesday.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nyse.toml");
    std::fs::write(
        &path,
        "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n\
         [[closure]]\ndate = 2025-03-17\nreason = \"Hypothetical day of mourning\"\n",
    )
    .expect("write calendar");
    let out = regfd()
        .args([
            "deadline",
            "2025-03-14T15:00:00-04:00",
            "--json",
            "--calendar",
        ])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("stdout is JSON");
    assert_eq!(v["policy_deadline"], "2025-03-18T09:30:00-04:00");
    std::fs::write(&path, "version = 7\n").expect("write calendar");
    regfd()
        .args(["deadline", "2025-03-14T15:00:00-04:00", "--calendar"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("calendar/nyse.toml"));
}
