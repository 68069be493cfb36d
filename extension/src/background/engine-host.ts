// Hosts the wasm engine in the extension's origin. It starts loading as soon as the worker
// starts, keeps one engine for the worker's life, and reloads cheaply after the browser
// stops the worker (streaming compilation of the wasm, one pack parse).

import createVigieEngine, { type Engine, type VigieModule } from "./engine/vigie_engine.mjs";
import { ext } from "../shared/browser-api";
import { parseAdapters, type SiteAdapters } from "../shared/adapters";
import type { Finding, PackInfo, Platform } from "../shared/findings";
import type { EngineStatus } from "../shared/messages";
import { defaultPack, storedPack, type PackText } from "./pack-source";

const WASM_PATH = "engine/vigie_engine.wasm";

interface LoadedEngine {
  module: VigieModule;
  engine: Engine;
  pack: PackInfo;
  adapters: SiteAdapters;
  source: PackText["source"];
  refused: string | null;
  moduleMs: number;
  packMs: number;
}

let loading: Promise<LoadedEngine> | null = null;
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
};

function instantiateWasm(
  imports: WebAssembly.Imports,
  done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
): object {
  const url = ext.runtime.getURL(WASM_PATH);
  const fromBytes = () =>
    fetch(url)
      .then((r) => r.arrayBuffer())
      .then((bytes) => WebAssembly.instantiate(bytes, imports));
  WebAssembly.instantiateStreaming(fetch(url), imports)
    .catch(fromBytes)
    .then((result) => done(result.instance, result.module))
    .catch((error: unknown) => {
      status = { ...status, error: `${WASM_PATH}: ${String(error)}` };
    });
  return {};
}

/** Builds an engine for one pack, or says precisely why the pack is refused. */
function tryPack(
  module: VigieModule,
  pack: PackText,
): { loaded: Omit<LoadedEngine, "module" | "refused" | "moduleMs" | "packMs"> } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(pack.text);
  } catch (error) {
    return { error: `${pack.name}: ${String(error)}` };
  }
  const adapters = parseAdapters((json as { adapters?: unknown } | null)?.adapters);
  if (!adapters.ok) return { error: `${pack.name}: ${adapters.error}` };
  const engine = new module.Engine(pack.text, pack.name);
  if (!engine.ok()) {
    const error = engine.error();
    engine.delete();
    return { error };
  }
  return { loaded: { engine, pack: engine.packInfo(), adapters: adapters.value, source: pack.source } };
}

async function load(): Promise<LoadedEngine> {
  const started = performance.now();
  const [module, stored, bundled] = await Promise.all([
    createVigieEngine({ instantiateWasm }),
    storedPack().catch(() => null),
    defaultPack(),
  ]);
  const moduleMs = performance.now() - started;
  const packStarted = performance.now();
  const timed = (loaded: Omit<LoadedEngine, "module" | "refused" | "moduleMs" | "packMs">, refused: string | null) => ({
    module,
    ...loaded,
    refused,
    moduleMs,
    packMs: performance.now() - packStarted,
  });
  let refused: string | null = null;
  const storedVersion = stored ? packVersion(stored) : 0;
  const bundledVersion = stored ? packVersion(bundled) : 0;
  if (stored && storedVersion < bundledVersion) {
    // The bundled pack is the floor: a stored pack older than it (the extension was updated
    // since) is ignored.
    refused = `${stored.name}: version ${storedVersion} is older than the bundled pack's ${bundledVersion}`;
  } else if (stored) {
    const result = tryPack(module, stored);
    if ("loaded" in result) return timed(result.loaded, null);
    refused = result.error;
  }
  const result = tryPack(module, bundled);
  if ("error" in result) throw new Error(result.error);
  if (refused) console.warn(`Vigie: stored pack refused, default pack in force: ${refused}`);
  return timed(result.loaded, refused);
}

/** A pack's version, read without building an engine (0 when unreadable). */
function packVersion(pack: PackText): number {
  try {
    const version = (JSON.parse(pack.text) as { version?: unknown } | null)?.version;
    return typeof version === "number" ? version : 0;
  } catch {
    return 0;
  }
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/** The engine, loading it on first use. A failed load is retried on the next request. */
export function engine(): Promise<LoadedEngine> {
  if (!loading) {
    loading = load().then(
      (loaded) => {
        status = {
          ready: true,
          engineVersion: loaded.module.version(),
          pack: loaded.pack,
          packSource: loaded.source,
          coldStartMs: tenths(performance.now()),
          moduleMs: tenths(loaded.moduleMs),
          packMs: tenths(loaded.packMs),
          loadedAt: Date.now(),
          error: null,
          storedPackRefused: loaded.refused,
        };
        return loaded;
      },
      (error: unknown) => {
        loading = null;
        status = { ...status, ready: false, error: error instanceof Error ? error.message : String(error) };
        throw error;
      },
    );
  }
  return loading;
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
  status = { ...status, pack: next.pack, packSource: next.source, storedPackRefused: null };
  setTimeout(() => current.engine.delete(), RETIRE_AFTER_MS);
  return { pack: next.pack };
}

export function engineStatus(): EngineStatus {
  return status;
}

export async function analyze(text: string, platform: Platform, affiliated: boolean, photoFaces: number): Promise<Finding[]> {
  const loaded = await engine();
  return loaded.engine.analyze(text, { platform, affiliated, photoFaces });
}
