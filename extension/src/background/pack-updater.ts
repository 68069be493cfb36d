// Keeps the rule pack up to date from the URL the policy names (`packUrl`, a latest.json
// written by `vigie pack publish`): at install and browser start, on an alarm every
// `updateIntervalMinutes` (first one jittered), and on demand from the popup. A pack is
// put in force only after every check of pack-verify.ts and the engine's validation; any
// failure keeps the pack in force and is recorded (plain French message, technical detail).
// Fetches time out, and analysis never waits for them.

import { ext } from "../shared/browser-api";
import { t } from "../shared/i18n";
import { PACK_SWAPPED_KEY, type BackgroundRequest, type BackgroundResponses, type PackUpdateState } from "../shared/messages";
import { onPolicyChanged, readPolicy, type Policy } from "../shared/policy";
import { swapPack, textEngine } from "./engine-host";
import { BUILT_IN_PACK_KEY } from "./pack-keys";
import { STORED_PACK_KEY } from "./pack-source";
import {
  checkDownload,
  checkHeader,
  checkSignature,
  MAX_MANIFEST_BYTES,
  MAX_SIGNATURE_BYTES,
  PackRefusal,
  parseManifest,
  sha256Hex,
  today,
  type PackManifest,
  type RefusalCode,
} from "./pack-verify";

const ALARM = "vigie-pack-update";
const STATE_KEY = "pack.update";
/** The highest version ever accepted: no rollback, even after the stored pack is lost. */
const HIGHEST_KEY = "pack.highestVersion";
const MANIFEST_TIMEOUT_MS = 10_000;
const PACK_TIMEOUT_MS = 30_000;

function initialState(): PackUpdateState {
  return { packUrl: null, lastCheck: 0, lastResult: null, lastError: null };
}

export async function updateState(): Promise<PackUpdateState> {
  const record = await ext.storage.local.get(STATE_KEY);
  return { ...initialState(), ...((record[STATE_KEY] as Partial<PackUpdateState> | undefined) ?? {}) };
}

async function highestVersion(): Promise<number> {
  const value = (await ext.storage.local.get(HIGHEST_KEY))[HIGHEST_KEY];
  return typeof value === "number" ? value : 0;
}

/**
 * GETs `url` with a timeout and a size cap; past the cap, the refusal `over` (a pack larger than
 * latest.json announces does not match it: "checksum", not "too-large"). The HTTP cache
 * revalidates with If-None-Match.
 */
async function download(url: URL, limit: number, timeoutMs: number, over: RefusalCode = "too-large"): Promise<Uint8Array<ArrayBuffer>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const overLimit = () =>
    new PackRefusal(over, over === "checksum" ? `${url.href}: larger than the ${limit} bytes latest.json announces` : `${url.href}: more than ${limit} bytes`);
  try {
    const response = await fetch(url, { cache: "no-cache", credentials: "omit", redirect: "follow", signal: controller.signal });
    if (!response.ok) throw new PackRefusal("unreachable", `${url.href}: HTTP ${response.status}`);
    if (Number(response.headers.get("content-length") ?? 0) > limit) throw overLimit();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      size += chunk.value.length;
      if (size > limit) {
        await reader?.cancel();
        throw overLimit();
      }
      chunks.push(chunk.value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } catch (error) {
    if (error instanceof PackRefusal) throw error;
    const reason = controller.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : String(error);
    throw new PackRefusal("unreachable", `${url.href}: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}

const utf8 = (bytes: Uint8Array<ArrayBuffer>, what: string) => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PackRefusal(what === "pack" ? "invalid" : "manifest", `${what}: not UTF-8`);
  }
};

/** One check: returns "updated" or "up-to-date", or throws a PackRefusal. */
async function update(packUrl: string, trustedKeys: string[]): Promise<"updated" | "up-to-date"> {
  // The text engine's pack: in Chromium it is kept warm in the offscreen document, so a check
  // that finds nothing new builds no engine in the worker.
  const inForce = (await textEngine()).pack;
  const floor = Math.max(inForce.version, await highestVersion());
  const manifestUrl = new URL(packUrl);
  const manifest: PackManifest = parseManifest(utf8(await download(manifestUrl, MAX_MANIFEST_BYTES, MANIFEST_TIMEOUT_MS), "latest.json"));
  if (manifest.id !== inForce.id) throw new PackRefusal("other-pack", `latest.json: pack ${manifest.id}, in force: ${inForce.id}`);
  if (manifest.version === floor) return "up-to-date";
  if (manifest.version < floor) {
    throw new PackRefusal("older", `latest.json: version ${manifest.version}, in force or accepted before: ${floor}`);
  }

  const [bytes, sigBytes] = await Promise.all([
    download(new URL(manifest.pack, manifestUrl), manifest.size, PACK_TIMEOUT_MS, "checksum"),
    download(new URL(manifest.signature, manifestUrl), MAX_SIGNATURE_BYTES, MANIFEST_TIMEOUT_MS),
  ]);
  checkDownload(bytes, manifest, await sha256Hex(bytes));
  await checkSignature(bytes, utf8(sigBytes, "signature"), [BUILT_IN_PACK_KEY, ...trustedKeys]);
  const text = utf8(bytes, "pack");
  const header = checkHeader(text, { id: inForce.id, version: floor, today: today() });

  const persist = async () => {
    try {
      await ext.storage.local.set({ [STORED_PACK_KEY]: text, [HIGHEST_KEY]: header.version });
    } catch (error) {
      throw new PackRefusal("storage", String(error));
    }
  };
  const swapped = await swapPack({ text, name: manifest.pack, source: "stored" }, persist);
  if ("error" in swapped) throw new PackRefusal("invalid", swapped.error);
  // Open tabs listen to this key: they take the new adapters and analyse their editors again.
  await ext.storage.local.set({ [PACK_SWAPPED_KEY]: { id: swapped.pack.id, version: swapped.pack.version, at: Date.now() } });
  return "updated";
}

async function runCheck(): Promise<PackUpdateState> {
  const policy = await readPolicy();
  const state: PackUpdateState = { ...(await updateState()), packUrl: policy.packUrl, lastCheck: Date.now() };
  if (!policy.packUrl) {
    Object.assign(state, { lastResult: "not-configured", lastError: null });
  } else {
    try {
      Object.assign(state, { lastResult: await update(policy.packUrl, policy.trustedKeys), lastError: null });
    } catch (error) {
      const refusal = error instanceof PackRefusal ? error : new PackRefusal("unreachable", String(error));
      console.warn(`Vigie: pack update refused: ${refusal.message}`);
      state.lastResult = "refused";
      state.lastError = { code: refusal.code, message: t(`packRefused_${refusal.code.replaceAll("-", "_")}`), detail: refusal.detail, at: Date.now() };
    }
  }
  await ext.storage.local.set({ [STATE_KEY]: state });
  return state;
}

let queue: Promise<unknown> = Promise.resolve();

/** Checks now, after any check already running (whose server answer may be older). */
export function checkForUpdate(): Promise<PackUpdateState> {
  const next = queue.then(runCheck, runCheck);
  queue = next.catch(() => undefined);
  return next;
}

/** (Re)creates the periodic alarm; its first run is jittered so browsers spread their requests. */
async function schedule(policy: Policy, force: boolean): Promise<void> {
  if (!policy.packUrl) {
    await ext.alarms.clear(ALARM);
    return;
  }
  const existing = await ext.alarms.get(ALARM);
  if (!force && existing?.periodInMinutes === policy.updateIntervalMinutes) return;
  const interval = policy.updateIntervalMinutes;
  await ext.alarms.create(ALARM, { delayInMinutes: Math.max(1, Math.random() * interval), periodInMinutes: interval });
}

type PackHandlers = {
  [K in "pack-check" | "pack-update-state"]: (request: Extract<BackgroundRequest, { kind: K }>) => Promise<BackgroundResponses[K]>;
};

export const packHandlers: PackHandlers = {
  "pack-check": () => checkForUpdate(),
  "pack-update-state": () => updateState(),
};

export function startPackUpdates(): void {
  const checkInBackground = () => void checkForUpdate().catch((error: unknown) => console.warn("Vigie: pack update:", error));
  ext.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) checkInBackground();
  });
  ext.runtime.onInstalled.addListener(checkInBackground);
  ext.runtime.onStartup.addListener(checkInBackground);
  onPolicyChanged((policy) => {
    void schedule(policy, true);
    checkInBackground();
  });
  void readPolicy().then((policy) => schedule(policy, false));
}
