//! Integration tests (sole binary).

mod calendar;
mod corpus;
mod eightk;
mod eval_bars;
mod search;
