//! Integration tests of the `gazetag` binary: one test binary, one module
//! per area (as in ripgrep's `tests/`).

mod cli;
mod errors;
mod golden;
mod io;
mod rules_version;
mod tagging;
mod util;
