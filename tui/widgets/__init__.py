"""Podium's widgets: the slide, the poll, the notes pane, the status bar."""
