"""The page factory every plugin's factories build on (wagtail-factories).

A page is made as editors make it: added under its parent as a draft, saved as a revision, and that
revision published (``publish=False`` leaves the draft in review-less limbo, as an unsaved edit would).
The plugin factories live with each plugin's tests: tests/articles/factories.py, tests/centers/factories.py,
tests/documents/factories.py.
"""

import factory
import wagtail_factories


class PublishedPageFactory(wagtail_factories.PageFactory):
    """``Factory(parent=page, title=…, publish=True, **fields)``; the page is refreshed from the database."""

    # No slug from Django's slugify (it drops "đ"): the page derives its own from the title (cms.pages).
    slug = ""
    live = False
    # The sections right under the home page appear in the site menu, as the demo makes them (home.demo).
    show_in_menus = factory.LazyAttribute(lambda page: page.parent is not None and page.parent.depth == 2)

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        publish = kwargs.pop("publish", True)
        before_revision = kwargs.pop("before_revision", None)
        page = super()._create_instance(model_class, parent, kwargs)
        if before_revision is not None:
            before_revision(page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page
