"""The quizzes screens of the Wagtail admin: the question bank, the regrade offer after an
answer key changes, and the queue of essays waiting for a grade."""
