# citebrief tasks. `just` lists them.

set shell := ["bash", "-euo", "pipefail", "-c"]

shared := env_var_or_default("CITEBRIEF_SHARED", "../shared")

# List the recipes
default:
    @just --list

# Build every brief under briefs/, or one: `just brief paris-2026-01`
brief name="": _release
    @target/release/citebrief build {{ if name == "" { "" } else { "briefs/" + name } }}

# Check that the committed briefs are up to date (writes nothing)
check: _release
    @target/release/citebrief build --check

# Builds the release binary when a source of it is newer than the binary. cargo's own
# up-to-date check takes longer than a no-op build of the seed brief, so it is skipped when
# nothing changed; after a build the binary is touched, as cargo leaves it alone when only a
# file it does not use changed.
[private]
_release:
    #!/usr/bin/env bash
    set -euo pipefail
    bin=target/release/citebrief
    if [ ! -x "$bin" ] || [ -n "$(find Cargo.toml Cargo.lock crates/*/Cargo.toml crates/*/src crates/*/data -newer "$bin" -print -quit 2>/dev/null)" ]; then
        cargo build --release --locked --quiet -p citebrief
        touch "$bin"
    fi

# Unit and integration tests, clippy, formatting: needs nothing outside the repository
test:
    cargo test --workspace --locked
    cargo clippy --workspace --all-targets --locked -- -D warnings
    cargo fmt --all --check

# A click on a note opens the source's page with the quoted line highlighted, its quote marked
# and in view, and its link back returns to the statement. Needs Chromium (Debian's chromium
# package, or CITEBRIEF_CHROMIUM); leaves screenshots in target/browser/.
# brief.html in headless Chromium: a note opens its source line, marked and in view
browser:
    @test -x "${CITEBRIEF_CHROMIUM:-/usr/bin/chromium}" || { echo "error: ${CITEBRIEF_CHROMIUM:-/usr/bin/chromium} not found: install Chromium (apt-get install chromium) or set CITEBRIEF_CHROMIUM" >&2; exit 1; }
    cargo test --locked -p citebrief --test browser -- --ignored --nocapture

# Suites that hold our code against third-party data in ../shared/peers, the seed brief's
# scores, and the scores of a brief built from ../shared/dev/ukraine (in target/, not kept)
conformance: _release
    @test -d "{{shared}}/peers" || { echo "error: {{shared}}/peers not found: conformance needs the shared folder beside the checkout (or set CITEBRIEF_SHARED)" >&2; exit 1; }
    CITEBRIEF_PEERS="$(cd {{shared}}/peers && pwd)" cargo test --release --locked --workspace --test conformance -- --ignored --nocapture
    python3 "{{shared}}/eval/score.py" briefs/paris-2026-01/facts.yaml "{{shared}}/gold/seeds.yaml" briefs/paris-2026-01/sources \
        --min body.f1=0.97 commitments.strict_f1=0.85 commitments.support=0.95 caveats.support=0.90 caveats.f1=0.85 \
              discrepancies.recall=0.75 discrepancies.precision=0.75 commitments.cited_right=0.95 \
        --max citations.broken=0
    @just _dev ukraine briefs/paris-2026-01/brief.yaml --min commitments.strict_f1=0.70 commitments.support=0.85 caveats.f1=0.6 --max citations.broken=0
    @just _dev ukraine new --min commitments.strict_f1=0.70 commitments.support=0.85 caveats.f1=0.55 --max citations.broken=0
    @just _dev haiti new --min commitments.strict_f1=0.60 commitments.support=0.80 --max citations.broken=0
    python3 "{{shared}}/eval/score.py" briefs/haiti-mss/facts.yaml "{{shared}}/dev/haiti/gold.yaml" briefs/haiti-mss/sources \
        --min commitments.strict_f1=0.60 commitments.support=0.85 --max citations.broken=0
    @! grep -n -i -E 'ukrain|russia' briefs/haiti-mss/brief.md briefs/haiti-mss/brief.html || { echo "error: briefs/haiti-mss/brief.md or brief.html names the seed brief's subject" >&2; exit 1; }
    @for f in briefs/haiti-mss/sources/*.txt; do cmp -s "$f" "{{shared}}/dev/haiti/sources/$(basename "$f")" || { echo "error: $f differs from {{shared}}/dev/haiti/sources" >&2; exit 1; }; done

# Builds a brief from ../shared/dev/NAME in target/dev/NAME, with the subject and lexicon of
# the brief.yaml BRIEF (`new`: the one `citebrief new` writes, which names no subject), and
# scores it against its gold
[private]
_dev name brief *floors: _release
    #!/usr/bin/env bash
    set -euo pipefail
    dir=target/dev/{{name}}-{{ if brief == "new" { "new" } else { "brief" } }}
    rm -rf "$dir"
    if [ "{{brief}}" = new ]; then
        target/release/citebrief new "$dir" --title "dev/{{name}}" >/dev/null 2>&1
    else
        mkdir -p "$dir/sources"
        sed -e 's|^title: .*|title: "dev/{{name}}"|' "{{brief}}" > "$dir/brief.yaml"
    fi
    cp "{{shared}}/dev/{{name}}/sources/"*.txt "$dir/sources/"
    target/release/citebrief build --no-pdf --quiet "$dir"
    python3 "{{shared}}/eval/score.py" "$dir/facts.yaml" "{{shared}}/dev/{{name}}/gold.yaml" "$dir/sources" {{floors}}

# Benchmarks, then the table in bench/results.md (`just bench --quick`: a short run)
bench *args:
    cargo bench --workspace --locked --benches
    cargo build --release --locked -p citebrief
    cargo run --release --locked -p citebrief-bench -- {{args}}

# Run each fuzz target for a bounded time (needs cargo-fuzz and a nightly toolchain: fuzz/README.md)
fuzz seconds="60":
    cd fuzz && for t in $(cargo +nightly fuzz list); do cargo +nightly fuzz run "$t" -- -max_total_time={{seconds}} || exit 1; done
