//! Reading the repository's own texts, shared by the integration tests.

use std::path::{Path, PathBuf};

use incidents::Article;

/// A path of the workspace (the repository root), from its relative form.
pub fn workspace(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// Every `*.txt` of a folder as an article, sorted by name, the file stem its id.
pub fn read_dir_articles(dir: &Path) -> Vec<Article> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("articles folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Article::from_bytes(stem, &std::fs::read(p).expect("readable"))
        })
        .collect()
}
