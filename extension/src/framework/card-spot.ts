// Where the card goes: next to the words it explains, never over the site's Post button (a
// user who cannot see « Publier » clicks blind). Pure geometry, in viewport pixels.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Spot {
  left: number;
  top: number;
  /** Set when the card is shrunk (it scrolls) to keep clear of a button or the window's edge. */
  maxHeight: number | null;
  /** False when no place was free: the card then lets clicks through to the page. */
  clear: boolean;
}

/** Space between the words and the card, and between the card and a button, in px. */
export const GAP = 6;
/** Space kept to the window's edges, in px. */
const EDGE = 8;
/** A card shrunk below this height would show little more than its title. */
const MIN_HEIGHT = 140;

/**
 * The first of, in order: under or over the words, slid sideways as little as needed to clear
 * the buttons but still under or over them (the pointer goes straight to it); past the buttons
 * in the same column; shrunk between the words and the nearest button or edge; the same off to
 * the side. Where none is free, under the words, letting clicks through.
 */
export function cardSpot(anchor: Box, width: number, height: number, avoid: Box[]): Spot {
  const clampLeft = (left: number) => Math.max(EDGE, Math.min(left, innerWidth - width - EDGE));
  const overAnchor = (left: number) => left < anchor.right && left + width > anchor.left;
  const slides = [anchor.left, ...avoid.flatMap((r) => [r.left - GAP - width, r.right + GAP])].map(clampLeft);
  const nearest = [...new Set(slides)].sort((a, b) => Math.abs(a - anchor.left) - Math.abs(b - anchor.left));
  const columns = nearest.filter(overAnchor);
  // Off the words' column: the pointer no longer goes straight to it, the caret still does.
  const aside = [...nearest.filter((left) => !overAnchor(left)), anchor.right + GAP, anchor.left - GAP - width];

  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - height;
  const distance = (top: number) => (top >= anchor.bottom ? top - anchor.bottom : anchor.top - (top + height));
  const pastButtons = [
    ...avoid.filter((r) => r.top >= anchor.bottom).map((r) => r.bottom + GAP),
    ...avoid.filter((r) => r.bottom <= anchor.top).map((r) => r.top - GAP - height),
  ].sort((a, b) => distance(a) - distance(b));

  const covers = (left: number, top: number) => (r: Box) =>
    left < r.right && left + width > r.left && top < r.bottom && top + height > r.top;
  const fits = (left: number, top: number) =>
    top >= 0 && left >= 0 && top + height <= innerHeight && left + width <= innerWidth && !avoid.some(covers(left, top));
  const first = (tops: number[], lefts: number[]): Spot | null => {
    for (const top of tops) for (const left of lefts) if (fits(left, top)) return { left, top, maxHeight: null, clear: true };
    return null;
  };

  return (
    first([below, above], columns) ??
    first(pastButtons, columns) ??
    shrunk(anchor, width, height, columns, avoid) ??
    first([below, above], aside) ??
    first(pastButtons, aside) ?? {
      left: clampLeft(anchor.left),
      top: below,
      maxHeight: Math.max(MIN_HEIGHT, innerHeight - EDGE - below),
      clear: false,
    }
  );
}

/** The tallest spot right under or over the words, down to MIN_HEIGHT, clear of every button. */
function shrunk(anchor: Box, width: number, height: number, columns: number[], avoid: Box[]): Spot | null {
  let best: Spot | null = null;
  for (const left of columns) {
    const inColumn = avoid.filter((r) => left < r.right && left + width > r.left);
    const top = anchor.bottom + GAP;
    const floor = Math.min(innerHeight - EDGE, ...inColumn.filter((r) => r.bottom > top).map((r) => r.top - GAP));
    const bottom = anchor.top - GAP;
    const ceiling = Math.max(EDGE, ...inColumn.filter((r) => r.top < bottom).map((r) => r.bottom + GAP));
    for (const spot of [
      { left, top, maxHeight: floor - top, clear: true },
      { left, top: Math.max(ceiling, bottom - height), maxHeight: bottom - ceiling, clear: true },
    ]) {
      if (spot.maxHeight >= MIN_HEIGHT && spot.maxHeight > (best?.maxHeight ?? 0)) best = spot;
    }
  }
  return best;
}
