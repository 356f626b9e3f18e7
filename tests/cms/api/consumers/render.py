"""A consuming site's renderers, on the Python clients generated from Sen's OpenAPI documents.

Type-checked by ``mypy --strict --disallow-any-expr`` in tests/cms/api/test_clients.py: no cast, no Any.
Every value is a generated type (``sen_client_v2``, ``sen_client_sen``); each block of an article body
is told apart by its class, as the document's ``oneOf`` on ``type`` says.
"""

from html import escape

from sen_client_sen.models import SearchResults
from sen_client_v2.models import (
    ArticlesNewsPage,
    BodyBlockDocument,
    BodyBlockGallery,
    BodyBlockImage,
    BodyBlockParagraph,
    BodyBlockQuote,
    BodyBlockTable,
    BodyBlockVideo,
    CentersCenterPage,
    DocumentsLegalDocumentPage,
    ImageRef,
)
from sen_client_v2.types import Unset

Block = (
    BodyBlockDocument
    | BodyBlockGallery
    | BodyBlockImage
    | BodyBlockParagraph
    | BodyBlockQuote
    | BodyBlockTable
    | BodyBlockVideo
)


def picture(image: ImageRef | None, alt: str = "") -> str:
    if image is None:
        return ""
    sources = [(name, rendition) for name, rendition in (("card", image.renditions.card),
               ("full", image.renditions.full)) if rendition is not None]  # fmt: skip
    if not sources:
        return ""
    _name, best = sources[-1]
    size = f'width="{best.width}" height="{best.height}"'
    return f'<img src="{escape(best.url)}" {size} alt="{escape(alt or image.alt)}">'


def block(item: Block) -> str:
    if isinstance(item, BodyBlockParagraph):
        return item.value
    if isinstance(item, BodyBlockImage):
        caption = f"<figcaption>{escape(item.value.caption)}</figcaption>" if item.value.caption else ""
        return f"<figure>{picture(item.value.image, item.value.alt)}{caption}</figure>"
    if isinstance(item, BodyBlockGallery):
        return "".join(f"<figure>{picture(photo.image, photo.alt)}</figure>" for photo in item.value)
    if isinstance(item, BodyBlockVideo):
        poster = picture(item.value.poster)
        if item.value.source is not None:
            return f'<video controls src="{escape(item.value.source)}"></video>{poster}'
        return f'<a href="{escape(item.value.embed_url or "")}">{poster or escape(item.value.caption)}</a>'
    if isinstance(item, BodyBlockQuote):
        return f"<blockquote>{escape(item.value.quote)}<cite>{escape(item.value.attribution)}</cite></blockquote>"
    if isinstance(item, BodyBlockTable):
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(cell or '')}</td>" for cell in row) + "</tr>" for row in item.value.data
        )
        return f"<table>{rows}</table>"
    extension = item.value.file_extension or ""
    return f'<a href="{escape(item.value.url or "")}">{escape(item.value.title)} ({escape(extension)})</a>'


def article(page: ArticlesNewsPage) -> str:
    title = page.title if not isinstance(page.title, Unset) else ""
    body = page.body if not isinstance(page.body, Unset) else []
    main = page.main_image if not isinstance(page.main_image, Unset) else None
    return f"<h1>{escape(title)}</h1>{picture(main)}" + "".join(block(item) for item in body)


def centre(page: CentersCenterPage) -> str:
    province = page.province if not isinstance(page.province, Unset) else None
    where = province.full_name if province is not None else ""
    reports = page.yearly_reports if not isinstance(page.yearly_reports, Unset) else []
    rows = "".join(
        f"<tr><th>{escape(report.school_year)}</th><td>{report.total_classes}</td><td>{report.attendances}</td></tr>"
        for report in reports
    )
    title = page.title if not isinstance(page.title, Unset) else ""
    return f"<h1>{escape(title)}</h1><p>{escape(where)}</p><table>{rows}</table>"


def document(page: DocumentsLegalDocumentPage) -> str:
    number = page.number if not isinstance(page.number, Unset) else ""
    status = page.status.label if not isinstance(page.status, Unset) else ""
    issued = page.date_issued.long if not isinstance(page.date_issued, Unset) and page.date_issued else ""
    files = page.attachments if not isinstance(page.attachments, Unset) else []
    links = "".join(f'<li><a href="{escape(file.url)}">{escape(file.label)}</a> {file.type_}</li>' for file in files)
    return f"<h1>{escape(number)}</h1><p>{escape(status)} · {escape(issued)}</p><ul>{links}</ul>"


def search_page(results: SearchResults) -> str:
    facets = "".join(f"<li>{escape(facet.label)} ({facet.count})</li>" for facet in results.facets)
    hits = "".join(f'<li><a href="{escape(hit.html_url or hit.api_url)}">{hit.title_html}</a> {hit.excerpt_html}</li>'
                   for hit in results.items)  # fmt: skip
    return f"<p>{results.total} kết quả</p><ul>{facets}</ul><ol>{hits}</ol>"
