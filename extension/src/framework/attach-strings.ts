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
  /** Shown when making the clean copy failed: the user chooses again. */
  cleanFailed: string;
  close: string;
}
