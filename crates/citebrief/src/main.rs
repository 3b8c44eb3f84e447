//! The `citebrief` command line: a thin layer over the extract, store and render crates.
fn main() {}
