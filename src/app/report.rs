//! What the user sees on standard error during a run: errors naming the
//! input, notes, `--verbose` detail, a progress bar (only on a terminal,
//! and only once the run has lasted two seconds) and the closing line.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
        }
    }

    /// Prints a line on stderr without tearing the progress bar.
    fn print(&self, line: &str) {
        self.bar.suspend(|| eprintln!("gazetag: {line}"));
    }

    /// An input that could not be read (decides the exit code).
    pub fn error(&mut self, message: &str) {
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
            "gazetag: done: {}, {}, {} in {:.2} s",
            plural(self.documents, "document"),
            plural(self.spans, "span"),
            plural(self.errors, "error"),
            self.started.elapsed().as_secs_f64()
        );
    }
}
