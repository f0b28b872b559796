//! Integration tests of the `gazetag` binary: one test binary, one module
//! per area (as in ripgrep's `tests/`).

mod cli;
mod debug;
mod errors;
mod golden;
mod io;
mod tagging;
mod util;
