"""Sen's uses of Wagtail internals that have no public hook, setting or method, one module each.

Nothing else in Sen calls or overrides a private Wagtail (or treebeard) name: code needing one
imports the adapter here. tests/cms/test_wagtail_adapters.py pins each internal (its name, signature
and behaviour) so that a Wagtail upgrade that changes one fails there, loudly, instead of
somewhere else, quietly. On an upgrade, fix the adapter (or drop it for a new public API).
"""
