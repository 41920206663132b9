"""Answers people rated 👎, by topic, with the comments they wrote after, for the
dashboard's page and its CSV.

report.py builds what staff see (disliked_topics); query.py reads the 👎 and their
comments from the tracker store. Comments are scrubbed by ../scrubber.py and shortened
as the unanswered questions' examples are (unanswered/report.py). Nothing here reads
the store at import time.
"""
