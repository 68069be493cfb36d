#!/usr/bin/env node
// Load benchmark of the inbox server (`vigie inbox serve`), on loopback:
//   1. reports accepted per second and latency (p50, p99) with 50 concurrent
//      clients (keep-alive), for SQLite and for PostgreSQL 15;
//   2. reports acknowledged (201) versus stored after a `kill -9` of the
//      server under that load (must be equal).
// The PostgreSQL cluster is created and removed by the benchmark (as user
// postgres when run as root). Options through the environment:
//   VIGIE_BIN            the vigie binary (default build/bin/vigie)
//   VIGIE_BENCH_SECONDS  measured seconds per database (default 10)
//   VIGIE_BENCH_CLIENTS  concurrent clients (default 50)
//   VIGIE_BENCH_JSON     also write the results there as JSON
// Exit status 1 when an acknowledged report was lost.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.VIGIE_BIN || path.join(root, 'build/bin/vigie');
const seconds = Number(process.env.VIGIE_BENCH_SECONDS || 10);
const clients = Number(process.env.VIGIE_BENCH_CLIENTS || 50);
const pgBin = process.env.VIGIE_PG_BINDIR || '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

function run(command, args, input) {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

function asPostgres(command, args) {
  return isRoot ? run('/usr/sbin/runuser', ['-u', 'postgres', '--', command, ...args])
    : run(command, args);
}

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startPostgres() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-pg-'));
  if (isRoot) run('/bin/chown', ['postgres', dir]);
  asPostgres(path.join(pgBin, 'initdb'),
    ['-D', path.join(dir, 'data'), '--auth=trust', '-U', 'postgres', '-E', 'UTF8',
      '--locale=C.UTF-8']);
  const port = await freePort();
  asPostgres(path.join(pgBin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-l',
    path.join(dir, 'log'), '-w', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`, 'start']);
  return {
    uri: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      asPostgres(path.join(pgBin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'fast',
        '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function startServer(db) {
  const child = spawn(bin, ['inbox', 'serve', '--db', db, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

function stopServer(server, signal) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      resolve();
      return;
    }
    server.child.removeAllListeners('exit');
    server.child.on('exit', () => resolve());
    server.child.kill(signal);
  });
}

function report(id) {
  return JSON.stringify({
    id,
    platform: 'facebook',
    url: `https://www.facebook.com/chunantes/posts/${id.slice(0, 8)}?comment_id=1`,
    author: 'Auteur de test',
    text: 'Commentaire de charge : ' + id,
    reason: 'diffamation_injure',
    note: 'banc de charge',
    reported_at: new Date().toISOString(),
  });
}

// POST one report; resolves to { status, ms } (status 0 on a network error).
function post(agent, port, token, id) {
  const body = report(id);
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, path: '/api/v1/reports', method: 'POST', agent,
      headers: {
        Authorization: 'Bearer ' + token,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({
        status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6,
      }));
    });
    req.on('error', () => resolve({ status: 0, ms: 0 }));
    req.end(body);
  });
}

// `clients` loops posting new reports until `shouldStop()`.
async function load(port, token, shouldStop, onResult) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const loops = Array.from({ length: clients }, async () => {
    while (!shouldStop()) {
      const id = randomUUID();
      onResult(id, await post(agent, port, token, id));
    }
  });
  await Promise.all(loops);
  agent.destroy();
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function measure(name, db) {
  const token = run(bin, ['inbox', 'token', 'add', 'bench', '--db', db]).trim();
  const server = await startServer(db);
  // Warm-up (connections, caches), not measured.
  let warm = Date.now() + 1000;
  await load(server.port, token, () => Date.now() > warm, () => {});
  const latencies = [];
  let accepted = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  const end = Date.now() + seconds * 1000;
  await load(server.port, token, () => Date.now() > end, (id, r) => {
    if (r.status === 201) {
      accepted += 1;
      latencies.push(r.ms);
    } else {
      failed += 1;
    }
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await stopServer(server, 'SIGTERM');
  latencies.sort((a, b) => a - b);
  return {
    database: name,
    clients,
    seconds: Number(elapsed.toFixed(2)),
    accepted,
    failed,
    reports_per_second: Math.round(accepted / elapsed),
    p50_ms: Number(percentile(latencies, 0.5).toFixed(2)),
    p99_ms: Number(percentile(latencies, 0.99).toFixed(2)),
  };
}

async function crash(name, db) {
  const token = run(bin, ['inbox', 'token', 'add', 'crash', '--db', db]).trim();
  let server = await startServer(db);
  const acknowledged = [];
  let killed = false;
  const killAt = Date.now() + 2000;
  const loadDone = load(server.port, token, () => killed, (id, r) => {
    if (r.status === 201) acknowledged.push(id);
  });
  while (Date.now() < killAt) await new Promise((resolve) => setTimeout(resolve, 50));
  server.child.kill('SIGKILL');
  await new Promise((resolve) => server.child.once('exit', resolve));
  killed = true;
  await loadDone;

  // After a restart, every acknowledged id must be known: the extension's
  // retry gets 200 (already stored), never 201 (it had been lost).
  server = await startServer(db);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  let stored = 0;
  let lost = 0;
  for (let i = 0; i < acknowledged.length; i += clients) {
    const batch = acknowledged.slice(i, i + clients);
    const results = await Promise.all(batch.map((id) => post(agent, server.port, token, id)));
    for (const r of results) {
      if (r.status === 200) stored += 1;
      else lost += 1;
    }
  }
  agent.destroy();
  await stopServer(server, 'SIGTERM');
  return { database: name, acknowledged: acknowledged.length, stored, lost };
}

async function main() {
  if (!fs.existsSync(bin)) {
    console.error(`inbox-bench: ${bin} not found (build first, or set VIGIE_BIN)`);
    process.exit(2);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-'));
  const results = { load: [], crash: [] };
  let postgres;
  try {
    const sqlite = (file) => 'sqlite:' + path.join(work, file);
    results.load.push(await measure('SQLite', sqlite('load.db')));
    results.crash.push(await crash('SQLite', sqlite('crash.db')));
    postgres = await startPostgres();
    results.load.push(await measure('PostgreSQL', postgres.uri));
    run(path.join(pgBin, 'psql'), ['-d', postgres.uri, '-c', 'CREATE DATABASE crash']);
    results.crash.push(await crash('PostgreSQL', postgres.uri.replace(/\/postgres$/, '/crash')));
  } finally {
    postgres?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }

  console.log(`\nInbox load: ${clients} concurrent clients on 127.0.0.1, ${seconds} s each`);
  console.log('| database   | reports/s | p50 ms | p99 ms | accepted | errors |');
  console.log('|------------|-----------|--------|--------|----------|--------|');
  for (const r of results.load) {
    console.log(`| ${r.database.padEnd(10)} | ${String(r.reports_per_second).padStart(9)} | ` +
      `${String(r.p50_ms).padStart(6)} | ${String(r.p99_ms).padStart(6)} | ` +
      `${String(r.accepted).padStart(8)} | ${String(r.failed).padStart(6)} |`);
  }
  console.log('\nkill -9 under load: acknowledged (201) vs stored after restart');
  console.log('| database   | acknowledged | stored | lost |');
  console.log('|------------|--------------|--------|------|');
  for (const r of results.crash) {
    console.log(`| ${r.database.padEnd(10)} | ${String(r.acknowledged).padStart(12)} | ` +
      `${String(r.stored).padStart(6)} | ${String(r.lost).padStart(4)} |`);
  }
  const sqliteRate = results.load[0].reports_per_second;
  if (sqliteRate < 500) console.log(`\nwarning: SQLite below the 500 reports/s target`);
  if (process.env.VIGIE_BENCH_JSON) {
    fs.writeFileSync(process.env.VIGIE_BENCH_JSON, JSON.stringify(results, null, 2) + '\n');
  }
  if (results.crash.some((r) => r.lost > 0 || r.stored !== r.acknowledged)) {
    console.error('inbox-bench: acknowledged reports were lost after kill -9');
    process.exit(1);
  }
}

main().catch((error) => {
  console.error('inbox-bench: ' + error.message);
  process.exit(1);
});
