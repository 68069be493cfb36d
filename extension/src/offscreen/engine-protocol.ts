// Between the background (Chromium's service worker) and the text engine the offscreen
// document keeps warm while the browser stops and restarts the worker: one port per worker
// life, requests and replies matched by id.

import type { SiteAdapters } from "../shared/adapters";
import type { Finding, PackInfo, Platform } from "../shared/findings";
import type { PackText } from "../background/pack-source";

export const OFFSCREEN_ENGINE_PORT = "vigie-engine-offscreen";

/** The engine the offscreen document holds, and the pack texts it was chosen from (`key`). */
export interface HeldEngine {
  key: string;
  engineVersion: string;
  pack: PackInfo;
  adapters: SiteAdapters;
  source: PackText["source"];
  refused: string | null;
  /** How long loading the module and building the engine took, when it was built. */
  moduleMs: number;
  packMs: number;
}

export type EngineRequestBody =
  /** The engine held if it was built from the packs `key` names, else null. */
  | { kind: "held"; key: string }
  /** Builds the engine from these packs (same choice as the worker's: pack-choice.ts). */
  | { kind: "load"; key: string; stored: PackText | null; bundled: PackText }
  /** Replaces the engine with one for `pack` (already accepted by the worker). */
  | { kind: "swap"; key: string; pack: PackText }
  | { kind: "analyze"; text: string; platform: Platform; affiliated: boolean; photoFaces: number };

export type EngineRequest = EngineRequestBody & { id: number };

export type EngineReply = { id: number } & (
  | { kind: "held"; engine: HeldEngine | null }
  | { kind: "findings"; findings: Finding[] }
  | { kind: "failed"; error: string }
);
