//! Earnings-call transcripts in JSON: one [`Document`] of speaker turns
//! ([`BlockKind::SpeakerTurn`]; the block text is the speech only).
//!
//! Shapes recognized:
//!
//! * an object with turn arrays under `prepared_remarks`/`presentation` (prepared part) and
//!   `q_and_a`/`questions_and_answers`/`question_and_answer`/`qa` (Q&A part), optionally
//!   `participants` (`"Name--Role"` strings or `{name, role|title}` objects) — the layout of
//!   the real-corpus `*_la83la.json` files;
//! * an object with a `turns`/`transcript`/`segments`/`utterances` array, or a bare array,
//!   of turns, each with an optional `section`/`qa` telling the Q&A part apart.
//!
//! A turn is an object with `speaker`/`name` and `speech`/`text`/`content`/`utterance`
//! (a string or an array of strings), optionally `role`/`title`. A speaker's role comes from
//! the turn, else from `participants`, else — for an analyst — from the operator's
//! introduction ("Our first question comes from Bose George of KBW" → `Analyst, KBW`).
//!
//! Metadata: scalar top-level fields (`company`, `title`, `date`, `ticker`, …) through
//! [`Metadata::set`](crate::document::Metadata::set); without `company`, the operator's
//! welcome ("Welcome to Assurant's First Quarter 2021 …") names it. Positions: each turn's
//! line is where its speech string is written in the file (`verbatim` is `false`: JSON
//! escapes differ from the text).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use crate::document::{BlockKind, Document, SourceFormat, SourcePos};

use super::{LineIndex, find_json_string};

const PREPARED_KEYS: [&str; 2] = ["prepared_remarks", "presentation"];
const QA_KEYS: [&str; 4] = [
    "q_and_a",
    "questions_and_answers",
    "question_and_answer",
    "qa",
];
const TURN_LIST_KEYS: [&str; 4] = ["turns", "transcript", "segments", "utterances"];
const SPEAKER_KEYS: [&str; 2] = ["speaker", "name"];
const SPEECH_KEYS: [&str; 4] = ["speech", "text", "content", "utterance"];
const ROLE_KEYS: [&str; 3] = ["role", "title", "speaker_title"];

/// Whether `v` is a transcript: some turn list whose first element has a speaker and speech.
#[must_use]
pub fn is_transcript(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.first().is_some_and(is_turn),
        Value::Object(o) => PREPARED_KEYS
            .iter()
            .chain(&QA_KEYS)
            .chain(&TURN_LIST_KEYS)
            .any(|k| {
                o.get(*k)
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(is_turn))
            }),
        _ => false,
    }
}

fn is_turn(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        SPEAKER_KEYS
            .iter()
            .any(|k| o.get(*k).is_some_and(Value::is_string))
            && SPEECH_KEYS.iter().any(|k| o.contains_key(*k))
    })
}

/// One turn before it becomes a block.
struct Turn<'a> {
    speaker: String,
    role: Option<String>,
    speech: String,
    qa: bool,
    obj: &'a Map<String, Value>,
}

/// Extracts a transcript (call only after [`is_transcript`] said yes; otherwise the document
/// has no blocks). `src` is the JSON text, used for source lines.
#[must_use]
pub fn extract(v: &Value, src: &str, display: &str) -> Document {
    let mut doc = Document::new(display, SourceFormat::TranscriptJson);
    let mut turns = Vec::new();
    let mut participants = HashMap::new();
    match v {
        Value::Array(a) => collect_turns(a, None, &mut turns),
        Value::Object(o) => {
            for k in PREPARED_KEYS {
                if let Some(a) = o.get(k).and_then(Value::as_array) {
                    collect_turns(a, Some(false), &mut turns);
                }
            }
            for k in QA_KEYS {
                if let Some(a) = o.get(k).and_then(Value::as_array) {
                    collect_turns(a, Some(true), &mut turns);
                }
            }
            for k in TURN_LIST_KEYS {
                if let Some(a) = o.get(k).and_then(Value::as_array) {
                    collect_turns(a, None, &mut turns);
                }
            }
            if let Some(a) = o.get("participants").and_then(Value::as_array) {
                participants = read_participants(a);
            }
            for (k, val) in o {
                let s = match val {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => continue,
                };
                if let Err(e) = doc.metadata.set(k, &s) {
                    doc.warnings.push(format!("transcript field {e}"));
                }
            }
        }
        _ => {}
    }
    // Analysts introduced by the operator, for speakers the participant list lacks.
    let mut introduced: HashMap<String, String> = HashMap::new();
    for t in &turns {
        if t.speaker.eq_ignore_ascii_case("operator") {
            for (name, firm) in introductions(&t.speech) {
                introduced.entry(name).or_insert(firm);
            }
            if doc.metadata.company.is_none()
                && let Some(c) = welcome_company(&t.speech)
            {
                doc.metadata.company = Some(c);
            }
        }
    }
    let idx = LineIndex::new(src);
    let mut cursor = 0;
    for t in turns {
        let role = t
            .role
            .or_else(|| lookup_participant(&participants, &t.speaker))
            .or_else(|| introduced.get(&t.speaker).map(|f| format!("Analyst, {f}")));
        let source = match find_json_string(src, &t.speech, cursor) {
            Some(at) => {
                cursor = at;
                idx.pos(at)
            }
            None => speaker_pos(src, &idx, t.obj, cursor),
        };
        let kind = BlockKind::SpeakerTurn {
            speaker: t.speaker,
            role,
            qa: t.qa,
        };
        doc.push_block(kind, &t.speech, source, false, &[], false);
    }
    doc
}

/// Fallback position: the turn's speaker name, else line 1.
fn speaker_pos(src: &str, idx: &LineIndex<'_>, obj: &Map<String, Value>, from: usize) -> SourcePos {
    SPEAKER_KEYS
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .and_then(|s| find_json_string(src, s, from))
        .map_or(
            SourcePos {
                line: 1,
                column: 1,
                page: None,
            },
            |at| idx.pos(at),
        )
}

fn collect_turns<'a>(items: &'a [Value], qa: Option<bool>, out: &mut Vec<Turn<'a>>) {
    let mut in_qa = false;
    for item in items {
        let Some(o) = item.as_object() else { continue };
        let Some(speaker) = SPEAKER_KEYS
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
        else {
            continue;
        };
        let speech =
            SPEECH_KEYS
                .iter()
                .find_map(|k| o.get(*k))
                .map_or_else(String::new, |s| match s {
                    Value::String(s) => s.clone(),
                    Value::Array(parts) => parts
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    _ => String::new(),
                });
        let role = ROLE_KEYS
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .map(str::to_owned);
        // Within a flat list, the Q&A part starts at the first turn marked as such.
        if let Some(section) = o.get("section").and_then(Value::as_str) {
            let s = section.to_ascii_lowercase();
            in_qa = s.contains("q&a") || s.contains("question") || s == "qa";
        } else if let Some(b) = o.get("qa").and_then(Value::as_bool) {
            in_qa = b;
        }
        out.push(Turn {
            speaker: speaker.trim().to_owned(),
            role,
            speech,
            qa: qa.unwrap_or(in_qa),
            obj: o,
        });
    }
}

/// `"Tom Michaud--KBW -- Analyst"` → `Tom Michaud` ↦ `Analyst, KBW`;
/// `"Alan B. Colberg--President and Chief Executive Officer"` → role as written.
fn read_participants(items: &[Value]) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for item in items {
        let (name, role) = match item {
            Value::String(s) => match s.split_once("--") {
                Some((n, r)) => (n.trim().to_owned(), r.trim().to_owned()),
                None => continue,
            },
            Value::Object(o) => {
                let Some(n) = SPEAKER_KEYS
                    .iter()
                    .find_map(|k| o.get(*k).and_then(Value::as_str))
                else {
                    continue;
                };
                let Some(r) = ROLE_KEYS
                    .iter()
                    .find_map(|k| o.get(*k).and_then(Value::as_str))
                else {
                    continue;
                };
                (n.trim().to_owned(), r.trim().to_owned())
            }
            _ => continue,
        };
        let role = match role.rsplit_once(" -- ") {
            Some((firm, last)) if last.trim().eq_ignore_ascii_case("analyst") => {
                format!("Analyst, {}", firm.trim())
            }
            _ => role,
        };
        if !name.is_empty() && !role.is_empty() {
            map.insert(name, role);
        }
    }
    map
}

/// Exact name, else same first and last name ("Alan Colberg" ↔ "Alan B. Colberg").
fn lookup_participant(map: &HashMap<String, String>, speaker: &str) -> Option<String> {
    if let Some(r) = map.get(speaker) {
        return Some(r.clone());
    }
    let key = first_last(speaker)?;
    map.iter()
        .find(|(n, _)| first_last(n).as_ref() == Some(&key))
        .map(|(_, r)| r.clone())
}

fn first_last(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, last) = (words.first()?, words.last()?);
    (words.len() >= 2).then(|| (first.to_lowercase(), last.to_lowercase()))
}

static INTRO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?:[Qq]uestion|[Ll]ine)[^.?!]{0,60}? from (?:the line of )?(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})(?: of | from | with | at |, )(?P<firm>[A-Z][\w&.'’-]*(?: (?:&|[A-Z][\w&.'’-]*))*)",
    )
    .ok()
});

static WELCOME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"[Ww]elcome to (?:the )?(?:(?:Q[1-4]|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)(?:[ -][Qq]uarter)?(?: (?:[Ff]iscal )?\d{4})? )?(?P<co>[A-Z][\w&.-]*(?:,? (?:&|[A-Z][\w&.-]*)){0,5}?)(?:'s|’s|,? (?i:first|second|third|fourth|full|fiscal|q[1-4]|\d{4}|earnings|conference|quarterly))",
    )
    .ok()
});

/// (name, firm) pairs the operator introduces.
fn introductions(speech: &str) -> Vec<(String, String)> {
    let Some(re) = INTRO.as_ref() else {
        return Vec::new();
    };
    re.captures_iter(speech)
        .filter_map(|c| {
            let name = c.name("name")?.as_str().to_owned();
            let firm = firm_name(c.name("firm")?.as_str());
            Some((name, firm))
        })
        .collect()
}

/// Cuts a captured firm at the end of its sentence: "KBW. Your line is open" → "KBW",
/// keeping dotted abbreviations ("J.P. Morgan").
fn firm_name(captured: &str) -> String {
    let mut words = Vec::new();
    for w in captured.split(' ') {
        words.push(w);
        let dots = w.matches('.').count();
        if w.ends_with('.') && dots == 1 {
            break;
        }
    }
    words.join(" ").trim_end_matches(['.', ',']).to_owned()
}

/// The company the operator welcomes callers to; a period ("Q2", "Fiscal") is not one.
fn welcome_company(speech: &str) -> Option<String> {
    const PERIODS: [&str; 11] = [
        "q1", "q2", "q3", "q4", "first", "second", "third", "fourth", "fiscal", "full", "year",
    ];
    WELCOME.as_ref()?.captures_iter(speech).find_map(|c| {
        let co = c.name("co")?.as_str();
        let first = co.split([' ', '-']).next()?.to_ascii_lowercase();
        (!PERIODS.contains(&first.as_str())).then(|| co.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"{
  "header_texts": ["Contents:"],
  "prepared_remarks": [
    {"speaker": "Operator", "speech": "Welcome to Assurant's First Quarter 2021 Conference Call."},
    {"speaker": "Alan Colberg", "speech": "Revenue grew 10%.\nWe raised our outlook."}
  ],
  "q_and_a": [
    {"speaker": "Operator", "speech": "Our first question is coming from Bose George of KBW. Your line is open."},
    {"speaker": "Bose George", "speech": "Can you talk about margins?"},
    {"speaker": "Tom Michaud", "speech": "Follow-up on reserves."}
  ],
  "participants": ["Alan B. Colberg--President and Chief Executive Officer", "Tom Michaud--KBW -- Analyst"]
}"#;

    #[test]
    fn turns_roles_and_sections() {
        let v: Value = serde_json::from_str(SRC).unwrap();
        assert!(is_transcript(&v));
        let d = extract(&v, SRC, "t.json");
        assert_eq!(d.blocks.len(), 5);
        let turn = |i: usize| match &d.blocks[i].kind {
            BlockKind::SpeakerTurn { speaker, role, qa } => (speaker.clone(), role.clone(), *qa),
            k => panic!("{k:?}"),
        };
        assert_eq!(
            turn(1),
            (
                "Alan Colberg".into(),
                Some("President and Chief Executive Officer".into()),
                false
            )
        );
        assert_eq!(d.block_text(1), "Revenue grew 10%.\nWe raised our outlook.");
        assert_eq!(
            turn(3),
            ("Bose George".into(), Some("Analyst, KBW".into()), true)
        );
        assert_eq!(
            turn(4),
            ("Tom Michaud".into(), Some("Analyst, KBW".into()), true)
        );
        assert_eq!(turn(0).1, None);
        assert_eq!(d.metadata.company.as_deref(), Some("Assurant"));
        assert_eq!(welcome_company("Welcome to the Q2 2021 Acme Call."), None);
        assert_eq!(
            welcome_company(
                "welcome to the Q2 2021 Armstrong World Industries, Inc. Earnings Call"
            ),
            Some("Armstrong World Industries, Inc.".into())
        );
        assert_eq!(
            welcome_company("welcome to the Alcoa first-quarter call"),
            Some("Alcoa".into())
        );
        assert_eq!(d.blocks[1].source.line, 5);
        assert_eq!(d.blocks[3].source.line, 9);
        assert!(!is_transcript(&serde_json::json!([{"text": "a post"}])));
    }
}
