"""An audit event's data is kept as its canonical JSON text in a text column (issue 16).

The column becomes text on both databases (PostgreSQL: `USING data::text`, jsonb's own form),
then every event's text is rewritten as the canonical JSON of the same value: the reference
verifier (`audit.row_json`) decodes the stored text and encodes it canonically, so it reads the
same value before and after and every verdict stays the same; the fast verifier can now hash
the stored text as it is. Text that does not decode is left exactly as it was.
"""

import json

from django.db import migrations

import fazhi.core.models.canonical

BATCH = 5000


def canonical_text(apps, schema_editor):
    encoder = fazhi.core.models.canonical.CANONICAL_ENCODER
    connection = schema_editor.connection
    table = connection.ops.quote_name(apps.get_model("core", "AuditEvent")._meta.db_table)
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT seq, data FROM {table} WHERE seq > %s ORDER BY seq LIMIT %s",  # noqa: S608
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            changed = []
            for seq, text in rows:
                if text is None:
                    continue
                try:
                    canonical = encoder.encode(json.loads(text))
                except ValueError:  # as the verifier: undecodable text stays text
                    continue
                if canonical != text:
                    changed.append((canonical, seq))
            if changed:
                cursor.executemany(f"UPDATE {table} SET data = %s WHERE seq = %s", changed)  # noqa: S608
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_inspector_agency"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="data",
            field=fazhi.core.models.canonical.CanonicalJSONField(blank=True, default=dict, verbose_name="内容"),
        ),
        migrations.RunPython(canonical_text, migrations.RunPython.noop, elidable=True),
    ]
