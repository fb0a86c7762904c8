//! Assess: apply Regulation G / Item 10(e) ([`reg_g`]) and Regulation FD ([`reg_fd`]) to a
//! detected document, using the NYSE trading calendar ([`calendar`]) for remediation
//! deadlines ([`deadline`]); tell documents that hold no issuer's information (a community
//! organization's newsletter, news about a privately owned business) from company documents
//! ([`community`]); and, across a batch, tell a repeat of an earlier public document's figures
//! from a disclosure ([`public_record`]).

pub mod calendar;
pub mod community;
pub mod deadline;
pub mod public_record;
pub mod reg_fd;
pub mod reg_g;
pub mod tie_out;
