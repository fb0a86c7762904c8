//! NYSE trading calendar (to be written).

use chrono::NaiveDate;

/// The NYSE calendar.
#[derive(Debug, Clone, Default)]
pub struct NyseCalendar;

impl NyseCalendar {
    /// Whether `date` (a New York civil date) has a regular NYSE session.
    #[must_use]
    pub fn is_trading_day(&self, date: NaiveDate) -> bool {
        let _ = date;
        true
    }
}
