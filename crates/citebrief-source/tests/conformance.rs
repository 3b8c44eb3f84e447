//! Conformance against third-party data in `../shared/peers` (run by `just conformance`).

use std::path::PathBuf;

fn peers() -> PathBuf {
    let dir = std::env::var_os("CITEBRIEF_PEERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/peers"
            ))
        });
    assert!(
        dir.is_dir(),
        "../shared/peers not found: set CITEBRIEF_PEERS or run from a checkout with ../shared beside it"
    );
    dir
}

/// pySBD's English golden rules: strip each sentence, compare the lists exactly.
#[test]
#[ignore = "reads ../shared/peers; run by just conformance"]
fn golden_rules_en() {
    let path = peers().join("golden_rules_en.jsonl");
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (mut passed, mut total) = (0, 0);
    for (n, line) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
        let text = case["text"].as_str().expect("text is a string");
        let want: Vec<&str> = case["sentences"]
            .as_array()
            .expect("sentences is a list")
            .iter()
            .map(|s| s.as_str().unwrap_or("").trim())
            .collect();
        let got: Vec<&str> = citebrief_source::segment(text)
            .into_iter()
            .map(|(a, b)| text[a..b].trim())
            .collect();
        total += 1;
        if got == want {
            passed += 1;
        } else {
            println!(
                "golden rule {} differs:\n  want {want:?}\n  got  {got:?}",
                case["id"]
            );
        }
    }
    println!("golden rules passed: {passed}/{total}");
    assert_eq!(total, 48, "{}: expected 48 cases", path.display());
    assert!(
        passed >= 46,
        "golden rules: {passed}/{total} passed, floor is 46"
    );
}
