"""The page cache stores one answer per language: a client never gets another language's stored answer.

Under /api/ the language comes from Accept-Language (cms.api.middleware), not from the path; each URL is asked
in one language, then the other (both orders), and every answer must equal the uncached answer in its language.
"""

import datetime

import pytest

from cms.http import pagecache
from tests.documents import factories

pytestmark = pytest.mark.usefixtures("page_cache")  # tests/cms/http/conftest.py

HIT = pagecache.HIT_HEADER
TYPE = "documents.LegalDocumentPage"


@pytest.fixture
def document(home_page):
    parent = factories.index(home_page)
    return factories.document(
        parent,
        number="43/2019/QH14",
        title="Luật Giáo dục 2019",
        issued=datetime.date(2019, 6, 14),
        effective=datetime.date(2020, 7, 1),
        kind=factories.kind("Luật"),
        issuer=factories.issuer("Quốc hội", "QH"),
    )


def urls(document):
    return [
        f"/api/v2/pages/?type={TYPE}&fields=status,date_effective&limit=5&order=-id",
        f"/api/v2/pages/{document.pk}/",
        f"/api/v3/pages/{document.pk}/",
        "/api/sen/search?q=luat+giao+duc",
    ]


def uncached(client, settings, url, language):
    settings.SEN_PAGE_CACHE = False
    try:
        return client.get(url, headers={"Accept-Language": language})
    finally:
        settings.SEN_PAGE_CACHE = True


@pytest.mark.parametrize("first,second", [("en", "vi"), ("vi", "en")])
def test_an_api_answer_stored_in_one_language_is_never_served_in_the_other(client, settings, document, first, second):
    differing = 0
    for url in urls(document):
        expected = {language: uncached(client, settings, url, language) for language in (first, second)}
        assert expected[first].status_code == 200, (url, expected[first].content[:300])
        if expected[first].content != expected[second].content:
            differing += 1
        for language in (first, second, first, second):
            response = client.get(url, headers={"Accept-Language": language})
            assert response["Content-Language"] == language, url
            assert response.content == expected[language].content, (url, language, response.get(HIT))
        # Both languages were stored: the second round of each came from the cache.
        for language in (first, second):
            assert client.get(url, headers={"Accept-Language": language})[HIT] == "hit", (url, language)
    # The check means something: the document's status label and date are in words of each language.
    assert differing >= 2


def test_accept_language_spellings_share_the_stored_answer_of_their_language(client, document):
    url = f"/api/v2/pages/{document.pk}/"
    assert client.get(url, headers={"Accept-Language": "en-US,en;q=0.9"})[HIT] == "miss"
    same = client.get(url, headers={"Accept-Language": "en"})
    assert same[HIT] == "hit" and same["Content-Language"] == "en"
    # A language the site does not have answers in the default language, from the Vietnamese copy.
    vi = client.get(url, headers={"Accept-Language": "vi"})
    assert vi[HIT] == "miss" and vi["Content-Language"] == "vi"
    french = client.get(url, headers={"Accept-Language": "fr"})
    assert french[HIT] == "hit" and french["Content-Language"] == "vi" and french.content == vi.content
