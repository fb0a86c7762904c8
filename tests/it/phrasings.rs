//! Informal phrasings of MNPI (issue #4): facts told the way people say them in chat, calls and
//! notes, each of which a rule of the shipped dictionaries must catch in its category above
//! `info`, and look-alikes that must not flag. Written for this test, not copied from a
//! labelled set: they vary the phrasings of the rules added on 2026-11-23 (a deal price in
//! "$1.2B", a hyphenated "merger-of-equals", a quarter that "came in weaker", an asset "marked
//! down", a payment to make claims "go away", a bridge by its lender, a buyer "going with our
//! bid", a flaw that "would let attackers" in, units "collapsed into" one).

use chrono::DateTime;
use regfd::config::Config;
use regfd::dictionaries::Severity;
use regfd::document::{BlockKind, Document, SourceFormat, SourcePos};
use regfd::review::Engine;

type TestResult<T> = Result<T, Box<dyn std::error::Error>>;

/// (category, sentence)
const CAUGHT: [(&str, &str); 22] = [
    (
        "mergers_acquisitions",
        "Between us, we're buying Calloway Foods for $1.2B and sign on Monday.",
    ),
    (
        "mergers_acquisitions",
        "The boards are weighing a merger-of-equals with our largest competitor.",
    ),
    (
        "mergers_acquisitions",
        "We are in advanced talks to acquire Northwind at $52 a share.",
    ),
    (
        "earnings",
        "Q2 came in a lot weaker than the board pack assumed.",
    ),
    (
        "earnings",
        "Like-for-likes went backwards in every region in November.",
    ),
    (
        "writedowns_reserves",
        "Finance is marking our stake in the joint venture down to almost nothing this quarter.",
    ),
    (
        "writedowns_reserves",
        "The carrying value of the Houston terminal will be cut hard after the appraisal.",
    ),
    (
        "litigation_investigations",
        "We're writing a $60 million check to make the wage-and-hour claims go away.",
    ),
    (
        "litigation_investigations",
        "The European competition regulators opened a formal inquiry into our pricing this morning.",
    ),
    (
        "liquidity",
        "There is basically nothing left in the operating account after Friday's payroll.",
    ),
    (
        "earnings",
        "Industrial orders were up 14 percent in the quarter.",
    ),
    (
        "liquidity",
        "We drew down the remaining $250 million on our revolving credit facility last week.",
    ),
    (
        "liquidity",
        "The trustee notified us of the acceleration of the notes on Friday.",
    ),
    (
        "products_customers_suppliers",
        "Our only source for the resin had a plant fire and is down for six weeks.",
    ),
    (
        "products_customers_suppliers",
        "We're pulling the space heaters off the shelves after three fires were reported.",
    ),
    (
        "management_board_changes",
        "The board is easing the CFO out and will call it a retirement.",
    ),
    (
        "extraordinary_borrowings",
        "We're lining up a $400 million bridge from two banks to fund the acquisition.",
    ),
    (
        "significant_contracts",
        "The state transit agency is going with our bid for the signalling contract.",
    ),
    (
        "significant_contracts",
        "The customer cancelled its $80 million order on Friday.",
    ),
    (
        "cybersecurity",
        "A flaw in our checkout API would let attackers read saved card numbers.",
    ),
    (
        "management_org_changes",
        "Retail and Wholesale will be collapsed into a single business unit in January.",
    ),
    (
        "projections_forecasts",
        "Internally we now expect to reach profitability by Q4, two quarters ahead of plan.",
    ),
];

/// Look-alikes of the same rules: a bridge that is a structure, a workshop divided, other
/// people's numbers published, a payout policy restated, inventories drawn down, a trend
/// accelerating.
const CLEAR: [&str; 6] = [
    "The bridge from the parking deck to the terminal is closed for repairs.",
    "Please divide the workshop into three groups after lunch.",
    "The August traffic numbers were published by the city yesterday.",
    "As set out in the 10-K, our policy is to pay out half of free cash flow over the cycle.",
    "Stores drew down their holiday inventories faster than last year.",
    "Customers saw an acceleration of the shift to online ordering.",
];

/// Look-alikes of one category that may rightly flag another: (category it must not flag,
/// sentence). Honours, a hedge, secured debt, an approximate size and a period's orders
/// against last year are no contract won; a governor's orders are no order book; the board's
/// authority for a buyback is no insider's trade; data analytics sold is no data stolen.
const NOT_IN: [(&str, &str); 8] = [
    (
        "significant_contracts",
        "The plant team won two customer quality awards and a supplier of the year award.",
    ),
    (
        "significant_contracts",
        "We took a $205 million mark-to-market loss on our hedge contracts.",
    ),
    (
        "significant_contracts",
        "Net leverage under our senior secured credit agreement was 3.8 times.",
    ),
    (
        "significant_contracts",
        "We expect savings on the order of $100 million next year.",
    ),
    (
        "significant_contracts",
        "Orders of $321 million were 10 percent above last year.",
    ),
    (
        "earnings",
        "Executive orders were up 12% this year, the governor said.",
    ),
    (
        "insider_trading",
        "The Company has the Board of Directors' authorization to purchase another 4 million shares.",
    ),
    (
        "cybersecurity",
        "Forensic consulting revenue rose 15% on stronger demand for data analytics.",
    ),
];

/// The MNPI categories flagged above `info` in `text` reviewed as a one-paragraph document.
fn flagged(engine: &Engine, text: &str) -> TestResult<Vec<String>> {
    let mut doc = Document::new("phrasing.txt", SourceFormat::Text);
    let pos = SourcePos {
        line: 1,
        column: 1,
        page: None,
    };
    doc.push_block(BlockKind::Paragraph, text, pos, false, &[], false);
    let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00-05:00")?;
    let mut cats: Vec<String> = engine
        .review_document(&doc, now)
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("mnpi.") && f.severity > Severity::Info)
        .map(|f| f.category.to_string())
        .collect();
    cats.dedup();
    Ok(cats)
}

#[test]
fn informal_phrasings_flag_their_category_and_look_alikes_do_not() -> TestResult<()> {
    let engine = Engine::new(Config::default())?;
    let mut wrong = Vec::new();
    for (cat, text) in CAUGHT {
        let got = flagged(&engine, text)?;
        if !got.iter().any(|c| c == cat) {
            wrong.push(format!("missed {cat}: {text:?} (flagged {got:?})"));
        }
    }
    for text in CLEAR {
        let got = flagged(&engine, text)?;
        if !got.is_empty() {
            wrong.push(format!("flagged {got:?}: {text:?}"));
        }
    }
    for (cat, text) in NOT_IN {
        let got = flagged(&engine, text)?;
        if got.iter().any(|c| c == cat) {
            wrong.push(format!("flagged {cat}: {text:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}
