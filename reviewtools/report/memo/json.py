"""The review memo as JSON: the versioned contract of DESIGN.md, indented for reading."""

from __future__ import annotations

import json

from reviewtools.review import Review


def render(review: Review, office: str = "") -> bytes:
    return json.dumps(review.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")
