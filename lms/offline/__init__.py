"""Learning offline: the class pack a phone keeps (pack.py), the progress it records
without a connection and sends later (sync.py), and the service worker, web app manifest
and offline page that make the learner site an installable web app (views.py)."""
