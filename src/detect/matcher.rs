//! Whole-word, case-insensitive multi-term matching in one pass (aho-corasick DFA), shared by
//! the MNPI lexicon and the Reg G / Reg FD cue lists.
//!
//! Term syntax (dictionaries/README.md): lower-case words or phrases; a trailing `*` makes the
//! last word a prefix; a single space matches one white-space character of the text (line
//! breaks and tabs included, since the haystack maps them to spaces); an apostrophe also
//! matches the typographic `’`.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::{Error, Result};

/// One occurrence of a term in the text: byte span `[start, end)` into the text and the
/// index of the pattern that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the first matched byte.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    /// Pattern index (see [`TermMatcher::tags`]).
    pub pattern: usize,
}

/// A compiled set of terms, each carrying one or more tags of type `T`.
#[derive(Debug, Clone)]
pub struct TermMatcher<T> {
    ac: Option<AhoCorasick>,
    prefix: Vec<bool>,
    needs_left_boundary: Vec<bool>,
    needs_right_boundary: Vec<bool>,
    tags: Vec<Vec<T>>,
    terms: Vec<String>,
    overlapping: bool,
}

/// Normalizes a dictionary term: lower-case, white space collapsed to single spaces, the
/// trailing `*` split off as a prefix flag.
#[must_use]
pub fn normalize_term(term: &str) -> (String, bool) {
    let t = term.trim();
    let (t, prefix) = match t.strip_suffix('*') {
        Some(s) => (s, true),
        None => (t, false),
    };
    let t = t
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (t, prefix)
}

impl<T: Clone> TermMatcher<T> {
    /// Compiles `terms` (term text, tag). Identical terms share one pattern and collect all
    /// their tags. `overlapping = true` reports every match (needed when exclusions must see
    /// the terms they contain); `false` reports leftmost-longest non-overlapping matches (so a
    /// longer alias such as "adjusted ebitda margin" wins over "adjusted ebitda").
    ///
    /// # Errors
    /// [`Error::Dictionary`] if a term is empty or the automaton cannot be built.
    pub fn new<'a>(
        name: &str,
        terms: impl IntoIterator<Item = (&'a str, T)>,
        overlapping: bool,
    ) -> Result<Self> {
        let mut index: std::collections::HashMap<(String, bool), usize> =
            std::collections::HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut prefix = Vec::new();
        let mut tags: Vec<Vec<T>> = Vec::new();
        let mut terms_out = Vec::new();
        for (raw, tag) in terms {
            let (t, is_prefix) = normalize_term(raw);
            if t.is_empty() {
                return Err(Error::Dictionary {
                    name: name.to_owned(),
                    message: format!("empty term {raw:?}"),
                });
            }
            let variants: Vec<String> = if t.contains('\'') {
                vec![t.clone(), t.replace('\'', "\u{2019}")]
            } else {
                vec![t.clone()]
            };
            for v in variants {
                let key = (v.clone(), is_prefix);
                let idx = *index.entry(key).or_insert_with(|| {
                    pats.push(v.clone());
                    prefix.push(is_prefix);
                    tags.push(Vec::new());
                    terms_out.push(if is_prefix {
                        format!("{t}*")
                    } else {
                        t.clone()
                    });
                    pats.len() - 1
                });
                tags[idx].push(tag.clone());
            }
        }
        let needs_left_boundary = pats
            .iter()
            .map(|p| p.chars().next().is_some_and(char::is_alphanumeric))
            .collect();
        let needs_right_boundary = pats
            .iter()
            .map(|p| p.chars().last().is_some_and(char::is_alphanumeric))
            .collect();
        let ac = if pats.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(if overlapping {
                        MatchKind::Standard
                    } else {
                        MatchKind::LeftmostLongest
                    })
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&pats)
                    .map_err(|e| Error::Dictionary {
                        name: name.to_owned(),
                        message: e.to_string(),
                    })?,
            )
        };
        Ok(Self {
            ac,
            prefix,
            needs_left_boundary,
            needs_right_boundary,
            tags,
            terms: terms_out,
            overlapping,
        })
    }

    /// Number of distinct patterns.
    #[must_use]
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    /// Whether there are no patterns.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// Tags of pattern `pattern`.
    #[must_use]
    pub fn tags(&self, pattern: usize) -> &[T] {
        self.tags.get(pattern).map_or(&[], Vec::as_slice)
    }

    /// The normalized term of pattern `pattern` (with `*` for prefixes).
    #[must_use]
    pub fn term(&self, pattern: usize) -> &str {
        self.terms.get(pattern).map_or("", String::as_str)
    }

    /// Finds whole-word matches in `text[range]`; `hay` must be [`haystack`]`(text)`.
    /// Returned offsets are absolute (into `text`), sorted by start.
    #[must_use]
    pub fn find_in(&self, text: &str, hay: &[u8], range: (usize, usize)) -> Vec<Hit> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let (lo, hi) = (range.0.min(hay.len()), range.1.min(hay.len()));
        if lo >= hi {
            return out;
        }
        let input = aho_corasick::Input::new(hay).span(lo..hi);
        let mut accept = |m: aho_corasick::Match| {
            let p = m.pattern().as_usize();
            let (s, e) = (m.start(), m.end());
            if self.needs_left_boundary[p] && !boundary_before(text, s) {
                return;
            }
            let e = if self.prefix[p] {
                extend_word(text, e)
            } else if self.needs_right_boundary[p] && !boundary_after(text, e) {
                return;
            } else {
                e
            };
            if text.is_char_boundary(s) && text.is_char_boundary(e) {
                out.push(Hit {
                    start: s,
                    end: e,
                    pattern: p,
                });
            }
        };
        if self.overlapping {
            let mut state = aho_corasick::automaton::OverlappingState::start();
            loop {
                ac.find_overlapping(input.clone(), &mut state);
                match state.get_match() {
                    Some(m) => accept(m),
                    None => break,
                }
            }
            out.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.pattern));
        } else {
            for m in ac.find_iter(input) {
                accept(m);
            }
        }
        out
    }

    /// Finds whole-word matches in all of `text`.
    #[must_use]
    pub fn find(&self, text: &str, hay: &[u8]) -> Vec<Hit> {
        self.find_in(text, hay, (0, text.len()))
    }

    /// Whether any term occurs in `text[range]`.
    #[must_use]
    pub fn any_in(&self, text: &str, hay: &[u8], range: (usize, usize)) -> bool {
        !self.find_in(text, hay, range).is_empty()
    }
}

/// The byte haystack matchers search: `text` with ASCII white space (tab, CR, LF, FF) mapped
/// to a plain space, same length, so phrases match across line breaks and offsets stay valid.
#[must_use]
pub fn haystack(text: &str) -> Vec<u8> {
    text.bytes()
        .map(|b| if b.is_ascii_whitespace() { b' ' } else { b })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn boundary_before(text: &str, s: usize) -> bool {
    text.get(..s)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !is_word_char(c))
}

fn boundary_after(text: &str, e: usize) -> bool {
    text.get(e..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !is_word_char(c))
}

/// Extends a prefix match to the end of its word (letters, digits, apostrophes, hyphens
/// between letters).
fn extend_word(text: &str, e: usize) -> usize {
    let Some(rest) = text.get(e..) else { return e };
    let mut end = e;
    let mut it = rest.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            end = e + i + c.len_utf8();
        } else if !(matches!(c, '-' | '\'' | '\u{2019}')
            && it.peek().is_some_and(|&(_, n)| n.is_alphabetic()))
        {
            break;
        }
    }
    end
}

/// Number of words in `text[from..to]` (white-space separated tokens containing a letter or
/// digit); used for "within N words" windows.
#[must_use]
pub fn words_between(text: &str, from: usize, to: usize) -> usize {
    if from >= to {
        return 0;
    }
    // Byte scan (hot path): a token is a run of non-white-space bytes; it is a word if it has
    // an ASCII letter or digit, or any non-ASCII byte (a letter of another script).
    let Some(t) = text.as_bytes().get(from..to.min(text.len())) else {
        return 0;
    };
    let mut count = 0;
    let mut in_token = false;
    let mut wordy = false;
    for &b in t {
        if b.is_ascii_whitespace() {
            if in_token && wordy {
                count += 1;
            }
            in_token = false;
            wordy = false;
        } else {
            in_token = true;
            wordy |= b.is_ascii_alphanumeric() || b >= 0x80;
        }
    }
    if in_token && wordy {
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(terms: &[&str], overlapping: bool) -> TermMatcher<usize> {
        TermMatcher::new(
            "t",
            terms.iter().enumerate().map(|(i, t)| (*t, i)),
            overlapping,
        )
        .unwrap()
    }

    fn found(mm: &TermMatcher<usize>, text: &str) -> Vec<String> {
        let hay = haystack(text);
        mm.find(text, &hay)
            .iter()
            .map(|h| text[h.start..h.end].to_owned())
            .collect()
    }

    #[test]
    fn whole_words_case_insensitive_across_line_breaks() {
        let mm = m(&["net income", "default"], true);
        assert_eq!(
            found(&mm, "Net\nIncome rose; defaults? no. by default."),
            vec!["Net\nIncome", "default"]
        );
    }

    #[test]
    fn prefix_terms_extend_to_word_end() {
        let mm = m(&["acquir*"], true);
        assert_eq!(
            found(&mm, "We acquired Acme; it acquires more. reacquire"),
            vec!["acquired", "acquires"]
        );
    }

    #[test]
    fn overlapping_reports_contained_terms_and_leftmost_longest_does_not() {
        let text = "Adjusted EBITDA margin was 20%";
        assert_eq!(
            found(
                &m(&["adjusted ebitda", "adjusted ebitda margin"], true),
                text
            )
            .len(),
            2
        );
        assert_eq!(
            found(
                &m(&["adjusted ebitda", "adjusted ebitda margin"], false),
                text
            ),
            vec!["Adjusted EBITDA margin"]
        );
    }

    #[test]
    fn apostrophes_match_typographic_quotes() {
        let mm = m(&["company's outlook"], true);
        assert_eq!(
            found(&mm, "the Company\u{2019}s outlook"),
            vec!["Company\u{2019}s outlook"]
        );
    }

    #[test]
    fn window_word_count() {
        assert_eq!(words_between("a b, c -- d", 0, 11), 4);
    }
}
