"""Fixtures of the roles and workflow tests."""

import pytest

from tests.utils import EditorialSite


@pytest.fixture
def site(home_page):
    """News, bulletins and two centres, each section under approval, and the roles set up."""
    return EditorialSite(home_page)
