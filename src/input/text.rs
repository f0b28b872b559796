//! Plain text too large to hold whole, read piece by piece.
//!
//! A plain-text input larger than [`WHOLE`] bytes is read twice: once to
//! decide its decoding as `decode::decode` would over the whole text
//! (its first invalid UTF-8 byte may come at the very end) and to find a
//! binary file, a document over the size limit or a read error before a
//! single row is written; then again, block by block, decoded into
//! pieces of text. A regular file is opened again for the second read;
//! standard input and pipes are copied to a temporary file during the
//! first. Memory holds one block at a time.

use std::fs;
use std::io::{self, BufRead, Read, Seek, Write};

use encoding_rs::Encoding;

use super::decode::{Decoding, Pieces, Scan};
use super::{InputError, InputErrorKind, Source, MAX_DOCUMENT_BYTES};

/// Inputs of at most this many bytes are read whole.
pub const WHOLE: usize = 1 << 20;

/// Bytes read at a time.
const BLOCK: usize = 256 << 10;

/// A plain-text input, opened.
pub enum Opened {
    /// Small enough to read whole: its bytes.
    Whole(Vec<u8>),
    /// To read piece by piece.
    Stream(TextStream),
}

/// The second read of a large plain-text input: its pieces of text.
pub struct TextStream {
    name: String,
    bytes: Box<dyn Read + Send>,
    decoding: Decoding,
    pieces: Pieces,
    /// Bytes the first read saw, and bytes read again so far.
    total: u64,
    read: u64,
    buf: Vec<u8>,
    done: bool,
}

/// Where the bytes of the first read are kept for the second, when the
/// source cannot be opened again.
enum Spool {
    /// The source is a regular file: it is opened again.
    Reopen,
    File(fs::File),
    /// No temporary file could be made: the bytes are kept in memory.
    Memory(Vec<u8>),
}

impl Spool {
    fn for_source(source: &Source) -> Spool {
        if let Source::Path(p) = source {
            if fs::metadata(p).is_ok_and(|m| m.is_file()) {
                return Spool::Reopen;
            }
        }
        match tempfile::tempfile() {
            Ok(f) => Spool::File(f),
            Err(_) => Spool::Memory(Vec::new()),
        }
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Spool::Reopen => Ok(()),
            Spool::File(f) => f.write_all(bytes),
            Spool::Memory(v) => {
                v.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    fn reader(
        self,
        source: &Source,
    ) -> Result<Box<dyn Read + Send>, InputError> {
        let name = source.name();
        let io_err = |e| InputError::new(name.clone(), InputErrorKind::Io(e));
        Ok(match self {
            Spool::Reopen => Box::new(super::open(source)?),
            Spool::File(mut f) => {
                f.flush().map_err(io_err)?;
                f.rewind().map_err(io_err)?;
                Box::new(f)
            }
            Spool::Memory(v) => Box::new(io::Cursor::new(v)),
        })
    }
}

/// Opens a plain-text input from `stream` (`source`, opened): reads it
/// whole when it is small, else reads it through once (see the module).
pub fn open(
    source: &Source,
    mut stream: Box<dyn BufRead + Send>,
    forced: Option<&'static Encoding>,
) -> Result<Opened, InputError> {
    let name = source.name();
    let io_err = |e| InputError::new(name.clone(), InputErrorKind::Io(e));
    let mut head = Vec::new();
    super::read_checked(
        &mut stream,
        &name,
        forced,
        WHOLE as u64 + 1,
        &mut head,
    )?;
    if head.len() <= WHOLE {
        return Ok(Opened::Whole(head));
    }
    let mut scan = Scan::new(&head, forced);
    let mut spool = Spool::for_source(source);
    scan.block(&name, &head)?;
    spool.write(&head).map_err(io_err)?;
    let mut total = head.len() as u64;
    drop(head);
    let mut buf = vec![0; BLOCK];
    loop {
        let n = read_block(&mut stream, &mut buf).map_err(io_err)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_DOCUMENT_BYTES {
            return Err(InputError::new(
                name,
                InputErrorKind::TooLarge {
                    size: MAX_DOCUMENT_BYTES + 1,
                    limit: MAX_DOCUMENT_BYTES,
                },
            ));
        }
        scan.block(&name, &buf[..n])?;
        spool.write(&buf[..n]).map_err(io_err)?;
    }
    drop(stream);
    let decoding = scan.finish(&name)?;
    let bytes = spool.reader(source)?;
    Ok(Opened::Stream(TextStream {
        name,
        bytes,
        decoding,
        pieces: Pieces::new(decoding),
        total,
        read: 0,
        buf,
        done: false,
    }))
}

/// Fills `buf` from `r`, short only at the end.
fn read_block(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

impl TextStream {
    /// The document's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How the text is decoded.
    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// The next piece of text, `None` at the end.
    pub fn next_piece(&mut self) -> Result<Option<String>, InputError> {
        if self.done {
            return Ok(None);
        }
        let n = read_block(&mut self.bytes, &mut self.buf).map_err(|e| {
            self.done = true;
            InputError::new(self.name.clone(), InputErrorKind::Io(e))
        })?;
        self.read += n as u64;
        let last = n < self.buf.len();
        let mut piece = String::new();
        let changed = self.read > self.total
            || (last && self.read != self.total)
            || !self.pieces.decode(&self.buf[..n], last, &mut piece);
        if changed {
            self.done = true;
            return Err(InputError::new(
                self.name.clone(),
                InputErrorKind::Io(io::Error::other(
                    "changed while being read",
                )),
            ));
        }
        self.done = last;
        if last && piece.is_empty() {
            return Ok(None);
        }
        Ok(Some(piece))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode;

    fn pieces(
        source: &Source,
        bytes: Vec<u8>,
        forced: Option<&'static Encoding>,
    ) -> Result<(String, Decoding), InputError> {
        let stream: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(bytes));
        match open(source, stream, forced)? {
            Opened::Whole(_) => panic!("read whole"),
            Opened::Stream(mut s) => {
                let mut text = String::new();
                let mut n = 0;
                while let Some(p) = s.next_piece()? {
                    assert!(p.len() <= 3 * BLOCK);
                    text.push_str(&p);
                    n += 1;
                }
                assert!(n > 1);
                Ok((text, s.decoding()))
            }
        }
    }

    /// The same text and decoding as the whole document decoded at once,
    /// UTF-8 sequences and UTF-16 units cut by blocks included.
    #[test]
    fn pieces_decode_as_the_whole_document() {
        let mut utf8 = "\u{FEFF}".to_string();
        while utf8.len() < 3 * WHOLE {
            utf8.push_str("é حلب x€ 𝄞\n");
        }
        let mut cp1252 = utf8.clone().into_bytes();
        cp1252.extend_from_slice(b"caf\xe9\n");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in utf8.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let mut utf16_odd = utf16.clone();
        utf16_odd.extend_from_slice(&[0x00, 0xD8, b'A']);
        let stdin = Source::Stdin;
        for (name, bytes, forced) in [
            ("utf8", utf8.clone().into_bytes(), None),
            ("cp1252 at the end", cp1252, None),
            ("utf16", utf16, None),
            ("utf16 lossy", utf16_odd, None),
            (
                "forced latin1",
                utf8.clone().into_bytes(),
                decode::parse_label("latin1"),
            ),
        ] {
            let (want, want_d) =
                decode::decode(name, bytes.clone(), forced, None).unwrap();
            let (got, got_d) = pieces(&stdin, bytes, forced).unwrap();
            assert_eq!(got_d, want_d, "{name}");
            assert!(got == want, "{name}: text differs");
        }
    }

    #[test]
    fn errors_are_found_before_the_first_piece() {
        let stdin = Source::Stdin;
        let mut bytes = vec![b'a'; 3 * WHOLE];
        bytes.extend_from_slice(b"\n\xff");
        let utf8 = decode::parse_label("utf-8");
        let e = pieces(&stdin, bytes.clone(), utf8).unwrap_err();
        assert_eq!(e.to_string(), format!("-:2: invalid UTF-8 at byte offset {} (the file must be UTF-8)", 3 * WHOLE + 1));
        bytes.push(0);
        let e = pieces(&stdin, bytes, utf8).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "-: binary file (NUL byte at offset {}), skipped",
                3 * WHOLE + 2
            )
        );
    }
}
