"""Threads and posts; moderation (log, reports); what each person has read."""

from .moderation import ModerationAction, Report
from .threads import Post, ReadMark, Thread, count_posts

__all__ = ["ModerationAction", "Post", "ReadMark", "Report", "Thread", "count_posts"]
