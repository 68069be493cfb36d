// The engine's vocabulary, as the architecture fixes it. Offsets are UTF-16 code units.

export type Platform = "facebook" | "x" | "linkedin";
export const PLATFORMS: readonly Platform[] = ["facebook", "x", "linkedin"];

export type Severity = "info" | "warning" | "critical";

export type Category =
  | "secret_medical"
  | "droit_image"
  | "propriete_intellectuelle"
  | "diffamation_injure"
  | "devoir_reserve"
  | "verification_sources"
  | "compte_officiel";

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  message_en?: string;
  guide: string;
  guide_url?: string;
  suggestion?: string;
  suggestion_en?: string;
  score: number;
  why: string;
}

export interface PackInfo {
  id: string;
  version: number;
  issued: string;
  expires: string;
  locale: string;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity] ?? 0;
}

/** Findings that hold a post: `warning` and `critical`. */
export function holdsPost(finding: Finding): boolean {
  return severityRank(finding.severity) >= SEVERITY_RANK.warning;
}
