"""The write side of content, loaded only by `senda content …` (and `make pot`): checks,
publishing, catalog updates, the Babel extractor and the spreadsheet export/import (sheet/)."""
