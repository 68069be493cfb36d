// The vigie CLI as admins and other tools call it (architecture.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { vigieBin } from './builds.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vigie = vigieBin;
const minimalPack = path.join(root, 'tests/data/minimal-pack.json');
const run = (args, input) => spawnSync(vigie, args, { input, encoding: 'utf8' });

test('scan prints the findings of one text with the default pack', () => {
  const result = run(['scan', '-'], 'Mon voisin de chambre, son NIR : 2 55 08 14 168 025 38');
  assert.equal(result.status, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assert.equal(out.pack.id, 'chu-nantes');
  const nir = out.findings.find((f) => f.severity === 'critical');
  assert.ok(nir, result.stdout);
  assert.equal(nir.category, 'secret_medical');
  for (const key of ['rule', 'category', 'severity', 'start', 'end', 'message', 'guide']) {
    assert.ok(key in nir, `finding has ${key}`);
  }
});

test('scan reads a file and honours --platform, --affiliated and --photo-faces', () => {
  const file = path.join(os.tmpdir(), `vigie-cli-${process.pid}.txt`);
  fs.writeFileSync(file, 'Votez pour lui');
  try {
    const plain = JSON.parse(run(['scan', '--pack', minimalPack, file]).stdout);
    assert.deepEqual(plain.findings, []);
    const affiliated = JSON.parse(run(['scan', '--pack', minimalPack, '--affiliated', file]).stdout);
    assert.deepEqual(affiliated.findings.map((f) => f.rule), ['reserve']);
    const linkedin = run(['scan', '--pack', minimalPack, '--platform', 'linkedin', '-'],
      'la page officielle du service');
    assert.deepEqual(JSON.parse(linkedin.stdout).findings.map((f) => f.rule), ['linkedin-only']);
    // A face in the attached photo plus a care context in the text.
    const care = ['scan', '--pack', minimalPack, '-'];
    assert.deepEqual(JSON.parse(run(care, 'De retour en chambre 12').stdout).findings, []);
    const withFace = run(['scan', '--pack', minimalPack, '--photo-faces', '1', '-'], 'De retour en chambre 12');
    assert.deepEqual(JSON.parse(withFace.stdout).findings.map((f) => f.rule), ['face-with-care']);
  } finally {
    fs.unlinkSync(file);
  }
});

test('scan --jsonl answers one line per input, in order, with its id', () => {
  const input = [
    { id: 'a', text: 'Belle journée !' },
    { id: 7, text: 'quel connard' },
    { id: 'c', text: 'Votez', affiliated: true },
    { id: 'd', text: 'De retour en chambre 12', photo_faces: 2 },
  ].map((line) => JSON.stringify(line)).join('\n');
  const result = run(['scan', '--jsonl', '--pack', minimalPack], input);
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((line) => line.id), ['a', 7, 'c', 'd']);
  assert.deepEqual(lines.map((line) => line.findings.map((f) => f.rule)),
    [[], ['insult'], ['reserve'], ['face-with-care']]);
});

test('bad input exits 2 with one line naming the fault', () => {
  const badLine = run(['scan', '--jsonl', '--pack', minimalPack], '{"id": 1, "text": "ok"}\n{"id": 2}\n');
  assert.equal(badLine.status, 2);
  assert.equal(badLine.stderr.trim(), 'vigie: stdin: line 2: /text: missing required field');

  const notJson = run(['scan', '--jsonl', '--pack', minimalPack], 'hello\n');
  assert.equal(notJson.status, 2);
  assert.match(notJson.stderr, /line 1: not valid JSON/);

  const faces = run(['scan', '--photo-faces', 'two', '-'], 'x');
  assert.equal(faces.status, 2);
  assert.match(faces.stderr, /--photo-faces needs a number from 0 to 1000/);

  const platform = run(['scan', '--platform', 'tiktok', '-'], 'x');
  assert.equal(platform.status, 2);
  assert.match(platform.stderr, /--platform must be facebook, x or linkedin/);

  const missing = run(['scan', '--pack', '/nonexistent/pack.json', '-'], 'x');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /\/nonexistent\/pack\.json: cannot be read/);
});

test('pack validate names the file and JSON pointer of a fault', () => {
  const broken = JSON.parse(fs.readFileSync(minimalPack, 'utf8'));
  broken.rules[2].severity = 'grave';
  const file = path.join(os.tmpdir(), `vigie-broken-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(broken));
  try {
    const result = run(['pack', 'validate', file]);
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, new RegExp(`${file}: /rules/2/severity: must be info, warning or critical`));
  } finally {
    fs.unlinkSync(file);
  }
  const good = run(['pack', 'validate', minimalPack]);
  assert.equal(good.status, 0);
  assert.match(good.stdout, /valid pack minimal-test version 3/);
});

test('pack test runs embedded cases and fails on a broken expectation', () => {
  const ok = run(['pack', 'test', minimalPack]);
  assert.equal(ok.status, 0, ok.stdout);
  assert.match(ok.stdout, /8 passed, 0 failed/);

  const pack = JSON.parse(fs.readFileSync(minimalPack, 'utf8'));
  pack.tests.push({ text: 'quel connard', expect: [] });
  const file = path.join(os.tmpdir(), `vigie-failing-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(pack));
  try {
    const failing = run(['pack', 'test', file]);
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /FAIL \/tests\/2: expected: no finding; found: insult/);
  } finally {
    fs.unlinkSync(file);
  }
});

test('every command has --help', () => {
  for (const args of [['--help'], ['scan', '--help'], ['pack', '--help']]) {
    const result = run(args);
    assert.equal(result.status, 0, args.join(' '));
    assert.match(result.stdout, /Usage: vigie/);
  }
});
