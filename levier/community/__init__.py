"""Migrations only: see ``apps.CommunityConfig``."""
