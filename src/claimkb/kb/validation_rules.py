"""Every rule the validator can report, with what it checks. README lists them all (a test
makes sure), and ``claimkb validate --list-rules`` prints them."""

VALIDATION_RULES: dict[str, str] = {
    # reading files
    "unreadable": "a file cannot be read",
    "encoding": "a file is not valid UTF-8",
    "file-too-large": "a file is over 1 MB",
    "empty-file": "a file is empty",
    "yaml-syntax": "YAML that does not parse, or uses aliases (*name)",
    "duplicate-key": "a key appears twice in one mapping",
    # the schema
    "unknown-field": "a field the schema does not know (usually a typo)",
    "missing-field": "a required field is missing",
    "bad-value": "a value outside its controlled vocabulary (verdict, certainty, stance, ...)",
    "wrong-type": "a value of the wrong kind (a list where a mapping belongs, ...)",
    "bad-format": "an id, topic or date not in its expected form",
    "empty-value": "an empty text or list where one is required",
    "too-long": "a text over its length limit",
    "repeated-item": "a list repeats an item",
    "schema": "any other schema violation",
    # one record
    "id-filename": "a record's or source's id differs from its file name",
    "bad-date": "a date that does not exist (2026-02-30)",
    "review-order": "review.next_review is not after review.reviewed",
    "approval-incomplete": "approved without approver or fingerprint, or either on a record not approved",
    "changed-since-approval": "an approved record's content no longer matches what was approved (its fingerprint)",
    "verdict-support": "supported or partly-supported without a supporting citation",
    "approved-avoid": "approved wording contains one of the record's avoid phrases",
    "no-wording": "no approved wording and no explanation why",
    "wording-certainty": "approved wording states a benefit more firmly than the certainty allows (warning)",
    "indirect-evidence": "treatment claim above very low certainty with no citation on the treatment sold (warning)",
    "summary-length": "evidence.summary is not 2 to 5 sentences (warning)",
    "conclusion-length": "the conclusion is more than one sentence (warning)",
    "bad-pattern": "a /regex/ that does not compile, or that RE2 cannot express (lookaround, backreferences)",
    "schema-line": "the record does not start with the yaml-language-server schema line (warning)",
    "legacy-source": "the older source field instead of appearances (warning; an error when both are there)",
    "draft-record": "a draft record, with the fields it still marks TODO (suggestion)",
    # across records
    "review-in-future": "review.reviewed is after today (or --date) (warning)",
    "unknown-reference": "a citation, regulator or article_cites key missing from references.bib",
    "unverified-support": "a supporting verdict resting only on references without seenin",
    "unknown-document": "an appearance's document is not a registered source document",
    "quote-not-found": "a quote (or not_claims text) not found verbatim in its source document",
    "missing-text": "a source document's full-text file is missing",
    "unused-reference": "a reference no record cites (warning)",
    "ignored-file": "a file in claims/ that is not a .yaml record (warning)",
    "no-claims-folder": "there is no claims/ folder under the root",
    # references.bib
    "bib-syntax": "a BibTeX block that does not parse",
    "bib-duplicate-key": "two entries share a key",
    "bib-duplicate-field": "an entry repeats a field (bibtexparser would drop the entry)",
    "bib-identifier": "an entry without doi, pmid or url",
    "bib-title": "an entry without a title",
    "bib-format": "a doi, pmid, url or seenin that is not well formed",
    # rules/overreach.yaml (the copy checker's rules; schema rules above apply too)
    "duplicate-rule-id": "two checker rules share an id",
    # rules/concepts.yaml (the copy checker's concept thesaurus)
    "duplicate-concept": "two concepts share an id",
    "unknown-concept": "a record's about names a concept that rules/concepts.yaml does not define",
    # claimkb coverage
    "uncovered-sentence": "a source sentence neither quoted by a record nor explained in not_claims",
}
