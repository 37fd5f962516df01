"""Views of a saved session: annotations, replay, the HTML report, subtitles and history."""
