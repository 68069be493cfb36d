// The worker's side of the text engine kept warm in the offscreen document (Chromium): one
// port per worker life; the engine there is reused when it was built from the same pack texts,
// else rebuilt from them (the document has no storage access: the worker sends the texts).

import { ext } from "../../shared/browser-api";
import type { Finding, Platform } from "../../shared/findings";
import type { PackText } from "../pack-source";
import {
  OFFSCREEN_ENGINE_PORT,
  type EngineReply,
  type EngineRequest,
  type EngineRequestBody,
  type HeldEngine,
} from "../../offscreen/engine-protocol";
import { ensureOffscreenDocument } from "./offscreen-document";

let port: chrome.runtime.Port | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (reply: EngineReply) => void; reject: (error: Error) => void }>();

async function connected(): Promise<chrome.runtime.Port> {
  if (port) return port;
  await ensureOffscreenDocument();
  if (port) return port;
  const opened = ext.runtime.connect({ name: OFFSCREEN_ENGINE_PORT });
  opened.onMessage.addListener((reply: EngineReply) => {
    waiting.get(reply.id)?.resolve(reply);
    waiting.delete(reply.id);
  });
  opened.onDisconnect.addListener(() => {
    // The document closed (or was not listening yet): every request in flight fails, the
    // next one opens a new port.
    if (port === opened) port = null;
    for (const { reject } of waiting.values()) reject(new Error("the offscreen engine went away"));
    waiting.clear();
  });
  port = opened;
  return opened;
}

async function request(body: EngineRequestBody): Promise<EngineReply> {
  const open = await connected();
  const id = nextId++;
  return new Promise<EngineReply>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    open.postMessage({ ...body, id } satisfies EngineRequest);
  });
}

function expectEngine(reply: EngineReply): HeldEngine {
  if (reply.kind === "failed") throw new Error(reply.error);
  if (reply.kind !== "held" || !reply.engine) throw new Error(`offscreen engine: unexpected reply ${reply.kind}`);
  return reply.engine;
}

/** A short name for the pack texts an engine is built from. */
export async function packKey(stored: PackText | null, bundled: PackText): Promise<string> {
  const bytes = new TextEncoder().encode(`${stored?.text.length ?? -1}\n${stored?.text ?? ""}\n${bundled.text}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The warm engine if it matches these packs, else one built from them in the document. */
export async function openOffscreenEngine(stored: PackText | null, bundled: PackText): Promise<HeldEngine & { reused: boolean }> {
  const key = await packKey(stored, bundled);
  const held = await request({ kind: "held", key });
  if (held.kind === "held" && held.engine) return { ...held.engine, reused: true };
  return { ...expectEngine(await request({ kind: "load", key, stored, bundled })), reused: false };
}

/** Puts `pack` in force in the document; `key` names the packs stored from now on. */
export async function swapOffscreenEngine(pack: PackText, key: string): Promise<HeldEngine> {
  return expectEngine(await request({ kind: "swap", key, pack }));
}

export async function analyzeOffscreen(text: string, platform: Platform, affiliated: boolean, photoFaces: number): Promise<Finding[]> {
  const reply = await request({ kind: "analyze", text, platform, affiliated, photoFaces });
  if (reply.kind === "failed") throw new Error(reply.error);
  if (reply.kind !== "findings") throw new Error(`offscreen engine: unexpected reply ${reply.kind}`);
  return reply.findings;
}
