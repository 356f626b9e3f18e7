"""gzip for text answers (pages, the APIs' JSON, feeds, sitemaps), inside the page cache.

Django's ``GZipMiddleware`` (with its BREACH mitigation: random bytes in the gzip header), limited to
what compresses and may be compressed:

- text types only (HTML, JSON, XML, RSS/Atom, CSS, JavaScript, plain text, CSV): images, video, PDFs and
  other documents are already compressed or are served in byte ranges;
- never a partial answer (206, ``Content-Range``: ``cms.ranges``), whose ranges count the plain bytes.

It sits just inside ``cms.http.pagecache.PageCacheMiddleware``, so the page cache stores the compressed
answer (its key holds whether the request accepts gzip) and a hit sends it without compressing again.
Behind the shipped nginx (``deploy/nginx/sen.conf``) every request asks for gzip and nginx keeps one
compressed copy per URL, unpacking it for the rare client that does not accept gzip.
"""

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/problem+json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "application/vnd.oai.openapi",
    "image/svg+xml",
)


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def compressible(response):
    if response.status_code == 206 or response.has_header("Content-Range"):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type.startswith(COMPRESSIBLE_TYPES)


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(response):
            return response
        return super().process_response(request, response)
