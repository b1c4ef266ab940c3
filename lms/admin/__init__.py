"""The staff and lecturer side of ``lms`` in the Wagtail admin: permission policies,
viewsets, forms and the session register. Registered by ``lms/wagtail_hooks.py``.

(Django's admin autodiscovery imports this package at start-up, so it imports nothing.)
"""
