// Quality floors of the default pack, measured on both parts of its corpus
// (tools/eval/eval.mjs), its embedded tests, and the guide itself, which must not look
// like a breach of itself. The floors sit below what the pack reaches, so that a
// regression fails here instead of slipping through.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { buildPack, evaluate, repoRoot } from '../../tools/eval/eval.mjs';
import { vigieBin } from './builds.mjs';

const bin = vigieBin;
const guide = path.resolve(repoRoot, '../shared/seed/guide-reseaux-sociaux.txt');

// Per part: minimum F1 per category (secret_medical also has recall and precision
// floors) and the maximum share of clean posts with a warning or critical finding.
const FLOORS = {
  dev: {
    f1: {
      secret_medical: 0.9, droit_image: 0.85, propriete_intellectuelle: 0.85, diffamation_injure: 0.85,
      devoir_reserve: 0.85, verification_sources: 0.85, compte_officiel: 0.85,
    },
    secretMedicalRecall: 0.92,
    secretMedicalPrecision: 0.92,
    maxCleanAlertRate: 0.03,
  },
  holdout: {
    f1: {
      secret_medical: 0.9, droit_image: 0.8, propriete_intellectuelle: 0.8, diffamation_injure: 0.8,
      devoir_reserve: 0.8, verification_sources: 0.8, compte_officiel: 0.8,
    },
    secretMedicalRecall: 0.9,
    secretMedicalPrecision: 0.9,
    maxCleanAlertRate: 0.05,
  },
};

assert.ok(fs.existsSync(bin), `${bin} is missing: run npm run build first`);
const pack = buildPack(bin);
after(() => fs.rmSync(path.dirname(pack), { recursive: true, force: true }));
const report = evaluate({ bin, pack });

for (const [part, floors] of Object.entries(FLOORS)) {
  test(`${part} corpus: quality floors`, () => {
    const score = report[part];
    for (const [category, floor] of Object.entries(floors.f1)) {
      const f1 = score.perCategory[category].f1;
      assert.ok(f1 >= floor, `${category} F1 ${f1.toFixed(3)} < floor ${floor}`);
    }
    const sm = score.perCategory.secret_medical;
    assert.ok(sm.recall >= floors.secretMedicalRecall, `secret_medical recall ${sm.recall.toFixed(3)} < ${floors.secretMedicalRecall}`);
    assert.ok(sm.precision >= floors.secretMedicalPrecision, `secret_medical precision ${sm.precision.toFixed(3)} < ${floors.secretMedicalPrecision}`);
    assert.ok(score.cleanAlertRate <= floors.maxCleanAlertRate,
      `clean posts alerted ${(100 * score.cleanAlertRate).toFixed(1)} % > ${100 * floors.maxCleanAlertRate} %`);
  });
}

test('the default pack passes its embedded tests', () => {
  execFileSync(bin, ['pack', 'test', pack], { stdio: ['ignore', 'ignore', 'pipe'] });
});

test('the guide itself gets no critical finding', { skip: !fs.existsSync(guide) && `${guide} not found` }, () => {
  const out = execFileSync(bin, ['scan', '--pack', pack, guide]);
  const critical = JSON.parse(out).findings.filter((f) => f.severity === 'critical');
  assert.deepEqual(critical.map((f) => `${f.rule}: ${f.start}-${f.end}`), []);
});
