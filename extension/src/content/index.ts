// The content script: a thin bridge. It asks the background for the site adapters and the
// settings, starts the framework with the site's adapter, and stops it while Vigie is paused
// on this site. Analysis happens in the background (the engine never runs in the page).

import { siteFor } from "../shared/adapters";
import { ext } from "../shared/browser-api";
import { isPaused, normalizeSettings, SETTINGS_KEY, type Settings } from "../shared/settings";
import { PACK_SWAPPED_KEY, type TabRequest, type TabState } from "../shared/messages";
import { AttachedPhotos } from "../framework/attached-photos";
import { Controller } from "../framework/controller";
import { attachWatcher } from "./attach-setup";
import { analyze, clearCache, getConfig, send, warm } from "./client";
import { startFlagAction } from "./flag-action";
import { strings } from "./strings";

async function main(): Promise<void> {
  const config = await getConfig();
  if (!config.adapters) {
    console.warn("Vigie: no usable rule pack; nothing is watched.");
    return;
  }
  const adapters = config.adapters;
  const site = siteFor(adapters, location.hostname);
  if (!site) return;
  const platform = site.platform;
  // Flagging works even while Vigie is paused here: the pause is about the user's own posts.
  startFlagAction(site.comments, platform, (draft) => {
    send<"flag-open">({ kind: "flag-open", draft }).catch((error: unknown) => console.warn("Vigie:", error));
  });
  let settings: Settings = config.settings;
  let controller: Controller | null = null;
  // The adapters in force; a rule-pack update replaces them.
  let live = { site, adapters };
  let resumeTimer: ReturnType<typeof setTimeout> | null = null;
  const words = strings();
  // Photos attached since the last post: they count before Post and in the text's analysis.
  const photos = new AttachedPhotos(() => live.site.attached_media);
  photos.onChange(() => controller?.contextChanged());
  const attach = attachWatcher(platform, photos);

  const apply = () => {
    if (resumeTimer !== null) clearTimeout(resumeTimer);
    resumeTimer = null;
    const paused = isPaused(settings, platform);
    attach.setActive(!paused);
    if (paused && controller) {
      controller.stop();
      controller = null;
    } else if (!paused && !controller) {
      controller = new Controller({
        editors: live.site.editors,
        genericEditors: live.adapters.generic.editors,
        controls: live.site.post_controls,
        shortcuts: live.site.submit_shortcuts,
        policy: live.adapters.hold,
        strings: words,
        analyze: (text) => analyze(text, platform, photos.faces()),
        photos,
        warm,
      });
      controller.start();
    }
    if (paused) {
      // Wake up when the pause ends, even if nothing else changes.
      const left = settings.pausedUntil[platform] - Date.now();
      resumeTimer = setTimeout(apply, Math.min(Math.max(left, 0) + 50, 2 ** 31 - 1));
    }
  };

  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !(SETTINGS_KEY in changes)) return;
    const previous = settings;
    settings = normalizeSettings(changes[SETTINGS_KEY]?.newValue);
    if (previous.affiliationChosen[platform] !== settings.affiliationChosen[platform] && controller) {
      // Findings depend on the affiliation: analyse again from scratch.
      clearCache();
      controller.stop();
      controller = null;
    }
    apply();
  });

  // A new rule pack is in force: take its adapters and analyse every editor again.
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !(PACK_SWAPPED_KEY in changes)) return;
    getConfig()
      .then((next) => {
        const nextSite = next.adapters && siteFor(next.adapters, location.hostname);
        if (!next.adapters || nextSite?.platform !== platform) return;
        live = { site: nextSite, adapters: next.adapters };
        clearCache();
        controller?.stop();
        controller = null;
        apply();
      })
      .catch((error: unknown) => console.warn("Vigie:", error));
  });

  ext.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    if ((message as TabRequest | null)?.kind !== "tab-state") return false;
    const page = controller?.state() ?? { editors: 0, findings: { info: 0, warning: 0, critical: 0 } };
    const state: TabState = {
      platform,
      editors: page.editors,
      findings: page.findings,
      paused: isPaused(settings, platform),
      pausedUntil: settings.pausedUntil[platform],
    };
    sendResponse(state);
    return false;
  });

  apply();
}

main().catch((error: unknown) => console.warn("Vigie:", error));
