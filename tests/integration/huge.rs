//! A 200 MB document on a single line, tagged in chunks: every name is
//! found exactly once, at its offsets, including names that straddle the
//! borders of the 1 MiB chunks.

use crate::util::Dir;

#[test]
fn two_hundred_megabytes_on_one_line() {
    const SIZE: usize = 200 << 20;
    const CHUNK: usize = 1 << 20;
    let filler = "Les combats ont repris ce matin près de la ville, selon des témoins. ";
    let names = ["Mossoul", "Raqqa", "Deir Ezzor", "الموصل"];
    let mut text = String::with_capacity(SIZE + 1024);
    let mut want: Vec<(usize, usize, &str)> = Vec::new();
    let mut k = 0;
    while text.len() < SIZE {
        // A name every ~1 MiB, and one across each chunk border.
        let border = (text.len() / CHUNK + 1) * CHUNK;
        let next = text.len() + (1 << 20);
        let straddle = border <= next;
        while text.len() + filler.len()
            < if straddle { border - 4 } else { next }
        {
            text.push_str(filler);
        }
        while text.len() < if straddle { border - 4 } else { next } {
            text.push(' ');
        }
        let name = names[k % names.len()];
        k += 1;
        text.push_str("à ");
        want.push((text.len(), text.len() + name.len(), name));
        text.push_str(name);
        text.push_str(", ");
    }
    assert!(!text.contains('\n'));
    let d = Dir::with_small_gazetteer();
    d.write("big.txt", &text);
    drop(text);
    let got: Vec<(usize, usize, String)> = d
        .tag_small(&["-q", "big.txt"])
        .ok_rows()
        .into_iter()
        .map(|r| (r.byte_start, r.byte_end, r.text))
        .collect();
    let want: Vec<(usize, usize, String)> =
        want.into_iter().map(|(a, b, n)| (a, b, n.to_string())).collect();
    assert_eq!(got.len(), want.len(), "one row per name");
    assert_eq!(got, want);
}
