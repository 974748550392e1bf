"""The repository's own knowledge base: complete, valid, and honest about its evidence."""

from __future__ import annotations

import pytest

from claimkb.cli import main
from claimkb.coverage import document_coverage
from claimkb.kb.load import load_knowledge_base
from claimkb.kb.textnorm import fold
from conftest import REPO

SEED = "benefits-of-localized-cryotherapy"


@pytest.fixture(scope="module")
def repo_kb():
    return load_knowledge_base(REPO)


def test_repository_validates_without_errors_or_warnings(repo_kb):
    _, problems = repo_kb
    assert [p.format() for p in problems] == []


def test_seed_article_is_registered_unchanged(repo_kb):
    kb, _ = repo_kb
    shared = REPO.parent / "shared" / "seed" / f"{SEED}.txt"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert kb.documents[SEED].text == shared.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "claim_id, words",
    [
        ("pain-relief-through-collagen", "stimulation of collagen production"),
        ("relieves-bodily-pain", "bodily aches and pains"),
        ("eczema-finnish-study", "A Finnish study"),
        ("migraine-2013-study", "a 2013 study"),
        ("norepinephrine-mild-sedative", "norepinephrine acts as a mild sedative"),
        ("reduces-cellulite", "cellulite"),
        ("tighter-younger-skin", "younger-looking skin"),
        ("collagen-declines-at-30", "around age 30"),
        ("improves-psoriasis", "psoriasis"),
        ("improves-rosacea", "rosacea"),
        ("relieves-maxillofacial-pain-and-headaches", "maxillofacial pains"),
        ("cold-raises-norepinephrine", "jumps in endorphins"),
        ("cold-treatment-helps-depression", "cold treatment can help"),
        ("painless-no-discomfort", "no real discomfort or pain"),
        ("does-not-freeze-muscle", "freeze the muscle tissues"),
        ("no-downtime", "no downtime"),
        ("spasticity", "spasticity"),
        ("muscle-spasms", "muscle spasms"),
        ("local-fat-reduction", "local fat tissue"),
        ("prevents-edema", "prevent edema"),
        ("completely-safe", "completely safe for most people"),
        ("contraindications-list", "not recommended for pregnant women"),
        ("combine-with-prescribed-drugs", "prescribed pharmacology"),
    ],
)
def test_named_claim_exists_with_its_quote(repo_kb, claim_id: str, words: str):
    kb, _ = repo_kb
    claim = kb.claim(claim_id)
    assert claim.source.document == SEED
    assert fold(words) in fold(claim.source.quote)
    assert fold(claim.source.quote) in fold(kb.documents[SEED].text)


def test_the_client_named_verdicts_are_not_flattering(repo_kb):
    kb, _ = repo_kb
    verdicts = {c.id: c.verdict for c in kb.claims}
    assert verdicts["eczema-finnish-study"] == "misrepresents-source"
    assert verdicts["migraine-2013-study"] == "misrepresents-source"
    assert verdicts["norepinephrine-mild-sedative"] == "contradicted"
    assert verdicts["completely-safe"] == "contradicted"
    assert verdicts["pain-relief-through-collagen"] == "unsupported"


def test_every_sentence_of_the_seed_is_covered(repo_kb):
    kb, _ = repo_kb
    rows = document_coverage(kb, kb.documents[SEED])
    assert [row.sentence.text for row in rows if not row.covered] == []
    assert sum(bool(row.claim_ids) for row in rows) > sum(bool(row.reason) for row in rows)


def test_coverage_command_passes_on_the_repository(capsys):
    assert main(["coverage", "--root", str(REPO)]) == 0
    assert "(100%)" in capsys.readouterr().out


def test_every_citation_resolves_to_an_identified_reference(repo_kb):
    kb, _ = repo_kb
    for claim in kb.claims:
        for key in claim.reference_keys:
            reference = kb.references[key]
            assert any(reference.get(f) for f in ("doi", "pmid", "url")), key


def test_misrepresented_sources_are_identified(repo_kb):
    kb, _ = repo_kb
    for claim in kb.claims:
        if claim.citation_status in ("identified", "misrepresented"):
            assert claim.article_cites in kb.references, claim.id
        if claim.verdict == "misrepresents-source":
            assert claim.citation_status == "misrepresented", claim.id


def test_every_claim_offers_wording_or_says_why_not(repo_kb):
    kb, _ = repo_kb
    for claim in kb.claims:
        assert claim.wording.approved or claim.wording.no_alternative, claim.id


def test_claim_pages_link_references_by_doi_and_pubmed(repo_kb):
    import datetime as dt

    from claimkb.render import render_site

    kb, _ = repo_kb
    page = render_site(kb, "public", dt.date(2026, 11, 25)).pages["claims/migraine-2013-study.md"].html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/23901394/"' in page  # Sprouse-Blum 2013
    eczema = render_site(kb, "public", dt.date(2026, 11, 25)).pages["claims/eczema-finnish-study.md"].html
    assert 'href="https://doi.org/10.1001/archderm.144.6.806"' in eczema  # Klimenko 2008
