"""The staff dashboard: server-rendered pages of the analytics report.

app.py wires the Sanic routes; state.py holds what they share (the Dashboard); each
other module has one concern (logging in and out, accounts and password hashes,
sessions, login throttling, the audit log, filters, charts, CSV, translations; web.py
the two helpers the routes share). Nothing here touches a database or a file at import
time.
"""
