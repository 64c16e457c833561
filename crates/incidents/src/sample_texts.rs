//! The repository's own texts, for the unit tests of several stages: each checks
//! a fast reading against its general form on real copy, and all read the same
//! folders the same way.

use std::path::{Path, PathBuf};

/// Every `*.txt` of `folder` (a path from the repository root), sorted by name,
/// with its path. A folder with none is a failure here, not a test of each text
/// that then passes over nothing.
pub(crate) fn texts_in(folder: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("reading {}: {err}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no *.txt in {}", dir.display());
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
            (path, text)
        })
        .collect()
}

/// The texts of `examples/articles`, sorted by file name.
pub(crate) fn sample_articles() -> Vec<String> {
    texts_in("examples/articles")
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}
