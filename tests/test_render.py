"""Rendering alone: pure functions from the validated model to HTML pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimkb.kb.load import load_knowledge_base
from claimkb.kb.vocab import VERDICTS
from claimkb.render import render_site
from claimkb.render.memo import Memo
from conftest import REPO, VALID, resign, two_documents

TODAY = dt.date(2026, 11, 25)


class Parsed(HTMLParser):
    """A page as a browser reads it: its elements (tag, attributes), its text, and its scripts' text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def tags(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def kb():
    kb, problems = load_knowledge_base(VALID)
    assert problems == []
    return kb


def json_ld(page: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert block, "no JSON-LD block"
    return json.loads(block.group(1))


def evil_kb(tmp_path: Path, evil: str, name: str = "kb"):
    """The valid fixture with ``evil`` in the title, conclusion, claim, approved wording and internal notes."""
    root = Path(shutil.copytree(VALID, tmp_path / name))
    record = root / "claims" / "ice-cures-headache.yaml"
    text = record.read_text()
    quoted = "'" + evil.replace("'", "''") + "'"
    for field in (
        "title: A 2010 study found that ice packs cure headaches",
        "conclusion: The trial measured short-term pain relief during attacks, not a cure.",
        "claim: Ice packs cure headaches.",
        "internal_notes: INTERNAL-MARKER-ice-cures-headache",
    ):
        text = text.replace(field, f"{field.split(':')[0]}: {quoted}")
    text = text.replace('approved: ["A cold pack may ease headache pain for a short while."]', f"approved: [{quoted}]")
    record.write_text(text)
    resign(root)
    kb, problems = load_knowledge_base(root)
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return kb


def test_public_site_leaves_out_drafts_and_internal_pages(kb):
    site = render_site(kb, "public", TODAY)
    assert "claims/ice-cures-headache.md" in site.pages
    assert "claims/ice-reduces-soreness.md" not in site.pages  # a draft
    assert "ice-reduces-soreness" not in "".join(p.html for p in site.pages.values())
    assert "doe2015soreness" not in site.pages["references.md"].html  # cited only by the draft
    assert not {"wording.md", "audit.md", "checker.md"} & set(site.pages)
    assert not {"audit.csv", "audit.json"} & set(site.files)


def test_internal_site_has_everything(kb):
    internal = render_site(kb, "internal", TODAY)
    assert {"claims/ice-reduces-soreness.md", "wording.md", "audit.md", "checker.md"} <= set(internal.pages)
    assert {"audit.csv", "audit.json"} <= set(internal.files)


def test_internal_notes_reach_only_the_internal_site(kb):
    marker = "INTERNAL-MARKER-ice-cures-headache"
    public = render_site(kb, "public", TODAY)
    assert not [path for path, page in public.pages.items() if marker in page.html]
    assert not [path for path, text in public.files.items() if marker in text]
    assert marker in render_site(kb, "internal", TODAY).pages["claims/ice-cures-headache.md"].html


def test_claim_page_has_badge_admonition_quote_and_citations(kb):
    html = render_site(kb, "public", TODAY).pages["claims/ice-cures-headache.md"].html
    assert 'class="claimkb-badge claimkb-misrepresents-source"' in html
    assert '<div class="admonition danger">\n<p class="admonition-title">Misrepresents its source</p>' in html
    assert "<blockquote>\n<p>A 2010 study found that ice packs cure headaches.</p>\n</blockquote>" in html
    assert 'href="https://doi.org/10.1000/example.2010"' in html
    assert "Smith A, Jones B (2010)" in html
    assert "A cold pack may ease headache pain for a short while." in html
    assert "The current text was signed off by compliance on 2026-01-15." in html
    assert 'href="../../article/sample-article/#claim-ice-cures-headache"' in html


def test_claim_page_title_and_table_of_contents(kb):
    page = render_site(kb, "public", TODAY).pages["claims/ice-cures-headache.md"]
    assert page.title == "A 2010 study found that ice packs cure headaches"
    [top] = page.toc
    assert (top["level"], top["id"]) == (1, "a-2010-study-found-that-ice-packs-cure-headaches")
    sections = [(item["name"], [child["name"] for child in item["children"]]) for item in top["children"]]
    assert sections == [
        ("What the article says", []),
        ("Where this claim appears", []),
        ("How the article backs it", []),
        ("What the evidence says", ["Sources", "Regulators"]),
        ("Wording for marketing", []),
        ("Review", []),
    ]
    for item in [top, *top["children"]]:
        assert f'id="{item["id"]}"' in page.html and item["id"] in page.ids


@pytest.mark.parametrize("verdict", sorted(VERDICTS))
def test_admonition_follows_the_verdict(kb, verdict: str, tmp_path: Path):
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    record = root / "claims" / "ice-cures-headache.yaml"
    record.write_text(record.read_text().replace("verdict: misrepresents-source", f"verdict: {verdict}"))
    resign(root)
    changed, problems = load_knowledge_base(root)
    assert not [p for p in problems if p.is_error]
    page = render_site(changed, "public", TODAY).pages["claims/ice-cures-headache.md"]
    expected = {
        "supported": "success",
        "partly-supported": "note",
        "overstated": "warning",
        "unsupported": "warning",
        "misrepresents-source": "danger",
        "contradicted": "danger",
        "not-assessed": "info",
    }[verdict]
    assert f'<div class="admonition {expected}">' in page.html


def test_claim_review_json_ld(kb):
    page = render_site(kb, "public", TODAY, "https://example.test/").pages["claims/ice-cures-headache.md"]
    data = json_ld(page.html)
    assert data["@type"] == "ClaimReview"
    assert data["url"] == "https://example.test/claims/ice-cures-headache/"
    assert data["claimReviewed"] == "Ice packs cure headaches."
    assert data["datePublished"] == "2026-01-15"
    assert data["author"]["name"] == "claimkb"
    rating = data["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (1, 5, 1)
    assert rating["alternateName"] == "Misrepresents its source"
    assert rating["ratingExplanation"].startswith("The trial measured short-term pain relief")
    assert data["itemReviewed"]["@type"] == "Claim"
    [appearance] = data["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://example.org/sample"
    assert appearance["headline"] == "Sample Article"
    assert data["itemReviewed"]["firstAppearance"] == appearance


EVIL = "<script>alert(1)</script> [x](javascript:alert(2)) </script><b>bold</b> \" onmouseover='alert(3)' &amp;"


def test_record_text_is_escaped_everywhere(tmp_path: Path):
    kb = evil_kb(tmp_path, EVIL)
    for audience in ("public", "internal"):
        site = render_site(kb, audience, TODAY)
        for path, page in site.pages.items():
            parsed = Parsed(page.html)
            assert "<script>alert" not in page.html, path
            assert "<b>bold</b>" not in page.html, path
            assert not [a for a in parsed.tags("a") if "javascript:" in (a.get("href") or "")], path
            assert not [attrs for _, attrs in parsed.elements if "onmouseover" in attrs], path
            assert [tag for tag, _ in parsed.elements].count("script") <= 1, path  # the JSON-LD alone
            assert "<" not in (page.title or ""), path
        claim = Parsed(site.pages["claims/ice-cures-headache.md"].html)
        assert claim.all_text().startswith(" ".join(EVIL.split()))  # the h1: the title, as text
        assert "\"onmouseover='alert(3)' &amp;amp;" not in site.pages["claims/ice-cures-headache.md"].html


def test_record_text_in_an_attribute_is_the_same_text(tmp_path: Path):
    """The wording library's copy button carries the sentence in data-copy: a quote in it cannot end the
    attribute and add another, and the browser reads back exactly the sentence."""
    kb = evil_kb(tmp_path, EVIL)
    page = render_site(kb, "internal", TODAY).pages["wording.md"].html
    buttons = Parsed(page).tags("button")
    assert " ".join(EVIL.split()) in [b["data-copy"] for b in buttons]
    assert all(set(b) == {"class", "type", "data-copy"} for b in buttons)


@pytest.mark.parametrize(
    "evil",
    [
        "</script><script>alert(1)</script>",
        "</SCRIPT ><img src=x onerror=alert(1)>",
        "<!--<script>",
        "line\u2028separator\u2029and & ampersand",
    ],
)
def test_json_ld_cannot_be_broken_out_of(tmp_path: Path, evil: str):
    kb = evil_kb(tmp_path, evil)
    html = render_site(kb, "public", TODAY).pages["claims/ice-cures-headache.md"].html
    parsed = Parsed(html)
    assert [tag for tag, _ in parsed.elements].count("script") == 1
    assert parsed.tags("img") == []
    [script] = parsed.scripts
    assert "<" not in script and "\u2028" not in script and "\u2029" not in script
    data = json.loads(script)
    assert data["claimReviewed"] == evil  # the claim, unchanged, once the JSON is read
    assert data["reviewRating"]["ratingExplanation"] == evil


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "> not a quote",
        "- not a list",
        "1. not a list",
        "*not emphasis* _nor this_",
        "`not code`",
        "[not](a-link.md)",
        "{ .not-an-attr }",
        "a | b",
        "!!! note",
        "&lt; stays &lt;",
    ],
)
def test_record_text_renders_as_the_same_text(tmp_path: Path, text: str):
    """Markdown and entities in a record mean nothing: the page shows the characters the record holds."""
    page = render_site(evil_kb(tmp_path, text), "internal", TODAY).pages["claims/ice-cures-headache.md"]
    plain = render_site(evil_kb(tmp_path, "plain words", "plain"), "internal", TODAY).pages[
        "claims/ice-cures-headache.md"
    ]
    h1 = page.html.split('<a class="headerlink"')[0]
    assert Parsed(h1).all_text() == text
    assert "".join(Parsed(page.title or "").text) == text
    assert [tag for tag, _ in Parsed(page.html).elements] == [tag for tag, _ in Parsed(plain.html).elements]


def test_annotated_article_links_every_quote_to_its_claim(kb):
    site = render_site(kb, "internal", TODAY)
    page = site.pages["article/sample-article.md"]
    links = Parsed(page.html).tags("a")
    for claim in kb.claims:
        href = f"../../claims/{claim.id}/"
        assert {
            "class": f"claimkb-hl claimkb-{claim.verdict}",
            "href": href,
            "title": VERDICTS[claim.verdict].label,
        } in links
        assert {"class": f"claimkb-ref claimkb-{claim.verdict}", "href": href, "id": f"claim-{claim.id}"} in links
        assert f"claim-{claim.id}" in page.ids
    assert '<h2 id="sample-article">Sample Article' in page.html  # a heading in not_claims, one level under the title
    assert "Cold therapy is completely safe for everyone." in page.html


def test_a_markdown_heading_of_a_source_document_is_a_heading_without_its_marks(kb):
    document = kb.documents["sample-article"]
    text = "## Prices and booking\n\n# Not a heading\nbecause the paragraph runs on\n\n" + document.text
    marked = dataclasses.replace(kb, documents={document.id: dataclasses.replace(document, text=text)})
    page = render_site(marked, "internal", TODAY).pages["article/sample-article.md"]
    assert '<h2 id="prices-and-booking">Prices and booking' in page.html and "## Prices" not in page.html
    assert "# Not a heading" in page.html  # a paragraph of several lines stays a paragraph


def test_links_follow_the_site_s_kind_of_addresses(kb):
    page = render_site(kb, "public", TODAY, directory_urls=False).pages["claims/ice-cures-headache.md"]
    assert 'href="../article/sample-article.html#claim-ice-cures-headache"' in page.html


def test_claims_index_lists_published_claims_with_verdicts(kb):
    html = render_site(kb, "internal", TODAY).pages["claims/index.md"].html
    assert html.count("<tr") == 1 + len(kb.claims)
    assert '<div class="claimkb-index">' in html
    for claim in kb.claims:
        assert f'<tr data-documents="sample-article">\n<td><a href="{claim.id}/">{claim.title}</a></td>' in html
    assert "claimkb-document-filter" not in html  # one document: nothing to choose between


def test_references_link_back_to_citing_claims(kb):
    page = render_site(kb, "internal", TODAY).pages["references.md"]
    section = page.html.split('id="ref-smith2010ice"', 1)[1].split("<h2", 1)[0]
    assert 'href="../claims/ice-cures-headache/"' in section
    assert "ref-smith2010ice" in page.ids and [i["id"] for i in page.toc[0]["children"]].count("ref-smith2010ice") == 1


def test_audit_lists_overdue_claims_on_the_build_date(kb):
    before = render_site(kb, "internal", dt.date(2026, 7, 15))
    after = render_site(kb, "internal", dt.date(2026, 7, 16))
    assert ">Overdue for review (0)<" in before.pages["audit.md"].html
    assert ">Overdue for review (2)<" in after.pages["audit.md"].html
    rows = json.loads(after.files["audit.json"])
    assert [r["overdue"] for r in rows] == [True, True]
    assert after.files["audit.csv"].splitlines()[0].startswith("id,title,topic,verdict")
    assert "INTERNAL-MARKER-ice-cures-headache" in after.files["audit.csv"]


def test_wording_library_has_copy_buttons(kb):
    html = render_site(kb, "internal", TODAY).pages["wording.md"].html
    assert html.count('class="claimkb-copy') == sum(len(c.wording.approved) * len(c.topic) for c in kb.claims)
    assert 'data-copy="A cold pack may ease headache pain for a short while."' in html


def test_verdict_colours_come_from_the_scales(kb):
    css = render_site(kb, "public", TODAY).files["assets/verdicts.css"]
    for verdict in VERDICTS.values():
        assert f".claimkb-badge.claimkb-{verdict.value} {{ background: {verdict.colour}; }}" in css


def test_home_counts_claims_per_verdict(kb):
    html = render_site(kb, "internal", TODAY).pages["index.md"].html
    assert "<strong>2 claims</strong> checked against the evidence; 1 of them signed off by compliance." in html
    row = re.search(r"Misrepresents its source</span></td>\s*<td>[^<]*</td>\s*<td>(\d+)</td>", html)
    assert row and row.group(1) == "1"


def test_unknown_audience_is_refused(kb):
    with pytest.raises(ValueError):
        render_site(kb, "everyone", TODAY)


def test_regex_patterns_show_as_code_unchanged(kb):
    from claimkb.render.checker_page import checker_page
    from claimkb.render.html import templates_digest

    pattern = r"/(help\w*|treat\w*) [a]_b_  `x` #1 {y} & </code>/"
    claim = dataclasses.replace(kb.claims[0], match=(pattern,))
    page = checker_page(list(kb.rules), [claim], list(kb.concepts), digest=templates_digest())
    assert pattern in ["".join(Parsed(code).text) for code in re.findall(r"<code>.*?</code>", page.html)]
    html = render_site(kb, "internal", TODAY).pages["checker.md"].html
    assert '<h3 id="absolute-safety">absolute-safety' in html
    assert "<code>/ice (packs?)? (cures?|heals?) (a )?headaches?/</code>" in html


def test_heading_ids_are_those_python_markdown_made(kb):
    """Addresses like article/x/#bodily-pain-relief keep working: ids are slugged as before."""
    from markdown.extensions.toc import slugify

    from claimkb.render.html import Headings, slug

    repo, _ = load_knowledge_base(REPO)
    for text in [c.title for c in repo.claims] + ["Kępińska-Szyszkowska (2020)", "A  B -- c_d", "ÆØÅ «x»"]:
        assert slug(text) == slugify(text, "-")
    h = Headings({"taken"})
    assert [h(2, t).split('"')[1] for t in ("Same", "Same", "Same", "taken", "")] == [
        "same",
        "same_1",
        "same_2",
        "taken_1",
        "_1",
    ]


def test_a_changed_record_renders_only_its_page_and_the_lists_again(kb):
    memo = Memo()
    first = render_site(kb, "internal", TODAY, memo=memo)
    assert memo.hits == 0
    again = render_site(kb, "internal", TODAY, memo=memo)
    assert memo.misses == len(first.pages) and memo.hits == len(first.pages)
    assert again.pages == first.pages
    edited = dataclasses.replace(kb.claims[0], title="Edited")
    changed = dataclasses.replace(kb, claims=(edited, *kb.claims[1:]))
    hits, misses = memo.hits, memo.misses
    site = render_site(changed, "internal", TODAY, memo=memo)
    redone = {path for path, page in site.pages.items() if page is not again.pages[path]}
    listing = {"index.md", "claims/index.md", "references.md", "article/sample-article.md"}
    assert redone == {f"claims/{edited.id}.md", "wording.md", "audit.md", "checker.md"} | listing
    assert memo.misses - misses == len(redone) and memo.hits - hits == len(site.pages) - len(redone)
    assert "Edited" in site.pages[f"claims/{edited.id}.md"].html


def test_a_changed_template_renders_every_page_again(kb, tmp_path: Path, monkeypatch):
    import claimkb.render.html as html_module

    memo = Memo()
    render_site(kb, "public", TODAY, memo=memo)
    templates = Path(shutil.copytree(html_module.TEMPLATES, tmp_path / "templates"))
    claim = templates / "claim.html"
    claim.write_text(claim.read_text().replace("What the article says", "What the article said"))
    monkeypatch.setattr(html_module, "TEMPLATES", templates)
    misses = memo.misses
    site = render_site(kb, "public", TODAY, memo=memo)
    assert memo.misses - misses == len(site.pages)
    assert "What the article said" in site.pages["claims/ice-cures-headache.md"].html


@pytest.mark.parametrize(
    ("base", "document_id", "paths"),
    [
        ("kb", "sample-article", ("index.md", "article/sample-article.md", "claims/ice-cures-headache.md")),
        (
            "two_docs",
            "second-article",
            ("index.md", "claims/index.md", "article/second-article.md", "claims/ice-cures-headache.md"),
        ),
    ],
)
def test_a_changed_document_title_renders_the_pages_that_show_it_again(request, base, document_id, paths):
    """The first document and a second one: every page that shows a document's title is
    rendered again when it changes, the claim pages that say where a claim appears included."""
    kb = request.getfixturevalue(base)
    memo = Memo()
    render_site(kb, "public", TODAY, memo=memo)
    document = kb.documents[document_id]
    retitled = dataclasses.replace(
        kb, documents={**kb.documents, document.id: dataclasses.replace(document, title="Renamed")}
    )
    site = render_site(retitled, "public", TODAY, memo=memo)
    for path in paths:
        assert "Renamed" in site.pages[path].html, path


# --- A claim appears in many places (#15): two source documents, claims in both.

PROPOSED = "proposed (linked by claimkb ingest; confirm)"


@pytest.fixture(scope="module")
def two_docs(tmp_path_factory):
    kb, problems = load_knowledge_base(two_documents(tmp_path_factory.mktemp("two") / "kb"))
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return kb


def _items(html: str, heading_id: str) -> list[str]:
    """The list items of the section under the h2 ``heading_id``."""
    section = html.split(f'<h2 id="{heading_id}">', 1)[1].split("<h2", 1)[0]
    return re.findall(r"<li>(.*?)</li>", section, re.S)


def _links_resolve(site) -> int:
    """Every link from a page into an article or claim page names a page of the site and an id it holds."""
    checked = 0
    for path, page in site.pages.items():
        for href in [a.get("href") or "" for a in Parsed(page.html).tags("a")]:
            found = re.match(r"(?:\.\./)*(article|claims)/([^/#]+)/(?:#(.*))?$", href)
            if found:
                target = site.pages[f"{found.group(1)}/{found.group(2)}.md"]
                assert not found.group(3) or found.group(3) in target.ids, (path, href)
                checked += 1
    return checked


def test_home_lists_every_document_the_site_shows(two_docs):
    public = render_site(two_docs, "public", TODAY).pages["index.md"].html
    assert _items(public, "the-articles") == [
        '<a href="article/sample-article/">Sample Article</a>, published by Test Clinic, 2020-01-31: 1 claim',
        '<a href="article/second-article/">Second Article</a>, published by Other Clinic: 2 claims',  # no date
    ]
    internal = render_site(two_docs, "internal", TODAY).pages["index.md"].html  # drafts and proposed links count
    assert [item.rsplit(": ", 1)[1] for item in _items(internal, "the-articles")] == ["3 claims", "3 claims"]


def test_each_document_page_highlights_the_confirmed_quotes_of_published_claims(two_docs):
    site = render_site(two_docs, "public", TODAY)
    assert {"article/sample-article.md", "article/second-article.md"} <= set(site.pages)
    for path, expected in {
        "article/sample-article.md": {"claim-ice-cures-headache": "A 2010 study found that ice packs cure headaches."},
        "article/second-article.md": {
            "claim-ice-cures-headache": "Our ice packs cure headaches for good.",
            "claim-cold-is-safe": "Cold therapy is completely safe for everyone.",
        },
    }.items():
        page = site.pages[path]
        highlighted = re.findall(r'<a class="claimkb-hl [^"]*" href="[^"]*" title="[^"]*">([^<]*)</a>', page.html)
        anchors = [a["id"] for a in Parsed(page.html).tags("a") if a.get("id")]
        assert (anchors, highlighted) == (list(expected), list(expected.values())), path
        assert set(anchors) <= page.ids
        assert PROPOSED not in page.html and "claimkb-proposed" not in page.html
    # The words of a proposed link and of a draft stay in the text as it was supplied, unmarked.
    assert "Ice packs cure headaches, every time." in site.pages["article/second-article.md"].html
    assert "Soreness melts away with ice." in site.pages["article/second-article.md"].html


def test_proposed_appearances_are_marked_on_the_internal_site_only(two_docs):
    internal = render_site(two_docs, "internal", TODAY)
    page = internal.pages["article/second-article.md"].html
    proposed = re.search(
        r'<a class="claimkb-hl claimkb-misrepresents-source claimkb-proposed" href="../../claims/ice-cures-headache/"'
        r' title="Misrepresents its source, proposed">Ice packs cure headaches, every time.</a><sup><a [^>]*'
        r'id="claim-ice-cures-headache--2">(\d)</a></sup> <small class="claimkb-proposed">(.*?)</small>',
        page,
    )
    assert proposed and proposed.group(2) == PROPOSED
    assert 'id="claim-ice-reduces-soreness"' in page  # a draft: the internal site shows it
    assert "claim-cold-is-safe" in internal.pages["article/sample-article.md"].ids  # proposed there
    claim = internal.pages["claims/ice-cures-headache.md"].html
    marks = [PROPOSED in item for item in _items(claim, "where-this-claim-appears")]
    assert marks == [False, False, True]
    public = render_site(two_docs, "public", TODAY)
    leaked = [path for path, p in public.pages.items() if PROPOSED in p.html or "--2" in p.html]
    assert leaked == []
    assert "claim-cold-is-safe" not in public.pages["article/sample-article.md"].ids


def test_claim_page_lists_where_the_claim_appears(two_docs):
    html = render_site(two_docs, "public", TODAY).pages["claims/ice-cures-headache.md"].html
    assert _items(html, "where-this-claim-appears") == [
        '<a href="../../article/sample-article/#claim-ice-cures-headache">Sample Article</a>, section'
        " “Cold Therapy Works Wonders”: “A 2010 study found that ice packs cure headaches.”",
        '<a href="../../article/second-article/#claim-ice-cures-headache">Second Article</a>, section'
        " “Why Cold Works”: “Our ice packs cure headaches for good.”",
    ]
    internal = render_site(two_docs, "internal", TODAY).pages["claims/ice-cures-headache.md"].html
    assert 'href="../../article/second-article/#claim-ice-cures-headache--2">' in internal


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_link_into_a_document_or_claim_page_resolves(two_docs, audience):
    assert _links_resolve(render_site(two_docs, audience, TODAY)) > 10


def test_claim_review_lists_every_confirmed_appearance(two_docs):
    for audience in ("public", "internal"):
        site = render_site(two_docs, audience, TODAY, "https://example.test/")
        item = json_ld(site.pages["claims/ice-cures-headache.md"].html)["itemReviewed"]
        assert [(w["@type"], w["headline"], w["publisher"]["name"]) for w in item["appearance"]] == [
            ("CreativeWork", "Sample Article", "Test Clinic"),
            ("CreativeWork", "Second Article", "Other Clinic"),  # the proposed third is left out
        ]
        assert item["appearance"][0]["datePublished"] == "2020-01-31" and "datePublished" not in item["appearance"][1]
        assert item["firstAppearance"] == item["appearance"][0]
        assert item["author"] == {"@type": "Organization", "name": "Test Clinic"}
        safe = json_ld(site.pages["claims/cold-is-safe.md"].html)["itemReviewed"]
        assert [w["headline"] for w in safe["appearance"]] == ["Second Article"]


def test_claims_index_rows_name_their_documents(two_docs):
    def rows(audience: str) -> dict[str, str | None]:
        parsed = Parsed(render_site(two_docs, audience, TODAY).pages["claims/index.md"].html)
        found = [attrs.get("data-documents") for attrs in parsed.tags("tr")[1:]]
        links = [a["href"] for a in parsed.tags("a") if a.get("href", "").endswith("/")]
        return dict(zip([href.strip("/") for href in links], found, strict=True))

    assert rows("public") == {"cold-is-safe": "second-article", "ice-cures-headache": "sample-article second-article"}
    assert rows("internal") == {
        "cold-is-safe": "second-article sample-article",
        "ice-cures-headache": "sample-article second-article",
        "ice-reduces-soreness": "sample-article second-article",
    }
    html = render_site(two_docs, "public", TODAY).pages["claims/index.md"].html
    parsed = Parsed(html)
    assert parsed.tags("label") == [{"class": "claimkb-document-filter", "hidden": None}]  # until claimkb.js shows it
    assert [o["value"] for o in parsed.tags("option")] == ["", "sample-article", "second-article"]
    assert "Every claim of the 2 articles, 2 in all." in html


def test_drafts_and_unconfirmed_appearances_never_reach_the_public_site(two_docs):
    site = render_site(two_docs, "public", TODAY)
    for path, page in site.pages.items():
        assert "ice-reduces-soreness" not in page.html, path  # the draft, in either document
        assert PROPOSED not in page.html and "claimkb-proposed" not in page.html, path
    assert "cold-is-safe" not in site.pages["article/sample-article.md"].html  # its only link there is proposed
    assert not [text for text in site.files.values() if "ice-reduces-soreness" in text]


def test_a_document_with_no_confirmed_appearance_is_not_published(two_docs):
    """Every link into second-article proposed: the public site has no page for it, and cold-is-safe
    (in review, appearing nowhere else confirmed) shows no place at all."""
    unconfirmed = tuple(
        dataclasses.replace(
            c,
            appearances=tuple(
                dataclasses.replace(a, proposed=a.proposed or a.document == "second-article") for a in c.appearances
            ),
        )
        for c in two_docs.claims
    )
    kb = dataclasses.replace(two_docs, claims=unconfirmed)
    public = render_site(kb, "public", TODAY)
    assert "article/second-article.md" not in public.pages
    assert not [path for path, page in public.pages.items() if "second-article" in page.html]
    page = public.pages["claims/cold-is-safe.md"].html
    assert "<blockquote>" not in page and "No appearance of this claim has been confirmed yet." in page
    assert "Cold therapy is completely safe" not in page
    assert json_ld(page)["itemReviewed"]["appearance"] == [] and "firstAppearance" not in json_ld(page)["itemReviewed"]
    assert "article/second-article.md" in render_site(kb, "internal", TODAY).pages


def test_document_text_is_escaped_in_the_new_places(tmp_path: Path):
    """The second document's title and publisher, and an appearance's section and quote, hold HTML and script."""
    kb, problems = load_knowledge_base(two_documents(tmp_path / "kb", EVIL))
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    title = "Second Article " + EVIL
    for audience in ("public", "internal"):
        site = render_site(kb, audience, TODAY)
        for path, page in site.pages.items():
            parsed = Parsed(page.html)
            assert "<script>alert" not in page.html and "<b>bold</b>" not in page.html, path
            assert not [a for a in parsed.tags("a") if "javascript:" in (a.get("href") or "")], path
            assert not [attrs for _, attrs in parsed.elements if "onmouseover" in attrs], path
            assert [tag for tag, _ in parsed.elements].count("script") <= 1, path

        def text(path: str, site=site) -> str:
            return " ".join("".join(Parsed(site.pages[path].html).text).split())

        assert f"All Sample Article {title}" in text("claims/index.md")  # the filter's options
        assert f"{title}, published by Other Clinic {EVIL}: " in text("index.md")
        where = f"{title}, section “Why Cold Works {EVIL}”: “Our ice packs cure headaches for good. {EVIL}”"
        assert where in text("claims/ice-cures-headache.md")
        assert f"The article: {title}" in text("article/second-article.md")
        claim = site.pages["claims/ice-cures-headache.md"].html
        [script] = Parsed(claim).scripts
        assert "<" not in script
        second = json.loads(script)["itemReviewed"]["appearance"][1]
        assert (second["headline"], second["publisher"]["name"]) == (title, f"Other Clinic {EVIL}")


def test_a_document_id_in_an_attribute_is_the_same_text():
    """Ids are kebab-case once validated; a renderer still escapes them: an id cannot end the attribute."""
    kb, _ = load_knowledge_base(VALID)
    evil = "x\"onmouseover='alert(1)'<b>&amp;"
    document = dataclasses.replace(kb.documents["sample-article"], id=evil)
    claims = tuple(
        dataclasses.replace(c, appearances=(*c.appearances, dataclasses.replace(c.source, document=evil)))
        for c in kb.claims
    )
    kb = dataclasses.replace(kb, claims=claims, documents={**kb.documents, evil: document})
    parsed = Parsed(render_site(kb, "internal", TODAY).pages["claims/index.md"].html)
    assert [attrs for attrs in parsed.tags("tr")[1:]] == [{"data-documents": f"sample-article {evil}"}] * 2
    assert [o["value"] for o in parsed.tags("option")] == ["", "sample-article", evil]
    assert not [attrs for _, attrs in parsed.elements if "onmouseover" in attrs]
