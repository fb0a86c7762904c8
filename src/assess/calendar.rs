//! NYSE trading calendar: which New York civil dates have a regular NYSE session, and the
//! session's open and close instants.
//!
//! Owns: the holiday rules of NYSE Rule 7.2 and the 13:00 ET early-close rules (computed in
//! code, so any year works), plus the data that rules cannot produce, read from
//! `dictionaries/calendar/nyse.toml`: unscheduled full-day closures (national days of
//! mourning, September 11 2001, Hurricane Sandy), ad-hoc early closes, late openings and
//! official `[[override]]` entries that win over the rules. Input: civil dates in
//! `America/New_York`. Output: booleans, closure reasons and [`Session`]s whose instants are
//! `DateTime<chrono_tz::Tz>` in `America/New_York`.
//!
//! Leaves to others: deadline arithmetic ([`crate::assess::deadline`]) and any notion of
//! pre-market or after-hours trading on other venues, which Regulation FD ignores.
//!
//! Coverage: the rules are the regime in force since 1998 (Martin Luther King, Jr. Day
//! observed from 1998, Juneteenth from 2022, Monday holidays since 1971) and are applied to
//! every year, so dates after the data file's `reviewed_through` still get every rule-based
//! holiday and early close; only unscheduled events are unknown there. Before the data
//! file's `reviewed_from` (1995-01-01 in the embedded file) the same modern rules are
//! applied, which does not reproduce older history (Election Day closures until 1980,
//! 14:00 early closes before 1993, the many ad-hoc closures of the 20th century): treat such
//! dates as unverified.

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone,
    Weekday,
};
use chrono_tz::America::New_York;
use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Builds a constant time of day. Evaluated at compile time only, so the `panic!` branch is
/// a build error, never a runtime panic.
const fn hm(hour: u32, minute: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, minute, 0) {
        Some(t) => t,
        None => panic!("invalid constant time"),
    }
}

/// Start of the regular NYSE session, New York local time (09:30 ET).
pub const REGULAR_OPEN: NaiveTime = hm(9, 30);
/// End of the regular NYSE session, New York local time (16:00 ET).
pub const REGULAR_CLOSE: NaiveTime = hm(16, 0);
/// Close of a rule-based early-close session since 1993, New York local time (13:00 ET).
pub const EARLY_CLOSE: NaiveTime = hm(13, 0);

/// Name of the data file inside `dictionaries/`, used in error messages.
const DATA_NAME: &str = "calendar/nyse.toml";

/// One regular NYSE session on a trading day.
///
/// `open` and `close` are instants in `America/New_York` (their offset is EST or EDT as in
/// force on `date`). `early_close` is true when the session closes before the regular 16:00
/// (the rule-based 13:00 closes, and ad-hoc ones such as 15:56 on 2005-06-01). `special`
/// gives the data file's reason when the hours come from data (late opening, ad-hoc early
/// close), otherwise the early-close rule's name, or `None` for a regular 09:30–16:00 day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The New York civil date of the session.
    pub date: NaiveDate,
    /// When trading starts (09:30 ET unless a late opening is recorded).
    pub open: DateTime<Tz>,
    /// When trading ends (16:00 ET, 13:00 on early-close days, or a recorded special close).
    pub close: DateTime<Tz>,
    /// Whether the session closes before the regular 16:00 ET.
    pub early_close: bool,
    /// Why the hours differ from 09:30–16:00, if they do.
    pub special: Option<String>,
}

/// An entry of the data file: why a date is special and where that fact comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataEntry {
    /// Reviewer-readable reason ("Hurricane Sandy").
    pub reason: String,
    /// Where the fact comes from (free text), if the file says.
    pub source: Option<String>,
}

/// What an `[[override]]` entry declares about a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OverrideStatus {
    /// The exchange is closed all day.
    Closed,
    /// The exchange has a regular 09:30–16:00 session (data-file early closes and late
    /// openings for the date still apply).
    Open,
}

/// The NYSE calendar: holiday and early-close rules plus the data file's entries.
///
/// Dates are New York civil dates. Build it with [`NyseCalendar::embedded`] (the data
/// compiled into the binary) or [`NyseCalendar::from_toml`] (an updated data file).
#[derive(Debug, Clone)]
pub struct NyseCalendar {
    closures: BTreeMap<NaiveDate, DataEntry>,
    early_closes: BTreeMap<NaiveDate, (NaiveTime, DataEntry)>,
    late_opens: BTreeMap<NaiveDate, (NaiveTime, DataEntry)>,
    overrides: BTreeMap<NaiveDate, (OverrideStatus, DataEntry)>,
    reviewed_from: NaiveDate,
    reviewed_through: NaiveDate,
}

/// The data file as written (see the header of `dictionaries/calendar/nyse.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    version: u32,
    reviewed_from: toml::value::Datetime,
    reviewed_through: toml::value::Datetime,
    #[serde(default)]
    closure: Vec<ClosureRow>,
    #[serde(default)]
    early_close: Vec<EarlyCloseRow>,
    #[serde(default)]
    late_open: Vec<LateOpenRow>,
    #[serde(default, rename = "override")]
    overrides: Vec<OverrideRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClosureRow {
    date: toml::value::Datetime,
    reason: String,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EarlyCloseRow {
    date: toml::value::Datetime,
    close: String,
    reason: String,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LateOpenRow {
    date: toml::value::Datetime,
    open: String,
    reason: String,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideRow {
    date: toml::value::Datetime,
    status: OverrideStatus,
    reason: String,
    source: Option<String>,
}

fn data_error(message: impl Into<String>) -> Error {
    Error::Dictionary {
        name: DATA_NAME.to_owned(),
        message: message.into(),
    }
}

/// Converts a TOML value that must be a plain local date (`2001-09-11`).
fn local_date(value: &toml::value::Datetime, what: &str) -> Result<NaiveDate> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| data_error(format!("{what}: {value} is not a calendar date")))
        }
        _ => Err(data_error(format!(
            "{what}: {value} must be a plain date like 2001-09-11"
        ))),
    }
}

/// Parses a New York local time of day written `HH:MM`.
fn local_time(text: &str, what: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|e| data_error(format!("{what}: time {text:?} is not HH:MM ({e})")))
}

fn entry(reason: String, source: Option<String>, what: &str) -> Result<DataEntry> {
    if reason.trim().is_empty() {
        return Err(data_error(format!("{what}: reason is empty")));
    }
    Ok(DataEntry { reason, source })
}

/// Inserts into a table, rejecting a second entry for the same date.
fn insert_unique<V>(
    map: &mut BTreeMap<NaiveDate, V>,
    date: NaiveDate,
    value: V,
    table: &str,
) -> Result<()> {
    if map.insert(date, value).is_some() {
        return Err(data_error(format!("[[{table}]] lists {date} twice")));
    }
    Ok(())
}

impl NyseCalendar {
    /// Parses calendar data in the `dictionaries/calendar/nyse.toml` format.
    ///
    /// # Errors
    /// [`Error::Dictionary`] (name `calendar/nyse.toml`) when the TOML is malformed, has an
    /// unknown key, `version` is not 1, a date is not a plain date, a time is not `HH:MM`, a
    /// reason is empty, a date appears twice in a table or in both `[[closure]]` and
    /// `[[override]]`, hours are impossible (close not after open, an early close at or
    /// after 16:00, a late open at or before 09:30), or an `[[early_close]]` /
    /// `[[late_open]]` falls on a date that is closed.
    pub fn from_toml(text: &str) -> Result<Self> {
        let file: CalendarFile =
            toml::from_str(text).map_err(|e| data_error(e.to_string().trim_end().to_owned()))?;
        if file.version != 1 {
            return Err(data_error(format!(
                "version {} is not supported (expected 1)",
                file.version
            )));
        }
        let reviewed_from = local_date(&file.reviewed_from, "reviewed_from")?;
        let reviewed_through = local_date(&file.reviewed_through, "reviewed_through")?;
        if reviewed_from > reviewed_through {
            return Err(data_error("reviewed_from is after reviewed_through"));
        }

        let mut closures = BTreeMap::new();
        for row in file.closure {
            let date = local_date(&row.date, "[[closure]] date")?;
            let e = entry(row.reason, row.source, &format!("[[closure]] {date}"))?;
            insert_unique(&mut closures, date, e, "closure")?;
        }
        let mut overrides = BTreeMap::new();
        for row in file.overrides {
            let date = local_date(&row.date, "[[override]] date")?;
            if closures.contains_key(&date) {
                return Err(data_error(format!(
                    "{date} is in both [[closure]] and [[override]]; keep one"
                )));
            }
            let e = entry(row.reason, row.source, &format!("[[override]] {date}"))?;
            insert_unique(&mut overrides, date, (row.status, e), "override")?;
        }
        let mut early_closes = BTreeMap::new();
        for row in file.early_close {
            let date = local_date(&row.date, "[[early_close]] date")?;
            let what = format!("[[early_close]] {date}");
            let close = local_time(&row.close, &what)?;
            if close >= REGULAR_CLOSE {
                return Err(data_error(format!(
                    "{what}: close {close} is not before 16:00"
                )));
            }
            let e = entry(row.reason, row.source, &what)?;
            insert_unique(&mut early_closes, date, (close, e), "early_close")?;
        }
        let mut late_opens = BTreeMap::new();
        for row in file.late_open {
            let date = local_date(&row.date, "[[late_open]] date")?;
            let what = format!("[[late_open]] {date}");
            let open = local_time(&row.open, &what)?;
            if open <= REGULAR_OPEN {
                return Err(data_error(format!(
                    "{what}: open {open} is not after 09:30"
                )));
            }
            let e = entry(row.reason, row.source, &what)?;
            insert_unique(&mut late_opens, date, (open, e), "late_open")?;
        }

        let cal = Self {
            closures,
            early_closes,
            late_opens,
            overrides,
            reviewed_from,
            reviewed_through,
        };
        // Hours only make sense on a day that trades, and the session must not be empty.
        for date in cal.early_closes.keys().chain(cal.late_opens.keys()) {
            if let Some(why) = cal.closure_reason(*date) {
                return Err(data_error(format!(
                    "{date} has special hours but is closed ({why})"
                )));
            }
            let open = cal.late_opens.get(date).map_or(REGULAR_OPEN, |(t, _)| *t);
            let close = cal.close_time(*date);
            if close <= open {
                return Err(data_error(format!(
                    "{date}: close {close} is not after open {open}"
                )));
            }
        }
        Ok(cal)
    }

    /// The calendar built from the data file compiled into the binary
    /// (`dictionaries/calendar/nyse.toml`).
    ///
    /// # Errors
    /// Only if the embedded file is malformed, which the test suite rules out.
    pub fn embedded() -> Result<Self> {
        Self::from_toml(include_str!("../../dictionaries/calendar/nyse.toml"))
    }

    /// The inclusive range of New York dates for which the data file's unscheduled events
    /// were reviewed (`reviewed_from`, `reviewed_through`). Outside it only the rules apply.
    #[must_use]
    pub fn reviewed_range(&self) -> (NaiveDate, NaiveDate) {
        (self.reviewed_from, self.reviewed_through)
    }

    /// Whether `date` lies in [`reviewed_range`](Self::reviewed_range), i.e. unscheduled
    /// closures and special hours on that date are known rather than merely absent.
    #[must_use]
    pub fn has_data_for(&self, date: NaiveDate) -> bool {
        (self.reviewed_from..=self.reviewed_through).contains(&date)
    }

    /// Why the NYSE has no regular session on the New York civil date `date`, or `None` if
    /// it is a trading day.
    ///
    /// Precedence: an `[[override]]` entry, then a `[[closure]]` entry (its reason, e.g.
    /// "National day of mourning, President Jimmy Carter"), then the weekend ("Saturday",
    /// "Sunday"), then the Rule 7.2 holidays ("Good Friday", "Independence Day (observed)").
    #[must_use]
    pub fn closure_reason(&self, date: NaiveDate) -> Option<String> {
        if let Some((status, e)) = self.overrides.get(&date) {
            return match status {
                OverrideStatus::Closed => Some(e.reason.clone()),
                OverrideStatus::Open => None,
            };
        }
        if let Some(e) = self.closures.get(&date) {
            return Some(e.reason.clone());
        }
        match date.weekday() {
            Weekday::Sat => return Some("Saturday".to_owned()),
            Weekday::Sun => return Some("Sunday".to_owned()),
            _ => {}
        }
        rule_holiday(date).map(str::to_owned)
    }

    /// Whether the New York civil date `date` has a regular NYSE session (early-close and
    /// late-opening days count as trading days).
    #[must_use]
    pub fn is_trading_day(&self, date: NaiveDate) -> bool {
        self.closure_reason(date).is_none()
    }

    /// The first trading day strictly after `date`.
    ///
    /// Always terminates: the data file is finite and the rules leave weekdays open.
    /// Saturates at chrono's last representable date (year 262142), far outside any use.
    #[must_use]
    pub fn next_trading_day_after(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        while let Some(next) = d.succ_opt() {
            if self.is_trading_day(next) {
                return next;
            }
            d = next;
        }
        d
    }

    /// The last trading day strictly before `date` (saturates at chrono's first
    /// representable date).
    #[must_use]
    pub fn previous_trading_day_before(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        while let Some(prev) = d.pred_opt() {
            if self.is_trading_day(prev) {
                return prev;
            }
            d = prev;
        }
        d
    }

    /// The trading days in the inclusive New York date range `[from, through]`, in order.
    pub fn trading_days(
        &self,
        from: NaiveDate,
        through: NaiveDate,
    ) -> impl Iterator<Item = NaiveDate> + '_ {
        from.iter_days()
            .take_while(move |d| *d <= through)
            .filter(|d| self.is_trading_day(*d))
    }

    /// The regular session on `date`, or `None` if the NYSE is closed that day.
    ///
    /// Hours: open 09:30 ET unless a `[[late_open]]` entry says otherwise; close 16:00 ET,
    /// 13:00 ET on a rule-based early close (day before Independence Day, day after
    /// Thanksgiving, Christmas Eve; see [`rule_early_close`]), or an `[[early_close]]`
    /// entry's time. An `[[override]]` with `status = "open"` removes a rule-based early
    /// close.
    #[must_use]
    pub fn session(&self, date: NaiveDate) -> Option<Session> {
        if !self.is_trading_day(date) {
            return None;
        }
        let (open_time, open_note) = match self.late_opens.get(&date) {
            Some((t, e)) => (
                *t,
                Some(format!("late opening {}: {}", t.format("%H:%M"), e.reason)),
            ),
            None => (REGULAR_OPEN, None),
        };
        let close_time = self.close_time(date);
        let close_note = if let Some((t, e)) = self.early_closes.get(&date) {
            Some(format!("early close {}: {}", t.format("%H:%M"), e.reason))
        } else if close_time < REGULAR_CLOSE {
            rule_early_close(date).map(|r| format!("early close 13:00: {r}"))
        } else {
            None
        };
        let special = match (open_note, close_note) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        };
        Some(Session {
            date,
            open: new_york_at(date, open_time),
            close: new_york_at(date, close_time),
            early_close: close_time < REGULAR_CLOSE,
            special,
        })
    }

    /// The instant the NYSE opens on `date` (`America/New_York`): the session's open on a
    /// trading day (09:30 ET, or a recorded late opening), else 09:30 ET on that date.
    ///
    /// The offset is EST or EDT as in force at that moment, so the same wall time is 14:30
    /// or 13:30 UTC across the DST changes. Never panics.
    #[must_use]
    pub fn open_of(&self, date: NaiveDate) -> DateTime<Tz> {
        match self.session(date) {
            Some(s) => s.open,
            None => new_york_at(date, REGULAR_OPEN),
        }
    }

    /// Close time of day on a trading day, before checking that it is one.
    fn close_time(&self, date: NaiveDate) -> NaiveTime {
        if let Some((t, _)) = self.early_closes.get(&date) {
            return *t;
        }
        if matches!(self.overrides.get(&date), Some((OverrideStatus::Open, _))) {
            return REGULAR_CLOSE;
        }
        if rule_early_close(date).is_some() {
            EARLY_CLOSE
        } else {
            REGULAR_CLOSE
        }
    }
}

/// The instant at New York local `time` on New York civil `date`.
///
/// Handles DST: an ambiguous local time (the repeated hour in November) resolves to the
/// earlier instant; a non-existent one (the skipped hour in March) is read as standard time,
/// i.e. moved forward past the gap (02:30 → 03:30 EDT). NYSE hours never fall in either, but
/// the function is total and never panics.
#[must_use]
pub fn new_york_at(date: NaiveDate, time: NaiveTime) -> DateTime<Tz> {
    let local = NaiveDateTime::new(date, time);
    match New_York.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
        LocalResult::None => {
            // Read the local wall time as EST (UTC-5): inside the spring-forward gap that
            // yields the instant one hour later on the EDT wall clock.
            let utc = local
                .checked_add_signed(TimeDelta::hours(5))
                .unwrap_or(local);
            New_York.from_utc_datetime(&utc)
        }
    }
}

/// The Rule 7.2 holiday observed on `date`, if any (weekday dates only; a holiday falling on
/// a weekend is reported on its observed weekday).
///
/// Rules: New Year's Day (Sunday → Monday; Saturday → not observed, Friday Dec 31 trades);
/// Martin Luther King, Jr. Day, 3rd Monday of January, from 1998; Washington's Birthday,
/// 3rd Monday of February; Good Friday (Gregorian computus); Memorial Day, last Monday of
/// May; Juneteenth, June 19, from 2022; Independence Day, July 4; Labor Day, 1st Monday of
/// September; Thanksgiving Day, 4th Thursday of November; Christmas Day, December 25. Fixed
/// dates other than New Year's move Saturday → Friday and Sunday → Monday.
#[must_use]
pub fn rule_holiday(date: NaiveDate) -> Option<&'static str> {
    let (y, m, d, wd) = (date.year(), date.month(), date.day(), date.weekday());
    if matches!(wd, Weekday::Sat | Weekday::Sun) {
        return None;
    }
    let monday = wd == Weekday::Mon;
    match m {
        1 if d == 1 => return Some("New Year's Day"),
        1 if d == 2 && monday => return Some("New Year's Day (observed)"),
        1 if y >= 1998 && monday && (15..=21).contains(&d) => {
            return Some("Martin Luther King, Jr. Day");
        }
        2 if monday && (15..=21).contains(&d) => return Some("Washington's Birthday"),
        5 if monday && d >= 25 => return Some("Memorial Day"),
        9 if monday && d <= 7 => return Some("Labor Day"),
        11 if wd == Weekday::Thu && (22..=28).contains(&d) => return Some("Thanksgiving Day"),
        _ => {}
    }
    if good_friday(y) == Some(date) {
        return Some("Good Friday");
    }
    let fixed: [(u32, u32, &'static str, &'static str, i32); 3] = [
        (
            6,
            19,
            "Juneteenth National Independence Day",
            "Juneteenth National Independence Day (observed)",
            2022,
        ),
        (
            7,
            4,
            "Independence Day",
            "Independence Day (observed)",
            i32::MIN,
        ),
        (
            12,
            25,
            "Christmas Day",
            "Christmas Day (observed)",
            i32::MIN,
        ),
    ];
    for (fm, fd, name, observed_name, from_year) in fixed {
        if y < from_year {
            continue;
        }
        let Some(actual) = NaiveDate::from_ymd_opt(y, fm, fd) else {
            continue;
        };
        if actual == date {
            return Some(name);
        }
        if observed(actual) == date {
            return Some(observed_name);
        }
    }
    None
}

/// Saturday → preceding Friday, Sunday → following Monday (NYSE Rule 7.2 observance).
fn observed(date: NaiveDate) -> NaiveDate {
    let shifted = match date.weekday() {
        Weekday::Sat => date.pred_opt(),
        Weekday::Sun => date.succ_opt(),
        _ => None,
    };
    shifted.unwrap_or(date)
}

/// The rule-based 13:00 ET early close on `date`, if any (DOMAIN.md §4.3; NYSE practice as
/// encoded by `pandas_market_calendars`). Only meaningful on trading days.
///
/// * Day before Independence Day: July 3 on a Monday, Tuesday or Thursday from 1995, and
///   on a Wednesday from 2013.
/// * Day after Independence Day: Friday July 5 (July 4 a Thursday), 1996–2012.
/// * Day after Thanksgiving: every year from 1993.
/// * Christmas Eve: December 24 on Monday–Thursday from 1999 (1996–1998 are data entries).
#[must_use]
pub fn rule_early_close(date: NaiveDate) -> Option<&'static str> {
    let (y, m, d, wd) = (date.year(), date.month(), date.day(), date.weekday());
    match (m, d) {
        (7, 3) => {
            let mon_tue_thu = matches!(wd, Weekday::Mon | Weekday::Tue | Weekday::Thu);
            if (y >= 1995 && mon_tue_thu) || (y >= 2013 && wd == Weekday::Wed) {
                return Some("Day before Independence Day");
            }
        }
        (7, 5) if (1996..=2012).contains(&y) && wd == Weekday::Fri => {
            return Some("Day after Independence Day");
        }
        (11, 23..=29) if y >= 1993 && wd == Weekday::Fri => {
            return Some("Day after Thanksgiving");
        }
        (12, 24) if y >= 1999 && !matches!(wd, Weekday::Fri | Weekday::Sat | Weekday::Sun) => {
            return Some("Christmas Eve");
        }
        _ => {}
    }
    None
}

/// Good Friday (two days before Gregorian Easter Sunday) of `year`, by the anonymous
/// Gregorian computus (Meeus/Jones/Butcher). `None` only outside chrono's date range.
#[must_use]
// The computus is published with these one-letter names; renaming them hides the algorithm.
#[allow(clippy::many_single_char_names)]
pub fn good_friday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    let easter =
        NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    easter.checked_sub_signed(TimeDelta::days(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Offset;
    use proptest::prelude::*;

    fn cal() -> NyseCalendar {
        NyseCalendar::embedded().expect("embedded calendar parses")
    }

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn closed_dates_on_weekdays(c: &NyseCalendar, year: i32) -> Vec<NaiveDate> {
        ymd(&format!("{year}-01-01"))
            .iter_days()
            .take_while(|d| d.year() == year)
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .filter(|d| !c.is_trading_day(*d))
            .collect()
    }

    fn early_closes(c: &NyseCalendar, year: i32) -> Vec<NaiveDate> {
        c.trading_days(ymd(&format!("{year}-01-01")), ymd(&format!("{year}-12-31")))
            .filter(|d| c.session(*d).is_some_and(|s| s.early_close))
            .collect()
    }

    fn dates(list: &[&str]) -> Vec<NaiveDate> {
        list.iter().map(|s| ymd(s)).collect()
    }

    // DOMAIN.md §4.5: full-day closures and 13:00 early closes, 2024–2027.
    #[test]
    fn holiday_tables_2024_to_2027() {
        let c = cal();
        let table: [(i32, &[&str], &[&str]); 4] = [
            (
                2024,
                &[
                    "2024-01-01",
                    "2024-01-15",
                    "2024-02-19",
                    "2024-03-29",
                    "2024-05-27",
                    "2024-06-19",
                    "2024-07-04",
                    "2024-09-02",
                    "2024-11-28",
                    "2024-12-25",
                ],
                &["2024-07-03", "2024-11-29", "2024-12-24"],
            ),
            (
                2025,
                &[
                    "2025-01-01",
                    "2025-01-09",
                    "2025-01-20",
                    "2025-02-17",
                    "2025-04-18",
                    "2025-05-26",
                    "2025-06-19",
                    "2025-07-04",
                    "2025-09-01",
                    "2025-11-27",
                    "2025-12-25",
                ],
                &["2025-07-03", "2025-11-28", "2025-12-24"],
            ),
            (
                2026,
                &[
                    "2026-01-01",
                    "2026-01-19",
                    "2026-02-16",
                    "2026-04-03",
                    "2026-05-25",
                    "2026-06-19",
                    "2026-07-03",
                    "2026-09-07",
                    "2026-11-26",
                    "2026-12-25",
                ],
                &["2026-11-27", "2026-12-24"],
            ),
            (
                2027,
                &[
                    "2027-01-01",
                    "2027-01-18",
                    "2027-02-15",
                    "2027-03-26",
                    "2027-05-31",
                    "2027-06-18",
                    "2027-07-05",
                    "2027-09-06",
                    "2027-11-25",
                    "2027-12-24",
                ],
                &["2027-11-26"],
            ),
        ];
        for (year, closed, early) in table {
            assert_eq!(
                closed_dates_on_weekdays(&c, year),
                dates(closed),
                "closures {year}"
            );
            assert_eq!(early_closes(&c, year), dates(early), "early closes {year}");
        }
        // 2027-12-31: New Year's 2028 is a Saturday and is not observed on the Friday.
        assert!(c.is_trading_day(ymd("2027-12-31")));
        assert!(c.is_trading_day(ymd("2021-12-31")));
        // 2026: July 3 (Friday) is the observed holiday and Thursday July 2 is a full day.
        assert_eq!(
            c.closure_reason(ymd("2026-07-03")).as_deref(),
            Some("Independence Day (observed)")
        );
        assert!(!c.session(ymd("2026-07-02")).expect("trades").early_close);
    }

    #[test]
    fn good_friday_2020_to_2030() {
        let expected = [
            "2020-04-10",
            "2021-04-02",
            "2022-04-15",
            "2023-04-07",
            "2024-03-29",
            "2025-04-18",
            "2026-04-03",
            "2027-03-26",
            "2028-04-14",
            "2029-03-30",
            "2030-04-19",
        ];
        for (year, want) in (2020..=2030).zip(expected) {
            assert_eq!(good_friday(year), Some(ymd(want)), "{year}");
            assert_eq!(
                cal().closure_reason(ymd(want)).as_deref(),
                Some("Good Friday")
            );
        }
        // Easter extremes of the computus: 1818-03-22 and 1943-04-25.
        assert_eq!(good_friday(1818), Some(ymd("1818-03-20")));
        assert_eq!(good_friday(1943), Some(ymd("1943-04-23")));
    }

    #[test]
    fn closure_reasons() {
        let c = cal();
        let cases = [
            ("2025-03-15", Some("Saturday")),
            ("2025-03-16", Some("Sunday")),
            (
                "2025-01-09",
                Some("National day of mourning, President Jimmy Carter"),
            ),
            ("2012-10-30", Some("Hurricane Sandy")),
            ("2001-09-13", Some("September 11 attacks")),
            (
                "2022-06-20",
                Some("Juneteenth National Independence Day (observed)"),
            ),
            ("2021-06-18", None), // Juneteenth not yet an NYSE holiday in 2021
            ("2022-12-26", Some("Christmas Day (observed)")),
            ("2022-12-23", None),
            ("2023-01-02", Some("New Year's Day (observed)")),
            ("1997-01-20", None), // MLK Day not observed before 1998
            ("1998-01-19", Some("Martin Luther King, Jr. Day")),
            ("2020-11-03", None), // Election Day trades
            ("2025-03-14", None),
        ];
        for (d, want) in cases {
            assert_eq!(c.closure_reason(ymd(d)).as_deref(), want, "{d}");
            assert_eq!(c.is_trading_day(ymd(d)), want.is_none(), "{d}");
        }
    }

    #[test]
    fn special_sessions_from_data() {
        let c = cal();
        let s = c.session(ymd("2005-06-01")).expect("trades");
        assert_eq!(s.close.time(), hm(15, 56));
        assert!(s.early_close);
        let s = c.session(ymd("2002-09-11")).expect("trades");
        assert_eq!(s.open.time(), hm(12, 0));
        assert!(!s.early_close);
        assert_eq!(c.open_of(ymd("2001-09-17")).time(), hm(9, 33));
        let s = c.session(ymd("2003-12-26")).expect("trades");
        assert_eq!(s.close.time(), EARLY_CLOSE);
        // Pre-2013 July 4 on a Thursday: Friday July 5 closes early, Wednesday July 3 does not.
        assert!(c.session(ymd("2002-07-05")).expect("trades").early_close);
        assert!(!c.session(ymd("2002-07-03")).expect("trades").early_close);
        assert!(c.session(ymd("2013-07-03")).expect("trades").early_close);
        assert!(!c.session(ymd("2013-07-05")).expect("trades").early_close);
        assert!(c.session(ymd("2025-12-25")).is_none());
    }

    #[test]
    fn open_of_uses_the_dst_offset_in_force() {
        let c = cal();
        let before = c.open_of(ymd("2026-03-06"));
        let after = c.open_of(ymd("2026-03-09"));
        assert_eq!(before.to_rfc3339(), "2026-03-06T09:30:00-05:00");
        assert_eq!(after.to_rfc3339(), "2026-03-09T09:30:00-04:00");
        assert_eq!(after.offset().fix().local_minus_utc(), -4 * 3600);
        // Total on DST-change days and for gap / repeated local times.
        assert_eq!(
            new_york_at(ymd("2026-03-08"), hm(2, 30)).to_rfc3339(),
            "2026-03-08T03:30:00-04:00"
        );
        assert_eq!(
            new_york_at(ymd("2025-11-02"), hm(1, 30)).to_rfc3339(),
            "2025-11-02T01:30:00-04:00"
        );
    }

    // Annual trading-day counts, 1995–2030 (2001: four September 11 closures; 2012: Sandy;
    // 2025: the Carter closure), as given by exchange_calendars 4.13.2 (XNYS); whole-day
    // closures there and here agree on every weekday from 1995 through 2100.
    #[test]
    fn annual_trading_day_counts() {
        let c = cal();
        let expected: [(i32, usize); 36] = [
            (1995, 252),
            (1996, 254),
            (1997, 253),
            (1998, 252),
            (1999, 252),
            (2000, 252),
            (2001, 248),
            (2002, 252),
            (2003, 252),
            (2004, 252),
            (2005, 252),
            (2006, 251),
            (2007, 251),
            (2008, 253),
            (2009, 252),
            (2010, 252),
            (2011, 252),
            (2012, 250),
            (2013, 252),
            (2014, 252),
            (2015, 252),
            (2016, 252),
            (2017, 251),
            (2018, 251),
            (2019, 252),
            (2020, 253),
            (2021, 252),
            (2022, 251),
            (2023, 250),
            (2024, 252),
            (2025, 250),
            (2026, 251),
            (2027, 251),
            (2028, 251),
            (2029, 251),
            (2030, 251),
        ];
        for (year, n) in expected {
            let got = c
                .trading_days(ymd(&format!("{year}-01-01")), ymd(&format!("{year}-12-31")))
                .count();
            assert_eq!(got, n, "{year}");
        }
    }

    #[test]
    fn every_year_to_2100_has_a_sane_calendar() {
        let c = cal();
        for year in 1995..=2100 {
            let closed = closed_dates_on_weekdays(&c, year).len();
            // 9 or 10 rule holidays on weekdays (NYD on Saturday drops one), plus data.
            assert!(
                (8..=14).contains(&closed),
                "{year}: {closed} weekday closures"
            );
            assert!(good_friday(year).is_some_and(|g| g.weekday() == Weekday::Fri));
        }
    }

    #[test]
    fn data_file_errors_are_dictionary_errors() {
        let bad = [
            "version = 2\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\nbogus = 1\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[closure]]\ndate = 2025-01-09\nreason = \"\"\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[closure]]\ndate = 2025-01-09T10:00:00\nreason = \"x\"\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[early_close]]\ndate = 2025-12-25\nclose = \"13:00\"\nreason = \"x\"\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[early_close]]\ndate = 2025-12-26\nclose = \"1pm\"\nreason = \"x\"\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[late_open]]\ndate = 2025-12-24\nopen = \"13:30\"\nreason = \"x\"\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[closure]]\ndate = 2025-01-09\nreason = \"a\"\n[[closure]]\ndate = 2025-01-09\nreason = \"b\"\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[closure]]\ndate = 2025-01-09\nreason = \"a\"\n[[override]]\ndate = 2025-01-09\nstatus = \"open\"\nreason = \"b\"\n",
            "version = 1\nreviewed_from = 1995-01-01\nreviewed_through = 2025-12-31\n[[override]]\ndate = 2025-01-09\nstatus = \"maybe\"\nreason = \"b\"\n",
            "not toml at all [",
        ];
        for text in bad {
            let err = NyseCalendar::from_toml(text).expect_err(text);
            assert!(
                matches!(&err, Error::Dictionary { name, .. } if name == DATA_NAME),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn overrides_win_over_rules() {
        let text = "version = 1\nreviewed_from = 2030-01-01\nreviewed_through = 2030-12-31\n\
            [[override]]\ndate = 2030-07-03\nstatus = \"open\"\nreason = \"full day\"\n\
            [[override]]\ndate = 2030-12-25\nstatus = \"open\"\nreason = \"hypothetical\"\n\
            [[override]]\ndate = 2030-03-06\nstatus = \"closed\"\nreason = \"Exchange closed by order\"\n\
            [[early_close]]\ndate = 2030-12-25\nclose = \"12:00\"\nreason = \"short day\"\n";
        let c = NyseCalendar::from_toml(text).expect("valid");
        assert!(rule_early_close(ymd("2030-07-03")).is_some());
        assert!(!c.session(ymd("2030-07-03")).expect("open").early_close);
        let xmas = c.session(ymd("2030-12-25")).expect("open by override");
        assert_eq!(xmas.close.time(), hm(12, 0));
        assert_eq!(
            c.closure_reason(ymd("2030-03-06")).as_deref(),
            Some("Exchange closed by order")
        );
        assert!(c.has_data_for(ymd("2030-06-01")));
        assert!(!c.has_data_for(ymd("2031-01-02")));
        // Without data the Carter closure is unknown: rules alone keep 2025-01-09 open.
        assert!(c.is_trading_day(ymd("2025-01-09")));
    }

    #[test]
    fn embedded_reviewed_range() {
        assert_eq!(
            cal().reviewed_range(),
            (ymd("1995-01-01"), ymd("2025-12-31"))
        );
    }

    proptest! {
        #[test]
        fn next_trading_day_is_a_later_trading_day(days in 0i64..(200 * 366)) {
            let c = cal();
            let d = ymd("1900-01-01") + TimeDelta::days(days);
            let n = c.next_trading_day_after(d);
            prop_assert!(n > d);
            prop_assert!(c.is_trading_day(n));
            prop_assert!(c.session(n).is_some());
            // Nothing in between trades.
            prop_assert!(d.iter_days().skip(1).take_while(|x| *x < n).all(|x| !c.is_trading_day(x)));
            // Stepping forward then back returns a trading start unchanged.
            let p = c.previous_trading_day_before(n);
            prop_assert!(p <= d);
            if c.is_trading_day(d) {
                prop_assert_eq!(p, d);
            }
        }

        #[test]
        fn sessions_are_well_formed(days in 0i64..(200 * 366)) {
            let c = cal();
            let d = ymd("1900-01-01") + TimeDelta::days(days);
            if let Some(s) = c.session(d) {
                prop_assert!(s.open < s.close);
                prop_assert_eq!(s.open.date_naive(), d);
                prop_assert_eq!(s.early_close, s.close.time() < REGULAR_CLOSE);
                prop_assert_eq!(c.open_of(d), s.open);
            } else {
                prop_assert!(c.closure_reason(d).is_some());
                prop_assert_eq!(c.open_of(d).time(), REGULAR_OPEN);
            }
        }
    }
}
