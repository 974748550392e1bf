"""Evidence corrections that must hold (issue: indirectness, honest wording, suggestions that add no claims)."""

from __future__ import annotations

import pytest

from claimkb.kb.load import load_knowledge_base
from claimkb.kb.vocab import TREATMENT_SOLD
from conftest import REPO


@pytest.fixture(scope="module")
def kb():
    kb, problems = load_knowledge_base(REPO)
    assert [p.format() for p in problems] == []  # validate --strict is clean
    return kb


def test_corrected_verdicts(kb):
    assert kb.claim("reduces-eczema").verdict == "unsupported"
    assert kb.claim("addresses-many-concerns").verdict == "unsupported"


@pytest.mark.parametrize(
    "claim_id", ["migraine-2013-study", "cold-treatment-helps-depression", "rebound-blood-flow-vibrant-skin"]
)
def test_records_with_no_honest_wording_say_do_not_use(kb, claim_id):
    wording = kb.claim(claim_id).wording
    assert wording.approved == () and wording.no_alternative


def test_claims_about_the_treatment_on_indirect_evidence_are_very_low_unless_a_reason_is_given(kb):
    for claim in kb.claims:
        direct = any(c.intervention in TREATMENT_SOLD for c in claim.citations)
        if claim.claim_kind == "treatment" and not direct and not claim.indirect_reason:
            assert claim.certainty == "very-low", claim.id


def test_cold_air_studies_are_not_tagged_as_the_vapour_sold(kb):
    tags = {(c.key, c.intervention) for claim in kb.claims for c in claim.citations}
    assert ("hirvonen2006ra", "localized-vapour") not in tags
    assert ("abdelhakiem2024ms", "localized-vapour") not in tags
    assert ("wiadlek2014spasticity", "localized-vapour") not in tags


def test_allocation_never_seen_is_not_shown_as_randomised(kb):
    designs = {(c.key, c.design) for claim in kb.claims for c in claim.citations}
    assert not {("hohenauer2019perfusion", "rct"), ("abdelhakiem2024ms", "rct")} & designs


def test_approved_wording_does_not_overstate_a_day_2_finding_or_a_30_minute_measurement(kb):
    wording = " ".join(s for claim in kb.claims for s in claim.wording.approved)
    assert "for a day or two" not in wording and "about half an hour" not in wording


def test_the_contraindication_wording_says_who_should_not_have_it(kb):
    [sentence] = kb.claim("contraindications-list").wording.approved
    for group in ("pregnant", "high blood pressure", "heart or lung disease", "Raynaud's", "cold allergy"):
        assert group in sentence
    assert sentence.startswith("Do not have cryotherapy if")


def test_no_suggestion_asserts_a_benefit(kb):
    suggestions = [s for rule in kb.rules for s in rule.replacements.values()]
    assert suggestions
    for banned in ("well tolerated", "short-term relief", "results vary"):
        assert not any(banned in s for s in suggestions), banned
