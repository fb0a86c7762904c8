//! `regfd deadline`: remediation deadlines for an unintentional selective disclosure
//! (CONTRACT.md "Command line" and "Remediation deadlines"), computed by
//! [`crate::assess::deadline`] on the NYSE calendar.
// This subcommand's whole job is to print the deadlines to stdout (STYLE.md: allowed in cli/).
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::{DateTime, FixedOffset, SecondsFormat};
use chrono_tz::Tz;

use crate::assess::calendar::NyseCalendar;
use crate::assess::deadline::{Deadlines, PolicyReading, remediation_deadlines_with};

/// Arguments of `regfd deadline`.
#[derive(Debug, clap::Args)]
pub struct DeadlineArgs {
    /// When the information was selectively disclosed: an RFC 3339 instant with offset,
    /// e.g. 2025-03-14T15:00:00-04:00 (seconds may be omitted).
    pub disclosed_at: String,
    /// When a senior official learned of the disclosure (RFC 3339; default: `DISCLOSED_AT`).
    /// Starts the Regulation FD (Rule 101(d)) clock.
    #[arg(long, value_name = "RFC3339")]
    pub learned_at: Option<String>,
    /// Print one JSON object: `disclosed_at`, `learned_at`, `policy_deadline`,
    /// `regfd_deadline`, `reason` (instants in RFC 3339 with the New York offset).
    #[arg(long)]
    pub json: bool,
    /// Read the policy's "intervening weekend or holiday" as dates strictly after the
    /// disclosure date (Policy P′) instead of from the disclosure date on (Policy P).
    #[arg(long)]
    pub strict_reading: bool,
    /// NYSE calendar data file replacing the built-in one (same format as
    /// dictionaries/calendar/nyse.toml), e.g. after an unscheduled closure is announced.
    #[arg(long, value_name = "FILE")]
    pub calendar: Option<PathBuf>,
}

/// The `--json` output, keys in CONTRACT.md order.
#[derive(Debug, serde::Serialize)]
struct DeadlineJson {
    disclosed_at: String,
    learned_at: String,
    policy_deadline: String,
    regfd_deadline: String,
    reason: String,
}

/// Runs `regfd deadline`; returns the exit code (0).
///
/// # Errors
/// An instant that is not RFC 3339 with an offset, a `--learned-at` before the disclosure,
/// or an unreadable/malformed `--calendar` file; `main` maps these to exit code 2.
pub fn run(args: &DeadlineArgs) -> anyhow::Result<u8> {
    let disclosed_at = parse_instant(&args.disclosed_at).context("DISCLOSED_AT")?;
    let learned_at = args
        .learned_at
        .as_deref()
        .map(parse_instant)
        .transpose()
        .context("--learned-at")?;
    if let Some(l) = learned_at
        && l < disclosed_at
    {
        bail!(
            "--learned-at {} is before DISCLOSED_AT {}: no one can learn of a disclosure \
             before it happens",
            args.learned_at.as_deref().unwrap_or_default(),
            args.disclosed_at
        );
    }
    let cal = match &args.calendar {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading calendar {}", path.display()))?;
            NyseCalendar::from_toml(&text)
                .with_context(|| format!("calendar {}", path.display()))?
        }
        None => NyseCalendar::embedded().context("built-in NYSE calendar")?,
    };
    let reading = if args.strict_reading {
        PolicyReading::StrictlyAfter
    } else {
        PolicyReading::Inclusive
    };
    let d = remediation_deadlines_with(&cal, disclosed_at, learned_at, reading);

    if args.json {
        println!("{}", serde_json::to_string_pretty(&to_json(&d))?);
    } else {
        print!("{}", plain(&d, &cal));
    }
    Ok(super::EXIT_CLEAN)
}

/// Parses an RFC 3339 instant; also accepts the minute-precision form
/// `2025-03-14T15:00-04:00` used in compliance notes. An offset (or `Z`) is required: a
/// bare local time would leave the New York date ambiguous.
fn parse_instant(text: &str) -> anyhow::Result<DateTime<FixedOffset>> {
    let t = text.trim();
    DateTime::parse_from_rfc3339(t)
        .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M%:z"))
        .or_else(|_| DateTime::parse_from_str(&t.replacen('Z', "+00:00", 1), "%Y-%m-%dT%H:%M%:z"))
        .with_context(|| {
            format!(
                "{text:?} is not an RFC 3339 instant with an offset \
                 (example: 2025-03-14T15:00:00-04:00)"
            )
        })
}

/// RFC 3339 with the New York offset; fractional seconds only when present.
fn rfc3339(t: DateTime<Tz>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

fn to_json(d: &Deadlines) -> DeadlineJson {
    DeadlineJson {
        disclosed_at: rfc3339(d.disclosed_at),
        learned_at: rfc3339(d.learned_at),
        policy_deadline: rfc3339(d.policy_deadline),
        regfd_deadline: rfc3339(d.regfd_deadline),
        reason: d.reason.clone(),
    }
}

/// "Mon 2025-03-17 09:30:00 EDT (-04:00)".
fn human(t: DateTime<Tz>) -> String {
    t.format("%a %Y-%m-%d %H:%M:%S %Z (%:z)").to_string()
}

fn plain(d: &Deadlines, cal: &NyseCalendar) -> String {
    let reading = match d.reading {
        PolicyReading::Inclusive => "Reg FD Policy I.B",
        PolicyReading::StrictlyAfter => "Reg FD Policy I.B, strict reading",
    };
    let mut out = format!(
        "disclosed at     {}\nlearned at       {}\npolicy deadline  {}  ({reading})\n\
         Reg FD deadline  {}  (17 CFR 243.101(d))\nreason: {}\n",
        human(d.disclosed_at),
        human(d.learned_at),
        human(d.policy_deadline),
        human(d.regfd_deadline),
        d.reason
    );
    let (from, through) = cal.reviewed_range();
    let outside = [d.disclosed_at, d.policy_deadline, d.regfd_deadline]
        .into_iter()
        .map(|t| t.date_naive())
        .find(|day| !cal.has_data_for(*day));
    if let Some(day) = outside {
        let _ = writeln!(
            out,
            "note: {day} is outside the calendar data's reviewed range ({from} to {through}); \
             holiday rules apply but unscheduled closures there are unknown."
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_parse_with_and_without_seconds() {
        let a = parse_instant("2025-03-14T15:00:00-04:00").expect("rfc3339");
        let b = parse_instant("2025-03-14T15:00-04:00").expect("minutes");
        let z = parse_instant("2025-03-14T19:00Z").expect("zulu minutes");
        assert_eq!(a, b);
        assert_eq!(a, z);
        for bad in [
            "2025-03-14T15:00:00",
            "2025-03-14",
            "yesterday",
            "",
            "2025-02-30T10:00:00Z",
        ] {
            assert!(parse_instant(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_uses_new_york_offsets() {
        let cal = NyseCalendar::embedded().expect("calendar");
        let t = parse_instant("2025-03-14T19:00:00Z").expect("instant");
        let d = remediation_deadlines_with(&cal, t, None, PolicyReading::Inclusive);
        let j = to_json(&d);
        assert_eq!(j.disclosed_at, "2025-03-14T15:00:00-04:00");
        assert_eq!(j.learned_at, "2025-03-14T15:00:00-04:00");
        assert_eq!(j.policy_deadline, "2025-03-17T09:30:00-04:00");
        assert_eq!(j.regfd_deadline, "2025-03-17T09:30:00-04:00");
        let text = plain(&d, &cal);
        assert!(
            text.contains("policy deadline  Mon 2025-03-17 09:30:00 EDT (-04:00)"),
            "{text}"
        );
        assert!(!text.contains("note:"), "{text}");
    }
}
