// Text for the user, from _locales (French first). A missing message shows its key, so a
// forgotten translation is visible instead of silent.

import { ext } from "./browser-api";

export function t(key: string, substitutions?: string | string[]): string {
  const text = ext.i18n.getMessage(key, substitutions);
  return text || key;
}

/** True when the browser's UI language is not French: English texts from the pack are then preferred. */
export function prefersEnglish(): boolean {
  const language = ext.i18n.getUILanguage().toLowerCase();
  return !language.startsWith("fr");
}
