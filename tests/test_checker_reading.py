"""How the checker reads copy: units, claims detected, context, links with reasons, unreviewed claims."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from claimkb.checker.check import Checker
from claimkb.checker.copytext import read_copy, units
from claimkb.kb.load import load_knowledge_base
from conftest import REPO, run_main


@pytest.fixture(scope="module")
def checker():
    kb, problems = load_knowledge_base(REPO)
    assert not [p for p in problems if p.is_error]
    return Checker.for_kb(kb)


def found(checker, text: str, path: str = "copy.md"):
    return checker.check(read_copy(path, text))


def unit_texts(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], kind) for a, b, kind in units(text)]


def test_bullets_headings_cells_and_ad_lines_are_units_of_their_own():
    text = (
        "# Winter offer\n\n- Smoother thighs\n- Fewer aches\n\n| Face | £45 |\n| --- | --- |\n\n"
        "Headline: Sleep Better\nHeadline: Feel Great\n"
    )
    assert unit_texts(text) == [
        ("Winter offer", "heading"),
        ("Smoother thighs", "bullet"),
        ("Fewer aches", "bullet"),
        ("Face", "cell"),
        ("£45", "cell"),
        ("Headline: Sleep Better", "line"),
        ("Headline: Feel Great", "line"),
    ]


def test_html_structure_gives_the_units_and_the_rows():
    html = (
        "<h2>What it is\nused for</h2><p>Book online.</p><ul><li>Smoother\nthighs</li><li>Fewer aches</li></ul>"
        "<table><tr><th>Problem</th><th>How it helps</th></tr><tr><td>Sprained ankles</td><td>Eases the pain</td></tr>"
        "</table>"
    )
    read = [(s.text, s.unit, s.row) for s in read_copy("page.html", html).sentences()]
    assert read == [
        ("What it is used for", "heading", -1),
        ("Book online.", "line", -1),
        ("Smoother thighs", "bullet", -1),
        ("Fewer aches", "bullet", -1),
        ("Problem", "cell", 4),
        ("How it helps", "cell", 4),
        ("Sprained ankles", "cell", 6),
        ("Eases the pain", "cell", 6),
    ]


def test_a_cell_makes_the_claim_its_row_states(checker):
    html = "<table><tr><td>Sprained ankles</td><td>Eases the pain within a session</td></tr></table>"
    first = [f for f in found(checker, html, "page.html") if f.claim and f.column < 30]
    assert first and "within a session" in first[0].why
    alone = "<table><tr><td>Sprained ankles</td><td>Ask at the desk</td></tr></table>"
    assert not [f for f in found(checker, alone, "page.html") if f.claim]


def test_a_hard_wrapped_sentence_stays_one_unit():
    text = "Our sessions use a jet of cold vapour on the\nspot that is bothering you.\nBook online.\n"
    assert [t for t, _ in unit_texts(text)] == [
        "Our sessions use a jet of cold vapour on the\nspot that is bothering you.",
        "Book online.",
    ]


def test_a_finding_points_at_the_bullet_that_made_the_claim(checker):
    text = "## What you get\n\n- Three minutes per area\n- Smoother thighs with fewer dimples\n- Free parking\n"
    [finding] = [f for f in found(checker, text) if f.claim]
    assert (finding.claim, finding.line) == ("reduces-cellulite", 4)


def test_a_plain_question_is_not_a_claim(checker):
    assert found(checker, "What is localized cryotherapy?\nHow long is a session?\n") == []


def test_a_question_that_presumes_a_benefit_is_a_claim(checker):
    assert {f.claim for f in found(checker, "How does it relieve pain?")} == {"relieves-bodily-pain"}


def test_a_claim_split_over_two_sentences_is_found_in_both(checker):
    findings = found(checker, "Struggling with eczema? Our sessions calm it right down.\n")
    eczema = [f for f in findings if f.claim == "reduces-eczema"]
    question, promise = eczema
    assert question.column < 25 <= promise.column  # one finding in each sentence
    assert "said just before" in eczema[1].why


def test_a_finding_says_why_in_words_a_reviewer_can_check(checker):
    [finding] = [f for f in found(checker, "Fight the dimples on your thighs.") if f.claim]
    assert finding.why == "'dimples' is cellulite; 'Fight' states a benefit or an effect"


def test_hedged_copy_and_approved_wording_name_no_record(checker):
    assert [f for f in found(checker, "Cold may ease muscle soreness for a short while.") if f.claim] == []
    assert found(checker, "It is uncertain whether cryotherapy helps eczema.") == []


def test_a_health_claim_no_record_covers_is_unreviewed(checker):
    [finding] = found(checker, "Regular sessions strengthen your immune system.")
    assert (finding.rule, finding.level, finding.claim) == ("unreviewed-claim", "warning", "")
    assert finding.why == "'immune system' is a body process; 'strengthen' states a benefit or an effect"
    [finding] = found(checker, "Regular sessions thicken thinning hair.")
    assert finding.rule == "unreviewed-claim" and "is health in general" in finding.why
    assert found(checker, "Our studio opened in 2019 and has free parking.") == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # the swelling and the tired legs come through lymph, lactic acid or toxins: no record's claim
        ("Boost lymphatic drainage for sluggish, puffy legs.", "is a body process"),
        ("Flushes lactic acid out of heavy, tired legs.", "is a body process"),
        ("It flushes out the toxins that leave your ankles swollen.", "is a body process"),
        # the eyes, the jawline and grinding locate or are the unreviewed topic; no record is about them
        ("Brightens dark circles under the eyes.", "is health in general"),
        ("Her under-eye puffiness has gone for good.", "is health in general"),
        ("Cuts down night-time teeth grinding.", "is health in general"),
        ("She gets far fewer breakouts along the jawline.", "is health in general"),
    ],
)
def test_outcomes_of_an_unreviewed_process_or_topic_name_no_record(checker, text, why):
    findings = found(checker, text)
    assert [f.rule for f in findings] == ["unreviewed-claim"], findings
    assert why in findings[0].why


def test_the_same_outcomes_without_such_a_process_name_their_records(checker):
    assert {f.claim for f in found(checker, "Cold stops a sprained ankle swelling up.")} >= {"prevents-edema"}
    assert "relieves-sprains-strains-soreness" in {f.claim for f in found(checker, "Eases heavy, tired legs.")}


def test_fail_on_warning_fails_on_an_unreviewed_claim(tmp_path: Path):
    copy = tmp_path / "ad.md"
    copy.write_text("Regular sessions strengthen your immune system.\n")
    code, out, _ = run_main("check", "--root", str(REPO), str(copy))
    assert code == 0 and "[unreviewed-claim]" in out and "    why: " in out
    code, _, _ = run_main("check", "--root", str(REPO), "--fail-on", "warning", str(copy))
    assert code == 1


def test_why_reaches_json_and_sarif(tmp_path: Path):
    copy = tmp_path / "ad.md"
    copy.write_text("Fight the dimples on your thighs.\n")
    _, out, _ = run_main("check", "--root", str(REPO), "--format", "json", str(copy))
    [finding] = [f for f in json.loads(out) if f["claim"]]
    assert finding["why"].startswith("'dimples' is cellulite")
    _, out, _ = run_main("check", "--root", str(REPO), "--format", "sarif", str(copy))
    [result] = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "known-claim"]
    assert "Why: 'dimples' is cellulite" in result["message"]["text"]
    assert result["properties"]["why"] == finding["why"]
    rules = {r["id"] for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert {"known-claim", "unreviewed-claim"} <= rules


def test_the_checker_page_lists_every_concept_with_its_words():
    from claimkb.render.checker_page import checker_page

    kb, _ = load_knowledge_base(REPO)
    page = html.unescape(checker_page(list(kb.rules), list(kb.claims), list(kb.concepts)).html)
    for concept in kb.concepts:
        assert f"{concept.label} ({concept.id})" in page
        plain = [term for term in concept.terms if not term.startswith("/") and "'" not in term]
        assert not plain or plain[0] in page
    # the relations that change how a concept links are said beside it
    assert "a claim of range" in page and "praise: part of the specific claim" in page
    assert page.count("the more specific record wins") == sum(1 for c in kb.concepts if c.broader)


# Concepts that share words on purpose: a migraine is a headache; opioids are medicines.
SHARED_ON_PURPOSE = {frozenset({"headache", "migraine"}), frozenset({"opioid", "medication"})}


def test_no_concept_lists_a_term_twice():
    """Each term of a concept is written once: a second copy is an edit waiting to drift."""
    kb, _ = load_knowledge_base(REPO)
    twice = {
        (concept.id, term)
        for concept in kb.concepts
        for term in concept.terms
        if [t.lower() for t in concept.terms].count(term.lower()) > 1
    }
    assert twice == set()


def test_no_word_means_two_different_things_to_the_checker():
    """A one-word term whose stem is also another concept's one-word term makes the two
    indistinguishable ("tendonitis" and "tendons" both stem to "tendon"); the thesaurus must not
    hide such collisions, except where they are meant."""
    from claimkb.checker.concepts import words

    kb, _ = load_knowledge_base(REPO)
    owners: dict[tuple[str, ...], set[str]] = {}
    for concept in kb.concepts:
        if concept.kind in ("predicate", "hedge"):
            continue
        for term in concept.terms:
            stems = tuple(s for _, _, s in words(term))
            if len(stems) == 1 and not term.startswith("/"):
                owners.setdefault(stems, set()).add(concept.id)
    clashes = {s: ids for s, ids in owners.items() if len(ids) > 1 and frozenset(ids) not in SHARED_ON_PURPOSE}
    assert clashes == {}


def test_a_broader_outcome_after_a_narrower_one_means_the_narrower(checker):
    text = "Sore after Sunday's match?\n10 mins of targeted cryo and the ache is gone.\n"
    second = [f for f in found(checker, text) if f.claim and f.line == 2]
    assert [f.claim for f in second] == ["relieves-sprains-strains-soreness"]
    assert "said just before" in second[0].why


def test_the_more_specific_record_wins_over_its_broader_one(checker):
    claims = {f.claim for f in found(checker, "Eases the pain in your jaw after a long day.") if f.claim}
    assert claims == {"relieves-maxillofacial-pain-and-headaches"}


def test_a_question_answered_yes_makes_the_claim(checker):
    [finding] = [f for f in found(checker, "Does it clear up eczema? Absolutely.\n") if f.claim]
    assert finding.claim == "reduces-eczema" and "says yes" in finding.why
    assert not [f for f in found(checker, "Does it clear up eczema? Ask your GP first.\n") if f.claim]


def test_a_contracted_not_reads_as_not(checker):
    # "isn't known" is the hedge "not known"; without the hedge the same sentence names a record
    claimed = "Cold raises norepinephrine, the hormone that lifts your mood."
    hedged = "Cold can raise norepinephrine, but it isn't known if cooling one small area does."
    assert {p.claim for p in found(checker, claimed)} - {""}
    assert not [p for p in found(checker, hedged) if p.claim]


def test_a_phrase_does_not_run_across_a_semicolon(checker):
    # "morning after" (muscle soreness) is not in "every morning; after a month"
    text = "My lower back ached every morning; after a month of sessions it eases off."
    named = {p.claim for p in found(checker, text)}
    assert "relieves-bodily-pain" in named
    assert "relieves-sprains-strains-soreness" not in named


def test_a_named_condition_is_unreviewed_unless_the_sentence_also_claims_pain_relief(checker):
    alone = found(checker, "Eases plantar fasciitis in three sessions.")
    assert [p.rule for p in alone] == ["unreviewed-claim"]
    with_pain = found(checker, "Eases the aching of tennis elbow in three sessions.")
    assert {p.claim for p in with_pain} - {""} == {"relieves-bodily-pain"}
    assert "unreviewed-claim" in {p.rule for p in with_pain}
    assert "a named condition" in next(p.message for p in with_pain if p.rule == "unreviewed-claim")


def test_a_claim_of_range_names_the_range_not_each_example(checker):
    text = "Cryo tackles everything from joint pain to fine lines to stubborn fat."
    assert {p.claim for p in found(checker, text)} - {""} == {"addresses-many-concerns"}
    # the same outcomes, claimed one by one, name their own records
    each = "Cryo eases joint pain, softens fine lines and melts stubborn fat."
    assert {"relieves-bodily-pain", "local-fat-reduction"} <= {p.claim for p in found(checker, each)}


def test_praise_beside_a_specific_claim_is_part_of_it(checker):
    praised = found(checker, "It's amazing for TMJ: it relaxes the jaw and stops the clenching pain.")
    assert "relieves-maxillofacial-pain-and-headaches" in {p.claim for p in praised}
    assert "amazing-benefits" not in {p.claim for p in praised}
    # praise on its own is the claim of amazing benefits
    alone = found(checker, "Cryo is an innovative treatment and the benefits are incredible.")
    assert "amazing-benefits" in {p.claim for p in alone}


@pytest.mark.parametrize(
    "word",
    [
        "clinic",
        "medical",
        "mobile",
        "products",
        "production",
        "different",
        "last",
        "blue",
        "red",
        "thin",
        "firmly",
        "active",
        "climbing",
        "practice",
        "beating",
        "focused",
        "end",
    ],
)
def test_everyday_words_that_stem_like_a_term_name_no_concept(checker, word):
    """Snowball gives 'clinic' the stem of 'clinical' and 'medical' that of 'medication': such
    words must not be read as the concept the longer word names."""
    assert [(h.concept.id, h.words) for h in checker.index.find(word)] == []


def test_a_chain_of_questions_before_a_promise_is_one_set_up(checker):
    found_here = found(checker, "Jaw pain? Headaches? Meet CryoJaw, four minutes on the jaw and temples.")
    named = {(p.line, p.column, p.claim) for p in found_here if p.claim}
    assert {c for _, _, c in named} == {"relieves-maxillofacial-pain-and-headaches"}
    assert {1, 11} <= {column for _, column, _ in named}  # "Jaw pain?" and "Headaches?" each
    # a reader's questions are not a set-up
    assert not [p for p in found(checker, "Can I come if I have eczema? Is it safe?") if p.claim]


def test_a_yes_answers_with_the_question_and_a_reader_only_asks(checker):
    text = "Could my wife try it for the eczema on her hands? Definitely, come in this week."
    [finding] = [f for f in found(checker, text) if f.claim]
    assert finding.claim == "reduces-eczema" and finding.column > text.index("?")  # on the answer
    reader = "I'm 24 weeks pregnant with terrible back pain, can I come in? We'll sort your back out."
    assert not [f for f in found(checker, reader) if f.claim and f.column < reader.index("?")]


def test_a_treatment_named_on_a_price_list_is_a_name(checker):
    # most labellers read "Body Sculpt" on a price line as the product's name, not a claim
    assert not [p for p in found(checker, "CryoGlow facial £45 · Body Sculpt session £60\n") if p.claim]
    # the same words stated as a benefit are a claim
    assert "local-fat-reduction" in {p.claim for p in found(checker, "Cryo sculpts your body and melts fat.\n")}


def test_in_a_chat_log_the_customer_asks_and_tells_and_the_business_claims(checker):
    chat = (
        "[10:03] Customer: Hi, would your cold treatment help with the headaches I get?\n"
        "[10:04] Sam (Polar Point): Definitely, it is brilliant for tension headaches.\n"
        "[10:05] Customer: I also get migraines, maybe twice a month.\n"
        "[10:05] Sam (Polar Point): A 2013 study found targeted cold relieved chronic migraine.\n"
    )
    lines = {f.line for f in found(checker, chat, "chat.txt") if f.claim}
    assert lines == {2, 4}


def test_suitable_for_everyone_except_a_list_is_the_list_of_who_should_not_have_it(checker):
    text = "CryoSpot is suitable for everyone except pregnant clients and people with severe Raynaud's."
    assert {f.claim for f in found(checker, text) if f.claim} == {"contraindications-list"}


def test_a_question_opens_a_topic_of_its_own(checker):
    # "Achy back?" after a sentence about muscle soreness asks about back pain, not that soreness
    text = (
        "Perfect for anyone with aching muscles after a day on the slopes.\n\n"
        "Achy back from the drag lift? We'll ease it in one session.\n"
    )
    on_question = {f.claim for f in found(checker, text) if f.claim and f.line == 3 and f.column == 1}
    assert on_question == {"relieves-bodily-pain"}


def test_a_list_under_a_lead_in_that_says_what_it_is_for_makes_claims(checker):
    page = "## Common reasons patients book\n\n- Lower back and neck pain\n- Sciatica flare-ups\n"
    by_line = {(f.line, f.rule, f.claim) for f in found(checker, page)}
    assert (3, "known-claim", "relieves-bodily-pain") in by_line
    assert (4, "unreviewed-claim", "") in by_line
    prices = "## Prices and booking\n\n- Lower back and neck pain session\n"
    assert [f for f in found(checker, prices) if f.claim] == []


def test_a_short_question_in_other_words_sets_up_the_promise_after_it(checker):
    text = "Took a shoeing in the rucks?\n\nTen minutes of cryo and the aches are gone.\n"
    [finding] = [f for f in found(checker, text) if f.line == 1]
    assert finding.claim == "relieves-bodily-pain"
    assert "'aches' (pain) is said just after" in finding.why
    # a question asked in full is no set-up
    asked = "Who's your typical client?\n\nTen minutes of cryo and the aches are gone.\n"
    assert [f for f in found(checker, asked) if f.line == 1] == []


def test_more_of_an_outcome_states_an_effect(checker):
    [finding] = found(checker, "Regulars tell us they have more energy all day.")
    assert finding.rule == "unreviewed-claim" and "'more' states a benefit" in finding.why
    assert found(checker, "There is more parking behind the studio.") == []


@pytest.mark.parametrize(
    ("text", "record"),
    [
        ("My back has been loads better since.", "relieves-bodily-pain"),
        ("Three minutes under the wand takes the ache clean away.", "relieves-bodily-pain"),
        ("Quads on fire after leg day? Ten minutes of cryo sorts the soreness.", "relieves-sprains-strains-soreness"),
        ("CryoSpot is suitable for every guest except those who are pregnant.", "contraindications-list"),
        ("Had my new knee done in March and it got me walking weeks earlier.", "faster-athletic-and-surgical-recovery"),
        ("A faster return to normal life after knee or shoulder surgery", "faster-athletic-and-surgical-recovery"),
    ],
)
def test_everyday_phrasings_of_a_recorded_claim_name_its_record(checker, text, record):
    assert record in {f.claim for f in found(checker, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Posted 3 November 2026 by Helen Marsh, menopause coach at The Midlife Reset",
        "#cryofacial #skincare #glowup",
        "Any short-term pain relief from cold probably comes from cooling the nerves, not from collagen.",
    ],
)
def test_bylines_hashtags_and_hedged_explanations_claim_nothing(checker, text):
    assert [f for f in found(checker, text) if f.rule in ("known-claim", "unreviewed-claim")] == []


def test_safe_alongside_medicines_is_the_claim_about_combining_not_a_promise_of_safety(checker):
    text = "Perfectly safe alongside the painkillers you were sent home with."
    assert {f.claim for f in found(checker, text) if f.claim} == {"combine-with-prescribed-drugs"}


def test_a_label_framed_in_rules_claims_nothing_and_does_not_run_on(checker):
    text = "--- T4: MIGRAINES AND HEADACHES ---\nWe are open until eight on Thursdays.\n"
    assert found(checker, text, "script.txt") == []
    assert unit_texts(text)[0][0] == "--- T4: MIGRAINES AND HEADACHES ---"


def test_asking_whether_it_is_safe_or_denying_a_guarantee_breaks_no_rule(checker):
    assert found(checker, "## Is it safe for everyone?") == []
    assert found(checker, "Break-even at month 14 on our model (not a guarantee).") == []


def test_switching_collagen_back_on_is_the_claim_that_it_reverses_the_decline(checker):
    text = "CryoGlow switches collagen production back on, so you can turn back the clock."
    assert {f.claim for f in found(checker, text) if f.claim} == {"reverses-collagen-decline"}


@pytest.mark.parametrize(
    "text",
    [
        # what the evidence does not show
        "We don't yet know whether localized cryotherapy speeds recovery after surgery.",
        "Whether five minutes on one shoulder raises noradrenaline hasn't been studied.",
        "In studies of ice packs, any pain relief was small and did not last long.",
        # where the cold is aimed, where to get help, caveats and referrals
        "One of the coaches points a hose of nitrogen vapour at the sore spot for three minutes.",
        "If your mood is low, please speak to your midwife, health visitor or GP.",
        "Please do keep your GP in the loop about the migraines too.",
        "We only treat after an operation once your surgeon has given the go-ahead.",
        "Cold briefly narrows the vessels in your skin; whether that changes how your face looks is unclear.",
    ],
)
def test_hedges_referrals_and_where_the_cold_is_aimed_name_no_record(checker, text):
    assert [f for f in found(checker, text) if f.claim] == []


def test_a_star_rated_review_headline_makes_its_claim(checker):
    assert "improves-psoriasis" in {f.claim for f in found(checker, "★★★★★ Best thing I've done for my psoriasis")}
    assert [f for f in found(checker, "★★★★★ 4.8 (212 reviews) · Sports Recovery, Massage") if f.claim] == []


def test_if_it_hurts_it_is_worth_a_blast_says_who_it_is_for(checker):
    assert {f.claim for f in found(checker, "If it hurts, it's worth a blast.") if f.claim} == {
        "good-candidate-anyone-with-pain"
    }
    # an echo of a time is no set-up for the promise after it
    text = "VOICE 1: Five minutes?\nVOICE 2: A blast on the sore knee and the ache is gone.\n"
    assert [f for f in found(checker, text, "radio.txt") if f.line == 1] == []


@pytest.mark.parametrize(
    "text",
    [
        "Heel pain from plantar fasciitis eases off with regular sessions.",
        "Squads who use it through the season pick up fewer soft-tissue injuries.",
    ],
)
def test_heel_pain_and_preventing_injuries_are_claims_no_record_covers(checker, text):
    assert [f.rule for f in found(checker, text)] == ["unreviewed-claim"]


def test_combining_with_medicines_after_surgery_is_the_claim_about_combining(checker):
    text = "It works alongside your usual prescribed painkillers and post-op medicines, no problem."
    assert {f.claim for f in found(checker, text) if f.claim} == {"combine-with-prescribed-drugs"}
