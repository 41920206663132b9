"""Analytics for communications teams: aggregates of the tracker store's events.

Never a transcript, never a sender id, never a time finer than an hour; every
count under the minimum group size is shown as "<5". See model.py for the
shapes every part (report, dashboard, CSV) shares.
"""
