//! One dictionary pass: places, actors and cue words in a single Aho-Corasick automaton.
//!
//! Every name of the gazetteer and the actor registry and every cue word of
//! `data/cues.tsv` goes into one automaton, built once per [`crate::Extractor`];
//! a document is scanned once, leftmost-longest, and each match carries every
//! reading of its words (a name can be a place and an actor: "Kabul").

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::actors::ActorRegistry;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{EventType, Measure, Victim, Vocabulary};
use crate::places::{Gazetteer, MatchRule};
use crate::text::on_word_boundaries;

const CUES: &str = include_str!("../data/cues.tsv");

/// Where the speaker of an attribution stands relative to the cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerSide {
    /// "the ISPR said", "X told AFP".
    Before,
    /// "according to X".
    After,
    /// "X said" or "said X".
    Either,
}

/// What a cue word signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A word of killing: killed, martyred, sent to hell.
    Kill,
    /// A word of wounding.
    Wound,
    /// A word of abduction.
    Abduct,
    /// A word of arrest.
    Arrest,
    /// A noun naming victims; `singular` nouns count one after "a"/"an".
    Victim {
        /// The category; `None` for "others", which takes the category named before it.
        category: Option<Victim>,
        /// Whether the noun is singular.
        singular: bool,
    },
    /// A word naming an event; `anaphoric` forms ("the attack") refer back.
    Event {
        /// The kind of event.
        event_type: EventType,
        /// Whether the words refer to an event already told.
        anaphoric: bool,
    },
    /// A verb or phrase of saying.
    Attribution(SpeakerSide),
    /// A responsibility claim.
    Responsibility,
    /// Threats, plans, futures, conditions.
    Irrealis,
    /// Disasters, meetings, talks.
    NonViolent,
    /// "In a separate incident".
    Separate,
    /// A figure over a period or over many events.
    Aggregate,
    /// Percent change.
    Change,
    /// Militants present, not hurt.
    Strength,
    /// A part of a total just given: "including".
    Part,
    /// An aggregate noun and the measure it names.
    Measure(Measure),
    /// Nobody hurt.
    Negation,
    /// A counted noun that is not people: "hideouts", "vehicles".
    Thing,
    /// Words only one speaker uses ("sent to hell", "own troops": ISPR's register);
    /// the value is the index of that speaker in the actor registry.
    Register(usize),
}

/// One reading of matched words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// A gazetteer place (index into the gazetteer).
    Place(usize),
    /// An actor (index into the registry).
    Actor(usize),
    /// A cue word.
    Cue(Cue),
}

#[derive(Debug, Clone, Copy)]
struct Reading {
    term: Term,
    rule: MatchRule,
}

/// A match of the dictionary pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Every reading of the words that the letter case allows.
    pub terms: Vec<Term>,
    /// Whether some reading needs support from context (`ctx` rows).
    pub needs_context: bool,
}

/// The compiled dictionary.
#[derive(Debug)]
pub struct Lexicon {
    automaton: AhoCorasick,
    /// Pattern index -> (the pattern as written, its readings).
    patterns: Vec<(String, Vec<Reading>)>,
}

impl Lexicon {
    /// Compiles the places, actors and cue words into one automaton.
    pub fn build(gazetteer: &Gazetteer, actors: &ActorRegistry) -> Result<Self> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<(String, Vec<Reading>)> = Vec::new();
        let mut add = |surface: &str, reading: Reading| {
            let surface = surface.trim();
            if surface.is_empty() {
                return;
            }
            let key = surface.to_ascii_lowercase();
            let slot = *index.entry(key).or_insert_with(|| {
                patterns.push((surface.to_string(), Vec::new()));
                patterns.len() - 1
            });
            let readings = &mut patterns[slot].1;
            if !readings.iter().any(|r| r.term == reading.term) {
                readings.push(reading);
            }
        };
        for (i, place) in gazetteer.places().iter().enumerate() {
            let reading = Reading {
                term: Term::Place(i),
                rule: place.match_rule,
            };
            add(&place.name, reading);
            for (alias, rule) in &place.aliases {
                add(
                    alias,
                    Reading {
                        rule: *rule,
                        ..reading
                    },
                );
            }
        }
        for (i, actor) in actors.actors().iter().enumerate() {
            let reading = Reading {
                term: Term::Actor(i),
                rule: actor.match_rule,
            };
            add(&actor.name, reading);
            for (alias, rule) in &actor.aliases {
                add(
                    alias,
                    Reading {
                        rule: *rule,
                        ..reading
                    },
                );
            }
        }
        for (number, line) in CUES.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("term\t") {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let bad = |what: &str| {
                Error::new(
                    ErrorKind::Data,
                    format!("data/cues.tsv, line {}: {what}", number + 1),
                )
            };
            if fields.len() != 4 {
                return Err(bad(
                    "expected term, class, value and source separated by tabs",
                ));
            }
            let cue = if fields[1] == "register" {
                let actor = actors
                    .index_of(fields[2])
                    .ok_or_else(|| bad("register names an actor id that is not in actors.tsv"))?;
                Cue::Register(actor)
            } else {
                parse_cue(fields[1], fields[2]).ok_or_else(|| bad("unknown class or value"))?
            };
            // Upper-case cue words (IED, SHO) are acronyms and ranks: match them as
            // written; so are lower-case words marked `lower` ("may", not the month).
            let rule = if fields[2] == "lower" || fields[0].chars().any(|c| c.is_ascii_uppercase())
            {
                MatchRule::Capitalized
            } else {
                MatchRule::Any
            };
            add(
                fields[0],
                Reading {
                    term: Term::Cue(cue),
                    rule,
                },
            );
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .map_err(|e| {
                Error::new(
                    ErrorKind::Data,
                    format!("building the dictionary failed: {e}"),
                )
            })?;
        Ok(Lexicon {
            automaton,
            patterns,
        })
    }

    /// Scans `text` once and returns the matches on word boundaries, in order of start.
    ///
    /// Names (places and actors) and cue words are two layers: within each, the
    /// longest match wins ("Pakistani Taliban" over "Taliban"); across them,
    /// matches may overlap, so "U.S. drone strike" is both an actor and an event.
    /// Curly and straight apostrophes both end a word, so "Afghanistan’s" finds
    /// "Afghanistan".
    pub fn scan(&self, text: &str) -> Vec<LexMatch> {
        let mut names: Vec<LexMatch> = Vec::new();
        let mut cues: Vec<LexMatch> = Vec::new();
        for found in self.automaton.find_overlapping_iter(text) {
            let (start, end) = (found.start(), found.end());
            if !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
                || !on_word_boundaries(text, start, end)
            {
                continue;
            }
            let (written, readings) = &self.patterns[found.pattern().as_usize()];
            let surface = &text[start..end];
            let exact_case = surface == written;
            let capitalised = surface.chars().next().is_some_and(char::is_uppercase);
            let mut needs_context = false;
            let mut name_terms = Vec::new();
            let mut cue_terms = Vec::new();
            for r in readings {
                let allowed = match r.rule {
                    MatchRule::Any => true,
                    MatchRule::Capitalized => exact_case,
                    // An actor's context is its role in the sentence ("the defence
                    // minister said"), which assembly reads; any case will do.
                    MatchRule::Context if matches!(r.term, Term::Actor(_)) => true,
                    MatchRule::Context => {
                        let ok = exact_case || capitalised;
                        needs_context |= ok;
                        ok
                    }
                };
                if !allowed {
                    continue;
                }
                match r.term {
                    Term::Cue(_) => cue_terms.push(r.term),
                    _ => name_terms.push(r.term),
                }
            }
            if !name_terms.is_empty() {
                names.push(LexMatch {
                    start,
                    end,
                    terms: name_terms,
                    needs_context,
                });
            }
            if !cue_terms.is_empty() {
                cues.push(LexMatch {
                    start,
                    end,
                    terms: cue_terms,
                    needs_context: false,
                });
            }
        }
        let mut out = leftmost_longest(names);
        out.extend(leftmost_longest(cues));
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out
    }

    /// How many distinct patterns the automaton holds.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the automaton is empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

fn parse_cue(class: &str, value: &str) -> Option<Cue> {
    Some(match class {
        "kill" => Cue::Kill,
        "wound" => Cue::Wound,
        "abduct" => Cue::Abduct,
        "arrest" => Cue::Arrest,
        "victim" => {
            let (name, singular) = match value.strip_suffix(":sg") {
                Some(name) => (name, true),
                None => (value, false),
            };
            let category = if name == "inherit" {
                None
            } else {
                Some(Victim::parse(name)?)
            };
            Cue::Victim { category, singular }
        }
        "event" => {
            let (name, anaphoric) = match value.strip_suffix('!') {
                Some(name) => (name, true),
                None => (value, false),
            };
            Cue::Event {
                event_type: EventType::parse(name)?,
                anaphoric,
            }
        }
        "attrib" => Cue::Attribution(match value {
            "before" => SpeakerSide::Before,
            "after" => SpeakerSide::After,
            "either" => SpeakerSide::Either,
            _ => return None,
        }),
        "resp" => Cue::Responsibility,
        "irrealis" => Cue::Irrealis,
        "nonviolent" => Cue::NonViolent,
        "separate" => Cue::Separate,
        "aggregate" => Cue::Aggregate,
        "change" => Cue::Change,
        "strength" => Cue::Strength,
        "part" => Cue::Part,
        "measure" => Cue::Measure(Measure::ALL.iter().copied().find(|m| m.as_str() == value)?),
        "negation" => Cue::Negation,
        "thing" => Cue::Thing,
        _ => return None,
    })
}

/// Keeps, among overlapping matches, the one that starts first and, of those, the longest.
fn leftmost_longest(mut matches: Vec<LexMatch>) -> Vec<LexMatch> {
    matches.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<LexMatch> = Vec::with_capacity(matches.len());
    let mut covered_to = 0;
    for m in matches {
        if m.start >= covered_to {
            covered_to = m.end;
            out.push(m);
        }
    }
    out
}
