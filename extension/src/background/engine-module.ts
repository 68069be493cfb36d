// Loads the wasm engine module from the extension's files, in whichever extension context
// runs it (Chromium's service worker or offscreen document, Firefox's event page).

import createVigieEngine, { type VigieModule } from "./engine/vigie_engine.mjs";
import { ext } from "../shared/browser-api";

const WASM_PATH = "engine/vigie_engine.wasm";

/** The module, compiled while it downloads; rejects (instead of hanging) when the wasm fails. */
export function loadEngineModule(): Promise<VigieModule> {
  return new Promise<VigieModule>((resolve, reject) => {
    const instantiateWasm = (
      imports: WebAssembly.Imports,
      done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ): object => {
      const url = ext.runtime.getURL(WASM_PATH);
      const fromBytes = () =>
        fetch(url)
          .then((r) => r.arrayBuffer())
          .then((bytes) => WebAssembly.instantiate(bytes, imports));
      WebAssembly.instantiateStreaming(fetch(url), imports)
        .catch(fromBytes)
        .then((result) => done(result.instance, result.module))
        .catch((error: unknown) => reject(new Error(`${WASM_PATH}: ${String(error)}`)));
      return {};
    };
    createVigieEngine({ instantiateWasm }).then(resolve, reject);
  });
}
