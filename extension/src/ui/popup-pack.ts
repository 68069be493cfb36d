// The popup's pack section: the rules in force (version, date, source; the id in a tooltip),
// when updates were last checked, the last problem in plain words, and "Vérifier maintenant".

import { ext } from "../shared/browser-api";
import { t } from "../shared/i18n";
import type { EngineStatus, PackUpdateState, Reply } from "../shared/messages";
import { byId, packInForce } from "./dom";
import { engineStatus } from "./status";

async function ask<K extends "pack-check" | "pack-update-state">(kind: K): Promise<PackUpdateState> {
  const reply = (await ext.runtime.sendMessage({ kind })) as Reply<K> | undefined;
  if (!reply) throw new Error("no answer");
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

function renderPack(status: EngineStatus): void {
  if (status.pack) packInForce(status.pack, byId("pack"));
  else byId("pack").textContent = t("packMissing", status.error ?? "");
  byId("pack-source").textContent = status.packSource ? t("packSource", t(`packSource_${status.packSource}`)) : "";
}

function renderUpdate(state: PackUpdateState): void {
  const when = new Date(state.lastCheck).toLocaleString(document.documentElement.lang || "fr", {
    dateStyle: "short",
    timeStyle: "short",
  });
  const result =
    state.lastResult === "updated" ? t("popupUpdated") : state.lastResult === "up-to-date" ? t("popupUpToDate") : "";
  byId("pack-check").textContent = !state.packUrl
    ? t("popupUpdatesOff")
    : state.lastCheck === 0
      ? t("popupNeverChecked")
      : `${t("popupLastCheck", when)} ${result}`.trim();
  const error = byId("pack-error");
  error.hidden = !state.lastError;
  error.textContent = state.lastError ? t("popupLastError", state.lastError.message) : "";
  error.title = state.lastError?.detail ?? "";
}

export async function showPack(): Promise<void> {
  const button = byId<HTMLButtonElement>("pack-check-now");
  button.addEventListener("click", async () => {
    button.disabled = true;
    byId("pack-check").textContent = t("popupChecking");
    try {
      renderUpdate(await ask("pack-check"));
      renderPack(await engineStatus());
    } catch (error) {
      byId("pack-check").textContent = String(error);
    } finally {
      button.disabled = false;
    }
  });
  try {
    renderPack(await engineStatus());
  } catch (error) {
    byId("pack").textContent = t("packMissing", String(error));
  }
  renderUpdate(await ask("pack-update-state").catch(() => ({ packUrl: null, lastCheck: 0, lastResult: null, lastError: null })));
}
