"""Signals ``quizzes`` sends, for the site to act on (``lms`` records progress and
completion with them). Each is sent after the transaction that made the change commits.
Connect receivers in an AppConfig.ready() with a dispatch_uid.

attempt_submitted(sender=Attempt, attempt, automatically)
    Sent once per attempt, when it is handed in: by the learner (automatically=False) or
    by the scheduled task when its time ran out (automatically=True). Grading follows.

attempt_graded(sender=Attempt, attempt, regraded)
    Sent when an attempt becomes graded (regraded=False): every answer has points and
    attempt.score holds the grade on the 10-point scale. Sent once per attempt, however
    often the grading task runs. Sent again with regraded=True when a person's grading or
    a regrade after an answer-key change alters the grade of an attempt already graded.
"""

from django.dispatch import Signal

attempt_submitted = Signal()
attempt_graded = Signal()
