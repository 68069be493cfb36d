// The delivery queue of flagged comments, in storage.local so a browser restart or a stopped
// worker loses nothing. Changes are applied one after the other (read, change, write).

import { ext } from "../shared/browser-api";
import { REPORT_QUEUE_KEY, type QueuedReport } from "../shared/report";

/** Sent reports kept for the popup's list; pending and failed ones are always kept. */
const SENT_KEPT = 20;

export async function readQueue(): Promise<QueuedReport[]> {
  const stored = (await ext.storage.local.get(REPORT_QUEUE_KEY))[REPORT_QUEUE_KEY];
  return Array.isArray(stored) ? (stored as QueuedReport[]) : [];
}

/** Oldest first; drops the oldest sent reports beyond SENT_KEPT. */
function pruned(queue: QueuedReport[]): QueuedReport[] {
  let sentToDrop = queue.filter((entry) => entry.state === "sent").length - SENT_KEPT;
  return queue.filter((entry) => entry.state !== "sent" || sentToDrop-- <= 0);
}

let tail: Promise<unknown> = Promise.resolve();

/** Runs `change` on the stored queue and stores the result; returns what `change` returns. */
export function updateQueue<T>(change: (queue: QueuedReport[]) => T): Promise<T> {
  const run = tail.then(async () => {
    const queue = await readQueue();
    const result = change(queue);
    await ext.storage.local.set({ [REPORT_QUEUE_KEY]: pruned(queue) });
    return result;
  });
  tail = run.catch(() => undefined);
  return run;
}
