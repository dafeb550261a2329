"""The library's search indexes single characters (documents/search.py): every query of any
length matches exactly the documents that contain it. search_text is written again for every
document in the new form, search_grams added (PostgreSQL's index reads it), and the index of
either database dropped and built again from them."""

from django.db import migrations, models

from fazhi.documents.search import install_search_index, search_fields, uninstall_search_index


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    uninstall_search_index(connection)  # the old index, if any: rebuilt below from the new text
    document_model = apps.get_model("documents", "NormativeDocument")
    batch = []
    documents = document_model.objects.exclude(search_text="").only("title", "number", "body")
    for document in documents.order_by("pk").iterator(chunk_size=500):
        fields = search_fields(document.title, document.number, document.body, vendor=connection.vendor)
        document.search_text = fields["search_text"]
        document.search_grams = fields["search_grams"]
        batch.append(document)
        if len(batch) == 500:
            document_model.objects.bulk_update(batch, ["search_text", "search_grams"])
            batch = []
    if batch:
        document_model.objects.bulk_update(batch, ["search_text", "search_grams"])
    install_search_index(connection)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    uninstall_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_merge_0003_filing_due_pending_0003_text_sha256")]

    operations = [
        migrations.AddField(
            model_name="normativedocument",
            name="search_grams",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(forward, backward),
    ]
