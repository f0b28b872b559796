//! What the user sees on standard error during a run: errors naming the
//! input, notes, `--verbose` detail, a progress bar (only on a terminal,
//! and only once the run has lasted two seconds) and the closing line.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub use gazetag::escape::{shown, shown_path};

/// How long a run goes before the progress bar shows.
const PROGRESS_AFTER: Duration = Duration::from_secs(2);

/// Messages and counts of one run.
pub struct Report {
    verbose: bool,
    quiet: bool,
    started: Instant,
    bar: ProgressBar,
    /// Whether the bar may show (stderr is a terminal).
    terminal: bool,
    shown: bool,
    documents: u64,
    spans: u64,
    errors: u64,
    /// Per-input records for `--stats`, when asked for.
    records: Option<Vec<serde_json::Value>>,
    bytes: u64,
    /// Said at the end of the closing line (`-g` replaced the embedded
    /// set).
    closing_note: Option<String>,
}

impl Report {
    /// A report; the clock starts now.
    pub fn new(verbose: bool, quiet: bool) -> Report {
        let bar =
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Report {
            verbose,
            quiet,
            started: Instant::now(),
            bar,
            terminal: std::io::stderr().is_terminal(),
            shown: false,
            documents: 0,
            spans: 0,
            errors: 0,
            records: None,
            bytes: 0,
            closing_note: None,
        }
    }

    /// Keeps a record of every input for [`Report::stats`].
    pub fn keep_records(&mut self) {
        self.records = Some(Vec::new());
    }

    /// Records a tagged document for `--stats`.
    pub fn record_document(
        &mut self,
        doc: &str,
        bytes: usize,
        decoding: &str,
        spans: usize,
    ) {
        self.bytes += bytes as u64;
        if let Some(r) = &mut self.records {
            r.push(serde_json::json!({
                "doc": doc, "status": "tagged", "bytes": bytes,
                "decoding": decoding, "spans": spans,
            }));
        }
    }

    /// The `--stats` document: every input, tagged or failed, and totals
    /// that add up.
    pub fn stats(&self) -> serde_json::Value {
        let inputs = self.records.clone().unwrap_or_default();
        serde_json::json!({
            "documents": self.documents,
            "failed": self.errors,
            "inputs": self.documents + self.errors,
            "spans": self.spans,
            "bytes": self.bytes,
            "seconds": self.started.elapsed().as_secs_f64(),
            "per_input": inputs,
        })
    }

    /// Prints a line on stderr without tearing the progress bar.
    /// Control characters (a file name may hold a newline) are escaped.
    fn print(&self, line: &str) {
        let line = shown(line);
        self.bar.suspend(|| eprintln!("gazetag: {line}"));
    }

    /// An input that could not be read (decides the exit code).
    pub fn error(&mut self, message: &str) {
        if let Some(r) = &mut self.records {
            r.push(
                serde_json::json!({ "status": "failed", "error": message }),
            );
        }
        self.errors += 1;
        self.print(message);
    }

    /// Something the user should know, always printed.
    pub fn note(&mut self, message: &str) {
        self.print(&format!("note: {message}"));
    }

    /// Detail printed with `--verbose`.
    pub fn info(&mut self, message: &str) {
        if self.verbose {
            self.print(message);
        }
    }

    /// One document was tagged with `spans` spans.
    pub fn document(&mut self, spans: usize) {
        self.documents += 1;
        self.spans += spans as u64;
        if !self.shown
            && self.terminal
            && self.started.elapsed() >= PROGRESS_AFTER
        {
            self.shown = true;
            self.bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .expect("a valid progress template"),
            );
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
        if self.shown {
            self.bar.set_message(format!(
                "{} documents, {} spans, {} errors",
                self.documents, self.spans, self.errors
            ));
        }
    }

    /// How many inputs failed.
    pub fn errors(&self) -> u64 {
        self.errors
    }

    /// Adds a note in brackets to the closing line, where it sits beside
    /// the count of spans it explains.
    pub fn closing_note(&mut self, note: &str) {
        self.closing_note = Some(note.to_string());
    }

    /// Clears the bar and prints the closing line (unless `--quiet`).
    pub fn finish(&mut self) {
        self.bar.finish_and_clear();
        if self.quiet {
            return;
        }
        let plural = |n: u64, word: &str| {
            format!("{n} {word}{}", if n == 1 { "" } else { "s" })
        };
        eprintln!(
            "gazetag: done: {}, {}, {} in {:.2} s{}",
            plural(self.documents, "document"),
            plural(self.spans, "span"),
            plural(self.errors, "error"),
            self.started.elapsed().as_secs_f64(),
            self.closing_note
                .as_ref()
                .map_or_else(String::new, |n| format!(" ({n})"))
        );
    }
}
