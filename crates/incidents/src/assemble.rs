//! Assembly: from sentences, dictionary matches, numbers and dates to incidents,
//! casualty claims and statistics.
//!
//! The reading follows how a careful analyst reads a report:
//!
//! 1. Each sentence is classed: an event told (a casualty claim, or a word of
//!    violence with a place or a date), an aggregate figure (a period, a
//!    percentage, "a total of"), a responsibility claim, or nothing (threats,
//!    plans, meetings, disasters, background).
//! 2. Casualty claims bind a number to the people it counts ("three terrorists")
//!    and to what happened to them ("were killed"), and to who says so ("the
//!    ISPR said").
//! 3. Sentences that tell the same event ("the strikes", the same district, no
//!    "in a separate incident") are merged into one incident; each statement
//!    about it is an account of its own.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::actors::ActorKind;
use crate::clean::clean;
use crate::dates::{self, DateMention, ReferenceDate};
use crate::extractor::{Article, Extractor};
use crate::lexicon::{Cue, LexMatch, SpeakerSide, Term};
use crate::model::{
    CasualtyRow, DatePrecision, DocumentRow, EventType, Extraction, IncidentRow, Measure, Outcome,
    PublishedFrom, PublishedPrecision, Qualifier, StatisticRow, Status, Unit, Victim, Vocabulary,
};
use crate::numbers::{self, NumberKind, NumberMention};
use crate::places::{Location, PlaceKind};
use crate::segment::{split_sentences, Sentence};
use crate::text::{
    contains_ignore_ascii_case, floor_boundary, hex_id, lower, rfind_ignore_ascii_case,
    stable_hash, starts_with_ignore_ascii_case, strip_suffix_ignore_ascii_case, word_after,
    word_before, CharOffsets, FastSet, Lowered, PhraseOccurrences, PhraseSet, HIGHS, ONES,
};

/// Reads one document (already cut to the extractor's size limit).
pub(crate) fn extract_document(extractor: &Extractor, article: &Article, text: &str) -> Extraction {
    let cleaned = clean(text);
    let mut warnings = article.input_warnings.clone();
    // Most reports are ASCII throughout, which one quick test tells: a character a byte.
    let ascii = article.text.is_ascii();
    let chars = if ascii {
        article.text.len()
    } else {
        article.text.chars().count()
    };
    let chars = u32::try_from(chars).unwrap_or(u32::MAX);
    let title = cleaned.title.clone().map(|range| text[range].to_string());

    let (reference, published_from) = match article.published {
        Some(date) => (
            Some(ReferenceDate {
                date,
                precision: PublishedPrecision::Day,
            }),
            PublishedFrom::Given,
        ),
        None => match dates::find_reference_date(text) {
            Some(found) => (Some(found), PublishedFrom::Text),
            None => (None, PublishedFrom::None),
        },
    };

    let mut document = DocumentRow {
        doc_id: article.doc_id.clone(),
        title,
        published: reference.map(|r| r.date),
        published_precision: reference.map_or(PublishedPrecision::Unknown, |r| r.precision),
        published_from,
        chars,
        n_incidents: 0,
        n_statistics: 0,
        status: Status::Ok,
        warnings: Vec::new(),
    };

    if cleaned.lines.is_empty() {
        document.status = Status::Empty;
        warnings.push(if text.trim().is_empty() {
            "no text".to_string()
        } else {
            "no article text: only a headline or web clutter".to_string()
        });
        document.warnings = warnings;
        return Extraction {
            document,
            incidents: Vec::new(),
            casualties: Vec::new(),
            statistics: Vec::new(),
        };
    }
    // A NUL byte is the character NUL and nothing else in UTF-8: `memchr` finds it
    // faster than a search for the character.
    if memchr::memchr(0, text.as_bytes()).is_some() {
        warnings.push("NUL bytes in text".to_string());
    }

    let matches = extractor.lexicon.scan(text);
    // What the whole text says, whichever lines are read below.
    let DocumentReadings {
        province_votes: votes,
        register_speaker,
        home_phrases,
    } = DocumentReadings::of(extractor, &matches);
    let read = |lines: &[Range<usize>], known: Vec<SentenceNumbers>, keep: bool| {
        let sentences = split_sentences(text, lines);
        let reader = Reader {
            extractor,
            text,
            doc_id: &article.doc_id,
            sentences: &sentences,
            matches: &matches,
            reference,
            datelines: &cleaned.datelines,
            province_votes: &votes,
            document_place: std::cell::OnceCell::new(),
            register_speaker: register_speaker.clone(),
            home_phrases: &home_phrases,
            // The text read is a prefix of the article's.
            ascii,
        };
        reader.read(known, keep)
    };
    // With a headline, which may be read after the body (see below), the body's
    // numbers are kept for that second reading, which splits the body into the
    // same sentences.
    let (mut output, body_numbers) = read(&cleaned.lines, Vec::new(), cleaned.title.is_some());
    // The body tells the story and the headline repeats it, so the headline is read
    // only when the body gives no incident at all and the headline names a killing,
    // a wounding or an abduction ("Militants abduct 16 workers in Lakki
    // Marwat" over a body that goes on about the project they worked on).
    if output.incidents.is_empty() {
        if let Some(title) = cleaned.title.clone() {
            if headline_tells_of_violence(&matches, &title) {
                let mut lines = Vec::with_capacity(cleaned.lines.len() + 1);
                lines.push(title);
                lines.extend(cleaned.lines.iter().cloned());
                let (with_title, _) = read(&lines, body_numbers, false);
                // A headline has no room for the context that tells a quake or a
                // flood from an attack: an incident of no known kind is not taken
                // from it.
                let violent = with_title
                    .incidents
                    .iter()
                    .any(|i| i.event_type != EventType::Other);
                if violent {
                    output = with_title;
                }
            }
        }
    }
    if reference.is_none() && output.unresolved_relative_dates {
        warnings.push("no reference date: relative dates left unresolved".to_string());
    }
    document.n_incidents = u32::try_from(output.incidents.len()).unwrap_or(u32::MAX);
    document.n_statistics = u32::try_from(output.statistics.len()).unwrap_or(u32::MAX);
    document.warnings = warnings;
    Extraction {
        document,
        incidents: std::mem::take(&mut output.incidents),
        casualties: std::mem::take(&mut output.casualties),
        statistics: std::mem::take(&mut output.statistics),
    }
}

/// Whether the words of a headline (`title`, a byte range of the text) include a
/// verb of killing, wounding or abduction. An event word alone is not enough: a
/// headline about plans ("committee approves operation") has one.
fn headline_tells_of_violence(matches: &[LexMatch], title: &Range<usize>) -> bool {
    matches
        .iter()
        .filter(|m| m.start >= title.start && m.end <= title.end)
        .flat_map(|m| m.terms.iter())
        .any(|t| matches!(t, Term::Cue(Cue::Kill | Cue::Wound | Cue::Abduct)))
}

struct Reader<'a> {
    extractor: &'a Extractor,
    text: &'a str,
    doc_id: &'a str,
    sentences: &'a [Sentence],
    matches: &'a [LexMatch<'a>],
    reference: Option<ReferenceDate>,
    datelines: &'a [std::ops::Range<usize>],
    /// Provinces named by unambiguous place mentions, with how often: the tie-breaker
    /// for a name with several readings (Khost in Afghanistan or in Harnai).
    province_votes: &'a [(usize, u32)],
    /// Where the document as a whole is, for incidents whose own sentences name no place.
    document_place: std::cell::OnceCell<Option<usize>>,
    /// The speaker whose own words the document uses ("own troops", "sent to hell" are
    /// the ISPR's), for claims that no sentence attributes.
    register_speaker: Option<Speaker>,
    /// Where the words that give a person's home ("resident of", "hailing from")
    /// occur: asked of the stretch before every place name.
    home_phrases: &'a PhraseOccurrences,
    /// Whether the text is ASCII throughout: its character offsets are then its byte
    /// offsets, and the characters before an incident's span are not counted.
    ascii: bool,
}

/// How many sentences around a sentence are searched for its speaker or its place.
const SPEAKER_WINDOW: usize = 8;

/// An incident told over more sentences than this is not one incident: the text is
/// a list or a run-on scrape, and keeping drafts small keeps the reading linear.
const MAX_SENTENCES_PER_INCIDENT: usize = 40;

/// The region a figure "across the country" covers: the project reads the press of Pakistan.
const NATIONWIDE_REGION: &str = "Pakistan";

#[derive(Default)]
struct Output {
    incidents: Vec<IncidentRow>,
    casualties: Vec<CasualtyRow>,
    statistics: Vec<StatisticRow>,
    unresolved_relative_dates: bool,
}

/// What one sentence says, before sentences are grouped into incidents.
struct SentenceFacts<'a> {
    index: usize,
    start: usize,
    end: usize,
    paragraph: usize,
    matches: &'a [LexMatch<'a>],
    /// The index among `matches` of the first with an actor or a place reading
    /// (the number of matches when none has one): the questions about actors
    /// ("who did it", "who was hit"), asked of a sentence for every incident it
    /// tells of, pass over the matches before it.
    first_named: usize,
    /// The kinds of the readings of all its matches ([`match_kinds`]): whether the
    /// sentence has a cue of a kind with no fields is asked of it, not of each match.
    kinds: u32,
    numbers: Vec<NumberMention>,
    dates: Vec<DateMention>,
    events: Vec<(usize, EventType, bool)>,
    /// Events named only as the time or cause of the one told ("hours after
    /// Tuesday's airstrikes"), taken out of `events`.
    background: Vec<(usize, EventType, bool)>,
    claims: Vec<Claim>,
    speakers: Vec<Speaker>,
    places: Vec<usize>,
    irrealis: bool,
    nonviolent: bool,
    separate: bool,
    aggregate: bool,
    responsibility: bool,
    negation: bool,
}

#[derive(Debug, Clone)]
struct Claim {
    victim: Victim,
    outcome: Outcome,
    count: Option<u32>,
    qualifier: Qualifier,
    low: Option<u32>,
    high: Option<u32>,
    /// Byte offset of the number (or of "a"/"an").
    at: usize,
    claimant: Option<Speaker>,
    /// "four other people", "three more soldiers": people besides those counted
    /// before, so the claim adds to the account told just before it.
    additional: bool,
}

impl Claim {
    /// One person, stated as such ("a soldier", "Noor and his guard", "killed
    /// Commander X"), with no claimant yet.
    fn one(victim: Victim, outcome: Outcome, at: usize) -> Claim {
        Claim::exact(victim, outcome, 1, at)
    }

    /// An exact count made up by the reader from people told one by one ("Captain A
    /// and Sepoy B were martyred" is 2), with no claimant yet.
    fn exact(victim: Victim, outcome: Outcome, count: u32, at: usize) -> Claim {
        Claim {
            victim,
            outcome,
            count: Some(count),
            qualifier: Qualifier::Exact,
            low: None,
            high: None,
            at,
            claimant: None,
            additional: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Speaker {
    actor: usize,
    text_start: usize,
    text_end: usize,
    cue_at: usize,
}

struct IncidentDraft {
    event_type: EventType,
    /// The kind was read from who was killed, not from a word for the event, so the
    /// first word for it told later names it ("... killing 12 of them. A soldier was
    /// martyred in the exchange of fire").
    type_inferred: bool,
    sentences: Vec<usize>,
    /// Sentences that told the event (not those that only referred back to it).
    core: Vec<usize>,
    claims: Vec<(u32, Claim, usize)>,
    places: Vec<usize>,
    date: Option<DateMention>,
    perpetrator: Option<(String, usize, usize)>,
    target: Option<(String, Option<(usize, usize)>)>,
}

const FILLER_AFTER_NOUN: &[&str] = &[
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "being",
    "are",
    "is",
    "also",
    "reportedly",
    "allegedly",
    "reported",
    "thought",
    "possibly",
    "later",
    "all",
    "who",
    "each",
    "both",
    "were",
    "got",
    "left",
    "lay",
    "lie",
    "confirmed",
    "feared",
    "believed",
    "said",
    "to",
    "be",
    "then",
    "in",
    "the",
    "attack",
    "blast",
    "later",
    "subsequently",
    "instantly",
    "immediately",
    "on",
    "spot",
];

/// The words before a name that make it the object of an attack ("an attack on the
/// police", "operations targeting the TTP"): such a name is no perpetrator, and a
/// force named after them is the target.
const OBJECT_OF_ATTACK: &[&str] = &["against", "on", "targeting", "targeted"];

const FILLER_BEFORE_NUMBER: &[&str] = &[
    "the",
    "him",
    "her",
    "of",
    "a",
    "an",
    "as",
    "least",
    "at",
    "and",
    "while",
    "in",
    "left",
    "leaving",
    "another",
    "other",
    "some",
    "his",
    "her",
    "their",
    "its",
    "them",
    "including",
    "with",
    "along",
    "toll",
    "to",
    "rose",
    "reached",
    // "were killed among 10-14 militants": the total, of which the count before is a part.
    "among",
    // "killing either six or ten": a range.
    "either",
    // "killed all four attackers".
    "all",
];

/// The words of [`FILLER_AFTER_NOUN`] and [`FILLER_BEFORE_NUMBER`], hashed: asked of
/// every word around every count, a scan of the lists cost more than the rest of
/// the question.
static FILLER_AFTER_NOUN_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| FILLER_AFTER_NOUN.iter().copied().collect());
static FILLER_BEFORE_NUMBER_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| FILLER_BEFORE_NUMBER.iter().copied().collect());

/// Whether one reading of `m` is the cue `cue`, as [`LexMatch::has_cue`] tells,
/// inlined with the cue known: it is asked of every match of a sentence, and of a
/// document, by several walks.
#[inline(always)]
fn has_cue(m: &LexMatch, cue: Cue) -> bool {
    m.terms
        .iter()
        .any(|term| matches!(term, Term::Cue(c) if *c == cue))
}

/// The bit of a reading's kind (a cue's variant, whatever its fields; a place; an
/// actor) in the set [`match_kinds`] gives: a cue's is the lexicon's
/// ([`Cue::kind_bit`]), a place's and an actor's follow it ([`K_PLACE`], [`K_ACTOR`]).
#[inline(always)]
const fn kind_bit(cue: Cue) -> u32 {
    cue.kind_bit()
}

const K_PLACE: u32 = 1 << 24;
const K_ACTOR: u32 = 1 << 25;
/// The casualty words: killing, wounding, abduction, arrest.
const K_OUTCOME: u32 =
    kind_bit(Cue::Kill) | kind_bit(Cue::Wound) | kind_bit(Cue::Abduct) | kind_bit(Cue::Arrest);
/// The cues that tell something of the sentence, asked only outside numbers.
const K_TOLD: u32 = kind_bit(Cue::Event {
    event_type: EventType::Other,
    anaphoric: false,
}) | kind_bit(Cue::Irrealis)
    | kind_bit(Cue::NonViolent)
    | kind_bit(Cue::Separate)
    | kind_bit(Cue::Aggregate)
    | kind_bit(Cue::Responsibility)
    | kind_bit(Cue::Negation);
/// The readings whose matches the later readings of a sentence go through.
const K_ASKED_AGAIN: u32 = K_PLACE
    | K_OUTCOME
    | kind_bit(Cue::Attribution(SpeakerSide::Before))
    | kind_bit(Cue::Victim {
        category: None,
        singular: false,
    })
    | kind_bit(Cue::Part);

/// The kinds of the readings of `m`, one bit each ([`kind_bit`], [`K_PLACE`],
/// [`K_ACTOR`]).
#[inline(always)]
fn match_kinds(m: &LexMatch) -> u32 {
    m.terms.iter().fold(0, |kinds, term| {
        kinds
            | match term {
                Term::Place(_) => K_PLACE,
                Term::Actor(_) => K_ACTOR,
                Term::Cue(cue) => kind_bit(*cue),
            }
    })
}

/// Whether `text` holds one of `marks`, all ASCII: `text.contains` with those
/// characters, read byte by byte with no character decoded (the byte of an ASCII
/// character is never part of another). The gaps between words are asked so often
/// that decoding them was a cost of its own.
#[inline]
fn has_mark(text: &str, marks: &[u8]) -> bool {
    // Eight bytes a turn, each mark tested on all eight at once (a zero byte
    // where the block holds it): a test and a branch a block, not a byte.
    let bytes = text.as_bytes();
    let mut blocks = bytes.chunks_exact(8);
    for block in blocks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        let word = u64::from_le_bytes(word);
        let mut found = 0;
        for &mark in marks {
            let x = word ^ (ONES * u64::from(mark));
            found |= x.wrapping_sub(ONES) & !x & HIGHS;
        }
        if found != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(|b| marks.contains(b))
}

/// Whether `text` holds a full stop, a semicolon or a double quote, straight or
/// curly, as `text.contains(['.', ';', '“', '”', '"'])` tells: asked of the gap
/// between every verb of saying and every name near it, which is nearly always
/// ASCII, so it is read byte by byte, with no character decoded up to the first
/// byte that may begin a curly quote (0xE2 leads both).
#[inline]
fn has_stop_or_quote(text: &str) -> bool {
    match text
        .bytes()
        .position(|b| matches!(b, b'.' | b';' | b'"' | 0xE2))
    {
        None => false,
        Some(i) => text.as_bytes()[i] != 0xE2 || text[i..].contains(['.', ';', '“', '”', '"']),
    }
}

/// Whether `word`, in any letter case, is one of `words` (lower-case ASCII), as
/// `matches!(lower(word).as_str(), ...)` tells, with no lowered copy: the lengths
/// rule out nearly every word before a byte is compared.
#[inline(always)]
fn is_word(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn is_filler_after_noun(word: &str) -> bool {
    FILLER_AFTER_NOUN_SET.contains(word)
}

fn is_filler_before_number(word: &str) -> bool {
    FILLER_BEFORE_NUMBER_SET.contains(word)
}

/// The numbers of a sentence, by its span: kept from one reading of a document
/// for the next, which finds the same numbers in the same sentence.
type SentenceNumbers = (Range<usize>, Vec<NumberMention>);

impl<'a> Reader<'a> {
    /// Reads the sentences. The numbers of a sentence of `known` (in the order of
    /// their spans) are taken as they are, not found again. With `keep`, when no
    /// incident is read, the numbers of every sentence are given back for a
    /// reading of the same text with a line more.
    fn read(&self, known: Vec<SentenceNumbers>, keep: bool) -> (Output, Vec<SentenceNumbers>) {
        let mut output = Output::default();
        let mut facts: Vec<SentenceFacts<'a>> = Vec::with_capacity(self.sentences.len());
        // Numbers, then dates, of every sentence, each stage in one run: the code of
        // each stays in the instruction cache instead of taking turns with the other.
        let numbers: Vec<Vec<NumberMention>> = if known.is_empty() {
            self.sentences
                .iter()
                .map(|sentence| self.sentence_numbers(sentence))
                .collect()
        } else {
            self.known_numbers(known)
        };
        let dates: Vec<Vec<DateMention>> = self
            .sentences
            .iter()
            .map(|sentence| self.sentence_dates(sentence))
            .collect();
        // The buffers of the walk are this thread's, kept from one document to the
        // next: each document had grown them anew from nothing, a few allocations
        // a document for lists that every sentence clears before it fills them.
        let mut scratch = SENTENCE_SCRATCH.take();
        let mut cursor = 0;
        for (((index, sentence), numbers), dates) in
            self.sentences.iter().enumerate().zip(numbers).zip(dates)
        {
            while cursor < self.matches.len() && self.matches[cursor].start < sentence.span.start {
                cursor += 1;
            }
            let first = cursor;
            let mut last = cursor;
            while last < self.matches.len() && self.matches[last].end <= sentence.span.end {
                last += 1;
            }
            facts.push(self.sentence_facts(
                index,
                sentence,
                &self.matches[first..last],
                numbers,
                dates,
                &mut scratch,
            ));
            cursor = last;
        }
        SENTENCE_SCRATCH.set(scratch);
        // "..., killing four. Datta Khel, North Waziristan.": a trailing place tag
        // says where the sentence before it happened.
        for i in 1..facts.len() {
            if facts[i].paragraph == facts[i - 1].paragraph && self.is_place_tag(&facts[i]) {
                let places = facts[i].places.clone();
                facts[i - 1].places.extend(places);
            }
        }
        if facts.iter().any(|f| {
            f.dates
                .iter()
                .any(|d| d.date.is_none() && d.precision != DatePrecision::Unknown)
        }) {
            output.unresolved_relative_dates = true;
        }
        self.group(&facts, &mut output);
        let numbers = if keep && output.incidents.is_empty() {
            facts
                .into_iter()
                .map(|f| (f.start..f.end, f.numbers))
                .collect()
        } else {
            Vec::new()
        };
        (output, numbers)
    }

    /// The numbers of every sentence, those of the sentences of `known` (in the
    /// order of their spans) taken as they are, the others found.
    #[inline(never)]
    fn known_numbers(&self, known: Vec<SentenceNumbers>) -> Vec<Vec<NumberMention>> {
        let mut known = known.into_iter().peekable();
        self.sentences
            .iter()
            .map(|sentence| {
                while known
                    .next_if(|(span, _)| span.start < sentence.span.start)
                    .is_some()
                {}
                match known.next_if(|(span, _)| *span == sentence.span) {
                    Some((_, numbers)) => numbers,
                    None => self.sentence_numbers(sentence),
                }
            })
            .collect()
    }

    /// The numbers of a sentence, with offsets into the document.
    fn sentence_numbers(&self, sentence: &Sentence) -> Vec<NumberMention> {
        let (start, end) = (sentence.span.start, sentence.span.end);
        numbers::find_numbers(&self.text[start..end])
            .into_iter()
            .map(|mut n| {
                n.start += start;
                n.end += start;
                n
            })
            .collect()
    }

    /// The dates of a sentence, with offsets into the document, fitted to the reference.
    fn sentence_dates(&self, sentence: &Sentence) -> Vec<DateMention> {
        let (start, end) = (sentence.span.start, sentence.span.end);
        dates::find_dates(&self.text[start..end], self.resolution_reference())
            .into_iter()
            .map(|mut d| {
                d.start += start;
                d.end += start;
                self.fit_to_reference(&mut d);
                d
            })
            .collect()
    }

    fn sentence_facts(
        &self,
        index: usize,
        sentence: &Sentence,
        matches: &'a [LexMatch<'a>],
        numbers: Vec<NumberMention>,
        dates: Vec<DateMention>,
        scratch: &mut SentenceScratch,
    ) -> SentenceFacts<'a> {
        let (start, end) = (sentence.span.start, sentence.span.end);
        let mut facts = SentenceFacts {
            index,
            start,
            end,
            paragraph: sentence.paragraph,
            matches,
            first_named: matches.len(),
            kinds: 0,
            numbers,
            dates,
            events: Vec::new(),
            background: Vec::new(),
            claims: Vec::new(),
            speakers: Vec::new(),
            places: Vec::new(),
            irrealis: false,
            nonviolent: false,
            separate: false,
            aggregate: false,
            responsibility: false,
            negation: false,
        };
        // Whether the sentence has a word that puts an event behind another ("after",
        // "in retaliation for"): most have none, and the questions that need one are
        // not asked of them. The matches that the later readings go through (verbs
        // of saying, place names, casualty words, singular victim nouns, part cues)
        // are gathered in the same walk, as the first reading of each kind tells.
        let mut background_cue = false;
        let SentenceScratch {
            attributions,
            place_matches,
            casualty_words,
            singular_victims,
            part_cues,
            ..
        } = scratch;
        attributions.clear();
        place_matches.clear();
        casualty_words.clear();
        singular_victims.clear();
        part_cues.clear();
        for (k, m) in matches.iter().enumerate() {
            // The kinds of the readings first, as bits: most matches are names or cues
            // asked nothing here, and are passed over on a few tests of the bits
            // instead of a branch on each reading's kind.
            let kinds = match_kinds(m);
            facts.kinds |= kinds;
            if kinds & (K_PLACE | K_ACTOR) != 0 {
                facts.first_named = facts.first_named.min(k);
            }
            background_cue |= kinds & kind_bit(Cue::Background) != 0;
            // The cues told of the sentence, unless the match lies in a number.
            if kinds & K_TOLD != 0 && !facts.in_number(m.start) {
                for term in m.terms.iter() {
                    match term {
                        Term::Cue(Cue::Event {
                            event_type,
                            anaphoric,
                        }) => facts.events.push((m.start, *event_type, *anaphoric)),
                        Term::Cue(Cue::Irrealis) => facts.irrealis = true,
                        // "since the TTP called off its ceasefire": talks or truces that
                        // open a period are no subject of the sentence.
                        Term::Cue(Cue::NonViolent)
                            if !self.in_clause_opened_by(start, m.start, "since ") =>
                        {
                            facts.nonviolent = true
                        }
                        // "Separately" and "In a separate incident" open a sentence;
                        // "earlier" in mid-sentence is usually a date.
                        Term::Cue(Cue::Separate) if m.start - start < 4 => facts.separate = true,
                        // "in one of the deadliest attacks in recent years" compares one
                        // event with others: no figure over a period.
                        Term::Cue(Cue::Aggregate)
                            if !self.in_clause_opened_by(start, m.start, "one of the") =>
                        {
                            facts.aggregate = true
                        }
                        Term::Cue(Cue::Responsibility) => facts.responsibility = true,
                        Term::Cue(Cue::Negation) => facts.negation = true,
                        _ => {}
                    }
                }
            }
            if kinds & K_ASKED_AGAIN == 0 {
                continue;
            }
            // The first reading of each kind is the one taken.
            if kinds & kind_bit(Cue::Attribution(SpeakerSide::Before)) != 0 {
                if let Some(side) = m.terms.iter().find_map(|t| match t {
                    Term::Cue(Cue::Attribution(s)) => Some(*s),
                    _ => None,
                }) {
                    attributions.push((k, side));
                }
            }
            if kinds & K_PLACE != 0 {
                place_matches.push(k);
            }
            if kinds & K_OUTCOME != 0 {
                if let Some(outcome) = Self::outcome_at(m) {
                    casualty_words.push(CasualtyWord {
                        index: k,
                        outcome,
                        before: word_before(self.text, m.start).map(|(at, w)| (at, at + w.len())),
                    });
                }
            }
            if kinds
                & kind_bit(Cue::Victim {
                    category: None,
                    singular: false,
                })
                != 0
                && Self::victim_at(m).is_some_and(|(_, singular)| singular)
            {
                singular_victims.push(k);
            }
            if kinds & kind_bit(Cue::Part) != 0 {
                part_cues.push(k);
            }
        }
        let attribution = !attributions.is_empty();
        // "exchanged fire ..., hours after the Taliban said they had struck back for
        // Tuesday's airstrikes": an event named as the time or the cause of the one told
        // is background, unless the sentence names no other.
        // Most sentences have no word that puts an event behind another: their events
        // are not asked.
        if background_cue {
            let background: Vec<bool> = facts
                .events
                .iter()
                .map(|&(at, _, _)| {
                    // "a day after gunmen ambushed a convoy ..., killing 43": the toll told
                    // after it is the background event's own, so that event is the one told.
                    self.background_clause(start, matches, at)
                        .is_some_and(|clause| {
                            !facts
                                .numbers
                                .iter()
                                .any(|n| n.kind == NumberKind::Count && n.start > clause)
                        })
                })
                .collect();
            // The background event is the one told when the rest only refer back: "The
            // strikes came two days after a suicide bomber drove ... into a post".
            let told_own = facts
                .events
                .iter()
                .zip(&background)
                .any(|(e, b)| !b && !e.2);
            if told_own && background.iter().any(|b| *b) {
                let (told, behind): (Vec<_>, Vec<_>) = facts
                    .events
                    .iter()
                    .zip(&background)
                    .partition(|(_, b)| !**b);
                facts.background = behind.into_iter().map(|(e, _)| *e).collect();
                facts.events = told.into_iter().map(|(e, _)| *e).collect();
            }
        }
        if attribution {
            facts.speakers = self.speakers(&facts, attributions);
        }
        // "said on Wednesday", "told AFP on Tuesday": the day of the statement, not of the
        // event; so is the date of a dateline.
        let speech_dates: Vec<usize> = facts
            .dates
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                // "said they had struck back for Tuesday's airstrikes": a day put on an
                // event word dates that event, whatever verb of saying came before.
                (!d.is_period
                    && attribution
                    && (self.follows_speech(&facts, attributions, d.start)
                        || self.opens_statement(&facts, attributions, d))
                    && !self.possessive_on_event(&facts.events, d)
                    && !self.possessive_on_event(&facts.background, d))
                    || self.datelines.iter().any(|r| r.contains(&d.start))
            })
            .map(|(i, _)| i)
            .collect();
        for i in speech_dates.into_iter().rev() {
            let said = facts.dates.remove(i);
            // "Earlier in the day, the deputy commissioner had told reporters ...": the
            // opening word dates a statement, it does not begin another incident.
            if said.start.saturating_sub(start) <= 3 {
                facts.separate = false;
            }
        }
        // "lowered the toll of Monday's suicide attack to 84 on Thursday": a day put on
        // the word that names the event is the event's day; the sentence's other dates
        // are of its telling. It goes first, where the incident takes its date from.
        if let Some(i) = facts
            .dates
            .iter()
            .position(|d| self.possessive_on_event(&facts.events, d))
        {
            let day = facts.dates.remove(i);
            facts.dates.insert(0, day);
        }
        if !place_matches.is_empty() {
            facts.places = self.location_candidates(&facts, place_matches);
        }
        facts.claims = self.claims(&facts, scratch);
        facts
    }

    /// Where the clause starts that names the event word at `at` as the time or the
    /// cause of another: "hours after ... the airstrikes", "in retaliation for the
    /// strikes".
    fn background_clause(
        &self,
        sentence_start: usize,
        matches: &[LexMatch],
        at: usize,
    ) -> Option<usize> {
        // Commas do not close the clause: "two days after a suicide bomber drove ...
        // into a post, and gunmen then stormed it" tells of one event behind.
        let from = floor_boundary(self.text, at.saturating_sub(300)).max(sentence_start);
        let clause_start = self
            .between(from, at)
            .rfind(';')
            .map_or(from, |i| from + i + 1);
        matches
            .iter()
            .filter(|m| m.start >= clause_start && m.end <= at)
            .find(|m| has_cue(m, Cue::Background))
            .map(|m| m.start)
    }

    /// The casualty word after a count and a plural noun the dictionary does not know:
    /// "three Uzbeks killed", "two alleged miltants were killed" (at most two words,
    /// the last a plural, nothing the dictionary reads as a thing or a place).
    fn outcome_after_unknown_noun(&self, facts: &SentenceFacts<'_>, end: usize) -> Option<Outcome> {
        let verb = facts
            .matches
            .iter()
            .find(|m| m.start >= end && Self::outcome_at(m).is_some())?;
        // "alleged" is read as a verb of saying; before a noun it is an adjective.
        let adjective = |m: &LexMatch| {
            m.terms
                .iter()
                .all(|t| matches!(t, Term::Cue(Cue::Attribution(_))))
        };
        if facts
            .matches
            .iter()
            .any(|m| m.start >= end && m.end <= verb.start && !adjective(m))
        {
            return None;
        }
        let gap = self.between(end, verb.start);
        if gap.contains(|c: char| !(c.is_alphabetic() || c.is_whitespace() || c == '-')) {
            return None;
        }
        let words: Vec<Lowered> = gap.split_whitespace().map(lower).collect();
        let noun_at = words.iter().position(|w| !is_filler_after_noun(w))?;
        let noun_words: Vec<&Lowered> = words[noun_at..]
            .iter()
            .take_while(|w| !is_filler_after_noun(w))
            .collect();
        let fillers_after = words[noun_at + noun_words.len()..]
            .iter()
            .all(|w| is_filler_after_noun(w));
        let plural = noun_words
            .last()
            .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss") && w.len() > 3);
        (noun_at == 0 && (1..=2).contains(&noun_words.len()) && plural && fillers_after)
            .then(|| Self::outcome_at(verb))
            .flatten()
    }

    /// Whether the figure at `at` is told as a first, superseded one: "early reports put
    /// the toll at three", "initially said five".
    fn told_as_first_figure(&self, facts: &SentenceFacts<'_>, at: usize) -> bool {
        facts.matches.iter().any(|m| {
            m.end <= at
                && at - m.end <= 80
                && m.has_cue(Cue::Superseded)
                && !has_mark(self.between(m.end, at), b",;")
        })
    }

    /// Whether `at` lies in a clause that `opener` opens within the 80 bytes before
    /// it, no clause mark between: "since the TTP ended its ceasefire", "one of the
    /// deadliest strikes of recent years".
    fn in_clause_opened_by(&self, sentence_start: usize, at: usize, opener: &str) -> bool {
        let from = floor_boundary(self.text, at.saturating_sub(80)).max(sentence_start);
        let head = self.between(from, at);
        rfind_ignore_ascii_case(head, opener).is_some_and(|i| {
            !head.as_bytes()[i..]
                .iter()
                .any(|b| matches!(b, b',' | b';' | b':' | b'.'))
        })
    }

    /// Whether a date is a possessive on the sentence's most specific event word:
    /// "Monday's suicide attack", "Tuesday's Pakistani airstrikes" (at most two words
    /// between), but not "days after Monday's attack", which dates another event.
    fn possessive_on_event(&self, events: &[(usize, EventType, bool)], d: &DateMention) -> bool {
        if d.is_period || d.date.is_none() || d.precision != DatePrecision::Day {
            return false;
        }
        let words = d.text(self.text);
        if !(words.ends_with("'s") || words.ends_with("’s")) {
            return false;
        }
        let earlier = |w: &str| {
            is_word(
                w,
                &["after", "since", "following", "before", "until", "till"],
            )
        };
        let first = words.split_whitespace().next().unwrap_or("");
        if earlier(first) || word_before(self.text, d.start).is_some_and(|(_, w)| earlier(w)) {
            return false;
        }
        let Some(&(at, kind, _)) = events.iter().find(|e| e.0 >= d.end) else {
            return false;
        };
        let gap = &self.text[d.end..at];
        nth_word(gap, 2).is_none()
            && !has_mark(gap, b",;.:()")
            && events
                .iter()
                .all(|e| e.2 || e.1.specificity() <= kind.specificity())
    }

    /// The text between two offsets; empty where matches of the two layers overlap.
    fn between(&self, from: usize, to: usize) -> &'a str {
        if from < to {
            &self.text[from..to]
        } else {
            ""
        }
    }

    /// Whether a date opening the sentence is when its speaker spoke: "Earlier in the
    /// day, the deputy commissioner had told reporters that ...", "On Monday, police
    /// said ..." (a verb of saying next, no word of violence between).
    /// `attributions` are the sentence's verbs of saying, as [`SentenceScratch`] holds them.
    fn opens_statement(
        &self,
        facts: &SentenceFacts<'_>,
        attributions: &[(usize, SpeakerSide)],
        d: &DateMention,
    ) -> bool {
        if d.start.saturating_sub(facts.start) > 3 {
            return false;
        }
        let Some(cue) = attributions
            .iter()
            .map(|&(k, _)| &facts.matches[k])
            .find(|m| m.start >= d.end)
        else {
            return false;
        };
        let gap = self.between(d.end, cue.start);
        gap.matches(',').count() <= 1
            && nth_word(gap, 12).is_none()
            && !facts.matches.iter().any(|m| {
                m.start >= d.end
                    && m.end <= cue.start
                    && (Self::outcome_at(m).is_some()
                        || m.terms
                            .iter()
                            .any(|t| matches!(t, Term::Cue(Cue::Event { .. }))))
            })
    }

    /// Whether the date at `at` is when something was said: "said on Wednesday",
    /// "told AFP on Tuesday", "said in its annual report on Sunday". `attributions`
    /// are the sentence's verbs of saying, as [`SentenceScratch`] holds them.
    fn follows_speech(
        &self,
        facts: &SentenceFacts<'_>,
        attributions: &[(usize, SpeakerSide)],
        at: usize,
    ) -> bool {
        attributions.iter().map(|&(k, _)| &facts.matches[k]).any(|m| {
            m.end <= at
                && {
                    let gap = self.between(m.end, at);
                    gap.len() <= 60
                        && !gap.contains([',', ';', '.', '“', '"'])
                        // "said troops killed five militants on Monday" dates the killing.
                        && !facts.matches.iter().any(|o| {
                            o.start >= m.end
                                && o.end <= at
                                && (Self::outcome_at(o).is_some()
                                    || o.terms.iter().any(|t| matches!(t, Term::Cue(Cue::Event { .. }))))
                        })
                }
        })
    }

    /// The reference date used to resolve relative dates: the end of the known
    /// period, so that "last July" in a text known only to be of 2022 is July 2022.
    fn resolution_reference(&self) -> Option<ReferenceDate> {
        let reference = self.reference?;
        let date = match reference.precision {
            PublishedPrecision::Day | PublishedPrecision::Unknown => reference.date,
            PublishedPrecision::Month => last_day_of_month(reference.date),
            PublishedPrecision::Year => {
                NaiveDate::from_ymd_opt(chrono::Datelike::year(&reference.date), 12, 31)
                    .unwrap_or(reference.date)
            }
        };
        Some(ReferenceDate {
            date,
            precision: reference.precision,
        })
    }

    /// A day cannot be resolved against a reference known only to the month or year.
    fn fit_to_reference(&self, mention: &mut DateMention) {
        let Some(reference) = self.reference else {
            return;
        };
        let coarse = matches!(
            reference.precision,
            PublishedPrecision::Month | PublishedPrecision::Year
        );
        if coarse
            && !mention.is_period
            && matches!(mention.precision, DatePrecision::Day | DatePrecision::Week)
            && mention_is_relative(&self.text[mention.start..mention.end])
        {
            mention.date = None;
        }
    }

    fn actor_terms<'m>(m: &'m LexMatch<'m>) -> impl Iterator<Item = usize> + 'm {
        m.terms.iter().filter_map(|t| match t {
            Term::Actor(i) => Some(*i),
            _ => None,
        })
    }

    fn place_terms<'m>(m: &'m LexMatch<'m>) -> impl Iterator<Item = usize> + 'm {
        m.terms.iter().filter_map(|t| match t {
            Term::Place(i) => Some(*i),
            _ => None,
        })
    }

    /// An actor reading of `m` that can speak: not a victim category, not
    /// "gunmen". Countries and capitals speak for their governments, but only
    /// right beside the verb ("Pakistan claims", "Kabul said"): elsewhere a
    /// country is a place.
    fn speaker_actor(&self, m: &LexMatch, adjacent: bool) -> Option<usize> {
        let registry = &self.extractor.actors;
        let direct = Self::actor_terms(m).find(|&i| {
            registry
                .get(i)
                .is_some_and(|a| !matches!(a.kind, ActorKind::VictimCategory | ActorKind::Generic))
        });
        if direct.is_some() {
            return direct;
        }
        if !adjacent {
            return None;
        }
        let gazetteer = &self.extractor.gazetteer;
        Self::place_terms(m).find_map(|p| match gazetteer.get(p).map(|p| p.id.as_str()) {
            Some("PK") => registry.index_of("PAK_GOVERNMENT"),
            Some("AF") => registry.index_of("AFGHAN_TALIBAN"),
            _ => None,
        })
    }

    /// The speakers of the verbs of saying `attributions` (as [`SentenceScratch`] holds them).
    fn speakers(
        &self,
        facts: &SentenceFacts<'_>,
        attributions: &[(usize, SpeakerSide)],
    ) -> Vec<Speaker> {
        // Nearly every verb of saying finds its speaker.
        let mut speakers = Vec::with_capacity(attributions.len());
        for &(k, side) in attributions {
            let m = &facts.matches[k];
            let cue_word = &self.text[m.start..m.end];
            // "..., claiming it killed ...": a participle speaks for the sentence's subject.
            if cue_word.ends_with("ing") {
                if let Some(subject) = facts.matches[..k].iter().find_map(|prev| {
                    self.speaker_actor(prev, true)
                        .map(|a| (a, prev.start, prev.end))
                }) {
                    speakers.push(Speaker {
                        actor: subject.0,
                        text_start: subject.1,
                        text_end: subject.2,
                        cue_at: m.start,
                    });
                }
                continue;
            }
            let before = facts.matches[..k].iter().rev().find_map(|prev| {
                // Only an actor or a place can speak, and of those only one that
                // speaks at least right beside the verb (most places never do): the
                // gaps to other matches are not read.
                if Self::actor_terms(prev).next().is_none()
                    && Self::place_terms(prev).next().is_none()
                {
                    return None;
                }
                self.speaker_actor(prev, true)?;
                let gap = self.between(prev.end, m.start);
                // ", speaking on condition of anonymity because ..., said": the aside between
                // speaker and verb does not part them.
                // The length first: every match before the verb is asked, and the gaps
                // to those far off are long.
                if gap.len() >= 200 {
                    return None;
                }
                let aside = gap.trim_start().starts_with(',') && gap.trim_end().ends_with(',');
                if (gap.len() > 80 && !aside) || has_stop_or_quote(gap) {
                    return None;
                }
                let adjacent = nth_word(gap, 1).is_none();
                self.speaker_actor(prev, adjacent)
                    .map(|a| (a, prev.start, prev.end))
            });
            let after = || {
                facts.matches[k + 1..].iter().find_map(|next| {
                    // Only an actor speaks after the verb (a country only right before it).
                    Self::actor_terms(next).next()?;
                    let gap = self.between(m.end, next.start);
                    // "said a senior security official", not "said the figures given by
                    // the army were false", where the army is no speaker.
                    if gap.len() > 60 || has_stop_or_quote(gap) || nth_word(gap, 3).is_some() {
                        return None;
                    }
                    // "said at least 20 TTP fighters had died": a name before a noun is no speaker.
                    let modifies_noun = facts.matches.iter().any(|v| {
                        v.start >= next.end
                            && self.between(next.end, v.start).trim().is_empty()
                            && Self::victim_at(v).is_some()
                    });
                    if modifies_noun {
                        return None;
                    }
                    self.speaker_actor(next, false)
                        .map(|a| (a, next.start, next.end))
                })
            };
            // "The TTP rejected the account. ... the group alleged that ...": words right
            // before the verb that refer back name the actor named last, and win over a
            // name farther off ("Security forces killed 64 militants, the institute added").
            let before = self.group_referred_back(facts.start, m.start).or(before);
            let found = match side {
                SpeakerSide::Before => before,
                SpeakerSide::After => after(),
                SpeakerSide::Either => {
                    // "..., the ISPR said" has its speaker before; "said a senior official" after.
                    let near_before = before.filter(|(_, _, e)| m.start - e < 40);
                    near_before.or_else(after).or(before)
                }
            };
            if let Some((actor, s, e)) = found {
                speakers.push(Speaker {
                    actor,
                    text_start: s,
                    text_end: e,
                    cue_at: m.start,
                });
            }
        }
        speakers
    }

    /// The actor that "the group" (or "the outfit", "the organisation": a militant
    /// group) or "the institute" (a publisher of figures) right before `at` refers to:
    /// the last one of that kind named in the 600 bytes before.
    fn group_referred_back(
        &self,
        sentence_start: usize,
        at: usize,
    ) -> Option<(usize, usize, usize)> {
        let from = floor_boundary(self.text, at.saturating_sub(40)).max(sentence_start);
        let head = self.between(from, at).trim_end();
        // The words that refer back, and whether they mean a militant group (else a
        // body that publishes figures: "the institute added"). Borrowed as a
        // constant, not built anew at every verb of saying.
        let referring: &[(&str, bool)] = &[
            ("the group", true),
            ("the outfit", true),
            ("the organisation", true),
            ("the organization", true),
            ("the institute", false),
            ("the think tank", false),
            ("the think-tank", false),
            ("the centre", false),
            ("the center", false),
        ];
        // Every phrase ends in one of these letters: most heads, asked before every
        // verb of saying, are let go by their last byte.
        debug_assert!(referring
            .iter()
            .all(|(r, _)| r.ends_with(['p', 't', 'n', 'e', 'k', 'r'])));
        let last = head.as_bytes().last().map(u8::to_ascii_lowercase);
        if !matches!(last, Some(b'p' | b't' | b'n' | b'e' | b'k' | b'r')) {
            return None;
        }
        let &(words, militant) = referring.iter().find(|(r, _)| {
            head.len() >= r.len()
                && head.is_char_boundary(head.len() - r.len())
                && head[head.len() - r.len()..].eq_ignore_ascii_case(r)
        })?;
        let (start, end) = (from + head.len() - words.len(), from + head.len());
        let registry = &self.extractor.actors;
        let floor = at.saturating_sub(600);
        self.matches
            .iter()
            .rev()
            .skip_while(|m| m.end > at)
            .take_while(|m| m.start >= floor)
            .find_map(|m| {
                Self::actor_terms(m)
                    .find(|&a| {
                        registry.get(a).is_some_and(|a| match militant {
                            true => matches!(a.kind, ActorKind::MilitantGroup | ActorKind::Faction),
                            false => matches!(
                                a.kind,
                                ActorKind::ResearchOrg | ActorKind::InternationalOrg
                            ),
                        })
                    })
                    .map(|a| (a, start, end))
            })
    }

    /// Places in the sentence that can be where something happened.
    /// `place_matches` are the indices of the matches with a place reading, as
    /// [`SentenceScratch`] holds them.
    fn location_candidates(
        &self,
        facts: &SentenceFacts<'_>,
        place_matches: &[usize],
    ) -> Vec<usize> {
        let gazetteer = &self.extractor.gazetteer;
        // Room for every place name: most are kept, and a vector grown by steps
        // costs more than the slots left over.
        let mut out = Vec::with_capacity(place_matches.len());
        for &i in place_matches {
            let m = &facts.matches[i];
            let Some(mut place) = self.place_reading(m) else {
                continue;
            };
            // "Shaktoi, North Waziristan", "Sherani, North Waziristan": the text places
            // the name inside the unit that follows it. A reading inside that unit wins;
            // with none, the name is another place of the same spelling than the
            // gazetteer's, so the unit named after it is where it happened.
            if let Some(unit) = self.stated_container(facts, i) {
                match Self::place_terms(m).find(|&p| p != unit && gazetteer.is_within(p, unit)) {
                    Some(inside) => place = inside,
                    None if !gazetteer.is_within(place, unit) => continue,
                    None => {}
                }
            }
            let Some(row) = gazetteer.get(place) else {
                continue;
            };
            if self.is_dateline(m) {
                continue;
            }
            // "Islamabad-based", "the Khyber Pakhtunkhwa police" as a speaker.
            let after = &self.text[m.end..facts.end];
            if after.starts_with("-based") || after.starts_with(" based") {
                continue;
            }
            if facts.speakers.iter().any(|s| s.text_start == m.start) {
                continue;
            }
            if facts.in_number(m.start) {
                continue;
            }
            let before_word = word_before(self.text, m.start).map_or("", |(_, w)| w);
            // "the train for Peshawar", "bound for Quetta": a destination, not where it happened;
            // "the Quetta-Taftan highway", "the Pak-Afghan border": a name made of places.
            // "Sepoy Naveed Khan (age 24, resident of District Karak)": a home, not a scene.
            let lead_from = floor_boundary(self.text, m.start.saturating_sub(30)).max(facts.start);
            let lead_in = self.between(lead_from, m.start);
            let home = self
                .home_phrases
                .last_end_within(lead_from, m.start)
                .is_some()
                || self.home_list_before(facts, m.start)
                || age_of_before(lead_in);
            // "on their way from the capital to the Dasu dam": where a journey went,
            // not where it was stopped.
            let journey =
                is_word(before_word, &["to", "the"]) && self.journey_before(facts, m.start);
            if home
                || journey
                || self.hospital_before(facts, m.start)
                || is_word(before_word, &["for", "towards", "toward"])
                || self.in_place_compound(m)
                || self.in_longer_name(m, row.match_rule)
            {
                continue;
            }
            if row.kind == PlaceKind::Country {
                // A country is where it happened only when the text says "in" it;
                // "Pakistan launched" and "Pakistan's military" name an actor.
                let locative = is_word(before_word, &["in", "inside", "into", "across", "within"])
                    || preceded_by_locative(self.text, m.start);
                if !locative {
                    continue;
                }
            }
            if m.needs_context && !self.context_supports(m, facts, before_word) {
                continue;
            }
            // An actor reading that is the subject or speaker ("Kabul said") is not a place.
            if Self::actor_terms(m).next().is_some()
                && matches!(
                    word_after(self.text, m.end).map(|(_, w)| w),
                    Some("said" | "says" | "told" | "has" | "had" | "claimed")
                )
            {
                continue;
            }
            out.push(place);
        }
        out
    }

    /// Whether the words from `from` to `to` are a participle phrase closed by a comma,
    /// as after the first person of a list ("a candidate running for a provincial
    /// seat, his driver and a guard"): a first word in -ing or -ed, at most ten words,
    /// no other stop or casualty word, and the comma last.
    fn participle_modifier(&self, facts: &SentenceFacts<'_>, from: usize, to: usize) -> bool {
        let Some(gap) = self.text.get(from..to) else {
            return false;
        };
        let gap = gap.trim();
        let Some(body) = gap.strip_suffix(',') else {
            return false;
        };
        let words: Vec<&str> = body.split_whitespace().collect();
        let participle = words.first().is_some_and(|w| {
            w.len() > 4
                && (strip_suffix_ignore_ascii_case(w, "ing").is_some()
                    || strip_suffix_ignore_ascii_case(w, "ed").is_some())
        });
        participle
            && words.len() <= 10
            && !has_mark(body, b",;.:")
            && !facts
                .matches
                .iter()
                .any(|m| m.start >= from && m.end <= to && Self::outcome_at(m).is_some())
    }

    /// Whether the place at `at` is one of a list of places that "belonged to" or
    /// "hailing from" opens: "the martyred personnel belonged to Kohat, Bannu, Kurram,
    /// Lakki Marwat and other districts". Between the words and the place there are
    /// only names (capitalised words), commas and "and".
    fn home_list_before(&self, facts: &SentenceFacts<'_>, at: usize) -> bool {
        let from = floor_boundary(self.text, at.saturating_sub(160)).max(facts.start);
        let Some(cue_end) = self.home_phrases.last_end_within(from, at) else {
            return false;
        };
        let Some(list) = self.text.get(cue_end..at) else {
            return false;
        };
        list.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .all(|w| w == "and" || w.chars().next().is_some_and(char::is_uppercase))
    }

    /// Whether the words just before `at`, within its clause, tell of a journey to the
    /// place at `at`: "on their way to (the)", "en route to", "travelling to". Where a
    /// journey began ("a vehicle travelling from Miranshah") is often where it was hit.
    fn journey_before(&self, facts: &SentenceFacts<'_>, at: usize) -> bool {
        let clause = self.clause_before(facts, at);
        let mut tail = clause.split_whitespace().rev();
        let linked = match (tail.next(), tail.next()) {
            (Some(last), _) if last.eq_ignore_ascii_case("to") => true,
            (Some(last), Some(second)) => {
                last.eq_ignore_ascii_case("the") && second.eq_ignore_ascii_case("to")
            }
            _ => false,
        };
        linked && JOURNEY_PHRASES.occurs_in(clause)
    }

    /// Whether the place at `at` is only where the wounded were treated: "visited the
    /// wounded at the Combined Military Hospital in Quetta", "the injured were shifted
    /// to a hospital in Peshawar". A hospital that was attacked has no such words
    /// before it.
    fn hospital_before(&self, facts: &SentenceFacts<'_>, at: usize) -> bool {
        let clause = self.clause_before(facts, at);
        // One word is looked for byte by byte: an automaton costs more to start than
        // the clause costs to read, and a place name rarely follows a hospital.
        contains_ignore_ascii_case(clause, "hospital") && TREATMENT_PHRASES.occurs_in(clause)
    }

    /// The words of the clause before `at`, at most 60 bytes of them.
    fn clause_before(&self, facts: &SentenceFacts<'_>, at: usize) -> &'a str {
        let from = floor_boundary(self.text, at.saturating_sub(60)).max(facts.start);
        let head = &self.text[from..at];
        // Commas and semicolons are ASCII, never inside a character: bytes will do.
        let clause_start = memchr::memrchr2(b',', b';', head.as_bytes()).map_or(0, |i| i + 1);
        &head[clause_start..]
    }

    /// The district or province that a place name is put in by apposition right after
    /// it ("Mir Ali, North Waziristan", "Turbat, Balochistan"), if any.
    fn stated_container(&self, facts: &SentenceFacts<'_>, i: usize) -> Option<usize> {
        let m = &facts.matches[i];
        let next = facts.matches.get(i + 1)?;
        if self.text.get(m.end..next.start)? != ", " {
            return None;
        }
        let gazetteer = &self.extractor.gazetteer;
        let unit = Self::place_terms(next)
            .filter(|&p| {
                gazetteer
                    .get(p)
                    .is_some_and(|r| matches!(r.kind, PlaceKind::District | PlaceKind::Province))
            })
            .max_by_key(|&p| gazetteer.get(p).map_or(0, |r| r.kind.rank()))?;
        // "Bannu, Lakki Marwat and Tank": names of one rank in a list are not apposition.
        let same_rank = Self::place_terms(m).any(|p| {
            gazetteer.get(p).map(|r| r.kind.rank()) == gazetteer.get(unit).map(|r| r.kind.rank())
        });
        if same_rank {
            let joins = |a: &LexMatch, b: &LexMatch| {
                Self::place_terms(b).next().is_some()
                    && matches!(
                        self.text.get(a.end..b.start),
                        Some(", " | " and " | " or " | ", and ")
                    )
            };
            let listed_after = facts.matches.get(i + 2).is_some_and(|n| joins(next, n));
            let listed_before = i > 0 && joins(&facts.matches[i - 1], m);
            let after = &self.text[next.end..];
            if listed_after
                || listed_before
                || after.starts_with(" and ")
                || after.starts_with(" or ")
            {
                return None;
            }
        }
        Some(unit)
    }

    /// A name that is a place only sometimes, inside a longer name or a measure:
    /// "Sui Southern Gas Company", "Mach 2", "Bara Kahu".
    fn in_longer_name(&self, m: &LexMatch, rule: crate::places::MatchRule) -> bool {
        if rule == crate::places::MatchRule::Any {
            return false;
        }
        let Some((next_at, next)) = word_after(self.text, m.end) else {
            return false;
        };
        if !self.between(m.end, next_at).trim().is_empty() {
            return false;
        }
        if next.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        let capitalised = next.chars().next().is_some_and(char::is_uppercase);
        let place_word = is_word(
            next,
            &[
                "district",
                "agency",
                "tehsil",
                "valley",
                "city",
                "town",
                "area",
                "pass",
                "bazaar",
                "cantonment",
                "division",
                "subdivision",
                "region",
                "road",
                "police",
                "levies",
                "station",
                "airport",
                "port",
                "province",
            ],
        );
        // The document's matches are sorted by start: a binary search keeps this linear.
        let from = self.matches.partition_point(|o| o.start < next_at);
        let named_place_follows = self.matches[from..]
            .iter()
            .take_while(|o| o.start == next_at)
            .any(|o| Self::place_terms(o).next().is_some());
        capitalised && !place_word && !named_place_follows
    }

    fn in_place_compound(&self, m: &LexMatch) -> bool {
        let before = &self.text[..m.start];
        let after = &self.text[m.end..];
        let joined_before = before.ends_with('-') || before.ends_with('–');
        let joined_after = after.starts_with('-') || after.starts_with('–');
        if !(joined_before || joined_after) {
            return false;
        }
        // The noun the compound names: the first word after the whole hyphenated run.
        let mut rest = after;
        while let Some(stripped) = rest.strip_prefix(['-', '–']) {
            let word_len = stripped
                .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
                .unwrap_or(stripped.len());
            rest = &stripped[word_len..];
        }
        word_after(rest, 0).is_some_and(|(_, w)| {
            is_word(
                w,
                &[
                    "highway", "road", "motorway", "border", "railway", "route", "track",
                    "corridor", "pipeline", "express", "train", "line", "bus", "flight",
                ],
            )
        })
    }

    /// Whether a sentence is only place names: "Wana, South Waziristan."
    fn is_place_tag(&self, f: &SentenceFacts<'_>) -> bool {
        if f.places.is_empty() {
            return false;
        }
        let mut rest = String::new();
        let mut cursor = f.start;
        for m in f
            .matches
            .iter()
            .filter(|m| Self::place_terms(m).next().is_some())
        {
            if m.start >= cursor {
                rest.push_str(&self.text[cursor..m.start]);
                cursor = m.end;
            }
        }
        rest.push_str(self.between(cursor, f.end));
        rest.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| {
                is_word(
                    w,
                    &[
                        "near", "in", "area", "village", "district", "agency", "the", "of",
                        "tehsil", "town", "and",
                    ],
                )
            })
    }

    /// The reading of a place name the document supports: the one in a province the
    /// document names elsewhere, else the one whose row matches most freely
    /// ([`Reader::place_rank`]).
    fn place_reading(&self, m: &LexMatch) -> Option<usize> {
        // Most names have one place reading: it is the one, with no votes counted.
        let mut readings = Self::place_terms(m);
        let first = readings.next()?;
        let Some(second) = readings.next() else {
            return Some(first);
        };
        [first, second]
            .into_iter()
            .chain(readings)
            .max_by_key(|&p| self.place_rank(p))
    }

    /// How strongly the document supports gazetteer row `p` as a name's reading,
    /// compared among its readings: the votes for its province, then how freely its
    /// row matches, then (`max_by_key` keeping the last maximum) earlier rows first.
    fn place_rank(&self, p: usize) -> (u32, u8, std::cmp::Reverse<usize>) {
        let gazetteer = &self.extractor.gazetteer;
        let votes = gazetteer
            .ancestor_of_kind(p, PlaceKind::Province)
            .and_then(|prov| self.province_votes.iter().find(|(q, _)| *q == prov))
            .map_or(0, |(_, n)| *n);
        let freedom = match gazetteer.get(p).map(|p| p.match_rule) {
            Some(crate::places::MatchRule::Any) => 2,
            Some(crate::places::MatchRule::Capitalized) => 1,
            _ => 0,
        };
        (votes, freedom, std::cmp::Reverse(p))
    }

    fn is_dateline(&self, m: &LexMatch) -> bool {
        self.datelines.iter().any(|d| d.contains(&m.start))
    }

    fn context_supports(&self, m: &LexMatch, facts: &SentenceFacts<'_>, before_word: &str) -> bool {
        let next = word_after(self.text, m.end).map_or("", |(_, w)| w);
        if is_word(
            next,
            &[
                "district",
                "agency",
                "tehsil",
                "area",
                "areas",
                "valley",
                "city",
                "town",
                "village",
                "subdivision",
                "region",
                "bazaar",
                "road",
                "highway",
                "police",
                "cantonment",
            ],
        ) {
            return true;
        }
        // The word before, in any case, as the place reading asks it.
        if is_word(
            before_word,
            &["in", "at", "near", "from", "of", "outside", "into"],
        ) {
            return true;
        }
        // Another place in the same district named in the sentence.
        let gazetteer = &self.extractor.gazetteer;
        Self::place_terms(m).any(|p| {
            let district = gazetteer.ancestor_of_kind(p, PlaceKind::District);
            facts.matches.iter().any(|other| {
                other.start != m.start
                    && !other.needs_context
                    && Self::place_terms(other).any(|q| {
                        district.is_some()
                            && gazetteer.ancestor_of_kind(q, PlaceKind::District) == district
                    })
            })
        })
    }

    /// Where a personal name starts that "and" joins to a count of one made by a
    /// possessive ("Noor and his guard", "Khan and her son"): the name is a person
    /// of the same clause. Not a word that opens the sentence as a function word,
    /// nor a word the dictionary reads as something else (a place, a group, a
    /// victim noun), nor a word in capitals ("ISPR").
    fn name_joined_to_possessive(&self, facts: &SentenceFacts<'_>, c: &Counted) -> Option<usize> {
        let possessive = self.text.get(c.start..c.end)?;
        if c.value != Some(1.0) || !is_word(possessive, &["his", "her"]) {
            return None;
        }
        self.name_before_and(facts, c.start)
    }

    /// Where a personal name starts that "and" joins to the words at `at`: "Noor and
    /// his guard", "Qari Hamid and four others".
    fn name_before_and(&self, facts: &SentenceFacts<'_>, at: usize) -> Option<usize> {
        let (and_at, and) = word_before(self.text, at)?;
        if !and.eq_ignore_ascii_case("and") {
            return None;
        }
        let (name_at, name) = word_before(self.text, and_at)?;
        let function_word = is_word(
            name,
            &[
                "he",
                "she",
                "they",
                "it",
                "the",
                "this",
                "that",
                "police",
                "officials",
            ],
        );
        let known = facts
            .matches
            .iter()
            .any(|m| m.start <= name_at && name_at < m.end);
        (name_at >= facts.start && is_personal_name(name) && !function_word && !known)
            .then_some(name_at)
    }

    /// "Captain Ali Raza, 27, of Sargodha, and Sepoy Tariq Mehmood, 22, of Chakwal,
    /// were martyred": the named men of a list before a plural passive verb, one for
    /// each rank or title followed by a name, counted by victim category.
    fn ranks_listed_before_verb(
        &self,
        facts: &SentenceFacts<'_>,
        casualty_words: &[CasualtyWord],
        claims: &mut Vec<Claim>,
    ) {
        for word in casualty_words {
            let (m, outcome) = (&facts.matches[word.index], word.outcome);
            let Some((were_at, were)) = self.before_casualty_word(word) else {
                continue;
            };
            // "..., were martyred", "... have embraced shahadat", "... Zahid Shah
            // embraced shahadat".
            let ends_in_name = is_personal_name(were);
            if were_at < facts.start || !(ends_in_name || is_word(were, &["were", "have", "had"])) {
                continue;
            }
            let until = if ends_in_name { m.start } else { were_at };
            let head = self.between(facts.start, until);
            // Semicolons and colons are ASCII, never inside a character: bytes will do.
            let from =
                facts.start + memchr::memrchr2(b';', b':', head.as_bytes()).map_or(0, |i| i + 1);
            if claims.iter().any(|c| c.at >= from && c.at < m.start) {
                continue;
            }
            let mut counts: Vec<(Victim, u32, usize)> = Vec::new();
            for v in facts
                .matches
                .iter()
                .filter(|v| v.start >= from && v.end <= until)
            {
                let Some((Some(category), true)) = Self::victim_at(v) else {
                    continue;
                };
                let title = self.text[v.start..v.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                let named = word_after(self.text, v.end).is_some_and(|(at, w)| {
                    at == v.end + 1 && w.chars().next().is_some_and(char::is_uppercase)
                });
                if title && named {
                    match counts.iter_mut().find(|(c, _, _)| *c == category) {
                        Some(entry) => entry.1 += 1,
                        None => counts.push((category, 1, v.start)),
                    }
                }
            }
            if counts.iter().map(|c| c.1).sum::<u32>() < 2 {
                continue;
            }
            for (victim, count, at) in counts {
                claims.push(Claim::exact(victim, outcome, count, at));
            }
        }
    }

    /// "Commander Gul Wazir was killed", "Wali ur Rehman was reportedly killed": one
    /// person, named right before a passive verb of killing or wounding.
    fn named_passive_victims(
        &self,
        facts: &SentenceFacts<'_>,
        casualty_words: &[CasualtyWord],
        claims: &mut Vec<Claim>,
    ) {
        for word in casualty_words {
            let (m, outcome) = (&facts.matches[word.index], word.outcome);
            let mut at = m.start;
            let mut auxiliary = false;
            let mut before = self.before_casualty_word(word);
            while let Some((ws, w)) = before {
                if ws < facts.start {
                    break;
                }
                if is_word(w, &["was", "been"]) {
                    auxiliary = true;
                } else if !is_word(
                    w,
                    &[
                        "reportedly",
                        "allegedly",
                        "also",
                        "later",
                        "apparently",
                        "has",
                        "had",
                        "believed",
                        "to",
                        "be",
                    ],
                ) {
                    break;
                }
                at = ws;
                before = word_before(self.text, at);
            }
            // Without "was" or "been" the verb is no passive of one person: no name is read.
            if !auxiliary {
                continue;
            }
            // "Wali ur Rehman, was killed": an apposition's comma may stand between.
            let head = self.text[..at].trim_end();
            let head = head.strip_suffix(',').unwrap_or(head);
            let Some((name_at, name)) = word_before(self.text, head.len()) else {
                continue;
            };
            let named = name_at >= facts.start
                && is_personal_name(name)
                && !facts
                    .matches
                    .iter()
                    .any(|o| o.start <= name_at && name_at < o.end)
                && !claims
                    .iter()
                    .any(|c| c.at <= m.start && c.outcome == outcome);
            if named {
                claims.push(Claim::one(
                    self.subject_victim(facts, m.start),
                    outcome,
                    name_at,
                ));
            }
        }
    }

    /// The word before a casualty word, with its start: [`word_before`] of its
    /// match, as the walk of [`Reader::sentence_facts`] found it.
    fn before_casualty_word(&self, word: &CasualtyWord) -> Option<(usize, &'a str)> {
        word.before
            .map(|(start, end)| (start, &self.text[start..end]))
    }

    fn victim_at(m: &LexMatch) -> Option<(Option<Victim>, bool)> {
        m.terms.iter().find_map(|t| match t {
            Term::Cue(Cue::Victim { category, singular }) => Some((*category, *singular)),
            _ => None,
        })
    }

    fn outcome_at(m: &LexMatch) -> Option<Outcome> {
        m.terms.iter().find_map(|t| match t {
            Term::Cue(cue) => outcome_of(cue),
            _ => None,
        })
    }

    /// Casualty claims: a number bound to the people it counts and what happened to them.
    fn claims(&self, facts: &SentenceFacts<'_>, scratch: &mut SentenceScratch) -> Vec<Claim> {
        let mut last_victim: Option<Victim> = None;
        // The casualty words, the singular victim nouns and the part cues, as the
        // walk of `sentence_facts` found them: the readings below go through them,
        // not through every match of the sentence again.
        let SentenceScratch {
            casualty_words,
            singular_victims,
            part_cues,
            counted,
            phrases,
            ..
        } = scratch;
        counted.clear();
        phrases.clear();
        // Numbers, plus "a/an/his" before a singular victim noun, as counts of one.
        counted.extend(
            facts
                .numbers
                .iter()
                .filter(|n| n.kind == NumberKind::Count)
                .map(|n| Counted {
                    start: n.start,
                    end: n.end,
                    value: n.value,
                    qualifier: n.qualifier,
                    low: n.low,
                    high: n.high,
                }),
        );
        for m in singular_victims.iter().map(|&k| &facts.matches[k]) {
            if let Some((ws, w)) = word_before(self.text, m.start) {
                let adjectives_between = &self.text[ws + w.len()..m.start];
                if ws >= facts.start
                    && is_word(w, &["a", "an", "another", "their", "his", "the"])
                    && adjectives_between.split_whitespace().next().is_none()
                    && !facts
                        .numbers
                        .iter()
                        .any(|n| n.end <= m.start && self.between(n.end, ws).trim().is_empty())
                {
                    counted.push(Counted {
                        start: ws,
                        end: ws + w.len(),
                        value: Some(1.0),
                        qualifier: Qualifier::Exact,
                        low: None,
                        high: None,
                    });
                } else if let Some((ws2, w2)) = word_before(self.text, ws) {
                    // "an army major", "their Pakistani driver": one adjective between.
                    if ws2 >= facts.start
                        && is_word(w2, &["a", "an", "another", "their", "his"])
                        && w.chars().all(|c| c.is_alphabetic())
                        && !facts.numbers.iter().any(|n| n.start <= ws && ws < n.end)
                    {
                        counted.push(Counted {
                            start: ws2,
                            end: ws2 + w2.len(),
                            value: Some(1.0),
                            qualifier: Qualifier::Exact,
                            low: None,
                            high: None,
                        });
                    }
                }
            }
        }
        // "Woman and child killed": a bare singular noun opening the sentence, or
        // joined by "and" to another count, is one person.
        for m in singular_victims.iter().map(|&k| &facts.matches[k]) {
            let head = self.text[facts.start..m.start].trim_end();
            // The noun phrase opening the sentence: "Woman and child killed",
            // "Alleged al Qaeda deputy commander killed in ...".
            // At most five words: counted no further than the sixth, as the head
            // can be most of a long sentence.
            let bare_start = head.is_empty()
                || (!facts.numbers.iter().any(|n| n.start < m.start)
                    && nth_word(head, 5).is_none()
                    && !head.contains([',', ';', ':', '.', '(', '"', '“'])
                    && head.split_whitespace().all(|w| {
                        !is_word(
                            w,
                            &[
                                "a", "an", "the", "and", "of", "in", "on", "at", "with", "by",
                                "when", "after",
                            ],
                        ) && (strip_suffix_ignore_ascii_case(w, "ed").is_none()
                            || is_word(
                                w,
                                &[
                                    "alleged",
                                    "suspected",
                                    "named",
                                    "wanted",
                                    "banned",
                                    "outlawed",
                                ],
                            ))
                    }));
            let after_and = head.ends_with(" and")
                && counted
                    .iter()
                    .any(|c| c.end <= m.start && m.start - c.end < 40);
            if (bare_start || after_and)
                && !counted.iter().any(|c| {
                    c.start <= m.start && m.start < c.end + 30 && c.end <= m.start && !after_and
                })
            {
                counted.push(Counted {
                    start: m.start,
                    end: m.start,
                    value: Some(1.0),
                    qualifier: Qualifier::Exact,
                    low: None,
                    high: None,
                });
            }
        }
        counted.sort_by_key(|c| c.start);
        counted.dedup_by_key(|c| c.start);

        for (k, c) in counted.iter().enumerate() {
            if self.is_part(facts, part_cues, casualty_words, c.start) {
                continue;
            }
            // "Nine rescuers, at least five of them villagers, were killed": a count
            // set off by a comma after another count, with "of them" after it, is a
            // part of that count ("five of them were killed" alone is not).
            if k > 0
                && self.part_cue_after(facts, part_cues, c.end)
                && self
                    .between(counted[k - 1].end, c.start)
                    .trim_end()
                    .ends_with(',')
            {
                continue;
            }
            let noun = self.noun_after(facts, c.end);
            let (victim, noun_end) = match noun {
                Some((cat, e)) => (cat, e),
                None => (None, c.end),
            };
            let right = self.outcome_right(facts, casualty_words, noun_end);
            let spelled_one =
                c.value == Some(1.0) && self.text[c.start..c.end].chars().all(char::is_alphabetic);
            let (outcome, from_right) = match (noun.is_some(), right, spelled_one) {
                (_, Some(o), _) => (Some(o), true),
                // "Noor was killed and 8 other police in his squad were injured": a casualty
                // word later in the clause beats one reached back across "and".
                (true, None, _) => match (
                    self.outcome_left(facts, casualty_words, c.start),
                    self.outcome_in_clause(facts, casualty_words, noun_end),
                ) {
                    (Some(_), Some(later))
                        if self
                            .between(
                                facts
                                    .start
                                    .max(floor_boundary(self.text, c.start.saturating_sub(8))),
                                c.start,
                            )
                            .contains("and") =>
                    {
                        (Some(later), true)
                    }
                    (left, _) => (left, false),
                },
                // A bare number counts people only right beside a casualty word ("kills at least six").
                (false, None, false) => match self.outcome_left_adjacent(facts, c.start) {
                    Some(o) => (Some(o), false),
                    None => (self.outcome_after_unknown_noun(facts, c.end), true),
                },
                (false, None, true) => (None, false),
            };
            if noun.is_none() && outcome.is_none() {
                continue;
            }
            phrases.push(Phrase {
                at: c.start,
                victim,
                has_noun: noun.is_some(),
                noun_end,
                outcome,
                from_right,
                counted: k,
            });
        }
        // "Two women and a child killed": counts joined by "and" share the casualty word after the last.
        for i in (0..phrases.len().saturating_sub(1)).rev() {
            if phrases[i].outcome.is_some() && phrases[i].from_right {
                continue;
            }
            let next_at = phrases[i + 1].at;
            let joiner = self
                .between(phrases[i].noun_end, next_at)
                .trim()
                .trim_matches(',')
                .trim();
            if phrases[i].has_noun
                && phrases[i + 1].from_right
                && is_word(
                    joiner,
                    &[
                        "and",
                        ",",
                        "as well as",
                        "plus",
                        "along with",
                        "and at least",
                        "",
                    ],
                )
            {
                phrases[i].outcome = phrases[i + 1].outcome;
                phrases[i].from_right = true;
            }
        }
        // "killing three policemen and a passer-by": a casualty word before the first count
        // reaches the counts joined to it by "and".
        for i in 1..phrases.len() {
            if phrases[i].outcome.is_some() || !phrases[i].has_noun {
                continue;
            }
            let joiner = self
                .between(phrases[i - 1].noun_end, phrases[i].at)
                .trim()
                .trim_matches(',')
                .trim();
            // "killed 26 people, 20 of them civilians": a part of the count before it.
            let part_of_previous =
                self.part_cue_after(facts, part_cues, counted[phrases[i].counted].end);
            // "killed a candidate running for a provincial seat, his driver and a guard":
            // a participle phrase after the first of a list, closed by its comma.
            let modifier = self.participle_modifier(facts, phrases[i - 1].noun_end, phrases[i].at);
            if phrases[i - 1].has_noun
                && phrases[i - 1].outcome.is_some()
                && !phrases[i - 1].from_right
                && !part_of_previous
                && (is_word(joiner, &["and", "", "as well as", "plus"]) || modifier)
            {
                phrases[i].outcome = phrases[i - 1].outcome;
            }
        }
        // Room for a claim from each phrase with a casualty word, allocated at once
        // (nothing when there is none), where a vector grown from nothing took the
        // longer path of growth to the allocator.
        let mut claims: Vec<Claim> =
            Vec::with_capacity(phrases.iter().filter(|p| p.outcome.is_some()).count());
        let to_u32 = |v: Option<f64>| {
            v.and_then(|v| {
                if (0.0..4.0e9).contains(&v) {
                    Some(v.round() as u32)
                } else {
                    None
                }
            })
        };
        for p in phrases.iter() {
            let Some(outcome) = p.outcome else { continue };
            let c = &counted[p.counted];
            let victim = match p.victim {
                Some(v) => v,
                None => last_victim.unwrap_or(Victim::People),
            };
            let victim = match victim {
                // "six officers" in a sentence about the police are policemen ("the
                // police chief said six officers had died").
                Victim::SecurityForces
                    if p.has_noun
                        && self.generic_force_noun(c.end, p.noun_end)
                        && self.police_named(facts) =>
                {
                    Victim::Police
                }
                Victim::People
                    if p.victim.is_none() && self.part_cue_after(facts, part_cues, c.end) =>
                {
                    self.referent_of_them(facts, c.start).unwrap_or(victim)
                }
                Victim::People => self.all_of_them(facts, p.noun_end).unwrap_or(victim),
                v => v,
            };
            last_victim = Some(victim);
            // "among 17-21 killed": the total, of which the counts before it are parts.
            let before = word_before(self.text, c.start).map(|(_, w)| w);
            let before_is = |word: &str| before.is_some_and(|w| w.eq_ignore_ascii_case(word));
            // "30 killed were later lowered to eight", "the toll was revised to 12": the
            // revised figure replaces the one it revises.
            let revised = before_is("to")
                && word_before(self.text, c.start)
                    .and_then(|(to_at, _)| word_before(self.text, to_at))
                    .is_some_and(|(at, _)| {
                        facts
                            .matches
                            .iter()
                            .any(|m| m.start == at && has_cue(m, Cue::Revision))
                    });
            if before_is("among") || revised {
                claims.retain(|earlier: &Claim| earlier.outcome != outcome);
            }
            let additional = word_after(self.text, c.end).is_some_and(|(_, w)| {
                starts_with_ignore_ascii_case(w, "other") || w.eq_ignore_ascii_case("more")
            });
            claims.push(Claim {
                victim,
                outcome,
                count: to_u32(c.value),
                qualifier: c.qualifier,
                low: to_u32(c.low),
                high: to_u32(c.high),
                at: c.start,
                claimant: None,
                additional,
            });
            // "X was killed along with 12-15 others": the named person is one more.
            // "killing him and four other militants": the person named by the pronoun too.
            let pronoun_and = before_is("and")
                && word_before(self.text, c.start)
                    .and_then(|(ws, _)| word_before(self.text, ws))
                    .is_some_and(|(ps, p)| ps >= facts.start && is_word(p, &["him", "her"]));
            // "Noor and his guard were killed": the name joined to "his guard" is one
            // more person, counted with him.
            if let Some(name_at) = self.name_joined_to_possessive(facts, c) {
                claims.push(Claim::one(victim, outcome, name_at));
            }
            // "Qari Hamid and four others were killed": the man named is one more.
            let name_and_others = additional && self.name_before_and(facts, c.start).is_some();
            if (before_is("with") && self.subject_uncounted(facts, c.start, &claims))
                || pronoun_and
                || name_and_others
            {
                claims.push(Claim::one(
                    self.subject_victim(facts, c.start),
                    outcome,
                    facts.start,
                ));
            }
        }

        // "killed terrorists", "the deaths of many Chinese nationals": a casualty word
        // right before a plural victim noun with no number is a vague count.
        for word in casualty_words.iter() {
            let (k, outcome) = (word.index, word.outcome);
            let m = &facts.matches[k];
            let Some(next) = facts.matches[k + 1..]
                .iter()
                .filter(|x| x.start >= m.end)
                .find(|x| Self::victim_at(x).is_some() || Self::outcome_at(x).is_some())
            else {
                continue;
            };
            let Some((Some(victim), false)) = Self::victim_at(next) else {
                continue;
            };
            let gap = self.between(m.end, next.start);
            // At most three words, each of a few adjectives and quantifiers (a word
            // of punctuation only counts, as an empty word), read in one walk.
            let mut ok_gap = true;
            let mut vague_word = false;
            let mut only_punctuation = true;
            for (i, w) in gap
                .split_whitespace()
                .map(|w| lower(w.trim_matches(|c: char| !c.is_alphanumeric())))
                .enumerate()
            {
                let w = w.as_str();
                let allowed = matches!(
                    w,
                    "of" | "the"
                        | "many"
                        | "several"
                        | "numerous"
                        | "some"
                        | "chinese"
                        | "foreign"
                        | "pakistani"
                        | "afghan"
                        | "innocent"
                        | "local"
                        | "suspected"
                        | ""
                );
                if i >= 3 || !allowed {
                    ok_gap = false;
                    break;
                }
                vague_word |= matches!(
                    w,
                    "many" | "several" | "numerous" | "scores" | "dozens" | "hundreds"
                );
                only_punctuation &= w.is_empty();
            }
            if !ok_gap || has_mark(gap, b",;.") {
                continue;
            }
            // "The martyred personnel, aged between 22 and 41, ...", "the injured
            // policemen were shifted": a casualty word as the adjective of a definite
            // noun refers back to people counted already.
            let definite = only_punctuation
                && self.before_casualty_word(word).is_some_and(|(at, w)| {
                    at >= facts.start && is_word(w, &["the", "these", "those", "their"])
                });
            if definite {
                continue;
            }
            if claims.iter().any(|c| c.at >= m.start && c.at <= next.end) {
                continue;
            }
            if facts
                .numbers
                .iter()
                .any(|n| n.start >= m.end && n.end <= next.start)
                && !vague_word
            {
                continue;
            }
            claims.push(Claim {
                victim,
                outcome,
                count: None,
                qualifier: Qualifier::Vague,
                low: None,
                high: None,
                at: next.start,
                claimant: None,
                additional: false,
            });
        }

        // "CIA drones killed Maulvi Nazir": a casualty word right before a name is one person.
        for word in casualty_words.iter() {
            let (m, outcome) = (&facts.matches[word.index], word.outcome);
            if !self.text[m.start..m.end].ends_with("ed") {
                continue;
            }
            let Some((ns, name)) = word_after(self.text, m.end) else {
                continue;
            };
            let named = ns < facts.end
                && ns - m.end <= 1
                && name.chars().next().is_some_and(char::is_uppercase)
                && name.chars().skip(1).any(char::is_lowercase)
                && facts.matches.iter().filter(|o| o.start == ns).all(|o| {
                    // "killed Commander Gul Wazir": a title before a name.
                    matches!(Self::victim_at(o), Some((_, true)))
                        && word_after(self.text, o.end).is_some_and(|(at, w)| {
                            at == o.end + 1 && w.chars().next().is_some_and(char::is_uppercase)
                        })
                })
                && !facts.numbers.iter().any(|n| n.start <= ns && ns < n.end)
                && !facts.dates.iter().any(|d| d.start <= ns && ns < d.end)
                && !matches!(
                    name,
                    "On" | "In"
                        | "At"
                        | "During"
                        | "After"
                        | "When"
                        | "While"
                        | "Last"
                        | "Earlier"
                        | "Later"
                        | "The"
                        | "A"
                        | "An"
                );
            if !named
                || claims
                    .iter()
                    .any(|c| c.at >= m.start && c.at <= ns + name.len())
            {
                continue;
            }
            claims.push(Claim::one(
                self.subject_victim(facts, facts.end),
                outcome,
                ns,
            ));
        }

        // "killing three Chinese citizens and their Pakistani driver": the singular after
        // "and" is counted above as its own claim with the same casualty word.
        // "his killing", "his death": one person.
        for word in casualty_words.iter() {
            if word.outcome != Outcome::Killed {
                continue;
            }
            let m = &facts.matches[word.index];
            if let Some((ws, w)) = self.before_casualty_word(word) {
                if ws >= facts.start
                    && is_word(w, &["his", "her"])
                    && is_word(&self.text[m.start..m.end], &["killing", "death"])
                    && !claims.iter().any(|c| c.at == ws)
                {
                    let militant_named = facts.matches.iter().any(|o| {
                        o.end <= m.start
                            && Self::actor_terms(o).any(|a| {
                                self.extractor
                                    .actors
                                    .get(a)
                                    .is_some_and(|a| a.kind.is_militant())
                            })
                    });
                    let victim = if militant_named {
                        Victim::Militants
                    } else {
                        Victim::People
                    };
                    claims.push(Claim::one(victim, Outcome::Killed, ws));
                }
            }
        }
        self.named_passive_victims(facts, casualty_words, &mut claims);
        self.ranks_listed_before_verb(facts, casualty_words, &mut claims);
        claims.sort_by_key(|c| c.at);
        // "Early reports put the toll at three, although later an official said six
        // had died": a first figure that a later one in the sentence corrects.
        // Asked only of two claims or more: a single one has no later figure.
        if claims.len() > 1 {
            let superseded: Vec<usize> = claims
                .iter()
                .enumerate()
                .filter(|(i, c)| {
                    claims[i + 1..]
                        .iter()
                        .any(|later| later.outcome == c.outcome)
                        && self.told_as_first_figure(facts, c.at)
                })
                .map(|(i, _)| i)
                .collect();
            for i in superseded.into_iter().rev() {
                claims.remove(i);
            }
        }

        // Who says so: the attribution nearest to the claim in the sentence.
        for claim in &mut claims {
            claim.claimant = facts
                .speakers
                .iter()
                .min_by_key(|s| s.cue_at.abs_diff(claim.at))
                .cloned();
        }
        claims
    }

    /// Whether the noun ending at `noun_end` after a count is one the police and the
    /// army share: "officers" ("personnel" leans to the forces: "security personnel").
    fn generic_force_noun(&self, count_end: usize, noun_end: usize) -> bool {
        let noun = self
            .between(count_end, noun_end)
            .split_whitespace()
            .last()
            .map(lower);
        noun.is_some_and(|n| matches!(n.as_str(), "officers" | "officer"))
    }

    /// Whether the sentence names the police (an actor of the police's kind).
    fn police_named(&self, facts: &SentenceFacts<'_>) -> bool {
        let registry = &self.extractor.actors;
        facts.named_matches().iter().any(|m| {
            Self::actor_terms(m)
                .any(|a| registry.get(a).is_some_and(|a| a.kind == ActorKind::Police))
        })
    }

    /// Who "them" is in "killing seven of them": the nearest people named before `at`
    /// in the sentence ("a group of militants", "a bus carrying 20 passengers").
    fn referent_of_them(&self, facts: &SentenceFacts<'_>, at: usize) -> Option<Victim> {
        let registry = &self.extractor.actors;
        let nearest = facts
            .matches
            .iter()
            .rev()
            .filter(|m| m.end <= at)
            .find(|m| Self::victim_at(m).is_some() || Self::actor_terms(m).next().is_some())?;
        if let Some((category, _)) = Self::victim_at(nearest) {
            return category;
        }
        // "opened fire on customs officials ..., killing two of them": not the gunmen.
        Self::actor_terms(nearest).find_map(|a| match registry.get(a)?.kind {
            ActorKind::MilitantGroup | ActorKind::Faction | ActorKind::Generic => {
                Some(Victim::Militants)
            }
            ActorKind::Police => Some(Victim::Police),
            ActorKind::StateForce => Some(Victim::SecurityForces),
            _ => None,
        })
    }

    /// Who the people counted before `end` all were: "eight people, all of them women
    /// and children" are civilians.
    fn all_of_them(&self, facts: &SentenceFacts<'_>, end: usize) -> Option<Victim> {
        let rest = self.between(end, facts.end);
        let head = rest.get(..rest.len().min(24)).unwrap_or("");
        let cue = [", all of them ", ", all of whom were ", ", all "]
            .iter()
            .find(|c| starts_with_ignore_ascii_case(head, c))?;
        let from = end + cue.len();
        let mut category = None;
        for m in facts
            .matches
            .iter()
            .filter(|m| m.start >= from && m.start < from + 40)
        {
            let gap = self.between(from, m.start);
            if has_mark(gap, b",;.") {
                break;
            }
            match Self::victim_at(m) {
                Some((Some(c), _)) if category.is_none_or(|k| k == c) => category = Some(c),
                Some((Some(_), _)) => return None,
                _ => {}
            }
        }
        category
    }

    /// Whether the subject of "... killed with N others" went uncounted: no count
    /// stands before the casualty word.
    fn subject_uncounted(&self, facts: &SentenceFacts<'_>, at: usize, claims: &[Claim]) -> bool {
        let Some(kill) = facts
            .matches
            .iter()
            .rev()
            .find(|m| m.end <= at && Self::outcome_at(m).is_some())
        else {
            return false;
        };
        at - kill.end < 30 && !claims.iter().any(|c| c.at < kill.start)
    }

    /// Who the subject of "... killed with N others" is: a militant when a group or
    /// militant noun names him, else a person.
    fn subject_victim(&self, facts: &SentenceFacts<'_>, at: usize) -> Victim {
        let militant = facts.matches.iter().filter(|m| m.end <= at).any(|m| {
            Self::actor_terms(m).any(|a| {
                self.extractor
                    .actors
                    .get(a)
                    .is_some_and(|a| a.kind.is_militant())
            }) || matches!(Self::victim_at(m), Some((Some(Victim::Militants), _)))
        });
        let civilian = facts
            .matches
            .iter()
            .filter(|m| m.end <= at)
            .any(|m| matches!(Self::victim_at(m), Some((Some(Victim::Civilians), _))));
        if militant {
            Victim::Militants
        } else if civilian {
            Victim::Civilians
        } else {
            Victim::People
        }
    }

    /// Whether the number at `at` is a part of a total given just before ("including
    /// two children"). `part_cues` and `casualty_words` are the sentence's matches
    /// of those kinds, as [`SentenceScratch`] holds them.
    fn is_part(
        &self,
        facts: &SentenceFacts<'_>,
        part_cues: &[usize],
        casualty_words: &[CasualtyWord],
        at: usize,
    ) -> bool {
        // "including 13 policemen and 1 soldier": every count of the list after the cue.
        part_cues.iter().map(|&k| &facts.matches[k]).any(|m| {
            m.end <= at && at - m.end <= 60 && {
                let between = &self.text[m.end..at];
                !has_mark(between, b".;()")
                    && !casualty_words.iter().any(|word| {
                        let o = &facts.matches[word.index];
                        o.start >= m.end && o.end <= at
                    })
                    && (nth_word(between, 1).is_none()
                        || between.trim_end().ends_with(" and")
                        || between.trim_end().ends_with(','))
            }
        })
    }

    /// Whether a part cue ("of them", "of whom"; `part_cues` are the sentence's, as
    /// [`SentenceScratch`] holds them) follows the count ending at `end`: "killed 26
    /// people, 20 of them civilians".
    fn part_cue_after(&self, facts: &SentenceFacts<'_>, part_cues: &[usize], end: usize) -> bool {
        part_cues
            .iter()
            .map(|&k| &facts.matches[k])
            .any(|m| m.start >= end && self.between(end, m.start).trim().is_empty())
    }

    /// The victim noun counted by the number ending at `end`, and where the noun ends.
    fn noun_after(&self, facts: &SentenceFacts<'_>, end: usize) -> Option<(Option<Victim>, usize)> {
        let limit = (end + 90).min(facts.end);
        let mut words_between = 0usize;
        let mut cursor = end;
        for m in facts
            .matches
            .iter()
            .filter(|m| m.start >= end && m.start < limit)
        {
            let gap = self.between(cursor, m.start);
            if has_mark(gap, b",;:.") && !gap.trim_start().starts_with('(') {
                return None;
            }
            words_between += count_words_outside_parens(gap);
            if words_between > 4 {
                return None;
            }
            if facts
                .numbers
                .iter()
                .any(|n| n.start >= end && n.start < m.start)
            {
                return None;
            }
            if let Some((category, _)) = Self::victim_at(m) {
                // "four other militants", "two other constables": the noun after "other".
                if category.is_none() {
                    if let Some(next) = facts.matches_from(m.end).iter().find(|v| {
                        self.between(m.end, v.start).trim().is_empty()
                            && matches!(Self::victim_at(v), Some((Some(_), _)))
                    }) {
                        if let Some((next_category, _)) = Self::victim_at(next) {
                            return Some((next_category, next.end));
                        }
                    }
                }
                return Some((category, m.end));
            }
            // "3-4 alleged Taliban killed": a group's name standing for its members.
            // "14 Taliban killed": the fighters of a group, the Afghan Taliban's included.
            let group = Self::actor_terms(m).any(|a| {
                self.extractor.actors.get(a).is_some_and(|a| {
                    matches!(a.kind, ActorKind::MilitantGroup | ActorKind::Faction)
                        || a.id == "AFGHAN_TALIBAN"
                })
            });
            let noun_follows = || {
                facts.matches_from(m.end).iter().any(|v| {
                    self.between(m.end, v.start).trim().is_empty() && Self::victim_at(v).is_some()
                })
            };
            if group && !noun_follows() {
                return Some((Some(Victim::Militants), m.end));
            }
            if m.terms.iter().any(|t| {
                matches!(
                    t,
                    Term::Cue(
                        Cue::Thing
                            | Cue::Measure(_)
                            | Cue::Kill
                            | Cue::Wound
                            | Cue::Abduct
                            | Cue::Arrest
                            | Cue::Event { .. }
                    )
                )
            }) {
                return None;
            }
            // Actor names between the number and the noun: "20 TTP militants".
            cursor = cursor.max(m.end);
        }
        None
    }

    /// A casualty word right after the noun phrase: "were martyred", "killed", "dead".
    /// An active casualty verb with a count after it makes the count before it its
    /// agent, not its victim: a death is read where the text states it ("the bomber
    /// also died"), not inferred from the kind of attack.
    /// `casualty_words` are the sentence's, as [`SentenceScratch`] holds them.
    fn outcome_right(
        &self,
        facts: &SentenceFacts<'_>,
        casualty_words: &[CasualtyWord],
        from: usize,
    ) -> Option<Outcome> {
        let limit = (from + 110).min(facts.end);
        // The first casualty word in the stretch is the one read.
        let word = casualty_words.iter().find(|word| {
            let start = facts.matches[word.index].start;
            start >= from && start < limit
        })?;
        let (m, outcome) = (&facts.matches[word.index], word.outcome);
        if self.active_with_counted_object(facts, word) {
            // "Two militants killed three soldiers", "killing two of them and
            // wounding three": the count before the verb is not its victim.
            return None;
        }
        // The words outside asides, and whether they hold a full stop or
        // a semicolon.
        let mut words = GapWords::new();
        let mut stop = false;
        // Once the words are settled, `stop` is asked of no answer: the rest
        // of the gap is not read.
        visit_outside_asides(&self.text[from..m.start], |piece| {
            words.add(piece);
            stop |= has_mark(piece, b";.");
            !words.settled()
        });
        let filler = words.all_filler || self.of_name_then_filler(facts, from, m.start);
        // "26-35 alleged militants and 8-year old boy killed", "4-5 militants or
        // civilians killed": a coordinated noun phrase before the casualty word.
        let coordinated = words.count <= 7
            && words.has_conjunction
            && !words.ends_with_conjunction
            && !facts
                .numbers
                .iter()
                .any(|n| n.kind == NumberKind::Count && n.start >= from && n.end <= m.start)
            && !stop
            && facts
                .matches
                .iter()
                .any(|v| v.start >= from && v.end <= m.start && Self::victim_at(v).is_some());
        // "Three soldiers fought bravely and laid down their lives": a verb
        // joined by "and" to the casualty word.
        let joined_verb = (2..=4).contains(&words.count)
            && words.ends_with_and
            && !words.has_determiner
            && !facts
                .numbers
                .iter()
                .any(|n| n.start >= from && n.end <= m.start)
            && !facts
                .matches
                .iter()
                .any(|v| v.start >= from && v.end <= m.start && Self::victim_at(v).is_some());
        (filler || joined_verb || coordinated).then_some(outcome)
    }

    /// Whether the words from `from` to `to` are an "of" phrase naming a group or a
    /// place, then filler: "(a deputy commander) of the Pakistani Taliban was
    /// reportedly (killed)", "(two soldiers) of the Frontier Corps were (martyred)".
    fn of_name_then_filler(&self, facts: &SentenceFacts<'_>, from: usize, to: usize) -> bool {
        let gap = self.between(from, to);
        if has_mark(gap, b",;.:(") {
            return false;
        }
        let named = |at: usize| {
            facts.matches.iter().any(|n| {
                n.start <= at
                    && at < n.end
                    && (Self::actor_terms(n).next().is_some()
                        || Self::place_terms(n).next().is_some())
            })
        };
        let mut words = gap.split_whitespace().map(|w| {
            let at = from + (w.as_ptr() as usize - gap.as_ptr() as usize);
            (at, lower(w))
        });
        if !words.next().is_some_and(|(_, w)| w == "of") {
            return false;
        }
        let mut names = 0;
        let mut in_names = true;
        for (at, w) in words {
            if in_names && named(at) {
                names += 1;
            } else if in_names && matches!(w.as_str(), "the" | "banned" | "outlawed" | "proscribed")
            {
                continue;
            } else {
                in_names = false;
                if !is_filler_after_noun(&w) {
                    return false;
                }
            }
        }
        names > 0
    }

    /// Whether the casualty word `m` is a verb in the active voice with a count as
    /// its object: a number right after it ("kills at least eight", "killed 12
    /// people"), and no "was", "were", "been" before it.
    fn active_with_counted_object(&self, facts: &SentenceFacts<'_>, word: &CasualtyWord) -> bool {
        let m = &facts.matches[word.index];
        let passive = self.before_casualty_word(word).is_some_and(|(_, w)| {
            is_word(
                w,
                &["was", "were", "been", "being", "is", "are", "got", "get"],
            )
        });
        !passive
            && facts.numbers.iter().any(|n| {
                n.kind == NumberKind::Count
                    && n.start >= m.end
                    && self.between(m.end, n.start).trim().is_empty()
            })
    }

    /// The first casualty word after `from` within its clause (no punctuation between,
    /// at most six words), however loosely joined.
    /// `casualty_words` are the sentence's, as [`SentenceScratch`] holds them.
    fn outcome_in_clause(
        &self,
        facts: &SentenceFacts<'_>,
        casualty_words: &[CasualtyWord],
        from: usize,
    ) -> Option<Outcome> {
        let (m, outcome) = casualty_words
            .iter()
            .map(|word| (&facts.matches[word.index], word.outcome))
            .find(|(m, _)| m.start >= from)?;
        let gap = self.between(from, m.start);
        (!has_mark(gap, b",;.:") && nth_word(gap, 6).is_none()).then_some(outcome)
    }

    /// The casualty word before the number: "killing three", "the deaths of 82".
    /// `casualty_words` are the sentence's, as [`SentenceScratch`] holds them.
    fn outcome_left(
        &self,
        facts: &SentenceFacts<'_>,
        casualty_words: &[CasualtyWord],
        at: usize,
    ) -> Option<Outcome> {
        let from = at.saturating_sub(60).max(facts.start);
        let (m, outcome) = casualty_words
            .iter()
            .rev()
            .map(|word| (&facts.matches[word.index], word.outcome))
            .find(|(m, _)| m.end <= at && m.start >= from)?;
        let gap = &self.text[m.end..at];
        if has_mark(gap, b";.:") {
            return None;
        }
        // At most three words, all filler ("killing at least", "the deaths of").
        let mut words = gap
            .split_whitespace()
            .map(|w| lower(w.trim_matches(|c: char| !c.is_alphanumeric())))
            .filter(|w| !w.is_empty());
        let all_filler = words.by_ref().take(3).all(|w| is_filler_before_number(&w));
        if !all_filler || words.next().is_some() {
            return None;
        }
        Some(outcome)
    }

    fn outcome_left_adjacent(&self, facts: &SentenceFacts<'_>, at: usize) -> Option<Outcome> {
        if let Some(outcome) = self.toll_before(facts, at) {
            return Some(outcome);
        }
        let m = facts.matches.iter().rev().find(|m| m.end <= at)?;
        let gap = self.text[m.end..at].trim();
        // "wounding another 30", "injuring a further 12".
        if matches!(
            gap,
            "" | "at least" | "some" | "the" | "another" | "a further"
        ) {
            Self::outcome_at(m)
        } else {
            None
        }
    }

    /// "The death toll rose to 35", "put the toll at 101", "the number of people killed
    /// climbed to at least 54": a number that a toll named before it reaches.
    fn toll_before(&self, facts: &SentenceFacts<'_>, at: usize) -> Option<Outcome> {
        let before = word_before(self.text, at)?;
        if before.0 < facts.start || !is_word(before.1, &["to", "at", "reached"]) {
            return None;
        }
        let from = facts.start.max(at.saturating_sub(160));
        let mut from = from;
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        // The words as they are, asked in any case: no lowered copy.
        let head = &self.text[from..at];
        let toll = rfind_ignore_ascii_case(head, "toll")
            .or_else(|| rfind_ignore_ascii_case(head, "number of"))?;
        // No other number between the toll and this one.
        if facts
            .numbers
            .iter()
            .any(|n| n.start > from + toll && n.end <= at && n.start < at)
        {
            return None;
        }
        let lead = head[..toll].trim_end();
        let injured = strip_suffix_ignore_ascii_case(lead, "injury").is_some()
            || strip_suffix_ignore_ascii_case(lead, "injured").is_some()
            || contains_ignore_ascii_case(&head[toll..], "injured")
            || contains_ignore_ascii_case(&head[toll..], "wounded");
        Some(if injured {
            Outcome::Wounded
        } else {
            Outcome::Killed
        })
    }

    /// Groups sentences into incidents and statistics.
    fn group(&self, facts: &[SentenceFacts<'_>], output: &mut Output) {
        let mut drafts: Vec<IncidentDraft> = Vec::new();
        let mut current: Option<usize> = None;
        let mut last_stat_sentence: Option<usize> = None;
        let mut last_stat_source: Option<(String, String)> = None;
        let mut last_stat_region: Vec<String> = Vec::new();
        let mut pending_perpetrator: Option<(String, usize, usize)> = None;

        for f in facts {
            if f.responsibility {
                if let Some(actor) = self.militant_in(f) {
                    let target = current.or(drafts.len().checked_sub(1));
                    match target {
                        Some(i) => drafts[i].perpetrator = Some(actor),
                        None => pending_perpetrator = Some(actor),
                    }
                }
                if f.claims.is_empty() {
                    continue;
                }
            }
            // Disasters, meetings and talks: numbers there are not casualties of violence,
            // unless a count of dead is told with a word of violence.
            if f.nonviolent
                && !(f.events.iter().any(|e| !e.2)
                    && f.claims
                        .iter()
                        .any(|c| c.count.is_some() || c.low.is_some()))
            {
                continue;
            }
            if f.negation && f.claims.is_empty() {
                continue;
            }
            let has_percent = f.numbers.iter().any(|n| n.kind == NumberKind::Percent);
            let has_period = f.dates.iter().any(|d| d.is_period);
            let specific = f.dates.iter().any(|d| {
                !d.is_period && matches!(d.precision, DatePrecision::Day | DatePrecision::Week)
            }) || f
                .events
                .iter()
                .any(|&(at, _, anaphoric)| anaphoric || self.singular_article_before(at));
            let follows_statistic = last_stat_sentence.is_some_and(|s| s + 2 >= f.index)
                && f.events.is_empty()
                && !f.claims.is_empty();
            // A research group's figures over a period, or a count of attacks over one, is a
            // tally even beside a word that pins a day ("the report released this week",
            // "the attack came days after PIPS said ...").
            let tally = (has_period || f.aggregate)
                && (self.names_research_org(f) || self.counts_attacks(f));
            // "claimed killing hundreds of them", "hundreds of soldiers have been killed in
            // Khyber Pakhtunkhwa": only a vague toll of hundreds or more, dated nowhere
            // and placed in no district, is a tally of many events.
            let vague_tally = !f.claims.is_empty()
                && f.claims
                    .iter()
                    .all(|c| c.count.is_none() && c.low.is_some_and(|l| l >= 100))
                && !specific
                && f.places.iter().all(|&p| {
                    self.extractor
                        .gazetteer
                        .get(p)
                        .is_some_and(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Province))
                });
            // "5,000 to 6,000 TTP fighters are sheltering in Afghanistan": militants
            // present, counted, and nobody hurt.
            let strength = f.claims.is_empty() && f.kinds & kind_bit(Cue::Strength) != 0;
            let statistical = has_percent
                || vague_tally
                || strength
                || ((has_period || f.aggregate || follows_statistic) && (!specific || tally));
            if statistical {
                let before = output.statistics.len();
                self.statistics(f, &mut last_stat_source, &mut last_stat_region, output);
                if output.statistics.len() > before {
                    last_stat_sentence = Some(f.index);
                }
                continue;
            }
            if f.irrealis
                && !f
                    .claims
                    .iter()
                    .any(|c| c.count.is_some() || c.low.is_some())
            {
                continue;
            }
            let harm_claims = f.claims.iter().any(|c| c.outcome != Outcome::Arrested);
            let trigger = f.events.first().map(|e| e.1);
            let has_place = !f.places.is_empty();
            let has_date = f
                .dates
                .iter()
                .any(|d| !d.is_period && d.precision != DatePrecision::Unknown);
            let counted = f
                .claims
                .iter()
                .any(|c| c.count.is_some() || c.low.is_some());
            let anchored = trigger.is_some() || has_place || has_date;
            // Without a casualty claim, a word of violence tells an event only when it is
            // pinned down: a date, or a place and a single event ("a blast", "stormed").
            let dated = f.dates.iter().any(|d| {
                !d.is_period
                    && matches!(
                        d.precision,
                        DatePrecision::Day | DatePrecision::Week | DatePrecision::Month
                    )
            });
            let single = f
                .events
                .iter()
                .any(|&(at, _, _)| !self.is_plural_noun_at(f, at));
            let eventive = (harm_claims && (counted || anchored))
                || (!f.claims.is_empty() && trigger.is_some())
                || (trigger.is_some() && dated && self.past_tense(f))
                // "Strike with unknown casualty figures near Wana": one event, placed.
                || (trigger.is_some() && has_place && single);
            if !eventive {
                // A sentence that only refers back ("the strikes") may still place or date the incident.
                if let Some(i) = current {
                    if f.events.iter().any(|e| e.2)
                        && f.paragraph_near(&facts[drafts[i].sentences[0]])
                    {
                        self.refine(&mut drafts[i], f);
                    }
                    // "The bomber rammed an explosives-laden car into ...", told after the toll:
                    // a suicide bombing, whatever the first sentence called it.
                    let near = drafts[i].core.last().is_some_and(|&c| f.index <= c + 3);
                    if near
                        && !f.irrealis
                        && !f.aggregate
                        && f.events.iter().any(|e| e.1 == EventType::SuicideBombing)
                        && drafts[i].event_type.refined_by(EventType::SuicideBombing)
                        && self.past_tense(f)
                    {
                        drafts[i].event_type = EventType::SuicideBombing;
                        drafts[i].type_inferred = false;
                    }
                }
                continue;
            }
            let event_type = self.event_type(f);
            // "China condemned the attack": words that only refer back never open an incident.
            let only_refers_back = !f.events.is_empty() && f.events.iter().all(|e| e.2);
            if only_refers_back && f.claims.is_empty() {
                if let Some(i) = current {
                    if self.compatible(&drafts[i], f, event_type) {
                        self.refine(&mut drafts[i], f);
                    }
                }
                continue;
            }
            let start_new = match current {
                None => true,
                Some(i) if drafts[i].core.len() >= MAX_SENTENCES_PER_INCIDENT => true,
                // A sentence that refers back with words of its own place or day ("the
                // suicide bombing in Peshawar, in which 84 were killed") tells of another.
                Some(i) => f.separate || !self.compatible(&drafts[i], f, event_type),
            };
            if start_new {
                drafts.push(IncidentDraft {
                    event_type: self.own_event_type(f).unwrap_or(event_type),
                    type_inferred: f.events.is_empty(),
                    // Room for the first few sentences, allocated at once: every
                    // draft takes its opening sentence below.
                    sentences: Vec::with_capacity(4),
                    core: Vec::with_capacity(4),
                    // Room for what the opening sentence brings, taken below.
                    claims: Vec::with_capacity(f.claims.len()),
                    places: Vec::with_capacity(f.places.len()),
                    date: None,
                    perpetrator: pending_perpetrator.take(),
                    target: None,
                });
                current = Some(drafts.len() - 1);
            }
            let Some(i) = current else { continue };
            let draft = &mut drafts[i];
            // A later sentence names the kind more precisely ("the attack" was a suicide bombing);
            // within one family of kinds the first telling stands ("airstrikes ... jets and drones").
            // "... hours after Tuesday's airstrikes in Paktika. ... in retaliation for the
            // strikes in Barmal, which killed 46": an incident first told by words that
            // refer back takes the day an earlier sentence put on that event.
            if start_new && only_refers_back && !f.dates.iter().any(|d| !d.is_period) {
                draft.date = facts[f.index.saturating_sub(SPEAKER_WINDOW)..f.index]
                    .iter()
                    .rev()
                    .find_map(|g| {
                        g.dates
                            .iter()
                            .find(|d| {
                                self.possessive_on_event(&g.background, d)
                                    && g.background.iter().any(|e| {
                                        e.0 >= d.end && e.1.compatible_with(draft.event_type)
                                    })
                            })
                            .cloned()
                    });
            }
            // Words that only refer back add no kind when they are generic ("killed in
            // the firing", "the attack"), but do when specific ("the suicide attack"),
            // and may name a kind that was only inferred.
            let named = if draft.type_inferred {
                (!f.events.is_empty()).then_some(event_type)
            } else {
                most_specific(
                    f.events
                        .iter()
                        .filter(|e| !e.2 || e.1.specificity() >= EventType::Bombing.specificity())
                        .map(|e| e.1),
                )
            };
            if let Some(named) = named {
                if !start_new && (draft.type_inferred || draft.event_type.refined_by(named)) {
                    draft.event_type = named;
                    draft.type_inferred = false;
                }
            }
            self.refine(draft, f);
            draft.core.push(f.index);
            self.add_claims(draft, f, facts);
            // "The BLA claimed that its fighters had killed 15 soldiers": a group that
            // tells of the dead it made is who did it, over "militants" unnamed.
            let unnamed = draft.perpetrator.as_ref().is_none_or(|p| {
                self.extractor
                    .actors
                    .index_of(&p.0)
                    .and_then(|a| self.extractor.actors.get(a))
                    .is_some_and(|a| a.kind == ActorKind::Generic)
            });
            if unnamed && !draft.event_type.is_state_action() {
                if let Some(group) = f.claims.iter().find_map(|c| {
                    let speaker = c.claimant.as_ref()?;
                    let actor = self.extractor.actors.get(speaker.actor)?;
                    (c.victim != Victim::Militants
                        && matches!(actor.kind, ActorKind::MilitantGroup | ActorKind::Faction))
                    .then(|| (actor.id.clone(), speaker.text_start, speaker.text_end))
                }) {
                    draft.perpetrator = Some(group);
                }
            }
        }

        // A short report that tells of one event without a number, a place or a date
        // ("CIA drones reportedly fired two missiles on a compound") still reports it.
        if drafts.is_empty() && facts.len() <= 4 {
            let told = facts.iter().find(|f| {
                !f.events.is_empty()
                    && f.events.iter().any(|e| !e.2)
                    && !f.irrealis
                    && !f.nonviolent
                    && !f.aggregate
                    && !f.negation
                    && f.dates.iter().all(|d| !d.is_period)
                    && self.past_tense(f)
            });
            if let Some(f) = told {
                let mut draft = IncidentDraft {
                    event_type: self.event_type(f),
                    type_inferred: false,
                    sentences: Vec::new(),
                    core: vec![f.index],
                    claims: Vec::new(),
                    places: Vec::new(),
                    date: None,
                    perpetrator: pending_perpetrator.take(),
                    target: None,
                };
                self.refine(&mut draft, f);
                self.add_claims(&mut draft, f, facts);
                drafts.push(draft);
            }
        }

        let mut offsets = CharOffsets::new(self.text);
        // A row for each draft, at most, and a casualty row for each of their
        // claims: one allocation each, not vectors grown by steps.
        output.incidents.reserve(drafts.len());
        output
            .casualties
            .reserve(drafts.iter().map(|d| d.claims.len()).sum());
        for (n, draft) in drafts.into_iter().enumerate() {
            self.finish(n, draft, facts, &mut offsets, output);
        }
    }

    /// Whether the event word at `at` is a plural noun ("attacks", "operations"),
    /// which tells of many events rather than one.
    fn is_plural_noun_at(&self, f: &SentenceFacts<'_>, at: usize) -> bool {
        let Some(m) = f.matches.iter().find(|m| {
            m.start == at
                && m.terms
                    .iter()
                    .any(|t| matches!(t, Term::Cue(Cue::Event { .. })))
        }) else {
            return false;
        };
        let word = &self.text[m.start..m.end];
        let ends_with = |suffix| strip_suffix_ignore_ascii_case(word, suffix).is_some();
        ends_with("s") && !ends_with("ss") && !ends_with("ous")
    }

    fn singular_article_before(&self, at: usize) -> bool {
        word_before(self.text, at).is_some_and(|(_, w)| is_word(w, &["a", "an"]))
    }

    fn past_tense(&self, f: &SentenceFacts<'_>) -> bool {
        tells_past_tense(&self.text[f.start..f.end])
    }

    /// The kind a sentence that opens a new incident names for it: words that refer
    /// back ("the strikes came days after militants killed 16 soldiers in an attack")
    /// name the incident told before, not the new one. `None` when only such words,
    /// or none, are there.
    fn own_event_type(&self, f: &SentenceFacts<'_>) -> Option<EventType> {
        most_specific(f.events.iter().filter(|e| !e.2).map(|e| e.1))
    }

    fn event_type(&self, f: &SentenceFacts<'_>) -> EventType {
        match most_specific(f.events.iter().map(|e| e.1)) {
            Some(t) => t,
            None => {
                // No word names the event: a killing with no word of how.
                let killed = |victim: Victim| {
                    f.claims
                        .iter()
                        .any(|c| c.victim == victim && c.outcome == Outcome::Killed)
                };
                if killed(Victim::Militants) && self.state_actor_in(f).is_some() {
                    // Soldiers and attackers dead on both sides: a fight, as an assault
                    // repelled is ("four soldiers martyred, three terrorists sent to hell");
                    // militants dead alone: the forces' operation.
                    if killed(Victim::SecurityForces) {
                        EventType::ArmedClash
                    } else {
                        EventType::SecurityOperation
                    }
                } else if f.claims.iter().any(|c| c.outcome == Outcome::Abducted) {
                    EventType::Abduction
                } else if !f.responsibility
                    && f.claims.iter().any(|c| {
                        c.victim != Victim::Militants
                            && matches!(c.outcome, Outcome::Killed | Outcome::Wounded)
                    })
                    && self.perpetrator_in(f, EventType::Attack).is_some()
                {
                    // "Militants killed three soldiers at a checkpoint": people killed
                    // or wounded by a non-state armed group is an armed assault (the
                    // schema's `attack`), however the text words it. Not a claim of
                    // responsibility, which tells of an incident told already.
                    EventType::Attack
                } else {
                    EventType::Other
                }
            }
        }
    }

    fn compatible(
        &self,
        draft: &IncidentDraft,
        f: &SentenceFacts<'_>,
        event_type: EventType,
    ) -> bool {
        let gazetteer = &self.extractor.gazetteer;
        // Places: the same district, or one within the other.
        for &p in &f.places {
            for &q in &draft.places {
                let same_line = gazetteer.is_within(p, q) || gazetteer.is_within(q, p);
                if !same_line {
                    let dp = gazetteer.ancestor_of_kind(p, PlaceKind::District);
                    let dq = gazetteer.ancestor_of_kind(q, PlaceKind::District);
                    if dp.is_some() && dq.is_some() && dp != dq {
                        return false;
                    }
                    let pp = gazetteer.ancestor_of_kind(p, PlaceKind::Province);
                    let pq = gazetteer.ancestor_of_kind(q, PlaceKind::Province);
                    if pp.is_some() && pq.is_some() && pp != pq {
                        return false;
                    }
                }
            }
        }
        // Dates: two different days are two events, when the sentence names an event of
        // its own ("The TTP confirmed his death on Saturday" tells of the same one).
        if let (false, Some(d), Some(new)) = (
            f.events.is_empty(),
            &draft.date,
            f.dates.iter().find(|d| !d.is_period && d.date.is_some()),
        ) {
            if d.precision == DatePrecision::Day
                && new.precision == DatePrecision::Day
                && d.date != new.date
            {
                return false;
            }
            // "another convoy ... in October", told of a November day: periods apart.
            if let (Some(a), Some(b)) = (mention_period(d), mention_period(new)) {
                if a.1 < b.0 || b.1 < a.0 {
                    return false;
                }
            }
        }
        // A sentence with its own claims and its own kind of event, far from the incident, is another.
        let refers_back = f.events.iter().any(|e| e.2);
        // A sentence that only adds figures ("Eleven other people were wounded") continues it.
        let far = draft.sentences.last().is_some_and(|&s| f.index > s + 3);
        if far
            && !refers_back
            && !f.events.is_empty()
            && !f.claims.is_empty()
            && f.places.is_empty()
        {
            return false;
        }
        // Only a sentence that names its own kind of event can clash with the incident's.
        // A rescue or clearance operation told right after an attack, with no new place,
        // is the forces' answer within the same event.
        let air = |t: EventType| {
            matches!(
                t,
                EventType::Airstrike | EventType::DroneStrike | EventType::Shelling
            )
        };
        let near = draft.core.last().is_some_and(|&c| f.index <= c + 3);
        let answer = near && f.places.is_empty() && !air(event_type) && !air(draft.event_type);
        let kinds_clash =
            !f.events.is_empty() && !answer && !event_type.compatible_with(draft.event_type);
        !(kinds_clash && !refers_back && !f.claims.is_empty() && !draft.claims.is_empty())
    }

    fn refine(&self, draft: &mut IncidentDraft, f: &SentenceFacts<'_>) {
        if !draft.sentences.contains(&f.index) {
            draft.sentences.push(f.index);
        }
        for &p in &f.places {
            if !draft.places.contains(&p) {
                draft.places.push(p);
            }
        }
        let better = |new: &DateMention, old: &Option<DateMention>| match old {
            None => true,
            Some(old) => old.date.is_none() && new.date.is_some(),
        };
        // "the second strike on the village this month": a series, not the event's date.
        let series = |d: &DateMention| {
            matches!(d.precision, DatePrecision::Month | DatePrecision::Year)
                && starts_with_ignore_ascii_case(d.text(self.text), "this ")
        };
        if let Some(d) = f
            .dates
            .iter()
            .find(|d| !d.is_period && d.precision != DatePrecision::Unknown && !series(d))
        {
            if better(d, &draft.date) {
                draft.date = Some(d.clone());
            }
        } else if draft.date.is_none() {
            // "Last year, a suicide bomber killed 84 people": one event told in a whole
            // calendar year or month happened in it, at that precision.
            // Only when the period opens a sentence that counts the dead itself: in
            // "the second strike on the village this month" it is the background.
            let whole_unit = |d: &&DateMention| {
                d.is_period
                    && d.start.saturating_sub(f.start) <= 3
                    && !f.claims.is_empty()
                    && match (d.date, d.period_end, d.precision) {
                        (Some(a), Some(b), DatePrecision::Year) => {
                            a.ordinal() == 1
                                && b.year() == a.year()
                                && b.month() == 12
                                && b.day() == 31
                        }
                        (Some(a), Some(b), DatePrecision::Month) => {
                            a.day() == 1 && b == last_day_of_month(a)
                        }
                        _ => false,
                    }
            };
            if let Some(d) = f
                .dates
                .iter()
                .find(|d| !d.is_period && !series(d))
                .or_else(|| f.dates.iter().find(whole_unit))
            {
                draft.date = Some(d.clone());
            }
        }
        if draft.perpetrator.is_none() {
            draft.perpetrator = self.perpetrator_in(f, draft.event_type);
        }
        if draft.target.is_none() {
            draft.target = self.target_in(f, draft.event_type);
        }
    }

    fn add_claims(
        &self,
        draft: &mut IncidentDraft,
        f: &SentenceFacts<'_>,
        facts: &[SentenceFacts<'_>],
    ) {
        if f.claims.is_empty() {
            return;
        }
        // "..., the sources added", "he said": a verb of saying whose speaker refers
        // back is the speaker last named before.
        let speaker_refers_back = || {
            f.speakers.is_empty()
                && f.matches.iter().any(|m| {
                    m.terms
                        .iter()
                        .any(|t| matches!(t, Term::Cue(Cue::Attribution(_))))
                })
        };
        let previous_speaker = || {
            facts[f.index.saturating_sub(SPEAKER_WINDOW)..f.index]
                .iter()
                .rev()
                .find_map(|g| g.speakers.last().cloned())
        };
        // Sought only when a claim has no claimant of its own.
        let fallback = if f.claims.iter().any(|c| c.claimant.is_none()) {
            speaker_refers_back()
                .then(previous_speaker)
                .flatten()
                .or_else(|| self.paragraph_speaker(f, facts))
                .or_else(|| self.register_speaker.clone())
        } else {
            None
        };
        // An account for each claim, at most.
        let mut sentence_accounts: Vec<(Option<usize>, u32)> = Vec::with_capacity(f.claims.len());
        for claim in &f.claims {
            let mut claim = claim.clone();
            if claim.claimant.is_none() {
                claim.claimant = fallback.clone();
            }
            let speaker = claim.claimant.as_ref().map(|s| s.actor);
            // A later sentence that repeats a figure ("the two soldiers") repeats it; in
            // one sentence, two counts at two places are two groups of people ("killing
            // the driver and a civilian"), added up below.
            let duplicate = !claim.additional
                && draft.claims.iter().any(|(_, c, s)| {
                    // "killing six militants. ... six people had died": the same count
                    // told again of "people" is the same dead.
                    let same_people = c.victim == claim.victim
                        || (*s != f.index
                            && (c.victim == Victim::People || claim.victim == Victim::People));
                    same_people
                        && c.outcome == claim.outcome
                        && c.count == claim.count
                        && c.qualifier == claim.qualifier
                        && c.claimant.as_ref().map(|s| s.actor)
                            == claim.claimant.as_ref().map(|s| s.actor)
                        && !(*s == f.index && c.at != claim.at)
                });
            if duplicate {
                continue;
            }
            // "three Chinese citizens and their Pakistani driver": counts of the same
            // people in one statement add up to one row.
            if let Some((_, same, _)) = draft.claims.iter_mut().find(|(a, c, s)| {
                *s == f.index
                    && sentence_accounts
                        .iter()
                        .any(|(sp, acc)| *sp == speaker && acc == a)
                    && c.victim == claim.victim
                    && c.outcome == claim.outcome
                    && c.count.is_some()
                    && claim.count.is_some()
            }) {
                // Bounds add up as the counts do, each part's bound or else its count:
                // "two soldiers and more than three soldiers" is more than five (low 6).
                let low = (same.low.is_some() || claim.low.is_some()).then(|| {
                    same.low
                        .or(same.count)
                        .unwrap_or(0)
                        .saturating_add(claim.low.or(claim.count).unwrap_or(0))
                });
                same.count = same
                    .count
                    .zip(claim.count)
                    .map(|(a, b)| a.saturating_add(b));
                same.low = low;
                same.high = None;
                if claim.qualifier != Qualifier::Exact {
                    same.qualifier = claim.qualifier;
                }
                // A part "more than" n lifts the summed floor above the summed count,
                // whatever the later part said: "over 50 ... at least 5" is more than 55.
                if same.low.zip(same.count).is_some_and(|(l, n)| l > n) {
                    same.qualifier = Qualifier::MoreThan;
                }
                continue;
            }
            // "A commander was killed in the strike. At least four other people died":
            // the others join the account just told, whoever tells of them.
            let joined = claim
                .additional
                .then(|| {
                    draft
                        .claims
                        .iter()
                        .rev()
                        .find(|(_, c, s)| *s != f.index && c.outcome == claim.outcome)
                        .map(|(a, _, _)| *a)
                })
                .flatten();
            let account = match (
                sentence_accounts.iter().find(|(s, _)| *s == speaker),
                joined,
            ) {
                (Some((_, a)), _) => *a,
                (None, Some(a)) => {
                    sentence_accounts.push((speaker, a));
                    a
                }
                (None, None) => {
                    // The same speaker's earlier account, unless it already counts these people.
                    let earlier = draft
                        .claims
                        .iter()
                        .filter(|(_, c, _)| c.claimant.as_ref().map(|s| s.actor) == speaker)
                        .map(|(a, _, _)| *a)
                        .max();
                    let reusable = earlier.filter(|&a| {
                        !draft.claims.iter().any(|(b, c, _)| {
                            *b == a && c.victim == claim.victim && c.outcome == claim.outcome
                        })
                    });
                    let a = reusable.unwrap_or_else(|| {
                        draft.claims.iter().map(|(a, _, _)| *a).max().unwrap_or(0) + 1
                    });
                    sentence_accounts.push((speaker, a));
                    a
                }
            };
            draft.claims.push((account, claim, f.index));
        }
    }

    /// The speaker of a nearby sentence of the same paragraph, for claims whose
    /// sentence names none ("It noted that ...").
    fn paragraph_speaker(
        &self,
        f: &SentenceFacts<'_>,
        facts: &[SentenceFacts<'_>],
    ) -> Option<Speaker> {
        // A window, not the whole paragraph: a scraped page may be one 10 MB "paragraph".
        let window = &facts[f.index.saturating_sub(SPEAKER_WINDOW)
            ..(f.index + SPEAKER_WINDOW + 1).min(facts.len())];
        // The nearest sentence of the paragraph that has a speaker, those after
        // it first: no two sentences are equally near on the same side, so the
        // least of them is the first a sort by nearness would put forward.
        window
            .iter()
            .filter(|g| g.paragraph == f.paragraph && g.index != f.index && !g.speakers.is_empty())
            .min_by_key(|g| (g.index < f.index, g.index.abs_diff(f.index)))
            .and_then(|g| g.speakers.first().cloned())
            .or_else(|| {
                // A statement's attribution often stands in the next paragraph of its own.
                window
                    .iter()
                    .filter(|g| g.index != f.index && g.index.abs_diff(f.index) <= 2)
                    .min_by_key(|g| (g.index < f.index, g.index.abs_diff(f.index)))
                    .and_then(|g| g.speakers.first().cloned())
            })
    }

    fn militant_in(&self, f: &SentenceFacts<'_>) -> Option<(String, usize, usize)> {
        if f.kinds & K_ACTOR == 0 {
            return None;
        }
        let registry = &self.extractor.actors;
        let mut generic = None;
        for m in f.named_matches() {
            for a in Self::actor_terms(m) {
                let Some(actor) = registry.get(a) else {
                    continue;
                };
                match actor.kind {
                    ActorKind::MilitantGroup | ActorKind::Faction => {
                        return Some((actor.id.clone(), m.start, m.end));
                    }
                    ActorKind::Generic if generic.is_none() => {
                        generic = Some((actor.id.clone(), m.start, m.end));
                    }
                    _ => {}
                }
            }
        }
        generic
    }

    fn state_actor_in(&self, f: &SentenceFacts<'_>) -> Option<(String, usize, usize)> {
        let registry = &self.extractor.actors;
        for m in f.named_matches() {
            for a in Self::actor_terms(m) {
                let Some(actor) = registry.get(a) else {
                    continue;
                };
                if actor.kind.is_state_force() {
                    return Some((actor.id.clone(), m.start, m.end));
                }
            }
            // "Pakistan launched airstrikes": the country as the doer.
            for p in Self::place_terms(m) {
                if self
                    .extractor
                    .gazetteer
                    .get(p)
                    .is_some_and(|p| p.id == "PK")
                {
                    let after = word_after(self.text, m.end).map(|(_, w)| w);
                    if after.is_some_and(|w| {
                        strip_suffix_ignore_ascii_case(w, "ed").is_some()
                            || is_word(w, &["used", "has", "had", "struck", "hit"])
                    }) {
                        if let Some(i) = registry.index_of("PAK_MILITARY") {
                            return registry.get(i).map(|a| (a.id.clone(), m.start, m.end));
                        }
                    }
                }
            }
        }
        None
    }

    /// The agent of a passive verb of killing or attack: "were eliminated by security
    /// forces", "was shot dead by unidentified gunmen", "were attacked by the TTP".
    fn passive_agent(&self, f: &SentenceFacts<'_>) -> Option<(String, usize, usize)> {
        let registry = &self.extractor.actors;
        f.named_matches().iter().find_map(|m| {
            let actor = Self::actor_terms(m)
                .filter_map(|a| registry.get(a))
                .find(|a| a.kind.is_state_force() || a.kind.is_militant())?;
            self.follows_passive_verb(f, m)
                .then(|| (actor.id.clone(), m.start, m.end))
        })
    }

    /// Whether the name `m` is the agent of a passive verb of killing or attack
    /// before it: "killed by", "shot dead by the", "attacked by".
    fn follows_passive_verb(&self, f: &SentenceFacts<'_>, m: &LexMatch) -> bool {
        // The word before is "by" or "the" only where the text before ends so,
        // spaces aside: most actors are not the agent, and their word before is
        // not read.
        let head = self.text[..m.start].trim_end();
        if strip_suffix_ignore_ascii_case(head, "by").is_none()
            && strip_suffix_ignore_ascii_case(head, "the").is_none()
        {
            return false;
        }
        let Some((mut by_at, mut by)) = word_before(self.text, m.start) else {
            return false;
        };
        if by.eq_ignore_ascii_case("the") {
            match word_before(self.text, by_at) {
                Some(w) => (by_at, by) = w,
                None => return false,
            }
        }
        if by_at < f.start || !by.eq_ignore_ascii_case("by") {
            return false;
        }
        let verb = f.matches.iter().rev().find(|v| {
            v.end <= by_at
                && (Self::outcome_at(v).is_some()
                    || v.terms
                        .iter()
                        .any(|t| matches!(t, Term::Cue(Cue::Event { .. }))))
        });
        let Some(verb) = verb else { return false };
        let gap = self.between(verb.end, by_at);
        // The verb must be a passive participle: "killed", "eliminated", "shot dead",
        // "attacked" (not "in an attack by").
        let participle = strip_suffix_ignore_ascii_case(self.between(verb.start, verb.end), "ed")
            .is_some()
            || gap.trim() == "dead";
        participle && !has_mark(gap, b",;.") && nth_word(gap, 2).is_none()
    }

    fn perpetrator_in(
        &self,
        f: &SentenceFacts<'_>,
        event_type: EventType,
    ) -> Option<(String, usize, usize)> {
        // With no actor named, only the country can be the doer (of a state action).
        if f.kinds & K_ACTOR == 0 {
            return if event_type.is_state_action() {
                self.state_actor_in(f)
            } else {
                None
            };
        }
        if event_type.is_state_action() {
            return self.passive_agent(f).or_else(|| self.state_actor_in(f));
        }
        // Who did what to whom, in order of rank: the agent of a passive verb ("killed
        // by the TTP"); else a militant group that is not the object of "against" or
        // "on"; else a generic actor before a verb of attack ("gunmen opened fire").
        // One walk over the names reads the kinds of each name's actors for the three
        // questions, the words around it only for a kind asked, where a walk for
        // each question read the kinds again.
        let registry = &self.extractor.actors;
        let mut group: Option<(&crate::actors::Actor, &LexMatch)> = None;
        let mut generic: Option<(&crate::actors::Actor, &LexMatch)> = None;
        for m in f.named_matches() {
            let mut agent = None;
            let mut group_here = None;
            let mut generic_here = None;
            for actor in Self::actor_terms(m).filter_map(|a| registry.get(a)) {
                if agent.is_none() && (actor.kind.is_state_force() || actor.kind.is_militant()) {
                    agent = Some(actor);
                }
                match actor.kind {
                    ActorKind::MilitantGroup | ActorKind::Faction if group_here.is_none() => {
                        group_here = Some(actor)
                    }
                    ActorKind::Generic if generic_here.is_none() => generic_here = Some(actor),
                    _ => {}
                }
            }
            // The first agent of a passive verb outranks every name, before it or after.
            if let Some(actor) = agent {
                if self.follows_passive_verb(f, m) {
                    return Some((actor.id.clone(), m.start, m.end));
                }
            }
            if group.is_none() {
                if let Some(actor) = group_here {
                    let before = word_before(self.text, m.start).map_or("", |(_, w)| w);
                    if !is_word(before, OBJECT_OF_ATTACK)
                        && !is_word(before, &["killed", "killing"])
                    {
                        group = Some((actor, m));
                    }
                }
            }
            // A generic actor counts only where no group does: once a group is found,
            // the words after the generic ones are not read.
            if group.is_none() && generic.is_none() {
                if let Some(actor) = generic_here {
                    let after = word_after(self.text, m.end).map_or("", |(_, w)| w);
                    if strip_suffix_ignore_ascii_case(after, "ed").is_some()
                        || is_word(
                            after,
                            &[
                                "opened", "stormed", "attacked", "struck", "shot", "blew", "hurled",
                            ],
                        )
                    {
                        generic = Some((actor, m));
                    }
                }
            }
        }
        group
            .or(generic)
            .map(|(actor, m)| (actor.id.clone(), m.start, m.end))
    }

    fn target_in(
        &self,
        f: &SentenceFacts<'_>,
        event_type: EventType,
    ) -> Option<(String, Option<(usize, usize)>)> {
        // Only an actor named is a target.
        if f.kinds & K_ACTOR == 0 {
            return None;
        }
        let registry = &self.extractor.actors;
        if event_type.is_state_action() {
            for m in f.named_matches() {
                for a in Self::actor_terms(m) {
                    let Some(actor) = registry.get(a) else {
                        continue;
                    };
                    if matches!(actor.kind, ActorKind::MilitantGroup | ActorKind::Faction) {
                        return Some((actor.id.clone(), Some((m.start, m.end))));
                    }
                }
            }
            return None;
        }
        // The kind of actor first, the word before it only for the police or the forces.
        for m in f.named_matches() {
            let Some(id) = Self::actor_terms(m)
                .filter_map(|a| registry.get(a))
                .find_map(|actor| match actor.kind {
                    ActorKind::Police => Some("POLICE"),
                    ActorKind::StateForce => Some("SECURITY_FORCES"),
                    _ => None,
                })
            else {
                continue;
            };
            let before = word_before(self.text, m.start).map_or("", |(_, w)| w);
            if !is_word(before, OBJECT_OF_ATTACK)
                && !is_word(before, &["attacked", "ambushed", "stormed"])
            {
                continue;
            }
            return Some((id.to_string(), Some((m.start, m.end))));
        }
        None
    }

    fn statistics(
        &self,
        f: &SentenceFacts<'_>,
        last_source: &mut Option<(String, String)>,
        last_region: &mut Vec<String>,
        output: &mut Output,
    ) {
        let registry = &self.extractor.actors;
        let gazetteer = &self.extractor.gazetteer;
        // Source: a research group named in the sentence, else the sentence's speaker, else the last one.
        let named_org = f.named_matches().iter().find_map(|m| {
            Self::actor_terms(m).find_map(|a| {
                let actor = registry.get(a)?;
                matches!(
                    actor.kind,
                    ActorKind::ResearchOrg | ActorKind::InternationalOrg
                )
                .then(|| (actor.id.clone(), self.text[m.start..m.end].to_string()))
            })
        });
        let speaker = f.speakers.first().and_then(|s| {
            registry.get(s.actor).map(|a| {
                (
                    a.id.clone(),
                    self.text[s.text_start..s.text_end].to_string(),
                )
            })
        });
        let source = named_org.or(speaker).or_else(|| last_source.clone());
        if source.is_some() {
            last_source.clone_from(&source);
        }
        // "since the Taliban takeover of Kabul": a place in the words of the period
        // dates the figure, it does not bound where it was counted.
        let in_period: Vec<usize> = f
            .matches
            .iter()
            .filter(|m| {
                f.dates
                    .iter()
                    .any(|d| d.is_period && d.start <= m.start && m.end <= d.end)
            })
            .filter_map(|m| self.place_reading(m))
            .collect();
        let mut region: Vec<String> = Vec::new();
        for &p in &f.places {
            let Some(place) = gazetteer.get(p) else {
                continue;
            };
            if in_period.contains(&p) {
                continue;
            }
            if matches!(place.kind, PlaceKind::Country | PlaceKind::Province)
                && !region.contains(&place.name)
            {
                region.push(place.name.clone());
            }
        }
        // "across the country": Pakistan, as the Pakistani press means it.
        if region.is_empty() && f.kinds & kind_bit(Cue::Nationwide) != 0 {
            region.push(NATIONWIDE_REGION.to_string());
        }
        if region.is_empty() {
            region.clone_from(last_region);
        } else {
            last_region.clone_from(&region);
        }
        let period = f
            .dates
            .iter()
            .find(|d| d.is_period)
            .or_else(|| f.dates.first());
        let year_period = || {
            f.numbers
                .iter()
                .find(|n| n.kind == NumberKind::Year)
                .and_then(|n| {
                    let year = n.value? as i32;
                    Some((
                        NaiveDate::from_ymd_opt(year, 1, 1),
                        NaiveDate::from_ymd_opt(year, 12, 31),
                        self.text[n.start..n.end].to_string(),
                    ))
                })
        };
        let (period_start, period_end, period_text) = match period {
            Some(d) => (
                d.date,
                d.period_end,
                Some(self.text[d.start..d.end].to_string()),
            ),
            None => match year_period() {
                Some((s, e, t)) => (s, e, Some(t)),
                None => (None, None, None),
            },
        };
        let mut push = |measure: Measure, unit: Unit, n: &Figure| {
            let evidence = self.text[f.start..f.end].to_string();
            let id = stable_hash(&[
                self.doc_id.as_bytes(),
                evidence.as_bytes(),
                &n.at.to_le_bytes(),
                measure.as_str().as_bytes(),
            ]);
            output.statistics.push(StatisticRow {
                stat_id: hex_id("s", id),
                doc_id: self.doc_id.to_string(),
                measure,
                unit,
                value: n.value,
                qualifier: n.qualifier,
                low: n.low,
                high: n.high,
                period_start,
                period_end,
                period_text: period_text.clone(),
                region: region.clone(),
                source: source.as_ref().map(|s| s.0.clone()),
                source_text: source.as_ref().map(|s| s.1.clone()),
                evidence,
            });
        };
        let mut used: Vec<usize> = Vec::new();
        // Percentages: "a 65% increase in deaths", "over 90% of fatalities".
        for n in f.numbers.iter().filter(|n| n.kind == NumberKind::Percent) {
            let after = &self.text[n.end..f.end];
            // "a 65% increase in deaths", else the subject: "Attacks rose by 17 percent".
            let measure = self
                .measure_after(f, n.end)
                .or_else(|| self.measure_before(f, n.start))
                .unwrap_or(Measure::Other);
            let share = after.trim_start().starts_with("of ")
                || self.text[f.start..n.start].ends_with("for ");
            let change = f
                .matches
                .iter()
                .any(|m| has_cue(m, Cue::Change) && m.start.abs_diff(n.start) < 60);
            let unit = if share {
                Unit::PercentShare
            } else if change {
                Unit::PercentChange
            } else {
                Unit::PercentShare
            };
            push(measure, unit, &Figure::from(n));
            used.push(n.start);
        }
        // Counts of events: "700 violent incidents", "hundreds of attacks" (exact only).
        for n in f
            .numbers
            .iter()
            .filter(|n| n.kind == NumberKind::Count && n.value.is_some())
        {
            if used.contains(&n.start) {
                continue;
            }
            if let Some(measure) = self.measure_directly_after(f, n.end) {
                push(measure, Unit::Count, &Figure::from(n));
                used.push(n.start);
            }
        }
        // "1,817 people were killed or injured": people counted together, dead and hurt.
        for n in f
            .numbers
            .iter()
            .filter(|n| n.kind == NumberKind::Count && n.value.is_some())
        {
            if used.contains(&n.start) {
                continue;
            }
            let together = f.matches.iter().any(|m| {
                m.start >= n.end
                    && m.start < n.end + 40
                    && m.terms
                        .contains(&Term::Cue(Cue::Measure(Measure::Casualties)))
                    && !has_mark(self.between(n.end, m.start), b",;")
            });
            if together {
                push(Measure::Casualties, Unit::Count, &Figure::from(n));
                used.push(n.start);
            }
        }
        // Counts of people: the casualty claims of the sentence, as measures.
        for claim in &f.claims {
            if used.contains(&claim.at) || claim.count.is_none() && claim.low.is_none() {
                continue;
            }
            let measure = match (claim.outcome, claim.victim) {
                (Outcome::Killed, Victim::Militants) => Measure::MilitantsKilled,
                (Outcome::Killed, Victim::SecurityForces) => Measure::SecurityForcesKilled,
                (Outcome::Killed, Victim::Police) => Measure::PoliceKilled,
                (Outcome::Killed, Victim::Civilians) => Measure::CiviliansKilled,
                (Outcome::Killed, Victim::People) => Measure::Deaths,
                (Outcome::Wounded, Victim::SecurityForces) => Measure::SecurityForcesWounded,
                (Outcome::Wounded, _) => Measure::Wounded,
                _ => continue,
            };
            push(
                measure,
                Unit::Count,
                &Figure {
                    at: claim.at,
                    value: claim.count.map(f64::from),
                    qualifier: claim.qualifier,
                    low: claim.low.map(f64::from),
                    high: claim.high.map(f64::from),
                },
            );
            used.push(claim.at);
        }
        // Militants present: "5,000 to 6,000 TTP militants are sheltering".
        if f.kinds & kind_bit(Cue::Strength) != 0 {
            for n in f.numbers.iter().filter(|n| n.kind == NumberKind::Count) {
                if used.contains(&n.start) {
                    continue;
                }
                if let Some((Some(Victim::Militants), _)) = self.noun_after(f, n.end) {
                    push(Measure::MilitantStrength, Unit::Count, &Figure::from(n));
                    used.push(n.start);
                }
            }
        }
    }

    fn measure_after(&self, f: &SentenceFacts<'_>, from: usize) -> Option<Measure> {
        f.matches
            .iter()
            .filter(|m| m.start >= from && m.start < from + 60)
            .find_map(|m| {
                m.terms.iter().find_map(|t| match t {
                    Term::Cue(Cue::Measure(measure)) => Some(*measure),
                    Term::Cue(Cue::Kill) => Some(Measure::Deaths),
                    Term::Cue(Cue::Event { .. }) => Some(Measure::Attacks),
                    _ => None,
                })
            })
    }

    fn measure_before(&self, f: &SentenceFacts<'_>, to: usize) -> Option<Measure> {
        f.matches
            .iter()
            .rev()
            .filter(|m| m.end <= to && m.start + 120 > to)
            .find_map(|m| {
                m.terms.iter().find_map(|t| match t {
                    Term::Cue(Cue::Measure(measure)) => Some(*measure),
                    Term::Cue(Cue::Kill) => Some(Measure::Deaths),
                    Term::Cue(Cue::Event { .. }) => Some(Measure::Attacks),
                    _ => None,
                })
            })
    }

    /// Whether the sentence names a group that publishes figures (PIPS, PICSS, the UN).
    fn names_research_org(&self, f: &SentenceFacts<'_>) -> bool {
        f.named_matches()
            .iter()
            .flat_map(Self::actor_terms)
            .any(|a| {
                self.extractor.actors.get(a).is_some_and(|actor| {
                    matches!(
                        actor.kind,
                        ActorKind::ResearchOrg | ActorKind::InternationalOrg
                    )
                })
            })
    }

    /// Whether a number of more than one counts attacks or incidents ("262 militant attacks").
    fn counts_attacks(&self, f: &SentenceFacts<'_>) -> bool {
        f.numbers.iter().any(|n| {
            n.kind == NumberKind::Count
                && n.value.or(n.low).is_some_and(|v| v > 1.0)
                && matches!(
                    self.measure_directly_after(f, n.end),
                    Some(Measure::Attacks | Measure::Incidents)
                )
        })
    }

    fn measure_directly_after(&self, f: &SentenceFacts<'_>, from: usize) -> Option<Measure> {
        let m = f.matches.iter().find(|m| m.start >= from)?;
        let gap = &self.text[from..m.start];
        if nth_word(gap, 2).is_some() || has_mark(gap, b",;.") {
            return None;
        }
        m.terms.iter().find_map(|t| match t {
            Term::Cue(Cue::Measure(measure)) => Some(*measure),
            _ => None,
        })
    }

    fn finish(
        &self,
        n: usize,
        draft: IncidentDraft,
        facts: &[SentenceFacts<'_>],
        offsets: &mut CharOffsets<'_>,
        output: &mut Output,
    ) {
        let Some(&first) = draft.core.first() else {
            return;
        };
        // Evidence: the first run of consecutive sentences the incident was read from.
        // Evidence: the first run of consecutive sentences the incident was read from.
        let mut last = first;
        while draft.core.contains(&(last + 1)) {
            last += 1;
        }
        let (start, end) = (facts[first].start, facts[last].end);
        let evidence = self.text[start..end].to_string();
        let id = stable_hash(&[
            self.doc_id.as_bytes(),
            &(n as u64).to_le_bytes(),
            evidence.as_bytes(),
        ]);
        let incident_id = hex_id("i", id);

        let location = self.locate(&draft, facts, first);
        // With no date in the text, the report's own date stands for the event's, at its
        // precision: reports of attacks are written the day of them or the day after.
        let (date, date_precision, date_text) = match (&draft.date, self.reference) {
            (Some(d), _) => (
                d.date,
                d.precision,
                Some(self.text[d.start..d.end].to_string()),
            ),
            (None, Some(reference)) => (
                Some(reference.date),
                match reference.precision {
                    PublishedPrecision::Day => DatePrecision::Day,
                    PublishedPrecision::Month => DatePrecision::Month,
                    PublishedPrecision::Year => DatePrecision::Year,
                    PublishedPrecision::Unknown => DatePrecision::Unknown,
                },
                None,
            ),
            (None, None) => (None, DatePrecision::Unknown, None),
        };

        // The draft's own names are moved into the row, not copied.
        let has_perpetrator = draft.perpetrator.is_some();
        let perpetrator = draft.perpetrator.or_else(|| {
            if draft.event_type.is_state_action() || draft.event_type == EventType::Other {
                None
            } else {
                Some(("MILITANTS".to_string(), usize::MAX, usize::MAX))
            }
        });
        let victims_target = || -> Option<String> {
            let mut cats = draft
                .claims
                .iter()
                .filter(|(_, c, _)| c.outcome != Outcome::Arrested)
                .map(|(_, c, _)| c.victim);
            let first = cats.next()?;
            let id = match first {
                Victim::Police => "POLICE",
                Victim::SecurityForces => "SECURITY_FORCES",
                Victim::Civilians => "CIVILIANS",
                Victim::Militants => "MILITANTS",
                Victim::People => return None,
            };
            Some(id.to_string())
        };
        let target = match draft.target {
            Some(target) => Some(target),
            None => {
                if draft.event_type.is_state_action() {
                    Some(("MILITANTS".to_string(), None))
                } else {
                    victims_target().map(|id| (id, None))
                }
            }
        };

        // Casualty rows and the totals over accounts. The rows go straight into the
        // document's, which [`Reader::group`] made room for: a vector of the
        // incident's own, moved over after, cost an allocation and a copy of rows.
        let rows_before = output.casualties.len();
        for (account, claim, sentence) in &draft.claims {
            let (claimant, claimant_text) = claim
                .claimant
                .as_ref()
                .and_then(|s| {
                    self.extractor.actors.get(s.actor).map(|a| {
                        (
                            Some(a.id.clone()),
                            Some(self.text[s.text_start..s.text_end].to_string()),
                        )
                    })
                })
                .unwrap_or_default();
            output.casualties.push(CasualtyRow {
                incident_id: incident_id.clone(),
                doc_id: self.doc_id.to_string(),
                claimant,
                claimant_text,
                account: *account,
                victim: claim.victim,
                outcome: claim.outcome,
                count: claim.count,
                qualifier: claim.qualifier,
                low: claim.low,
                high: claim.high,
                evidence: self.text[facts[*sentence].start..facts[*sentence].end].to_string(),
            });
        }
        // An account's total: its rows summed, each row by `figure` (the stated
        // count, else a bound of its range). The least and the greatest total of the
        // accounts that give one, read without a list of them: each account is
        // summed where its first row stands.
        let totals =
            |outcome: Outcome, figure: fn(&Claim) -> Option<u32>| -> (Option<u32>, Option<u32>) {
                let mut least: Option<u32> = None;
                let mut greatest: Option<u32> = None;
                for (i, (a, _, _)) in draft.claims.iter().enumerate() {
                    if draft.claims[..i].iter().any(|(b, _, _)| b == a) {
                        continue;
                    }
                    let mut any = false;
                    let mut sum: u32 = 0;
                    for (_, c, _) in draft.claims[i..]
                        .iter()
                        .filter(|(b, c, _)| b == a && c.outcome == outcome)
                    {
                        if let Some(v) = figure(c) {
                            sum = sum.saturating_add(v);
                            any = true;
                        }
                    }
                    if any {
                        least = Some(least.map_or(sum, |l| l.min(sum)));
                        greatest = Some(greatest.map_or(sum, |g| g.max(sum)));
                    }
                }
                (least, greatest)
            };
        let lower_bound: fn(&Claim) -> Option<u32> = |c| c.count.or(c.low);
        let (least_killed, most_killed) = totals(Outcome::Killed, lower_bound);
        let (least_wounded, _) = totals(Outcome::Wounded, lower_bound);
        // "killing 10 to 14": the largest account reaches the top of its range.
        let (_, most_killed_upper) = totals(Outcome::Killed, |c| c.count.or(c.high).or(c.low));
        let most_killed = most_killed.unwrap_or(0);
        // A targeted killing singles out one or two people; a hijacking in which
        // hostages die is coded as the attack it became.
        let event_type = match draft.event_type {
            EventType::TargetedKilling if most_killed > 2 => EventType::Attack,
            EventType::Abduction if most_killed > 0 => EventType::Attack,
            other => other,
        };

        let casualty_rows = output.casualties.len() - rows_before;
        let mut confidence: f32 = 0.4;
        if casualty_rows > 0 {
            confidence += 0.2;
        }
        if location.admin1.is_some() {
            confidence += 0.15;
        }
        if date.is_some() {
            confidence += 0.1;
        }
        if has_perpetrator {
            confidence += 0.1;
        }
        let (span_start, span_end) = if self.ascii {
            (start, end)
        } else {
            (offsets.at(start), offsets.at(end))
        };
        output.incidents.push(IncidentRow {
            incident_id,
            doc_id: self.doc_id.to_string(),
            event_type,
            date,
            date_precision,
            date_text,
            country: location.country,
            admin1: location.admin1,
            admin2: location.admin2,
            place: location.place,
            lat: location.lat,
            lon: location.lon,
            geo_precision: location.geo_precision,
            perpetrator_text: perpetrator
                .as_ref()
                .and_then(|p| self.text.get(p.1..p.2))
                .map(str::to_string),
            perpetrator: perpetrator.map(|p| p.0),
            target_text: target
                .as_ref()
                .and_then(|t| t.1)
                .and_then(|(s, e)| self.text.get(s..e))
                .map(str::to_string),
            target: target.map(|t| t.0),
            killed: least_killed,
            killed_max: most_killed_upper,
            wounded: least_wounded,
            n_claims: u32::try_from(casualty_rows).unwrap_or(u32::MAX),
            confidence: confidence.min(1.0),
            evidence,
            span_start: u32::try_from(span_start).unwrap_or(u32::MAX),
            span_end: u32::try_from(span_end).unwrap_or(u32::MAX),
        });
    }

    /// The most specific place the incident's sentences name; else the nearest place
    /// named before it in its paragraph; else the first place of the document.
    fn locate(&self, draft: &IncidentDraft, facts: &[SentenceFacts<'_>], first: usize) -> Location {
        let gazetteer = &self.extractor.gazetteer;
        // The most specific place that the other places named agree with: "the Barmal
        // district of eastern Paktika province" beats a passing "enemies of Pakistan".
        let best = |places: &[usize]| -> Option<usize> {
            let score = |p: usize| {
                let rank = gazetteer.get(p).map_or(0, |p| u32::from(p.kind.rank()));
                let agreeing = places
                    .iter()
                    .filter(|&&q| {
                        q != p && (gazetteer.is_within(p, q) || gazetteer.is_within(q, p))
                    })
                    .count() as u32;
                rank * 10 + agreeing.min(3) * 4
            };
            let mut best: Option<(usize, u32)> = None;
            for &p in places {
                let s = score(p);
                if best.is_none_or(|(_, b)| s > b) {
                    best = Some((p, s));
                }
            }
            best.map(|(p, _)| p)
        };
        if let Some(p) = best(&draft.places) {
            return gazetteer.locate(p);
        }
        let paragraph = facts[first].paragraph;
        for g in facts[first.saturating_sub(SPEAKER_WINDOW)..first]
            .iter()
            .rev()
            .take_while(|g| g.paragraph == paragraph)
        {
            if let Some(p) = best(&g.places) {
                return gazetteer.locate(p);
            }
        }
        for g in facts[first..(first + SPEAKER_WINDOW).min(facts.len())]
            .iter()
            .take_while(|g| g.paragraph == paragraph)
        {
            if let Some(p) = best(&g.places) {
                return gazetteer.locate(p);
            }
        }
        // Then the document's first place, and last its dateline: a report filed from
        // Quetta is most likely about Balochistan. Both are found once per document.
        let fallback = *self.document_place.get_or_init(|| {
            facts.iter().find_map(|g| best(&g.places)).or_else(|| {
                self.matches
                    .iter()
                    .filter(|m| self.is_dateline(m))
                    .find_map(|m| Self::place_terms(m).next())
            })
        });
        fallback.map_or_else(Location::default, |p| gazetteer.locate(p))
    }
}

impl<'a> SentenceFacts<'a> {
    /// The matches that start at `at` or after it: the matches come in the order
    /// of their starts ([`Lexicon::scan`](crate::lexicon::Lexicon::scan) gives
    /// them so), so those before are passed over by a binary search instead of
    /// being asked one by one.
    fn matches_from(&self, at: usize) -> &'a [LexMatch<'a>] {
        &self.matches[self.matches.partition_point(|m| m.start < at)..]
    }

    /// The matches from the first with an actor or a place reading on: those
    /// before it have neither.
    fn named_matches(&self) -> &'a [LexMatch<'a>] {
        &self.matches[self.first_named..]
    }

    fn in_number(&self, at: usize) -> bool {
        self.numbers.iter().any(|n| n.start <= at && at < n.end)
    }

    fn paragraph_near(&self, other: &SentenceFacts<'_>) -> bool {
        self.paragraph.abs_diff(other.paragraph) <= 3
    }
}

/// What a casualty word says happened to the people it counts ("killed",
/// "injured", "kidnapped", "arrested"); `None` for any other cue.
fn outcome_of(cue: &Cue) -> Option<Outcome> {
    match cue {
        Cue::Kill => Some(Outcome::Killed),
        Cue::Wound => Some(Outcome::Wounded),
        Cue::Abduct => Some(Outcome::Abducted),
        Cue::Arrest => Some(Outcome::Arrested),
        _ => None,
    }
}

thread_local! {
    /// The buffers of the sentence walk ([`SentenceScratch`]) of the documents this
    /// thread reads: taken by [`Reader::read`] and given back when its walk is done
    /// (a `Cell`, so no borrow is held and none can fail).
    static SENTENCE_SCRATCH: std::cell::Cell<SentenceScratch> =
        const { std::cell::Cell::new(SentenceScratch::new()) };
}

/// The buffers [`Reader::sentence_facts`] and [`Reader::claims`] fill anew for
/// every sentence, kept from one sentence to the next, and from one document to
/// the next, so that a sentence costs no allocation for them.
#[derive(Default)]
struct SentenceScratch {
    /// The verbs of saying: their index among the matches, and where their speaker stands.
    attributions: Vec<(usize, SpeakerSide)>,
    /// The indices of the matches with a place reading.
    place_matches: Vec<usize>,
    /// The casualty words: their index among the matches, what they tell and
    /// the word before them.
    casualty_words: Vec<CasualtyWord>,
    /// The indices of the singular victim nouns among the matches.
    singular_victims: Vec<usize>,
    /// The indices of the part cues ("including", "of them") among the matches:
    /// most sentences have none, and the questions about them are not asked.
    part_cues: Vec<usize>,
    counted: Vec<Counted>,
    phrases: Vec<Phrase>,
}

impl SentenceScratch {
    /// Empty buffers, with nothing allocated.
    const fn new() -> SentenceScratch {
        SentenceScratch {
            attributions: Vec::new(),
            place_matches: Vec::new(),
            casualty_words: Vec::new(),
            singular_victims: Vec::new(),
            part_cues: Vec::new(),
            counted: Vec::new(),
            phrases: Vec::new(),
        }
    }
}

/// A casualty word of a sentence ("killed", "injured"), as the walk of
/// [`Reader::sentence_facts`] finds it.
#[derive(Clone, Copy)]
struct CasualtyWord {
    /// Its index among the sentence's matches.
    index: usize,
    outcome: Outcome,
    /// Where the word before it starts and ends, as [`word_before`] finds it:
    /// asked by several readings of every casualty word ("were killed", "his
    /// death"), so found once.
    before: Option<(usize, usize)>,
}

/// A count and the noun phrase it counts, with what happened to them.
struct Phrase {
    at: usize,
    victim: Option<Victim>,
    has_noun: bool,
    noun_end: usize,
    outcome: Option<Outcome>,
    from_right: bool,
    /// Index into the counted.
    counted: usize,
}

struct Counted {
    start: usize,
    end: usize,
    value: Option<f64>,
    qualifier: Qualifier,
    low: Option<f64>,
    high: Option<f64>,
}

struct Figure {
    at: usize,
    value: Option<f64>,
    qualifier: Qualifier,
    low: Option<f64>,
    high: Option<f64>,
}

impl From<&NumberMention> for Figure {
    fn from(n: &NumberMention) -> Self {
        Figure {
            at: n.start,
            value: n.value,
            qualifier: n.qualifier,
            low: n.low,
            high: n.high,
        }
    }
}

impl EventType {
    /// How much the kind says about the event: a suicide bombing says more than an attack.
    ///
    /// The order is how analysts code an event that several words describe: a
    /// suicide bomber makes a suicide bombing whatever else happened; an assault by
    /// militants is an attack even when an exchange of fire followed; an operation
    /// the forces began is an operation; weapons named in passing (rockets) rank last.
    fn specificity(self) -> u8 {
        match self {
            EventType::Other => 0,
            EventType::Shelling => 1,
            EventType::ArmedClash => 2,
            EventType::SecurityOperation => 3,
            EventType::Attack => 4,
            EventType::TargetedKilling => 5,
            EventType::Abduction => 6,
            EventType::Bombing => 7,
            EventType::Airstrike => 8,
            EventType::DroneStrike => 9,
            EventType::SuicideBombing => 10,
        }
    }

    /// Whether a later sentence's kind should replace this one.
    fn refined_by(self, later: EventType) -> bool {
        match self {
            // Within the air war the first telling stands ("airstrikes ... jets and drones").
            EventType::Airstrike | EventType::DroneStrike => false,
            EventType::SecurityOperation => later == EventType::SuicideBombing,
            _ => later.specificity() > self.specificity(),
        }
    }

    /// Whether the event is typically carried out by a state's forces.
    fn is_state_action(self) -> bool {
        matches!(
            self,
            EventType::SecurityOperation | EventType::Airstrike | EventType::DroneStrike
        )
    }

    fn compatible_with(self, other: EventType) -> bool {
        use EventType::*;
        if self == other || self == Other || other == Other {
            return true;
        }
        let group = |t: EventType| match t {
            Attack | SuicideBombing | Bombing | TargetedKilling | Abduction => 0,
            ArmedClash | SecurityOperation => 1,
            Airstrike | DroneStrike | Shelling => 2,
            Other => 3,
        };
        group(self) == group(other)
            || matches!((self, other), (Attack, ArmedClash) | (ArmedClash, Attack))
    }
}

/// The words of `gap` (runs of letters, digits and `-`) that stand outside
/// round or square brackets. An ASCII gap, nearly every one, is read as its
/// bytes, with no character decoded.
fn count_words_outside_parens(gap: &str) -> usize {
    if gap.is_ascii() {
        words_outside_parens(gap.bytes().map(char::from))
    } else {
        words_outside_parens(gap.chars())
    }
}

/// [`count_words_outside_parens`] of the characters of a gap.
fn words_outside_parens(chars: impl Iterator<Item = char>) -> usize {
    let mut depth = 0i32;
    let mut words = 0;
    let mut in_word = false;
    for c in chars {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        let letter = c.is_alphanumeric() || c == '-';
        if letter && !in_word && depth <= 0 {
            words += 1;
        }
        in_word = letter;
    }
    words
}

/// What `outcome_right` asks of the words between a noun and a casualty word
/// (lower-cased, stripped of punctuation, empty ones left out), gathered in one
/// walk instead of a vector of words asked five times.
struct GapWords {
    count: usize,
    /// Every word is filler: "were", "reportedly", "also".
    all_filler: bool,
    /// Some word is "and" or "or".
    has_conjunction: bool,
    /// The last word is "and" or "or".
    ends_with_conjunction: bool,
    /// The last word is "and".
    ends_with_and: bool,
    /// Some word is "a", "an", "the", "his" or "their".
    has_determiner: bool,
}

impl GapWords {
    fn new() -> GapWords {
        GapWords {
            count: 0,
            all_filler: true,
            has_conjunction: false,
            ends_with_conjunction: false,
            ends_with_and: false,
            has_determiner: false,
        }
    }

    #[cfg(test)]
    fn of(gap: &str) -> GapWords {
        let mut words = GapWords::new();
        words.add(gap);
        words
    }

    /// Adds the words of `text`, after those added before, until the words are
    /// [settled](GapWords::settled).
    fn add(&mut self, text: &str) {
        if !text.is_ascii() {
            for w in text.split_whitespace() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if w.is_empty() {
                    continue;
                }
                if self.settled() {
                    return;
                }
                self.add_word(w);
            }
            return;
        }
        // ASCII text, read byte by byte: the same words, with no character decoded
        // (white space as `char::is_whitespace` has it, punctuation trimmed off).
        let bytes = text.as_bytes();
        let is_space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
        let mut i = 0;
        loop {
            while bytes.get(i).is_some_and(|&b| is_space(b)) {
                i += 1;
            }
            let start = i;
            while bytes.get(i).is_some_and(|&b| !is_space(b)) {
                i += 1;
            }
            let Some(run) = bytes.get(start..i).filter(|run| !run.is_empty()) else {
                return;
            };
            let (Some(first), Some(last)) = (
                run.iter().position(u8::is_ascii_alphanumeric),
                run.iter().rposition(u8::is_ascii_alphanumeric),
            ) else {
                continue;
            };
            if self.settled() {
                return;
            }
            self.add_word(&text[start + first..=start + last]);
        }
    }

    /// Whether more words can change nothing that `outcome_right` asks: past seven
    /// words with one that is no filler, neither a coordinated phrase nor a joined
    /// verb is read, and the words are not all filler. `count` stops there.
    fn settled(&self) -> bool {
        self.count > 7 && !self.all_filler
    }

    /// Adds one word, stripped of punctuation and not empty.
    fn add_word(&mut self, w: &str) {
        self.count += 1;
        // Once a word is no filler, only the conjunctions and the determiners are
        // asked of the rest, and none is longer than five letters: a longer word is
        // none of them, and is not lowered.
        if !self.all_filler && w.len() > 5 {
            self.ends_with_and = false;
            self.ends_with_conjunction = false;
            return;
        }
        let w = lower(w);
        let w = w.as_str();
        if self.all_filler {
            self.all_filler = is_filler_after_noun(w);
        }
        self.ends_with_and = w == "and";
        self.ends_with_conjunction = w == "and" || w == "or";
        self.has_conjunction |= self.ends_with_conjunction;
        self.has_determiner |= matches!(w, "a" | "an" | "the" | "his" | "their");
    }
}

/// The pieces of a gap between commas (and dashes that set off asides) that are
/// no parenthetical part such as ", including two children,", each given to
/// `visit` in order until it answers `false`: the gap without its asides, read in
/// place.
fn visit_outside_asides(gap: &str, mut visit: impl FnMut(&str) -> bool) {
    // Most gaps have no comma and no dash at all, and one walk over the bytes tells
    // so ('–' and '—' both begin with the byte 0xE2): such a gap is one piece.
    if memchr::memchr3(b',', b'-', 0xE2, gap.as_bytes()).is_none() {
        if !is_aside(gap) {
            visit(gap);
        }
        return;
    }
    // Dashes set off asides as commas do: "3-5 militants - all possibly civilians - killed".
    let mut gap = std::borrow::Cow::Borrowed(gap);
    if memchr::memchr2(b'-', 0xE2, gap.as_bytes()).is_some() {
        for dash in [" - ", " – ", " — "] {
            if gap.contains(dash) {
                gap = std::borrow::Cow::Owned(gap.replace(dash, ","));
            }
        }
    }
    for piece in gap.split(',') {
        if !is_aside(piece) && !visit(piece) {
            return;
        }
    }
}

/// Whether a piece of a gap between commas is a parenthetical part, such as
/// "including two children" or "14 of them soldiers".
fn is_aside(piece: &str) -> bool {
    // Asked of the words as they are, in any case: no lowered copy of each piece.
    // The openings are borrowed as a constant, not built anew for every piece.
    let t = piece.trim_start();
    let asides = &ASIDES;
    // "At least 50 people, 14 of them soldiers, were killed": a part set off by
    // commas. The second word is read first: it is seldom "of", and the phrases
    // are then not looked for.
    let part = second_word(t).is_some_and(|w| w.eq_ignore_ascii_case("of"))
        && (contains_ignore_ascii_case(t, " of them") || contains_ignore_ascii_case(t, " of whom"));
    // The first letter rules out most of the asides before their words are compared;
    // a letter that opens none of them, all of them.
    let first = t.as_bytes().first().map(u8::to_ascii_lowercase);
    let opens_one =
        first.is_some_and(|b| b.is_ascii_lowercase() && ASIDE_OPENINGS >> (b - b'a') & 1 != 0);
    part || opens_one
        && asides
            .iter()
            .any(|p| first == p.as_bytes().first().copied() && starts_with_ignore_ascii_case(t, p))
}

/// The openings of asides set off by commas in a noun phrase ("including two
/// children", "aged 45 and 52"), lower case.
const ASIDES: [&str; 13] = [
    "including",
    "among them",
    "mostly",
    "most of them",
    "possibly",
    "reportedly",
    "all ",
    "many of them",
    "some of them",
    "at least",
    "mainly",
    "largely",
    // "Two shopkeepers, aged 45 and 52, were shot dead".
    "aged ",
];

/// The first letters of [`ASIDES`], one bit each from `a`.
const ASIDE_OPENINGS: u32 = {
    let mut bits = 0;
    let mut i = 0;
    while i < ASIDES.len() {
        bits |= 1 << (ASIDES[i].as_bytes()[0] - b'a');
        i += 1;
    }
    bits
};

/// Whether a sentence has a verb in the past tense ("was", "struck", a word in
/// "-ed" that is no adjective such as "banned"), as `split_whitespace` and
/// trimming punctuation give its words. ASCII sentences, nearly all, are read
/// byte by byte with no character decoded.
fn tells_past_tense(body: &str) -> bool {
    if !body.is_ascii() {
        return tells_past_tense_by_chars(body);
    }
    let bytes = body.as_bytes();
    // White space as `char::is_whitespace` has it in ASCII.
    let is_space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let mut i = 0;
    while i < bytes.len() {
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        let start = i;
        while bytes.get(i).is_some_and(|&b| !is_space(b)) {
            i += 1;
        }
        let run = &bytes[start..i];
        let (Some(first), Some(last)) = (
            run.iter().position(u8::is_ascii_alphanumeric),
            run.iter().rposition(u8::is_ascii_alphanumeric),
        ) else {
            continue;
        };
        if is_past_tense_word(&body[start + first..=start + last]) {
            return true;
        }
    }
    false
}

/// [`tells_past_tense`], character by character: for text outside ASCII.
fn tells_past_tense_by_chars(body: &str) -> bool {
    body.split_whitespace()
        .any(|w| is_past_tense_word(w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// Whether a word, stripped of punctuation, is a verb in the past tense.
fn is_past_tense_word(w: &str) -> bool {
    // The words asked about below end in "ed" or are of three to six letters:
    // other words are passed over before they are lowered.
    let ends_in_ed = w.len() > 4
        && w.as_bytes()
            .get(w.len() - 2..)
            .is_some_and(|end| end.eq_ignore_ascii_case(b"ed"));
    if !ends_in_ed && !(3..=6).contains(&w.len()) {
        return false;
    }
    (ends_in_ed
        && !is_word(
            w,
            &[
                "based",
                "alleged",
                "armed",
                "banned",
                "outlawed",
                "proscribed",
                "linked",
                "affiliated",
                "concerned",
            ],
        ))
        || is_word(
            w,
            &[
                "was", "were", "struck", "hit", "shot", "blew", "went", "fought", "took", "set",
            ],
        )
}

/// The second word of `text`, as `text.split_whitespace().nth(1)` finds it: read
/// byte by byte while the bytes are ASCII (white space as `char::is_whitespace`
/// has it there), by characters from the first other byte met.
fn second_word(text: &str) -> Option<&str> {
    nth_word(text, 1)
}

/// The word `n` (from 0) of `text`, as `text.split_whitespace().nth(n)` finds it:
/// read byte by byte while the bytes are ASCII (white space as
/// `char::is_whitespace` has it there), by characters from the first other byte
/// met. Asked of the gaps between words of every count ("at most six words"),
/// where an iterator over characters cost more than the rest of the question.
fn nth_word(text: &str, n: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let is_space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let mut i = 0;
    let mut left = n;
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        let start = i;
        while bytes.get(i).is_some_and(|&b| b.is_ascii() && !is_space(b)) {
            i += 1;
        }
        if bytes.get(i).is_some_and(|b| !b.is_ascii()) {
            return text.split_whitespace().nth(n);
        }
        if start == i {
            return None;
        }
        if left == 0 {
            return Some(&text[start..i]);
        }
        left -= 1;
    }
}

/// Whether `word` looks like the last word of a person's name: "Rehman", "Wazir",
/// "al-Masri" (a particle before a capital).
fn is_personal_name(word: &str) -> bool {
    let last = &word[word.bytes().rposition(|b| b == b'-').map_or(0, |i| i + 1)..];
    // Most words asked are lower case: their first byte tells at once.
    if last.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let mut chars = last.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(char::is_lowercase)
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// Whether `lead` (the words before a place, in any case) ends with an age and "of"
/// (or "from"):
/// "Major Saqib Hussain, 31, of Sanghar", the way military statements name the
/// dead and their home districts.
fn age_of_before(lead: &str) -> bool {
    // "Major Ali Raza, 31, from Sargodha district" says it the same way.
    let lead = lead.trim_end();
    let Some(rest) = strip_suffix_ignore_ascii_case(lead, "of")
        .or_else(|| strip_suffix_ignore_ascii_case(lead, "from"))
    else {
        return false;
    };
    let Some(rest) = rest.trim_end().strip_suffix(',') else {
        return false;
    };
    let rest = rest.trim_end();
    let before_age = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    (1..=2).contains(&(rest.len() - before_age.len())) && before_age.trim_end().ends_with(',')
}

/// The most specific of some event types ("suicide_bombing" over "attack"); of equals,
/// the first.
fn most_specific(types: impl Iterator<Item = EventType>) -> Option<EventType> {
    types.reduce(|best, t| {
        if t.specificity() > best.specificity() {
            t
        } else {
            best
        }
    })
}

/// Words before a place that tell of a journey to it ("on their way to").
static JOURNEY_PHRASES: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "on their way",
        "on his way",
        "on its way",
        "on the way",
        "en route",
        "travelling",
        "traveling",
        "heading",
        "headed",
    ])
});

/// Words before a hospital that make it where the wounded were treated.
static TREATMENT_PHRASES: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "wounded at",
        "injured at",
        "visited",
        "brought to",
        "shifted",
        "taken to",
        "rushed",
        "moved to",
        "admitted",
        "treated",
        "referred",
        "airlifted",
    ])
});

fn preceded_by_locative(text: &str, at: usize) -> bool {
    // "in Afghanistan's eastern", "in eastern Afghanistan", "in war-torn Afghanistan".
    // The three words before, read from the end and kept in place: the word
    // right before first, the two before it only when that one is lower case.
    let mut words = text[..at].split_whitespace().rev();
    words
        .next()
        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        && words
            .take(2)
            .any(|w| is_word(w, &["in", "inside", "into", "across"]))
}

fn mention_is_relative(words: &str) -> bool {
    !words.chars().any(|c| c.is_ascii_digit())
}

/// The first and last day a point date names, by its precision; `None` when unknown.
fn mention_period(d: &DateMention) -> Option<(NaiveDate, NaiveDate)> {
    use chrono::Datelike;
    let date = d.date?;
    let end = match d.precision {
        DatePrecision::Day => date,
        DatePrecision::Week => date + chrono::Days::new(6),
        DatePrecision::Month => last_day_of_month(date),
        DatePrecision::Year => NaiveDate::from_ymd_opt(date.year(), 12, 31)?,
        DatePrecision::Unknown => return None,
    };
    Some((date, end))
}

fn last_day_of_month(date: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

/// What the readings of a whole document's matches give, gathered in one walk over
/// them.
struct DocumentReadings {
    /// Provinces named by unambiguous place mentions (a match with one place reading),
    /// with how often, in the order first named.
    province_votes: Vec<(usize, u32)>,
    /// The speaker of the first register cue (its first such reading).
    register_speaker: Option<Speaker>,
    /// Where the home words ("resident of") occur.
    home_phrases: PhraseOccurrences,
}

impl DocumentReadings {
    fn of(extractor: &Extractor, matches: &[LexMatch]) -> DocumentReadings {
        let gazetteer = &extractor.gazetteer;
        let mut votes: Vec<(usize, u32)> = Vec::new();
        let mut register_speaker = None;
        let mut home_spans = Vec::new();
        for m in matches {
            let mut only_place = None;
            let mut places = 0;
            let mut home = false;
            for term in m.terms.iter() {
                match term {
                    Term::Place(p) => {
                        only_place = Some(*p);
                        places += 1;
                    }
                    Term::Cue(Cue::Register(actor)) if register_speaker.is_none() => {
                        register_speaker = Some(Speaker {
                            actor: *actor,
                            text_start: m.start,
                            text_end: m.end,
                            cue_at: m.start,
                        });
                    }
                    Term::Cue(Cue::Home) => home = true,
                    _ => {}
                }
            }
            if home {
                home_spans.push(m.start..m.end);
            }
            let Some(only) = only_place.filter(|_| places == 1) else {
                continue;
            };
            if let Some(province) = gazetteer.ancestor_of_kind(only, PlaceKind::Province) {
                match votes.iter_mut().find(|(p, _)| *p == province) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((province, 1)),
                }
            }
        }
        DocumentReadings {
            province_votes: votes,
            register_speaker,
            home_phrases: PhraseOccurrences::from_spans(home_spans),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_id_writes_what_format_writes() {
        for id in [
            0,
            1,
            0xf,
            0x10,
            0xdead_beef,
            0x0123_4567_89ab_cdef,
            u64::MAX,
        ] {
            assert_eq!(hex_id("i", id), format!("i{id:016x}"));
        }
    }

    /// The searches in any case find what the same searches over `lower` find.
    #[test]
    fn marks_are_found_as_contains_finds_them() {
        for text in ["", "a, b", "Bājaur’s; (x)", "no mark here", "end."] {
            for marks in [",;", ".:(", ";"] {
                let chars: Vec<char> = marks.chars().collect();
                assert_eq!(
                    has_mark(text, marks.as_bytes()),
                    text.contains(chars.as_slice()),
                    "{text:?} {marks:?}"
                );
            }
        }
    }

    #[test]
    fn personal_names_are_capitalised_words() {
        for (word, name) in [
            ("Rehman", true),
            ("al-Masri", true),
            ("were", false),
            ("ISPR", false),
            ("Bājaur", true),
            ("Mehsud-", false),
            ("x-ray", false),
            ("", false),
        ] {
            assert_eq!(is_personal_name(word), name, "{word:?}");
        }
    }

    #[test]
    fn asides_are_told_by_their_opening_words() {
        assert!(is_aside(" including two children"));
        assert!(is_aside(" At least five"));
        assert!(is_aside(" 14 of them soldiers"));
        assert!(!is_aside(" 14 of the soldiers"));
        assert!(!is_aside(" were"));
        assert!(!is_aside(""));
    }

    proptest::proptest! {
        /// A gap with no comma and no dash, read as one piece, gives what its
        /// dashes made commas and its split at commas give.
        #[test]
        fn gaps_read_whole_are_read_as_split(
            gap in "(including |14 of them |aged |at least |were |killed|, | - | – |-|x){0,8}",
        ) {
            let mut read = Vec::new();
            visit_outside_asides(&gap, |piece| {
                read.push(piece.to_string());
                true
            });
            let mut commas = gap.clone();
            for dash in [" - ", " – ", " — "] {
                commas = commas.replace(dash, ",");
            }
            let split: Vec<String> = commas
                .split(',')
                .filter(|piece| !is_aside(piece))
                .map(str::to_string)
                .collect();
            proptest::prop_assert_eq!(read, split);
        }
    }

    /// The facts of the one sentence `text` is, read as a document's first
    /// sentence, given to `check` with the reader and the scratch they left.
    fn with_sentence_facts(
        text: &str,
        check: impl FnOnce(&Reader<'_>, &SentenceFacts<'_>, &SentenceScratch),
    ) {
        let extractor = Extractor::new();
        let matches = extractor.lexicon.scan(text);
        let readings = DocumentReadings::of(&extractor, &matches);
        let whole = 0..text.len();
        let sentences = split_sentences(text, std::slice::from_ref(&whole));
        let reader = Reader {
            extractor: &extractor,
            text,
            doc_id: "test",
            sentences: &sentences,
            matches: &matches,
            reference: None,
            datelines: &[],
            province_votes: &readings.province_votes,
            document_place: std::cell::OnceCell::new(),
            register_speaker: None,
            home_phrases: &readings.home_phrases,
            ascii: text.is_ascii(),
        };
        let sentence = &sentences[0];
        let inside = matches.partition_point(|m| m.start < sentence.span.start)
            ..matches.partition_point(|m| m.end <= sentence.span.end);
        let mut scratch = SentenceScratch::default();
        let facts = reader.sentence_facts(
            0,
            sentence,
            &matches[inside],
            reader.sentence_numbers(sentence),
            reader.sentence_dates(sentence),
            &mut scratch,
        );
        check(&reader, &facts, &scratch);
    }

    proptest::proptest! {
        /// Marks found eight bytes at a time are those found byte by byte.
        #[test]
        fn marks_in_blocks_are_found_byte_by_byte(
            text in "[a-z ,;:.(\"“é-]{0,40}",
            marks in proptest::sample::subsequence(vec![b',', b';', b'.', b':', b'(', b'"'], 1..6),
        ) {
            let slow = text.bytes().any(|b| marks.contains(&b));
            proptest::prop_assert_eq!(has_mark(&text, &marks), slow);
        }

        /// Asides told by their first letter first are those told by their words.
        #[test]
        fn asides_by_first_letter_are_asides_by_words(
            piece in "(?i) ?(including|among them|mostly|most of them|possibly|reportedly|all |many of them|some of them|at least|mainly|largely|aged |14 of them|x of whom|both|\\(|1|é|the|and)( the| of| them| whom| x){0,2}"
        ) {
            let t = lower(piece.trim_start());
            let part = t.split_whitespace().nth(1) == Some("of")
                && (t.contains(" of them") || t.contains(" of whom"));
            let slow = part || ASIDES.iter().any(|p| t.starts_with(p));
            proptest::prop_assert_eq!(is_aside(&piece), slow);
        }

        /// A word asked against a list in any case is in it exactly when its
        /// lowered form is.
        #[test]
        fn words_are_found_in_any_case_as_lowered(word in "(?i)(was|were|been|the|to|at|reached|his|her|a|an|x|wa|wer|toll|é|[a-z]{0,3})") {
            let words = ["was", "were", "been", "the", "to", "at", "reached", "his", "her", "a", "an"];
            proptest::prop_assert_eq!(
                is_word(&word, &words),
                words.contains(&lower(&word).as_str())
            );
        }

        /// Marks and curly quotes found byte by byte are those `contains` finds.
        #[test]
        fn marks_and_quotes_are_found_as_contains_finds_them(text in "[a-z ,;:.(\"“”’é]{0,30}") {
            proptest::prop_assert_eq!(has_stop_or_quote(&text), text.contains(['.', ';', '“', '”', '"']));
        }
    }

    /// The kinds of a match, as bits, are the variants of its readings: a cue's bit
    /// is set exactly when a reading is a cue of that variant, whatever its fields.
    #[test]
    fn match_kinds_are_the_variants_of_the_readings() {
        let extractor = Extractor::new();
        let cues = [
            Cue::Kill,
            Cue::Wound,
            Cue::Abduct,
            Cue::Arrest,
            Cue::Victim {
                category: None,
                singular: false,
            },
            Cue::Event {
                event_type: EventType::Other,
                anaphoric: false,
            },
            Cue::Attribution(SpeakerSide::Before),
            Cue::Responsibility,
            Cue::Irrealis,
            Cue::NonViolent,
            Cue::Separate,
            Cue::Aggregate,
            Cue::Change,
            Cue::Strength,
            Cue::Part,
            Cue::Measure(Measure::Other),
            Cue::Negation,
            Cue::Nationwide,
            Cue::Thing,
            Cue::Revision,
            Cue::Background,
            Cue::Superseded,
            Cue::Home,
            Cue::Register(0),
        ];
        let mut seen = 0;
        for text in crate::sample_texts::sample_articles() {
            for m in extractor.lexicon.scan(&text) {
                let kinds = match_kinds(&m);
                seen |= kinds;
                for cue in cues {
                    let slow = m.terms.iter().any(|t| {
                        matches!(t, Term::Cue(c)
                            if std::mem::discriminant(c) == std::mem::discriminant(&cue))
                    });
                    assert_eq!(kinds & kind_bit(cue) != 0, slow, "{cue:?}");
                }
                let place = m.terms.iter().any(|t| matches!(t, Term::Place(_)));
                let actor = m.terms.iter().any(|t| matches!(t, Term::Actor(_)));
                assert_eq!(kinds & K_PLACE != 0, place);
                assert_eq!(kinds & K_ACTOR != 0, actor);
            }
        }
        // The texts hold places, actors, casualty words and events.
        assert_eq!(
            seen & (K_PLACE | K_ACTOR | K_OUTCOME),
            K_PLACE | K_ACTOR | K_OUTCOME
        );
    }

    /// A name's place reading, taken at once when it has one, is the one the
    /// votes and the match rules choose among all its readings.
    #[test]
    fn place_readings_are_those_the_votes_choose() {
        let extractor = Extractor::new();
        let mut several = 0;
        for text in crate::sample_texts::sample_articles() {
            let matches = extractor.lexicon.scan(&text);
            let readings = DocumentReadings::of(&extractor, &matches);
            let reader = Reader {
                extractor: &extractor,
                text: &text,
                doc_id: "test",
                sentences: &[],
                matches: &matches,
                reference: None,
                datelines: &[],
                province_votes: &readings.province_votes,
                document_place: std::cell::OnceCell::new(),
                register_speaker: None,
                home_phrases: &readings.home_phrases,
                ascii: text.is_ascii(),
            };
            for m in &matches {
                let all = Reader::place_terms(m).max_by_key(|&p| reader.place_rank(p));
                assert_eq!(reader.place_reading(m), all);
                several += usize::from(Reader::place_terms(m).nth(1).is_some());
            }
        }
        assert!(several > 0, "no name with several place readings");
    }

    /// The buffers of the sentence walk, which a thread keeps from one document to
    /// the next, change no reading: each sample text read after all the others on
    /// one thread gives what it gives read on a thread of its own, with none before.
    #[test]
    fn documents_read_in_turn_are_read_as_alone() {
        let extractor = Extractor::new();
        let articles: Vec<Article> = crate::sample_texts::sample_articles()
            .into_iter()
            .enumerate()
            .map(|(i, text)| Article {
                doc_id: format!("doc{i}"),
                text,
                published: None,
                input_warnings: Vec::new(),
                input_error: None,
            })
            .collect();
        let in_turn: Vec<Extraction> = articles
            .iter()
            .rev()
            .map(|a| extractor.extract(a))
            .collect();
        for (article, read_in_turn) in articles.iter().rev().zip(&in_turn) {
            let alone = std::thread::scope(|s| {
                s.spawn(|| extractor.extract(article))
                    .join()
                    .expect("a reading on its own thread")
            });
            assert_eq!(&alone, read_in_turn, "{}", article.doc_id);
        }
    }

    /// Read again with the headline first, a text's body gives the numbers the
    /// first reading found: those kept are those found afresh.
    #[test]
    fn numbers_kept_from_the_body_are_those_found_again() {
        let extractor = Extractor::new();
        let mut read = 0;
        for text in crate::sample_texts::sample_articles() {
            let cleaned = clean(&text);
            let Some(title) = cleaned.title.clone() else {
                continue;
            };
            let matches = extractor.lexicon.scan(&text);
            let readings = DocumentReadings::of(&extractor, &matches);
            let body = split_sentences(&text, &cleaned.lines);
            let mut lines = vec![title];
            lines.extend(cleaned.lines.iter().cloned());
            let with_title = split_sentences(&text, &lines);
            let reader = |sentences| Reader {
                extractor: &extractor,
                text: &text,
                doc_id: "test",
                sentences,
                matches: &matches,
                reference: None,
                datelines: &[],
                province_votes: &readings.province_votes,
                document_place: std::cell::OnceCell::new(),
                register_speaker: None,
                home_phrases: &readings.home_phrases,
                ascii: text.is_ascii(),
            };
            let first = reader(&body);
            let known: Vec<SentenceNumbers> = body
                .iter()
                .map(|s| (s.span.clone(), first.sentence_numbers(s)))
                .collect();
            let second = reader(&with_title);
            let fresh: Vec<Vec<NumberMention>> = with_title
                .iter()
                .map(|s| second.sentence_numbers(s))
                .collect();
            assert_eq!(
                format!("{:?}", second.known_numbers(known)),
                format!("{fresh:?}")
            );
            read += 1;
        }
        assert!(read > 0, "no sample article has a headline");
    }

    const SENTENCES: [&str; 5] = [
        "Two soldiers were martyred when militants of the TTP attacked a check post in North Waziristan, the ISPR said.",
        "Three people were killed and five injured in a blast.",
        "Security forces killed 12 terrorists in Bajaur, police said on Monday.",
        "Commander Gul Wazir was killed along with his guard by unidentified gunmen.",
        "The attack was claimed by the Tehreek-e-Taliban Pakistan.",
    ];

    /// The questions about actors start at the first match that names an actor
    /// or a place: no match before it names one.
    #[test]
    fn named_matches_begin_at_the_first_name() {
        for text in SENTENCES {
            with_sentence_facts(text, |_, facts, _| {
                let names = |m: &LexMatch| {
                    m.terms
                        .iter()
                        .any(|t| matches!(t, Term::Actor(_) | Term::Place(_)))
                };
                let first = facts.matches.iter().position(names);
                assert_eq!(
                    facts.first_named,
                    first.unwrap_or(facts.matches.len()),
                    "{text}"
                );
                assert_eq!(
                    facts.named_matches().len(),
                    facts.matches.len() - facts.first_named
                );
            });
        }
    }

    /// The agent of a passive verb is read after "by" or "by the", in any case;
    /// an actor with other words before it is no agent.
    #[test]
    fn passive_agents_follow_by() {
        for (text, agent) in [
            (
                "Two soldiers were attacked by the TTP in Bannu.",
                Some("TTP"),
            ),
            (
                "Two soldiers were attacked BY THE TTP in Bannu.",
                Some("TTP"),
            ),
            ("Two policemen were killed by  the TTP.", Some("TTP")),
            ("The TTP attacked a post in Bannu.", None),
            ("Two soldiers were attacked near the TTP hideout.", None),
        ] {
            with_sentence_facts(text, |reader, facts, _| {
                let found = reader.passive_agent(facts);
                assert_eq!(
                    found.as_ref().map(|(_, s, e)| &text[*s..*e]),
                    agent,
                    "{text}"
                );
            });
        }
    }

    /// Who did it, in order of rank, wherever each stands in the sentence: the agent
    /// of a passive verb; else the first militant group that is not the object of
    /// "against" or "on"; else the first generic actor before a verb of attack.
    #[test]
    fn perpetrators_are_taken_in_order_of_rank() {
        for (text, doer) in [
            (
                "Gunmen opened fire on the TTP convoy before two soldiers were attacked by the BLA.",
                Some("BLA"),
            ),
            (
                "Gunmen opened fire at a post, and the TTP said it was behind the raid.",
                Some("TTP"),
            ),
            (
                "Gunmen opened fire at a post in an operation against TTP.",
                Some("Gunmen"),
            ),
            (
                "The operation against TTP followed a raid by the BLA in which gunmen stormed a post.",
                Some("BLA"),
            ),
            ("Two soldiers were killed near a TTP hideout.", Some("TTP")),
            ("Two soldiers were killed in an operation against TTP.", None),
        ] {
            with_sentence_facts(text, |reader, facts, _| {
                let found = reader.perpetrator_in(facts, EventType::Attack);
                assert_eq!(
                    found.as_ref().map(|(_, s, e)| &text[*s..*e]),
                    doer,
                    "{text}"
                );
            });
        }
    }

    /// The word kept before each casualty word is the one `word_before` finds.
    #[test]
    fn casualty_words_keep_the_word_before_them() {
        for text in SENTENCES {
            with_sentence_facts(text, |reader, facts, scratch| {
                for word in &scratch.casualty_words {
                    let m = &facts.matches[word.index];
                    assert_eq!(
                        reader.before_casualty_word(word),
                        word_before(text, m.start),
                        "{text}"
                    );
                }
            });
        }
    }

    /// The matches from an offset on are those a filter on their starts keeps.
    #[test]
    fn matches_from_an_offset_are_those_starting_there_or_after() {
        for text in SENTENCES {
            with_sentence_facts(text, |_, facts, _| {
                for at in 0..=text.len() {
                    let filtered: Vec<&LexMatch> =
                        facts.matches.iter().filter(|m| m.start >= at).collect();
                    let from: Vec<&LexMatch> = facts.matches_from(at).iter().collect();
                    assert_eq!(from, filtered, "{text} {at}");
                }
            });
        }
    }

    proptest::proptest! {
        /// The words before a country are read in place as the three words
        /// collected from the end were read.
        #[test]
        fn locatives_read_in_place_as_collected(
            head in "(in |In |inside |eastern |war-torn |the |Into |across |x |\\u{e9}t\\u{e9} |  |\\t){0,6}",
        ) {
            let text = format!("{head}Afghanistan");
            let at = head.len();
            let words: Vec<&str> = text[..at].split_whitespace().rev().take(3).collect();
            let collected = words
                .iter()
                .skip(1)
                .any(|w| is_word(w, &["in", "inside", "into", "across"]))
                && words
                    .first()
                    .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_lowercase()));
            proptest::prop_assert_eq!(preceded_by_locative(&text, at), collected);
        }
    }

    #[test]
    fn past_tense_is_told_by_its_verbs() {
        assert!(tells_past_tense("Militants struck a post."));
        assert!(tells_past_tense("Two soldiers were martyred"));
        assert!(tells_past_tense("(Attacked) by the TTP"));
        assert!(!tells_past_tense("The banned TTP is based in Afghanistan."));
        assert!(!tells_past_tense("Officials fear more attacks"));
        assert!(!tells_past_tense(""));
    }

    proptest::proptest! {
        /// ASCII sentences read byte by byte tell the past tense as their words
        /// read character by character tell it.
        #[test]
        fn past_tense_read_by_bytes_as_by_chars(
            body in "(Was |were|WERE |struck|based |killed,|(hit) |ed |armed|\\.|\\t|\\x0b| |x|-|set\\n|Bombed ){0,10}",
        ) {
            proptest::prop_assert_eq!(tells_past_tense(&body), tells_past_tense_by_chars(&body));
        }
    }

    #[test]
    fn words_are_counted_outside_brackets() {
        assert_eq!(count_words_outside_parens(" alleged (TTP) "), 1);
        assert_eq!(count_words_outside_parens(" 4-5 [a b] c "), 2);
        assert_eq!(count_words_outside_parens(" Bājaur’s men "), 3);
        assert_eq!(count_words_outside_parens(""), 0);
    }

    proptest::proptest! {
        /// ASCII gaps counted byte by byte give the count read by characters.
        #[test]
        fn words_counted_by_bytes_as_by_chars(
            gap in "(\\(|\\)|\\[|\\]|ab|-|9| |,|'|x){0,12}",
        ) {
            proptest::prop_assert_eq!(
                count_words_outside_parens(&gap),
                words_outside_parens(gap.chars())
            );
        }
    }

    proptest::proptest! {
        /// The second word read byte by byte is the one `split_whitespace` gives.
        #[test]
        fn second_words_are_those_split_whitespace_gives(
            text in "(of|Of|14| |\\t|\\x0b|\\u{a0}|\\u{2003}|é|them|,){0,8}",
        ) {
            proptest::prop_assert_eq!(second_word(&text), text.split_whitespace().nth(1));
            for n in 0..8 {
                proptest::prop_assert_eq!(nth_word(&text, n), text.split_whitespace().nth(n));
            }
        }
    }

    #[test]
    fn asides_are_left_out_of_gaps() {
        let kept = |gap: &str| {
            let mut out = Vec::new();
            visit_outside_asides(gap, |piece| {
                out.push(piece.to_string());
                true
            });
            out
        };
        assert_eq!(kept(" were"), [" were"]);
        assert_eq!(kept(", including two children, were"), ["", " were"]);
        assert_eq!(kept(", 14 of them soldiers, were"), ["", " were"]);
        assert_eq!(kept(" - all possibly civilians - killed"), ["", "killed"]);
        assert_eq!(kept(", Of Whom, were"), ["", " Of Whom", " were"]);
        assert_eq!(kept(", At least two, Aged 40, were"), ["", " were"]);
        let mut first = Vec::new();
        visit_outside_asides("a, b, c", |piece| {
            first.push(piece.to_string());
            false
        });
        assert_eq!(first, ["a"]);
    }

    /// The byte-wise reading of ASCII gaps finds the words that `split_whitespace`
    /// and trimming find.
    #[test]
    fn gap_words_read_ascii_as_any_text() {
        for gap in [
            " were Reportedly and ",
            " (the) , ",
            "\tthe\x0bbanned  TTP's - men, were",
            " and or, a",
            "",
            " ... ",
        ] {
            let fast = GapWords::of(gap);
            let mut slow = GapWords::new();
            for w in gap.split_whitespace() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if !w.is_empty() {
                    slow.add_word(w);
                }
            }
            assert_eq!(
                (fast.count, fast.all_filler, fast.has_conjunction),
                (slow.count, slow.all_filler, slow.has_conjunction),
                "{gap:?}"
            );
            assert_eq!(
                (
                    fast.ends_with_conjunction,
                    fast.ends_with_and,
                    fast.has_determiner
                ),
                (
                    slow.ends_with_conjunction,
                    slow.ends_with_and,
                    slow.has_determiner
                ),
                "{gap:?}"
            );
        }
    }

    #[test]
    fn gap_words_sum_up_the_words() {
        let words = GapWords::of(" were Reportedly and ");
        assert_eq!(words.count, 3);
        assert!(!words.all_filler);
        assert!(words.has_conjunction && words.ends_with_conjunction && words.ends_with_and);
        assert!(!words.has_determiner);
        let words = GapWords::of(" (the) , ");
        assert_eq!(words.count, 1);
        assert!(words.all_filler && words.has_determiner && !words.has_conjunction);
    }
}
