//! Remediation deadlines for an unintentional selective disclosure, and the insider-trading
//! "two full trading days" rule.
//!
//! Owns: the company policy deadline (Reg FD Policy I.B: "promptly (within 24 hours) … If
//! there is an intervening weekend or holiday, … before the open of market on the next
//! trading day"), the Regulation FD outer limit (17 CFR 243.101(d): the later of 24 hours
//! or the commencement of the next day's NYSE trading), and the first day insiders may trade
//! after an announcement (Insider Trading Policy IV.C) with its trading window. Input:
//! aware instants (`DateTime<FixedOffset>`, any offset) and a [`NyseCalendar`]. Output:
//! instants in `America/New_York` and New York civil dates.
//!
//! Definitions (DOMAIN.md §1.5 and §5.1): every date test uses the New York civil date of an
//! instant, whatever office made the disclosure, and "24 hours" is elapsed time (UTC
//! arithmetic), not wall-clock time across a DST change. Leaves to others: deciding whether
//! a disclosure was selective or intentional (an intentional one has no grace period: it is
//! due at the same time).

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Weekday};
use chrono_tz::America::New_York;
use chrono_tz::Tz;

use super::calendar::NyseCalendar;

/// How Reg FD Policy I.B's "intervening weekend or holiday" is read (CONTRACT.md "Remediation
/// deadlines"; DOMAIN.md §1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PolicyReading {
    /// Policy P (the contract's reading): a non-trading New York date anywhere from the
    /// disclosure date through the date 24 hours later, inclusive, intervenes.
    #[default]
    Inclusive,
    /// Policy P′: only dates strictly after the disclosure date count. Differs from
    /// [`Inclusive`](Self::Inclusive) only for a disclosure made on a weekend day or
    /// holiday, which then gets the full 24 hours when those end on a trading day.
    StrictlyAfter,
}

/// The remediation deadlines for one unintentional selective disclosure.
///
/// Every instant is in `America/New_York` (offset EST or EDT as in force at that instant).
/// A deadline means "public disclosure must be made by this instant".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    /// When the information was selectively disclosed (T).
    pub disclosed_at: DateTime<Tz>,
    /// When a senior official learned of the disclosure (L); `disclosed_at` when not given,
    /// and never earlier than `disclosed_at` (see [`remediation_deadlines`]).
    pub learned_at: DateTime<Tz>,
    /// Reg FD Policy I.B deadline, computed from `disclosed_at` under `reading`.
    pub policy_deadline: DateTime<Tz>,
    /// Rule 101(d) deadline: max(L + 24 h, the open of the first NYSE trading day dated
    /// after L's New York date).
    pub regfd_deadline: DateTime<Tz>,
    /// Reviewer-readable sentences naming the rules applied and why each deadline falls
    /// where it does.
    pub reason: String,
    /// The weekend days and NYSE closures (New York date, reason) that intervened under the
    /// policy; empty when the policy deadline is plain T + 24 h.
    pub intervening: Vec<(NaiveDate, String)>,
    /// The reading of the policy that produced `policy_deadline`.
    pub reading: PolicyReading,
}

/// Computes both remediation deadlines under the contract's policy reading
/// ([`PolicyReading::Inclusive`], Policy P of DOMAIN.md §1.5).
///
/// `disclosed_at` is T; `learned_at` is L, when a senior official learned of the
/// disclosure (defaults to T). See [`remediation_deadlines_with`].
#[must_use]
pub fn remediation_deadlines(
    cal: &NyseCalendar,
    disclosed_at: DateTime<FixedOffset>,
    learned_at: Option<DateTime<FixedOffset>>,
) -> Deadlines {
    remediation_deadlines_with(cal, disclosed_at, learned_at, PolicyReading::Inclusive)
}

/// Computes both remediation deadlines under an explicit policy `reading`.
///
/// * Policy (Reg FD Policy I.B): H = T + 24 h. If any New York date in [date(T), date(H)]
///   (or (date(T), date(H)] under [`PolicyReading::StrictlyAfter`]) is a Saturday, Sunday
///   or NYSE closure, the deadline is the open of the first NYSE trading day dated after
///   date(T); otherwise it is H.
/// * Reg FD (Rule 101(d)): max(L + 24 h, open of the first NYSE trading day dated after
///   date(L)) — "the next day's trading" read as the first session on a later date.
///
/// "Open" is the session's actual start: 09:30 ET, or a recorded late opening. A `learned_at`
/// earlier than `disclosed_at` is impossible (no one learns of a disclosure before it
/// happens) and is raised to `disclosed_at`; the reason then says so. Instants within a day
/// of chrono's representable limit saturate instead of overflowing.
#[must_use]
pub fn remediation_deadlines_with(
    cal: &NyseCalendar,
    disclosed_at: DateTime<FixedOffset>,
    learned_at: Option<DateTime<FixedOffset>>,
    reading: PolicyReading,
) -> Deadlines {
    let t = disclosed_at.with_timezone(&New_York);
    let raw_l = learned_at.map_or(t, |l| l.with_timezone(&New_York));
    let l = raw_l.max(t);

    let (policy_deadline, intervening) = policy_deadline(cal, t, reading);
    let regfd_deadline = regfd_deadline(cal, l);

    let mut reason = policy_reason(cal, t, reading, policy_deadline, &intervening);
    reason.push(' ');
    reason.push_str(&regfd_reason(cal, t, l, regfd_deadline));
    if raw_l < t {
        let _ = write!(
            reason,
            " The given learned-at instant ({}) precedes the disclosure and was replaced by \
             the disclosure instant.",
            fmt_instant(raw_l)
        );
    }
    Deadlines {
        disclosed_at: t,
        learned_at: l,
        policy_deadline,
        regfd_deadline,
        reason,
        intervening,
        reading,
    }
}

/// The Reg FD Policy I.B deadline for a disclosure at `t` and the non-trading dates that
/// intervened (New York date, reason). See [`remediation_deadlines_with`] for the rule.
#[must_use]
pub fn policy_deadline(
    cal: &NyseCalendar,
    t: DateTime<Tz>,
    reading: PolicyReading,
) -> (DateTime<Tz>, Vec<(NaiveDate, String)>) {
    let d0 = t.date_naive();
    let h = plus_24h(t);
    let first = match reading {
        PolicyReading::Inclusive => Some(d0),
        PolicyReading::StrictlyAfter => d0.succ_opt(),
    };
    let intervening: Vec<(NaiveDate, String)> = first
        .into_iter()
        .flat_map(|f| f.iter_days().take_while(move |d| *d <= h.date_naive()))
        .filter_map(|d| cal.closure_reason(d).map(|r| (d, r)))
        .collect();
    if intervening.is_empty() {
        (h, intervening)
    } else {
        (cal.open_of(cal.next_trading_day_after(d0)), intervening)
    }
}

/// The Rule 101(d) deadline for a disclosure learned of at `l`: the later of `l` + 24 h and
/// the open of the first NYSE trading day dated after `l`'s New York date.
#[must_use]
pub fn regfd_deadline(cal: &NyseCalendar, l: DateTime<Tz>) -> DateTime<Tz> {
    let next_open = cal.open_of(cal.next_trading_day_after(l.date_naive()));
    plus_24h(l).max(next_open)
}

/// `t` + 24 hours of elapsed time (UTC arithmetic, so 23 or 25 wall-clock hours across a
/// DST change). Saturates at chrono's last instant.
fn plus_24h(t: DateTime<Tz>) -> DateTime<Tz> {
    t.checked_add_signed(TimeDelta::hours(24))
        .unwrap_or_else(|| DateTime::<chrono::Utc>::MAX_UTC.with_timezone(&New_York))
}

/// "Mon 2025-03-17 09:30 EDT".
fn fmt_instant(t: DateTime<Tz>) -> String {
    t.format("%a %Y-%m-%d %H:%M %Z").to_string()
}

/// "Monday 2025-03-17".
fn fmt_day(d: NaiveDate) -> String {
    format!("{} {}", weekday_name(d.weekday()), d.format("%Y-%m-%d"))
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "Saturday 2025-03-15" for a weekend day; "Thursday 2025-01-09 (National day of mourning,
/// President Jimmy Carter)" for a closure.
fn fmt_closed_day(d: NaiveDate, why: &str) -> String {
    if why == weekday_name(d.weekday()) {
        fmt_day(d)
    } else {
        format!("{} ({why})", fmt_day(d))
    }
}

/// "a", "a and b", "a, b and c".
fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn policy_reason(
    cal: &NyseCalendar,
    t: DateTime<Tz>,
    reading: PolicyReading,
    deadline: DateTime<Tz>,
    intervening: &[(NaiveDate, String)],
) -> String {
    let reading_note = match reading {
        PolicyReading::Inclusive => "",
        PolicyReading::StrictlyAfter => {
            " (strict reading: the disclosure date itself is not counted)"
        }
    };
    if intervening.is_empty() {
        let d0 = t.date_naive();
        let dh = plus_24h(t).date_naive();
        let span = if reading == PolicyReading::StrictlyAfter {
            format!("after {} through {}", fmt_day(d0), fmt_day(dh))
        } else if d0 == dh {
            format!("on {}", fmt_day(d0))
        } else {
            format!("from {} through {}", fmt_day(d0), fmt_day(dh))
        };
        format!(
            "Reg FD Policy I.B{reading_note}: no weekend or NYSE holiday falls {span}, so \
             public disclosure is due within 24 hours, by {}.",
            fmt_instant(deadline)
        )
    } else {
        let days: Vec<String> = intervening
            .iter()
            .map(|(d, r)| fmt_closed_day(*d, r))
            .collect();
        let verb = if days.len() == 1 {
            "intervenes"
        } else {
            "intervene"
        };
        let open_day = deadline.date_naive();
        let open_note = cal
            .session(open_day)
            .and_then(|s| s.special)
            .filter(|_| deadline.time() != super::calendar::REGULAR_OPEN)
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        format!(
            "Reg FD Policy I.B{reading_note}: {} {verb}, so public disclosure is due before the \
             {} open on {}{open_note}.",
            join_list(&days),
            deadline.format("%H:%M"),
            fmt_day(open_day)
        )
    }
}

fn regfd_reason(
    cal: &NyseCalendar,
    t: DateTime<Tz>,
    l: DateTime<Tz>,
    deadline: DateTime<Tz>,
) -> String {
    let h = plus_24h(l);
    let next_day = cal.next_trading_day_after(l.date_naive());
    let next_open = cal.open_of(next_day);
    let start = if l == t {
        "the disclosure".to_owned()
    } else {
        format!("a senior official learned of it ({})", fmt_instant(l))
    };
    let which = if h >= next_open {
        "the 24 hours"
    } else {
        "the next day's open"
    };
    format!(
        "Rule 101(d) (17 CFR 243.101(d)): 24 hours after {start} ends {}, and the next day's \
         NYSE trading commences {}; the later, {which}, is the deadline: {}.",
        fmt_instant(h),
        fmt_instant(next_open),
        fmt_instant(deadline)
    )
}

/// The first New York date on which insiders may trade after an announcement at
/// `announced_at` (Insider Trading Policy IV.C: information is public after two full
/// trading days; DOMAIN.md §6).
///
/// Counts NYSE sessions whose open is strictly after `announced_at` (an announcement at
/// exactly 09:30:00 does not make that session full); when `early_close_counts` is false,
/// sessions closing before 16:00 ET are skipped instead of counted. The answer is the
/// trading day after the second counted session.
#[must_use]
pub fn first_permitted_trading_day(
    cal: &NyseCalendar,
    announced_at: DateTime<FixedOffset>,
    early_close_counts: bool,
) -> NaiveDate {
    let t = announced_at.with_timezone(&New_York);
    let mut day = t.date_naive();
    // Start with the announcement date itself: a pre-open announcement makes it full.
    if !cal.is_trading_day(day) {
        day = cal.next_trading_day_after(day);
    }
    let mut full_sessions = 0;
    loop {
        if let Some(s) = cal.session(day)
            && s.open > t
            && (early_close_counts || !s.early_close)
        {
            full_sessions += 1;
            if full_sessions == 2 {
                return cal.next_trading_day_after(day);
            }
        }
        let next = cal.next_trading_day_after(day);
        if next == day {
            // Only at chrono's last date; nothing later exists.
            return day;
        }
        day = next;
    }
}

/// An insider trading window (New York civil dates, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TradingWindow {
    /// First day insiders may trade ([`first_permitted_trading_day`]).
    pub opens: NaiveDate,
    /// Last day of the calendar quarter in which the results were announced (trading is
    /// allowed through this day, reading the policy's "closes on" inclusively).
    pub closes: NaiveDate,
}

impl TradingWindow {
    /// Whether the window is empty (results announced so late in the quarter that the
    /// first permitted day falls after the quarter ends).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.opens > self.closes
    }
}

/// The trading window after quarterly results announced at `announced_at`: it opens on the
/// first permitted trading day and closes on the last day of the calendar quarter of the
/// announcement's New York date (Insider Trading Policy, trading-window example: Q3 2020
/// results on 2020-11-02 → window 2020-11-04 through 2020-12-31).
#[must_use]
pub fn trading_window(
    cal: &NyseCalendar,
    announced_at: DateTime<FixedOffset>,
    early_close_counts: bool,
) -> TradingWindow {
    let day = announced_at.with_timezone(&New_York).date_naive();
    TradingWindow {
        opens: first_permitted_trading_day(cal, announced_at, early_close_counts),
        closes: last_day_of_quarter(day),
    }
}

/// Last calendar day of the quarter containing `date`.
fn last_day_of_quarter(date: NaiveDate) -> NaiveDate {
    let quarter_end_month = (date.month0() / 3 + 1) * 3;
    let next_quarter_start = if quarter_end_month == 12 {
        NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(date.year(), quarter_end_month + 1, 1)
    };
    next_quarter_start
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cal() -> NyseCalendar {
        NyseCalendar::embedded().expect("embedded calendar parses")
    }

    /// Parses the vectors' instants, which omit seconds (`2025-03-11T14:00-04:00`).
    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z")
            .or_else(|_| DateTime::parse_from_rfc3339(s))
            .expect("test instant")
    }

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// DOMAIN.md §5.2: (id, T, P, F, P′ when it differs from P).
    const R: [(&str, &str, &str, &str, Option<&str>); 30] = [
        (
            "R01",
            "2025-03-11T14:00-04:00",
            "2025-03-12T14:00-04:00",
            "2025-03-12T14:00-04:00",
            None,
        ),
        (
            "R02",
            "2025-03-11T19:45-04:00",
            "2025-03-12T19:45-04:00",
            "2025-03-12T19:45-04:00",
            None,
        ),
        (
            "R03",
            "2025-03-13T16:30-04:00",
            "2025-03-14T16:30-04:00",
            "2025-03-14T16:30-04:00",
            None,
        ),
        (
            "R04",
            "2025-03-14T15:00-04:00",
            "2025-03-17T09:30-04:00",
            "2025-03-17T09:30-04:00",
            None,
        ),
        (
            "R05",
            "2025-03-14T08:00-04:00",
            "2025-03-17T09:30-04:00",
            "2025-03-17T09:30-04:00",
            None,
        ),
        (
            "R06",
            "2025-03-15T11:00-04:00",
            "2025-03-17T09:30-04:00",
            "2025-03-17T09:30-04:00",
            None,
        ),
        (
            "R07",
            "2025-03-16T20:00-04:00",
            "2025-03-17T09:30-04:00",
            "2025-03-17T20:00-04:00",
            Some("2025-03-17T20:00-04:00"),
        ),
        (
            "R08",
            "2025-03-17T08:00-04:00",
            "2025-03-18T08:00-04:00",
            "2025-03-18T09:30-04:00",
            None,
        ),
        (
            "R09",
            "2025-11-26T15:00-05:00",
            "2025-11-28T09:30-05:00",
            "2025-11-28T09:30-05:00",
            None,
        ),
        (
            "R10",
            "2025-11-28T14:00-05:00",
            "2025-12-01T09:30-05:00",
            "2025-12-01T09:30-05:00",
            None,
        ),
        (
            "R11",
            "2025-12-24T12:00-05:00",
            "2025-12-26T09:30-05:00",
            "2025-12-26T09:30-05:00",
            None,
        ),
        (
            "R12",
            "2026-04-02T09:00-04:00",
            "2026-04-06T09:30-04:00",
            "2026-04-06T09:30-04:00",
            None,
        ),
        (
            "R13",
            "2026-04-02T16:30-04:00",
            "2026-04-06T09:30-04:00",
            "2026-04-06T09:30-04:00",
            None,
        ),
        (
            "R14",
            "2025-05-23T11:00-04:00",
            "2025-05-27T09:30-04:00",
            "2025-05-27T09:30-04:00",
            None,
        ),
        (
            "R15",
            "2026-01-16T16:30-05:00",
            "2026-01-20T09:30-05:00",
            "2026-01-20T09:30-05:00",
            None,
        ),
        (
            "R16",
            "2025-12-31T10:00-05:00",
            "2026-01-02T09:30-05:00",
            "2026-01-02T09:30-05:00",
            None,
        ),
        (
            "R17",
            "2021-12-30T15:00-05:00",
            "2021-12-31T15:00-05:00",
            "2021-12-31T15:00-05:00",
            None,
        ),
        (
            "R18",
            "2026-03-06T15:00-05:00",
            "2026-03-09T09:30-04:00",
            "2026-03-09T09:30-04:00",
            None,
        ),
        (
            "R19",
            "2026-03-08T01:30-05:00",
            "2026-03-09T09:30-04:00",
            "2026-03-09T09:30-04:00",
            Some("2026-03-09T02:30-04:00"),
        ),
        (
            "R20",
            "2025-11-01T14:00-04:00",
            "2025-11-03T09:30-05:00",
            "2025-11-03T09:30-05:00",
            None,
        ),
        (
            "R21",
            "2025-06-11T14:00+01:00",
            "2025-06-12T09:00-04:00",
            "2025-06-12T09:30-04:00",
            None,
        ),
        (
            "R22",
            "2025-03-12T14:00+00:00",
            "2025-03-13T10:00-04:00",
            "2025-03-13T10:00-04:00",
            None,
        ),
        (
            "R23",
            "2025-06-16T10:00+09:00",
            "2025-06-16T09:30-04:00",
            "2025-06-16T21:00-04:00",
            Some("2025-06-16T21:00-04:00"),
        ),
        (
            "R24",
            "2025-06-13T20:00+09:00",
            "2025-06-16T09:30-04:00",
            "2025-06-16T09:30-04:00",
            None,
        ),
        (
            "R25",
            "2025-01-08T15:00-05:00",
            "2025-01-10T09:30-05:00",
            "2025-01-10T09:30-05:00",
            None,
        ),
        (
            "R26",
            "2025-07-03T14:00-04:00",
            "2025-07-07T09:30-04:00",
            "2025-07-07T09:30-04:00",
            None,
        ),
        (
            "R27",
            "2026-06-18T16:30-04:00",
            "2026-06-22T09:30-04:00",
            "2026-06-22T09:30-04:00",
            None,
        ),
        (
            "R28",
            "2025-05-26T18:00-04:00",
            "2025-05-27T09:30-04:00",
            "2025-05-27T18:00-04:00",
            Some("2025-05-27T18:00-04:00"),
        ),
        (
            "R29",
            "2012-10-26T17:00-04:00",
            "2012-10-31T09:30-04:00",
            "2012-10-31T09:30-04:00",
            None,
        ),
        (
            "R30",
            "2024-07-02T09:45-04:00",
            "2024-07-03T09:45-04:00",
            "2024-07-03T09:45-04:00",
            None,
        ),
    ];

    #[test]
    fn remediation_vectors_r01_to_r30() {
        let c = cal();
        let mut passed = 0;
        for (id, t, p, f, p_strict) in R {
            let d = remediation_deadlines(&c, at(t), None);
            // Compare instants and also the rendered New York offset.
            assert_eq!(d.policy_deadline, at(p), "{id} P");
            assert_eq!(
                d.policy_deadline.to_rfc3339(),
                at(p).to_rfc3339(),
                "{id} P offset"
            );
            assert_eq!(d.regfd_deadline, at(f), "{id} F");
            assert_eq!(
                d.regfd_deadline.to_rfc3339(),
                at(f).to_rfc3339(),
                "{id} F offset"
            );
            let strict = remediation_deadlines_with(&c, at(t), None, PolicyReading::StrictlyAfter);
            assert_eq!(strict.policy_deadline, at(p_strict.unwrap_or(p)), "{id} P′");
            assert_eq!(strict.regfd_deadline, d.regfd_deadline, "{id} F under P′");
            passed += 1;
        }
        assert_eq!(passed, 30);
    }

    #[test]
    fn learned_at_drives_the_regfd_deadline_only() {
        let c = cal();
        // Disclosed Friday 15:00, learned Monday 08:00: policy from T, Reg FD from L.
        let d = remediation_deadlines(
            &c,
            at("2025-03-14T15:00-04:00"),
            Some(at("2025-03-17T08:00-04:00")),
        );
        assert_eq!(d.policy_deadline, at("2025-03-17T09:30-04:00"));
        assert_eq!(d.regfd_deadline, at("2025-03-18T09:30-04:00"));
        assert!(
            d.reason
                .contains("a senior official learned of it (Mon 2025-03-17 08:00 EDT)"),
            "{}",
            d.reason
        );
        // learned_at before disclosed_at is raised to disclosed_at.
        let d = remediation_deadlines(
            &c,
            at("2025-03-11T14:00-04:00"),
            Some(at("2025-03-10T14:00-04:00")),
        );
        assert_eq!(d.learned_at, at("2025-03-11T14:00-04:00"));
        assert_eq!(d.regfd_deadline, at("2025-03-12T14:00-04:00"));
        assert!(d.reason.contains("precedes the disclosure"), "{}", d.reason);
    }

    #[test]
    fn reasons_name_the_rule_and_the_intervening_days() {
        let c = cal();
        let d = remediation_deadlines(&c, at("2025-03-15T11:00-04:00"), None);
        assert!(
            d.reason.starts_with(
                "Reg FD Policy I.B: Saturday 2025-03-15 and Sunday 2025-03-16 intervene, so public \
                 disclosure is due before the 09:30 open on Monday 2025-03-17."
            ),
            "{}",
            d.reason
        );
        assert!(d.reason.contains("Rule 101(d)"), "{}", d.reason);
        assert_eq!(
            d.intervening,
            vec![
                (ymd("2025-03-15"), "Saturday".to_owned()),
                (ymd("2025-03-16"), "Sunday".to_owned())
            ]
        );

        let d = remediation_deadlines(&c, at("2025-03-14T15:00-04:00"), None);
        assert!(
            d.reason.starts_with("Reg FD Policy I.B: Saturday 2025-03-15 intervenes, so public disclosure is due before the 09:30 open on Monday 2025-03-17."),
            "{}",
            d.reason
        );
        let d = remediation_deadlines(&c, at("2025-01-08T15:00-05:00"), None);
        assert!(
            d.reason.contains(
                "Thursday 2025-01-09 (National day of mourning, President Jimmy Carter) intervenes"
            ),
            "{}",
            d.reason
        );
        let d = remediation_deadlines(&c, at("2025-03-11T14:00-04:00"), None);
        assert!(d.intervening.is_empty());
        assert!(
            d.reason
                .contains("within 24 hours, by Wed 2025-03-12 14:00 EDT"),
            "{}",
            d.reason
        );
        let d = remediation_deadlines(&c, at("2025-03-17T08:00-04:00"), None);
        assert!(
            d.reason.contains(
                "the later, the next day's open, is the deadline: Tue 2025-03-18 09:30 EDT"
            ),
            "{}",
            d.reason
        );
        // A late opening is honoured and explained: 2002-09-11 opened at 12:00.
        let d = remediation_deadlines(&c, at("2002-09-06T15:00-04:00"), None);
        assert_eq!(d.policy_deadline, at("2002-09-09T09:30-04:00"));
        let d = remediation_deadlines(&c, at("2001-09-14T15:00-04:00"), None);
        assert_eq!(d.policy_deadline, at("2001-09-17T09:33-04:00"));
        assert!(
            d.reason
                .contains("before the 09:33 open on Monday 2001-09-17 (late opening 09:33"),
            "{}",
            d.reason
        );
    }

    /// DOMAIN.md §6: (id, announcement, first day with early closes counted, without).
    const I: [(&str, &str, &str, &str); 19] = [
        ("I01", "2025-03-17T07:00-04:00", "2025-03-19", "2025-03-19"),
        ("I02", "2025-03-17T10:00-04:00", "2025-03-20", "2025-03-20"),
        ("I03", "2025-03-14T13:00-04:00", "2025-03-19", "2025-03-19"),
        ("I04", "2020-11-02T07:00-05:00", "2020-11-04", "2020-11-04"),
        ("I05", "2025-11-26T07:00-05:00", "2025-12-01", "2025-12-02"),
        ("I06", "2025-11-26T16:05-05:00", "2025-12-02", "2025-12-03"),
        ("I07", "2026-04-02T16:05-04:00", "2026-04-08", "2026-04-08"),
        ("I08", "2026-01-16T07:00-05:00", "2026-01-21", "2026-01-21"),
        ("I09", "2025-05-23T11:00-04:00", "2025-05-29", "2025-05-29"),
        ("I10", "2025-12-23T16:05-05:00", "2025-12-29", "2025-12-30"),
        ("I11", "2025-07-02T12:00-04:00", "2025-07-08", "2025-07-09"),
        ("I12", "2025-01-08T07:00-05:00", "2025-01-13", "2025-01-13"),
        ("I13", "2026-06-18T12:00-04:00", "2026-06-24", "2026-06-24"),
        ("I14", "2024-12-31T07:00-05:00", "2025-01-03", "2025-01-03"),
        ("I15", "2025-05-03T08:00-04:00", "2025-05-07", "2025-05-07"),
        ("I16", "2026-02-13T16:05-05:00", "2026-02-19", "2026-02-19"),
        ("I17", "2026-01-29T16:05-05:00", "2026-02-03", "2026-02-03"),
        ("I18", "2025-03-17T09:30-04:00", "2025-03-20", "2025-03-20"),
        ("I19", "2025-07-02T07:00-04:00", "2025-07-07", "2025-07-08"),
    ];

    #[test]
    fn insider_vectors_i01_to_i19() {
        let c = cal();
        let mut passed = 0;
        for (id, t, counted, not_counted) in I {
            assert_eq!(
                first_permitted_trading_day(&c, at(t), true),
                ymd(counted),
                "{id} counted"
            );
            assert_eq!(
                first_permitted_trading_day(&c, at(t), false),
                ymd(not_counted),
                "{id} not counted"
            );
            passed += 1;
        }
        assert_eq!(passed, 19);
        // One second before the open makes Monday a full session (I18's alternative).
        assert_eq!(
            first_permitted_trading_day(&c, at("2025-03-17T09:29:59-04:00"), true),
            ymd("2025-03-19")
        );
    }

    #[test]
    fn trading_windows() {
        let c = cal();
        let w = trading_window(&c, at("2020-11-02T07:00-05:00"), true);
        assert_eq!(
            w,
            TradingWindow {
                opens: ymd("2020-11-04"),
                closes: ymd("2020-12-31")
            }
        );
        let w = trading_window(&c, at("2026-01-29T16:05-05:00"), true);
        assert_eq!(
            w,
            TradingWindow {
                opens: ymd("2026-02-03"),
                closes: ymd("2026-03-31")
            }
        );
        assert!(!w.is_empty());
        let w = trading_window(&c, at("2025-06-27T16:05-04:00"), true);
        assert_eq!(w.closes, ymd("2025-06-30"));
        assert!(w.is_empty());
        assert_eq!(last_day_of_quarter(ymd("2024-08-15")), ymd("2024-09-30"));
    }

    proptest! {
        #[test]
        fn deadlines_are_never_before_t(secs in 0i64..(40 * 366 * 86_400), learn_delay in 0i64..(10 * 86_400)) {
            let c = cal();
            let base = at("2000-01-01T00:00-05:00");
            let t = base + TimeDelta::seconds(secs);
            let l = t + TimeDelta::seconds(learn_delay);
            for reading in [PolicyReading::Inclusive, PolicyReading::StrictlyAfter] {
                let d = remediation_deadlines_with(&c, t, Some(l), reading);
                prop_assert!(d.policy_deadline > d.disclosed_at);
                prop_assert!(d.regfd_deadline > d.disclosed_at);
                prop_assert!(d.regfd_deadline >= l + TimeDelta::hours(24));
                // Never later than the next day's open when something intervenes, else H.
                let h = t + TimeDelta::hours(24);
                if d.intervening.is_empty() {
                    prop_assert_eq!(d.policy_deadline, h);
                } else {
                    let next = c.next_trading_day_after(d.disclosed_at.date_naive());
                    prop_assert_eq!(d.policy_deadline, c.open_of(next));
                    prop_assert!(d.intervening.iter().all(|(day, _)| !c.is_trading_day(*day)));
                }
                // Reg FD deadline falls at a session open or exactly at L + 24 h.
                prop_assert!(d.regfd_deadline == l + TimeDelta::hours(24)
                    || c.session(d.regfd_deadline.date_naive()).is_some_and(|s| s.open == d.regfd_deadline));
            }
        }

        #[test]
        fn first_permitted_day_is_a_trading_day_after_two_sessions(secs in 0i64..(40 * 366 * 86_400), counts: bool) {
            let c = cal();
            let t = at("2000-01-01T00:00-05:00") + TimeDelta::seconds(secs);
            let first = first_permitted_trading_day(&c, t, counts);
            prop_assert!(c.is_trading_day(first));
            let full = c
                .trading_days(t.with_timezone(&New_York).date_naive(), first)
                .filter_map(|d| c.session(d))
                .filter(|s| s.open > t && s.date < first && (counts || !s.early_close))
                .count();
            prop_assert_eq!(full, 2);
        }
    }
}
