//! Whole-word, case-insensitive multi-term matching in one pass, shared by the MNPI lexicon
//! and the Reg G / Reg FD cue lists.
//!
//! Term syntax (dictionaries/README.md): lower-case words or phrases; a trailing `*` makes the
//! last word a prefix; a space between words matches any run of white space in the text
//! (line breaks, tabs and no-break spaces included), or a hyphen joining the two words
//! ("term-sheet" is `term sheet`), in a longer hyphenated run only where the term covers the
//! whole run ("merger-of-equals" is `merger of equals`; nothing inside a URL slug); an
//! apostrophe also matches the typographic `’`, and a hyphen the Unicode hyphens and the en
//! dash.
//!
//! How: the text is cut into tokens — runs of word characters (letters, digits, `_`) and
//! single other characters — each hashed once (ASCII case folded, 8 bytes per multiply; a
//! token of at most 8 bytes, most of them, takes one load, one mask and one multiply).
//! Every term is the same kind of token sequence, and all terms of a dictionary form one trie
//! keyed by (node, white space before the token or not, token hash), held in two
//! open-addressing tables (root edges, deeper edges), each behind a bit filter that stays in
//! L1 cache. Matching walks the trie from every token: one filter test per token, a probe for
//! those that pass, and most walks end within two tokens. Measured in one detection run over
//! 30 MB of the real corpus (6.4 million root tests, MNPI lexicon and third-party matcher):
//! 61% of tokens pass the root filter and 52% do begin a term (cue and anchor terms start
//! with common words), yet probing every token without the filter was slower (121 → 112
//! MB/s); of 3.7 million deeper steps a third pass the edge filter and a fifth find an edge.
//! Tokens are whole words, so matches are whole-word by construction. Two tokens with equal
//! 64-bit hashes are taken as equal (a false match needs a collision between a text token and
//! a term token: about one in 10^15 per probe).
//!
//! Why not an aho-corasick DFA over bytes: the unanchored DFA of the MNPI lexicon (4,300
//! terms) takes 18 MB and runs at ~150 MB/s here, out of cache; anchored byte walks from each
//! word start are a chain of dependent loads (one per byte) at ~80 MB/s. Token probes are
//! independent of each other, so the CPU overlaps their cache misses.

use std::collections::HashMap;

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

/// A token of the text: a run of word characters, or one other non-space character.
///
/// 24 bytes (was 40 with separate flag fields): the two flags ride in the top bit of the
/// offsets, which a text never uses (a `str` is at most `isize::MAX` bytes long), and a
/// hyphen is told by its hash. The batch buffer of [`TermMatcher::find_in`] then holds 40%
/// fewer bytes per token.
#[derive(Debug, Clone, Copy)]
struct Token {
    /// Hash of the token, case-folded if a word ([`token_hash`]).
    hash: u64,
    /// Byte offset of the first byte, | [`FLAG`] if white space separates the token from the
    /// previous one.
    start_spaced: usize,
    /// Byte offset one past the last byte, | [`FLAG`] if a run of word characters (not
    /// punctuation).
    end_word: usize,
}

/// The top bit of a `usize`: a flag next to a byte offset in [`Token`].
const FLAG: usize = 1 << (usize::BITS - 1);

impl Token {
    #[inline]
    fn new(start: usize, end: usize, hash: u64, spaced: bool, word: bool) -> Self {
        Self {
            hash,
            start_spaced: start | if spaced { FLAG } else { 0 },
            end_word: end | if word { FLAG } else { 0 },
        }
    }

    /// Byte offset of the first byte.
    #[inline]
    fn start(&self) -> usize {
        self.start_spaced & !FLAG
    }

    /// Byte offset one past the last byte.
    #[inline]
    fn end(&self) -> usize {
        self.end_word & !FLAG
    }

    /// White space between the previous token and this one.
    #[inline]
    fn spaced(&self) -> bool {
        self.start_spaced & FLAG != 0
    }

    /// A run of word characters (not punctuation).
    #[inline]
    fn word(&self) -> bool {
        self.end_word & FLAG != 0
    }

    /// A hyphen (or a Unicode hyphen or en dash, hashed as `-`); `hyphen` is
    /// [`hyphen_hash`].
    #[inline]
    fn hyphen(&self, hyphen: u64) -> bool {
        self.hash == hyphen && !self.word()
    }
}

/// The hash of a hyphen token (also of the Unicode hyphens and the en dash, which the
/// tokenizer hashes as `-`).
fn hyphen_hash() -> u64 {
    token_hash(b"-", 0, 1, false)
}

/// The top bit of every byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Byte classes of the tokenizer.
const SPACE: u8 = 0;
const WORD: u8 = 1;
const PUNCT: u8 = 2;
/// A byte of a multi-byte character: decode it.
const HIGH: u8 = 3;

/// Class of every byte value.
static CLASS: [u8; 256] = {
    let mut t = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            // The ASCII characters with Unicode's White_Space property (vertical tab too).
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// Hash of the bytes `bytes[start..end]`, 8 bytes per multiply; with `fold` (word tokens,
/// whose ASCII bytes are letters, digits and `_`), ASCII upper-case letters count as
/// lower-case. Only `bytes[start..end]` matters (bytes after `end` are loaded for speed and
/// masked off).
#[inline]
fn token_hash(bytes: &[u8], start: usize, end: usize, fold: bool) -> u64 {
    let len = end - start;
    let mut h = (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // Most tokens are at most 8 bytes with 8 bytes of text from their start: one load, one
    // mask and one multiply, the same value as the loop below (measured: the loop's length
    // arithmetic and exit branch cost more than the multiply).
    if (1..=8).contains(&len)
        && let Some(c) = bytes.get(start..start + 8)
    {
        let x = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        let folded = if fold { x | ((!x & HIGH_BITS) >> 2) } else { x };
        let keep = u64::MAX >> (64 - 8 * len);
        h = (h ^ (folded & keep)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        return h ^ (h >> 32);
    }
    let mut i = start;
    while i < end {
        let n = (end - i).min(8);
        let x = if let Some(c) = bytes.get(i..i + 8) {
            u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))
        } else {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[i..i + n]);
            u64::from_le_bytes(buf)
        };
        // Word tokens: set bit 5 of every ASCII byte — upper-case letters become lower-case,
        // digits and lower-case letters have it already, `_` becomes DEL (in no word).
        let folded = if fold { x | ((!x & HIGH_BITS) >> 2) } else { x };
        let keep = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        h = (h ^ (folded & keep)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 32;
        i += n;
    }
    h
}

/// `0x80` in each byte of `x` (eight bytes of text) that is an ASCII letter, digit or `_`.
/// Exact per byte: SWAR range tests whose per-byte arithmetic never carries into the next
/// byte (the `hasbetween` construction of Bit Twiddling Hacks).
#[inline]
fn ascii_word_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = ONES * 127;
    /// Bytes `b` with `m < b < n` and `b < 128`.
    #[inline]
    fn between(x: u64, m: u64, n: u64) -> u64 {
        ((ONES * (127 + n)).wrapping_sub(x & LOW7) & !x & (x & LOW7).wrapping_add(ONES * (127 - m)))
            & HIGH_BITS
    }
    let letters = between(x | (ONES * 0x20), 0x60, 0x7b);
    let digits = between(x, 0x2f, 0x3a);
    let y = x ^ (ONES * u64::from(b'_'));
    let underscores = !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7);
    letters | digits | underscores
}

/// The byte a punctuation character is matched as: typographic apostrophes match `'`,
/// Unicode hyphens and the en dash match `-`.
fn punct_alias(c: char) -> Option<u8> {
    match c {
        '\u{2018}' | '\u{2019}' => Some(b'\''),
        '\u{2010}'..='\u{2013}' => Some(b'-'),
        _ => None,
    }
}

/// Cuts `text[pos..]` into [`Token`]s.
struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
}

impl Tokenizer<'_> {
    /// The character at `pos` (a char boundary) and its length in bytes.
    fn char_at(&self, pos: usize) -> Option<(char, usize)> {
        self.text
            .get(pos..)
            .and_then(|t| t.chars().next())
            .map(|c| (c, c.len_utf8()))
    }

    /// The word token starting at `start` (a word character).
    #[allow(clippy::inline_always)] // measured: not inlining the tokenizer costs 30% of matching
    #[inline(always)]
    fn word(&mut self, start: usize, spaced: bool) -> Token {
        let bytes = self.text.as_bytes();
        let mut end = start;
        loop {
            // Eight bytes at a time: the first byte that is not an ASCII word character.
            let mut stopped = false;
            while let Some(chunk) = bytes.get(end..end + 8) {
                let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let other = !ascii_word_bytes(x) & HIGH_BITS;
                if other == 0 {
                    end += 8;
                } else {
                    end += (other.trailing_zeros() / 8) as usize;
                    stopped = true;
                    break;
                }
            }
            // Byte by byte only in the last 7 bytes of the text.
            while !stopped
                && bytes
                    .get(end)
                    .is_some_and(|&b| CLASS[usize::from(b)] == WORD)
            {
                end += 1;
            }
            match bytes.get(end) {
                Some(&b) if CLASS[usize::from(b)] == HIGH => match self.char_at(end) {
                    Some((c, n)) if is_word_char(c) => end += n,
                    _ => break,
                },
                _ => break,
            }
        }
        self.pos = end;
        Token::new(
            start,
            end,
            token_hash(bytes, start, end, true),
            spaced,
            true,
        )
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    #[allow(clippy::inline_always)] // measured: not inlining the tokenizer costs 30% of matching
    #[inline(always)]
    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let mut spaced = false;
        loop {
            let pos = self.pos;
            let &b = bytes.get(pos)?;
            match CLASS[usize::from(b)] {
                WORD => return Some(self.word(pos, spaced)),
                SPACE => {
                    self.pos = pos + 1;
                    spaced = true;
                }
                PUNCT => {
                    self.pos = pos + 1;
                    return Some(Token::new(
                        pos,
                        pos + 1,
                        token_hash(bytes, pos, pos + 1, false),
                        spaced,
                        false,
                    ));
                }
                _ => {
                    let Some((c, n)) = self.char_at(pos) else {
                        // Not on a char boundary (only if started inside a character).
                        self.pos = pos + 1;
                        continue;
                    };
                    if is_word_char(c) {
                        return Some(self.word(pos, spaced));
                    }
                    self.pos = pos + n;
                    if c.is_whitespace() {
                        spaced = true;
                        continue;
                    }
                    let hash = match punct_alias(c) {
                        Some(a) => token_hash(&[a], 0, 1, false),
                        None => token_hash(bytes, pos, pos + n, false),
                    };
                    return Some(Token::new(pos, pos + n, hash, spaced, false));
                }
            }
        }
    }
}

/// The root of the trie.
const ROOT: u32 = 0;
/// No such node (also: no flags).
const NONE: u32 = u32::MAX;
/// Flags a node reference carries, so a walk touches a node's data only when there is some.
const HAS_CHILDREN: u32 = 1 << 31;
const HAS_OUTPUTS: u32 = 1 << 30;
const HAS_PREFIXES: u32 = 1 << 29;
const NODE_MASK: u32 = (1 << 29) - 1;

/// Key of the trie edge from `node` over a token with hash `tok`, preceded by white space
/// or not. Never 0 (the empty slot).
#[inline]
fn edge_key(node: u32, spaced: bool, tok: u64) -> u64 {
    let n = (u64::from(node) << 1) | u64::from(spaced);
    let k = (tok ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    (k ^ (k >> 29)).max(1)
}

/// The last word of a `*` term, tried against the token after its node.
#[derive(Debug, Clone)]
struct PrefixEdge {
    /// Lower-case prefix bytes.
    prefix: Vec<u8>,
    /// White space before the word.
    spaced: bool,
    pattern: u32,
}

/// An open-addressing hash table `key → node reference` (node id | flags), 8 bytes a slot
/// so that the deeper edges of a large dictionary (the MNPI lexicon: 20,000 edges in 65,536
/// slots, 512 KB; 1 MB with 16-byte slots) sit in the L2 cache. A slot holds the low 32 bits
/// of its key (the tag, never 0: 0 marks an empty slot) and the value; the key's high bits
/// choose the slot. A key is found by its home slot and tag, 45 to 48 bits of the key in all;
/// [`Table::new`] checks that every stored key finds its own value, so the dictionary's keys
/// never shadow each other. A token sequence that is no term can still meet a stored tag by
/// chance, about one probe in 3 × 10^9: with the filters in front of the tables, of the order
/// of one false step per 50 GB of text.
#[derive(Debug, Clone)]
struct Table {
    slots: Vec<u64>,
    mask: usize,
}

impl Table {
    fn new(entries: &[(u64, u32)]) -> Self {
        // Load factor ≤ 0.5 at first; a larger table if two keys' tags meet on one probe run.
        let mut cap = (entries.len() * 2).next_power_of_two().max(16);
        loop {
            let mask = cap - 1;
            let mut slots = vec![0u64; cap];
            for &(key, val) in entries {
                let mut i = Self::home(key, mask);
                while slots[i] != 0 {
                    i = (i + 1) & mask;
                }
                slots[i] = (u64::from(Self::tag(key)) << 32) | u64::from(val);
            }
            let table = Self { slots, mask };
            if entries.iter().all(|&(k, v)| table.get(k) == v) {
                return table;
            }
            cap *= 2;
        }
    }

    #[inline]
    fn home(key: u64, mask: usize) -> usize {
        #[allow(clippy::cast_possible_truncation)] // a hash, truncation intended
        let h = (key >> 32) as usize;
        h & mask
    }

    /// The low 32 bits of `key`, never 0.
    #[inline]
    fn tag(key: u64) -> u32 {
        #[allow(clippy::cast_possible_truncation)] // the low half, truncation intended
        let t = key as u32;
        t.max(1)
    }

    #[inline]
    fn get(&self, key: u64) -> u32 {
        let tag = u64::from(Self::tag(key));
        let mut i = Self::home(key, self.mask);
        loop {
            let slot = self.slots[i];
            if slot >> 32 == tag {
                #[allow(clippy::cast_possible_truncation)] // the value half
                return slot as u32;
            }
            if slot == 0 {
                return NONE;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Bits of the root filter: 32 Kbit (4 KB, stays in L1 cache).
const ROOT_FILTER_BITS: usize = 1 << 15;
/// Bits of the deeper-edge filter.
const EDGE_FILTER_BITS: usize = 1 << 16;

/// A trie of token sequences: the root's edges (probed for every token) in a small table of
/// their own, deeper edges in another.
#[derive(Debug, Clone)]
struct Trie {
    /// One bit per root-edge hash bucket: most tokens begin no term, and the filter says so
    /// without probing the root table.
    root_filter: Vec<u64>,
    /// The same for the deeper edges (64 Kbit, 8 KB): most words after a function word
    /// ("the", "for", "not") continue no term.
    edge_filter: Vec<u64>,
    /// First bytes (both cases) of the one-word `*` terms.
    root_prefix_first: [bool; 256],
    root: Table,
    edges: Table,
    /// Patterns ending at node `n`: `outputs[out_start[n]..out_start[n + 1]]`.
    out_start: Vec<u32>,
    outputs: Vec<u32>,
    /// `*` terms whose last word follows node `n` (usually none).
    prefix_edges: Vec<Vec<PrefixEdge>>,
    /// [`hyphen_hash`], computed once.
    hyphen: u64,
}

impl Trie {
    /// The node reached from node reference `from` over token `tok` (`NONE` if none).
    /// Word and bit of `key` in a filter of `bits` bits (a power of two).
    #[inline]
    fn filter_bit(key: u64, bits: usize) -> (usize, u64) {
        #[allow(clippy::cast_possible_truncation)] // a hash, truncation intended
        let b = key as usize & (bits - 1);
        (b / 64, 1u64 << (b % 64))
    }

    #[inline]
    fn child(&self, from: u32, spaced: bool, tok: u64) -> u32 {
        if from == ROOT {
            let key = edge_key(ROOT, false, tok);
            let (w, bit) = Self::filter_bit(key, ROOT_FILTER_BITS);
            if self.root_filter[w] & bit == 0 {
                return NONE;
            }
            self.root.get(key)
        } else if from & HAS_CHILDREN == 0 {
            NONE
        } else {
            let key = edge_key(from & NODE_MASK, spaced, tok);
            let (w, bit) = Self::filter_bit(key, EDGE_FILTER_BITS);
            if self.edge_filter[w] & bit == 0 {
                return NONE;
            }
            self.edges.get(key)
        }
    }

    fn outputs(&self, node: u32) -> &[u32] {
        let n = (node & NODE_MASK) as usize;
        &self.outputs[self.out_start[n] as usize..self.out_start[n + 1] as usize]
    }
}

/// Builds a [`Trie`]: nodes and edges in hash maps first, then packed.
struct TrieBuilder {
    /// `edge key → (parent, child)`.
    edges: HashMap<u64, (u32, u32)>,
    outputs: Vec<Vec<u32>>,
    prefix_edges: Vec<Vec<PrefixEdge>>,
}

impl TrieBuilder {
    fn new() -> Self {
        Self {
            edges: HashMap::new(),
            outputs: vec![Vec::new()],
            prefix_edges: vec![Vec::new()],
        }
    }

    /// Adds pattern `pattern` = the tokens of `term`; with `prefix`, its last word matches
    /// any word it begins. Returns false if `term` has no tokens or more than [`LOOKAHEAD`],
    /// or there are too many nodes.
    fn add(&mut self, term: &str, prefix: bool, pattern: u32) -> bool {
        let toks: Vec<Token> = Tokenizer { text: term, pos: 0 }.collect();
        let Some(last) = toks.last().copied() else {
            return false;
        };
        if toks.len() > LOOKAHEAD {
            return false;
        }
        let prefix = prefix && last.word();
        let path = if prefix {
            &toks[..toks.len() - 1]
        } else {
            &toks[..]
        };
        let mut node = ROOT;
        for (i, t) in path.iter().enumerate() {
            // White space before the first token does not matter.
            let key = edge_key(node, i > 0 && t.spaced(), t.hash);
            let next = u32::try_from(self.outputs.len()).unwrap_or(NONE);
            if next > NODE_MASK {
                return false;
            }
            let parent = node;
            node = self
                .edges
                .entry(key)
                .or_insert_with(|| {
                    self.outputs.push(Vec::new());
                    self.prefix_edges.push(Vec::new());
                    (parent, next)
                })
                .1;
        }
        if prefix {
            self.prefix_edges[node as usize].push(PrefixEdge {
                prefix: term.as_bytes()[last.start()..last.end()].to_ascii_lowercase(),
                spaced: !path.is_empty() && last.spaced(),
                pattern,
            });
        } else {
            self.outputs[node as usize].push(pattern);
        }
        true
    }

    fn build(self) -> Trie {
        let mut has_children = vec![false; self.outputs.len()];
        for &(parent, _) in self.edges.values() {
            has_children[parent as usize] = true;
        }
        let reference = |n: u32| {
            let i = n as usize;
            let mut r = n;
            if has_children[i] {
                r |= HAS_CHILDREN;
            }
            if !self.outputs[i].is_empty() {
                r |= HAS_OUTPUTS;
            }
            if !self.prefix_edges[i].is_empty() {
                r |= HAS_PREFIXES;
            }
            r
        };
        let (root, deeper): (Vec<_>, Vec<_>) = self
            .edges
            .iter()
            .partition(|(_, (parent, _))| *parent == ROOT);
        let mut root_filter = vec![0u64; ROOT_FILTER_BITS / 64];
        for &(&key, _) in &root {
            let (w, bit) = Trie::filter_bit(key, ROOT_FILTER_BITS);
            root_filter[w] |= bit;
        }
        let mut edge_filter = vec![0u64; EDGE_FILTER_BITS / 64];
        for &(&key, _) in &deeper {
            let (w, bit) = Trie::filter_bit(key, EDGE_FILTER_BITS);
            edge_filter[w] |= bit;
        }
        let mut root_prefix_first = [false; 256];
        for e in &self.prefix_edges[ROOT as usize] {
            if let Some(&b) = e.prefix.first() {
                root_prefix_first[usize::from(b.to_ascii_lowercase())] = true;
                root_prefix_first[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let entries = |edges: Vec<(&u64, &(u32, u32))>| -> Vec<(u64, u32)> {
            edges
                .into_iter()
                .map(|(&k, &(_, c))| (k, reference(c)))
                .collect()
        };
        let root = Table::new(&entries(root));
        let edges = Table::new(&entries(deeper));
        let mut out_start = Vec::with_capacity(self.outputs.len() + 1);
        let mut outputs = Vec::new();
        for o in &self.outputs {
            out_start.push(u32::try_from(outputs.len()).unwrap_or(u32::MAX));
            outputs.extend_from_slice(o);
        }
        out_start.push(u32::try_from(outputs.len()).unwrap_or(u32::MAX));
        Trie {
            root_filter,
            edge_filter,
            root_prefix_first,
            root,
            edges,
            out_start,
            outputs,
            prefix_edges: self.prefix_edges,
            hyphen: hyphen_hash(),
        }
    }
}

/// A compiled set of terms, each carrying one or more tags of type `T`.
#[derive(Debug, Clone)]
pub struct TermMatcher<T> {
    trie: Trie,
    /// Whether the root has `*` edges (a one-word prefix term): tried on every word.
    root_prefixes: bool,
    /// Tags of pattern `p`: `tags[tag_start[p]..tag_start[p + 1]]` (one flat array: the
    /// per-sentence rules look tags up for every hit, and nested vectors cost a cache miss
    /// each).
    tag_start: Vec<u32>,
    tags: Vec<T>,
    terms: Vec<String>,
    overlapping: bool,
}

/// Tokens handled per batch of walks; a walk may look [`LOOKAHEAD`] tokens further.
const BATCH: usize = 4096;
/// Longest term in tokens (words and punctuation); longer terms are rejected when the
/// dictionary is compiled, so a walk never needs to look further past its batch.
const LOOKAHEAD: usize = 64;

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
    /// [`Self::new`] over word lists, each with the tag of all its terms: `lists` holds
    /// (terms, tag) pairs, as a dictionary file's lists map to the kinds of cue they mark.
    ///
    /// # Errors
    /// As [`Self::new`].
    pub fn from_lists(name: &str, lists: &[(&[String], T)], overlapping: bool) -> Result<Self> {
        Self::new(
            name,
            lists
                .iter()
                .flat_map(|(terms, tag)| terms.iter().map(move |t| (t.as_str(), tag.clone()))),
            overlapping,
        )
    }

    /// Compiles `terms` (term text, tag). Identical terms share one pattern and collect all
    /// their tags. `overlapping = true` reports every match (needed when exclusions must see
    /// the terms they contain); `false` reports leftmost-longest non-overlapping matches (so a
    /// longer alias such as "adjusted ebitda margin" wins over "adjusted ebitda").
    ///
    /// # Errors
    /// [`Error::Dictionary`] if a term is empty (no word or punctuation character) or longer
    /// than 64 tokens.
    pub fn new<'a>(
        name: &str,
        terms: impl IntoIterator<Item = (&'a str, T)>,
        overlapping: bool,
    ) -> Result<Self> {
        let mut index: HashMap<(String, bool), usize> = HashMap::new();
        let mut tags: Vec<Vec<T>> = Vec::new();
        let mut terms_out = Vec::new();
        let mut trie = TrieBuilder::new();
        for (raw, tag) in terms {
            let (t, is_prefix) = normalize_term(raw);
            // Spellings the matcher does not tell apart share one pattern.
            let key: String = t
                .chars()
                .map(|c| match punct_alias(c) {
                    Some(a) => char::from(a),
                    None => c,
                })
                .collect();
            let idx = if let Some(&i) = index.get(&(key.clone(), is_prefix)) {
                i
            } else {
                {
                    let i = tags.len();
                    let ok = u32::try_from(i).is_ok_and(|p| trie.add(&t, is_prefix, p));
                    if !ok {
                        return Err(Error::Dictionary {
                            name: name.to_owned(),
                            message: format!(
                                "term {raw:?} is empty or longer than {LOOKAHEAD} words and \
                                 punctuation marks"
                            ),
                        });
                    }
                    index.insert((key, is_prefix), i);
                    tags.push(Vec::new());
                    terms_out.push(if is_prefix { format!("{t}*") } else { t });
                    i
                }
            };
            tags[idx].push(tag);
        }
        let trie = trie.build();
        let root_prefixes = !trie.prefix_edges[ROOT as usize].is_empty();
        let mut tag_start = Vec::with_capacity(tags.len() + 1);
        let mut flat = Vec::new();
        for t in tags {
            tag_start.push(u32::try_from(flat.len()).unwrap_or(u32::MAX));
            flat.extend(t);
        }
        tag_start.push(u32::try_from(flat.len()).unwrap_or(u32::MAX));
        Ok(Self {
            trie,
            root_prefixes,
            tag_start,
            tags: flat,
            terms: terms_out,
            overlapping,
        })
    }

    /// Number of distinct patterns.
    #[must_use]
    pub fn len(&self) -> usize {
        self.tag_start.len().saturating_sub(1)
    }

    /// Whether there are no patterns.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Tags of pattern `pattern`.
    #[must_use]
    pub fn tags(&self, pattern: usize) -> &[T] {
        let range = |i: usize| self.tag_start.get(i).map(|&x| x as usize);
        match (range(pattern), range(pattern + 1)) {
            (Some(a), Some(b)) => self.tags.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The normalized term of pattern `pattern` (with `*` for prefixes).
    #[must_use]
    pub fn term(&self, pattern: usize) -> &str {
        self.terms.get(pattern).map_or("", String::as_str)
    }

    /// Finds whole-word matches in `text[range]` (byte offsets; a match must lie inside the
    /// range, while word boundaries are judged on the whole text). Returned offsets are
    /// absolute, sorted by start and, at one start, longest first. Overlapping matchers report
    /// every term that matches; the others report leftmost-longest, non-overlapping matches.
    #[must_use]
    pub fn find_in(&self, text: &str, range: (usize, usize)) -> Vec<Hit> {
        let mut out = Vec::new();
        self.scan(text, range, range.1, &mut out);
        out
    }

    /// Appends to `out` the matches that start in `text[starts.0..starts.1]` (byte offsets),
    /// wherever they end: consecutive start ranges that partition a text give, together,
    /// exactly the hits of [`TermMatcher::find`] for an overlapping matcher, so a long text
    /// can be matched a piece at a time into one reused buffer. (A non-overlapping matcher
    /// begins its leftmost-longest choice afresh at `starts.0`.) Order as
    /// [`TermMatcher::find_in`].
    pub fn find_starting_in(&self, text: &str, starts: (usize, usize), out: &mut Vec<Hit>) {
        self.scan(text, starts, text.len(), out);
    }

    /// Appends the matches that start in `text[starts.0..starts.1]` and end by `end_limit`.
    fn scan(&self, text: &str, starts: (usize, usize), end_limit: usize, out: &mut Vec<Hit>) {
        if self.is_empty() {
            return;
        }
        let hi = end_limit.min(text.len());
        let start_hi = starts.1.min(hi);
        let mut lo = starts.0.min(start_hi);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        // A word cut by the range start is not a word start.
        let cut_word = !boundary_before(text, lo);
        let mut tokens = Tokenizer { text, pos: lo };
        if cut_word && text[lo..].starts_with(is_word_char) {
            let _ = tokens.next();
        }
        // Tokens of the current batch plus the look-ahead a walk may need.
        let mut buf: Vec<Token> =
            Vec::with_capacity((BATCH + LOOKAHEAD).min((start_hi - lo) / 2 + LOOKAHEAD + 1));
        // Financial text has a hit every ~15-30 bytes; reserving for one per 16 bytes avoids
        // regrowing (and copying) the vector, and pages never written cost nothing.
        out.reserve((start_hi - lo) / 16 + 16);
        // Non-overlapping: no match may start before this offset.
        let mut resume = 0usize;
        let mut done = false;
        loop {
            // Walks start at tokens before `start_hi`; the look-ahead may go on to `hi`.
            let mut starts_in_buf = buf.iter().take_while(|t| t.start() < start_hi).count();
            while buf.len() < BATCH + LOOKAHEAD {
                match tokens.next() {
                    Some(t) if t.start() < hi => {
                        if t.start() < start_hi {
                            starts_in_buf += 1;
                        } else if buf.len() >= starts_in_buf + LOOKAHEAD {
                            done = true;
                            break;
                        }
                        buf.push(t);
                    }
                    _ => {
                        done = true;
                        break;
                    }
                }
            }
            let starts = if done {
                starts_in_buf
            } else {
                BATCH.min(starts_in_buf)
            };
            for k in 0..starts {
                if buf[k].start() < resume {
                    continue;
                }
                let before = out.len();
                self.walk(text, &buf[k..], hi, out);
                let found = out.len() - before;
                if found == 0 {
                    continue;
                }
                if self.overlapping {
                    if found > 1 {
                        out[before..]
                            .sort_unstable_by_key(|h| (std::cmp::Reverse(h.end), h.pattern));
                    }
                } else {
                    // Keep the longest match here and go on after it.
                    let best = out[before..]
                        .iter()
                        .copied()
                        .max_by_key(|h| (h.end, std::cmp::Reverse(h.pattern)));
                    out.truncate(before);
                    if let Some(h) = best {
                        out.push(h);
                        resume = h.end;
                    }
                }
            }
            if done || starts < BATCH {
                break;
            }
            buf.drain(..BATCH);
        }
    }

    /// Walks the trie over `toks` (from a possible term start) and pushes every match that
    /// ends by `hi`.
    #[inline]
    fn walk(&self, text: &str, toks: &[Token], hi: usize, out: &mut Vec<Hit>) {
        let Some(first) = toks.first() else { return };
        let trie = &self.trie;
        if self.root_prefixes
            && first.word()
            && trie.root_prefix_first[usize::from(text.as_bytes()[first.start()])]
        {
            self.prefix_hits(text, ROOT, first, first.spaced(), first.start(), hi, out);
        }
        let root = trie.child(ROOT, false, first.hash);
        if root == NONE {
            return;
        }
        if root & (HAS_CHILDREN | HAS_PREFIXES) == 0 {
            // A one-token term that begins no longer one (anchors such as "to" or "$"): its
            // hits are pushed here, without the call and set-up of `follow`.
            if first.end() <= hi {
                let start = first.start();
                out.extend(trie.outputs(root).iter().map(|&p| Hit {
                    start,
                    end: first.end(),
                    pattern: p as usize,
                }));
            }
            return;
        }
        self.follow(text, toks, hi, (root, false), 0, out);
    }

    /// Follows the trie from `node`, reached over `toks[i]`, pushing the matches that start at
    /// `toks[0]`. One path, except where a hyphen joins two words: it also matches a space of
    /// a term ("term-sheet" is the term "term sheet"), and that branch is followed by a
    /// recursive call (rare: hyphens inside a walk). Inside a longer hyphenated run (a URL
    /// slug, a compound modifier) a hyphen stands for a space only when the term covers the
    /// whole run: "merger-of-equals" is the term "merger of equals", while
    /// "acme-signs-term-sheet-with-bank" holds no "term sheet". `in_run` says the walk has
    /// crossed a hyphen of such a run, and then a match must end where the run ends.
    fn follow(
        &self,
        text: &str,
        toks: &[Token],
        hi: usize,
        (mut node, mut in_run): (u32, bool),
        mut i: usize,
        out: &mut Vec<Hit>,
    ) {
        let trie = &self.trie;
        let start = toks[0].start();
        let joined = |t: Option<&Token>| t.is_some_and(|t| t.hyphen(trie.hyphen) && !t.spaced());
        loop {
            let t = &toks[i];
            if t.end() > hi {
                return;
            }
            if node & HAS_OUTPUTS != 0 && !(in_run && joined(toks.get(i + 1))) {
                for &p in trie.outputs(node) {
                    out.push(Hit {
                        start,
                        end: t.end(),
                        pattern: p as usize,
                    });
                }
            }
            let Some(next) = toks.get(i + 1) else { return };
            if node & HAS_PREFIXES != 0 && next.word() {
                self.prefix_hits(text, node & NODE_MASK, next, next.spaced(), start, hi, out);
            }
            if next.hyphen(trie.hyphen)
                && !next.spaced()
                && t.word()
                && node & (HAS_CHILDREN | HAS_PREFIXES) != 0
                && let Some(after) = toks.get(i + 2).filter(|a| a.word() && !a.spaced())
            {
                // In a longer run the walk may cross its hyphens only from the run's first
                // word on (`run_before`: the run goes on before `t`).
                let (run_before, run_after) = hyphen_run(text, toks, i, trie.hyphen);
                if in_run || !run_before {
                    let run = in_run || run_before || run_after;
                    if node & HAS_PREFIXES != 0 && !run {
                        self.prefix_hits(text, node & NODE_MASK, after, true, start, hi, out);
                    }
                    let child = trie.child(node, true, after.hash);
                    if child != NONE {
                        self.follow(text, toks, hi, (child, run), i + 2, out);
                    }
                }
            }
            node = trie.child(node, next.spaced(), next.hash);
            if node == NONE {
                return;
            }
            // White space after the run's last word: the run ended where it should.
            in_run &= !next.spaced();
            i += 1;
        }
    }

    /// Pushes the `*` terms after `node` whose prefix begins word token `t`, preceded by
    /// white space (or a hyphen standing for it) if `spaced`.
    #[allow(clippy::too_many_arguments)] // a hot inner step; a struct would only rename them
    fn prefix_hits(
        &self,
        text: &str,
        node: u32,
        t: &Token,
        spaced: bool,
        start: usize,
        hi: usize,
        out: &mut Vec<Hit>,
    ) {
        let word = text.as_bytes().get(t.start()..t.end()).unwrap_or(&[]);
        for e in &self.trie.prefix_edges[node as usize] {
            if (node == ROOT || e.spaced == spaced)
                && word.len() >= e.prefix.len()
                && word[..e.prefix.len()].eq_ignore_ascii_case(&e.prefix)
            {
                let end = extend_word(text, t.start() + e.prefix.len());
                if end <= hi {
                    out.push(Hit {
                        start,
                        end,
                        pattern: e.pattern as usize,
                    });
                }
            }
        }
    }

    /// Finds whole-word matches in all of `text`.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_in(text, (0, text.len()))
    }
}

/// For word token `toks[i]` and the word two tokens on, joined by a hyphen (a token whose
/// hash is `hyphen`): whether their hyphenated run goes on before `toks[i]` and whether it
/// goes on after the second word — a URL slug ("reports-third-quarter-financial-results") or
/// a compound modifier ("better-than-expected"), where a hyphen stands for a space of a term
/// only if the term covers the whole run.
fn hyphen_run(text: &str, toks: &[Token], i: usize, hyphen: u64) -> (bool, bool) {
    let joined = |t: Option<&Token>| t.is_some_and(|t| t.hyphen(hyphen) && !t.spaced());
    let before = if i == 0 {
        toks.first().is_some_and(|t| {
            text.get(..t.start())
                .and_then(|b| b.chars().next_back())
                .is_some_and(|c| c == '-' || punct_alias(c) == Some(b'-'))
        })
    } else {
        joined(toks.get(i - 1)) && !toks[i].spaced()
    };
    (before, joined(toks.get(i + 3)))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn boundary_before(text: &str, s: usize) -> bool {
    text.get(..s)
        .and_then(|t| t.chars().next_back())
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
    count_words(text, from, to, usize::MAX)
}

/// Whether `text[from..to]` holds at most `max` words as [`words_between`] counts them;
/// stops at the first word past `max`, so a long gap costs no more than a short one.
#[must_use]
pub fn words_at_most(text: &str, from: usize, to: usize, max: usize) -> bool {
    count_words(text, from, to, max) <= max
}

/// The words of `text[from..to]`, counted up to `limit + 1` (the scan stops there).
fn count_words(text: &str, from: usize, to: usize, limit: usize) -> usize {
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
                if count > limit {
                    return count;
                }
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
        mm.find(text)
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
    fn any_white_space_run_matches_a_space_and_dashes_match_hyphens() {
        let mm = m(&["net income", "8-k", "s&p 500"], true);
        assert_eq!(
            found(
                &mm,
                "Net  Income; net\u{a0}income; net\r\n income; 8\u{2011}K; S&P\t500"
            ),
            vec![
                "Net  Income",
                "net\u{a0}income",
                "net\r\n income",
                "8\u{2011}K",
                "S&P\t500"
            ]
        );
        // Adjacency counts: "s & p" is not "s&p", "netincome" is not "net income".
        assert!(found(&mm, "S & P 500, netincome, 8 - K").is_empty());
    }

    #[test]
    fn a_hyphen_between_words_matches_a_space_of_a_term() {
        let mm = m(&["term sheet", "follow-on order", "spin off*"], true);
        assert_eq!(
            found(
                &mm,
                "a term-sheet, a follow-on order, a spin-offs, a term - sheet"
            ),
            vec!["term-sheet", "follow-on order", "spin-offs"]
        );
        // A term's hyphen stays a hyphen: "follow on order" is not "follow-on order".
        assert!(found(&mm, "follow on order").is_empty());
        // Not inside a longer hyphenated run such as a URL slug.
        assert!(found(&mm, "news/acme-signs-term-sheet-with-bank").is_empty());
        // A term that covers the whole run matches it: "merger-of-equals" is "merger of
        // equals", not "merger of" or "of equals" inside it.
        let mm = m(
            &["merger of equals", "merger of", "of equals", "spin off*"],
            true,
        );
        assert_eq!(
            found(
                &mm,
                "the merger-of-equals talks, a merger-of-equals-style deal"
            ),
            vec!["merger-of-equals"]
        );
        assert!(found(&mm, "a spin-off-related cost").is_empty());
    }

    #[test]
    fn ranges_do_not_cut_words_or_matches() {
        let mm = m(&["income", "net income"], true);
        let text = "xnet income and net income";
        // Starting inside "xnet": no "net income" from its tail; "income" still whole.
        let hits: Vec<&str> = mm
            .find_in(text, (1, text.len()))
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(hits, vec!["income", "net income", "income"]);
        // A match must end inside the range.
        assert_eq!(mm.find_in(text, (0, 23)).len(), 1);
    }

    #[test]
    fn non_overlapping_takes_the_longest_whole_word_match() {
        let mm = m(
            &["adjusted ebitda", "adjusted ebitda margins", "ebitda"],
            false,
        );
        // "margin" is not "margins": the longest *whole-word* match wins, then "ebitda" later.
        assert_eq!(
            found(&mm, "Adjusted EBITDA margin and EBITDA"),
            vec!["Adjusted EBITDA", "EBITDA"]
        );
    }

    #[test]
    fn punctuation_terms_and_multibyte_words() {
        let mm = m(&["$", "café", "naïve bayes", "q&a"], true);
        assert_eq!(
            found(&mm, "US$5 at the Café; naïve Bayes; Q&A"),
            vec!["$", "Café", "naïve Bayes", "Q&A"]
        );
        // Non-ASCII letters match their own case only (ASCII folding), and stay whole words.
        assert_eq!(found(&mm, "cafés CAFÉ café"), vec!["café"]);
    }

    /// Reference semantics, one regex per term tried at every position: a term starting
    /// (ending) with a word character needs a word boundary before (after) it; a space in a
    /// term matches any run of Unicode white space or one hyphen; ASCII case folds.
    fn reference(terms: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (p, term) in terms.iter().enumerate() {
            let body: String = term
                .split(' ')
                .map(|w| {
                    w.chars()
                        .map(|c| match c {
                            '\'' => "['‘’]".to_owned(),
                            '-' => "[-\u{2010}-\u{2013}]".to_owned(),
                            c => regex::escape(&c.to_string()),
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                // A space of a term matches white space, or a hyphen joining the two words
                // (every space of these test terms is between word characters).
                .join(r"(?:\s+|[-\u{2010}-\u{2013}])");
            let re = regex::RegexBuilder::new(&format!("^(?:{body})"))
                .case_insensitive(true)
                .unicode(true)
                .build()
                .unwrap();
            let first_word = term.chars().next().is_some_and(is_word_char);
            let last_word = term.chars().last().is_some_and(is_word_char);
            for (i, _) in text.char_indices() {
                if first_word && !boundary_before(text, i) {
                    continue;
                }
                if let Some(mt) = re.find(&text[i..]) {
                    let e = i + mt.end();
                    let after_ok = text[e..].chars().next().is_none_or(|c| !is_word_char(c));
                    // The regex folds Unicode case, the matcher ASCII case only: keep the
                    // reference matches that fold letter by letter in ASCII.
                    // Compare with spaces and hyphens dropped, typographic apostrophes and
                    // dashes as their ASCII forms.
                    let norm = |t: &str| -> Vec<char> {
                        t.chars()
                            .map(|c| match c {
                                '‘' | '’' => '\'',
                                '\u{2010}'..='\u{2013}' => '-',
                                c => c,
                            })
                            .filter(|c| !c.is_whitespace() && *c != '-')
                            .collect()
                    };
                    let (got, want) = (norm(&text[i..e]), norm(term));
                    let ascii_only = got.len() == want.len()
                        && got
                            .iter()
                            .zip(&want)
                            .all(|(a, b)| a.to_ascii_lowercase() == *b);
                    // A hyphen stands for a space only where the match covers the whole
                    // hyphenated run around it (not a part of a URL slug).
                    let is_hy = |c: char| matches!(c, '-' | '\u{2010}'..='\u{2013}');
                    // The run around the hyphen at `h`: words joined by hyphens, outward; a
                    // hyphen right before or after a word of the run belongs to it even with
                    // no word beyond ("-net-income", "net-income- tax").
                    let run_of = |h: usize, len: usize| {
                        let mut lo = text[..h].trim_end_matches(is_word_char).len();
                        while let Some(c) = text[..lo].chars().next_back().filter(|&c| is_hy(c)) {
                            let w = text[..lo - c.len_utf8()].trim_end_matches(is_word_char);
                            let word = w.len() < lo - c.len_utf8();
                            lo = w.len();
                            if !word {
                                break;
                            }
                        }
                        let word_end = |from: usize| {
                            from + text[from..].len()
                                - text[from..].trim_start_matches(is_word_char).len()
                        };
                        let mut hi = word_end(h + len);
                        while let Some(c) = text[hi..].chars().next().filter(|&c| is_hy(c)) {
                            let end = word_end(hi + c.len_utf8());
                            let word = end > hi + c.len_utf8();
                            hi = end;
                            if !word {
                                break;
                            }
                        }
                        (lo, hi)
                    };
                    let chained = !term.contains('-')
                        && text[i..e].char_indices().any(|(o, c)| {
                            is_hy(c) && {
                                let (lo, hi) = run_of(i + o, c.len_utf8());
                                lo < i || hi > e
                            }
                        });
                    if (!last_word || after_ok) && ascii_only && !chained {
                        out.push((i, e, p));
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn reference_and_matcher_agree_on_hyphen_joins() {
        let terms = ["net income", "income tax"];
        let mm = m(&terms, true);
        for text in [
            "net-income tax",
            "Net\u{2011}Income-Tax",
            "net -income",
            "net- income",
            "net-income-tax",
            "x-net-income tax",
            "net-income tax-free",
            "net-income- tax",
            "-net-income",
            "x -net-income",
        ] {
            let got: Vec<(usize, usize, usize)> = mm
                .find(text)
                .iter()
                .map(|h| (h.start, h.end, h.pattern))
                .collect();
            let mut got = got;
            got.sort_unstable();
            assert_eq!(got, reference(&terms, text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn matches_the_reference_semantics(
            picks in proptest::collection::vec(0usize..26, 0..60)
        ) {
            const PIECES: [&str; 26] = [
                "net", "Income", "income", "NET", "tax", "taxes", "s", "&", "p", "’", "'",
                "-", "—", "8", "k", "é", "café", "\u{a0}", " ", "\n", "  ", ",", ".", "Café",
                "company", "x",
            ];
            const TERMS: [&str; 10] = [
                "net income", "income tax", "net", "s&p", "company's", "8-k", "café",
                "income taxes", "tax", "company’s x",
            ];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let mm = m(&TERMS, true);
            let mut got: Vec<(usize, usize, usize)> =
                mm.find(&text).iter().map(|h| (h.start, h.end, h.pattern)).collect();
            got.sort_unstable();
            // Identical terms share a pattern: map the reference's term index the same way.
            let want: Vec<(usize, usize, usize)> = reference(&TERMS, &text)
                .into_iter()
                .map(|(s, e, p)| {
                    let norm = normalize_term(TERMS[p]).0;
                    let q = (0..mm.len()).find(|&q| mm.term(q) == norm).unwrap_or(usize::MAX);
                    (s, e, q)
                })
                .collect();
            proptest::prop_assert_eq!(got, want, "text {:?}", text);
        }
    }

    #[test]
    fn swar_word_bytes_agree_with_the_byte_classes() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut chunk = [b'.'; 8];
                chunk[pos] = b;
                let m = ascii_word_bytes(u64::from_le_bytes(chunk));
                let want = CLASS[usize::from(b)] == WORD;
                assert_eq!(m & (0x80 << (8 * pos)) != 0, want, "byte {b:#x} at {pos}");
                assert_eq!(m & !(0x80 << (8 * pos)), 0, "other bytes for {b:#x}");
            }
        }
    }

    #[test]
    fn short_token_hash_fast_path_agrees_with_the_loop() {
        // The fast path needs 8 bytes of text from the token start; the same token at the
        // very end of the text takes the loop. Both must give one hash (terms are hashed
        // where they end their own text, the text's tokens mostly with text after them).
        for word in [
            "a",
            "Q3",
            "EBITDA",
            "Quarter",
            "dividend",
            "%",
            "\u{e9}t\u{e9}",
        ] {
            let padded = format!("{word}........");
            for fold in [false, true] {
                assert_eq!(
                    token_hash(padded.as_bytes(), 0, word.len(), fold),
                    token_hash(word.as_bytes(), 0, word.len(), fold),
                    "{word:?} fold {fold}"
                );
            }
        }
        // Upper and lower case fold to one hash on both paths.
        assert_eq!(
            token_hash(b"Quarter.", 0, 7, true),
            token_hash(b"QUARTER", 0, 7, true)
        );
        assert_ne!(
            token_hash(b"quarter.", 0, 7, true),
            token_hash(b"quartet", 0, 7, true)
        );
    }

    #[test]
    fn short_words_match_at_the_very_end_and_before_more_text() {
        let mm = m(&["our", "q3", "net income", "%"], true);
        assert_eq!(found(&mm, "Our"), vec!["Our"]);
        assert_eq!(found(&mm, "up 5% in Q3"), vec!["%", "Q3"]);
        assert_eq!(
            found(&mm, "Q3 net income of our company, 5%"),
            vec!["Q3", "net income", "our", "%"]
        );
        assert_eq!(found(&mm, "net\nINCOME"), vec!["net\nINCOME"]);
    }

    #[test]
    fn window_word_count() {
        assert_eq!(words_between("a b, c -- d", 0, 11), 4);
    }
}
