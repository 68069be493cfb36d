// Barcodes and 2D codes: zxing-wasm (the module the extension ships) decodes the fixture
// photos (tests/fixtures/codes, made by make-fixtures.sh) with the extension's passes
// (code-reading.mjs), the real wasm engine turns what it read into findings with the CHU pack,
// and the native CLI (libzxing) agrees on the same files.
//   VIGIE_BIN and VIGIE_WASM_DIR choose the builds (builds.mjs).
//
// Tolerances: boxes are asserted within 6 pixels of where make-fixtures.sh drew each symbol
// (zxing gives module corners; decoding at a pass's size and scaling back costs up to 2 photo
// pixels per decoded pixel); the two builds' boxes agree within 6 pixels (for a linear code,
// libzxing 1.4's box is one scan line: only its x extent is compared).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { readBarcodes } from 'zxing-wasm/reader';
import { CODE_SETTINGS } from '../../extension/src/background/code-settings.mjs';
import { loadZxing, pixelsOf, readCodes } from '../../tools/eval/images/code-reader.mjs';
import { loadEngineModule } from '../../wasm/node-loader.mjs';
import { repoRoot as root, vigieBin as vigie, wasmDir } from './builds.mjs';

const fixtures = path.join(root, 'tests/fixtures/codes');
const TOLERANCE = 6;

// As extension/src/background/code-host.ts reads them: each pass on the photo shrunk to its size
// (ImageMagick here, the browser's canvas there), boxes in the photo's pixels.
const decode = (name) => readCodes(pixelsOf(path.join(fixtures, name)));

function assertBox(actual, expected, what) {
  for (const key of ['x', 'y', 'w', 'h']) {
    assert.ok(Math.abs(actual[key] - expected[key]) <= TOLERANCE,
      `${what} ${key}: ${actual[key]}, expected ${expected[key]} ± ${TOLERANCE}`);
  }
}

function nativeCodeFindings(file, pack) {
  const out = execFileSync(vigie, ['image', '--pack', pack, file], { encoding: 'utf8' });
  const line = JSON.parse(out.trim().split('\n')[0]);
  assert.ok(line.analyses.includes('codes'), `native run skipped codes: ${JSON.stringify(line.skipped)}`);
  return line.findings.filter((f) => f.source === 'code');
}

describe('codes in photos: zxing-wasm and the wasm engine', () => {
  let engine;
  let pack;
  before(async () => {
    await loadZxing();
    const mod = await loadEngineModule(wasmDir);
    pack = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-codes-')), 'pack.json');
    execFileSync(vigie, ['pack', 'build', path.join(root, 'packs/chu-nantes'), '-o', pack]);
    engine = new mod.Engine(fs.readFileSync(pack, 'utf8'), 'pack.json');
    assert.ok(engine.ok(), engine.error());
  });

  test('a wristband\'s DataMatrix holding an IPP-like number is a critical finding', async () => {
    const codes = await decode('wristband.jpg');
    assert.equal(codes.length, 1);
    assert.equal(codes[0].format, 'DataMatrix');
    assert.equal(codes[0].text, '804512376');
    // make-fixtures.sh: 10 px modules, 12x12 symbol drawn at (1170, 530).
    const box = { x: 1170, y: 530, w: 120, h: 120 };
    assertBox(codes[0], box, 'DataMatrix');

    const result = engine.codeFindings(codes, { platform: 'x', affiliated: false });
    assert.equal(result.error, undefined, result.error);
    const [finding] = result.findings;
    assert.equal(finding.rule, 'image-code');
    assert.equal(finding.category, 'secret_medical');
    assert.equal(finding.severity, 'critical');
    assert.equal(finding.format, 'Data Matrix');
    assert.match(finding.message, /identifiant de patient \(« 804512376 »\)/);
    assert.equal(finding.regions.length, 1);
    assertBox(finding.regions[0], box, 'finding region');
    assert.ok(result.findings.every((f) => f.source === 'code' && f.regions.length === 1));
  });

  test('a QR code\'s URL is a warning that quotes it; an EAN on a product is only an info', async () => {
    const [qr] = await decode('qr-poster.png');
    assert.equal(qr.format, 'QRCode');
    assert.equal(qr.text, 'https://www.chu-nantes.fr/don-du-sang');
    // 6 px modules, 29x29 symbol drawn at (524, 184).
    assertBox(qr, { x: 524, y: 184, w: 174, h: 174 }, 'QR code');
    const [ean] = await decode('ean-product.jpg');
    assert.equal(ean.format, 'EAN13');
    assert.equal(ean.text, '3017620422003');
    // Bars from x 313 to 597 (after zint's quiet zone), 210 down to the digits (y 359).
    assertBox(ean, { x: 313, y: 210, w: 284, h: 149 }, 'EAN-13');

    const { findings } = engine.codeFindings([qr, ean]);
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.format]), [
      ['image-code', 'warning', 'QR Code'],
      ['image-code-produit', 'info', 'EAN-13'],
    ]);
    assert.match(findings[0].message, /« https:\/\/www\.chu-nantes\.fr\/don-du-sang »/);
  });

  test('a small Code 128 on a tube label, too fine for 1024 px, is read at 2048 px', async () => {
    const file = path.join(fixtures, 'tube-label.jpg');
    // What makes this photo a test of the high-resolution pass: at the 2D codes' size its bars
    // are about 1 px wide and the same linear reading finds nothing.
    const matrixPass = CODE_SETTINGS.passes.find((pass) => pass.options.formats.includes('AllMatrix'));
    const linearPass = CODE_SETTINGS.passes.find((pass) => pass.options.formats.includes('AllLinear'));
    assert.ok(linearPass.maxSide > matrixPass.maxSide, JSON.stringify(CODE_SETTINGS.passes));
    const { image } = pixelsOf(file)(matrixPass.maxSide);
    assert.deepEqual(await readBarcodes(image, linearPass.options), []);

    const codes = await decode('tube-label.jpg');
    assert.equal(codes.length, 1, JSON.stringify(codes));
    assert.equal(codes[0].format, 'Code128');
    assert.equal(codes[0].text, '805123764');
    // make-fixtures.sh: 3 px modules, 303x60 bars at (760, 790) in the 3200x2000 photo.
    assertBox(codes[0], { x: 760, y: 790, w: 303, h: 60 }, 'Code 128');
    const [finding] = engine.codeFindings(codes).findings;
    assert.equal(finding.rule, 'image-code');
    assert.equal(finding.severity, 'critical');
    assert.match(finding.message, /« 805123764 »/);
    assertBox(finding.regions[0], { x: 760, y: 790, w: 303, h: 60 }, 'finding region');
  });

  test('no false decode on a photo without a code', async () => {
    assert.deepEqual(await decode('no-code.jpg'), []);
  });

  test('the content goes through the text rules, with the code\'s region', () => {
    const code = { format: 'QRCode', text: 'Numéro de sécu : 2 55 08 14 168 025 38', x: 10, y: 20, w: 100, h: 100 };
    const { findings } = engine.codeFindings([code]);
    assert.equal(findings[0].rule, 'image-code');
    assert.equal(findings[0].severity, 'critical');
    const nir = findings.find((f) => f.rule === 'nir');
    assert.ok(nir, JSON.stringify(findings));
    assert.equal(nir.category, 'secret_medical');
    assert.equal(nir.severity, 'critical');
    assert.match(nir.message, /^Lu dans un code QR Code de la photo : /);
    assert.match(nir.message_en, /^Read from the photo's QR Code: This looks like a valid French social security number/);
    assert.deepEqual(nir.regions, [{ x: 10, y: 20, w: 100, h: 100 }]);
  });

  test('bad input is an error naming the field, not a crash', () => {
    assert.match(engine.codeFindings('nope').error, /^codes: expected an array/);
    assert.equal(engine.codeFindings([{ format: 'QRCode', x: 0, y: 0, w: 1, h: 1 }]).error,
      'codes/0/text: expected a string');
    assert.equal(engine.codeFindings([{ format: 'QRCode', text: 'x', x: 0, y: 0, w: -4, h: 1 }]).error,
      'codes/0/w: must be >= 0');
    assert.deepEqual(engine.codeFindings([]).findings, []);
  });

  test('the native CLI (libzxing) finds the same codes and findings', async () => {
    for (const name of ['wristband.jpg', 'qr-poster.png', 'ean-product.jpg']) {
      const wasm = engine.codeFindings(await decode(name)).findings;
      const native = nativeCodeFindings(path.join(fixtures, name), pack);
      assert.equal(native.length, wasm.length, name);
      native.forEach((finding, i) => {
        const { regions: [box], ...rest } = finding;
        const { regions: [wasmBox], ...wasmRest } = wasm[i];
        assert.deepEqual(rest, wasmRest, name);
        if (finding.format === 'EAN-13') {
          // libzxing 1.4 boxes a linear code as the scan line that read it: inside the bars.
          assertBox({ ...box, y: wasmBox.y, h: wasmBox.h }, wasmBox, `${name} native vs wasm`);
          assert.ok(box.y >= wasmBox.y && box.y + box.h <= wasmBox.y + wasmBox.h, JSON.stringify(box));
        } else {
          assertBox(box, wasmBox, `${name} native vs wasm`);
        }
      });
    }
    assert.deepEqual(nativeCodeFindings(path.join(fixtures, 'no-code.jpg'), pack), []);
  });
});
