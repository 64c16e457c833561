//! Numbers in running text, with their qualifiers.
//!
//! [`find_numbers`] reads every number the way a news reader does: "1,000",
//! "2.5 million", "twenty-one", "one hundred and twenty", "a dozen", "dozens",
//! "5,000 to 6,000", "between 10 and 12", "more than 71", "nearly 30". Each
//! mention carries the qualifier and the bounds it implies (SCHEMA.md) and a
//! [`NumberKind`] judged from its form and its immediate neighbours, so that
//! later stages count people only with numbers that can count people: "2023"
//! in "the 2023 earthquake" is a year, "$62 billion" money, "65%" a percentage,
//! "24-year-old" an age, "two days" a duration, "June 27" part of a date.
//!
//! The word lists (number words, qualifier phrases, vague amounts, context
//! words) live in `data/numbers.tsv`, each row with the reason it is there.
//!
//! Choices worth knowing:
//! - An exact number has no bounds (`low`/`high` are `None`): the value is the
//!   number. `at_least` sets `low = n`, `more_than` sets `low = n + 1`,
//!   `nearly` and `up_to` set `high = n` (inclusive, so that the value stays
//!   within its bounds), `about` sets none, a range sets both and no value.
//! - Vague amounts carry only a floor ("dozens": 24, "several": 3, "a few": 2):
//!   the press uses them too loosely for a ceiling. "many", "numerous" and
//!   "a number of" have neither.
//! - "from 50 to 70" is two numbers (a change), not a range; "50 to 70" and
//!   "between 50 and 70" are ranges.
//! - A mention's span covers its qualifier, the number, its scale word
//!   ("million") and the marks that make it money or a percentage ("Rs", "$",
//!   "%", "per cent", "rupees"); not the noun it counts.
//!
//! The scan is one tokenising pass and one left-to-right walk over the tokens
//! where a mention may start, linear in the length of the text; tables are
//! built once. A text with no
//! digit and no number or amount word, most sentences, is passed over after a
//! glance at its bytes.

use std::sync::LazyLock;

use crate::model::Qualifier;
use crate::text::{
    full_8, load_8, low_bytes, lowered_letters_8, FastMap, FastSet, WordHash, WordTable, HIGHS,
    ONES,
};

/// What a number in the text is, judged from its form and its immediate neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberKind {
    /// A cardinal that may count people or things: "71", "twenty-one", "dozens".
    Count,
    /// A calendar year: "2023", "in 2021".
    Year,
    /// Money: "$62 billion", "Rs5 million".
    Money,
    /// A percentage: "65%", "51 per cent".
    Percent,
    /// An age: "aged 24", "a 35-year-old".
    Age,
    /// A clock time or a duration: "10:30", "9pm", "two days", "nine months".
    Time,
    /// An ordinal or a rank: "first", "3rd".
    Ordinal,
    /// Anything else that is not a count: distances, phone numbers, ids.
    Other,
}

/// A number found in text, with the words that qualify it.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte offset where the mention starts, qualifier included ("more than 71").
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// The number as stated; `None` for vague amounts ("dozens").
    pub value: Option<f64>,
    /// How the number was stated.
    pub qualifier: Qualifier,
    /// Lower bound implied ("dozens" -> 24, "more than 71" -> 72, ranges).
    pub low: Option<f64>,
    /// Upper bound implied, `None` when unbounded.
    pub high: Option<f64>,
    /// What the number is.
    pub kind: NumberKind,
}

impl NumberMention {
    /// The words of the mention in `text` (the text it was found in).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Finds every number in `text`, in order of position.
pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    let mut out = Vec::new();
    // Most sentences hold no number at all: a glance at their letters spares
    // them the tokenizer, which costs the most of this stage.
    if !may_hold_number(text, &DATA) {
        return out;
    }
    TOKENS.with(|buffer| {
        // The buffer of the thread, kept from sentence to sentence; a fresh one
        // in the call that cannot have it (none: the scan calls nothing back).
        let mut fresh = Tokens::default();
        let mut kept = buffer.try_borrow_mut();
        let tokens = kept.as_deref_mut().unwrap_or(&mut fresh);
        for (base, chunk) in chunks(text) {
            // The tokens count from the chunk's start, so the tokenizer adds
            // nothing to each; the mentions count from the text's.
            tokenize(chunk, tokens);
            let scanner = Scanner {
                text: chunk,
                toks: &tokens.toks,
                data: &DATA,
            };
            let first = out.len();
            scanner.scan(tokens.starts(), &mut out, true);
            for mention in out.get_mut(first..).unwrap_or_default() {
                mention.start += base;
                mention.end += base;
            }
        }
        // A long text's buffers are not worth keeping for the sentences after it.
        if tokens.toks.capacity() > MAX_KEPT_TOKENS || tokens.starts.len() > 4 * MAX_KEPT_TOKENS {
            *tokens = Tokens::default();
        }
    });
    ages_in_a_list(text, &mut out);
    out
}

thread_local! {
    /// The tokens of the sentence being read, a buffer kept for the thread.
    static TOKENS: std::cell::RefCell<Tokens> = std::cell::RefCell::new(Tokens::default());
}

/// The most tokens whose room [`TOKENS`] keeps between sentences.
const MAX_KEPT_TOKENS: usize = 4096;

/// Whether `text` may hold a mention: every reading needs a number token (an
/// ASCII digit), a number word or an amount phrase (see [`Scanner::amount`]), so
/// a text with none of them yields nothing and need not be tokenized.
///
/// Digits are looked for eight bytes at a time first: most sentences that hold a
/// number hold digits. A word the tables know is an ASCII word, so it is a whole
/// run of ASCII letters here too, looked up as the tokenizer does ([`find_word`]).
/// Answering `true` wrongly costs only time; `false`
/// must be sure.
fn may_hold_number(text: &str, data: &'static Data) -> bool {
    let bytes = text.as_bytes();
    if has_ascii_digit(bytes) {
        return true;
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !is_letter(b) {
            i += 1;
            continue;
        }
        // Most words end within their block, which gives their key at once.
        if let Some((len, key, _)) = letters_in_block(bytes, i) {
            if data.short_triggers.find(key).is_some() {
                return true;
            }
            // The byte after the letters is no ASCII letter.
            i += len + 1;
            continue;
        }
        let start = i;
        let key;
        (i, key) = ascii_word_at(bytes, i);
        let trigger = if i - start <= 8 {
            data.short_triggers.find(key).is_some()
        } else {
            // Most long words have no trigger's first letter, last letter and length.
            let may_trigger = bytes
                .get(start..i)
                .is_some_and(|word| data.trigger_shapes.may_hold(word));
            may_trigger && find_word(data, bytes, start, i).is_some_and(|v| v.trigger)
        };
        if trigger {
            return true;
        }
        // The byte after the letters is no ASCII letter (or there is none).
        i += 1;
    }
    false
}

/// "aged 45 and 52", "aged 19, 22 and 30": numbers listed after an age are ages too.
fn ages_in_a_list(text: &str, mentions: &mut [NumberMention]) {
    for i in 1..mentions.len() {
        let (before, rest) = mentions.split_at_mut(i);
        let (previous, current) = (&before[i - 1], &mut rest[0]);
        if previous.kind != NumberKind::Age || current.kind != NumberKind::Count {
            continue;
        }
        let joiner = text.get(previous.end..current.start).unwrap_or("").trim();
        if matches!(joiner, "," | "and" | ", and" | "or") && current.value.is_some() {
            current.kind = NumberKind::Age;
        }
    }
}

/// The value of a number word ("twelve" -> 12, "third" -> 3), for callers
/// reading small counts inside other phrases ("two days ago").
pub fn word_value(word: &str) -> Option<f64> {
    let mut buf = [0u8; MAX_WORD];
    let lower = ascii_lower(word, &mut buf)?;
    DATA.words.get(lower).map(|w| w.value)
}

/// Whether `word` is a noun that numbers count ("people", "attacks"): after it,
/// a bare "2000" is a count rather than a year.
pub fn is_counted_noun(word: &str) -> bool {
    let mut buf = [0u8; MAX_WORD];
    ascii_lower(word, &mut buf).is_some_and(|w| DATA.counted.contains(w))
}

/// Rows of `data/numbers.tsv` that could not be read (empty when the file is sound).
pub fn data_problems() -> &'static [String] {
    &DATA.problems
}

// ---------------------------------------------------------------------------
// Data tables

static DATA_TEXT: &str = include_str!("../data/numbers.tsv");
static DATA: LazyLock<Data> = LazyLock::new(|| Data::parse(DATA_TEXT));

/// Words the code itself tests for; they join the vocabulary of the data file.
const CODE_WORDS: &[&str] = &[
    "a", "an", "and", "to", "or", "from", "another", "of", "us", "m", "plus", "the",
];

const MAX_WORD: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
    Ordinal,
}

#[derive(Debug, Clone, Copy)]
struct NumberWord {
    value: f64,
    class: WordClass,
}

#[derive(Debug, Clone, Copy)]
struct AmountRow {
    qualifier: Qualifier,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Ordinal,
    Time,
    Percent,
    Other,
    Scale(u64),
    Decade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Word(&'static str),
    Punct(char),
}

/// Phrases keyed by one of their words (the first for forward matching, the
/// last for backward matching), longest first.
struct PhraseTable<T> {
    by_key: FastMap<&'static str, Vec<(Vec<Item>, T)>>,
    backward: bool,
    /// The bit of [`VocabWord::tables`] that marks the words keying this table.
    bit: u8,
}

impl<T: Copy> PhraseTable<T> {
    fn new(backward: bool, bit: u8) -> Self {
        PhraseTable {
            by_key: FastMap::default(),
            backward,
            bit,
        }
    }

    fn insert(&mut self, items: Vec<Item>, value: T) {
        let key = if self.backward {
            items.iter().rev().find_map(word_of)
        } else {
            items.iter().find_map(word_of)
        };
        if let Some(key) = key {
            let list = self.by_key.entry(key).or_default();
            list.push((items, value));
            list.sort_by_key(|(items, _)| std::cmp::Reverse(items.len()));
        }
    }
}

fn word_of(item: &Item) -> Option<&'static str> {
    match item {
        Item::Word(w) => Some(w),
        Item::Punct(_) => None,
    }
}

/// A word of the tables, with what the tables say of it, found once per token so
/// that the scan asks no table twice about the same word.
#[derive(Debug, Clone, Copy)]
struct VocabWord {
    word: &'static str,
    /// Whether a mention can start at it (see [`Data::can_start`]).
    starts: bool,
    /// Whether an amount can start at it, qualifier or none before it (see
    /// [`Data::can_begin_amount`]).
    begins: bool,
    /// Whether a text without it (and without digits) may still hold a mention
    /// because of it: a number word, or the word that stands for an amount
    /// phrase (see [`may_hold_number`]).
    trigger: bool,
    /// Whether it can stand between the start of a mention and its number or
    /// amount word: a word of a qualifier or an amount phrase, an article
    /// ("a hundred") or a currency word (see [`Scanner::leads`]).
    prefix: bool,
    /// Which tables it keys or belongs to: the `IN_*` bits.
    tables: u8,
    /// Its value, when it is a number word.
    number: Option<NumberWord>,
    /// What it makes of digits written against it ("3rd", "5bn").
    suffix: Option<Suffix>,
}

const IN_PRE_QUALS: u8 = 1;
const IN_AMOUNTS: u8 = 2;
const IN_POST_QUALS: u8 = 4;
const IN_AFTER: u8 = 8;
const IN_BEFORE: u8 = 16;
const IN_COUNTED: u8 = 32;
const IN_PRONOUN: u8 = 64;

struct Data {
    /// Every word the tables know, by its lower-case bytes.
    vocab: WordTable<VocabWord>,
    words: FastMap<&'static str, NumberWord>,
    amounts: PhraseTable<AmountRow>,
    pre_quals: PhraseTable<Qualifier>,
    post_quals: PhraseTable<Qualifier>,
    suffixes: FastMap<&'static str, Suffix>,
    after: PhraseTable<NumberKind>,
    before: PhraseTable<NumberKind>,
    counted: FastSet<&'static str>,
    /// Verbs that make a bare 1900..2100 before them a count ("2000 were killed"),
    /// unless a preposition of `year_before` stands before it ("in 2022 had killed").
    counted_verb: FastSet<&'static str>,
    year_before: FastSet<&'static str>,
    pronoun: FastSet<&'static str>,
    /// The shapes of the words of `vocab`.
    vocab_shapes: Shapes,
    /// The shapes of the words of `vocab` that are [`VocabWord::trigger`]s.
    trigger_shapes: Shapes,
    /// The marks that can stand between the start of a mention and its number:
    /// hyphens, dots, currency signs, the marks of qualifier and amount phrases.
    prefix_marks: Vec<char>,
    /// The words of `vocab` of up to eight letters that are
    /// [`VocabWord::trigger`]s, found by their bytes as one number: few, so that
    /// the glance's lookups, nearly all misses, end at an empty slot.
    short_triggers: ShortWords,
    /// The words of `vocab` of up to fifteen letters, all of them, found by their
    /// bytes as one number with no branch: the tokenizer's lookups.
    keyed: KeyedWords,
    problems: Vec<String>,
}

fn parse_qualifier(s: &str) -> Option<Qualifier> {
    Qualifier::parse(s)
}

fn parse_kind(s: &str) -> Option<NumberKind> {
    Some(match s {
        "count" => NumberKind::Count,
        "year" => NumberKind::Year,
        "money" => NumberKind::Money,
        "percent" => NumberKind::Percent,
        "age" => NumberKind::Age,
        "time" => NumberKind::Time,
        "ordinal" => NumberKind::Ordinal,
        "other" => NumberKind::Other,
        _ => return None,
    })
}

fn opt_num(s: &str) -> Result<Option<f64>, ()> {
    if s == "-" {
        Ok(None)
    } else {
        s.parse::<f64>().map(Some).map_err(|_| ())
    }
}

/// Splits a data phrase into items: words, with "a.m" read as `a . m`.
fn phrase_items(phrase: &'static str) -> Vec<Item> {
    let mut items = Vec::new();
    for piece in phrase.split_whitespace() {
        let mut first = true;
        for part in piece.split('.') {
            if !first {
                items.push(Item::Punct('.'));
            }
            first = false;
            if !part.is_empty() {
                items.push(Item::Word(part));
            }
        }
    }
    items
}

impl Data {
    fn parse(source: &'static str) -> Data {
        let mut data = Data {
            vocab: WordTable::new([]),
            words: FastMap::default(),
            amounts: PhraseTable::new(false, IN_AMOUNTS),
            pre_quals: PhraseTable::new(false, IN_PRE_QUALS),
            post_quals: PhraseTable::new(false, IN_POST_QUALS),
            suffixes: FastMap::default(),
            after: PhraseTable::new(false, IN_AFTER),
            before: PhraseTable::new(true, IN_BEFORE),
            counted: FastSet::default(),
            counted_verb: FastSet::default(),
            year_before: FastSet::default(),
            pronoun: FastSet::default(),
            vocab_shapes: Shapes::default(),
            trigger_shapes: Shapes::default(),
            prefix_marks: Vec::new(),
            short_triggers: ShortWords::empty(),
            keyed: KeyedWords::empty(),
            problems: Vec::new(),
        };
        let mut known: Vec<&'static str> = CODE_WORDS.to_vec();
        for (n, line) in source.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 || cols.last().is_none_or(|why| why.is_empty()) {
                data.problems.push(format!(
                    "numbers.tsv line {}: too few columns or no reason",
                    n + 1
                ));
                continue;
            }
            let phrase = cols[1];
            if phrase.chars().any(|c| c.is_ascii_uppercase()) || !phrase.is_ascii() {
                data.problems.push(format!(
                    "numbers.tsv line {}: phrase must be lower-case ASCII",
                    n + 1
                ));
                continue;
            }
            let items = phrase_items(phrase);
            for item in &items {
                if let Item::Word(w) = item {
                    known.push(w);
                }
            }
            if data.add_row(&cols, items).is_err() {
                data.problems
                    .push(format!("numbers.tsv line {}: cannot read `{line}`", n + 1));
            }
        }
        // Any one word of an amount phrase must be there for the phrase to be:
        // the longest, so not "a" or "of", which are everywhere.
        let amount_words: FastSet<&'static str> = data
            .amounts
            .by_key
            .values()
            .flatten()
            .filter_map(|(items, _)| {
                items
                    .iter()
                    .filter_map(word_of)
                    .fold(None, |longest: Option<&'static str>, w| match longest {
                        Some(l) if l.len() >= w.len() => Some(l),
                        _ => Some(w),
                    })
            })
            .collect();
        // The words and marks that can stand before a mention's number or amount
        // word, after its start: those of qualifiers and amount phrases.
        let lead_items = || {
            let pre = data.pre_quals.by_key.values().flatten();
            let amounts = data.amounts.by_key.values().flatten();
            pre.map(|(items, _)| items)
                .chain(amounts.map(|(items, _)| items))
                .flatten()
        };
        let prefix_words: FastSet<&'static str> = lead_items().filter_map(word_of).collect();
        data.prefix_marks = lead_items()
            .filter_map(|item| match item {
                Item::Punct(c) => Some(*c),
                Item::Word(_) => None,
            })
            .chain(['-', '.'])
            .chain(CURRENCY_SYMBOLS.iter().copied())
            .collect();
        let mut vocab: FastMap<&'static str, VocabWord> = FastMap::default();
        for word in known {
            // Tokens longer than the lookup buffer are never looked up.
            if word.len() > MAX_WORD || vocab.contains_key(word) {
                continue;
            }
            let starts = data.can_start(word);
            let begins = data.can_begin_amount(word);
            let tables = [
                (data.pre_quals.by_key.contains_key(word), IN_PRE_QUALS),
                (data.amounts.by_key.contains_key(word), IN_AMOUNTS),
                (data.post_quals.by_key.contains_key(word), IN_POST_QUALS),
                (data.after.by_key.contains_key(word), IN_AFTER),
                (data.before.by_key.contains_key(word), IN_BEFORE),
                (
                    data.counted.contains(word) || data.counted_verb.contains(word),
                    IN_COUNTED,
                ),
                (data.pronoun.contains(word), IN_PRONOUN),
            ]
            .iter()
            .filter(|(member, _)| *member)
            .fold(0, |bits, (_, bit)| bits | bit);
            let number = data.words.get(word).copied();
            let suffix = data.suffixes.get(word).copied();
            let trigger = number.is_some() || amount_words.contains(word);
            let prefix = begins || prefix_words.contains(word);
            data.vocab_shapes.mark(word);
            if trigger {
                data.trigger_shapes.mark(word);
            }
            vocab.insert(
                word,
                VocabWord {
                    word,
                    starts,
                    begins,
                    trigger,
                    prefix,
                    tables,
                    number,
                    suffix,
                },
            );
        }
        let triggers = vocab
            .iter()
            .filter(|(_, known)| known.trigger)
            .filter_map(|(word, known)| Some((short_key(word.as_bytes())?, *known)))
            .collect();
        match ShortWords::new(triggers) {
            Some(short_triggers) => data.short_triggers = short_triggers,
            None => data
                .problems
                .push("numbers.tsv: more short words than SHORT_SLOTS".to_string()),
        }
        let keyed = vocab
            .iter()
            .filter_map(|(word, known)| Some((long_key(word.as_bytes())?, *known)))
            .collect();
        match KeyedWords::new(keyed) {
            Some(keyed) => data.keyed = keyed,
            None => data
                .problems
                .push("numbers.tsv: the words do not fit KEY_SLOTS".to_string()),
        }
        data.vocab = WordTable::new(
            vocab
                .into_iter()
                .map(|(word, known)| (word.as_bytes().to_vec(), known)),
        );
        data
    }

    /// Whether a mention can start at `word`: it opens a qualifier or an amount
    /// phrase, is a number word, an article before "hundred" ("a hundred"), or a
    /// currency word ("Rs", "US$"). [`Scanner::scan`] passes over every other word.
    fn can_start(&self, word: &str) -> bool {
        self.pre_quals.by_key.contains_key(word) || self.can_begin_amount(word)
    }

    /// Whether [`Scanner::amount`] can read anything at `word`: it opens an amount
    /// phrase, is a number word, an article before "hundred" or a currency word.
    /// A word that only opens a qualifier ("in" of "in excess of", "at", "more")
    /// needs the qualifier whole and an amount after it, which the scan checks
    /// before paying for a reading.
    fn can_begin_amount(&self, word: &str) -> bool {
        let money_word = self.before.by_key.get(word).is_some_and(|list| {
            list.iter()
                .any(|(items, kind)| *kind == NumberKind::Money && items.len() == 1)
        });
        self.amounts.by_key.contains_key(word)
            || self.words.contains_key(word)
            || matches!(word, "a" | "an" | "us")
            || money_word
    }

    fn add_row(&mut self, cols: &[&'static str], items: Vec<Item>) -> Result<(), ()> {
        let phrase = cols[1];
        let col = |i: usize| cols.get(i).copied().ok_or(());
        match cols[0] {
            "word" => {
                let value = col(2)?.parse::<f64>().map_err(|_| ())?;
                let class = match col(3)? {
                    "unit" => WordClass::Unit,
                    "teen" => WordClass::Teen,
                    "tens" => WordClass::Tens,
                    "hundred" => WordClass::Hundred,
                    "scale" => WordClass::Scale,
                    "dozen" => WordClass::Dozen,
                    "ordinal" => WordClass::Ordinal,
                    _ => return Err(()),
                };
                self.words.insert(phrase, NumberWord { value, class });
            }
            "amount" => {
                let row = AmountRow {
                    qualifier: parse_qualifier(col(2)?).ok_or(())?,
                    value: opt_num(col(3)?)?,
                    low: opt_num(col(4)?)?,
                    high: opt_num(col(5)?)?,
                };
                self.amounts.insert(items, row);
            }
            "qualifier" => {
                let q = parse_qualifier(col(2)?).ok_or(())?;
                match col(3)? {
                    "pre" => self.pre_quals.insert(items, q),
                    "post" => self.post_quals.insert(items, q),
                    _ => return Err(()),
                }
            }
            "suffix" => {
                let s = match col(2)? {
                    "ordinal" => Suffix::Ordinal,
                    "time" => Suffix::Time,
                    "percent" => Suffix::Percent,
                    "other" => Suffix::Other,
                    "thousand" => Suffix::Scale(1_000),
                    "million" => Suffix::Scale(1_000_000),
                    "billion" => Suffix::Scale(1_000_000_000),
                    "decade" => Suffix::Decade,
                    _ => return Err(()),
                };
                self.suffixes.insert(phrase, s);
            }
            "after" => self.after.insert(items, parse_kind(col(2)?).ok_or(())?),
            "before" => self.before.insert(items, parse_kind(col(2)?).ok_or(())?),
            "counted" => {
                self.counted.insert(phrase);
            }
            "counted_verb" => {
                self.counted_verb.insert(phrase);
            }
            "year_before" => {
                self.year_before.insert(phrase);
            }
            "pronoun" => {
                self.pronoun.insert(phrase);
            }
            _ => return Err(()),
        }
        Ok(())
    }
}

/// For each (first letter, last letter) of a set of words, a bit for each of
/// their lengths: a word of the text that misses is not in the set, which costs
/// no hashing to learn. Most words of a text miss.
struct Shapes([u32; 26 * 26]);

impl Default for Shapes {
    fn default() -> Self {
        Shapes([0; 26 * 26])
    }
}

impl Shapes {
    /// Adds `word` (lower case); a word that does not fit the table (not all
    /// `a`..=`z`, too long) sets every bit, so that nothing is missed for it.
    fn mark(&mut self, word: &str) {
        let bytes = word.as_bytes();
        match (bytes.first(), bytes.last()) {
            (Some(first @ b'a'..=b'z'), Some(last @ b'a'..=b'z'))
                if bytes.len() < 32 && bytes.iter().all(u8::is_ascii_lowercase) =>
            {
                let shape = usize::from(first - b'a') * 26 + usize::from(last - b'a');
                self.0[shape] |= 1 << bytes.len();
            }
            _ => self.0 = [u32::MAX; 26 * 26],
        }
    }

    /// Whether `word`, ASCII letters in either case, may be in the set.
    #[inline]
    fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        let (first, last) = (
            BYTE_CLASS[usize::from(first)],
            BYTE_CLASS[usize::from(last)],
        );
        if word.len() >= 32 || !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
            // Outside the table: not known to be absent.
            return true;
        }
        let shape = usize::from(first - b'a') * 26 + usize::from(last - b'a');
        self.0[shape] & (1 << word.len()) != 0
    }
}

/// The bytes of an ASCII word of up to eight letters, lower-cased, as one number
/// (little-endian, zero above the word): distinct words have distinct keys, and
/// none is 0. `None` for longer or empty words, or any not all letters.
fn short_key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(bytes) | ((ONES * 0x20) & low_bytes(word.len())))
}

/// [`short_key`] of the letters `bytes[start..end]` (1 to 8 ASCII letters), read
/// as one load where eight bytes are there to read.
#[inline]
fn short_key_at(bytes: &[u8], start: usize, end: usize) -> u64 {
    // Bytes past `end` are masked off, whatever the load read there.
    (load_8(bytes, start) | (ONES * 0x20)) & low_bytes(end - start)
}

/// The end of the run of ASCII letters from `start` (an ASCII letter), and the
/// [`short_key`] of the run when it has up to eight letters (else 0): both from
/// one load of eight bytes where there are eight to load.
#[inline(always)]
fn ascii_word_at(bytes: &[u8], start: usize) -> (usize, u64) {
    if let Some(block) = full_8(bytes, start) {
        let (lower, letters) = lowered_letters_8(block);
        let not_letters = !letters & HIGHS;
        if not_letters != 0 {
            let len = (not_letters.trailing_zeros() / 8) as usize;
            if len == 0 {
                return (start, 0);
            }
            return (start + len, lower & low_bytes(len));
        }
        let end = ascii_letters_end(bytes, start + 8);
        return (end, if end == start + 8 { lower } else { 0 });
    }
    let end = ascii_letters_end(bytes, start);
    let len = end - start;
    if len == 0 || len > 8 {
        return (end, 0);
    }
    (end, short_key_at(bytes, start, end))
}

/// The run of ASCII letters at `start` when eight bytes are there to read and it
/// ends within them: its length (1 to 7), its [`short_key`] and the block, from
/// one load. `None` for no letter, longer runs, or near the end.
#[inline(always)]
fn letters_in_block(bytes: &[u8], start: usize) -> Option<(usize, u64, u64)> {
    let block = full_8(bytes, start)?;
    let (lower, letters) = lowered_letters_8(block);
    let not_letters = !letters & HIGHS;
    if not_letters == 0 {
        return None;
    }
    let len = (not_letters.trailing_zeros() / 8) as usize;
    if len == 0 {
        return None;
    }
    Some((len, lower & low_bytes(len), block))
}

/// The vocabulary's words of up to eight letters by their [`short_key`]: open
/// addressing in a table of a fixed [`SHORT_SLOTS`], so that a lookup reads no
/// size, shift or bound, and a miss (most words of a text) ends at the first or
/// second slot after one multiplication while the table is at most an eighth full.
struct ShortWords {
    /// 0 marks an empty slot.
    keys: Box<[u64; SHORT_SLOTS]>,
    values: Box<[Option<VocabWord>; SHORT_SLOTS]>,
}

/// `[value; SHORT_SLOTS]` built on the heap: a table of [`ShortWords`] is too
/// large for a thread's stack.
fn boxed_array<T: Clone>(value: T) -> Box<[T; SHORT_SLOTS]> {
    let slots = vec![value; SHORT_SLOTS].into_boxed_slice();
    match slots.try_into() {
        Ok(array) => array,
        Err(_) => unreachable!("the vector has SHORT_SLOTS values"),
    }
}

/// The slots of a [`ShortWords`]: eight for each word of up to eight letters that
/// the tables know (a few hundred), a power of two.
const SHORT_SLOTS: usize = 4096;

impl ShortWords {
    /// The table of `entries`; `None` when they do not leave a slot free, which
    /// every lookup of a missing word needs to end.
    fn new(entries: Vec<(u64, VocabWord)>) -> Option<ShortWords> {
        if entries.len() >= SHORT_SLOTS {
            return None;
        }
        let mut table = ShortWords::empty();
        for (key, value) in entries {
            let mut slot = Self::slot(key);
            while table.keys[slot] != 0 {
                slot = (slot + 1) % SHORT_SLOTS;
            }
            table.keys[slot] = key;
            table.values[slot] = Some(value);
        }
        Some(table)
    }

    fn empty() -> ShortWords {
        ShortWords {
            keys: boxed_array(0),
            values: boxed_array(None),
        }
    }

    #[inline]
    fn slot(key: u64) -> usize {
        const SHIFT: u32 = 64 - SHORT_SLOTS.trailing_zeros();
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> SHIFT) as usize % SHORT_SLOTS
    }

    #[inline]
    fn find(&self, key: u64) -> Option<&VocabWord> {
        let mut slot = Self::slot(key);
        loop {
            let k = self.keys[slot];
            if k == key {
                return self.values[slot].as_ref();
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) % SHORT_SLOTS;
        }
    }
}

/// `0x01` in each of the sixteen bytes of a `u128`.
const ONES_16: u128 = u128::MAX / 0xff;

/// The room past a text's last byte in the copy the tokenizer reads: a word's
/// sixteen bytes are read at once wherever it starts.
const PAD: usize = 16;

/// The sixteen bytes of `bytes` from `at`, little-endian; zeros past the end.
#[inline(always)]
fn load_16(bytes: &[u8], at: usize) -> u128 {
    if let Some(block) = bytes.get(at..).and_then(|rest| rest.first_chunk::<16>()) {
        return u128::from_le_bytes(*block);
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let mut block = [0u8; 16];
    block[..rest.len()].copy_from_slice(rest);
    u128::from_le_bytes(block)
}

/// The bytes of an ASCII word of up to fifteen letters, lower-cased, as one number
/// (little-endian, zero above the word): distinct words have distinct keys, and
/// none is 0. `None` for longer or empty words, or any not all letters.
fn long_key(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() >= 16 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    Some(u128::from_le_bytes(bytes) | ((ONES_16 * 0x20) & (u128::MAX >> (128 - 8 * word.len()))))
}

/// The vocabulary's words of up to fifteen letters (all of them) by their
/// [`long_key`], in a perfect hash table: the key's bucket gives a number that
/// places every key of the bucket in a slot of its own, so that a lookup reads
/// one slot and compares with no branch. Whether a word of the text is known is
/// as unforeseeable as the text; a branch on it would be mispredicted at every
/// few words.
struct KeyedWords {
    slots: Box<[KeySlot; KEY_SLOTS]>,
    /// For each bucket, what moves its keys to their slots.
    shifts: Box<[u64; KEY_BUCKETS]>,
    /// An empty slot, which answers for every word the table does not hold.
    empty: usize,
    /// Odd multipliers: of the high half of a key, and of the key's hash, whose
    /// top byte is its bucket and the bits below the slot's before the shift.
    mix: [u64; 2],
}

/// A slot of a [`KeyedWords`].
#[derive(Clone, Copy)]
struct KeySlot {
    /// The key's low and high halves; 0 in an empty slot.
    low: u64,
    high: u64,
    /// The word's entry.
    word: Option<&'static VocabWord>,
    /// 1 when a mention may start at the word ([`VocabWord::starts`]), else 0:
    /// a count to add, with no branch.
    starts: usize,
}

const EMPTY_SLOT: KeySlot = KeySlot {
    low: 0,
    high: 0,
    word: None,
    starts: 0,
};

/// The slots of a [`KeyedWords`]: more than the words (a few hundred); a power of two.
const KEY_SLOTS: usize = 1024;
/// The buckets of a [`KeyedWords`]: a few words each; a power of two.
const KEY_BUCKETS: usize = 256;

impl KeyedWords {
    /// The table of `entries`; `None` when they do not fit, which no seed of a
    /// few dozen tried avoids.
    fn new(entries: Vec<(u128, VocabWord)>) -> Option<KeyedWords> {
        if entries.len() >= KEY_SLOTS {
            return None;
        }
        // The entries live as long as the tables, which are built once.
        let entries: Vec<KeySlot> = entries
            .into_iter()
            .map(|(key, word)| KeySlot {
                low: key as u64,
                high: (key >> 64) as u64,
                starts: usize::from(word.starts),
                word: Some(&*Box::leak(Box::new(word))),
            })
            .collect();
        let mut state = 0x853c_49e6_748f_ea9b_u64;
        let mut next = || {
            // splitmix64: a fixed sequence of well-mixed numbers.
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        'seeds: for _ in 0..64 {
            let mut table = KeyedWords {
                slots: Box::new([EMPTY_SLOT; KEY_SLOTS]),
                shifts: Box::new([0; KEY_BUCKETS]),
                empty: 0,
                mix: [next() | 1, next() | 1],
            };
            let mut buckets: Vec<Vec<(u64, KeySlot)>> = vec![Vec::new(); KEY_BUCKETS];
            for slot in &entries {
                let (bucket, hash) = table.hashes(slot.low, slot.high);
                buckets[bucket].push((hash, *slot));
            }
            // The fullest buckets first, while most slots are free.
            let mut order: Vec<usize> = (0..KEY_BUCKETS).collect();
            order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
            let mut taken = [false; KEY_SLOTS];
            for b in order {
                let keys = &buckets[b];
                if keys.is_empty() {
                    break;
                }
                let placed = (0..4096).map(|_| next()).find(|&shift| {
                    let mut at: Vec<usize> =
                        keys.iter().map(|(h, _)| Self::place(*h, shift)).collect();
                    let free = at.iter().all(|&a| !taken[a]);
                    at.sort_unstable();
                    at.dedup();
                    free && at.len() == keys.len()
                });
                let Some(shift) = placed else {
                    continue 'seeds;
                };
                table.shifts[b] = shift;
                for (hash, slot) in keys {
                    let at = Self::place(*hash, shift);
                    taken[at] = true;
                    table.slots[at] = *slot;
                }
            }
            table.empty = taken.iter().position(|t| !t)?;
            return Some(table);
        }
        None
    }

    fn empty() -> KeyedWords {
        KeyedWords {
            slots: Box::new([EMPTY_SLOT; KEY_SLOTS]),
            shifts: Box::new([0; KEY_BUCKETS]),
            empty: 0,
            mix: [1, 1],
        }
    }

    /// The bucket of a key and the hash that, with the bucket's shift, places it.
    #[inline(always)]
    fn hashes(&self, low: u64, high: u64) -> (usize, u64) {
        let [mix, one] = self.mix;
        let hash = (low ^ high.wrapping_mul(mix)).wrapping_mul(one);
        const SHIFT: u32 = 64 - KEY_BUCKETS.trailing_zeros();
        let bucket = (hash >> SHIFT) as usize % KEY_BUCKETS;
        // The bits below the bucket's place the key in its slot.
        (bucket, hash << KEY_BUCKETS.trailing_zeros())
    }

    #[inline(always)]
    fn place(hash: u64, shift: u64) -> usize {
        const SHIFT: u32 = 64 - KEY_SLOTS.trailing_zeros();
        ((hash ^ shift) >> SHIFT) as usize % KEY_SLOTS
    }

    /// The slot of the key of halves `low` and `high`; an empty one when the
    /// table does not hold it.
    #[inline(always)]
    fn slot(&self, low: u64, high: u64) -> &KeySlot {
        let (bucket, hash) = self.hashes(low, high);
        let at = Self::place(hash, self.shifts[bucket]);
        let slot = &self.slots[at];
        // A mask, not a choice between values, which the compiler may make a branch.
        let hit = usize::from((slot.low ^ low) | (slot.high ^ high) == 0).wrapping_neg();
        &self.slots[((at & hit) | (self.empty & !hit)) % KEY_SLOTS]
    }

    /// The entry of `key`, when the table holds it.
    #[inline(always)]
    fn find(&self, key: u128) -> Option<&'static VocabWord> {
        self.slot(key as u64, (key >> 64) as u64).word
    }
}

/// The entry of `bytes[start..end]`, ASCII letters only, in the vocabulary.
/// Always inlined: it runs once a word, and a call costs as much as the lookup.
#[inline(always)]
fn find_word(
    data: &'static Data,
    bytes: &[u8],
    start: usize,
    end: usize,
) -> Option<&'static VocabWord> {
    let len = end - start;
    if len < 16 {
        let key = (load_16(bytes, start) | (ONES_16 * 0x20)) & (u128::MAX >> (128 - 8 * len));
        return data.keyed.find(key);
    }
    let word = bytes.get(start..end)?;
    if len <= data.vocab.longest() && data.vocab_shapes.may_hold(word) {
        data.vocab.find(lower_hash(word), word)
    } else {
        None
    }
}

/// The [`WordHash`] of an ASCII word, lower-cased, as the tables are keyed.
fn lower_hash(word: &[u8]) -> u64 {
    let mut hash = WordHash::default();
    for &b in word {
        hash.add(b.to_ascii_lowercase());
    }
    hash.finish()
}

/// Lower-cases an ASCII word into `buf`; `None` for words too long or not ASCII,
/// which no table holds.
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > MAX_WORD || !word.is_ascii() {
        return None;
    }
    for (dst, src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
    /// The word as the tables know it, when they do.
    known: Option<&'static VocabWord>,
    /// The character of a punctuation token (of a number, its first digit; of a
    /// word, [`WORD_CH`]: no reading asks).
    ch: char,
    /// A digit run with more than one dot ("1.2.3", "14.05.2024"): not a quantity.
    dotted: bool,
}

/// Splits long texts at line ends (or spaces) so that the token buffer stays small.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    const CHUNK: usize = 256 * 1024;
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let mut end = text.len();
        if text.len() - start > CHUNK {
            let from = start + CHUNK;
            let rest = text.as_bytes().get(from..).unwrap_or(&[]);
            let cut = rest
                .iter()
                .position(|&b| b == b'\n')
                .or_else(|| rest.iter().position(|b| b.is_ascii_whitespace()));
            if let Some(c) = cut {
                end = from + c + 1;
            }
        }
        pos = end;
        text.get(start..end).map(|s| (start, s))
    })
}

/// The tokens of a text and where mentions may start.
#[derive(Default)]
struct Tokens {
    toks: Vec<Tok>,
    /// The tokens at which [`Scanner::may_start`] holds, in order: the first
    /// `n_starts`. The rest is room, so that a token is written there whether it
    /// is a start or not, and only the count says.
    starts: Vec<usize>,
    n_starts: usize,
    /// The bytes of the chunk and [`PAD`] zeros, which every read of a block may
    /// run into.
    bytes: Vec<u8>,
}

impl Tokens {
    /// The tokens at which a mention may start.
    fn starts(&self) -> &[usize] {
        self.starts.get(..self.n_starts).unwrap_or_default()
    }
}

/// The tokens of `chunk`, at byte offsets of `chunk`, into `into`, emptied first.
fn tokenize(chunk: &str, into: &mut Tokens) {
    let data: &Data = &DATA;
    let n = chunk.len();
    // Owned here, the buffers' lengths stay in registers.
    let mut toks = std::mem::take(&mut into.toks);
    let mut starts = std::mem::take(&mut into.starts);
    let mut padded = std::mem::take(&mut into.bytes);
    padded.clear();
    padded.extend_from_slice(chunk.as_bytes());
    padded.extend_from_slice(&[0; PAD]);
    let bytes = padded.get(..n + PAD).unwrap_or_default();
    toks.clear();
    toks.reserve(n / 4);
    // A start is written at every token and counted only when it is one: a
    // token is at most a byte, so the room for one a byte never runs out.
    if starts.len() <= n {
        starts.resize(n + 1, 0);
    }
    let mut n_starts = 0;
    let mut i = 0;
    while i < n {
        // The padding makes eight bytes there to read at every byte of the chunk:
        // one read, and one check, for the token's first byte and its block.
        let Some(&head) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) else {
            break;
        };
        let block = u64::from_le_bytes(head);
        let first = block as u8;
        let class = BYTE_CLASS[usize::from(first)];
        if class == SPACE {
            i += 1;
            continue;
        }
        if is_letter_class(class) {
            // Most words are of ASCII letters, fewer than eight, and end at an
            // ASCII byte: the block that gives their letters and key also gives
            // that byte, so nothing more is read to learn where the next token is.
            let (lower, letters) = lowered_letters_8(block);
            let not_letters = !letters & HIGHS;
            if not_letters != 0 {
                let ends = not_letters.trailing_zeros();
                let len = (ends / 8) as usize;
                let after = (block >> (ends & !7)) as u8;
                if after.is_ascii() {
                    // The bytes below the first that is no letter.
                    let mask = ((not_letters & not_letters.wrapping_neg()) >> 7).wrapping_sub(1);
                    let slot = data.keyed.slot(lower & mask, 0);
                    push_keyed_word(&mut toks, &mut starts, &mut n_starts, i..i + len, slot);
                    // Most words end at a space, which makes no token (other
                    // spaces are passed over as the next token is looked for).
                    i += len + usize::from(after == b' ');
                    continue;
                }
            } else {
                // Eight letters or more: the next block (the padding holds it),
                // with no second read of the first.
                let next = load_8(bytes, i + 8);
                let (lower_next, letters_next) = lowered_letters_8(next);
                let not_letters = !letters_next & HIGHS;
                if not_letters != 0 {
                    let ends = not_letters.trailing_zeros();
                    let len = 8 + (ends / 8) as usize;
                    let after = (next >> (ends & !7)) as u8;
                    if after.is_ascii() {
                        let mask =
                            ((not_letters & not_letters.wrapping_neg()) >> 7).wrapping_sub(1);
                        let slot = data.keyed.slot(lower, lower_next & mask);
                        push_keyed_word(&mut toks, &mut starts, &mut n_starts, i..i + len, slot);
                        i += len + usize::from(after == b' ');
                        continue;
                    }
                }
            }
            // Longer words, and words that may run on past ASCII ("Peshāwar").
            let (end, ascii) = word_end_past_ascii(chunk, bytes, ascii_letters_end(bytes, i));
            // Only ASCII words can be in the tables.
            let known = ascii.then(|| find_word(data, bytes, i, end)).flatten();
            push_word(&mut toks, &mut starts, &mut n_starts, i..end, known);
            i = end;
            continue;
        }
        if class == MARK {
            // An ASCII mark, most tokens that are no word: a token of its own,
            // and a start of mentions if a hyphen or the one currency sign in ASCII.
            starts[n_starts] = toks.len();
            n_starts += usize::from(first == b'-' || first == b'$');
            toks.push(Tok {
                kind: TokKind::Punct,
                start: i,
                end: i + 1,
                known: None,
                ch: char::from(first),
                dotted: false,
            });
            // Most marks (commas, full stops) are followed by a space, which
            // makes no token.
            i += 1 + usize::from((block >> 8) as u8 == b' ');
            continue;
        }
        let (c, len) = if class == NOT_ASCII {
            char_at(chunk, i)
        } else {
            (char::from(first), 1)
        };
        if class == NOT_ASCII && c.is_whitespace() {
            i += len;
            continue;
        }
        if class == DIGIT {
            let mut end = digits_end(bytes, i);
            let first_run = end - i;
            // Thousands separators: groups of 2 or 3 digits (South Asian "1,00,000"
            // too), the last of 3, each comma directly between digits.
            let mut groups_end = end;
            let mut last_len = 0;
            let mut ok = first_run <= 3;
            let mut j = end;
            while ok && bytes.get(j) == Some(&b',') {
                let g_end = digits_end(bytes, j + 1);
                let len = g_end - (j + 1);
                if len == 2 || len == 3 {
                    last_len = len;
                    j = g_end;
                    if len == 3 {
                        groups_end = g_end;
                    }
                } else {
                    break;
                }
            }
            if last_len == 3 || groups_end > end {
                ok = ok && groups_end == j;
            }
            if ok && groups_end > end {
                end = groups_end;
            }
            let mut dotted = false;
            if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
                end = digits_end(bytes, end + 1);
                while bytes.get(end) == Some(&b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                {
                    dotted = true;
                    end = digits_end(bytes, end + 1);
                }
            }
            starts[n_starts] = toks.len();
            n_starts += 1;
            toks.push(Tok {
                kind: TokKind::Num,
                start: i,
                end,
                known: None,
                ch: c,
                dotted,
            });
            i = end;
        } else if is_alphabetic(c) {
            let (end, rest_ascii) =
                word_end_past_ascii(chunk, bytes, ascii_letters_end(bytes, i + len));
            let ascii = len == 1 && rest_ascii;
            let known = ascii.then(|| find_word(data, bytes, i, end)).flatten();
            push_word(&mut toks, &mut starts, &mut n_starts, i..end, known);
            i = end;
        } else {
            starts[n_starts] = toks.len();
            n_starts += usize::from(c == '-' || CURRENCY_SYMBOLS.contains(&c));
            toks.push(Tok {
                kind: TokKind::Punct,
                start: i,
                end: i + len,
                known: None,
                ch: c,
                dotted: false,
            });
            i += len;
        }
    }
    into.toks = toks;
    into.starts = starts;
    into.n_starts = n_starts;
    into.bytes = padded;
}

/// The end of a word whose ASCII letters end at `end`: letters outside ASCII
/// ("Peshāwar") continue it, with any ASCII letters after them. Also whether it
/// has none (no table holds such a word).
#[inline]
fn word_end_past_ascii(chunk: &str, bytes: &[u8], mut end: usize) -> (usize, bool) {
    let mut ascii = true;
    while bytes.get(end).is_some_and(|&b| !b.is_ascii()) {
        let (d, d_len) = char_at(chunk, end);
        if !is_alphabetic(d) {
            break;
        }
        ascii = false;
        end = ascii_letters_end(bytes, end + d_len);
    }
    (end, ascii)
}

/// The [`Tok::ch`] of a word: a constant, as no reading asks a word's character,
/// so that the tokenizer keeps no character for it.
const WORD_CH: char = '\0';

/// [`push_word`] for a word looked up in the keyed table: its start is written
/// in any case and counted by the slot's 0 or 1, with no branch on whether the
/// word is known (which the scan would guess wrong about as often as not).
#[inline(always)]
fn push_keyed_word(
    toks: &mut Vec<Tok>,
    starts: &mut [usize],
    n_starts: &mut usize,
    span: std::ops::Range<usize>,
    slot: &KeySlot,
) {
    starts[*n_starts] = toks.len();
    *n_starts += slot.starts;
    toks.push(Tok {
        kind: TokKind::Word,
        start: span.start,
        end: span.end,
        known: slot.word,
        ch: WORD_CH,
        dotted: false,
    });
}

/// Adds a word token over `span`, noting it among the starts of mentions when the
/// tables say a mention may start at it.
#[inline]
fn push_word(
    toks: &mut Vec<Tok>,
    starts: &mut [usize],
    n_starts: &mut usize,
    span: std::ops::Range<usize>,
    known: Option<&'static VocabWord>,
) {
    if known.is_some_and(|v| v.starts) {
        starts[*n_starts] = toks.len();
        *n_starts += 1;
    }
    toks.push(Tok {
        kind: TokKind::Word,
        start: span.start,
        end: span.end,
        known,
        ch: WORD_CH,
        dotted: false,
    });
}

/// An ASCII space, tab or line end, in [`BYTE_CLASS`].
const SPACE: u8 = 1;
/// An ASCII digit, in [`BYTE_CLASS`].
const DIGIT: u8 = 2;
/// Any other ASCII mark, in [`BYTE_CLASS`].
const MARK: u8 = 3;
/// A byte of a character outside ASCII, in [`BYTE_CLASS`].
const NOT_ASCII: u8 = 4;

/// What each byte is to the tokenizer: an ASCII letter stands as its lower case
/// (`a`..=`z`), else [`SPACE`], [`DIGIT`], [`MARK`] or [`NOT_ASCII`]. The classes are those of `char::is_whitespace`,
/// `is_ascii_digit` and `is_alphabetic` for ASCII.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphabetic() {
            byte.to_ascii_lowercase()
        } else if byte.is_ascii_digit() {
            DIGIT
        } else if matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
            SPACE
        } else {
            MARK
        };
        b += 1;
    }
    table
};

/// The character at byte offset `i` (a character boundary) and its length; ASCII,
/// nearly all of news copy, without decoding.
fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (char::from(b), 1),
        _ => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            // Past the end or off a boundary, which the callers never ask: a space
            // of one byte keeps their loops moving.
            .map_or((' ', 1), |c| (c, c.len_utf8())),
    }
}

/// `char::is_alphabetic`, answered at once for the General Punctuation block
/// (U+2000 to U+206F), which holds no letter: the dashes and curly quotes of news
/// copy, nearly all of its characters outside ASCII, for which the standard
/// library walks its tables.
#[inline]
fn is_alphabetic(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphabetic()
}

/// Whether a class of [`BYTE_CLASS`] is a letter's: one comparison, as the classes
/// of all other bytes are below `a`.
#[inline]
fn is_letter_class(class: u8) -> bool {
    class >= b'a'
}

/// Whether `b` is an ASCII letter.
#[inline]
fn is_letter(b: u8) -> bool {
    is_letter_class(BYTE_CLASS[usize::from(b)])
}

/// Whether `bytes` hold an ASCII digit, eight at a time. With 0x30 flipped off,
/// the digits are the bytes below 10, and subtracting 10 from each byte sets the
/// high bit of those that are (the `hasless` test of "Bit Twiddling Hacks"): a
/// borrow can mark a byte wrongly only above one that is below 10, so the answer
/// for a block is exact, in fewer steps than [`bytes_in`]. Two blocks are tested
/// a step, with one branch for sixteen bytes.
fn has_ascii_digit(bytes: &[u8]) -> bool {
    let digits_in = |block: u64| {
        let flipped = block ^ (ONES * 0x30);
        flipped.wrapping_sub(ONES * 10) & !flipped & HIGHS
    };
    let mut pairs = bytes.chunks_exact(16);
    for pair in &mut pairs {
        if digits_in(load_8(pair, 0)) | digits_in(load_8(pair, 8)) != 0 {
            return true;
        }
    }
    let mut blocks = pairs.remainder().chunks_exact(8);
    for block in &mut blocks {
        if digits_in(load_8(block, 0)) != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(u8::is_ascii_digit)
}

/// The end of the run of ASCII letters from `from`, eight bytes at a time:
/// words are read whole at their end, not byte by byte.
#[inline]
fn ascii_letters_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while let Some(w) = full_8(bytes, end) {
        let not_letters = !lowered_letters_8(w).1 & HIGHS;
        if not_letters != 0 {
            return end + (not_letters.trailing_zeros() / 8) as usize;
        }
        end += 8;
    }
    while bytes.get(end).is_some_and(|&b| is_letter(b)) {
        end += 1;
    }
    end
}

fn digits_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    end
}

// ---------------------------------------------------------------------------
// The walk over tokens

/// A number read from one or more tokens, before context is weighed.
#[derive(Debug, Clone, Copy)]
struct Core {
    first: usize,
    end: usize,
    value: f64,
    /// Written in digits.
    digits: bool,
    /// Four digits, no separator, 1900..=2100.
    year_form: bool,
    /// A scale word or suffix multiplied it ("million", "bn").
    scale: Option<f64>,
    /// A kind its own form decides ("3rd", "9pm", "65%", "14/05/2024").
    form_kind: Option<NumberKind>,
    /// The token of a currency mark before it ("$", "Rs"), which starts the span.
    money_start: Option<usize>,
}

struct Scanner<'a> {
    text: &'a str,
    toks: &'a [Tok],
    data: &'static Data,
}

const CURRENCY_SYMBOLS: &[char] = &['$', '£', '€', '₹', '¥'];
const DASHES: &[char] = &['-', '–', '—'];

impl Scanner<'_> {
    fn known(&self, i: usize) -> Option<&'static VocabWord> {
        self.toks
            .get(i)
            .filter(|t| t.kind == TokKind::Word)
            .and_then(|t| t.known)
    }

    fn lw(&self, i: usize) -> Option<&'static str> {
        self.known(i).map(|v| v.word)
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.lw(i) == Some(w)
    }

    fn punct(&self, i: usize) -> Option<char> {
        self.toks
            .get(i)
            .filter(|t| t.kind == TokKind::Punct)
            .map(|t| t.ch)
    }

    fn is_punct(&self, i: usize, set: &[char]) -> bool {
        self.punct(i).is_some_and(|c| set.contains(&c))
    }

    /// Whether token `i` touches the token before it (no space between).
    fn joined(&self, i: usize) -> bool {
        i > 0
            && match (self.toks.get(i - 1), self.toks.get(i)) {
                (Some(a), Some(b)) => a.end == b.start,
                _ => false,
            }
    }

    fn raw(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn number_word(&self, i: usize) -> Option<NumberWord> {
        self.known(i).and_then(|v| v.number)
    }

    /// Longest phrase of `table` starting at token `i`; a hyphen may join its words.
    #[inline(always)]
    fn match_forward<T: Copy>(&self, table: &PhraseTable<T>, i: usize) -> Option<(T, usize)> {
        // Most tokens asked about (numbers, words of no phrase) key no phrase of the
        // table and are no hyphen before one: answered here, without the call.
        let keys = self.known(i).is_some_and(|v| v.tables & table.bit != 0);
        if !keys && !self.is_punct(i, &['-']) {
            return None;
        }
        self.match_phrase(table, i)
    }

    /// [`Scanner::match_forward`] at a token that keys a phrase of `table` or is a
    /// hyphen.
    #[inline(never)]
    fn match_phrase<T: Copy>(&self, table: &PhraseTable<T>, i: usize) -> Option<(T, usize)> {
        // "24-year-old", "a two-day operation": a hyphen joins the phrase to the number.
        let i = if self.is_punct(i, &['-']) && self.joined(i) && self.joined(i + 1) {
            i + 1
        } else {
            i
        };
        let key = self.known(i).filter(|v| v.tables & table.bit != 0)?;
        let list = table.by_key.get(key.word)?;
        'phrases: for (items, value) in list {
            let mut k = i;
            for (n, item) in items.iter().enumerate() {
                match item {
                    Item::Word(w) => {
                        if n > 0 && self.is_punct(k, &['-']) && self.joined(k) {
                            k += 1;
                        }
                        if !self.is_word(k, w) {
                            continue 'phrases;
                        }
                    }
                    Item::Punct(c) => {
                        if self.punct(k) != Some(*c) {
                            continue 'phrases;
                        }
                    }
                }
                k += 1;
            }
            return Some((*value, k));
        }
        None
    }

    /// Longest phrase of the `before` table ending just before token `end`;
    /// returns its kind and first token.
    #[inline(always)]
    fn match_backward(&self, end: usize) -> Option<(NumberKind, usize)> {
        // Most tokens before a number end no phrase of the table and are no mark
        // after one: answered here, without the call.
        let last = end.checked_sub(1)?;
        let keys = self.known(last).is_some_and(|v| v.tables & IN_BEFORE != 0);
        if !keys && !self.is_punct(last, &['.', ':']) {
            return None;
        }
        self.match_phrase_before(end)
    }

    /// [`Scanner::match_backward`] where the token before `end` keys a phrase of
    /// the `before` table or is a mark that may follow one.
    #[inline(never)]
    fn match_phrase_before(&self, end: usize) -> Option<(NumberKind, usize)> {
        let mut last = end.checked_sub(1)?;
        // "Rs. 10", "No. 5", "Sec: 144"
        if self.is_punct(last, &['.', ':']) {
            last = last.checked_sub(1)?;
        }
        let key = self.known(last).filter(|v| v.tables & IN_BEFORE != 0)?;
        let list = self.data.before.by_key.get(key.word)?;
        'phrases: for (items, value) in list {
            let mut k = last + 1;
            for item in items.iter().rev() {
                let Some(prev) = k.checked_sub(1) else {
                    continue 'phrases;
                };
                k = prev;
                let ok = match item {
                    Item::Word(w) => self.is_word(k, w),
                    Item::Punct(c) => self.punct(k) == Some(*c),
                };
                if !ok {
                    continue 'phrases;
                }
            }
            return Some((*value, k));
        }
        None
    }

    /// Reads the mentions of the tokens into `out`, going from start to start
    /// (`starts`, those of [`Tokens`]): at any other token it would read nothing.
    /// `by_leads` passes over the starts that do not [lead](Scanner::leads) to a
    /// number, which read nothing either (the tests scan without it too).
    fn scan(&self, starts: &[usize], out: &mut Vec<NumberMention>, by_leads: bool) {
        let mut i = 0;
        for &start in starts {
            if start < i {
                continue;
            }
            i = start;
            if by_leads && !self.leads(i) {
                continue;
            }
            if let Some((q, j)) = self.match_forward(&self.data.pre_quals, i) {
                if self.may_begin_amount(j) {
                    if let Some((m, next)) = self.amount(i, j, Some(q)) {
                        out.push(m);
                        i = next;
                        continue;
                    }
                }
            }
            if self.may_begin_amount(i) {
                if let Some((m, next)) = self.amount(i, i, None) {
                    out.push(m);
                    i = next;
                    continue;
                }
            }
        }
    }

    /// Whether [`Scanner::amount`] can read anything at token `j`: a number, a
    /// word of [`Data::can_begin_amount`], a currency sign or a hyphen (which
    /// [`Scanner::match_forward`] passes over). Any other token gives `None` there
    /// whatever the qualifier, so the scan asks this first: "in", "at", "more",
    /// "over" open qualifiers and are everywhere, but rarely before a number.
    fn may_begin_amount(&self, j: usize) -> bool {
        self.toks.get(j).is_some_and(|t| match t.kind {
            TokKind::Num => true,
            TokKind::Word => t.known.is_some_and(|v| v.begins),
            TokKind::Punct => t.ch == '-' || CURRENCY_SYMBOLS.contains(&t.ch),
        })
    }

    /// Whether a mention may start at token `i` as far as its words go. Every
    /// mention holds a number (digits or a number word) or an amount phrase, whose
    /// trigger word (see [`VocabWord::trigger`]) it reaches from its start over
    /// qualifier words, amount-phrase words, articles, currency words and their
    /// marks only ([`VocabWord::prefix`], [`Data::prefix_marks`]). So the scan
    /// reads nothing at "a" or "in" before an ordinary word.
    fn leads(&self, i: usize) -> bool {
        for tok in self.toks.get(i..).unwrap_or(&[]) {
            match tok.kind {
                TokKind::Num => return true,
                TokKind::Word => match tok.known {
                    Some(v) if v.trigger => return true,
                    Some(v) if v.prefix => {}
                    _ => return false,
                },
                TokKind::Punct => {
                    if !self.data.prefix_marks.contains(&tok.ch) {
                        return false;
                    }
                }
            }
        }
        false
    }

    /// Whether a mention can start at token `i`, as [`tokenize`] records in
    /// [`Tokens::starts`]. Every reading begins with a number,
    /// a word of the tables, a currency sign or a joining hyphen ("24-year-old");
    /// other words and marks, most of the tokens of a text, are passed over at once.
    #[cfg(test)]
    fn may_start(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| match t.kind {
            TokKind::Num => true,
            TokKind::Word => t.known.is_some_and(|v| v.starts),
            TokKind::Punct => t.ch == '-' || CURRENCY_SYMBOLS.contains(&t.ch),
        })
    }

    /// An amount at token `j`, with the qualifier read from tokens `s..j`.
    fn amount(&self, s: usize, j: usize, pre: Option<Qualifier>) -> Option<(NumberMention, usize)> {
        if let Some((row, k)) = self.match_forward(&self.data.amounts, j) {
            return Some(self.table_amount(s, j, k, row, pre));
        }
        let (money_start, first) = match self.money_prefix(j) {
            Some(first) => (Some(j), first),
            None => (None, j),
        };
        let mut core = self.core(first)?;
        if money_start.is_some() {
            core.money_start = money_start;
            core.form_kind = Some(NumberKind::Money);
            // "$5m": m is million only after a currency sign.
            if self.is_word(core.end, "m") && self.joined(core.end) {
                core.value *= 1e6;
                core.scale = Some(1e6);
                core.end += 1;
            }
        }
        if money_start.is_none() && core.form_kind.is_none() && !core.digits {
            // A pronoun "one" ("no one", "the one who") is not a count.
            if core.end == first + 1 && self.is_word(first, "one") {
                let before = first.checked_sub(1).and_then(|p| self.known(p));
                if before.is_some_and(|v| v.tables & IN_PRONOUN != 0)
                    || self.is_word(first + 1, "another")
                {
                    return None;
                }
            }
        }
        let mut qualifier = pre.unwrap_or(Qualifier::Exact);
        let mut start_tok = s;
        let mut value = Some(core.value);
        let mut low = None;
        let mut high = None;
        let mut end = core.end;
        let mut kind_override = None;
        let mut second_form = None;

        if let Some((second, year_range)) = self.range_after(&core, pre) {
            let (a, b) = self.range_bounds(&core, &second, year_range);
            qualifier = Qualifier::Range;
            value = None;
            low = Some(a);
            high = Some(b);
            end = second.end;
            second_form = second.form_kind;
            if year_range {
                kind_override = Some(NumberKind::Year);
            }
        } else {
            if pre == Some(Qualifier::Range) {
                // "between" without "and": the number stands alone.
                qualifier = Qualifier::Exact;
                start_tok = money_start.unwrap_or(first);
            }
            if qualifier == Qualifier::Exact && core.form_kind.is_none() {
                if let Some((q, k)) = self.postfix(end) {
                    qualifier = q;
                    end = k;
                }
            }
            match qualifier {
                Qualifier::AtLeast => low = Some(core.value),
                Qualifier::MoreThan => low = Some(core.value + 1.0),
                Qualifier::Nearly | Qualifier::UpTo => high = Some(core.value),
                _ => {}
            }
        }
        if s == j {
            start_tok = money_start.unwrap_or(start_tok.min(first));
        }
        let (kind, span_end) = match kind_override {
            Some(k) => (k, end),
            None => self.classify(&core, second_form, start_tok, end, pre),
        };
        let start = self.toks.get(start_tok)?.start;
        let end_byte = self.toks.get(span_end.checked_sub(1)?)?.end;
        let value = if kind == NumberKind::Year && value.is_none() && low.is_none() {
            Some(core.value)
        } else {
            value
        };
        Some((
            NumberMention {
                start,
                end: end_byte,
                value,
                qualifier,
                low,
                high,
                kind,
            },
            span_end.max(start_tok + 1),
        ))
    }

    fn table_amount(
        &self,
        s: usize,
        j: usize,
        k: usize,
        row: AmountRow,
        pre: Option<Qualifier>,
    ) -> (NumberMention, usize) {
        let mut end = k;
        let (mut value, mut low, mut high) = (row.value, row.low, row.high);
        // "several hundred", "a few thousand", "a few dozen"
        if row.qualifier == Qualifier::Vague {
            if let Some(w) = self.number_word(end) {
                if matches!(
                    w.class,
                    WordClass::Hundred | WordClass::Scale | WordClass::Dozen
                ) {
                    low = low.map(|l| l * w.value);
                    high = high.map(|h| h * w.value);
                    end += 1;
                }
            }
        }
        let mut qualifier = row.qualifier;
        let mut start_tok = j;
        if let Some(q) = pre {
            start_tok = s;
            if row.qualifier != Qualifier::Vague && q != Qualifier::Range {
                qualifier = q;
                let v = value.unwrap_or(0.0);
                (low, high) = match q {
                    Qualifier::AtLeast => (Some(v), None),
                    Qualifier::MoreThan => (Some(v + 1.0), None),
                    Qualifier::Nearly | Qualifier::UpTo => (None, Some(v)),
                    _ => (None, None),
                };
            } else if q == Qualifier::Range {
                start_tok = j;
            }
        }
        if qualifier == Qualifier::Vague {
            value = None;
        }
        let (kind, span_end) = self.classify_context(start_tok, end, None, None);
        let start = self.toks.get(start_tok).map_or(0, |t| t.start);
        let end_byte = span_end
            .checked_sub(1)
            .and_then(|e| self.toks.get(e))
            .map_or(start, |t| t.end);
        (
            NumberMention {
                start,
                end: end_byte,
                value,
                qualifier,
                low,
                high,
                kind,
            },
            span_end.max(start_tok + 1),
        )
    }

    /// "$", "US$", "Rs", "Rs.", "PKR" before a number at token `j`; returns
    /// the number's token.
    #[inline(always)]
    fn money_prefix(&self, j: usize) -> Option<usize> {
        // Most amounts start at their number, which is no currency: answered here,
        // without the call.
        if self.toks.get(j).is_none_or(|t| t.kind == TokKind::Num) {
            return None;
        }
        self.currency_before(j)
    }

    /// [`Scanner::money_prefix`] at a token that is no number.
    #[inline(never)]
    fn currency_before(&self, j: usize) -> Option<usize> {
        let t = self.toks.get(j)?;
        let num_at = |k: usize| (self.toks.get(k)?.kind == TokKind::Num).then_some(k);
        match t.kind {
            TokKind::Punct if CURRENCY_SYMBOLS.contains(&t.ch) => num_at(j + 1),
            TokKind::Word if t.known.is_some_and(|v| v.word == "us") => {
                if self.is_punct(j + 1, &['$']) && self.joined(j + 1) {
                    num_at(j + 2)
                } else {
                    None
                }
            }
            TokKind::Word => {
                let w = t.known.filter(|v| v.tables & IN_BEFORE != 0)?;
                let list = self.data.before.by_key.get(w.word)?;
                let money = list
                    .iter()
                    .any(|(items, kind)| *kind == NumberKind::Money && items.len() == 1);
                if !money {
                    return None;
                }
                let mut k = j + 1;
                if self.is_punct(k, &['.']) {
                    k += 1;
                }
                num_at(k)
            }
            TokKind::Num | TokKind::Punct => None,
        }
    }

    /// A number starting at token `i`, in digits or in words.
    fn core(&self, i: usize) -> Option<Core> {
        let t = self.toks.get(i)?;
        match t.kind {
            TokKind::Num => Some(self.digit_core(i)),
            TokKind::Word => self.word_core(i),
            TokKind::Punct => None,
        }
    }

    fn digit_core(&self, i: usize) -> Core {
        let raw = self.raw(i);
        let dotted = self.toks.get(i).is_some_and(|t| t.dotted);
        // Bytes, not characters: both marks are ASCII.
        let plain = !raw.bytes().any(|b| b == b',' || b == b'.');
        let value = parse_digits(raw);
        let mut core = Core {
            first: i,
            end: i + 1,
            value,
            digits: true,
            year_form: plain && raw.len() == 4 && (1900.0..=2100.0).contains(&value),
            scale: None,
            form_kind: None,
            money_start: None,
        };
        if dotted || (plain && raw.len() > 1 && raw.starts_with('0')) || (plain && raw.len() > 9) {
            core.form_kind = Some(NumberKind::Other);
        }
        let mut end = i + 1;
        // Clock: "10:30"
        if self.is_punct(end, &[':'])
            && self.joined(end)
            && self.joined(end + 1)
            && self
                .toks
                .get(end + 1)
                .is_some_and(|t| t.kind == TokKind::Num)
            && self.raw(end + 1).len() == 2
            && plain
            && value <= 24.0
        {
            core.form_kind = Some(NumberKind::Time);
            end += 2;
        } else if self.is_punct(end, &['/', '-', '–'])
            && self.joined(end)
            && self.joined(end + 1)
            && self
                .toks
                .get(end + 1)
                .is_some_and(|t| t.kind == TokKind::Num)
        {
            // Chains of digits: dates, fractions, phone numbers, scores.
            let sep = self.punct(end);
            let mut k = end;
            let mut count = 1;
            let mut leading_zero = raw.len() > 1 && raw.starts_with('0');
            while self.punct(k) == sep
                && self.joined(k)
                && self.joined(k + 1)
                && self.toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Num)
            {
                let r = self.raw(k + 1);
                leading_zero |= r.len() > 1 && r.starts_with('0');
                count += 1;
                k += 2;
            }
            if sep == Some('/') || count >= 3 || leading_zero {
                core.form_kind = Some(NumberKind::Other);
                end = k;
            }
        }
        core.end = end;
        if core.form_kind.is_some() && core.form_kind != Some(NumberKind::Time) {
            return core;
        }
        // Letters written against the digits: "3rd", "9pm", "65pc", "5bn", "10km".
        if self.toks.get(end).is_some_and(|t| t.kind == TokKind::Word) && self.joined(end) {
            let suffix = self.known(end).and_then(|v| v.suffix);
            match suffix {
                Some(Suffix::Ordinal) => core.form_kind = Some(NumberKind::Ordinal),
                Some(Suffix::Time) => core.form_kind = Some(NumberKind::Time),
                Some(Suffix::Percent) => core.form_kind = Some(NumberKind::Percent),
                Some(Suffix::Scale(m)) => {
                    core.value *= m as f64;
                    core.scale = Some(m as f64);
                    core.year_form = false;
                }
                Some(Suffix::Decade) if core.year_form => core.form_kind = Some(NumberKind::Year),
                Some(Suffix::Decade) | Some(Suffix::Other) => {
                    core.form_kind = Some(NumberKind::Other)
                }
                // "$5m" is read by the caller, which knows about the currency.
                None if self.is_word(end, "m") => return core,
                None => core.form_kind = Some(NumberKind::Other),
            }
            core.end = end + 1;
            return core;
        }
        if core.form_kind.is_some() {
            return core;
        }
        if self.is_punct(end, &['%']) {
            core.form_kind = Some(NumberKind::Percent);
            core.end = end + 1;
            return core;
        }
        // Scale words: "2.5 million", "12 lakh", "5 hundred thousand".
        let mut scale = 1.0;
        let mut k = end;
        while let Some(w) = self.number_word(k) {
            if matches!(
                w.class,
                WordClass::Scale | WordClass::Hundred | WordClass::Dozen
            ) && w.value > scale
            {
                scale *= w.value;
                k += 1;
            } else {
                break;
            }
        }
        if k > end {
            core.value *= scale;
            core.scale = Some(scale);
            core.year_form = false;
            core.end = k;
        }
        core
    }

    fn word_core(&self, i: usize) -> Option<Core> {
        #[derive(PartialEq, Clone, Copy)]
        enum Last {
            Start,
            Unit,
            Teen,
            Tens,
            Hundred,
            Scale,
            And,
        }
        let first_word = self.lw(i)?;
        let mut core = Core {
            first: i,
            end: i,
            value: 0.0,
            digits: false,
            year_form: false,
            scale: None,
            form_kind: None,
            money_start: None,
        };
        if let Some(w) = self.number_word(i) {
            if w.class == WordClass::Ordinal {
                core.value = w.value;
                core.end = i + 1;
                core.form_kind = Some(NumberKind::Ordinal);
                return Some(core);
            }
        }
        let mut total = 0.0;
        let mut cur = 0.0;
        let mut last = Last::Start;
        let mut max_scale = f64::INFINITY;
        let mut k = i;
        if first_word == "a" || first_word == "an" {
            let next = self.number_word(i + 1)?;
            if !matches!(next.class, WordClass::Hundred | WordClass::Scale) {
                return None;
            }
            cur = 1.0;
            last = Last::Unit;
            k = i + 1;
        }
        loop {
            let mut idx = k;
            let mut hyphen = false;
            if last == Last::Tens
                && self.is_punct(k, &['-'])
                && self.joined(k)
                && self.joined(k + 1)
            {
                idx = k + 1;
                hyphen = true;
            }
            let Some(known) = self.known(idx) else { break };
            if known.word == "and" && matches!(last, Last::Hundred | Last::Scale) {
                let small = self.number_word(idx + 1).is_some_and(|w| {
                    matches!(w.class, WordClass::Unit | WordClass::Teen | WordClass::Tens)
                });
                if small {
                    k = idx + 1;
                    last = Last::And;
                    continue;
                }
                break;
            }
            let Some(w) = known.number else {
                break;
            };
            let after_small = matches!(last, Last::Start | Last::Hundred | Last::Scale | Last::And);
            match w.class {
                WordClass::Unit if after_small || last == Last::Tens => {
                    if last == Last::Tens && w.value == 0.0 {
                        break;
                    }
                    cur += w.value;
                    last = Last::Unit;
                }
                WordClass::Teen if after_small => {
                    cur += w.value;
                    last = Last::Teen;
                }
                WordClass::Tens if after_small => {
                    cur += w.value;
                    last = Last::Tens;
                }
                WordClass::Hundred if matches!(last, Last::Unit | Last::Teen) && cur < 100.0 => {
                    cur *= 100.0;
                    last = Last::Hundred;
                }
                WordClass::Scale
                    if matches!(last, Last::Unit | Last::Teen | Last::Tens | Last::Hundred)
                        && w.value < max_scale =>
                {
                    total += cur * w.value;
                    cur = 0.0;
                    max_scale = w.value;
                    last = Last::Scale;
                }
                WordClass::Dozen if matches!(last, Last::Unit | Last::Teen | Last::Tens) => {
                    cur *= 12.0;
                    core.end = idx + 1;
                    break;
                }
                WordClass::Ordinal if last == Last::Tens && w.value < 10.0 => {
                    // "twenty-first"
                    let _ = hyphen;
                    cur += w.value;
                    core.end = idx + 1;
                    core.form_kind = Some(NumberKind::Ordinal);
                    break;
                }
                _ => break,
            }
            k = idx + 1;
            core.end = k;
        }
        if core.end == i || (core.end == i + 1 && (first_word == "a" || first_word == "an")) {
            return None;
        }
        core.value = total + cur;
        Some(core)
    }

    /// A second number making a range with `first`: "12-15", "5,000 to 6,000",
    /// "10 or 12", "between 10 and 12". The flag marks a range of years.
    #[inline(always)]
    fn range_after(&self, first: &Core, pre: Option<Qualifier>) -> Option<(Core, bool)> {
        // Most numbers are followed by none of the words and marks that join a
        // range: answered here, without the call.
        let t = first.end;
        let joined_by = |w| self.is_word(t, w);
        if !self.is_punct(t, DASHES) && !joined_by("to") && !joined_by("or") && !joined_by("and") {
            return None;
        }
        self.range_from(first, pre)
    }

    /// [`Scanner::range_after`] where a joining word or mark follows `first`.
    #[inline(never)]
    fn range_from(&self, first: &Core, pre: Option<Qualifier>) -> Option<(Core, bool)> {
        if first.form_kind.is_some_and(|k| k != NumberKind::Money) {
            return None;
        }
        let t = first.end;
        let from_before = pre.is_none() && first.first > 0 && self.is_word(first.first - 1, "from");
        let second_at = if pre == Some(Qualifier::Range) {
            self.is_word(t, "and").then_some(t + 1)?
        } else if self.is_punct(t, DASHES) {
            if !first.digits {
                return None;
            }
            t + 1
        } else if (self.is_word(t, "to") && !from_before) || self.is_word(t, "or") {
            t + 1
        } else {
            return None;
        };
        // "$5 to $6 million"
        let second_at = if first.money_start.is_some() && self.money_prefix(second_at).is_some() {
            self.money_prefix(second_at)?
        } else {
            second_at
        };
        let second = self.core(second_at)?;
        if second
            .form_kind
            .is_some_and(|k| !matches!(k, NumberKind::Percent | NumberKind::Money))
        {
            return None;
        }
        if self.is_punct(t, DASHES) && !second.digits {
            return None;
        }
        // "2019-20", "2023-24": fiscal and school years.
        if first.year_form && second.digits && self.is_punct(t, DASHES) {
            let raw = self.raw(second_at);
            if raw.len() == 2 {
                let hi = (first.value / 100.0).floor() * 100.0 + second.value;
                if hi > first.value {
                    let mut s = second;
                    s.value = hi;
                    return Some((s, true));
                }
                return None;
            }
        }
        let (a, b) = self.range_bounds(first, &second, false);
        if a >= b {
            return None;
        }
        let years = first.year_form && second.year_form;
        Some((second, years))
    }

    fn range_bounds(&self, first: &Core, second: &Core, year_range: bool) -> (f64, f64) {
        if year_range {
            return (first.value, second.value);
        }
        let mut a = first.value;
        // "5 to 6 million": the scale of the second applies to the first.
        if first.scale.is_none() {
            if let Some(s) = second.scale {
                if a * s <= second.value {
                    a *= s;
                }
            }
        }
        (a, second.value)
    }

    /// "or more", "or so", "50-plus", "50+".
    fn postfix(&self, end: usize) -> Option<(Qualifier, usize)> {
        if self.is_punct(end, &['+']) && self.joined(end) {
            return Some((Qualifier::AtLeast, end + 1));
        }
        let (q, k) = self.match_forward(&self.data.post_quals, end)?;
        if self.is_word(end, "plus") {
            // "5 soldiers plus 3 civilians" is a sum, not a floor: only "50-plus".
            return None;
        }
        if self.is_punct(end, &['-']) && self.is_word(end + 1, "plus") {
            return Some((Qualifier::AtLeast, end + 2));
        }
        Some((q, k))
    }

    fn month_at(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
            && crate::dates::month_number(self.raw(i)).is_some()
    }

    /// The kind of a number from its neighbours; also the token where the span
    /// ends once money and percentage marks are included.
    fn classify(
        &self,
        core: &Core,
        second_form: Option<NumberKind>,
        start_tok: usize,
        end: usize,
        pre: Option<Qualifier>,
    ) -> (NumberKind, usize) {
        // Within the range a value is whole when it comes back from a byte the
        // same: an instruction each way, where `fract` is a call into the C library.
        let small_int =
            (1.0..=31.0).contains(&core.value) && f64::from(core.value as u8) == core.value;
        // Day numbers of dates: "June 27", "27 June", "27th of June".
        if core.digits && small_int && !core.year_form && core.scale.is_none() {
            let mut p = core.first;
            if p > 0 && self.is_punct(p - 1, &['.']) {
                p -= 1;
            }
            let month_before = p > 0 && self.month_at(p - 1);
            let mut q = core.end;
            if self.is_word(q, "of") {
                q += 1;
            }
            if month_before || self.month_at(q) {
                return (NumberKind::Other, end);
            }
        }
        if let Some(form) = core.form_kind.or(second_form) {
            if form == NumberKind::Money {
                // "Rs5 million rupees" keeps the currency word in the span.
                if let Some((NumberKind::Money, e)) = self.match_forward(&self.data.after, end) {
                    return (NumberKind::Money, e);
                }
            }
            return (form, end);
        }
        if core.digits {
            let f = core.first;
            let before = f.checked_sub(1);
            if let Some(b) = before {
                let bt = self.toks[b];
                // "G20", "AK47"; "F-16", "NA-45", "COVID-19"; "+92"; "#5".
                if bt.kind == TokKind::Word && self.joined(f) {
                    return (NumberKind::Other, end);
                }
                if self.joined(f)
                    && self.is_punct(b, DASHES)
                    && b > 0
                    && self.toks[b - 1].kind == TokKind::Word
                    && self.joined(b)
                {
                    return (NumberKind::Other, end);
                }
                if self.joined(f) && self.is_punct(b, &['+', '#']) {
                    return (NumberKind::Other, end);
                }
                // "Ali Khan (24)": an age in parentheses after a name.
                if self.is_punct(b, &['('])
                    && self.is_punct(core.end, &[')'])
                    && core.value.fract() == 0.0
                    && (1.0..=110.0).contains(&core.value)
                    && b > 0
                    && self.toks[b - 1].kind == TokKind::Word
                    && self
                        .raw(b - 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                {
                    return (NumberKind::Age, end);
                }
            }
        }
        if let Some((kind, _)) = self.match_backward(start_tok) {
            match kind {
                NumberKind::Age => return (NumberKind::Age, end),
                NumberKind::Other if core.digits => return (NumberKind::Other, end),
                _ => {}
            }
        }
        let (kind, span_end) = self.classify_context(start_tok, end, Some(core), pre);
        (kind, span_end)
    }

    /// Kind from the words after the amount (and, for years, the qualifier).
    fn classify_context(
        &self,
        start_tok: usize,
        end: usize,
        core: Option<&Core>,
        pre: Option<Qualifier>,
    ) -> (NumberKind, usize) {
        // "65 %" with a space
        if self.is_punct(end, &['%']) {
            return (NumberKind::Percent, end + 1);
        }
        if let Some((kind, e)) = self.match_forward(&self.data.after, end) {
            return match kind {
                NumberKind::Percent | NumberKind::Money => (kind, e),
                _ => (kind, end),
            };
        }
        if let Some(core) = core {
            if core.year_form {
                let by_verb = self
                    .lw(end)
                    .is_some_and(|w| self.data.counted_verb.contains(w));
                // "in 2022 had killed 419": the preposition makes it the year of a tally.
                let year_by_preposition = by_verb
                    && start_tok
                        .checked_sub(1)
                        .and_then(|p| self.lw(p))
                        .is_some_and(|w| self.data.year_before.contains(w));
                let counted = self.known(end).is_some_and(|v| v.tables & IN_COUNTED != 0)
                    && !year_by_preposition;
                let bounded = matches!(
                    pre,
                    Some(
                        Qualifier::AtLeast
                            | Qualifier::MoreThan
                            | Qualifier::Nearly
                            | Qualifier::UpTo
                    )
                );
                if !counted && !bounded {
                    return (NumberKind::Year, end);
                }
            }
        }
        (NumberKind::Count, end)
    }
}

/// The value of a digit token: separators dropped, dotted chains read to the first dot pair.
fn parse_digits(raw: &str) -> f64 {
    // Whole numbers, nearly all of them, add up digit by digit: up to 15 digits
    // the sum is exact in an `f64`, as the parse of the separator-free text is.
    let mut whole: u64 = 0;
    let mut digits = 0;
    for &b in raw.as_bytes() {
        match b {
            b'0'..=b'9' => {
                whole = whole * 10 + u64::from(b - b'0');
                digits += 1;
                if digits > 15 {
                    return parse_digits_text(raw);
                }
            }
            b',' => {}
            _ => return parse_digits_text(raw),
        }
    }
    if digits == 0 {
        return parse_digits_text(raw);
    }
    whole as f64
}

/// [`parse_digits`] by parsing the text: decimals, dotted chains, long runs.
fn parse_digits_text(raw: &str) -> f64 {
    let cleaned: String = raw.chars().filter(|&c| c != ',').collect();
    if let Ok(v) = cleaned.parse::<f64>() {
        return v;
    }
    // "14.05.2024": keep what parses of the front.
    let mut parts = cleaned.split('.');
    let head = parts.next().unwrap_or("0");
    head.parse::<f64>().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The eight-at-a-time tests must agree with the byte-at-a-time ones on every
    /// byte, wherever it falls in the block.
    #[test]
    fn block_tests_agree_with_byte_tests() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut block = *b"xxxxxxxx";
                block[at] = b;
                let text = [&block[..], b"  "].concat();
                let digit = has_ascii_digit(&block);
                assert_eq!(digit, b.is_ascii_digit(), "byte {b:#x} at {at}");
                let end = ascii_letters_end(&text, 0);
                let expected = if b.is_ascii_alphabetic() { 8 } else { at };
                assert_eq!(end, expected, "byte {b:#x} at {at}");
            }
        }
        assert_eq!(ascii_letters_end(b"Killed", 0), 6);
        assert_eq!(ascii_letters_end(b"twenty-one", 0), 6);
    }

    #[test]
    fn letters_are_told_by_their_class() {
        for b in 0..=255u8 {
            assert_eq!(is_letter(b), b.is_ascii_alphabetic(), "{b:#x}");
        }
    }

    #[test]
    fn alphabetic_is_that_of_the_standard_library() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn short_keys_read_in_place_match_the_tables() {
        let text = b"The Twelve militants, AND ten";
        for (start, end, word) in [
            (0, 3, "the"),
            (4, 10, "twelve"),
            (22, 25, "and"),
            (26, 29, "ten"),
        ] {
            assert_eq!(
                short_key_at(text, start, end),
                short_key(word.as_bytes()).unwrap_or(0)
            );
            let found = find_word(&DATA, text, start, end).map(|v| v.word);
            assert_eq!(found, Some(word));
        }
        // Longer words go by the hash table.
        let long = find_word(&DATA, text, 11, 20).map(|v| v.word);
        assert_eq!(long, Some("militants"));
        assert!(find_word(&DATA, b"Shopkeepers", 0, 11).is_none());
        assert!(find_word(&DATA, b"Theory", 0, 6).is_none());
        assert_eq!(short_key(b"militants"), None);
    }

    /// The tokenizer's path for ASCII marks knows `$` as the one currency sign in
    /// ASCII, and every ASCII mark as a token of its own.
    #[test]
    fn the_one_ascii_currency_sign_is_the_dollar() {
        let ascii: Vec<char> = CURRENCY_SYMBOLS
            .iter()
            .copied()
            .filter(char::is_ascii)
            .collect();
        assert_eq!(ascii, ['$']);
        let marks: String = (0u8..128)
            .filter(|&b| BYTE_CLASS[usize::from(b)] == MARK)
            .map(char::from)
            .collect();
        let mut tokens = Tokens::default();
        tokenize(&marks, &mut tokens);
        assert_eq!(
            tok_fields(&tokens.toks),
            tok_fields(&tokenize_simply(&marks, 0))
        );
        assert_eq!(tokens.toks.len(), marks.len());
    }

    /// A long text is read chunk by chunk, each tokenized from its own start; the
    /// mentions still count from the start of the text.
    #[test]
    fn mentions_past_the_first_chunk_count_from_the_start_of_the_text() {
        let filler = "word ".repeat(60_000);
        let text = format!("{filler}\nAt least 12 people died, and 3 were hurt.");
        assert!(chunks(&text).count() > 1);
        let found = find_numbers(&text);
        let read: Vec<&str> = found.iter().map(|m| m.text(&text)).collect();
        assert_eq!(read, ["At least 12", "3"]);
        assert_eq!(found, find_numbers_at_every_token(&text));
    }

    /// Every word of the data file and of the code is in the tokenizer's table,
    /// with its entry: the table was built whole.
    #[test]
    fn every_word_of_the_tables_is_keyed() {
        let phrases = DATA_TEXT
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split('\t').nth(1))
            .flat_map(|phrase| phrase.split(|c: char| c.is_whitespace() || c == '.'));
        let mut seen = 0;
        for word in phrases.chain(CODE_WORDS.iter().copied()) {
            let Some(key) = long_key(word.as_bytes()) else {
                continue;
            };
            assert_eq!(DATA.keyed.find(key).map(|v| v.word), Some(word), "{word}");
            seen += 1;
        }
        assert!(seen > 300);
        assert!(data_problems().is_empty());
    }

    /// A table of short words finds each word it was given, with its entry, and
    /// no other; it refuses entries that would leave no slot free.
    #[test]
    fn a_short_table_finds_what_it_holds_and_nothing_else() {
        let key = |w: &str| short_key(w.as_bytes()).unwrap_or(0);
        let (Some(&twelve), Some(&first)) = (
            DATA.short_triggers.find(key("twelve")),
            DATA.short_triggers.find(key("first")),
        ) else {
            panic!("the vocabulary has twelve and first");
        };
        let held = ["twelve", "first", "a", "zzzzzzzz", "Dozen"];
        let entries = held
            .iter()
            .enumerate()
            .map(|(n, w)| (key(w), if n % 2 == 0 { twelve } else { first }))
            .collect();
        let Some(table) = ShortWords::new(entries) else {
            panic!("five words fit");
        };
        for (n, w) in held.iter().enumerate() {
            let found = table.find(key(w)).map(|v| v.word);
            assert_eq!(
                found,
                Some(if n % 2 == 0 { "twelve" } else { "first" }),
                "{w}"
            );
        }
        for missing in ["dozens", "b", "zzzzzzz", "the"] {
            assert!(table.find(key(missing)).is_none(), "{missing}");
        }
        let too_many = (1..=SHORT_SLOTS as u64).map(|k| (k, twelve)).collect();
        assert!(ShortWords::new(too_many).is_none());
        assert!(data_problems().is_empty());
    }

    /// The tokenizer before its path for words from an ASCII letter: every
    /// character by the general path.
    fn tokenize_simply(chunk: &str, base: usize) -> Vec<Tok> {
        let data: &Data = &DATA;
        let bytes = chunk.as_bytes();
        let mut toks = Vec::new();
        let mut i = 0;
        while let Some(&first) = bytes.get(i) {
            let class = BYTE_CLASS[usize::from(first)];
            if class == SPACE {
                i += 1;
                continue;
            }
            let (c, len) = char_at(chunk, i);
            if c.is_whitespace() {
                i += len;
                continue;
            }
            if class == DIGIT {
                // Digits take the one path there is.
                let mut one = Tokens::default();
                tokenize(&chunk[i..], &mut one);
                let mut tok = one.toks[0];
                (tok.start, tok.end) = (base + i, base + i + tok.end);
                i = tok.end - base;
                toks.push(tok);
            } else if c.is_alphabetic() {
                let mut end = i + len;
                let mut ascii = len == 1;
                while let Some((d, d_len)) = chunk
                    .get(end..)
                    .and_then(|r| r.chars().next())
                    .map(|d| (d, d.len_utf8()))
                {
                    if d.is_ascii_alphabetic() {
                        end += 1;
                    } else if !d.is_ascii() && d.is_alphabetic() {
                        ascii = false;
                        end += d_len;
                    } else {
                        break;
                    }
                }
                let known = if ascii {
                    find_word(data, bytes, i, end)
                } else {
                    None
                };
                toks.push(Tok {
                    kind: TokKind::Word,
                    start: base + i,
                    end: base + end,
                    known,
                    ch: WORD_CH,
                    dotted: false,
                });
                i = end;
            } else {
                toks.push(Tok {
                    kind: TokKind::Punct,
                    start: base + i,
                    end: base + i + len,
                    known: None,
                    ch: c,
                    dotted: false,
                });
                i += len;
            }
        }
        toks
    }

    /// A token as the scan reads it: kind, span, word known, character, dotted.
    type TokFields = (TokKind, usize, usize, Option<&'static str>, char, bool);

    /// Tokens as the scan reads them, for comparing.
    fn tok_fields(toks: &[Tok]) -> Vec<TokFields> {
        toks.iter()
            .map(|t| {
                (
                    t.kind,
                    t.start,
                    t.end,
                    t.known.map(|v| v.word),
                    t.ch,
                    t.dotted,
                )
            })
            .collect()
    }

    /// Mentions of `text` by the general tokenizer, with the scan reading at
    /// every token: no starts, no leads.
    fn find_numbers_at_every_token(text: &str) -> Vec<NumberMention> {
        let mut out = Vec::new();
        for (base, chunk) in chunks(text) {
            let toks = tokenize_simply(chunk, base);
            let scanner = Scanner {
                text,
                toks: &toks,
                data: &DATA,
            };
            let every: Vec<usize> = (0..toks.len()).collect();
            scanner.scan(&every, &mut out, false);
        }
        ages_in_a_list(text, &mut out);
        out
    }

    /// Pieces of sentences rich in what the scan reads: number and amount words,
    /// qualifiers, currency, context words, digits with their marks, letters
    /// outside ASCII and other spaces.
    const PIECES: &[&str] = &[
        "a",
        "an",
        "A",
        "at",
        "least",
        "more",
        "than",
        "no",
        "fewer",
        "in",
        "excess",
        "of",
        "dozens",
        "Dozen",
        "half",
        "few",
        "handful",
        "number",
        "large",
        "several",
        "scores",
        "one",
        "One",
        "twenty",
        "hundred",
        "and",
        "thousand",
        "million",
        "first",
        "third",
        "between",
        "to",
        "or",
        "from",
        "so",
        "plus",
        "nearly",
        "up",
        "over",
        "about",
        "Rs",
        "US",
        "$",
        "PKR",
        "£",
        "₹",
        "rupees",
        "per",
        "cent",
        "percent",
        "%",
        "+",
        "people",
        "were",
        "had",
        "aged",
        "age",
        "years",
        "year",
        "old",
        "the",
        "June",
        "JUNE",
        "killed",
        "Khan",
        "(",
        ")",
        "-",
        "–",
        "—",
        ".",
        ",",
        ":",
        "/",
        "#",
        "a.m",
        "pm",
        "12",
        "5",
        "2023",
        "1,000",
        "1,00,000",
        "2.5",
        "14.05.2024",
        "10:30",
        "3rd",
        "5bn",
        "0300",
        "1234567890123456789",
        "24",
        "G",
        "F",
        "m",
        "another",
        "Peshāwar",
        "ā",
        "\u{a0}",
        "\u{2009}",
        "éthiopie",
        "ÉTÉ",
        "İ",
        "twenty-one",
        "24-year-old",
        "COVID-19",
        "50-plus",
        "fifty",
        "Eighteen",
        "seventeen",
        "lakh",
        "crore",
        "approximately",
        "Approximately",
        "thousands",
        "administration",
        "internationalization",
        "militants",
        "Thousandā",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            (
                0..PIECES.len(),
                prop_oneof![Just(" "), Just(""), Just("  "), Just("\n"), Just("\u{a0}")],
            ),
            0..24,
        )
        .prop_map(|parts| {
            parts
                .into_iter()
                .map(|(piece, gap)| format!("{}{gap}", PIECES[piece]))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The path for words from an ASCII letter makes the tokens the general
        /// path makes.
        #[test]
        fn the_ascii_word_path_tokenizes_as_the_general_one(text in sentence()) {
            let mut tokens = Tokens::default();
            tokenize(&text, &mut tokens);
            let simple = tokenize_simply(&text, 0);
            prop_assert_eq!(tok_fields(&tokens.toks), tok_fields(&simple));
            let scanner = Scanner {
                text: &text,
                toks: &simple,
                data: &DATA,
            };
            let may_start: Vec<usize> = (0..simple.len()).filter(|&i| scanner.may_start(i)).collect();
            prop_assert_eq!(tokens.starts(), &may_start[..]);
        }

        /// Passing over the tokens that lead to no number loses no mention.
        #[test]
        fn reading_only_at_leads_loses_nothing(text in sentence()) {
            prop_assert_eq!(find_numbers(&text), find_numbers_at_every_token(&text));
        }

        /// The glance that passes texts over keeps every text that holds a mention.
        #[test]
        fn a_text_passed_over_holds_no_mention(text in sentence()) {
            if !find_numbers_at_every_token(&text).is_empty() {
                prop_assert!(may_hold_number(&text, &DATA));
            }
        }

        /// The checks made before the calls of the scanner's readings answer as
        /// the calls do, at every token.
        #[test]
        fn the_checks_before_a_reading_answer_as_the_reading(text in sentence()) {
            let mut tokens = Tokens::default();
            tokenize(&text, &mut tokens);
            let scanner = Scanner {
                text: &text,
                toks: &tokens.toks,
                data: &DATA,
            };
            for i in 0..=tokens.toks.len() + 1 {
                let quals = &DATA.pre_quals;
                prop_assert_eq!(scanner.match_forward(quals, i), scanner.match_phrase(quals, i));
                let quals = &DATA.post_quals;
                prop_assert_eq!(scanner.match_forward(quals, i), scanner.match_phrase(quals, i));
                let after = &DATA.after;
                prop_assert_eq!(scanner.match_forward(after, i), scanner.match_phrase(after, i));
                let amounts = &DATA.amounts;
                prop_assert_eq!(
                    format!("{:?}", scanner.match_forward(amounts, i)),
                    format!("{:?}", scanner.match_phrase(amounts, i))
                );
                prop_assert_eq!(scanner.match_backward(i), scanner.match_phrase_before(i));
                prop_assert_eq!(scanner.money_prefix(i), scanner.currency_before(i));
                let Some(core) = scanner.core(i) else { continue };
                for pre in [None, Some(Qualifier::Range), Some(Qualifier::AtLeast)] {
                    prop_assert_eq!(
                        format!("{:?}", scanner.range_after(&core, pre)),
                        format!("{:?}", scanner.range_from(&core, pre))
                    );
                }
            }
        }

        /// The borrows of the digit test mark no block that holds no digit.
        #[test]
        fn digits_are_found_as_byte_by_byte(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(has_ascii_digit(&bytes), bytes.iter().any(u8::is_ascii_digit));
        }

        /// Whole numbers added up digit by digit are what parsing the text gives.
        #[test]
        fn digits_add_up_as_they_parse(raw in "[0-9][0-9,.]{0,20}") {
            prop_assert_eq!(parse_digits(&raw).to_bits(), parse_digits_text(&raw).to_bits());
        }

        /// One load gives the letters and the key that the byte-wise reads give.
        #[test]
        fn a_word_read_at_once_is_read_as_by_bytes(text in "[a-zA-Z][a-zA-Z0-9 ,.ā-]{0,20}") {
            let bytes = text.as_bytes();
            let (end, key) = ascii_word_at(bytes, 0);
            prop_assert_eq!(end, ascii_letters_end(bytes, 1));
            if end <= 8 {
                prop_assert_eq!(key, short_key(&bytes[..end]).unwrap_or(0));
            }
        }

        /// A word read whole from its block is the word, key and next byte that
        /// the general reads give, and one they would not extend past ASCII.
        #[test]
        fn a_word_read_from_its_block_is_read_as_in_general(text in "[a-zA-Z][a-zA-Z0-9 ,.ā\u{a0}-]{0,20}") {
            let bytes = text.as_bytes();
            if let Some((len, key, _)) = letters_in_block(bytes, 0) {
                prop_assert_eq!(ascii_word_at(bytes, 0), (len, key));
            } else {
                prop_assert!(bytes.len() < 8 || ascii_word_at(bytes, 0).0 >= 8);
            }
        }

        /// The table the tokenizer looks words up in answers as the general one
        /// for every word of up to fifteen letters, known or not.
        #[test]
        fn the_keyed_words_are_the_vocabulary(word in "[a-zA-Z]{1,15}", piece in 0..PIECES.len()) {
            for word in [word.as_str(), PIECES[piece]] {
                let Some(key) = long_key(word.as_bytes()) else { continue };
                let keyed = DATA.keyed.find(key).map(|v| v.word);
                let general = DATA.vocab.find(lower_hash(word.as_bytes()), word.as_bytes()).map(|v| v.word);
                prop_assert_eq!(keyed, general, "{}", word);
            }
        }
    }

    /// The glance that passes texts over must keep every text that holds a number.
    #[test]
    fn texts_passed_over_hold_no_number() {
        for text in [
            "Several people were hurt.",
            "A few hours later, dozens were dead.",
            "Militants killed a number of soldiers.",
            "Half a dozen houses burned.",
            "Tens of thousands fled.",
            "No one was hurt in the attack.",
            "The police said the attack was over.",
            "Peshāwar's markets reopened.",
        ] {
            if !find_numbers(text).is_empty() {
                assert!(may_hold_number(text, &DATA), "{text}");
            }
        }
        assert!(!may_hold_number(
            "The police said the attack was over.",
            &DATA
        ));
        // Triggers of eight letters or more, and short ones too near the end
        // for a block of eight bytes: the words the glance reads by its slower path.
        for text in [
            "Seventeen were hurt.",
            "Thousands fled, hundreds stayed.",
            "They came in their thousands",
            "Fourteen",
            "Scores of people, two",
            "a dozen",
        ] {
            assert!(may_hold_number(text, &DATA), "{text}");
            assert!(!find_numbers(text).is_empty(), "{text}");
        }
        // Words of eight letters or more that are no trigger.
        assert!(!may_hold_number(
            "Administrators reviewed the internationalization guidelines",
            &DATA
        ));
    }
}
