// `vigie pack keygen|sign|verify` (issue 7): Ed25519 signatures of built
// packs, checked again with node:crypto as the extension's WebCrypto will.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { vigieBin } from './builds.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vigie = vigieBin;
const builtPack = path.join(root, 'build/pack/chu-nantes.json');
const run = (args) => spawnSync(vigie, args, { encoding: 'utf8' });

let dir;
let pack;
let key;

// The key id: the first 16 hex digits of the sha256 of the raw public key.
const keyIdOf = (pubFile) => {
  const raw = crypto.createPublicKey(fs.readFileSync(pubFile)).export({ format: 'jwk' }).x;
  return crypto.createHash('sha256').update(Buffer.from(raw, 'base64url')).digest('hex')
    .slice(0, 16);
};
const oneLine = (text) => {
  assert.match(text, /^[^\n]+\n$/, `one line expected: ${JSON.stringify(text)}`);
};
const copyPack = (name) => {
  const file = path.join(dir, name);
  fs.copyFileSync(pack, file);
  return file;
};

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-pack-sign-'));
  pack = path.join(dir, 'chu-nantes.json');
  // The built pack, with an expiry that will not pass while the test lives (the CLI refuses
  // to sign an expired pack).
  fs.writeFileSync(pack, JSON.stringify({ ...JSON.parse(fs.readFileSync(builtPack, 'utf8')), expires: '2099-12-31' }));
  key = path.join(dir, 'admin.key');
  const result = run(['pack', 'keygen', key]);
  assert.equal(result.status, 0, result.stderr);
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('keygen writes a 0600 private key that is never printed, and a public key', () => {
  const file = path.join(dir, 'other.key');
  const result = run(['pack', 'keygen', file]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(fs.statSync(key).mode & 0o777, 0o600);
  const privatePem = fs.readFileSync(file, 'utf8');
  assert.match(privatePem, /^-----BEGIN PRIVATE KEY-----\n/);
  const privateKey = crypto.createPrivateKey(privatePem);
  assert.equal(privateKey.asymmetricKeyType, 'ed25519');
  const publicKey = crypto.createPublicKey(fs.readFileSync(`${file}.pub`, 'utf8'));
  assert.equal(publicKey.asymmetricKeyType, 'ed25519');
  assert.deepEqual(crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' }),
    publicKey.export({ format: 'der', type: 'spki' }));
  // Neither the PEM body nor the raw private bytes appear in the output.
  const body = privatePem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
  const raw = privateKey.export({ format: 'jwk' }).d;
  for (const output of [result.stdout, result.stderr]) {
    assert.ok(!output.includes(body), 'private key printed');
    assert.ok(!output.includes('PRIVATE KEY-----'), 'private key printed');
    assert.ok(!output.includes(raw), 'private key printed');
    assert.ok(!output.includes(Buffer.from(raw, 'base64url').toString('base64')));
    assert.ok(!output.includes(Buffer.from(raw, 'base64url').toString('hex')));
  }
});

test('keygen refuses to overwrite an existing key', () => {
  const before = fs.readFileSync(key);
  const result = run(['pack', 'keygen', key]);
  assert.equal(result.status, 2);
  oneLine(result.stderr);
  assert.match(result.stderr, /already exists/);
  assert.deepEqual(fs.readFileSync(key), before);
  assert.equal(fs.statSync(key).mode & 0o777, 0o600);
});

test('sign then verify round trip, and the signature file format', () => {
  const signed = copyPack('round-trip.json');
  const sign = run(['pack', 'sign', signed, '--key', key]);
  assert.equal(sign.status, 0, sign.stderr);
  const sig = JSON.parse(fs.readFileSync(`${signed}.sig`, 'utf8'));
  assert.deepEqual(Object.keys(sig), ['algorithm', 'key_id', 'signature']);
  assert.equal(sig.algorithm, 'ed25519');
  const keyId = keyIdOf(`${key}.pub`);
  assert.equal(sig.key_id, keyId);
  assert.equal(Buffer.from(sig.signature, 'base64').length, 64);
  assert.ok(sign.stdout.includes(keyId), sign.stdout);

  const verify = run(['pack', 'verify', signed, '--sig', `${signed}.sig`, '--pub', `${key}.pub`]);
  assert.equal(verify.status, 0, verify.stderr);
  oneLine(verify.stdout);
  assert.match(verify.stdout, /valid/);
});

test('node:crypto (as WebCrypto) accepts the signature with the .pub key', async () => {
  const signed = copyPack('webcrypto.json');
  assert.equal(run(['pack', 'sign', signed, '--key', key]).status, 0);
  const bytes = fs.readFileSync(signed);
  const sig = Buffer.from(JSON.parse(fs.readFileSync(`${signed}.sig`, 'utf8')).signature, 'base64');
  const publicKey = crypto.createPublicKey(fs.readFileSync(`${key}.pub`, 'utf8'));
  assert.ok(crypto.verify(null, bytes, publicKey, sig));
  // The extension imports the raw key through WebCrypto.
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
  const imported = await crypto.webcrypto.subtle.importKey('raw', raw, { name: 'Ed25519' },
    false, ['verify']);
  assert.ok(await crypto.webcrypto.subtle.verify({ name: 'Ed25519' }, imported, sig, bytes));
  const tampered = Buffer.from(bytes);
  tampered[10] ^= 1;
  assert.ok(!crypto.verify(null, tampered, publicKey, sig));
});

test('latest.json describes the signed pack', () => {
  const sub = path.join(dir, 'publish');
  fs.mkdirSync(sub);
  const signed = path.join(sub, 'chu-nantes-v1.json');
  fs.copyFileSync(pack, signed);
  const result = run(['pack', 'sign', signed, '--key', key]);
  assert.equal(result.status, 0, result.stderr);
  const bytes = fs.readFileSync(signed);
  const parsed = JSON.parse(bytes.toString('utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(sub, 'latest.json'), 'utf8'));
  const sig = JSON.parse(fs.readFileSync(`${signed}.sig`, 'utf8'));
  assert.deepEqual(manifest, {
    id: parsed.id,
    version: parsed.version,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    signature: 'chu-nantes-v1.json.sig',
    pack: 'chu-nantes-v1.json',
    issued: parsed.issued,
    expires: parsed.expires,
    key_id: sig.key_id,
  });
  assert.equal(manifest.id, 'chu-nantes');
  assert.deepEqual(fs.readdirSync(sub).sort(),
    ['chu-nantes-v1.json', 'chu-nantes-v1.json.sig', 'latest.json']);
});

test('a flipped byte in the pack is refused (exit 1)', () => {
  const signed = copyPack('tampered.json');
  assert.equal(run(['pack', 'sign', signed, '--key', key]).status, 0);
  const bytes = fs.readFileSync(signed);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  fs.writeFileSync(signed, bytes);
  const result = run(['pack', 'verify', signed, '--sig', `${signed}.sig`, '--pub', `${key}.pub`]);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  oneLine(result.stderr);
  assert.match(result.stderr, /does not match/);
  assert.equal(result.stdout, '');
});

test('a flipped byte in the signature is refused (exit 1)', () => {
  const signed = copyPack('bad-sig.json');
  assert.equal(run(['pack', 'sign', signed, '--key', key]).status, 0);
  const sig = JSON.parse(fs.readFileSync(`${signed}.sig`, 'utf8'));
  const raw = Buffer.from(sig.signature, 'base64');
  raw[5] ^= 0x80;
  sig.signature = raw.toString('base64');
  fs.writeFileSync(`${signed}.sig`, JSON.stringify(sig));
  const result = run(['pack', 'verify', signed, '--sig', `${signed}.sig`, '--pub', `${key}.pub`]);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  oneLine(result.stderr);
});

test('another key is refused (exit 1), by key id and by signature', () => {
  const other = path.join(dir, 'intruder.key');
  assert.equal(run(['pack', 'keygen', other]).status, 0);
  const signed = copyPack('other-key.json');
  assert.equal(run(['pack', 'sign', signed, '--key', key]).status, 0);

  const wrongPub = run(['pack', 'verify', signed, '--sig', `${signed}.sig`, '--pub', `${other}.pub`]);
  assert.equal(wrongPub.status, 1, wrongPub.stdout + wrongPub.stderr);
  oneLine(wrongPub.stderr);
  assert.match(wrongPub.stderr, /key/);

  // Signed by the intruder, with the trusted key's id written in the file.
  assert.equal(run(['pack', 'sign', signed, '--key', other]).status, 0);
  const forged = JSON.parse(fs.readFileSync(`${signed}.sig`, 'utf8'));
  assert.equal(forged.key_id, keyIdOf(`${other}.pub`));
  assert.notEqual(forged.key_id, keyIdOf(`${key}.pub`));
  forged.key_id = keyIdOf(`${key}.pub`);
  fs.writeFileSync(`${signed}.sig`, JSON.stringify(forged));
  const result = run(['pack', 'verify', signed, '--sig', `${signed}.sig`, '--pub', `${key}.pub`]);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  oneLine(result.stderr);
  assert.match(result.stderr, /does not match/);
});

test('unreadable or malformed input exits 2 with one line naming the file', () => {
  const signed = copyPack('inputs.json');
  assert.equal(run(['pack', 'sign', signed, '--key', key]).status, 0);
  const sigFile = `${signed}.sig`;
  const pub = `${key}.pub`;
  const missing = path.join(dir, 'missing.json');
  const write = (name, content) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const truncatedSig = write('truncated.sig', fs.readFileSync(sigFile, 'utf8').slice(0, 40));
  const truncatedPub = write('truncated.pub', fs.readFileSync(pub, 'utf8').slice(0, 40));
  const wrongAlgorithm = write('rsa.sig', JSON.stringify({
    ...JSON.parse(fs.readFileSync(sigFile, 'utf8')), algorithm: 'rsa' }));
  const shortSignature = write('short.sig', JSON.stringify({
    ...JSON.parse(fs.readFileSync(sigFile, 'utf8')), signature: 'AAAA' }));
  const cases = [
    [['pack', 'verify', missing, '--sig', sigFile, '--pub', pub], missing],
    [['pack', 'verify', signed, '--sig', path.join(dir, 'none.sig'), '--pub', pub], 'none.sig'],
    [['pack', 'verify', signed, '--sig', sigFile, '--pub', path.join(dir, 'none.pub')], 'none.pub'],
    [['pack', 'verify', signed, '--sig', truncatedSig, '--pub', pub], 'truncated.sig'],
    [['pack', 'verify', signed, '--sig', sigFile, '--pub', truncatedPub], 'truncated.pub'],
    [['pack', 'verify', signed, '--sig', wrongAlgorithm, '--pub', pub], 'rsa.sig'],
    [['pack', 'verify', signed, '--sig', shortSignature, '--pub', pub], 'short.sig'],
    [['pack', 'verify', signed, '--sig', sigFile, '--pub', key], key],
    [['pack', 'verify', signed, '--sig', sigFile], 'usage'],
    [['pack', 'sign', missing, '--key', key], missing],
    [['pack', 'sign', signed, '--key', path.join(dir, 'none.key')], 'none.key'],
    [['pack', 'sign', signed, '--key', pub], pub],
    [['pack', 'sign', signed], 'usage'],
    [['pack', 'keygen'], 'usage'],
  ];
  for (const [args, expected] of cases) {
    const result = run(args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
    oneLine(result.stderr);
    assert.ok(result.stderr.includes(expected), `${args.join(' ')}: ${result.stderr}`);
  }
});

test('sign refuses an invalid pack and writes nothing', () => {
  const sub = path.join(dir, 'invalid');
  fs.mkdirSync(sub);
  const broken = path.join(sub, 'broken.json');
  const parsed = JSON.parse(fs.readFileSync(pack, 'utf8'));
  delete parsed.rules;
  fs.writeFileSync(broken, JSON.stringify(parsed));
  const result = run(['pack', 'sign', broken, '--key', key]);
  assert.equal(result.status, 2);
  oneLine(result.stderr);
  assert.ok(result.stderr.includes('broken.json'), result.stderr);
  assert.deepEqual(fs.readdirSync(sub), ['broken.json']);
});
