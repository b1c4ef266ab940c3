"""Log-in with the one-time password printed on a learner's slip."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from lms.models import LoginSlip


class OneTimePasswordBackend(BaseBackend):
    """Accepts the slip's password while the slip exists and the account has no usable
    password (choosing a password, by any means, deletes the slip). Listed after
    ModelBackend and after axes' backend, so log-in throttling applies as to any log-in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or not password:
            return None
        slip = (
            LoginSlip.objects.select_related("user")
            .filter(**{f"user__{User.USERNAME_FIELD}": username})
            .first()
        )
        if slip is None:
            return None
        if not secrets.compare_digest(slip.password.encode(), str(password).encode()):
            return None
        user = slip.user
        if not user.is_active or user.has_usable_password():
            return None
        return user

    def get_user(self, user_id):
        User = get_user_model()
        user = User._default_manager.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None
