"""The copy checker: new marketing copy against everything compliance has decided.

copytext (what the copy says, and where) -> claims (records found in it) and rules with
their kinds (overreaching language) -> check (findings as Problems) -> output (text,
JSON, SARIF).
"""
