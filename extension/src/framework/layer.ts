// Vigie's own UI lives in open shadow roots under hosts marked `data-vigie`, appended to the
// document element: outside the sites' editors and outside their React trees.

export interface Layer {
  host: HTMLElement;
  root: ShadowRoot;
}

export function createLayer(kind: string, css: string, fixedFullScreen: boolean): Layer {
  const host = document.createElement("div");
  host.setAttribute("data-vigie", kind);
  // `all: initial` keeps the page's styles out; the host takes no room and no clicks.
  host.style.cssText = [
    "all: initial",
    "position: fixed",
    "top: 0",
    "left: 0",
    fixedFullScreen ? "width: 100vw; height: 100vh" : "width: 0; height: 0",
    "overflow: visible",
    "z-index: 2147483646",
    "pointer-events: none",
  ].join(";");
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = css;
  root.append(style);
  document.documentElement.append(host);
  return { host, root };
}

/** Creates an element with attributes and children, in Vigie's own shadow DOM only. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
