"""English context, steps and results, and the sources of a practice (ADR 0029).

On SQLite, adding a column rebuilds the table, and the triggers that keep the
full-text index in step go with the old table: the search index is rebuilt as
0004 builds it (documents recomputed, now with the English texts), on both
databases.
"""

import importlib

import levier.lib.text
import levier.practices.sources
from django.db import migrations, models

search_relevance = importlib.import_module("levier.practices.migrations.0004_search_relevance")


class Migration(migrations.Migration):

    dependencies = [
        ('practices', '0004_search_relevance'),
    ]

    # Backwards, the columns' removal rebuilds the table too: the index is
    # rebuilt once they are gone.
    operations = [
        migrations.RunPython(migrations.RunPython.noop, search_relevance.rebuild),
        migrations.AddField(
            model_name='practice',
            name='context_en',
            field=levier.lib.text.MultiLineTextField(blank=True, max_length=20000, verbose_name='context in English'),
        ),
        migrations.AddField(
            model_name='practice',
            name='results_en',
            field=levier.lib.text.MultiLineTextField(blank=True, max_length=20000, verbose_name='results obtained in English'),
        ),
        migrations.AddField(
            model_name='practice',
            name='sources',
            field=models.JSONField(blank=True, default=list, validators=[levier.practices.sources.validate_sources], verbose_name='sources'),
        ),
        migrations.AddField(
            model_name='practice',
            name='steps_en',
            field=levier.lib.text.MultiLineTextField(blank=True, help_text='One step per line, as many as in French.', max_length=20000, verbose_name='steps in English'),
        ),
        migrations.RunPython(search_relevance.rebuild, migrations.RunPython.noop),
    ]
