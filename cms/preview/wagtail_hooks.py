"""Wagtail loads this module: the preview views and buttons register their hooks where they are defined."""

from cms.preview import tokens  # noqa: F401 (register_admin_urls, register_page_header_buttons)
