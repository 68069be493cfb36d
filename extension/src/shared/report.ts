// A flagged comment, from the page to the inbox: what the page gives (a draft), what the
// user sends (the report, exactly the inbox's POST /api/v1/reports body) and its place in
// the delivery queue (storage.local, so nothing is lost when the browser restarts).

import type { Category, Platform } from "./findings";

export type Reason = Category | "autre";

export const REASONS: readonly Reason[] = [
  "secret_medical",
  "droit_image",
  "propriete_intellectuelle",
  "diffamation_injure",
  "devoir_reserve",
  "verification_sources",
  "compte_officiel",
  "autre",
];

/** What the page shows of a comment: read by the content script, never edited by the user. */
export interface ReportDraft {
  platform: Platform;
  /** The comment's permalink, or the page's address when it has none. */
  url: string;
  /** The author's display name as shown ("" when the page shows none). */
  author: string;
  text: string;
  /** When the user asked to flag (ISO 8601): the report's `reported_at`. */
  flaggedAt: string;
}

/** The inbox's report body (tools/inbox/report_validation.cc). */
export interface Report {
  id: string;
  platform: Platform;
  url: string;
  author: string;
  text: string;
  reason: Reason;
  note: string;
  reported_at: string;
  reporter?: string;
}

export type DeliveryState = "pending" | "sent" | "failed";

export interface QueuedReport {
  report: Report;
  state: DeliveryState;
  /** Delivery attempts so far. */
  attempts: number;
  /** Epoch ms of the next automatic attempt (pending only). */
  nextAttemptAt: number;
  /** Epoch ms of the last attempt, or of acceptance when sent. */
  lastAttemptAt: number | null;
  /** The last problem, in French (the server's message when it gave one). */
  error: string | null;
}

/** storage.local keys. */
export const REPORT_QUEUE_KEY = "reports.queue";
export const REPORTER_KEY = "reports.reporter";

/** The inbox's limits (Unicode code points), applied before sending so nothing is refused. */
export const REPORT_LIMITS = { author: 200, text: 10000, note: 2000, reporter: 200 } as const;

// Controls other than line breaks and tabs: the inbox refuses them, and they never show.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f]+/g;

function capCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

/** One line, spaces collapsed (names and identities). */
function oneLine(text: string, max: number): string {
  return capCodePoints(text.replace(CONTROLS_AND_BREAKS, " ").replace(/\s+/g, " ").trim(), max);
}

function multiLine(text: string, max: number): string {
  return capCodePoints(text.replace(CONTROLS, "").trim(), max);
}

export interface ReportChoices {
  reason: Reason;
  note: string;
  /** Sent only when the deployment asks for it. */
  reporter: string | null;
}

/** Exactly what the inbox receives: the form previews it, the queue stores and sends it. */
export function buildReport(id: string, draft: ReportDraft, choices: ReportChoices): Report {
  const report: Report = {
    id,
    platform: draft.platform,
    url: draft.url,
    author: oneLine(draft.author, REPORT_LIMITS.author),
    text: multiLine(draft.text, REPORT_LIMITS.text),
    reason: choices.reason,
    note: multiLine(choices.note, REPORT_LIMITS.note),
    reported_at: draft.flaggedAt,
  };
  if (choices.reporter !== null) report.reporter = oneLine(choices.reporter, REPORT_LIMITS.reporter);
  return report;
}
