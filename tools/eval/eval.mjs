// Measures the default pack on its labelled corpus (packs/chu-nantes/corpus/): per category
// precision, recall and F1 at post level, and the share of clean posts that get a warning
// or critical finding. A post counts as flagged for a category when any finding (any
// severity) of that category is reported on it.
//
//   node tools/eval/eval.mjs [--bin build/bin/vigie] [--pack build/pack/chu-nantes.json]
//
// The dev part is listed in detail (misses and false alerts); the holdout part only in
// counts, so that it stays unseen by whoever tunes the rules.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CATEGORIES = [
  'secret_medical', 'droit_image', 'propriete_intellectuelle', 'diffamation_injure',
  'devoir_reserve', 'verification_sources', 'compte_officiel',
];
export const PARTS = ['dev', 'holdout'];
const ALERT = new Set(['warning', 'critical']);

export function readCorpus(part) {
  const file = path.join(repoRoot, 'packs/chu-nantes/corpus', `${part}.jsonl`);
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

// Builds the pack from its source into OUT (default: a fresh temporary file).
export function buildPack(bin, out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-pack-')), 'chu-nantes.json')) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(bin, ['pack', 'build', path.join(repoRoot, 'packs/chu-nantes'), '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

// Scans every post with `vigie scan --jsonl`; returns a Map id -> findings.
export function scanPosts(bin, pack, posts) {
  const input = posts.map(({ id, text, platform, affiliated }) => JSON.stringify({ id, text, platform, affiliated })).join('\n') + '\n';
  const out = execFileSync(bin, ['scan', '--pack', pack, '--jsonl'], { input, maxBuffer: 64 << 20 });
  const results = new Map();
  for (const line of out.toString('utf8').split('\n').filter(Boolean)) {
    const { id, findings } = JSON.parse(line);
    results.set(id, findings);
  }
  return results;
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);

// Scores one part: per category counts and rates, the clean-post alert rate, and the
// misses and false alerts.
export function scorePart(posts, results) {
  const perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const misses = [];
  const falseAlerts = [];
  let clean = 0;
  let cleanAlerted = 0;
  for (const post of posts) {
    const findings = results.get(post.id) ?? [];
    const predicted = new Set(findings.map((f) => f.category));
    const expected = new Set(post.labels);
    for (const c of CATEGORIES) {
      if (expected.has(c) && predicted.has(c)) perCategory[c].tp++;
      else if (expected.has(c)) { perCategory[c].fn++; misses.push({ id: post.id, category: c, text: post.text }); }
      else if (predicted.has(c)) {
        perCategory[c].fp++;
        const rules = [...new Set(findings.filter((f) => f.category === c).map((f) => f.rule))];
        falseAlerts.push({ id: post.id, category: c, rules, text: post.text });
      }
    }
    if (expected.size === 0) {
      clean++;
      if (findings.some((f) => ALERT.has(f.severity))) cleanAlerted++;
    }
  }
  for (const counts of Object.values(perCategory)) {
    counts.precision = ratio(counts.tp, counts.tp + counts.fp);
    counts.recall = ratio(counts.tp, counts.tp + counts.fn);
    const { precision: p, recall: r } = counts;
    counts.f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  return { posts: posts.length, clean, cleanAlerted, cleanAlertRate: ratio(cleanAlerted, clean), perCategory, misses, falseAlerts };
}

export function evaluate({ bin, pack }) {
  const report = {};
  for (const part of PARTS) {
    const posts = readCorpus(part);
    report[part] = scorePart(posts, scanPosts(bin, pack, posts));
  }
  return report;
}

function formatTable(name, score) {
  const n = (x) => x.toFixed(2);
  const lines = [
    `${name}: ${score.posts} posts, ${score.clean} clean`,
    `  ${'category'.padEnd(26)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}   tp  fp  fn`,
  ];
  for (const [c, s] of Object.entries(score.perCategory)) {
    lines.push(`  ${c.padEnd(26)} ${n(s.precision).padStart(5)} ${n(s.recall).padStart(5)} ${n(s.f1).padStart(5)}  ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}`);
  }
  const all = Object.values(score.perCategory).reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  const p = ratio(all.tp, all.tp + all.fp);
  const r = ratio(all.tp, all.tp + all.fn);
  lines.push(`  ${'all (micro)'.padEnd(26)} ${n(p).padStart(5)} ${n(r).padStart(5)} ${n(p + r ? (2 * p * r) / (p + r) : 0).padStart(5)}  ${String(all.tp).padStart(3)} ${String(all.fp).padStart(3)} ${String(all.fn).padStart(3)}`);
  lines.push(`  clean posts with a warning/critical finding: ${score.cleanAlerted}/${score.clean} = ${(100 * score.cleanAlertRate).toFixed(1)} %`);
  return lines.join('\n');
}

function formatDetails(score) {
  const short = (t) => (t.length > 140 ? `${t.slice(0, 137)}...` : t);
  const lines = [`  misses (${score.misses.length}):`];
  for (const m of score.misses) lines.push(`    ${m.id} ${m.category}: ${short(m.text)}`);
  lines.push(`  false alerts (${score.falseAlerts.length}):`);
  for (const f of score.falseAlerts) lines.push(`    ${f.id} ${f.category} [${f.rules.join(', ')}]: ${short(f.text)}`);
  return lines.join('\n');
}

function main(argv) {
  const option = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const bin = option('--bin', path.join(repoRoot, 'build/bin/vigie'));
  const pack = option('--pack', null) ?? buildPack(bin, path.join(repoRoot, 'build/pack/chu-nantes.json'));
  const report = evaluate({ bin, pack });
  console.log(formatTable('dev', report.dev));
  console.log(formatDetails(report.dev));
  console.log();
  console.log(formatTable('holdout', report.holdout));
  console.log(`  misses: ${report.holdout.misses.length}, false alerts: ${report.holdout.falseAlerts.length} (not listed: the holdout stays unseen)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
