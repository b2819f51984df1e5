"""Pagination of the API's lists: ninja's limit/offset, bounded so that the database can take them."""

from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination

# ninja leaves limit and offset unbounded, so ?offset=10**30 reached the database as LIMIT/OFFSET and failed
# there (SQLite "datatype mismatch", PostgreSQL "bigint out of range"): a 500. 10**9 each keeps offset + limit
# inside a 32-bit integer and far above any list the platform holds; larger values are refused with a 422.
MAX_LIMIT_OFFSET = 1_000_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT_OFFSET)
        offset: int = Field(0, ge=0, le=MAX_LIMIT_OFFSET)
