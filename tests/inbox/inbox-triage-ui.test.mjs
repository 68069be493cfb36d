// The inbox with many flags and real-life trouble, in Chromium: pages and a
// search, filters that survive a reload, the date filter in Paris days, a
// comment reported for several reasons, a colleague acting first, the server
// going away, the keyboard, long comments and authors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, shots, signedInPage, startInbox } from './inbox-server.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('finds a flag among many: pages, search and filters kept in the URL', async () => {
  const inbox = await startInbox();
  try {
    for (let i = 0; i < 53; ++i) {
      const minute = String(i).padStart(2, '0');
      await inbox.sendReport({
        text: 'Commentaire numéro ' + i, reported_at: `2026-11-20T10:${minute}:00+01:00`,
      });
    }
    // 00:30 on 29 November in Paris: still 28 November in UTC.
    await inbox.sendReport({
      text: 'Urgent : photo d’un patient', reported_at: '2026-11-28T23:30:00Z',
      reason: 'droit_image', author: 'A'.repeat(138),
    });
    await inbox.sendReport({ text: 'Sans auteur lisible', author: '', reported_at: '2026-11-01T12:00:00Z' });
    const page = await signedInPage(browser, inbox.baseUrl);

    await page.locator('#count', { hasText: '1–50 sur 55 signalements' }).waitFor();
    assert.equal(await page.locator('#rows tr').count(), 50);
    // A long unbroken author neither widens the page nor loses its text.
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide in a ${widths[1]} px window`);
    const author = page.locator('#rows td.author').first();
    assert.equal(await author.getAttribute('title'), 'A'.repeat(138));
    await page.screenshot({ path: path.join(shots, 'inbox-pages.png') });

    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.locator('#count', { hasText: '51–55 sur 55 signalements' }).waitFor();
    assert.match(page.url(), /page=2/);
    // The empty author reads the same as in the detail.
    assert.equal(await page.locator('#rows tr', { hasText: 'Sans auteur lisible' })
      .locator('td.author').textContent(), '(non affiché)');
    await page.reload();
    await page.locator('#count', { hasText: '51–55 sur 55 signalements' }).waitFor();
    await page.getByRole('button', { name: 'Précédent' }).click();
    await page.locator('#count', { hasText: '1–50 sur 55 signalements' }).waitFor();

    await page.getByLabel('Rechercher').fill('URGENT');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.locator('#count', { hasText: /^1 signalement$/ }).waitFor();
    await page.getByLabel('Motif').selectOption('droit_image');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/motif=droit_image/);
    await page.reload();
    await page.locator('#count', { hasText: /^1 signalement$/ }).waitFor();
    assert.equal(await page.getByLabel('Rechercher').inputValue(), 'URGENT');
    assert.equal(await page.getByLabel('Motif').inputValue(), 'droit_image');

    // Du = Au = 29/11 means that day in Paris: the 00:30 flag is in it.
    await page.getByLabel('Rechercher').fill('');
    await page.getByLabel('Motif').selectOption('');
    await page.getByLabel('Du').fill('2026-11-29');
    await page.getByLabel('Au').fill('2026-11-29');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.locator('#count', { hasText: /^1 signalement$/ }).waitFor();
    assert.match(await page.locator('#rows').textContent(), /29\/11\/2026 00:30.*Urgent/s);
    // Dated when it was flagged; when it reached the inbox is shown too.
    await page.getByRole('link', { name: /Urgent/ }).click();
    await page.locator('#detail-reports li', { hasText: /^29\/11\/2026 00:30 — anonyme — Droit à l’image \(reçu le / }).waitFor();
    await page.getByRole('link', { name: '← Retour à la liste' }).click();
    await page.locator('#count', { hasText: /^1 signalement$/ }).waitFor();
    await page.getByLabel('Du').fill('2026-11-28');
    await page.getByLabel('Au').fill('2026-11-28');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.locator('#count', { hasText: 'Aucun signalement.' }).waitFor();
    await page.context().close();
  } finally {
    await inbox.stop();
  }
});

test('a colleague acting first, the keyboard, a long comment, the server gone', async () => {
  const inbox = await startInbox();
  try {
    await inbox.sendReport({ text: 'X'.repeat(9000) + ' fin du long commentaire', reason: 'autre' });
    const tab1 = await signedInPage(browser, inbox.baseUrl);
    const tab2 = await signedInPage(browser, inbox.baseUrl);

    // Opening a case from the keyboard puts the focus on its heading.
    await tab2.locator('#rows a').first().focus();
    await tab2.keyboard.press('Enter');
    await tab2.getByRole('heading', { name: /Signalement n° \d+/ }).waitFor();
    assert.equal(await tab2.evaluate(() => document.activeElement.id), 'detail-title');
    // A long comment is folded; the whole text is one click away.
    assert.ok((await tab2.locator('#detail-text').textContent()).length <= 601);
    await tab2.getByRole('button', { name: /Afficher tout/ }).click();
    assert.match(await tab2.locator('#detail-text').textContent(), /fin du long commentaire$/);

    await tab1.locator('#rows a').first().click();
    await tab1.getByRole('button', { name: 'Rejeter' }).click();
    await tab1.locator('#detail-meta .state', { hasText: 'rejeté' }).waitFor();

    // Tab 2 still shows "nouveau": its "Prendre en charge" must not reopen.
    await tab2.getByRole('button', { name: 'Prendre en charge' }).click();
    await tab2.getByText('Ce signalement a été modifié entre-temps : il est maintenant « rejeté ».').waitFor();
    await tab2.locator('#detail-meta .state', { hasText: 'rejeté' }).waitFor();
    assert.deepEqual(await tab2.locator('#actions button').allTextContents(), ['Rouvrir']);
    assert.match(await tab2.locator('#detail-text').textContent(), /fin du long commentaire$/);
    await tab2.screenshot({ path: path.join(shots, 'inbox-modifie-entre-temps.png') });

    // After an action the focus stays in the actions, and the change is said.
    await tab2.getByRole('button', { name: 'Rouvrir' }).focus();
    await tab2.keyboard.press('Enter');
    await tab2.locator('#detail-meta .state', { hasText: 'en cours' }).waitFor();
    assert.equal(await tab2.evaluate(() => document.activeElement.parentElement.id), 'actions');
    assert.match(await tab2.locator('#announce').textContent(), /en cours/);

    // The server goes away: every action says so and keeps what was typed.
    await inbox.stop('SIGKILL', false);
    await tab2.getByLabel('Ajouter une note').fill('Note écrite pendant la panne');
    await tab2.getByRole('button', { name: 'Enregistrer la note' }).click();
    await tab2.locator('#detail-message', { hasText: 'Le serveur ne répond pas' }).waitFor();
    assert.equal(await tab2.getByLabel('Ajouter une note').inputValue(), 'Note écrite pendant la panne');
    await tab2.locator('#detail-message').evaluate((node) => { node.textContent = ''; });
    await tab2.getByRole('button', { name: 'Marquer comme traité' }).click();
    await tab2.locator('#detail-message', { hasText: 'Le serveur ne répond pas' }).waitFor();
    await tab2.screenshot({ path: path.join(shots, 'inbox-serveur-injoignable.png') });
    await tab2.getByRole('link', { name: '← Retour à la liste' }).click();
    await tab2.getByLabel('Rechercher').fill('panne');
    await tab2.getByRole('button', { name: 'Filtrer' }).click();
    await tab2.locator('#list-message', { hasText: 'Le serveur ne répond pas' }).waitFor();
    assert.equal(await tab2.getByLabel('Rechercher').inputValue(), 'panne');
    await tab1.context().close();
    await tab2.context().close();
  } finally {
    await inbox.stop();
  }
});
