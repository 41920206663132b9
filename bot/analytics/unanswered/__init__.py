"""Unanswered questions, grouped by meaning, for the dashboard's page and its CSV.

report.py builds what staff see (unanswered_groups: the groups, their counts, labels and
scrubbed examples); query.py reads which questions went unanswered from the tracker
store; grouping.py embeds and clusters them; labels.py names each group by its most
distinctive words. Personal data is taken out by ../scrubber.py. Nothing here reads the
store or loads a model at import time.
"""
