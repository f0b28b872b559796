//! Bytes to text: which encoding a document is in, and the decoding.
//!
//! The rule, in order: a forced encoding (`--encoding`) wins; a UTF-16
//! byte order mark means UTF-16; bytes that are valid UTF-8 are UTF-8 (a
//! UTF-8 byte order mark is kept in the text, as Python's `utf-8` codec
//! keeps it, so that offsets count it); otherwise the encoding a HTML page
//! declares, if any, and else Windows-1252, the encoding of old Windows
//! tools. The [`Decoding`] says which rule applied, so that a fallback is
//! never silent. This module knows nothing of files or formats.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use super::{InputError, InputErrorKind};

/// How a text was decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoding {
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Why that one.
    pub reason: Reason,
    /// Whether malformed sequences were replaced by U+FFFD.
    pub lossy: bool,
}

/// Why an encoding was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The bytes are valid UTF-8.
    Valid,
    /// A byte order mark.
    Bom,
    /// `--encoding`.
    Forced,
    /// The bytes are not UTF-8 and the HTML page declares this encoding.
    Declared {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// Its byte offset.
        offset: usize,
    },
    /// The bytes are not UTF-8: Windows-1252 is the fallback.
    Fallback {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// Its byte offset.
        offset: usize,
    },
}

impl Decoding {
    /// Text that was valid UTF-8.
    pub const UTF8: Decoding =
        Decoding { encoding: UTF_8, reason: Reason::Valid, lossy: false };

    /// A note for the user when the decoding was not plain UTF-8 or UTF-16
    /// with a byte order mark: a fallback or a lossy decoding is always
    /// reported.
    pub fn warning(&self) -> Option<String> {
        let mut note = match self.reason {
            Reason::Declared { line, offset }
            | Reason::Fallback { line, offset } => Some(format!(
                "line {line}: not valid UTF-8 (byte offset {offset}), \
                 decoded as {}",
                self
            )),
            _ => None,
        };
        if self.lossy {
            let lossy = format!(
                "malformed {} replaced by U+FFFD",
                self.encoding.name()
            );
            note = Some(match note {
                Some(n) => format!("{n}; {lossy}"),
                None => lossy,
            });
        }
        note
    }
}

impl fmt::Display for Decoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.encoding.name();
        match self.reason {
            Reason::Valid => write!(f, "{name}"),
            Reason::Bom => write!(f, "{name} (byte order mark)"),
            Reason::Forced => write!(f, "{name} (--encoding)"),
            Reason::Declared { .. } => {
                write!(f, "{name} (declared in the page)")
            }
            Reason::Fallback { .. } => write!(f, "{name} (fallback)"),
        }
    }
}

/// Parses an `--encoding` value: any WHATWG label (`utf-8`, `utf-16le`,
/// `windows-1252`, `latin1`...).
pub fn parse_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// The UTF-16 encoding a byte order mark at the start of `bytes` names.
fn utf16_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(UTF_16LE),
        [0xFE, 0xFF, ..] => Some(UTF_16BE),
        _ => None,
    }
}

/// The 1-based line and the offset of the first byte that is not UTF-8,
/// if any.
fn first_invalid(bytes: &[u8]) -> Option<(usize, usize)> {
    let offset = match std::str::from_utf8(bytes) {
        Ok(_) => return None,
        Err(e) => e.valid_up_to(),
    };
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    Some((line, offset))
}

/// Decodes a whole document.
///
/// `forced` is `--encoding`; `declared` the encoding a HTML page
/// declares, used only when the bytes are not UTF-8. A NUL byte outside
/// UTF-16 means binary data, an error. With `forced` UTF-8, bytes that are
/// not UTF-8 are an error naming the line and offset.
pub fn decode(
    name: &str,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Result<(String, Decoding), InputError> {
    let (encoding, reason) = match forced {
        Some(enc) => (enc, Reason::Forced),
        None => match utf16_bom(&bytes) {
            Some(enc) => (enc, Reason::Bom),
            None => (UTF_8, Reason::Valid),
        },
    };
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if !utf16 {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(InputError::new(
                name.to_string(),
                InputErrorKind::Binary { offset },
            ));
        }
    }
    if encoding == UTF_8 {
        return match String::from_utf8(bytes) {
            Ok(text) => {
                Ok((text, Decoding { encoding, reason, lossy: false }))
            }
            Err(e) => {
                let bytes = e.into_bytes();
                let (line, offset) =
                    first_invalid(&bytes).expect("from_utf8 failed");
                if forced.is_some() {
                    return Err(InputError::new(
                        name.to_string(),
                        InputErrorKind::InvalidUtf8 { line, offset },
                    ));
                }
                let (encoding, reason) = match declared {
                    Some(enc) if enc != UTF_8 => {
                        (enc, Reason::Declared { line, offset })
                    }
                    _ => (WINDOWS_1252, Reason::Fallback { line, offset }),
                };
                let (text, lossy) = decode_with(encoding, &bytes);
                Ok((text, Decoding { encoding, reason, lossy }))
            }
        };
    }
    let body = match (reason, utf16_bom(&bytes)) {
        (_, Some(bom)) if bom == encoding => &bytes[2..],
        _ => &bytes[..],
    };
    let (text, lossy) = decode_with(encoding, body);
    Ok((text, Decoding { encoding, reason, lossy }))
}

/// Whether a document that starts with `head` is UTF-16 (by `forced`, or
/// else by its byte order mark): the only encodings in which a NUL byte
/// may be text.
pub fn is_utf16(head: &[u8], forced: Option<&'static Encoding>) -> bool {
    let encoding = forced.or(utf16_bom(head)).unwrap_or(UTF_8);
    encoding == UTF_16LE || encoding == UTF_16BE
}

/// The error for a NUL byte at `offset` of a document that is not UTF-16.
pub fn binary(name: &str, offset: usize) -> InputError {
    InputError::new(name.to_string(), InputErrorKind::Binary { offset })
}

/// Decides the decoding of a document read block by block, as
/// [`decode`] decides it for the whole document: the blocks go through
/// [`Scan::block`], then [`Scan::finish`] gives the decoding, which a
/// [`Pieces`] then applies to the same bytes read again. A NUL byte is an
/// error as soon as its block is seen.
#[derive(Debug)]
pub struct Scan {
    forced: Option<&'static Encoding>,
    /// The encoding by `--encoding` or byte order mark, if any.
    chosen: Option<(&'static Encoding, Reason)>,
    utf16: bool,
    /// Bytes seen.
    offset: usize,
    /// Line feeds seen before the first byte that is not UTF-8.
    lines: usize,
    /// The start of a UTF-8 sequence cut by the end of the last block.
    carry: Vec<u8>,
    /// The line and offset of the first byte that is not UTF-8.
    invalid: Option<(usize, usize)>,
    /// Decodes with the chosen encoding when it is not UTF-8, to know
    /// whether the decoding is lossy.
    decoder: Option<encoding_rs::Decoder>,
    lossy: bool,
    scratch: String,
}

impl Scan {
    /// A scan of a document whose first bytes are `head` (at least two
    /// bytes, when it has them).
    pub fn new(head: &[u8], forced: Option<&'static Encoding>) -> Scan {
        let chosen = match forced {
            Some(enc) => Some((enc, Reason::Forced)),
            None => utf16_bom(head).map(|enc| (enc, Reason::Bom)),
        };
        let decoder = match chosen {
            Some((enc, _)) if enc != UTF_8 => {
                Some(enc.new_decoder_without_bom_handling())
            }
            _ => None,
        };
        Scan {
            forced,
            chosen,
            utf16: is_utf16(head, forced),
            offset: 0,
            lines: 0,
            carry: Vec::new(),
            invalid: None,
            decoder,
            lossy: false,
            scratch: String::new(),
        }
    }

    /// Looks at the next block of bytes.
    pub fn block(
        &mut self,
        name: &str,
        bytes: &[u8],
    ) -> Result<(), InputError> {
        let start = self.offset;
        self.offset += bytes.len();
        if !self.utf16 {
            if let Some(at) = bytes.iter().position(|&b| b == 0) {
                return Err(binary(name, start + at));
            }
        }
        if let Some(decoder) = &mut self.decoder {
            // The byte order mark [`decode`] drops is no malformed text.
            let skip = match self.chosen {
                Some((enc, _))
                    if start == 0 && utf16_bom(bytes) == Some(enc) =>
                {
                    2
                }
                _ => 0,
            };
            let mut src = &bytes[skip..];
            while !src.is_empty() {
                self.scratch.clear();
                let need = decoder
                    .max_utf8_buffer_length(src.len())
                    .unwrap_or(src.len() * 3);
                self.scratch.reserve(need.clamp(16, 1 << 20));
                let (_, read, lossy) =
                    decoder.decode_to_string(src, &mut self.scratch, false);
                self.lossy |= lossy;
                src = &src[read..];
            }
            return Ok(());
        }
        if self.invalid.is_some() {
            return Ok(());
        }
        let joined;
        let (text, text_start) = if self.carry.is_empty() {
            (bytes, start)
        } else {
            let carried = self.carry.len();
            let mut v = std::mem::take(&mut self.carry);
            v.extend_from_slice(bytes);
            joined = v;
            (&joined[..], start - carried)
        };
        match std::str::from_utf8(text) {
            Ok(_) => self.lines += count_lines(text),
            Err(e) if e.error_len().is_none() => {
                // A sequence cut by the end of the block.
                let at = e.valid_up_to();
                self.lines += count_lines(&text[..at]);
                self.carry = text[at..].to_vec();
            }
            Err(e) => {
                let at = e.valid_up_to();
                let line = 1 + self.lines + count_lines(&text[..at]);
                // An error with `--encoding utf-8`, once no NUL byte
                // follows (a binary file is reported as such).
                self.invalid = Some((line, text_start + at));
            }
        }
        Ok(())
    }

    /// The decoding, once every block was seen.
    pub fn finish(mut self, name: &str) -> Result<Decoding, InputError> {
        let (encoding, reason) = self.chosen.unwrap_or((UTF_8, Reason::Valid));
        if let Some(decoder) = &mut self.decoder {
            self.scratch.clear();
            self.scratch.reserve(16);
            let (_, _, lossy) =
                decoder.decode_to_string(b"", &mut self.scratch, true);
            self.lossy |= lossy;
            return Ok(Decoding { encoding, reason, lossy: self.lossy });
        }
        if self.invalid.is_none() && !self.carry.is_empty() {
            // The text ends inside a sequence.
            let offset = self.offset - self.carry.len();
            self.invalid = Some((1 + self.lines, offset));
        }
        match self.invalid {
            None => Ok(Decoding { encoding, reason, lossy: false }),
            Some((line, offset)) => {
                if self.forced.is_some() {
                    return Err(InputError::new(
                        name.to_string(),
                        InputErrorKind::InvalidUtf8 { line, offset },
                    ));
                }
                // Windows-1252 maps every byte: never lossy.
                let reason = Reason::Fallback { line, offset };
                Ok(Decoding { encoding: WINDOWS_1252, reason, lossy: false })
            }
        }
    }
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Decodes a document block by block with a decoding [`Scan`] decided
/// (the byte order mark [`decode`] drops is dropped here too), into the
/// same text as [`decode`] over the whole document.
#[derive(Debug)]
pub struct Pieces {
    decoder: encoding_rs::Decoder,
    /// Whether the text must be UTF-8 as it was when scanned.
    strict: bool,
    /// The UTF-16 byte order mark to drop, until the first block.
    bom: Option<&'static Encoding>,
}

impl Pieces {
    /// A decoder for `decoding`.
    pub fn new(decoding: Decoding) -> Pieces {
        let encoding = decoding.encoding;
        let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
        Pieces {
            decoder: encoding.new_decoder_without_bom_handling(),
            strict: encoding == UTF_8,
            bom: utf16.then_some(encoding),
        }
    }

    /// Appends the text of the next block (`last` for the end of the
    /// document) to `out`; false when text scanned as UTF-8 is no longer
    /// UTF-8 (the document changed between the two reads).
    pub fn decode(
        &mut self,
        bytes: &[u8],
        last: bool,
        out: &mut String,
    ) -> bool {
        let mut src = bytes;
        if let Some(enc) = self.bom.take() {
            if utf16_bom(src) == Some(enc) {
                src = &src[2..];
            }
        }
        loop {
            let need = self
                .decoder
                .max_utf8_buffer_length(src.len())
                .unwrap_or(src.len() * 3 + 16);
            out.reserve(need);
            let (result, read, lossy) =
                self.decoder.decode_to_string(src, out, last);
            if lossy && self.strict {
                return false;
            }
            src = &src[read..];
            if result == encoding_rs::CoderResult::InputEmpty {
                return true;
            }
        }
    }
}

/// Decodes `bytes` (without byte order mark handling) with `encoding`.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, bool) {
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), lossy)
}

/// Decodes one field or line of a table (CSV cell, JSON line) that came
/// through [`table_reader`]: valid UTF-8 is taken as is; otherwise, unless
/// UTF-8 is `strict`, Windows-1252, with the decoding returned so that the
/// caller can say so.
pub fn decode_field(
    bytes: &[u8],
    strict: bool,
) -> Result<(Cow<'_, str>, Option<Decoding>), usize> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), None)),
        Err(e) if strict => Err(e.valid_up_to()),
        Err(e) => {
            let offset = e.valid_up_to();
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            let decoding = Decoding {
                encoding: WINDOWS_1252,
                reason: Reason::Fallback { line: 1, offset },
                lossy: false,
            };
            Ok((Cow::Owned(text.into_owned()), Some(decoding)))
        }
    }
}

/// Wraps a table's byte stream so that what comes out is UTF-8 or, for
/// fields that are not, bytes for [`decode_field`] to fall back on.
///
/// A UTF-16 byte order mark or a forced encoding other than UTF-8 turns
/// the stream into UTF-8 as it is read (memory stays bounded by the
/// buffer); a UTF-8 byte order mark is dropped (it would otherwise stick
/// to the first column name). Returns the reader and the decoding.
pub fn table_reader<'r>(
    mut reader: Box<dyn BufRead + Send + 'r>,
    forced: Option<&'static Encoding>,
) -> io::Result<(Box<dyn BufRead + Send + 'r>, Decoding)> {
    let head = reader.fill_buf()?;
    let bom = utf16_bom(head);
    let utf8_bom = head.starts_with(b"\xEF\xBB\xBF");
    let transcode = match forced {
        Some(enc) if enc != UTF_8 => Some((enc, Reason::Forced)),
        Some(_) => None,
        None => bom.map(|enc| (enc, Reason::Bom)),
    };
    if let Some((encoding, reason)) = transcode {
        let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(reason == Reason::Bom)
            .strip_bom(true)
            .build(reader);
        let reader = Box::new(io::BufReader::new(decoder));
        return Ok((reader, Decoding { encoding, reason, lossy: false }));
    }
    if utf8_bom {
        reader.consume(3);
    }
    let reason = if forced.is_some() {
        Reason::Forced
    } else if utf8_bom {
        Reason::Bom
    } else {
        Reason::Valid
    };
    Ok((reader, Decoding { encoding: UTF_8, reason, lossy: false }))
}

/// The encoding a HTML page declares in its first 1024 bytes
/// (`<meta charset="...">` or `content="text/html; charset=..."`), as
/// the HTML standard's prescan does, in short.
pub fn html_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &head[at + 8..];
    let rest =
        rest.strip_prefix(b"\"").or(rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(&b)))
        .unwrap_or(rest.len());
    let enc = Encoding::for_label(&rest[..end])?;
    // A page saved as UTF-16 cannot say so in ASCII (the HTML standard).
    if enc == UTF_16LE || enc == UTF_16BE {
        return Some(UTF_8);
    }
    Some(enc)
}

/// Reads everything from `reader` (for tests and small inputs).
#[cfg(test)]
fn read_all(mut r: impl std::io::Read) -> String {
    let mut s = String::new();
    r.read_to_string(&mut s).unwrap();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }

    fn utf16be(s: &str) -> Vec<u8> {
        let mut out = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_be_bytes());
        }
        out
    }

    /// `(name, bytes, --encoding, text, encoding used)`.
    type Case = (
        &'static str,
        Vec<u8>,
        Option<&'static str>,
        &'static str,
        &'static str,
    );

    #[test]
    fn decoding_table() {
        // (name, bytes, forced, text, encoding, reason)
        let cases: Vec<Case> = vec![
            ("ascii", b"Irak".to_vec(), None, "Irak", "UTF-8"),
            ("empty", vec![], None, "", "UTF-8"),
            (
                "utf8 bom kept",
                "\u{FEFF}Alep".into(),
                None,
                "\u{FEFF}Alep",
                "UTF-8",
            ),
            ("utf16le", utf16le("Alep é"), None, "Alep é", "UTF-16LE"),
            ("utf16be", utf16be("حلب"), None, "حلب", "UTF-16BE"),
            (
                "cp1252 fallback",
                b"caf\xe9 \x93Alep\x94".to_vec(),
                None,
                "café “Alep”",
                "windows-1252",
            ),
            (
                "forced latin1",
                b"caf\xe9".to_vec(),
                Some("latin1"),
                "café",
                "windows-1252",
            ),
            (
                "forced utf-16le without bom",
                vec![b'A', 0, b'l', 0],
                Some("utf-16le"),
                "Al",
                "UTF-16LE",
            ),
        ];
        for (name, bytes, forced, text, enc) in cases {
            let forced = forced.map(|l| parse_label(l).unwrap());
            let (got, d) = decode(name, bytes, forced, None)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(got, text, "{name}");
            assert_eq!(d.encoding.name(), enc, "{name}");
            assert!(!d.lossy, "{name}");
        }
    }

    #[test]
    fn fallback_and_lossy_decodings_are_reported() {
        let (_, d) =
            decode("a", b"ok\nbad \xff".to_vec(), None, None).unwrap();
        assert_eq!(d.reason, Reason::Fallback { line: 2, offset: 7 });
        assert_eq!(
            d.warning().unwrap(),
            "line 2: not valid UTF-8 (byte offset 7), decoded as \
             windows-1252 (fallback)"
        );
        let (_, d) = decode("a", b"ok".to_vec(), None, None).unwrap();
        assert_eq!(d.warning(), None);
        // An unpaired surrogate.
        let (text, d) =
            decode("a", vec![0xFF, 0xFE, 0x00, 0xD8, b'A', 0], None, None)
                .unwrap();
        assert_eq!(text, "\u{FFFD}A");
        assert!(d.lossy);
        assert!(d.warning().unwrap().contains("U+FFFD"));
    }

    #[test]
    fn html_declared_encoding_is_used_for_non_utf8_pages() {
        let page = b"<html><head><meta charset=\"iso-8859-15\"></head>\xa4";
        let declared = html_declared(page);
        let (text, d) = decode("p", page.to_vec(), None, declared).unwrap();
        assert!(text.ends_with('€'), "{text}");
        assert_eq!(d.encoding.name(), "ISO-8859-15");
        assert!(matches!(d.reason, Reason::Declared { .. }));
        let meta = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1256'>";
        assert_eq!(html_declared(meta).unwrap().name(), "windows-1256");
        assert_eq!(html_declared(b"<p>no charset</p>"), None);
    }

    #[test]
    fn strict_utf8_and_binary_are_errors() {
        let e = decode(
            "a.txt",
            b"ok\nok\nbad \xff here".to_vec(),
            Some(UTF_8),
            None,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt:3: invalid UTF-8 at byte offset 10 (the file must be UTF-8)"
        );
        let e = decode("b.png", b"\x89PNG\r\n\x1a\n\0\0".to_vec(), None, None)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.png: binary file (NUL byte at offset 8), skipped"
        );
    }

    #[test]
    fn table_streams_are_transcoded() {
        let bytes = utf16le("id,text\n1,Alep\n");
        let (r, d) =
            table_reader(Box::new(io::Cursor::new(bytes)), None).unwrap();
        assert_eq!(read_all(r), "id,text\n1,Alep\n");
        assert_eq!(d.encoding, UTF_16LE);
        let bytes = "\u{FEFF}id\n".as_bytes().to_vec();
        let (r, d) =
            table_reader(Box::new(io::Cursor::new(bytes)), None).unwrap();
        assert_eq!(read_all(r), "id\n");
        assert_eq!(d.reason, Reason::Bom);
        let (r, _) = table_reader(
            Box::new(io::Cursor::new(b"caf\xe9".to_vec())),
            Some(WINDOWS_1252),
        )
        .unwrap();
        assert_eq!(read_all(r), "café");
        let (field, d) = decode_field(b"caf\xe9", false).unwrap();
        assert_eq!(field, "café");
        assert!(d.is_some());
        assert_eq!(decode_field(b"caf\xe9", true).unwrap_err(), 3);
    }
}
