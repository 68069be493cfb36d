// Site adapters: what the extension knows of each site's editors, post controls, submit
// shortcuts and comments. They are data, carried by the rule pack under `adapters` (see
// extension/README.md), so a site's markup change is a pack update, not a release.

import { PLATFORMS, type Platform, type Severity } from "./findings";

/** What an editor is for: a new post, or a comment/reply under a post. */
export type EditorContext = "post" | "comment";

export interface EditorSpec {
  name: string;
  /** Matches the editor itself, or an element whose editable descendant is the editor. */
  selector: string;
  /** Optional: the editor counts only inside an ancestor matching this. */
  within?: string;
  context: EditorContext;
}

export interface PostControlSpec {
  name: string;
  selector: string;
}

export interface ShortcutSpec {
  name: string;
  /** `KeyboardEvent.key`, for example "Enter". */
  key: string;
  /** true: Ctrl or Cmd must be down; false: neither may be; absent: either way. */
  ctrl_or_meta?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Editor contexts where the shortcut submits; absent: all. */
  contexts?: EditorContext[];
}

export interface CommentSpec {
  name: string;
  container: string;
  text: string;
  author?: string;
  permalink?: string;
}

export interface SiteAdapter {
  platform: Platform;
  hosts: string[];
  editors: EditorSpec[];
  post_controls: PostControlSpec[];
  submit_shortcuts: ShortcutSpec[];
  comments: CommentSpec[];
  /** Optional: matches what the site shows in a composer while photos are attached to it (their
   * previews with their remove controls). Once it is gone from where Vigie's photos went in,
   * the user removed them: they no longer count before Post. */
  attached_media?: string;
}

export interface HoldPolicy {
  /** Severities for which "publish anyway" needs a typed reason. */
  reason_required_for: Severity[];
  reason_min_chars: number;
}

export interface SiteAdapters {
  format_version: 1;
  sites: SiteAdapter[];
  /** Editors watched on the sites when no site-specific editor matches. */
  generic: { editors: EditorSpec[] };
  hold: HoldPolicy;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

class ShapeError extends Error {}

function fail(pointer: string, what: string): never {
  throw new ShapeError(`${pointer}: ${what}`);
}

function object(value: unknown, pointer: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) fail(pointer, "expected an object");
  return value as Record<string, unknown>;
}

function onlyKeys(record: Record<string, unknown>, pointer: string, allowed: string[]): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(`${pointer}/${key}`, "unknown field");
  }
}

function string(value: unknown, pointer: string): string {
  if (typeof value !== "string" || value.length === 0) fail(pointer, "expected a non-empty string");
  return value;
}

function optionalString(value: unknown, pointer: string): string | undefined {
  return value === undefined ? undefined : string(value, pointer);
}

function optionalBool(value: unknown, pointer: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") fail(pointer, "expected true or false");
  return value;
}

function array<T>(value: unknown, pointer: string, item: (v: unknown, p: string) => T): T[] {
  if (!Array.isArray(value)) fail(pointer, "expected an array");
  return value.map((v, i) => item(v, `${pointer}/${i}`));
}

function context(value: unknown, pointer: string): EditorContext {
  if (value !== "post" && value !== "comment") fail(pointer, 'expected "post" or "comment"');
  return value;
}

function editor(value: unknown, pointer: string): EditorSpec {
  const r = object(value, pointer);
  onlyKeys(r, pointer, ["name", "selector", "within", "context"]);
  const spec: EditorSpec = {
    name: string(r.name, `${pointer}/name`),
    selector: string(r.selector, `${pointer}/selector`),
    context: context(r.context, `${pointer}/context`),
  };
  const within = optionalString(r.within, `${pointer}/within`);
  if (within !== undefined) spec.within = within;
  return spec;
}

function postControl(value: unknown, pointer: string): PostControlSpec {
  const r = object(value, pointer);
  onlyKeys(r, pointer, ["name", "selector"]);
  return { name: string(r.name, `${pointer}/name`), selector: string(r.selector, `${pointer}/selector`) };
}

function shortcut(value: unknown, pointer: string): ShortcutSpec {
  const r = object(value, pointer);
  onlyKeys(r, pointer, ["name", "key", "ctrl_or_meta", "shift", "alt", "contexts"]);
  const spec: ShortcutSpec = { name: string(r.name, `${pointer}/name`), key: string(r.key, `${pointer}/key`) };
  const ctrlOrMeta = optionalBool(r.ctrl_or_meta, `${pointer}/ctrl_or_meta`);
  if (ctrlOrMeta !== undefined) spec.ctrl_or_meta = ctrlOrMeta;
  const shift = optionalBool(r.shift, `${pointer}/shift`);
  if (shift !== undefined) spec.shift = shift;
  const alt = optionalBool(r.alt, `${pointer}/alt`);
  if (alt !== undefined) spec.alt = alt;
  if (r.contexts !== undefined) spec.contexts = array(r.contexts, `${pointer}/contexts`, context);
  return spec;
}

function comment(value: unknown, pointer: string): CommentSpec {
  const r = object(value, pointer);
  onlyKeys(r, pointer, ["name", "container", "text", "author", "permalink"]);
  const spec: CommentSpec = {
    name: string(r.name, `${pointer}/name`),
    container: string(r.container, `${pointer}/container`),
    text: string(r.text, `${pointer}/text`),
  };
  const author = optionalString(r.author, `${pointer}/author`);
  if (author !== undefined) spec.author = author;
  const permalink = optionalString(r.permalink, `${pointer}/permalink`);
  if (permalink !== undefined) spec.permalink = permalink;
  return spec;
}

function platform(value: unknown, pointer: string): Platform {
  if (!PLATFORMS.includes(value as Platform)) fail(pointer, `expected one of ${PLATFORMS.join(", ")}`);
  return value as Platform;
}

function site(value: unknown, pointer: string): SiteAdapter {
  const r = object(value, pointer);
  onlyKeys(r, pointer, ["platform", "hosts", "editors", "post_controls", "submit_shortcuts", "comments", "attached_media"]);
  const adapter: SiteAdapter = {
    platform: platform(r.platform, `${pointer}/platform`),
    hosts: array(r.hosts, `${pointer}/hosts`, string),
    editors: array(r.editors, `${pointer}/editors`, editor),
    post_controls: array(r.post_controls, `${pointer}/post_controls`, postControl),
    submit_shortcuts: array(r.submit_shortcuts, `${pointer}/submit_shortcuts`, shortcut),
    comments: array(r.comments, `${pointer}/comments`, comment),
  };
  const attachedMedia = optionalString(r.attached_media, `${pointer}/attached_media`);
  if (attachedMedia !== undefined) adapter.attached_media = attachedMedia;
  return adapter;
}

function severity(value: unknown, pointer: string): Severity {
  if (value !== "info" && value !== "warning" && value !== "critical") {
    fail(pointer, 'expected "info", "warning" or "critical"');
  }
  return value;
}

function hold(value: unknown, pointer: string): HoldPolicy {
  const r = object(value, pointer);
  onlyKeys(r, pointer, ["reason_required_for", "reason_min_chars"]);
  const min = r.reason_min_chars;
  if (typeof min !== "number" || !Number.isInteger(min) || min < 0 || min > 500) {
    fail(`${pointer}/reason_min_chars`, "expected an integer from 0 to 500");
  }
  return {
    reason_required_for: array(r.reason_required_for, `${pointer}/reason_required_for`, severity),
    reason_min_chars: min,
  };
}

/** Validates the pack's `adapters` object completely; the error names the JSON pointer. */
export function parseAdapters(value: unknown): ParseResult<SiteAdapters> {
  try {
    const r = object(value, "/adapters");
    onlyKeys(r, "/adapters", ["format_version", "description", "sites", "generic", "hold"]);
    if (r.format_version !== 1) fail("/adapters/format_version", "expected 1");
    const generic = object(r.generic, "/adapters/generic");
    onlyKeys(generic, "/adapters/generic", ["editors"]);
    return {
      ok: true,
      value: {
        format_version: 1,
        sites: array(r.sites, "/adapters/sites", site),
        generic: { editors: array(generic.editors, "/adapters/generic/editors", editor) },
        hold: hold(r.hold, "/adapters/hold"),
      },
    };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, error: error.message };
    throw error;
  }
}

/** The adapter of the site at `hostname` (exact host or a subdomain of it), if any. */
export function siteFor(adapters: SiteAdapters, hostname: string): SiteAdapter | null {
  const host = hostname.toLowerCase();
  for (const candidate of adapters.sites) {
    if (candidate.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return candidate;
  }
  return null;
}
