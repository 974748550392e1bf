"""The date the knowledge base is judged and built for: one rule, used by validation and build."""

from __future__ import annotations

import datetime as dt
import os


def build_date(setting: str = "") -> dt.date:
    """``setting`` (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else today; ValueError when malformed."""
    if setting:
        try:
            return dt.date.fromisoformat(setting)
        except ValueError:
            raise ValueError(f"{setting!r} is not a date; write it as YYYY-MM-DD") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return dt.date.today()
