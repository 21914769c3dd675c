"""A body's group and exemption tags for a campaign, read from its record (never retyped; issue 14 item 1).

The flags of ``orgs.Body`` name what the acts' footnotes say; the engine's tags (the ``[[exemption]]`` entries
of the methodology file) name the bodies. ADR 0070 records the reading:

- ``national_bank_exceptions`` → ``national_bank`` (002 Annex 10 table 2 footnotes * and **);
- ``no_open_session_indicator`` → ``defence`` (table 6 footnote * names only the Ministry of Defence, which
  footnote ** names too);
- ``not_under_resolution_12`` without the open-session flag → ``internal_affairs``: footnote ** gives the
  same effect (the group average on table 6 item 4) to the five bodies it names, so any of its tags other
  than ``defence`` scores the same;
- ``budget_secret`` → ``secret_budget`` (§67).

A local body is never given the table 6 ** tags: Government resolution No. 12 governs central executive
bodies only.
"""

from __future__ import annotations

from ashyq.orgs.models import Body

FOOTNOTE_TWO_STARS_TAG = "internal_affairs"


def body_group(body: Body) -> str:
    """``central`` or ``local``: the engine's group of the body, by its kind (002 Annex 10 tables)."""
    return "central" if body.is_central else "local"


def body_exemptions(body: Body) -> list[str]:
    """The engine's exemption tags the body's record implies, sorted."""
    tags: set[str] = set()
    central = body.is_central
    if body.national_bank_exceptions and central:
        tags.add("national_bank")
    if body.no_open_session_indicator and central:
        tags.add("defence")
    elif body.not_under_resolution_12 and central:
        tags.add(FOOTNOTE_TWO_STARS_TAG)
    if body.budget_secret:
        tags.add("secret_budget")
    return sorted(tags)
