"""rapportarkiv: validate, version and publish recurring status reports.

The package is the core that the command line, CI and the site build share.
Outside ``site_build`` it never imports mkdocs: the MkDocs adapter in
``rapportarkiv.site_build`` (installed with the ``site`` extra) adapts it, so a
move to another site generator only touches that package.
"""

__version__ = "0.1.0"
