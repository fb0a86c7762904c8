//! Assess: apply Regulation G / Item 10(e) ([`reg_g`]) and Regulation FD ([`reg_fd`]) to a
//! detected document, using the NYSE trading calendar ([`calendar`]) for remediation
//! deadlines ([`deadline`]); tell a community organization's newsletter, which holds no
//! issuer's information, from a company document ([`community`]).

pub mod calendar;
pub mod community;
pub mod deadline;
pub mod reg_fd;
pub mod reg_g;
pub mod tie_out;
