"""The staff pages of normative documents, a module per concept: `lists` (the list and the
drafting form), `steps` (the table of a document's steps: who may take each, its form, when the
status allows it), `detail` (a document's page and the version diff), `run` (each step, a POST
from the document's page, and the answer to an opinion), `filings` (the filing pages and their
figures), `cleanups` (the cleanups of documents) and `excel` (the register's .xlsx export and
the import of past documents)."""
