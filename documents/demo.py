"""Demo documents: real texts that govern community learning centres and study promotion.

Numbers, issuers and dates are those of the real documents, each checked against a public
copy or report of the text (see SOURCES); the summaries are the portal's own words. A date in
force or a signer is given only where it was confirmed; otherwise the field is left empty (the
document counts as in force from the date it was issued). The attached files are one-page
notes the portal wrote, not the official texts.

Left out because their number or date could not be confirmed: the 2008 regulation of the
centres (Quyết định 09/2008/QĐ-BGDĐT), the Ministry of Finance's funding circular
(Thông tư 96/2008/TT-BTC), the circular on grading the centres (Thông tư 44/2014/TT-BGDĐT)
and a 2023 regulation said to replace the 2008 one.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.text import fold
from documents.models import (
    DocumentField,
    DocumentIndexPage,
    DocumentKind,
    IssuingBody,
    LegalDocumentAttachment,
    LegalDocumentLink,
    LegalDocumentPage,
    Relation,
)
from home.demo import ensure_child

D = datetime.date

KINDS = ["Luật", "Nghị định", "Quyết định", "Thông tư", "Chỉ thị", "Kế hoạch", "Công văn", "Báo cáo", "Thông báo"]
ISSUERS = [
    ("Quốc hội", "QH"),
    ("Chính phủ", "CP"),
    ("Thủ tướng Chính phủ", "TTg"),
    ("Phòng Giáo dục và Đào tạo thành phố Uông Bí", "PGDĐT"),
]
FIELDS = ["Giáo dục thường xuyên", "Khuyến học, khuyến tài", "Xây dựng xã hội học tập", "Thông tin điện tử"]

# Where each number and date was confirmed (a public copy of the text or a report of it):
# - 38/2005/QH11: vietjack.me (số hiệu, ngày ban hành 14/06/2005, hiệu lực 01/01/2006, người ký); natlex.ilo.org
# - 43/2019/QH14: ute.udn.vn: thông qua 14/6/2019, hiệu lực 01/7/2020, thay thế Luật Giáo dục 2005
# - 89/QĐ-TTg: daidoanket.vn, hdll.vn: Quyết định số 89/QĐ-TTg ngày 9/1/2013
# - 281/QĐ-TTg: baodantoc.vn: phê duyệt ngày 20/2/2014; the Mỹ Tho seed article cites it
# - 1009/KH-PGDĐT: the Uông Bí seed report: Kế hoạch số 1009/KH-PGDĐT ngày 06/10/2016
# - 489/QĐ-TTg: thuvienphapluat.vn, Quyết định 1373/QĐ-TTg cites it: ngày 08 tháng 4 năm 2020
# - 1373/QĐ-TTg: thuvienphapluat.vn (the text: Hà Nội, ngày 30 tháng 7 năm 2021); thoidai.com.vn
# - 42/2022/NĐ-CP: cited as Nghị định số 42/2022/NĐ-CP ngày 24/6/2022

# slug, number, kind, issuer short name, field, date issued, date in force, signer, title, summary
DOCUMENTS = [
    (
        "luat-giao-duc-2005",
        "38/2005/QH11",
        "Luật",
        "QH",
        "Giáo dục thường xuyên",
        D(2005, 6, 14),
        D(2006, 1, 1),
        "Chủ tịch Quốc hội Nguyễn Văn An",
        "Luật Giáo dục 2005",
        "Luật Giáo dục năm 2005, trong đó trung tâm học tập cộng đồng tại xã, phường, thị trấn "
        "được xác định là cơ sở giáo dục thường xuyên.",
    ),
    (
        "luat-giao-duc-2019",
        "43/2019/QH14",
        "Luật",
        "QH",
        "Giáo dục thường xuyên",
        D(2019, 6, 14),
        D(2020, 7, 1),
        "",
        "Luật Giáo dục 2019",
        "Luật Giáo dục hiện hành, thay thế Luật Giáo dục 2005; quy định hệ thống giáo dục quốc dân, "
        "trong đó có giáo dục thường xuyên và các trung tâm học tập cộng đồng.",
    ),
    (
        "de-an-xhht-2012-2020",
        "89/QĐ-TTg",
        "Quyết định",
        "TTg",
        "Xây dựng xã hội học tập",
        D(2013, 1, 9),
        None,
        "",
        "Phê duyệt Đề án Xây dựng xã hội học tập giai đoạn 2012 – 2020",
        "Mục tiêu và giải pháp xây dựng xã hội học tập đến năm 2020, trong đó có củng cố và phát "
        "triển mạng lưới trung tâm học tập cộng đồng.",
    ),
    (
        "de-an-hoc-tap-suot-doi-2014",
        "281/QĐ-TTg",
        "Quyết định",
        "TTg",
        "Khuyến học, khuyến tài",
        D(2014, 2, 20),
        None,
        "",
        "Phê duyệt Đề án “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2020”",
        "Đề án đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng và đơn vị; "
        "đánh giá, công nhận “gia đình học tập”, “dòng họ học tập”, “cộng đồng học tập”.",
    ),
    (
        "ke-hoach-kiem-tra-tthtcd-uong-bi-2016",
        "1009/KH-PGDĐT",
        "Kế hoạch",
        "PGDĐT",
        "Giáo dục thường xuyên",
        D(2016, 10, 6),
        None,
        "",
        "Kiểm tra tình hình hoạt động của các trung tâm học tập cộng đồng thành phố Uông Bí năm học 2016 – 2017",
        "Kế hoạch kiểm tra công tác quản lý, chỉ đạo của UBND các xã, phường đối với trung tâm học tập "
        "cộng đồng và kết quả hoạt động của các trung tâm trên địa bàn thành phố.",
    ),
    (
        "ke-hoach-ket-luan-49-2020",
        "489/QĐ-TTg",
        "Quyết định",
        "TTg",
        "Khuyến học, khuyến tài",
        D(2020, 4, 8),
        None,
        "",
        "Ban hành Kế hoạch thực hiện Kết luận số 49-KL/TW của Ban Bí thư về khuyến học, khuyến tài, "
        "xây dựng xã hội học tập",
        "Kế hoạch của Chính phủ để tiếp tục thực hiện Chỉ thị số 11-CT/TW về tăng cường sự lãnh đạo "
        "của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học tập.",
    ),
    (
        "de-an-xhht-2021-2030",
        "1373/QĐ-TTg",
        "Quyết định",
        "TTg",
        "Xây dựng xã hội học tập",
        D(2021, 7, 30),
        None,
        "",
        "Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 – 2030”",
        "Mục tiêu, nhiệm vụ và giải pháp xây dựng xã hội học tập giai đoạn 2021 – 2030, tạo cơ hội "
        "học tập suốt đời cho mọi người dân.",
    ),
    (
        "thong-tin-tren-moi-truong-mang-2022",
        "42/2022/NĐ-CP",
        "Nghị định",
        "CP",
        "Thông tin điện tử",
        D(2022, 6, 24),
        None,
        "",
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
        "Những thông tin cổng thông tin điện tử của cơ quan nhà nước phải cung cấp, trong đó có văn "
        "bản quy phạm pháp luật và văn bản chỉ đạo, điều hành.",
    ),
]

# (newer, relation, older) by slug.
LINKS = [
    ("luat-giao-duc-2019", Relation.REPLACES, "luat-giao-duc-2005"),
]


def _named(model, name, locale=None, **extra):
    lookup = {"name": name}
    if locale is not None:
        lookup["locale"] = locale
    item = model.objects.filter(**lookup).first()
    if item is None:
        item = model(**lookup, **extra)
        item.save()
    return item


def _pdf(lines):
    """A one-page PDF with ``lines`` in Helvetica (ASCII only)."""
    text = " T* ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj" for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 72 770 Td {text} ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Văn bản").first()
    return existing or root.add_child(name="Văn bản")


def _attachment(collection, slug, number, title):
    Document = get_document_model()
    doc_title = f"Tóm tắt văn bản {number}"
    document = Document.objects.filter(title=doc_title).first()
    if document is None:
        lines = [
            "Sen - demo",
            f"So: {fold(number).upper()}",
            fold(title)[:90],
            "Ban tom tat do cong thong tin bien soan.",
        ]
        document = Document(title=doc_title, collection=collection)
        document.file.save(f"{slug}.pdf", ContentFile(_pdf(lines)), save=False)
        document.file_size = document.file.size
        document.save()
    return document


def load_demo_content(context):
    locale = context.home.locale
    kinds = {name: _named(DocumentKind, name, locale) for name in KINDS}
    issuers = {short: _named(IssuingBody, name, short_name=short) for name, short in ISSUERS}
    fields = {name: _named(DocumentField, name, locale) for name in FIELDS}
    index, created = ensure_child(
        context.home,
        DocumentIndexPage,
        "van-ban",
        title="Văn bản",
        intro="<p>Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành về giáo dục thường xuyên, "
        "khuyến học và xây dựng xã hội học tập.</p>",
    )
    if created:
        context.log(f"documents index {index.title!r}")
    collection = _collection()
    pages = {}
    for slug, number, kind, issuer, field, issued, effective, signer, title, summary in DOCUMENTS:
        existing = index.get_children().filter(slug=slug).first()
        if existing is not None:
            pages[slug] = existing.specific
            continue
        page = LegalDocumentPage(
            slug=slug,
            title=title,
            number=number,
            kind=kinds[kind],
            issuer=issuers[issuer],
            field=fields[field],
            date_issued=issued,
            date_effective=effective,
            signer=signer,
            summary=summary,
            live=False,
        )
        page.attachments = [LegalDocumentAttachment(document=_attachment(collection, slug, number, title))]
        pages[slug] = (page, True)
    # Older documents first, so that a newer one's links point at pages that exist.
    for slug, page in list(pages.items()):
        if isinstance(page, tuple):
            page = page[0]
            page.links = [
                LegalDocumentLink(relation=relation, target=pages[older])
                for newer, relation, older in LINKS
                if newer == slug and not isinstance(pages[older], tuple)
            ]
            index.add_child(instance=page)
            page.save_revision().publish()
            pages[slug] = page
            context.log(f"document {page.number}")
