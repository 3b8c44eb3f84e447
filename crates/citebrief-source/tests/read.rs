//! End-to-end reading: encodings, line ends, bad files, whole-file mode, the seed sources.

use citebrief_source::{read_all, read_bytes, read_bytes_whole, Document};

const PAGE: &str = "Harbour Gazette\nHome\nWeather\nSport\n\nFerry Returns After Storm\n\n\
The ferry left the harbour at dawn, carrying forty passengers and a goat named Ole.\n\n\
Crew members said the crossing was calm, although the wind picked up near the café.\n\n\
© 2031 Harbour Gazette\n";

fn body_texts(doc: &Document) -> Vec<&str> {
    doc.lines
        .iter()
        .filter(|l| l.body)
        .map(|l| doc.text[l.start..l.end].trim())
        .collect()
}

fn body_numbers(doc: &Document) -> Vec<u32> {
    doc.lines
        .iter()
        .filter(|l| l.body)
        .map(|l| l.number)
        .collect()
}

#[test]
fn menus_and_footers_are_not_body() {
    let doc = read_bytes("gazette", PAGE.as_bytes());
    assert_eq!(body_texts(&doc)[0], "Ferry Returns After Storm");
    assert!(body_texts(&doc)
        .iter()
        .all(|t| !t.contains('©') && *t != "Weather"));
    assert_eq!(doc.meta.title.as_deref(), Some("Ferry Returns After Storm"));
    assert_eq!(doc.meta.publisher.as_deref(), Some("Harbour Gazette"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn line_numbers_follow_the_file_for_every_line_end() {
    let lf = read_bytes("lf", PAGE.as_bytes());
    for (name, ending) in [("crlf", "\r\n"), ("cr", "\r")] {
        let text = PAGE.replace('\n', ending);
        let doc = read_bytes(name, text.as_bytes());
        assert_eq!(doc.lines.len(), text.matches(ending).count(), "{name}");
        assert_eq!(body_numbers(&doc), body_numbers(&lf), "{name}");
        assert_eq!(body_texts(&doc), body_texts(&lf), "{name}");
    }
}

#[test]
fn boms_and_utf16_read_like_utf8() {
    let lf = read_bytes("lf", PAGE.as_bytes());
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(PAGE.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    le.extend(
        PAGE.replace('\n', "\r\n")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let mut be = vec![0xFE, 0xFF];
    be.extend(PAGE.encode_utf16().flat_map(u16::to_be_bytes));
    for (bytes, encoding) in [(with_bom, "UTF-8"), (le, "UTF-16LE"), (be, "UTF-16BE")] {
        let doc = read_bytes("page", &bytes);
        assert_eq!(doc.encoding, encoding);
        assert_eq!(
            doc.line_text(1),
            Some("Harbour Gazette"),
            "{encoding}: no BOM in line 1"
        );
        assert_eq!(body_numbers(&doc), body_numbers(&lf), "{encoding}");
    }
}

#[test]
fn legacy_single_byte_pages_read_correctly() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(PAGE);
    assert!(std::str::from_utf8(&bytes).is_err());
    let doc = read_bytes("latin", &bytes);
    assert_eq!(doc.encoding, "windows-1252");
    assert!(doc
        .sentences
        .iter()
        .any(|s| doc.sentence_text(s).ends_with("near the café.")));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn bad_files_warn_and_do_not_stop_the_brief() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    let docs = read_all(vec![
        ("empty".into(), Vec::new()),
        ("blank".into(), b"  \n\t\r\n".to_vec()),
        ("image".into(), png),
        ("menu".into(), b"Home\nWeather\nSport\nLogin\n".to_vec()),
        ("good".into(), PAGE.as_bytes().to_vec()),
    ]);
    let expect = [
        ("empty", "empty"),
        ("blank", "whitespace"),
        ("image", "binary"),
        ("menu", "no article text"),
    ];
    for (doc, (id, word)) in docs.iter().zip(expect) {
        assert_eq!(doc.id, id);
        assert_eq!(doc.warnings.len(), 1, "{id}: {:?}", doc.warnings);
        assert!(
            doc.warnings[0].message.contains(word),
            "{id}: {}",
            doc.warnings[0].message
        );
        assert!(doc.body_ranges().is_empty(), "{id}");
    }
    assert!(docs[4].warnings.is_empty());
    assert!(!docs[4].sentences.is_empty());
}

#[test]
fn blocks_shared_between_sources_are_furniture() {
    let page = |story: &str| {
        format!("Daily Digest Sign Ups Open\nWeekly Quiz And Puzzles\n\nFerry Returns After Storm\n{story}\n")
    };
    let a = page("The ferry left the harbour at dawn, carrying forty passengers and a goat.");
    let b = page("Crew members said the crossing was calm, although the wind picked up later.");
    assert!(body_texts(&read_bytes("a", a.as_bytes())).contains(&"Weekly Quiz And Puzzles"));
    for doc in read_all(vec![
        ("a".into(), a.into_bytes()),
        ("b".into(), b.into_bytes()),
    ]) {
        let body = body_texts(&doc);
        assert!(
            !body.contains(&"Weekly Quiz And Puzzles"),
            "{}: {body:?}",
            doc.id
        );
        assert!(
            !body.contains(&"Daily Digest Sign Ups Open"),
            "{}: {body:?}",
            doc.id
        );
        assert_eq!(
            body[0], "Ferry Returns After Storm",
            "{}: a lone shared headline stays",
            doc.id
        );
        assert_eq!(body.len(), 2, "{}", doc.id);
    }
}

#[test]
fn whole_mode_keeps_every_line() {
    let doc = read_bytes_whole("gazette", PAGE.as_bytes());
    let nonblank = doc
        .lines
        .iter()
        .filter(|l| !doc.text[l.start..l.end].trim().is_empty())
        .count();
    assert_eq!(body_texts(&doc).len(), nonblank);
    assert!(doc
        .sentences
        .iter()
        .any(|s| doc.sentence_text(s) == "Weather"));
    assert_eq!(doc.meta.title.as_deref(), Some("Ferry Returns After Storm"));
    assert_eq!(doc.body_ranges(), [[1, doc.lines.len() as u32]]);
}

/// The committed seed sources: general properties, not line numbers.
#[test]
fn seed_sources_read_cleanly() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../briefs/paris-2026-01/sources"
    );
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
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
    inputs.sort();
    assert_eq!(inputs.len(), 5);
    for doc in read_all(inputs) {
        assert!(doc.warnings.is_empty(), "{}: {:?}", doc.id, doc.warnings);
        let body = body_texts(&doc);
        assert!(
            body.len() >= 10,
            "{}: only {} body lines",
            doc.id,
            body.len()
        );
        for t in &body {
            assert!(
                !t.contains('©') && !t.starts_with('•'),
                "{}: furniture in body: {t}",
                doc.id
            );
        }
        for s in &doc.sentences {
            let line = doc.lines[s.line as usize - 1];
            assert!(
                line.body && line.start <= s.start && s.end <= line.end,
                "{}: {s:?}",
                doc.id
            );
        }
        assert!(doc.meta.title.as_deref().is_none_or(|t| !t.ends_with('.')));
        assert!(doc
            .meta
            .date
            .as_deref()
            .is_none_or(|d| d.len() == 10 && d.as_bytes()[4] == b'-'));
    }
}

/// A page, its expected body line numbers, title and date.
type Shape<'a> = (&'a str, &'a [u32], Option<&'a str>, Option<&'a str>);

/// Page shapes other than the seeds.
#[test]
fn common_page_shapes() {
    let blog = "Skip to content\nThe Daily Planet\nWorld\nPolitics\nOpinion\nSubscribe\n\nWorld News\n\n\
        Leaders Meet in Geneva to Discuss Trade Deal\nBy John Smith\nPublished January 9, 2026 at 10:32 am\n\
        Share on Facebook\nShare on Twitter\n\n\
        GENEVA — Leaders from ten countries met on Thursday to discuss a new trade framework for farm goods.\n\
        The talks, hosted by the Swiss government, ran late into the evening as negotiators haggled.\n\
        Advertisement\n\
        \"We are closer than we have ever been,\" said the Swiss economy minister, who chaired the session.\n\
        Related: Trade talks stall in Brussels\n\
        Officials said a draft text could be ready by the end of the month, though some had reservations.\n\n\
        Tags: trade, Geneva\nLeave a Comment\nYou must be logged in to post a comment.\n\
        © 2026 The Daily Planet. Powered by WordPress.\n";
    let portal = "Tuesday, 13 January 2026 09:14\nLogin | Register\nHOME  NEWS  SPORT  BUSINESS\n\
        Breaking: Storm warning for coastal areas\n\n\
        Storm Batters Coastal Towns as Thousands Lose Power\n13 January 2026\n\
        Heavy rain and gale-force winds lashed the coast overnight, cutting power to more than 40,000 homes.\n\
        Emergency crews worked through the night to clear fallen trees, the regional authority said.\n\
        Reporting by Maria Lopez; Editing by Tom Hale\nMost Read\n\
        Storm Batters Coastal Towns as Thousands Lose Power\nCouncil approves new budget after long debate\n\
        Copyright © 2026 Coastal Herald Media. All rights reserved.\n";
    let list = "Home | World | Business\nMarkets slide as rate fears return\n\
        Stocks fell sharply on Wednesday as investors worried that central banks would keep rates higher.\n\
        Key points:\n• The main index fell 2.1% in its worst day since March.\n\
        • Bond yields rose to their highest level in sixteen years.\n\
        Analysts said the selloff could continue into next week if inflation data disappoints.\n\
        Share this article\nEmail\nPrint\nJane Roe is a markets reporter based in London.\n\
        More from Business\nBanks post record profits\n";
    let cases: [Shape; 3] = [
        (
            blog,
            &[10, 11, 12, 16, 17, 19, 21],
            Some("Leaders Meet in Geneva to Discuss Trade Deal"),
            Some("2026-01-09"),
        ),
        (
            portal,
            &[6, 7, 8, 9, 10],
            Some("Storm Batters Coastal Towns as Thousands Lose Power"),
            Some("2026-01-13"),
        ),
        (
            list,
            &[2, 3, 4, 5, 6, 7, 11],
            Some("Markets slide as rate fears return"),
            None,
        ),
    ];
    for (k, (page, body, title, date)) in cases.into_iter().enumerate() {
        let doc = read_bytes("page", page.as_bytes());
        assert_eq!(
            body_numbers(&doc),
            body,
            "page {k}: {:#?}",
            body_texts(&doc)
        );
        assert_eq!(doc.meta.title.as_deref(), title, "page {k}");
        assert_eq!(doc.meta.date.as_deref(), date, "page {k}");
    }
}

#[test]
fn streaming_read_gives_the_documents_of_read_all() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../briefs/paris-2026-01/sources");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    // Two copies of one page: their shared lines must become furniture in both read paths.
    let mut inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    let menu = b"Home | World | Sport | Business\nSubscribe to our newsletter\n".to_vec();
    for (_, bytes) in inputs.iter_mut().take(2) {
        let mut with_menu = menu.clone();
        with_menu.extend_from_slice(bytes);
        *bytes = with_menu;
    }
    let all = read_all(inputs.clone());
    let mut shared = citebrief_source::SharedLines::new();
    for (_, bytes) in &inputs {
        shared.add(&citebrief_source::LineKeys::of(bytes));
    }
    for (n, ((id, bytes), expected)) in inputs.iter().zip(&all).enumerate() {
        let doc = citebrief_source::read_shared(id, bytes, &shared);
        assert_eq!(doc.body_ranges(), expected.body_ranges(), "{id}");
        assert_eq!(doc.sentences, expected.sentences, "{id}");
        assert_eq!(doc.meta, expected.meta, "{id}");
        if n < 2 {
            assert!(
                !doc.lines[0].body,
                "{id}: a menu line shared by two sources is furniture"
            );
        }
    }
}

/// The seed brief's third page rewrites the first one's wire story; no other page repeats
/// another, though all five report one summit.
#[test]
fn the_seed_rewrite_is_found_by_overlap_and_nothing_else() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../briefs/paris-2026-01/sources");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    let mut overlap = citebrief_source::Overlap::new();
    for doc in read_all(inputs) {
        overlap.add(citebrief_source::Fingerprint::of(&doc));
    }
    assert_eq!(overlap.finish(), [None, None, Some(0), None, None]);
}
