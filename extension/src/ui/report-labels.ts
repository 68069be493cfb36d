// Words for flagged reports on the extension's pages: reasons, platforms, dates.

import type { Platform } from "../shared/findings";
import { t } from "../shared/i18n";
import type { Reason } from "../shared/report";
import { strings } from "../content/strings";

export const PLATFORM_NAMES: Record<Platform, string> = { facebook: "Facebook", x: "X", linkedin: "LinkedIn" };

export function reasonLabel(reason: Reason): string {
  return reason === "autre" ? t("reportReasonOther") : strings().category[reason];
}

/** "14:05" today, "27/11/2026 14:05" on another day. */
export function formatDateTime(epochOrIso: number | string): string {
  const date = new Date(epochOrIso);
  const today = date.toDateString() === new Date().toDateString();
  return date.toLocaleString(document.documentElement.lang || "fr", today ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
}
