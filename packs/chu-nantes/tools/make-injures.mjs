// Builds lexicons/injures.txt: French insults from the npm package french-badwords-list
// (MIT), without leetspeak spellings, exclamations that target nobody ("putain", "merde")
// and words with an innocent everyday meaning ("andouille", "pédale", "naze").
// Run: node packs/chu-nantes/tools/make-injures.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const packDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const source = path.join(path.dirname(require.resolve('french-badwords-list/package.json')), 'list.txt');

const DROP = new Set([
  // exclamations and verbs, not aimed at a person
  'bordel', 'putain', 'putin', 'merde', 'chier', 'foutre', 'couille', 'couilles', 'conchier',
  'emmerder', 'branler', 'demerder', 'démerder', 'couillonner', 'niquer', 'enculer', 'saloperie',
  'merdaille', 'crotte', 'crotté',
  // everyday meanings in a hospital or a kitchen
  'andouille', 'pédale', 'pedale', 'naze', 'nase', 'sale', 'pet', 'cul', 'gland', 'manche',
  'coche', 'punaise', 'gourde', 'magot', 'minable', 'misérable', 'miserable', 'épais', 'epais',
  'minus', 'pouf', 'raton', 'fumier', 'croûton', 'cricri', 'bougre', 'lien', 'caldoche',
  'chleuh', 'fritz', 'kraut', 'godon', 'rosbif', 'kikoo', 'kikou', 'niac', 'pecque', 'vier',
  'yeule', 'tebe', 'courtaud', 'counifle', 'patarin', 'pleutre', 'lâcheux', 'lacheux', 'gaupe',
  'moinaille', 'monacaille', 'robespierrot', 'ripopee', 'ripopée', 'stearique', 'stéarique',
  'drouille', 'satrouille', 'pissou', 'pounde', 'poundé', 'sottiseux', 'peteux', 'péteux',
  'teteux', 'téteux', 'chachar', 'cacou', 'bourdille', 'boukak', 'bitembois', 'xeropineur',
  'xéropineur', 'envaselineur', 'margouilliste', 'marchandot', 'glandouillou', 'panoufle',
  'gueniche', 'guindoule', 'gouilland', 'emmanche', 'emmanché', 'dugenoux', 'chauffard',
]);

const words = fs.readFileSync(source, 'utf8').split('\n').map((w) => w.trim())
  .filter((w) => w && /^[\p{L}' -]+$/u.test(w))
  .filter((w) => !DROP.has(w.toLowerCase()));
const unique = [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => a.localeCompare(b, 'fr'));

const header = [
  '# Injures (générées par tools/make-injures.mjs, ne pas éditer à la main).',
  '# Source : npm french-badwords-list (licence MIT), sans les jurons qui ne visent',
  '# personne ni les mots qui ont un sens courant. Argot hospitalier : argot-mepris.txt.',
];
fs.writeFileSync(path.join(packDir, 'lexicons/injures.txt'), [...header, ...unique].join('\n') + '\n');
console.log(`injures.txt: ${unique.length} insults`);
