//! Prints what the extractor reads from text files (or stdin) as JSON lines, for a quick look.
//!
//! ```text
//! cargo run -p incidents --example dump -- ../shared/seeds/*.txt
//! echo "Two soldiers were martyred ... the ISPR said." | cargo run -p incidents --example dump
//! ```

use std::io::Read;

use incidents::{Article, Extractor};

fn main() -> std::io::Result<()> {
    let extractor = Extractor::new();
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let mut articles = Vec::new();
    if paths.is_empty() {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        articles.push(Article::new("stdin", text));
    }
    for path in paths {
        let bytes = std::fs::read(&path)?;
        let stem = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or(path.clone());
        articles.push(Article::from_bytes(stem, &bytes));
    }
    for article in &articles {
        let out = extractor.extract(article);
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    }
    Ok(())
}
