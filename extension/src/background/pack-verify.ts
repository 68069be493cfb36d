// Checks a downloaded rule pack before anything uses it: size, sha256, Ed25519 signature by
// a trusted key (WebCrypto), pack id, version strictly greater than the one in force, expiry.
// The engine's own validation comes after, in the engine host. Each refusal has a code the
// updater turns into a plain French message, and a technical detail for admins.

import { fromBase64 } from "../shared/base64";

export type RefusalCode =
  | "unreachable"
  | "manifest"
  | "too-large"
  | "checksum"
  | "signature"
  | "untrusted-key"
  | "other-pack"
  | "older"
  | "expired"
  | "invalid"
  | "storage";

export class PackRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** Upper bounds on what is downloaded, so a wrong URL or a hostile server costs little. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
// storage.local holds 10 MB in all; the default pack is 0.4 MB.
export const MAX_PACK_BYTES = 4 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 64 * 1024;

/** latest.json, as `vigie pack publish` writes it. URLs are relative to it. */
export interface PackManifest {
  id: string;
  version: number;
  sha256: string;
  size: number;
  pack: string;
  signature: string;
}

export function parseManifest(text: string): PackManifest {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new PackRefusal("manifest", `latest.json: ${String(error)}`);
  }
  const string = (name: string) => {
    const value = json?.[name];
    if (typeof value !== "string" || !value) throw new PackRefusal("manifest", `latest.json: /${name}: expected a string`);
    return value;
  };
  const integer = (name: string) => {
    const value = json?.[name];
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new PackRefusal("manifest", `latest.json: /${name}: expected a non-negative integer`);
    }
    return value as number;
  };
  const manifest = {
    id: string("id"),
    version: integer("version"),
    sha256: string("sha256").toLowerCase(),
    size: integer("size"),
    pack: string("pack"),
    signature: string("signature"),
  };
  if (!/^[0-9a-f]{64}$/.test(manifest.sha256)) throw new PackRefusal("manifest", "latest.json: /sha256: expected 64 hex digits");
  if (manifest.size > MAX_PACK_BYTES) {
    throw new PackRefusal("too-large", `latest.json announces ${manifest.size} bytes (limit ${MAX_PACK_BYTES})`);
  }
  return manifest;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}

export function checkDownload(bytes: Uint8Array<ArrayBuffer>, manifest: PackManifest, digest: string): void {
  if (bytes.length !== manifest.size) {
    throw new PackRefusal("checksum", `pack: ${bytes.length} bytes, latest.json announces ${manifest.size}`);
  }
  if (digest !== manifest.sha256) throw new PackRefusal("checksum", `pack: sha256 ${digest}, latest.json announces ${manifest.sha256}`);
}

/** The DER bytes of a PEM public key (SubjectPublicKeyInfo), or null. */
function pemBody(pem: string): Uint8Array<ArrayBuffer> | null {
  const match = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem);
  if (!match?.[1]) return null;
  try {
    return fromBase64(match[1].replace(/\s+/g, ""));
  } catch {
    return null;
  }
}

interface TrustedKey {
  id: string;
  key: CryptoKey;
}

/**
 * Imports the PEM keys that are Ed25519 public keys. Others are skipped (a policy typo must not
 * stop updates signed by the other keys) and counted, so that a refusal can say so.
 */
async function importKeys(pems: string[]): Promise<{ keys: TrustedKey[]; unreadable: number }> {
  const keys: TrustedKey[] = [];
  let unreadable = 0;
  for (const pem of pems) {
    const der = pemBody(pem);
    if (!der) {
      unreadable++;
      continue;
    }
    try {
      const key = await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, true, ["verify"]);
      // The key id, as the CLI computes it: sha256 of the raw 32-byte key, 16 hex digits.
      const raw = await crypto.subtle.exportKey("raw", key);
      keys.push({ id: hex(await crypto.subtle.digest("SHA-256", raw)).slice(0, 16), key });
    } catch {
      unreadable++; // not an Ed25519 public key in PEM
    }
  }
  return { keys, unreadable };
}

/** Checks PACK.sig (as `vigie pack sign` writes it) over the exact bytes, with a trusted key. */
export async function checkSignature(bytes: Uint8Array<ArrayBuffer>, sigText: string, trustedPems: string[]): Promise<string> {
  let sig: { algorithm?: unknown; key_id?: unknown; signature?: unknown };
  try {
    sig = JSON.parse(sigText) as typeof sig;
  } catch (error) {
    throw new PackRefusal("signature", `signature file: ${String(error)}`);
  }
  if (sig?.algorithm !== "ed25519" || typeof sig.key_id !== "string" || typeof sig.signature !== "string") {
    throw new PackRefusal("signature", "signature file: expected {algorithm: \"ed25519\", key_id, signature}");
  }
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64(sig.signature);
  } catch {
    throw new PackRefusal("signature", "signature file: /signature is not base64");
  }
  const { keys, unreadable } = await importKeys(trustedPems);
  const trusted = keys.find((k) => k.id === sig.key_id);
  if (!trusted) {
    // The admin's likely mistake: a key pasted without its BEGIN/END lines.
    const skipped = unreadable === 0 ? "" :
      `; ${unreadable} trustedKeys entr${unreadable === 1 ? "y is" : "ies are"} not an Ed25519 public key in PEM (paste the whole KEYFILE.pub, BEGIN and END lines included)`;
    throw new PackRefusal("untrusted-key", `signed by key ${String(sig.key_id)}; trusted: ${keys.map((k) => k.id).join(", ")}${skipped}`);
  }
  if (!(await crypto.subtle.verify({ name: "Ed25519" }, trusted.key, signature, bytes))) {
    throw new PackRefusal("signature", `the signature by key ${trusted.id} does not match the pack's bytes`);
  }
  return trusted.id;
}

/** What the updater compares against: the pack in force and the highest version ever accepted. */
export interface Expectations {
  id: string;
  /** The new pack's version must be strictly greater. */
  version: number;
  /** Today, YYYY-MM-DD (local time). */
  today: string;
}

/** Checks the signed pack's own header (the manifest is not signed: the pack is the truth). */
export function checkHeader(text: string, expected: Expectations): { id: string; version: number } {
  let header: { id?: unknown; version?: unknown; expires?: unknown };
  try {
    header = JSON.parse(text) as typeof header;
  } catch (error) {
    throw new PackRefusal("invalid", String(error));
  }
  const { id, version, expires } = header ?? {};
  if (typeof id !== "string" || typeof version !== "number" || typeof expires !== "string") {
    throw new PackRefusal("invalid", "pack: missing id, version or expires");
  }
  if (id !== expected.id) throw new PackRefusal("other-pack", `pack ${id}, in force: ${expected.id}`);
  if (version <= expected.version) {
    throw new PackRefusal("older", `version ${version}, not greater than ${expected.version}`);
  }
  if (expires < expected.today) throw new PackRefusal("expired", `expired on ${expires} (today ${expected.today})`);
  return { id, version };
}

export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
