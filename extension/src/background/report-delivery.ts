// Delivers queued reports to the inbox named by the deployment's policy: POST
// <reportEndpoint>/api/v1/reports with the deployment token. Accepted (201, or 200 for a
// repeated id) → sent; refused (4xx: bad token, invalid, too large) → failed with the
// server's French message, not retried; server errors and network failures → retried with
// exponential backoff and jitter through an alarm, at browser start, and when back online.

import { ext } from "../shared/browser-api";
import { t } from "../shared/i18n";
import { onPolicyChanged, readPolicy, type Policy } from "../shared/policy";
import type { QueuedReport, Report } from "../shared/report";
import { readQueue, updateQueue } from "./report-queue";

const ALARM = "vigie-report-retry";
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** Status codes worth retrying although they are 4xx: timeout, throttled. */
const TRANSIENT_4XX = new Set([408, 425, 429]);

/** Which reports a round attempts. */
export type Scope = "due" | "pending" | "pending-and-failed";

/** Delay before attempt `attempts + 1`: doubling from 30 s up to an hour, half of it random. */
export function retryDelayMs(attempts: number): number {
  const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function isConfigured(policy: Policy): policy is Policy & { reportEndpoint: string; reportToken: string } {
  return policy.reportEndpoint !== null && policy.reportToken !== null;
}

function reportsUrl(endpoint: string): string {
  return new URL("api/v1/reports", endpoint.endsWith("/") ? endpoint : `${endpoint}/`).href;
}

type Outcome = { state: "sent" } | { state: "failed" | "retry"; error: string };

async function serverMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown; field?: unknown };
    if (typeof body.error === "string" && body.error) {
      return typeof body.field === "string" && body.field ? `${body.error} (${body.field})` : body.error;
    }
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return response.statusText || String(response.status);
}

async function post(report: Report, endpoint: string, token: string): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(reportsUrl(endpoint), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(report),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    return { state: "retry", error: t("reportErrorNetwork") };
  }
  if (response.status === 200 || response.status === 201) return { state: "sent" };
  const message = await serverMessage(response);
  const refused = response.status >= 400 && response.status < 500 && !TRANSIENT_4XX.has(response.status);
  return {
    state: refused ? "failed" : "retry",
    error: t(refused ? "reportErrorRefused" : "reportErrorServer", [String(response.status), message]),
  };
}

function attempted(entry: QueuedReport, scope: Scope, now: number): boolean {
  if (entry.state === "pending") return scope !== "due" || entry.nextAttemptAt <= now;
  return entry.state === "failed" && scope === "pending-and-failed";
}

/** Arms the alarm for the earliest pending report, or clears it. */
async function schedule(configured: boolean): Promise<void> {
  const pending = (await readQueue()).filter((entry) => entry.state === "pending");
  if (!configured || pending.length === 0) {
    await ext.alarms.clear(ALARM);
    return;
  }
  const earliest = Math.min(...pending.map((entry) => entry.nextAttemptAt));
  await ext.alarms.create(ALARM, { when: Math.max(earliest, Date.now() + 1000) });
}

async function round(scope: Scope): Promise<number> {
  const policy = await readPolicy();
  if (!isConfigured(policy)) {
    // Kept as pending: delivered when IT sets the inbox in the policy.
    await schedule(false);
    return 0;
  }
  const now = Date.now();
  const batch = (await readQueue()).filter((entry) => attempted(entry, scope, now));
  for (const entry of batch) {
    const outcome = await post(entry.report, policy.reportEndpoint, policy.reportToken);
    await updateQueue((queue) => {
      const stored = queue.find((candidate) => candidate.report.id === entry.report.id);
      if (!stored) return; // deleted by the user meanwhile
      stored.attempts += 1;
      stored.lastAttemptAt = Date.now();
      if (outcome.state === "sent") {
        stored.state = "sent";
        stored.error = null;
      } else {
        stored.state = outcome.state === "failed" ? "failed" : "pending";
        stored.error = outcome.error;
        stored.nextAttemptAt = Date.now() + retryDelayMs(stored.attempts);
      }
    });
  }
  await schedule(true);
  return batch.length;
}

let rounds: Promise<unknown> = Promise.resolve();

/** One delivery round after any running one; resolves to the number of reports attempted. */
export function deliver(scope: Scope): Promise<number> {
  const run = rounds
    .then(() => round(scope))
    .catch((error: unknown) => {
      console.warn("Vigie: report delivery:", error);
      return 0;
    });
  rounds = run;
  return run;
}

/** The triggers: the retry alarm, the worker's and the browser's start, coming back online, a policy change. */
export function startReportDelivery(): void {
  ext.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void deliver("due");
  });
  globalThis.addEventListener("online", () => void deliver("pending"));
  onPolicyChanged(() => void deliver("pending"));
  // Alarms may not survive a browser restart: the queue is looked at when it starts.
  ext.runtime.onStartup.addListener(() => void deliver("due"));
  void deliver("due");
}
