//! The extraction's specification, as data: every `tests/cases/*.case` file is a
//! short article and the rows a careful analyst reads from it (see
//! `tests/cases/README.md` for the format).
//!
//! One test runs every case. A case passes when every field it lists matches the
//! extractor's output. A case marked `gap:` is a known shortfall: it must still
//! fail, so that the day the extractor learns it, this test says to drop the mark.
//!
//! Environment:
//! - `INCIDENTS_CASES=word` runs only the cases whose file name contains `word`;
//! - `INCIDENTS_CASES_SHOW=1` prints every case's actual rows (with
//!   `-- --nocapture`), the quickest way to start a new case.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use incidents::{
    Article, CasualtyRow, DatePrecision, DocumentRow, EventType, Extraction, Extractor,
    GeoPrecision, IncidentRow, Measure, Outcome, PublishedFrom, PublishedPrecision, Qualifier,
    StatisticRow, Status, Unit, Victim,
};

/// What a field of an expected line must hold.
#[derive(Debug, Clone, Copy)]
enum Check {
    /// A closed vocabulary, checked when the case is read.
    Vocab(fn(&str) -> bool),
    /// An actor id of the registry, or `-`.
    Actor,
    /// `admin1/admin2/place`, each a gazetteer name or `-`.
    Place,
    /// A country name of the gazetteer, or `-`.
    Country,
    /// A whole number, or `-` for none.
    Count,
    /// Anything: free text, dates, bounds.
    Free,
}

/// The fields of one kind of line: the positional ones first, then the keyed ones.
struct LineKind {
    word: &'static str,
    positional: &'static [(&'static str, Check)],
    /// Whether the positional fields may be left out (only the event type may).
    positional_optional: bool,
    keyed: &'static [(&'static str, Check)],
}

fn is_event_type(s: &str) -> bool {
    EventType::parse(s).is_some()
}
fn is_victim(s: &str) -> bool {
    Victim::parse(s).is_some()
}
fn is_outcome(s: &str) -> bool {
    Outcome::parse(s).is_some()
}
fn is_qualifier(s: &str) -> bool {
    Qualifier::parse(s).is_some()
}
fn is_measure(s: &str) -> bool {
    Measure::parse(s).is_some()
}
fn is_unit(s: &str) -> bool {
    Unit::parse(s).is_some()
}
fn is_geo_precision(s: &str) -> bool {
    GeoPrecision::parse(s).is_some()
}
fn is_published_precision(s: &str) -> bool {
    PublishedPrecision::parse(s).is_some()
}
fn is_published_from(s: &str) -> bool {
    PublishedFrom::parse(s).is_some()
}
fn is_status(s: &str) -> bool {
    Status::parse(s).is_some()
}
fn is_dated(s: &str) -> bool {
    // `YYYY-MM-DD/precision` or `-`: a typo here would make a case fail for ever.
    if s == "-" {
        return true;
    }
    match s.split_once('/') {
        Some((date, precision)) => {
            (date == "-" || NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok())
                && DatePrecision::parse(precision).is_some()
        }
        None => false,
    }
}

const INCIDENT: LineKind = LineKind {
    word: "incident",
    positional: &[("type", Check::Vocab(is_event_type))],
    positional_optional: true,
    keyed: &[
        ("date", Check::Vocab(is_dated)),
        ("place", Check::Place),
        ("perpetrator", Check::Actor),
        ("target", Check::Actor),
        ("killed", Check::Count),
        ("killed_max", Check::Count),
        ("wounded", Check::Count),
        ("claims", Check::Count),
        ("country", Check::Country),
        ("geo", Check::Vocab(is_geo_precision)),
        ("date_text", Check::Free),
        ("perpetrator_text", Check::Free),
        ("target_text", Check::Free),
    ],
};

const CLAIM: LineKind = LineKind {
    word: "claim",
    positional: &[
        ("account", Check::Count),
        ("claimant", Check::Actor),
        ("victim", Check::Vocab(is_victim)),
        ("outcome", Check::Vocab(is_outcome)),
        ("count", Check::Count),
        ("qualifier", Check::Vocab(is_qualifier)),
    ],
    positional_optional: false,
    keyed: &[
        ("low", Check::Count),
        ("high", Check::Count),
        ("claimant_text", Check::Free),
    ],
};

const STATISTIC: LineKind = LineKind {
    word: "statistic",
    positional: &[
        ("measure", Check::Vocab(is_measure)),
        ("unit", Check::Vocab(is_unit)),
        ("value", Check::Free),
        ("qualifier", Check::Vocab(is_qualifier)),
    ],
    positional_optional: false,
    keyed: &[
        ("low", Check::Free),
        ("high", Check::Free),
        ("period", Check::Free),
        ("region", Check::Free),
        ("source", Check::Actor),
        ("period_text", Check::Free),
        ("source_text", Check::Free),
    ],
};

const DOCUMENT: LineKind = LineKind {
    word: "document",
    positional: &[],
    positional_optional: false,
    keyed: &[
        ("published", Check::Free),
        ("precision", Check::Vocab(is_published_precision)),
        ("from", Check::Vocab(is_published_from)),
        ("status", Check::Vocab(is_status)),
        ("n_incidents", Check::Count),
        ("n_statistics", Check::Count),
        ("title", Check::Free),
    ],
};

/// One line of rows: field name and value, in the order of its kind.
type Fields = Vec<(&'static str, String)>;

/// An expected incident and, when listed, every claim it must carry.
#[derive(Debug)]
struct ExpectedIncident {
    line: usize,
    fields: Fields,
    claims: Option<Vec<(usize, Fields)>>,
}

#[derive(Debug, Default)]
struct Expected {
    incidents: Vec<ExpectedIncident>,
    /// Claims listed without an incident: compared with every claim of the document.
    claims: Vec<(usize, Fields)>,
    statistics: Vec<(usize, Fields)>,
    document: Option<Fields>,
    n_incidents: Option<usize>,
    n_claims: Option<usize>,
    n_statistics: Option<usize>,
}

#[derive(Debug)]
struct Case {
    name: String,
    published: Option<NaiveDate>,
    gap: Option<String>,
    text: String,
    expected: Expected,
    /// The expect block as written, for reports.
    expect_lines: Vec<String>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("cases")
}

/// Splits `key=value key=more words` into fields; a key is a word of
/// lower-case letters and `_` followed by `=`, anything else continues the value.
fn parse_fields(kind: &LineKind, rest: &str, known: &Known) -> Result<Fields, String> {
    let mut tokens = rest.split_whitespace().peekable();
    let mut fields: Fields = Vec::new();
    let key_of = |token: &str| -> Option<String> {
        let (key, _) = token.split_once('=')?;
        (!key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .then(|| key.to_string())
    };
    let mut given_positional = 0;
    while given_positional < kind.positional.len() {
        match tokens.peek() {
            Some(token) if key_of(token).is_none() => {
                let (name, _) = kind.positional[given_positional];
                fields.push((name, (*token).to_string()));
                tokens.next();
                given_positional += 1;
            }
            _ => break,
        }
    }
    if given_positional < kind.positional.len()
        && !(kind.positional_optional && given_positional == 0)
    {
        let names: Vec<&str> = kind.positional.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "`{}` needs its fields in order: {}",
            kind.word,
            names.join(" ")
        ));
    }
    for token in tokens {
        if let Some(key) = key_of(token) {
            let Some(&(name, _)) = kind.keyed.iter().find(|(n, _)| *n == key) else {
                let names: Vec<&str> = kind.keyed.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown field `{key}` of `{}` (known: {})",
                    kind.word,
                    names.join(", ")
                ));
            };
            if fields.iter().any(|(n, _)| *n == name) {
                return Err(format!("field `{key}` given twice"));
            }
            fields.push((name, token[key.len() + 1..].to_string()));
        } else {
            match fields.last_mut() {
                Some((name, value)) if !is_positional(kind, name) => {
                    value.push(' ');
                    value.push_str(token);
                }
                _ => return Err(format!("`{token}` is not a `key=value` field")),
            }
        }
    }
    for (name, value) in &fields {
        let check = kind
            .positional
            .iter()
            .chain(kind.keyed)
            .find(|(n, _)| n == name)
            .map_or(Check::Free, |(_, c)| *c);
        known.check(check, name, value)?;
    }
    Ok(fields)
}

fn is_positional(kind: &LineKind, name: &str) -> bool {
    kind.positional.iter().any(|(n, _)| *n == name)
}

/// Actor ids and place names the extractor knows, to catch typos in cases.
struct Known {
    actors: HashSet<String>,
    places: HashSet<String>,
    countries: HashSet<String>,
}

impl Known {
    fn new(extractor: &Extractor) -> Self {
        let actors = extractor
            .actors()
            .actors()
            .iter()
            .map(|a| a.id.clone())
            .collect();
        let places = extractor
            .gazetteer()
            .places()
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let countries = extractor
            .gazetteer()
            .places()
            .iter()
            .filter(|p| p.kind == incidents::places::PlaceKind::Country)
            .map(|p| p.name.clone())
            .collect();
        Known {
            actors,
            places,
            countries,
        }
    }

    fn check(&self, check: Check, name: &str, value: &str) -> Result<(), String> {
        if value.contains('*') {
            return Ok(());
        }
        let ok = match check {
            Check::Free => true,
            Check::Count => value == "-" || value.parse::<u32>().is_ok(),
            Check::Vocab(test) => test(value),
            Check::Actor => value == "-" || self.actors.contains(value),
            Check::Country => value == "-" || self.countries.contains(value),
            Check::Place => {
                let parts: Vec<&str> = value.split('/').collect();
                parts.len() == 3 && parts.iter().all(|p| *p == "-" || self.places.contains(*p))
            }
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "`{name}={value}` is not a value the contract or the data files know"
            ))
        }
    }
}

fn parse_count(value: &str, line: usize) -> Result<usize, String> {
    value
        .parse()
        .map_err(|_| format!("line {line}: `{value}` is not a count"))
}

fn parse_case(name: &str, source: &str, known: &Known) -> Result<Case, String> {
    #[derive(PartialEq)]
    enum Part {
        Header,
        Text,
        Expect,
    }
    let mut part = Part::Header;
    let mut published = None;
    let mut gap = None;
    let mut text_lines: Vec<&str> = Vec::new();
    let mut expected = Expected::default();
    let mut expect_lines = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        let at = |message: String| format!("line {line}: {message}");
        match raw.trim_end() {
            "=== text" if part == Part::Header => {
                part = Part::Text;
                continue;
            }
            "=== expect" if part == Part::Text => {
                part = Part::Expect;
                continue;
            }
            _ => {}
        }
        match part {
            Part::Header => {
                let trimmed = raw.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                if let Some(date) = trimmed.strip_prefix("published:") {
                    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                        .map_err(|e| at(format!("published date: {e}")))?;
                    published = Some(date);
                } else if let Some(reason) = trimmed.strip_prefix("gap:") {
                    if reason.trim().is_empty() {
                        return Err(at("a `gap:` says why".to_string()));
                    }
                    gap = Some(reason.trim().to_string());
                } else {
                    return Err(at(format!(
                        "the header holds `# comments`, `published:` and `gap:`, not `{trimmed}`"
                    )));
                }
            }
            Part::Text => text_lines.push(raw),
            Part::Expect => {
                let trimmed = raw.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                expect_lines.push(raw.trim_end().to_string());
                let indented = raw.starts_with(char::is_whitespace);
                let (word, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
                match word {
                    "incident" if !indented => {
                        let fields = parse_fields(&INCIDENT, rest, known).map_err(at)?;
                        expected.incidents.push(ExpectedIncident {
                            line,
                            fields,
                            claims: None,
                        });
                    }
                    "claim" if indented => {
                        let fields = parse_fields(&CLAIM, rest, known).map_err(at)?;
                        let Some(incident) = expected.incidents.last_mut() else {
                            return Err(at("an indented claim belongs under an incident".into()));
                        };
                        incident
                            .claims
                            .get_or_insert_with(Vec::new)
                            .push((line, fields));
                    }
                    "claim" => {
                        let fields = parse_fields(&CLAIM, rest, known).map_err(at)?;
                        expected.claims.push((line, fields));
                    }
                    "statistic" if !indented => {
                        let fields = parse_fields(&STATISTIC, rest, known).map_err(at)?;
                        expected.statistics.push((line, fields));
                    }
                    "document" if !indented => {
                        if expected.document.is_some() {
                            return Err(at("one `document` line a case".into()));
                        }
                        expected.document = Some(parse_fields(&DOCUMENT, rest, known).map_err(at)?);
                    }
                    _ => {
                        let Some((key, value)) = trimmed.split_once('=') else {
                            return Err(at(format!("cannot read `{trimmed}`")));
                        };
                        let count = Some(parse_count(value.trim(), line)?);
                        match key.trim() {
                            "incidents" => expected.n_incidents = count,
                            "claims" => expected.n_claims = count,
                            "statistics" => expected.n_statistics = count,
                            other => return Err(at(format!("unknown count `{other}`"))),
                        }
                    }
                }
            }
        }
    }
    if part != Part::Expect {
        return Err("a case has a `=== text` and then an `=== expect` block".to_string());
    }
    if expect_lines.is_empty() {
        return Err("the expect block is empty: a case must assert something".to_string());
    }
    if !expected.incidents.is_empty() && !expected.claims.is_empty() {
        return Err(
            "list claims under their incident, or list no incident and only claims".to_string(),
        );
    }
    let text = text_lines.join("\n").trim_end().to_string();
    Ok(Case {
        name: name.to_string(),
        published,
        gap,
        text,
        expected,
        expect_lines,
    })
}

// ---------------------------------------------------------------------------
// Rendering the actual rows in the same line format

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_string(), |v| v.to_string())
}

fn number(value: Option<f64>) -> String {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{v:.0}"),
        Some(v) => v.to_string(),
        None => "-".to_string(),
    }
}

fn incident_fields(row: &IncidentRow) -> Fields {
    let date = match row.date {
        Some(d) => format!("{d}/{}", row.date_precision),
        None if row.date_precision == DatePrecision::Unknown => "-".to_string(),
        None => format!("-/{}", row.date_precision),
    };
    let place = format!(
        "{}/{}/{}",
        opt(row.admin1.as_deref()),
        opt(row.admin2.as_deref()),
        opt(row.place.as_deref())
    );
    vec![
        ("type", row.event_type.to_string()),
        ("date", date),
        ("place", place),
        ("perpetrator", opt(row.perpetrator.as_deref())),
        ("target", opt(row.target.as_deref())),
        ("killed", opt(row.killed)),
        ("killed_max", opt(row.killed_max)),
        ("wounded", opt(row.wounded)),
        ("claims", row.n_claims.to_string()),
        ("country", opt(row.country.as_deref())),
        ("geo", row.geo_precision.to_string()),
        ("date_text", opt(row.date_text.as_deref())),
        ("perpetrator_text", opt(row.perpetrator_text.as_deref())),
        ("target_text", opt(row.target_text.as_deref())),
    ]
}

fn claim_fields(row: &CasualtyRow) -> Fields {
    vec![
        ("account", row.account.to_string()),
        ("claimant", opt(row.claimant.as_deref())),
        ("victim", row.victim.to_string()),
        ("outcome", row.outcome.to_string()),
        ("count", opt(row.count)),
        ("qualifier", row.qualifier.to_string()),
        ("low", opt(row.low)),
        ("high", opt(row.high)),
        ("claimant_text", opt(row.claimant_text.as_deref())),
    ]
}

fn statistic_fields(row: &StatisticRow) -> Fields {
    let period = match (row.period_start, row.period_end) {
        (None, None) => "-".to_string(),
        (start, end) => format!("{}..{}", opt(start), opt(end)),
    };
    let region = if row.region.is_empty() {
        "-".to_string()
    } else {
        row.region.join(",")
    };
    vec![
        ("measure", row.measure.to_string()),
        ("unit", row.unit.to_string()),
        ("value", number(row.value)),
        ("qualifier", row.qualifier.to_string()),
        ("low", number(row.low)),
        ("high", number(row.high)),
        ("period", period),
        ("region", region),
        ("source", opt(row.source.as_deref())),
        ("period_text", opt(row.period_text.as_deref())),
        ("source_text", opt(row.source_text.as_deref())),
    ]
}

fn document_fields(row: &DocumentRow) -> Fields {
    vec![
        ("published", opt(row.published)),
        ("precision", row.published_precision.to_string()),
        ("from", row.published_from.to_string()),
        ("status", row.status.to_string()),
        ("n_incidents", row.n_incidents.to_string()),
        ("n_statistics", row.n_statistics.to_string()),
        ("title", opt(row.title.as_deref())),
    ]
}

/// A line in the case format: positional fields bare, the others as `key=value`.
fn render(kind: &LineKind, fields: &Fields) -> String {
    let mut line = kind.word.to_string();
    for (name, value) in fields {
        if is_positional(kind, name) {
            let _ = write!(line, " {value}");
        } else {
            let _ = write!(line, " {name}={value}");
        }
    }
    line
}

fn render_actual(out: &Extraction) -> Vec<String> {
    let mut lines = Vec::new();
    for incident in &out.incidents {
        lines.push(render(&INCIDENT, &incident_fields(incident)));
        for claim in claims_of(out, incident) {
            lines.push(format!("  {}", render(&CLAIM, &claim_fields(claim))));
        }
    }
    let orphans = out
        .casualties
        .iter()
        .filter(|c| !out.incidents.iter().any(|i| i.incident_id == c.incident_id));
    for claim in orphans {
        lines.push(format!(
            "claim (of no incident) {}",
            render(&CLAIM, &claim_fields(claim))
        ));
    }
    for statistic in &out.statistics {
        lines.push(render(&STATISTIC, &statistic_fields(statistic)));
    }
    lines.push(render(&DOCUMENT, &document_fields(&out.document)));
    lines
}

fn claims_of<'a>(out: &'a Extraction, incident: &IncidentRow) -> Vec<&'a CasualtyRow> {
    out.casualties
        .iter()
        .filter(|c| c.incident_id == incident.incident_id)
        .collect()
}

// ---------------------------------------------------------------------------
// Comparing

/// `*` in an expected value stands for any run of characters.
fn glob(pattern: &str, value: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == value;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !value.starts_with(first) || value.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &value[first.len()..];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// The fields of `expected` that `actual` does not match, as `name: expected X, got Y`.
fn mismatches(expected: &Fields, actual: &Fields) -> Vec<String> {
    expected
        .iter()
        .filter_map(|(name, want)| {
            let got = actual
                .iter()
                .find(|(n, _)| n == name)
                .map_or("?", |(_, v)| v.as_str());
            (!glob(want, got)).then(|| format!("{name}: expected `{want}`, got `{got}`"))
        })
        .collect()
}

/// Claims and statistics are compared as sets: each expected line takes the
/// first actual line it matches, since their order says nothing.
fn compare_set(
    what: &str,
    kind: &LineKind,
    expected: &[(usize, Fields)],
    actual: &[Fields],
    problems: &mut Vec<String>,
) {
    if expected.len() != actual.len() {
        problems.push(format!(
            "{what}: expected {} {}s, got {}",
            expected.len(),
            kind.word,
            actual.len()
        ));
    }
    let mut taken = vec![false; actual.len()];
    for (line, want) in expected {
        let hit = actual
            .iter()
            .enumerate()
            .find(|(i, got)| !taken[*i] && mismatches(want, got).is_empty());
        match hit {
            Some((i, _)) => taken[i] = true,
            None => problems.push(format!(
                "{what}: nothing matches line {line} `{}`",
                render(kind, want)
            )),
        }
    }
    for (i, got) in actual.iter().enumerate() {
        if !taken[i] && expected.len() <= actual.len() {
            problems.push(format!("{what}: unexpected `{}`", render(kind, got)));
        }
    }
}

fn compare(expected: &Expected, out: &Extraction) -> Vec<String> {
    let mut problems = Vec::new();
    let count = |problems: &mut Vec<String>, what: &str, want: Option<usize>, got: usize| {
        if let Some(want) = want {
            if want != got {
                problems.push(format!("expected {want} {what}, got {got}"));
            }
        }
    };
    count(
        &mut problems,
        "incidents",
        expected.n_incidents,
        out.incidents.len(),
    );
    count(
        &mut problems,
        "claims",
        expected.n_claims,
        out.casualties.len(),
    );
    count(
        &mut problems,
        "statistics",
        expected.n_statistics,
        out.statistics.len(),
    );

    if !expected.incidents.is_empty() && expected.incidents.len() != out.incidents.len() {
        problems.push(format!(
            "expected {} incidents, got {}",
            expected.incidents.len(),
            out.incidents.len()
        ));
    }
    for (n, (want, got)) in expected.incidents.iter().zip(&out.incidents).enumerate() {
        let what = format!("incident {} (line {})", n + 1, want.line);
        for problem in mismatches(&want.fields, &incident_fields(got)) {
            problems.push(format!("{what}: {problem}"));
        }
        if let Some(claims) = &want.claims {
            let actual: Vec<Fields> = claims_of(out, got).into_iter().map(claim_fields).collect();
            compare_set(&what, &CLAIM, claims, &actual, &mut problems);
        }
    }
    if !expected.claims.is_empty() {
        let actual: Vec<Fields> = out.casualties.iter().map(claim_fields).collect();
        compare_set("claims", &CLAIM, &expected.claims, &actual, &mut problems);
    }
    if !expected.statistics.is_empty() {
        let actual: Vec<Fields> = out.statistics.iter().map(statistic_fields).collect();
        compare_set(
            "statistics",
            &STATISTIC,
            &expected.statistics,
            &actual,
            &mut problems,
        );
    }
    if let Some(want) = &expected.document {
        for problem in mismatches(want, &document_fields(&out.document)) {
            problems.push(format!("document: {problem}"));
        }
    }
    problems
}

fn report(case: &Case, out: &Extraction, problems: &[String]) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "── tests/cases/{}", case.name);
    if let Some(gap) = &case.gap {
        let _ = writeln!(text, "gap: {gap}");
    }
    let _ = writeln!(text, "published: {}", opt(case.published));
    let _ = writeln!(text, "text:");
    for line in case.text.lines() {
        let _ = writeln!(text, "  | {line}");
    }
    let _ = writeln!(text, "expected:");
    for line in &case.expect_lines {
        let _ = writeln!(text, "  {line}");
    }
    let _ = writeln!(text, "actual:");
    for line in render_actual(out) {
        let _ = writeln!(text, "  {line}");
    }
    if !problems.is_empty() {
        let _ = writeln!(text, "differences:");
        for problem in problems {
            let _ = writeln!(text, "  - {problem}");
        }
    }
    text
}

#[test]
fn every_case_holds() {
    let extractor = Extractor::new();
    let known = Known::new(&extractor);
    let filter = std::env::var("INCIDENTS_CASES").unwrap_or_default();
    let show = std::env::var_os("INCIDENTS_CASES_SHOW").is_some();

    let mut paths: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no tests/cases/*.case files found");

    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    let mut passed = 0;
    let mut ran = 0;
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.contains(&filter) {
            continue;
        }
        ran += 1;
        let source = fs::read_to_string(path).expect("a case file reads as UTF-8");
        let case = match parse_case(&name, &source, &known) {
            Ok(case) => case,
            Err(error) => {
                failures.push(format!("── tests/cases/{name}: cannot be read: {error}\n"));
                continue;
            }
        };
        let stem = name.trim_end_matches(".case");
        let out = extractor
            .extract(&Article::new(stem, case.text.as_str()).with_published(case.published));
        let problems = compare(&case.expected, &out);
        if show {
            println!("{}", report(&case, &out, &problems));
        }
        match (&case.gap, problems.is_empty()) {
            (None, true) => passed += 1,
            (None, false) => failures.push(report(&case, &out, &problems)),
            (Some(_), false) => gaps.push(report(&case, &out, &problems)),
            (Some(gap), true) => failures.push(format!(
                "── tests/cases/{name} passes now: remove its `gap: {gap}` line\n"
            )),
        }
    }

    if !show {
        for gap in &gaps {
            println!("known gap (still failing, as marked):\n{gap}");
        }
    }
    println!(
        "{ran} cases: {passed} pass, {} known gaps, {} failures",
        gaps.len(),
        failures.len()
    );
    assert!(ran > 0, "INCIDENTS_CASES={filter} matches no case");
    assert!(
        failures.is_empty(),
        "{} of {ran} cases fail:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
