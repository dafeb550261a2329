"""The staff pages of legality review, a module per concept: `requests` (the list and
workbench, the request form, a review's page with its steps), `counsel` (the counsel register)
and `reports` (the opinion letter and the statistics page)."""
