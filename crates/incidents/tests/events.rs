//! Merging reports into events: given these incidents from different articles,
//! these events. Each test states one rule of `incidents::events`.

use chrono::NaiveDate;
use incidents::eval::{evaluate_merge, parse_event_labels};
use incidents::{Article, DatePrecision, EventType, Extractor, GeoPrecision, IncidentRow};

mod common;
use common::{read_dir_articles, workspace};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

/// An incident as a report gives it; the fields the merger reads, the rest empty.
fn report(id: &str, doc: &str, event_type: EventType, date: NaiveDate) -> IncidentRow {
    IncidentRow {
        incident_id: id.into(),
        doc_id: doc.into(),
        event_type,
        date: Some(date),
        date_precision: DatePrecision::Day,
        date_text: None,
        country: Some("Pakistan".into()),
        admin1: Some("Khyber Pakhtunkhwa".into()),
        admin2: Some("North Waziristan".into()),
        place: None,
        lat: None,
        lon: None,
        geo_precision: GeoPrecision::District,
        perpetrator: None,
        perpetrator_text: None,
        target: None,
        target_text: None,
        killed: None,
        killed_max: None,
        wounded: None,
        n_claims: 0,
        confidence: 0.5,
        evidence: String::new(),
        span_start: 0,
        span_end: 0,
    }
}

fn at(mut row: IncidentRow, admin2: Option<&str>, place: Option<&str>) -> IncidentRow {
    row.admin2 = admin2.map(Into::into);
    row.place = place.map(Into::into);
    row.geo_precision = if place.is_some() {
        GeoPrecision::Place
    } else if admin2.is_some() {
        GeoPrecision::District
    } else {
        GeoPrecision::Province
    };
    row
}

fn by(mut row: IncidentRow, perpetrator: &str) -> IncidentRow {
    row.perpetrator = Some(perpetrator.into());
    row
}

fn killing(mut row: IncidentRow, killed: u32) -> IncidentRow {
    row.killed = Some(killed);
    row.killed_max = Some(killed);
    row
}

/// The groups of incident ids, each sorted, in a stable order.
fn groups(rows: &[IncidentRow]) -> Vec<Vec<String>> {
    let extractor = Extractor::new();
    let mut out: Vec<Vec<String>> = extractor
        .merge_events(rows)
        .into_iter()
        .map(|e| e.incident_ids)
        .collect();
    out.sort();
    out
}

fn ids(groups: &[&[&str]]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = groups
        .iter()
        .map(|g| g.iter().map(|s| s.to_string()).collect())
        .collect();
    out.sort();
    out
}

#[test]
fn one_attack_told_by_three_outlets_is_one_event_with_every_figure_kept() {
    let wire = killing(
        at(
            report("w", "wire", EventType::SuicideBombing, day(2024, 3, 16)),
            Some("North Waziristan"),
            Some("Mir Ali"),
        ),
        5,
    );
    let ispr = killing(
        by(
            report("m", "ispr", EventType::Attack, day(2024, 3, 16)),
            "HAFIZ_GUL_BAHADUR",
        ),
        7,
    );
    // A roundup the next day says "on Saturday night", read as the 17th.
    let roundup = killing(
        report("r", "roundup", EventType::Attack, day(2024, 3, 17)),
        13,
    );
    let events = Extractor::new().merge_events(&[wire, ispr, roundup]);
    assert_eq!(events.len(), 1, "{events:#?}");
    let event = &events[0];
    assert_eq!(event.n_reports, 3);
    assert_eq!(event.doc_ids, ["ispr", "roundup", "wire"]);
    assert_eq!((event.killed, event.killed_max), (Some(5), Some(13)));
    assert_eq!(event.event_type, EventType::SuicideBombing);
    assert_eq!(event.date, Some(day(2024, 3, 16)));
    assert_eq!(event.place.as_deref(), Some("Mir Ali"));
    assert_eq!(event.geo_precision, GeoPrecision::Place);
    assert_eq!(event.perpetrator.as_deref(), Some("HAFIZ_GUL_BAHADUR"));
    let reason = event
        .merge_reason
        .as_deref()
        .expect("a merged event says why");
    assert!(reason.contains("3 reports"), "{reason}");
    assert!(reason.contains("North Waziristan"), "{reason}");
}

#[test]
fn the_same_district_two_days_apart_is_two_events() {
    let rows = [
        report("a", "d1", EventType::Bombing, day(2024, 5, 1)),
        report("b", "d2", EventType::Bombing, day(2024, 5, 3)),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
}

#[test]
fn the_same_day_in_a_neighbouring_district_is_two_events() {
    let rows = [
        report("a", "d1", EventType::Attack, day(2024, 5, 1)),
        at(
            report("b", "d2", EventType::Attack, day(2024, 5, 1)),
            Some("South Waziristan"),
            None,
        ),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
}

#[test]
fn an_abduction_and_a_bombing_in_one_place_that_week_are_two_events() {
    let rows = [
        report("a", "d1", EventType::Abduction, day(2024, 5, 1)),
        report("b", "d2", EventType::Bombing, day(2024, 5, 1)),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
}

#[test]
fn an_airstrike_reported_as_a_drone_strike_is_one_event() {
    let rows = [
        report("a", "d1", EventType::Airstrike, day(2024, 12, 24)),
        report("b", "d2", EventType::DroneStrike, day(2024, 12, 25)),
    ];
    assert_eq!(groups(&rows), ids(&[&["a", "b"]]));
}

#[test]
fn two_incidents_of_one_article_are_never_merged_here() {
    let rows = [
        report("a", "same", EventType::Attack, day(2024, 5, 1)),
        report("b", "same", EventType::Attack, day(2024, 5, 1)),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
}

#[test]
fn a_faction_and_its_parent_group_agree_but_two_groups_do_not() {
    let rows = [
        by(
            report("a", "d1", EventType::Attack, day(2024, 5, 1)),
            "JAMAAT_UL_AHRAR",
        ),
        by(report("b", "d2", EventType::Attack, day(2024, 5, 1)), "TTP"),
    ];
    assert_eq!(groups(&rows), ids(&[&["a", "b"]]));
    let rows = [
        by(report("a", "d1", EventType::Attack, day(2024, 5, 1)), "TTP"),
        by(report("b", "d2", EventType::Attack, day(2024, 5, 1)), "BLA"),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
}

#[test]
fn unnamed_militants_agree_with_any_group() {
    let rows = [
        by(
            report("a", "d1", EventType::Attack, day(2024, 5, 1)),
            "MILITANTS",
        ),
        by(
            report("b", "d2", EventType::Attack, day(2024, 5, 1)),
            "ISKP",
        ),
    ];
    let events = Extractor::new().merge_events(&rows);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].perpetrator.as_deref(), Some("ISKP"));
}

#[test]
fn the_army_and_the_group_it_fought_are_the_two_sides_of_one_clash() {
    let rows = [
        by(
            report("a", "d1", EventType::ArmedClash, day(2024, 5, 1)),
            "PAK_MILITARY",
        ),
        by(report("b", "d2", EventType::Attack, day(2024, 5, 1)), "TTP"),
    ];
    assert_eq!(groups(&rows), ids(&[&["a", "b"]]));
    // Not for a bombing: the army does not bomb a market.
    let rows = [
        by(
            report("a", "d1", EventType::Bombing, day(2024, 5, 1)),
            "PAK_MILITARY",
        ),
        by(
            report("b", "d2", EventType::Bombing, day(2024, 5, 1)),
            "TTP",
        ),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
}

#[test]
fn the_province_alone_merges_only_when_neither_report_knows_the_district() {
    let rows = [
        at(
            report("a", "d1", EventType::Attack, day(2024, 5, 1)),
            None,
            None,
        ),
        at(
            report("b", "d2", EventType::Attack, day(2024, 5, 1)),
            None,
            None,
        ),
    ];
    assert_eq!(groups(&rows), ids(&[&["a", "b"]]));
    let rows = [
        at(
            report("a", "d1", EventType::Attack, day(2024, 5, 1)),
            None,
            None,
        ),
        report("b", "d2", EventType::Attack, day(2024, 5, 1)),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
}

#[test]
fn two_places_in_one_district_merge_only_on_the_same_day() {
    let rows = [
        at(
            report("a", "d1", EventType::Attack, day(2024, 5, 1)),
            Some("North Waziristan"),
            Some("Mir Ali"),
        ),
        at(
            report("b", "d2", EventType::Attack, day(2024, 5, 2)),
            Some("North Waziristan"),
            Some("Datta Khel"),
        ),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b"]]));
    let rows = [
        at(
            report("a", "d1", EventType::Attack, day(2024, 5, 1)),
            Some("North Waziristan"),
            Some("Mir Ali"),
        ),
        at(
            report("b", "d2", EventType::Attack, day(2024, 5, 1)),
            Some("North Waziristan"),
            Some("Datta Khel"),
        ),
    ];
    assert_eq!(groups(&rows), ids(&[&["a", "b"]]));
}

#[test]
fn a_month_merges_with_a_day_in_it_only_at_the_same_place() {
    let mut march = at(
        report("a", "d1", EventType::Attack, day(2024, 3, 1)),
        Some("North Waziristan"),
        Some("Mir Ali"),
    );
    march.date_precision = DatePrecision::Month;
    let sixteenth = at(
        report("b", "d2", EventType::Attack, day(2024, 3, 16)),
        Some("North Waziristan"),
        Some("Mir Ali"),
    );
    let events = Extractor::new().merge_events(&[march.clone(), sixteenth]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].date, Some(day(2024, 3, 16)));
    assert_eq!(events[0].date_precision, DatePrecision::Day);
    let district_only = report("c", "d3", EventType::Attack, day(2024, 3, 16));
    assert_eq!(groups(&[march, district_only]), ids(&[&["a"], &["c"]]));
}

#[test]
fn an_unknown_date_never_merges() {
    let mut a = report("a", "d1", EventType::Attack, day(2024, 3, 1));
    a.date = None;
    a.date_precision = DatePrecision::Unknown;
    let mut b = a.clone();
    b.incident_id = "b".into();
    b.doc_id = "d2".into();
    assert_eq!(groups(&[a, b]), ids(&[&["a"], &["b"]]));
}

#[test]
fn figures_break_ties_between_two_candidate_events() {
    // Two attacks in Bannu on one day, claimed by two groups; a third report that
    // names no group agrees with both and goes with the one whose toll it shares.
    let rows = [
        killing(
            by(
                at(
                    report("a", "d1", EventType::Attack, day(2024, 5, 1)),
                    Some("Bannu"),
                    None,
                ),
                "TTP",
            ),
            2,
        ),
        killing(
            by(
                at(
                    report("b", "d2", EventType::Attack, day(2024, 5, 1)),
                    Some("Bannu"),
                    None,
                ),
                "ISKP",
            ),
            12,
        ),
        killing(
            at(
                report("c", "d3", EventType::Attack, day(2024, 5, 1)),
                Some("Bannu"),
                None,
            ),
            11,
        ),
    ];
    assert_eq!(groups(&rows), ids(&[&["a"], &["b", "c"]]));
}

#[test]
fn event_ids_are_stable_and_depend_on_the_incidents_only() {
    let rows = [
        report("a", "d1", EventType::Attack, day(2024, 5, 1)),
        report("b", "d2", EventType::Attack, day(2024, 5, 1)),
    ];
    let extractor = Extractor::new();
    let once = extractor.merge_events(&rows);
    let reversed: Vec<IncidentRow> = rows.iter().rev().cloned().collect();
    assert_eq!(once, extractor.merge_events(&reversed));
    assert!(once[0].event_id.starts_with("ev-"));
}

#[test]
fn articles_in_two_batches_merge_as_if_read_at_once() {
    let extractor = Extractor::new();
    let articles = [
        Article::new(
            "police",
            "BANNU, May 6, 2024 - Two policemen were martyred when militants attacked a \
             check post in Bannu's Domel area on Monday, the district police officer said.",
        ),
        Article::new(
            "wire",
            "Peshawar, May 7, 2024 (Reuters) - Gunmen stormed a police post in the Domel area \
             of Bannu district late on Monday, killing three officers, officials said.",
        ),
    ];
    let at_once = extractor.extract_batch(&articles);
    let mut apart = extractor.extract_batch(&articles[..1]);
    apart.append(extractor.extract_batch(&articles[1..]));
    extractor.merge(&mut apart);
    assert_eq!(apart.events, at_once.events);
    assert_eq!(at_once.events.len(), 1, "{:#?}", at_once.incidents);
    assert_eq!(at_once.events[0].killed, Some(2));
    assert_eq!(at_once.events[0].killed_max, Some(3));
}

#[test]
fn the_seeds_five_different_attacks_give_as_many_events_as_incidents() {
    let seeds = workspace("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: ../shared/seeds is absent");
        return;
    }
    let tables = Extractor::new().extract_batch(&read_dir_articles(&seeds));
    assert!(!tables.incidents.is_empty());
    assert_eq!(tables.events.len(), tables.incidents.len());
}

/// The project's own merge set (examples/events): a floor under the scores, so
/// that a change that merges worse fails here. The note on issue 7 gives the figures.
#[test]
fn the_event_development_set_merges_precisely() {
    let labels = parse_event_labels(
        &std::fs::read_to_string(workspace("examples/events/events.jsonl")).expect("labels"),
    )
    .expect("labels parse");
    let tables =
        Extractor::new().extract_batch(&read_dir_articles(&workspace("examples/events/articles")));
    let report = evaluate_merge(&labels, &tables);
    assert!(report.precision >= 0.95, "{report:#}");
    assert!(report.recall >= 0.75, "{report:#}");
}
