//! Markdown extractor (`CommonMark` + tables, via `pulldown-cmark` 0.13), with YAML front matter.
//!
//! Every block's text is a verbatim slice of the source: from the first to the last byte of
//! its inline content, so leading markers (`#`, `- `, `1. `, `> `, table pipes) fall outside
//! while inline markup (`**`, `[link](url)`) and, for multi-line blocks, continuation-line
//! prefixes stay. `verbatim` is therefore always `true` and line/column map exactly.
//!
//! Blocks: headings (with level), paragraphs (also inside block quotes), list items (a tight
//! item's text, or each paragraph of a loose item), one table row per header/body row with
//! cell ranges, code and HTML blocks as paragraphs. `emphasized` is set on headings and on
//! paragraphs/items whose text is wholly strong (`**…**`).
//!
//! Front matter (`---` YAML block at the top) goes through [`Metadata::set`](crate::document::Metadata::set);
//! a malformed block or value adds a warning, never a failure.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::document::{BlockKind, Document, SourceFormat};

use super::LineIndex;

/// Extracts a Markdown document. Never fails: any text is a document.
#[must_use]
pub fn extract(src: &str, display: &str) -> Document {
    let mut st = State {
        doc: Document::new(display, SourceFormat::Markdown),
        src,
        idx: LineIndex::new(src),
        containers: Vec::new(),
        leaf: None,
        strong: 0,
        yaml: None,
        table: 0,
        row: 0,
        row_cells: Vec::new(),
        cell: None,
    };
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES;
    for (ev, range) in Parser::new_ext(src, opts).into_offset_iter() {
        st.event(ev, range);
    }
    st.flush();
    st.doc
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Other,
}

#[derive(Debug, Clone, Copy)]
enum LeafKind {
    Heading(u8),
    Paragraph,
    ListItem,
}

struct Leaf {
    kind: LeafKind,
    span: Option<(usize, usize)>,
    text_seen: bool,
    all_strong: bool,
}

/// Content span of an open table cell (`None` until content is seen).
struct Cell(Option<(usize, usize)>);

struct State<'a> {
    doc: Document,
    src: &'a str,
    idx: LineIndex<'a>,
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    /// Nesting depth of `Strong`.
    strong: usize,
    /// Front matter being collected.
    yaml: Option<String>,
    /// Index of the current/next table.
    table: u32,
    row: u32,
    row_cells: Vec<(usize, usize)>,
    /// The open table cell, if any.
    cell: Option<Cell>,
}

fn widen(span: &mut Option<(usize, usize)>, r: &Range<usize>) {
    *span = Some(match *span {
        Some((s, e)) => (s.min(r.start), e.max(r.end)),
        None => (r.start, r.end),
    });
}

impl State<'_> {
    fn open(&mut self, kind: LeafKind) {
        self.flush();
        self.leaf = Some(Leaf {
            kind,
            span: None,
            text_seen: false,
            all_strong: true,
        });
    }

    fn event(&mut self, ev: Event<'_>, range: Range<usize>) {
        match ev {
            Event::Start(Tag::MetadataBlock(_)) => self.yaml = Some(String::new()),
            Event::End(TagEnd::MetadataBlock(_)) => {
                if let Some(y) = self.yaml.take() {
                    self.front_matter(&y);
                }
            }
            Event::Text(t) if self.yaml.is_some() => {
                if let Some(y) = self.yaml.as_mut() {
                    y.push_str(&t);
                }
            }
            Event::Start(Tag::Paragraph) => {
                let in_item = self.containers.last() == Some(&Container::Item);
                self.open(if in_item {
                    LeafKind::ListItem
                } else {
                    LeafKind::Paragraph
                });
            }
            Event::Start(Tag::Heading { level, .. }) => self.open(LeafKind::Heading(level as u8)),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => self.open(LeafKind::Paragraph),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock,
            )
            | Event::Start(Tag::Table(_)) => self.flush(),
            Event::Start(Tag::Item) => {
                self.flush();
                self.containers.push(Container::Item);
            }
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition,
            ) => {
                self.flush();
                self.containers.push(Container::Other);
            }
            Event::End(
                TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => {
                self.flush();
                self.containers.pop();
            }
            Event::End(TagEnd::Table) => {
                self.table += 1;
                self.row = 0;
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => self.row_cells.clear(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => self.push_row(),
            Event::Start(Tag::TableCell) => self.cell = Some(Cell(None)),
            Event::End(TagEnd::TableCell) => {
                if let Some(Cell(Some(span))) = self.cell.take() {
                    self.row_cells.push(span);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => {}
            Event::Start(Tag::Strong) => {
                self.strong += 1;
                self.inline(&range, false);
            }
            Event::End(TagEnd::Strong) => {
                self.strong = self.strong.saturating_sub(1);
                self.inline(&range, false);
            }
            Event::Text(t) | Event::Code(t) => {
                let visible = !t.trim().is_empty();
                self.inline(&range, visible);
            }
            _ => self.inline(&range, false),
        }
    }

    /// Inline content: widens the open cell or leaf (opening an implicit list-item or
    /// paragraph leaf when inline text comes directly in a container).
    fn inline(&mut self, range: &Range<usize>, visible_text: bool) {
        if let Some(cell) = self.cell.as_mut() {
            widen(&mut cell.0, range);
            return;
        }
        if self.leaf.is_none() {
            let in_item = self.containers.last() == Some(&Container::Item);
            self.open(if in_item {
                LeafKind::ListItem
            } else {
                LeafKind::Paragraph
            });
        }
        let strong = self.strong > 0;
        if let Some(leaf) = self.leaf.as_mut() {
            widen(&mut leaf.span, range);
            if visible_text {
                leaf.text_seen = true;
                leaf.all_strong &= strong;
            }
        }
    }

    fn flush(&mut self) {
        let Some(leaf) = self.leaf.take() else { return };
        let Some((s, e)) = leaf.span else { return };
        let (kind, emphasized) = match leaf.kind {
            LeafKind::Heading(level) => (BlockKind::Heading { level }, true),
            LeafKind::Paragraph => (BlockKind::Paragraph, leaf.text_seen && leaf.all_strong),
            LeafKind::ListItem => (BlockKind::ListItem, leaf.text_seen && leaf.all_strong),
        };
        let text = self.src.get(s..e).unwrap_or("");
        let pos = self.idx.pos(s);
        self.doc.push_block(kind, text, pos, true, &[], emphasized);
    }

    fn push_row(&mut self) {
        let (Some(&(s, _)), Some(&(_, e))) = (self.row_cells.first(), self.row_cells.last()) else {
            return;
        };
        let cells: Vec<(usize, usize)> = self
            .row_cells
            .iter()
            .map(|&(cs, ce)| (cs.saturating_sub(s), ce.saturating_sub(s)))
            .collect();
        let text = self.src.get(s..e).unwrap_or("");
        let pos = self.idx.pos(s);
        let kind = BlockKind::TableRow {
            table: self.table,
            row: self.row,
        };
        if self
            .doc
            .push_block(kind, text, pos, true, &cells, false)
            .is_some()
        {
            self.row += 1;
        }
    }

    /// Applies YAML front matter to the metadata; problems become warnings.
    fn front_matter(&mut self, yaml: &str) {
        use serde_yaml_ng::Value;
        let map = match serde_yaml_ng::from_str::<Value>(yaml) {
            Ok(Value::Mapping(m)) => m,
            Ok(Value::Null) => return,
            Ok(_) => {
                self.doc
                    .warnings
                    .push("front matter is not a key: value mapping".to_owned());
                return;
            }
            Err(e) => {
                // Hand-written front matter often breaks YAML with a colon in a value
                // ("title: RE: Founder share overhang?"), which would lose the author, the
                // channel and the disclosure time with it: read such a block as plain
                // `key: value` lines instead, and say so.
                let read = self.front_matter_lines(yaml);
                self.doc.warnings.push(if read > 0 {
                    format!(
                        "front matter is not valid YAML ({e}); read as plain `key: value` lines ({read} read)"
                    )
                } else {
                    format!("front matter is not valid YAML: {e}")
                });
                return;
            }
        };
        for (k, v) in &map {
            let Some(key) = yaml_scalar(k) else { continue };
            let value = match v {
                Value::Null => continue,
                Value::Sequence(items) => {
                    let parts: Vec<String> = items.iter().filter_map(yaml_scalar).collect();
                    parts.join(", ")
                }
                other => {
                    let Some(s) = yaml_scalar(other) else {
                        self.doc.warnings.push(format!(
                            "front matter {key}: nested values are not supported"
                        ));
                        continue;
                    };
                    s
                }
            };
            if let Err(e) = self.doc.metadata.set(&key, &value) {
                self.doc.warnings.push(format!("front matter: {e}"));
            }
        }
    }

    /// Fallback for front matter that is not valid YAML: every line `key: value` whose key
    /// starts the line, is one word (letters, digits, `_`, `-`) and is followed by `: ` sets
    /// that key to the rest of the line, trimmed and without one pair of enclosing quotes;
    /// other lines (comments, indented or list lines) are skipped. Returns the number of keys
    /// read; a value the metadata rejects is a warning, as for YAML.
    fn front_matter_lines(&mut self, yaml: &str) -> usize {
        let mut read = 0;
        for line in yaml.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let simple = key
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            // YAML's own rule: a space after the colon ("time: 10:00" is one key).
            if !simple || !value.starts_with([' ', '\t']) || value.trim().is_empty() {
                continue;
            }
            let value = value.trim();
            let value = ['"', '\'']
                .iter()
                .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
                .unwrap_or(value);
            match self.doc.metadata.set(key, value) {
                Ok(()) => read += 1,
                Err(e) => self.doc.warnings.push(format!("front matter: {e}")),
            }
        }
        read
    }
}

fn yaml_scalar(v: &serde_yaml_ng::Value) -> Option<String> {
    use serde_yaml_ng::Value;
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocKind, Location};

    const SRC: &str = "---\nkind: press_release\ncompany: Acme Corp\n\
disclosed_at: 2024-05-01T16:05:00-04:00\naudience: public\n---\n\
# Acme Reports Q1\n\nRevenue of **$10 million** rose 12%.\n\n\
**Adjusted EBITDA was $3 million.**\n\n\
- first item\n- second *item*\n\n\
| Measure | Q1 2024 |\n|---|---|\n| Net income | $1.2 |\n\n\
> Quoted remark by the CFO.\n";

    #[test]
    fn front_matter_blocks_and_positions() {
        let d = extract(SRC, "a.md");
        assert_eq!(d.metadata.kind, Some(DocKind::PressRelease));
        assert_eq!(d.metadata.company.as_deref(), Some("Acme Corp"));
        assert_eq!(d.metadata.audience.as_deref(), Some("public"));
        assert_eq!(
            d.metadata.disclosed_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-05-01T16:05:00-04:00")
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading { level: 1 },
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::TableRow { table: 0, row: 0 },
                BlockKind::TableRow { table: 0, row: 1 },
                BlockKind::Paragraph,
            ]
        );
        assert_eq!(d.block_text(0), "Acme Reports Q1");
        assert_eq!(d.block_text(4), "second *item*");
        assert_eq!(d.block_text(7), "Quoted remark by the CFO.");
        assert!(d.blocks[0].emphasized);
        assert!(!d.blocks[1].emphasized);
        assert!(d.blocks[2].emphasized);
        // "rose" in line 9 ("Revenue of **$10 million** rose 12%."), column 28.
        let off = d.text.find("rose").unwrap();
        assert_eq!(
            d.location(off),
            Location {
                line: 9,
                column: 28,
                page: None
            }
        );
        // Table cell "$1.2" on line 18, column 16.
        let row = &d.blocks[6];
        let cells: Vec<&str> = row.cells.iter().map(|&(s, e)| &d.text[s..e]).collect();
        assert_eq!(cells, ["Net income", "$1.2"]);
        assert_eq!(
            d.location(row.cells[1].0),
            Location {
                line: 18,
                column: 16,
                page: None
            }
        );
        assert!(d.blocks.iter().all(|b| b.verbatim));
    }

    #[test]
    fn bad_front_matter_values_are_warnings() {
        let d = extract(
            "---\nkind: memo\ndisclosed_at: soon\nticker: ACME\n---\nText.\n",
            "b.md",
        );
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert_eq!(d.metadata.kind, None);
        assert_eq!(d.metadata.extra["ticker"], "ACME");
        assert_eq!(d.block_text(0), "Text.");
        let d = extract("---\n: : [\n---\nText.\n", "c.md");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn front_matter_that_is_not_yaml_is_read_line_by_line() {
        let d = extract(
            "---\nkind: other\nauthor: Bethany Ruiz, Director of Investor Relations\n\
             # a comment\ndisclosed_at: 2026-08-20T10:00:00-04:00\n\
             title: RE: Founder share overhang?\nchannel: 'email'\n---\nText.\n",
            "d.md",
        );
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(d.warnings[0].contains("5 read"), "{:?}", d.warnings);
        assert_eq!(d.metadata.kind, Some(DocKind::Other));
        assert_eq!(
            d.metadata.author.as_deref(),
            Some("Bethany Ruiz, Director of Investor Relations")
        );
        assert_eq!(
            d.metadata.title.as_deref(),
            Some("RE: Founder share overhang?")
        );
        assert_eq!(d.metadata.channel.as_deref(), Some("email"));
        assert!(d.metadata.disclosed_at.is_some());
        assert_eq!(d.block_text(0), "Text.");
    }
}
