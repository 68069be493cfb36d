// Base64: photo bytes in runtime messages (JSON only), keys and signatures of rule packs. Chromium 140+ and Firefox 133+ have the native
// Uint8Array.fromBase64/toBase64 (one pass, no intermediate string of char codes); the
// fallback works in chunks so a 30 MB photo never builds a 30-million-argument call.

interface NativeBase64 {
  fromBase64?: (text: string) => Uint8Array<ArrayBuffer>;
}
interface NativeToBase64 {
  toBase64?: () => string;
}

const CHUNK = 0x8000;

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as NativeBase64).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as unknown as NativeToBase64).toBase64;
  if (native) return native.call(bytes);
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
