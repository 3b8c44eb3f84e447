//! The page of one source, as a brief of 100,000 sources renders 100,000 of them: 42 lines of
//! a news page, three of them cited.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn pages(c: &mut Criterion) {
    let store = common::store();
    let html = citebrief_render::render_html(
        common::templates_dir(),
        &common::config(),
        &store,
        &common::names(),
    )
    .expect("the sample brief renders");
    let mut lines: Vec<String> = (1..=42)
        .map(|n| {
            if n % 2 == 0 {
                String::new()
            } else {
                format!("Paragraph {n} of the article, about as long as a news paragraph is, with a clause or two and a quote from an official who spoke.")
            }
        })
        .collect();
    lines[3] = "France and Britain pledged two patrol boats for the harbour.".into();
    lines[8] = "Germany offered *50 million* for the <script>alert(1)</script> repairs.".into();
    lines[13] = "France and Britain signed a declaration of intent to deploy up to 15,000 soldiers after a ceasefire.".into();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|l| l.len() + 1).sum();
    let mut group = c.benchmark_group("source_page");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("42 lines, 3 cited", |b| {
        b.iter(|| {
            html.pages
                .render(&store.sources, "a_gazette", &refs)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
