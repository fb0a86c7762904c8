//! [`search`]: query the archive index for `regfd search`.
//!
//! # Query syntax
//!
//! Tantivy's query language over `title` and `body`:
//!
//! * words are combined with **OR** by default (tantivy's default; ranked by BM25, so
//!   documents with more of the words come first); `AND`, `OR`, `NOT`, `+word` (required),
//!   `-word` (excluded) and parentheses work as usual;
//! * `"adjusted EBITDA"` is an exact phrase (the body is indexed unstemmed, so it does not
//!   match "adjusting EBITDA"), `"guidance raise"~3` allows up to 3 positions of slop;
//! * `field:term` searches one field: `company`, `author`, `handle`, `channel`, `audience`,
//!   `title`, `body`, `body_stem`, `kind`, `categories`, `path`;
//! * a bare word also matches its English inflections through the stemmed `body_stem` field
//!   ("acquisitions" finds "acquisition"); exact matches score higher because they match both.
//!
//! An empty (blank) query matches every document, so filters alone can list documents.
//!
//! # Filters
//!
//! Each given filter must hold; filters do not change scores. `categories`: any of the given
//! (normalized by [`normalize_category`]); `kind`: exactly (contract spelling or a
//! [`DocKind::parse`] synonym); `author`: every word of it appears in the author or in the
//! handle (case-insensitive tokens, so "alicia" matches "Alicia Moreau, Chief Financial
//! Officer"); `from`/`to`: civil dates in New York, inclusive: `from` 00:00 New York to the end
//! of `to` New York, converted to UTC instants (documents without `disclosed_at` are excluded
//! when either is given).

use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::America::New_York;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Index, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::normalize_category;
use super::schema::{self, Fields};
use crate::document::DocKind;
use crate::{Error, Result};

/// Hits returned when the caller does not say (`--limit`).
pub const DEFAULT_LIMIT: usize = 10;

/// Longest snippet fragment, in UTF-8 bytes of the body before escaping and `<b>` tags
/// (tantivy's `set_max_num_chars` says characters but compares byte offsets; fragments end at
/// token boundaries, so they are always valid UTF-8).
pub const SNIPPET_MAX_BYTES: usize = 200;

/// A search: query text plus filters (see the module docs for their meaning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Tantivy query syntax over title and body; blank matches everything.
    pub query: String,
    /// Any of these categories or rule ids (`"cybersecurity"`, `"mnpi.cybersecurity"`,
    /// `"regg.missing_reconciliation"`); empty: no filter.
    pub categories: Vec<String>,
    /// Only this kind (`press_release`, `script`, `social_post`, `other`).
    pub kind: Option<String>,
    /// Only documents whose author or handle contains every word of this text.
    pub author: Option<String>,
    /// First New York civil date, inclusive.
    pub from: Option<NaiveDate>,
    /// Last New York civil date, inclusive.
    pub to: Option<NaiveDate>,
    /// Maximum number of hits returned (`total` still counts all matches); 0 counts only.
    pub limit: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        Self {
            query: String::new(),
            categories: Vec::new(),
            kind: None,
            author: None,
            from: None,
            to: None,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The document's path as indexed.
    pub path: String,
    /// BM25 relevance score (filters add nothing); higher is better.
    pub score: f32,
    /// Contract kind.
    pub kind: String,
    /// Disclosure instant in RFC 3339 with the New York offset, if known.
    pub disclosed_at: Option<String>,
    /// Normalized categories and rule ids, sorted.
    pub categories: Vec<String>,
    /// Author as indexed.
    pub author: Option<String>,
    /// Issuer as indexed.
    pub company: Option<String>,
    /// Title as indexed.
    pub title: Option<String>,
    /// Up to [`SNIPPET_MAX_BYTES`] bytes of the body, HTML-escaped (`&`, `<`, `>`, `"`,
    /// `'`),
    /// with matched words wrapped in `<b>`…`</b>`; the start of the body when no body word
    /// matched (e.g. a title-only match).
    pub snippet: String,
}

/// The answer to a [`SearchQuery`] (CONTRACT.md `search --json` shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The query text as given.
    pub query: String,
    /// Number of matching documents, not limited by `limit`.
    pub total: usize,
    /// The best `limit` hits, best first.
    pub hits: Vec<SearchHit>,
}

/// Searches the index in `dir`.
///
/// # Errors
///
/// [`Error::Invalid`] for bad query syntax (with tantivy's message), an unknown field, kind or
/// an author without words, or `from` after `to`; [`Error::Index`] if there is no index in
/// `dir`, its schema is incompatible, or tantivy fails.
pub fn search(dir: &Path, q: &SearchQuery) -> Result<SearchResults> {
    let (index, fields) = schema::open_existing(dir)?;
    let text_query = parse_text_query(&index, &fields, &q.query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    for filter in filters(dir, &index, &fields, q)? {
        // Score 0: filters select, they do not rank.
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    let query = BooleanQuery::new(clauses);

    let tantivy_err = |action: &str| {
        let dir = dir.to_path_buf();
        let action = action.to_owned();
        move |e: tantivy::TantivyError| schema::index_error(&dir, &action, &e)
    };
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(tantivy_err("opening reader"))?;
    let searcher = reader.searcher();
    let (total, top) = if q.limit == 0 {
        (
            searcher
                .search(&query, &Count)
                .map_err(tantivy_err("searching"))?,
            Vec::new(),
        )
    } else {
        searcher
            .search(
                &query,
                &(Count, TopDocs::with_limit(q.limit).order_by_score()),
            )
            .map_err(tantivy_err("searching"))?
    };

    let snippets = snippet_generator(&index, &searcher, &fields, text_query.as_ref())
        .map_err(tantivy_err("preparing snippets"))?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(tantivy_err("reading a document"))?;
        hits.push(to_hit(&doc, &fields, score, &snippets));
    }
    Ok(SearchResults {
        query: q.query.clone(),
        total,
        hits,
    })
}

/// Parses the user's query with tantivy's grammar, adds the stemmed alternative of each bare
/// word, and builds it against `title` + `body`.
fn parse_text_query(index: &Index, fields: &Fields, text: &str) -> Result<Box<dyn Query>> {
    if text.trim().is_empty() {
        return Ok(Box::new(AllQuery));
    }
    let ast = query_grammar::parse_query(text).map_err(|_| syntax_error(text))?;
    let parser = QueryParser::for_index(index, vec![fields.title, fields.body]);
    parser
        .build_query_from_user_input_ast(anchor_negations(with_stemmed_words(ast)))
        .map_err(|e| Error::Invalid(format!("invalid query {text:?}: {e}")))
}

/// Builds [`Error::Invalid`] for a query the grammar rejects, with the positions and messages
/// of tantivy's lenient parser (the strict parser gives no detail).
fn syntax_error(text: &str) -> Error {
    let (_, errors) = query_grammar::parse_query_lenient(text);
    let detail = errors
        .iter()
        .map(|e| format!("at character {}: {}", e.pos, e.message))
        .collect::<Vec<_>>()
        .join("; ");
    if detail.is_empty() {
        Error::Invalid(format!("invalid query syntax {text:?}"))
    } else {
        Error::Invalid(format!("invalid query syntax {text:?}: {detail}"))
    }
}

/// Rewrites each bare single word `w` (no field, quotes, prefix or slop) into
/// `(w OR body_stem:w)`, so it also matches inflections while phrases stay exact. Wrapping the
/// pair in one clause keeps `-w`, `+w` and `NOT w` applying to both.
pub(super) fn with_stemmed_words(ast: UserInputAst) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| (occur, with_stemmed_words(sub)))
                .collect(),
        ),
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(with_stemmed_words(*inner)), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) if is_bare_word(&literal) => {
                let mut stemmed = literal.clone();
                stemmed.field_name = Some("body_stem".to_owned());
                UserInputAst::Clause(vec![
                    (
                        Some(Occur::Should),
                        UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
                    ),
                    (
                        Some(Occur::Should),
                        UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(stemmed))),
                    ),
                ])
            }
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

/// Adds a required `*` (all documents) to every clause made only of exclusions. Tantivy
/// 0.27's query parser turns `EBITDA AND NOT dividend` into `(+EBITDA +(-dividend))`, whose
/// inner purely negative clause matches nothing, so the whole query silently returned no hit;
/// `(+EBITDA +(+* -dividend))` means what the user wrote. This also makes a lone `-dividend`
/// or `NOT dividend` list every document but those (useful with filters) instead of failing.
pub(super) fn anchor_negations(ast: UserInputAst) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => {
            let only_exclusions = !clauses.is_empty()
                && clauses
                    .iter()
                    .all(|(occur, _)| *occur == Some(Occur::MustNot));
            let mut clauses: Vec<_> = clauses
                .into_iter()
                .map(|(occur, sub)| (occur, anchor_negations(sub)))
                .collect();
            if only_exclusions {
                clauses.push((
                    Some(Occur::Must),
                    UserInputAst::Leaf(Box::new(UserInputLeaf::All)),
                ));
            }
            UserInputAst::Clause(clauses)
        }
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(anchor_negations(*inner)), boost)
        }
        leaf @ UserInputAst::Leaf(_) => leaf,
    }
}

fn is_bare_word(literal: &UserInputLiteral) -> bool {
    literal.field_name.is_none()
        && matches!(literal.delimiter, Delimiter::None)
        && !literal.prefix
        && literal.slop == 0
        && !literal.phrase.is_empty()
        && literal.phrase.chars().all(char::is_alphanumeric)
}

/// The filter queries of `q` (each must match).
fn filters(
    dir: &Path,
    index: &Index,
    fields: &Fields,
    q: &SearchQuery,
) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let categories: Vec<String> = q
        .categories
        .iter()
        .map(|c| normalize_category(c))
        .filter(|c| !c.is_empty())
        .collect();
    if !categories.is_empty() {
        let any = categories
            .iter()
            .map(|c| (Occur::Should, term_query(fields.categories, c)))
            .collect();
        out.push(Box::new(BooleanQuery::new(any)));
    }
    if let Some(kind) = &q.kind {
        let parsed = DocKind::parse(kind).ok_or_else(|| {
            Error::Invalid(format!(
                "unknown kind {kind:?} (expected press_release, script, social_post or other)"
            ))
        })?;
        out.push(term_query(fields.kind, parsed.as_str()));
    }
    if let Some(author) = &q.author {
        let mut analyzer = index
            .tokenizer_for_field(fields.author)
            .map_err(|e| schema::index_error(dir, "loading the author tokenizer", &e))?;
        let words = tokens(&mut analyzer, author);
        if words.is_empty() {
            return Err(Error::Invalid(format!(
                "author filter {author:?} has no words"
            )));
        }
        let all_in = |field: Field| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|w| (Occur::Must, term_query(field, w)))
                    .collect(),
            ))
        };
        out.push(Box::new(BooleanQuery::new(vec![
            (Occur::Should, all_in(fields.author)),
            (Occur::Should, all_in(fields.handle)),
        ])));
    }
    if let Some(range) = date_range(fields.disclosed_at, q.from, q.to)? {
        out.push(range);
    }
    Ok(out)
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// `[from 00:00 New York, day after `to` 00:00 New York)` as a UTC range on `field`.
fn date_range(
    field: Field,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Option<Box<dyn Query>>> {
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Error::Invalid(format!("--from {f} is after --to {t}")));
    }
    if from.is_none() && to.is_none() {
        return Ok(None);
    }
    let term = |date: NaiveDate| -> Result<Term> {
        let secs = new_york_midnight_utc_secs(date)?;
        Ok(Term::from_field_date_for_search(
            field,
            DateTime::from_timestamp_secs(secs),
        ))
    };
    let lower = match from {
        Some(d) => Bound::Included(term(d)?),
        None => Bound::Unbounded,
    };
    // End of `to` = start of the next New York day, excluded (days are 23–25 h around DST).
    let upper = match to.and_then(|d| d.succ_opt()) {
        Some(next) => Bound::Excluded(term(next)?),
        None => Bound::Unbounded,
    };
    Ok(Some(Box::new(RangeQuery::new(lower, upper))))
}

/// Seconds since the Unix epoch of 00:00 New York time on `date`. New York's DST changes
/// happen at 02:00, so midnight always exists and is unambiguous; `earliest` is a guard.
pub fn new_york_midnight_utc_secs(date: NaiveDate) -> Result<i64> {
    New_York
        .from_local_datetime(&date.and_time(NaiveTime::MIN))
        .earliest()
        .map(|dt| dt.timestamp())
        .ok_or_else(|| Error::Invalid(format!("{date} has no midnight in New York")))
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// A snippet generator over `body` that highlights every word whose English stem matches a
/// query term on `body` or `body_stem`. Tantivy's own `SnippetGenerator::create` would only
/// see the exact `body` terms, missing stemmed matches; it highlights single terms either way
/// (a phrase's words are highlighted where they occur, not only when adjacent).
fn snippet_generator(
    index: &Index,
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
) -> tantivy::Result<SnippetGenerator> {
    let mut terms: Vec<Term> = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == fields.body || term.field() == fields.body_stem {
            terms.push(term.clone());
        }
    });
    let mut stemmer = index.tokenizer_for_field(fields.body_stem)?;
    let mut weights: BTreeMap<String, f32> = BTreeMap::new();
    for term in &terms {
        let value = term.value();
        let Some(text) = value.as_str() else { continue };
        let stem = if term.field() == fields.body {
            match tokens(&mut stemmer, text).into_iter().next() {
                Some(s) => s,
                None => continue,
            }
        } else {
            text.to_owned()
        };
        // Rarer terms weigh more when choosing the fragment, as in tantivy's own generator.
        let weight = 1.0 / (1.0 + searcher.doc_freq(term)? as f32);
        let slot = weights.entry(stem).or_insert(0.0);
        *slot = slot.max(weight);
    }
    Ok(SnippetGenerator::new(
        weights,
        stemmer,
        fields.body,
        SNIPPET_MAX_BYTES,
    ))
}

fn to_hit(
    doc: &TantivyDocument,
    fields: &Fields,
    score: f32,
    snippets: &SnippetGenerator,
) -> SearchHit {
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let disclosed_at = doc
        .get_first(fields.disclosed_at)
        .and_then(|v| v.as_datetime())
        .and_then(|dt| New_York.timestamp_opt(dt.into_timestamp_secs(), 0).single())
        .map(|dt| dt.to_rfc3339());
    let mut categories: Vec<String> = doc
        .get_all(fields.categories)
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    categories.sort();
    let snippet = snippets.snippet_from_doc(doc);
    let snippet = if snippet.is_empty() {
        leading_text(&text(fields.body).unwrap_or_default())
    } else {
        snippet.to_html()
    };
    SearchHit {
        path: text(fields.path).unwrap_or_default(),
        score,
        kind: text(fields.kind).unwrap_or_default(),
        disclosed_at,
        categories,
        author: text(fields.author),
        company: text(fields.company),
        title: text(fields.title),
        snippet,
    }
}

/// At most the first [`SNIPPET_MAX_BYTES`] bytes of `body`, cut back to a char boundary, `…`
/// added when cut, HTML-escaped like tantivy's snippets.
fn leading_text(body: &str) -> String {
    let trimmed = body.trim();
    let mut cut = trimmed.len().min(SNIPPET_MAX_BYTES);
    while !trimmed.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut out = String::with_capacity(cut + 8);
    for c in trimmed.get(..cut).unwrap_or(trimmed).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    if cut < trimmed.len() {
        out.push('…');
    }
    out
}
