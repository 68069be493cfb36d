// The `info` a photo gets when one of its analyses (faces, codes, text) could not run: the
// card then says so instead of looking clean.

import type { Category } from "./findings";
import type { ImageFinding } from "./messages";

/** Which analysis was not run: its rule id, and the guide section it stands for. */
export interface PhotoAnalysis {
  rule: string;
  category: Category;
  guide: string;
}

export const FACES: PhotoAnalysis = {
  rule: "image-visages-non-verifies",
  category: "droit_image",
  guide: "Rappels juridiques — Confidentialité et droit à l'image",
};
export const CODES: PhotoAnalysis = {
  rule: "image-codes-non-verifies",
  category: "secret_medical",
  guide: "Rappels juridiques — Secret médical et secret professionnel",
};
/** The browser could not decode the picture (HEIC/AVIF in Chromium, a damaged file): none of the three ran. */
export const PICTURE: PhotoAnalysis = {
  rule: "image-non-verifiee",
  category: "droit_image",
  guide: "Rappels juridiques — Confidentialité et droit à l'image",
};
export const TEXT: PhotoAnalysis = {
  rule: "image-texte-non-verifie",
  category: "secret_medical",
  guide: "Rappels juridiques — Secret médical et secret professionnel",
};

/** `message` for the user; `why` (the failure, or the user's stop) for the log. */
export function notChecked({ rule, category, guide }: PhotoAnalysis, message: string, why: string): ImageFinding {
  return { rule, category, severity: "info", start: 0, end: 0, message, guide, score: 0, why };
}
