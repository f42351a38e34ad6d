"""Parsing: Markdown text -> `pmlint.document.Document`. By job: `markdown` (the parser),
`front_matter`, `blocks` (text blocks, cells, links) and `builder` (the walk and the sections).
"""

from pmlint.parse.builder import parse_document

__all__ = ["parse_document"]
