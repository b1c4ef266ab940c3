"""Password hashing for a class that logs in at once: Argon2id with the parameters OWASP
recommends for interactive log-ins (m=19 MiB, t=2, p=1), a fraction of the CPU of
Django's PBKDF2 default (about 1,000,000 SHA-256 rounds) while staying memory-hard.
Older hashes (PBKDF2, or Argon2 with other parameters) are upgraded at the next log-in:
Django re-hashes when ``must_update`` says the parameters differ."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
