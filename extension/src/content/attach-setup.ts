// Photos entering a compose area: wires the framework's attach watcher to the engine in the
// background (bytes as base64: runtime messages are JSON) and to the _locales words.

import { fromBase64, toBase64 } from "../shared/base64";
import type { Platform } from "../shared/findings";
import { t } from "../shared/i18n";
import type { AttachStrings } from "../framework/attach-strings";
import { AttachReview } from "../framework/attach-review";
import type { AttachedPhotos } from "../framework/attached-photos";
import { AttachWatcher } from "../framework/attach-watch";
import { send } from "./client";
import { readTextInPhoto } from "./ocr-client";
import { strings } from "./strings";

/** Larger photos are not analysed (a 30 MB file is ~40 MB of base64 in one message). */
const MAX_PHOTO_BYTES = 30_000_000;
/** Past this, an unanswered analysis lets the original through. */
const ANALYSIS_TIMEOUT_MS = 20_000;
/** Past this, the reading of a photo's text stops (the card says the text was not checked). */
const READING_TIMEOUT_MS = 60_000;

async function base64Of(file: Blob): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}

function attachStrings(): AttachStrings {
  return {
    title: t("attachTitle"),
    titlesMany: {
      title: t("attachTitleMany"),
      titlePicture: t("attachTitlePictureMany"),
      titleReading: t("attachTitleReadingMany"),
      titleText: t("attachTitleTextMany"),
      titleCode: t("attachTitleCodeMany"),
      titleNotChecked: t("attachTitleNotCheckedMany"),
    },
    intro: t("attachIntro"),
    titlePicture: t("attachTitlePicture"),
    introPicture: t("attachIntroPicture"),
    cleanKeepsPicture: t("attachCleanKeepsPicture"),
    fileHeading: (name) => t("attachFileHeading", name),
    attachClean: t("attachClean"),
    attachReencoded: t("attachReencoded"),
    reencodeNotice: t("attachReencodeNotice"),
    reencodeUnsupported: (name) => t("attachReencodeUnsupported", name),
    attachOriginal: t("attachOriginal"),
    cancel: t("attachCancel"),
    tooLarge: (name, size, limit) => t("attachTooLarge", [name, size, limit]),
    titleReading: t("attachTitleReading"),
    introReading: t("attachIntroReading"),
    readingProgress: (name, percent) => t("attachReadingProgress", [name, percent]),
    stopReading: t("attachStopReading"),
    textNotChecked: t("attachTextNotChecked"),
    textNotCheckedStopped: t("attachTextNotCheckedStopped"),
    titleNotChecked: t("attachTitleNotChecked"),
    introNotChecked: t("attachIntroNotChecked"),
    checking: t("attachChecking"),
    checkingMany: t("attachCheckingMany"),
    nothingToSay: t("attachNothingToSay"),
    aboutPhoto: (name, message) => t("attachAboutPhoto", [name, message]),
    titleText: t("attachTitleText"),
    introText: t("attachIntroText"),
    cleanKeepsText: t("attachCleanKeepsText"),
    titleCode: t("attachTitleCode"),
    introCode: t("attachIntroCode"),
    cleanKeepsCode: t("attachCleanKeepsCode"),
    cleanFailed: t("attachCleanFailed"),
    repeated: (message, count) => t("attachRepeated", [message, String(count)]),
    close: t("cardClose"),
  };
}

export function attachWatcher(platform: Platform, photos: AttachedPhotos): AttachWatcher {
  const review = new AttachReview({
    async analyze(file) {
      return send<"analyze-image">({ kind: "analyze-image", base64: await base64Of(file), platform });
    },
    async readText(file, onProgress, signal) {
      return readTextInPhoto(await base64Of(file), platform, onProgress, signal);
    },
    async strip(file) {
      const clean = await send<"strip-image">({ kind: "strip-image", base64: await base64Of(file) });
      return new File([fromBase64(clean.base64)], file.name, { type: file.type, lastModified: file.lastModified });
    },
    words: strings(),
    strings: attachStrings(),
    maxBytes: MAX_PHOTO_BYTES,
    timeoutMs: ANALYSIS_TIMEOUT_MS,
    readTimeoutMs: READING_TIMEOUT_MS,
    attached(items, cleaned, near) {
      for (const item of items) photos.add(item.file.name, item.findings, cleaned, near);
    },
    taken: (files) => photos.take(files.map((file) => file.name)),
  });
  return new AttachWatcher(review);
}
