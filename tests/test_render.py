"""Rendering alone: pure functions from the validated model to Markdown."""

from __future__ import annotations

import datetime as dt
import html as html_module
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from claimkb.kb.load import load_knowledge_base
from claimkb.kb.vocab import VERDICTS
from claimkb.render import render_site
from claimkb.render.text import md
from conftest import VALID, resign

TODAY = dt.date(2026, 11, 25)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables"]


def to_html(text: str) -> str:
    """As MkDocs does it: front matter off, then Markdown."""
    body, _ = get_data(text)
    return markdown.markdown(body, extensions=EXTENSIONS)


@pytest.fixture(scope="module")
def kb():
    kb, problems = load_knowledge_base(VALID)
    assert problems == []
    return kb


def json_ld(page: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert block, "no JSON-LD block"
    return json.loads(block.group(1))


def test_public_site_leaves_out_drafts_and_internal_pages(kb):
    public = render_site(kb, "public", TODAY).files
    assert "claims/ice-cures-headache.md" in public
    assert "claims/ice-reduces-soreness.md" not in public  # a draft
    assert "ice-reduces-soreness" not in "".join(public.values())
    assert "doe2015soreness" not in public["references.md"]  # cited only by the draft
    assert not {"wording.md", "audit.md", "audit.csv", "audit.json"} & set(public)


def test_internal_site_has_everything(kb):
    internal = render_site(kb, "internal", TODAY).files
    assert {"claims/ice-reduces-soreness.md", "wording.md", "audit.md", "audit.csv", "audit.json"} <= set(internal)


def test_internal_notes_reach_only_the_internal_site(kb):
    marker = "INTERNAL-MARKER-ice-cures-headache"
    public = render_site(kb, "public", TODAY).files
    assert not [path for path, text in public.items() if marker in to_html(text) or marker in text]
    assert marker in to_html(render_site(kb, "internal", TODAY).files["claims/ice-cures-headache.md"])


def test_claim_page_has_badge_admonition_quote_and_citations(kb):
    page = render_site(kb, "public", TODAY).files["claims/ice-cures-headache.md"]
    html = to_html(page)
    assert 'class="claimkb-badge claimkb-misrepresents-source"' in html
    assert '<div class="admonition danger">' in html
    assert "<blockquote>" in html and "A 2010 study found that ice packs cure headaches." in html
    assert 'href="https://doi.org/10.1000/example.2010"' in html
    assert "Smith A, Jones B (2010)" in html
    assert "A cold pack may ease headache pain for a short while." in html
    assert "The current text was signed off by compliance on 2026-01-15." in html


@pytest.mark.parametrize("verdict", sorted(VERDICTS))
def test_admonition_follows_the_verdict(kb, verdict: str, tmp_path: Path):
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    record = root / "claims" / "ice-cures-headache.yaml"
    record.write_text(record.read_text().replace("verdict: misrepresents-source", f"verdict: {verdict}"))
    resign(root)
    changed, problems = load_knowledge_base(root)
    assert not [p for p in problems if p.is_error]
    page = render_site(changed, "public", TODAY).files["claims/ice-cures-headache.md"]
    expected = {
        "supported": "success",
        "partly-supported": "note",
        "overstated": "warning",
        "unsupported": "warning",
        "misrepresents-source": "danger",
        "contradicted": "danger",
        "not-assessed": "info",
    }[verdict]
    assert f'<div class="admonition {expected}">' in to_html(page)


def test_claim_review_json_ld(kb):
    page = render_site(kb, "public", TODAY, "https://example.test/").files["claims/ice-cures-headache.md"]
    data = json_ld(page)
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
    appearance = data["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://example.org/sample"
    assert appearance["headline"] == "Sample Article"


def test_record_text_is_escaped_everywhere(tmp_path: Path):
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    record = root / "claims" / "ice-cures-headache.yaml"
    evil = "<script>alert(1)</script> [x](javascript:alert(2)) </script><b>bold</b>"
    text = record.read_text()
    for field in (
        "title: A 2010 study found that ice packs cure headaches",
        "conclusion: The trial measured short-term pain relief during attacks, not a cure.",
    ):
        key = field.split(":")[0]
        text = text.replace(field, f"{key}: '{evil}'")
    text = text.replace("claim: Ice packs cure headaches.", f"claim: '{evil}'")
    text = text.replace("internal_notes: INTERNAL-MARKER-ice-cures-headache", f"internal_notes: '{evil}'")
    record.write_text(text)
    resign(root)
    kb, problems = load_knowledge_base(root)
    assert not [p for p in problems if p.is_error]
    for audience in ("public", "internal"):
        for path, page in render_site(kb, audience, TODAY).files.items():
            if not path.endswith(".md"):
                continue
            html = to_html(page)
            assert "<script>alert" not in html, path
            assert "javascript:" not in re.sub(r"&[a-z]+;", "", " ".join(re.findall(r'href="([^"]*)"', html))), path
            assert "<b>bold</b>" not in html, path
            if path == "claims/ice-cures-headache.md":
                raw = re.search(r'ld\+json">\n(.*?)\n</script>', page, re.S).group(1)
                assert "</script>" not in raw and "<" not in raw
                assert json_ld(page)["claimReviewed"] == evil


def test_md_escapes_markdown_and_html():
    assert md("*a* <b>") == r"\*a\* &lt;b&gt;"
    assert md("  spaced\n out  ") == "spaced out"
    assert md(" x ", keep_edges=True) == " x "


def test_annotated_article_links_every_quote_to_its_claim(kb):
    site = render_site(kb, "internal", TODAY)
    page = site.files["article/sample-article.md"]
    for claim in kb.claims:
        assert f"(../claims/{claim.id}.md){{ .claimkb-hl .claimkb-{claim.verdict}" in page
        assert f"#claim-{claim.id}" in page
    html = to_html(page)
    assert "<h2>Sample Article</h2>" in html  # a heading in not_claims, one level under the page title
    assert "Cold therapy is completely safe for everyone." in html


def test_claims_index_lists_published_claims_with_verdicts(kb):
    page = render_site(kb, "internal", TODAY).files["claims/index.md"]
    html = to_html(page)
    assert html.count("<tr>") == 1 + len(kb.claims)
    assert 'class="claimkb-index"' in html
    for claim in kb.claims:
        assert f'href="{claim.id}.md"' in html or f'href="../claims/{claim.id}.md"' in html


def test_references_link_back_to_citing_claims(kb):
    page = render_site(kb, "internal", TODAY).files["references.md"]
    section = page.split("smith2010ice", 1)[1].split("## ", 1)[0]
    assert "claims/ice-cures-headache.md" in section
    assert "{ #ref-smith2010ice }" in page


def test_audit_lists_overdue_claims_on_the_build_date(kb):
    before = render_site(kb, "internal", dt.date(2026, 7, 15)).files
    after = render_site(kb, "internal", dt.date(2026, 7, 16)).files
    assert "## Overdue for review (0)" in before["audit.md"]
    assert "## Overdue for review (2)" in after["audit.md"]
    rows = json.loads(after["audit.json"])
    assert [r["overdue"] for r in rows] == [True, True]
    assert after["audit.csv"].splitlines()[0].startswith("id,title,topic,verdict")
    assert "INTERNAL-MARKER-ice-cures-headache" in after["audit.csv"]


def test_wording_library_has_copy_buttons(kb):
    page = render_site(kb, "internal", TODAY).files["wording.md"]
    assert page.count('class="claimkb-copy') == sum(len(c.wording.approved) * len(c.topic) for c in kb.claims)
    assert 'data-copy="A cold pack may ease headache pain for a short while."' in page


def test_verdict_colours_come_from_the_scales(kb):
    css = render_site(kb, "public", TODAY).files["assets/verdicts.css"]
    for verdict in VERDICTS.values():
        assert f".claimkb-badge.claimkb-{verdict.value} {{ background: {verdict.colour}; }}" in css


def test_home_counts_claims_per_verdict(kb):
    page = render_site(kb, "internal", TODAY).files["index.md"]
    assert "**2 claims** checked against the evidence; 1 of them signed off by compliance." in page
    html = to_html(page)
    row = re.search(r"Misrepresents its source</span></td>\s*<td>[^<]*</td>\s*<td>(\d+)</td>", html)
    assert row and row.group(1) == "1"


def test_unknown_audience_is_refused(kb):
    with pytest.raises(ValueError):
        render_site(kb, "everyone", TODAY)


def test_regex_patterns_show_as_code_unchanged(kb):
    from claimkb.render.text import code

    pattern = r"/(help\w*|treat\w*) [a]_b_ `x` #1 {y} & </code>/"
    html = to_html("| a |\n|---|\n| " + code(pattern) + " |")
    inner = re.search(r"<code>(.*?)</code>", html).group(1)
    import html as html_module

    assert html_module.unescape(inner) == pattern
    page = render_site(kb, "internal", TODAY).files["checker.md"]
    assert "<h3>absolute-safety</h3>" in to_html(page)
    assert "<code>/ice (packs?)? (cures?&#124;heals?) (a )?headaches?/</code>" in page


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "1. not a list",
        "12) not a list",
        "*not emphasis*",
        "_nor this_",
        "`not code`",
        "[not](a-link.md)",
        "{ .not-an-attr }",
        "a | b",
    ],
)
def test_md_text_renders_as_the_same_text(text: str):
    html = to_html(md(text))
    assert html == f"<p>{html_module.escape(text, quote=False)}</p>"
