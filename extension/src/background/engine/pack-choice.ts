// Which rule pack an engine is built from: the stored pack (pack updates) unless it is older
// than the bundled one or refused, else the bundled pack. Shared by every engine host so the
// service worker and the offscreen document choose the same way.

import type { Engine, VigieModule } from "./vigie_engine.mjs";
import { parseAdapters, type SiteAdapters } from "../../shared/adapters";
import type { PackInfo } from "../../shared/findings";
import type { PackText } from "../pack-source";

export interface BuiltEngine {
  engine: Engine;
  pack: PackInfo;
  adapters: SiteAdapters;
  source: PackText["source"];
}

export interface ChosenEngine extends BuiltEngine {
  /** Why the stored pack was refused (the bundled pack is then in force), if it was. */
  refused: string | null;
}

/** Builds an engine for one pack, or says precisely why the pack is refused. */
export function tryPack(module: VigieModule, pack: PackText): { loaded: BuiltEngine } | { error: string } {
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

/** The engine for the pack in force; throws when even the bundled pack is refused. */
export function chooseEngine(module: VigieModule, stored: PackText | null, bundled: PackText): ChosenEngine {
  let refused: string | null = null;
  const storedVersion = stored ? packVersion(stored) : 0;
  const bundledVersion = stored ? packVersion(bundled) : 0;
  if (stored && storedVersion < bundledVersion) {
    // The bundled pack is the floor: a stored pack older than it (the extension was updated
    // since) is ignored.
    refused = `${stored.name}: version ${storedVersion} is older than the bundled pack's ${bundledVersion}`;
  } else if (stored) {
    const result = tryPack(module, stored);
    if ("loaded" in result) return { ...result.loaded, refused: null };
    refused = result.error;
  }
  const result = tryPack(module, bundled);
  if ("error" in result) throw new Error(result.error);
  if (refused) console.warn(`Vigie: stored pack refused, default pack in force: ${refused}`);
  return { ...result.loaded, refused };
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
