// The background: one handler per message kind. The engine starts loading as soon as the
// worker (Chromium) or event page (Firefox) starts, so the first request waits less.

import { ext } from "../shared/browser-api";
import type { BackgroundRequest, BackgroundResponses, Reply } from "../shared/messages";
import { analyze, engineStatus, textEngine } from "./engine-host";
import { analyzeImage, stripImage } from "./image-host";
import { listenForTextReading } from "./ocr-host";
import { startReportDelivery } from "./report-delivery";
import { reportHandlers } from "./report-form";
import { registerFlagMenu } from "./report-menu";
import { packHandlers, startPackUpdates } from "./pack-updater";
import { settings } from "./settings-store";

type Handlers = {
  [K in BackgroundRequest["kind"]]: (
    request: Extract<BackgroundRequest, { kind: K }>,
  ) => Promise<BackgroundResponses[K]>;
};

const handlers: Handlers = {
  ...reportHandlers,
  ...packHandlers,
  async analyze(request) {
    const current = await settings();
    const findings = await analyze(request.text, request.platform, current.affiliation[request.platform], request.photoFaces ?? 0);
    return { findings };
  },
  async "get-config"() {
    const [current, loaded] = await Promise.all([settings(), textEngine().catch(() => null)]);
    return { adapters: loaded?.adapters ?? null, pack: loaded?.pack ?? null, settings: current };
  },
  async warm() {
    const loaded = await textEngine().catch(() => null);
    return { ready: loaded !== null };
  },
  async "get-status"() {
    await textEngine().catch(() => null);
    return engineStatus();
  },
  async "analyze-image"(request) {
    const current = await settings();
    return analyzeImage(request.base64, request.platform, current.affiliation[request.platform]);
  },
  async "strip-image"(request) {
    return stripImage(request.base64);
  },
};

function isRequest(message: unknown): message is BackgroundRequest {
  const kind = (message as { kind?: unknown } | null)?.kind;
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(handlers, kind);
}

ext.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  // Only this extension's own pages and content scripts talk to the background.
  if (sender.id !== ext.runtime.id || !isRequest(message)) return false;
  const handler = handlers[message.kind] as (r: BackgroundRequest) => Promise<unknown>;
  handler(message).then(
    (value) => sendResponse({ ok: true, value } as Reply<typeof message.kind>),
    (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
  return true;
});

void textEngine().catch((error: unknown) => console.error("Vigie: engine failed to load:", error));
registerFlagMenu();
startReportDelivery();
startPackUpdates();
listenForTextReading();
