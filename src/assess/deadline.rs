//! Remediation deadlines (to be written).
