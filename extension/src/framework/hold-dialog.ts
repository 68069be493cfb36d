// The pause before Post: lists what remains, and lets the user go back to the text or publish
// anyway after ticking that they have read (and, where the pack asks, typing a reason).
// Resolves once with the user's choice; nothing is sent anywhere. While attached photos are
// still checked, the pause only says so (nothing can be published yet) and waits for them.

import type { HoldPolicy } from "../shared/adapters";
import { severityRank, type Finding } from "../shared/findings";
import type { PhotoFinding } from "./attached-photos";
import { createLayer, h } from "./layer";
import type { Strings } from "./strings";
import { DIALOG_CSS } from "./styles";

export type HoldChoice = { kind: "back" } | { kind: "publish"; reason: string };

let open: Promise<HoldChoice> | null = null;

export function holdDialogOpen(): boolean {
  return open !== null;
}

/**
 * One line per message (and per photo), criticals first: a rule that fires on several words (a
 * care context met by a face in the photo fires on each care word) is said once, with each
 * excerpt, and so are two rules that say the same thing.
 */
function grouped(findings: (Finding | PhotoFinding)[], text: string, strings: Strings) {
  const lines = new Map<string, { finding: Finding | PhotoFinding; excerpts: string[] }>();
  const bySeverity = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  for (const finding of bySeverity) {
    const photo = "photo" in finding;
    const key = photo ? `${finding.message}\u0000${finding.photo}` : finding.message;
    const excerpt = photo ? strings.dialogPhoto(finding.photo) : strings.quoted(text.slice(finding.start, finding.end));
    const line = lines.get(key);
    if (!line) lines.set(key, { finding, excerpts: [excerpt] });
    else if (!line.excerpts.includes(excerpt)) line.excerpts.push(excerpt);
  }
  return lines.values();
}

/**
 * Opens Vigie's modal pause: `build` makes its content and gets `finish`, which closes it once
 * with a value. The keyboard stays inside while it is open; Escape finishes with `onEscape`.
 * Closing gives the focus back, where `refocusPage` says so, to `focusBack` (the text) or else
 * to what had it.
 */
function modal<T>(
  build: (finish: (value: T) => void) => { dialog: HTMLElement; focusables: () => HTMLElement[]; initial: HTMLElement },
  onEscape: T,
  refocusPage: (value: T) => boolean,
  focusBack: HTMLElement | null = null,
): Promise<T> {
  return new Promise<T>((resolve) => {
    const layer = createLayer("dialog", DIALOG_CSS, true);
    const previousFocus = document.activeElement as HTMLElement | null;
    let finished = false;
    const finish = (value: T) => {
      if (finished) return;
      finished = true;
      document.removeEventListener("keydown", trap, true);
      layer.host.remove();
      if (refocusPage(value)) (focusBack ?? previousFocus)?.focus?.();
      resolve(value);
    };
    const { dialog, focusables, initial } = build(finish);
    if (finished) return; // finished while being built: nothing to show
    layer.root.append(h("div", { class: "backdrop" }, dialog));
    const trap = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopImmediatePropagation();
        finish(onEscape);
      } else if (event.key === "Tab") {
        const items = focusables();
        const current = items.indexOf(layer.root.activeElement as HTMLElement);
        const next = (current + (event.shiftKey ? -1 : 1) + items.length) % items.length;
        event.preventDefault();
        event.stopImmediatePropagation();
        items[next]?.focus();
      } else if (event.composedPath()[0] && !layer.host.contains(event.target as Node) && event.target !== layer.host) {
        // Keys aimed at the page (for example Enter in the editor) do nothing while we ask.
        event.stopImmediatePropagation();
      }
    };
    document.addEventListener("keydown", trap, true);
    // Opens at its top (title, "nothing was posted", the first critical); the focus waits on
    // "back" without scrolling there.
    initial.focus({ preventScroll: true });
    dialog.scrollTop = 0;
  });
}

/** Keeps `holdDialogOpen()` true while `pause` is open. */
function opened<T extends HoldChoice>(pause: Promise<T>): Promise<T> {
  const tracked = pause.finally(() => {
    open = null;
  });
  open = tracked;
  return tracked;
}

export function askBeforePosting(
  findings: (Finding | PhotoFinding)[],
  text: string,
  policy: HoldPolicy,
  strings: Strings,
): Promise<HoldChoice> {
  if (open) return open;
  const needsReason = findings.some((f) => policy.reason_required_for.includes(f.severity));
  return opened(modal<HoldChoice>((finish) => {
    const title = h("h2", { id: "vigie-hold-title" }, strings.dialogTitle);
    const list = h("ul", {});
    for (const { finding, excerpts } of grouped(findings, text, strings)) {
      const message = strings.english && finding.message_en ? finding.message_en : finding.message;
      list.append(
        h(
          "li",
          { "data-vigie-severity": finding.severity, "data-vigie-category": finding.category },
          h("strong", {}, `${strings.severity[finding.severity]} · `),
          message,
          " ",
          h("span", { class: "excerpt" }, excerpts.join(", ")),
        ),
      );
    }
    const acknowledge = h("input", { type: "checkbox", id: "vigie-ack" });
    const reason = h("textarea", { id: "vigie-reason", rows: "2" });
    const back = h("button", { type: "button", class: "primary" }, strings.dialogBack);
    const publish = h("button", { type: "button", disabled: "" }, strings.dialogPublish);

    const update = () => {
      const reasonOk = !needsReason || reason.value.trim().length >= policy.reason_min_chars;
      publish.disabled = !(acknowledge.checked && reasonOk);
    };
    acknowledge.addEventListener("change", update);
    reason.addEventListener("input", update);
    back.addEventListener("click", () => finish({ kind: "back" }));
    publish.addEventListener("click", () => {
      if (!publish.disabled) finish({ kind: "publish", reason: reason.value.trim() });
    });

    const dialog = h(
      "div",
      { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "vigie-hold-title", "aria-describedby": "vigie-hold-intro" },
      title,
      h("p", { id: "vigie-hold-intro" }, strings.dialogIntro),
      list,
      h("label", { for: "vigie-ack" }, acknowledge, strings.dialogAcknowledge),
      ...(needsReason ? [h("label", { for: "vigie-reason" }, strings.dialogReason(policy.reason_min_chars)), reason] : []),
      h("div", { class: "buttons" }, publish, back),
    );
    const focusables = (): HTMLElement[] => [acknowledge, ...(needsReason ? [reason] : []), publish, back].filter((e) => !e.disabled);
    return { dialog, focusables, initial: back };
  }, { kind: "back" }, (choice) => choice.kind === "back"));
}

/**
 * The pause while attached photos are still being checked: they are not in the post yet, so
 * nothing can be published. It closes by itself when their check ends (`whenChecked` calls
 * back before their card opens, or as they join the post), giving the focus back to `text`
 * (not to the Post button a mouse click focused: a typed space would press it), where the
 * card, once closed, returns it too; the user then posts again.
 */
export function waitForPhotos(
  names: string[],
  whenChecked: (then: () => void) => void,
  text: HTMLElement | null,
  strings: Strings,
): Promise<HoldChoice> {
  if (open) return open;
  const closed = modal<"back" | "checked">((finish) => {
    const back = h("button", { type: "button", class: "primary" }, strings.dialogBack);
    back.addEventListener("click", () => finish("back"));
    whenChecked(() => finish("checked"));
    const quoted = names.map(strings.quoted).join(", ");
    const dialog = h(
      "div",
      { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "vigie-hold-title", "aria-describedby": "vigie-hold-intro" },
      h("h2", { id: "vigie-hold-title" }, strings.dialogTitle),
      h("p", { id: "vigie-hold-intro" }, names.length > 1 ? strings.dialogPhotosChecking(quoted) : strings.dialogPhotoChecking(quoted)),
      h("div", { class: "buttons" }, back),
    );
    return { dialog, focusables: () => [back], initial: back };
  }, "back", () => true, text);
  return opened(closed.then(() => ({ kind: "back" }) as const));
}
