"""Vietnamese alphabetical order: the key now lives in ``cms.text`` so that every app can use it."""

from cms.text import SORT_KEY_MAX_LENGTH as MAX_LENGTH
from cms.text import VI_ALPHABET as ALPHABET
from cms.text import vi_sort_key

__all__ = ["ALPHABET", "MAX_LENGTH", "vi_sort_key"]
