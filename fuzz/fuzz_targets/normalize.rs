//! Any string through the normalizer: the offset map stays monotone, in
//! bounds and on character boundaries, and a reused buffer gives the same
//! result as a fresh one.
#![no_main]

use gazetag::internals::{normalize, normalize_into, Case, Normalized};
use gazetag::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<(u16, u16)>, String)| {
    let (text, probes, other) = input;
    for case in [Case::Fold, Case::Keep] {
        let mut n = Normalized::default();
        // Dirty the buffers first: `normalize_into` must clear them.
        normalize_into(&other, case, &mut n);
        normalize_into(&text, case, &mut n);
        check(&text, &n, &probes);
        if case == Case::Fold {
            let fresh = normalize(&text);
            assert_eq!(fresh.text, n.text, "reused buffer differs");
        }
    }
});

fn check(text: &str, n: &Normalized, probes: &[(u16, u16)]) {
    let map = &n.map;
    assert_eq!(map.len(), n.text.len(), "one map entry per normalized byte");
    assert_eq!(map.is_empty(), n.text.is_empty());
    // Every normalized character that maps back on its own maps to a
    // range of original characters, and those ranges move forward.
    let mut last = Span::default();
    for (i, c) in n.text.char_indices() {
        let norm_span = Span::new(i, i + c.len_utf8());
        if let Some(sp) = map.to_original(norm_span) {
            in_text(text, sp, "char");
            assert!(
                sp.start >= last.start && sp.end >= last.end,
                "not monotone: {last:?} then {sp:?} at {i} in {text:?}"
            );
            last = sp;
        }
    }
    // The whole normalized text maps back to a range of the original.
    if !n.text.is_empty() {
        let whole = map
            .to_original(Span::new(0, n.text.len()))
            .expect("the whole normalized text maps back");
        in_text(text, whole, "whole");
    }
    // Arbitrary spans either map back inside the text or are refused.
    let len = n.text.len();
    for &(a, b) in probes.iter().take(64) {
        let (a, b) = (a as usize % (len + 2), b as usize % (len + 2));
        let (a, b) = (a.min(b), a.max(b));
        if let Some(sp) = map.to_original(Span { start: a, end: b }) {
            assert!(a < b && b <= len, "accepted a bad span {a}..{b}");
            in_text(text, sp, "probe");
            assert!(sp.start < sp.end, "empty original span for {a}..{b}");
        }
    }
}

fn in_text(text: &str, sp: Span, what: &str) {
    assert!(
        sp.start <= sp.end && sp.end <= text.len(),
        "{what}: {sp:?} out of bounds of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end),
        "{what}: {sp:?} not on char boundaries of {text:?}"
    );
}
