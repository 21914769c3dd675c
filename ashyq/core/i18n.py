"""The page's language, and the choice between the Kazakh and Russian text the law keeps side by side.

English readers see the Russian text of official names: the acts have no English wording (SPEC, top).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def active_language() -> str:
    """``kk``, ``ru`` or ``en``: the language of the current request or command."""
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def in_language(kk: str, ru: str) -> str:
    """The Kazakh text on Kazakh pages, the Russian text otherwise."""
    return kk if active_language() == "kk" else ru


def shown_decimal(display: str) -> str:
    """A number already rounded for display (``"25.0"``), written the reader's way (``25,0`` in kk and ru): the
    decimals are kept as given, the value is never rounded again."""
    from decimal import Decimal

    from django.utils import formats

    decimals = len(display.partition(".")[2])
    return formats.number_format(Decimal(display), decimal_pos=decimals, use_l10n=True)
