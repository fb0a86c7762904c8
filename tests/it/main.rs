//! Integration tests (sole binary).

mod calendar;
mod cli;
mod corpus;
mod eightk;
mod eval_bars;
mod hostile;
mod phrasings;
mod search;
