// Finds editors as they appear: one look at the page at start, then only at the nodes that
// mutations add (never a rescan of the whole page), plus focus as a safety net for editors
// that become editable in place. Each editor is classified by the first matching spec.

import type { EditorSpec } from "../shared/adapters";

export interface WatchCallbacks {
  attach(element: HTMLElement, spec: EditorSpec): void;
  /** Called after mutations removed nodes: sessions check whether their editor is gone. */
  pruned(): void;
  isWatched(element: Element): boolean;
  /** The page's DOM changed (layout may have moved the editors). */
  changed(): void;
}

function validSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    console.warn(`Vigie: invalid selector in the site adapter: ${selector}`);
    return false;
  }
}

function editable(element: Element): element is HTMLElement {
  if (element instanceof HTMLTextAreaElement) return !element.disabled && !element.readOnly;
  return element instanceof HTMLElement && element.isContentEditable;
}

export class EditorWatch {
  private readonly specs: EditorSpec[];
  private readonly all: string;
  private readonly observer: MutationObserver;
  private pending: Element[] = [];
  private removed = false;
  private flushQueued = false;

  constructor(siteSpecs: EditorSpec[], genericSpecs: EditorSpec[], private readonly callbacks: WatchCallbacks) {
    this.specs = [...siteSpecs, ...genericSpecs].filter((s) => validSelector(s.selector) && (!s.within || validSelector(s.within)));
    this.all = this.specs.map((s) => s.selector).join(", ") || ":not(*)";
    this.observer = new MutationObserver((records) => this.mutated(records));
  }

  start(): void {
    this.observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["contenteditable", "class", "style", "hidden"],
    });
    document.addEventListener("focusin", this.focused, true);
    this.consider(document.documentElement);
  }

  stop(): void {
    this.observer.disconnect();
    document.removeEventListener("focusin", this.focused, true);
    this.pending = [];
  }

  private readonly focused = (event: FocusEvent): void => {
    const target = event.composedPath()[0];
    if (target instanceof Element) this.consider(target.closest(this.all) ?? target, true);
  };

  private mutated(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === "attributes") {
        // class/style/hidden only move things: repositioning is enough.
        if (record.attributeName === "contenteditable" && record.target instanceof Element) this.pending.push(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node instanceof Element && !node.hasAttribute("data-vigie")) this.pending.push(node);
      }
      if (record.removedNodes.length > 0) this.removed = true;
    }
    this.callbacks.changed();
    if (!this.flushQueued && (this.pending.length > 0 || this.removed)) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.removed) {
      this.removed = false;
      this.callbacks.pruned();
    }
    const pending = this.pending;
    this.pending = [];
    for (const element of pending) if (element.isConnected) this.consider(element);
  }

  /** Attaches the editors at or under `element` (outer ones first; nested ones are skipped). */
  private consider(element: Element, onlySelf = false): void {
    const candidates: Element[] = [];
    if (element.matches(this.all)) candidates.push(element);
    if (!onlySelf) candidates.push(...element.querySelectorAll(this.all));
    for (const candidate of candidates) {
      const spec = this.classify(candidate);
      if (!spec) continue;
      const editor = this.editorOf(candidate);
      if (!editor || this.insideWatched(editor)) continue;
      this.callbacks.attach(editor, spec);
    }
  }

  private classify(element: Element): EditorSpec | null {
    for (const spec of this.specs) {
      if (element.matches(spec.selector) && (!spec.within || element.closest(spec.within))) return spec;
    }
    return null;
  }

  /** The editable element itself: the match, or its first editable descendant. */
  private editorOf(element: Element): HTMLElement | null {
    if (editable(element)) {
      // Climb to the outermost editable root: nested contenteditables belong to it.
      let root: HTMLElement = element;
      while (root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
      return root;
    }
    const inner = element.querySelector('[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"], textarea');
    return inner && editable(inner) ? inner : null;
  }

  private insideWatched(editor: HTMLElement): boolean {
    for (let node: Element | null = editor; node; node = node.parentElement) {
      if (this.callbacks.isWatched(node)) return true;
    }
    return false;
  }
}
