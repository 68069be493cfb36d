// What a photo's card lists, said once: the engine reports each thing it found, and some say
// the same to the user. Three books' barcodes give three identical lines: one line, with all
// the boxes and how many there are. A caption hidden in the file that the picture also shows
// gives the same fact twice (metadata, then reading): the reading's finding stays (its boxes
// point at the text, and a clean copy keeps it; the caption itself is listed apart). Text read
// with confidence makes "text possibly readable (uncertain reading)" contradict it: dropped.

import type { ImageFinding } from "../shared/messages";

/** The engine's rule id for words read with too little confidence to be used: `<text rule>.incertain`. */
const UNSURE_SUFFIX = ".incertain";
/** Text read in the picture (OCR findings carry source "ocr"). */
const isRead = (finding: ImageFinding) => finding.source === "ocr";

/** One line per message: things seen several times in the picture become one finding with all
 * their boxes, `repeated` saying how many; the same words from two metadata fields, one line. */
export function sayOnce(findings: ImageFinding[], repeated: (message: string, count: number) => string): ImageFinding[] {
  const byMessage = new Map<string, ImageFinding[]>();
  for (const finding of findings) {
    const key = `${finding.rule}\u0000${finding.severity}\u0000${finding.message}`;
    byMessage.set(key, [...(byMessage.get(key) ?? []), finding]);
  }
  return [...byMessage.values()].map((same) => {
    const [first] = same as [ImageFinding, ...ImageFinding[]];
    const regions = same.flatMap((finding) => [...(finding.region ? [finding.region] : []), ...(finding.regions ?? [])]);
    if (same.length === 1 || !regions.length) return first;
    const merged: ImageFinding = { ...first, message: repeated(first.message, same.length), region: null, regions };
    if (first.message_en) merged.message_en = repeated(first.message_en, same.length);
    return merged;
  });
}

/** What the reading adds to `earlier` findings of the same photo, without what contradicts or repeats. */
export function withReading(earlier: ImageFinding[], read: ImageFinding[]): { earlier: ImageFinding[]; read: ImageFinding[] } {
  const sure = read.filter((finding) => isRead(finding) && !finding.rule.endsWith(UNSURE_SUFFIX));
  const readRules = new Set(sure.map((finding) => finding.rule));
  return {
    // A fact of the hidden caption that the picture shows too (the picture's finding has the boxes).
    earlier: earlier.filter((finding) => isRead(finding) || finding.regions?.length || finding.region || !finding.source || !readRules.has(finding.rule)),
    read: sure.length ? read.filter((finding) => !finding.rule.endsWith(UNSURE_SUFFIX)) : read,
  };
}
