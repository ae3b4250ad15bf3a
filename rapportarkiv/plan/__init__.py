"""The build's plan, for any site generator: what happens when, and what lives between builds.

``rapportarkiv.site`` describes what the site is made of (its pages, their
content, the static files beside them); this package orders the work of
making it: ``session`` the events of a build and what a preview server keeps
between its rebuilds, ``output`` the output folder (the last build's output
deleted on the other core, nothing of an interrupted build published). The
MkDocs adapter in ``rapportarkiv/site_build`` only translates MkDocs' events into these calls.
"""

from .session import Build, BuildFault, PageHead, Session

__all__ = ["Build", "BuildFault", "PageHead", "Session"]
