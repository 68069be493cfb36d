// Reads and writes the user's settings from extension pages.

import { ext } from "../shared/browser-api";
import { normalizeSettings, SETTINGS_KEY, type Settings } from "../shared/settings";

export async function loadSettings(): Promise<Settings> {
  const record = await ext.storage.local.get(SETTINGS_KEY);
  return normalizeSettings(record[SETTINGS_KEY]);
}

export async function updateSettings(change: (settings: Settings) => void): Promise<Settings> {
  const settings = await loadSettings();
  change(settings);
  await ext.storage.local.set({ [SETTINGS_KEY]: settings });
  return settings;
}
