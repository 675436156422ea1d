"""The code points of a text as an array, one per character, shared by the passes that read them."""

from __future__ import annotations

from functools import lru_cache

import numpy as np


@lru_cache(maxsize=4)
def code_points(text: str) -> np.ndarray:
    """The code points of `text`, read-only: UTF-16 code units (uint16) when every character lies in the BMP, as
    in nearly every document (half the bytes of UTF-32 to encode), else UTF-32 (uint32). Kept for the last few
    texts: a review's lexicon, normalizing, prefilter and classifier read the same two texts (saves three encodes
    of each)."""
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):
        return np.frombuffer(data, dtype="<u2")
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
