"""The full-text index of the public library, one per database vendor (see the end of
documents/search.py: an FTS5 table kept in step by triggers on SQLite, a GIN index on
PostgreSQL). No model field changes here."""

from django.db import migrations

from fazhi.documents.search import index_text, install_search_index, uninstall_search_index


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Documents published before the title got its own line of search_text are indexed again.
    document_model = apps.get_model("documents", "NormativeDocument")
    for document in document_model.objects.exclude(search_text="").only("title", "number", "body"):
        text = index_text(document.title, document.number, document.body)
        document_model.objects.filter(pk=document.pk).update(search_text=text)
    install_search_index(schema_editor.connection)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    uninstall_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
