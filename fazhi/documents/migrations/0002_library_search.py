"""The full-text index of the public library, one per database vendor (see the end of
documents/search.py: an FTS5 table kept in step by triggers on SQLite, a GIN index on
PostgreSQL). No model field changes here.

The index as it stands today needs NormativeDocument.search_grams: it is installed by migration
0005_single_character_search, which indexes every existing document again; this migration no
longer does anything.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
