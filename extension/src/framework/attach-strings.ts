// The words of the attach card. Like the rest of the framework, it never reads _locales
// itself: the content script passes them in, French first.

/** The card's titles that depend on what the photos show (each contains "Vigie"). */
export interface AttachTitles {
  title: string;
  titlePicture: string;
  titleReading: string;
  titleText: string;
  titleCode: string;
  titleNotChecked: string;
}

export interface AttachStrings extends AttachTitles {
  /** The same titles for a card about several photos. */
  titlesMany: AttachTitles;
  /** The dialog's accessible name; contains "Vigie". */
  title: string;
  intro: string;
  /** Title and intro when the picture shows people (faces); the title contains "Vigie". */
  titlePicture: string;
  introPicture: string;
  /** The clean copy keeps the picture: the faces outlined stay visible. */
  cleanKeepsPicture: string;
  /** "Ce que Vigie a trouvé dans « $1 »". */
  fileHeading: (name: string) => string;
  attachClean: string;
  /** The HEIC/AVIF choice: a re-encoded JPEG copy, with the user's consent. */
  attachReencoded: string;
  reencodeNotice: string;
  /** "« $1 » sera jointe telle quelle…": a HEIC/AVIF with metadata this browser cannot clean. */
  reencodeUnsupported: (name: string) => string;
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
  /** The same, when the user stopped the reading. */
  textNotCheckedStopped: string;
  /** When the browser could not decode a photo: nothing in its picture was checked (the title contains "Vigie"). */
  titleNotChecked: string;
  introNotChecked: string;
  /** A photo of the card with no finding at all. */
  nothingToSay: string;
  /** The marker shown while held photos are analysed, before any card: one photo, several. */
  checking: string;
  checkingMany: string;
  /** A notice about one photo: "« $1 » : $2". */
  aboutPhoto: (name: string, message: string) => string;
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
  /** One line for a finding repeated in a photo (three books' barcodes): "$1 ($2 fois dans la photo)". */
  repeated: (message: string, count: number) => string;
  /** Shown when making the clean copy failed: the user chooses again. */
  cleanFailed: string;
  close: string;
}
