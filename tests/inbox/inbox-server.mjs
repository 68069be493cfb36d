// What the inbox's browser tests share: the real `$VIGIE_BIN inbox` (default
// build/bin/vigie) on SQLite in a temporary folder, reports sent through the
// API as the extension sends them, and a headless Chromium.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.VIGIE_BIN || path.join(root, 'build/bin/vigie');
export const shots = process.env.VIGIE_SCREENSHOTS_DIR || path.join(root, 'test-artifacts', 'inbox');
export const password = 'correct horse battery staple';
export const groupedText = 'Le docteur Durand est un incapable, honte au CHU !';

function inbox(args, input) {
  const result = spawnSync(bin, ['inbox', ...args], { input, encoding: 'utf8' });
  assert.equal(result.status, 0, `vigie inbox ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// A fresh inbox with a deployment token and the account "alice".
export async function startInbox() {
  fs.mkdirSync(shots, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-inbox-ui-'));
  const db = 'sqlite:' + path.join(dir, 'inbox.db');
  const token = inbox(['token', 'add', 'chu-nantes', '--db', db]).trim();
  inbox(['user', 'add', 'alice', '--password-stdin', '--db', db], password + '\n');
  const server = spawn(bin, ['inbox', 'serve', '--db', db, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (match) resolve(match[0]);
    });
    server.on('exit', (code) => reject(new Error('server exited ' + code + ': ' + out)));
  });
  return {
    baseUrl,
    // Sends one report as the extension does; `fields` override the defaults.
    async sendReport(fields) {
      const body = {
        id: randomUUID(),
        platform: 'facebook',
        url: 'https://www.facebook.com/chunantes/posts/1?comment_id=42',
        author: 'Jean Martin',
        text: groupedText,
        reason: 'diffamation_injure',
        note: '',
        reported_at: new Date().toISOString(),
        ...fields,
      };
      const response = await fetch(baseUrl + 'api/v1/reports', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 201, await response.text());
    },
    // Stops the server (`signal`) and, with `removeFiles`, deletes its folder.
    async stop(signal = 'SIGTERM', removeFiles = true) {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.on('exit', resolve));
        server.kill(signal);
        await exited;
      }
      if (removeFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--lang=fr-FR'],
  });
}

// A new page signed in as alice, showing the list.
export async function signedInPage(browser, baseUrl, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...contextOptions });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Identifiant').fill('alice');
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Connecté : alice').waitFor();
  return page;
}
