// "Vigie vérifie la photo…": from the moment a photo is held until its card opens or it goes
// to the site. Without it nothing shows that Vigie took the photo, and users pick it again or
// post without it. One marker for all the photos being checked, next to where they came in.
// While a card is open the marker (about photos picked meanwhile) waits behind it, hidden;
// it shows again when the card closes, announcing the next card.

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
/** Photo cards open now. */
let cardsOpen = 0;

function hideBehindCards(): void {
  if (shown) shown.layer.host.style.display = cardsOpen > 0 ? "none" : "";
}

/** A photo card opens: the marker hides until the returned function says it closed (once). */
export function markerBehindCard(): () => void {
  cardsOpen++;
  hideBehindCards();
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    cardsOpen--;
    hideBehindCards();
  };
}

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
    const marker = h("div", { class: "marker", role: "status" }, photos > 1 ? text.many : text.one);
    layer.root.append(marker);
    const box = visibleBox(near);
    // Above where the photo came in: below it is often the site's Post button, or the next
    // post of the timeline. Without room above, inside its top right corner (the text typed
    // starts on the left).
    const above = box !== null && box.top - MARKER_HEIGHT - 4 >= 8;
    const top = box ? Math.min(above ? box.top - MARKER_HEIGHT - 4 : Math.max(box.top, 0) + 4, innerHeight - 40) : innerHeight - 48;
    const start = box ? (above ? box.left : Math.max(box.left, box.right - marker.offsetWidth - 8)) : 16;
    const left = Math.min(Math.max(start, 8), innerWidth - 240);
    marker.style.cssText = `top:${top}px;left:${left}px`;
    shown = { layer, marker, photos: 0 };
    hideBehindCards();
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
