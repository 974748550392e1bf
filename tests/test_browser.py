"""The built site in a real browser: Playwright driving Debian's Chromium over local HTTP."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from claimkb.cli import main
from claimkb.kb.load import load_knowledge_base
from conftest import REPO, VALID, resign, two_documents

CHROMIUM = os.environ.get("CLAIMKB_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _require_browser():
    if Path(CHROMIUM).exists():
        try:
            import playwright.sync_api  # noqa: F401

            return
        except ImportError:
            reason = "the playwright package is not installed"
    else:
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Build the repository's sites and serve them on 127.0.0.1."""
    _require_browser()
    out = tmp_path_factory.mktemp("site")
    assert main(["build", "--root", str(REPO), "--out", str(out), "--date", "2026-11-25"]) == 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A page that records console errors and every host it asks for."""
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []
    page.hosts = set()
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: page.hosts.add(urlparse(r.url).hostname))
    yield page
    assert page.console_errors == []
    assert page.hosts <= {"127.0.0.1"}, page.hosts
    context.close()


def search(page, words: str) -> None:
    """Type into Material's search box as a person would (it listens for key events)."""
    page.wait_for_load_state("networkidle")
    page.click(".md-search__input")
    page.keyboard.type(words, delay=20)


@pytest.fixture(scope="module")
def kb():
    kb, _ = load_knowledge_base(REPO)
    return kb


def test_article_highlights_lead_to_their_claim_pages(server, page, kb):
    page.goto(f"{server}/public/article/benefits-of-localized-cryotherapy/")
    links = page.eval_on_selector_all("a.claimkb-hl", "els => els.map(e => e.getAttribute('href'))")
    linked = {href.rstrip("/").split("/")[-1] for href in links}
    assert linked == {c.id for c in kb.claims if c.review.status in ("approved", "in-review")}
    page.click("a.claimkb-hl[href*='eczema-finnish-study']")
    page.wait_for_url("**/claims/eczema-finnish-study/")
    assert page.inner_text("h1").startswith(kb.claim("eczema-finnish-study").title)
    assert "Misrepresents its source" in page.inner_text(".claimkb-badge")


def test_claim_page_link_returns_to_the_highlight(server, page):
    page.goto(f"{server}/public/claims/migraine-2013-study/")
    page.click("text=See it in the annotated article")
    page.wait_for_url("**/article/benefits-of-localized-cryotherapy/#claim-migraine-2013-study")
    assert page.locator("#claim-migraine-2013-study").count() == 1


def test_index_filters_by_verdict_and_topic(server, page, kb):
    page.goto(f"{server}/public/claims/")
    rows = page.locator(".claimkb-index tbody tr")
    assert rows.count() == len(kb.claims)
    page.select_option("select[name=verdict]", "Contradicted")
    visible = page.locator(".claimkb-index tbody tr:not([hidden])")
    expected = sum(c.verdict == "contradicted" for c in kb.claims)
    assert visible.count() == expected > 0
    assert set(visible.locator("td:nth-child(3)").all_inner_texts()) == {"Contradicted"}
    page.select_option("select[name=verdict]", "")
    page.select_option("select[name=topic]", "eczema")
    assert visible.count() == sum("eczema" in c.topic for c in kb.claims)
    assert page.inner_text(".claimkb-count").startswith(f"{visible.count()} of {len(kb.claims)}")


def test_index_sorts_by_a_column(server, page):
    page.goto(f"{server}/public/claims/")
    page.click(".claimkb-index th:has-text('Verdict')")
    verdicts = page.locator(".claimkb-index tbody td:nth-child(3)").all_inner_texts()
    assert verdicts == sorted(verdicts, key=str.casefold) or verdicts == sorted(verdicts)


def _quote_only_word(claim) -> str:
    """A word of the claim's quote that its title, plain claim, conclusion and summary do not use."""
    elsewhere = " ".join([claim.title, claim.claim, claim.conclusion, claim.summary]).lower()
    words = [w.strip(".,;:!?\"'()") for w in claim.source.quote.split()]
    return next(w for w in words if len(w) >= 6 and w.isalpha() and w.lower() not in elsewhere)


def test_search_finds_a_claim_by_a_word_of_its_quote(server, page, kb):
    claim = kb.claim("eczema-finnish-study")
    word = _quote_only_word(claim)
    page.goto(f"{server}/public/")
    search(page, word)
    result = page.locator(f".md-search-result__item a[href*='claims/{claim.id}/']").first
    result.wait_for(timeout=10000)
    assert result.count() == 1


# --- Landmarks: what a generated page must still look like now that it skips Markdown.


@pytest.fixture
def wide(browser):
    """A page wide enough for Material to show the sidebar table of contents."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert errors == []
    context.close()


def test_badge_wears_its_verdict_s_colour(server, wide, kb):
    from claimkb.kb.vocab import VERDICTS

    claim = kb.claim("eczema-finnish-study")
    wide.goto(f"{server}/public/claims/{claim.id}/")
    badge = wide.locator("article .claimkb-badge").first
    assert badge.is_visible() and badge.inner_text() == VERDICTS[claim.verdict].label
    style = badge.evaluate(
        "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color, s.borderRadius]; }"
    )
    colour = VERDICTS[claim.verdict].colour
    rgb = f"rgb({int(colour[1:3], 16)}, {int(colour[3:5], 16)}, {int(colour[5:7], 16)})"
    assert style[:2] == [rgb, "rgb(255, 255, 255)"] and style[2] != "0px"


def test_admonition_is_material_s_admonition(server, wide, kb):
    from claimkb.kb.vocab import VERDICTS

    claim = kb.claim("eczema-finnish-study")  # misrepresents its source: a "danger" admonition
    wide.goto(f"{server}/public/claims/{claim.id}/")
    admonition = wide.locator(f"article .admonition.{VERDICTS[claim.verdict].admonition}")
    assert admonition.count() == 1 and admonition.is_visible()
    assert admonition.locator(".admonition-title").inner_text() == VERDICTS[claim.verdict].label
    assert claim.conclusion in admonition.inner_text()
    border, icon = admonition.evaluate(
        "e => [getComputedStyle(e).borderLeftColor,"
        " getComputedStyle(e.querySelector('.admonition-title'), '::before').maskImage]"
    )
    assert border == "rgb(255, 23, 68)"  # Material's colour for danger
    assert icon.startswith("url(")  # and its icon


def test_sidebar_table_of_contents_lists_the_page_s_sections(server, wide):
    wide.goto(f"{server}/public/claims/eczema-finnish-study/")
    toc = wide.locator(".md-sidebar--secondary .md-nav--secondary")
    assert toc.is_visible()
    headings = wide.locator("article h2").all_inner_texts()
    entries = toc.locator("> ul > li > a").all_inner_texts()
    assert [e.strip() for e in entries] == [h.rstrip("¶").strip() for h in headings]
    assert entries[1:4] == ["Where this claim appears", "How the article backs it", "What the evidence says"]
    toc.locator("a", has_text="Sources").click()
    wide.wait_for_url("**/claims/eczema-finnish-study/#sources")
    assert wide.locator("h3#sources").is_visible()


def test_copy_button_copies_approved_wording(server, browser, kb):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/internal/wording/")
    buttons = page.locator("button.claimkb-copy")
    assert buttons.count() >= sum(len(c.wording.approved) for c in kb.claims)
    text = buttons.first.get_attribute("data-copy")
    buttons.first.click()
    page.wait_for_function("document.querySelector('button.claimkb-copy').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert errors == []
    context.close()


def test_public_site_has_no_internal_pages(server, page):
    response = page.goto(f"{server}/public/audit/")
    assert response.status == 404
    page.console_errors.clear()  # the 404 itself is logged by the browser


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory):
    """A knowledge base whose record holds HTML and script, built and served."""
    _require_browser()
    root = Path(shutil.copytree(VALID, tmp_path_factory.mktemp("evil") / "kb"))
    record = root / "claims" / "ice-cures-headache.yaml"
    evil = "</title><script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
    text = record.read_text()
    text = text.replace("title: A 2010 study found that ice packs cure headaches", f"title: '{evil}'")
    text = text.replace("claim: Ice packs cure headaches.", f"claim: '{evil}'")
    text = text.replace(
        'approved: ["A cold pack may ease headache pain for a short while."]', f"approved: ['{evil} may ease pain']"
    )
    record.write_text(text)
    resign(root)  # what the approval covers changed: compliance signs it off again
    assert main(["build", "--root", str(root), "--date", "2026-11-25"]) == 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "path", ["public/claims/ice-cures-headache/", "public/claims/", "internal/wording/", "internal/audit/", "public/"]
)
def test_record_html_renders_as_text(evil_server, browser, path):
    page = browser.new_page()
    page.goto(f"{evil_server}/{path}")
    page.wait_for_load_state("load")
    assert page.evaluate("window.pwned") is None
    if "claims/ice-cures-headache" in path:
        assert "<script>window.pwned=1</script>" in page.inner_text("h1")
        assert "</title>" in page.title()
    if "wording" in path:
        page.locator("button.claimkb-copy").first.click()
        assert page.evaluate("window.pwned") is None
    page.close()


def test_search_results_render_record_html_as_text(evil_server, browser):
    page = browser.new_page()
    page.goto(f"{evil_server}/public/")
    search(page, "attack")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    assert page.evaluate("window.pwned") is None
    page.close()


# --- Accessibility: axe-core (shipped inside axe-playwright-python) over every kind of page.

# Serious or critical violations that a bare Material for MkDocs page shows too, each by rule
# AND by the element of Material's own markup it occurs on; the same rule on our markup fails.
MATERIAL_OWN = {
    ("aria-dialog-name", ".md-search"),  # Material's search dialog has no accessible name
    ("color-contrast", ".md-copyright"),  # Material's "Made with Material for MkDocs" footer
}


def _serve(folder: Path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def every_verdict_server(tmp_path_factory):
    """The valid fixture with one record of each verdict, built and served."""
    _require_browser()
    from claimkb.kb.vocab import VERDICTS

    root = Path(shutil.copytree(VALID, tmp_path_factory.mktemp("verdicts") / "kb"))
    template = (root / "claims" / "ice-reduces-soreness.yaml").read_text()
    present = {c.verdict for c in load_knowledge_base(root)[0].claims}
    for verdict in VERDICTS:
        if verdict not in present:
            record = template.replace("id: ice-reduces-soreness", f"id: verdict-{verdict}")
            record = record.replace("verdict: partly-supported", f"verdict: {verdict}")
            (root / "claims" / f"verdict-{verdict}.yaml").write_text(record)
    kb, problems = load_knowledge_base(root)
    assert {c.verdict for c in kb.claims} == set(VERDICTS), [p.format() for p in problems if p.is_error]
    assert main(["build", "--root", str(root), "--date", "2026-11-25"]) == 0
    httpd = _serve(root / "site")
    yield f"http://127.0.0.1:{httpd.server_address[1]}", kb
    httpd.shutdown()
    httpd.server_close()


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    found = []
    for violation in results["violations"]:
        serious = violation["impact"] in ("serious", "critical")
        if not serious and violation["id"] != "heading-order":  # headings never skip a level
            continue
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if (violation["id"], target) not in MATERIAL_OWN:
                found.append(f"{violation['id']} ({violation['impact']}) on {target}")
    return found


PAGES = [
    "public/",
    "public/article/benefits-of-localized-cryotherapy/",
    "public/claims/",
    "public/references/",
    "public/methodology/",
    "internal/wording/",
    "internal/audit/",
    "internal/checker/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_serious_accessibility_violation(server, page, path):
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("load")
    assert _violations(page) == []


def test_a_claim_page_of_every_verdict_is_accessible(every_verdict_server, page):
    base, kb = every_verdict_server
    found = {}
    for claim in kb.claims:
        page.goto(f"{base}/internal/claims/{claim.id}/")  # drafts too
        page.wait_for_load_state("load")
        found[claim.verdict] = _violations(page)
    assert found == {verdict: [] for verdict in found}


def test_the_exceptions_are_material_s_own_and_still_there(server, page):
    """If Material fixes its markup, the exception list must shrink with it."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{server}/public/")
    page.wait_for_load_state("load")
    raw = {
        (v["id"], " ".join(map(str, n["target"]))) for v in Axe().run(page).response["violations"] for n in v["nodes"]
    }
    assert MATERIAL_OWN <= raw


# --- A claim appears in many places (#15): the valid fixture with a second source document.


def _built_and_served(root: Path):
    assert main(["build", "--root", str(root), "--date", "2026-11-25"]) == 0
    return _serve(root / "site")


@pytest.fixture(scope="module")
def two_docs_server(tmp_path_factory):
    """The valid fixture with a second document (conftest.two_documents), built and served."""
    _require_browser()
    httpd = _built_and_served(two_documents(tmp_path_factory.mktemp("two") / "kb"))
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_home_lists_both_documents(two_docs_server, page):
    page.goto(f"{two_docs_server}/public/")
    items = page.locator("#the-articles + ul > li")
    assert [t.split(",")[0] for t in items.all_inner_texts()] == ["Sample Article", "Second Article"]
    items.nth(1).locator("a").click()
    page.wait_for_url("**/public/article/second-article/")
    assert page.inner_text("h1").startswith("The article: Second Article")
    assert page.locator("a.claimkb-hl").all_inner_texts() == [
        "Our ice packs cure headaches for good.",
        "Cold therapy is completely safe for everyone.",
    ]


def test_index_filters_by_document(two_docs_server, page):
    page.goto(f"{two_docs_server}/public/claims/")
    visible = page.locator(".claimkb-index tbody tr:not([hidden])")
    assert visible.count() == 2
    assert page.locator(".claimkb-filters label.claimkb-document-filter").is_visible()
    page.select_option("select[name=document]", "sample-article")
    assert visible.locator("td:first-child").all_inner_texts() == ["A 2010 study found that ice packs cure headaches"]
    page.select_option("select[name=document]", label="Second Article")
    assert visible.count() == 2
    page.select_option("select[name=verdict]", "Partly supported")
    assert visible.locator("td:first-child").all_inner_texts() == ["Cold therapy is safe for everyone"]
    assert page.inner_text(".claimkb-count").startswith("1 of 2")
    page.select_option("select[name=verdict]", "")
    page.select_option("select[name=document]", "")
    assert visible.count() == 2


def test_internal_index_filters_on_proposed_links_too(two_docs_server, page):
    page.goto(f"{two_docs_server}/internal/claims/")
    page.select_option("select[name=document]", "sample-article")
    visible = page.locator(".claimkb-index tbody tr:not([hidden])")
    assert visible.count() == 3  # cold-is-safe's link there is proposed; the draft is internal


def test_index_without_javascript_lists_every_claim(two_docs_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{two_docs_server}/public/claims/")
    rows = page.locator(".claimkb-index tbody tr")
    assert rows.count() == 2 and all(rows.nth(i).is_visible() for i in range(2))
    assert not page.locator("label.claimkb-document-filter").is_visible()
    context.close()


def test_claim_page_links_lead_to_each_highlight(two_docs_server, page):
    for n, (document, quote) in enumerate(
        [
            ("sample-article", "A 2010 study found that ice packs cure headaches."),
            ("second-article", "Our ice packs cure headaches for good."),
        ]
    ):
        page.goto(f"{two_docs_server}/public/claims/ice-cures-headache/")
        places = page.locator("ul.claimkb-appearances > li")
        assert places.count() == 2
        assert quote in places.nth(n).inner_text()
        places.nth(n).locator("a").click()
        page.wait_for_url(f"**/article/{document}/#claim-ice-cures-headache")
        anchor = page.locator("#claim-ice-cures-headache")
        assert anchor.is_visible()
        assert anchor.evaluate("e => e.parentElement.previousElementSibling.textContent") == quote


def test_proposed_links_show_on_the_internal_site_only(two_docs_server, page):
    page.goto(f"{two_docs_server}/internal/article/second-article/")
    mark = page.locator("small.claimkb-proposed")
    assert mark.count() == 1 and mark.is_visible()
    assert mark.inner_text() == "proposed (linked by claimkb ingest; confirm)"
    page.goto(f"{two_docs_server}/internal/claims/ice-cures-headache/")
    assert page.locator("ul.claimkb-appearances > li").count() == 3
    page.locator("ul.claimkb-appearances > li").nth(2).locator("a").click()
    page.wait_for_url("**/internal/article/second-article/#claim-ice-cures-headache--2")
    page.goto(f"{two_docs_server}/public/article/second-article/")
    assert page.locator(".claimkb-proposed").count() == 0
    assert "linked by claimkb ingest" not in page.inner_text("article")


@pytest.mark.parametrize(
    "path",
    ["public/", "public/claims/", "public/claims/ice-cures-headache/", "internal/article/second-article/"],
)
def test_two_document_pages_are_accessible(two_docs_server, page, path):
    page.goto(f"{two_docs_server}/{path}")
    page.wait_for_load_state("load")
    assert _violations(page) == []


def test_document_html_renders_as_text(tmp_path: Path, browser):
    """The second document's title and publisher, a section and a quote hold HTML and script."""
    _require_browser()
    evil = "</title><script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
    httpd = _built_and_served(two_documents(tmp_path / "kb", evil))
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    page = browser.new_page()
    try:
        for path in ("public/", "public/claims/ice-cures-headache/", "internal/article/second-article/"):
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
            assert page.evaluate("window.pwned") is None, path
        page.goto(f"{base}/public/claims/")
        page.select_option("select[name=document]", label=f"Second Article {evil}")
        assert page.locator(".claimkb-index tbody tr:not([hidden])").count() == 2
        assert page.evaluate("window.pwned") is None
    finally:
        page.close()
        httpd.shutdown()
        httpd.server_close()
