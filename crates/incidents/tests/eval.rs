//! The matching rules of the gold README, on hand-made gold lines and predictions.

use std::collections::HashMap;

use chrono::NaiveDate;
use incidents::eval::{evaluate, evaluate_labelled, locate, parse_labelled, Gold, PartialDate};
use incidents::{
    CasualtyRow, DatePrecision, DocumentRow, ErrorKind, EventType, GeoPrecision, IncidentRow,
    Measure, Outcome, PublishedFrom, PublishedPrecision, Qualifier, StatisticRow, Status, Tables,
    Unit, Victim,
};

// A made-up report, written for these tests. The curly apostrophes and the accent
// put multi-byte characters before later sentences, so byte and code point
// offsets differ.
const TEXT: &str = "Café owners in Bannu’s bazaar closed early. \
Gunmen attacked a police post in Bannu on Monday, killing two policemen, officials said. \
Separately, a drone struck a compound in North Waziristan, killing four militants. \
The chief minister chaired a meeting on security in Peshawar.";

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The code point span of `needle` in `TEXT`.
fn span_of(needle: &str) -> (u32, u32) {
    let byte = TEXT.find(needle).expect("test needle is in TEXT");
    let start = TEXT[..byte].chars().count() as u32;
    (start, start + needle.chars().count() as u32)
}

fn texts() -> HashMap<String, String> {
    HashMap::from([("d1".to_string(), TEXT.to_string())])
}

fn document(doc: &str, published: Option<NaiveDate>, precision: PublishedPrecision) -> DocumentRow {
    DocumentRow {
        doc_id: doc.to_string(),
        title: None,
        published,
        published_precision: precision,
        published_from: if published.is_some() {
            PublishedFrom::Text
        } else {
            PublishedFrom::None
        },
        chars: 0,
        n_incidents: 0,
        n_statistics: 0,
        status: Status::Ok,
        warnings: Vec::new(),
    }
}

fn incident(
    id: &str,
    doc: &str,
    event_type: EventType,
    admin1: Option<&str>,
    evidence: &str,
) -> IncidentRow {
    let (span_start, span_end) = if doc == "d1" && TEXT.contains(evidence) {
        span_of(evidence)
    } else {
        (0, 0)
    };
    IncidentRow {
        incident_id: id.to_string(),
        doc_id: doc.to_string(),
        event_type,
        date: None,
        date_precision: DatePrecision::Unknown,
        date_text: None,
        country: Some("Pakistan".to_string()),
        admin1: admin1.map(str::to_string),
        admin2: None,
        place: None,
        lat: None,
        lon: None,
        geo_precision: GeoPrecision::Unknown,
        perpetrator: None,
        perpetrator_text: None,
        target: None,
        target_text: None,
        killed: None,
        killed_max: None,
        wounded: None,
        n_claims: 0,
        confidence: 0.5,
        evidence: evidence.to_string(),
        span_start,
        span_end,
    }
}

fn claim(
    incident_id: &str,
    claimant: Option<&str>,
    victim: Victim,
    count: Option<u32>,
    qualifier: Qualifier,
    evidence: &str,
) -> CasualtyRow {
    CasualtyRow {
        incident_id: incident_id.to_string(),
        doc_id: "d1".to_string(),
        claimant: claimant.map(str::to_string),
        claimant_text: None,
        account: 1,
        victim,
        outcome: Outcome::Killed,
        count,
        qualifier,
        low: count,
        high: count,
        evidence: evidence.to_string(),
    }
}

fn statistic(id: &str, measure: Measure, unit: Unit, value: Option<f64>) -> StatisticRow {
    StatisticRow {
        stat_id: id.to_string(),
        doc_id: "d1".to_string(),
        measure,
        unit,
        value,
        qualifier: Qualifier::Exact,
        low: None,
        high: None,
        period_start: None,
        period_end: None,
        period_text: None,
        region: Vec::new(),
        source: None,
        source_text: None,
        evidence: String::new(),
    }
}

const ATTACK_GOLD: &str = r#"{"doc": "d1", "id": "i1", "kind": "incident", "event_type": "attack", "date": "2024-03-04", "date_precision": "day", "location": {"country": "Pakistan", "admin1": ["Khyber Pakhtunkhwa"], "admin2": ["Bannu"], "place": null}, "casualties": [{"claimant": "PAK_POLICE", "victim": "police", "outcome": "killed", "value": {"n": 2, "q": "exact", "low": null, "high": null}, "account": 1}], "evidence": "Gunmen attacked a police post in Bannu on Monday", "optional": false}"#;
const DRONE_GOLD: &str = r#"{"doc": "d1", "id": "i2", "kind": "incident", "event_type": "drone_strike", "date": null, "date_precision": "unknown", "location": {"country": "Pakistan", "admin1": [], "admin2": [], "place": null}, "casualties": [{"claimant": null, "victim": "militants", "outcome": "killed", "value": {"n": 4, "q": "exact", "low": null, "high": null}, "account": 1}], "evidence": "a drone struck a compound in North Waziristan", "optional": true}"#;
const NEGATIVE_GOLD: &str = r#"{"doc": "d1", "id": "x1", "kind": "negative", "evidence": "The chief minister chaired a meeting on security"}"#;

fn gold(lines: &[&str]) -> Gold {
    Gold::parse(&lines.join("\n")).expect("test gold parses")
}

fn one_incident_tables(row: IncidentRow) -> Tables {
    Tables {
        documents: vec![document("d1", None, PublishedPrecision::Unknown)],
        incidents: vec![row],
        ..Tables::default()
    }
}

#[test]
fn gold_lines_of_every_kind_parse() {
    let g = gold(&[
        r#"{"doc": "d1", "kind": "document", "published": "2024-03", "published_precision": "month", "note": "why"}"#,
        ATTACK_GOLD,
        DRONE_GOLD,
        NEGATIVE_GOLD,
        "",
        r#"{"doc": "d1", "id": "s1", "kind": "statistic", "measure": "militant_strength", "unit": "count", "value": {"n": null, "q": "range", "low": 5000, "high": 6000}, "period": {"start": null, "end": null, "text": null}, "region": ["Afghanistan"], "source": null, "evidence": "x", "optional": true}"#,
    ]);
    assert_eq!(g.documents.len(), 1);
    assert_eq!(
        g.documents[0].published,
        Some(PartialDate {
            year: 2024,
            month: Some(3),
            day: None
        })
    );
    assert_eq!(g.incidents.len(), 2);
    assert_eq!(g.incidents[0].location.admin1, vec!["Khyber Pakhtunkhwa"]);
    assert_eq!(g.incidents[0].casualties[0].value.n, Some(2.0));
    assert!(g.incidents[1].optional);
    assert_eq!(g.statistics[0].value.low, Some(5000.0));
    assert_eq!(g.negatives[0].id, "x1");
    assert_eq!(g.doc_ids().len(), 1);
}

#[test]
fn malformed_gold_lines_name_the_line_and_the_fault() {
    let cases: [(&str, &str); 7] = [
        ("{not json", "not valid JSON"),
        (r#"{"doc": "d1", "id": "a"}"#, "kind"),
        (
            r#"{"doc": "d1", "id": "a", "kind": "rumour", "evidence": "x"}"#,
            "unknown kind \"rumour\"",
        ),
        (
            r#"{"doc": "d1", "id": "a", "kind": "incident", "event_type": "riot", "date_precision": "day", "evidence": "x"}"#,
            "riot",
        ),
        (
            r#"{"doc": "d1", "id": "a", "kind": "incident", "event_type": "attack", "date_precision": "day"}"#,
            "evidence",
        ),
        (
            r#"{"doc": "d1", "id": "a", "kind": "incident", "event_type": "attack", "date": "2024-13", "date_precision": "month", "evidence": "x"}"#,
            "not a date",
        ),
        (
            r#"{"doc": "d1", "kind": "document", "published": "2024", "published_precision": "day"}"#,
            "less precise",
        ),
    ];
    for (line, fault) in cases {
        // The bad line comes second, after a good one.
        let text = format!("{NEGATIVE_GOLD}\n{line}\n");
        let err = Gold::parse(&text).expect_err(line);
        assert_eq!(err.kind(), ErrorKind::Gold);
        assert!(err.message().contains("line 2"), "{}", err.message());
        assert!(
            err.message().contains(fault),
            "{} lacks {fault}",
            err.message()
        );
    }
    let duplicate = Gold::parse(&format!("{NEGATIVE_GOLD}\n{NEGATIVE_GOLD}")).expect_err("dup");
    assert!(duplicate.message().contains("line 2") && duplicate.message().contains("\"x1\""));
}

#[test]
fn evidence_is_located_in_code_points_and_across_line_breaks() {
    let needle = "Gunmen attacked a police post";
    let spans = locate(TEXT, needle);
    assert_eq!(spans, vec![span_of(needle)]);
    let (start, end) = spans[0];
    let taken: String = TEXT
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    assert_eq!(taken, needle);
    // The byte offset is larger: two multi-byte characters come before it.
    assert!(TEXT.find(needle).unwrap_or(0) as u32 > start);

    let wrapped = "First line.\nGunmen attacked\n  a police post today.";
    assert_eq!(
        locate(wrapped, "Gunmen attacked a police post"),
        vec![(12, 43)]
    );
    assert!(locate(TEXT, "nowhere in the text").is_empty());
}

#[test]
fn incident_found_by_overlapping_evidence() {
    let g = gold(&[ATTACK_GOLD]);
    // The predicted evidence is the whole sentence; the gold is part of it.
    let row = incident(
        "p1",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        "Gunmen attacked a police post in Bannu on Monday, killing two policemen, officials said.",
    );
    let report = evaluate(&g, &one_incident_tables(row), &texts());
    assert_eq!(report.incidents.found, 1);
    assert_eq!(report.incidents.precision, Some(1.0));
    assert_eq!(report.incidents.recall, Some(1.0));
    assert_eq!(report.incidents.f1, Some(1.0));
    let m = &report.details[0].matched[0];
    assert!(m.by_span && !m.by_date);
}

#[test]
fn incident_found_by_date_when_evidence_is_elsewhere() {
    let g = gold(&[ATTACK_GOLD]);
    let mut row = incident(
        "p1",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        "Café owners in Bannu’s bazaar closed early.",
    );
    row.date = date(2024, 3, 4);
    row.date_precision = DatePrecision::Day;
    let report = evaluate(&g, &one_incident_tables(row.clone()), &texts());
    assert_eq!(report.incidents.found, 1);
    assert!(report.details[0].matched[0].by_date);

    // A month is not a day, even the right month.
    row.date = date(2024, 3, 1);
    row.date_precision = DatePrecision::Month;
    let report = evaluate(&g, &one_incident_tables(row.clone()), &texts());
    assert_eq!(report.incidents.found, 0);
    assert_eq!(report.incidents.precision, Some(0.0));
    assert_eq!(report.details[0].spurious_incidents.len(), 1);
    assert_eq!(report.details[0].missed_incidents[0].gold_id, "i1");

    // Wrong day.
    row.date = date(2024, 3, 5);
    row.date_precision = DatePrecision::Day;
    assert_eq!(
        evaluate(&g, &one_incident_tables(row), &texts())
            .incidents
            .found,
        0
    );
}

#[test]
fn gold_month_and_week_precision_accept_any_day_inside() {
    let month = ATTACK_GOLD.replace(
        "\"date\": \"2024-03-04\", \"date_precision\": \"day\"",
        "\"date\": \"2024-03\", \"date_precision\": \"month\"",
    );
    let week = ATTACK_GOLD.replace(
        "\"date_precision\": \"day\"",
        "\"date_precision\": \"week\"",
    );
    let mut row = incident(
        "p1",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        "elsewhere",
    );
    row.date = date(2024, 3, 9);
    row.date_precision = DatePrecision::Day;
    assert_eq!(
        evaluate(
            &gold(&[&month]),
            &one_incident_tables(row.clone()),
            &texts()
        )
        .incidents
        .found,
        1
    );
    assert_eq!(
        evaluate(&gold(&[&week]), &one_incident_tables(row.clone()), &texts())
            .incidents
            .found,
        1
    );
    row.date = date(2024, 3, 11);
    assert_eq!(
        evaluate(&gold(&[&week]), &one_incident_tables(row), &texts())
            .incidents
            .found,
        0
    );
}

#[test]
fn event_type_must_be_compatible() {
    let g = gold(&[DRONE_GOLD
        .replace("\"optional\": true", "\"optional\": false")
        .as_str()]);
    let evidence = "a drone struck a compound in North Waziristan";
    for (event_type, found) in [
        (EventType::DroneStrike, 1),
        (EventType::Airstrike, 1),
        (EventType::Shelling, 0),
        (EventType::Attack, 0),
    ] {
        let row = incident("p1", "d1", event_type, Some("Khyber Pakhtunkhwa"), evidence);
        let report = evaluate(&g, &one_incident_tables(row), &texts());
        assert_eq!(report.incidents.found, found, "{event_type}");
    }
}

#[test]
fn admin1_must_be_one_of_the_listed() {
    let g = gold(&[ATTACK_GOLD]);
    let evidence = "Gunmen attacked a police post in Bannu on Monday";
    for (admin1, found) in [
        (Some("Khyber Pakhtunkhwa"), 1),
        (Some("khyber pakhtunkhwa"), 1),
        (Some("Balochistan"), 0),
        (None, 0),
    ] {
        let row = incident("p1", "d1", EventType::Attack, admin1, evidence);
        assert_eq!(
            evaluate(&g, &one_incident_tables(row), &texts())
                .incidents
                .found,
            found
        );
    }
    // An empty list takes any province, or none.
    let any = gold(&[DRONE_GOLD]);
    let row = incident(
        "p1",
        "d1",
        EventType::DroneStrike,
        None,
        "a drone struck a compound",
    );
    assert_eq!(
        evaluate(&any, &one_incident_tables(row), &texts())
            .incidents
            .predicted_matched,
        1
    );
}

#[test]
fn a_prediction_matches_one_gold_incident_only() {
    // Two gold incidents whose evidence is the same sentence; one prediction.
    let second = ATTACK_GOLD
        .replace("\"id\": \"i1\"", "\"id\": \"i1b\"")
        .replace(
            "Gunmen attacked a police post in Bannu on Monday",
            "killing two policemen",
        );
    let g = gold(&[ATTACK_GOLD, &second]);
    let sentence =
        "Gunmen attacked a police post in Bannu on Monday, killing two policemen, officials said.";
    let one = one_incident_tables(incident(
        "p1",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        sentence,
    ));
    let report = evaluate(&g, &one, &texts());
    assert_eq!(report.incidents.found, 1);
    assert_eq!(report.incidents.gold, 2);
    assert_eq!(report.incidents.recall, Some(0.5));
    assert_eq!(report.incidents.precision, Some(1.0));

    // Two predictions of the same sentence take both.
    let mut two = one.clone();
    two.incidents.push(incident(
        "p2",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        sentence,
    ));
    let report = evaluate(&g, &two, &texts());
    assert_eq!(report.incidents.found, 2);
    assert_eq!(report.incidents.precision, Some(1.0));
}

#[test]
fn matching_prefers_non_optional_gold() {
    // An optional and a non-optional gold incident both accept the single
    // prediction; recall must not pay for the optional one taking it.
    let optional = ATTACK_GOLD
        .replace("\"id\": \"i1\"", "\"id\": \"i0\"")
        .replace("\"optional\": false", "\"optional\": true");
    let g = gold(&[&optional, ATTACK_GOLD]);
    let row = incident(
        "p1",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        "Gunmen attacked a police post",
    );
    let report = evaluate(&g, &one_incident_tables(row), &texts());
    assert_eq!(report.incidents.found, 1);
    assert_eq!(report.incidents.gold, 1);
    assert_eq!(report.incidents.gold_optional, 1);
    assert_eq!(report.details[0].matched[0].gold_id, "i1");
}

#[test]
fn optional_incidents_earn_precision_and_cost_no_recall() {
    let g = gold(&[ATTACK_GOLD, DRONE_GOLD]);
    // Only the optional drone strike is predicted.
    let row = incident(
        "p1",
        "d1",
        EventType::DroneStrike,
        None,
        "a drone struck a compound in North Waziristan",
    );
    let report = evaluate(&g, &one_incident_tables(row), &texts());
    assert_eq!(report.incidents.predicted_matched, 1);
    assert_eq!(report.incidents.precision, Some(1.0));
    assert_eq!(report.incidents.found, 0);
    assert_eq!(report.incidents.recall, Some(0.0));
    assert_eq!(report.incidents.f1, Some(0.0));
    // Nothing predicted at all: precision is undefined, not zero.
    let none = evaluate(&gold(&[DRONE_GOLD]), &Tables::default(), &texts());
    assert_eq!(none.incidents.precision, None);
    assert_eq!(none.incidents.recall, None);
}

#[test]
fn casualty_claims_must_agree_on_every_field() {
    let g = gold(&[ATTACK_GOLD, DRONE_GOLD]);
    let sentence =
        "Gunmen attacked a police post in Bannu on Monday, killing two policemen, officials said.";
    let base = one_incident_tables(incident(
        "p1",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        sentence,
    ));
    let right = claim(
        "p1",
        Some("PAK_POLICE"),
        Victim::Police,
        Some(2),
        Qualifier::Exact,
        sentence,
    );
    let variants = [
        (right.clone(), 1),
        (
            CasualtyRow {
                claimant: None,
                ..right.clone()
            },
            0,
        ),
        (
            CasualtyRow {
                victim: Victim::People,
                ..right.clone()
            },
            0,
        ),
        (
            CasualtyRow {
                outcome: Outcome::Wounded,
                ..right.clone()
            },
            0,
        ),
        (
            CasualtyRow {
                count: Some(3),
                ..right.clone()
            },
            0,
        ),
        (
            CasualtyRow {
                qualifier: Qualifier::AtLeast,
                ..right.clone()
            },
            0,
        ),
        // A claim filed under another incident does not count.
        (
            CasualtyRow {
                incident_id: "p9".to_string(),
                ..right.clone()
            },
            0,
        ),
    ];
    for (row, expected) in variants {
        let mut tables = base.clone();
        tables.casualties.push(row.clone());
        let report = evaluate(&g, &tables, &texts());
        // The optional drone strike's claim is not counted.
        assert_eq!(report.casualties.gold, 1);
        assert_eq!(report.casualties.right, expected, "{row:?}");
        assert_eq!(report.details[0].wrong_claims.len(), 1 - expected);
    }
}

#[test]
fn one_predicted_claim_satisfies_one_gold_claim() {
    let doubled = ATTACK_GOLD.replace(
        "\"account\": 1}]",
        "\"account\": 1}, {\"claimant\": \"PAK_POLICE\", \"victim\": \"police\", \"outcome\": \"killed\", \"value\": {\"n\": 2, \"q\": \"exact\"}, \"account\": 2}]",
    );
    let g = gold(&[&doubled]);
    let sentence = "Gunmen attacked a police post in Bannu on Monday";
    let mut tables = one_incident_tables(incident(
        "p1",
        "d1",
        EventType::Attack,
        Some("Khyber Pakhtunkhwa"),
        sentence,
    ));
    tables.casualties.push(claim(
        "p1",
        Some("PAK_POLICE"),
        Victim::Police,
        Some(2),
        Qualifier::Exact,
        sentence,
    ));
    let report = evaluate(&g, &tables, &texts());
    assert_eq!((report.casualties.right, report.casualties.gold), (1, 2));
    assert_eq!(report.casualties.share, Some(0.5));
}

#[test]
fn statistics_match_on_measure_unit_and_value() {
    let g = gold(&[
        r#"{"doc": "d1", "id": "s1", "kind": "statistic", "measure": "deaths", "unit": "percent_change", "value": {"n": 65, "q": "exact"}, "evidence": "a 65% rise", "optional": false}"#,
        r#"{"doc": "d1", "id": "s2", "kind": "statistic", "measure": "militant_strength", "unit": "count", "value": {"n": null, "q": "range", "low": 5000, "high": 6000}, "evidence": "5,000 to 6,000", "optional": false}"#,
        r#"{"doc": "d1", "id": "s3", "kind": "statistic", "measure": "attacks", "unit": "count", "value": {"n": 12, "q": "exact"}, "evidence": "12 attacks", "optional": true}"#,
    ]);
    let mut range = statistic("q2", Measure::MilitantStrength, Unit::Count, None);
    range.qualifier = Qualifier::Range;
    range.low = Some(5000.0);
    range.high = Some(6000.0);
    let tables = Tables {
        statistics: vec![
            statistic("q1", Measure::Deaths, Unit::PercentChange, Some(65.0)),
            range,
            // Right value, wrong unit.
            statistic("q3", Measure::Deaths, Unit::PercentShare, Some(65.0)),
            statistic("q4", Measure::Attacks, Unit::Count, Some(12.0)),
        ],
        ..Tables::default()
    };
    let report = evaluate(&g, &tables, &texts());
    let s = &report.statistics;
    assert_eq!((s.gold, s.gold_optional, s.predicted), (2, 1, 4));
    assert_eq!((s.found, s.predicted_matched), (2, 3));
    assert_eq!(s.recall, Some(1.0));
    assert_eq!(s.precision, Some(0.75));
    assert_eq!(report.details[0].spurious_statistics[0].id, "q3");
}

#[test]
fn negatives_are_violated_by_overlapping_incidents_or_claims() {
    let g = gold(&[NEGATIVE_GOLD]);
    let meeting = "The chief minister chaired a meeting on security in Peshawar.";
    let clean = one_incident_tables(incident(
        "p1",
        "d1",
        EventType::Attack,
        None,
        "Gunmen attacked a police post",
    ));
    let report = evaluate(&g, &clean, &texts());
    assert_eq!((report.negatives.violated, report.negatives.total), (0, 1));

    let bad_incident = one_incident_tables(incident("p1", "d1", EventType::Other, None, meeting));
    let report = evaluate(&g, &bad_incident, &texts());
    assert_eq!(report.negatives.violated, 1);
    assert_eq!(report.negatives.violated_ids, vec!["x1"]);
    assert_eq!(report.details[0].violations[0].table, "incidents");

    let mut bad_claim = clean.clone();
    bad_claim.casualties.push(claim(
        "p1",
        None,
        Victim::People,
        Some(1),
        Qualifier::Exact,
        meeting,
    ));
    let report = evaluate(&g, &bad_claim, &texts());
    assert_eq!(report.negatives.violated, 1);
    assert_eq!(report.details[0].violations[0].table, "casualties");
}

#[test]
fn reference_dates_are_right_at_the_gold_precision() {
    let lines = |published: &str, precision: &str| {
        format!(
            r#"{{"doc": "d1", "kind": "document", "published": {published}, "published_precision": "{precision}"}}"#
        )
    };
    let cases = [
        (
            lines("null", "unknown"),
            None,
            PublishedPrecision::Unknown,
            true,
        ),
        (
            lines("null", "unknown"),
            date(2024, 6, 27),
            PublishedPrecision::Day,
            false,
        ),
        (
            lines("\"2024-06-27\"", "day"),
            date(2024, 6, 27),
            PublishedPrecision::Day,
            true,
        ),
        (
            lines("\"2024-06-27\"", "day"),
            date(2024, 6, 1),
            PublishedPrecision::Month,
            false,
        ),
        (
            lines("\"2024-06-27\"", "day"),
            None,
            PublishedPrecision::Unknown,
            false,
        ),
        (
            lines("\"2022\"", "year"),
            date(2022, 1, 1),
            PublishedPrecision::Year,
            true,
        ),
        (
            lines("\"2022\"", "year"),
            date(2022, 10, 3),
            PublishedPrecision::Day,
            true,
        ),
        (
            lines("\"2022\"", "year"),
            date(2023, 1, 1),
            PublishedPrecision::Year,
            false,
        ),
    ];
    for (line, published, precision, right) in cases {
        let g = gold(&[&line]);
        let tables = Tables {
            documents: vec![document("d1", published, precision)],
            ..Tables::default()
        };
        let report = evaluate(&g, &tables, &texts());
        assert_eq!(report.reference_dates.total, 1);
        assert_eq!(
            report.reference_dates.right,
            usize::from(right),
            "{line} vs {published:?}"
        );
    }
    // A document missing from the predictions is wrong, not skipped.
    let g = gold(&[&lines("null", "unknown")]);
    let report = evaluate(&g, &Tables::default(), &texts());
    assert_eq!(
        (report.reference_dates.right, report.reference_dates.total),
        (1, 1)
    );
    let g = gold(&[&lines("\"2022\"", "year")]);
    let report = evaluate(&g, &Tables::default(), &texts());
    assert_eq!(
        (report.reference_dates.right, report.reference_dates.total),
        (0, 1)
    );
}

#[test]
fn documents_outside_the_gold_are_ignored_and_missing_evidence_is_reported() {
    let g = gold(&[ATTACK_GOLD
        .replace("Gunmen attacked", "Bandits raided")
        .as_str()]);
    let mut tables = one_incident_tables(incident("p1", "d1", EventType::Attack, None, "x"));
    tables
        .incidents
        .push(incident("p2", "other", EventType::Attack, None, "x"));
    let report = evaluate(&g, &tables, &texts());
    assert_eq!(report.incidents.predicted, 1);
    assert_eq!(report.ignored_documents, vec!["other"]);
    assert_eq!(report.details[0].unlocated_evidence, vec!["i1"]);
    let report = evaluate(&g, &tables, &HashMap::new());
    assert!(report.details[0].missing_text);
}

#[test]
fn report_prints_a_table_and_serializes() {
    let g = gold(&[ATTACK_GOLD, NEGATIVE_GOLD]);
    let report = evaluate(&g, &Tables::default(), &texts());
    let table = report.to_string();
    for row in [
        "incidents",
        "statistics",
        "casualty claims",
        "reference dates",
        "negatives",
    ] {
        assert!(table.contains(row), "{table}");
    }
    assert!(!table.contains("missed"));
    let detailed = format!("{report:#}");
    assert!(detailed.contains("missed   i1"), "{detailed}");
    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(json["incidents"]["gold"], 1);
    assert_eq!(json["incidents"]["precision"], serde_json::Value::Null);
}

const LABELLED: &str = r#"{"doc_id": "r1", "published": "2010-05-02", "text": "A drone killed three.", "labels": {"admin2": "North Waziristan", "date": "2010-05-02", "killed_min": 3, "killed_max": 5, "wounded_min": null, "wounded_max": null}}
{"doc_id": "r2", "published": null, "year": 2019, "text": "A bomb killed ten.", "labels": {"perpetrator_name": "someone", "killed": 10, "wounded": 4}}

{"doc_id": "r3", "published": "2011-01-01", "text": "Nothing happened.", "labels": {"killed_min": 0, "killed_max": 0}}"#;

#[test]
fn labelled_rows_are_scored_per_question() {
    let rows = parse_labelled(LABELLED).expect("parses");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].published_date(), date(2010, 5, 2));
    assert_eq!(rows[1].to_article().published, None);

    let mut a = incident("a", "r1", EventType::DroneStrike, None, "");
    a.killed = Some(2);
    a.admin2 = Some("north waziristan".to_string());
    a.date = date(2010, 5, 2);
    let mut b = incident("b", "r1", EventType::DroneStrike, None, "");
    b.killed = Some(2);
    let mut c = incident("c", "r2", EventType::Bombing, None, "");
    c.killed = Some(10);
    c.wounded = Some(5);
    let tables = Tables {
        incidents: vec![a, b, c],
        ..Tables::default()
    };
    let report = evaluate_labelled(&rows, &tables);
    assert_eq!(report.rows, 3);
    assert_eq!(report.with_incident, 2);
    // r1: 2 + 2 = 4 inside 3..=5; r2: exactly 10; r3: no incident, 0 inside 0..=0.
    assert_eq!((report.killed.right, report.killed.labelled), (3, 3));
    assert_eq!((report.wounded.right, report.wounded.labelled), (0, 1));
    assert_eq!((report.district.right, report.district.labelled), (1, 1));
    assert_eq!((report.date.right, report.date.labelled), (1, 1));
    let misses: Vec<&str> = report.misses.iter().map(|m| m.doc_id.as_str()).collect();
    assert_eq!(misses, vec!["r2", "r3"]);
    assert!(report.to_string().contains("killed right"));
    assert!(format!("{report:#}").contains("wounded 5, want 4"));
}

#[test]
fn malformed_labelled_line_names_its_line() {
    let err = parse_labelled("{\"doc_id\": \"a\", \"text\": \"t\"}\n{\"doc_id\": \"b\"}")
        .expect_err("no text");
    assert_eq!(err.kind(), ErrorKind::Gold);
    assert!(err.message().contains("line 2"), "{}", err.message());
}
