"""The archive's MkDocs hook: the adapter that ships with the rapportarkiv package."""
from rapportarkiv.site_build.mkdocs_adapter import *  # noqa: F403 - MkDocs looks up the on_* events here
