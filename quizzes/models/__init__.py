"""The quizzes domain, one module per part: the bank, the quizzes, the attempts."""

from .attempts import Answer, Attempt, AttemptQuestion, GradeChange
from .bank import AcceptedAnswer, Option, Question, QuestionCategory
from .quizzes import (
    GradingMethod,
    OverdueHandling,
    QuizOverride,
    QuizPage,
    QuizSlot,
    ReviewWhen,
    Rules,
)

__all__ = [
    "AcceptedAnswer",
    "Answer",
    "Attempt",
    "AttemptQuestion",
    "GradeChange",
    "GradingMethod",
    "Option",
    "OverdueHandling",
    "Question",
    "QuestionCategory",
    "QuizOverride",
    "QuizPage",
    "QuizSlot",
    "ReviewWhen",
    "Rules",
]
