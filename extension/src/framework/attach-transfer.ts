// The DataTransfer and the synthetic paste/drop event that carry the chosen files to the site.
// Firefox gives each DataTransfer item the principal of the code that added it and hides
// items from pages that do not subsume it: files added by a content script are invisible to
// the page. There, the transfer and the event are built by the page's own realm
// (`wrappedJSObject`, its Reflect), so the items carry the page's principal.

type PageRealm = {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Reflect: typeof Reflect;
  DataTransfer: typeof DataTransfer;
  DataTransferItemList: typeof DataTransferItemList;
  ClipboardEvent: typeof ClipboardEvent;
  DragEvent: typeof DragEvent;
};

function pageRealm(): PageRealm | null {
  return (window as unknown as { wrappedJSObject?: PageRealm }).wrappedJSObject ?? null;
}

/** An array of the page's realm (arguments for its Reflect). */
function pageArray(page: PageRealm, ...items: unknown[]): unknown[] {
  const array = new page.Array();
  for (const item of items) array.push(item);
  return array;
}

export function transferOf(files: File[], strings: [string, string][] = []): DataTransfer {
  const page = pageRealm();
  if (!page) {
    const transfer = new DataTransfer();
    for (const [type, data] of strings) transfer.setData(type, data);
    for (const file of files) transfer.items.add(file);
    return transfer;
  }
  const transfer = page.Reflect.construct(page.DataTransfer, pageArray(page)) as DataTransfer;
  for (const [type, data] of strings) page.Reflect.apply(page.DataTransfer.prototype.setData, transfer, pageArray(page, type, data));
  for (const file of files) page.Reflect.apply(page.DataTransferItemList.prototype.add, transfer.items, pageArray(page, file));
  return transfer;
}

/** `new ClipboardEvent("paste")` or `new DragEvent("drop")` carrying `transfer`, made in the page's realm where needed. */
export function transferEvent(
  type: "paste" | "drop",
  transfer: DataTransfer,
  init: MouseEventInit = {},
): Event {
  const page = pageRealm();
  const common = { bubbles: true, cancelable: true, composed: true };
  if (!page) {
    return type === "paste"
      ? new ClipboardEvent("paste", { ...common, clipboardData: transfer })
      : new DragEvent("drop", { ...common, ...init, dataTransfer: transfer });
  }
  const pageInit = new page.Object() as Record<string, unknown>;
  for (const [key, value] of Object.entries({ ...common, ...(type === "drop" ? init : {}) })) pageInit[key] = value;
  pageInit[type === "paste" ? "clipboardData" : "dataTransfer"] = transfer;
  const constructor = type === "paste" ? page.ClipboardEvent : page.DragEvent;
  const event = page.Reflect.construct(constructor, pageArray(page, type, pageInit)) as Event;
  // Firefox's ClipboardEvent copies only the strings of `clipboardData`: add the files to its copy.
  const copy = (event as ClipboardEvent).clipboardData;
  if (type === "paste" && copy && copy.files.length < transfer.files.length) {
    for (const file of transfer.files) page.Reflect.apply(page.DataTransferItemList.prototype.add, copy.items, pageArray(page, file));
  }
  return event;
}
