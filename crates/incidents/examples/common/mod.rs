//! What the `*_work` examples share: their command line and the texts they read.
//!
//! Each runs one stage (or the whole extraction) over every `*.txt` file of the
//! folders given, `--passes N` times, so that the instruction count of N passes
//! less that of one pass is the work alone (docs/benchmarks.md).

use std::path::PathBuf;

/// The command line of a `*_work` example: `[--passes N] [--limit N] FOLDER...`.
pub struct WorkArgs {
    /// How many times the work is done (1 by default).
    pub passes: usize,
    /// The `*.txt` files of the folders, sorted by path, at most `--limit` of them.
    pub paths: Vec<PathBuf>,
}

impl WorkArgs {
    /// Reads the command line; a folder that cannot be read ends the program with
    /// a message naming it (exit code 2).
    pub fn from_env(program: &str) -> WorkArgs {
        let mut args: Vec<String> = std::env::args().skip(1).collect();
        let passes = take_number(&mut args, "--passes").unwrap_or(1);
        let limit = take_number(&mut args, "--limit").unwrap_or(usize::MAX);
        let mut paths: Vec<PathBuf> = Vec::new();
        for folder in &args {
            let Ok(entries) = std::fs::read_dir(folder) else {
                eprintln!("{program}: cannot read folder {folder}");
                std::process::exit(2);
            };
            paths.extend(
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt")),
            );
        }
        paths.sort();
        paths.truncate(limit);
        WorkArgs { passes, paths }
    }

    /// Each file as an article, its stem the id (files that are not UTF-8 are
    /// left out).
    #[allow(dead_code)] // numbers_work and dates_work read sentences
    pub fn articles(&self) -> Vec<incidents::Article> {
        self.paths
            .iter()
            .filter_map(|p| {
                let text = std::fs::read_to_string(p).ok()?;
                let id = p.file_stem()?.to_string_lossy().into_owned();
                Some(incidents::Article::new(id, text))
            })
            .collect()
    }

    /// Each file's text, with the byte ranges of its sentences as the extractor
    /// splits them (files that are not UTF-8 are left out).
    #[allow(dead_code)] // extract_work and merge_work read whole texts
    pub fn texts_and_sentences(&self) -> Vec<(String, Vec<std::ops::Range<usize>>)> {
        use incidents::clean::clean;
        use incidents::segment::split_sentences;
        self.paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(|text| {
                let cleaned = clean(&text);
                let spans = split_sentences(&text, &cleaned.lines)
                    .into_iter()
                    .map(|s| s.span)
                    .collect();
                (text, spans)
            })
            .collect()
    }
}

/// Removes `flag` and the number after it from `args`, returning the number.
fn take_number(args: &mut Vec<String>, flag: &str) -> Option<usize> {
    let at = args.iter().position(|a| a == flag)?;
    let value = args.get(at + 1).and_then(|n| n.parse().ok());
    args.drain(at..(at + 2).min(args.len()));
    value
}
