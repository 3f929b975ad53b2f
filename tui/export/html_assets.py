"""The web page export's style sheet and script. Imports no Textual.

The page is one column of slides, one screen each, so the browser's own
search finds any slide's text; the script moves a slide at a time (keys as
in the terminal, a click on the right or left part of a slide, a swipe, the
buttons) and keeps the slide's number in the address (``#3``), so a link
opens at that slide. Printing gives one slide per landscape page; the
handout prints on portrait pages, slides beside their notes.
"""

from __future__ import annotations

from tui.export.palette import Palette


def style_sheet(palette: Palette, *, handout: bool = False) -> str:
    """The page's CSS in the theme's colours.

    Args:
        palette: The theme's colours.
        handout: Whether the page is a handout (portrait print pages).
    """
    colours = "".join(
        f"--{name}:{getattr(palette, name)};"
        for name in (
            "background",
            "foreground",
            "panel",
            "muted",
            "title",
            "subtitle",
            "heading",
            "quote",
            "bar",
            "track",
            "primary",
            "accent",
        )
    )
    page = "A4 portrait; margin: 14mm" if handout else "landscape; margin: 0"
    scheme = "dark" if palette.dark and not handout else "light"  # a handout is on paper
    return f":root{{{colours}color-scheme:{scheme}}}\n" + (_CSS.replace("@PAGE@", page))


_CSS = """
html, body { margin: 0; background: var(--background); color: var(--foreground); }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  "Helvetica Neue", Arial, sans-serif; line-height: 1.35; }
html.slides { scroll-snap-type: y proximity; }
.slide { box-sizing: border-box; min-height: 100vh; min-height: 100svh; position: relative;
  display: flex; flex-direction: column; justify-content: center; padding: 6vh 7vw 9vh;
  scroll-snap-align: start; font-size: clamp(15px, 1.1vw + 1.5vh, 44px);
  background: var(--background); color: var(--foreground);
  border-bottom: 1px solid var(--panel); overflow-wrap: anywhere; }
.slide .content { width: 100%; max-width: 62em; margin: 0 auto; }
.slide .title { color: var(--title); font-size: 1.7em; line-height: 1.15; margin: 0 0 .7em;
  padding-bottom: .25em; border-bottom: 2px solid var(--track); }
.layout-title .content, .layout-section .content { text-align: center; }
.layout-title .title, .layout-section .title { border: 0; font-size: 2.3em; margin-bottom: .3em; }
.subtitle { color: var(--subtitle); font-size: 1.35em; margin: 0; }
.slide .author { font-weight: bold; text-align: center; margin: .8em 0 0; }
.slide .meta { color: var(--subtitle); text-align: center; margin: 1em 0 0; }
.body h1, .body h2, .body h3, .body h4, .column h1, .column h2, .column h3
  { color: var(--heading); margin: .6em 0 .3em; line-height: 1.2; }
.body h1 { font-size: 1.4em; } .body h2 { font-size: 1.25em; } .body h3 { font-size: 1.1em; }
.body p, .column p { margin: .4em 0; }
.body ul, .body ol, .column ul, .column ol { margin: .3em 0; padding-left: 1.4em; }
li { margin: .25em 0; } li::marker { color: var(--accent); }
a { color: var(--primary); }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
pre.code { background: var(--panel); padding: .6em .9em; border-radius: 6px; overflow: auto;
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .72em; line-height: 1.4; }
table { border-collapse: collapse; margin: .4em 0; }
th, td { border-bottom: 1px solid var(--track); padding: .25em .7em; text-align: left; }
th { background: var(--panel); color: var(--heading); }
blockquote { margin: .5em 0; padding-left: 1em; border-left: .2em solid var(--accent); }
blockquote.quote { font-size: 1.45em; color: var(--quote); font-style: italic; }
.attribution { color: var(--muted); font-size: .65em; font-style: normal; margin-top: .7em; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(11em, 1fr)); gap: 2em; }
img { max-width: 100%; max-height: 60vh; }
.missing-image { color: var(--muted); font-style: italic; }
.poll .question { font-size: 1.1em; }
.poll .options { padding-left: 1.6em; } .poll .options li { margin: .35em 0; }
.chart { display: grid; gap: .35em; margin: .4em 0 .6em; }
.chart .row { display: grid; grid-template-columns: minmax(7em, 16em) 1fr 6.5em; gap: .7em;
  align-items: center; }
.chart .track { display: block; background: var(--track); height: .95em; border-radius: 3px; }
.chart .bar { display: block; background: var(--bar); height: 100%; border-radius: 3px; }
.chart .figure { text-align: right; font-variant-numeric: tabular-nums; }
.summary, .exported, .none { color: var(--muted); font-size: .8em; }
.number { display: none; position: absolute; right: 2.2vw; bottom: 1.6vh; color: var(--muted);
  font-size: .6em; }
.controls { position: fixed; right: .8em; bottom: .8em; display: flex; gap: .4em;
  align-items: center; font: 14px/1 system-ui, sans-serif; color: var(--muted);
  background: color-mix(in srgb, var(--panel) 85%, transparent); border-radius: 8px;
  padding: .25em; }
.controls button { font: inherit; font-size: 20px; min-width: 2.2em; min-height: 2.2em;
  color: var(--foreground); background: transparent; border: 0; border-radius: 6px;
  cursor: pointer; }
.controls button:focus-visible { outline: 2px solid var(--accent); }
.controls .where { min-width: 4.5em; text-align: center; font-variant-numeric: tabular-nums; }
@media (max-width: 640px) {
  .slide { padding: 5vh 6vw 10vh; font-size: 16px; }
  .chart .row { grid-template-columns: 1fr 5.5em; }
  .chart .track { grid-column: 1 / -1; grid-row: 2; }
}
html.handout, html.handout body { background: #ffffff; color: #1d1d1f; }
.handout main { max-width: 72em; margin: 0 auto; padding: 1em 1.5em; }
.cover { text-align: center; padding: 18vh 0 12vh; border-bottom: 1px solid #ccc; }
.cover .title { font-size: 2.2em; margin: 0 0 .6em; }
.cover .meta p { margin: .2em 0; font-size: 1.2em; }
.cover .exported { color: #555; margin-top: 2em; }
.page { display: grid; grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr); gap: 1.5em;
  margin: 1.5em 0; padding-bottom: 1.5em; border-bottom: 1px solid #ccc; break-inside: avoid; }
.handout .slide { min-height: 0; aspect-ratio: 16 / 9; font-size: 9.5px; padding: 2em 2.6em 2.6em;
  border-radius: 6px; overflow: hidden; border: 1px solid #bbb; justify-content: flex-start;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.handout .slide .number { display: block; }
.notes h3 { margin: 0 0 .4em; font-size: 1em; color: #555; }
.notes .step h4 { margin: .6em 0 .2em; font-size: .9em; color: #555; }
.notes .poll-figures, .notes .time { font-size: .9em; color: #333; font-weight: 600; }
@media (max-width: 760px) { .page { grid-template-columns: 1fr; } }
@page { size: @PAGE@; }
@media print {
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  html.slides { scroll-snap-type: none; }
  .controls { display: none; }
  html.slides .slide { height: 100vh; min-height: 0; overflow: hidden; border: 0;
    break-after: page; page-break-after: always; font-size: 2.4vh; }
  .slide .number { display: block; }
  .cover { break-after: page; border: 0; }
  .page { break-inside: avoid; page-break-inside: avoid; }
}
"""

SCRIPT = """(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  var where = document.querySelector(".controls .where");
  var current = 0;
  function fromHash() {
    var match = /^#(?:slide-)?(\\d+)$/.exec(location.hash);
    return match ? Math.min(Math.max(parseInt(match[1], 10), 1), slides.length) - 1 : null;
  }
  function mark(index) {
    current = index;
    if (where) { where.textContent = (index + 1) + " / " + slides.length; }
    var hash = "#" + (index + 1);
    if (location.hash !== hash) { history.replaceState(null, "", hash); }
    document.title = document.title.replace(/ \\(\\d+\\/\\d+\\)$/, "") +
      " (" + (index + 1) + "/" + slides.length + ")";
  }
  function go(index) {
    index = Math.min(Math.max(index, 0), slides.length - 1);
    slides[index].scrollIntoView({block: "start"});
    mark(index);
  }
  var keys = {
    ArrowRight: 1, " ": 1, PageDown: 1, Enter: 1, l: 1, n: 1,
    ArrowLeft: -1, PageUp: -1, Backspace: -1, h: -1, p: -1
  };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName) &&
        event.key !== "ArrowRight" && event.key !== "ArrowLeft") { return; }
    var step = keys[event.key];
    if (event.key === "Home" || event.key === "g") { go(0); }
    else if (event.key === "End" || event.key === "G") { go(slides.length - 1); }
    else if (step) { go(current + step); }
    else { return; }
    event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest("a, button, pre, table, .controls")) {
      var button = target.closest("button[data-go]");
      if (button) { go(current + parseInt(button.getAttribute("data-go"), 10)); }
      return;
    }
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed) { return; }
    var slide = target.closest("section.slide");
    if (!slide) { return; }
    var index = slides.indexOf(slide);
    go(event.clientX < window.innerWidth / 3 ? index - 1 : index + 1);
  });
  var start = null;
  document.addEventListener("touchstart", function (event) {
    var touch = event.changedTouches[0];
    start = {x: touch.clientX, y: touch.clientY};
  }, {passive: true});
  document.addEventListener("touchend", function (event) {
    if (!start) { return; }
    var touch = event.changedTouches[0];
    var dx = touch.clientX - start.x, dy = touch.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) { go(current + (dx < 0 ? 1 : -1)); }
  }, {passive: true});
  window.addEventListener("hashchange", function () {
    var index = fromHash();
    if (index !== null && index !== current) { go(index); }
  });
  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { mark(slides.indexOf(entry.target)); }
      });
    }, {rootMargin: "-45% 0px -45% 0px"});
    slides.forEach(function (slide) { seen.observe(slide); });
  }
  var first = fromHash();
  if (first !== null) { go(first); } else { mark(0); }
})();
"""
"""The page's script: navigation and the slide number in the address."""
