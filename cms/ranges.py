"""Byte ranges (RFC 9110, section 14) for the files Sen sends itself.

Django's ``FileResponse`` always sends the whole file, so a browser cannot seek in a
bulletin video and Safari on iOS will not play one at all. This middleware answers a
single ``Range: bytes=…`` request on any file response (Wagtail's document view, after
its privacy check, and the media Sen serves) with ``206 Partial Content`` and
``Content-Range``, or ``416 Range Not Satisfiable`` when the range starts past the end.
A header it does not understand (another unit, several ranges, a malformed one) is
ignored and the whole file is sent, as the RFC allows. ``If-Range`` is honoured.
"""

import re

from django.http import FileResponse, HttpResponse
from django.utils.http import parse_http_date_safe

RANGE_RE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)
CHUNK_SIZE = 64 * 1024


class Unsatisfiable(Exception):
    pass


def parse_range(header, size):
    """The inclusive (first, last) byte positions ``header`` asks for in a ``size``-byte file.

    None when the header is to be ignored; raises Unsatisfiable when it asks for nothing in the file.
    """
    match = RANGE_RE.match(header or "")
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # a suffix: the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(size - length, 0), size - 1
    first = int(first)
    if last != "" and int(last) < first:
        return None
    if first >= size:
        raise Unsatisfiable
    return first, min(int(last), size - 1) if last != "" else size - 1


def _if_range_matches(request, response):
    value = request.headers.get("If-Range")
    if value is None:
        return True
    value = value.strip()
    if value.startswith(('"', "W/")):
        # Only a strong validator may be used to combine parts of a representation.
        etag = response.get("ETag")
        # '""' is what Wagtail sends for a document without a file hash: no validator at all.
        return not value.startswith("W/") and etag not in (None, '""') and value == etag
    sent = parse_http_date_safe(value)
    modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return sent is not None and sent == modified


def _read(filelike, first, last):
    filelike.seek(first)
    remaining = last - first + 1
    while remaining > 0:
        chunk = filelike.read(min(CHUNK_SIZE, remaining))
        if not chunk:
            break
        remaining -= len(chunk)
        yield chunk


def _file_size(response):
    length = response.get("Content-Length", "")
    return int(length) if length.isdecimal() else None


class RangeMiddleware:
    """206 answers to ``Range`` requests on file responses (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        return self.process(request, response)

    def process(self, request, response):
        if response.get("Content-Encoding") == "None":
            # Wagtail's document view writes the guessed encoding even when there is none.
            del response["Content-Encoding"]
        filelike = getattr(response, "file_to_stream", None)
        if (
            not isinstance(response, FileResponse)
            or response.status_code != 200
            or filelike is None
            or not getattr(filelike, "seekable", lambda: False)()
            or response.has_header("Content-Encoding")
        ):
            return response
        size = _file_size(response)
        if size is None:
            return response
        response["Accept-Ranges"] = "bytes"
        header = request.headers.get("Range")
        if header is None or request.method not in ("GET", "HEAD") or not _if_range_matches(request, response):
            return response
        try:
            byte_range = parse_range(header, size)
        except Unsatisfiable:
            filelike.close()  # not response.close(): that would signal the end of the request
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            refused["Accept-Ranges"] = "bytes"
            return refused
        if byte_range is None:
            return response
        first, last = byte_range
        # A plain iterator, not the file: the WSGI server must not send the whole file
        # with its file wrapper. The file is still closed with the response.
        response.streaming_content = _read(filelike, first, last)
        response.status_code = 206
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
        return response
