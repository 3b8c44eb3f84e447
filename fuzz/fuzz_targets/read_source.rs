//! Any bytes read as a source: no panic, and every sentence lies inside its line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = citebrief_source::read_bytes("fuzz", data);
    for s in &doc.sentences {
        let line = &doc.lines[s.line as usize - 1];
        assert!(line.start <= s.start && s.end <= line.end, "sentence outside its line");
        let _ = doc.sentence_text(s);
    }
    let whole = citebrief_source::read_bytes_whole("fuzz", data);
    assert_eq!(whole.lines.len(), doc.lines.len());
});
