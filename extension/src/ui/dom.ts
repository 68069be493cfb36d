// Small helpers for the extension's own pages: localise `data-i18n` elements, build nodes.

import type { PackInfo } from "../shared/findings";
import { t } from "../shared/i18n";

export function localize(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n ?? "");
  }
  document.documentElement.lang = t("@@ui_locale").startsWith("fr") ? "fr" : t("@@ui_locale").slice(0, 2) || "fr";
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}

/**
 * "`count` things" in the page's language: the message `${key}_one` or `${key}_other`, chosen
 * by the language's plural rules (French says "0 information", English "0 notes").
 */
export function plural(key: string, count: number): string {
  const form = new Intl.PluralRules(document.documentElement.lang || "fr").select(count) === "one" ? "one" : "other";
  return t(`${key}_${form}`, String(count));
}

/** The rules in force in plain words; the pack's id stays for IT in the tooltip. */
export function packInForce(pack: PackInfo, element: HTMLElement): void {
  element.textContent = t("packInForce", [String(pack.version), formatDate(pack.issued)]);
  element.title = pack.id;
}

export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(document.documentElement.lang || "fr");
}
