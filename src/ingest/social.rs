//! Social-media exports: CSV with a header row, JSON (an array of post objects, an object
//! holding one under `posts`/`tweets`/`data`/`items`/`statuses`/`results`, or a single post
//! object) and JSON Lines (one post object per line).
//!
//! Each post becomes one [`Document`] addressed `file#<id>` (the id column/field, else the
//! 1-based row, element or line number; a repeated id gets `-<row>` appended). A single post
//! object keeps the file's own address. The post text is one paragraph block; `verbatim` is
//! `false` (CSV quoting and the HTML entities Twitter exports carry — `&amp;` — are undone),
//! and its position is the line where the record starts.
//!
//! Column roles (header names compared case-insensitively):
//!
//! | role | names |
//! |---|---|
//! | text | `text`, `full_text`, `content`, `body`, `message`, `tweet`, `tweet_text`, `post_text`, `caption` |
//! | id | `tweet_id`, `id_str`, `id`, `post_id`, `status_id` |
//! | posted at | `created_at`, `created_at_utc`, `date_utc`, `posted_at`, `date`, `timestamp`, `published_at` (RFC 3339, `YYYY-MM-DD HH:MM:SS[+zz:zz]` or Unix seconds) |
//! | handle | `username`, `handle`, `screen_name`, `account`, `user_screen_name` (stored as `@name`) |
//! | author | `author`, `name`, `user_name`, `display_name`, `author_name` |
//! | platform | `platform`, `network` (default `Twitter` when the export has tweet columns) |
//!
//! Other columns go to `metadata.extra` (or their [`Metadata::set`] meaning). A cell that does
//! not parse (e.g. a bad date) adds a warning to that post. A CSV without a text column is
//! skipped as a whole: it is a table, not a post export.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::document::{
    BlockKind, Document, DocumentFailure, FailureStatus, Metadata, SourceFormat, SourcePos,
};

use super::{failure, find_json_string};

const TEXT_KEYS: [&str; 9] = [
    "text",
    "full_text",
    "content",
    "body",
    "message",
    "tweet",
    "tweet_text",
    "post_text",
    "caption",
];
const ID_KEYS: [&str; 5] = ["tweet_id", "id_str", "id", "post_id", "status_id"];
const DATE_KEYS: [&str; 7] = [
    "created_at",
    "created_at_utc",
    "date_utc",
    "posted_at",
    "date",
    "timestamp",
    "published_at",
];
const HANDLE_KEYS: [&str; 5] = [
    "username",
    "handle",
    "screen_name",
    "account",
    "user_screen_name",
];
const AUTHOR_KEYS: [&str; 5] = ["author", "name", "user_name", "display_name", "author_name"];
const PLATFORM_KEYS: [&str; 2] = ["platform", "network"];
const ARRAY_KEYS: [&str; 6] = ["posts", "tweets", "data", "items", "statuses", "results"];

/// One post as (key, value) fields, before it becomes a document.
struct Post {
    fields: Vec<(String, String)>,
    /// 1-based row/element/line number (the fallback id).
    number: usize,
    /// Where the record starts in the source.
    source: SourcePos,
    /// The record's share of the file, in bytes.
    bytes: u64,
}

/// Splits a CSV export into one document per post (or failures: rows that do not parse
/// are `failed`, empty posts `skipped`, a CSV without a text column one `skipped` entry).
#[must_use]
pub fn extract_csv(src: &str, display: &str) -> Vec<Result<Document, DocumentFailure>> {
    let whole = |status, reason: String| {
        vec![Err(failure(
            display,
            status,
            "extract",
            reason,
            Some(SourceFormat::SocialCsv),
            src.len() as u64,
        ))]
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(src.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => return whole(FailureStatus::Failed, format!("CSV header: {e}")),
    };
    if !headers.iter().any(|h| TEXT_KEYS.contains(&h.as_str())) {
        return whole(
            FailureStatus::Skipped,
            format!(
                "CSV is not a social-media post export: no post text column (one of {})",
                TEXT_KEYS.join(", ")
            ),
        );
    }
    let tweets = headers.iter().any(|h| h.starts_with("tweet"));
    let mut posts = Vec::new();
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        match rec {
            Ok(rec) => {
                let (line, byte) = rec
                    .position()
                    .map_or((0, 0), |p| (p.line(), p.byte() as usize));
                let fields = headers
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, v)| (h.clone(), v.to_owned()))
                    .collect();
                posts.push((
                    byte,
                    Post {
                        fields,
                        number: i + 1,
                        source: SourcePos {
                            line: line as u32,
                            column: 1,
                            page: None,
                        },
                        bytes: 0,
                    },
                ));
            }
            Err(e) => out.push((
                i,
                Err(failure(
                    &format!("{display}#{}", i + 1),
                    FailureStatus::Failed,
                    "extract",
                    format!("CSV row {}: {e}", i + 1),
                    Some(SourceFormat::SocialCsv),
                    0,
                )),
            )),
        }
    }
    // A record's share of the file runs to the next record's start.
    let starts: Vec<usize> = posts.iter().map(|(b, _)| *b).collect();
    let mut ids = HashSet::new();
    for (k, (start, mut post)) in posts.into_iter().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(src.len());
        post.bytes = next.saturating_sub(start) as u64;
        let n = post.number - 1;
        let r = post_document(
            display,
            SourceFormat::SocialCsv,
            &post,
            tweets,
            true,
            &mut ids,
        );
        out.push((n, r));
    }
    out.sort_by_key(|(n, _)| *n);
    out.into_iter().map(|(_, r)| r).collect()
}

/// Splits a parsed JSON export (see the module documentation for the shapes) into posts.
#[must_use]
pub fn extract_json(
    value: &Value,
    src: &str,
    display: &str,
    source_bytes: u64,
) -> Vec<Result<Document, DocumentFailure>> {
    let array = match value {
        Value::Array(a) => Some(a),
        Value::Object(o) => ARRAY_KEYS
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_array)),
        _ => None,
    };
    let mut ids = HashSet::new();
    if let Some(array) = array {
        let share = source_bytes / array.len().max(1) as u64;
        let mut cursor = 0;
        let idx = super::LineIndex::new(src);
        return array
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let path = format!("{display}#{}", i + 1);
                let Some(obj) = v.as_object() else {
                    return Err(failure(
                        &path,
                        FailureStatus::Skipped,
                        "extract",
                        format!("element {} of the export is not a post object", i + 1),
                        Some(SourceFormat::SocialJson),
                        share,
                    ));
                };
                let fields = object_fields(obj);
                let source = post_text(&fields)
                    .and_then(|t| find_json_string(src, t, cursor))
                    .map_or(
                        SourcePos {
                            line: 1,
                            column: 1,
                            page: None,
                        },
                        |at| {
                            cursor = at;
                            idx.pos(at)
                        },
                    );
                let post = Post {
                    fields,
                    number: i + 1,
                    source,
                    bytes: share,
                };
                post_document(
                    display,
                    SourceFormat::SocialJson,
                    &post,
                    false,
                    true,
                    &mut ids,
                )
            })
            .collect();
    }
    if let Value::Object(obj) = value {
        let fields = object_fields(obj);
        if post_text(&fields).is_some() {
            let post = Post {
                fields,
                number: 1,
                source: SourcePos {
                    line: 1,
                    column: 1,
                    page: None,
                },
                bytes: source_bytes,
            };
            return vec![post_document(
                display,
                SourceFormat::SocialJson,
                &post,
                false,
                false,
                &mut ids,
            )];
        }
    }
    vec![Err(failure(
        display,
        FailureStatus::Skipped,
        "extract",
        "JSON is neither a call transcript (speaker turns) nor a social-media export (post objects with text)"
            .to_owned(),
        None,
        source_bytes,
    ))]
}

/// Splits JSON Lines (one post object per non-blank line) into posts; a line that is not a
/// JSON object is a `failed` entry addressed `file#<line>`.
#[must_use]
pub fn extract_jsonl(src: &str, display: &str) -> Vec<Result<Document, DocumentFailure>> {
    let mut ids = HashSet::new();
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let fields = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => object_fields(&o),
            Ok(_) => {
                out.push(Err(failure(
                    &format!("{display}#{n}"),
                    FailureStatus::Skipped,
                    "extract",
                    format!("line {n} is not a post object"),
                    Some(SourceFormat::SocialJson),
                    line.len() as u64,
                )));
                continue;
            }
            Err(e) => {
                out.push(Err(failure(
                    &format!("{display}#{n}"),
                    FailureStatus::Failed,
                    "extract",
                    format!("line {n}: invalid JSON: {e}"),
                    Some(SourceFormat::SocialJson),
                    line.len() as u64,
                )));
                continue;
            }
        };
        let source = SourcePos {
            line: n as u32,
            column: 1,
            page: None,
        };
        let post = Post {
            fields,
            number: n,
            source,
            bytes: line.len() as u64 + 1,
        };
        out.push(post_document(
            display,
            SourceFormat::SocialJson,
            &post,
            false,
            true,
            &mut ids,
        ));
    }
    out
}

/// Flattens a post object: scalars as strings, arrays of scalars joined with `, `, and the
/// account objects Twitter-style exports nest (`user`, `author`, `account`) as handle/author.
fn object_fields(obj: &serde_json::Map<String, Value>) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for (k, v) in obj {
        let key = k.trim().to_ascii_lowercase();
        match v {
            Value::Object(inner) if matches!(key.as_str(), "user" | "author" | "account") => {
                for (ik, iv) in inner {
                    let ik = ik.to_ascii_lowercase();
                    let Some(s) = json_scalar(iv) else { continue };
                    match ik.as_str() {
                        "screen_name" | "username" | "handle" => {
                            fields.push(("handle".to_owned(), s));
                        }
                        "name" | "display_name" => fields.push(("author".to_owned(), s)),
                        _ => {}
                    }
                }
            }
            Value::Array(items) => {
                let parts: Vec<String> = items.iter().filter_map(json_scalar).collect();
                if !parts.is_empty() {
                    fields.push((key, parts.join(", ")));
                }
            }
            other => {
                if let Some(s) = json_scalar(other) {
                    fields.push((key, s));
                }
            }
        }
    }
    fields
}

fn json_scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn post_text(fields: &[(String, String)]) -> Option<&str> {
    TEXT_KEYS
        .iter()
        .find_map(|k| fields.iter().find(|(f, v)| f == k && !v.trim().is_empty()))
        .map(|(_, v)| v.as_str())
}

/// Builds one post's document. `addressed`: whether the post gets a `#id` address (posts of
/// an export) or keeps the file's (a single-post file).
fn post_document(
    display: &str,
    format: SourceFormat,
    post: &Post,
    tweets: bool,
    addressed: bool,
    ids: &mut HashSet<String>,
) -> Result<Document, DocumentFailure> {
    let id = ID_KEYS
        .iter()
        .find_map(|k| {
            post.fields
                .iter()
                .find(|(f, v)| f == k && !v.trim().is_empty())
        })
        .map_or_else(|| post.number.to_string(), |(_, v)| v.trim().to_owned());
    let path = if addressed {
        let mut id = id.clone();
        if !ids.insert(id.clone()) {
            id = format!("{id}-{}", post.number);
            ids.insert(id.clone());
        }
        format!("{display}#{id}")
    } else {
        display.to_owned()
    };
    let Some(text) = post_text(&post.fields) else {
        return Err(failure(
            &path,
            FailureStatus::Skipped,
            "extract",
            "empty post (no text)".to_owned(),
            Some(format),
            post.bytes,
        ));
    };
    let text = unescape_entities(text);
    let mut doc = Document::new(path, format);
    doc.source_bytes = post.bytes;
    let mut warnings = Vec::new();
    apply_fields(&mut doc.metadata, &post.fields, &mut warnings);
    if doc.metadata.platform.is_none()
        && (tweets || post.fields.iter().any(|(k, _)| k.starts_with("tweet")))
    {
        doc.metadata.platform = Some("Twitter".to_owned());
    }
    if doc.metadata.author.is_none() {
        doc.metadata.author.clone_from(&doc.metadata.handle);
    }
    doc.metadata.extra.entry("post_id".to_owned()).or_insert(id);
    doc.warnings = warnings;
    doc.push_block(BlockKind::Paragraph, &text, post.source, false, &[], false);
    Ok(doc)
}

/// Sets metadata from a post's fields (the format-carried level of CONTRACT.md precedence).
fn apply_fields(m: &mut Metadata, fields: &[(String, String)], warnings: &mut Vec<String>) {
    for (k, v) in fields {
        let key = k.as_str();
        if TEXT_KEYS.contains(&key) || ID_KEYS.contains(&key) || v.trim().is_empty() {
            continue;
        }
        let r = if DATE_KEYS.contains(&key) {
            if m.disclosed_at.is_some() {
                continue;
            }
            match unix_seconds(v) {
                Some(t) => {
                    m.disclosed_at = Some(t);
                    Ok(())
                }
                None => m.set("posted_at", v).map_err(|e| format!("{key}: {e}")),
            }
        } else if HANDLE_KEYS.contains(&key) {
            let h = v.trim();
            let h = if h.starts_with('@') {
                h.to_owned()
            } else {
                format!("@{h}")
            };
            m.set("handle", &h)
        } else if AUTHOR_KEYS.contains(&key) {
            m.set("author", v)
        } else if PLATFORM_KEYS.contains(&key) {
            m.set("platform", v)
        } else if matches!(key, "kind" | "type") {
            // Export "type" columns (tweet, reply, retweet) describe the post, not the
            // contract's document kind.
            m.extra.insert(key.to_owned(), v.clone());
            Ok(())
        } else {
            m.set(key, v)
        };
        if let Err(e) = r {
            warnings.push(format!("post field {e}"));
        }
    }
}

/// Unix seconds (as some exports write `timestamp`) → UTC instant.
fn unix_seconds(v: &str) -> Option<DateTime<FixedOffset>> {
    let v = v.trim();
    if v.len() < 9 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = v.parse().ok()?;
    let utc = FixedOffset::east_opt(0)?;
    DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&utc))
}

/// Undoes the HTML entities Twitter's API leaves in post text.
fn unescape_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_export_one_document_per_post() {
        let src = "tweet_id,created_at_utc,username,text,likes\n\
                   11,2022-02-09 15:26:20+00:00,acme,\"Q4 revenue up 8% &amp; record\",5\n\
                   12,2022-02-10 10:00:00+00:00,acme,\"Multi\nline post\",1\n\
                   13,not a date,acme,Third post,0\n";
        let r = extract_csv(src, "dir/posts.csv");
        assert_eq!(r.len(), 3);
        let docs: Vec<&Document> = r.iter().map(|d| d.as_ref().unwrap()).collect();
        let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            ["dir/posts.csv#11", "dir/posts.csv#12", "dir/posts.csv#13"]
        );
        assert_eq!(docs[0].text, "Q4 revenue up 8% & record");
        assert_eq!(docs[0].metadata.handle.as_deref(), Some("@acme"));
        assert_eq!(docs[0].metadata.platform.as_deref(), Some("Twitter"));
        assert_eq!(docs[0].metadata.extra["likes"], "5");
        assert_eq!(
            docs[0]
                .metadata
                .disclosed_at
                .map(|t| t.to_rfc3339())
                .as_deref(),
            Some("2022-02-09T15:26:20+00:00")
        );
        assert_eq!(docs[1].blocks[0].source.line, 3);
        assert_eq!(docs[2].blocks[0].source.line, 5);
        assert_eq!(docs[2].warnings.len(), 1, "{:?}", docs[2].warnings);
        let total: u64 = docs.iter().map(|d| d.source_bytes).sum();
        let header = src.find('\n').unwrap() as u64 + 1;
        assert_eq!(total + header, src.len() as u64);
    }

    #[test]
    fn csv_without_text_column_is_skipped() {
        let r = extract_csv("a,b\n1,2\n", "t.csv");
        assert_eq!(r.len(), 1);
        let f = r[0].as_ref().unwrap_err();
        assert_eq!(f.status, FailureStatus::Skipped);
        assert!(f.reason.contains("no post text column"), "{}", f.reason);
    }

    #[test]
    fn json_shapes() {
        let src = r#"{"tweets": [{"id_str": "7", "full_text": "Hello &lt;world&gt;", "user": {"screen_name": "acme", "name": "Acme"}, "created_at": "2024-01-02T03:04:05Z"}, {"id": 8, "text": ""}, 3]}"#;
        let v: Value = serde_json::from_str(src).unwrap();
        let r = extract_json(&v, src, "x.json", src.len() as u64);
        assert_eq!(r.len(), 3);
        let d = r[0].as_ref().unwrap();
        assert_eq!(d.path, "x.json#7");
        assert_eq!(d.text, "Hello <world>");
        assert_eq!(d.metadata.handle.as_deref(), Some("@acme"));
        assert_eq!(d.metadata.author.as_deref(), Some("Acme"));
        assert_eq!(d.blocks[0].source.column, 43);
        assert_eq!(r[1].as_ref().unwrap_err().path, "x.json#8");
        assert_eq!(r[2].as_ref().unwrap_err().path, "x.json#3");
        let single = serde_json::json!({"text": "One post", "platform": "LinkedIn"});
        let r = extract_json(&single, "", "one.json", 10);
        assert_eq!(r[0].as_ref().unwrap().path, "one.json");
        assert_eq!(
            r[0].as_ref().unwrap().metadata.platform.as_deref(),
            Some("LinkedIn")
        );
        let other = serde_json::json!({"a": 1});
        assert!(r.len() == 1 && extract_json(&other, "", "o.json", 1)[0].is_err());
    }

    #[test]
    fn jsonl_one_post_per_line() {
        let src = "{\"id\": \"a\", \"text\": \"first\"}\n\n{bad\n{\"text\": \"third\"}\n";
        let r = extract_jsonl(src, "p.jsonl");
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].as_ref().unwrap().path, "p.jsonl#a");
        assert_eq!(r[1].as_ref().unwrap_err().path, "p.jsonl#3");
        let d = r[2].as_ref().unwrap();
        assert_eq!(d.path, "p.jsonl#4");
        assert_eq!(d.blocks[0].source.line, 4);
    }
}
