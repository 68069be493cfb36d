// What Vigie says about one photo, it says once and without contradicting itself (the s7 photo
// report, findings 8 and 12): text read with confidence is not also « possiblement lisible
// (lecture incertaine) »; three books' identical barcode lines are one line with a count and
// all the boxes; a caption hidden in a PNG that the picture also shows is not listed twice
// (the reading's findings, with their boxes, stay; the caption stays listed as a caption).
// Real built extension in Chromium, X fixture page. The photos are made by ImageMagick (DejaVu
// Sans text), zint (EAN-13) and skimage's astronaut (NASA, public domain, python3-skimage).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { photoFile, photoToolsMissing, received, SKIMAGE } from "./attach-site.mjs";
import { sharedChromium } from "./harness.mjs";
import { boxesInPicture, dialog, openFixture } from "./scenarios.mjs";

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const skip = photoToolsMissing() || (!fs.existsSync(FONT) && `${FONT} missing (fonts-dejavu-core)`);
const noZint = !fs.existsSync("/usr/bin/zint") && "zint missing (apt zint)";
const INPUT = '[data-testid="fileInput"]';
const CLEAR_LINE = "Journée portes ouvertes au CHU";
const LABEL = "Patient : DUPONT Jeanne\nnée le 12/03/1957\nIPP : 40123456\nChambre 12, service cardiologie";

const { browser } = sharedChromium();
let dir;
const photos = {};

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-said-once-"));
  const file = (name) => path.join(dir, name);
  const convert = (...args) => execFileSync("convert", args);
  const text = (size, words) => ["(", "-font", FONT, "-pointsize", size, `label:${words}`];
  // A clear line, then a tiny blurred line and a swirled one: read, and "possibly readable".
  convert("-background", "white", "-fill", "black", ...text("40", CLEAR_LINE), ")",
    ...text("9", "Plan du parking et horaires des navettes"), "-blur", "0x0.8", ")",
    ...text("30", "Bienvenue à tous"), "-swirl", "60", ")", "-gravity", "west", "-append", "-bordercolor", "white", "-border", "20",
    file("affiche.jpg"));
  // Only the unclear lines: "possibly readable" is all there is to say.
  convert("-background", "white", "-fill", "black", ...text("9", "Plan du parking et horaires des navettes"), "-blur", "0x0.8", ")",
    ...text("30", "Bienvenue à tous"), "-swirl", "60", ")", "-gravity", "west", "-append", "-bordercolor", "white", "-border", "20",
    file("flou.jpg"));
  // A face (it holds the card open) above three books' EAN-13 barcodes.
  if (!noZint) {
    for (const [i, digits] of ["978020137962", "978284177262", "978207036822"].entries()) {
      execFileSync("zint", ["-b", "EANX", "-d", digits, "-o", file(`ean${i}.png`)]);
    }
    convert(file("ean0.png"), file("ean1.png"), file("ean2.png"), "-bordercolor", "white", "-border", "30", "+append",
      "-filter", "point", "-resize", "200%", file("eans.png"));
    convert("-background", "white", "-gravity", "center", `${SKIMAGE}/astronaut.png`, file("eans.png"), "-append", "-strip",
      "-quality", "92", file("livres.jpg"));
    photos.books = photoFile("livres.jpg", "image/jpeg", fs.readFileSync(file("livres.jpg")));
  }
  // ImageMagick keeps a label's text in the PNG's metadata too.
  convert("-background", "white", "-fill", "black", "-font", FONT, "-pointsize", "28", `label:${LABEL}`, file("etiquette.png"));
  photos.poster = photoFile("affiche.jpg", "image/jpeg", fs.readFileSync(file("affiche.jpg")));
  photos.blurred = photoFile("flou.jpg", "image/jpeg", fs.readFileSync(file("flou.jpg")));
  photos.label = photoFile("etiquette.png", "image/png", fs.readFileSync(file("etiquette.png")));
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/** The texts of the notices about `name` once the photo reached the site (they show before it goes). */
async function noticesAbout(page, name) {
  await received(page, 1);
  const texts = await page.evaluate(() =>
    [...document.querySelectorAll('[data-vigie="attach-notice"]')].flatMap((host) =>
      [...host.shadowRoot.querySelectorAll(".notice")].map((notice) => notice.textContent)));
  return texts.filter((text) => text.includes(`« ${name} »`));
}

/** The card's lines once the reading of the photo is over. */
async function linesAfterReading(page) {
  const card = dialog(page);
  await card.locator("[data-vigie-reading]").waitFor({ state: "attached" });
  await card.locator("[data-vigie-reading]").waitFor({ state: "hidden", timeout: 60_000 });
  return { card, lines: await card.locator("section li").allInnerTexts() };
}

describe("a photo's findings, said once", { skip }, () => {
  test("text read with confidence is not also « possiblement lisible »; unclear text alone still is", async () => {
    const page = await openFixture(browser().context, "x.html");
    await page.locator(INPUT).setInputFiles(photos.poster);
    const notices = await noticesAbout(page, "affiche.jpg");
    assert.equal(notices.length, 1, notices.join("\n"));
    assert.match(notices[0], new RegExp(`Texte lisible dans la photo : « ${CLEAR_LINE} »`));

    const other = await openFixture(browser().context, "x.html");
    await other.locator(INPUT).setInputFiles(photos.blurred);
    const unsure = await noticesAbout(other, "flou.jpg");
    assert.equal(unsure.length, 1, unsure.join("\n"));
    assert.match(unsure[0], /Texte possiblement lisible dans la photo \(lecture incertaine\)/);
    await page.close();
    await other.close();
  });

  test("three identical barcodes: one line with the count, three boxes; no contradicting reading", { skip: noZint }, async () => {
    const page = await openFixture(browser().context, "x.html");
    await page.locator(INPUT).setInputFiles(photos.books);
    const { card, lines } = await linesAfterReading(page);
    const barcodes = lines.filter((line) => line.includes("Un code-barres de produit (EAN-13)"));
    assert.deepEqual(barcodes.length, 1, lines.join("\n"));
    assert.match(barcodes[0], /\(3 fois dans la photo\)$/);
    assert.equal((await boxesInPicture(card, "image-code-produit", 1716)).length, 3);
    assert.equal(lines.filter((line) => line.includes("lecture incertaine")).length, 0, lines.join("\n"));
    await page.close();
  });

  test("a PNG whose caption and picture say the same: each fact once, from the picture", async () => {
    const page = await openFixture(browser().context, "x.html");
    await page.locator(INPUT).setInputFiles(photos.label);
    const { card, lines } = await linesAfterReading(page);
    for (const rule of ["ipp-nda", "naissance-patient", "nom-contexte-soin"]) {
      const said = await card.locator(`section li[data-vigie-rule="${rule}"]`).allInnerTexts();
      assert.equal(said.length, 1, `${rule}: ${said.join("\n")}`);
      assert.match(said[0], /Texte lu dans la photo \(« /);
    }
    assert.equal(lines.filter((line) => line.includes("Dans les métadonnées de la photo")).length, 0, lines.join("\n"));
    assert.equal(lines.filter((line) => line.includes("légende ou un commentaire invisible")).length, 1, "the hidden caption is no longer listed");
    await page.close();
  });
});
