// `vigie pack publish PACK --key KEY --to DIR` (issue 7): what a static web server hands to
// the extension's updater. The CLI is $VIGIE_BIN, by default build/bin/vigie (builds.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot, vigieBin as vigie } from './builds.mjs';

const builtPack = path.join(repoRoot, 'build/pack/chu-nantes.json');
const run = (args) => spawnSync(vigie, args, { encoding: 'utf8' });

let dir;
let key;
// The built pack, with an expiry that will not pass while the test lives (publish refuses an
// expired pack).
const base = () => ({ ...JSON.parse(fs.readFileSync(builtPack, 'utf8')), expires: '2099-12-31' });

/** Writes `pack` (an object) as a file and returns its path. */
const writePack = (name, pack) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(pack));
  return file;
};
const withVersion = (version) => ({ ...base(), version });
/** Every file of `folder` with its bytes, to prove that a refusal changed nothing. */
const snapshot = (folder) => Object.fromEntries(
  fs.readdirSync(folder).sort().map((name) => [name, fs.readFileSync(path.join(folder, name))]));
const oneLine = (text) => assert.match(text, /^[^\n]+\n$/, `one line expected: ${JSON.stringify(text)}`);
const newSite = (name) => {
  const site = path.join(dir, name);
  fs.mkdirSync(site);
  return site;
};

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-pack-publish-'));
  key = path.join(dir, 'admin.key');
  const result = run(['pack', 'keygen', key]);
  assert.equal(result.status, 0, result.stderr);
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('publish writes the versioned pack, its signature, and latest.json pointing to them', () => {
  const site = path.join(dir, 'site'); // created by publish
  const pack = base();
  const file = writePack('first.json', pack);
  const result = run(['pack', 'publish', file, '--key', key, '--to', site]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /published pack chu-nantes version/);

  const packName = `chu-nantes-${pack.version}.json`;
  assert.deepEqual(fs.readdirSync(site).sort(), [packName, `${packName}.sig`, 'latest.json']);
  const bytes = fs.readFileSync(path.join(site, packName));
  assert.deepEqual(bytes, fs.readFileSync(file), 'the exact bytes are published');
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'latest.json'), 'utf8'));
  assert.equal(manifest.id, 'chu-nantes');
  assert.equal(manifest.version, pack.version);
  assert.equal(manifest.pack, packName, 'relative to latest.json');
  assert.equal(manifest.signature, `${packName}.sig`);
  assert.equal(manifest.size, bytes.length);
  assert.equal(manifest.sha256, crypto.createHash('sha256').update(bytes).digest('hex'));
  assert.equal(manifest.issued, pack.issued);
  assert.equal(manifest.expires, pack.expires);

  // The published signature verifies, with the CLI and with node:crypto (as WebCrypto).
  const sigFile = path.join(site, manifest.signature);
  const verify = run(['pack', 'verify', path.join(site, packName), '--sig', sigFile, '--pub', `${key}.pub`]);
  assert.equal(verify.status, 0, verify.stderr);
  const sig = Buffer.from(JSON.parse(fs.readFileSync(sigFile, 'utf8')).signature, 'base64');
  assert.ok(crypto.verify(null, bytes, crypto.createPublicKey(fs.readFileSync(`${key}.pub`)), sig));
});

test('a newer version is published next to the older one; latest.json moves to it', () => {
  const site = newSite('upgrade');
  const v1 = base().version;
  assert.equal(run(['pack', 'publish', writePack('v1.json', withVersion(v1)), '--key', key, '--to', site]).status, 0);
  const result = run(['pack', 'publish', writePack('v2.json', withVersion(v1 + 1)), '--key', key, '--to', site]);
  assert.equal(result.status, 0, result.stderr);
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'latest.json'), 'utf8'));
  assert.equal(manifest.version, v1 + 1);
  assert.equal(manifest.pack, `chu-nantes-${v1 + 1}.json`);
  assert.ok(fs.existsSync(path.join(site, `chu-nantes-${v1}.json`)), 'the old version stays');
  assert.ok(!fs.readdirSync(site).some((name) => name.endsWith('.tmp')), 'no temporary file left');
});

test('the same or an older version than the published one is refused (exit 2), DIR unchanged', () => {
  const site = newSite('no-rollback');
  const v = base().version + 5;
  assert.equal(run(['pack', 'publish', writePack('v.json', withVersion(v)), '--key', key, '--to', site]).status, 0);
  const before = snapshot(site);
  for (const version of [v, v - 1]) {
    const result = run(['pack', 'publish', writePack(`old-${version}.json`, withVersion(version)),
      '--key', key, '--to', site]);
    assert.equal(result.status, 2, result.stdout + result.stderr);
    oneLine(result.stderr);
    assert.match(result.stderr, new RegExp(`version ${version} is not greater than version ${v}`));
    assert.deepEqual(snapshot(site), before);
  }
});

test('a pack whose tests fail is refused (exit 1) with the count, DIR unchanged', () => {
  const site = newSite('failing');
  assert.equal(run(['pack', 'publish', writePack('ok.json', base()), '--key', key, '--to', site]).status, 0);
  const before = snapshot(site);
  const pack = withVersion(base().version + 1);
  // Two pack-level tests that cannot pass: a rule id that no text produces.
  pack.tests = [...(pack.tests ?? []),
    { text: 'Bonjour à tous', expect: ['no-such-rule'] },
    { text: 'Belle journée', expect: ['no-such-rule'] }];
  const result = run(['pack', 'publish', writePack('failing.json', pack), '--key', key, '--to', site]);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /FAIL \/tests\//);
  assert.match(result.stderr, /2 test\(s\) failed; nothing published/);
  assert.deepEqual(snapshot(site), before);
});

test('a wrong key, or truncated or unreadable files, exit 2 with the reason, DIR unchanged', () => {
  const site = newSite('bad-input');
  assert.equal(run(['pack', 'publish', writePack('ok2.json', base()), '--key', key, '--to', site]).status, 0);
  const before = snapshot(site);
  const next = writePack('next.json', withVersion(base().version + 1));
  const write = (name, content) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const truncatedPack = write('truncated-pack.json', fs.readFileSync(next, 'utf8').slice(0, 200));
  const truncatedKey = write('truncated.key', fs.readFileSync(key, 'utf8').slice(0, 50));
  const unreadable = write('unreadable.json', fs.readFileSync(next));
  fs.chmodSync(unreadable, 0);
  const rsaKey = write('rsa.key', crypto.generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const huge = writePack('huge.json', { ...withVersion(base().version + 1), description: 'x'.repeat(4 * 1024 * 1024) });
  const brokenSite = newSite('broken-manifest');
  fs.writeFileSync(path.join(brokenSite, 'latest.json'), '{"id": "chu-nantes", "vers');
  const otherSite = newSite('other-pack');
  fs.writeFileSync(path.join(otherSite, 'latest.json'), JSON.stringify({ id: 'other', version: 1 }));
  const cases = [
    [[next, '--key', `${key}.pub`, '--to', site], 'not an unencrypted PEM private key'],
    [[next, '--key', rsaKey, '--to', site], 'not an Ed25519 private key'],
    [[next, '--key', truncatedKey, '--to', site], 'truncated.key'],
    [[next, '--key', path.join(dir, 'none.key'), '--to', site], 'none.key: cannot be read'],
    [[truncatedPack, '--key', key, '--to', site], 'truncated-pack.json'],
    [[path.join(dir, 'none.json'), '--key', key, '--to', site], 'none.json: cannot be read'],
    [[next, '--key', key, '--to', brokenSite], 'not a pack manifest'],
    [[next, '--key', key, '--to', otherSite], 'publishes pack other, not chu-nantes'],
    [[next, '--key', key, '--to', next], 'not a directory'],
    [[huge, '--key', key, '--to', site], 'browsers refuse packs over 4194304 bytes'],
    [[next, '--key', key], 'usage'],
    [[next, '--to', site], 'usage'],
  ];
  if (process.getuid?.() !== 0) cases.push([[unreadable, '--key', key, '--to', site], 'unreadable.json']);
  for (const [args, expected] of cases) {
    const result = run(['pack', 'publish', ...args]);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
    oneLine(result.stderr);
    assert.ok(result.stderr.includes(expected), `${args.join(' ')}: ${result.stderr}`);
    assert.deepEqual(snapshot(site), before);
  }
});

/** The local date `offset` days from today, as browsers and the CLI compare expiry dates. */
const localDay = (offset) => {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
};

test('an expired pack is neither published nor signed (exit 2, naming /expires); one expiring soon is, with a warning', () => {
  const site = newSite('expiry');
  const expired = writePack('expired.json',
    { ...withVersion(base().version + 1), issued: localDay(-60), expires: localDay(-1) });
  const published = run(['pack', 'publish', expired, '--key', key, '--to', site]);
  assert.equal(published.status, 2, published.stdout + published.stderr);
  oneLine(published.stderr);
  assert.match(published.stderr, /expired\.json: \/expires: the pack expired on \d{4}-\d\d-\d\d .*"expires".*nothing published/);
  assert.deepEqual(fs.readdirSync(site), []);
  const signed = run(['pack', 'sign', expired, '--key', key]);
  assert.equal(signed.status, 2, signed.stdout + signed.stderr);
  assert.match(signed.stderr, /\/expires: the pack expired/);
  assert.ok(!fs.existsSync(`${expired}.sig`), 'no signature written');

  const soon = writePack('soon.json',
    { ...withVersion(base().version + 1), issued: localDay(-60), expires: localDay(10) });
  const warned = run(['pack', 'publish', soon, '--key', key, '--to', site]);
  assert.equal(warned.status, 0, warned.stderr);
  assert.match(warned.stderr, /warning: .*soon\.json: \/expires: the pack expires on .*, in 10 day\(s\)/);
  assert.ok(fs.existsSync(path.join(site, 'latest.json')));
});

test('publish creates the missing parents of DIR; a DIR that cannot be made says why', () => {
  const deep = path.join(dir, 'srv', 'vigie', 'packs');
  const result = run(['pack', 'publish', writePack('deep.json', base()), '--key', key, '--to', deep]);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(fs.existsSync(path.join(deep, 'latest.json')));

  const file = writePack('plain.json', base());
  const impossible = run(['pack', 'publish', file, '--key', key, '--to', path.join(file, 'packs')]);
  assert.equal(impossible.status, 2);
  oneLine(impossible.stderr);
  assert.match(impossible.stderr, /plain\.json\/packs: cannot be created: Not a directory/);
});

test('a flipped byte in the published pack or signature fails verify (exit 1)', () => {
  const site = newSite('tamper');
  assert.equal(run(['pack', 'publish', writePack('t.json', base()), '--key', key, '--to', site]).status, 0);
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'latest.json'), 'utf8'));
  const packFile = path.join(site, manifest.pack);
  const sigFile = path.join(site, manifest.signature);
  const verify = () => run(['pack', 'verify', packFile, '--sig', sigFile, '--pub', `${key}.pub`]);
  assert.equal(verify().status, 0);

  const original = fs.readFileSync(packFile);
  const flipped = Buffer.from(original);
  flipped[Math.floor(flipped.length / 3)] ^= 0x02;
  fs.writeFileSync(packFile, flipped);
  let result = verify();
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /does not match/);
  fs.writeFileSync(packFile, original);

  const sig = JSON.parse(fs.readFileSync(sigFile, 'utf8'));
  const raw = Buffer.from(sig.signature, 'base64');
  raw[20] ^= 0x01;
  fs.writeFileSync(sigFile, JSON.stringify({ ...sig, signature: raw.toString('base64') }));
  result = verify();
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /does not match/);
});

test('publish --help describes the command', () => {
  const result = run(['pack', 'publish', '--help']);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /vigie pack publish PACK --key KEYFILE --to DIR/);
});
