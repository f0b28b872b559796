//! Property tests over arbitrary text mixing ASCII, combining marks,
//! apostrophes, Arabic, zero-width characters and emoji.

use gazetag::internals::normalize;
use gazetag::output::{Row, RowOptions};
use gazetag::Loader;
use gazetag::{Gazetteer, Span, Tagger};
use gazetag::{Scratch, Tagged};
use proptest::prelude::*;

/// Characters the generated texts and aliases are made of.
const ALPHABET: &[char] = &[
    'a', 'b', 'e', 'i', 'r', 'k', 'E', 'I', 'R', 'K', ' ', ' ', '-', '.',
    '\'', '’', 'é', 'É', '\u{301}', '\u{308}', 'œ', 'ß', 'ﬁ', '\u{200B}',
    '\u{AD}', '\u{A0}', '\n', 'ا', 'ل', 'ر', 'ق', 'ة', 'و', 'ب', '\u{64E}',
    'ـ', 'أ', '😀', 'İ', '1',
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max)
        .prop_map(|v| v.into_iter().collect())
}

fn gazetteer(aliases: &[String]) -> Option<Gazetteer> {
    let mut csv = String::from("id,type,name,aliases\n");
    let mut n = 0;
    for (i, a) in aliases.iter().enumerate() {
        let a = a.replace(['"', '|', '\n', '?', '!', '~'], "");
        if a.trim().is_empty() {
            continue;
        }
        n += 1;
        let kind = ["PLACE", "ORG", "ACTOR", "PERSON"][i % 4];
        csv.push_str(&format!("x:{i},{kind},\"{a}\",\"{a}|?{a}\"\n"));
    }
    if n == 0 {
        return None;
    }
    let mut loader = Loader::new();
    loader.add_str("p.csv", &csv);
    loader.finish().ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn offset_map_is_monotone_and_in_bounds(s in text(60)) {
        let n = normalize(&s);
        prop_assert_eq!(n.map.len(), n.text.len());
        let mut last = Span::default();
        for (i, c) in n.text.char_indices() {
            if let Some(sp) = n.map.to_original(Span::new(i, i + c.len_utf8())) {
                prop_assert!(sp.start >= last.start && sp.end >= last.end);
                prop_assert!(sp.end <= s.len());
                prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
                last = sp;
            }
        }
    }

    #[test]
    fn mentions_are_exact_sorted_and_disjoint(
        aliases in prop::collection::vec(text(6), 1..6),
        prefix in text(20),
        suffix in text(20),
        pick in 0usize..6,
    ) {
        let Some(g) = gazetteer(&aliases) else { return Ok(()) };
        // Embed one alias in the text so that matches happen often.
        let alias = aliases[pick % aliases.len()].clone();
        let doc = format!("{prefix}{alias}{suffix}");
        let tagger = Tagger::new(g).unwrap();
        let mut tagged = Tagged::default();
        tagger.tag_into(&doc, &mut Scratch::default(), &mut tagged);
        let mentions = &tagged.mentions;
        let mut end = 0;
        for m in mentions {
            prop_assert!(m.span.start < m.span.end);
            prop_assert!(m.span.start >= end, "overlap or disorder");
            prop_assert!(doc.is_char_boundary(m.span.start));
            prop_assert!(doc.is_char_boundary(m.span.end));
            end = m.span.end;
        }
        let options = RowOptions { all_candidates: true, explain: true };
        let rows = Row::for_document("d", &doc, &tagged, tagger.gazetteer(), options);
        for r in rows {
            prop_assert!((0.0..=1.0).contains(&r.confidence));
            prop_assert_eq!(r.text, &doc[r.byte_start..r.byte_end]);
            let by_chars: String = doc.chars().skip(r.start).take(r.end - r.start).collect();
            prop_assert_eq!(r.text, by_chars.as_str());
            prop_assert_eq!(r.start, doc[..r.byte_start].chars().count());
        }
    }

    #[test]
    fn tagging_never_panics_on_any_string(doc in any::<String>()) {
        let g = gazetteer(&["Irak".into(), "EI".into(), "الرقة".into()]).unwrap();
        let tagger = Tagger::new(g).unwrap();
        for m in tagger.tag(&doc) {
            prop_assert!(doc.get(m.span.start..m.span.end).is_some());
        }
    }
}
