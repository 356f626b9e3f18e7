"""Materialised paths of pages added in bulk (treebeard's MP_Node._str2int and MP_Node._get_path).

treebeard's public ``add_child`` writes one page at a time (and Wagtail saves a revision for
each); ``manage.py generate_content`` inserts thousands of pages in batches, so it computes
the children's paths itself with treebeard's own encoding.
"""

from wagtail.models import Page


def last_step(path):
    """The position of the node at ``path`` among its siblings (1 for the first child)."""
    return Page._str2int(path[-Page.steplen :])


def child_path(parent, step):
    """The path of the ``step``-th child of ``parent``."""
    return Page._get_path(parent.path, parent.depth + 1, step)
