"""Surveys of learners about their lecturers, and observations of one lecturer by another."""

from .observations import Observation
from .surveys import (
    MIN_RESPONSES,
    SCORE_MAX,
    SCORE_MIN,
    Survey,
    SurveyAnswerScore,
    SurveyCriterion,
    SurveyQuestion,
    SurveyReceipt,
    SurveyResponse,
    SurveyTemplate,
)

__all__ = [
    "MIN_RESPONSES",
    "SCORE_MAX",
    "SCORE_MIN",
    "Observation",
    "Survey",
    "SurveyAnswerScore",
    "SurveyCriterion",
    "SurveyQuestion",
    "SurveyReceipt",
    "SurveyResponse",
    "SurveyTemplate",
]
