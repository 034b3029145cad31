"""Club and ClubMember moved here from the community app (ADR 39). Their tables keep
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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Club',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', levier.lib.text.SingleLineTextField(max_length=200, verbose_name='name')),
                        ('description', levier.lib.text.MultiLineTextField(blank=True, help_text='Markdown.', max_length=20000, verbose_name='description')),
                        ('resources', levier.lib.text.MultiLineTextField(blank=True, help_text='Links and documents for members. Markdown.', max_length=20000, verbose_name='resources')),
                        ('min_headcount', models.PositiveIntegerField(blank=True, help_text='Empty: organisations of any size may join.', null=True, validators=[django.core.validators.MaxValueValidator(2000000)], verbose_name='minimum headcount')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clubs', to='accounts.network', verbose_name='network')),
                    ],
                    options={
                        'verbose_name': 'club',
                        'verbose_name_plural': 'clubs',
                        'db_table': 'community_club',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='ClubMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('member', 'Member'), ('animator', 'Club animator')], default='member', max_length=10, verbose_name='role')),
                        ('joined_at', models.DateTimeField(auto_now_add=True)),
                        ('club', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='clubs.club')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='club_memberships', to='accounts.organisation')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='club_memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'club member',
                        'verbose_name_plural': 'club members',
                        'db_table': 'community_clubmember',
                        'constraints': [models.UniqueConstraint(fields=('club', 'user'), name='one_club_membership')],
                    },
                    bases=(levier.tenancy.links.TenantLinks, models.Model),
                ),
            ],
            # The tables exist: community's migrations made them.
            database_operations=[],
        ),
    ]
