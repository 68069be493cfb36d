// The user's settings, kept in storage.local. Only what differs from the defaults matters,
// but the whole object is small, so it is stored as one record.

import { PLATFORMS, type Platform } from "./findings";

export interface Settings {
  /** Per platform: "my profile mentions the CHU de Nantes". */
  affiliation: Record<Platform, boolean>;
  /** Per platform: epoch milliseconds until which Vigie is paused there (0: not paused). */
  pausedUntil: Record<Platform, number>;
}

export const SETTINGS_KEY = "settings";

export function defaultSettings(): Settings {
  return {
    affiliation: { facebook: false, x: false, linkedin: true },
    pausedUntil: { facebook: 0, x: 0, linkedin: 0 },
  };
}

/** Reads a stored value leniently: anything missing or of the wrong type takes its default. */
export function normalizeSettings(stored: unknown): Settings {
  const settings = defaultSettings();
  if (!stored || typeof stored !== "object") return settings;
  const record = stored as Partial<Record<keyof Settings, unknown>>;
  for (const platform of PLATFORMS) {
    const affiliation = (record.affiliation as Record<string, unknown> | undefined)?.[platform];
    if (typeof affiliation === "boolean") settings.affiliation[platform] = affiliation;
    const paused = (record.pausedUntil as Record<string, unknown> | undefined)?.[platform];
    if (typeof paused === "number" && Number.isFinite(paused)) settings.pausedUntil[platform] = paused;
  }
  return settings;
}

export function isPaused(settings: Settings, platform: Platform, now = Date.now()): boolean {
  return settings.pausedUntil[platform] > now;
}
