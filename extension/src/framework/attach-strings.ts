// The words of the attach card. Like the rest of the framework, it never reads _locales
// itself: the content script passes them in, French first.

export interface AttachStrings {
  /** The dialog's accessible name; contains "Vigie". */
  title: string;
  intro: string;
  /** Title and intro when the picture shows people (faces); the title contains "Vigie". */
  titlePicture: string;
  introPicture: string;
  /** The clean copy keeps the picture: the faces outlined stay visible. */
  cleanKeepsPicture: string;
  /** "Ce que dit le fichier « $1 »". */
  fileHeading: (name: string) => string;
  attachClean: string;
  /** The HEIC/AVIF choice: a re-encoded JPEG copy, with the user's consent. */
  attachReencoded: string;
  reencodeNotice: string;
  reencodeUnsupported: string;
  attachOriginal: string;
  cancel: string;
  /** "$1 : non analysée, trop volumineuse ($2 Mo, limite $3 Mo)". */
  tooLarge: (name: string, megabytes: string, limit: string) => string;
  /** While the text in a photo is read and nothing else holds it (the title contains "Vigie"). */
  titleReading: string;
  introReading: string;
  /** "Lecture du texte de « $1 » : $2 %". */
  readingProgress: (name: string, percent: string) => string;
  stopReading: string;
  /** The photo's text was not read (stopped, failed): it keeps its other findings. */
  textNotChecked: string;
  /** When text read in the picture holds it (the title contains "Vigie"). */
  titleText: string;
  introText: string;
  /** The clean copy leaves the text in the picture readable. */
  cleanKeepsText: string;
  /** When a barcode or 2D code read in the picture holds it (the title contains "Vigie"). */
  titleCode: string;
  introCode: string;
  /** The clean copy leaves the codes in the picture readable. */
  cleanKeepsCode: string;
  /** Shown when making the clean copy failed: the user chooses again. */
  cleanFailed: string;
  close: string;
}
