//! Markdown to Typst on a large brief: the sample brief rendered and repeated 300 times.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn convert(c: &mut Criterion) {
    let brief = citebrief_render::render_markdown(
        common::templates_dir(),
        &common::config(),
        &common::store(),
        &common::names(),
    )
    .expect("the sample brief renders");
    let markdown = brief.repeat(300);
    let mut group = c.benchmark_group("markdown_to_typst");
    group.throughput(Throughput::Bytes(markdown.len() as u64));
    group.bench_function("sample brief x300", |b| {
        b.iter(|| citebrief_render::markdown_to_typst(&markdown, Path::new(".")))
    });
    group.finish();
}

criterion_group!(benches, convert);
criterion_main!(benches);
