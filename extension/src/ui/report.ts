// The report form, an extension page opened in its own small window on a comment (the
// page's scripts and styles cannot reach it): the reason, prefilled with the engine's
// suggestion and the findings behind it, a note, the reporter's identity when the
// deployment asks for it, and a preview of exactly what will be sent.

import type { ReportForm } from "../shared/messages";
import { t } from "../shared/i18n";
import { buildReport, REASONS, type QueuedReport, type Reason } from "../shared/report";
import { send } from "../content/client";
import { h } from "../framework/layer";
import { byId, localize } from "./dom";
import { formatDateTime, PLATFORM_NAMES, reasonLabel } from "./report-labels";

function renderReasons(form: ReportForm): void {
  const fieldset = byId("reasons");
  for (const reason of REASONS) {
    const input = h("input", { type: "radio", name: "reason", value: reason, id: `reason-${reason}` });
    input.checked = reason === form.suggestion;
    const label = h("label", { for: input.id }, input, ` ${reasonLabel(reason)}`);
    if (reason === form.suggestion && reason !== "autre") label.append(" ", h("span", { class: "suggested" }, t("reportSuggested")));
    fieldset.append(label);
  }
}

function renderFindings(form: ReportForm): void {
  const list = byId("findings");
  const supporting = form.findings.filter((finding) => finding.category === form.suggestion);
  if (supporting.length === 0) {
    list.append(h("li", {}, t("reportNoFindings")));
    return;
  }
  for (const finding of supporting) {
    const excerpt = form.draft.text.slice(finding.start, finding.end);
    list.append(h("li", {}, t("reportFinding", [excerpt, finding.message, finding.guide])));
  }
}

function chosenReason(): Reason {
  return (document.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.value ?? "autre") as Reason;
}

function renderPreview(form: ReportForm): void {
  const report = buildReport("", form.draft, {
    reason: chosenReason(),
    note: byId<HTMLTextAreaElement>("note").value,
    reporter: form.includeReporter ? byId<HTMLInputElement>("reporter").value : null,
  });
  const rows: [string, string][] = [
    [t("reportFieldPlatform"), PLATFORM_NAMES[report.platform]],
    [t("reportFieldUrl"), report.url],
    [t("reportFieldAuthor"), report.author || t("reportNone")],
    [t("reportFieldText"), report.text],
    [t("reportFieldReason"), reasonLabel(report.reason)],
    [t("reportFieldNote"), report.note || t("reportNone")],
    [t("reportFieldTime"), formatDateTime(report.reported_at)],
  ];
  if (report.reporter !== undefined) rows.push([t("reportFieldReporter"), report.reporter || t("reportNone")]);
  const preview = byId("preview");
  preview.replaceChildren(...rows.flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)]));
}

function outcome(entry: QueuedReport, configured: boolean): string {
  if (entry.state === "sent") return t("reportSent");
  if (entry.state === "failed") return t("reportFailed", entry.error ?? "");
  return configured ? t("reportPending", entry.error ?? "") : t("reportKept");
}

async function main(): Promise<void> {
  localize();
  const draftId = new URLSearchParams(location.search).get("draft") ?? "";
  const result = byId("result");
  const close = byId<HTMLButtonElement>("close");
  close.addEventListener("click", () => window.close());
  let form: ReportForm;
  try {
    form = await send<"report-form">({ kind: "report-form", draftId });
  } catch (error) {
    byId("loading").hidden = true;
    result.textContent = t("reportUnavailable", String(error instanceof Error ? error.message : error));
    close.hidden = false;
    return;
  }
  byId("loading").hidden = true;
  byId("not-configured").hidden = form.configured;
  byId("send").textContent = t(form.configured ? "reportSend" : "reportKeep");
  const reporter = byId<HTMLInputElement>("reporter");
  byId("reporter-field").hidden = !form.includeReporter;
  reporter.required = form.includeReporter;
  reporter.value = form.reporter;
  renderReasons(form);
  renderFindings(form);
  renderPreview(form);
  const formElement = byId<HTMLFormElement>("form");
  formElement.hidden = false;
  formElement.addEventListener("input", () => renderPreview(form));
  byId("cancel").addEventListener("click", () => window.close());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !byId<HTMLButtonElement>("send").disabled) window.close();
  });
  document.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.focus();

  formElement.addEventListener("submit", (event) => {
    event.preventDefault();
    const fields = formElement.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>("input, textarea, button");
    for (const field of fields) field.disabled = true;
    result.textContent = t("reportSending");
    send<"report-submit">({
      kind: "report-submit",
      draftId,
      reason: chosenReason(),
      note: byId<HTMLTextAreaElement>("note").value,
      reporter: reporter.value,
    }).then(
      (entry) => {
        result.textContent = outcome(entry, form.configured);
        formElement.hidden = true;
        close.hidden = false;
        close.focus();
      },
      (error: unknown) => {
        // Nothing was queued: the form stays as it was, ready to try again.
        for (const field of fields) field.disabled = false;
        result.textContent = t("reportUnavailable", String(error instanceof Error ? error.message : error));
      },
    );
  });
}

void main();
