"""Draft preview for headless front ends: signed, expiring, revocable preview links.

The page editor gets a "Preview on the front-end site" button (when
``SEN_PREVIEW_FRONTEND_URL`` is set) that opens the front end with
``?token=…``. The front end asks ``GET /api/preview/?token=…`` for the draft and
shows it. A token names a page, one of its revisions and the page's preview epoch;
it is signed with the site's secret key (``TimestampSigner``, own salt) and expires
after ``SEN_PREVIEW_TOKEN_MAX_AGE`` seconds. "Revoke preview links" and publishing
move the epoch on, so older links stop working.
"""

import datetime
import logging
import re
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision
from wagtail.rich_text import expand_db_html
from wagtail.signals import page_published

from cms.api.drafts import draft_representation
from cms.api.problems import problem_response
from cms.preview.models import PreviewEpoch

logger = logging.getLogger("sen.preview")

SALT = "sen.preview.v1"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_\-:.]{10,2000}$")


class PreviewTokenError(Exception):
    def __init__(self, status, reason, message):
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message


def _signer():
    return signing.TimestampSigner(salt=SALT)


def current_epoch(page_id):
    return PreviewEpoch.objects.filter(page_id=page_id).values_list("epoch", flat=True).first() or 0


def revoke(page):
    """Make every preview link of ``page`` made so far stop working."""
    with transaction.atomic():
        epoch, _created = PreviewEpoch.objects.get_or_create(page_id=page.pk)
        PreviewEpoch.objects.filter(pk=epoch.pk).update(epoch=models.F("epoch") + 1, revoked_at=timezone.now())


# The revision id of a token for a page that has no revision yet (made from code or an import):
# it shows the page as stored, so that opening a preview never has to write a revision.
STORED_PAGE = 0


def make_token(page, revision=None):
    """A preview token for ``revision`` (the page's latest revision by default; the page as stored
    when it has none)."""
    revision = revision or page.latest_revision
    revision_id = revision.pk if revision is not None else STORED_PAGE
    return _signer().sign_object({"p": page.pk, "r": revision_id, "e": current_epoch(page.pk)}, compress=True)


def frontend_url(page, token):
    """The configured front-end address with the token (and page id, type, locale) in its query string."""
    base = settings.SEN_PREVIEW_FRONTEND_URL
    parts = urlsplit(base)
    params = {
        "token": token,
        "id": page.pk,
        "type": f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}",
        "locale": page.locale.language_code,
    }
    query = "&".join(filter(None, [parts.query, urlencode(params)]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def read_token(token, max_age=None):
    """The (page, revision) a token gives access to, or PreviewTokenError with the HTTP status to answer.

    The revision is None for a token made for a page without revisions (``STORED_PAGE``).
    """
    if not token:
        raise PreviewTokenError(401, "missing", _("A preview token is required."))
    if not TOKEN_RE.match(token) or token.count(":") < 2:
        raise PreviewTokenError(401, "malformed", _("This preview token is malformed."))
    max_age = settings.SEN_PREVIEW_TOKEN_MAX_AGE if max_age is None else max_age
    try:
        data = _signer().unsign_object(token, max_age=datetime.timedelta(seconds=max_age))
    except signing.SignatureExpired as exc:
        raise PreviewTokenError(403, "expired", _("This preview link has expired.")) from exc
    except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise PreviewTokenError(403, "invalid", _("This preview token is not valid.")) from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(key), int) for key in ("p", "r", "e")):
        raise PreviewTokenError(403, "invalid", _("This preview token is not valid."))
    page = Page.objects.filter(pk=data["p"]).first()
    if page is None:
        raise PreviewTokenError(404, "not_found", _("The page of this preview link no longer exists."))
    if data["e"] != current_epoch(page.pk):
        raise PreviewTokenError(403, "revoked", _("This preview link has been revoked."))
    if data["r"] == STORED_PAGE:
        return page.specific, None
    revision = Revision.page_revisions.filter(pk=data["r"], object_id=str(page.pk)).first()
    if revision is None:
        raise PreviewTokenError(404, "not_found", _("The draft of this preview link no longer exists."))
    return page.specific, revision


def _plain_representation(page):
    """When the API serializer fails: the page's API fields, rich text and StreamFields as display-ready
    HTML/JSON."""
    data = {
        "id": page.pk,
        "meta": {
            "type": f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}",
            "slug": page.slug,
            "locale": page.locale.language_code,
        },
        "title": page.title,
    }
    encoder = DjangoJSONEncoder()
    for api_field in getattr(page, "api_fields", None) or []:
        name = getattr(api_field, "name", api_field)
        try:
            field = page._meta.get_field(name)
        except Exception:
            field = None
        value = getattr(page, name, None)
        if isinstance(field, StreamField):
            data[name] = field.stream_block.get_api_representation(value)
        elif isinstance(field, RichTextField):
            data[name] = expand_db_html(value or "")
        elif isinstance(value, str | int | float | bool) or value is None:
            data[name] = value
        else:
            try:
                data[name] = encoder.default(value)
            except TypeError:
                data[name] = str(value)
    return data


@require_GET
def preview_api(request):
    """GET /api/preview/?token=…: the draft the token names, or a 401/403/404 problem (problem+json)."""
    try:
        page, revision = read_token(request.GET.get("token", ""))
        draft = revision.as_object() if revision is not None else page
        try:
            data = draft_representation(request, draft)
        except Exception:
            logger.exception("Preview of page %s with the API serializer failed; using the plain form", page.pk)
            data = None
        if data is None:
            data = _plain_representation(draft)
        data = dict(data)
        data["preview"] = {
            "page_id": page.pk,
            "revision_id": revision.pk if revision is not None else None,
            "revision_created_at": (
                timezone.localtime(revision.created_at).isoformat() if revision is not None else None
            ),
            "live": page.live,
            "has_unpublished_changes": page.has_unpublished_changes,
        }
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    except PreviewTokenError as error:
        # A problem (cms.api.problems) like every error under /api/; ``reason`` says which token problem.
        code, parameter = ("not_found", None) if error.status == 404 else ("invalid_token", "token")
        response = problem_response(error.status, code, error.message, parameter, reason=error.reason)
        if error.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="sen-preview"'
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response


# The admin side.


def _can_preview(user, page):
    return bool(settings.SEN_PREVIEW_FRONTEND_URL) and page.permissions_for_user(user).can_edit()


def open_frontend_preview(request, page_id):
    """Make a token for the page's latest revision and open the front end with it (a GET: writes nothing)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not _can_preview(request.user, page):
        messages.error(request, _("You cannot preview this page on the front-end site."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect(frontend_url(page, make_token(page)))


def revoke_preview_links(request, page_id):
    """Confirm (GET) and revoke (POST) every preview link of the page."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        messages.error(request, _("You cannot change this page."))
        return redirect("wagtailadmin_explore", page.get_parent().pk if page.get_parent() else page.pk)
    if request.method == "POST":
        revoke(page)
        messages.success(request, _("Preview links of '%(title)s' no longer work.") % {"title": page.title})
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "cms/preview_revoke.html", {"page": page})


@hooks.register("register_admin_urls")
def register_preview_admin_urls():
    return [
        path("sen-preview/<int:page_id>/", open_frontend_preview, name="sen_preview_frontend"),
        path("sen-preview/<int:page_id>/revoke/", revoke_preview_links, name="sen_preview_revoke"),
    ]


@hooks.register("register_page_header_buttons")
def preview_header_buttons(page, user, view_name, next_url=None):
    if view_name != "edit" or not _can_preview(user, page):
        return []
    return [
        Button(
            gettext_lazy("Preview on the front-end site"),
            reverse("sen_preview_frontend", args=[page.pk]),
            icon_name="view",
            attrs={"target": "_blank", "rel": "noopener"},
            priority=12,
        ),
        Button(
            gettext_lazy("Revoke preview links"),
            reverse("sen_preview_revoke", args=[page.pk]),
            icon_name="cross",
            priority=13,
        ),
    ]


def _revoke_on_publish(sender, instance, **kwargs):
    """Once a draft is live, its preview links have done their job."""
    try:
        revoke(instance)
    except Exception:
        logger.exception("Could not revoke the preview links of page %s", instance.pk)


def connect_signals():
    page_published.connect(_revoke_on_publish, dispatch_uid="sen-preview-revoke-on-publish")
