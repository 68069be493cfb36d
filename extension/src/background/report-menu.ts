// "Signaler au service communication" in the context menu of selected text on the three
// sites (documentUrlPatterns: the extension's host permissions). The tab's content script
// says which comment holds the selection (author, permalink); the form opens on it.

import { ext } from "../shared/browser-api";
import { t } from "../shared/i18n";
import type { FlagSelectionRequest } from "../shared/messages";
import type { ReportDraft } from "../shared/report";
import { openReportForm } from "./report-form";

const MENU_ID = "vigie-flag-selection";

async function flagSelection(tabId: number): Promise<void> {
  const request: FlagSelectionRequest = { kind: "flag-selection" };
  const draft = (await ext.tabs.sendMessage(tabId, request).catch(() => null)) as ReportDraft | null;
  if (draft) await openReportForm(draft);
}

export function registerFlagMenu(): void {
  // Menus persist across worker restarts; they are (re)created on install and update.
  ext.runtime.onInstalled.addListener(() => {
    ext.contextMenus.create({
      id: MENU_ID,
      title: t("flagAction"),
      contexts: ["selection"],
      documentUrlPatterns: ext.runtime.getManifest().host_permissions ?? [],
    });
  });
  ext.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab?.id !== undefined) {
      void flagSelection(tab.id).catch((error: unknown) => console.warn("Vigie: flag selection:", error));
    }
  });
}
