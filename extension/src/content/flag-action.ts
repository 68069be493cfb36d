// The flag action on the sites' comments: a discreet "Signaler au service communication"
// button that appears while the pointer is over a comment or the focus is inside it. It
// lives in Vigie's own layer (an open shadow root under `data-vigie="flag"`, appended to the
// document element), positioned over the comment's corner: the site's nodes are never
// touched. Alt+Shift+S moves the focus to it from inside a comment. The context menu's entry
// on selected text asks `flag-selection` here for the comment around the selection.

import type { CommentSpec } from "../shared/adapters";
import { ext } from "../shared/browser-api";
import type { Platform } from "../shared/findings";
import { t } from "../shared/i18n";
import type { TabRequest } from "../shared/messages";
import type { ReportDraft } from "../shared/report";
import { createLayer, h } from "../framework/layer";
import { commentAt, draftOf, type FoundComment } from "./flag-comment";

const CSS = `
button {
  all: initial; position: fixed; pointer-events: auto; box-sizing: border-box;
  font: 600 12px/1 system-ui, sans-serif; color: #5f6368; background: #fff;
  border: 1px solid #dadce0; border-radius: 999px; padding: 5px 10px; cursor: pointer;
  box-shadow: 0 1px 3px rgba(0, 0, 0, .15); white-space: nowrap;
}
button:hover, button:focus-visible { color: #b3261e; border-color: #b3261e; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
button[hidden] { display: none; }
`;

export function startFlagAction(specs: readonly CommentSpec[], platform: Platform, open: (draft: ReportDraft) => void): void {
  if (specs.length === 0) return;
  const layer = createLayer("flag", CSS, false);
  const label = t("flagAction");
  const button = h(
    "button",
    { type: "button", "aria-label": label, title: `${label} (Alt+Shift+S)`, hidden: "" },
    h("span", { "aria-hidden": "true" }, "⚑ "),
    t("flagShort"),
  );
  layer.root.append(button);
  let current: FoundComment | null = null;

  const place = () => {
    if (!current || !current.container.isConnected) return hide();
    const box = current.container.getBoundingClientRect();
    const width = button.offsetWidth;
    button.style.left = `${Math.max(0, Math.min(box.right - width - 8, innerWidth - width - 4))}px`;
    button.style.top = `${Math.max(0, box.top + 6)}px`;
  };
  const show = (found: FoundComment) => {
    current = found;
    button.hidden = false;
    place();
  };
  function hide(): void {
    current = null;
    button.hidden = true;
  }
  const ours = (event: Event) => event.composedPath().includes(layer.host);
  const follow = (event: Event) => {
    if (ours(event)) return;
    // While the button has the keyboard focus, the pointer passing over another comment must
    // not change which comment Enter reports.
    if (event.type === "mouseover" && layer.root.activeElement === button) return;
    const found = commentAt(event.target as Node | null, specs);
    if (found) show(found);
    else if (current && !current.container.contains(document.activeElement)) hide();
  };

  document.addEventListener("mouseover", follow, { capture: true, passive: true });
  document.addEventListener("focusin", follow, { capture: true });
  addEventListener("scroll", () => current && place(), { capture: true, passive: true });
  addEventListener("resize", () => current && place(), { passive: true });
  document.addEventListener(
    "keydown",
    (event) => {
      if (!(event.altKey && event.shiftKey && event.code === "KeyS") || ours(event)) return;
      const found = commentAt(document.activeElement, specs);
      if (!found) return;
      event.preventDefault();
      show(found);
      button.focus();
    },
    { capture: true },
  );
  button.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !current) return;
    const back = current.container.querySelector<HTMLElement>("a[href], [tabindex]");
    hide();
    back?.focus();
  });
  button.addEventListener("click", () => {
    if (!current) return;
    open(draftOf(current, platform));
    hide();
  });

  ext.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    if ((message as TabRequest | null)?.kind !== "flag-selection") return false;
    const selection = getSelection();
    const text = selection?.toString().trim() ?? "";
    sendResponse(text ? draftOf(commentAt(selection?.anchorNode ?? null, specs), platform, text) : null);
    return false;
  });
}
