"""A department's list of published documents (`/policies/?dept=`, issue 12) reads its newest
first and its count from an index of the library's facts table by agency and date (the table
and its triggers are the search index's: documents/search/index.py, which keeps this index too)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_cleanup_agency")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS documents_library_agency "
            "ON documents_library (agency_id, published_on, document_id)",
            "DROP INDEX IF EXISTS documents_library_agency",
        )
    ]
