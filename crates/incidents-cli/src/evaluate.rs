//! `incidents eval`: run the extractor on gold articles or labelled rows and print the scores.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

use incidents::eval::{
    evaluate, evaluate_labelled, evaluate_merge, parse_event_labels, parse_labelled, Gold,
    Throughput,
};
use incidents::Extractor;

use crate::error::CliError;
use crate::input::{read_text_file, text_files};
use crate::EvalArgs;

fn read_to_string(path: &Path, what: &str) -> Result<String, CliError> {
    fs::read_to_string(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => CliError::missing_path(path, what),
        _ => CliError::io(path, "reading", err),
    })
}

fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|err| CliError::Io(format!("cannot write the report as JSON: {err}")))?;
    println!("{text}");
    Ok(())
}

/// Runs `incidents eval`.
pub fn run(args: &EvalArgs) -> Result<(), CliError> {
    match (&args.gold, &args.events, &args.articles) {
        (Some(gold), _, Some(articles)) => run_gold(gold, articles, args),
        (_, Some(events), Some(articles)) => run_events(events, articles, args),
        (None, None, Some(_)) => Err(CliError::Usage(
            "--articles needs --gold FILE or --events FILE to score against".to_string(),
        )),
        _ => run_labelled(args),
    }
}

fn read_articles_dir(articles: &Path, what: &str) -> Result<Vec<incidents::Article>, CliError> {
    if !articles.is_dir() {
        return Err(if articles.exists() {
            CliError::Usage(format!(
                "--articles \"{}\" is not a folder; give the folder that holds the {what}'s *.txt articles",
                articles.display()
            ))
        } else {
            CliError::missing_path(articles, "articles folder")
        });
    }
    let files = text_files(articles)?;
    Ok(files
        .paths()
        .map(|path| read_text_file(&path).article)
        .collect())
}

fn run_events(labels_path: &Path, articles: &Path, args: &EvalArgs) -> Result<(), CliError> {
    let labels = parse_event_labels(&read_to_string(labels_path, "event labels file")?)
        .map_err(|err| CliError::Io(format!("{}: {err}", labels_path.display())))?;
    let articles = read_articles_dir(articles, "event labels")?;
    let predicted = Extractor::new().extract_batch(&articles);
    let report = evaluate_merge(&labels, &predicted);
    if args.json {
        return print_json(&report);
    }
    if args.details {
        print!("{report:#}");
    } else {
        print!("{report}");
    }
    Ok(())
}

fn run_gold(gold_path: &Path, articles: &Path, args: &EvalArgs) -> Result<(), CliError> {
    let gold = Gold::parse(&read_to_string(gold_path, "gold file")?)
        .map_err(|err| CliError::Io(format!("{}: {err}", gold_path.display())))?;
    let articles_read = read_articles_dir(articles, "gold")?;
    let texts: HashMap<String, String> = articles_read
        .iter()
        .map(|article| (article.doc_id.clone(), article.text.clone()))
        .collect();
    let predicted = Extractor::new().extract_batch(&articles_read);
    let report = evaluate(&gold, &predicted, &texts);
    if args.json {
        print_json(&report)
    } else {
        if args.details {
            print!("{report:#}");
        } else {
            print!("{report}");
        }
        Ok(())
    }
}

fn run_labelled(args: &EvalArgs) -> Result<(), CliError> {
    let extractor = Extractor::new();
    let mut reports = Vec::with_capacity(args.labelled.len());
    for path in &args.labelled {
        let rows = parse_labelled(&read_to_string(path, "labelled file")?)
            .map_err(|err| CliError::Io(format!("{}: {err}", path.display())))?;
        let articles: Vec<_> = rows.iter().map(|row| row.to_article()).collect();
        let bytes = articles.iter().map(|a| a.text.len()).sum();
        let started = Instant::now();
        let predicted = extractor.extract_batch(&articles);
        let seconds = started.elapsed().as_secs_f64();
        let mut report = evaluate_labelled(&rows, &predicted);
        report.throughput = Some(Throughput::new(articles.len(), bytes, seconds));
        reports.push((path.display().to_string(), report));
    }
    if args.json {
        let map: serde_json::Map<String, serde_json::Value> = reports
            .into_iter()
            .map(|(name, report)| {
                serde_json::to_value(report)
                    .map(|value| (name, value))
                    .map_err(|err| CliError::Io(format!("cannot write the report as JSON: {err}")))
            })
            .collect::<Result<_, _>>()?;
        return print_json(&map);
    }
    for (index, (name, report)) in reports.iter().enumerate() {
        if index > 0 {
            println!();
        }
        println!("== {name}");
        if args.details {
            print!("{report:#}");
        } else {
            print!("{report}");
        }
    }
    Ok(())
}
