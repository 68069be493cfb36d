// The manifest, generated per browser from one source. The version comes from package.json.

// Public key of the extension's signing pair: it fixes the Chromium extension id
// (hblomnafgmihafbnembipjpfelnjflpf) so managed policies can name it. The private key is
// not in the repository.
export const PUBLIC_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7Zl6YY6Vyev33arBvnHElH13OIQ7fEo+ld4NBfvqhR7yhTgOPt5XsYiO88pb+ueVshrlKZbxTc1jo8/5x2SEtbyrOZUHEghOMuyg2TUyW9jQA3pEax13Hm89jZ57SxzaL/73+W8TD3HCZ8Uj3G9kDjyMpzQsMouaKbERzqVlsqWYV40wfOSS2aJWPek57NkBUq7Qklx46Y+Nwmg95R1qQPS0YehO8vK9N/QBXMvqHovZAhRSxpVwIPS+zND0BQ6SyddNyWVqgU/G6y/Exu1+FHQzpfDds6sTD7pL8LsfTsn90bOZR827GeSIrIb1NJxHe7Y41Oti357N3pY7TPCz7QIDAQAB";
export const CHROMIUM_ID = "hblomnafgmihafbnembipjpfelnjflpf";
export const GECKO_ID = "vigie@chu-nantes.fr";

// The three sites, and nothing else.
// (`*.` also matches the bare domain.)
export const SITE_MATCHES = [
  "https://*.facebook.com/*",
  "https://*.x.com/*",
  "https://*.twitter.com/*",
  "https://*.linkedin.com/*",
];

// Drawn by tools/dev/make-icons.sh.
const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [size, `icons/vigie-${size}.png`]));

/** @param {"chromium" | "firefox"} browser @param {string} version */
export function manifest(browser, version) {
  const common = {
    manifest_version: 3,
    name: "__MSG_extensionName__",
    short_name: "Vigie",
    description: "__MSG_extensionDescription__",
    version,
    default_locale: "fr",
    // alarms: retries of flagged comments' delivery and the rule-pack update check; contextMenus: "Signaler" on selected
    // text (see README.md).
    permissions: ["storage", "alarms", "contextMenus"],
    host_permissions: SITE_MATCHES,
    content_scripts: [
      {
        matches: SITE_MATCHES,
        js: ["content.js"],
        css: ["content.css"],
        run_at: "document_idle",
        all_frames: false,
      },
    ],
    icons: ICONS,
    action: { default_popup: "popup.html", default_title: "__MSG_actionTitle__", default_icon: ICONS },
    options_ui: { page: "options.html", open_in_tab: true },
    // wasm needs 'wasm-unsafe-eval'; nothing else is relaxed, and no remote code exists.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
  };
  if (browser === "chromium") {
    return {
      ...common,
      key: PUBLIC_KEY,
      minimum_chrome_version: "120",
      // offscreen: a page that can start the Worker tesseract.js needs to read the text in an
      // attached photo (a service worker cannot); see README.md. Firefox's background can.
      permissions: [...common.permissions, "offscreen"],
      // The deployment policy's shape (shared/policy.ts); Firefox reads policies.json instead.
      storage: { managed_schema: "managed_schema.json" },
      background: { service_worker: "background.js", type: "module" },
    };
  }
  return {
    ...common,
    background: { scripts: ["background.js"], type: "module" },
    browser_specific_settings: {
      // Nothing is collected: texts are analysed locally; reports are sent only on request.
      gecko: { id: GECKO_ID, strict_min_version: "140.0", data_collection_permissions: { required: ["none"] } },
    },
  };
}
