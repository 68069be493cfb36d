// The user's settings as the background reads them (cached, refreshed on change).

import { ext } from "../shared/browser-api";
import { normalizeSettings, SETTINGS_KEY, type Settings } from "../shared/settings";

let cached: Promise<Settings> | null = null;

export function settings(): Promise<Settings> {
  cached ??= ext.storage.local.get(SETTINGS_KEY).then((r) => normalizeSettings(r[SETTINGS_KEY]));
  return cached;
}

ext.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && SETTINGS_KEY in changes) cached = null;
});
