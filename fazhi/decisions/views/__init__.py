"""The staff pages of major administrative decisions, a module per concept: `lists` (the list
of matters, the proposal form, the leadership's board), `steps` (the table of the detail page's
steps: who may take each, its form, when the stage offers it), `detail` (a matter's page and its
archive package), `run` (each step, a POST from the detail page), `catalogs` (the yearly
catalog and its versions) and `experts` (the expert pool)."""
