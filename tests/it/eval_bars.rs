//! Issue #4 "Done when": on the labelled development set (`corpus/labels.json`, documents under
//! `corpus/`), MNPI micro precision ≥ 0.90, micro recall ≥ 0.95, and every scored category at
//! ≥ 0.80 precision and recall. Scored by the library eval (`regfd::eval`) with the embedded
//! dictionaries, exactly as `regfd eval --labels corpus/labels.json` does.

use std::fmt::Write as _;
use std::path::Path;

use chrono::DateTime;
use regfd::config::Config;
use regfd::eval::{EvalResult, evaluate, load_labels};
use regfd::review::Engine;

type TestResult<T> = Result<T, Box<dyn std::error::Error>>;

const MICRO_PRECISION: f64 = 0.90;
const MICRO_RECALL: f64 = 0.95;
const CATEGORY_FLOOR: f64 = 0.80;

/// The per-category table and the errors, printed when a bar is missed.
fn table(r: &EvalResult) -> String {
    let mut s = format!(
        "{:<30} {:>4} {:>4} {:>4} {:>9} {:>7}\n",
        "category", "tp", "fp", "fn", "precision", "recall"
    );
    for (name, c) in r.categories.iter().chain([(&"micro".to_owned(), &r.micro)]) {
        let _ = writeln!(
            s,
            "{name:<30} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
            c.tp, c.fp, c.fn_, c.precision, c.recall
        );
    }
    for e in r
        .errors
        .iter()
        .filter(|e| r.categories.contains_key(&e.label))
    {
        let _ = writeln!(
            s,
            "  {:<12} {:<28} {}  {}",
            e.kind, e.label, e.doc, e.excerpt
        );
    }
    s
}

/// The development set (`corpus/labels.json`) scored with the embedded dictionaries at a fixed
/// time (2026-11-21 12:00 New York), so the result does not depend on the day the test runs.
fn dev_set_eval() -> TestResult<EvalResult> {
    set_eval(&Engine::new(Config::default())?, "labels.json")
}

/// The labelled set `set` (a file of `corpus/`) scored by `engine` at the same fixed time as
/// [`dev_set_eval`].
fn set_eval(engine: &Engine, set: &str) -> TestResult<EvalResult> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let labels = load_labels(&corpus.join(set))?;
    let now = DateTime::parse_from_rfc3339("2026-11-21T12:00:00-05:00")?;
    Ok(evaluate(engine, &labels, &corpus, now))
}

// The issue #4 bars on the development set: a dictionary or engine change that drops below
// them fails CI. The newest held-out set stays blind (measured, not tuned on, not asserted).
#[test]
fn dev_set_meets_the_issue_4_bars() -> TestResult<()> {
    let r = dev_set_eval()?;
    assert!(
        r.missing.is_empty(),
        "labelled documents missing: {:?}",
        r.missing
    );
    assert_eq!(r.categories.len(), 20, "every MNPI category is scored");

    let mut missed = Vec::new();
    if r.micro.precision < MICRO_PRECISION {
        missed.push(format!(
            "micro precision {:.3} < {MICRO_PRECISION}",
            r.micro.precision
        ));
    }
    if r.micro.recall < MICRO_RECALL {
        missed.push(format!(
            "micro recall {:.3} < {MICRO_RECALL}",
            r.micro.recall
        ));
    }
    for (name, c) in &r.categories {
        if c.precision < CATEGORY_FLOOR {
            missed.push(format!("{name} precision {:.3}", c.precision));
        }
        if c.recall < CATEGORY_FLOOR {
            missed.push(format!("{name} recall {:.3}", c.recall));
        }
    }
    assert!(
        missed.is_empty(),
        "bars missed: {}\n{}",
        missed.join("; "),
        table(&r)
    );
    Ok(())
}

/// The Reg FD issues of the development set (`regfd_issues` of `corpus/labels.json`): a
/// regression floor of 0.90 precision and recall on every issue the set labels, so a cue-list
/// change cannot quietly bring back the bare-word false alarms (estimate steering on "too high"
/// about anything, a rumor in every "reported that") or lose a finding. Exception:
/// `missing_fls_disclaimer` precision 0.70 (5 / 2 / 0: two internal notes whose reported
/// questions and plans read as forecasts to the MNPI lexicon).
#[test]
fn dev_set_reg_fd_issues_keep_their_scores() -> TestResult<()> {
    let r = dev_set_eval()?;
    assert!(
        r.regfd.len() >= 7,
        "every labelled Reg FD issue is scored: {:?}",
        r.regfd.keys()
    );
    let missed: Vec<String> = r
        .regfd
        .iter()
        .filter(|(name, c)| {
            let min_precision = if name.as_str() == "missing_fls_disclaimer" {
                0.70
            } else {
                0.90
            };
            c.precision < min_precision || c.recall < 0.90
        })
        .map(|(name, c)| {
            format!(
                "{name}: {} / {} / {} (P {:.3} R {:.3})",
                c.tp, c.fp, c.fn_, c.precision, c.recall
            )
        })
        .collect();
    let errors: Vec<String> = r
        .errors
        .iter()
        .filter(|e| e.label.starts_with("regfd:"))
        .map(|e| format!("  {} {} {}  {}", e.kind, e.label, e.doc, e.excerpt))
        .collect();
    assert!(
        missed.is_empty(),
        "{}\n{}",
        missed.join("\n"),
        errors.join("\n")
    );
    Ok(())
}

/// `corpus/labels-heldout27.json`, fifty communications written blind for the Reg FD review
/// (one-on-ones, callbacks, breakouts, e-mails and texts to holders, officers' and a former
/// founder's posts, public calls and releases, NDA-bound, employee and adviser meetings),
/// tuned on its odd-numbered documents only (by sorted path): a floor under every Reg FD
/// issue it labels and its remediation deadlines, a little below the scores after that pass
/// (tp / fp / fn: selective disclosure 21 / 5 / 1, unauthorized spokesperson 17 / 2 / 1,
/// rumor comment 6 / 0 / 0, guidance reaffirmation 5 / 0 / 0, missing disclaimer 8 / 3 / 0,
/// estimate guidance 4 / 2 / 2; deadlines 21 of 22).
#[test]
fn reg_fd_held_out_set_keeps_its_scores() -> TestResult<()> {
    // (issue, minimum precision, minimum recall)
    const FLOORS: [(&str, f64, f64); 6] = [
        ("selective_disclosure", 0.75, 0.90),
        ("unauthorized_spokesperson", 0.85, 0.90),
        ("rumor_comment", 0.90, 0.90),
        ("guidance_reaffirmation", 0.90, 0.90),
        ("missing_fls_disclaimer", 0.65, 0.90),
        ("estimate_guidance", 0.60, 0.60),
    ];
    let r = set_eval(&Engine::new(Config::default())?, "labels-heldout27.json")?;
    assert!(r.missing.is_empty(), "missing {:?}", r.missing);
    let mut missed: Vec<String> = FLOORS
        .iter()
        .filter_map(|&(issue, min_precision, min_recall)| {
            let Some(c) = r.regfd.get(issue) else {
                return Some(format!("{issue}: not scored"));
            };
            (c.precision < min_precision || c.recall < min_recall).then(|| {
                format!(
                    "{issue}: {} / {} / {} (P {:.3} R {:.3})",
                    c.tp, c.fp, c.fn_, c.precision, c.recall
                )
            })
        })
        .collect();
    if r.deadlines_correct < 20 {
        missed.push(format!(
            "deadlines: {} of {} correct",
            r.deadlines_correct, r.deadlines_checked
        ));
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
    Ok(())
}

/// The sets that were held out once and whose error classes the dictionaries or the engine
/// were then tuned on (`labels-heldout.json` to `-heldout24`): a regression floor, so a later
/// change cannot quietly lose what they taught. Micro precision and recall ≥ 0.90 on each,
/// except heldout6's precision (0.889 after its passes: its customer-FAQ and third-party traps
/// are not all solved), floor 0.85, and heldout7, whose false alarms only were worked on
/// (P 0.891, R 0.671 then; 0.915 / 0.740 now): floors 0.85 and 0.70; heldout8 (P 0.955,
/// R 0.933 after its pass); heldout9 (P 0.970, R 1.000) and heldout10 (P 0.908, R 0.983:
/// its third-party traps are not all solved), floors 0.85 and 0.90; heldout11 (P 0.848,
/// R 0.966), floors 0.80 and 0.90; heldout12 (P 0.788, R 0.897: 282 forbidden labels),
/// floors 0.75 and 0.85; heldout13 (P 0.750, R 0.873 after its pass: blind it scored 0.556 /
/// 0.727), floors 0.70 and 0.85; heldout14 (P 0.859, R 0.938; blind 0.704 / 0.769), floors
/// 0.80 and 0.90; heldout15 (P 0.766, R 0.922; blind 0.684 / 0.812), floors 0.70 and 0.90;
/// heldout16 (P 0.750, R 0.708 after a false-alarm-only pass; blind 0.680 / 0.708), floors
/// 0.70 and 0.65; heldout17 (P 0.882, R 0.952; blind 0.788 / 0.825: its personal-blog
/// traps are not solved), floors 0.80 and 0.90; heldout18 (P 0.935, R 0.967; blind 0.827 /
/// 0.717), heldout19 (P 0.938, R 0.968; blind 0.806 / 0.871), heldout20 (P 0.970, R 1.000;
/// blind 0.925 / 0.766), heldout21 (P 0.939, R 0.984; blind 0.803 / 0.905), heldout22
/// (P 0.873, R 0.925; blind 0.685 / 0.746) and heldout23 (P 0.886, R 0.939; blind 0.796 /
/// 0.652), floors 0.85 and 0.90; heldout24 (P 0.871, R 0.897; blind 0.816 / 0.588),
/// floors 0.85 and 0.85; heldout27 (P 0.983, R 0.905; blind 0.964 / 0.857), floors 0.90 and
/// 0.85; heldout28 (P 1.000, R 0.750; blind 1.000 / 0.725), floors 0.90 and 0.70;
/// heldout29 (P 0.919, R 0.850; blind 0.873 / 0.688, tuned on its odd-numbered files only),
/// floors 0.85 and 0.80.
#[test]
fn former_held_out_sets_keep_their_micro_scores() -> TestResult<()> {
    const FLOORS: [(&str, f64, f64); 31] = [
        ("labels-heldout.json", 0.90, 0.90),
        ("labels-heldout2.json", 0.90, 0.90),
        ("labels-heldout3.json", 0.90, 0.90),
        ("labels-heldout4.json", 0.90, 0.90),
        ("labels-heldout5.json", 0.90, 0.90),
        ("labels-heldout6.json", 0.85, 0.90),
        ("labels-heldout7.json", 0.85, 0.70),
        ("labels-heldout8.json", 0.90, 0.90),
        ("labels-heldout9.json", 0.85, 0.90),
        ("labels-heldout10.json", 0.85, 0.90),
        ("labels-heldout11.json", 0.80, 0.90),
        ("labels-heldout12.json", 0.75, 0.85),
        ("labels-heldout13.json", 0.70, 0.85),
        ("labels-heldout14.json", 0.80, 0.90),
        ("labels-heldout15.json", 0.70, 0.90),
        ("labels-heldout16.json", 0.70, 0.65),
        ("labels-heldout17.json", 0.80, 0.90),
        ("labels-heldout18.json", 0.85, 0.90),
        ("labels-heldout19.json", 0.85, 0.90),
        ("labels-heldout20.json", 0.85, 0.90),
        ("labels-heldout21.json", 0.85, 0.90),
        ("labels-heldout22.json", 0.85, 0.90),
        ("labels-heldout23.json", 0.85, 0.90),
        ("labels-heldout24.json", 0.85, 0.85),
        // Written for the Reg FD review (below); its MNPI labels are few and certain
        // (P 0.983, R 0.905).
        ("labels-heldout27.json", 0.90, 0.85),
        // The second Reg FD set (P 1.000, R 0.750: its MNPI labels are few).
        ("labels-heldout28.json", 0.90, 0.70),
        // Four registers per category, tuned on its odd-numbered files only.
        ("labels-heldout29.json", 0.85, 0.80),
        // Tuned on its odd-numbered half only (the even half still a check of transfer).
        ("labels-battery1.json", 0.90, 0.86),
        // Written blind with most facts told without the category's textbook word; tuned on
        // its odd-numbered half only (P 0.933, R 0.779).
        ("labels-battery2.json", 0.88, 0.76),
        // Whole short documents whose traps are already public, historical, other companies'
        // news, hypothetical or figurative (P 0.824, R 0.925; blind 0.758 / 0.830); tuned on
        // its odd-numbered half only. P 0.843 with the history-piece, title and named-party
        // statement rules.
        ("labels-battery3.json", 0.82, 0.90),
        // Written blind by four writers who saw neither the lexicon nor the other batteries,
        // facts told mostly without the category's textbook word (blind P 0.808, R 0.600);
        // tuned on its odd-numbered half only (P 0.867, R 0.818; the even half R 0.636).
        // P 0.884 with the history-piece and named-party statement rules.
        ("labels-battery4.json", 0.85, 0.78),
    ];
    let engine = Engine::new(Config::default())?;
    let mut missed = Vec::new();
    for (set, min_precision, min_recall) in FLOORS {
        let r = set_eval(&engine, set)?;
        assert!(r.missing.is_empty(), "{set}: missing {:?}", r.missing);
        if r.micro.precision < min_precision || r.micro.recall < min_recall {
            missed.push(format!(
                "{set}: micro P {:.3} R {:.3}\n{}",
                r.micro.precision,
                r.micro.recall,
                table(&r)
            ));
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
    Ok(())
}

// Non-GAAP measures (Regulation G / Item 10(e)): identification and the flags of CONTRACT.md's
// `non_gaap[]` on the development set and on heldout30, a set written blind by someone who
// had not seen the lexicon (its odd-numbered files were read afterwards; corpus/SOURCES.md).
// The floors sit a little under the scores measured after the last change to the engine (F1
// reconciled 0.924, forward-looking 0.800, unreasonable efforts 0.882, per-share 0.909,
// prominence 0.684 on 2026-11-22), so a lexicon or engine change that loses measures or flips
// flags fails CI.
#[test]
fn non_gaap_measures_and_their_flags_keep_their_scores() -> TestResult<()> {
    let engine = Engine::new(Config::default())?;
    let dev = set_eval(&engine, "labels.json")?;
    assert!(
        dev.non_gaap.precision >= 1.0 && dev.non_gaap.recall >= 1.0,
        "development set, non-GAAP measures:\n{}",
        table(&dev)
    );
    // The development set's GAAP EPS is written "net income of $38.4 million, or $0.91 per
    // diluted share": its adjusted EPS is not more prominent.
    let prominence = dev.non_gaap_flags.get("prominence_issue");
    assert!(
        prominence.is_some_and(|s| s.precision >= 1.0 && s.recall >= 1.0),
        "development set, prominence:\n{}",
        table(&dev)
    );
    let r = set_eval(&engine, "labels-heldout30.json")?;
    assert!(
        r.non_gaap.precision >= 0.92 && r.non_gaap.recall >= 0.95,
        "heldout30, non-GAAP measures: P {:.3} R {:.3}\n{}",
        r.non_gaap.precision,
        r.non_gaap.recall,
        table(&r)
    );
    // (flag, minimum F1 with `true` as the positive class)
    for (flag, floor) in [
        ("reconciled", 0.90),
        ("forward_looking", 0.75),
        ("unreasonable_efforts_statement", 0.85),
        ("per_share_liquidity", 0.85),
        ("prominence_issue", 0.62),
    ] {
        let f1 = r.non_gaap_flags.get(flag).map_or(0.0, |s| s.f1);
        assert!(
            f1 >= floor,
            "heldout30, {flag}: F1 {f1:.3} < {floor}\n{}",
            table(&r)
        );
    }
    Ok(())
}
