"""The API's pagination: `limit` and `offset`, with a ceiling on `limit`."""

from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """DRF's limit/offset pages, at most `max_limit` rows at a time.

    Without a ceiling any `limit` reached the database: `?limit=41745602149154865152` overflowed SQLite's and
    PostgreSQL's integers and answered 500. A larger limit is now read as the ceiling, as DRF does.
    """

    max_limit = 1000
