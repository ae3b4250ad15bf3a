"""Everything a site build needs that is not the core: the MkDocs adapter, the
Material overrides (templates, CSS, JavaScript) and the configuration an
archive does not have to write. Only this package imports MkDocs, and only the
``site`` extra installs it: ``pip install rapportarkiv`` (validate, new,
check-history, summary, init) never loads it.
"""
