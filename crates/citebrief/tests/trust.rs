//! What `verify` and the build must check rather than trust: a citation naming a file outside
//! the brief, and a cache folder crafted by someone else.

mod common;

use common::Scratch;
use predicates::prelude::*;

/// The first citation of the first commitment: (source, line, quote).
fn first_citation(store: &serde_yaml::Value) -> (String, u64, String) {
    let c = &store["commitments"][0]["citations"][0];
    (
        c["source"].as_str().unwrap().to_string(),
        c["line"].as_u64().unwrap(),
        c["quote"].as_str().unwrap().to_string(),
    )
}

#[test]
fn verify_never_reads_a_citation_source_outside_the_brief() {
    let s = Scratch::seed(2);
    s.build();
    s.cmd().args(["verify", "briefs/b"]).assert().success();
    let mut store: serde_yaml::Value = serde_yaml::from_str(&s.read("facts.yaml")).unwrap();
    let (_, _, quote) = first_citation(&store);
    // A file outside the brief whose line 1 holds the quote: briefs/b/sources/../../secret.txt
    std::fs::write(
        s.root.path().join("briefs/secret.txt"),
        format!("{quote}\n"),
    )
    .unwrap();
    {
        let c = &mut store["commitments"][0]["citations"][0];
        c["source"] = "../../secret".into();
        c["line"] = 1.into();
    }
    s.write("facts.yaml", &serde_yaml::to_string(&store).unwrap());
    s.cmd()
        .args(["verify", "briefs/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("../../secret"))
        .stderr(predicate::str::contains("not a source of this brief"))
        .stderr(predicate::str::contains("panicked").not());

    // The same through a source record whose `file:` leaves the folder.
    let mut store: serde_yaml::Value = serde_yaml::from_str(&s.read("facts.yaml")).unwrap();
    store["commitments"][0]["citations"][0]["source"] = "sneaky".into();
    store["sources"]["sneaky"] =
        serde_yaml::from_str("{file: ../../secret.txt, sha256: ''}").unwrap();
    s.write("facts.yaml", &serde_yaml::to_string(&store).unwrap());
    s.cmd()
        .args(["verify", "briefs/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("../../secret.txt"))
        .stderr(predicate::str::contains("not a source of this brief"));
}

#[cfg(unix)]
#[test]
fn verify_never_reads_a_source_through_a_link() {
    let s = Scratch::seed(2);
    s.build();
    let store: serde_yaml::Value = serde_yaml::from_str(&s.read("facts.yaml")).unwrap();
    let (source, _, _) = first_citation(&store);
    let file = store["sources"][&source]["file"]
        .as_str()
        .unwrap()
        .to_string();
    // The same bytes, but outside the brief and reached through a link.
    let outside = s.root.path().join("outside.txt");
    std::fs::rename(s.path(&format!("sources/{file}")), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, s.path(&format!("sources/{file}"))).unwrap();
    s.cmd()
        .args(["verify", "briefs/b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(&file))
        .stderr(predicate::str::contains("symbolic link"));
}

#[test]
fn a_crafted_merge_basis_in_the_cache_never_reaches_the_brief() {
    let s = Scratch::seed(2);
    s.build();
    let basis_path = s.path(".citebrief-cache/basis.json");
    let bytes = std::fs::read(&basis_path).unwrap();
    // whatever lines come first (hashes), then the store as JSON: keep the lines, change the store
    let start = bytes.iter().position(|&b| b == b'{').unwrap();
    let (head, json) = bytes.split_at(start);
    let mut basis: serde_json::Value = serde_json::from_slice(json).unwrap();
    let mut fact = basis["commitments"][0].clone();
    fact["id"] = "c-injected".into();
    fact["statement"] = "INJECTED STATEMENT from a crafted cache".into();
    fact["review"] = "accepted".into();
    fact["origin"] = "manual".into();
    if fact
        .get("citations")
        .is_none_or(|c| c.as_array().is_none_or(Vec::is_empty))
    {
        // a proposed fact's basis has no citations: borrow those of facts.yaml
        let store: serde_yaml::Value = serde_yaml::from_str(&s.read("facts.yaml")).unwrap();
        let cites = serde_json::to_value(&store["commitments"][0]["citations"]).unwrap();
        fact["citations"] = cites;
    }
    basis["commitments"].as_array_mut().unwrap().push(fact);
    let mut crafted = head.to_vec();
    crafted.extend(serde_json::to_vec(&basis).unwrap());
    std::fs::write(&basis_path, crafted).unwrap();
    // Any change that makes the next build a full one.
    let tpl = s.root.path().join("templates/brief.md.j2");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{text}\nChanged.\n")).unwrap();
    s.build().stderr(predicate::str::contains("panicked").not());
    assert!(!s.read("facts.yaml").contains("INJECTED"));
    assert!(!s.read("brief.md").contains("INJECTED"));
    s.cmd().args(["verify", "briefs/b"]).assert().success();
}

#[test]
fn a_crafted_outputs_record_never_passes_off_stale_outputs_as_fresh() {
    let s = Scratch::seed(2);
    s.build();
    // Someone ships a brief.md of their own with a cache record that claims it is current.
    let md = s.read("brief.md");
    let forged = md.replacen("## Bottom line", "## Bottom line\n\nFORGED TEXT", 1);
    s.write("brief.md", &forged);
    let record_path = s.path(".citebrief-cache/outputs");
    let record = std::fs::read_to_string(&record_path).unwrap();
    let sha = |b: &[u8]| {
        use sha2::Digest;
        sha2::Sha256::digest(b)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let old_sha = sha(md.as_bytes());
    let new_sha = sha(forged.as_bytes());
    assert!(
        record.contains(&old_sha),
        "the record names brief.md's hash"
    );
    std::fs::write(&record_path, record.replace(&old_sha, &new_sha)).unwrap();
    s.build();
    assert!(
        !s.read("brief.md").contains("FORGED TEXT"),
        "a build rewrites an output it did not make"
    );
}
