//! Any Markdown converts to Typst without panicking or recursing without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let conv = citebrief_render::markdown_to_typst(data, std::path::Path::new("/nonexistent"));
    assert!(!conv.typst.contains('\0') || data.contains('\0'));
});
