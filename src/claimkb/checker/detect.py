"""Is a sentence a health or benefit claim? What does it talk about?

A sentence is a claim when it names an outcome or a mechanism and states a benefit or an
effect (a predicate), or when it holds an assertion ("zero risk"); a question that names an
outcome and a benefit presumes the benefit ("How does it relieve pain?"). A hedge ("may",
"it is uncertain whether") takes the claim back. A question that names an outcome but no
benefit ("Struggling with eczema?") is a claim when the sentence after it makes one; a
sentence that states a benefit but names no outcome ("Cryo calms flare-ups", "It sorts
both") borrows the outcome of the sentence before it (``read_in_context``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimkb.checker.concepts import ConceptHit, ConceptIndex

_NAME = re.compile(
    r"\b(?:[A-Z][\w'&.-]*\s+){1,4}(?:[Ss]pa|[Ss]tudios?|[Cc]linic|Aesthetics|[Ll]ounge|[Ss]alon|Institute|Centre|Center"
    r"|Ritual|Experience|Package|Voucher|Card)\b"
)
# Names that end in a word that is also an outcome ("ColdCore Recovery") count only after a
# word in lower case, in running text: "Leg Day Recovery Hack" is a headline, not a name.
_NAME_IN_TEXT = re.compile(r"(?:[A-Z][\w'&.-]*\s+){1,3}(?:Recovery|Wellness|Physio|Glow)\b")
# Capitalised words inside a sentence written in sentence case ("eight Sculpt sessions on the
# thighs", "a gift voucher for the Body Sculpt") name a product or a service.
_CAPITALISED_RUN = re.compile(r"(?<=[a-z0-9,·] )[A-Z][a-z'-]+(?:[ -][A-Z][a-z'-]+)*\b")
_NAMEABLE = ("outcome", "mechanism", "predicate")  # what a product's name may hold
_NAME_AND_COLON = re.compile(r"^\W*([A-Z][\w'-]*(?:[ &]+[A-Z][\w'-]*)+):")  # "Body Sculpt: smoother thighs"
_DIRECTION = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))\s*$")
_PRICE = re.compile(r"[£$€]\s?\d|\d\s?(?:€|EUR|GBP|USD)\b")
_HASHTAG = re.compile(r"#\w+")
_FRAMED = re.compile(r"\s*(?:-{2,}|={2,}|~{2,}|\*{3,}).*(?:-{2,}|={2,}|~{2,}|\*{3,})\s*$")
_BYLINE = re.compile(r"\W*(?:posted|published|written|updated|filed)\b[^.!?]{0,60}\bby\b", re.I)
_TITLED = re.compile(r"\W*(?:title|headline|heading|h[1-3])\s*\d*\s*:", re.I)  # "Title: Cryo for your scalp"
_TOPIC_FOR = re.compile(r"(cold|cryo|cryotherapy|treatment|sessions?|therapy) for$", re.I)
_PRESUMING = re.compile(r"\W*(how|why|what makes)\b", re.I)
_QUESTION = re.compile(r"\?[^\w]*$")
_ASKED_INSIDE = re.compile(r"\?\s+[a-z]")
# A question put by a reader ("Would it help my back?", "Can I come in with eczema?") asks; the
# answer claims, not the question. "Struggling with eczema?" sets up the answer's promise.
_ASKS = re.compile(
    r"(?:\W*\[[^\]]*\])?"  # a bracketed label
    r"(?:\W*[\w.'-]+(?: [\w.'-]+){0,4}:)?"  # a speaker or a label ("Tom Reddy:", "FRAME 6 question:")
    r"(?:\W*(?:hi|hello|hey)\b[^,?]{0,30},)?"  # a greeting ("Hi, does the cryo help ...?")
    r"\W*(?:(can|could|would|will|does|do|did|is|should|may|might)\s+"
    r"(it|this|that|(?:a |the |your )?(?:cryo|cold)\w*(?: treatments?| sessions?| therapy)?"
    r"|(?:the|your) treatment|a session|my|i|we)\b"
    r"|any (use|good|help|point|benefit)\b|and\b|what about\b|how about\b|is there\b|are there\b|anything for\b)",
    re.I,
)
# A reader's question further in ("I'm pregnant, can I come in?", "random q but does it help?")
_READER = re.compile(
    r"\b(?:can|could|may|should) I\b|\bis (?:it|that|this) (?:ok|okay|safe|alright)\b|\bany good\b"
    r"|\bany use\b|\b(?:will|would|does|do|can|could) (?:it|this|(?:the )?cryo\w*) (?:help|work)\b",
    re.I,
)
_SENTENCE = re.compile(r"[.!][^\w]*$")  # a full sentence, not a label
_COMPARED = re.compile(
    r"\b(more|extra|fewer|less|better|bigger|stronger|tougher|healthier|sharper|calmer|happier)\s+(?:[\w-]+\s+)?$", re.I
)
# A question asked in full ("Who is it for?", "Does it hurt?", "Worth trying?") or an echo of a
# time or a price ("Five minutes?"), not a set-up
_ASKS_PLAINLY = re.compile(
    r"\b(?:who|what|why|how|when|which|where)\b"
    r"|\b(?:minutes?|mins?|seconds?|hours?|sessions?|pounds?|quid)\W*$"
    r"|^\W*(?:[\w.'/-]+(?: [\w.'/-]+){0,3}:\W*){0,2}(?:is|are|am|can|could|does|do|did|will|would|should|shall"
    r"|may|might|any|worth|honestly|isn't|aren't|doesn't|don't|wait|really)\b",
    re.I,
)
# A lead-in that says what the list after it is for ("Common reasons patients book", "Who is it for?")
_LISTS_USES = re.compile(
    r"\b(?:reasons?|conditions?|concerns?|who (?:is |it's )?it for|why"
    r"|what (?:it|we|cryo)\w* (?:treats?|helps?|is for|does)|(?:great|good|ideal|used) for)\b",
    re.I,
)
# A turn of a conversation (a chat log or a call script): a time, a role or a name with its business
_TURN = re.compile(
    r"\W*(?:\[\d{1,2}[:.]\d{2}[^\]]*\]\s*\S[^:]{0,40}"
    r"|(?:customer|client|caller|patient|guest|visitor|user|agent|staff|receptionist|therapist|assistant|bot)\b[^:]{0,30}"
    r"|[A-Z][\w'-]*(?: [A-Z][\w'-]*)? \([^)]{1,40}\)):",
    re.I,
)
_REFERS_BACK = re.compile(r"\b(it|its|it's|them|they|they're|both|that (trend|decline|slowdown|loss|drop))\b", re.I)
_YES = re.compile(r"\W*(yes|yep|yeah|yup|absolutely|definitely|of course|you bet|sure)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(I|I'd|I've|I'm|my|me)\b")  # a testimonial's set-up
TOPICAL = ("outcome", "mechanism", "population", "context", "assertion")
SUBJECT = ("outcome", "mechanism")


@dataclass(frozen=True)
class Reading:
    """What one sentence of copy says, as the checker reads it."""

    text: str
    hits: tuple[ConceptHit, ...]  # topical concepts named (own or borrowed)
    predicate: ConceptHit | None
    hedge: ConceptHit | None
    question: bool
    claim: bool
    borrowed: tuple[ConceptHit, ...] = ()  # topical concepts taken from the sentence before
    answered: tuple[ConceptHit, ...] = ()  # taken from the promise after a set-up question
    presumed: bool = False  # a question made a claim by the sentence after it
    affirmed: bool = False  # an answer that says yes to the question before it ("Back to work after? Yep.")
    priced: bool = False  # it names a price: a service sold for what it names
    under: str = ""  # the lead-in of the list it stands in, when that states the benefit
    predicates: tuple[ConceptHit, ...] = ()  # every predicate named, the first being ``predicate``
    unit: str = "text"  # heading | bullet | cell | line | text (copytext.units)
    block: int = 0  # which unit of the copy it stands in
    row: int = -1  # for a table cell, which row (the block of the row's first cell)

    @property
    def concepts(self) -> frozenset[str]:
        """Every concept named (own, borrowed, and the predicates: "reverse" is a kind of benefit)."""
        return frozenset(h.concept.id for h in self.hits + self.borrowed + self.answered + self.predicates)

    @property
    def has_subject(self) -> bool:
        return any(h.kind in SUBJECT for h in self.hits)

    @property
    def assertion(self) -> ConceptHit | None:
        return next((h for h in self.hits if h.kind == "assertion"), None)

    @property
    def hedged(self) -> bool:
        return self.hedge is not None


def _inside(hit: ConceptHit, others: list[ConceptHit]) -> bool:
    return any(
        o is not hit and o.start <= hit.start and hit.end <= o.end and o.end - o.start > hit.end - hit.start
        for o in others
    )


def read(
    text: str,
    index: ConceptIndex,
    unit: str = "text",
    block: int = 0,
    prefixes: set[str] | None = None,
    row: int = -1,
) -> Reading:
    """One sentence on its own (``prefixes``: its trigger prefixes, when known)."""
    found = index.find(text, prefixes)
    # Words inside a longer phrase of another concept are part of it: "no pain" is a promise,
    # not pain; "bounce back" is recovery, not skin; "some people find" is a hedge.
    wholes = [h for h in found if h.kind != "predicate"]
    found = [h for h in found if h.kind == "predicate" or not _inside(h, wholes)]
    # Words in a business's name ("Glacier Glow Day Spa") are not what the copy claims, nor are
    # hashtags that follow a sentence ("... the DOMS just disappears #recovery").
    names = [m.span() for m in _NAME.finditer(text)]
    for m in _NAME_IN_TEXT.finditer(text):
        before = text[: m.start()].split()
        if before and before[-1].islower():
            names.append(m.span())
    if len(_HASHTAG.sub("", text).split()) >= 3:
        names += [m.span() for m in _HASHTAG.finditer(text)]
    found = [h for h in found if not any(a <= h.start and h.end <= b for a, b in names)]
    named_in_capitals = [h for h in found if h.start and h.words[:1].isupper() and h.kind in _NAMEABLE]
    every = [w for w in text.split() if w[0].isalpha()] if named_in_capitals else []
    has_price, length = bool(_PRICE.search(text)), len(text.split())
    on_price_list = has_price and length <= 12  # "CryoGlow facial £45 · Body Sculpt session £60"
    if every and (on_price_list or 2 * sum(w[0].islower() for w in every) >= len(every)):  # not a title
        # proper adjectives and conditions ("a Finnish study", "Raynaud's") stay what they are
        titled = [m.span() for m in _CAPITALISED_RUN.finditer(text)]
        titled += [m.span(1) for m in _NAME_AND_COLON.finditer(text)]
        found = [h for h in found if h.kind not in _NAMEABLE or not any(a <= h.start and h.end <= b for a, b in titled)]
    hits = tuple(h for h in found if h.kind in TOPICAL)
    predicates = tuple(h for h in found if h.kind == "predicate")
    # "Cryo for Heels and Ankles" names a topic: "for" states no benefit there
    if unit == "heading" or (":" in text and _TITLED.match(text)):
        predicates = tuple(h for h in predicates if not _TOPIC_FOR.match(h.words))
    if not predicates and "benefit" in index.concepts:
        # "more energy", "fewer injuries": a comparison just before an outcome states an effect
        for h in hits:
            more = _COMPARED.search(text, 0, h.start) if h.kind in SUBJECT else None
            if more:
                predicates = (ConceptHit(index.concepts["benefit"], more.start(1), more.end(1), more.group(1)),)
                break
    predicate = predicates[0] if predicates else None
    hedge = next((h for h in found if h.kind == "hedge"), None)
    # a question mark before the end ("does it help with depression? winter is rough for me"), or a
    # reader's question without one ("exams in january, will it help me concentrate lol"), asks too
    question = "?" in text and bool(_QUESTION.search(text) or _ASKED_INSIDE.search(text))
    if not question and ("help" in text or "work" in text or "I " in text):
        question = bool(_READER.search(text))
    subject = any(h.kind in SUBJECT for h in hits)
    assertion = any(h.kind == "assertion" for h in hits)
    population = any(h.kind == "population" for h in hits)  # "anyone who aches is a candidate"
    # a service sold for an outcome, on a menu line: "Lip Plump, $45"
    priced = has_price and length <= 10
    claim = hedge is None and (assertion or (subject and (predicate is not None or population or priced)))
    # a script's stage direction ("[Caller asks whether it hurts]"), a byline, a label framed in rules
    # ("--- T4: MIGRAINES ---") or a line of hashtags claims nothing
    said_nothing = "#" in text and not _HASHTAG.sub("", text).strip(" \t·|,")
    framed = text.rstrip()[-2:] in ("--", "==", "~~", "**") and bool(_FRAMED.match(text))
    if said_nothing or framed or _DIRECTION.match(text) or (" by " in text and _BYLINE.match(text)):
        claim, question, hits, predicates, predicate = False, False, (), (), None
    if question and not _PRESUMING.match(text):
        claim = False  # "Can it help with eczema?" asks; "How does it relieve pain?" presumes
    return Reading(
        text,
        hits,
        predicate,
        hedge,
        question,
        claim,
        unit=unit,
        block=block,
        row=row,
        priced=priced,
        predicates=predicates,
    )


def _a_readers_question(text: str) -> bool:
    """A question a reader asks ("Would it help my back?", "I'm pregnant, can I come in?"), which
    the answer after it does not make a claim."""
    return bool(_ASKS.match(text) or _READER.search(text))


def _narrower(before: Reading, this: Reading) -> tuple[ConceptHit, ...]:
    """The outcomes of ``before`` that are kinds of every outcome ``this`` names, when ``this``
    names outcomes and all of them are broader than some outcome of ``before``."""
    if this.hedged or before.hedged or this.unit == "heading" or this.question or this.block - before.block > 1:
        return ()  # a question opens a topic of its own
    own = {h.concept.id for h in this.hits if h.kind in SUBJECT}
    kinds = tuple(h for h in before.hits if h.kind in SUBJECT and h.concept.broader in own)
    if not own or {h.concept.broader for h in kinds} != own:
        return ()
    return kinds


def read_in_context(readings: list[Reading]) -> list[Reading]:
    """The same sentences, each with what it borrows from its neighbours."""
    result = list(readings)
    for i in range(1, len(result)):
        before, this = result[i - 1], result[i]
        # "Sore after Sunday's match? ... the ache is gone": a sentence that names only broader
        # outcomes than the sentence just before it (pain, after muscle soreness) means those.
        narrower = _narrower(before, this)
        if narrower:
            result[i] = replace(this, borrowed=narrower)
            continue
        promises = this.predicate is not None or any(h.kind == "population" for h in this.hits)
        if this.hedged or this.has_subject or not promises or not before.has_subject or before.hedged:
            continue
        if (this.unit == "heading" and this.block != before.block) or this.question or this.assertion:
            continue  # a heading starts afresh; a question asks; an assertion stands alone
        if this.text.rstrip().endswith(":"):
            continue  # a lead-in ("What it's great for:") speaks of the list after it
        if this.block - before.block > 1:
            continue
        bare_no = this.predicate is not None and this.predicate.words.lower() == "no"  # "no appointment needed"
        short = len(this.text.split()) <= 3 and this.predicate is not None and not bare_no
        if bare_no and not any(h.kind == "population" for h in this.hits):
            continue
        if not (before.question or _REFERS_BACK.search(this.text) or short):
            continue  # only an answer, a sentence that points back ("it", "both") or a short one ("Not anymore.")
        borrowed = tuple(h for h in before.hits if h.kind in SUBJECT or h.kind == "population")
        result[i] = replace(this, borrowed=borrowed, claim=True)
    # A list under a lead-in that states the benefit ("Conditions we treat:") or says what the
    # list is for ("Common reasons patients book") makes a claim of each item that names an
    # outcome ("Sprained ankles and strained calves").
    lead: Reading | None = None
    for i, this in enumerate(result):
        if this.unit in ("bullet", "cell"):
            if lead is not None and not this.claim and not this.hedged and this.has_subject:
                result[i] = replace(this, claim=True, under=lead.text)
            continue
        is_lead = this.unit == "heading" or this.text.rstrip().endswith(":")
        states = this.predicate is not None or bool(_LISTS_USES.search(this.text))
        lead = this if is_lead and states and not this.hedged else None
    # A cell that names an outcome, in a row another cell of which claims a benefit
    # ("Ankle sprains | Settles the pain within a session") makes the claim with it.
    claims_in_row = {r.row: r.text for r in result if r.unit == "cell" and r.claim and r.predicate is not None}
    for i, this in enumerate(result):
        if (
            this.unit == "cell"
            and this.row in claims_in_row
            and not this.claim
            and not this.hedged
            and this.has_subject
        ):
            result[i] = replace(this, claim=True, under=claims_in_row[this.row])
    for i in range(len(result) - 1):
        before, after = result[i], result[i + 1]
        if before.claim or before.hedged or not before.has_subject or not after.claim:
            continue
        # "Struggling with eczema? Cryo calms flare-ups." / "My arm was rigid. Now it uncurls."
        shared = {h.concept.id for h in before.hits if h.kind in SUBJECT} & after.concepts
        if before.unit == "heading":
            continue  # a heading names a topic; it claims nothing
        if (before.question and not _a_readers_question(before.text)) or (
            shared
            and _SENTENCE.search(before.text)
            and _FIRST_PERSON.search(before.text)
            and not _TURN.match(after.text)  # the next speaker answers: a reader told of a condition
        ):
            # "Aches anywhere? You're exactly who this is for.": the question claims what the
            # answer says of whom it is for
            whom = tuple(h for h in after.hits if h.kind == "population")
            result[i] = replace(before, claim=True, presumed=True, answered=whom)
    # "Took a shoeing in the rucks? Ten minutes of cryo and you'll stroll out.": a short question
    # in other words than the thesaurus knows sets up the promise after it and claims what it does
    for i in range(len(result) - 1):
        before, after = result[i], result[i + 1]
        if (
            before.question
            and not before.claim
            and not before.hedged
            and not before.has_subject
            and after.claim
            and not after.question
            and after.block - before.block <= 1
            and before.unit != "heading"
            and len(before.text.split()) <= 8
            and not _ASKS_PLAINLY.search(before.text)
            and not _a_readers_question(before.text)
        ):
            said = tuple(h for h in after.hits + after.borrowed if h.kind in SUBJECT or h.kind == "population")
            if said:
                result[i] = replace(before, claim=True, presumed=True, answered=said)
    # "Jaw pain? Headaches? Meet CryoJaw.": a question just before a question the promise after
    # made a claim is part of the same set-up (three questions at most: check.CONTEXT reads that far).
    chained: dict[int, int] = {}  # sentence -> questions between it and the promise
    for i in range(len(result) - 2, -1, -1):
        before, after = result[i], result[i + 1]
        if (
            before.question
            and after.presumed
            and chained.get(i + 1, 0) < 2
            and not before.claim
            and not before.hedged
            and before.has_subject
            and not _a_readers_question(before.text)
        ):
            result[i] = replace(before, claim=True, presumed=True)
            chained[i] = chained.get(i + 1, 0) + 1
    # "Can you go straight back to work after? Yep.": a yes answers with the question's words; the
    # answer makes the claim, the reader's question only asks.
    for i in range(len(result) - 1):
        before, after = result[i], result[i + 1]
        if before.question and not before.claim and not before.hedged and not after.hedged and _YES.match(after.text):
            if before.has_subject or before.assertion is not None:
                asked = tuple(h for h in before.hits if h.kind in SUBJECT or h.kind in ("population", "assertion"))
                result[i + 1] = replace(after, claim=True, affirmed=True, borrowed=after.borrowed + asked)
    return result
