//! regfd reviews corporate disclosures — earnings releases, call scripts, social posts — for
//! material nonpublic information (MNPI), Regulation G / Item 10(e) non-GAAP problems and
//! Regulation FD selective-disclosure risk, and indexes them for legal search.
//!
//! # Pipeline
//!
//! ```text
//! ingest ──► segment ──► detect ──► assess ──► report
//! (files →    (blocks →    (MNPI      (Reg G,     (json, md, html, sarif)
//!  Documents)  sentences)   findings)  Reg FD,  └► index (tantivy)
//!                                       deadlines)
//! ```
//!
//! * [`ingest`] walks inputs and turns every format into one [`document::Document`].
//! * [`segment`] splits blocks into sentences with byte spans.
//! * [`detect`] runs the dictionary-driven MNPI lexicon over each document in one pass.
//! * [`assess`] applies Regulation G / Item 10(e), Regulation FD and the NYSE calendar.
//! * [`report`] writes the contract's `report.json`, Markdown, HTML and SARIF.
//! * [`index`] adds reviewed documents to a tantivy index and searches it.
//! * [`review`] ties the stages together for `regfd review`.
//!
//! # Example
//!
//! Review one document held in memory with the embedded dictionaries:
//!
//! ```
//! use regfd::config::Config;
//! use regfd::document::{BlockKind, Document, SourceFormat, SourcePos};
//! use regfd::review::Engine;
//!
//! let engine = Engine::new(Config::default())?;
//! let mut doc = Document::new("email.txt", SourceFormat::Text);
//! for (k, v) in [("kind", "other"), ("channel", "email"), ("audience", "investors"),
//!                ("disclosed_at", "2025-03-14T15:00:00-04:00")] {
//!     doc.metadata.set(k, v).map_err(regfd::Error::Invalid)?;
//! }
//! let pos = SourcePos { line: 1, column: 1, page: None };
//! doc.push_block(BlockKind::Paragraph,
//!     "Between us, we signed the definitive merger agreement with Globex this morning.",
//!     pos, true, &[], false);
//! let now = chrono::DateTime::parse_from_rfc3339("2025-03-14T16:00:00-04:00").expect("instant");
//! let review = engine.review_document(&doc, now);
//! assert!(review.findings.iter().any(|f| &*f.rule == "mnpi.mergers_acquisitions"));
//! // A Friday-afternoon selective disclosure is due before Monday's 09:30 open.
//! let deadline = review.regfd.remediation.as_ref().and_then(|r| r.policy_deadline.clone());
//! assert_eq!(deadline.as_deref(), Some("2025-03-17T09:30:00-04:00"));
//! # Ok::<(), regfd::Error>(())
//! ```

pub mod assess;
pub mod cli;
pub mod config;
pub mod detect;
pub mod dictionaries;
pub mod document;
pub mod error;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod report;
pub mod review;
pub mod segment;

pub use document::{Document, DocumentFailure};
pub use error::{Error, Result};
