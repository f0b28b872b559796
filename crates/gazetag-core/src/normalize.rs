//! Text normalization shared by gazetteer aliases and documents.
//!
//! This module owns the folding rules: Unicode case folding (lower-casing,
//! `ß` → `ss`, final sigma), diacritics removed (compatibility decomposition
//! with combining marks dropped: `é` → `e`, `Ḩ` → `h`), typographic
//! apostrophes unified (`’ ‘ ʼ ` ′` → `'`), every dash, hyphen and run of
//! whitespace turned into one space, zero-width characters, bidi marks and
//! soft hyphens dropped, and Arabic folded (harakat and tatweel dropped,
//! `أ إ آ ٱ` → `ا`, `ى` → `ي`, `ة` → `ه`, Persian `ی ک` → `ي ك`).
//!
//! The same function is applied to aliases and documents, so that matching
//! compares like with like. [`normalize_into`] writes into reused buffers in
//! one linear pass and records, for every output byte, the original bytes
//! it came from ([`OffsetMap`]). It knows nothing of entities or matching.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::offsets::OffsetMap;

/// The normalized form of a text and the way back to the original.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// For every byte of `text`, the original bytes that produced it.
    pub map: OffsetMap,
}

/// Whether normalization folds letter case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Fold case: what matching uses.
    Fold,
    /// Keep case: used to check aliases that must match with their case.
    Keep,
}

/// What one original character becomes.
enum Action {
    /// A separator: becomes one space, merged with neighbouring separators.
    Space,
    /// Removed without a trace (zero-width characters, bidi marks).
    Drop,
    /// Removed, but belongs to the previous character (combining marks,
    /// tatweel): a span ending at that character also covers it.
    Attach,
    /// Becomes the given character, which is not folded further.
    Char(char),
    /// Goes through decomposition and case folding.
    Fold,
}

/// Whether an ASCII byte normalizes to itself (or its lower case): what
/// [`classify`] calls `Fold` among ASCII characters.
fn plain_ascii(b: u8) -> bool {
    b.is_ascii()
        && !b.is_ascii_whitespace()
        && !b.is_ascii_control()
        && !matches!(b, b'\'' | b'`' | b'-' | b'_')
}

fn classify(c: char) -> Action {
    // Most text is ASCII: decide it without the Unicode tables.
    if c.is_ascii() {
        return match c {
            '\'' | '`' => Action::Char('\''),
            '-' | '_' => Action::Space,
            // Control characters separate words, like spaces (and never
            // reach the transliteration keys, whose word markers are
            // control bytes).
            c if c.is_ascii_whitespace() || c.is_ascii_control() => {
                Action::Space
            }
            _ => Action::Fold,
        };
    }
    match c {
        // Apostrophes and primes.
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{0060}'
        | '\u{2032}' | '\u{00B4}' | '\u{02BB}' | '\u{FF07}' => {
            Action::Char('\'')
        }
        // Dashes and hyphens count as spaces: `Deir ez-Zor` and
        // `Deir ez Zor` are the same name.
        '-'
        | '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}'
        | '\u{058A}'
        | '\u{05BE}'
        | '\u{1806}'
        | '\u{2E3A}'
        | '\u{2E3B}'
        | '_' => Action::Space,
        // Zero-width characters, soft hyphen, bidi controls, BOM.
        '\u{200B}'..='\u{200F}'
        | '\u{00AD}'
        | '\u{2060}'..='\u{2064}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{034F}' => Action::Drop,
        // Arabic tatweel stretches the letter before it.
        '\u{0640}' => Action::Attach,
        // Arabic letter variants.
        '\u{0671}' | '\u{0672}' | '\u{0673}' | '\u{0675}' => Action::Char('ا'),
        'ى' | 'ی' | 'ې' => Action::Char('ي'),
        'ة' => Action::Char('ه'),
        'ک' => Action::Char('ك'),
        // Plain Arabic letters (no decomposition, no case) stand for
        // themselves: decided here, without the Unicode tables.
        c if is_plain_arabic(c) => Action::Char(c),
        c if c.is_whitespace() => Action::Space,
        c if c.is_control() => Action::Space,
        c if is_combining_mark(c) => Action::Attach,
        c if c.is_ascii() => Action::Fold,
        _ => Action::Fold,
    }
}

/// The Arabic letters `ء` and `ا`..`ي` but for the five with a hamza or
/// madda above or below (`آ أ ؤ إ ئ`), which decompose.
fn is_plain_arabic(c: char) -> bool {
    matches!(c, '\u{0621}' | '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// Normalizes `text` with case folding and returns a new [`Normalized`].
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::default();
    normalize_into(text, Case::Fold, &mut out);
    out
}

/// Normalizes `text` into `out`, reusing its buffers.
///
/// Leading and trailing separators are kept as one space each (offsets
/// must still map back), so callers that want a trimmed key use
/// [`normalize_key`].
pub fn normalize_into(text: &str, case: Case, out: &mut Normalized) {
    out.text.clear();
    out.map.clear();
    out.text.reserve(text.len());
    let mut last_space = false;
    // Where the output of the last emitted character begins, for `Attach`.
    let mut last_char_at: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most text is runs of ASCII letters, digits and punctuation that
        // stand for themselves, byte for byte: copy them in one go.
        let run = bytes[i..].iter().take_while(|&&b| plain_ascii(b)).count();
        if run > 0 {
            let at = out.text.len();
            out.text.push_str(&text[i..i + run]);
            if case == Case::Fold {
                out.text[at..].make_ascii_lowercase();
            }
            out.map.push_run(i, i + run);
            i += run;
            last_char_at = Some(out.text.len() - 1);
            last_space = false;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        let start = i;
        let end = start + c.len_utf8();
        i = end;
        match classify(c) {
            Action::Space => {
                if !last_space {
                    out.text.push(' ');
                    out.map.push(1, start, end);
                    last_space = true;
                }
                last_char_at = None;
            }
            Action::Drop => {}
            Action::Attach => {
                if let Some(at) = last_char_at {
                    out.map.extend_end(at, end);
                }
            }
            Action::Char(d) => {
                let at = out.text.len();
                out.text.push(d);
                out.map.push(d.len_utf8(), start, end);
                last_char_at = Some(at);
                last_space = false;
            }
            Action::Fold => {
                let at = out.text.len();
                if c.is_ascii() {
                    let d = match case {
                        Case::Fold => c.to_ascii_lowercase(),
                        Case::Keep => c,
                    };
                    out.text.push(d);
                } else {
                    decompose_compatible(c, |d| push_folded(d, case, out));
                }
                let n = out.text.len() - at;
                if n == 0 {
                    // Everything decomposed into marks: attach like a mark.
                    if let Some(at) = last_char_at {
                        out.map.extend_end(at, end);
                    }
                    continue;
                }
                out.map.push(n, start, end);
                last_char_at = Some(at);
                last_space = false;
            }
        }
    }
}

/// Pushes one character of a decomposition, folded, into `out.text`.
fn push_folded(d: char, case: Case, out: &mut Normalized) {
    if is_combining_mark(d) {
        return;
    }
    // A compatibility decomposition can yield a space (e.g. `´`, `¨`) or
    // an apostrophe-like character: give it the same treatment.
    match classify(d) {
        Action::Space => {
            if !out.text.ends_with(' ') {
                out.text.push(' ');
            }
            return;
        }
        Action::Drop | Action::Attach => return,
        Action::Char(x) => {
            out.text.push(x);
            return;
        }
        Action::Fold => {}
    }
    // Letters that carry their "diacritic" in the base character.
    let base = match d {
        'ø' => Some('o'),
        'Ø' => Some('O'),
        'ł' => Some('l'),
        'Ł' => Some('L'),
        'đ' | 'ð' => Some('d'),
        'Đ' | 'Ð' => Some('D'),
        'ı' => Some('i'),
        'ħ' => Some('h'),
        'Ħ' => Some('H'),
        _ => None,
    };
    let d = base.unwrap_or(d);
    if case == Case::Keep {
        match d {
            'œ' => out.text.push_str("oe"),
            'Œ' => out.text.push_str("OE"),
            'æ' => out.text.push_str("ae"),
            'Æ' => out.text.push_str("AE"),
            _ => out.text.push(d),
        }
        return;
    }
    match d {
        'ß' | 'ẞ' => out.text.push_str("ss"),
        'œ' | 'Œ' => out.text.push_str("oe"),
        'æ' | 'Æ' => out.text.push_str("ae"),
        'ς' => out.text.push('σ'),
        _ => {
            for l in d.to_lowercase() {
                if !is_combining_mark(l) {
                    out.text.push(l);
                }
            }
        }
    }
}

/// Normalizes an alias into a matching key: folded as documents are, with
/// leading and trailing spaces and apostrophes removed.
pub fn normalize_key(alias: &str, case: Case) -> String {
    let mut out = Normalized::default();
    normalize_into(alias, case, &mut out);
    // An apostrophe at either end (the ʿayn of `ʿIrāq`) is no part of the
    // name: with it, `l’Irak` would be tagged as `’Irak`.
    out.text.trim_matches([' ', '\'']).to_string()
}

/// Whether a character is ignorable between letters of a word (zero-width
/// characters, bidi marks, soft hyphen, tatweel, combining marks).
pub fn is_ignorable(c: char) -> bool {
    matches!(classify(c), Action::Drop | Action::Attach)
}

/// Whether a character is one of the apostrophes that normalize to `'`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(classify(c), Action::Char('\''))
}

/// Whether the first letter of `s` is an upper-case (or title-case)
/// letter. Scripts without case (Arabic) never are.
pub fn starts_with_capital(s: &str) -> bool {
    s.chars().find(|c| c.is_alphabetic()).is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_arabic_letters_are_what_the_general_path_gives() {
        // What the general `Fold` path would do with them: no
        // decomposition, no mark, no case.
        for c in ('\u{0600}'..='\u{06FF}').filter(|&c| is_plain_arabic(c)) {
            let mut parts = Vec::new();
            decompose_compatible(c, |d| parts.push(d));
            assert_eq!(parts, [c], "U+{:04X} decomposes", c as u32);
            assert!(!is_combining_mark(c) && !c.is_whitespace());
            assert!(c.to_lowercase().eq([c]));
        }
    }
    use crate::offsets::Span;

    fn key(s: &str) -> String {
        normalize_key(s, Case::Fold)
    }

    #[test]
    fn rules() {
        let table: &[(&str, &str, &str)] = &[
            ("case", "DEIR Ezzor", "deir ezzor"),
            ("acute", "Kobané", "kobane"),
            ("cedilla", "Çağ", "cag"),
            ("h with cedilla", "Ḩawījah", "hawijah"),
            ("decomposed acute", "Mayadi\u{301}ne", "mayadine"),
            ("sharp s", "Straße", "strasse"),
            ("ligature", "ﬁn", "fin"),
            ("right quote", "l’Irak", "l'irak"),
            ("left quote", "l‘Irak", "l'irak"),
            ("modifier apostrophe", "Raʼs", "ra's"),
            ("backtick", "d`Alep", "d'alep"),
            ("prime", "d′Alep", "d'alep"),
            ("hyphen", "Deir ez-Zor", "deir ez zor"),
            ("en dash", "Deir ez–Zor", "deir ez zor"),
            ("non-breaking hyphen", "Deir ez\u{2011}Zor", "deir ez zor"),
            ("minus", "Deir ez\u{2212}Zor", "deir ez zor"),
            ("whitespace run", "Deir \t\n Ezzor", "deir ezzor"),
            ("nbsp", "Deir\u{a0}Ezzor", "deir ezzor"),
            ("narrow nbsp", "Deir\u{202f}Ezzor", "deir ezzor"),
            ("hyphen and spaces", "ez - Zor", "ez zor"),
            ("zero width space", "Dei\u{200B}r", "deir"),
            ("zero width joiner", "Dei\u{200D}r", "deir"),
            ("soft hyphen", "Dei\u{AD}r", "deir"),
            ("bidi mark", "\u{200F}Deir\u{200E}", "deir"),
            ("harakat", "حَلَب", "حلب"),
            ("tatweel", "حـلـب", "حلب"),
            ("alef hamza above", "أربيل", "اربيل"),
            ("alef hamza below", "إدلب", "ادلب"),
            ("alef madda", "آمرلي", "امرلي"),
            ("alef wasla", "ٱلرقة", "الرقه"),
            ("alef maksura", "الميادين مصطفى", "الميادين مصطفي"),
            ("ta marbuta", "الرقة", "الرقه"),
            ("greek final sigma", "ΟΔΟΣ", "οδοσ"),
            ("dotted capital I", "İzmir", "izmir"),
        ];
        for (name, input, want) in table {
            assert_eq!(key(input), *want, "rule {name}: {input:?}");
        }
    }

    #[test]
    fn keep_case_folds_everything_but_case() {
        assert_eq!(normalize_key("Deïr EZZOR", Case::Keep), "Deir EZZOR");
        assert_eq!(normalize_key("l’EI", Case::Keep), "l'EI");
    }

    #[test]
    fn offsets_map_back() {
        let text = "À l’É\u{301}tat-major de Deir\u{a0}\u{a0}Ezzor, œuvre";
        let n = normalize(text);
        assert_eq!(n.text, "a l'etat major de deir ezzor, oeuvre");
        let find = |needle: &str| {
            let s = n.text.find(needle).unwrap();
            let span = n.map.to_original(Span::new(s, s + needle.len()));
            span.map(|sp| &text[sp.start..sp.end])
        };
        assert_eq!(find("deir ezzor"), Some("Deir\u{a0}\u{a0}Ezzor"));
        assert_eq!(find("etat"), Some("É\u{301}tat"));
        assert_eq!(find("l'etat"), Some("l’É\u{301}tat"));
        assert_eq!(find("oeuvre"), Some("œuvre"));
        // Inside the expansion of œ there is no original range.
        assert_eq!(find("euvre"), None);
    }

    #[test]
    fn marks_after_the_last_letter_are_covered() {
        let text = "Mayadine\u{301} x";
        let n = normalize(text);
        let span = n.map.to_original(Span::new(0, 8)).unwrap();
        assert_eq!(&text[span.start..span.end], "Mayadine\u{301}");
    }

    #[test]
    fn map_is_monotone_and_in_bounds() {
        let text = "  l’Irak—ﬁn\u{200B}ـحَلَب  😀 Straße ";
        let n = normalize(text);
        assert_eq!(n.map.len(), n.text.len());
        let mut last = 0;
        for i in 0..n.text.len() {
            if !n.text.is_char_boundary(i) {
                continue;
            }
            let end = (i + 1..=n.text.len())
                .find(|&e| n.text.is_char_boundary(e))
                .unwrap();
            if let Some(sp) = n.map.to_original(Span::new(i, end)) {
                assert!(sp.start >= last && sp.end <= text.len());
                assert!(text.is_char_boundary(sp.start));
                assert!(text.is_char_boundary(sp.end));
                last = sp.start;
            }
        }
    }
}
