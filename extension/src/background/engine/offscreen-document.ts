// Chromium: the one offscreen document the extension may have. It hosts tesseract.js's Worker
// (ocr-host.ts) and keeps the text engine warm across service-worker restarts
// (engine/offscreen-engine.ts).

const OFFSCREEN_PATH = "offscreen.html";

let creating: Promise<void> | null = null;

/** Whether this browser has offscreen documents (Chromium); Firefox's event page has no need. */
export function hasOffscreenDocuments(): boolean {
  return typeof chrome !== "undefined" && typeof chrome.offscreen?.createDocument === "function";
}

/** Creates the document unless it exists; a concurrent creation by another caller counts. */
export async function ensureOffscreenDocument(): Promise<void> {
  if (await chrome.offscreen.hasDocument()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification:
        "Reads the text in a photo the user attaches (tesseract.js needs a Worker) and keeps the rule engine loaded between service-worker restarts.",
    })
    .catch(async (error: unknown) => {
      // "Only a single offscreen document may be created": someone else just made it.
      if (!(await chrome.offscreen.hasDocument())) throw error;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}
