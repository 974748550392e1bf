"""The controlled vocabularies of a record, with what each value means: their one definition.

Everything that shows or checks a verdict, a certainty, a citation status, a stance, a
design, an intervention or a review status reads it from here. The copies that cannot
import it (the JSON Schemas' enums, the README's tables) are held to it by
tests/test_vocabulary.py; the pages, the scaffold and the checker page are generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    value: str
    label: str
    colour: str  # CSS colour for badges and highlights: white text on it keeps 4.5:1 (a test checks)
    admonition: str  # Material admonition type on the claim page
    check_level: str  # level of a copy-checker finding that repeats the claim
    rating: int | None  # ClaimReview ratingValue, 1 (worst) to 5 (best); None: not rated
    meaning: str
    flagged: bool = False  # the home page counts it among the claims that fail the evidence


VERDICTS: dict[str, Verdict] = {
    v.value: v
    for v in (
        Verdict(
            "supported",
            "Supported",
            "#18703a",
            "success",
            "suggestion",
            5,
            "Good evidence for the treatment sold backs the claim as worded.",
        ),
        Verdict(
            "partly-supported",
            "Partly supported",
            "#2a6590",
            "note",
            "warning",
            4,
            "Some evidence backs part of the claim, or backs it only with limits the wording leaves out.",
        ),
        Verdict(
            "overstated",
            "Overstated",
            "#9c5100",
            "warning",
            "warning",
            3,
            "There is something behind the claim, but the wording goes well beyond the evidence.",
            flagged=True,
        ),
        Verdict(
            "unsupported",
            "Unsupported",
            "#6a4c93",
            "warning",
            "error",
            2,
            "No adequate evidence was found for the claim.",
            flagged=True,
        ),
        Verdict(
            "misrepresents-source",
            "Misrepresents its source",
            "#b3261e",
            "danger",
            "error",
            1,
            "The article points to a source, and that source does not say what the article says.",
            flagged=True,
        ),
        Verdict(
            "contradicted",
            "Contradicted",
            "#7f1d1d",
            "danger",
            "error",
            1,
            "The evidence points the other way.",
            flagged=True,
        ),
        Verdict(
            "not-assessed",
            "Not yet assessed",
            "#5f6368",
            "info",
            "warning",
            None,
            "Nobody has checked the evidence yet. This is not the same as unsupported.",
        ),
    )
}

CERTAINTY: dict[str, str] = {
    "high": "Further research is very unlikely to change the conclusion.",
    "moderate": "Further research may well change the size of the effect.",
    "low": "The true effect may be substantially different.",
    "very-low": "Any estimate of the effect is very uncertain.",
}

# How firmly approved wording may state a benefit, after GRADE's guidance on
# communicating findings: high plainly, moderate "probably", low "may",
# very low "it is uncertain whether".
CERTAINTY_PHRASE: dict[str, str] = {
    "high": "state plainly",
    "moderate": '"probably"',
    "low": '"may"',
    "very-low": '"it is uncertain whether"',
}

BEST_RATING, WORST_RATING = 5, 1

CITATION_STATUS_LABEL: dict[str, str] = {
    "uncited": "No source given",
    "vague": "Vague source",
    "identified": "Source identified",
    "misrepresented": "Source misrepresented",
}

CITATION_STATUS: dict[str, str] = {
    "uncited": "The article gives no source for this claim.",
    "vague": "The article gestures at research, but the source cannot be identified.",
    "identified": "The source the article points to was found, and it says what the article says.",
    "misrepresented": "The source the article points to was found, and it does not say what the article says.",
}

STANCE_LABEL: dict[str, str] = {
    "supports": "Supports",
    "partly-supports": "Partly supports",
    "contradicts": "Contradicts",
    "context": "Context",
}
SUPPORTING_STANCES = ("supports", "partly-supports")
VERDICTS_NEEDING_SUPPORT = ("supported", "partly-supported")

INTERVENTIONS: dict[str, str] = {
    "localized-vapour": "localized cryotherapy with liquid-nitrogen vapour (the treatment sold)",
    "local-cold-air": "a local cold-air device (for example air at -30 °C on one area)",
    "local-unknown": "local cryotherapy with a device the paper does not describe",
    "whole-body": "whole-body cryotherapy chamber",
    "cold-pack": "ice or cold pack",
    "cold-water": "cold-water immersion or cold-water cuff",
    "cryosurgery": "cryosurgery (freezing and destroying tissue)",
    "cryolipolysis": "cryolipolysis (controlled cooling of fat)",
    "not-applicable": "not a treatment study",
}

# Interventions that are the treatment the knowledge base's claims are about; evidence on
# anything else is indirect (GRADE), and certainty is rated down for it.
TREATMENT_SOLD = ("localized-vapour",)

# What a record claims about: only claims about what the treatment does need evidence on it.
CLAIM_KINDS: dict[str, str] = {
    "treatment": "what the treatment sold does (its benefits, its safety, how it feels)",
    "other-treatment": "what a different treatment does (for example whole-body chambers)",
    "physiology": "what the body does, whatever the treatment (hormones, collagen, ageing)",
    "source": "what the article's own sources say",
}

REVIEW_STATUS: dict[str, str] = {
    "draft": "being written; never published",
    "in-review": "written, waiting for compliance sign-off",
    "approved": "signed off by compliance",
    "retired": "kept for the record, no longer in use; never published",
}
PUBLISHED_STATUS = ("in-review", "approved")  # what the public site shows

DESIGN_LABEL: dict[str, str] = {
    "systematic-review": "systematic review",
    "rct": "randomised trial",
    "non-randomised": "non-randomised study",
    "controlled": "controlled study (allocation method not seen)",
    "case-series": "case series",
    "case-report": "case report",
    "animal": "animal study",
    "in-vitro": "laboratory study",
    "narrative-review": "narrative review",
    "guidance": "guidance",
    "ruling": "ruling",
    "other": "other",
}

CERTAINTY_LABEL: dict[str, str] = {"high": "High", "moderate": "Moderate", "low": "Low", "very-low": "Very low"}

CONCEPT_KINDS: dict[str, str] = {
    "outcome": "a health, body or appearance outcome (pain, cellulite, sleep)",
    "mechanism": "something the body does (blood vessels narrow, collagen, hormones)",
    "population": "who the copy speaks to or about (people after a stroke, anyone in pain)",
    "context": "a circumstance a record needs (a study, surgery, an age, medicines)",
    "assertion": "words that make a claim by themselves (zero risk, no downtime)",
    "predicate": "words that state a benefit or an effect (relieve, melt, smoother, no more)",
    "hedge": "words that hold a statement back to what the evidence allows (may, uncertain)",
}
