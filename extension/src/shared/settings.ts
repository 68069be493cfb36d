// The user's settings, kept in storage.local as one small record. The affiliation is stored
// only for the platforms where the user chose it; elsewhere the policy's `affiliationDefault`
// applies, then the built-in default.

import { PLATFORMS, type Platform } from "./findings";

export interface Settings {
  /** Per platform: "my profile mentions the CHU de Nantes", as in force. */
  affiliation: Record<Platform, boolean>;
  /** Per platform: what the user chose in the options, if they did. */
  affiliationChosen: Partial<Record<Platform, boolean>>;
  /** Per platform: epoch milliseconds until which Vigie is paused there (0: not paused). */
  pausedUntil: Record<Platform, number>;
}

export const SETTINGS_KEY = "settings";

export function defaultSettings(): Settings {
  return {
    affiliation: { facebook: false, x: false, linkedin: true },
    affiliationChosen: {},
    pausedUntil: { facebook: 0, x: 0, linkedin: 0 },
  };
}

/**
 * Reads a stored value leniently: anything missing or of the wrong type takes its default
 * (for the affiliation: the policy's `affiliationDefault`, then the built-in one).
 */
export function normalizeSettings(stored: unknown, affiliationDefault: Partial<Record<Platform, boolean>> = {}): Settings {
  const settings = defaultSettings();
  Object.assign(settings.affiliation, affiliationDefault);
  if (!stored || typeof stored !== "object") return settings;
  const record = stored as Partial<Record<keyof Settings, unknown>>;
  for (const platform of PLATFORMS) {
    const affiliation = (record.affiliation as Record<string, unknown> | undefined)?.[platform];
    if (typeof affiliation === "boolean") {
      settings.affiliation[platform] = affiliation;
      settings.affiliationChosen[platform] = affiliation;
    }
    const paused = (record.pausedUntil as Record<string, unknown> | undefined)?.[platform];
    if (typeof paused === "number" && Number.isFinite(paused)) settings.pausedUntil[platform] = paused;
  }
  return settings;
}

/** What is stored: the user's own choices only, so policy defaults keep applying elsewhere. */
export function storedSettings(settings: Settings): { affiliation: Settings["affiliationChosen"]; pausedUntil: Settings["pausedUntil"] } {
  return { affiliation: settings.affiliationChosen, pausedUntil: settings.pausedUntil };
}

export function isPaused(settings: Settings, platform: Platform, now = Date.now()): boolean {
  return settings.pausedUntil[platform] > now;
}
