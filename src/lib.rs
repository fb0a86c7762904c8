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
