"""The django-ninja operation behind a URL of Wagtail's API v3 or of /api/sen/, and the query
parameters it declares (ninja's PathView, found in its view's closure; PathView._find_operation;
the ``__ninja_param_source__`` and ``__ninja_flatten_map__`` of its parameter models).

django-ninja has no public way from a URL's view to its operation; cms.api.params needs it to
answer unknown query parameters with a 400, as /api/v2/ does.
"""

from ninja.operation import PathView


def path_view_of(view):
    """The ninja PathView behind a URL's view (through any decorators), or None."""
    while view is not None:
        for cell in getattr(view, "__closure__", None) or ():
            if isinstance(cell.cell_contents, PathView):
                return cell.cell_contents
        view = getattr(view, "__wrapped__", None)
    return None


def operation_for(path_view, request):
    """The operation of ``path_view`` that answers ``request``'s method, or None."""
    return path_view._find_operation(request)


def declared_query_names(operation):
    """The query parameter names ``operation`` declares (aliases included)."""
    names = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flatten = getattr(model, "__ninja_flatten_map__", {}) or {}
        names.update(flatten)
        for name, field in model.model_fields.items():
            names.add(field.alias or name)
    return names
