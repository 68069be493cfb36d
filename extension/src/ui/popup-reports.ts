// The popup's "Signalements" section: pending reports (with their next attempt), sent and
// failed ones (with the reason), read from the queue in storage.local and kept up to date;
// "Réessayer maintenant" delivers every pending and failed report at once.

import { ext } from "../shared/browser-api";
import { t } from "../shared/i18n";
import { REPORT_QUEUE_KEY, type QueuedReport } from "../shared/report";
import { send } from "../content/client";
import { h } from "../framework/layer";
import { byId } from "./dom";
import { formatDateTime, PLATFORM_NAMES, reasonLabel } from "./report-labels";

const EXCERPT_CHARS = 80;

function stateText(entry: QueuedReport): string {
  switch (entry.state) {
    case "sent":
      return t("reportsStateSent", formatDateTime(entry.lastAttemptAt ?? entry.report.reported_at));
    case "failed":
      return t("reportsStateFailed", entry.error ?? "");
    case "pending":
      return entry.attempts === 0
        ? t("reportsStateWaiting")
        : t("reportsStatePending", [formatDateTime(entry.nextAttemptAt), entry.error ?? ""]);
  }
}

function item(entry: QueuedReport): HTMLLIElement {
  const points = Array.from(entry.report.text);
  const excerpt = points.length > EXCERPT_CHARS ? `${points.slice(0, EXCERPT_CHARS - 1).join("")}…` : entry.report.text;
  const li = h(
    "li",
    { "data-state": entry.state },
    h("span", { class: "report-title" }, `${PLATFORM_NAMES[entry.report.platform]} · ${reasonLabel(entry.report.reason)}`),
    " ",
    h("q", {}, excerpt),
    h("br"),
    h("span", { class: "report-state" }, stateText(entry)),
  );
  if (entry.state !== "sent") {
    const remove = h("button", { type: "button", class: "link" }, t("reportsDelete"));
    remove.addEventListener("click", () => void send<"report-delete">({ kind: "report-delete", id: entry.report.id }));
    li.append(" ", remove);
  }
  return li;
}

function render(queue: QueuedReport[]): void {
  const list = byId<HTMLUListElement>("reports");
  list.replaceChildren(...queue.slice().reverse().map(item));
  byId("reports-empty").hidden = queue.length > 0;
  byId("reports-retry").hidden = !queue.some((entry) => entry.state !== "sent");
}

async function load(): Promise<void> {
  const stored = (await ext.storage.local.get(REPORT_QUEUE_KEY))[REPORT_QUEUE_KEY];
  render(Array.isArray(stored) ? (stored as QueuedReport[]) : []);
}

export function showReports(): void {
  const retry = byId<HTMLButtonElement>("reports-retry");
  retry.addEventListener("click", () => {
    retry.disabled = true;
    void send<"report-retry">({ kind: "report-retry" }).finally(() => {
      retry.disabled = false;
    });
  });
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && REPORT_QUEUE_KEY in changes) void load();
  });
  void load();
}
