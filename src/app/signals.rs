//! SIGINT, SIGTERM and SIGHUP during a run that writes files: the
//! temporary files not renamed yet are removed, the interrupted run is
//! named on stderr, and the process exits with 128 + the signal number
//! (130, 143, 129), as a shell reports a process killed by it.

use anyhow::{Context, Result};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::target;

/// Handles the signals from now on; `what` names the run in the message
/// (`writing spans.csv`).
pub fn clean_up_on_signals(what: String) -> Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context("installing the signal handlers")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let removed = target::remove_pending();
                let name = match signal {
                    SIGINT => "SIGINT",
                    SIGTERM => "SIGTERM",
                    _ => "SIGHUP",
                };
                let detail = match removed {
                    0 => "",
                    1 => "; the temporary file was removed",
                    _ => "; the temporary files were removed",
                };
                eprintln!("gazetag: {what} interrupted by {name}{detail}");
                std::process::exit(128 + signal);
            }
        })
        .context("starting the signal thread")?;
    Ok(())
}
