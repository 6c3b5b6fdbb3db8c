//! The PDF layout, without writing the PDF; what is asserted is in `checks.rs`.
#![no_main]

#[path = "checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::layout(data));
