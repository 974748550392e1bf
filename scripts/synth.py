#!/usr/bin/env python3
"""Write a complete, valid, synthetic knowledge base for benchmarks and scale tests.

    python scripts/synth.py --claims 2000 --out /tmp/kb2000

The result (records, references, a source document, rules, mkdocs.yml and docs) passes
`claimkb validate`, and `claimkb build` runs from it. Everything in it is synthetic: the
references point to example.org, not to real studies. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERDICTS = ["supported", "partly-supported", "overstated", "unsupported", "misrepresents-source", "contradicted"]
CERTAINTY = {
    "supported": "high",
    "partly-supported": "low",
    "overstated": "low",
    "unsupported": "very-low",
    "misrepresents-source": "very-low",
    "contradicted": "moderate",
}
TOPICS = ["pain", "skin", "sleep", "mood", "recovery", "safety", "fat", "circulation", "hormones", "ageing"]
BENEFITS = ["relieves", "reduces", "improves", "boosts", "soothes", "restores", "calms", "speeds"]
SYLLABLES = ["ka", "lo", "mi", "ra", "ven", "tor", "sil", "dra", "no", "pex", "ul", "bar", "zen", "quo", "fi", "mar"]
STATUSES = ["approved", "in-review", "approved", "draft"]


# What synthetic records are about: pairs of the thesaurus' outcomes, and now and then a
# promise the benchmark's copy makes ("completely safe and painless"), so linking does real work.
OUTCOMES = [
    "pain",
    "soreness",
    "swelling",
    "sleep",
    "depression",
    "cellulite",
    "fat",
    "eczema",
    "rosacea",
    "headache",
    "spasm",
    "glow",
    "skin-aging",
    "recovery",
    "inflammation",
    "collagen",
]


def about(n: int) -> str:
    if n % 500 == 0:
        return "[[safety-promise], [painless]]"
    first, second = OUTCOMES[n % len(OUTCOMES)], OUTCOMES[(n // len(OUTCOMES)) % len(OUTCOMES)]
    return f"[[{first}, {second}]]" if first != second else f"[[{first}]]"


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def claim_sentence(rng: random.Random, n: int, vocab: list[str]) -> tuple[str, str, str]:
    """(quote, condition word, benefit verb) for claim n; the condition word is unique to it."""
    condition = f"{vocab[n % len(vocab)]}{n}itis"
    benefit = rng.choice(BENEFITS)
    filler = " ".join(rng.choice(vocab) for _ in range(rng.randint(4, 10)))
    return f"Localized cryotherapy {benefit} {condition} and {filler} in most clients.", condition, benefit


def record(n: int, rng: random.Random, quote: str, condition: str, benefit: str, ref_count: int) -> str:
    verdict = VERDICTS[n % len(VERDICTS)]
    certainty = CERTAINTY[verdict]
    keys = sorted({f"synth{rng.randrange(ref_count):05d}" for _ in range(rng.randint(1, 3))})
    stance = (
        "supports" if verdict == "supported" else ("partly-supports" if verdict == "partly-supported" else "context")
    )
    citations = "".join(
        f"    - key: {key}\n      stance: {stance if i == 0 else 'context'}\n      design: rct\n"
        f'      intervention: cold-pack\n      note: "Synthetic study {key}: table {i + 1}."\n'
        for i, key in enumerate(keys)
    )
    approved = {
        "high": f"Cryotherapy {benefit} {condition}.",
        "moderate": f"Cryotherapy probably {benefit} {condition}.",
        "low": f"Cryotherapy may help with {condition}.",
        "very-low": f"It is uncertain whether cryotherapy helps with {condition}.",
    }[certainty]
    topics = sorted({TOPICS[n % len(TOPICS)], TOPICS[(n * 7) % len(TOPICS)]})
    return f"""# yaml-language-server: $schema=../schema/claim.schema.json
id: claim-{n:05d}
title: Cryotherapy {benefit} {condition}
topic: [{", ".join(topics)}]
appearances:
  - document: {article_id(n)}
    section: Section {n // 50 + 1}
    quote: "{quote}"
claim: Localized cryotherapy {benefit} {condition}.
claim_kind: other-treatment
citation_status: uncited
article_cites: null
verdict: {verdict}
conclusion: Synthetic conclusion for claim {n}, explaining the {verdict} verdict in one sentence.
certainty: {certainty}
evidence:
  summary: >-
    The synthetic article says that cryotherapy {benefit} {condition}. Synthetic studies of
    cold packs looked at it in small groups. They found mixed results, and none used the
    treatment sold.
  citations:
{citations}wording:
  approved: ["{approved}"]
  avoid: ["cures {condition}"]
match: ["{benefit} {condition}", "/{condition} (relief|treatment)/"]
about: {about(n)}
review: {{status: {STATUSES[n % len(STATUSES)]}, \
  reviewed: 2026-01-{n % 28 + 1:02d}, next_review: 2027-01-{n % 28 + 1:02d}}}
internal_notes: Synthetic internal note {n}.
"""


def _sign_off(folder: Path) -> None:
    """Approved synthetic records carry their approver and the fingerprint of their content."""
    from claimkb.kb.records import read_claim
    from claimkb.kb.signoff import fingerprint

    for file in sorted(folder.glob("*.yaml")):
        text = file.read_text()
        if "status: approved," not in text:
            continue
        claim, _, _ = read_claim(file, file.name)
        assert claim is not None, file
        signed = f'status: approved, approver: Synthetic Reviewer, fingerprint: "{fingerprint(claim)}",'
        file.write_text(text.replace("status: approved,", signed, 1))


ARTICLE_CLAIMS = 2000  # claims per synthetic article: a source text stays under the 1 MB a file may hold


def article_id(n: int) -> str:
    """The synthetic article claim ``n`` appears in (the first 2,000 in one, as they always were)."""
    return "synthetic-article" if n < ARTICLE_CLAIMS else f"synthetic-article-{n // ARTICLE_CLAIMS + 1}"


def write_kb(claims: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    vocab = sorted({word(rng) for _ in range(600)})
    if out.exists():
        shutil.rmtree(out)
    for folder in ("claims", "sources", "docs", "rules", "schema"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "src" / "claimkb" / "kb" / "schema" / "claim.schema.json", out / "schema")
    ref_count = max(10, claims // 4)
    sentences = []
    for n in range(claims):
        quote, condition, benefit = claim_sentence(rng, n, vocab)
        sentences.append(quote)
        (out / "claims" / f"claim-{n:05d}.yaml").write_text(record(n, rng, quote, condition, benefit, ref_count))
    _sign_off(out / "claims")
    for first in range(0, claims, ARTICLE_CLAIMS):
        doc_id = article_id(first)
        part = sentences[first : first + ARTICLE_CLAIMS]
        paragraphs = ["Synthetic Article"] + [" ".join(part[i : i + 5]) for i in range(0, len(part), 5)]
        (out / "sources" / f"{doc_id}.txt").write_text("\n\n".join(paragraphs) + "\n")
        (out / "sources" / f"{doc_id}.yaml").write_text(
            f"id: {doc_id}\ntitle: Synthetic Article\npublisher: Synthetic Clinic\ndate: 2026-01-01\n"
            f"url: https://example.org/{doc_id}\ntext: {doc_id}.txt\n"
            "not_claims:\n  - {text: Synthetic Article, reason: heading}\n"
        )
    bib = []
    for r in range(ref_count):
        bib.append(
            f"@article{{synth{r:05d},\n  author  = {{Author, Ann and Writer, Will}},\n"
            f"  title   = {{Synthetic study number {r}}},\n  journal = {{Journal of Synthetic Results}},\n"
            f"  year    = {{{2000 + r % 25}}},\n  url     = {{https://example.org/synthetic/{r}}},\n"
            f"  seenin  = {{https://example.org/synthetic/{r}}}\n}}\n"
        )
    (out / "references.bib").write_text("\n".join(bib))
    shutil.copy(REPO / "rules" / "overreach.yaml", out / "rules" / "overreach.yaml")
    shutil.copy(REPO / "rules" / "concepts.yaml", out / "rules" / "concepts.yaml")
    (out / "docs" / "methodology.md").write_text("# Methodology\n\nSynthetic.\n\n<!-- claimkb:verdict-scale -->\n")
    (out / "mkdocs.yml").write_text(
        "site_name: claimkb synthetic\nsite_url: https://example.org/\ndocs_dir: docs\nstrict: true\n"
        "theme:\n  name: material\n  font: false\nplugins:\n  - search\n  - claimkb\n"
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - tables\n"
        "validation:\n  omitted_files: info\n  absolute_links: warn\n  unrecognized_links: warn\n  anchors: warn\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True, help="how many claim records to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the knowledge base into (replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args(argv)
    if args.claims < 1:
        parser.error("--claims must be at least 1")
    write_kb(args.claims, args.out, args.seed)
    print(f"wrote {args.claims} claims to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
