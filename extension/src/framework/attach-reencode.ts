// HEIC/AVIF have no lossless metadata removal in the engine: with the user's consent, the
// browser decodes the picture and encodes a JPEG copy, which carries no metadata at all.
// createImageBitmap applies the EXIF orientation, so the copy looks like the original.

const JPEG_QUALITY = 0.92;

export async function canDecode(file: Blob): Promise<boolean> {
  try {
    (await createImageBitmap(file)).close();
    return true;
  } catch {
    return false;
  }
}

export async function reencodeAsJpeg(file: File): Promise<File> {
  const bitmap = await createImageBitmap(file);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas");
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: JPEG_QUALITY });
  const name = `${file.name.replace(/\.(heic|heif|avif)$/i, "")}.jpg`;
  return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
}
