// The communication service's inbox in Chromium, as its users work with it:
// sign in, see flags (sent here through the API, as the extension does),
// open one, move it through its states, add a note, export CSV.
//
// Runs the real server (inbox-server.mjs). Screenshots go to
// $VIGIE_SCREENSHOTS_DIR (default test-artifacts/inbox/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, password, shots, startInbox } from './inbox-server.mjs';

const hostileText = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Ce commentaire contient du HTML';

let inbox;
let baseUrl;
let browser;

before(async () => {
  inbox = await startInbox();
  baseUrl = inbox.baseUrl;
  await inbox.sendReport({ reporter: 'claire.dupont' });
  await inbox.sendReport({ reporter: 'marc.leroy', reason: 'devoir_reserve' });
  await inbox.sendReport({
    platform: 'x', url: 'https://x.com/quelquun/status/123', author: '<b>Anonyme</b>',
    text: hostileText, reason: 'autre',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await inbox?.stop();
  console.log('inbox screenshots: ' + shots);
});

test('the communication service signs in, handles a flag and exports CSV', async () => {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'fr-FR' });
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  await page.goto(baseUrl);

  // A wrong password is refused with a French message.
  await page.getByLabel('Identifiant').fill('alice');
  await page.getByLabel('Mot de passe').fill('pas le bon');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Identifiant ou mot de passe incorrect.').waitFor();
  await page.screenshot({ path: path.join(shots, 'inbox-connexion.png') });
  assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible(), false);
  assert.equal(await page.locator('#list').isVisible(), false);

  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Connecté : alice').waitFor();

  // Two colleagues flagged the same comment: one row, count 2, newest first.
  const rows = page.locator('#rows tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  const grouped = rows.filter({ hasText: 'Le docteur Durand' });
  assert.equal(await grouped.locator('td.count').textContent(), '2');
  // Reported for two reasons: both show, with how many gave each.
  assert.match(await grouped.textContent(),
    /Facebook.*Diffamation ou injure \(1\), Devoir de réserve \(1\).*nouveau/s);

  // The hostile comment shows as text; nothing in it ran or became markup.
  const hostile = rows.filter({ hasText: 'Ce commentaire contient du HTML' });
  assert.match(await hostile.textContent(), /<img src=x onerror=/);
  assert.match(await hostile.textContent(), /<b>Anonyme<\/b>/);
  assert.equal(await page.locator('#rows img, #rows script, #rows b').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: path.join(shots, 'inbox-liste.png'), fullPage: true });

  // Open the grouped flag, take it, hand it to the direction des usagers.
  await grouped.getByRole('link').click();
  await page.getByRole('heading', { name: /Signalement n° \d+/ }).waitFor();
  assert.match(await page.locator('#detail-reports').textContent(), /claire\.dupont[\s\S]*marc\.leroy/);
  await page.getByRole('button', { name: 'Prendre en charge' }).click();
  await page.locator('#detail-meta .state', { hasText: 'en cours' }).waitFor();
  await page.getByRole('button', { name: 'Transmettre à la direction des usagers' }).click();
  await page.locator('#detail-meta .state', { hasText: 'transmis à la direction des usagers' }).waitFor();
  await page.getByLabel('Ajouter une note').fill('Transmis à Mme Leroux, direction des usagers.');
  await page.getByRole('button', { name: 'Enregistrer la note' }).click();
  await page.locator('#detail-history li', { hasText: 'note : Transmis à Mme Leroux' }).waitFor();
  const history = await page.locator('#detail-history').textContent();
  assert.match(history, /alice — état : en cours/);
  assert.match(history, /alice — transmis à la direction des usagers/);
  await page.screenshot({ path: path.join(shots, 'inbox-detail.png'), fullPage: true });

  // Back to the list, only what was handed on, exported as CSV.
  await page.getByRole('link', { name: '← Retour à la liste' }).click();
  await page.getByLabel('État', { exact: true }).selectOption('transmis');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.locator('#count', { hasText: '1 signalement' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Exporter en CSV' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.match(download.suggestedFilename(), /^signalements-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.match(csv, /Le docteur Durand est un incapable/);
  assert.match(csv, /transmis;Direction des usagers;"Diffamation ou injure \(1\), Devoir de réserve \(1\)";Facebook/);
  assert.doesNotMatch(csv, /Ce commentaire contient du HTML/);
  assert.deepEqual(dialogs, []);

  // Signing out goes back to the sign-in form; the list is no longer shown.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  assert.equal(await page.locator('#list').isVisible(), false);
  await context.close();
});
