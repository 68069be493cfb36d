// The typed message protocol between content scripts, extension pages and the background.
// One union on `kind` for requests; each kind has exactly one response shape.

import type { SiteAdapters } from "./adapters";
import type { Finding, PackInfo, Platform } from "./findings";
import type { QueuedReport, Reason, ReportDraft } from "./report";
import type { Settings } from "./settings";

export interface AnalyzeRequest {
  kind: "analyze";
  text: string;
  platform: Platform;
  /** Faces seen in the photos attached on the page since the last post. */
  photoFaces?: number;
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
  /** Where text is analysed: the offscreen document (Chromium) or the background itself. */
  engineHost: "offscreen" | "background" | null;
  /** The offscreen engine outlived a worker restart and was reused (nothing rebuilt). */
  keptWarm: boolean;
}

/** Sent when the user focuses an editor: loads the engine if the worker was stopped. */
export interface WarmRequest {
  kind: "warm";
}

/** A photo entering a compose area (issue 5). Bytes travel as base64: runtime messages are JSON. */
export interface AnalyzeImageRequest {
  kind: "analyze-image";
  base64: string;
  platform: Platform;
}
/** An image finding: no text offsets; `region` (pixels) for findings about a part of the picture. */
export interface ImageFinding extends Finding {
  source?: string;
  region?: { x: number; y: number; w: number; h: number } | null;
  /** Findings about things seen in the picture (faces): one region per thing, in the photo's pixels. */
  regions?: { x: number; y: number; w: number; h: number; score?: number }[];
}
export interface ImageAnalysisResponse {
  findings: ImageFinding[];
  /** The container ("jpeg", "png", "webp", "heif") and what the metadata says, as the engine reads it. */
  metadata: { container?: string } & Record<string, unknown>;
}
/** The same file without its metadata, pixels untouched (fails for HEIC/AVIF: no lossless strip). */
export interface StripImageRequest {
  kind: "strip-image";
  base64: string;
}

/**
 * Text in a photo (OCR) takes seconds, so it runs over a port, not a request: the content
 * script connects a port named OCR_PORT and posts one OcrRequest; the background answers
 * with progress, then the findings. Disconnecting the port cancels the reading.
 */
export const OCR_PORT = "vigie-ocr";
export interface OcrRequest {
  kind: "read-text";
  base64: string;
  platform: Platform;
}
export type OcrReply =
  | { kind: "progress"; /** 0 to 1 */ progress: number }
  | { kind: "done"; findings: ImageFinding[] }
  | { kind: "failed"; error: string };

// Flagging a comment (content script → background → report form → background).

/** Opens the report form on a comment the page shows. */
export interface FlagOpenRequest {
  kind: "flag-open";
  draft: ReportDraft;
}
/** What the report form needs: the draft, the engine's analysis, the deployment's policy. */
export interface ReportFormRequest {
  kind: "report-form";
  draftId: string;
}
export interface ReportForm {
  draft: ReportDraft;
  findings: Finding[];
  /** The reason the findings support most, or "autre". */
  suggestion: Reason;
  /** False when the policy names no inbox (or no token): the report waits in the browser. */
  configured: boolean;
  includeReporter: boolean;
  /** The reporter's identity as entered last time ("" if never). */
  reporter: string;
}
export interface ReportSubmitRequest {
  kind: "report-submit";
  draftId: string;
  reason: Reason;
  note: string;
  reporter: string;
}
/** Delivers every pending (and failed) report now. */
export interface ReportRetryRequest {
  kind: "report-retry";
}
export interface ReportDeleteRequest {
  kind: "report-delete";
  id: string;
}

// Rule-pack updates (issue 7).

/** Checks the pack URL now (the popup's "Vérifier maintenant"). */
export interface PackCheckRequest {
  kind: "pack-check";
}
export interface PackUpdateStateRequest {
  kind: "pack-update-state";
}
export interface PackUpdateState {
  /** The policy's URL at the last check; null: updates not configured. */
  packUrl: string | null;
  /** Epoch ms of the last check, 0 if never. */
  lastCheck: number;
  lastResult: "updated" | "up-to-date" | "refused" | "not-configured" | null;
  /** Why the last check kept the pack in force; null when it succeeded. */
  lastError: { code: string; message: string; detail: string; at: number } | null;
}
/** storage.local key the background sets after putting a new pack in force (open tabs listen). */
export const PACK_SWAPPED_KEY = "pack.swapped";

export type BackgroundRequest =
  | AnalyzeRequest
  | GetConfigRequest
  | GetStatusRequest
  | WarmRequest
  | AnalyzeImageRequest
  | StripImageRequest
  | FlagOpenRequest
  | ReportFormRequest
  | ReportSubmitRequest
  | ReportRetryRequest
  | ReportDeleteRequest
  | PackCheckRequest
  | PackUpdateStateRequest;

export interface BackgroundResponses {
  analyze: AnalyzeResponse;
  "get-config": ConfigResponse;
  "get-status": EngineStatus;
  warm: { ready: boolean };
  "analyze-image": ImageAnalysisResponse;
  "strip-image": { base64: string };
  "flag-open": { opened: boolean };
  "report-form": ReportForm;
  "report-submit": QueuedReport;
  "report-retry": { attempted: number };
  "report-delete": { deleted: boolean };
  "pack-check": PackUpdateState;
  "pack-update-state": PackUpdateState;
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

/** The comment around the page's selection (for the context menu), or null. */
export interface FlagSelectionRequest {
  kind: "flag-selection";
}

export type TabRequest = TabStateRequest | FlagSelectionRequest;
