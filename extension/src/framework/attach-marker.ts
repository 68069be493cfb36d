// "Vigie vérifie la photo…": from the moment a photo is held until its card opens or it goes
// to the site. Without it nothing shows that Vigie took the photo, and users pick it again or
// post without it. One marker for all the photos being checked, next to where they came in.

import { createLayer, h, type Layer } from "./layer";

const MARKER_CSS = `
:host { all: initial; }
.marker {
  position: fixed; pointer-events: none; padding: 4px 10px; border-radius: 12px;
  background: #1a73e8; color: #fff; font: 13px/1.4 system-ui, sans-serif;
  box-shadow: 0 2px 8px rgba(0,0,0,.25); white-space: nowrap;
}
`;

/** The marker's height in px (one line of 13 px text and its padding), to place it above. */
const MARKER_HEIGHT = 26;

/** The marker's text for one photo and for several. */
export interface CheckingText {
  one: string;
  many: string;
}

let shown: { layer: Layer; marker: HTMLElement; photos: number } | null = null;

/** The first visible box from `element` up: a file input is often hidden inside its button. */
function visibleBox(element: Element | null): DOMRect | null {
  for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
    const box = node.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return box;
  }
  return null;
}

/**
 * Shows the marker for `photos` more photos near `near` (else at the bottom left); the returned
 * function hides it for them (once).
 */
export function showChecking(text: CheckingText, photos: number, near: Element | null): () => void {
  if (!shown || !shown.layer.host.isConnected) {
    const layer = createLayer("attach-checking", MARKER_CSS, false);
    const marker = h("div", { class: "marker", role: "status" });
    const box = visibleBox(near);
    // Above where the photo came in: below it is often the site's Post button.
    const top = box ? Math.min(box.top - MARKER_HEIGHT - 4 >= 8 ? box.top - MARKER_HEIGHT - 4 : box.bottom + 4, innerHeight - 40) : innerHeight - 48;
    const left = box ? Math.min(Math.max(box.left, 8), innerWidth - 240) : 16;
    marker.style.cssText = `top:${top}px;left:${left}px`;
    layer.root.append(marker);
    shown = { layer, marker, photos: 0 };
  }
  const current = shown;
  const count = (change: number) => {
    current.photos += change;
    current.marker.textContent = current.photos > 1 ? text.many : text.one;
  };
  count(photos);
  let hidden = false;
  return () => {
    if (hidden) return;
    hidden = true;
    count(-photos);
    if (current.photos > 0) return;
    current.layer.host.remove();
    if (shown === current) shown = null;
  };
}
