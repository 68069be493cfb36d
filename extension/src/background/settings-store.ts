// The user's settings as the background reads them (cached, refreshed on change), with the
// policy's affiliation defaults. When the policy forbids pausing, pauses already set end.

import { ext } from "../shared/browser-api";
import { onPolicyChanged, readPolicy, type Policy } from "../shared/policy";
import { normalizeSettings, SETTINGS_KEY, storedSettings, type Settings } from "../shared/settings";

let cached: Promise<Settings> | null = null;

async function load(): Promise<Settings> {
  const [record, policy] = await Promise.all([ext.storage.local.get(SETTINGS_KEY), readPolicy()]);
  return normalizeSettings(record[SETTINGS_KEY], policy.affiliationDefault);
}

export function settings(): Promise<Settings> {
  cached ??= load();
  return cached;
}

/** Ends every pause when the policy says users may not pause (open tabs resume on the change). */
async function enforcePausePolicy(policy: Policy): Promise<void> {
  if (policy.allowPause) return;
  const current = await settings();
  if (Object.values(current.pausedUntil).every((until) => until === 0)) return;
  for (const platform of Object.keys(current.pausedUntil) as (keyof Settings["pausedUntil"])[]) {
    current.pausedUntil[platform] = 0;
  }
  await ext.storage.local.set({ [SETTINGS_KEY]: storedSettings(current) });
}

ext.storage.onChanged.addListener((changes, area) => {
  if (area !== "local" || !(SETTINGS_KEY in changes)) return;
  cached = null;
  void readPolicy().then(enforcePausePolicy);
});
onPolicyChanged((policy) => {
  cached = null;
  void enforcePausePolicy(policy);
});
void readPolicy().then(enforcePausePolicy);
