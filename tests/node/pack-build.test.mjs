// `vigie pack build DIR -o FILE` names a fault where the admin wrote it: the source file and
// the pointer in it, not a position in the merged pack, which is not written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot, vigieBin as vigie } from './builds.mjs';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-pack-build-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the CHU pack's source folder with `edit(source)` applied to one JSON file. */
function sourceWith(name, file, edit) {
  const source = path.join(dir, name);
  fs.cpSync(path.join(repoRoot, 'packs/chu-nantes'), source, { recursive: true });
  const target = path.join(source, file);
  const json = JSON.parse(fs.readFileSync(target, 'utf8'));
  edit(json);
  fs.writeFileSync(target, JSON.stringify(json, null, 2));
  return source;
}

/** Builds `source`; asserts exit 2, one line on stderr naming `where`, and no output file. */
function assertRefused(source, where) {
  const output = path.join(dir, `${path.basename(source)}.json`);
  const result = spawnSync(vigie, ['pack', 'build', source, '-o', output], { encoding: 'utf8' });
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /^[^\n]+\n$/, 'one line');
  assert.ok(result.stderr.includes(where), result.stderr);
  assert.ok(!fs.existsSync(output), 'nothing written');
}

test('a fault in a rules file names that file, the rule\'s index in it and its id', () => {
  const source = sourceWith('severity', 'rules/devoir-reserve.json', (rules) => {
    rules[5].severity = 'grave';
  });
  assertRefused(source, `${path.join(source, 'rules/devoir-reserve.json')}: /5/severity `
    + '(rule "opinion-politique"): must be info, warning or critical');
});

test('a pattern RE2 refuses is named in its rules file with RE2\'s error', () => {
  const source = sourceWith('pattern', 'rules/secret-medical.json', (rules) => {
    rules[0].pattern = '(unclosed';
  });
  assertRefused(source, `${path.join(source, 'rules/secret-medical.json')}: /0/pattern (rule "nir"): `);
});

test('faults in pack.json and image.json name those files', () => {
  assertRefused(sourceWith('header', 'pack.json', (pack) => {
    pack.version = 'deux';
  }), 'pack.json: /version');
  const image = sourceWith('image', 'image.json', (section) => {
    delete section.geofences[0].polygon;
  });
  assertRefused(image, `${path.join(image, 'image.json')}: /geofences/0`);
});
