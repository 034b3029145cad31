"""Programme, Application, Appointment, ProgrammeCoach and ProgrammeProspect moved here from the community app (ADR 39). Their tables keep
their ``community_*`` names, so this migration only tells Django's state of
them: on a database that ran community's migrations, nothing changes."""

import django.core.validators
import django.db.models.deletion
import levier.lib.text
import levier.tenancy.links
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('community', '0008_programme_prospects'),
        ('accounts', '0004_organisation_network_name'),
        ('membership', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Programme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', levier.lib.text.SingleLineTextField(max_length=200, verbose_name='title')),
                        ('description', levier.lib.text.MultiLineTextField(blank=True, help_text='Markdown.', max_length=20000, verbose_name='description')),
                        ('seats', models.PositiveIntegerField(default=8, validators=[django.core.validators.MaxValueValidator(1000)], verbose_name='organisations in the cohort')),
                        ('applications_open', models.BooleanField(default=True, verbose_name='call for applications open')),
                        ('application_deadline', models.DateField(blank=True, null=True, verbose_name='application deadline')),
                        ('application_question', levier.lib.text.SingleLineTextField(default='Why do you want to join, and what do you expect?', max_length=300, verbose_name='question asked to applicants')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='start')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='end')),
                        ('requires_assessment', models.BooleanField(default=True, verbose_name='deliverable: an assessment submitted')),
                        ('min_actions', models.PositiveIntegerField(default=5, validators=[django.core.validators.MaxValueValidator(1000)], verbose_name='deliverable: actions in the plan (at least)')),
                        ('requires_attendance', models.BooleanField(default=False, verbose_name='deliverable: a collective session attended')),
                        ('custom_deliverable', levier.lib.text.SingleLineTextField(blank=True, help_text='For example: “Carbon footprint presented to the board”. Empty: none.', max_length=200, verbose_name='deliverable: your own, ticked by the animators')),
                        ('open_to_prospects', models.BooleanField(default=False, help_text='A public page of the programme takes their applications.', verbose_name='companies not yet members may apply')),
                        ('coaching_hours_budget', models.PositiveIntegerField(blank=True, help_text='Individual coaching hours for the whole cohort. Empty: no budget.', null=True, validators=[django.core.validators.MaxValueValidator(100000)], verbose_name='coaching hours budget')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='programmes', to='accounts.network', verbose_name='network')),
                    ],
                    options={
                        'verbose_name': 'engagement programme',
                        'verbose_name_plural': 'engagement programmes',
                        'db_table': 'community_programme',
                        'ordering': ['-created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Appointment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(verbose_name='date and time')),
                        ('kind', models.CharField(choices=[('needs_review', 'Needs review'), ('restitution', 'Restitution'), ('final_review', 'Final review'), ('free', 'Free session')], default='free', max_length=20, verbose_name='type')),
                        ('duration_minutes', models.PositiveIntegerField(default=60, validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(1440)], verbose_name='duration (minutes)')),
                        ('place', levier.lib.text.SingleLineTextField(blank=True, max_length=300, verbose_name='place')),
                        ('video_url', models.URLField(blank=True, verbose_name='video link')),
                        ('notes', levier.lib.text.MultiLineTextField(blank=True, max_length=5000, verbose_name='notes')),
                        ('sequence', models.PositiveIntegerField(default=0)),
                        ('coach', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='coach')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appointments', to='accounts.organisation', verbose_name='organisation')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appointments', to='programmes.programme')),
                    ],
                    options={
                        'verbose_name': 'appointment',
                        'verbose_name_plural': 'appointments',
                        'db_table': 'community_appointment',
                        'ordering': ['at', 'pk'],
                    },
                    bases=(levier.tenancy.links.TenantLinks, models.Model),
                ),
                migrations.CreateModel(
                    name='ProgrammeProspect',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('answer', levier.lib.text.MultiLineTextField(max_length=5000, verbose_name='your answer')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('join_request', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='programme_prospect', to='membership.joinrequest')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='prospects', to='programmes.programme')),
                    ],
                    options={
                        'verbose_name': 'prospective participant',
                        'verbose_name_plural': 'prospective participants',
                        'db_table': 'community_programmeprospect',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Application',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('answer', levier.lib.text.MultiLineTextField(max_length=5000, verbose_name='your answer')),
                        ('status', models.CharField(choices=[('submitted', 'To review'), ('selected', 'Selected'), ('declined', 'Not selected')], default='submitted', max_length=10)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('notified_status', models.CharField(blank=True, default='', max_length=10)),
                        ('custom_deliverable_done', models.BooleanField(default=False)),
                        ('coach_may_open_plan', models.BooleanField(default=False, verbose_name='our coaches may open our action plan')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='programme_applications', to='accounts.organisation')),
                        ('submitted_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='applications', to='programmes.programme')),
                    ],
                    options={
                        'verbose_name': 'application',
                        'verbose_name_plural': 'applications',
                        'db_table': 'community_application',
                        'ordering': ['created_at', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('programme', 'organisation'), name='one_application_per_organisation')],
                    },
                    bases=(levier.tenancy.links.TenantLinks, models.Model),
                ),
                migrations.CreateModel(
                    name='ProgrammeCoach',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coaches', to='programmes.programme')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coached_programmes', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'programme coach',
                        'verbose_name_plural': 'programme coaches',
                        'db_table': 'community_programmecoach',
                        'ordering': ['created_at', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('programme', 'user'), name='one_coach_per_programme')],
                    },
                ),
            ],
            # The tables exist: community's migrations made them.
            database_operations=[],
        ),
    ]
