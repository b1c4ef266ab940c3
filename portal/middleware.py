from django.conf import settings


class AdminScriptPolicyMiddleware:
    """Wagtail 8's admin still starts some widgets (snippet, image and page choosers,
    date pickers, workflow panels) with small inline scripts, which the site-wide policy
    (script-src 'self') blocks. The admin alone gets 'unsafe-inline' for scripts; every
    page learners and the public see keeps the strict policy.

    Sits below csp.middleware.CSPMiddleware in MIDDLEWARE, so it marks the response
    before the policy header is written."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "WAGTAILADMIN_PATH_PREFIX", "/admin/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
