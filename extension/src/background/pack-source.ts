// Where the rule pack in force comes from: a stored pack (put there by pack updates, once
// they exist) or the default pack shipped inside the extension. A stored pack that the
// engine or the adapter parser refuses is ignored and the default stays in force.

import { ext } from "../shared/browser-api";

export const DEFAULT_PACK_PATH = "pack/chu-nantes.json";
export const STORED_PACK_KEY = "pack.current";

export interface PackText {
  text: string;
  name: string;
  source: "stored" | "default";
}

export async function storedPack(): Promise<PackText | null> {
  const record = await ext.storage.local.get(STORED_PACK_KEY);
  const text = record[STORED_PACK_KEY];
  return typeof text === "string" ? { text, name: "stored pack", source: "stored" } : null;
}

export async function defaultPack(): Promise<PackText> {
  const response = await fetch(ext.runtime.getURL(DEFAULT_PACK_PATH));
  if (!response.ok) throw new Error(`${DEFAULT_PACK_PATH}: HTTP ${response.status}`);
  return { text: await response.text(), name: "chu-nantes.json", source: "default" };
}
