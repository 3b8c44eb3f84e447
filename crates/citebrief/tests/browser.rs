//! brief.html in a real browser (issue 16): headless Chromium opens the seed brief from
//! `file://`, a click on a note opens the source's page with the quoted line highlighted, its
//! quote marked and the line in view, and a click on the line's link back returns to the
//! statement. Nothing is loaded but the brief's own files. Screenshots of both pages are left
//! in `target/browser/` to look at.
//!
//! Ignored by default (it needs Chromium: Debian's `chromium` package, or `CITEBRIEF_CHROMIUM`
//! naming another); `just browser` runs it. Chromium is driven through the DevTools protocol
//! over a pipe (`--remote-debugging-pipe`: no port, no network), and every step waits a
//! bounded time.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one step may take.
const STEP: Duration = Duration::from_secs(30);

/// The window, as a reader's laptop shows it.
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 900;

fn chromium() -> PathBuf {
    std::env::var_os("CITEBRIEF_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Chromium's messages, in its profile folder (shown when it fails).
const LOG: &str = "chromium.log";

/// Headless Chromium, spoken to over the DevTools pipe (fd 3 its input, fd 4 its output).
struct Browser {
    child: Child,
    to: std::fs::File,
    from: Receiver<Value>,
    next: u64,
    /// Events received while waiting for answers.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: fds is an array of two ints for pipe2 to fill.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(r, 0, "pipe2: {}", std::io::Error::last_os_error());
    // SAFETY: pipe2 returned two open descriptors that nothing else owns.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

impl Browser {
    fn launch() -> Browser {
        use std::os::fd::AsRawFd;
        let profile = tempfile::tempdir().unwrap();
        let (cmd_read, cmd_write) = pipe();
        let (out_read, out_write) = pipe();
        let (r, w) = (cmd_read.as_raw_fd(), out_write.as_raw_fd());
        let mut cmd = Command::new(chromium());
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
            &format!("--window-size={WIDTH},{HEIGHT}"),
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(profile.path().join(LOG)).unwrap());
        // SAFETY: only fcntl, dup2 and close, which are async-signal-safe, between fork and
        // exec. The ends are first copied above 4, so that neither is overwritten by the other
        // and both lose O_CLOEXEC (dup2 onto itself would keep it).
        unsafe {
            cmd.pre_exec(move || {
                let (r, w) = (
                    libc::fcntl(r, libc::F_DUPFD, 10),
                    libc::fcntl(w, libc::F_DUPFD, 10),
                );
                if r < 0 || w < 0 || libc::dup2(r, 3) < 0 || libc::dup2(w, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                libc::close(r);
                libc::close(w);
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap_or_else(|e| {
            panic!(
                "cannot start {}: {e}\n  = help: install Chromium (apt-get install chromium) or \
                 set CITEBRIEF_CHROMIUM",
                chromium().display()
            )
        });
        drop((cmd_read, out_write));
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(std::fs::File::from(out_read));
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        message.pop();
                        let Ok(v) = serde_json::from_slice::<Value>(&message) else {
                            return;
                        };
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Browser {
            child,
            to: std::fs::File::from(cmd_write),
            from: rx,
            next: 0,
            events: Vec::new(),
            _profile: profile,
        }
    }

    /// Sends a command (to a page, with `session`) and waits for its answer.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        if let Err(e) = self.to.write_all(&bytes) {
            panic!("{method}: cannot send to Chromium ({e}):\n{}", self.log());
        }
        let deadline = Instant::now() + STEP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(v) if v["id"] == json!(id) => {
                    if let Some(e) = v.get("error") {
                        panic!("{method}: {e}");
                    }
                    return v["result"].clone();
                }
                Ok(v) => self.events.push(v),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("{method}: no answer in {STEP:?}:\n{}", self.log())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("{method}: Chromium quit:\n{}", self.log())
                }
            }
        }
    }

    /// The end of what Chromium printed.
    fn log(&self) -> String {
        let text = std::fs::read_to_string(self._profile.path().join(LOG)).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// Evaluates JavaScript in the page and returns its value.
    fn eval(&mut self, session: &str, js: &str) -> Value {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{js}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `js` is true in the page.
    fn wait_for(&mut self, session: &str, js: &str) {
        let deadline = Instant::now() + STEP;
        while self.eval(session, js) != json!(true) {
            assert!(Instant::now() < deadline, "waited {STEP:?} for {js}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the centre of the first element `selector` finds, as a mouse would, after
    /// scrolling it into view.
    fn click(&mut self, session: &str, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let at = self.eval(
            session,
            &format!(
                "(() => {{ const e = document.querySelector({sel}); if (!e) return null;
                   e.scrollIntoView({{block: 'center'}});
                   const r = e.getBoundingClientRect();
                   return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
            ),
        );
        let (x, y) = (at[0].as_f64(), at[1].as_f64());
        let (Some(x), Some(y)) = (x, y) else {
            panic!("nothing to click at {selector}");
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                Some(session),
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn screenshot(&mut self, session: &str, to: &Path) {
        let r = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({"format": "png"}),
        );
        let png = base64(r["data"].as_str().expect("a screenshot"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, png).unwrap();
        eprintln!("screenshot: {}", to.display());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64, as DevTools sends screenshots.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').collect();
        let n = data
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | value(c) << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..data.len()].iter());
    }
    out
}

/// Where the target line is and what it shows, on a source page.
const TARGET: &str = "(() => {
  const t = document.querySelector(':target');
  if (!t) return null;
  const r = t.getBoundingClientRect();
  const mark = t.querySelector('mark');
  return {
    id: t.id, top: r.top, bottom: r.bottom, height: innerHeight, scrolled: scrollY,
    marks: [...t.querySelectorAll('mark')].map(m => m.textContent),
    background: getComputedStyle(t).backgroundColor,
    markBackground: mark ? getComputedStyle(mark).backgroundColor : null,
    plainBackground: getComputedStyle(document.querySelector('.lines p:not(:target)')).backgroundColor,
    back: [...t.querySelectorAll('.cited a')].map(a => a.getAttribute('href')),
  };
})()";

#[test]
#[ignore = "needs Chromium; run with `just browser`"]
fn a_note_opens_its_source_with_the_quote_marked_and_in_view() {
    let s = common::Scratch::seed(5);
    s.build();
    let brief = s.path("brief.html");
    let url = format!("file://{}", brief.display());
    let shots = common::repo().join("target/browser");

    let mut b = Browser::launch();
    let target = b.call(None, "Target.createTarget", json!({"url": "about:blank"}));
    let attached = b.call(
        None,
        "Target.attachToTarget",
        json!({"targetId": target["targetId"], "flatten": true}),
    );
    let session = attached["sessionId"].as_str().unwrap().to_string();
    let session = session.as_str();
    for domain in ["Page.enable", "Runtime.enable", "Network.enable"] {
        b.call(Some(session), domain, json!({}));
    }
    b.call(
        Some(session),
        "Emulation.setDeviceMetricsOverride",
        json!({"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": false}),
    );
    b.call(Some(session), "Page.navigate", json!({"url": url}));
    b.wait_for(
        session,
        "document.readyState === 'complete' && location.pathname.endsWith('/brief.html')",
    );
    b.screenshot(session, &shots.join("brief.png"));

    // the note that leads furthest down its source: following it must scroll
    let notes = b.eval(
        session,
        "[...document.querySelectorAll('sup.notes a')].map(a => [a.getAttribute('href'), a.title])",
    );
    let notes = notes.as_array().expect("notes");
    assert!(notes.len() > 20, "{} notes", notes.len());
    let line_of = |n: &Value| -> u32 {
        let href = n[0].as_str().unwrap();
        href.rsplit_once("#L").unwrap().1.parse().unwrap()
    };
    let note = notes.iter().max_by_key(|n| line_of(n)).unwrap();
    let (href, title) = (note[0].as_str().unwrap(), note[1].as_str().unwrap());
    let line = line_of(note);
    let quote = title
        .split_once(&format!("line {line}: “"))
        .and_then(|(_, q)| q.strip_suffix('”'))
        .unwrap_or_else(|| panic!("a note's title quotes its passage: {title}"));
    eprintln!("following {href} ({quote})");

    b.click(session, &format!("sup.notes a[href=\"{href}\"]"));
    b.wait_for(
        session,
        &format!(
            "document.readyState === 'complete' && location.hash === '#L{line}' && \
             location.pathname.includes('/html/sources/')"
        ),
    );
    let t = b.eval(session, TARGET);
    assert!(!t.is_null(), "the line is the page's target");
    assert_eq!(t["id"], json!(format!("L{line}")));
    // in view, and reached by scrolling
    let (top, bottom, height) = (
        t["top"].as_f64().unwrap(),
        t["bottom"].as_f64().unwrap(),
        t["height"].as_f64().unwrap(),
    );
    assert!(
        top >= 0.0 && bottom <= height,
        "the line is in view: {top}..{bottom} of {height}"
    );
    assert!(
        t["scrolled"].as_f64().unwrap() > 0.0,
        "the page scrolled to the line"
    );
    // highlighted, its quote marked
    let marks: Vec<&str> = t["marks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        marks.iter().any(|m| m.contains(quote)),
        "the quote is marked: {marks:?}"
    );
    assert_ne!(
        t["background"], t["plainBackground"],
        "the line is highlighted"
    );
    assert_ne!(
        t["markBackground"], t["background"],
        "the mark stands out on it"
    );
    b.screenshot(session, &shots.join("source-line.png"));

    // the line links back to the statements citing it; following one returns to it
    let back = t["back"].as_array().unwrap();
    assert!(!back.is_empty(), "the line links back");
    let back_href = back[0].as_str().unwrap();
    let fact = back_href.rsplit_once('#').unwrap().1.to_string();
    b.click(session, &format!("#L{line} .cited a"));
    b.wait_for(
        session,
        &format!(
            "document.readyState === 'complete' && location.pathname.endsWith('/brief.html') \
             && decodeURIComponent(location.hash) === '#{fact}'"
        ),
    );
    let statement = b.eval(
        session,
        "(() => { const t = document.querySelector(':target'); if (!t) return null;
           const r = t.getBoundingClientRect();
           return [t.id, r.top >= 0 && r.top < innerHeight]; })()",
    );
    assert_eq!(statement[0], json!(fact), "the statement is the target");
    assert_eq!(statement[1], json!(true), "the statement is in view");
    b.screenshot(session, &shots.join("statement.png"));

    // nothing was loaded but the brief's own files
    let urls: Vec<String> = b
        .events
        .iter()
        .filter(|e| e["method"] == json!("Network.requestWillBeSent"))
        .filter_map(|e| e["params"]["request"]["url"].as_str().map(str::to_string))
        .collect();
    assert!(urls.iter().any(|u| u.ends_with("style.css")), "{urls:?}");
    let root = format!("file://{}", s.brief().display());
    for u in &urls {
        assert!(u.starts_with(&root), "loaded from outside the brief: {u}");
    }
    b.call(None, "Browser.close", json!({}));
}
