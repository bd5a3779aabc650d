"""When a year-over-year change needs its reason (主要原因) stated: one rule, used by the
checker (``completeness.change-has-reason``) and by the drafting page's list of reasons.

Every change stated — any amount other than zero, however small — needs its reason
(docs/identities.md K12): ``REASON_MIN_CHANGE`` is the largest change, in the narrative's
printed unit, that needs none.
"""

from __future__ import annotations

from decimal import Decimal

REASON_MIN_CHANGE = Decimal(0)


def needs_reason(change: Decimal | None) -> bool:
    """Whether a change of ``change`` (signed; None: nothing compared) needs a reason."""
    return change is not None and abs(change) > REASON_MIN_CHANGE
