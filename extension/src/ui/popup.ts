// The popup: state on the current tab, the pack in force, and a one-hour pause for this site.

import { ext } from "../shared/browser-api";
import type { TabState } from "../shared/messages";
import { t } from "../shared/i18n";
import { byId, localize, plural } from "./dom";
import { updateSettings } from "./settings-io";
import { showReports } from "./popup-reports";
import { readPolicy } from "../shared/policy";
import { showPack } from "./popup-pack";

const PAUSE_MS = 60 * 60 * 1000;
let allowPause = true;
const PLATFORM_NAMES = { facebook: "Facebook", x: "X", linkedin: "LinkedIn" } as const;

/** The tab the popup reports on: the active one, or `?tab=ID` when opened as a page. */
async function targetTab(): Promise<number | undefined> {
  const explicit = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(explicit) && explicit > 0) return explicit;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function tabState(): Promise<TabState | null> {
  const tabId = await targetTab();
  if (tabId === undefined) return null;
  try {
    return ((await ext.tabs.sendMessage(tabId, { kind: "tab-state" })) as TabState | undefined) ?? null;
  } catch {
    return null; // no content script: not one of the watched sites
  }
}

function renderTab(state: TabState | null): void {
  const site = byId("site");
  const findings = byId("findings");
  const pause = byId<HTMLButtonElement>("pause");
  if (!state) {
    site.textContent = t("popupNotWatched");
    findings.textContent = "";
    pause.hidden = true;
    return;
  }
  const name = PLATFORM_NAMES[state.platform];
  site.textContent = state.paused
    ? t("popupPausedUntil", [name, new Date(state.pausedUntil).toLocaleTimeString("fr", { hour: "2-digit", minute: "2-digit" })])
    : t("popupWatching", [name, plural("editorCount", state.editors)]);
  const { critical, warning, info } = state.findings;
  findings.textContent =
    critical + warning + info === 0
      ? t("popupNoFindings")
      : t("popupFindings", [plural("findingsCritical", critical), plural("findingsWarning", warning), plural("findingsInfo", info)]);
  // The deployment may forbid pausing: no button then, and a word saying why.
  pause.hidden = !allowPause;
  byId("pause-off").hidden = allowPause;
  pause.textContent = state.paused ? t("popupResume") : t("popupPause");
  pause.onclick = async () => {
    await updateSettings((s) => {
      s.pausedUntil[state.platform] = state.paused ? 0 : Date.now() + PAUSE_MS;
    });
    renderTab(await tabState());
  };
}

async function main(): Promise<void> {
  localize();
  byId("options").addEventListener("click", () => void ext.runtime.openOptionsPage());
  showReports();
  allowPause = (await readPolicy()).allowPause;
  renderTab(await tabState());
  await showPack();
}

void main();
