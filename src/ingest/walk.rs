//! Walking the command-line inputs into a list of files, with the `ignore` crate.
//!
//! Rules: a file argument is always taken (even if hidden or ignored); a folder argument is
//! walked recursively, honouring `.gitignore`/`.ignore` files (also outside a git work tree)
//! and skipping hidden entries; symlinks are followed, and a symlink loop, a dangling link, an
//! unreadable folder or a missing argument becomes a `walk` failure carrying the error text.
//! A file an ignore rule excludes is not read, but it is still an input: it is listed as
//! skipped (stage `walk`) with the reason, so every non-hidden file under a folder argument is
//! accounted for (CONTRACT.md; `tools/check-report.py` checks it).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::document::{DocumentFailure, FailureStatus};

use super::failure;

/// One file to ingest.
#[derive(Debug, Clone)]
pub(crate) struct FoundFile {
    /// Path to open.
    pub path: PathBuf,
    /// Address used in reports: the argument as given joined with the path below it.
    pub display: String,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// Files, each displayed path once, in walk order.
    pub files: Vec<FoundFile>,
    /// Entries that could not be listed (`stage: "walk"`).
    pub failures: Vec<DocumentFailure>,
}

/// Walks every argument; see the module documentation for the rules.
pub(crate) fn walk(paths: &[PathBuf]) -> Walked {
    let mut out = Walked::default();
    let mut seen: HashSet<String> = HashSet::new();
    for arg in paths {
        let display = arg.to_string_lossy().into_owned();
        match std::fs::metadata(arg) {
            Err(e) => out.failures.push(walk_failure(&display, &e.to_string())),
            Ok(m) if !m.is_dir() => {
                if seen.insert(display.clone()) {
                    out.files.push(FoundFile {
                        path: arg.clone(),
                        display,
                    });
                }
            }
            Ok(_) => walk_dir(arg, &mut out, &mut seen),
        }
    }
    out
}

fn walk_dir(root: &Path, out: &mut Walked, seen: &mut HashSet<String>) {
    let walker = WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .ignore(true)
        .parents(true)
        // A reviewer pointed at a plain folder expects its .gitignore to count too.
        .require_git(false)
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_none_or(|t| t.is_dir()) {
                    continue;
                }
                let display = e.path().to_string_lossy().into_owned();
                if seen.insert(display.clone()) {
                    out.files.push(FoundFile {
                        path: e.path().to_path_buf(),
                        display,
                    });
                }
            }
            Err(err) => {
                let path = error_path(&err).unwrap_or(root);
                let display = path.to_string_lossy().into_owned();
                if seen.insert(display.clone()) {
                    out.failures.push(walk_failure(&display, &err.to_string()));
                }
            }
        }
    }
    // The same tree without ignore rules: what it adds was excluded by one. Errors here were
    // reported by the walk above, or lie inside an excluded folder.
    let unfiltered = WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .build();
    for e in unfiltered.flatten() {
        if e.file_type().is_none_or(|t| t.is_dir()) {
            continue;
        }
        let display = e.path().to_string_lossy().into_owned();
        if seen.insert(display.clone()) {
            let bytes = e.metadata().map_or(0, |m| m.len());
            out.failures.push(failure(
                &display,
                FailureStatus::Skipped,
                "walk",
                IGNORED_REASON.to_owned(),
                None,
                bytes,
            ));
        }
    }
}

/// Why a file under a folder argument was not read.
const IGNORED_REASON: &str =
    "excluded by an ignore rule (.gitignore, .ignore or git exclude); not read";

fn walk_failure(display: &str, reason: &str) -> DocumentFailure {
    failure(
        display,
        FailureStatus::Failed,
        "walk",
        reason.to_owned(),
        None,
        0,
    )
}

/// The entry an `ignore` error is about, where it says.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}
