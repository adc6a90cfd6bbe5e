"""When a possible concern was answered. Answers already stored were given when they were saved."""

from django.db import migrations, models
from django.db.models import F


def answered_when_saved(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in ("ConcernResponse", "HistoricalConcernResponse"):
        apps.get_model("records", name).objects.update(responded_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [
        migrations.AddField(model_name="concernresponse", name="responded_at", field=models.DateTimeField(null=True)),
        migrations.AddField(
            model_name="historicalconcernresponse", name="responded_at", field=models.DateTimeField(null=True)
        ),
        migrations.RunPython(answered_when_saved, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="concernresponse",
            name="responded_at",
            field=models.DateTimeField(help_text="When it was answered; rules.md protection.concern_not_actioned"),
        ),
        migrations.AlterField(
            model_name="historicalconcernresponse",
            name="responded_at",
            field=models.DateTimeField(help_text="When it was answered; rules.md protection.concern_not_actioned"),
        ),
    ]
