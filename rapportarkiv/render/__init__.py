"""Rendering the archive: HTML fragments, feeds and indexes, without any site generator.

The MkDocs hooks only hand these fragments to MkDocs; a move to another
generator reuses everything in this package.
"""
