"""`notula import`: minutes from Word, OpenDocument, PDF and text files, as draft minutes files.

The stages, one module each: readers (a file -> a neutral Document) -> recognise (Swedish
minutes conventions -> Facts) -> organisations (matching against the registry) -> write
(Facts -> front-matter and Markdown body) -> report (what was found, what needs review).
"""

from notula.importing.run import ImportOptions, import_paths

__all__ = ["ImportOptions", "import_paths"]
