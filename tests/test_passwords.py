"""A class logs in at once (issue 11): Argon2id with OWASP's interactive parameters is
the production hasher, older PBKDF2 hashes are upgraded at log-in, and the session lasts
a study window."""

import importlib

from django.contrib.auth.hashers import check_password, make_password

from portal.hashers import Argon2idPasswordHasher


def production_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "test-" + "x" * 50)
    import portal.settings.production as production

    return importlib.reload(production)


def test_argon2id_is_first_in_production_with_owasp_parameters(monkeypatch):
    production = production_settings(monkeypatch)
    assert production.PASSWORD_HASHERS[0] == "portal.hashers.Argon2idPasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production.PASSWORD_HASHERS
    hasher = Argon2idPasswordHasher()
    encoded = hasher.encode("mật khẩu", hasher.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.verify("mật khẩu", encoded) and not hasher.verify("mat khau", encoded)
    assert production.SESSION_COOKIE_AGE == 30 * 24 * 3600


def test_a_pbkdf2_hash_is_upgraded_at_log_in(client, django_user_model, settings, monkeypatch):
    settings.PASSWORD_HASHERS = production_settings(monkeypatch).PASSWORD_HASHERS
    user = django_user_model.objects.create_user("hocvien")
    user.password = make_password("mat-khau-cu-9", hasher="pbkdf2_sha256")
    user.save()
    assert user.password.startswith("pbkdf2_sha256$")

    response = client.post("/accounts/login/", {"username": "hocvien", "password": "mat-khau-cu-9"})
    assert response.status_code == 302, response.content[:300]
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("mat-khau-cu-9", user.password)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE

    # A wrong password upgrades nothing and logs nobody in.
    client.logout()
    before = user.password
    response = client.post("/accounts/login/", {"username": "hocvien", "password": "sai"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == before
