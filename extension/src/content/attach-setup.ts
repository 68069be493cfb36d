// Photos entering a compose area: wires the framework's attach watcher to the engine in the
// background (bytes as base64: runtime messages are JSON) and to the _locales words.

import { fromBase64, toBase64 } from "../shared/base64";
import type { Platform } from "../shared/findings";
import { t } from "../shared/i18n";
import type { AttachStrings } from "../framework/attach-strings";
import { AttachReview } from "../framework/attach-review";
import { AttachWatcher } from "../framework/attach-watch";
import { send } from "./client";
import { strings } from "./strings";

/** Larger photos are not analysed (a 30 MB file is ~40 MB of base64 in one message). */
const MAX_PHOTO_BYTES = 30_000_000;
/** Past this, an unanswered analysis lets the original through. */
const ANALYSIS_TIMEOUT_MS = 20_000;

async function base64Of(file: Blob): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}

function attachStrings(): AttachStrings {
  return {
    title: t("attachTitle"),
    intro: t("attachIntro"),
    titlePicture: t("attachTitlePicture"),
    introPicture: t("attachIntroPicture"),
    cleanKeepsPicture: t("attachCleanKeepsPicture"),
    fileHeading: (name) => t("attachFileHeading", name),
    attachClean: t("attachClean"),
    attachReencoded: t("attachReencoded"),
    reencodeNotice: t("attachReencodeNotice"),
    reencodeUnsupported: t("attachReencodeUnsupported"),
    attachOriginal: t("attachOriginal"),
    cancel: t("attachCancel"),
    tooLarge: (name, size, limit) => t("attachTooLarge", [name, size, limit]),
    cleanFailed: t("attachCleanFailed"),
    close: t("cardClose"),
  };
}

export function attachWatcher(platform: Platform): AttachWatcher {
  const review = new AttachReview({
    async analyze(file) {
      return send<"analyze-image">({ kind: "analyze-image", base64: await base64Of(file), platform });
    },
    async strip(file) {
      const clean = await send<"strip-image">({ kind: "strip-image", base64: await base64Of(file) });
      return new File([fromBase64(clean.base64)], file.name, { type: file.type, lastModified: file.lastModified });
    },
    words: strings(),
    strings: attachStrings(),
    maxBytes: MAX_PHOTO_BYTES,
    timeoutMs: ANALYSIS_TIMEOUT_MS,
  });
  return new AttachWatcher(review);
}
