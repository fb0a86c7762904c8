//! Tie-out arithmetic of reconciliation tables (Reg G 100(b): a non-GAAP measure must not be
//! misleading, and a reconciliation whose figures do not add up misstates it).
//!
//! A reconciliation table starts from the most directly comparable GAAP measure (the *start
//! row*), lists adjustments, and ends with the non-GAAP measure (the *total row*). Column by
//! column (one column per period), the start row plus the adjustments must equal the total,
//! within rounding. Rows in between that are labelled as totals and restate the running sum are subtotals ("EBITDA" on
//! the way to "Adjusted EBITDA"), and a row equal to the sum of the adjustments so far is a
//! "Total adjustments" line: neither is added again.
//!
//! Figures are read from table cells: `$` and thousands separators are ignored, parentheses
//! or a minus sign make a figure negative (also when `(`, the figure and `)` sit in separate
//! cells, as in EDGAR HTML), and a dash (`—`, `–`, `-`) is zero. A row with a percentage is
//! not a row of amounts. This module only does the arithmetic; [`super::reg_g`] finds the
//! tables and rows.

/// Decimal places figures are scaled to: amounts are compared as integers of 10⁻⁶.
const SCALE_DECIMALS: u32 = 6;

/// One figure of a table cell: `value` in units of 10⁻⁶, and the decimal places it was
/// written with (its rounding unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The figure × 10⁶.
    pub scaled: i128,
    /// Decimal places as written ("1.25" → 2, "1,250" → 0).
    pub decimals: u32,
}

/// The amounts of one table row, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowFigures {
    /// No figure at all (a caption such as "Adjustments:").
    None,
    /// Amounts, one per column.
    Amounts(Vec<Figure>),
    /// Something that is not an amount (a percentage, a ratio, text): the row cannot be added.
    NotAmounts,
}

/// Reads the amounts of a row from its cells after the label cell.
#[must_use]
pub fn row_figures<'a>(cells: impl IntoIterator<Item = &'a str>) -> RowFigures {
    let mut out = Vec::new();
    let mut open_paren = false;
    for cell in cells {
        let c = cell.trim();
        // A currency sign in front changes nothing: "$", "$ (", "$ —".
        match c.strip_prefix('$').map_or(c, str::trim_start) {
            "" | ")" => continue,
            "(" => {
                open_paren = true;
                continue;
            }
            "%" => return RowFigures::NotAmounts,
            "—" | "–" | "-" | "−" => {
                out.push(Figure {
                    scaled: 0,
                    decimals: 0,
                });
                open_paren = false;
                continue;
            }
            _ => {}
        }
        match parse_figure(c) {
            Some(mut f) => {
                if open_paren && f.scaled > 0 {
                    f.scaled = -f.scaled;
                }
                open_paren = false;
                out.push(f);
            }
            None => return RowFigures::NotAmounts,
        }
    }
    if out.is_empty() {
        RowFigures::None
    } else {
        RowFigures::Amounts(out)
    }
}

/// Parses one amount: `$1,234.5`, `(1,234)`, `(1,234`, `1,234)`, `-12`, `$ 0.42`. `None` for
/// anything else (percentages, text, more than six decimals).
#[must_use]
pub fn parse_figure(cell: &str) -> Option<Figure> {
    let mut s = cell.trim();
    let mut negative = false;
    if let Some(r) = s.strip_prefix('$') {
        s = r.trim_start();
    }
    if let Some(r) = s.strip_prefix('(') {
        negative = true;
        s = r.trim_start();
    }
    if let Some(r) = s.strip_suffix(')') {
        negative = true;
        s = r.trim_end();
    }
    if let Some(r) = s.strip_prefix('$') {
        s = r.trim_start();
    }
    if let Some(r) = s.strip_prefix(['-', '−', '–']) {
        negative = true;
        s = r.trim_start();
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits_ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && int.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    let decimals = u32::try_from(frac.len()).ok()?;
    if !digits_ok || decimals > SCALE_DECIMALS {
        return None;
    }
    let mut v: i128 = 0;
    for b in int.bytes().filter(u8::is_ascii_digit) {
        v = v.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    let mut f: i128 = 0;
    for b in frac.bytes() {
        f = f * 10 + i128::from(b - b'0');
    }
    let scaled = v
        .checked_mul(10i128.pow(SCALE_DECIMALS))?
        .checked_add(f * 10i128.pow(SCALE_DECIMALS - decimals))?;
    Some(Figure {
        scaled: if negative { -scaled } else { scaled },
        decimals,
    })
}

/// One row between the start row and the total row.
#[derive(Debug, Clone)]
pub struct Adjustment<'a> {
    /// The label cell (lower case not required).
    pub label: &'a str,
    /// Its amounts.
    pub figures: RowFigures,
    /// Whether the label reads as a total: it says "total" or names a measure ("EBITDA",
    /// "Operating income"). Only such a row may be a subtotal; an adjustment that happens to
    /// equal the running sum is still added.
    pub total_label: bool,
}

/// Result of tying out one reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieOut {
    /// Every column adds up.
    Ties,
    /// Some columns do not add up while at least one other does (so the rows were read
    /// right): `(column index, computed × 10⁶, reported × 10⁶)` for each failing column.
    Mismatch(Vec<(usize, i128, i128)>),
    /// The table could not be read as a reconciliation (columns do not line up, a row is not
    /// amounts, a single column that cannot be cross-checked): no verdict.
    Unreadable,
}

/// Ties out `start` + `adjustments` against `total`, column by column.
///
/// Tolerance per column: half a rounding unit (of the finest precision written in the
/// column) for every figure involved, since each was rounded on its own. The verdict
/// [`TieOut::Mismatch`] needs at least two columns with at least one that ties: a table whose
/// every column fails is more likely one this reader misunderstood (a memo line, a subtotal
/// it did not recognize) than one whose every period is wrong.
#[must_use]
pub fn tie_out(start: &[Figure], adjustments: &[Adjustment<'_>], total: &[Figure]) -> TieOut {
    let n = start.len();
    if n == 0 || total.len() != n {
        return TieOut::Unreadable;
    }
    let mut sum: Vec<i128> = start.iter().map(|f| f.scaled).collect();
    let mut decimals: Vec<u32> = start
        .iter()
        .zip(total)
        .map(|(a, b)| a.decimals.max(b.decimals))
        .collect();
    let mut terms = 2i128;
    for adj in adjustments {
        let row = match &adj.figures {
            RowFigures::None => continue,
            RowFigures::Amounts(r) if r.len() == n => r,
            // Not amounts, or columns that do not line up.
            RowFigures::NotAmounts | RowFigures::Amounts(_) => return TieOut::Unreadable,
        };
        let restates = |target: &[i128]| {
            row.iter().enumerate().all(|(j, f)| {
                (f.scaled - target[j]).abs() <= half_units(decimals[j].max(f.decimals)) * terms
            })
        };
        // A subtotal restates the running sum; "total adjustments" restates the sum of the
        // adjustments so far. Neither is added.
        let adjustments_so_far: Vec<i128> =
            sum.iter().zip(start).map(|(s, f)| s - f.scaled).collect();
        if adj.total_label && terms > 2 && (restates(&sum) || restates(&adjustments_so_far)) {
            continue;
        }
        let negate = is_deduction(adj.label);
        for (j, f) in row.iter().enumerate() {
            let v = if negate && f.scaled > 0 {
                -f.scaled
            } else {
                f.scaled
            };
            sum[j] += v;
            decimals[j] = decimals[j].max(f.decimals);
        }
        terms += 1;
    }
    let failing: Vec<(usize, i128, i128)> = (0..n)
        .filter(|&j| (sum[j] - total[j].scaled).abs() > half_units(decimals[j]) * terms)
        .map(|j| (j, sum[j], total[j].scaled))
        .collect();
    if failing.is_empty() {
        TieOut::Ties
    } else if n >= 2 && failing.len() < n {
        TieOut::Mismatch(failing)
    } else {
        TieOut::Unreadable
    }
}

/// Half a rounding unit of a figure with `decimals` places, × 10⁶ (at least 1).
fn half_units(decimals: u32) -> i128 {
    if decimals >= SCALE_DECIMALS {
        1
    } else {
        5 * 10i128.pow(SCALE_DECIMALS - decimals - 1)
    }
}

/// Whether a row label says its amount is subtracted ("Less: interest income").
fn is_deduction(label: &str) -> bool {
    let l = label.trim_start().to_ascii_lowercase();
    l.starts_with("less") || l.starts_with("deduct") || l.starts_with("minus")
}

/// Formats a figure × 10⁶ for a message, with `decimals` places and parentheses for
/// negatives, as tables write them: `(1,234.5)`.
#[must_use]
pub fn format_scaled(scaled: i128, decimals: u32) -> String {
    let d = decimals.min(SCALE_DECIMALS);
    let unit = 10i128.pow(SCALE_DECIMALS - d);
    let rounded = (scaled.abs() + unit / 2) / unit;
    let int = rounded / 10i128.pow(d);
    let frac = rounded % 10i128.pow(d);
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let body = if d > 0 {
        format!("{grouped}.{frac:0width$}", width = d as usize)
    } else {
        grouped
    };
    if scaled < 0 {
        format!("({body})")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> Figure {
        parse_figure(s).unwrap_or_else(|| panic!("not a figure: {s}"))
    }

    fn amounts(cells: &[&str]) -> RowFigures {
        row_figures(cells.iter().copied())
    }

    fn adj<'a>(label: &'a str, cells: &[&str]) -> Adjustment<'a> {
        Adjustment {
            label,
            figures: amounts(cells),
            total_label: label.contains("Total") || label.contains("EBITDA"),
        }
    }

    fn figs(cells: &[&str]) -> Vec<Figure> {
        match amounts(cells) {
            RowFigures::Amounts(v) => v,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn figures_parse_as_tables_write_them() {
        assert_eq!(fig("$1,234").scaled, 1_234_000_000);
        assert_eq!(fig("(1,234)").scaled, -1_234_000_000);
        assert_eq!(fig("(0.42").scaled, -420_000);
        assert_eq!(fig("$ 0.42").decimals, 2);
        assert_eq!(fig("-12.5").scaled, -12_500_000);
        assert!(parse_figure("12%").is_none());
        assert!(parse_figure("n/a").is_none());
        assert!(parse_figure("1.2345678").is_none());
        // EDGAR cells: "$", "(", "1,234", ")" and a dash for zero.
        assert_eq!(
            amounts(&["$", "(", "1,234", ")", "", "—"]),
            RowFigures::Amounts(vec![
                Figure {
                    scaled: -1_234_000_000,
                    decimals: 0
                },
                Figure {
                    scaled: 0,
                    decimals: 0
                }
            ])
        );
        assert_eq!(amounts(&["12.5", "%"]), RowFigures::NotAmounts);
        assert_eq!(amounts(&["", "$"]), RowFigures::None);
    }

    #[test]
    fn a_reconciliation_that_adds_up_ties_out() {
        let start = figs(&["(2,553)", "224"]);
        let rows = [
            adj("Adjustments:", &[]),
            adj("Depreciation and amortization", &["52", "8"]),
            adj("Interest expense", &["54", "193"]),
            adj("Less: interest income", &["348", "618"]),
            adj("Income tax expense", &["116", "8"]),
        ];
        // Column 1: -2553 + 52 + 54 - 348 + 116 = -2679; column 2: 224 + 8 + 193 - 618 + 8 = -185.
        let total = figs(&["(2,679)", "(185)"]);
        assert_eq!(tie_out(&start, &rows, &total), TieOut::Ties);
    }

    #[test]
    fn subtotals_and_total_adjustments_are_not_added_twice() {
        let start = figs(&["100", "90"]);
        let rows = [
            adj("Interest", &["10", "10"]),
            adj("Taxes", &["20", "15"]),
            adj("EBITDA", &["130", "115"]),
            adj("Stock-based compensation", &["5", "4"]),
            adj("Total adjustments", &["35", "29"]),
        ];
        let total = figs(&["135", "119"]);
        assert_eq!(tie_out(&start, &rows, &total), TieOut::Ties);
    }

    #[test]
    fn a_column_that_does_not_add_up_is_a_mismatch() {
        let start = figs(&["100", "90"]);
        let rows = [adj("Restructuring", &["30", "10"])];
        // 100 + 30 = 130, reported 140 (the first column); 90 + 10 = 100 ties.
        let total = figs(&["140", "100"]);
        assert_eq!(
            tie_out(&start, &rows, &total),
            TieOut::Mismatch(vec![(0, 130_000_000, 140_000_000)])
        );
        // Per-share rounding: 0.33 + 0.33 + 0.33 reported as 1.00 is within tolerance.
        let start = figs(&["0.33", "0.10"]);
        let rows = [adj("A", &["0.33", "0.10"]), adj("B", &["0.33", "0.10"])];
        assert_eq!(
            tie_out(&start, &rows, &figs(&["1.00", "0.30"])),
            TieOut::Ties
        );
    }

    #[test]
    fn tables_it_cannot_read_get_no_verdict() {
        let start = figs(&["100", "90"]);
        // Every column off: more likely a misread table than two wrong periods.
        assert_eq!(
            tie_out(&start, &[adj("X", &["1", "1"])], &figs(&["500", "500"])),
            TieOut::Unreadable
        );
        // Columns that do not line up.
        assert_eq!(
            tie_out(&start, &[adj("X", &["1"])], &figs(&["101", "91"])),
            TieOut::Unreadable
        );
        // A percentage row.
        assert_eq!(
            tie_out(
                &start,
                &[adj("Margin", &["12", "%"])],
                &figs(&["101", "91"])
            ),
            TieOut::Unreadable
        );
        // One column cannot be cross-checked.
        assert_eq!(
            tie_out(&figs(&["100"]), &[adj("X", &["1"])], &figs(&["500"])),
            TieOut::Unreadable
        );
    }

    #[test]
    fn scaled_figures_format_like_tables() {
        assert_eq!(format_scaled(-1_234_500_000, 1), "(1,234.5)");
        assert_eq!(format_scaled(140_000_000, 0), "140");
        assert_eq!(format_scaled(1_000_000_000_000, 0), "1,000,000");
    }
}
