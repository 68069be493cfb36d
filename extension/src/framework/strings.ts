// The words the framework shows. It never reads _locales itself (it does not touch the
// extension APIs); the content script passes them in, French first.

import type { Category, Severity } from "../shared/findings";

export interface Strings {
  severity: Record<Severity, string>;
  category: Record<Category, string>;
  cardGuide: string;
  cardReadSection: string;
  cardSuggestion: string;
  cardClose: string;
  dialogTitle: string;
  dialogIntro: string;
  dialogAcknowledge: string;
  dialogReason: (minChars: number) => string;
  dialogBack: string;
  dialogPublish: string;
  /** Says which attached photo a finding is about: "(photo « IMG_12.jpg »)". */
  dialogPhoto: (name: string) => string;
  /** Quotes words or a file name as the language does: « IMG_12.jpg », “IMG_12.jpg”. */
  quoted: (text: string) => string;
  /** The pause while attached photos are still checked (not in the post yet): $1 is « a.jpg », « b.jpg ». */
  dialogPhotoChecking: (quoted: string) => string;
  dialogPhotosChecking: (quoted: string) => string;
  /** Chooses the pack's English texts when the UI is not French. */
  english: boolean;
}
