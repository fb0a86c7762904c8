//! Index: tantivy schema, writer and search over reviewed documents (to be written).
