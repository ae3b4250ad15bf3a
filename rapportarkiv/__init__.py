"""rapportarkiv: validate, version and publish recurring status reports.

The package is the core that the command line, CI and the site build share.
It never imports mkdocs: the MkDocs hooks in ``hooks/`` adapt it, so a move to
another site generator only touches them.
"""

__version__ = "0.1.0"
