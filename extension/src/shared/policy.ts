// The deployment's policy, set by IT through managed storage (Chromium: registry, GPO or
// /etc/chromium/policies/managed; Firefox: policies.json "3rdparty"). Its schema is
// static/managed_schema.json. Users cannot change it; anything missing or malformed takes
// its default, so a broken policy never switches Vigie off.

import { ext } from "./browser-api";
import { PLATFORMS, type Platform } from "./findings";

export interface Policy {
  /** URL of the published `latest.json` of the rule pack; null: no updates, shipped pack only. */
  packUrl: string | null;
  /** PEM public keys (as written by `vigie pack keygen`) trusted besides the built-in key. */
  trustedKeys: string[];
  /** Minutes between two update checks. */
  updateIntervalMinutes: number;
  /** Whether users may pause Vigie on a site for an hour. */
  allowPause: boolean;
  /** Per platform: the affiliation setting's default ("my profile mentions the CHU"). */
  affiliationDefault: Partial<Record<Platform, boolean>>;
  /** Base URL of the inbox that receives flagged comments; null: flagging not configured. */
  reportEndpoint: string | null;
  /** Deployment token sent as `Authorization: Bearer`. */
  reportToken: string | null;
  /** Whether reports carry the reporter's identity (the user enters it once). */
  reportIncludesReporter: boolean;
}

export const DEFAULT_UPDATE_INTERVAL_MINUTES = 60;

export function defaultPolicy(): Policy {
  return {
    packUrl: null,
    trustedKeys: [],
    updateIntervalMinutes: DEFAULT_UPDATE_INTERVAL_MINUTES,
    allowPause: true,
    affiliationDefault: {},
    reportEndpoint: null,
    reportToken: null,
    reportIncludesReporter: false,
  };
}

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== "string") return false;
  try {
    const protocol = new URL(value).protocol;
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
};

/** Reads a managed-storage record leniently: each malformed entry keeps its default. */
export function normalizePolicy(stored: Record<string, unknown>): Policy {
  const policy = defaultPolicy();
  if (isHttpUrl(stored.packUrl)) policy.packUrl = stored.packUrl;
  if (Array.isArray(stored.trustedKeys)) {
    policy.trustedKeys = stored.trustedKeys.filter((key): key is string => typeof key === "string");
  }
  const interval = stored.updateIntervalMinutes;
  if (typeof interval === "number" && Number.isInteger(interval) && interval >= 1) {
    policy.updateIntervalMinutes = interval;
  }
  if (typeof stored.allowPause === "boolean") policy.allowPause = stored.allowPause;
  const affiliation = stored.affiliationDefault as Record<string, unknown> | undefined;
  for (const platform of PLATFORMS) {
    const value = affiliation?.[platform];
    if (typeof value === "boolean") policy.affiliationDefault[platform] = value;
  }
  if (isHttpUrl(stored.reportEndpoint)) policy.reportEndpoint = stored.reportEndpoint;
  if (typeof stored.reportToken === "string" && stored.reportToken) policy.reportToken = stored.reportToken;
  if (typeof stored.reportIncludesReporter === "boolean") {
    policy.reportIncludesReporter = stored.reportIncludesReporter;
  }
  return policy;
}

/** The policy in force. Without managed storage (unmanaged Firefox profiles), the defaults. */
export async function readPolicy(): Promise<Policy> {
  try {
    return normalizePolicy((await ext.storage.managed.get(null)) as Record<string, unknown>);
  } catch {
    return defaultPolicy();
  }
}

/** Calls `listener` whenever IT changes the policy. */
export function onPolicyChanged(listener: (policy: Policy) => void): void {
  ext.storage.onChanged.addListener((_changes, area) => {
    if (area === "managed") void readPolicy().then(listener);
  });
}
