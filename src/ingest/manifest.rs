//! The `--metadata` manifest (CONTRACT.md "Document metadata"): per-document metadata that
//! overrides every other source.
//!
//! Two layouts, chosen by extension (`.jsonl`/`.ndjson`/`.json`) or by a first character
//! `{`/`[`:
//!
//! * CSV with a header row; one column must be `path`, the others are metadata keys;
//! * JSON Lines (one object per line) or a JSON array of objects, each with a `path`.
//!
//! `path` is relative to the manifest's folder (or absolute); `./` and `a/../b` are
//! normalized lexically; `file.json#<id>` addresses one post of an export. Empty cells are
//! ignored. Values go through [`Metadata::set`], so a bad instant or kind is a load error.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::document::Metadata;
use crate::error::{Error, Result};

/// The `--metadata` manifest: rows keyed by address relative to the manifest's folder.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// Absolute, lexically normalized folder of the manifest.
    base: PathBuf,
    /// Working directory at load time, to resolve relative document paths.
    cwd: PathBuf,
    /// Normalized key (`sub/file.csv` or `sub/file.csv#id`) → metadata.
    rows: HashMap<String, Metadata>,
}

impl Manifest {
    /// Reads and parses a manifest file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; [`Error::Config`] (with the file and the
    /// 1-based line) when a row has no `path`, a value does not parse, or the file is neither
    /// CSV with a `path` column nor JSON Lines.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
        let cwd = std::env::current_dir().map_err(|e| Error::io("resolving", path, e))?;
        Self::parse(&text, path, &cwd)
    }

    /// Parses manifest `text` as if read from `path` (relative paths resolved against `cwd`).
    ///
    /// # Errors
    /// As [`Manifest::load`], without the I/O part.
    pub fn parse(text: &str, path: &Path, cwd: &Path) -> Result<Self> {
        let abs = normalize(&cwd.join(path));
        let base = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut m = Self {
            base,
            cwd: cwd.to_path_buf(),
            rows: HashMap::new(),
        };
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let first = text.trim_start().chars().next();
        let json = matches!(ext.as_deref(), Some("jsonl" | "ndjson" | "json"))
            || matches!(first, Some('{' | '['));
        let err = |line: usize, message: String| Error::Config {
            path: path.to_path_buf(),
            message: format!("line {line}: {message}"),
        };
        let rows = if json {
            json_rows(text)
        } else {
            csv_rows(text)
        }
        .map_err(|(l, e)| err(l, e))?;
        for (line, fields) in rows {
            let mut key = None;
            let mut meta = Metadata::default();
            for (k, v) in fields {
                if k.trim().eq_ignore_ascii_case("path") {
                    key = Some(v);
                } else {
                    meta.set(&k, &v).map_err(|e| err(line, e))?;
                }
            }
            let key = key
                .filter(|k| !k.trim().is_empty())
                .ok_or_else(|| err(line, "row has no path".to_owned()))?;
            let key = m.row_key(key.trim());
            m.rows.entry(key).or_default().overlay(&meta);
        }
        Ok(m)
    }

    /// Number of rows (distinct addresses).
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the manifest has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row for a file (as a filesystem path, relative to the working directory or
    /// absolute) or, with `id`, for one post of it.
    #[must_use]
    pub fn lookup(&self, file: &Path, id: Option<&str>) -> Option<&Metadata> {
        let abs = normalize(&self.cwd.join(file));
        let rel = match abs.strip_prefix(&self.base) {
            Ok(r) => slash_path(r),
            Err(_) => slash_path(&abs),
        };
        let key = match id {
            Some(id) => format!("{rel}#{id}"),
            None => rel,
        };
        self.rows.get(&key)
    }

    /// Normalized key for a manifest `path` cell.
    fn row_key(&self, cell: &str) -> String {
        let (file, id) = match cell.rsplit_once('#') {
            Some((f, i)) if !i.contains('/') => (f, Some(i)),
            _ => (cell, None),
        };
        let abs = normalize(&self.base.join(file));
        let rel = match abs.strip_prefix(&self.base) {
            Ok(r) => slash_path(r),
            Err(_) => slash_path(&abs),
        };
        match id {
            Some(id) => format!("{rel}#{id}"),
            None => rel,
        }
    }
}

/// Lexical normalization: drops `.`, resolves `..` against the preceding component.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn slash_path(p: &Path) -> String {
    let parts: Vec<String> = p.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let s = parts.join("/");
    // An absolute path's root component renders as "/"; avoid "//x".
    if let Some(rest) = s.strip_prefix("//") {
        format!("/{rest}")
    } else {
        s
    }
}

type Rows = Vec<(usize, Vec<(String, String)>)>;

fn csv_rows(text: &str) -> std::result::Result<Rows, (usize, String)> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| (1, format!("CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if !headers.iter().any(|h| h.eq_ignore_ascii_case("path")) {
        return Err((1, "the header has no `path` column".to_owned()));
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            (line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let fields = headers
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_owned))
            .collect();
        rows.push((line, fields));
    }
    Ok(rows)
}

fn json_rows(text: &str) -> std::result::Result<Rows, (usize, String)> {
    let object_fields =
        |v: Value, line: usize| -> std::result::Result<Vec<(String, String)>, (usize, String)> {
            let Value::Object(o) = v else {
                return Err((line, "expected a JSON object".to_owned()));
            };
            let mut fields = Vec::new();
            for (k, v) in o {
                let s = match v {
                    Value::Null => continue,
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => return Err((line, format!("{k}: nested values are not supported"))),
                };
                fields.push((k, s));
            }
            Ok(fields)
        };
    if text.trim_start().starts_with('[') {
        let v: Vec<Value> =
            serde_json::from_str(text).map_err(|e| (e.line(), format!("invalid JSON: {e}")))?;
        return v
            .into_iter()
            .map(|o| Ok((1, object_fields(o, 1)?)))
            .collect();
    }
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| (i + 1, format!("invalid JSON: {e}")))?;
        rows.push((i + 1, object_fields(v, i + 1)?));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocKind;

    #[test]
    fn csv_keys_are_normalized_and_posts_addressable() {
        let text = "path,kind,channel,audience\n./docs/../docs/a.md,script,webcast,analysts\n\
                    posts.csv#11,,X,\n";
        let m = Manifest::parse(text, Path::new("corpus/meta.csv"), Path::new("/w")).unwrap();
        assert_eq!(m.len(), 2);
        let row = m.lookup(Path::new("corpus/docs/a.md"), None).unwrap();
        assert_eq!(row.kind, Some(DocKind::Script));
        assert_eq!(row.audience.as_deref(), Some("analysts"));
        assert!(m.lookup(Path::new("/w/corpus/./docs/a.md"), None).is_some());
        assert!(
            m.lookup(Path::new("corpus/posts.csv"), Some("11"))
                .is_some()
        );
        assert!(m.lookup(Path::new("corpus/posts.csv"), None).is_none());
        assert!(m.lookup(Path::new("docs/a.md"), None).is_none());
    }

    #[test]
    fn errors_name_the_line() {
        let e = Manifest::parse(
            "path,disclosed_at\na.md,2024-01-01\nb.md,tomorrow\n",
            Path::new("m.csv"),
            Path::new("/w"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
        let e = Manifest::parse(
            "{\"path\": \"a.md\"}\n{\"kind\": \"script\"}\n",
            Path::new("m.jsonl"),
            Path::new("/w"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("line 2: row has no path"), "{e}");
        let e = Manifest::parse("file,kind\n", Path::new("m.csv"), Path::new("/w")).unwrap_err();
        assert!(matches!(e, Error::Config { .. }));
    }

    #[test]
    fn jsonl_rows() {
        let m = Manifest::parse(
            "{\"path\": \"x.json#5\", \"public_channel\": false, \"author\": \"CFO\"}\n",
            Path::new("/data/m.jsonl"),
            Path::new("/elsewhere"),
        )
        .unwrap();
        let row = m.lookup(Path::new("/data/x.json"), Some("5")).unwrap();
        assert_eq!(row.public_channel, Some(false));
        assert_eq!(row.author.as_deref(), Some("CFO"));
    }
}
