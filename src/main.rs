//! The `budapest-gap` command-line tool: a thin layer over the library. It parses arguments,
//! reads and writes files, picks exit codes and renders for the terminal; the methodology lives
//! in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
