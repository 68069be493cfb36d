// The reason Vigie suggests for a flagged comment: the guide category its findings support
// most (highest severity, then most findings, then highest total score), else "autre".

import { severityRank, type Category, type Finding } from "../shared/findings";
import type { Reason } from "../shared/report";

export function suggestedReason(findings: Finding[]): Reason {
  const weight = new Map<Category, [number, number, number]>();
  for (const finding of findings) {
    const [severity, count, score] = weight.get(finding.category) ?? [0, 0, 0];
    weight.set(finding.category, [Math.max(severity, severityRank(finding.severity)), count + 1, score + finding.score]);
  }
  let best: Reason = "autre";
  let bestWeight: [number, number, number] = [-1, 0, 0];
  for (const [category, candidate] of weight) {
    const better = candidate.findIndex((value, i) => value !== bestWeight[i]);
    if (better >= 0 && candidate[better]! > bestWeight[better]!) {
      best = category;
      bestWeight = candidate;
    }
  }
  return best;
}
