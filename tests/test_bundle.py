"""The checker bundle: what it holds, that checking against it finds what checking the
checkout finds, and fetching it from an address (cache, revalidation, offline, token)."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimkb.checker import fetch
from claimkb.checker.bundle import BUNDLE_FILE, FORMAT, BundleError, make_bundle, read_bundle
from claimkb.kb.load import load_knowledge_base
from conftest import FIXTURES, REPO, VALID, run_main

DATE = "2026-02-01"
COPY_SETS = sorted(p for p in FIXTURES.glob("copy-dev*") if p.is_dir())


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle ``claimkb build`` writes for the project's own knowledge base."""
    kb = Path(shutil.copytree(REPO, tmp_path_factory.mktemp("repo") / "kb", ignore=_only_the_kb))
    assert run_main("build", "--root", str(kb), "--audience", "internal", "--date", DATE)[0] == 0
    return kb / "site" / "internal" / BUNDLE_FILE


def _only_the_kb(folder: str, names: list[str]) -> list[str]:
    if Path(folder) == REPO:
        return [n for n in names if n not in ("claims", "sources", "rules", "docs", "references.bib", "mkdocs.yml")]
    return []


def test_build_writes_the_bundle_on_the_internal_site_only(tmp_path: Path):
    kb = Path(shutil.copytree(VALID, tmp_path / "kb"))
    assert run_main("build", "--root", str(kb), "--date", DATE)[0] == 0
    assert not (kb / "site" / "public" / BUNDLE_FILE).exists()
    data = json.loads((kb / "site" / "internal" / BUNDLE_FILE).read_text())
    assert data["format"] == FORMAT and data["knowledge_base"]["date"] == DATE
    # the approved record travels; the draft does not; nor does anything only reviewers read
    assert [c["id"] for c in data["claims"]] == ["ice-cures-headache"]
    text = json.dumps(data)
    for private in ("INTERNAL-MARKER", "Test Reviewer", "fingerprint", "ice-reduces-soreness"):
        assert private not in text


def test_retired_records_stay_out_of_the_bundle_and_of_the_checker(valid_kb: Path):
    record = valid_kb / "claims" / "ice-cures-headache.yaml"
    record.write_text(record.read_text().replace("status: approved,", "status: retired,"))
    kb, problems = load_knowledge_base(valid_kb)
    assert make_bundle(kb)["claims"] == []
    (valid_kb / "ad.txt").write_text("A 2010 study found that ice packs cure headaches.\n")
    code, out, _ = run_main("check", "--root", str(valid_kb), "--format", "json", str(valid_kb / "ad.txt"))
    assert "ice-cures-headache" not in out


@pytest.mark.parametrize("copy_set", COPY_SETS, ids=lambda p: p.name)
def test_checking_against_the_bundle_finds_what_checking_the_checkout_finds(bundle_file: Path, copy_set: Path):
    files = sorted(str(p) for p in copy_set.iterdir() if p.name not in ("labels.yaml", "README.md"))
    from_checkout = run_main("check", "--root", str(REPO), "--format", "json", *files)
    from_bundle = run_main("check", "--kb", str(bundle_file), "--format", "json", *files)
    assert from_checkout[0] == from_bundle[0] == 1
    assert json.loads(from_checkout[1]) == json.loads(from_bundle[1])
    assert json.loads(from_bundle[1])  # it found something to compare


def test_a_bundle_of_a_newer_format_is_refused_with_the_version_it_needs(bundle_file: Path, tmp_path: Path):
    data = json.loads(bundle_file.read_text())
    data.update(format=FORMAT + 1, claimkb="9.4.0")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data))
    code, _, err = run_main("check", "--kb", str(newer), "-", stdin="Totally safe.")
    assert code == 2
    assert f"format {FORMAT + 1}" in err and "upgrade claimkb to 9.4.0 or newer" in err


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<html>login</html>", "not JSON"),
        (b'{"claims": []}', "not a claimkb checker bundle"),
        (None, "cannot read the bundle"),
    ],
)
def test_a_file_that_is_not_a_bundle_is_a_usage_error(tmp_path: Path, content: bytes | None, message: str):
    target = tmp_path / "bundle.json"
    if content is not None:
        target.write_bytes(content)
    code, out, err = run_main("check", "--kb", str(target), "-", stdin="Totally safe.")
    assert (code, out) == (2, "")
    assert str(target) in err and message in err


def test_a_bundle_with_an_unknown_verdict_is_refused(bundle_file: Path):
    data = json.loads(bundle_file.read_text())
    data["claims"][0]["verdict"] = "mostly-true"
    with pytest.raises(BundleError, match="unknown verdict 'mostly-true'"):
        read_bundle(data, "b.json")


class Server:
    """A bundle served on the loopback address, with an ETag; it counts requests and keeps
    the Authorization header it last saw."""

    def __init__(self, body: bytes) -> None:
        self.body, self.etag, self.requests, self.authorization, self.status = body, '"v1"', 0, None, 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.requests += 1
                server.authorization = self.headers.get("Authorization")
                if server.status != 200:
                    self.send_error(server.status)
                elif self.headers.get("If-None-Match") == server.etag:
                    self.send_response(304)
                    self.end_headers()
                else:
                    self.send_response(200)
                    self.send_header("ETag", server.etag)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(server.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/internal/{BUNDLE_FILE}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(bundle_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    monkeypatch.setenv("CLAIMKB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMKB_TOKEN", raising=False)
    running = Server(bundle_file.read_bytes())
    yield running
    running.stop()


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_an_address_is_fetched_once_a_day_then_revalidated(server: Server):
    clock, warnings = Clock(), []
    first = fetch.open_bundle(server.url, warnings.append, clock)
    assert server.requests == 1 and first.claims
    fetch.open_bundle(server.url, warnings.append, clock)  # younger than a day: not asked again
    assert server.requests == 1
    clock.now += fetch.FRESH_FOR + 1
    again = fetch.open_bundle(server.url, warnings.append, clock)  # asked with its ETag: 304
    assert server.requests == 2 and again == first and warnings == []
    fetch.open_bundle(server.url, warnings.append, clock)  # and fresh for another day
    assert server.requests == 2


def test_an_unreachable_address_falls_back_to_the_cached_copy_with_its_age(server: Server):
    clock, warnings = Clock(), []
    fetched = fetch.open_bundle(server.url, warnings.append, clock)
    server.stop()
    clock.now += 3 * 24 * 3600
    assert fetch.open_bundle(server.url, warnings.append, clock) == fetched
    assert len(warnings) == 1 and "cannot reach it" in warnings[0] and "cached 3 days ago" in warnings[0]


def test_a_server_error_falls_back_to_the_cached_copy(server: Server):
    clock, warnings = Clock(), []
    fetch.open_bundle(server.url, warnings.append, clock)
    server.status = 500
    clock.now += fetch.FRESH_FOR + 7200
    assert fetch.open_bundle(server.url, warnings.append, clock).claims
    assert "HTTP 500" in warnings[0] and "cached 26 hours ago" in warnings[0]


def test_with_nothing_cached_an_unreachable_address_is_a_usage_error(server: Server):
    server.stop()
    code, out, err = run_main("check", "--kb", server.url, "-", stdin="Totally safe.")
    assert (code, out) == (2, "")
    assert server.url in err and "no copy is cached" in err


def test_the_command_checks_copy_against_a_served_bundle(server: Server, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CLAIMKB_KB", server.url)
    code, out, _ = run_main("check", "--format", "json", "-", stdin="Our cryo is completely safe for everyone.")
    assert code == 1
    assert "completely-safe" in {f["claim"] for f in json.loads(out)}


def test_a_token_is_sent_as_a_bearer_token(server: Server, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CLAIMKB_TOKEN", "s3cret")
    fetch.open_bundle(server.url, lambda message: None, Clock())
    assert server.authorization == "Bearer s3cret"


def test_a_refused_token_says_what_to_do(server: Server):
    server.status = 401
    code, _, err = run_main("check", "--kb", server.url, "-", stdin="Totally safe.")
    assert code == 2 and "HTTP 401" in err and "CLAIMKB_TOKEN" in err


def test_a_newer_format_from_the_server_is_refused_even_with_a_cached_copy(server: Server):
    clock = Clock()
    fetch.open_bundle(server.url, lambda message: None, clock)
    data = json.loads(server.body)
    data.update(format=FORMAT + 1, claimkb="9.4.0")
    server.body, server.etag = json.dumps(data).encode(), '"v2"'
    clock.now += fetch.FRESH_FOR + 1
    with pytest.raises(BundleError, match="upgrade claimkb to 9.4.0 or newer"):
        fetch.open_bundle(server.url, lambda message: None, clock)


@pytest.mark.parametrize("address", ["http://example.org/claimkb-checker.json", "ftp://127.0.0.1/b.json"])
def test_plain_http_is_only_for_the_loopback_address(address: str):
    code, _, err = run_main("check", "--kb", address, "-", stdin="Totally safe.")
    assert code == 2 and "https://" in err
