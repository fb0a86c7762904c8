//! Informal phrasings of MNPI (issue #4): facts told the way people say them in chat, calls and
//! notes, each of which a rule of the shipped dictionaries must catch in its category above
//! `info`, and look-alikes that must not flag. Written for this test, not copied from a
//! labelled set: they vary the phrasings of the rules added on 2026-11-23 (a deal price in
//! "$1.2B", a hyphenated "merger-of-equals", a quarter that "came in weaker", an asset "marked
//! down", a payment to make claims "go away", a bridge by its lender, a buyer "going with our
//! bid", a flaw that "would let attackers" in, units "collapsed into" one) and of a second set
//! added the same day (a supplier that "cannot ship", a customer's order "halved", a customer that
//! will "stop using our" part, list prices raised, a study to stop, operations shut
//! by decision, a business model pivoted, a venture walked away from, a charge booked
//! "for warranty", a provision that will "triple", a value lower "on our books", a coupon
//! missed, a prearranged case, a bond sale lined up, a merger fallen through, warehouses
//! consolidated into one), and of a third (an analyst's assumption or forecast judged, a plan
//! or budget's figure for next year, a burn rate a month, layoff notices to a share of staff,
//! selling turned into subscriptions, a plant plan shelved, a buyer for a division, a
//! retailer signing up to stock the line, a drug losing exclusivity) and of a fourth (a
//! metric that "will be roughly" an amount, a regulator seeking penalties, phantom sales, an
//! offer sent for a company, a back office offshored, a quarter to "blow the doors off",
//! payroll "tight next week").

use chrono::DateTime;
use regfd::config::Config;
use regfd::dictionaries::Severity;
use regfd::document::{BlockKind, Document, SourceFormat, SourcePos};
use regfd::review::Engine;

type TestResult<T> = Result<T, Box<dyn std::error::Error>>;

/// (category, sentence)
const CAUGHT: [(&str, &str); 62] = [
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
    (
        "products_customers_suppliers",
        "Our sole foundry says it cannot ship wafers to us before the third quarter.",
    ),
    (
        "products_customers_suppliers",
        "Two of the big retailers halved their orders for the spring season.",
    ),
    (
        "products_customers_suppliers",
        "The carmaker will stop using our sensors in its 2028 models.",
    ),
    (
        "products_customers_suppliers",
        "We'll raise list prices about 8% on all mowers in February.",
    ),
    (
        "products_customers_suppliers",
        "The health authority approved our treatment for children on Monday.",
    ),
    (
        "products_customers_suppliers",
        "The data monitoring committee recommended that we stop the study.",
    ),
    (
        "prospects_strategy",
        "The board has approved shutting down its operations across the region.",
    ),
    (
        "prospects_strategy",
        "We're pivoting our business model from hardware sales to subscriptions.",
    ),
    (
        "prospects_strategy",
        "The company is walking away from its Asia expansion after two bad years.",
    ),
    (
        "writedowns_reserves",
        "We'll book $12 million more for warranty repairs in Q3.",
    ),
    (
        "writedowns_reserves",
        "Credit loss provisions are set to triple next quarter.",
    ),
    (
        "writedowns_reserves",
        "The Lisbon hotel is worth a third less on our books after the appraisal.",
    ),
    (
        "writedowns_reserves",
        "The Acme goodwill is worth nothing now; the deal never worked.",
    ),
    (
        "writedowns_reserves",
        "The Denver campus will be impaired before we close the books for the year.",
    ),
    (
        "securities_events",
        "We're going to miss the interest payment on the bonds.",
    ),
    (
        "accounting_auditors",
        "The audit committee is looking into how rebates were recorded in Asia.",
    ),
    (
        "bankruptcy",
        "The noteholders want us to go into a prearranged bankruptcy by March.",
    ),
    (
        "bankruptcy",
        "We go into bankruptcy in May unless the lenders sign.",
    ),
    (
        "extraordinary_borrowings",
        "Treasury is lining up a $2 billion bond sale for Tuesday.",
    ),
    (
        "mergers_acquisitions",
        "The merger with Brightline fell through over the weekend.",
    ),
    (
        "management_org_changes",
        "We will consolidate the three warehouses into our new Reno hub.",
    ),
    (
        "analyst_expectations",
        "Between us, I'd take a point or two off your gross margin assumption for the back half.",
    ),
    (
        "analyst_expectations",
        "Her forecast for the fourth quarter is a bit rich, I said.",
    ),
    (
        "projections_forecasts",
        "For next year, operating income is 18% lower in the deck.",
    ),
    (
        "projections_forecasts",
        "The budget has us losing money until late 2027.",
    ),
    (
        "projections_forecasts",
        "We'll generate roughly $450 million of free cash flow, well below what we said.",
    ),
    (
        "liquidity",
        "We're burning about $12 million a month and collections are slow.",
    ),
    (
        "management_org_changes",
        "Roughly 5% of hourly workers get notices next Monday.",
    ),
    (
        "prospects_strategy",
        "We're shifting from selling software licences to subscriptions next year.",
    ),
    (
        "prospects_strategy",
        "We've shelved the plan to build a second plant in Arizona.",
    ),
    (
        "mergers_acquisitions",
        "There's a buyer for the chemicals division at around $900 million.",
    ),
    (
        "products_customers_suppliers",
        "The grocer has signed up to stock our full range from June.",
    ),
    (
        "products_customers_suppliers",
        "Our best-selling drug loses exclusivity next year and two generics are filed.",
    ),
    (
        "projections_forecasts",
        "Capex will be roughly $700 million, a good deal more than the board saw.",
    ),
    (
        "litigation_investigations",
        "The state board is seeking penalties for the wastewater discharges at our refinery.",
    ),
    (
        "accounting_auditors",
        "The auditors found phantom sales booked at the Brazilian unit.",
    ),
    (
        "mergers_acquisitions",
        "Our board sent an offer to acquire Halvorsen; their board has a week to respond.",
    ),
    (
        "management_org_changes",
        "We're offshoring the back office to Manila next spring.",
    ),
    (
        "projections_forecasts",
        "Between us, Q3 is going to blow the doors off.",
    ),
    (
        "liquidity",
        "Payroll will be tight next week unless the bank funds the draw.",
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
/// authority for a buyback is no insider's trade; data analytics sold is no data stolen; the
/// company retiring its own tools, a market's list prices and a customer's order minimums are
/// no customer news; a speaker's segue is no pivot; an auction's reserve price is no reserve;
/// a time "going into" an auction is no filing; customer acquisition is no deal; consolidated
/// accounts are no sites merged; notes to read are no notes unpaid; a forecast of the weather,
/// a phone number, a promise to report on time, a raise, how products reach the market, a
/// minor patent, a revenue mix and a long-term shareholder are no MNPI of those categories;
/// nor are a fine balance, a plant running fine, a talk's length, a meeting's date, an offer
/// for a property or a role, a trust deed's transfer of functions, a tight-knit payroll team
/// and a growth quarter delivered.
const NOT_IN: [(&str, &str); 34] = [
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
    (
        "products_customers_suppliers",
        "We stopped using our old CRM system last year.",
    ),
    (
        "products_customers_suppliers",
        "Median list prices increased 5% across the metro area in October.",
    ),
    (
        "products_customers_suppliers",
        "Competitors have been increasing their order minimums.",
    ),
    (
        "prospects_strategy",
        "Before we pivot to 2027, let me hand over to our CFO.",
    ),
    (
        "writedowns_reserves",
        "The auction's reserve price jumped after the second bid.",
    ),
    (
        "bankruptcy",
        "Going into the bankruptcy auction, the supplier's assets drew little interest.",
    ),
    (
        "mergers_acquisitions",
        "Customer acquisition collapsed during the lockdown months.",
    ),
    (
        "management_org_changes",
        "We consolidate the results of our subsidiaries into the parent's financial statements.",
    ),
    (
        "securities_events",
        "Don't miss our notes from the investor conference.",
    ),
    (
        "analyst_expectations",
        "Your assumption about the weather is too optimistic, Dave.",
    ),
    (
        "analyst_expectations",
        "Her number is wrong, so call her back on the office line.",
    ),
    (
        "projections_forecasts",
        "We'll do our best to report revenue next quarter on time.",
    ),
    (
        "management_org_changes",
        "Employees received notices of the 3% raise on Friday.",
    ),
    (
        "products_customers_suppliers",
        "We carry our products to market through three distributors.",
    ),
    (
        "products_customers_suppliers",
        "Our patent on the handle design expires next year.",
    ),
    (
        "prospects_strategy",
        "Revenue from selling equipment will grow as leasing declines.",
    ),
    (
        "mergers_acquisitions",
        "We're a buyer for the long term in this company's shares.",
    ),
    (
        "litigation_investigations",
        "The state is seeking a fine balance between growth and safety at the plant.",
    ),
    (
        "litigation_investigations",
        "The plant is running fine, the state inspectors said.",
    ),
    (
        "projections_forecasts",
        "The keynote will be about an hour, covering revenue recognition basics.",
    ),
    (
        "projections_forecasts",
        "The meeting will be held in the first quarter to discuss margins.",
    ),
    (
        "mergers_acquisitions",
        "We made an offer for the Denver property last week.",
    ),
    (
        "mergers_acquisitions",
        "We made an offer for the CFO role to a candidate from Ford.",
    ),
    (
        "management_org_changes",
        "Under the trust deed, the transfer of the functions of the trustee requires consent.",
    ),
    (
        "liquidity",
        "The payroll team is tight-knit and meets every Monday.",
    ),
    (
        "projections_forecasts",
        "Our team delivered another double-digit growth quarter on the top line.",
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
