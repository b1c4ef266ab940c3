"""The certificates app's models, one module per part of its domain."""

from .paperwork import PaperworkSettings
from .records import CompletionRecord, EvaluationDue, RegisterCounter
from .rules import CompletionRule, StaffConfirmation
from .settings import CertificateSettings

__all__ = [
    "CertificateSettings",
    "CompletionRecord",
    "CompletionRule",
    "EvaluationDue",
    "PaperworkSettings",
    "RegisterCounter",
    "StaffConfirmation",
]
