//! Delimited files a spreadsheet opens safely: CSV (RFC 4180, through the
//! csv crate) or TSV, with the formula-injection guard and Excel's cell
//! size limit.
//!
//! The guard follows OWASP's CSV injection advice: a text cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
//! so that a spreadsheet shows it as text instead of running it as a
//! formula (`--raw` turns this off); a lone `-` (standard input's name)
//! is left alone. Numbers are never guarded, so a
//! negative longitude stays a number. A cell longer than Excel's limit of
//! 32,767 characters is cut there, and the writer counts the cuts so that
//! the run can say so.

use std::borrow::Cow;
use std::io::{self, Write};

/// Excel's limit on the characters of one cell (counted in UTF-16 units,
/// as Excel counts them).
pub const MAX_CELL_CHARS: usize = 32_767;

/// One cell of a record.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text, guarded against formula injection.
    Text(Cow<'a, str>),
    /// A number (or an empty cell for a missing one), written as is.
    Number(String),
}

impl<'a> Cell<'a> {
    /// A text cell.
    pub fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    /// An integer cell.
    pub fn int(n: impl Into<u64>) -> Cell<'a> {
        Cell::Number(n.into().to_string())
    }

    /// A float cell, written as the csv crate writes floats (`1.0`,
    /// `35.5`), empty when missing.
    pub fn float(x: Option<f64>) -> Cell<'a> {
        Cell::Number(x.map_or(String::new(), |x| {
            ryu::Buffer::new().format(x).to_string()
        }))
    }

    /// An `f32` cell (probabilities).
    pub fn float32(x: f32) -> Cell<'a> {
        Cell::Number(ryu::Buffer::new().format(x).to_string())
    }
}

/// How cells are made safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Safety {
    /// Prefix formula-like text cells with `'`.
    pub guard: bool,
}

/// Whether a spreadsheet could read `s` as a formula. A lone `-` or `+`
/// (standard input's document name) cannot, and stays as it is.
pub fn looks_like_formula(s: &str) -> bool {
    if s == "-" || s == "+" {
        return false;
    }
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// `s` made safe: guarded when asked, and cut to [`MAX_CELL_CHARS`];
/// the flag says whether it was cut.
pub fn safe_text(s: &str, guard: bool) -> (Cow<'_, str>, bool) {
    let prefix = guard && looks_like_formula(s);
    let room = MAX_CELL_CHARS - usize::from(prefix);
    // Fast path: UTF-16 length is at most the UTF-8 length.
    let cut = if s.len() <= room {
        None
    } else {
        let mut units = 0;
        s.char_indices()
            .find(|(_, c)| {
                units += c.len_utf16();
                units > room
            })
            .map(|(i, _)| i)
    };
    let body = match cut {
        Some(i) => &s[..i],
        None => s,
    };
    let text = if prefix {
        Cow::Owned(format!("'{body}"))
    } else {
        Cow::Borrowed(body)
    };
    (text, cut.is_some())
}

/// Writes records of cells to CSV or TSV.
pub struct SheetWriter<W: Write> {
    csv: csv::Writer<W>,
    safety: Safety,
    truncated: usize,
}

impl<W: Write> SheetWriter<W> {
    /// A writer with `delimiter` over `w`; with `bom`, a UTF-8 byte order
    /// mark is written first (Excel then reads the file as UTF-8).
    pub fn new(
        mut w: W,
        delimiter: u8,
        safety: Safety,
        bom: bool,
    ) -> io::Result<SheetWriter<W>> {
        if bom {
            w.write_all("\u{FEFF}".as_bytes())?;
        }
        let csv = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_writer(w);
        Ok(SheetWriter { csv, safety, truncated: 0 })
    }

    /// Writes the header row (names are ours, never guarded).
    pub fn header<'h>(
        &mut self,
        names: impl IntoIterator<Item = &'h str>,
    ) -> io::Result<()> {
        self.csv.write_record(names).map_err(into_io)
    }

    /// Writes one record.
    pub fn write(&mut self, cells: &[Cell<'_>]) -> io::Result<()> {
        for cell in cells {
            match cell {
                Cell::Text(s) => {
                    let (safe, cut) = safe_text(s, self.safety.guard);
                    self.truncated += usize::from(cut);
                    self.csv.write_field(safe.as_bytes())
                }
                Cell::Number(n) => self.csv.write_field(n.as_bytes()),
            }
            .map_err(into_io)?;
        }
        self.csv.write_record(None::<&[u8]>).map_err(into_io)
    }

    /// How many cells were cut to [`MAX_CELL_CHARS`].
    pub fn truncated(&self) -> usize {
        self.truncated
    }

    /// Flushes the buffered records.
    pub fn flush(&mut self) -> io::Result<()> {
        self.csv.flush()
    }
}

/// The note for cells cut to Excel's limit, if any.
pub fn truncation_note(cells: usize) -> Option<String> {
    (cells > 0).then(|| {
        format!(
            "{cells} cell(s) longer than {MAX_CELL_CHARS} characters were \
             cut to that length (Excel's limit)"
        )
    })
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injection_guard_table() {
        for (cell, guarded) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+33 1 23", "'+33 1 23"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Alep", "Alep"),
            ("", ""),
            ("a=b", "a=b"),
            ("'quoted", "'quoted"),
            ("-", "-"),
            ("--", "'--"),
        ] {
            assert_eq!(safe_text(cell, true).0, guarded, "{cell:?}");
            assert_eq!(safe_text(cell, false).0, cell, "{cell:?}");
        }
    }

    #[test]
    fn long_cells_are_cut_to_excels_limit() {
        let long = "é".repeat(MAX_CELL_CHARS + 10);
        let (cut, was_cut) = safe_text(&long, true);
        assert!(was_cut);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        // Characters outside the BMP count twice, as in Excel.
        let emoji = "😀".repeat(MAX_CELL_CHARS);
        let (cut, _) = safe_text(&emoji, true);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS - 1);
        let guarded = format!("={}", "a".repeat(MAX_CELL_CHARS));
        let (cut, was_cut) = safe_text(&guarded, true);
        assert!(was_cut);
        assert_eq!(cut.len(), MAX_CELL_CHARS);
        assert!(cut.starts_with("'="));
        let exact = "a".repeat(MAX_CELL_CHARS);
        assert!(!safe_text(&exact, true).1);
    }

    #[test]
    fn numbers_are_not_guarded_and_bom_comes_first() {
        let mut w =
            SheetWriter::new(Vec::new(), b',', Safety { guard: true }, true)
                .unwrap();
        w.header(["a", "b", "c"]).unwrap();
        w.write(&[
            Cell::text("-x"),
            Cell::float(Some(-3.5)),
            Cell::float32(1.0),
        ])
        .unwrap();
        w.flush().unwrap();
        let out = String::from_utf8(w.csv.into_inner().unwrap()).unwrap();
        assert_eq!(out, "\u{FEFF}a,b,c\n'-x,-3.5,1.0\n");
    }
}
