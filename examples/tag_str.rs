//! Tags a sentence with the embedded gazetteers and prints the mentions.
//!
//! Run with `cargo run --example tag_str -- "Les forces du régime à Mayadine"`.

use gazetag::Tagger;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| {
        "Les forces russes ont frappé Boukamal, selon l’OSDH.".to_string()
    });
    let tagger = Tagger::new(gazetag::embedded::gazetteer())
        .expect("the embedded set builds");
    for m in tagger.tag(&text) {
        let e = tagger.gazetteer().entry(m.entry);
        println!(
            "{}..{}\t{}\t{}\t{}\t{}",
            m.span.start,
            m.span.end,
            &text[m.span.start..m.span.end],
            e.kind,
            e.name,
            e.id
        );
    }
}
