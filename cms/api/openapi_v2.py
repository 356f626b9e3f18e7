"""``GET /api/v2/openapi.json``: an OpenAPI 3.1 document for Sen's API v2, built from what is registered.

Wagtail's API v2 has no OpenAPI document. This one is generated at request time from the page
models (their ``api_fields`` and declared ``api_filters``, see ``cms.api.filters``), the images and
documents endpoints and the listing parameters the viewsets accept; errors are the problem+json
schema of ``cms.api.problems``. Every field is typed (``cms.api.schemas``): a plain column from the
model field, a StreamField from its block definitions, a field with its own serializer from the serializer's
return annotation (the shapes of ``cms.shapes`` and the plugins), as Wagtail's API v3 types them.
"""

import json

from django.conf import settings
from django.db import models
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

from cms.absolute import absolute_url
from cms.api.conformance import NO_PAGE, SEARCH_RULE, declare_problems
from cms.api.params import ALWAYS_ALLOWED
from cms.api.problems import Problem, from_exception, unknown_parameters
from cms.api.schemas import json_schema, serializer_type, stream_field_type
from cms.shapes import PageRef, Renditions, Translation

PROBLEM = {"$ref": "#/components/schemas/Problem"}

# Parser name (cms.api.filters.PARSERS) -> schema of the value.
FILTER_SCHEMAS = {
    "date": {"type": "string", "format": "date"},
    "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,255}$"},
    "text": {"type": "string", "minLength": 1, "maxLength": 100},
    "code_or_id": {"type": "string", "pattern": "^[0-9]{1,18}$"},
    "province_code": {"type": "string", "pattern": "^[0-9]{2}$"},
    "commune_code": {"type": "string", "pattern": "^[0-9]{5}$"},
    "school_year": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{4}$"},
}


def _column_schema(field, components):
    """The JSON schema of a model field as Wagtail's API v2 serialises it, or None when it does not know it."""
    if isinstance(field, StreamField):
        return json_schema(stream_field_type(field), components)
    if isinstance(field, models.ForeignKey) and issubclass(field.related_model, Page):
        # A linked page (cms.api.serializers.ListedPageRelatedField): null when the API does not list it.
        return json_schema(PageRef | None, components)
    if isinstance(field, RichTextField):
        schema = {"type": "string", "contentMediaType": "text/html"}
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, (models.AutoField, models.IntegerField)) and not field.is_relation:
        schema = {"type": "integer"}
    elif isinstance(field, (models.FloatField, models.DecimalField)):
        schema = {"type": "number"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, (models.CharField, models.SlugField, models.URLField, models.EmailField, models.TextField)):
        schema = {"type": "string"}
        if field.choices:
            schema["enum"] = [str(value) for value, _label in field.flatchoices]
    else:
        return None
    if field.null:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"].append(None)
    return schema


def _field_schema(model, api_field, components):
    """A model field is typed from the model; a field with its own serializer by the serializer's return
    annotation (``cms.api.schemas.serializer_type``). Neither: left open, which the contract test refuses."""
    name = getattr(api_field, "name", api_field)
    serializer = getattr(api_field, "serializer", None)
    try:
        field = model._meta.get_field(name)
    except Exception:
        field = None
    declared = serializer_type(serializer) if serializer is not None else None
    if declared is not None:
        schema = json_schema(declared, components)
    elif field is not None and serializer is None:
        schema = _column_schema(field, components) or {}
    else:
        schema = {}
    if "$ref" in schema:
        schema = {"allOf": [schema]}  # a description beside a $ref is ignored by some tools
    description = str(getattr(field, "verbose_name", "") or "") or name
    if getattr(field, "help_text", ""):
        description = f"{description}: {field.help_text}"
    schema["description"] = str(description)
    return schema


def _page_models():
    return [model for model in get_page_models() if model._meta.label != "wagtailcore.Page"]


def _locales():
    return [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]


def _param(name, description, schema=None, required=False, where="query"):
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema or {"type": "string"}}  # fmt: skip


def _errors(*statuses):
    words = {
        304: "Not modified: the ETag sent in If-None-Match still matches.",
        400: "A bad or unknown query parameter (the problem names it).",
        404: "Nothing with this id or path, or a filter value that names nothing.",
        429: "Too many requests: try again after Retry-After seconds.",
    }
    responses = {}
    for status in statuses:
        if status == 304:
            responses["304"] = {"description": words[304]}
            continue
        response = {"description": words[status], "content": {"application/problem+json": {"schema": PROBLEM}}}
        if status == 429:
            response["headers"] = {
                "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer", "minimum": 0}}
            }
        responses[str(status)] = response
    return responses


def _listing_params(kind):
    params = [
        _param("limit", "Items per page (at most 50 by default).", {"type": "integer", "minimum": 0}),
        _param("offset", "Items to skip.", {"type": "integer", "minimum": 0, "maximum": 10**9}),
        _param(
            "order",
            "Fields to sort by, comma-separated (e.g. -first_published_at,title); a leading '-' reverses one; "
            "'random' shuffles (alone, without offset); pages also take 'date' (the page type's own date)"
            + OWN_FIELDS[kind],
            _order_schema(kind),
        ),
        _param("search", SEARCH_RULE),
        _param("search_operator", "How search words combine.", {"type": "string", "enum": ["and", "or"]}),
        _param(
            "fields",
            "Comma-separated fields to add (or '-field' to remove, '*' for all, '_' for none)" + OWN_FIELDS[kind],
            _fields_schema(kind),
        ),
    ]
    if kind == "pages":
        page_types = sorted(model._meta.label for model in _page_models())
        params += [
            _param(
                "type",
                "Limit to one page type: its own fields (fields=… or fields=*) and filters then apply, and every "
                "item has that type's schema (the one whose meta.type it carries).",
                {"type": "string", "enum": page_types},
            ),  # fmt: skip
            _param("locale", "Language of the pages.", {"type": "string", "enum": _locales()}),
            _param(
                "fallback",
                "With locale: pages missing in that language come in this one.",
                {"type": "string", "enum": _locales()},
            ),  # fmt: skip
            _param(
                "child_of",
                f"Id of the parent page (or 'root'){NO_PAGE}",
                {"type": "string", "pattern": "^([0-9]+|root)$"},
            ),  # fmt: skip
            _param("ancestor_of", f"Id of a descendant page{NO_PAGE}", {"type": "integer", "minimum": 0}),
            _param(
                "descendant_of",
                f"Id of an ancestor page (or 'root'){NO_PAGE}",
                {"type": "string", "pattern": "^([0-9]+|root)$"},
            ),  # fmt: skip
            _param("translation_of", f"Id of a page: its translations{NO_PAGE}", {"type": "integer", "minimum": 0}),
            _param("site", "Hostname of the site to list.", {"type": "string"}),
        ]
        filters = {}
        for model in _page_models():
            for name, declaration in (getattr(model, "api_filters", {}) or {}).items():
                filters.setdefault(name, (declaration[1], []))[1].append(model._meta.label)
        for name in sorted(filters):
            parser, labels = filters[name]
            description = f"Filter declared by {', '.join(sorted(labels))} (needs type=… of one of them)."
            params.append(_param(name, description, dict(FILTER_SCHEMAS.get(parser, {"type": "string"}))))
    return params + _exact_field_params(kind, {param["name"] for param in params})


# A page type's own fields are in the fields= and order= values of the document, for that type only.
OWN_FIELDS = {"pages": "; a page type's own fields only with type=… of it (or on its detail).", "images": ".",
              "documents": "."}  # fmt: skip


def _fields_schema(kind):
    """``fields=``: names of the kind's fields (a page type's own need type=…), '*' or '_' (Wagtail's parser
    refuses anything else; nested ``name(…)`` selections are left out of the pattern)."""
    names = "|".join(_field_names(kind))
    return {"type": "string", "pattern": f"^(\\*|_|({names})(,({names}))*)?$"}


def _order_schema(kind):
    """``order=``: 'random' alone, or database fields of the kind (a page type's own need type=…), each with an
    optional '-'; pages also 'date' alone (``cms.api.filters.DateOrderingFilter``)."""
    names = "|".join(_field_names(kind, db_fields_only=True))
    date = "-?date|" if kind == "pages" else ""
    return {"type": "string", "pattern": f"^(random|{date}-?({names})(,-?({names}))*)$"}


def _field_names(kind, db_fields_only=False):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from cms.api.views import SenDocumentsAPIViewSet, SenImagesAPIViewSet, SenPagesAPIViewSet

    view, models_ = {
        "pages": (SenPagesAPIViewSet, [Page, *_page_models()]),
        "images": (SenImagesAPIViewSet, [get_image_model()]),
        "documents": (SenDocumentsAPIViewSet, [get_document_model()]),
    }[kind]
    return sorted(
        {name for model in models_ for name in view().get_available_fields(model, db_fields_only=db_fields_only)}
    )


def _exact_field_params(kind, documented):
    """Wagtail's ``?<field>=<value>`` filters: every database field among a type's API fields, matched exactly
    (a related item by its id, tags by name). A page type's own fields need ``type=`` of that type."""
    from cms.api.views import SenDocumentsAPIViewSet, SenImagesAPIViewSet, SenPagesAPIViewSet

    if kind == "pages":
        view, models_ = SenPagesAPIViewSet, [Page, *_page_models()]
    else:
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        view, models_ = (
            (SenImagesAPIViewSet, [get_image_model()])
            if kind == "images"
            else (SenDocumentsAPIViewSet, [get_document_model()])
        )
    found = {}
    for model in models_:
        for name in view.get_available_fields(model, db_fields_only=True):
            if name in documented or name in ("locale",) + tuple(getattr(model, "api_filters", {}) or ()):
                continue
            schema = _exact_value_schema(model, name)
            if schema is not None:
                found.setdefault(name, (schema, []))[1].append(model._meta.label)
    params = []
    for name in sorted(found):
        schema, labels = found[name]
        where = "" if kind != "pages" or "wagtailcore.Page" in labels else f" (needs type=… of {', '.join(labels)})"
        params.append(_param(name, f"Exact value of the field {name}{where}.", schema))
    return params


def _exact_value_schema(model, name):
    """The schema of an exact-field filter's value, or None for a field one cannot match exactly (a stream)."""
    from taggit.managers import TaggableManager

    try:
        field = model._meta.get_field(name)
    except Exception:
        return None
    if isinstance(field, TaggableManager):
        return {"type": "string", "description": "Tag names, comma-separated: items with all of them."}
    if field.is_relation:
        return {"type": "integer", "minimum": 0, "description": "The id of the related item."}
    if isinstance(field, StreamField):
        return None
    schema = _column_schema(field, {})
    if schema is None:
        return None
    schema = {key: value for key, value in schema.items() if key in ("type", "format", "enum")}
    if isinstance(schema.get("type"), list):  # a query value is never null
        schema["type"] = schema["type"][0]
        if "enum" in schema:
            schema["enum"] = [value for value in schema["enum"] if value is not None]
    return schema


def _detail_params(kind):
    params = [_param("fields", "Comma-separated fields to add or remove" + OWN_FIELDS[kind], _fields_schema(kind))]
    if kind == "pages":
        params += [
            _param("locale", "Language of the page.", {"type": "string", "enum": _locales()}),
            _param(
                "fallback",
                "With locale: the page in this language when missing.",
                {"type": "string", "enum": _locales()},
            ),  # fmt: skip
        ]
    return params


def _schemas():
    components = {}
    meta = {
        "type": "object",
        "properties": {
            "type": {"type": "string", "description": "app_label.ModelName"},
            "detail_url": {"type": "string", "format": "uri", "description": "Absolute URL of the item in this API."},
        },
    }
    page_meta = {
        "type": "object",
        "properties": {
            **meta["properties"],
            "html_url": {"type": ["string", "null"], "format": "uri"},
            "slug": {"type": "string"},
            "first_published_at": {"type": ["string", "null"], "format": "date-time"},
            "locale": {"type": "string", "enum": _locales()},
            "translations": {
                "type": "array",
                "items": json_schema(Translation, components),
                "description": "The page's live translations in the other languages.",
            },
            "fallback": {
                "type": "boolean",
                "description": "With fallback=…: true when the page is shown in the fallback language.",
            },
            "requested_locale": {
                "type": "string",
                "enum": _locales(),
                "description": "With fallback=…: the language asked for (locale=…).",
            },
            # In a page's detail (and with fields=… in a listing):
            "show_in_menus": {"type": "boolean"},
            "seo_title": {"type": "string"},
            "search_description": {"type": "string"},
            # The parent page (null for a site's root or a page the API does not list) and the page this one
            # is an alias of. No description beside anyOf: openapi-python-client would drop every page schema.
            "parent": {"anyOf": [json_schema(PageRef, components), {"type": "null"}]},
            "alias_of": {"anyOf": [json_schema(PageRef, components), {"type": "null"}]},
        },
    }
    media_meta = {
        "type": "object",
        "properties": {
            **meta["properties"],
            "tags": {"type": "array", "items": {"type": "string"}},
            "download_url": {"type": "string", "format": "uri", "description": "The original file."},
        },
    }
    schemas = {
        "Problem": Problem.model_json_schema(ref_template="#/components/schemas/{model}"),
        "Page": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "meta": page_meta, "title": {"type": "string"}},
            "required": ["id"],
        },
        "Image": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "meta": media_meta,
                "title": {"type": "string"},
                "alt": {"type": "string"},
                "width": {"type": "integer", "description": "Pixels."},
                "height": {"type": "integer", "description": "Pixels."},
                "renditions": json_schema(Renditions, components),
            },
            "required": ["id"],
        },
        "Document": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "meta": media_meta, "title": {"type": "string"}},
            "required": ["id"],
        },
    }
    preview = {
        "type": "object",
        "description": "Only in /api/preview/'s answers: which draft this is.",
        "properties": {
            "page_id": {"type": "integer"},
            "revision_id": {"type": ["integer", "null"]},
            "revision_created_at": {"type": ["string", "null"], "format": "date-time"},
            "live": {"type": "boolean", "description": "Whether the page has a published version."},
            "has_unpublished_changes": {"type": "boolean"},
        },
        "required": ["page_id", "revision_id", "revision_created_at", "live", "has_unpublished_changes"],
    }
    for model in _page_models():
        api_fields = getattr(model, "api_fields", []) or []
        label = model._meta.label
        # meta.type is the page type: a client (or a validator) tells the types of a listing's items apart by it.
        typed_meta = {**page_meta, "properties": {**page_meta["properties"], "type": {"type": "string", "const": label,
                      "description": "app_label.ModelName"}}}  # fmt: skip
        # Written out whole rather than as allOf [Page, …]: generators merge allOf's two ``meta`` unreliably.
        properties = {**schemas["Page"]["properties"], "meta": typed_meta, "preview": preview}
        properties.update({getattr(f, "name", f): _field_schema(model, f, components) for f in api_fields})
        schemas[_schema_name(model)] = {
            "type": "object",
            "properties": properties,
            "required": ["id"],
            "description": f"{model._meta.verbose_name} ({label}): the fields of a page of this type, in a listing "
            f"with type={label} (fields=… or fields=*) or in its detail.",
        }
    for name, schema in components.items():
        if schemas.setdefault(name, schema) != schema:
            raise ValueError(f"The API shape {name!r} has the name of another schema of the v2 document.")
    return schemas


def _schema_name(model):
    return model._meta.label.replace(".", "_")


def _page_item_schema():
    """An item of /api/v2/pages/: the schema of its page type (told by ``meta.type``), else a plain page."""
    return {"anyOf": [*({"$ref": f"#/components/schemas/{_schema_name(m)}"} for m in _page_models()),
                      {"$ref": "#/components/schemas/Page"}]}  # fmt: skip


def _listing(ref):
    item = _page_item_schema() if ref == "Page" else {"$ref": f"#/components/schemas/{ref}"}
    return {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {
                    "total_count": {"type": "integer", "minimum": 0, "description": "Items matching, all pages."},
                    **(
                        {
                            "locales": {
                                "type": "array",
                                "items": {"type": "string"},
                                "description": "The languages of the pages matching (all pages): without "
                                "`locale=` a listing holds every language.",
                            }
                        }
                        if ref == "Page"
                        else {}
                    ),
                },
            },
            "items": {"type": "array", "items": item},
        },
        "required": ["meta", "items"],
    }


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def build_document(request):
    paths = {}
    for kind, ref in (("pages", "Page"), ("images", "Image"), ("documents", "Document")):
        detail_schema = _page_item_schema() if kind == "pages" else {"$ref": f"#/components/schemas/{ref}"}
        find_params = [_param("id", "Id of the item.", {"type": "integer", "minimum": 0})]
        if kind == "pages":
            find_params.append(_param("html_path", "Path of the page on the site, e.g. /tin-tuc/."))
        # Passed on to the detail it redirects to (fields=…, locale=…, fallback=…).
        # Passed on as they are: the detail checks them ("fields" without its pattern).
        find_params += [{**param, "description": f"{param['description']} Passed on to the detail.",
                         "schema": {"type": "string"} if param["name"] == "fields" else param["schema"]}
                        for param in _detail_params(kind)]  # fmt: skip
        paths[f"/api/v2/{kind}/"] = {
            "get": {
                "operationId": f"list_{kind}",
                "tags": [kind],
                "summary": f"List {kind}",
                "parameters": _listing_params(kind),
                "responses": {"200": _json(_listing(ref), f"A page of {kind}."), **_errors(304, 400, 404, 429)},
            }
        }
        paths[f"/api/v2/{kind}/{{id}}/"] = {
            "get": {
                "operationId": f"get_{kind[:-1]}",
                "tags": [kind],
                "summary": f"One of the {kind}",
                "parameters": [
                    _param("id", "Id of the item.", {"type": "integer", "minimum": 0}, True, "path"),
                    *_detail_params(kind),
                ],  # fmt: skip
                "responses": {"200": _json(detail_schema, "The item."), **_errors(304, 400, 404, 429)},
            }
        }
        paths[f"/api/v2/{kind}/find/"] = {
            "get": {
                "operationId": f"find_{kind[:-1]}",
                "tags": [kind],
                "summary": f"Find one of the {kind} and redirect to it",
                "parameters": find_params,
                "responses": {
                    "302": {
                        "description": "Redirect (relative to the request) to the item's detail URL.",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                    },
                    **_errors(400, 404, 429),
                },
            }
        }
    paths["/api/preview/"] = _preview_path()
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Sen API v2",
            "version": "2",
            "description": "Pages, images and documents (Wagtail API v2 with Sen's fields, filters and problem+json "
            "errors). Filters a page type declares need type=… of that type. Unknown parameters are a 400.",
        },
        "servers": [{"url": absolute_url(request, "/")}],
        "paths": paths,
        "components": {"schemas": _schemas()},
    }
    # Integer parameters bounded as cms.api.guard and the pagination hold them; 414 from the server.
    return declare_problems(document, (), {"limit": settings.WAGTAILAPI_LIMIT_MAX})


def _preview_path():
    """``GET /api/preview/?token=…`` (``cms.preview.tokens``): a page's draft in the form of its detail."""
    problem = {"content": {"application/problem+json": {"schema": PROBLEM}}}
    return {
        "get": {
            "operationId": "get_preview",
            "tags": ["preview"],
            "summary": "A page's draft, for a front end's preview",
            "description": "The draft a signed preview token names, in the form of /api/v2/pages/{id}/ with a "
            "`preview` object. Never cached (Cache-Control: private, no-store).",
            "parameters": [
                _param("token", "The signed token of a preview link (made in the admin).", required=True),
            ],
            "responses": {
                "200": _json(_page_item_schema(), "The draft."),
                "401": {"description": "No token, or a malformed one (WWW-Authenticate: Bearer).", **problem},
                "403": {"description": "The token is not valid, has expired or was revoked.", **problem},
                "404": {"description": "The page or its draft no longer exists.", **problem},
                **_errors(400, 429),
            },
        }
    }


def openapi_v2(request):
    if set(request.GET) - ALWAYS_ALLOWED:
        return from_exception(unknown_parameters(set(request.GET) - ALWAYS_ALLOWED))
    return JsonResponse(build_document(request), json_dumps_params={"ensure_ascii": False})


def docs_v2(request):
    """Swagger UI for the v2 document, from django-ninja's bundled static files (no outside host)."""

    if set(request.GET) - ALWAYS_ALLOWED:
        return from_exception(unknown_parameters(set(request.GET) - ALWAYS_ALLOWED))
    settings_json = json.dumps({"layout": "BaseLayout", "deepLinking": True, "url": reverse("sen_api_v2_openapi")})
    context = {"swagger_settings": settings_json, "api": {"title": "Sen API v2"}, "add_csrf": False}
    return render(request, "ninja/swagger.html", context)


def _optional_bodies_without_defaults(schema):
    """Ninja writes an optional request body (v3's unpublish, copy, create_alias actions) as its model with an
    object ``default``; openapi-python-client then drops the endpoint ("ModelProperty cannot have a default
    value"). The body being optional (``required: false``) already says the server fills in the defaults,
    which the model's own properties document: the object default goes."""
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            for media in (body or {}).get("content", {}).values():
                body_schema = media.get("schema", {})
                if isinstance(body_schema.get("default"), dict) and not body.get("required"):
                    del body_schema["default"]


def anonymous_without_scheme(get_openapi_schema):
    """Wraps v3's ``get_openapi_schema``: its ``AllowAnonymous`` is an ``http`` security scheme with no
    ``scheme``, which openapi-spec-validator refuses. OpenAPI says "no authentication needed" with an
    empty security requirement ``{}``; the bearer-token scheme stays. Optional request bodies also lose
    their object defaults (``_optional_bodies_without_defaults``), so generated clients keep every endpoint."""

    def wrapped(*args, **kwargs):
        schema = get_openapi_schema(*args, **kwargs)
        _optional_bodies_without_defaults(schema)
        schemes = schema.get("components", {}).get("securitySchemes", {})
        if "AllowAnonymous" in schemes:
            del schemes["AllowAnonymous"]
            for item in schema.get("paths", {}).values():
                for operation in item.values():
                    security = operation.get("security") if isinstance(operation, dict) else None
                    if security:
                        operation["security"] = [{} if "AllowAnonymous" in req else req for req in security]
        return schema

    return wrapped
