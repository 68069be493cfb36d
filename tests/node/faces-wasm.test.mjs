// Face detection through the real wasm build, against the native CLI on the
// same photos (Debian python3-skimage: astronaut.png NASA public domain,
// chelsea.png CC0): same boxes, same findings, errors as data.
//   VIGIE_BIN and VIGIE_WASM_DIR choose the builds (builds.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { loadEngineModule } from '../../wasm/node-loader.mjs';
import { repoRoot as root, vigieBin as vigie, wasmDir } from './builds.mjs';

const skimage = '/usr/lib/python3/dist-packages/skimage/data';
// The model the extension ships (extension/build.mjs) and the CLI's default.
const modelFile = path.join(
  root, 'node_modules/@mediapipe/face_detection/face_detection_full_range.tflite');

// RGBA pixels as a browser's ImageData would hold them (ImageMagick).
function rgba(file) {
  const size = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' });
  const [width, height] = size.split(' ').map(Number);
  const data = execFileSync('convert', [file, '-depth', '8', 'rgba:-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(data.length, width * height * 4, `${file}: unexpected pixel count`);
  return { data: new Uint8Array(data), width, height };
}

function nativeFaceFindings(file, pack) {
  const out = execFileSync(vigie, ['image', '--pack', pack, file], { encoding: 'utf8' });
  const line = JSON.parse(out.trim().split('\n')[0]);
  assert.ok(line.analyses.includes('faces'), `native run skipped faces: ${JSON.stringify(line.skipped)}`);
  return line.findings.filter((f) => f.regions);
}

// Pixel boxes may differ by rounding between the two builds: 1 pixel.
function assertSameFindings(wasm, native) {
  assert.equal(wasm.length, native.length);
  wasm.forEach((finding, i) => {
    const { regions: wasmRegions, score: wasmScore, ...wasmRest } = finding;
    const { regions: nativeRegions, score: nativeScore, ...nativeRest } = native[i];
    assert.deepEqual(wasmRest, nativeRest);
    assert.ok(Math.abs(wasmScore - nativeScore) < 1e-3);
    assert.equal(wasmRegions.length, nativeRegions.length);
    wasmRegions.forEach((r, k) => {
      for (const key of ['x', 'y', 'w', 'h']) {
        assert.ok(Math.abs(r[key] - nativeRegions[k][key]) <= 1,
          `${key}: wasm ${r[key]}, native ${nativeRegions[k][key]}`);
      }
    });
  });
}

describe('face detection in wasm', () => {
  let mod;
  let engine;
  let pack;
  let packJson;
  const model = () => new Uint8Array(fs.readFileSync(modelFile));
  before(async () => {
    mod = await loadEngineModule(wasmDir);
    pack = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-faces-')), 'pack.json');
    execFileSync(vigie, ['pack', 'build', path.join(root, 'packs/chu-nantes'), '-o', pack]);
    packJson = fs.readFileSync(pack, 'utf8');
    engine = new mod.Engine(packJson, 'pack.json');
    assert.ok(engine.ok(), engine.error());
    const loaded = mod.loadFaceModel(model());
    assert.equal(loaded.error, undefined, loaded.error);
    assert.equal(loaded.inputSize, 192);
  });

  test('finds the astronaut\'s face where the native CLI does', () => {
    const file = path.join(skimage, 'astronaut.png');
    const { data, width, height } = rgba(file);
    const result = engine.detectFaces(data, width, height);
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.faces.length, 1);
    const [face] = result.faces;
    // Hand-measured face: x 175-275, y 70-180 (as in tests/image/faces_test.cc); the box's
    // top-left corner within 10 px of it (full range: 173, 68) up to 20 px inside.
    assert.ok(face.x > 165 && face.x < 195 && face.y > 60 && face.y < 90, JSON.stringify(face));
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].category, 'droit_image');
    assert.equal(result.findings[0].severity, 'warning');
    assert.match(result.findings[0].message, /^1 visage : l'accord écrit de chaque personne/);
    assertSameFindings(result.findings, nativeFaceFindings(file, pack));
  });

  test('sees no face on the cat, like the native CLI', () => {
    const file = path.join(skimage, 'chelsea.png');
    const { data, width, height } = rgba(file);
    const result = engine.detectFaces(data, width, height);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(nativeFaceFindings(file, pack), []);
  });

  test('bad pixels and damaged models are errors, not crashes', () => {
    assert.match(engine.detectFaces(new Uint8Array(10), 4, 4).error, /RGBA/);
    const truncated = model().subarray(0, 5000);
    assert.match(mod.loadFaceModel(truncated).error, /TensorFlow Lite model/);
    assert.match(engine.detectFaces(new Uint8Array(64), 4, 4).error, /loadFaceModel/);
    // Loading again restores detection.
    assert.equal(mod.loadFaceModel(model()).error, undefined);
    assert.equal(engine.detectFaces(new Uint8Array(64), 4, 4).error, undefined);
  });

  test('each engine applies its own pack\'s faces rule; without a pack, faces only', () => {
    const { data, width, height } = rgba(path.join(skimage, 'astronaut.png'));
    const changed = JSON.parse(packJson);
    const rule = changed.image.rules.find((r) => r.kind === 'faces');
    rule.message = '1 visage : message du pack suivant.';
    const next = new mod.Engine(JSON.stringify(changed), 'next.json');
    assert.ok(next.ok(), next.error());
    assert.equal(next.detectFaces(data, width, height).findings[0].message, '1 visage : message du pack suivant.');
    assert.match(engine.detectFaces(data, width, height).findings[0].message, /^1 visage : l'accord écrit/);
    next.delete();
    const bare = mod.detectFaces(data, width, height);
    assert.equal(bare.faces.length, 1);
    assert.equal(bare.findings, undefined);
  });
});
