// npm run eval:images: image-level recall and false alarms of the photo analyses (faces,
// codes, text) on the labelled set (set.json), through the extension's code paths in Node
// (detectors.mjs). Prints one table with the targets, then what was missed.
//   node tools/eval/images/eval.mjs [--wasm DIR] [--pack FILE | --bin VIGIE] [--out DIR]
//                                   [--only faces,codes,text] [--face-model TFLITE]
// --face-model tries another BlazeFace model than the one the extension ships.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectFaces, FACE_PICTURE, hasCodeFindings, hasTextFindings, rgbaPixels } from './detectors.mjs';
import { repoRoot } from './set.mjs';
import { SETUP_OPTIONS, setUp } from './setup.mjs';

const { values } = parseArgs({
  options: { ...SETUP_OPTIONS, only: { type: 'string', default: 'faces,codes,text' } },
});
const only = new Set(values.only.split(','));
const { images, packFile, engine } = await setUp(values, 'eval:images');
const TEXT_KINDS = new Set(['document', 'screen', 'label', 'whiteboard']);

/** RGBA pixels ({data, width, height}) turned a quarter, clockwise or not. */
function turnedQuarter({ data, width, height }, clockwise) {
  const out = new Uint8ClampedArray(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const to = clockwise ? x * height + (height - 1 - y) : (width - 1 - x) * height + y;
      out.set(data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4), to * 4);
    }
  }
  return { data: out, width: height, height: width };
}

const rows = [];
const notes = [];
const pct = (n, d) => (d ? `${n}/${d} = ${((100 * n) / d).toFixed(1)} %` : 'n/a');
/** A measured share; OK (share -> boolean) is omitted for information rows. */
function row(analysis, measure, n, d, target = '', ok = null) {
  rows.push([analysis, measure, pct(n, d), target, d && ok ? (ok(n / d) ? 'met' : 'NOT MET') : '']);
}

if (only.has('faces')) {
  const withFace = [];
  const withoutPeople = [];
  const faceless = []; // people in the picture, none of their faces visible: neither hit nor false alarm
  const turnedMissed = [];
  let turnedFlagged = 0;
  for (const image of images) {
    const pixels = rgbaPixels(image.file, FACE_PICTURE);
    const { faces, findings } = detectFaces(engine, pixels);
    const flagged = findings.length > 0;
    const group = image.faces > 0 ? withFace : image.people ? faceless : withoutPeople;
    group.push({ image, flagged, count: faces.length, findings });
    // The same photo turned a quarter each way: faces on their side, as a patient lying in
    // bed photographed from the side.
    if (image.faces === 0) continue;
    for (const clockwise of [true, false]) {
      if (detectFaces(engine, turnedQuarter(pixels, clockwise)).findings.length > 0) turnedFlagged++;
      else turnedMissed.push(`${image.id} (${clockwise ? 'clockwise' : 'counter-clockwise'})`);
    }
  }
  const hits = withFace.filter((r) => r.flagged);
  const alarms = withoutPeople.filter((r) => r.flagged);
  row('faces', 'photos with a visible face flagged', hits.length, withFace.length, '>= 95 %', (x) => x >= 0.95);
  row('faces', 'photos without people flagged', alarms.length, withoutPeople.length, '<= 5 %', (x) => x <= 0.05);
  const facelessFlagged = faceless.filter((r) => r.flagged);
  row('faces', 'photos of people with no visible face flagged (info)', facelessFlagged.length, faceless.length);
  row('faces', 'the same photos turned a quarter each way, flagged (info)', turnedFlagged, 2 * withFace.length);
  const groups = withFace.filter((r) => r.image.faces > 1);
  const counted = groups.filter((r) => r.count === r.image.faces);
  row('faces', 'group photos with every face counted (info)', counted.length, groups.length);
  for (const r of withFace.filter((x) => !x.flagged)) notes.push(`faces missed: ${r.image.id} (${r.image.what})`);
  for (const r of alarms) notes.push(`faces false alarm: ${r.image.id} (${r.image.what}), ${r.count} box(es)`);
  if (turnedMissed.length) notes.push(`faces turned a quarter, missed: ${turnedMissed.join(', ')}`);
  for (const r of facelessFlagged) notes.push(`faces on people with no visible face: ${r.image.id}, ${r.count} box(es)`);
  for (const r of groups.filter((x) => x.count !== x.image.faces)) {
    notes.push(`faces count: ${r.image.id} has ${r.image.faces}, ${r.count} found`);
  }
}

if (only.has('codes')) {
  if (!hasCodeFindings(engine)) {
    rows.push(['codes', 'readable codes found', 'not yet', '>= 90 %', 'engine has no codeFindings']);
  } else {
    const { codesIn, loadZxing } = await import('./code-reader.mjs');
    await loadZxing();
    let expected = 0;
    let found = 0;
    let wrong = 0;
    let flaggedWithCode = 0;
    let withCode = 0;
    for (const image of images) {
      const { codes, findings } = await codesIn(engine, image.file);
      const read = new Set(codes.map((c) => c.text));
      const hit = image.codes.filter((text) => read.has(text) && findings.length > 0);
      expected += image.codes.length;
      found += hit.length;
      for (const text of image.codes.filter((t) => !hit.includes(t))) notes.push(`code missed: ${image.id}: ${text}`);
      for (const code of codes.filter((c) => !image.codes.includes(c.text))) {
        wrong += 1;
        notes.push(`false decode: ${image.id}: ${code.format} ${JSON.stringify(code.text)}`);
      }
      if (image.codes.length) {
        withCode += 1;
        if (findings.length) flaggedWithCode += 1;
      }
    }
    row('codes', 'readable codes found (decoded and a finding)', found, expected, '>= 90 %', (x) => x >= 0.9);
    rows.push(['codes', 'false decodes (codes read that are not in the picture)', String(wrong), '0', wrong === 0 ? 'met' : 'NOT MET']);
    row('codes', 'photos with a code flagged (info)', flaggedWithCode, withCode);
  }
}

if (only.has('text')) {
  if (!hasTextFindings(engine)) {
    rows.push(['text', 'document/screen photos with a finding', 'not yet', '>= 80 %', 'engine has no textInImageFindings']);
  } else {
    const { startTextReader } = await import('./text-reader.mjs');
    const reader = await startTextReader(engine);
    const byKind = { doc: [], sign: [], none: [] };
    try {
      for (const image of images) {
        const kind = TEXT_KINDS.has(image.text) ? 'doc' : image.text === 'sign' ? 'sign' : image.text === null ? 'none' : null;
        if (!kind) continue;
        const { findings } = await reader.read(image.file);
        byKind[kind].push({ image, flagged: findings.length > 0, findings });
      }
    } finally {
      await reader.close();
    }
    const flagged = (list) => list.filter((r) => r.flagged).length;
    row('text', 'document/screen/label photos with a finding', flagged(byKind.doc), byKind.doc.length, '>= 80 %', (x) => x >= 0.8);
    const alerting = byKind.doc.filter((r) => r.findings.some((f) => f.severity !== 'info'));
    row('text', 'document/screen/label photos with a warning or critical finding (info)', alerting.length, byKind.doc.length);
    row('text', 'street signs with a finding (info)', flagged(byKind.sign), byKind.sign.length);
    row('text', 'photos without text with a finding (info)', flagged(byKind.none), byKind.none.length);
    for (const r of byKind.doc.filter((x) => !x.flagged)) notes.push(`text missed: ${r.image.id} (${r.image.what})`);
    for (const r of byKind.none.filter((x) => x.flagged)) {
      notes.push(`text on a photo without text: ${r.image.id}: ${r.findings.map((f) => f.rule).join(', ')}`);
    }
  }
}

const generated = images.filter((i) => i.recipe).length;
console.log(`Photos: ${images.length} (${images.length - generated} real from Debian and npm packages, ${generated} generated); ` +
  `pack ${packFile.startsWith(repoRoot) ? path.relative(repoRoot, packFile) : packFile}; ` +
  `engine ${values.wasm}; face model ${path.basename(values['face-model'])}\n`);
console.log('| analysis | measure | result | target | |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (notes.length) console.log(`\n${notes.join('\n')}`);
