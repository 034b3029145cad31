from django.apps import AppConfig

# Every database connection can then sort names as a reader expects.
from levier.lib import collation  # noqa: F401


class CoreConfig(AppConfig):
    name = "levier.core"
