// Hosts the wasm engine in the extension's origin. Text (every keystroke's analysis) goes to
// the text engine; photos, codes and pack updates use the background's own engine.
//  - Chromium: the text engine lives in the offscreen document, which outlives the service
//    worker, so a worker woken after 30 s idle finds it warm instead of rebuilding it (a
//    quarter of a second or more). The background's own engine loads only when needed, and
//    at the browser's start (no document yet), when it analyses while the document warms up.
//  - Firefox (no offscreen documents), or if the document fails: the background's engine.

import type { VigieModule } from "./engine/vigie_engine.mjs";
import { chooseEngine, tryPack, type BuiltEngine } from "./engine/pack-choice";
import { loadEngineModule } from "./engine-module";
import { hasOffscreenDocuments } from "./engine/offscreen-document";
import { analyzeOffscreen, openOffscreenEngine, packKey, swapOffscreenEngine } from "./engine/offscreen-engine";
import type { HeldEngine } from "../offscreen/engine-protocol";
import type { Finding, PackInfo, Platform } from "../shared/findings";
import type { EngineStatus } from "../shared/messages";
import { defaultPack, storedPack, type PackText } from "./pack-source";

interface LoadedEngine extends BuiltEngine {
  module: VigieModule;
  refused: string | null;
  moduleMs: number;
  packMs: number;
}

/** What the text path needs: the pack in force, its adapters, and how to analyse. */
interface TextEngine extends Omit<HeldEngine, "key"> {
  host: "offscreen" | "background";
  keptWarm: boolean;
  analyze(text: string, platform: Platform, affiliated: boolean, photoFaces: number): Promise<Finding[]>;
}

let loading: Promise<LoadedEngine> | null = null;
let texting: Promise<TextEngine> | null = null;
let status: EngineStatus = {
  ready: false,
  engineVersion: null,
  pack: null,
  packSource: null,
  coldStartMs: null,
  moduleMs: null,
  packMs: null,
  loadedAt: null,
  error: null,
  storedPackRefused: null,
  engineHost: null,
  keptWarm: false,
};

const packs = () => Promise.all([storedPack().catch(() => null), defaultPack()]);

async function load(): Promise<LoadedEngine> {
  const started = performance.now();
  const [module, [stored, bundled]] = await Promise.all([loadEngineModule(), packs()]);
  const moduleMs = performance.now() - started;
  const packStarted = performance.now();
  const chosen = chooseEngine(module, stored, bundled);
  return { module, ...chosen, moduleMs, packMs: performance.now() - packStarted };
}

/** The background's own engine, loading it on first use. A failed load is retried on the next request. */
export function engine(): Promise<LoadedEngine> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function localTextEngine(): Promise<TextEngine> {
  const loaded = await engine();
  return {
    host: "background",
    engineVersion: loaded.module.version(),
    pack: loaded.pack,
    adapters: loaded.adapters,
    source: loaded.source,
    refused: loaded.refused,
    moduleMs: loaded.moduleMs,
    packMs: loaded.packMs,
    keptWarm: false,
    // The engine in force at each call: swapPack may have replaced it.
    analyze: async (text, platform, affiliated, photoFaces) => (await engine()).engine.analyze(text, { platform, affiliated, photoFaces }),
  };
}

async function offscreenTextEngine(): Promise<TextEngine> {
  const [stored, bundled] = await packs();
  const { key: _key, reused, ...held } = await openOffscreenEngine(stored, bundled);
  return {
    ...held,
    host: "offscreen",
    // Nothing was loaded by this worker when the document's engine was reused.
    moduleMs: reused ? 0 : held.moduleMs,
    packMs: reused ? 0 : held.packMs,
    keptWarm: reused,
    analyze: (...request) =>
      analyzeOffscreen(...request).catch(async (error: unknown) => {
        // The document went away (closed by the browser): load the engine again, once.
        console.warn("Vigie: offscreen engine lost, loading it again:", error);
        texting = null;
        const again = await textEngine();
        return again.host === "offscreen" ? analyzeOffscreen(...request) : again.analyze(...request);
      }),
  };
}

/**
 * Chromium: the document's engine if the document exists (built there if it is not yet).
 * Without a document (the browser just started) nothing is warm anywhere: this worker builds
 * its own engine at once, as quickly as before, and only then has the document build one for
 * the next wake-ups (creating it meanwhile would delay the first analysis).
 */
async function chromiumTextEngine(): Promise<TextEngine> {
  if (await chrome.offscreen.hasDocument()) return offscreenTextEngine();
  const local = await localTextEngine();
  void packs()
    .then(([stored, bundled]) => openOffscreenEngine(stored, bundled))
    .catch((error: unknown) => console.warn("Vigie: offscreen engine not prepared:", error));
  return local;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/** The text engine, loading it on first use. A failed load is retried on the next request. */
export function textEngine(): Promise<TextEngine> {
  if (!texting) {
    const opened = hasOffscreenDocuments()
      ? chromiumTextEngine().catch((error: unknown) => {
          console.warn("Vigie: offscreen engine unavailable, analysing in the background:", error);
          return localTextEngine();
        })
      : localTextEngine();
    texting = opened.then(
      (ready) => {
        status = {
          ready: true,
          engineVersion: ready.engineVersion,
          pack: ready.pack,
          packSource: ready.source,
          coldStartMs: tenths(performance.now()),
          moduleMs: tenths(ready.moduleMs),
          packMs: tenths(ready.packMs),
          loadedAt: Date.now(),
          error: null,
          storedPackRefused: ready.refused,
          engineHost: ready.host,
          keptWarm: ready.keptWarm,
        };
        return ready;
      },
      (error: unknown) => {
        texting = null;
        status = { ...status, ready: false, error: error instanceof Error ? error.message : String(error) };
        throw error;
      },
    );
  }
  return texting;
}

/** Delay before freeing a replaced engine: an analysis that already holds it finishes first. */
const RETIRE_AFTER_MS = 60_000;

/**
 * Puts `pack` in force without reloading anything, once the engine accepts it and `persist`
 * (storing it) succeeded. Returns the engine's error when it refuses the pack; the pack in
 * force then stays.
 */
export async function swapPack(pack: PackText, persist: () => Promise<void>): Promise<{ pack: PackInfo } | { error: string }> {
  const current = await engine();
  const result = tryPack(current.module, pack);
  if ("error" in result) return result;
  try {
    await persist();
  } catch (error) {
    result.loaded.engine.delete();
    throw error;
  }
  const next: LoadedEngine = { ...current, ...result.loaded, refused: null };
  loading = Promise.resolve(next);
  setTimeout(() => current.engine.delete(), RETIRE_AFTER_MS);
  const text = await texting?.catch(() => null);
  texting = text ? Promise.resolve({ ...text, pack: next.pack, adapters: next.adapters, source: next.source, refused: null }) : null;
  if (text?.host === "offscreen") {
    try {
      await swapOffscreenEngine(pack, await packKey(pack, await defaultPack()));
    } catch (error) {
      // The next analysis rebuilds the document's engine from the stored (new) pack.
      console.warn("Vigie: offscreen engine not swapped, it will be rebuilt:", error);
      texting = null;
    }
  }
  status = { ...status, pack: next.pack, packSource: next.source, storedPackRefused: null };
  return { pack: next.pack };
}

export function engineStatus(): EngineStatus {
  return status;
}

export async function analyze(text: string, platform: Platform, affiliated: boolean, photoFaces: number): Promise<Finding[]> {
  return (await textEngine()).analyze(text, platform, affiliated, photoFaces);
}
