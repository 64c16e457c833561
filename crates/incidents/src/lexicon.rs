//! One dictionary pass: places, actors and cue words in a single table.
//!
//! Every name of the gazetteer and the actor registry and every cue word of
//! `data/cues.tsv` goes into one table, built once per [`crate::Extractor`];
//! a document is scanned once, leftmost-longest, and each match carries every
//! reading of its words (a name can be a place and an actor: "Kabul").
//!
//! Matches start and end on word boundaries, so the table is keyed by the first
//! word of each name: the scan hashes each word of the text as it reads it and
//! compares the few names that begin with it. It finds what an Aho-Corasick
//! automaton run over every byte finds and then keeps on word boundaries, with a
//! table that stays in the processor's cache (a full automaton of the 2,400 names
//! takes 8 MB, and the scan spent its time waiting for it).

use std::collections::HashMap;
use std::sync::Arc;

use crate::actors::ActorRegistry;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{EventType, Measure, Victim, Vocabulary};
use crate::places::{Gazetteer, MatchRule};
use crate::text::{
    bytes_in, load_8, low_bytes, lower_ascii_8, lowered_letters_8, BlockHash, HIGHS,
};

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
    /// The whole country without naming it ("across the country", "nationwide"):
    /// the region of a figure, which the Pakistani press means as Pakistan.
    Nationwide,
    /// A counted noun that is not people: "hideouts", "vehicles".
    Thing,
    /// A verb that puts a new figure in place of an earlier one: "lowered (to)",
    /// "revised (to)".
    Revision,
    /// Words that name an event as the time or the cause of another: "hours after",
    /// "in retaliation for".
    Background,
    /// Words that tell a figure as a first one, since corrected: "early reports",
    /// "initially".
    Superseded,
    /// Words that give where a person is from ("resident of", "hailing from"): a
    /// place after them is a home, not a scene.
    Home,
    /// Words only one speaker uses ("sent to hell", "own troops": ISPR's register);
    /// the value is the index of that speaker in the actor registry.
    Register(usize),
}

impl Cue {
    /// The bit of the cue's kind (its variant, whatever its fields) in
    /// [`LexMatch`]'s set of the kinds of its cues, and in the assembly's sets of
    /// the kinds of a match's or a sentence's readings. `const`, so that sets of
    /// kinds can be constants.
    #[inline(always)]
    pub(crate) const fn kind_bit(self) -> u32 {
        1 << match self {
            Cue::Kill => 0,
            Cue::Wound => 1,
            Cue::Abduct => 2,
            Cue::Arrest => 3,
            Cue::Victim { .. } => 4,
            Cue::Event { .. } => 5,
            Cue::Attribution(_) => 6,
            Cue::Responsibility => 7,
            Cue::Irrealis => 8,
            Cue::NonViolent => 9,
            Cue::Separate => 10,
            Cue::Aggregate => 11,
            Cue::Change => 12,
            Cue::Strength => 13,
            Cue::Part => 14,
            Cue::Measure(_) => 15,
            Cue::Negation => 16,
            Cue::Nationwide => 17,
            Cue::Thing => 18,
            Cue::Revision => 19,
            Cue::Background => 20,
            Cue::Superseded => 21,
            Cue::Home => 22,
            Cue::Register(_) => 23,
        }
    }
}

/// The set of the kinds of the cues among `terms` ([`Cue::kind_bit`]).
fn cue_kinds(terms: &[Term]) -> u32 {
    terms.iter().fold(0, |kinds, term| match term {
        Term::Cue(cue) => kinds | cue.kind_bit(),
        _ => kinds,
    })
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
pub struct LexMatch<'l> {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Every reading of the words that the letter case allows. Borrowed from the
    /// lexicon, so that a match costs no allocation of its own, nor a count of
    /// references taken and given back (an atomic operation each) as a shared
    /// list would.
    pub terms: &'l [Term],
    /// Whether some reading needs support from context (`ctx` rows).
    pub needs_context: bool,
    /// The kinds of the cues among `terms` ([`Cue::kind_bit`]): assembly asks
    /// each match for many cues, and most matches have none of them.
    cue_kinds: u32,
}

impl LexMatch<'_> {
    /// Whether one reading of the match is the cue `cue`.
    ///
    /// ```
    /// use incidents::lexicon::{Cue, Lexicon};
    /// use incidents::Extractor;
    /// let extractor = Extractor::new();
    /// let lexicon = Lexicon::build(extractor.gazetteer(), extractor.actors())?;
    /// let found = lexicon.scan("Early reports put the toll at three.");
    /// assert!(found[0].has_cue(Cue::Superseded));
    /// assert!(!found[0].has_cue(Cue::Revision));
    /// # Ok::<(), incidents::Error>(())
    /// ```
    pub fn has_cue(&self, cue: Cue) -> bool {
        // Cues compared as cues: `terms.contains(&Term::Cue(cue))` would compare
        // each reading as a whole term, names included, at some cost a match.
        self.cue_kinds & cue.kind_bit() != 0
            && self
                .terms
                .iter()
                .any(|term| matches!(term, Term::Cue(c) if *c == cue))
    }
}

/// The compiled dictionary.
#[derive(Debug)]
pub struct Lexicon {
    /// The patterns by their first word.
    first_words: FirstWords,
    /// Pattern index -> (the pattern as written, its readings).
    patterns: Vec<(String, Vec<Reading>)>,
    /// Pattern index -> the readings its letter case allows, worked out once for
    /// each of the four cases.
    variants: Vec<Variants>,
}

/// The readings of a pattern for each letter case of the matched words.
#[derive(Debug, Clone)]
struct Variants {
    /// By [`Variant::index`].
    by_case: [Variant; 4],
    /// Whether some reading depends on the words being written as the pattern is.
    reads_exact: bool,
    /// Whether some reading depends on the words starting with a capital.
    reads_capital: bool,
    /// Bit `v` set when `by_case[v]` has names, bit `4 + v` when it has cue words.
    layers: u8,
    /// The pattern, ASCII lower-cased.
    lowered: Box<[u8]>,
    /// The pattern as written, for `reads_exact`.
    written: Box<str>,
}

impl Variants {
    fn of(written: &str, readings: &[Reading]) -> Variants {
        let context =
            |r: &Reading| r.rule == MatchRule::Context && !matches!(r.term, Term::Actor(_));
        let by_case = [(false, false), (false, true), (true, false), (true, true)]
            .map(|(exact, capital)| Variant::of(readings, exact, capital));
        let layers = by_case.iter().enumerate().fold(0, |bits, (v, variant)| {
            bits | (u8::from(!variant.names.is_empty()) << v)
                | (u8::from(!variant.cues.is_empty()) << (4 + v))
        });
        Variants {
            by_case,
            layers,
            lowered: written.to_ascii_lowercase().into_bytes().into_boxed_slice(),
            written: written.into(),
            reads_exact: readings
                .iter()
                .any(|r| r.rule == MatchRule::Capitalized || context(r)),
            reads_capital: readings.iter().any(context),
        }
    }
}

/// The readings of a pattern that one letter case of the matched words allows.
#[derive(Debug, Clone, Default)]
struct Variant {
    /// Places and actors.
    names: Arc<[Term]>,
    /// Cue words.
    cues: Arc<[Term]>,
    /// Whether some allowed reading needs support from context.
    needs_context: bool,
    /// [`cue_kinds`] of `cues`.
    cue_kinds: u32,
}

impl Variant {
    /// The slot of a match: whether it is written exactly as the pattern, and
    /// whether it starts with a capital.
    fn index(exact_case: bool, capitalised: bool) -> usize {
        usize::from(exact_case) * 2 + usize::from(capitalised)
    }

    fn of(readings: &[Reading], exact_case: bool, capitalised: bool) -> Variant {
        let mut names = Vec::new();
        let mut cues = Vec::new();
        let mut needs_context = false;
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
                Term::Cue(_) => cues.push(r.term),
                _ => names.push(r.term),
            }
        }
        Variant {
            cue_kinds: cue_kinds(&cues),
            names: names.into(),
            cues: cues.into(),
            needs_context,
        }
    }
}

/// The matches of a scan as it finds them: those kept, and the longest of each
/// layer at the start being read, kept or dropped when that start is done.
///
/// Every match at a start is found before the scan moves past it (one
/// [`Lexicon::compare`] a start), so the longest of a layer there is known then,
/// and whether it falls inside the last match kept of its layer: each match is
/// kept once, in order, and no list of spans is chosen from and merged after.
struct Hits<'l> {
    matches: Vec<LexMatch<'l>>,
    names: Layer,
    cues: Layer,
}

impl<'l> Hits<'l> {
    fn with_capacity(capacity: usize) -> Hits<'l> {
        Hits {
            matches: Vec::with_capacity(capacity),
            names: Layer::default(),
            cues: Layer::default(),
        }
    }
}

/// The leftmost-longest choice of one layer, made as the scan goes.
///
/// The longest match at the start being read is held as plain numbers, not as
/// an `Option<Hit>`: the word loop keeps them in registers, where it moved an
/// option of four words through memory at each word of the table.
#[derive(Debug, Default, Clone, Copy)]
struct Layer {
    /// Where the longest match at the start being read ends; zero for none
    /// (no pattern is empty, so no match ends at its start).
    end: usize,
    /// Its pattern and its [`Variant::index`].
    pattern: usize,
    variant: usize,
    /// Where the last match kept ends: a match that starts before is inside it.
    kept_to: usize,
}

impl Layer {
    /// Offers a match at the start being read; of equally long ones, the first
    /// found stays, as in [`leftmost_longest`].
    #[inline(always)]
    fn offer(&mut self, end: usize, pattern: usize, variant: usize) {
        if end > self.end {
            self.end = end;
            self.pattern = pattern;
            self.variant = variant;
        }
    }

    /// The longest match at `start`, the start just read, unless there is none
    /// or it falls inside the last one kept; it is kept.
    #[inline(always)]
    fn settle(&mut self, start: usize) -> Option<Hit> {
        let end = std::mem::take(&mut self.end);
        if end == 0 || start < self.kept_to {
            return None;
        }
        self.kept_to = end;
        Some(Hit {
            start,
            end,
            pattern: self.pattern,
            variant: self.variant,
        })
    }
}

/// A match on word boundaries, before its readings are copied out.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    pattern: usize,
    variant: usize,
}

impl Lexicon {
    /// Compiles the places, actors and cue words into one table.
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
        let mut first_words = FirstWords::new(patterns.iter().map(|(p, _)| p.as_str()))?;
        let variants: Vec<Variants> = patterns
            .iter()
            .map(|(written, readings)| Variants::of(written, readings))
            .collect();
        for (_, list) in first_words.words.lists.iter_mut() {
            let Some(v) = list.whole.and_then(|p| variants.get(p as usize)) else {
                continue;
            };
            if !v.reads_exact && !v.reads_capital {
                list.whole_layers = WHOLE_READ | (v.layers & 1) | ((v.layers >> 3) & 2);
            }
        }
        Ok(Lexicon {
            first_words,
            patterns,
            variants,
        })
    }

    /// Scans `text` once and returns the matches on word boundaries, in order of start.
    ///
    /// Names (places and actors) and cue words are two layers: within each, the
    /// longest match wins ("Pakistani Taliban" over "Taliban"); across them,
    /// matches may overlap, so "U.S. drone strike" is both an actor and an event.
    /// Curly and straight apostrophes both end a word, so "Afghanistan’s" finds
    /// "Afghanistan".
    pub fn scan(&self, text: &str) -> Vec<LexMatch<'_>> {
        // Matches are chosen as plain spans; only the chosen ones get their readings
        // copied out, so matches inside longer ones cost no allocation.
        // A text has about one match every twenty bytes.
        let mut hits = Hits::with_capacity(text.len() / 16);
        self.find_hits(text, &mut hits);
        hits.matches
    }

    /// Keeps the longest match of each layer at the start just read, unless it
    /// falls inside the last kept of its layer, with its readings: in order of
    /// start and, at one start, the longer first, a name before a cue word of
    /// the same span.
    #[inline(always)]
    fn settle<'l>(&'l self, start: usize, hits: &mut Hits<'l>) {
        // Most words of the table begin patterns that do not occur here.
        if hits.names.end | hits.cues.end == 0 {
            return;
        }
        let name = hits.names.settle(start);
        let cue = hits.cues.settle(start);
        let cue_first = matches!((name, cue), (Some(name), Some(cue)) if cue.end > name.end);
        if cue_first {
            self.keep(cue, true, &mut hits.matches);
        }
        self.keep(name, false, &mut hits.matches);
        if !cue_first {
            self.keep(cue, true, &mut hits.matches);
        }
    }

    /// Adds `hit`, if any, with the readings of its layer.
    #[inline(always)]
    fn keep<'l>(&'l self, hit: Option<Hit>, of_cues: bool, matches: &mut Vec<LexMatch<'l>>) {
        let Some(hit) = hit else {
            return;
        };
        let Some(variant) = self
            .variants
            .get(hit.pattern)
            .and_then(|v| v.by_case.get(hit.variant))
        else {
            return;
        };
        matches.push(LexMatch {
            start: hit.start,
            end: hit.end,
            terms: if of_cues {
                &variant.cues
            } else {
                &variant.names
            },
            needs_context: !of_cues && variant.needs_context,
            cue_kinds: if of_cues { variant.cue_kinds } else { 0 },
        });
    }

    /// Collects every occurrence of a pattern (its bytes, ASCII letters in either
    /// case) that starts and ends on a word boundary: it starts at the start of the
    /// text or after a character that is not a letter or digit, and the character
    /// after it, if any, is not one either.
    ///
    /// Such a pattern has the same first word as the text where it starts (both
    /// runs of letters and digits end at the same place), so looking up each word
    /// of the text finds every one: what an overlapping search over every byte
    /// finds, kept on word boundaries.
    fn find_hits<'l>(&'l self, text: &str, hits: &mut Hits<'l>) {
        if !self.first_words.mark_first.is_empty() {
            // Such patterns are looked for between words, byte by byte.
            self.find_hits_by_bytes(text, hits);
            return;
        }
        let table = &self.first_words.words;
        let bytes = text.as_bytes();
        let mut at = 0;
        'bytes: while let Some(&byte) = bytes.get(at) {
            if !byte.is_ascii_alphanumeric() {
                if byte.is_ascii() {
                    at += 1;
                    continue;
                }
                let (word_char, len) = word_char_at(text, at);
                if !word_char {
                    at += len;
                    continue;
                }
                at = self.word_by_chars(text, at, hits);
                continue;
            }
            // Words of ASCII letters and digits, one after another: `at` is where
            // one starts.
            loop {
                let AsciiWord {
                    first,
                    second,
                    hash,
                    end,
                    stops,
                    outside,
                } = AsciiWord::read(bytes, at);
                if outside & 0x80 != 0 && word_char_at(text, end).0 {
                    // A letter outside ASCII goes on with the word ("Bājaur").
                    at = self.word_by_chars(text, at, hits);
                    continue 'bytes;
                }
                let len = end - at;
                if let Some(patterns) = table.find_read(hash, first, second, len, text, at) {
                    self.compare(text, at, len, patterns, hits);
                }
                // The next word starts at the first byte after this one that is a
                // letter or digit, if that is in the block and no byte outside
                // ASCII comes before it (the first of `stops`, if a letter or digit).
                let next = stops & stops.wrapping_neg();
                if next & !outside != 0 {
                    at = end + (next.trailing_zeros() / 8) as usize;
                    continue;
                }
                // The byte at `end`, if ASCII, is not a letter or digit: no word
                // starts there. Any other character is for the loop to read.
                at = end + usize::from(bytes.get(end).is_some_and(u8::is_ascii));
                continue 'bytes;
            }
        }
    }

    /// Reads the word that starts at `at` character by character, looks it up and
    /// returns where it ends: for words with characters outside ASCII.
    fn word_by_chars<'l>(&'l self, text: &str, at: usize, hits: &mut Hits<'l>) -> usize {
        let bytes = text.as_bytes();
        let mut end = at;
        while end < bytes.len() {
            let (word_char, len) = word_char_at(text, end);
            if !word_char {
                break;
            }
            end += len;
        }
        let word = bytes.get(at..end).unwrap_or_default();
        if let Some(patterns) = self.first_words.words.find(word) {
            self.compare(text, at, end - at, patterns, hits);
        }
        end
    }

    /// [`Lexicon::find_hits`] byte by byte, trying the patterns that begin with a
    /// mark between words.
    fn find_hits_by_bytes<'l>(&'l self, text: &str, hits: &mut Hits<'l>) {
        let table = &self.first_words;
        // Read once: the data has no such pattern today, and the test is on every
        // byte between words.
        let marks_first = !table.mark_first.is_empty();
        let bytes = text.as_bytes();
        let mut after_word = false;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let (word_char, len) = match WORD_BYTES[usize::from(byte)] {
                NOT_ASCII => word_char_at(text, at),
                class => (class != NOT_WORD, 1),
            };
            if after_word || !word_char {
                if !after_word && marks_first {
                    self.compare(text, at, 0, &table.mark_first, hits);
                }
                after_word = word_char;
                at += len;
                continue;
            }
            // A word starts here: read it to its end.
            let mut end = at;
            while let Some(&b) = bytes.get(end) {
                let class = WORD_BYTES[usize::from(b)];
                if class == NOT_WORD {
                    break;
                } else if class != NOT_ASCII {
                    end += 1;
                } else {
                    let (word_char, len) = word_char_at(text, end);
                    if !word_char {
                        break;
                    }
                    end += len;
                }
            }
            let word = bytes.get(at..end).unwrap_or_default();
            if let Some(patterns) = table.words.find(word) {
                self.compare(text, at, end - at, patterns, hits);
            }
            // The rest of the word follows a letter or digit: no match starts there.
            after_word = true;
            at = end;
        }
    }

    /// Adds the patterns of `list` that occur at `start` (a word boundary) and end
    /// on a word boundary, where the text already matches their first `known` bytes.
    ///
    /// Only the candidates that agree with the three bytes after the first word are
    /// visited ([`FirstList::agreeing`]): the order in which they are tried does not
    /// matter, since two patterns that match the same span are the same pattern
    /// (patterns are distinct in lower case), so at one start every hit has its own end.
    // Inlined into the word loop: called for half the words of a text, the call
    // itself (saving and restoring registers) was a fifth of its cost.
    #[inline(always)]
    fn compare<'l>(
        &'l self,
        text: &str,
        start: usize,
        known: usize,
        list: &FirstList,
        hits: &mut Hits<'l>,
    ) {
        if let Some(pattern) = list.whole {
            // The pattern is the word the scan has just read to its end: nothing
            // is left to compare (the scan stopped where the word ends).
            let end = start + known;
            if list.whole_layers & WHOLE_READ != 0 {
                // Its layers are known without a look at its letter case.
                let variant = Variant::index(false, false);
                if list.whole_layers & 1 != 0 {
                    hits.names.offer(end, pattern as usize, variant);
                }
                if list.whole_layers & 2 != 0 {
                    hits.cues.offer(end, pattern as usize, variant);
                }
            } else {
                self.push_hit(text, start, end, pattern as usize, hits);
            }
        }
        if !(list.short.is_empty() && list.long.is_empty()) {
            let bytes_after = load_8(text.as_bytes(), start + known);
            // The bucket of the bytes as written is theirs lowered ([`next_bucket`]):
            // they are lowered only when some pattern is left to compare with.
            let run = list.run_of(next_key(bytes_after));
            if !(list.short.is_empty() && run.is_empty()) {
                let head = lower_ascii_8(bytes_after);
                for candidate in list.short.iter() {
                    if candidate.agrees(head) {
                        self.try_candidate(text, start, known, candidate, hits);
                    }
                }
                for candidate in run {
                    if candidate.agrees(head) {
                        self.try_candidate(text, start, known, candidate, hits);
                    }
                }
            }
        }
        self.settle(start, hits);
    }

    /// Adds `candidate` if it occurs at `start` and ends on a word boundary, where
    /// the text already matches its first word (`known` bytes) and the bytes of
    /// its [`Candidate::head`].
    #[inline]
    fn try_candidate<'l>(
        &'l self,
        text: &str,
        start: usize,
        known: usize,
        candidate: &Candidate,
        hits: &mut Hits<'l>,
    ) {
        let bytes = text.as_bytes();
        let pattern = candidate.pattern as usize;
        let Some(variants) = self.variants.get(pattern) else {
            return;
        };
        let len = candidate.len as usize;
        let end = start + len;
        // The bytes of the head are known to agree: the pattern has up to eight of them.
        let checked = len.min(known + HEAD_BYTES);
        // Byte by byte, so that a pattern that parts from the text early costs little.
        let same = match (
            bytes.get(start + checked..end),
            variants.lowered.get(checked..),
        ) {
            (Some(here), Some(tail)) => here
                .iter()
                .zip(tail)
                .all(|(h, t)| h.to_ascii_lowercase() == *t),
            _ => false,
        };
        if !same || !text.is_char_boundary(end) || !ends_word(text, end) {
            return;
        }
        self.push_hit(text, start, end, pattern, hits);
    }

    /// Adds the match of `pattern` over `start..end` to the layers whose readings
    /// its letter case allows.
    #[inline(always)]
    fn push_hit<'l>(
        &'l self,
        text: &str,
        start: usize,
        end: usize,
        pattern: usize,
        hits: &mut Hits<'l>,
    ) {
        let Some(variants) = self.variants.get(pattern) else {
            return;
        };
        // The letter case is read only for patterns whose readings depend on it:
        // the variants it would choose between are the same otherwise.
        let variant = if variants.reads_exact || variants.reads_capital {
            let surface = &text[start..end];
            let exact_case = variants.reads_exact && surface == &*variants.written;
            let capitalised =
                variants.reads_capital && surface.chars().next().is_some_and(char::is_uppercase);
            Variant::index(exact_case, capitalised)
        } else {
            Variant::index(false, false)
        };
        if variants.layers & (1 << variant) != 0 {
            hits.names.offer(end, pattern, variant);
        }
        if variants.layers & (1 << (4 + variant)) != 0 {
            hits.cues.offer(end, pattern, variant);
        }
    }

    /// How many distinct patterns the dictionary holds.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// What the scan reads of a word of ASCII letters and digits.
struct AsciiWord {
    /// The first eight bytes of the word, lowered, zeros past its end.
    first: u64,
    /// The next eight, as `first` has them.
    second: u64,
    /// [`BlockHash`] of the word, lowered.
    hash: u64,
    /// Where the word ends: the first byte that is not an ASCII letter or digit.
    end: usize,
    /// The high bit of each of the bytes from `end` that is a letter or digit or
    /// outside ASCII, as far as the last block read of the word goes.
    stops: u64,
    /// The high bit of each of those bytes that is outside ASCII; the bit of the
    /// byte at `end` is known for any word.
    outside: u64,
}

impl AsciiWord {
    /// Reads the word at `at`, whose first byte is an ASCII letter or digit, eight
    /// bytes at a time, hashing them lowered.
    #[inline(always)]
    fn read(bytes: &[u8], at: usize) -> AsciiWord {
        let mut block = load_8(bytes, at);
        // The first block has at least the letter or digit at `at`: no test of
        // an empty run, as `word_block` makes.
        let (lowered, mut word_bytes) = word_bits(block);
        let mut run = ((!word_bytes & HIGHS).trailing_zeros() / 8) as usize;
        let first = lowered & low_bytes(run);
        let mut hash = BlockHash::default();
        hash.add(first);
        let mut end = at + run;
        let mut second = 0;
        if run == 8 {
            // The rest of the word, a block at a time; the last block read holds
            // the bytes after it.
            let mut blocks = 0;
            loop {
                block = load_8(bytes, end);
                let kept;
                (kept, run, word_bytes) = word_block(block);
                if run > 0 {
                    if blocks == 0 {
                        second = kept;
                    }
                    hash.add(kept);
                    end += run;
                }
                blocks += 1;
                if run < 8 {
                    break;
                }
            }
        }
        // The bytes after the word are in the block last read.
        let outside = (block & HIGHS) >> (8 * run);
        let stops = (word_bytes >> (8 * run)) | outside;
        AsciiWord {
            first,
            second,
            hash: hash.finish(),
            end,
            stops,
            outside,
        }
    }
}

/// `block` lowered where it has ASCII letters, and the high bit of each of its
/// bytes that is an ASCII letter or digit.
#[inline(always)]
fn word_bits(block: u64) -> (u64, u64) {
    // Digits have 0x20 set already, so they come out of the lowering as they are.
    let (lowered, letters) = lowered_letters_8(block);
    (lowered, letters | bytes_in(block, b'0', b'9'))
}

/// The leading ASCII letters and digits of `block` (eight bytes of a text,
/// [`load_8`]), lowered, with zeros after them, and how many they are; and the
/// high bit of each byte of the block that is an ASCII letter or digit, which
/// tells where the next word starts.
#[inline(always)]
fn word_block(block: u64) -> (u64, usize, u64) {
    let (lowered, word_bytes) = word_bits(block);
    // Bytes past the end of the text load as zeros, which end the word.
    let run = ((!word_bytes & HIGHS).trailing_zeros() / 8) as usize;
    let kept = if run == 0 { 0 } else { low_bytes(run) };
    (lowered & kept, run, word_bytes)
}

/// An ASCII byte that is not a letter or digit, in [`WORD_BYTES`].
const NOT_WORD: u8 = 0;
/// A byte of a character outside ASCII, in [`WORD_BYTES`].
const NOT_ASCII: u8 = 0xff;

/// For each byte: its lower case when it is an ASCII letter or digit, else
/// [`NOT_WORD`] or [`NOT_ASCII`]; one lookup a byte for the scan.
static WORD_BYTES: [u8; 256] = {
    let mut table = [NOT_WORD; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            NOT_ASCII
        } else if byte.is_ascii_alphanumeric() {
            byte.to_ascii_lowercase()
        } else {
            NOT_WORD
        };
        b += 1;
    }
    table
};

/// Whether byte offset `end` of `text` (a character boundary) ends a word: no
/// letter or digit follows.
fn ends_word(text: &str, end: usize) -> bool {
    match text.as_bytes().get(end) {
        None => true,
        Some(&b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !word_char_at(text, end).0,
    }
}

/// Whether the character at byte offset `at` (a character boundary) is a letter
/// or digit, and its length.
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        // Never reached for a boundary of a `str`; one byte keeps the scan moving.
        None => (false, 1),
    }
}

/// The patterns by their first word (the leading run of letters and digits),
/// ASCII lower-cased.
#[derive(Debug)]
struct FirstWords {
    words: FirstTable,
    /// Patterns that begin with a mark rather than a letter or digit.
    mark_first: FirstList,
}

/// The lists of the first words, each word found with one probe: a hash picks a
/// bucket and a slot, and the bucket's displacement moves the slot to where its
/// word was put (hash and displace), so that no probe sequence is walked.
///
/// Half the words of a text are first words of some pattern and half are not: a
/// scan that walked probe sequences branched on each slot it met, and guessed
/// wrong about as often as not.
#[derive(Debug)]
struct FirstTable {
    /// The multiplier of [`FirstTable::bucket`] and [`FirstTable::base`], chosen
    /// when the table is built so that the words of each bucket fall on distinct
    /// slots.
    multiplier: u64,
    /// Bucket of a hash: its top bits, `hash >> bucket_shift`.
    bucket_shift: u32,
    /// Slot of a hash before its displacement: `(hash >> slot_shift) & slot_mask`.
    slot_shift: u32,
    slot_mask: usize,
    /// Bucket -> the displacement (XOR) of the slots of its words.
    displacements: Box<[u32]>,
    slots: Box<[Slot]>,
    /// Slot's `list` -> the word, ASCII lower-cased, and its patterns.
    lists: Box<[(Box<[u8]>, FirstList)]>,
}

/// A slot of [`FirstTable`]: enough of its word to tell it from any other word
/// of up to sixteen bytes without looking at the list.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The first eight bytes of the word, lowered, zeros after a shorter one: what
    /// the scan has read of a word when it looks it up; zero for an empty slot.
    head: u64,
    /// Its bytes 8 to 16, as `head` has them; zero for a word of up to eight.
    tail: u64,
    /// The word's length in bytes.
    len: u32,
    /// Index into [`FirstTable::lists`].
    list: u32,
}

impl FirstTable {
    /// A table of `entries` (distinct words, ASCII lower-cased, none empty).
    ///
    /// An error (never a panic: the words may be a user's gazetteer or aliases)
    /// when two words share a hash, or no table of up to 2^32 slots places them.
    fn new(entries: Vec<(Vec<u8>, FirstList)>) -> Result<FirstTable> {
        let count = entries.len().max(1);
        let mut slot_bits = (count * 2).next_power_of_two().trailing_zeros().max(4);
        let bucket_bits = (count / 2).next_power_of_two().trailing_zeros().max(2);
        let heads: Vec<u64> = entries.iter().map(|(word, _)| load_8(word, 0)).collect();
        // Two words of one hash would share a slot whatever the multiplier. Words
        // of up to eight bytes cannot (the hash of one block is a bijection);
        // longer ones do with a chance of one in 2^64 a pair.
        let mut hashes: Vec<(u64, usize)> = entries
            .iter()
            .enumerate()
            .map(|(i, (word, _))| (Self::hash(word), i))
            .collect();
        hashes.sort_unstable();
        if let Some(pair) = hashes.windows(2).find(|w| w[0].0 == w[1].0) {
            let word = |at: usize| String::from_utf8_lossy(&entries[pair[at].1].0).into_owned();
            return Err(Error::new(
                ErrorKind::Data,
                format!(
                    "the dictionary's first words {:?} and {:?} share a hash; \
                     spell one of them differently",
                    word(0),
                    word(1)
                ),
            ));
        }
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for attempt in 1.. {
            // More room after each sixteen multipliers that failed.
            if attempt % 16 == 0 {
                slot_bits += 1;
            }
            // Words of distinct hashes are placed long before this; a bound, not
            // a case that arises.
            if slot_bits + bucket_bits > 32 {
                break;
            }
            // splitmix64, odd: a new multiplier for each try.
            seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let multiplier = (z ^ (z >> 31)) | 1;
            let mut table = FirstTable {
                multiplier,
                bucket_shift: 64 - bucket_bits,
                slot_shift: 64 - bucket_bits - slot_bits,
                slot_mask: (1usize << slot_bits) - 1,
                displacements: vec![0u32; 1 << bucket_bits].into_boxed_slice(),
                slots: vec![Slot::default(); 1 << slot_bits].into_boxed_slice(),
                lists: Box::default(),
            };
            if table.place(&entries, &heads) {
                table.lists = entries
                    .into_iter()
                    .map(|(word, list)| (word.into_boxed_slice(), list))
                    .collect();
                return Ok(table);
            }
        }
        Err(Error::new(
            ErrorKind::Data,
            format!(
                "no table of the dictionary's {} first words could be built",
                entries.len()
            ),
        ))
    }

    /// Chooses the displacement of each bucket, fullest first, so that its words
    /// land on empty slots; false when two words of a bucket share a slot.
    fn place(&mut self, entries: &[(Vec<u8>, FirstList)], heads: &[u64]) -> bool {
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); self.displacements.len()];
        for (i, (word, _)) in entries.iter().enumerate() {
            buckets[self.bucket(FirstTable::hash(word))].push(i);
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
        for b in order {
            let words = &buckets[b];
            if words.is_empty() {
                break;
            }
            let bases: Vec<usize> = words
                .iter()
                .map(|&i| self.base(FirstTable::hash(&entries[i].0)))
                .collect();
            let fits = |d: usize, slots: &[Slot]| {
                bases.iter().enumerate().all(|(k, &base)| {
                    let at = base ^ d;
                    slots[at].head == 0 && !bases[..k].iter().any(|&other| other ^ d == at)
                })
            };
            let Some(d) = (0..=self.slot_mask).find(|&d| fits(d, &self.slots)) else {
                return false;
            };
            self.displacements[b] = u32::try_from(d).unwrap_or(u32::MAX);
            for (&i, &base) in words.iter().zip(&bases) {
                self.slots[base ^ d] = Slot {
                    head: heads[i],
                    tail: load_8(&entries[i].0, 8),
                    len: u32::try_from(entries[i].0.len()).unwrap_or(u32::MAX),
                    list: u32::try_from(i).unwrap_or(u32::MAX),
                };
            }
        }
        true
    }

    /// The hash of `word`, ASCII lower-cased, as a scan reading it by blocks has
    /// it ([`BlockHash`]), before [`FirstTable::bucket`] and [`FirstTable::base`]
    /// mix it.
    fn hash(word: &[u8]) -> u64 {
        BlockHash::of(word)
    }

    /// The bucket of a hash. The multiplier, chosen when the table is built,
    /// spreads the words of the table over buckets and slots; the hash alone
    /// could put two of them on one slot of one bucket.
    #[inline(always)]
    fn bucket(&self, hash: u64) -> usize {
        (hash.wrapping_mul(self.multiplier) >> self.bucket_shift) as usize
    }

    #[inline(always)]
    fn base(&self, hash: u64) -> usize {
        (hash.wrapping_mul(self.multiplier) >> self.slot_shift) as usize & self.slot_mask
    }

    /// The slot where the word of hash `hash` is if the table has it.
    #[inline(always)]
    fn slot(&self, hash: u64) -> Option<&Slot> {
        let d = *self.displacements.get(self.bucket(hash))?;
        self.slots.get(self.base(hash) ^ d as usize)
    }

    /// The list of the word of ASCII letters and digits at `at` in `text`, of
    /// length `len`, whose hash is `hash` and whose first two blocks (lowered,
    /// zeros past its end) are `head` and `tail`, if the table has it.
    #[inline(always)]
    fn find_read(
        &self,
        hash: u64,
        head: u64,
        tail: u64,
        len: usize,
        text: &str,
        at: usize,
    ) -> Option<&FirstList> {
        let slot = self.slot(hash)?;
        // The head tells nearly every word from the slot's; the tail and the
        // length, which follow, set apart the rest. The bytes of a word longer
        // than sixteen are compared one by one (few words are).
        if (slot.head == head) & (slot.tail == tail) & (slot.len as usize == len) {
            let (key, list) = self.lists.get(slot.list as usize)?;
            if len <= 16
                || text
                    .as_bytes()
                    .get(at..at + len)
                    .is_some_and(|word| key.eq_ignore_ascii_case(word))
            {
                return Some(list);
            }
        }
        None
    }

    /// The list of `word` (any bytes; ASCII letters in either case).
    fn find(&self, word: &[u8]) -> Option<&FirstList> {
        if word.is_empty() {
            return None;
        }
        let head = lower_ascii_8(load_8(word, 0));
        let slot = self.slot(FirstTable::hash(word))?;
        let (key, list) = self.lists.get(slot.list as usize)?;
        (slot.head == head && key.eq_ignore_ascii_case(word)).then_some(list)
    }
}

/// The patterns of one first word, arranged so that a lookup visits only those
/// that agree with the three bytes after the word in the text.
///
/// Some first words begin dozens of patterns ("the": "the attack", "the army",
/// ...), and walking all of them at every "the" of a text cost more than the rest
/// of the lookup; the three bytes after the first word set most of them apart.
#[derive(Debug, Default)]
struct FirstList {
    /// The pattern that is the first word alone, which matches wherever the word
    /// is found: most words of the table begin no other pattern.
    whole: Option<u32>,
    /// For a `whole` whose readings do not depend on the letter case (most of
    /// them): [`WHOLE_READ`], with bit 0 set when it has names and bit 1 when it
    /// has cue words; zero otherwise. Nearly a quarter of the words of a text
    /// are such patterns, and their layers are read here rather than from the
    /// pattern's [`Variants`].
    whole_layers: u8,
    /// Patterns that end less than three bytes after the first word ("K-P"): `next`
    /// holds only part of its key, so they are tried one by one.
    short: Box<[Candidate]>,
    /// The rest, sorted by [`next_bucket`] of `next`: those that agree with the
    /// text lie in the run of one bucket.
    long: Box<[Candidate]>,
    /// Bit [`next_bit`] of the `next` of every pattern of `long`. Most words of a
    /// text are followed by three bytes that no pattern of their list has (after
    /// "the", a space and a letter that begins none of its patterns); one test of
    /// a bit tells most of those apart without looking at the list.
    long_nexts: u64,
    /// Where the patterns of each [`next_bucket`] start in `long`, with the end
    /// of the last one after them; empty when `long` is. A binary search of the
    /// forty patterns of "the", the commonest word of a text, cost more than the
    /// rest of the lookup; and short lists are looked up by bucket too, since
    /// whether a list was walked whole or by buckets was one more branch that
    /// followed the words of the text.
    bucket_starts: Box<[u16]>,
}

/// The first three of the (up to) eight bytes after a first word, lowered (a
/// [`Candidate::head`] or the bytes of a text): the key of [`FirstList::long`].
#[inline(always)]
fn next_key(head: u64) -> u32 {
    (head & 0xff_ffff) as u32
}

/// The bit of [`FirstList::whole_layers`] that tells they are known.
const WHOLE_READ: u8 = 0x80;

/// The bucket (0 to 63) of three bytes after a first word: its bit in
/// [`FirstList::long_nexts`], its run in [`FirstList::bucket_starts`].
///
/// The bytes are taken with bit 0x20 set, which an ASCII letter has in lower
/// case: three bytes of a text have the bucket of their lowered selves, so the
/// scan lowers them only for the few words whose bucket holds patterns.
#[inline]
fn next_bucket(next: u32) -> usize {
    (((next | 0x20_2020).wrapping_mul(0x9E37_79B1)) >> 26) as usize
}

/// The bit of [`FirstList::long_nexts`] for three bytes after a first word.
#[inline]
fn next_bit(next: u32) -> u64 {
    1u64 << next_bucket(next)
}

impl FirstList {
    /// The list of the patterns of one first word; `whole_word` when the first
    /// word is read to its end by the scan before the list is looked at (not so
    /// for the patterns that begin with a mark).
    fn new(candidates: Vec<Candidate>, whole_word: bool) -> FirstList {
        let (mut short, mut long): (Vec<Candidate>, Vec<Candidate>) = candidates
            .into_iter()
            .partition(|c| c.next_mask() != FULL_MASK);
        long.sort_by_key(|c| (next_bucket(c.next()), c.next()));
        // Patterns are distinct, so at most one of a list is its first word alone.
        let whole = match short.iter().position(|c| c.next_mask() == 0) {
            Some(at) if whole_word => Some(short.remove(at).pattern),
            _ => None,
        };
        let long_nexts = long.iter().fold(0, |bits, c| bits | next_bit(c.next()));
        let bucket_starts = if long.is_empty() {
            Vec::new()
        } else {
            (0..=64)
                .map(|bucket| {
                    let at = long.partition_point(|c| next_bucket(c.next()) < bucket);
                    u16::try_from(at).unwrap_or(u16::MAX)
                })
                .collect()
        };
        FirstList {
            whole,
            whole_layers: 0,
            short: short.into_boxed_slice(),
            long: long.into_boxed_slice(),
            long_nexts,
            bucket_starts: bucket_starts.into_boxed_slice(),
        }
    }

    fn is_empty(&self) -> bool {
        self.whole.is_none() && self.short.is_empty() && self.long.is_empty()
    }

    /// Patterns of [`FirstList::long`] among which are all those whose three bytes
    /// after the first word are `next`, lowered or as the text has them; the
    /// others are for the caller to pass over.
    #[inline]
    fn run_of(&self, next: u32) -> &[Candidate] {
        let bucket = next_bucket(next);
        if self.long_nexts & (1 << bucket) == 0 {
            return &[];
        }
        let (Some(&from), Some(&to)) = (
            self.bucket_starts.get(bucket),
            self.bucket_starts.get(bucket + 1),
        ) else {
            return &self.long;
        };
        self.long
            .get(usize::from(from)..usize::from(to))
            .unwrap_or_default()
    }

    /// Every candidate that agrees with `next`, as a walk over all of them would
    /// find them (in another order); for tests.
    #[cfg(test)]
    fn agreeing(&self, next: u32) -> Vec<u32> {
        let mut found: Vec<u32> = self
            .short
            .iter()
            .filter(|c| next & c.next_mask() == c.next())
            .chain(self.run_of(next).iter().filter(|c| c.next() == next))
            .map(|c| c.pattern)
            .chain(self.whole)
            .collect();
        found.sort_unstable();
        found
    }
}

/// [`Candidate::next_mask`] of a pattern that has three bytes after its first word.
const FULL_MASK: u32 = 0xff_ffff;

/// How many bytes after the first word a [`Candidate`] carries in its head.
const HEAD_BYTES: usize = 8;

/// A pattern in the list of its first word, with the (up to) eight bytes that
/// follow the first word: most patterns of a list part from the text there, and
/// are passed over with one comparison of two integers, without a look at the
/// pattern itself ("the attack", "the army" and "the authorities" all agree with
/// "the a"; eight bytes set them apart).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Index of the pattern (the lexicon has far fewer than 2^32).
    pattern: u32,
    /// The pattern's length in bytes.
    len: u32,
    /// The (up to) eight lower-cased bytes after the first word, little-endian,
    /// as [`load_8`] reads them from the text.
    head: u64,
    /// Which bytes of `head` the pattern has (0xff for each).
    head_mask: u64,
}

impl Candidate {
    fn new(pattern: usize, lowered: &[u8], known: usize) -> Candidate {
        let after = lowered.get(known..).unwrap_or_default();
        let kept = after.len().min(HEAD_BYTES);
        let head_mask = if kept == HEAD_BYTES {
            u64::MAX
        } else {
            (1u64 << (8 * kept)) - 1
        };
        Candidate {
            pattern: u32::try_from(pattern).unwrap_or(u32::MAX),
            len: u32::try_from(lowered.len()).unwrap_or(u32::MAX),
            head: load_8(lowered, known) & head_mask,
            head_mask,
        }
    }

    /// The three bytes after the first word, the key of [`FirstList::long`].
    fn next(&self) -> u32 {
        next_key(self.head)
    }

    /// Which bytes of [`Candidate::next`] the pattern has.
    fn next_mask(&self) -> u32 {
        next_key(self.head_mask)
    }

    /// Whether the bytes after the first word in the text (`head`, from
    /// [`load_8`] and [`lower_ascii_8`]) agree with those the pattern has.
    #[inline]
    fn agrees(&self, head: u64) -> bool {
        head & self.head_mask == self.head
    }
}

impl FirstWords {
    fn new<'p>(patterns: impl Iterator<Item = &'p str>) -> Result<FirstWords> {
        let mut mark_first = Vec::new();
        let mut lists: Vec<(Vec<u8>, Vec<Candidate>)> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        for (pattern, written) in patterns.enumerate() {
            let end = written
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(written.len(), |(i, _)| i);
            let lowered = written.to_ascii_lowercase().into_bytes();
            let candidate = Candidate::new(pattern, &lowered, end);
            if end == 0 {
                mark_first.push(candidate);
                continue;
            }
            let key = lowered[..end].to_vec();
            let slot = *index.entry(key.clone()).or_insert_with(|| {
                lists.push((key, Vec::new()));
                lists.len() - 1
            });
            lists[slot].1.push(candidate);
        }
        Ok(FirstWords {
            words: FirstTable::new(
                lists
                    .into_iter()
                    .map(|(word, list)| (word, FirstList::new(list, true)))
                    .collect(),
            )?,
            mark_first: FirstList::new(mark_first, false),
        })
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
        "nationwide" => Cue::Nationwide,
        "thing" => Cue::Thing,
        "revision" => Cue::Revision,
        "background" => Cue::Background,
        "superseded" => Cue::Superseded,
        "home" => Cue::Home,
        _ => return None,
    })
}

/// Keeps, among overlapping matches, the one that starts first and, of those, the longest.
///
/// The scan finds matches word by word, left to right, so `matches` come in the
/// order of their starts already; only the longest of each start is to be chosen,
/// which one walk does without sorting (of equally long ones, the first found, as
/// a stable sort would leave it).
#[cfg(test)]
fn leftmost_longest(mut matches: Vec<Hit>) -> Vec<Hit> {
    debug_assert!(matches.windows(2).all(|w| w[0].start <= w[1].start));
    let mut kept = 0;
    let mut covered_to = 0;
    let mut i = 0;
    while i < matches.len() {
        let start = matches[i].start;
        let mut longest = i;
        let mut j = i + 1;
        while j < matches.len() && matches[j].start == start {
            if matches[j].end > matches[longest].end {
                longest = j;
            }
            j += 1;
        }
        if start >= covered_to {
            covered_to = matches[longest].end;
            matches[kept] = matches[longest];
            kept += 1;
        }
        i = j;
    }
    matches.truncate(kept);
    matches
}

/// The matches of both layers in one list ordered by start and, at one start, the
/// longer first; a name before a cue of the same span. Each layer comes ordered by
/// start with one match a start, so this is a merge (`true` marks a cue): the
/// order that [`Lexicon::settle`] keeps matches in as the scan finds them; for tests.
#[cfg(test)]
fn merge_layers<'h>(names: &'h [Hit], cues: &'h [Hit]) -> impl Iterator<Item = (Hit, bool)> + 'h {
    let key = |h: &Hit| (h.start, std::cmp::Reverse(h.end));
    let (mut names, mut cues) = (names.iter().peekable(), cues.iter().peekable());
    std::iter::from_fn(move || {
        let take_name = match (names.peek(), cues.peek()) {
            (Some(name), Some(cue)) => key(name) <= key(cue),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if take_name {
            names.next().map(|&hit| (hit, false))
        } else {
            cues.next().map(|&hit| (hit, true))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lexicon() -> Lexicon {
        let gazetteer = Gazetteer::load(&[]).expect("the gazetteer loads");
        let actors = ActorRegistry::load(&[]).expect("the actors load");
        Lexicon::build(&gazetteer, &actors).expect("the lexicon builds")
    }

    /// The bundled lexicon with places of names of `extra` ("Name" or "Name/cap"):
    /// names that the bundled data lacks, such as names with letters outside
    /// ASCII, longer words, or names that begin with a mark.
    fn lexicon_with(extra: &[&str]) -> Lexicon {
        let mut tsv = String::from("id\tkind\tname\tparent\tlat\tlon\taliases\tmatch\tsource\n");
        for (i, name) in extra.iter().enumerate() {
            let (name, rule) = name.split_once('/').unwrap_or((name, "any"));
            tsv.push_str(&format!("TEST.{i}\ttown\t{name}\t\t\t\t\t{rule}\ttest\n"));
        }
        let gazetteer = Gazetteer::load(&[tsv]).expect("the gazetteer loads");
        let actors = ActorRegistry::load(&[]).expect("the actors load");
        Lexicon::build(&gazetteer, &actors).expect("the lexicon builds")
    }

    /// Names outside ASCII, in either case, and longer than eight bytes and
    /// than sixteen, beside the bundled ones.
    const WIDER_NAMES: [&str; 5] = [
        "Bājaur Kot",
        "Ünal Town/cap",
        "Kotély",
        "Swatkhwarazmiadministrations",
        "Longwordname Bazaar",
    ];

    /// Pieces of text that random texts are made of: words that begin patterns
    /// and words that do not, in several cases, and what may stand between them.
    const PIECES: [&str; 40] = [
        "the",
        "The",
        "THE",
        " ",
        "  ",
        ",",
        ".",
        "attack",
        "army",
        "killed",
        "Kabul",
        "\u{2019}s",
        "'s",
        "B\u{101}jaur",
        "b\u{100}JAUR",
        " Kot",
        "\u{e9}",
        "\u{dc}nal",
        "\u{fc}nal",
        " Town",
        "Pakistani",
        "Taliban",
        "12",
        "x",
        "SWATKHWARAZMIADMINISTRATIONS",
        "swatkhwarazmiadministrationsx",
        "-",
        "\u{2003}",
        "\u{fb01}",
        "police",
        "said",
        "in",
        "of",
        "a",
        "station",
        "(AFP)",
        "(afp)",
        "Longwordname",
        " bazaar",
        "Kot\u{e9}ly",
    ];

    fn texts_of_pieces() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..PIECES.len(), 0..40)
            .prop_map(|picks| picks.into_iter().map(|i| PIECES[i]).collect())
    }

    proptest! {
        /// Words read eight bytes at a time, and words outside ASCII read by
        /// characters, find what trying every pattern at every word boundary finds.
        #[test]
        fn the_scan_by_blocks_finds_what_trying_every_pattern_finds(text in texts_of_pieces()) {
            static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
            let lexicon = LEXICON.get_or_init(|| lexicon_with(&WIDER_NAMES));
            prop_assert!(lexicon.first_words.mark_first.is_empty());
            prop_assert_eq!(lexicon.scan(&text), naive_scan(lexicon, &text));
        }

        /// With a pattern that begins with a mark, the scan reads byte by byte
        /// and still finds what trying every pattern finds; the block scan, where
        /// it applies, finds the same hits as the byte scan.
        #[test]
        fn the_scan_by_bytes_finds_what_trying_every_pattern_finds(text in texts_of_pieces()) {
            static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
            let marked = LEXICON.get_or_init(|| {
                let mut names = WIDER_NAMES.to_vec();
                names.push("(AFP)");
                lexicon_with(&names)
            });
            prop_assert!(!marked.first_words.mark_first.is_empty());
            prop_assert_eq!(marked.scan(&text), naive_scan(marked, &text));
            static PLAIN: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
            let plain = PLAIN.get_or_init(|| lexicon_with(&WIDER_NAMES));
            let mut by_blocks = Hits::with_capacity(0);
            plain.find_hits(&text, &mut by_blocks);
            let mut by_bytes = Hits::with_capacity(0);
            plain.find_hits_by_bytes(&text, &mut by_bytes);
            prop_assert_eq!(by_blocks.matches, by_bytes.matches);
        }
    }

    /// What the scan must find, found the slow way: every pattern tried at every
    /// word boundary, in pattern order, and the longest of each layer chosen
    /// after, across the whole text ([`leftmost_longest`], [`merge_layers`]).
    fn naive_scan<'l>(lexicon: &'l Lexicon, text: &str) -> Vec<LexMatch<'l>> {
        let mut hits = Hits::with_capacity(0);
        let (mut names, mut cues) = (Vec::new(), Vec::new());
        let bytes = text.as_bytes();
        let mut before: Option<char> = None;
        for (start, c) in text.char_indices() {
            let boundary = !before.is_some_and(char::is_alphanumeric);
            before = Some(c);
            if !boundary {
                continue;
            }
            for (pattern, variants) in lexicon.variants.iter().enumerate() {
                let end = start + variants.lowered.len();
                let same = bytes
                    .get(start..end)
                    .is_some_and(|here| here.eq_ignore_ascii_case(&variants.lowered));
                if same && text.is_char_boundary(end) && ends_word(text, end) {
                    lexicon.push_hit(text, start, end, pattern, &mut hits);
                    // Every match of each layer, which `Layer::offer` narrows
                    // to the longest.
                    names.extend(hits.names.settle(start));
                    cues.extend(hits.cues.settle(start));
                    hits.names.kept_to = 0;
                    hits.cues.kept_to = 0;
                }
            }
        }
        let (names, cues) = (leftmost_longest(names), leftmost_longest(cues));
        let mut matches = Vec::new();
        for (hit, of_cues) in merge_layers(&names, &cues) {
            lexicon.keep(Some(hit), of_cues, &mut matches);
        }
        matches
    }

    #[test]
    fn the_scan_finds_what_trying_every_pattern_finds() {
        let lexicon = lexicon();
        let mut texts: Vec<String> = crate::sample_texts::sample_articles()
            .into_iter()
            .take(6)
            .collect();
        texts.push(
            "The attack in Kabul’s north: the army said THE ATTACKERS (AFP) were \
             killed; U.S. drone strike, No. 5, ﬁve ÉTAT the"
                .to_string(),
        );
        assert!(texts.len() > 1);
        for text in &texts {
            assert_eq!(lexicon.scan(text), naive_scan(&lexicon, text));
        }
    }

    #[test]
    fn at_one_start_the_longer_match_comes_first_and_a_name_before_a_cue_word_as_long() {
        let lexicon = lexicon();
        let settled = |name_end: usize, cue_end: usize| {
            let mut hits = Hits::with_capacity(0);
            hits.names.offer(name_end, 0, 0);
            hits.cues.offer(cue_end, 1, 0);
            lexicon.settle(3, &mut hits);
            hits.matches
        };
        let kept = |end: usize, pattern: usize, of_cues: bool| {
            let mut matches = Vec::new();
            let hit = Hit {
                start: 3,
                end,
                pattern,
                variant: 0,
            };
            lexicon.keep(Some(hit), of_cues, &mut matches);
            matches.remove(0)
        };
        assert_eq!(settled(7, 9), [kept(9, 1, true), kept(7, 0, false)]);
        assert_eq!(settled(9, 7), [kept(9, 0, false), kept(7, 1, true)]);
        assert_eq!(settled(8, 8), [kept(8, 0, false), kept(8, 1, true)]);
        // A match inside the last one kept of its layer is dropped; the other
        // layer's is kept.
        let mut hits = Hits::with_capacity(0);
        hits.names.kept_to = 4;
        hits.names.offer(9, 0, 0);
        hits.cues.offer(7, 1, 0);
        lexicon.settle(3, &mut hits);
        assert_eq!(hits.matches, [kept(7, 1, true)]);
        assert_eq!((hits.names.end, hits.cues.end), (0, 0));
    }

    /// The list of `word` found by walking every list of the table.
    fn list_by_walk<'t>(table: &'t FirstTable, word: &[u8]) -> Option<&'t FirstList> {
        table
            .lists
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(word))
            .map(|(_, list)| list)
    }

    #[test]
    fn the_first_word_table_finds_each_of_its_words_in_any_case() {
        let lexicon = lexicon_with(&WIDER_NAMES);
        let table = &lexicon.first_words.words;
        assert!(table.lists.len() > 100);
        for (key, list) in table.lists.iter() {
            let upper = key.to_ascii_uppercase();
            for word in [&key[..], &upper[..]] {
                assert!(std::ptr::eq(table.find(word).expect("found"), list));
            }
        }
    }

    proptest! {
        /// A word read as the scan reads it is found in the table exactly when
        /// a walk over every word of the table finds it, and the scan goes on to
        /// the next word where reading byte by byte would.
        #[test]
        fn the_first_word_table_finds_what_a_walk_finds(
            word in "[a-zA-Z0-9]{1,20}",
            known in 0usize..400,
            upper in any::<bool>(),
            after in "([ ,.\\-\u{e9}\u{2019}][ ,.\\-a-z\u{e9}\u{2019}]{0,10})?",
        ) {
            static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
            let lexicon = LEXICON.get_or_init(|| lexicon_with(&WIDER_NAMES));
            let table = &lexicon.first_words.words;
            // Most words are words of the table, in either case.
            let word = match table.lists.get(known) {
                Some((key, _)) if key.iter().all(u8::is_ascii_alphanumeric) => {
                    let key = String::from_utf8(key.to_vec()).expect("ASCII");
                    if upper { key.to_ascii_uppercase() } else { key }
                }
                _ => word,
            };
            let text = format!("{word}{after}");
            let bytes = text.as_bytes();
            let read = AsciiWord::read(bytes, 0);
            prop_assert_eq!(read.end, word.len());
            let walked = list_by_walk(table, word.as_bytes()).map(|l| l as *const FirstList);
            let found = table.find_read(read.hash, read.first, read.second, read.end, &text, 0);
            prop_assert_eq!(found.map(|l| l as *const FirstList), walked);
            let found = table.find(word.as_bytes());
            prop_assert_eq!(found.map(|l| l as *const FirstList), walked);
            prop_assert_eq!(
                read.outside & 0x80 != 0,
                bytes.get(read.end).is_some_and(|b| !b.is_ascii())
            );
            let next = read.stops & read.stops.wrapping_neg();
            if next & !read.outside != 0 {
                let at = read.end + (next.trailing_zeros() / 8) as usize;
                prop_assert!(bytes[at].is_ascii_alphanumeric());
                let between = &bytes[read.end..at];
                prop_assert!(between.iter().all(|b| b.is_ascii() && !b.is_ascii_alphanumeric()));
            }
        }
    }

    /// Words of one hash share a slot under any multiplier: building the table
    /// says so and names them, where it could have looped or panicked. (The same
    /// word twice is the one way to make two hashes equal on purpose.)
    #[test]
    fn first_words_of_one_hash_are_an_error_that_names_them() {
        let entries = vec![
            (b"khyberpakhtunkhwa".to_vec(), FirstList::default()),
            (b"bannu".to_vec(), FirstList::default()),
            (b"khyberpakhtunkhwa".to_vec(), FirstList::default()),
        ];
        let err = FirstTable::new(entries).expect_err("one hash twice");
        assert!(err.to_string().contains("\"khyberpakhtunkhwa\""), "{err}");
    }

    #[test]
    fn a_first_word_table_of_many_words_finds_each_of_them() {
        let words: Vec<Vec<u8>> = (0..40_000)
            .map(|i| format!("w{i}x{}", "y".repeat(i % 20)).into_bytes())
            .collect();
        let table = FirstTable::new(
            words
                .iter()
                .map(|w| (w.clone(), FirstList::default()))
                .collect(),
        )
        .expect("the table builds");
        for (i, word) in words.iter().enumerate() {
            let found = table.find(word).expect("found");
            assert!(std::ptr::eq(found, &table.lists[i].1));
        }
        assert!(table.find(b"w40000x").is_none());
    }

    #[test]
    fn has_cue_answers_as_a_look_at_every_reading_does() {
        let lexicon = lexicon();
        let every_cue: Vec<Cue> = lexicon
            .patterns
            .iter()
            .flat_map(|(_, readings)| readings.iter())
            .filter_map(|r| match r.term {
                Term::Cue(cue) => Some(cue),
                _ => None,
            })
            .collect();
        let text = "Early reports said militants killed two policemen and injured a \
                    resident of Bannu in the attack, according to the ISPR; the \
                    Pakistani Taliban claimed responsibility, police said.";
        let found = lexicon.scan(text);
        assert!(found.iter().any(|m| m.cue_kinds != 0));
        for m in &found {
            for &cue in &every_cue {
                let slow = m.terms.contains(&Term::Cue(cue));
                assert_eq!(m.has_cue(cue), slow, "{cue:?} at {}", &text[m.start..m.end]);
            }
        }
    }

    #[test]
    fn a_candidate_agrees_with_the_bytes_after_its_first_word_in_any_case() {
        let attack = Candidate::new(0, b"the attack", 3);
        let at = |text: &[u8]| attack.agrees(lower_ascii_8(load_8(text, 3)));
        assert!(at(b"The Attack on"));
        assert!(at(b"the attackers"), "the word boundary is checked later");
        assert!(!at(b"the army"));
        assert!(
            !at(b"the atta"),
            "a pattern longer than the text never agrees"
        );
        let long = Candidate::new(1, b"the attack on the", 3);
        assert_eq!(long.head_mask, u64::MAX);
        assert!(long.agrees(lower_ascii_8(load_8(b"THE ATTACK ONWARDS", 3))));
    }

    #[test]
    fn a_word_block_is_the_leading_letters_and_digits_lowered() {
        let lowered = |word: &[u8]| load_8(word, 0);
        let word_block = |block| {
            let (kept, run, _) = word_block(block);
            (kept, run)
        };
        assert_eq!(word_block(load_8(b"The army", 0)), (lowered(b"the"), 3));
        assert_eq!(
            word_block(load_8(b"KILLED12", 0)),
            (lowered(b"killed12"), 8)
        );
        assert_eq!(word_block(load_8(b"@[`{ Swat", 0)), (0, 0));
        assert_eq!(
            word_block(load_8("Bājaur".as_bytes(), 0)),
            (lowered(b"b"), 1)
        );
        assert_eq!(word_block(load_8(b"up", 0)), (lowered(b"up"), 2));
    }

    proptest! {
        /// Three bytes as a text has them fall in the bucket of their lowered
        /// selves, whatever the bytes.
        #[test]
        fn bytes_after_a_word_have_the_bucket_of_their_lower_case(bytes in any::<u64>()) {
            let next = next_key(bytes);
            prop_assert_eq!(next_bucket(next), next_bucket(next_key(lower_ascii_8(bytes))));
        }

        /// Matches kept one by one as the scan finds them are those that
        /// choosing among all of them afterwards keeps.
        #[test]
        fn keeping_as_found_is_choosing_after(
            spans in proptest::collection::vec((0usize..30, 1usize..8), 0..40),
        ) {
            let mut found: Vec<Hit> = spans
                .iter()
                .enumerate()
                .map(|(pattern, &(start, len))| Hit { start, end: start + len, pattern, variant: 0 })
                .collect();
            found.sort_by_key(|h| h.start);
            let mut layer = Layer::default();
            let mut kept = Vec::new();
            for (at, &hit) in found.iter().enumerate() {
                layer.offer(hit.end, hit.pattern, hit.variant);
                // The scan settles a start when it has found every match there.
                if found.get(at + 1).is_none_or(|next| next.start != hit.start) {
                    kept.extend(layer.settle(hit.start));
                }
            }
            let key = |h: &Hit| (h.start, h.end, h.pattern);
            let chosen: Vec<_> = leftmost_longest(found).iter().map(key).collect();
            prop_assert_eq!(kept.iter().map(key).collect::<Vec<_>>(), chosen);
        }

        /// Eight bytes at once give the leading letters and digits that reading
        /// them one by one gives, and which bytes are letters or digits,
        /// whatever the bytes.
        #[test]
        fn a_word_block_is_what_reading_byte_by_byte_gives(
            bytes in proptest::array::uniform8(any::<u8>()),
        ) {
            let run = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let mut word = [0u8; 8];
            for (to, from) in word.iter_mut().zip(&bytes[..run]) {
                *to = from.to_ascii_lowercase();
            }
            let (kept, got, word_bytes) = word_block(u64::from_le_bytes(bytes));
            prop_assert_eq!((kept, got), (u64::from_le_bytes(word), run));
            let letters_and_digits = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_alphanumeric())
                .fold(0u64, |bits, (i, _)| bits | (0x80 << (8 * i)));
            prop_assert_eq!(word_bytes, letters_and_digits);
        }

        /// A candidate agrees with a text exactly when the text's bytes after the
        /// first word, lowered, are the pattern's, as far as either goes (eight at most).
        #[test]
        fn agreeing_is_comparing_the_bytes_one_by_one(
            tail in "[aAbB. ]{0,10}",
            text in "[aAbB. \u{e9}]{0,12}",
        ) {
            let pattern = format!("w{}", tail.to_ascii_lowercase());
            let candidate = Candidate::new(0, pattern.as_bytes(), 1);
            let written = format!("W{text}");
            let head = lower_ascii_8(load_8(written.as_bytes(), 1));
            let want = pattern.as_bytes()[1..]
                .iter()
                .take(HEAD_BYTES)
                .enumerate()
                .all(|(i, p)| written.as_bytes().get(1 + i).map(u8::to_ascii_lowercase) == Some(*p));
            prop_assert_eq!(candidate.agrees(head), want);
        }

        /// The candidates a list gives for three bytes are those a walk over all
        /// of them, filtering by the bytes the pattern has, would give.
        #[test]
        fn a_first_list_gives_what_a_walk_gives(
            tails in proptest::collection::vec("[ab. ]{0,4}", 0..40),
            first in 0usize..5,
            second in 0usize..5,
            third in 0usize..5,
        ) {
            let candidates: Vec<Candidate> = tails
                .iter()
                .enumerate()
                .map(|(i, tail)| Candidate::new(i, format!("w{tail}").as_bytes(), 1))
                .collect();
            let list = FirstList::new(candidates.clone(), true);
            let bytes = [0u8, b'a', b'b', b'.', b' '];
            let next = u32::from(bytes[first])
                | (u32::from(bytes[second]) << 8)
                | (u32::from(bytes[third]) << 16);
            let mut walked: Vec<u32> = candidates
                .iter()
                .filter(|c| next & c.next_mask() == c.next())
                .map(|c| c.pattern)
                .collect();
            walked.sort_unstable();
            prop_assert_eq!(list.agreeing(next), walked);
        }
    }
}
