// Small helpers for the extension's own pages: localise `data-i18n` elements, build nodes.

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

export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(document.documentElement.lang || "fr");
}
