// Reads and writes the user's settings from extension pages.

import { ext } from "../shared/browser-api";
import { readPolicy } from "../shared/policy";
import { normalizeSettings, SETTINGS_KEY, storedSettings, type Settings } from "../shared/settings";

export async function loadSettings(): Promise<Settings> {
  const [record, policy] = await Promise.all([ext.storage.local.get(SETTINGS_KEY), readPolicy()]);
  return normalizeSettings(record[SETTINGS_KEY], policy.affiliationDefault);
}

export async function updateSettings(change: (settings: Settings) => void): Promise<Settings> {
  const settings = await loadSettings();
  change(settings);
  await ext.storage.local.set({ [SETTINGS_KEY]: storedSettings(settings) });
  return settings;
}
