"""The staff pages of enforcement cases (行政执法案件), a module per concept: `cases` (the list
and the filing form, 立案), `steps` (the table of a case's steps: who takes each, its form, when
the case's state offers it), `detail` (a case's page), `run` (each step, a POST from the case's
page), `instruments` (the enforcement instruments as .docx) and `stats` (the year's figures)."""
