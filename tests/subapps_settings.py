"""The portal's test settings without the lms sub-apps named in LMS_LEAVE_OUT
(comma-separated, e.g. "lms.discussions,lms.reports"): a site that leaves them out
(tests/test_optional_subapps.py, docs/developers.md "Optional sub-apps")."""

import os

from portal.settings.test import *  # noqa: F403
from portal.settings.test import INSTALLED_APPS

LEFT_OUT = [name for name in os.environ.get("LMS_LEAVE_OUT", "").split(",") if name]
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in LEFT_OUT]
