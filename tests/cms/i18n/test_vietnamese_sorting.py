"""Names sort in Vietnamese order in the database itself, on SQLite and on PostgreSQL alike.

Lists ``ORDER BY`` a stored key (``name_sort``, from ``cms.text.vi_sort_key``), never the
database's collation: SQLite compares code points ("Đ" after "Z") and PostgreSQL follows
the server's locale. Run this module with both databases (DATABASE_URL=postgres://…).

People of a centre are shown in the order the editor gave them (director first, then
deputies…): a leadership list follows rank, not the alphabet, so it is ordered by
``sort_order``; their ``name_sort`` key is there for alphabetical lists.
"""

import pytest
from django.db import connection

from centers.models import AdministrativeUnit, CenterPage, CenterPerson
from cms.text import vi_sort_key
from tests.centers import factories

pytestmark = pytest.mark.django_db

# The Vietnamese alphabet in order, one name per letter ("An", "Ăn", "Ân", …).
ALPHABET_NAMES = [f"{letter}n" for letter in "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"]
TONE_NAMES = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]


@pytest.fixture(params=["alphabet", "tones"])
def expected(request):
    return ALPHABET_NAMES if request.param == "alphabet" else TONE_NAMES


def scrambled(names):
    """The names in an order no database would put them back from by accident."""
    return names[1::2][::-1] + names[::2]


def test_the_stored_key_is_what_every_database_can_order(expected):
    keys = [vi_sort_key(name) for name in expected]
    assert all(key.isascii() and key.isdigit() for key in keys)
    assert keys == sorted(keys)


def test_communes_order_in_vietnamese_in_the_database(expected):
    province = factories.unit("province", "Thử Nghiệm", unit_type="tinh")
    for name in scrambled(expected):
        factories.unit("commune", name, province)
    names = AdministrativeUnit.objects.filter(parent=province).order_by("name_sort").values_list("name", flat=True)
    assert list(names) == expected, connection.vendor
    # The model's default ordering (used by the snippet listing and choosers) is the same.
    assert [unit.name for unit in AdministrativeUnit.objects.filter(parent=province)] == expected


def test_centres_order_in_vietnamese_in_the_database(home_page, expected):
    places = factories.seeded_places()
    index = factories.center_index(home_page)
    for name in scrambled(expected):
        factories.center(index, f"Trung tâm {name}", places["uong_bi"])
    titles = CenterPage.objects.child_of(index).order_by("name_sort").values_list("title", flat=True)
    assert list(titles) == [f"Trung tâm {name}" for name in expected], connection.vendor


def test_the_centre_index_lists_centres_in_vietnamese_order(client, home_page):
    places = factories.seeded_places()
    index = factories.center_index(home_page)
    for name in scrambled(TONE_NAMES + ["Đông", "Dương"]):
        factories.center(index, f"Trung tâm {name}", places["uong_bi"])
    response = client.get(index.url)
    assert response.status_code == 200
    shown = [centre.title for centre in response.context["centers"]]
    assert shown == [f"Trung tâm {name}" for name in ["Dương", "Đông", *TONE_NAMES]]


def test_people_keep_the_order_the_editor_gave_them(client, home_page):
    places = factories.seeded_places()
    index = factories.center_index(home_page)
    centre = factories.center(index, "Trung tâm Yên Thanh", places["uong_bi"])
    # Director first, though "Vũ" comes after "Đặng" and "An" in the alphabet.
    for order, (name, role) in enumerate(
        [("Vũ Văn Minh", "director"), ("Đặng Thị Hoa", "secretary"), ("An Văn Bình", "member")]
    ):
        centre.people.create(name=name, role=role, sort_order=order)
    centre.save_revision().publish()
    html = client.get(centre.url).content.decode()
    positions = [html.index(name) for name in ("Vũ Văn Minh", "Đặng Thị Hoa", "An Văn Bình")]
    assert positions == sorted(positions)
    # The alphabetical key is stored for lists that need it.
    names = CenterPerson.objects.filter(page=centre).order_by("name_sort").values_list("name", flat=True)
    assert list(names) == ["An Văn Bình", "Đặng Thị Hoa", "Vũ Văn Minh"]
