#!/usr/bin/env node
// Builds the extension for Chromium and Firefox: bundles the TypeScript with esbuild, writes
// each browser's manifest, copies the wasm engine, the default rule pack, the face model,
// zxing-wasm's code reader, pages and locales, and zips each build.
// Output: dist/chromium/, dist/firefox/, dist/vigie-<browser>-<v>.zip.
//
//   node extension/build.mjs [--engine-dir DIR] [--pack FILE] [--no-zip]
//
// Defaults: the engine from build-wasm/wasm/, the pack from build/pack/chu-nantes.json.
// VIGIE_DIST=DIR builds into DIR instead of dist/ (the browser tests read the same variable).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { manifest } from "./manifest.mjs";
import { OCR_FILES } from "./src/offscreen/ocr-settings.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : fallback;
};
const engineDir = option("--engine-dir", path.join(root, "build-wasm/wasm"));
const packFile = option("--pack", path.join(root, "build/pack/chu-nantes.json"));
const zip = !args.includes("--no-zip");
const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;

function die(message) {
  console.error(`vigie extension: ${message}`);
  process.exit(1);
}

for (const file of ["vigie_engine.mjs", "vigie_engine.wasm"]) {
  if (!fs.existsSync(path.join(engineDir, file))) die(`missing ${path.join(engineDir, file)} (build the wasm engine first: npm run build)`);
}
if (!fs.existsSync(packFile)) die(`missing ${packFile} (build the default rule pack first: npm run build)`);
// The face detector's model (BlazeFace full range, Apache-2.0: faces near and far, see
// core/image/faces/README.md), shipped inside the extension.
const faceModel = path.join(root, "node_modules/@mediapipe/face_detection/face_detection_full_range.tflite");
if (!fs.existsSync(faceModel)) die(`missing ${faceModel} (npm install)`);
// zxing-wasm's reader (Apache-2.0): the background reads codes with it (src/background/code-host.ts).
const codeReader = path.join(root, "node_modules/zxing-wasm/dist/reader/zxing_reader.wasm");
if (!fs.existsSync(codeReader)) die(`missing ${codeReader} (npm install)`);
// tesseract.js, its core and the French model (which ones: src/offscreen/ocr-settings.mjs).
const ocrFiles = Object.values(OCR_FILES).map(({ from, to }) => ({ from: path.join(root, "node_modules", from), to }));
for (const { from } of ocrFiles) if (!fs.existsSync(from)) die(`missing ${from} (npm install)`);

/** The default pack as shipped. The pack builder merges packs/chu-nantes/adapters.json. */
function packText() {
  const text = fs.readFileSync(packFile, "utf8");
  let pack;
  try {
    pack = JSON.parse(text);
  } catch (error) {
    die(`${packFile}: ${error.message}`);
  }
  if (pack.adapters === undefined) die(`${packFile}: no "adapters" (the pack builder merges packs/chu-nantes/adapters.json)`);
  return text;
}

// esbuild strips types without checking them: check first (strict, see tsconfig.json).
try {
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(here, "tsconfig.json")], { stdio: "inherit" });
} catch {
  die("type errors (above)");
}

const outRoot = path.resolve(root, process.env.VIGIE_DIST ?? "dist");
const pack = packText();

for (const browser of ["chromium", "firefox"]) {
  const out = path.join(outRoot, browser);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, "engine"), { recursive: true });
  fs.mkdirSync(path.join(out, "pack"), { recursive: true });

  const common = {
    bundle: true,
    target: browser === "chromium" ? "chrome120" : "firefox140",
    charset: "utf8",
    legalComments: "none",
    sourcemap: false,
    minify: false,
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
  };
  await esbuild.build({
    ...common,
    entryPoints: {
      background: path.join(here, "src/background/index.ts"),
      // The offscreen document's text engine (src/offscreen/engine-server.ts) imports the
      // engine as the background does.
      "offscreen-engine": path.join(here, "src/offscreen/engine-server.ts"),
    },
    outdir: out,
    format: "esm",
    // The Emscripten loader is copied as is and imported statically at run time.
    external: ["./engine/vigie_engine.mjs"],
  });
  await esbuild.build({
    ...common,
    entryPoints: {
      content: path.join(here, "src/content/index.ts"),
      popup: path.join(here, "src/ui/popup.ts"),
      options: path.join(here, "src/ui/options.ts"),
      report: path.join(here, "src/ui/report.ts"),
      offscreen: path.join(here, "src/offscreen/index.ts"),
    },
    outdir: out,
    format: "iife",
  });

  fs.copyFileSync(path.join(engineDir, "vigie_engine.mjs"), path.join(out, "engine/vigie_engine.mjs"));
  fs.copyFileSync(path.join(engineDir, "vigie_engine.wasm"), path.join(out, "engine/vigie_engine.wasm"));
  fs.writeFileSync(path.join(out, "pack/chu-nantes.json"), pack);
  fs.mkdirSync(path.join(out, "models"), { recursive: true });
  fs.copyFileSync(faceModel, path.join(out, "models", path.basename(faceModel)));
  fs.mkdirSync(path.join(out, "zxing"), { recursive: true });
  fs.copyFileSync(codeReader, path.join(out, "zxing", path.basename(codeReader)));
  for (const { from, to } of ocrFiles) {
    fs.mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
    fs.copyFileSync(from, path.join(out, to));
  }
  fs.cpSync(path.join(here, "static"), out, { recursive: true });
  fs.cpSync(path.join(here, "_locales"), path.join(out, "_locales"), { recursive: true });
  fs.writeFileSync(path.join(out, "manifest.json"), `${JSON.stringify(manifest(browser, version), null, 2)}\n`);

  if (zip) {
    const archive = path.join(outRoot, `vigie-${browser}-${version}.zip`);
    fs.rmSync(archive, { force: true });
    execFileSync("zip", ["-q", "-r", "-X", archive, "."], { cwd: out });
  }
  const shown = path.relative(root, outRoot);
  console.log(`vigie extension: ${shown}/${browser}/ built${zip ? ` (+ ${shown}/vigie-${browser}-${version}.zip)` : ""}`);
}
