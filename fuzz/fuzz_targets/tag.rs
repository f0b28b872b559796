//! A small gazetteer, options and a text, all arbitrary: tagging never
//! panics, and every mention is inside the text, on character boundaries,
//! in order, without overlap, with a confidence in [0, 1] and offsets that
//! select the same surface by bytes and by code points.
#![no_main]

use arbitrary::Arbitrary;
use gazetag::CharIndex;
use gazetag::Loader;
use gazetag::{EntityType, Tagger};
use gazetag::{Scratch, Tagged};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Row {
    kind: u8,
    name: String,
    /// Each alias with its markers: bit 0 `?`, bit 1 `!`, bit 2 `~`.
    aliases: Vec<(u8, String)>,
    arabic: bool,
    needs_context: bool,
    priority: i8,
    country: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    rows: Vec<Row>,
    translit: bool,
    /// A bit per type to keep, or every type.
    types: Option<u8>,
    text: String,
    /// Splice alias `(row, alias)` into the text at byte `at`, spelled
    /// as `variant` says, so that matches (and transliteration matches)
    /// are frequent.
    embed: Option<(u8, u8, u16, u8)>,
}

/// A press spelling of `alias`: what the transliteration keys unify
/// (`q`/`k`, `ou`/`u`, doubled letters, a final `e`, an `al-` article),
/// and case changes.
fn variant(alias: &str, v: u8) -> String {
    match v % 8 {
        1 => alias.replace('q', "k").replace("kk", "k"),
        2 => format!("al-{alias}"),
        3 => format!("{alias}e"),
        4 => alias.replace('u', "ou"),
        5 => alias.to_uppercase(),
        6 => alias.to_lowercase(),
        7 => {
            let mut out = String::new();
            for c in alias.chars() {
                out.push(c);
                if "rstdlmnkb".contains(c) {
                    out.push(c);
                }
            }
            out
        }
        _ => alias.to_string(),
    }
}

const COUNTRIES: [&str; 4] = ["", "SY", "IQ", "FR"];

fn marked(markers: u8, alias: &str) -> String {
    let mut s = String::new();
    for (bit, m) in [(1, '?'), (2, '!'), (4, '~')] {
        if markers & bit != 0 {
            s.push(m);
        }
    }
    s.push_str(alias);
    s
}

fn csv_of(rows: &[Row]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id", "type", "name", "aliases", "country", "priority", "flags",
    ])
    .unwrap();
    for (i, r) in rows.iter().enumerate() {
        let kind = ["PLACE", "ORG", "ACTOR", "PERSON"][r.kind as usize % 4];
        let aliases: Vec<String> =
            r.aliases.iter().take(6).map(|(m, a)| marked(*m, a)).collect();
        let mut flags = Vec::new();
        if r.arabic {
            flags.push("arabic");
        }
        if r.needs_context {
            flags.push("needs_context");
        }
        w.write_record([
            format!("f:{i}").as_str(),
            kind,
            &r.name,
            &aliases.join("|"),
            COUNTRIES[r.country as usize % 4],
            &r.priority.to_string(),
            &flags.join(";"),
        ])
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fuzz_target!(|input: Input| {
    let rows = &input.rows[..input.rows.len().min(6)];
    let mut loader = Loader::new();
    loader.add_str("fuzz.csv", &csv_of(rows));
    // Rows the loader refuses (empty names, `||`) are its business.
    let Ok(gazetteer) = loader.finish() else { return };
    let mut builder = Tagger::builder();
    builder.translit(input.translit);
    let mut kept = EntityType::ALL.to_vec();
    if let Some(bits) = input.types {
        kept.retain(|t| {
            let i = EntityType::ALL.iter().position(|x| x == t).unwrap();
            bits & (1 << i) != 0
        });
        builder.types(&kept);
    }
    // The same gazetteer without the type filter, to check that the
    // filter only drops mentions.
    let unfiltered = input.types.is_some().then(|| gazetteer.clone());
    let Ok(tagger) = builder.build(gazetteer) else { return };
    let all = unfiltered.map(|g| {
        let mut b = Tagger::builder();
        b.translit(input.translit);
        b.build(g).expect("the same gazetteer built once")
    });

    let mut text = input.text;
    if let Some((r, a, at, v)) = input.embed {
        if let Some(row) = rows.get(r as usize % rows.len().max(1)) {
            let alias = match row.aliases.get(a as usize) {
                Some((_, alias)) => alias,
                None => &row.name,
            };
            let mut at = (at as usize).min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, &variant(alias, v));
        }
    }

    let mut scratch = Scratch::default();
    let mut tagged = Tagged::default();
    // Dirty the scratch buffers with another text first.
    tagger.tag_into("Deir ez-Zor, l’EI, الرقة", &mut scratch, &mut tagged);
    tagger.tag_into(&text, &mut scratch, &mut tagged);
    assert_eq!(
        tagger.tag(&text),
        tagged.mentions,
        "scratch reuse changed the result"
    );

    if let Some(all) = &all {
        let filtered: Vec<_> = all
            .tag(&text)
            .into_iter()
            .filter(|m| kept.contains(&all.gazetteer().entry(m.entry).kind))
            .collect();
        assert_eq!(filtered, tagged.mentions, "the type filter changed spans");
    }

    let g = tagger.gazetteer();
    let mut chars = CharIndex::new(&text);
    let mut prev_end = 0;
    for m in &tagged.mentions {
        let sp = m.span;
        assert!(
            sp.start < sp.end && sp.end <= text.len(),
            "{sp:?} outside {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end),
            "{sp:?} not on char boundaries of {text:?}"
        );
        assert!(
            sp.start >= prev_end,
            "overlap or disorder at {sp:?} in {text:?}"
        );
        prev_end = sp.end;
        assert!(m.entry.index() < g.len());
        assert!(kept.contains(&g.entry(m.entry).kind), "type filter ignored");
        assert!(
            (0.0..=1.0).contains(&m.confidence),
            "confidence {} for {sp:?}",
            m.confidence
        );
        assert!(m.candidates >= 1, "a mention without candidate");
        // An ambiguous mention has one scored choice per candidate, an
        // unambiguous one none (`choices_of` panics on a bad range).
        let choices = tagged.choices_of(m);
        let want = if m.candidates > 1 { m.candidates as usize } else { 0 };
        assert_eq!(choices.len(), want, "choices of {sp:?}");
        for c in choices {
            assert!(c.entry.index() < g.len());
            assert!(
                (0.0..=1.0).contains(&c.probability),
                "probability {}",
                c.probability
            );
        }
        // The surface by bytes equals the surface by code points.
        let surface = &text[sp.start..sp.end];
        let start = chars.char_offset(sp.start);
        let end = chars.char_offset(sp.end);
        assert_eq!(start, text[..sp.start].chars().count());
        let by_chars: String =
            text.chars().skip(start).take(end - start).collect();
        assert_eq!(surface, by_chars, "byte and code point offsets disagree");
        let _ = tagger.alternatives(m).count();
    }
});
