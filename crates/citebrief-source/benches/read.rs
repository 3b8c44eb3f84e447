//! Reading throughput (decode + lines + body + metadata + sentences) on a few MB built from
//! the seed sources: each copy shifts its digits so that copies are not byte-identical.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const COPIES: usize = 150;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../briefs/paris-2026-01/sources"
    );
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("seed sources are committed")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    let mut out = Vec::new();
    for k in 0..COPIES {
        for (id, bytes) in &seeds {
            let shift = (k % 10) as u8;
            let varied = bytes
                .iter()
                .map(|&b| {
                    if b.is_ascii_digit() {
                        b'0' + (b - b'0' + shift) % 10
                    } else {
                        b
                    }
                })
                .collect();
            out.push((format!("{id}-{k}"), varied));
        }
    }
    out
}

fn read(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("source");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("read_all", |b| {
        b.iter(|| citebrief_source::read_all(black_box(docs.clone())))
    });
    group.bench_function("read_bytes", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(id, bytes)| {
                    citebrief_source::read_bytes(id, black_box(bytes))
                        .sentences
                        .len()
                })
                .sum::<usize>()
        })
    });
    let text: String = docs
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b))
        .collect();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("segment_lines", |b| {
        b.iter(|| {
            text.lines()
                .map(|l| citebrief_source::segment(black_box(l)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
