//! `gazetag debug ...`: the engine's folding for the project's scripts, so
//! that they compare names as the matcher does instead of imitating it.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use anyhow::{anyhow, Result};

use gazetag::internals::{key, normalize_key, Case};

use crate::cli::{CaseArg, FoldArgs};

/// What `debug fold` writes for each line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldMode {
    /// The line folded as aliases are (`normalize_key`), with this case
    /// rule.
    Fold(Case),
    /// The transliteration key of the case-folded line.
    Key,
}

impl From<&FoldArgs> for FoldMode {
    fn from(args: &FoldArgs) -> FoldMode {
        match (args.key, args.case) {
            (true, _) => FoldMode::Key,
            (false, CaseArg::Fold) => FoldMode::Fold(Case::Fold),
            (false, CaseArg::Keep) => FoldMode::Fold(Case::Keep),
        }
    }
}

/// Runs `debug fold` on standard input and output.
pub fn fold(args: &FoldArgs) -> Result<()> {
    let stdin = io::stdin().lock();
    let stdout = io::stdout().lock();
    fold_lines(stdin, stdout, FoldMode::from(args))
}

/// Folds every line of `input` into `output`, one line for one line.
///
/// A line ends at `\n`; a last line without it still gets one. Output is
/// flushed whenever the input has nothing more buffered, so a caller may
/// also keep the process open and send one line at a time.
pub fn fold_lines(
    input: impl Read,
    output: impl Write,
    mode: FoldMode,
) -> Result<()> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let mut output = BufWriter::with_capacity(64 * 1024, output);
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        if input.buffer().is_empty() {
            output.flush()?;
        }
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        let text = std::str::from_utf8(&line).map_err(|e| {
            anyhow!("standard input, line {number}: not UTF-8 ({e})")
        })?;
        let folded = match mode {
            FoldMode::Fold(case) => normalize_key(text, case),
            FoldMode::Key => key(&normalize_key(text, Case::Fold)),
        };
        output.write_all(folded.as_bytes())?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(())
}
