// Builds lexicons/prenoms.txt: French first names from the npm package
// gender-detection-from-name (MIT), cleaned of common French words (Debian wfrench).
// Run: node packs/chu-nantes/tools/make-prenoms.mjs  (needs /usr/share/dict/french)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import frNames from 'gender-detection-from-name/names/fr.js';

const packDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dictionary = '/usr/share/dict/french';

// Frequent first names that wfrench also lists as common words; the pack matches first
// names with require_capital, so "une rose" or "un louis d'or" stays quiet.
const KEEP = new Set([
  'adèle', 'alexandra', 'alphonse', 'ambre', 'ange', 'auguste', 'augustin', 'augustine', 'aurore',
  'baptiste', 'benjamin', 'benoît', 'bernard', 'berthe', 'blanche', 'capucine', 'casimir',
  'céleste', 'célestin', 'césar', 'charlotte', 'claire', 'clarisse', 'claude', 'clémence',
  'clément', 'clémentine', 'colette', 'colombe', 'constance', 'daphné', 'diane', 'élise',
  'flore', 'florence', 'florent', 'florentin', 'germain', 'germaine', 'gilles', 'giselle',
  'gloria', 'guillaume', 'henry', 'hermine', 'hilaire', 'honoré', 'hyacinthe', 'iris',
  'jacqueline', 'jacques', 'jade', 'jean', 'jeanne', 'jérémie', 'joseph', 'jules', 'julien',
  'julienne', 'laura', 'laure', 'laurent', 'léonard', 'lise', 'lisette', 'lorraine', 'louis',
  'louise', 'madeleine', 'manuel', 'marc', 'margot', 'marguerite', 'maria', 'marie', 'marina',
  'marine', 'martial', 'martin', 'mathieu', 'maxime', 'mélodie', 'micheline', 'moïse', 'morgane',
  'octave', 'olive', 'olivier', 'oscar', 'pascal', 'pascale', 'patrice', 'paulette', 'perle',
  'philippine', 'pierre', 'pierrette', 'prune', 'régis', 'reine', 'rené', 'richard', 'robin',
  'romain', 'romane', 'rosa', 'rosalie', 'rose', 'sabine', 'serge', 'sylvain', 'sylvestre',
  'urbain', 'valentin', 'véronique', 'victoria', 'vincent', 'violette', 'virginie',
]);

// Words the noisy source lists as names but that a French hospital post uses as words.
const DROP = new Set([
  'patient', 'patiente', 'salle', 'saint', 'sainte', 'ide', 'bonne', 'belle', 'france', 'mai',
  'avril', 'juin', 'juillet', 'août', 'mars', 'janvier', 'octobre', 'nord', 'sud', 'est', 'ouest',
  'docteur', 'madame', 'monsieur', 'mademoiselle', 'mme', 'mlle', 'dr', 'pr', 'chu', 'samu', 'smur',
  'urgences', 'réa', 'bloc', 'box', 'lit', 'chambre', 'service', 'nantes', 'rezé', 'loire',
  'merci', 'bravo', 'super', 'top', 'love', 'team', 'hello', 'coucou', 'bonjour', 'bonsoir',
  'noël', 'toussaint', 'pâques', 'victoire', 'grâce', 'juste', 'jolie', 'paris', 'lyon', 'kiné',
  'mami', 'mamie', 'papi', 'papy', 'océan',
]);

// Compared without accents: the source often drops them ("ocean" for "océan").
const fold = (word) => word.normalize('NFD').replace(/\p{M}/gu, '');
const commonWords = new Set(
  fs.readFileSync(dictionary, 'utf8').split('\n').filter((w) => w && w === w.toLowerCase()).map(fold),
);
const kept = new Set([...KEEP].map(fold));
const dropped = new Set([...DROP].map(fold));

const names = [...new Set(frNames.keys())]
  .filter((n) => /^[\p{Ll}][\p{Ll}'-]+[\p{Ll}]$/u.test(n))
  .filter((n) => !dropped.has(fold(n)))
  .filter((n) => kept.has(fold(n)) || !commonWords.has(fold(n)))
  .sort((a, b) => a.localeCompare(b, 'fr'));

const header = [
  '# Prénoms (générés par tools/make-prenoms.mjs, ne pas éditer à la main).',
  '# Source : npm gender-detection-from-name (licence MIT), sans les mots courants du',
  '# dictionnaire wfrench (Debian). Les règles les cherchent avec une majuscule.',
];
fs.writeFileSync(path.join(packDir, 'lexicons/prenoms.txt'), [...header, ...names].join('\n') + '\n');
console.log(`prenoms.txt: ${names.length} first names`);
