// Text in photos through the real wasm build: tesseract.js (with the settings and the reading
// strategy the extension ships, extension/src/offscreen/ocr-settings.mjs and ocr-strategy.mjs)
// reads the committed fixtures (tests/fixtures/ocr/README.md), and engine.textInImageFindings
// reads the words with the default pack's rules. Boxes are checked against places measured on
// the picture (±12 px).
//   VIGIE_BIN and VIGIE_WASM_DIR choose the builds (builds.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadEngineModule } from '../../wasm/node-loader.mjs';
import { OCR_FILES, OCR_SETTINGS } from '../../extension/src/offscreen/ocr-settings.mjs';
import { readPicture } from '../../extension/src/offscreen/ocr-strategy.mjs';
import { rgbaPixels } from '../../tools/eval/images/detectors.mjs';
import { repoRoot as root, vigieBin as vigie, wasmDir } from './builds.mjs';

const require = createRequire(import.meta.url);
const { createWorker } = require('tesseract.js');
const fixtures = path.join(root, 'tests/fixtures/ocr');
const TOLERANCE = 12;

/** tesseract.js passes as ocr-strategy.mjs asks for them, counted. */
function recogniser(worker) {
  const recognise = async (image, options) => {
    recognise.passes += 1;
    return (await worker.recognize(Buffer.from(image), options, { blocks: true })).data;
  };
  recognise.passes = 0;
  return recognise;
}

// The photo as the extension reads it: downscaled to maxSide (ImageMagick here, the
// browser's canvas there), words back in the photo's pixels.
async function readWords(worker, file, options = {}) {
  const pixels = rgbaPixels(file, OCR_SETTINGS.maxSide);
  return readPicture(pixels, options.recognise ?? recogniser(worker), { scale: pixels.scale, ...options });
}

function near(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual}, expected ${expected} ± ${TOLERANCE}`);
}

describe('text in photos through wasm', () => {
  let engine;
  let worker;
  before(async () => {
    const mod = await loadEngineModule(wasmDir);
    const pack = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-ocr-')), 'pack.json');
    execFileSync(vigie, ['pack', 'build', path.join(root, 'packs/chu-nantes'), '-o', pack]);
    engine = new mod.Engine(fs.readFileSync(pack, 'utf8'), 'pack.json');
    assert.ok(engine.ok(), engine.error());
    worker = await createWorker(OCR_SETTINGS.lang, OCR_SETTINGS.oem, {
      langPath: path.dirname(path.join(root, 'node_modules', OCR_FILES.model.from)),
      cacheMethod: 'none',
    });
    await worker.setParameters(OCR_SETTINGS.parameters);
  });
  after(async () => {
    await worker?.terminate();
    engine?.delete();
  });

  test('a patient label: the IPP and the name are found where they are written', async () => {
    const words = await readWords(worker, path.join(fixtures, 'patient-label.jpg'));
    const result = engine.textInImageFindings(words, { platform: 'x', affiliated: false });
    assert.equal(result.error, undefined, result.error);
    const byRule = new Map(result.findings.map((f) => [f.rule, f]));

    const ipp = byRule.get('ipp-nda');
    assert.ok(ipp, `no IPP finding in ${JSON.stringify(result.findings.map((f) => f.rule))}`);
    assert.equal(ipp.category, 'secret_medical');
    assert.equal(ipp.severity, 'critical');
    assert.equal(ipp.source, 'ocr');
    assert.match(ipp.message, /^Texte lu dans la photo \(« IPP : 40123456 »\) : /);
    // "40123456" (the IPP pattern may start at "IPP"): x from 170-268 to 445, y 412-455.
    const [box] = ipp.regions;
    assert.ok(box.x >= 170 - TOLERANCE && box.x <= 268 + TOLERANCE, `x: ${box.x}`);
    near(box.x + box.w, 445, 'right edge');
    near(box.y, 414, 'top');
    near(box.y + box.h, 452, 'bottom');

    // The name with its date of birth or its care context (the pack's combinations).
    const named = result.findings.find((f) => /DUPONT Jeanne/.test(f.message) && f.severity === 'critical');
    assert.ok(named, JSON.stringify(result.findings.map((f) => f.message)));
    assert.ok(named.regions.some((r) => Math.abs(r.x - 175) <= TOLERANCE && Math.abs(r.y - 284) <= TOLERANCE),
      JSON.stringify(named.regions));
    // Without a context, words only (the eval's call) reads the same.
    assert.deepEqual(engine.textInImageFindings(words).findings.map((f) => f.rule),
      result.findings.map((f) => f.rule));
  });

  test('a label photographed sideways: turned back, the IPP and the name are found where they are in the photo', async () => {
    // patient-label.jpg turned a quarter counter-clockwise (and 2° tilted, as the label is):
    // tesseract's first pass reads nothing useful; the strategy's quarter turn reads it all.
    const words = await readWords(worker, path.join(fixtures, 'patient-label-sideways.jpg'));
    const { findings } = engine.textInImageFindings(words);
    const ipp = findings.find((f) => f.rule === 'ipp-nda');
    assert.ok(ipp, `no IPP finding in ${JSON.stringify(findings.map((f) => f.rule))}`);
    assert.equal(ipp.severity, 'critical');
    assert.match(ipp.message, /« IPP : 40123456 »/);
    // In the sideways photo (768x1024) the line runs upwards: x 412-455; "40123456" ends
    // (towards the top) at y ≈ 579, and starts at y ≈ 756 (or at "IPP", y ≈ 854).
    const [box] = ipp.regions;
    near(box.x, 412, 'left');
    near(box.x + box.w, 455, 'right');
    near(box.y, 579, 'top');
    assert.ok(box.y + box.h >= 756 - TOLERANCE && box.y + box.h <= 854 + TOLERANCE, `bottom: ${box.y + box.h}`);
    const named = findings.find((f) => /DUPONT Jeanne/.test(f.message) && f.severity === 'critical');
    assert.ok(named, JSON.stringify(findings.map((f) => f.message)));
    // "DUPONT Jeanne": x 283-325, y 539-849.
    assert.ok(named.regions.some((r) => Math.abs(r.x - 283) <= TOLERANCE && Math.abs(r.y + r.h - 849) <= TOLERANCE),
      JSON.stringify(named.regions));
  });

  test('a label upside down reads too, its boxes in the photo as attached', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-ocr-')), 'upside-down.jpg');
    execFileSync('convert', [path.join(fixtures, 'patient-label.jpg'), '-rotate', '180', file]);
    const { findings } = engine.textInImageFindings(await readWords(worker, file));
    const ipp = findings.find((f) => f.rule === 'ipp-nda');
    assert.ok(ipp, `no IPP finding in ${JSON.stringify(findings.map((f) => f.rule))}`);
    // Turned half a circle, (x, y) is at (1024 - x, 768 - y): the line "40123456" spans
    // x 579-756 (from 854 when it starts at "IPP"), y 313-356.
    const [box] = ipp.regions;
    near(box.x, 579, 'left');
    near(box.y, 313, 'top');
    near(box.y + box.h, 356, 'bottom');
  });

  test('cancelling stops the reading before its next pass', async () => {
    const controller = new AbortController();
    const recognise = recogniser(worker);
    const reading = readWords(worker, path.join(fixtures, 'patient-label-sideways.jpg'), {
      signal: controller.signal,
      recognise: async (...args) => {
        const data = await recognise(...args);
        controller.abort();
        return data;
      },
    });
    await assert.rejects(reading, { name: 'AbortError' });
    assert.equal(recognise.passes, 1);
  });

  test('a photo without text: no finding', async () => {
    const words = await readWords(worker, path.join(fixtures, 'no-text.jpg'));
    assert.deepEqual(engine.textInImageFindings(words).findings, []);
  });

  test('words read with low confidence are reported, never read', () => {
    const words = ['DUPONT', 'Jeanne', '40123456'].map((text, i) => ({
      text, confidence: 41, x: 10 + 100 * i, y: 10, w: 90, h: 20, line: 0,
    }));
    const { findings } = engine.textInImageFindings(words);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'info');
    assert.match(findings[0].message, /^Texte possiblement lisible/);
    assert.doesNotMatch(findings[0].message, /DUPONT|40123456/);
    assert.deepEqual(findings[0].regions, [{ x: 10, y: 10, w: 290, h: 20 }]);
  });

  test('malformed words are errors naming the word, not crashes', () => {
    assert.equal(engine.textInImageFindings('DUPONT').error, 'words: expected an array');
    assert.equal(engine.textInImageFindings([{ text: 'A', confidence: 140, x: 0, y: 0, w: 1, h: 1, line: 0 }]).error,
      'words/0/confidence: expected a number in [0, 100]');
    assert.equal(engine.textInImageFindings([{ text: 'A', confidence: 90, x: 0, y: 0, w: 1, h: 1 }]).error,
      'words/0/line: missing required field');
    assert.deepEqual(engine.textInImageFindings([]).findings, []);
  });
});
