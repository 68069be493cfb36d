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
 * a finding dropped when one of its category, at least as severe, covers its words.
 */
export function shownFindings(findings: Finding[], text: string): Finding[] {
  const kept: Finding[] = [];
  for (const f of joinNeighbours(findings, text).sort(moreSevereFirst)) {
    const covered = kept.some((g) => g.category === f.category && g.start <= f.start && g.end >= f.end);
    if (!covered) kept.push(f);
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
