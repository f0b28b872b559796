//! The `gazetag` binary: parse arguments, run, map the outcome to an exit
//! code. A closed output pipe ends the run quietly with success.

mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match app::run(args) {
        Ok(app::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(app::Outcome::SomeInputsFailed) => ExitCode::from(1),
        Err(err) if app::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Line breaks are the message's own (one per gazetteer
            // error); the file names in it have theirs escaped.
            let message = format!("{err:#}");
            let lines: Vec<_> = message.lines().map(app::shown).collect();
            eprintln!("gazetag: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}
