// Non-blocking notices about attached photos (too large to analyse, text read in a photo, a
// check that did not run): the photo goes on, the user is told. They stack in one column in
// the corner instead of covering each other; plain information closes by itself after a
// while, what was NOT checked stays until the user closes it.

import type { AttachStrings } from "./attach-strings";
import { createLayer, h, type Layer } from "./layer";
import { ATTACH_CSS } from "./styles";

/** Long enough to read three lines twice on a busy screen. */
const NOTICE_LIFETIME_MS = 20_000;

const STACK_CSS = `
.stack {
  /* The padding leaves room for the notices' shadows inside the scrolling column. */
  position: fixed; right: 4px; bottom: 4px; padding: 12px; max-height: calc(100vh - 32px); overflow-y: auto;
  display: flex; flex-direction: column; gap: 8px; align-items: flex-end; pointer-events: auto;
}
.stack .notice { position: static; }
.notice[data-vigie-lasting] { border-left-color: #e37400; }
`;

let stack: { layer: Layer; column: HTMLElement } | null = null;

function column(): HTMLElement {
  if (!stack || !stack.layer.host.isConnected) {
    const layer = createLayer("attach-notice", ATTACH_CSS + STACK_CSS, false);
    const column = h("div", { class: "stack" });
    layer.root.append(column);
    stack = { layer, column };
  }
  return stack.column;
}

/** Shows `text`; `lasting` notices (something was not checked) stay until closed. */
export function showAttachNotice(text: string, strings: AttachStrings, lasting = false): void {
  const close = h("button", { type: "button" }, strings.close);
  const notice = h("div", { class: "notice", role: "status", ...(lasting ? { "data-vigie-lasting": "" } : {}) },
    h("strong", {}, "Vigie · "), text, " ", close);
  const remove = () => {
    notice.remove();
    if (stack && !stack.column.childElementCount) {
      stack.layer.host.remove();
      stack = null;
    }
  };
  close.addEventListener("click", remove);
  if (!lasting) setTimeout(remove, NOTICE_LIFETIME_MS);
  column().append(notice);
}
