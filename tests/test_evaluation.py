"""The checker's figures on every labelled set stay above their floors (make eval prints them).

Floors sit a little below the figures measured when they were set (README, "How well it finds
claims"), so that a regression fails the build; the held-out sets are measured, never tuned on.
"""

from __future__ import annotations

import sys

import pytest

from claimkb.checker.check import Checker
from claimkb.checker.evaluation import Figures
from claimkb.kb.load import load_knowledge_base
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from evaluate import SETS, evaluate  # noqa: E402

# set -> (recall, precision, unknown recall, neutral noise at most)
FLOORS = {
    "copy-dev": (0.95, 0.95, 0.85, 0.05),
    "copy-dev-2": (0.93, 0.90, 0.78, 0.05),
    "copy-dev-3": (0.95, 0.90, 0.75, 0.05),
    "copy-dev-4": (0.86, 0.85, 0.50, 0.05),
    "copy-dev-5": (0.87, 0.90, 0.70, 0.05),
    "copy-dev-6": (0.85, 0.90, 0.60, 0.05),
    "copy-dev-7": (0.70, 0.77, 0.62, 0.05),
    "copy-dev-8": (0.85, 0.75, 0.72, 0.05),
    "copy-dev-9": (0.74, 0.70, 0.72, 0.10),
    "copy-dev-10": (0.78, 0.77, 0.78, 0.05),
    "copy-dev-11": (0.72, 0.85, 0.85, 0.05),
    "copy-dev-12": (0.76, 0.78, 0.78, 0.05),
    "copy-dev-13": (0.82, 0.80, 0.84, 0.05),
    "copy-dev-14": (0.72, 0.80, 0.80, 0.08),
    "copy-dev-15": (0.78, 0.86, 0.75, 0.05),
    "copy-dev-16": (0.72, 0.85, 0.72, 0.05),
    "copy-dev-17": (0.82, 0.83, 0.74, 0.05),
    "copy-dev-18": (0.85, 0.85, 0.75, 0.05),
    "copy-dev-19": (0.72, 0.76, 0.80, 0.05),
    "copy-dev-20": (0.77, 0.81, 0.75, 0.05),
    "copy-dev-21": (0.81, 0.77, 0.90, 0.05),
    "copy-dev-22": (0.89, 0.84, 0.76, 0.05),
    "copy-dev-23": (0.85, 0.85, 0.85, 0.05),
    "copy-dev-24": (0.80, 0.87, 0.70, 0.05),
    "copy-dev-25": (0.79, 0.79, 0.84, 0.05),
    "copy-dev-26": (0.78, 0.82, 0.70, 0.05),
    "copy-dev-27": (0.70, 0.81, 0.63, 0.05),
    "copy-dev-28": (0.74, 0.83, 0.71, 0.05),
    "copy-dev-29": (0.83, 0.89, 0.82, 0.05),
    "copy-dev-30": (0.80, 0.82, 0.84, 0.05),
    "copy-dev-31": (0.82, 0.81, 0.80, 0.05),
    "copy-dev-32": (0.74, 0.87, 0.68, 0.05),
    "copy-dev-33": (0.82, 0.83, 0.84, 0.05),
    "copy-dev-34": (0.78, 0.80, 0.81, 0.05),
    "copy-dev-35": (0.79, 0.77, 0.78, 0.05),
    "copy-dev-36": (0.79, 0.83, 0.73, 0.05),
    "copy-dev-37": (0.86, 0.90, 0.84, 0.05),
    "copy-dev-38": (0.80, 0.82, 0.60, 0.05),
    "copy-dev-39": (0.85, 0.80, 0.88, 0.05),
    "copy-dev-40": (0.80, 0.86, 0.88, 0.09),
    "copy-dev-41": (0.82, 0.88, 0.74, 0.05),
    "copy-dev-42": (0.77, 0.87, 0.77, 0.05),
    "copy-dev-43": (0.79, 0.84, 0.92, 0.05),
    "copy-dev-44": (0.79, 0.87, 0.84, 0.05),
    "copy-dev-45": (0.73, 0.79, 0.56, 0.08),
    "copy-dev-46": (0.84, 0.87, 0.84, 0.06),
    "copy-dev-47": (0.73, 0.82, 0.76, 0.05),
    "copy-dev-48": (0.85, 0.87, 0.84, 0.05),
    "copy-dev-49": (0.85, 0.82, 0.77, 0.05),
    "copy-dev-50": (0.80, 0.89, 0.75, 0.05),
    "copy-dev-51": (0.80, 0.89, 0.95, 0.05),
    "copy-dev-52": (0.84, 0.86, 0.72, 0.05),
    "copy-dev-53": (0.88, 0.85, 0.80, 0.05),
    "copy-dev-54": (0.81, 0.85, 0.88, 0.06),
    "copy-dev-55": (0.76, 0.78, 0.92, 0.05),
    "copy-dev-56": (0.88, 0.82, 0.80, 0.05),
    "labelled": (0.95, 0.95, None, 0.05),
    "held-out": (0.75, 0.90, None, 0.10),
    "held-out-2": (0.80, 0.95, None, 0.10),
    "held-out-3": (0.82, 0.92, 0.95, 0.05),
    "held-out-4": (0.75, 0.90, 0.74, 0.06),
    "held-out-5": (0.86, 0.86, 0.55, 0.05),
    "held-out-6": (0.80, 0.84, 0.95, 0.05),
    "held-out-7": (0.72, 0.91, 0.65, 0.05),
    "held-out-8": (0.85, 0.84, 0.88, 0.05),
    "held-out-9": (0.76, 0.78, 0.45, 0.11),
    "held-out-10": (0.70, 0.84, 0.72, 0.05),
    "held-out-11": (0.75, 0.87, 0.65, 0.05),
    "held-out-12": (0.79, 0.71, 0.72, 0.11),
    "held-out-13": (0.75, 0.74, 0.61, 0.05),
    "held-out-14": (0.77, 0.78, 0.76, 0.08),
    "held-out-15": (0.75, 0.80, 0.79, 0.13),
    "held-out-16": (0.75, 0.80, 0.81, 0.07),
    "held-out-17": (0.65, 0.76, 0.63, 0.07),
    "held-out-18": (0.71, 0.78, 0.81, 0.05),
    "held-out-19": (0.82, 0.84, 0.88, 0.05),
    "held-out-20": (0.80, 0.90, 0.72, 0.05),
    "held-out-21": (0.76, 0.86, 0.84, 0.08),
    "held-out-22": (0.72, 0.83, 0.89, 0.05),
    "held-out-23": (0.81, 0.83, 0.65, 0.05),
    "held-out-24": (0.86, 0.86, 0.80, 0.05),
    "held-out-25": (0.68, 0.83, 0.74, 0.05),
    "held-out-26": (0.84, 0.87, 0.79, 0.05),
    "held-out-27": (0.82, 0.83, 0.81, 0.06),
    "held-out-28": (0.75, 0.80, 0.64, 0.05),
    "held-out-29": (0.79, 0.72, 0.88, 0.08),
    "held-out-30": (0.79, 0.84, 0.72, 0.05),
    "held-out-31": (0.83, 0.84, 0.73, 0.05),
    "held-out-32": (0.74, 0.86, 0.89, 0.05),
    "held-out-33": (0.76, 0.85, 0.75, 0.07),
}


@pytest.fixture(scope="module")
def checker() -> Checker:
    kb, problems = load_knowledge_base(REPO)
    assert not [p for p in problems if p.is_error]
    return Checker.for_kb(kb)


@pytest.fixture(scope="module")
def figures(checker) -> dict[str, Figures]:
    return {name: evaluate(checker, path) for name, path, _ in SETS}


def test_every_set_has_floors():
    assert {name for name, _, _ in SETS} == set(FLOORS)


@pytest.mark.parametrize("name", list(FLOORS))
def test_figures_stay_above_their_floors(figures, name):
    recall, precision, unknown, noise = FLOORS[name]
    f = figures[name]
    assert f.recall >= recall, f.row()
    assert f.precision >= precision, f.row()
    if unknown is not None:
        assert f.unknown_recall >= unknown, f.row()
    assert f.neutral_noise <= noise, f.row()


def test_development_copy_names_no_record_on_neutral_or_hedged_sentences(figures):
    f = figures["copy-dev"]
    assert (f.neutral_named, f.hedged_named) == (0, 0), f.noisy


# copy-dev-9's author labels treatments named for an outcome on a price list ("Glow Blast",
# "Scalp Freeze") neutral, where copy-dev-4's labels such names ("Cellulite Eraser") claims, as
# compliance practice does: the checker follows the latter, so copy-dev-9 is held to its floor
# (7% of its neutral units get a finding, most of them such names) rather than to one in twenty.
NAMES_AS_NEUTRAL = {"copy-dev-9"}


@pytest.mark.parametrize("name", [name for name, _, role in SETS if role == "dev" and name not in NAMES_AS_NEUTRAL])
def test_at_most_one_neutral_sentence_in_twenty_gets_any_finding(figures, name):
    assert figures[name].neutral_noise <= 1 / 20, figures[name].noisy


def test_measure_counts_by_overlap_and_by_label():
    from claimkb.checker.evaluation import Labelled, measure
    from claimkb.kb.problems import Problem

    items = [
        Labelled("a.md", 1, 1, 20, "x", "claim", ("r1",)),
        Labelled("a.md", 1, 21, 40, "y", "neutral", ()),
        Labelled("a.md", 2, 1, 30, "z", "unknown", ()),
        Labelled("a.md", 3, 1, 30, "w", "hedged", ("r2",)),
    ]

    def finding(line, column, end, rule="known-claim", claim=""):
        return Problem("a.md", line, column, "warning", rule, "m", end_line=line, end_column=end, claim=claim)

    findings = [
        finding(1, 5, 9, claim="r1"),  # right, on the claim
        finding(1, 25, 30, claim="r9"),  # wrong: a record on a neutral sentence
        finding(2, 1, 4, rule="unreviewed-claim"),  # the unknown claim found
        finding(4, 1, 9, claim="r2"),  # on no labelled sentence: not counted
    ]
    f = measure(items, findings)
    assert (f.found, f.claim) == (1, 1)
    assert (f.right_findings, f.record_findings) == (1, 2)
    assert (f.unknown_found, f.unknown) == (1, 1)
    assert (f.neutral_flagged, f.neutral_named, f.hedged_flagged) == (1, 1, 0)
