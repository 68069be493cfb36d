// The only place content scripts call runtime.sendMessage. Keeps a small cache of recent
// analyses keyed on the text, so undo/redo and re-reads cost nothing.

import { ext } from "../shared/browser-api";
import type { Finding, Platform } from "../shared/findings";
import type { BackgroundRequest, BackgroundResponses, Reply } from "../shared/messages";

export async function send<K extends BackgroundRequest["kind"]>(
  request: Extract<BackgroundRequest, { kind: K }>,
): Promise<BackgroundResponses[K]> {
  const reply = (await ext.runtime.sendMessage(request)) as Reply<K> | undefined;
  if (!reply) throw new Error(`Vigie: no answer to ${request.kind}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

const CACHE_SIZE = 32;
const cache = new Map<string, Finding[]>();

export function clearCache(): void {
  cache.clear();
}

export async function analyze(text: string, platform: Platform, photoFaces: number): Promise<Finding[]> {
  const key = `${platform}\u0000${photoFaces}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const { findings } = await send<"analyze">({ kind: "analyze", text, platform, photoFaces });
  cache.set(key, findings);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return findings;
}

export function getConfig(): Promise<BackgroundResponses["get-config"]> {
  return send<"get-config">({ kind: "get-config" });
}

/** Wakes the background and its engine ahead of the first analysis (fire and forget). */
export function warm(): void {
  send<"warm">({ kind: "warm" }).catch(() => undefined);
}
