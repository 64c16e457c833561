//! The date words of `data/dates.tsv`, and the patterns built from them.

use super::*;

static DATA_TEXT: &str = include_str!("../../data/dates.tsv");
pub(super) static DATA: LazyLock<DateData> = LazyLock::new(|| DateData::parse(DATA_TEXT));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RelativeRow {
    pub(super) unit: Unit,
    pub(super) offset: i32,
    pub(super) precision: DatePrecision,
    pub(super) period: bool,
}

/// Indices of the patterns in [`Patterns::any`].
pub(super) const FULL: usize = 0;
pub(super) const MONTH_DAY: usize = 1;
pub(super) const MONTH_YEAR: usize = 2;
pub(super) const MONTH_ALONE: usize = 3;
pub(super) const YEAR: usize = 4;
pub(super) const YEAR_RANGE: usize = 5;
pub(super) const SPAN: usize = 6;
pub(super) const ROLLING: usize = 7;
pub(super) const AGO: usize = 8;
pub(super) const RELATIVE: usize = 9;
pub(super) const WEEKDAY: usize = 10;
pub(super) const SINCE_ANCHOR: usize = 11;
pub(super) const YEARS_SINCE_ANCHOR: usize = 12;
pub(super) const VAGUE: usize = 13;
/// Not a pattern of its own: `month_alone` with its preposition or modifier present.
pub(super) const MONTH_ALONE_QUALIFIED: usize = 14;

// Words of the patterns themselves, each list an alternation of one pattern in
// its order (the first alternative that fits wins). The gate ([`Gate`]) reads
// what each pattern needs from these lists and from the data, never from a copy.

/// The prepositions of `month_alone`: "in March", "last July".
pub(super) const MONTH_PREPOSITIONS: [&str; 12] = [
    "in",
    "during",
    "since",
    "last",
    "this",
    "by",
    "until",
    "till",
    "from",
    "through",
    "throughout",
    "of",
];
/// The modifiers of `month_alone`: "early March", "the end of June".
pub(super) const MONTH_MODIFIERS: [&str; 7] = [
    "early",
    "late",
    "mid",
    "the end of",
    "the beginning of",
    "the start of",
    "the middle of",
];
/// The part of a month or year before the year of `month_year` and `year`: "mid-2023".
pub(super) const PART_OF_MONTH: [&str; 3] = ["early", "mid", "late"];
/// The prepositions of `year`: "in 2023", "in the year 2023".
pub(super) const YEAR_PREPOSITIONS: [&str; 5] =
    ["in", "during", "throughout", "since", "in the year"];
/// `weekday`: "late on Monday", "Tuesday evening".
pub(super) const WEEKDAY_MODIFIERS: [&str; 15] = [
    "late on", "early on", "late", "early", "on", "last", "this", "next", "since", "by", "until",
    "till", "from", "before", "after",
];
pub(super) const TIMES_OF_DAY: [&str; 4] = ["morning", "afternoon", "evening", "night"];
/// The article before the ordinal of `span` and the lead of `rolling`.
pub(super) const THE: &str = "the";
/// `span`: "the first nine months of 2022".
pub(super) const SPAN_WHICH: [&str; 6] = ["first", "second", "third", "fourth", "last", "final"];
pub(super) const SPAN_UNITS: [&str; 5] = ["months", "month", "quarters", "quarter", "half"];
/// `rolling`: "in the past two weeks".
pub(super) const ROLLING_LEADS: [&str; 4] = ["last", "past", "previous", "preceding"];
pub(super) const ROLLING_UNITS: [&str; 13] = [
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "week",
    "fortnight",
    "months",
    "month",
    "years",
    "year",
    "decades",
    "decade",
];
/// `ago`: "three weeks ago".
pub(super) const AGO_UNITS: [&str; 8] = [
    "days", "day", "weeks", "week", "months", "month", "years", "year",
];
pub(super) const AGO_WORDS: [&str; 2] = ["ago", "back"];
/// `since_anchor`: "since the Taliban takeover".
pub(super) const SINCE: &str = "since";
/// `years_since_anchor`: "in a single year since the Taliban takeover".
pub(super) const ANCHOR_UNITS: [&str; 4] = ["years", "year", "months", "month"];
pub(super) const ANCHOR_LINKS: [&str; 3] = ["since", "after", "following"];
/// `year_range`: "between 2019 and 2021".
pub(super) const RANGE_OPENERS: [&str; 2] = ["between", "from"];

pub(super) struct Patterns {
    /// What each pattern needs, looked for in one scan ([`Gate`]).
    pub(super) gate: Gate,
    /// `relative`, `vague` and `weekday` to match by hand.
    pub(super) plain: Option<PlainWords>,
    /// Every pattern below, in the order of the index constants above, and the
    /// qualified form of `month_alone` (see [`MONTH_ALONE_QUALIFIED`]): which
    /// match, where the gate cannot tell.
    pub(super) any: RegexSet,
    pub(super) full: Pat,
    pub(super) month_day: Pat,
    pub(super) month_year: Pat,
    pub(super) month_alone: Pat,
    pub(super) year: Pat,
    pub(super) year_range: Pat,
    pub(super) span: Pat,
    pub(super) rolling: Pat,
    pub(super) ago: Pat,
    pub(super) relative: Pat,
    pub(super) weekday: Pat,
    pub(super) since_anchor: Pat,
    pub(super) years_since_anchor: Pat,
    pub(super) vague: Pat,
    /// `month_day` with its weekday required: where this finds nothing, no
    /// match of `month_day` names a weekday (the reference finder's "on
    /// Thursday, June 27").
    pub(super) weekday_month_day: Regex,
    /// What a span of "this year" needs ("this year", "the current fiscal year"):
    /// where this finds nothing, the reference finder's step (c) has nothing to
    /// pair.
    pub(super) this_year: Regex,
}

/// The capture groups of the date patterns, by name. A lookup by name hashes the
/// name (SipHash) at every call, which cost about as much as the resolving
/// itself; each pattern's index of each name is resolved once, when it is built.
#[derive(Debug, Clone, Copy)]
pub(super) enum G {
    Wa,
    Da,
    Ma,
    Wb,
    Mb,
    Db,
    Prep,
    M,
    Y,
    Y1,
    Y2,
    Which,
    N,
    Unit,
    Of,
    Anchor,
}

/// Each [`G`] with its name in the pattern sources.
const GROUP_NAMES: [(G, &str); 16] = [
    (G::Wa, "wa"),
    (G::Da, "da"),
    (G::Ma, "ma"),
    (G::Wb, "wb"),
    (G::Mb, "mb"),
    (G::Db, "db"),
    (G::Prep, "prep"),
    (G::M, "m"),
    (G::Y, "y"),
    (G::Y1, "y1"),
    (G::Y2, "y2"),
    (G::Which, "which"),
    (G::N, "n"),
    (G::Unit, "unit"),
    (G::Of, "of"),
    (G::Anchor, "anchor"),
];

/// A date pattern with the index of each of its named groups.
pub(super) struct Pat {
    pub(super) re: Regex,
    /// Index of each [`G`] in `re`; `usize::MAX` for a name `re` does not have.
    pub(super) groups: [usize; GROUP_NAMES.len()],
    /// The pattern's index constant ([`FULL`] ...), which also names its slot in
    /// [`IDLE_LOCATIONS`].
    pub(super) id: usize,
}

impl Pat {
    pub(super) fn new(source: &str, id: usize) -> Result<Pat, regex::Error> {
        let re = Regex::new(source)?;
        let mut groups = [usize::MAX; GROUP_NAMES.len()];
        for (i, name) in re.capture_names().enumerate() {
            if let Some(&(g, _)) = GROUP_NAMES.iter().find(|(_, x)| name == Some(*x)) {
                groups[g as usize] = i;
            }
        }
        Ok(Pat { re, groups, id })
    }

    /// The matches of the pattern in `text`, as `captures_iter` gives them.
    pub(super) fn captures<'t>(&'t self, text: &'t str) -> CapsIter<'t> {
        let locs = IDLE_LOCATIONS
            .with_borrow_mut(|idle| idle.get_mut(self.id).and_then(Option::take))
            .unwrap_or_else(|| self.re.capture_locations());
        let locs = Some(locs);
        CapsIter {
            pat: self,
            text,
            locs,
            at: 0,
            last_end: None,
        }
    }
}

thread_local! {
    /// One `CaptureLocations` per pattern and thread, kept between calls: taking
    /// the captures of each match afresh allocated them every time.
    static IDLE_LOCATIONS: std::cell::RefCell<Vec<Option<CaptureLocations>>> =
        std::cell::RefCell::new((0..=VAGUE).map(|_| None).collect());
}

/// The successive matches of a [`Pat`], each lent as [`Caps`] until the next.
pub(super) struct CapsIter<'t> {
    pub(super) pat: &'t Pat,
    pub(super) text: &'t str,
    /// Always `Some` until dropped, when it goes back to [`IDLE_LOCATIONS`].
    locs: Option<CaptureLocations>,
    pub(super) at: usize,
    last_end: Option<usize>,
}

impl<'t> CapsIter<'t> {
    /// The next match, searched from `at` on where that is past the last one.
    pub(super) fn next_from(&mut self, at: usize) -> Option<Caps<'_>> {
        self.at = self.at.max(at);
        self.next()
    }

    pub(super) fn next(&mut self) -> Option<Caps<'_>> {
        let locs = self.locs.as_mut()?;
        loop {
            if self.at > self.text.len() {
                return None;
            }
            let (start, end) = self
                .pat
                .re
                .captures_read_at(locs, self.text, self.at)
                .map(|m| (m.start(), m.end()))?;
            if start == end {
                // As `captures_iter`: an empty match moves on by one character and
                // is not taken right where the last match ended.
                let step = self.text[end..].chars().next().map_or(1, char::len_utf8);
                self.at = end + step;
                if self.last_end == Some(end) {
                    continue;
                }
            } else {
                self.at = end;
            }
            self.last_end = Some(end);
            return Some(Caps {
                text: self.text,
                locs,
                groups: &self.pat.groups,
            });
        }
    }
}

impl Drop for CapsIter<'_> {
    fn drop(&mut self) {
        let locs = self.locs.take();
        IDLE_LOCATIONS.with_borrow_mut(|idle| {
            if let Some(slot) = idle.get_mut(self.pat.id) {
                *slot = locs;
            }
        });
    }
}

/// The groups of one match of a [`Pat`].
pub(super) struct Caps<'a> {
    pub(super) text: &'a str,
    locs: &'a CaptureLocations,
    pub(super) groups: &'a [usize; GROUP_NAMES.len()],
}

/// Where a group matched, and its words.
#[derive(Clone, Copy)]
pub(super) struct Span<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) words: &'a str,
}

impl<'a> Span<'a> {
    /// The words of `text` at `start..end`.
    pub(super) fn of(text: &'a str, start: usize, end: usize) -> Span<'a> {
        Span {
            start,
            end,
            words: text.get(start..end).unwrap_or(""),
        }
    }

    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.end
    }

    pub(super) fn as_str(&self) -> &'a str {
        self.words
    }
}

impl<'a> From<regex::Match<'a>> for Span<'a> {
    fn from(m: regex::Match<'a>) -> Span<'a> {
        Span {
            start: m.start(),
            end: m.end(),
            words: m.as_str(),
        }
    }
}

impl<'a> Caps<'a> {
    /// Group `i` by index (0 is the whole match).
    pub(super) fn get(&self, i: usize) -> Option<Span<'a>> {
        let (start, end) = self.locs.get(i)?;
        Some(Span {
            start,
            end,
            words: self.text.get(start..end)?,
        })
    }

    pub(super) fn name(&self, g: G) -> Option<Span<'a>> {
        self.get(*self.groups.get(g as usize)?)
    }

    /// Where the whole match starts.
    pub(super) fn start(&self) -> usize {
        self.locs.get(0).map_or(0, |(start, _)| start)
    }

    /// Where the whole match ends.
    pub(super) fn end(&self) -> usize {
        self.locs.get(0).map_or(0, |(_, end)| end)
    }
}

/// The tables of month, weekday and relative words, looked up for every date
/// found: FNV, since SipHash's setup costs more than the lookup of a short word.
type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// FNV-1a, 64 bits.
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub(super) struct DateData {
    pub(super) months: WordMap<&'static str, u32>,
    /// The first bytes and the lengths (up to 63) of the keys of `months`,
    /// one bit each: a word without both bits is no month name, as printed
    /// or in capitals, and [`month_number`] need not hash it.
    pub(super) month_firsts: [u64; 4],
    pub(super) month_lengths: u64,
    /// Full names only, for weekday expressions; abbreviations appear only
    /// before explicit dates.
    pub(super) weekdays: WordMap<String, Weekday>,
    pub(super) weekday_full: Vec<&'static str>,
    weekday_all: Vec<&'static str>,
    /// `weekdays` by the [`word_key`] of each word.
    pub(super) weekday_keys: Vec<(u128, Weekday)>,
    pub(super) relative: WordMap<String, RelativeRow>,
    pub(super) vague: Vec<&'static str>,
    pub(super) anchors: Vec<(&'static str, NaiveDate)>,
    /// The anchors as [`normalize`] gives them, for looking up the words of a match.
    anchors_normalized: Vec<(String, NaiveDate)>,
    pub(super) patterns: Option<Patterns>,
    pub(super) problems: Vec<String>,
}

pub(super) fn weekday_from_index(i: u32) -> Option<Weekday> {
    Some(match i {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        6 => Weekday::Sun,
        _ => return None,
    })
}

/// Collapses runs of whitespace and folds case and apostrophes, for table keys.
pub(super) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            out.push(if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
        }
    }
    out
}

/// [`normalize`] into `buf`, where it fits.
pub(super) fn normalize_into<'b>(s: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut n = 0;
    for w in s.split_whitespace() {
        if n > 0 {
            *buf.get_mut(n)? = b' ';
            n += 1;
        }
        for c in w.chars() {
            let c = if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            };
            let mut utf8 = [0u8; 4];
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            buf.get_mut(n..n + bytes.len())?.copy_from_slice(bytes);
            n += bytes.len();
        }
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

/// A data phrase as a regex: words joined by any whitespace, either apostrophe.
pub(super) fn phrase_regex(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| regex::escape(w).replace('\'', "['’]"))
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Phrases as a case-insensitive alternation, in their order: `(?i:in|during|in\s+the\s+year)`.
fn any_of(phrases: &[&str]) -> String {
    let alternatives: Vec<String> = phrases.iter().map(|p| phrase_regex(p)).collect();
    format!("(?i:{})", alternatives.join("|"))
}

/// Whether `month_alone` takes the month name `m`: full names, not abbreviations
/// ("Mar", "Sept"), which are read only beside a day or a year.
pub(super) fn is_full_month(m: &str) -> bool {
    m.len() > 4 || m == "May" || m == "June" || m == "July"
}

fn alternation<'a>(items: impl IntoIterator<Item = &'a str>, f: impl Fn(&str) -> String) -> String {
    let v: Vec<String> = in_alternation_order(items, f)
        .into_iter()
        .map(|(regex, _)| regex)
        .collect();
    v.join("|")
}

/// The items of an [`alternation`] in the order it tries them, each with its
/// regex (one item for items of the same regex).
pub(super) fn in_alternation_order<'a>(
    items: impl IntoIterator<Item = &'a str>,
    f: impl Fn(&str) -> String,
) -> Vec<(String, &'a str)> {
    let mut v: Vec<(String, &'a str)> = items.into_iter().map(|i| (f(i), i)).collect();
    // Longest first, so that "Sept" is tried before "Sep".
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

impl DateData {
    pub(super) fn parse(source: &'static str) -> DateData {
        let mut d = DateData {
            months: WordMap::default(),
            month_firsts: [0; 4],
            month_lengths: 0,
            weekdays: WordMap::default(),
            weekday_full: Vec::new(),
            weekday_all: Vec::new(),
            weekday_keys: Vec::new(),
            relative: WordMap::default(),
            vague: Vec::new(),
            anchors: Vec::new(),
            anchors_normalized: Vec::new(),
            patterns: None,
            problems: Vec::new(),
        };
        for (n, line) in source.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3
                || cols.last().is_none_or(|why| why.is_empty())
                || d.add_row(&cols).is_err()
            {
                d.problems
                    .push(format!("dates.tsv line {}: cannot read `{line}`", n + 1));
            }
        }
        d.weekday_keys = d
            .weekdays
            .iter()
            .filter(|(w, _)| w.bytes().all(|c| c.is_ascii_alphabetic()))
            .filter_map(|(w, &wd)| Some((word_key(w.as_bytes())?, wd)))
            .collect();
        if d.weekday_keys.len() != d.weekdays.len() {
            d.problems
                .push("dates.tsv: a weekday that is not ASCII letters".to_string());
        }
        match d.build_patterns() {
            Ok(p) => d.patterns = Some(p),
            Err(e) => d.problems.push(format!("dates patterns: {e}")),
        }
        d
    }

    fn add_row(&mut self, cols: &[&'static str]) -> Result<(), ()> {
        let col = |i: usize| cols.get(i).copied().ok_or(());
        let phrase = col(1)?;
        match col(0)? {
            "month" => {
                let m: u32 = col(2)?.parse().map_err(|_| ())?;
                if !(1..=12).contains(&m) {
                    return Err(());
                }
                self.months.insert(phrase, m);
                if let Some(&first) = phrase.as_bytes().first() {
                    self.month_firsts[usize::from(first / 64)] |= 1 << (first % 64);
                }
                // A longer key marks every length past 63: no word is then ruled out by its length.
                self.month_lengths |= if phrase.len() < 64 {
                    1 << phrase.len()
                } else {
                    u64::MAX
                };
            }
            "weekday" => {
                let i: u32 = col(2)?.parse().map_err(|_| ())?;
                let wd = weekday_from_index(i).ok_or(())?;
                self.weekday_all.push(phrase);
                if phrase.len() > 5 {
                    self.weekday_full.push(phrase);
                    self.weekdays.insert(phrase.to_ascii_lowercase(), wd);
                }
                self.weekdays
                    .entry(phrase.to_ascii_lowercase())
                    .or_insert(wd);
            }
            "relative" => {
                let unit = match col(2)? {
                    "day" => Unit::Day,
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "year" => Unit::Year,
                    _ => return Err(()),
                };
                let offset: i32 = col(3)?.parse().map_err(|_| ())?;
                let precision = DatePrecision::parse(col(4)?).ok_or(())?;
                let period = match col(5)? {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(()),
                };
                self.relative.insert(
                    normalize(phrase),
                    RelativeRow {
                        unit,
                        offset,
                        precision,
                        period,
                    },
                );
            }
            "vague" => self.vague.push(phrase),
            "anchor" => {
                let date = NaiveDate::parse_from_str(col(2)?, "%Y-%m-%d").map_err(|_| ())?;
                self.anchors.push((phrase, date));
                self.anchors_normalized.push((normalize(phrase), date));
            }
            _ => return Err(()),
        }
        Ok(())
    }

    fn build_patterns(&self) -> Result<Patterns, regex::Error> {
        // ASCII word boundaries keep the matching on the fast DFA path.
        const B: &str = r"(?-u:\b)";
        let cased = |s: &str| {
            format!(
                "{}|{}",
                regex::escape(s),
                regex::escape(&s.to_ascii_uppercase())
            )
        };
        let month = format!("(?:{})", alternation(self.months.keys().copied(), cased));
        let month_full = format!(
            "(?:{})",
            alternation(
                self.months.keys().copied().filter(|m| is_full_month(m)),
                cased
            )
        );
        let wd_all = format!(
            "(?:{})",
            alternation(self.weekday_all.iter().copied(), cased)
        );
        let wd_full = format!(
            "(?i:{})",
            alternation(self.weekday_full.iter().copied(), regex::escape)
        );
        let anchors = format!(
            "(?i:{})",
            alternation(self.anchors.iter().map(|(p, _)| *p), phrase_regex)
        );
        let relative = format!(
            "(?i:{})",
            alternation(self.relative.keys().map(String::as_str), phrase_regex)
        );
        let vague = format!(
            "(?i:{})",
            alternation(self.vague.iter().copied(), phrase_regex)
        );
        let day = r"[0-9]{1,2}(?:st|nd|rd|th)?";
        let year = r"(?:1[89]|20|21)[0-9]{2}";
        let wd_prefix = |name: &str| format!(r"(?:(?P<{name}>{wd_all})\.?,?\s+)?");
        let on = r"(?:(?i:on)\s+)?";
        let full = format!(
            r"{B}{on}{wa}(?:the\s+)?(?P<da>{day})(?:\s+of)?\s+(?P<ma>{month})\.?,?\s+(?P<ya>{year}){B}|{B}{on}{wb}(?P<mb>{month})\.?\s+(?P<db>{day}),?\s+(?P<yb>{year}){B}|{B}(?P<iy>{year})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}}){B}|{B}(?P<na>[0-9]{{1,2}})(?P<s1>[/.-])(?P<nb>[0-9]{{1,2}})(?P<s2>[/.-])(?P<ny>{year}){B}",
            wa = wd_prefix("wa"),
            wb = wd_prefix("wb"),
        );
        let month_day = format!(
            r"{B}{on}{wa}(?:the\s+)?(?P<da>{day})(?:\s+of)?\s+(?P<ma>{month}){B}\.?|{B}{on}{wb}(?:the\s+)?(?P<mb>{month})\.?\s+(?P<db>{day}){B}",
            wa = wd_prefix("wa"),
            wb = wd_prefix("wb"),
        );
        let part = any_of(&PART_OF_MONTH);
        let month_year = format!(
            r"{B}(?:(?P<prep>(?i:in|during|since|throughout|from|until|till|by|of))\s+)?(?:{part}[-\s]+)?(?P<m>{month})\.?,?\s+(?P<y>{year}){B}"
        );
        let month_prep = any_of(&MONTH_PREPOSITIONS);
        let month_mod = format!(r"{}[-\s]+", any_of(&MONTH_MODIFIERS));
        let month_alone = format!(
            r"{B}(?:(?P<prep>{month_prep})\s+)?(?P<mod>{month_mod})?(?P<m>{month_full}){B}"
        );
        // The same with a preposition or a modifier present: only such matches make
        // a mention ([`month_alone`] drops a bare month), so where this finds none,
        // the pattern above need not be run.
        let month_alone_qualified =
            format!(r"{B}(?:{month_prep}\s+(?:{month_mod})?|{month_mod}){month_full}{B}");
        let year_re = format!(
            r"{B}(?P<prep>{})\s+(?:{part}[-\s]+)?(?P<y>{year}){B}",
            any_of(&YEAR_PREPOSITIONS)
        );
        let year_range = format!(
            r"{B}{opener}\s+(?P<y1>{year})\s*(?:and|to|until|till|-|–)\s*(?P<y2>{year}){B}",
            opener = any_of(&RANGE_OPENERS)
        );
        let span = format!(
            r"{B}(?:(?i:in|during|over|for|within|throughout)\s+)?{the}\s+(?P<which>{which})\s+(?:(?P<n>[0-9]{{1,2}}|[A-Za-z]+)\s+)?(?P<unit>{unit})(?:\s+(?i:of)\s+(?P<of>{year}|(?i:this|last|the|the\s+current|the\s+previous|the\s+present|the\s+last)\s+(?i:calendar\s+|fiscal\s+)?(?i:year)))?{B}",
            the = any_of(&[THE]),
            which = any_of(&SPAN_WHICH),
            unit = any_of(&SPAN_UNITS),
        );
        let rolling = format!(
            r"{B}(?:(?i:in|during|over|within|for|throughout|of)\s+)?{the}\s+{lead}\s+(?:(?P<n>[0-9]{{1,3}}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+)?(?P<unit>{unit}){B}",
            the = any_of(&[THE]),
            lead = any_of(&ROLLING_LEADS),
            unit = any_of(&ROLLING_UNITS),
        );
        let ago = format!(
            r"{B}(?P<n>[0-9]{{1,3}}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+(?P<unit>{unit})\s+{ago}{B}",
            unit = any_of(&AGO_UNITS),
            ago = any_of(&AGO_WORDS),
        );
        let relative_re = format!(r"{B}{relative}{B}");
        let weekday = format!(
            r"{B}(?:(?P<mod>{modifier})\s+)?(?P<wd>{wd_full})(?:['’]s)?(?:\s+{time})?{B}",
            modifier = any_of(&WEEKDAY_MODIFIERS),
            time = any_of(&TIMES_OF_DAY),
        );
        let since_anchor = format!(
            r"{B}{since}\s+(?P<anchor>{anchors})(?-u:\b|$)",
            since = any_of(&[SINCE])
        );
        let years_since_anchor = format!(
            r"{B}(?:(?i:in|during|within|over)\s+)?(?i:a|one|the)\s+(?:(?i:first|single|full)\s+)?(?:(?P<n>[0-9]{{1,2}}|[A-Za-z]+)\s+)?(?P<unit>{unit})\s+{link}\s+(?P<anchor>{anchors})(?-u:\b|$)",
            unit = any_of(&ANCHOR_UNITS),
            link = any_of(&ANCHOR_LINKS),
        );
        let vague_re = format!(r"{B}{vague}{B}");
        let weekday_month_day = format!(
            r"{B}(?:{wd_all})\.?,?\s+(?:the\s+)?{day}(?:\s+of)?\s+{month}{B}|{B}(?:{wd_all})\.?,?\s+(?:the\s+)?{month}\.?\s+{day}{B}"
        );
        let this_year =
            r"(?i:this|the\s+current|the\s+present)\s+(?i:calendar\s+|fiscal\s+)?(?i:year)";
        let sources = [
            &full,
            &month_day,
            &month_year,
            &month_alone,
            &year_re,
            &year_range,
            &span,
            &rolling,
            &ago,
            &relative_re,
            &weekday,
            &since_anchor,
            &years_since_anchor,
            &vague_re,
        ];
        let any = RegexSet::new(sources.iter().chain([&&month_alone_qualified]))?;
        // The literal prefilter the regex engine puts in front of a pattern pays
        // for the five built around month and weekday names, rare words. The
        // others need words found in most sentences ("in", "the", "late",
        // "last", "earlier"), where the prefilter stops at each and starts the
        // automaton there: without it, `find_dates` took 54.0 -> 49.7 M
        // instructions per pass of the bench texts (docs/benchmarks.md). An
        // alternative that never matches, `\b\B`, but whose only literal is
        // the empty string makes the engine build a pattern without one; the
        // matches and their groups are the same.
        let pat = |id: usize| {
            if [FULL, MONTH_DAY, MONTH_YEAR, MONTH_ALONE, WEEKDAY].contains(&id) {
                Pat::new(sources[id], id)
            } else {
                Pat::new(&format!(r"{}|(?-u:\b\B)", sources[id]), id)
            }
        };
        Ok(Patterns {
            gate: Gate::new(self),
            plain: PlainWords::new(self),
            any,
            full: pat(FULL)?,
            month_day: pat(MONTH_DAY)?,
            month_year: pat(MONTH_YEAR)?,
            month_alone: pat(MONTH_ALONE)?,
            year: pat(YEAR)?,
            year_range: pat(YEAR_RANGE)?,
            span: pat(SPAN)?,
            rolling: pat(ROLLING)?,
            ago: pat(AGO)?,
            relative: pat(RELATIVE)?,
            weekday: pat(WEEKDAY)?,
            since_anchor: pat(SINCE_ANCHOR)?,
            years_since_anchor: pat(YEARS_SINCE_ANCHOR)?,
            vague: pat(VAGUE)?,
            weekday_month_day: Regex::new(&weekday_month_day)?,
            this_year: Regex::new(this_year)?,
        })
    }

    pub(super) fn anchor_date(&self, words: &str) -> Option<NaiveDate> {
        let key = normalize(words);
        self.anchors_normalized
            .iter()
            .find(|(p, _)| *p == key)
            .map(|(_, d)| *d)
    }
}
