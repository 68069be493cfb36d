// Reads a comment as the page shows it, through the pack's `comments` adapters: the
// innermost container around a node, its text, its author's display name and permalink.

import type { CommentSpec } from "../shared/adapters";
import type { Platform } from "../shared/findings";
import type { ReportDraft } from "../shared/report";

export interface FoundComment {
  container: Element;
  spec: CommentSpec;
}

function closest(element: Element, selector: string): Element | null {
  try {
    return element.closest(selector);
  } catch {
    return null; // a selector this browser does not support: that entry never matches
  }
}

function first(container: Element, selector: string | undefined): Element | null {
  if (!selector) return null;
  try {
    return container.querySelector(selector);
  } catch {
    return null;
  }
}

/** The innermost comment holding `node` (replies sit inside their parent's container). */
export function commentAt(node: Node | null, specs: readonly CommentSpec[]): FoundComment | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  if (!element) return null;
  let found: FoundComment | null = null;
  for (const spec of specs) {
    const container = closest(element, spec.container);
    if (container && (!found || found.container.contains(container))) found = { container, spec };
  }
  return found;
}

function shownText(element: Element | null): string {
  if (!element) return "";
  return element instanceof HTMLElement ? element.innerText : (element.textContent ?? "");
}

function permalink(container: Element, spec: CommentSpec): string {
  const link = first(container, spec.permalink);
  const href = link instanceof HTMLAnchorElement ? link.href : "";
  return href.startsWith("https://") ? href : location.href;
}

/** The draft of a report on `found`; `text` replaces the comment's text (a selection). */
export function draftOf(found: FoundComment | null, platform: Platform, text?: string): ReportDraft {
  return {
    platform,
    url: found ? permalink(found.container, found.spec) : location.href,
    author: found ? shownText(first(found.container, found.spec.author)).trim() : "",
    text: text ?? (found ? shownText(first(found.container, found.spec.text) ?? found.container) : ""),
    flaggedAt: new Date().toISOString(),
  };
}
