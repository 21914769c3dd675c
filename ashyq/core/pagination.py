"""The API's one pagination: ``limit`` and ``offset`` within what the database can count (issue 3 "Bad input").

django-ninja's own ``LimitOffsetPagination`` accepts any integer, and an offset past 2^63 reaches the
database as a value it cannot hold (a server error instead of an empty page).
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
