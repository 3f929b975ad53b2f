"""Parsed slide bodies are kept for the slides around the one shown, not for the whole talk."""

from __future__ import annotations

from tui.render import MARKDOWN_KEPT, markdown


def test_only_the_latest_bodies_are_kept_and_the_one_before_is_reused() -> None:
    markdown.cache_clear()
    bodies = [f"- punkt {index}\n- neste {index}" for index in range(20)]
    for index, body in enumerate(bodies):
        shown = markdown(body)
        if index:
            hits = markdown.cache_info().hits
            assert markdown(bodies[index - 1]) is not None  # back one slide
            assert markdown.cache_info().hits == hits + 1  # not parsed again
            assert markdown(body) is shown
    assert markdown.cache_info().currsize == MARKDOWN_KEPT
    misses = markdown.cache_info().misses
    markdown(bodies[0])  # long gone: parsed again
    assert markdown.cache_info().misses == misses + 1
