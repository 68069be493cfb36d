// The labelled set (set.json) as files on disk: real photos where their Debian package put
// them, generated ones rebuilt into OUT_DIR when missing or when their recipe changed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './recipes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');

const TEXT_LABELS = new Set([null, 'document', 'screen', 'label', 'whiteboard', 'sign', 'other']);

/** Why IMAGE's entry is malformed, or null. */
function problem(image, sources, ids) {
  if (typeof image.id !== 'string' || ids.has(image.id)) return 'missing or repeated id';
  if (!Number.isInteger(image.faces) || image.faces < 0) return 'faces: expected a count (0 for no person)';
  if (image.people !== undefined && (image.people !== true || image.faces !== 0)) {
    return 'people: true only on a photo with people but no visible face (faces 0)';
  }
  if (!Array.isArray(image.codes) || image.codes.some((c) => typeof c !== 'string')) return 'codes: expected a list of contents';
  if (!TEXT_LABELS.has(image.text)) return `text: expected one of ${[...TEXT_LABELS].join(', ')}`;
  if (image.recipe) return ids.has(image.background) ? null : `background: ${image.background} is not an earlier photo`;
  return sources[image.from] && typeof image.path === 'string' ? null : 'from/path: unknown source';
}

/** set.json, checked: a malformed entry is an error naming it. */
export function readSet() {
  const set = JSON.parse(fs.readFileSync(path.join(here, 'set.json'), 'utf8'));
  const ids = new Set();
  for (const image of set.images) {
    const why = problem(image, set.sources, ids);
    if (why) throw new Error(`tools/eval/images/set.json: ${image.id ?? JSON.stringify(image)}: ${why}`);
    ids.add(image.id);
  }
  return set;
}

/** Every image of the set with `file` (absolute path) and `licence`; throws on a missing package file. */
export function materialise(outDir) {
  const set = readSet();
  const byId = new Map();
  const images = [];
  const missing = [];
  for (const image of set.images.filter((i) => !i.recipe)) {
    const source = set.sources[image.from];
    const file = path.resolve(repoRoot, source.dir, image.path);
    if (!fs.existsSync(file)) missing.push(`${file} (package ${source.package})`);
    const entry = { ...image, file, licence: `${source.package}: ${source.license}` };
    byId.set(image.id, entry);
    images.push(entry);
  }
  if (missing.length) throw new Error(`missing photos of the set:\n  ${missing.join('\n  ')}`);
  fs.mkdirSync(outDir, { recursive: true });
  for (const image of set.images.filter((i) => i.recipe)) {
    const background = byId.get(image.background);
    if (!background) throw new Error(`${image.id}: unknown background ${image.background}`);
    const file = path.join(outDir, `${image.id}.jpg`);
    const stamp = `${file}.recipe`;
    const key = crypto.createHash('sha256').update(JSON.stringify([image.recipe, background.file,
      fs.readFileSync(path.join(here, 'recipes.mjs'))])).digest('hex');
    if (!fs.existsSync(file) || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== key) {
      generate(image.recipe, background.file, file, path.join(outDir, 'work', image.id));
      fs.writeFileSync(stamp, key);
    }
    images.push({ ...image, file, licence: `generated (recipes.mjs) on ${background.id}: ${background.licence}` });
  }
  return images;
}
