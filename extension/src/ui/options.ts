// The options page: affiliation per platform (passed to the engine as context), the pack in
// force, and "about": the guide's rules in short.

import { PLATFORMS } from "../shared/findings";
import { t } from "../shared/i18n";
import { byId, formatDate, localize, packInForce } from "./dom";
import { loadSettings, updateSettings } from "./settings-io";
import { engineStatus } from "./status";

async function main(): Promise<void> {
  localize();
  const settings = await loadSettings();
  for (const platform of PLATFORMS) {
    const box = byId<HTMLInputElement>(`affiliation-${platform}`);
    box.checked = settings.affiliation[platform];
    box.addEventListener("change", () => {
      void updateSettings((s) => {
        s.affiliationChosen[platform] = box.checked;
      }).then(() => {
        byId("saved").textContent = t("optionsSaved");
      });
    });
  }
  try {
    const status = await engineStatus();
    const pack = byId("pack");
    if (status.pack) {
      packInForce(status.pack, pack);
      pack.append(` · ${t("packExpires", formatDate(status.pack.expires))}`);
    } else pack.textContent = t("packMissing", status.error ?? "");
    byId("engine").textContent = status.engineVersion ? t("engineVersion", status.engineVersion) : "";
  } catch (error) {
    byId("pack").textContent = t("packMissing", String(error));
  }
}

void main();
