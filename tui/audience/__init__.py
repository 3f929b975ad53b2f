"""The audience view: the presenter publishes where it is, audience views follow.

The presenter replaces a small JSON file (:mod:`tui.audience.state`) in a
per-user folder on every move and holds a lock while it runs; audience views
watch the folder (:mod:`tui.audience.watch`) and show the same slide
(:mod:`tui.audience.app`). No network listener is opened.
"""
