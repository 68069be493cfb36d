// Text in photos through the real wasm build: tesseract.js (with the settings the extension
// ships, extension/src/offscreen/ocr-settings.mjs) reads the committed fixtures
// (tests/fixtures/ocr/README.md), and engine.textInImageFindings reads the words with the
// default pack's rules. Boxes are checked against places measured on the picture (±12 px).
//   VIGIE_BIN and VIGIE_WASM_DIR choose the builds (builds.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadEngineModule } from '../../wasm/node-loader.mjs';
import { OCR_FILES, OCR_SETTINGS, wordsOf } from '../../extension/src/offscreen/ocr-settings.mjs';
import { repoRoot as root, vigieBin as vigie, wasmDir } from './builds.mjs';

const require = createRequire(import.meta.url);
const { createWorker } = require('tesseract.js');
const fixtures = path.join(root, 'tests/fixtures/ocr');
const TOLERANCE = 12;

// The photo as the extension reads it: downscaled to maxSide (ImageMagick here, the
// browser's canvas there), words scaled back to the photo's pixels.
async function readWords(worker, file) {
  const [width] = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' }).split(' ').map(Number);
  const side = OCR_SETTINGS.maxSide;
  const png = execFileSync('convert', [file, '-resize', `${side}x${side}>`, 'png:-'], { maxBuffer: 1 << 28 });
  const scaledWidth = Number(execFileSync('identify', ['-format', '%w', 'png:-'], { input: png, encoding: 'utf8' }));
  const { data } = await worker.recognize(png, {}, { blocks: true });
  return wordsOf(data, width / scaledWidth);
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
