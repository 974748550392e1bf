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
from conftest import REPO, VALID, resign

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


def test_a_changed_document_title_renders_the_pages_that_show_it_again(kb):
    memo = Memo()
    render_site(kb, "public", TODAY, memo=memo)
    document = kb.documents["sample-article"]
    retitled = dataclasses.replace(
        kb, documents={**kb.documents, document.id: dataclasses.replace(document, title="Renamed")}
    )
    site = render_site(retitled, "public", TODAY, memo=memo)
    for path in ("index.md", "article/sample-article.md", "claims/ice-cures-headache.md"):
        assert "Renamed" in site.pages[path].html, path
