// What the user is shown of the engine's findings. The engine may flag the same words more
// than once (two rules of one category on « Mme Lefèvre », one rule on each word of
// « Kevin Morel »); the underlines, the card and the dialog show each thing to fix once.

import { severityRank, type Finding } from "../shared/findings";

/** Most severe first; then the wider span, the higher score, the earlier start. */
export function moreSevereFirst(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.end - b.start - (a.end - a.start) ||
    b.score - a.score ||
    a.start - b.start
  );
}

/** Spaces only (no line break, no punctuation) between two words of one name. */
const NAME_GAP = /^[ \u00a0\u202f]+$/;

/** One rule on overlapping or neighbouring words: one finding over all of them. */
function joinNeighbours(findings: Finding[], text: string): Finding[] {
  const joined: Finding[] = [];
  const lastOfRule = new Map<string, Finding>(); // runs on every analysis: one pass
  for (const finding of [...findings].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const previous = lastOfRule.get(finding.rule);
    if (previous && (finding.start <= previous.end || NAME_GAP.test(text.slice(previous.end, finding.start)))) {
      previous.end = Math.max(previous.end, finding.end);
      if (severityRank(finding.severity) > severityRank(previous.severity)) previous.severity = finding.severity;
    } else {
      const copy = { ...finding };
      joined.push(copy);
      lastOfRule.set(finding.rule, copy);
    }
  }
  return joined;
}

/**
 * The findings to show for `text`, in text order: neighbouring words of one rule joined, and
 * one thing to fix per category where one finding's words hold another's: the more severe is
 * kept, over the wider words (a warning on « M. Benali » and a critical on « Benali » are one
 * critical on « M. Benali »). Two categories on the same words stay apart: each gives its own
 * reason from the guide and its own remedy (a patient's photo is medical secrecy, anyone's
 * photo needs their written consent).
 */
export function shownFindings(findings: Finding[], text: string): Finding[] {
  const kept: Finding[] = [];
  for (const f of joinNeighbours(findings, text).sort(moreSevereFirst)) {
    const sameCategory = kept.filter((g) => g.category === f.category);
    if (sameCategory.some((g) => g.start <= f.start && g.end >= f.end)) continue;
    // Kept before f, so at least as severe; f only widens them.
    const inside = sameCategory.filter((g) => f.start <= g.start && f.end >= g.end);
    for (const g of inside) Object.assign(g, { start: f.start, end: f.end });
    if (inside.length === 0) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The findings on a place of the text, most severe first: those sharing characters with
 * [start, end), or for a caret (start = end) those it is in or touches.
 */
export function findingsOn(findings: Finding[], start: number, end: number): Finding[] {
  const on = start === end ? (f: Finding) => f.start <= start && f.end >= start : (f: Finding) => f.start < end && f.end > start;
  return findings.filter(on).sort(moreSevereFirst);
}
