// Underlines through the CSS Custom Highlight API: one highlight per severity, shared by all
// editors, under names unlikely to collide with a site's own. The ::highlight() rules are in
// the content stylesheet (static/content.css). Ranges live outside the editor's DOM.

import type { Severity } from "../shared/findings";

export const HIGHLIGHT_NAMES: Record<Severity, string> = {
  critical: "vigie-u7c1e-critical",
  warning: "vigie-u7c1e-warning",
  info: "vigie-u7c1e-info",
};

export function highlightApiAvailable(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
}

type RangesBySeverity = Record<Severity, Range[]>;

const owners = new Map<object, RangesBySeverity>();

function publish(): void {
  for (const severity of Object.keys(HIGHLIGHT_NAMES) as Severity[]) {
    const ranges: Range[] = [];
    for (const byOwner of owners.values()) ranges.push(...byOwner[severity]);
    const name = HIGHLIGHT_NAMES[severity];
    if (ranges.length === 0) CSS.highlights.delete(name);
    else {
      const highlight = new Highlight(...ranges);
      // Critical above warning above info where they overlap.
      highlight.priority = severity === "critical" ? 3 : severity === "warning" ? 2 : 1;
      CSS.highlights.set(name, highlight);
    }
  }
}

/** Replaces the ranges one owner (an editor session) contributes. */
export function setHighlights(owner: object, ranges: RangesBySeverity | null): void {
  if (!highlightApiAvailable()) return;
  if (ranges) owners.set(owner, ranges);
  else owners.delete(owner);
  publish();
}
