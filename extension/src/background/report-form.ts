// The report form's side of flagging: drafts wait in storage.session (they survive a stopped
// worker, not a browser restart) while the form, an extension page in its own small window,
// is open; a submitted report joins the delivery queue and is attempted at once.

import { ext } from "../shared/browser-api";
import type { BackgroundRequest, BackgroundResponses } from "../shared/messages";
import { readPolicy } from "../shared/policy";
import { buildReport, REPORTER_KEY, type QueuedReport, type ReportDraft } from "../shared/report";
import { analyze } from "./engine-host";
import { deliver, isConfigured } from "./report-delivery";
import { readQueue, updateQueue } from "./report-queue";
import { suggestedReason } from "./report-suggestion";

const DRAFT_PREFIX = "reports.draft.";

async function storedDraft(draftId: string): Promise<ReportDraft> {
  const key = DRAFT_PREFIX + draftId;
  const draft = (await ext.storage.session.get(key))[key] as ReportDraft | undefined;
  if (!draft) throw new Error("draft not found (closed or already sent)");
  return draft;
}

/** Keeps `draft` and opens the form on it. */
export async function openReportForm(draft: ReportDraft): Promise<void> {
  const draftId = crypto.randomUUID();
  await ext.storage.session.set({ [DRAFT_PREFIX + draftId]: draft });
  await ext.windows.create({
    url: ext.runtime.getURL(`report.html?draft=${draftId}`),
    type: "popup",
    width: 560,
    height: 760,
  });
}

type ReportKind = "flag-open" | "report-form" | "report-submit" | "report-retry" | "report-delete";

export const reportHandlers: {
  [K in ReportKind]: (request: Extract<BackgroundRequest, { kind: K }>) => Promise<BackgroundResponses[K]>;
} = {
  async "flag-open"(request) {
    await openReportForm(request.draft);
    return { opened: true };
  },
  async "report-form"(request) {
    const draft = await storedDraft(request.draftId);
    const [policy, findings, stored] = await Promise.all([
      readPolicy(),
      // The comment is someone else's: the author's affiliation is unknown. Without the
      // engine the form still works, with no suggestion.
      analyze(draft.text, draft.platform, false, 0).catch(() => []),
      ext.storage.local.get(REPORTER_KEY),
    ]);
    const reporter = stored[REPORTER_KEY];
    return {
      draft,
      findings,
      suggestion: suggestedReason(findings),
      configured: isConfigured(policy),
      includeReporter: policy.reportIncludesReporter,
      reporter: typeof reporter === "string" ? reporter : "",
    };
  },
  async "report-submit"(request) {
    const [draft, policy] = await Promise.all([storedDraft(request.draftId), readPolicy()]);
    const report = buildReport(crypto.randomUUID(), draft, {
      reason: request.reason,
      note: request.note,
      reporter: policy.reportIncludesReporter ? request.reporter : null,
    });
    if (report.reporter !== undefined) await ext.storage.local.set({ [REPORTER_KEY]: report.reporter });
    const entry: QueuedReport = {
      report,
      state: "pending",
      attempts: 0,
      nextAttemptAt: Date.now(),
      lastAttemptAt: null,
      error: null,
    };
    await updateQueue((queue) => void queue.push(entry));
    await ext.storage.session.remove(DRAFT_PREFIX + request.draftId);
    await deliver("pending");
    // The form says what became of it: sent, waiting, or refused and why.
    return (await readQueue()).find((stored) => stored.report.id === report.id) ?? entry;
  },
  async "report-retry"() {
    return { attempted: await deliver("pending-and-failed") };
  },
  async "report-delete"(request) {
    const deleted = await updateQueue((queue) => {
      const index = queue.findIndex((entry) => entry.report.id === request.id);
      if (index >= 0) queue.splice(index, 1);
      return index >= 0;
    });
    return { deleted };
  },
};
