// The offscreen document's text engine (Chromium). The browser stops the service worker after
// about 30 s idle; an engine built there is lost and rebuilding it costs a quarter of a second
// or more on every wake-up. This document outlives the worker, so the engine built here stays
// warm: a restarted worker only checks that it was built from the same packs.

import { ext } from "../shared/browser-api";
import { chooseEngine, tryPack, type ChosenEngine } from "../background/engine/pack-choice";
import { loadEngineModule } from "../background/engine-module";
import type { VigieModule } from "../background/engine/vigie_engine.mjs";
import { OFFSCREEN_ENGINE_PORT, type EngineReply, type EngineRequest, type HeldEngine } from "./engine-protocol";

let module: Promise<VigieModule> | null = null;

/** The wasm module, loaded once per document; a failed load is retried on the next request. */
function engineModule(): Promise<VigieModule> {
  module ??= loadEngineModule().catch((error: unknown) => {
    module = null;
    throw error;
  });
  return module;
}

let current: { built: ChosenEngine; held: HeldEngine } | null = null;

/** Delay before freeing a replaced engine: an analysis that already holds it finishes first. */
const RETIRE_AFTER_MS = 60_000;

function hold(built: ChosenEngine, key: string, mod: VigieModule, moduleMs: number, packMs: number): HeldEngine {
  const previous = current;
  const held: HeldEngine = {
    key,
    engineVersion: mod.version(),
    pack: built.pack,
    adapters: built.adapters,
    source: built.source,
    refused: built.refused,
    moduleMs,
    packMs,
  };
  current = { built, held };
  if (previous) setTimeout(() => previous.built.engine.delete(), RETIRE_AFTER_MS);
  return held;
}

async function answer(request: EngineRequest): Promise<EngineReply> {
  const id = request.id;
  switch (request.kind) {
    case "held":
      return { id, kind: "held", engine: current?.held.key === request.key ? current.held : null };
    case "load": {
      const started = performance.now();
      const mod = await engineModule();
      const packStarted = performance.now();
      const built = chooseEngine(mod, request.stored, request.bundled);
      return { id, kind: "held", engine: hold(built, request.key, mod, packStarted - started, performance.now() - packStarted) };
    }
    case "swap": {
      const mod = await engineModule();
      const packStarted = performance.now();
      const result = tryPack(mod, request.pack);
      if ("error" in result) return { id, kind: "failed", error: result.error };
      return { id, kind: "held", engine: hold({ ...result.loaded, refused: null }, request.key, mod, 0, performance.now() - packStarted) };
    }
    case "analyze": {
      if (!current) return { id, kind: "failed", error: "no engine loaded yet" };
      const { text, platform, affiliated, photoFaces } = request;
      return { id, kind: "findings", findings: current.built.engine.analyze(text, { platform, affiliated, photoFaces }) };
    }
  }
}

// The document is created when the worker needs the engine: compile the module meanwhile.
void engineModule().catch((error: unknown) => console.error("Vigie: engine module failed to load:", error));

ext.runtime.onConnect.addListener((port) => {
  // Only the background (no tab) asks; content scripts talk to the background.
  if (port.name !== OFFSCREEN_ENGINE_PORT || port.sender?.tab || port.sender?.id !== ext.runtime.id) return;
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  port.onMessage.addListener((request: EngineRequest) => {
    answer(request)
      .catch((error: unknown): EngineReply => ({ id: request.id, kind: "failed", error: error instanceof Error ? error.message : String(error) }))
      .then((reply) => {
        if (open) port.postMessage(reply);
      });
  });
});
