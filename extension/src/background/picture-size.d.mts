// Types of picture-size.mjs (plain JavaScript so that Node tools read it as is).

export const FACE_PICTURE: { maxSide: number; minShortSide: number };

export function shrinkFactor(width: number, height: number, maxSide: number, minShortSide?: number): number;
