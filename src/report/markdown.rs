//! The Markdown review report: what a compliance reviewer reads first.
//!
//! Layout: summary (counts, throughput, findings by severity and rule), the selective
//! disclosures that need remediation (deadlines first), inputs not reviewed, then each
//! document with findings — most severe first — with its remediation box, findings grouped
//! by rule with excerpts and policy citations, and its non-GAAP measures' Reg G status.
//! Documents without findings close the report in one table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::detect::Finding;
use crate::document::FailureStatus;
use crate::review::{DocumentReview, Report};

/// Excerpts shown per rule and document before "+N more".
const PER_RULE: usize = 4;

/// Renders the report as Markdown.
#[must_use]
pub fn render(report: &Report) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let s = &report.stats;
    let _ = writeln!(o, "# regfd review report\n");
    let _ = writeln!(
        o,
        "Generated {} by regfd {} · fail level **{}** · exit code **{}**\n",
        report.generated_at.to_rfc3339(),
        env!("CARGO_PKG_VERSION"),
        report.fail_on.as_str(),
        report.exit_code()
    );
    let _ = writeln!(o, "## Summary\n");
    let _ = writeln!(o, "| | |\n|---|---:|");
    let _ = writeln!(o, "| files found | {} |", s.files_found);
    let _ = writeln!(
        o,
        "| = files reviewed + skipped + failed | {} + {} + {} |",
        s.files_reviewed, s.files_skipped, s.files_failed
    );
    let _ = writeln!(
        o,
        "| documents reviewed (posts count one each) | {} |",
        s.reviewed
    );
    let _ = writeln!(o, "| inputs skipped (files or posts) | {} |", s.skipped);
    let _ = writeln!(o, "| inputs failed (files or posts) | {} |", s.failed);
    let with_findings = report
        .documents
        .iter()
        .filter(|d| !d.findings.is_empty())
        .count();
    let _ = writeln!(o, "| documents with findings | {with_findings} |");
    let selective = report
        .documents
        .iter()
        .filter(|d| d.regfd.selective_disclosure)
        .count();
    let _ = writeln!(
        o,
        "| selective disclosures needing remediation | {selective} |"
    );
    let _ = writeln!(
        o,
        "| elapsed | {:.2} s ({:.1} docs/s, {:.1} MB/s) |\n",
        s.elapsed_seconds,
        per_sec(s.reviewed as f64, s.elapsed_seconds),
        per_sec(s.bytes as f64 / 1e6, s.elapsed_seconds)
    );

    let _ = writeln!(
        o,
        "### Findings by severity\n\n| severity | findings |\n|---|---:|"
    );
    for sev in ["high", "medium", "low", "info"] {
        let _ = writeln!(
            o,
            "| {sev} | {} |",
            s.by_severity.get(sev).copied().unwrap_or(0)
        );
    }
    let _ = writeln!(
        o,
        "\n### Findings by rule\n\n| rule | findings | documents | rests on |\n|---|---:|---:|---|"
    );
    let mut docs_per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut policy_of: BTreeMap<&str, &str> = BTreeMap::new();
    for d in &report.documents {
        let mut seen: Vec<&str> = d.findings.iter().map(|f| &*f.rule).collect();
        seen.sort_unstable();
        seen.dedup();
        for r in seen {
            *docs_per_rule.entry(r).or_default() += 1;
        }
        for f in &d.findings {
            policy_of.entry(&*f.rule).or_insert(&*f.policy);
        }
    }
    for (rule, n) in &s.by_rule {
        let _ = writeln!(
            o,
            "| `{rule}` | {n} | {} | {} |",
            docs_per_rule.get(rule.as_str()).copied().unwrap_or(0),
            cell(policy_of.get(rule.as_str()).copied().unwrap_or(""))
        );
    }

    if selective > 0 {
        let _ = writeln!(o, "\n## Selective disclosures requiring remediation\n");
        let _ = writeln!(
            o,
            "| document | categories | policy deadline (New York) | Reg FD outer limit |\n|---|---|---|---|"
        );
        let mut sel: Vec<&DocumentReview> = report
            .documents
            .iter()
            .filter(|d| d.regfd.selective_disclosure)
            .collect();
        sel.sort_by_key(|d| {
            d.regfd
                .remediation
                .as_ref()
                .and_then(|r| r.deadlines.as_ref())
                .map(|x| x.policy_deadline)
        });
        for d in sel {
            let r = d.regfd.remediation.as_ref();
            let dl = r.and_then(|r| r.deadlines.as_ref());
            let _ = writeln!(
                o,
                "| [{}](#{}) | {} | {} | {} |",
                cell(&d.path),
                anchor(&d.path),
                r.map(|r| r.categories.join(", ")).unwrap_or_default(),
                dl.map_or_else(
                    || "unknown: set `disclosed_at`".to_owned(),
                    |x| x.policy_deadline.format("%a %Y-%m-%d %H:%M %Z").to_string()
                ),
                dl.map_or_else(String::new, |x| x
                    .regfd_deadline
                    .format("%a %Y-%m-%d %H:%M %Z")
                    .to_string())
            );
        }
    }

    if !report.failures.is_empty() {
        let _ = writeln!(
            o,
            "\n## Inputs not reviewed\n\n| input | status | stage | reason |\n|---|---|---|---|"
        );
        for f in &report.failures {
            let st = match f.status {
                FailureStatus::Skipped => "skipped",
                FailureStatus::Failed => "**failed**",
            };
            let _ = writeln!(
                o,
                "| {} | {st} | {} | {} |",
                cell(&f.path),
                f.stage,
                cell(&f.reason)
            );
        }
    }

    let mut docs: Vec<&DocumentReview> = report
        .documents
        .iter()
        .filter(|d| !d.findings.is_empty() || !d.non_gaap.is_empty())
        .collect();
    docs.sort_by(|a, b| {
        b.max_severity()
            .cmp(&a.max_severity())
            .then_with(|| a.path.cmp(&b.path))
    });
    let _ = writeln!(o, "\n## Documents\n");
    for d in docs {
        document(&mut o, d);
    }
    let clean: Vec<&DocumentReview> = report
        .documents
        .iter()
        .filter(|d| d.findings.is_empty() && d.non_gaap.is_empty())
        .collect();
    if !clean.is_empty() {
        let _ = writeln!(
            o,
            "\n## Documents without findings\n\n| document | kind | format |\n|---|---|---|"
        );
        for d in clean {
            let _ = writeln!(o, "| {} | {} | {} |", cell(&d.path), d.kind, d.format);
        }
    }
    o
}

fn document(o: &mut String, d: &DocumentReview) {
    let sev = d.max_severity().map_or("none", |s| s.as_str());
    let _ = writeln!(
        o,
        "<a id=\"{}\"></a>\n### {}\n",
        anchor(&d.path),
        md_escape(&d.path)
    );
    let m = &d.metadata;
    let mut meta = vec![
        format!("{} ({})", d.kind, d.format),
        format!("highest severity **{sev}**"),
    ];
    for (k, v) in [
        ("company", &m.company),
        ("author", &m.author),
        ("handle", &m.handle),
        ("channel", &m.channel),
        ("audience", &m.audience),
    ] {
        if let Some(v) = v {
            meta.push(format!("{k}: {}", md_escape(v)));
        }
    }
    if let Some(t) = m.disclosed_at {
        meta.push(format!(
            "disclosed {}",
            t.with_timezone(&chrono_tz::America::New_York)
                .format("%a %Y-%m-%d %H:%M %Z")
        ));
    }
    let _ = writeln!(o, "{}\n", meta.join(" · "));
    let _ = writeln!(
        o,
        "Channel: {} — {}\n",
        if d.regfd.channel.public {
            "public"
        } else {
            "**not public**"
        },
        md_escape(&d.regfd.channel.basis)
    );
    if let Some(r) = &d.regfd.remediation {
        let _ = writeln!(
            o,
            "> **Remediation required — selective disclosure of MNPI (Reg FD Rule 100(a); Reg FD Policy I.B)**  "
        );
        let _ = writeln!(
            o,
            "> **What must be made public:** {}  ",
            r.categories.join(", ")
        );
        for e in &r.excerpts {
            let _ = writeln!(o, "> — «{}»  ", md_escape(e));
        }
        match &r.deadlines {
            Some(dl) => {
                let _ = writeln!(
                    o,
                    "> **By:** {} (New York time) — {}  ",
                    dl.policy_deadline.format("%A %Y-%m-%d %H:%M %Z"),
                    md_escape(&dl.reason)
                );
                let _ = writeln!(
                    o,
                    "> **Reg FD outer limit (Rule 101(d)):** {}  ",
                    dl.regfd_deadline.format("%A %Y-%m-%d %H:%M %Z")
                );
            }
            None => {
                let _ = writeln!(
                    o,
                    "> **By:** unknown — the document has no `disclosed_at`; within 24 hours of disclosure, or before the next NYSE open if a weekend or holiday intervenes (Reg FD Policy I.B)  "
                );
            }
        }
        let _ = writeln!(o, "> **How:** {}\n", r.how.join("; "));
    }
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &d.findings {
        by_rule.entry(&*f.rule).or_default().push(f);
    }
    let mut rules: Vec<(&str, Vec<&Finding>)> = by_rule.into_iter().collect();
    rules.sort_by(|a, b| {
        let ma = a.1.iter().map(|f| f.severity).max();
        let mb = b.1.iter().map(|f| f.severity).max();
        mb.cmp(&ma).then_with(|| a.0.cmp(b.0))
    });
    if !rules.is_empty() {
        let _ = writeln!(o, "**Findings**\n");
    }
    for (rule, fs) in rules {
        let top = fs
            .iter()
            .map(|f| f.severity)
            .max()
            .map_or("", |s| s.as_str());
        let _ = writeln!(
            o,
            "- **`{rule}`** — {} finding{} (up to {top}) · {}",
            fs.len(),
            if fs.len() == 1 { "" } else { "s" },
            md_escape(&fs[0].policy)
        );
        let mnpi = rule.starts_with("mnpi.");
        if mnpi {
            // The category's reason is the same for every finding: say it once.
            if let Some((_, why)) = fs[0].message.split_once(" — ") {
                let _ = writeln!(o, "  - *Why:* {}", md_escape(why));
            }
        }
        for f in fs.iter().take(PER_RULE) {
            let loc = match (f.page, f.line, f.column) {
                (Some(page), Some(line), _) => format!("p{page} L{line}"),
                (None, Some(line), Some(col)) => format!("L{line}:{col}"),
                _ => "document".to_owned(),
            };
            let what = if mnpi && !f.matched.is_empty() {
                format!("matched \"{}\"", f.matched.join("\", \""))
            } else {
                f.message.clone()
            };
            let _ = writeln!(
                o,
                "  - {loc} [{}] {}",
                f.severity.as_str(),
                md_escape(&what)
            );
            if !f.excerpt.is_empty() {
                let _ = writeln!(o, "    > {}", md_escape(&f.excerpt));
            }
            if !f.context.is_empty() {
                let _ = writeln!(o, "    <br>context: {}", md_escape(&f.context.join("; ")));
            }
        }
        if fs.len() > PER_RULE {
            let _ = writeln!(
                o,
                "  - … and {} more (see report.json)",
                fs.len() - PER_RULE
            );
        }
        if let Some(c) = &fs[0].check {
            let _ = writeln!(o, "  - *Check:* {}", md_escape(c));
        }
    }
    if !d.non_gaap.is_empty() {
        let _ = writeln!(o, "\n**Non-GAAP measures (Regulation G / Item 10(e))**\n");
        let _ = writeln!(
            o,
            "| measure | as written | line | most directly comparable GAAP measure | GAAP presented | reconciled | prominence issue | forward-looking | per-share liquidity |\n|---|---|---:|---|---|---|---|---|---|"
        );
        for u in &d.non_gaap {
            let yn = |b: bool| if b { "yes" } else { "no" };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&u.measure),
                cell(&u.as_written),
                u.line,
                cell(&u.gaap_comparable),
                yn(u.gaap_present),
                if u.reconciled { "yes" } else { "**no**" },
                if u.prominence_issue { "**yes**" } else { "no" },
                if u.forward_looking {
                    if u.unreasonable_efforts_statement {
                        "yes (unreasonable-efforts statement)"
                    } else {
                        "yes"
                    }
                } else {
                    "no"
                },
                if u.per_share_liquidity {
                    "**yes**"
                } else {
                    "no"
                }
            );
        }
    }
    if !d.suppressed.is_empty() {
        let _ = writeln!(
            o,
            "\nSuppressed: {}",
            d.suppressed
                .iter()
                .map(|s| format!("`{}` ({})", s.rule, md_escape(&s.reason)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !d.warnings.is_empty() {
        let _ = writeln!(
            o,
            "\nExtraction notes: {}",
            md_escape(&d.warnings.join("; "))
        );
    }
    let _ = writeln!(o);
}

fn per_sec(x: f64, secs: f64) -> f64 {
    if secs > 0.0 { x / secs } else { 0.0 }
}

/// Escapes Markdown-significant characters in running text.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A table cell: escaped, no line breaks.
fn cell(s: &str) -> String {
    md_escape(s)
}

/// An HTML anchor id for a document path.
fn anchor(path: &str) -> String {
    let mut a: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    a.insert_str(0, "doc-");
    a
}
