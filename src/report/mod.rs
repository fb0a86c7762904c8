//! Report: write a [`crate::review::Report`] as the contract's `report.json`
//! ([`json`]), a Markdown review report for compliance reviewers ([`markdown`]), the same as
//! HTML ([`html`]) and SARIF 2.1.0 for CI annotations ([`sarif`]).
//!
//! Every file is written to a temporary file in the output folder and renamed into place,
//! so an interrupted run never leaves a half-written report.

pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::review::Report;

/// An output format of `regfd review --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `report.json` (CONTRACT.md).
    Json,
    /// `report.md`.
    Markdown,
    /// `report.html`.
    Html,
    /// `report.sarif`.
    Sarif,
}

impl Format {
    /// Parses one name of the `--format` list.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an unknown name.
    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "json" => Self::Json,
            "md" | "markdown" => Self::Markdown,
            "html" => Self::Html,
            "sarif" => Self::Sarif,
            other => {
                return Err(Error::Invalid(format!(
                    "unknown report format {other:?} (expected md, json, html or sarif)"
                )));
            }
        })
    }

    /// File name inside the output folder.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Json => "report.json",
            Self::Markdown => "report.md",
            Self::Html => "report.html",
            Self::Sarif => "report.sarif",
        }
    }
}

/// Writes `report` in every format to `out_dir` (created if missing); returns the paths.
///
/// # Errors
/// [`Error::Io`] when the folder or a file cannot be written.
pub fn write_all(report: &Report, out_dir: &Path, formats: &[Format]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io("creating directory", out_dir, e))?;
    let mut written = Vec::new();
    for f in formats {
        let body = match f {
            Format::Json => json::render(report)?,
            Format::Markdown => markdown::render(report),
            Format::Html => html::render(report),
            Format::Sarif => sarif::render(report)?,
        };
        let path = out_dir.join(f.file_name());
        write_atomic(&path, body.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
///
/// # Errors
/// [`Error::Io`] on any write, sync or rename failure.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| Error::io("creating temporary file in", dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io("writing", path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("syncing", path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::io("renaming into", path, e.error))?;
    Ok(())
}
