"""The certificates app's models, one module per part of its domain."""

from .paperwork import PaperworkSettings
from .records import CompletionRecord, RegisterCounter
from .rules import CompletionRule, StaffConfirmation
from .settings import CertificateSettings

__all__ = [
    "CertificateSettings",
    "CompletionRecord",
    "CompletionRule",
    "PaperworkSettings",
    "RegisterCounter",
    "StaffConfirmation",
]
