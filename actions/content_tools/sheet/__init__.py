"""The staff spreadsheet round trip: `senda content export FILE` and `senda content
import FILE` (bot/cli/content.py), for NGO staff who edit the texts in LibreOffice or
Excel. Loaded only by the content command line: export and import, and, through
applying.py, `senda content catalogs` (`make pot`) and `senda content publish`
(actions/content_tools/publish.py), which bring the catalogs up to date the same way.

export.py writes every text and language as rows (rows.py) to a file (files.py).
importing.py reads an edited file back: reading.py finds the columns and cleans the
cells, checking.py checks every row and says what it changes (a plan, plan.py), each
problem worded for staff (problems.py); applying.py then writes the Spanish into
responses/*.yml (yaml_edit.py) and the translations into the catalogs, all or nothing.
"""
