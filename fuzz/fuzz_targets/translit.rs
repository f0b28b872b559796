//! Transliteration keys over normalized-like text: the key maps back to
//! monotone, in-bounds spans on character boundaries of the normalized
//! text.
#![no_main]

use arbitrary::Arbitrary;
use gazetag::internals::normalize;
use gazetag::internals::{key, key_into, Keyed};
use gazetag::Span;
use libfuzzer_sys::fuzz_target;

/// Letters that exercise the key rules: articles, `abu` forms, digraphs,
/// vowels, doubled consonants, and a few non-ASCII characters that pass
/// through.
const ALPHABET: &[&str] = &[
    "a", "e", "i", "o", "u", "y", "w", "h", "b", "d", "z", "r", "s", "t", "n",
    "k", "q", "c", "g", "p", "j", "m", "l", " ", "'", "al ", "el ", "ez ",
    "ar ", "ash ", "abu ", "abou ", "albu", "bou ", "sch", "dh", "kh", "ou",
    "ه", "ا", "é", "1", "ß", "😀",
];

#[derive(Arbitrary, Debug)]
enum Input {
    /// Any string, normalized first as the tagger does.
    Raw(String),
    /// Tokens of the alphabet above, already normalized-like.
    Tokens(Vec<u8>),
}

fuzz_target!(|input: Input| {
    let norm = match input {
        Input::Raw(s) => normalize(&s).text,
        Input::Tokens(t) => t
            .iter()
            .map(|&b| ALPHABET[b as usize % ALPHABET.len()])
            .collect::<String>(),
    };
    let mut keyed = Keyed::default();
    // Reuse a dirty buffer: `key_into` must clear it.
    key_into("al mayadine ash shaddadi", &mut keyed);
    key_into(&norm, &mut keyed);
    assert_eq!(keyed.text, key(&norm), "reused buffer differs");
    let mut last: Option<Span> = None;
    for (i, c) in keyed.text.char_indices() {
        let Some(ks) = keyed.to_norm(Span::new(i, i + c.len_utf8())) else {
            continue;
        };
        for sp in [ks.core, ks.group] {
            assert!(
                sp.start < sp.end && sp.end <= norm.len(),
                "{sp:?} out of bounds in {norm:?}"
            );
            assert!(
                norm.is_char_boundary(sp.start)
                    && norm.is_char_boundary(sp.end),
                "{sp:?} not on char boundaries of {norm:?}"
            );
        }
        assert!(
            ks.group.start <= ks.core.start && ks.group.end == ks.core.end,
            "group {:?} does not contain core {:?}",
            ks.group,
            ks.core
        );
        if let Some(prev) = last {
            assert!(
                ks.core.start >= prev.start && ks.core.end >= prev.end,
                "not monotone: {prev:?} then {:?} in {norm:?}",
                ks.core
            );
        }
        last = Some(ks.core);
    }
    if !keyed.text.is_empty() {
        let whole = keyed
            .to_norm(Span::new(0, keyed.text.len()))
            .expect("the whole key maps back");
        assert!(whole.group.end <= norm.len());
    }
});
