// The one WebExtension namespace for both browsers. Firefox's `browser.*` and Chromium's
// `chrome.*` (MV3) both return promises; the type is Chromium's.

declare const browser: typeof chrome | undefined;

export const ext: typeof chrome =
  typeof browser !== "undefined" && browser?.runtime ? browser : chrome;
