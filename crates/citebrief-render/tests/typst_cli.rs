//! How the renderer talks to the `typst` program, with `CITEBRIEF_TYPST` standing in for a
//! missing, old or failing typst. One test, since it changes the process environment.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use citebrief_render::{compile_pdf, typst_version, RenderError, TYPST_ENV};

fn fake_typst(dir: &Path, script: &str) -> String {
    let path = dir.join("fake-typst");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

fn hidden_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn missing_old_and_failing_typst_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let install = "cargo install --locked typst-cli --version 0.15.1";

    std::env::set_var(TYPST_ENV, dir.path().join("no-such-typst"));
    let err = typst_version().unwrap_err().to_string();
    assert!(err.contains(install) && err.contains("--no-pdf"), "{err}");
    assert!(!err.contains('\n'), "one line: {err}");
    let err = compile_pdf("x", dir.path(), &dir.path().join("x.pdf"), 0).unwrap_err();
    assert!(matches!(err, RenderError::TypstMissing(_)), "{err}");
    assert!(hidden_files(dir.path()).is_empty());

    std::env::set_var(
        TYPST_ENV,
        fake_typst(dir.path(), "echo 'typst 0.14.2 (abc)'"),
    );
    let err = typst_version().unwrap_err().to_string();
    assert!(err.contains("0.14.2") && err.contains(install), "{err}");

    std::env::set_var(
        TYPST_ENV,
        fake_typst(dir.path(), "echo 'typst 0.15.1 (abc)'"),
    );
    assert_eq!(typst_version().unwrap(), "0.15.1");
    std::env::set_var(TYPST_ENV, fake_typst(dir.path(), "echo 'typst 0.16.0'"));
    assert_eq!(typst_version().unwrap(), "0.16.0");

    std::env::set_var(
        TYPST_ENV,
        fake_typst(dir.path(), "echo 'error: the sky fell' >&2; exit 1"),
    );
    let err = compile_pdf("x", dir.path(), &dir.path().join("x.pdf"), 0).unwrap_err();
    let RenderError::Typst { message, .. } = &err else {
        panic!("{err}")
    };
    assert!(message.contains("the sky fell"), "{message}");
    assert!(
        hidden_files(dir.path()).is_empty(),
        "the temporary source is removed"
    );

    std::env::remove_var(TYPST_ENV);
    if typst_version().is_err() {
        println!("skipped the real typst checks: typst is not on PATH");
        return;
    }
    let err = compile_pdf("#let x = (", dir.path(), &dir.path().join("x.pdf"), 0).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("x.pdf") && text.contains("error"), "{text}");
    assert!(text.contains("brief.typ (generated)"), "{text}");
    assert!(hidden_files(dir.path()).is_empty());

    let warnings = compile_pdf(
        "#text(font: \"No Such Font 123\")[hi]",
        dir.path(),
        &dir.path().join("w.pdf"),
        0,
    )
    .unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("No Such Font 123"), "{warnings:?}");
}
