"""Numbers no database can hold are a 400 problem (application/problem+json) on every API, never a 500."""

import pytest

from tests.utils import assert_problem

HUGE = "369444554706030285553664"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/api/v2/pages/?offset={HUGE}",
        f"/api/v2/images/?limit={HUGE}",
        f"/api/v3/documents/?offset={HUGE}",
        f"/api/v3/pages/?offset=-{HUGE}",
    ],
)
def test_out_of_range_numbers_are_refused_with_a_json_message(client, home_page, url):
    assert_problem(client.get(url), 400)
