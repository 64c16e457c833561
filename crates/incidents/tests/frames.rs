//! The columnar form of the tables: the Arrow schemas are those of SCHEMA.md,
//! zero-row tables keep them, and values survive the trip from rows to columns.
//! With `--features polars`, the same for the polars `DataFrame`s.

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Float64Type, UInt32Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use chrono::NaiveDate;
use incidents::frames::{schema, Kind, Table};
use incidents::model::enum_columns;
use incidents::{
    Article, CasualtyRow, DatePrecision, DocumentRow, EventRow, EventType, Extractor, GeoPrecision,
    IncidentRow, Measure, Outcome, PublishedFrom, PublishedPrecision, Qualifier, StatisticRow,
    Status, Tables, Unit, Victim,
};

mod common;
use common::{read_dir_articles, workspace};

/// SCHEMA.md, written out by hand: (column, type, may be null).
fn contract(table: Table) -> Vec<(&'static str, &'static str, bool)> {
    match table {
        Table::Documents => vec![
            ("doc_id", "str", false),
            ("title", "str", true),
            ("published", "date", true),
            ("published_precision", "enum", false),
            ("published_from", "enum", false),
            ("chars", "u32", false),
            ("n_incidents", "u32", false),
            ("n_statistics", "u32", false),
            ("status", "enum", false),
            ("warnings", "list", false),
        ],
        Table::Incidents => vec![
            ("incident_id", "str", false),
            ("doc_id", "str", false),
            ("event_type", "enum", false),
            ("date", "date", true),
            ("date_precision", "enum", false),
            ("date_text", "str", true),
            ("country", "str", true),
            ("admin1", "str", true),
            ("admin2", "str", true),
            ("place", "str", true),
            ("lat", "f64", true),
            ("lon", "f64", true),
            ("geo_precision", "enum", false),
            ("perpetrator", "str", true),
            ("perpetrator_text", "str", true),
            ("target", "str", true),
            ("target_text", "str", true),
            ("killed", "u32", true),
            ("killed_max", "u32", true),
            ("wounded", "u32", true),
            ("n_claims", "u32", false),
            ("confidence", "f32", false),
            ("evidence", "str", false),
            ("span_start", "u32", false),
            ("span_end", "u32", false),
        ],
        Table::Casualties => vec![
            ("incident_id", "str", false),
            ("doc_id", "str", false),
            ("claimant", "str", true),
            ("claimant_text", "str", true),
            ("account", "u32", false),
            ("victim", "enum", false),
            ("outcome", "enum", false),
            ("count", "u32", true),
            ("qualifier", "enum", false),
            ("low", "u32", true),
            ("high", "u32", true),
            ("evidence", "str", false),
        ],
        Table::Statistics => vec![
            ("stat_id", "str", false),
            ("doc_id", "str", false),
            ("measure", "enum", false),
            ("unit", "enum", false),
            ("value", "f64", true),
            ("qualifier", "enum", false),
            ("low", "f64", true),
            ("high", "f64", true),
            ("period_start", "date", true),
            ("period_end", "date", true),
            ("period_text", "str", true),
            ("region", "list", false),
            ("source", "str", true),
            ("source_text", "str", true),
            ("evidence", "str", false),
        ],
        Table::Events => vec![
            ("event_id", "str", false),
            ("incident_ids", "list", false),
            ("doc_ids", "list", false),
            ("n_reports", "u32", false),
            ("event_type", "enum", false),
            ("date", "date", true),
            ("date_precision", "enum", false),
            ("country", "str", true),
            ("admin1", "str", true),
            ("admin2", "str", true),
            ("place", "str", true),
            ("lat", "f64", true),
            ("lon", "f64", true),
            ("geo_precision", "enum", false),
            ("perpetrator", "str", true),
            ("target", "str", true),
            ("killed", "u32", true),
            ("killed_max", "u32", true),
            ("wounded", "u32", true),
            ("merge_reason", "str", true),
        ],
    }
}

fn arrow_type(short: &str) -> DataType {
    match short {
        "str" | "enum" => DataType::Utf8View,
        "date" => DataType::Date32,
        "u32" => DataType::UInt32,
        "f32" => DataType::Float32,
        "f64" => DataType::Float64,
        "list" => Kind::StringList.arrow_type(),
        other => panic!("unknown type {other}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// Two rows of every table, one with every optional field set and one with none.
fn sample() -> Tables {
    let full_doc = DocumentRow {
        doc_id: "d1".into(),
        title: Some("Soldiers martyred in North Waziristan".into()),
        published: Some(date(2024, 3, 6)),
        published_precision: PublishedPrecision::Day,
        published_from: PublishedFrom::Given,
        chars: 140,
        n_incidents: 1,
        n_statistics: 1,
        status: Status::Ok,
        warnings: vec![
            "invalid UTF-8 replaced with U+FFFD".into(),
            "a warning long enough to be stored outside the view itself".into(),
        ],
    };
    let bare_doc = DocumentRow {
        doc_id: "d2".into(),
        title: None,
        published: None,
        published_precision: PublishedPrecision::Unknown,
        published_from: PublishedFrom::None,
        chars: 0,
        n_incidents: 0,
        n_statistics: 0,
        status: Status::Empty,
        warnings: Vec::new(),
    };
    let full_incident = IncidentRow {
        incident_id: "inc-0001".into(),
        doc_id: "d1".into(),
        event_type: EventType::ArmedClash,
        date: Some(date(2024, 3, 4)),
        date_precision: DatePrecision::Day,
        date_text: Some("on Monday".into()),
        country: Some("Pakistan".into()),
        admin1: Some("Khyber Pakhtunkhwa".into()),
        admin2: Some("North Waziristan".into()),
        place: Some("Mir Ali".into()),
        lat: Some(32.97),
        lon: Some(70.27),
        geo_precision: GeoPrecision::Place,
        perpetrator: Some("MILITANTS".into()),
        perpetrator_text: Some("terrorists".into()),
        target: Some("SECURITY_FORCES".into()),
        target_text: Some("soldiers".into()),
        killed: Some(5),
        killed_max: Some(5),
        wounded: Some(0),
        n_claims: 2,
        confidence: 0.9,
        evidence: "An exchange of fire in Mir Ali left two soldiers and three militants dead."
            .into(),
        span_start: 10,
        span_end: 84,
    };
    let bare_incident = IncidentRow {
        incident_id: "inc-0002".into(),
        doc_id: "d1".into(),
        event_type: EventType::Other,
        date: None,
        date_precision: DatePrecision::Unknown,
        date_text: None,
        country: None,
        admin1: None,
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
        confidence: 0.25,
        evidence: "Shots were heard.".into(),
        span_start: 0,
        span_end: 17,
    };
    let full_claim = CasualtyRow {
        incident_id: "inc-0001".into(),
        doc_id: "d1".into(),
        claimant: Some("PAK_MILITARY".into()),
        claimant_text: Some("the ISPR".into()),
        account: 1,
        victim: Victim::SecurityForces,
        outcome: Outcome::Killed,
        count: Some(2),
        qualifier: Qualifier::Exact,
        low: Some(2),
        high: Some(2),
        evidence: "Two soldiers were martyred, the ISPR said.".into(),
    };
    let bare_claim = CasualtyRow {
        incident_id: "inc-0001".into(),
        doc_id: "d1".into(),
        claimant: None,
        claimant_text: None,
        account: 2,
        victim: Victim::People,
        outcome: Outcome::Wounded,
        count: None,
        qualifier: Qualifier::Vague,
        low: None,
        high: None,
        evidence: "Dozens were hurt.".into(),
    };
    let full_stat = StatisticRow {
        stat_id: "stat-0001".into(),
        doc_id: "d1".into(),
        measure: Measure::SecurityForcesKilled,
        unit: Unit::PercentChange,
        value: Some(65.5),
        qualifier: Qualifier::MoreThan,
        low: Some(65.5),
        high: None,
        period_start: Some(date(2023, 1, 1)),
        period_end: Some(date(2023, 12, 31)),
        period_text: Some("in 2023".into()),
        region: vec!["Khyber Pakhtunkhwa".into(), "Balochistan".into()],
        source: Some("PIPS".into()),
        source_text: Some("the Pak Institute for Peace Studies".into()),
        evidence: "Deaths of security personnel rose by over 65.5pc in 2023.".into(),
    };
    let bare_stat = StatisticRow {
        stat_id: "stat-0002".into(),
        doc_id: "d1".into(),
        measure: Measure::Other,
        unit: Unit::Count,
        value: None,
        qualifier: Qualifier::Vague,
        low: None,
        high: None,
        period_start: None,
        period_end: None,
        period_text: None,
        region: Vec::new(),
        source: None,
        source_text: None,
        evidence: "Attacks were many.".into(),
    };
    let full_event = EventRow {
        event_id: "ev-0001".into(),
        incident_ids: vec!["inc-0001".into(), "inc-0003".into()],
        doc_ids: vec!["d1".into(), "d3".into()],
        n_reports: 2,
        event_type: EventType::SuicideBombing,
        date: Some(date(2024, 3, 16)),
        date_precision: DatePrecision::Day,
        country: Some("Pakistan".into()),
        admin1: Some("Khyber Pakhtunkhwa".into()),
        admin2: Some("North Waziristan".into()),
        place: Some("Mir Ali".into()),
        lat: Some(32.99),
        lon: Some(70.27),
        geo_precision: GeoPrecision::Place,
        perpetrator: Some("HAFIZ_GUL_BAHADUR".into()),
        target: Some("SECURITY_FORCES".into()),
        killed: Some(7),
        killed_max: Some(13),
        wounded: Some(4),
        merge_reason: Some("2 incidents from 2 reports; district North Waziristan".into()),
    };
    let bare_event = EventRow {
        event_id: "ev-0002".into(),
        incident_ids: vec!["inc-0002".into()],
        doc_ids: vec!["d2".into()],
        n_reports: 1,
        event_type: EventType::Other,
        date: None,
        date_precision: DatePrecision::Unknown,
        country: None,
        admin1: None,
        admin2: None,
        place: None,
        lat: None,
        lon: None,
        geo_precision: GeoPrecision::Unknown,
        perpetrator: None,
        target: None,
        killed: None,
        killed_max: None,
        wounded: None,
        merge_reason: None,
    };
    Tables {
        documents: vec![full_doc, bare_doc],
        incidents: vec![full_incident, bare_incident],
        casualties: vec![full_claim, bare_claim],
        statistics: vec![full_stat, bare_stat],
        events: vec![full_event, bare_event],
    }
}

fn column<'a>(batch: &'a RecordBatch, name: &str) -> &'a dyn Array {
    batch
        .column_by_name(name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .as_ref()
}

fn strs(batch: &RecordBatch, name: &str) -> Vec<Option<String>> {
    column(batch, name)
        .as_string_view()
        .iter()
        .map(|v| v.map(str::to_string))
        .collect()
}

fn u32s(batch: &RecordBatch, name: &str) -> Vec<Option<u32>> {
    column(batch, name)
        .as_primitive::<UInt32Type>()
        .iter()
        .collect()
}

fn f64s(batch: &RecordBatch, name: &str) -> Vec<Option<f64>> {
    column(batch, name)
        .as_primitive::<Float64Type>()
        .iter()
        .collect()
}

fn dates(batch: &RecordBatch, name: &str) -> Vec<Option<i32>> {
    column(batch, name)
        .as_primitive::<Date32Type>()
        .iter()
        .collect()
}

fn lists(batch: &RecordBatch, name: &str) -> Vec<Vec<String>> {
    let list = column(batch, name).as_list::<i32>();
    (0..list.len())
        .map(|i| {
            let values = list.value(i);
            values
                .as_string_view()
                .iter()
                .map(|v| v.unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

fn days(d: NaiveDate) -> i32 {
    Date32Type::from_naive_date(d)
}

#[test]
fn schemas_are_those_of_the_contract() {
    for table in Table::ALL {
        let schema = schema(table);
        let want = contract(table);
        let got: Vec<_> = schema
            .fields()
            .iter()
            .map(|f| (f.name().as_str(), f.data_type().clone(), f.is_nullable()))
            .collect();
        let want: Vec<_> = want
            .iter()
            .map(|(name, ty, null)| (*name, arrow_type(ty), *null))
            .collect();
        assert_eq!(got, want, "schema of {table}");
    }
}

#[test]
fn table_names_parse_back() {
    let names: Vec<_> = Table::ALL.iter().map(|t| t.name()).collect();
    assert_eq!(
        names,
        [
            "documents",
            "incidents",
            "casualties",
            "statistics",
            "events"
        ]
    );
    for table in Table::ALL {
        assert_eq!(Table::parse(table.name()), Some(table));
    }
    assert_eq!(Table::parse("accounts"), None);
}

#[test]
fn enum_columns_are_exactly_the_contracts_enum_columns() {
    let mut from_model: Vec<(&str, &str)> =
        enum_columns().iter().map(|(t, c, _)| (*t, *c)).collect();
    let mut from_contract: Vec<(&str, &str)> = Table::ALL
        .iter()
        .flat_map(|t| {
            contract(*t)
                .into_iter()
                .filter(|(_, ty, _)| *ty == "enum")
                .map(move |(c, _, _)| (t.name(), c))
        })
        .collect();
    from_model.sort_unstable();
    from_contract.sort_unstable();
    assert_eq!(from_model, from_contract);
    let kinds: Vec<(&str, &str)> = Table::ALL
        .iter()
        .flat_map(|t| {
            t.columns()
                .iter()
                .filter(|c| c.kind == Kind::Enum)
                .map(move |c| (t.name(), c.name))
        })
        .collect();
    assert_eq!(kinds.len(), from_contract.len());
}

#[test]
fn zero_rows_keep_the_full_schema() {
    let batches = Tables::default()
        .to_record_batches()
        .expect("empty tables build");
    for table in Table::ALL {
        let batch = batches.get(table);
        assert_eq!(batch.num_rows(), 0, "{table}");
        assert_eq!(batch.schema(), schema(table), "{table}");
        assert_eq!(batch.num_columns(), contract(table).len(), "{table}");
    }
}

#[test]
fn values_survive_rows_to_columns() {
    let tables = sample();
    let b = tables.to_record_batches().expect("sample builds");

    let d = &b.documents;
    assert_eq!(d.num_rows(), 2);
    assert_eq!(strs(d, "doc_id"), [Some("d1".into()), Some("d2".into())]);
    assert_eq!(
        strs(d, "title"),
        [Some("Soldiers martyred in North Waziristan".into()), None]
    );
    assert_eq!(dates(d, "published"), [Some(days(date(2024, 3, 6))), None]);
    assert_eq!(
        strs(d, "published_precision"),
        [Some("day".into()), Some("unknown".into())]
    );
    assert_eq!(
        strs(d, "published_from"),
        [Some("given".into()), Some("none".into())]
    );
    assert_eq!(u32s(d, "chars"), [Some(140), Some(0)]);
    assert_eq!(strs(d, "status"), [Some("ok".into()), Some("empty".into())]);
    assert_eq!(
        lists(d, "warnings"),
        [tables.documents[0].warnings.clone(), Vec::<String>::new()]
    );

    let i = &b.incidents;
    assert_eq!(
        strs(i, "event_type"),
        [Some("armed_clash".into()), Some("other".into())]
    );
    assert_eq!(dates(i, "date"), [Some(days(date(2024, 3, 4))), None]);
    assert_eq!(strs(i, "admin2"), [Some("North Waziristan".into()), None]);
    assert_eq!(f64s(i, "lat"), [Some(32.97), None]);
    assert_eq!(u32s(i, "killed"), [Some(5), None]);
    assert_eq!(u32s(i, "wounded"), [Some(0), None]);
    assert_eq!(u32s(i, "span_end"), [Some(84), Some(17)]);
    let confidence: Vec<_> = column(i, "confidence")
        .as_primitive::<Float32Type>()
        .iter()
        .collect();
    assert_eq!(confidence, [Some(0.9), Some(0.25)]);

    let c = &b.casualties;
    assert_eq!(
        strs(c, "victim"),
        [Some("security_forces".into()), Some("people".into())]
    );
    assert_eq!(u32s(c, "count"), [Some(2), None]);
    assert_eq!(
        strs(c, "qualifier"),
        [Some("exact".into()), Some("vague".into())]
    );

    let s = &b.statistics;
    assert_eq!(
        strs(s, "measure"),
        [Some("security_forces_killed".into()), Some("other".into())]
    );
    assert_eq!(
        strs(s, "unit"),
        [Some("percent_change".into()), Some("count".into())]
    );
    assert_eq!(f64s(s, "value"), [Some(65.5), None]);
    assert_eq!(f64s(s, "high"), [None, None]);
    assert_eq!(
        dates(s, "period_end"),
        [Some(days(date(2023, 12, 31))), None]
    );
    assert_eq!(
        lists(s, "region"),
        [
            vec!["Khyber Pakhtunkhwa".to_string(), "Balochistan".to_string()],
            Vec::new()
        ]
    );
}

#[test]
fn many_rows_build_in_order() {
    let template = sample().documents[0].clone();
    let documents: Vec<DocumentRow> = (0..10_000)
        .map(|n| DocumentRow {
            doc_id: format!("document-number-{n:05}"),
            ..template.clone()
        })
        .collect();
    let tables = Tables {
        documents,
        ..Tables::default()
    };
    let b = tables.to_record_batches().expect("builds");
    let ids = strs(&b.documents, "doc_id");
    assert_eq!(ids.len(), 10_000);
    assert_eq!(ids[9_999].as_deref(), Some("document-number-09999"));
    assert_eq!(lists(&b.documents, "warnings")[5_000].len(), 2);
}

#[test]
fn extraction_gives_one_documents_row_per_input_in_order() {
    let extractor = Extractor::new();
    let articles = vec![
        Article::new("empty", ""),
        Article::new("space", " \n\t "),
        Article::from_bytes("junk", &[0xff, 0x00, 0xfe, 0x9f, 0x41]),
        Article::unreadable("gone", "permission denied"),
        Article::new("plain", "Police said a shop was closed in Peshawar."),
    ];
    let tables = extractor.extract_batch(&articles);
    let b = tables.to_record_batches().expect("builds");
    let ids: Vec<_> = strs(&b.documents, "doc_id").into_iter().flatten().collect();
    assert_eq!(ids, ["empty", "space", "junk", "gone", "plain"]);
    let status = strs(&b.documents, "status");
    assert_eq!(status[0].as_deref(), Some("empty"));
    assert_eq!(status[3].as_deref(), Some("error"));
    for table in Table::ALL {
        assert_eq!(b.get(table).schema(), schema(table));
    }
}

/// Merging while the other tables are built, on a pool's threads or on one,
/// gives the batches of merging first and building after.
#[test]
fn batches_built_beside_the_merge_are_those_built_after_it() {
    let extractor = Extractor::new();
    let tables =
        extractor.extract_batch_unmerged(&read_dir_articles(&workspace("examples/articles")));
    assert!(tables.incidents.len() > 20, "the samples hold incidents");
    let mut merged = tables.clone();
    extractor.merge(&mut merged);
    assert!(
        merged.events.len() < merged.incidents.len(),
        "some reports merge"
    );
    let expected = merged.to_record_batches().expect("builds");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of two threads");
    let in_pool = pool
        .install(|| {
            tables
                .clone()
                .into_record_batches_merged(|rows| extractor.merge_events(rows))
        })
        .expect("builds");
    let alone = tables
        .into_record_batches_merged(|rows| extractor.merge_events(rows))
        .expect("builds");
    for table in Table::ALL {
        assert_eq!(
            in_pool.get(table),
            expected.get(table),
            "{table:?} in a pool"
        );
        assert_eq!(
            alone.get(table),
            expected.get(table),
            "{table:?} on one thread"
        );
    }
}

/// Real text, not only the contract: the ordinary ISPR-style sentence of issue 2.
/// Needs the extraction pipeline (assemble, lexicon, places), not just the frames.
#[test]
fn pipeline_ispr_sentence_gives_one_armed_clash() {
    let article = Article::new(
        "ispr",
        "Two soldiers were martyred and three terrorists killed in an exchange of fire \
         in North Waziristan's Mir Ali area on Monday, the ISPR said.",
    )
    .with_published(Some(date(2024, 3, 6)));
    let tables = Extractor::new().extract_batch(&[article]);
    let b = tables.to_record_batches().expect("builds");
    let i = &b.incidents;
    assert_eq!(i.num_rows(), 1);
    assert_eq!(strs(i, "event_type")[0].as_deref(), Some("armed_clash"));
    assert_eq!(strs(i, "admin2")[0].as_deref(), Some("North Waziristan"));
    assert_eq!(u32s(i, "killed")[0], Some(5));
}

#[cfg(feature = "polars")]
mod polars_frames {
    use super::*;
    use incidents::frames::{polars_dtype, polars_schema};
    use polars::prelude::DataType as P;

    fn polars_type(short: &str) -> Option<P> {
        Some(match short {
            "str" => P::String,
            "date" => P::Date,
            "u32" => P::UInt32,
            "f32" => P::Float32,
            "f64" => P::Float64,
            "list" => P::List(Box::new(P::String)),
            _ => return None,
        })
    }

    #[test]
    fn dtypes_are_those_of_the_contract() {
        let frames = sample().to_polars().expect("polars frames build");
        let empty = Tables::default().to_polars().expect("empty frames build");
        for table in Table::ALL {
            let want = contract(table);
            for frame in [frames.get(table), empty.get(table)] {
                let names: Vec<&str> = frame
                    .get_column_names()
                    .iter()
                    .map(|n| n.as_str())
                    .collect();
                let want_names: Vec<&str> = want.iter().map(|(n, _, _)| *n).collect();
                assert_eq!(names, want_names, "{table}");
                for (name, short, _) in &want {
                    let dtype = frame.column(name).expect("column").dtype().clone();
                    match polars_type(short) {
                        Some(expected) => assert_eq!(dtype, expected, "{table}.{name}"),
                        None => assert!(dtype.is_enum(), "{table}.{name} is {dtype:?}"),
                    }
                    assert_eq!(dtype, polars_dtype(table, name).expect("known column"));
                }
                assert_eq!(
                    frame.schema().as_ref(),
                    &polars_schema(table).expect("schema")
                );
            }
            assert_eq!(empty.get(table).height(), 0);
            assert_eq!(frames.get(table).height(), 2);
        }
    }

    #[test]
    fn enum_vocabularies_are_the_models() {
        for (table, column, names) in enum_columns() {
            let table = Table::parse(table).expect("known table");
            let dtype = polars_dtype(table, column).expect("known column");
            let mapping = dtype.cat_mapping().expect("an enum");
            let got: Vec<String> = (0..names.len())
                .map(|i| {
                    let cat = u32::try_from(i).expect("small");
                    mapping.cat_to_str(cat).unwrap_or_default().to_string()
                })
                .collect();
            assert_eq!(got, names, "{table}.{column}");
        }
    }

    #[test]
    fn values_match_the_arrow_batches() {
        let tables = sample();
        let frames = tables.to_polars().expect("builds");
        let incidents = &frames.incidents;
        let killed: Vec<Option<u32>> = incidents
            .column("killed")
            .expect("killed")
            .u32()
            .expect("u32")
            .iter()
            .collect();
        assert_eq!(killed, [Some(5), None]);
        let event = incidents
            .column("event_type")
            .expect("event_type")
            .cast(&P::String)
            .expect("enum to string");
        let event: Vec<Option<&str>> = event.str().expect("str").iter().collect();
        assert_eq!(event, [Some("armed_clash"), Some("other")]);
        let region = frames
            .statistics
            .column("region")
            .expect("region")
            .list()
            .expect("list")
            .get_as_series(0)
            .expect("row 0");
        let region: Vec<Option<&str>> = region.str().expect("str").iter().collect();
        assert_eq!(region, [Some("Khyber Pakhtunkhwa"), Some("Balochistan")]);
        let published = frames
            .documents
            .column("published")
            .expect("published")
            .date()
            .expect("date")
            .physical()
            .get(0);
        assert_eq!(published, Some(days(date(2024, 3, 6))));
    }
}

#[test]
fn tables_built_inside_a_rayon_pool_equal_those_built_outside_it() {
    // Inside a pool the five tables are built side by side; the batches must be
    // the very ones the one-thread path builds.
    let tables = sample();
    let outside = tables.to_record_batches().expect("batches");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool of two threads");
    let inside = pool
        .install(|| tables.to_record_batches())
        .expect("batches");
    for ((table, a), (_, b)) in outside.into_tables().into_iter().zip(inside.into_tables()) {
        assert_eq!(a, b, "{} differs when built inside a pool", table.name());
    }
}
