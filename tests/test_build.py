"""`claimkb build`: MkDocs in strict mode, both audiences, all or nothing, no leaks."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from claimkb.cli import main
from conftest import VALID, resign, two_documents

DATE = "2026-11-25"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def all_text(folder: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".js")
    )


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return Path(shutil.copytree(VALID, tmp_path / "kb"))


@pytest.fixture
def built(kb: Path) -> Path:
    assert main(["build", "--root", str(kb), "--date", DATE]) == 0
    return kb / "site"


def test_build_writes_both_audiences(built: Path):
    for audience in ("public", "internal"):
        assert (built / audience / "index.html").is_file()
        assert (built / audience / "claims" / "ice-cures-headache" / "index.html").is_file()
        assert (built / audience / "article" / "sample-article" / "index.html").is_file()
        assert (built / audience / "methodology" / "index.html").is_file()
    assert (built / "internal" / "audit.csv").is_file()
    assert (built / "internal" / "wording" / "index.html").is_file()
    checker_page = (built / "internal" / "checker" / "index.html").read_text()
    assert "absolute-safety" in checker_page and "painless" in checker_page  # from the rules file
    assert "ice-cures-headache" in checker_page  # a record's match patterns
    assert not (built / "public" / "checker").exists()
    assert not (built / "public" / "audit.csv").exists()
    assert not (built / "public" / "claims" / "ice-reduces-soreness").exists()  # a draft
    assert [p.name for p in built.iterdir()] == ["internal", "public"] or sorted(p.name for p in built.iterdir()) == [
        "internal",
        "public",
    ]


def test_internal_marker_appears_only_in_the_internal_site(built: Path):
    marker = "INTERNAL-MARKER-ice-cures-headache"
    assert marker not in all_text(built / "public")
    assert marker in all_text(built / "internal")


def test_methodology_markers_are_filled(built: Path):
    page = (built / "public" / "methodology" / "index.html").read_text()
    assert "<!-- claimkb:" not in page
    assert "claimkb-badge claimkb-contradicted" in page


def test_site_requests_nothing_from_other_hosts(built: Path):
    for page in (built / "public").rglob("*.html"):
        html = page.read_text()
        loads = re.findall(r'<(?:script|img|iframe|source)[^>]+src="([^"]+)"', html)
        loads += [
            href
            for tag, href in re.findall(r'<link([^>]*)href="([^"]+)"', html)
            if 'rel="canonical"' not in tag and 'rel="alternate"' not in tag
        ]
        assert not [u for u in loads if re.match(r"(https?:)?//", u)], page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_two_builds_are_byte_identical(kb: Path, tmp_path: Path):
    assert main(["build", "--root", str(kb), "--date", DATE, "--out", str(tmp_path / "one")]) == 0
    assert main(["build", "--root", str(kb), "--date", DATE, "--out", str(tmp_path / "two")]) == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_invalid_records_build_nothing_and_keep_the_old_site(built: Path, kb: Path, capsys):
    before = snapshot(built)
    record = kb / "claims" / "ice-cures-headache.yaml"
    record.write_text(record.read_text().replace("verdict: misrepresents-source", "verdict: wrong"))
    assert main(["build", "--root", str(kb), "--date", DATE]) == 1
    assert "[bad-value]" in capsys.readouterr().err
    assert snapshot(built) == before


def test_a_failing_mkdocs_build_keeps_the_old_site(built: Path, kb: Path, capsys):
    before = snapshot(built)
    (kb / "docs" / "broken.md").write_text("# Broken\n\nSee [nowhere](missing-page.md).\n")
    assert main(["build", "--root", str(kb), "--date", DATE]) == 1
    err = capsys.readouterr().err
    assert "missing-page.md" in err and "previous site is untouched" in err
    assert snapshot(built) == before
    assert [p.name for p in built.iterdir() if p.name.startswith(".")] == []


def test_one_audience_replaces_only_its_own_folder(built: Path, kb: Path):
    internal_before = snapshot(built / "internal")
    record = kb / "claims" / "ice-cures-headache.yaml"
    record.write_text(record.read_text().replace("Ice packs cure headaches.", "Ice packs cure all headaches."))
    resign(kb)  # what an approval covers changed: compliance signs it off again
    assert main(["build", "--root", str(kb), "--date", DATE, "--audience", "public"]) == 0
    assert snapshot(built / "internal") == internal_before
    assert (
        "Ice packs cure all headaches."
        in (built / "public" / "claims" / "ice-cures-headache" / "index.html").read_text()
    )


def test_generated_pages_are_never_written_to_docs(built: Path, kb: Path):
    assert sorted(p.name for p in (kb / "docs").iterdir()) == ["methodology.md"]


def test_a_hand_written_page_may_not_hide_a_generated_one(kb: Path, capsys):
    (kb / "docs" / "references.md").write_text("# Mine\n")
    assert main(["build", "--root", str(kb), "--date", DATE]) == 1
    assert "docs/references.md would hide a generated page" in capsys.readouterr().err


def test_bad_date_is_a_usage_error(kb: Path):
    assert main(["build", "--root", str(kb), "--date", "25/11/2026"]) == 2


def test_escaped_record_text_in_the_built_html(kb: Path):
    record = kb / "claims" / "ice-cures-headache.yaml"
    record.write_text(
        record.read_text().replace(
            "title: A 2010 study found that ice packs cure headaches",
            "title: '<script>window.pwned=1</script><img src=x onerror=alert(1)>'",
        )
    )
    resign(kb)
    assert main(["build", "--root", str(kb), "--date", DATE, "--audience", "public"]) == 0
    html = (kb / "site" / "public" / "claims" / "ice-cures-headache" / "index.html").read_text()
    assert "<script>window.pwned" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and "&lt;script&gt;" in title


def check_links(site: Path) -> int:
    """Every relative address on every page of ``site`` names a file of the site, and every #fragment an id
    on the page it names; the number of links checked."""
    from html.parser import HTMLParser
    from urllib.parse import unquote, urlsplit

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: set[str] = set()
            self.links: list[str] = []

        def handle_starttag(self, tag, attrs):
            found = dict(attrs)
            if found.get("id"):
                self.ids.add(found["id"])
            if tag == "a" and found.get("href"):
                self.links.append(found["href"])

    pages = {}
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text())
        pages[page] = parser
    checked = 0
    for page, parser in pages.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("/"):  # another host, or the 404 page's root
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)}: {link}"
            if parts.fragment and target.suffix == ".html" and target != site / "404.html":
                assert parts.fragment in pages[target].ids, f"{page.relative_to(site)}: {link}"
            checked += 1
    return checked


def test_every_link_in_the_built_site_leads_somewhere(built: Path):
    """Generated pages skip Markdown, so MkDocs no longer checks their links: every relative address
    on every page must name a file of the site, and every #fragment an id on the page it names."""
    for audience in ("public", "internal"):
        assert check_links(built / audience) > 50


def test_a_site_of_two_documents(tmp_path: Path):
    """#15: a claim in two documents. Both annotated pages, every link and #fragment resolving (the claim
    page's links into each document's highlights among them); drafts and proposed links internal only."""
    root = two_documents(tmp_path / "kb")
    assert main(["build", "--root", str(root), "--date", DATE]) == 0
    site = root / "site"
    for audience in ("public", "internal"):
        for document in ("sample-article", "second-article"):
            assert (site / audience / "article" / document / "index.html").is_file()
        assert check_links(site / audience) > 50
    claim = (site / "public" / "claims" / "ice-cures-headache" / "index.html").read_text()
    for href in ("sample-article/#claim-ice-cures-headache", "second-article/#claim-ice-cures-headache"):
        assert f'href="../../article/{href}"' in claim
    public, internal = all_text(site / "public"), all_text(site / "internal")
    for hidden in ("ice-reduces-soreness", "claim-ice-cures-headache--2", "linked by claimkb ingest"):
        assert hidden not in public and hidden in internal


def test_hand_written_links_into_generated_pages_are_checked(kb: Path, capsys):
    """MkDocs checks a hand-written page's links against the ids the generated pages hold."""
    page = kb / "docs" / "notes.md"
    page.write_text("# Notes\n\nSee [the claim](article/sample-article.md#claim-ice-cures-headache).\n")
    assert main(["build", "--root", str(kb), "--date", DATE, "--audience", "public"]) == 0
    page.write_text("# Notes\n\nSee [nothing](references.md#ref-no-such-reference).\n")
    assert main(["build", "--root", str(kb), "--date", DATE, "--audience", "public"]) == 1
    assert "ref-no-such-reference" in capsys.readouterr().err
