"""The certificates app's models, one module per part of its domain."""

from .records import CompletionRecord, EvaluationDue, RegisterCounter
from .rules import CompletionRule, StaffConfirmation
from .settings import CertificateSettings

__all__ = [
    "CertificateSettings",
    "CompletionRecord",
    "CompletionRule",
    "EvaluationDue",
    "RegisterCounter",
    "StaffConfirmation",
]
