"""The MkDocs side of Notula: the `notula` plugin, the preview, and the theme files it adds."""
