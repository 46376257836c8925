"""Checks any page state must pass: WCAG 2.2 AA as axe-core judges it, and a layout that fits the window.

axe-core is the frontend's pinned dev dependency; it is injected into the page, never shipped to people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).parents[1] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")

_RUN_AXE = """async (tags) => {
  const only = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
  const result = await window.axe.run(document, only);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
  }));
}"""

# Text that does not fit its box: the element hides what overflows (a badge, a button label, a header cell)
# and its content is wider than the box. An element with a title says its whole text on hover.
_CLIPPED_TEXT = """() => {
  const clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || el.closest('[title]') || el.closest('[aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.clipPath !== 'none') continue;  /* visually hidden on purpose, said by screen readers */
    if (style.overflowX === 'visible' || style.display === 'none' || style.visibility === 'hidden') continue;
    /* 1 px wide: visually hidden text for screen readers */
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 1) {
      const text = el.textContent.trim().slice(0, 40);
      clipped.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: "${text}"`);
    }
  }
  return clipped;
}"""

# Transitions (a dialog fading in) end; endless ones (a spinner) do not count.
_SETTLED = """() => document.getAnimations().every(
  (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)"""

_SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"

# A header of fixed height whose content wraps to a second line spills over the page below it.
_SPILLING_HEADERS = """() => [...document.querySelectorAll('header')]
  .filter((h) => h.scrollHeight > h.clientHeight + 1)
  .map((h) => `${h.scrollHeight} px of content in ${h.clientHeight} px`)"""


def load_axe(page: Page) -> None:
    """axe-core in every document the page loads from now on. An init script, because the console's
    Content-Security-Policy (rightly) refuses a script tag added to the page."""
    page.add_init_script(path=str(AXE))


def wait_until_settled(page: Page) -> None:
    """The page's transitions have ended: what is measured is what a person sees once it stops moving."""
    page.wait_for_function(_SETTLED)


def accessibility_violations(page: Page) -> list[str]:
    """Serious and critical violations of WCAG 2.2 A/AA rules in the page once its transitions end
    (half-faded text would fail contrast for a moment nobody reads it in)."""
    wait_until_settled(page)
    found: list[dict[str, Any]] = page.evaluate(_RUN_AXE, WCAG_22_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"] for n in v["nodes"])
        for v in found
        if v["impact"] in BLOCKING
    ]


def layout_problems(page: Page) -> list[str]:
    """Sideways scrolling of the whole page, a header that spills and text cut off by its box."""
    problems = [f"cut off: {where}" for where in page.evaluate(_CLIPPED_TEXT)]
    problems += [f"the header does not fit: {what}" for what in page.evaluate(_SPILLING_HEADERS)]
    sideways = int(page.evaluate(_SIDEWAYS))
    if sideways > 0:
        problems.append(f"the page scrolls sideways by {sideways} px")
    return problems
