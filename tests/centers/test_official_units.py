"""The official list of units (vietnam-provinces, migration 0004): every province and commune with its code, the
province each commune belongs to, and the API filters by those codes."""

import pytest
from vietnam_provinces import Province, Ward

from centers.models import AdministrativeUnit, CenterPage

pytestmark = pytest.mark.django_db


def test_every_official_unit_is_there_with_its_code_and_province():
    provinces = AdministrativeUnit.objects.filter(level="province").exclude(code="")
    communes = AdministrativeUnit.objects.filter(level="commune").exclude(code="")
    assert provinces.count() == len(list(Province.iter_all())) == 34
    assert communes.count() == len(list(Ward.iter_all())) == 3321
    uong_bi = AdministrativeUnit.objects.get(level="commune", code="06811")
    assert (uong_bi.name, uong_bi.unit_type, uong_bi.parent.code, uong_bi.parent.name) == (
        "Uông Bí",
        "phuong",
        "22",
        "Quảng Ninh",
    )
    hanoi = AdministrativeUnit.objects.get(level="province", code="01")
    assert (hanoi.name, hanoi.unit_type) == ("Hà Nội", "thanh_pho")
    assert AdministrativeUnit.objects.get(level="commune", code="07616").full_name == "Xã Tây Yên Tử"
    # The seeded units kept their rows and got their codes: no second Uông Bí.
    assert AdministrativeUnit.objects.filter(level="commune", name="Uông Bí").count() == 1


def test_the_demo_centres_are_found_by_their_communes_official_code(client, demo_site):
    centre = CenterPage.objects.live().filter(commune__name="Uông Bí").first()
    assert centre is not None and centre.commune.code == "06811"
    found = client.get("/api/v2/pages/", {"type": "centers.CenterPage", "commune": "06811", "locale": "vi"}).json()
    assert centre.pk in [item["id"] for item in found["items"]]
    elsewhere = client.get("/api/v2/pages/", {"type": "centers.CenterPage", "commune": "28249", "locale": "vi"})
    assert centre.pk not in [item["id"] for item in elsewhere.json()["items"]]


def test_a_row_id_instead_of_a_code_is_refused_in_the_clients_language(client, home_page):
    for language, word in (("vi", "mã"), ("en", "code")):
        response = client.get(
            "/api/v2/pages/", {"type": "centers.CenterPage", "province": "2"}, headers={"Accept-Language": language}
        )
        assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
        assert word in response.json()["detail"].lower(), response.json()
