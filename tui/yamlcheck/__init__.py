"""Checking YAML files that people write by hand: decks and themes.

One layer, used by :mod:`tui.deck` and :mod:`tui.themes`, so both report
problems the same way (``FILE:LINE:COL: message``, see :class:`Problem`):

- :mod:`tui.yamlcheck.problems`: :class:`Problem` and the error that carries them.
- :mod:`tui.yamlcheck.source`: reading a file with a size limit, decoding it,
  turning character indexes into lines and columns.
- :mod:`tui.yamlcheck.nodes`: the marked node tree (:class:`Scalar`,
  :class:`Sequence`, :class:`Mapping`) and how to name a value in a message.
- :mod:`tui.yamlcheck.compose`: building that tree from the parser's events,
  with limits against hostile input.
- :mod:`tui.yamlcheck.c_compose`: the same tree from libyaml's C composer, for
  files with nothing unusual in them (the fast way; the result is the same).
- :mod:`tui.yamlcheck.checker`: checks shared by every schema: keys with
  "did you mean", duplicates, merges, true/false, single values.

Importing this package imports nothing (not even PyYAML); import the module
you need.
"""
