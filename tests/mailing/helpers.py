from django.test import TestCase


def committed():
    """Run a block as if its transaction committed, so the emails it queued
    leave at its end: a test's own transaction never commits. (pytest-django's
    ``django_capture_on_commit_callbacks``, usable outside a test's arguments.)"""
    return TestCase.captureOnCommitCallbacks(execute=True)
