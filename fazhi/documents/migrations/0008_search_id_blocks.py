"""PostgreSQL: the search index's tsv also names the blocks of document ids each document is in,
so that the GIN index answers a search's window of the newest ids (documents/search/index.py);
the triggers are replaced and every document indexed again. Nothing changes on SQLite."""

from typing import Any

from django.db import migrations

from fazhi.documents.search import install_search_index


def reindex(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        install_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("documents", "0007_library_agency_index")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
