"""Wagtail loads this module: roles, requests for changes and the guide register their hooks where they are defined."""

from cms.workflows import (  # noqa: F401
    change_requests,  # a reviewer's request for changes shown on the edit view
    guide,  # the editor's guide in the help menu, instead of guide.wagtail.org
    roles,  # roles, workflows, demo accounts, no superuser changes by non-superusers
)
