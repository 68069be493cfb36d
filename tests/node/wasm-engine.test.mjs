// The real wasm build in Node: same findings as the native CLI on the
// corpus, errors as data for bad packs, exact UTF-16 offsets.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadEngineModule } from '../../wasm/node-loader.mjs';
import { vigieBin, wasmDir } from './builds.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vigie = vigieBin;
const defaultPack = path.join(root, 'build/pack/chu-nantes.json');
const minimalPack = path.join(root, 'tests/data/minimal-pack.json');

// Texts for the parity check: the labelled corpus (with its platforms and
// affiliation flags) plus texts built to stress offsets and edge cases.
function parityInputs() {
  const inputs = [];
  for (const part of ['dev', 'holdout']) {
    const file = path.join(root, `packs/chu-nantes/corpus/${part}.jsonl`);
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { id, text, platform, affiliated } = JSON.parse(line);
      inputs.push({ id, text, platform, affiliated });
    }
  }
  const pieces = ['😀', 'é', 'e\u0301', '👩‍⚕️', '’', ' ', '\n', 'Mme Durand', 'chambre 12',
    '2 55 08 14 168 025 38', '06 12 34 56 78', 'CHU', '🇫🇷', 'connard'];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 60; i++) {
    let text = '';
    for (let j = next() % 25; j > 0; j--) text += pieces[next() % pieces.length];
    inputs.push({ id: `generated-${i}`, text });
  }
  return inputs;
}

function nativeFindings(inputs, pack) {
  const jsonl = inputs.map((input) => JSON.stringify(input)).join('\n');
  const out = execFileSync(vigie, ['scan', '--jsonl', '--pack', pack], {
    input: jsonl,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return new Map(out.trim().split('\n').map((line) => {
    const { id, findings } = JSON.parse(line);
    return [id, findings];
  }));
}

describe('wasm engine', () => {
  let mod;
  let engine;
  before(async () => {
    mod = await loadEngineModule(wasmDir);
    engine = new mod.Engine(fs.readFileSync(defaultPack, 'utf8'), 'chu-nantes.json');
    assert.equal(engine.ok(), true, engine.error());
  });
  after(() => engine?.delete());

  test('gives the same findings as the native CLI on at least 200 texts', () => {
    const inputs = parityInputs();
    assert.ok(inputs.length >= 200, `only ${inputs.length} texts`);
    const native = nativeFindings(inputs, defaultPack);
    let withFindings = 0;
    for (const input of inputs) {
      const wasm = engine.analyze(input.text, {
        platform: input.platform ?? '',
        affiliated: input.affiliated ?? false,
      });
      assert.deepEqual(wasm, native.get(input.id), `text ${input.id}`);
      if (wasm.length > 0) withFindings++;
    }
    // The comparison means something only if many texts have findings.
    assert.ok(withFindings >= 100, `only ${withFindings} texts with findings`);
  });

  test('offsets are UTF-16 code units: each span is the NIR in the JS string', () => {
    const nir = '2 55 08 14 168 025 38';
    for (const before of ['', '😀', '👩‍⚕️ é e\u0301 ', '🇫🇷🇫🇷\n']) {
      const text = `${before}Numéro : ${nir} !`;
      const nirFinding = engine.analyze(text, {}).find((f) => f.category === 'secret_medical');
      assert.ok(nirFinding, text);
      assert.equal(text.slice(nirFinding.start, nirFinding.end), nir);
    }
  });

  test('a lone surrogate counts as one unit, as in the DOM', () => {
    const text = '\uD800 2 55 08 14 168 025 38';
    const [finding] = engine.analyze(text, {});
    assert.equal(text.slice(finding.start, finding.end), '2 55 08 14 168 025 38');
  });

  test('an over-long text is analysed up to the cap and says so', () => {
    const text = 'Son NIR 2 55 08 14 168 025 38. ' + 'bla '.repeat(30000);
    const findings = engine.analyze(text, {});
    const notice = findings.at(-1);
    assert.equal(notice.rule, 'vigie.text_truncated');
    assert.equal(notice.severity, 'info');
    assert.equal(notice.start, 100000);
    assert.equal(notice.end, text.length);
    assert.ok(findings.some((f) => f.start === 8), 'the NIR before the cap is found');
  });

  test('context reaches the engine: platform, affiliation, faces in the attached photos', () => {
    const small = new mod.Engine(fs.readFileSync(minimalPack, 'utf8'), 'minimal-pack.json');
    try {
      assert.deepEqual(small.analyze('Votez pour lui', { affiliated: false }), []);
      assert.equal(small.analyze('Votez pour lui', { affiliated: true })[0].rule, 'reserve');
      assert.equal(small.analyze('la page officielle du service', { platform: 'linkedin' }).length, 1);
      assert.equal(small.analyze('la page officielle du service', { platform: 'x' }).length, 0);
      assert.deepEqual(small.analyze('De retour en chambre 12', {}), []);
      assert.equal(small.analyze('De retour en chambre 12', { photoFaces: 1 })[0].rule, 'face-with-care');
    } finally {
      small.delete();
    }
  });

  test('a malformed pack is an error object naming file and pointer; the module lives on', () => {
    const broken = JSON.parse(fs.readFileSync(minimalPack, 'utf8'));
    broken.rules[0].pattern = '(\\d{15}';
    const bad = new mod.Engine(JSON.stringify(broken), 'broken.json');
    assert.equal(bad.ok(), false);
    assert.match(bad.error(), /^broken\.json: \/rules\/0\/pattern: RE2 refused the pattern/);
    assert.deepEqual(bad.analyze('2 55 08 14 168 025 38', {}), []);
    bad.delete();

    const notJson = new mod.Engine('{"format": "vigie-pack",', 'truncated.json');
    assert.equal(notJson.ok(), false);
    assert.match(notJson.error(), /^truncated\.json: line 1, column \d+: not valid JSON/);
    notJson.delete();

    // The same module still analyses with the good engine.
    assert.equal(engine.analyze('2 55 08 14 168 025 38', {})[0].category, 'secret_medical');
  });

  test('photos: same metadata and findings as `vigie image`; the clean copy has no GPS', () => {
    const photo = path.join(root, 'node_modules/exif-parser/test/starfish.jpg');
    const bytes = new Uint8Array(fs.readFileSync(photo));
    const wasm = engine.analyzeImage(bytes, {});
    const native = JSON.parse(execFileSync(vigie, ['image', photo], { encoding: 'utf8' }));
    assert.deepEqual(wasm.findings, native.findings);
    assert.deepEqual(wasm.metadata, native.metadata);
    assert.ok(wasm.findings.some((f) => f.severity === 'warning'), 'a GPS position is a warning');

    const { bytes: clean } = engine.stripImage(bytes);
    assert.deepEqual([...clean.slice(0, 2)], [0xff, 0xd8], 'still a JPEG');
    assert.ok(clean.length < bytes.length);
    const after = engine.analyzeImage(clean, {});
    assert.equal(JSON.stringify(after.metadata).includes('latitude'), false);
  });

  test('a file that is not a photo is an error, not a crash', () => {
    const result = engine.analyzeImage(new TextEncoder().encode('not a photo at all'), {});
    assert.equal(typeof result.error, 'string');
    assert.equal(typeof engine.stripImage(new Uint8Array([0xff, 0xd8, 0xff])).error, 'string');
  });

  test('reports the engine version and the pack in force', () => {
    assert.match(mod.version(), /^\d+\.\d+\.\d+$/);
    const info = engine.packInfo();
    assert.equal(info.id, 'chu-nantes');
    assert.ok(info.version >= 1);
  });
});
