// The typed message protocol between content scripts, extension pages and the background.
// One union on `kind` for requests; each kind has exactly one response shape.

import type { SiteAdapters } from "./adapters";
import type { Finding, PackInfo, Platform } from "./findings";
import type { Settings } from "./settings";

export interface AnalyzeRequest {
  kind: "analyze";
  text: string;
  platform: Platform;
}
export interface AnalyzeResponse {
  findings: Finding[];
}

export interface GetConfigRequest {
  kind: "get-config";
}
export interface ConfigResponse {
  adapters: SiteAdapters | null;
  pack: PackInfo | null;
  settings: Settings;
}

export interface GetStatusRequest {
  kind: "get-status";
}
export interface EngineStatus {
  ready: boolean;
  engineVersion: string | null;
  pack: PackInfo | null;
  packSource: "stored" | "default" | null;
  /** Milliseconds from the worker's start to the engine being ready to analyse. */
  coldStartMs: number | null;
  /** Of which: fetching and instantiating the wasm module, and building the engine from the pack. */
  moduleMs: number | null;
  packMs: number | null;
  /** When this worker instance loaded the engine (epoch ms). */
  loadedAt: number | null;
  error: string | null;
  /** Why a stored pack was refused (the default pack is then in force), if it was. */
  storedPackRefused: string | null;
}

/** Sent when the user focuses an editor: loads the engine if the worker was stopped. */
export interface WarmRequest {
  kind: "warm";
}

export type BackgroundRequest = AnalyzeRequest | GetConfigRequest | GetStatusRequest | WarmRequest;

export interface BackgroundResponses {
  analyze: AnalyzeResponse;
  "get-config": ConfigResponse;
  "get-status": EngineStatus;
  warm: { ready: boolean };
}

/** What a handler sends back: the response of its kind, or an error. */
export type Reply<K extends keyof BackgroundResponses> =
  | { ok: true; value: BackgroundResponses[K] }
  | { ok: false; error: string };

// Messages from the popup to the content script of the active tab.

export interface TabStateRequest {
  kind: "tab-state";
}
export interface TabState {
  platform: Platform;
  editors: number;
  findings: { info: number; warning: number; critical: number };
  paused: boolean;
  pausedUntil: number;
}

export type TabRequest = TabStateRequest;
