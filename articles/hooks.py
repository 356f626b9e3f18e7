"""Hooks the articles plugin defines for other plugins to answer (not the core's: see cms/hooks.py).

A plugin answers by registering a function under the hook's name with Wagtail
(``@hooks.register("articles_report_imported")``), without importing this plugin: it reads
the payload's attributes only.
"""

from dataclasses import dataclass, field

# fn(report: ReportImported) -> list[str]. The news importer saved an article that reports on an
# inspection (a visit to check on what the article mentions, e.g. learning centres): a plugin
# may attach it to its own content (e.g. as the report of the centre's inspection). Returns
# human-readable lines saying what was attached. Not called on a dry run or for an undated article.
REPORT_IMPORTED = "articles_report_imported"


@dataclass
class ReportImported:
    """An imported article (a saved draft ``NewsPage``) and the link targets it mentions.

    ``targets``: ``cms.hooks.LinkTarget``s, each mentioned at least once in the article's
    title, summary, body or captions; a plugin keeps those of its own ``kind``.
    """

    article: object
    targets: list = field(default_factory=list)
