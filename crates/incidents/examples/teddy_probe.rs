//! probe
use std::hint::black_box;
fn lower(b: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend(b.iter().map(|&c| if c.is_ascii_uppercase() { c | 0x20 } else { c }));
}
fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let passes: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let data = std::fs::read("/tmp/sent.bin").unwrap_or_default();
    let sents: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    let words = "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday between from months month quarters quarter half hours hour days day weeks week fortnight years year decades decade ago back since yesterday night overnight today morning afternoon evening tonight tomorrow earlier recently previously lately past";
    let pats: Vec<&str> = words.split(' ').collect();
    let searcher = aho_corasick::packed::Config::new().match_kind(aho_corasick::packed::MatchKind::LeftmostLongest).heuristic_pattern_limits(false).builder().extend(pats.iter()).build();
    let ac = aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(&pats).unwrap();
    let mut buf = Vec::new();
    let mut n = 0usize;
    println!("teddy {}", searcher.is_some());
    let searcher = searcher.unwrap();
    for _ in 0..passes {
        for s in &sents {
            match mode.as_str() {
                "lower" => { lower(s, &mut buf); n += buf.len(); }
                "teddy" => { lower(s, &mut buf); n += searcher.find_iter(&buf).count(); }
                "ac" => { lower(s, &mut buf); n += ac.find_iter(&buf).count(); }
                _ => {}
            }
        }
    }
    println!("{}", black_box(n));
}
