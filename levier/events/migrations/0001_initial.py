"""Event, Registration and CalendarFeed moved here from the community app (ADR
39). Their tables keep their ``community_*`` names, so this migration only
tells Django's state of them: on a database that ran community's migrations,
nothing changes."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import levier.events.models
import levier.lib.text
import levier.tenancy.links
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('community', '0008_programme_prospects'),
        ('accounts', '0004_organisation_network_name'),
        ('clubs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('guest_name', levier.lib.text.SingleLineTextField(blank=True, max_length=150, verbose_name='name')),
                        ('guest_email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                        ('guest_organisation', levier.lib.text.SingleLineTextField(blank=True, max_length=200, verbose_name='organisation')),
                        ('status', models.CharField(choices=[('pending', 'Email to confirm'), ('confirmed', 'Registered'), ('waitlisted', 'On the waitlist'), ('cancelled', 'Cancelled')], max_length=10)),
                        ('token', models.CharField(default=levier.events.models.new_token, editable=False, max_length=64, unique=True)),
                        ('attended', models.BooleanField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('promoted_at', models.DateTimeField(blank=True, null=True)),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                        ('reminded_at', models.DateTimeField(blank=True, null=True)),
                        ('anonymised_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'verbose_name': 'registration',
                        'verbose_name_plural': 'registrations',
                        'db_table': 'community_registration',
                        'ordering': ['created_at', 'pk'],
                    },
                    bases=(levier.tenancy.links.TenantLinks, models.Model),
                ),
                migrations.CreateModel(
                    name='CalendarFeed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(default=levier.events.models.new_token, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'community_calendarfeed',
                    },
                ),
                migrations.CreateModel(
                    name='Event',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('workshop', 'Workshop'), ('exchange', 'Good-practice exchange'), ('club_meeting', 'Club meeting'), ('training', 'Training'), ('webinar', 'Webinar'), ('conference', 'Conference'), ('visit', 'Company visit')], max_length=12, verbose_name='kind')),
                        ('title', levier.lib.text.SingleLineTextField(max_length=200, verbose_name='title')),
                        ('description', levier.lib.text.MultiLineTextField(blank=True, help_text='Markdown.', max_length=20000, verbose_name='description')),
                        ('theme', levier.lib.text.SingleLineTextField(blank=True, help_text='E.g. mobility, climate, inclusion.', max_length=80, verbose_name='theme')),
                        ('start', models.DateTimeField(verbose_name='start')),
                        ('end', models.DateTimeField(verbose_name='end')),
                        ('place', levier.lib.text.SingleLineTextField(blank=True, max_length=300, verbose_name='place')),
                        ('online_url', models.URLField(blank=True, verbose_name='online link')),
                        ('capacity', models.PositiveIntegerField(blank=True, help_text='Empty: no limit.', null=True, validators=[django.core.validators.MaxValueValidator(100000)], verbose_name='capacity')),
                        ('registration_deadline', models.DateTimeField(blank=True, help_text='Empty: until it starts.', null=True, verbose_name='registration deadline')),
                        ('audience', models.CharField(choices=[('public', 'Public: anyone, with or without an account'), ('network', 'Members of the network'), ('club', 'Members of the club')], default='network', max_length=8, verbose_name='who may register')),
                        ('min_headcount', models.PositiveIntegerField(blank=True, help_text='Reserve it to organisations of at least this many people.', null=True, validators=[django.core.validators.MaxValueValidator(2000000)], verbose_name='minimum headcount')),
                        ('roles', models.JSONField(blank=True, default=list, verbose_name='roles')),
                        ('organisers', levier.lib.text.SingleLineTextField(blank=True, max_length=300, verbose_name='organisers')),
                        ('partners', levier.lib.text.SingleLineTextField(blank=True, max_length=300, verbose_name='partners')),
                        ('resources', levier.lib.text.MultiLineTextField(blank=True, help_text='Slides, notes, recordings. Markdown.', max_length=20000, verbose_name='resources after the event')),
                        ('is_published', models.BooleanField(default=True, verbose_name='published')),
                        ('cancelled_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cancelled on')),
                        ('cancellation_reason', levier.lib.text.SingleLineTextField(blank=True, editable=False, max_length=300, verbose_name='reason for the cancellation')),
                        ('contact_name', levier.lib.text.SingleLineTextField(blank=True, max_length=150, verbose_name='contact name')),
                        ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact email')),
                        ('theme_code', models.CharField(blank=True, max_length=40, verbose_name='framework theme')),
                        ('series', models.UUIDField(blank=True, db_index=True, editable=False, null=True)),
                        ('sequence', models.PositiveIntegerField(default=0, editable=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('club', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='events', to='clubs.club', verbose_name='club')),
                        ('contact_user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='contact person')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('host_organisation', models.ForeignKey(blank=True, help_text='The member organisation that welcomes the meeting.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='hosted_events', to='accounts.organisation', verbose_name='host organisation')),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='accounts.network', verbose_name='network')),
                    ],
                    options={
                        'verbose_name': 'event',
                        'verbose_name_plural': 'events',
                        'db_table': 'community_event',
                        'ordering': ['start', 'pk'],
                    },
                    bases=(levier.tenancy.links.TenantLinks, models.Model),
                ),
                migrations.AddField(
                    model_name='event',
                    name='programme',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sessions', to='programmes.programme', verbose_name='engagement programme'),
                ),
                migrations.AddField(
                    model_name='registration',
                    name='event',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='events.event'),
                ),
                migrations.AddField(
                    model_name='registration',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='event_registrations', to='accounts.organisation'),
                ),
                migrations.AddField(
                    model_name='registration',
                    name='registered_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='registration',
                    name='user',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='event_registrations', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddIndex(
                    model_name='event',
                    index=models.Index(fields=['network', 'start'], name='community_e_network_d1180b_idx'),
                ),
                migrations.AddIndex(
                    model_name='registration',
                    index=models.Index(fields=['event', 'status', 'created_at'], name='community_r_event_i_409fd6_idx'),
                ),
                migrations.AddConstraint(
                    model_name='registration',
                    constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['pending', 'confirmed', 'waitlisted']), ('user__isnull', False)), fields=('event', 'user'), name='one_live_registration_per_member'),
                ),
                migrations.AddConstraint(
                    model_name='registration',
                    constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['pending', 'confirmed', 'waitlisted']), ('user__isnull', True), models.Q(('guest_email', ''), _negated=True)), fields=('event', 'guest_email'), name='one_live_registration_per_guest'),
                ),
            ],
            # The tables exist: community's migrations made them.
            database_operations=[],
        ),
    ]
