#!/usr/bin/python3
"""Compares `vigie image` with ExifTool (Debian libimage-exiftool-perl).

For every test image (made here with ImageMagick, cwebp, heif-enc and ExifTool
from skimage's public-domain astronaut, plus the Debian/npm sample photos),
checks that the GPS position, dates and make/model Vigie reads equal
ExifTool's; then strips the file with `vigie image --strip` and checks that
ExifTool finds no GPS, no EXIF (but the orientation), XMP, IPTC or thumbnail,
and that the decoded pixels (Pillow) are identical.

Writes a Markdown report (default tests/image/exiftool-comparison.md) and
exits 1 on any difference.
  /usr/bin/python3 tests/image/exiftool_compare.py [--vigie build/bin/vigie]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data"
HOTEL_DIEU = (47.2120, -1.5540)
PARIS = (48.8584, 2.2945)

# Real sample files: (path, source and licence).
SAMPLES = [
    (os.path.join(ROOT, "node_modules/exif-parser/test/starfish.jpg"),
     "npm exif-parser 0.1.12 (MIT), Nokia Lumia 820 photo"),
    (os.path.join(ROOT, "node_modules/exif-parser/test/test.jpg"),
     "npm exif-parser 0.1.12 (MIT)"),
    (f"{SKIMAGE}/hubble_deep_field.jpg", "Debian python3-skimage (NASA, public domain)"),
    (f"{SKIMAGE}/astronaut.png", "Debian python3-skimage (NASA, public domain)"),
    (f"{SKIMAGE}/camera.png", "Debian python3-skimage (CC0)"),
    (f"{SKIMAGE}/chelsea.png", "Debian python3-skimage (CC0)"),
]


def run(args, check=True):
    return subprocess.run(args, capture_output=True, text=True, check=check)


def exiftool(path, *tags):
    out = run(["exiftool", "-j", "-n", "-G", "-a", *tags, path]).stdout
    return json.loads(out)[0]


def make_images(work):
    """The generated images: (path, description)."""
    base_png = os.path.join(work, "base.png")
    run(["convert", f"{SKIMAGE}/astronaut.png", "-resize", "256x256", "-strip", base_png])
    thumb = os.path.join(work, "thumb.jpg")
    run(["convert", base_png, "-resize", "32x32", "-strip", thumb])
    bases = {}
    bases["jpg"] = os.path.join(work, "base.jpg")
    run(["convert", base_png, "-quality", "90", bases["jpg"]])
    bases["png"] = base_png
    bases["webp"] = os.path.join(work, "base.webp")
    run(["cwebp", "-quiet", base_png, "-o", bases["webp"]])
    bases["heic"] = os.path.join(work, "base.heic")
    run(["heif-enc", "-q", "60", base_png, "-o", bases["heic"]])
    images = []
    for ext, base in bases.items():
        for variant, where in (("hotel-dieu", HOTEL_DIEU), ("paris", PARIS), ("no-gps", None)):
            path = os.path.join(work, f"{variant}.{ext}")
            shutil.copy(base, path)
            tags = ["-DateTimeOriginal=2024:05:17 14:03:22", "-CreateDate=2024:05:17 14:03:22",
                    "-Make=Apple", "-Model=iPhone 15", "-Software=17.1",
                    "-Artist=Jean Dupont", "-ImageDescription=Mme Durand, chambre 12",
                    "-XMP-dc:Creator=Jean Dupont"]
            if where:
                tags += [f"-GPSLatitude={abs(where[0])}",
                         f"-GPSLatitudeRef={'N' if where[0] >= 0 else 'S'}",
                         f"-GPSLongitude={abs(where[1])}",
                         f"-GPSLongitudeRef={'E' if where[1] >= 0 else 'W'}",
                         "-GPSAltitude=35.5", "-GPSAltitudeRef=0", "-GPSImgDirection=120"]
            if ext == "jpg":
                tags += ["-IPTC:By-line=Paul Martin", "-IPTC:Caption-Abstract=Service de pédiatrie",
                         f"-ThumbnailImage<={thumb}", "-Comment=Photo du service"]
                if variant == "hotel-dieu":
                    tags += ["-Orientation=6", "-n"]
            run(["exiftool", "-q", "-q", "-overwrite_original", *tags, path])
            images.append((path, f"generated ({ext}, GPS {variant}) from skimage astronaut"
                                 " (public domain) with ExifTool"))
    return images


def exiftool_values(path):
    e = exiftool(path, "-GPSLatitude", "-GPSLongitude", "-GPSAltitude", "-GPSImgDirection",
                 "-EXIF:DateTimeOriginal", "-EXIF:CreateDate", "-EXIF:ModifyDate",
                 "-EXIF:Make", "-EXIF:Model")
    def pick(name):
        for key in (f"Composite:{name}", f"EXIF:{name}", f"XMP:{name}"):
            if key in e:
                return e[key]
        return None
    return {
        "lat": pick("GPSLatitude"), "lon": pick("GPSLongitude"),
        "alt": pick("GPSAltitude"), "dir": pick("GPSImgDirection"),
        "DateTimeOriginal": e.get("EXIF:DateTimeOriginal"),
        "CreateDate": e.get("EXIF:CreateDate"),
        "ModifyDate": e.get("EXIF:ModifyDate"),
        "Make": e.get("EXIF:Make"), "Model": e.get("EXIF:Model"),
    }


def vigie_values(vigie, path):
    result = run([vigie, "image", path])
    line = json.loads(result.stdout)
    m = line["metadata"]
    gps = m.get("gps") or {}
    dates = {d["source"]: d["value"] for d in m["dates"]}
    devices = {d["source"]: d["value"] for d in m["devices"]}
    values = {
        "lat": gps.get("latitude"), "lon": gps.get("longitude"),
        "alt": gps.get("altitude_m"), "dir": gps.get("direction_deg"),
        "DateTimeOriginal": dates.get("exif:DateTimeOriginal"),
        "CreateDate": dates.get("exif:CreateDate"),
        "ModifyDate": dates.get("exif:ModifyDate"),
        "Make": devices.get("exif:Make"), "Model": devices.get("exif:Model"),
    }
    return values, line["findings"]


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-6
    if isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return a is not None and b is not None and str(a) == str(b)
    return (a or None) == (b or None)


# Groups and tags a clean file may still show in ExifTool.
ALLOWED_GROUPS = {"ExifTool", "System", "File", "JFIF", "ICC_Profile", "ICC-header",
                  "ICC-view", "ICC-meas", "PNG-pHYs", "RIFF", "Composite", "APP14", "Adobe",
                  "QuickTime", "Meta"}
ALLOWED_PNG = {"ImageWidth", "ImageHeight", "BitDepth", "ColorType", "Compression", "Filter",
               "Interlace", "Gamma", "WhitePointX", "WhitePointY", "RedX", "RedY", "GreenX",
               "GreenY", "BlueX", "BlueY", "BackgroundColor", "SRGBRendering",
               "SignificantBits", "Transparency", "Palette", "ProfileName"}
ALLOWED_EXIF = {"ExifByteOrder", "Orientation"}


def leftovers(path):
    """Metadata ExifTool still finds in a stripped file."""
    out = json.loads(run(["exiftool", "-j", "-G1", "-a", "-n", path]).stdout)[0]
    bad = []
    for key in out:
        if ":" not in key:
            continue
        group, tag = key.split(":", 1)
        if tag in ("ThumbnailImage", "PreviewImage", "ThumbnailOffset", "ThumbnailLength"):
            bad.append(key)
        elif group == "Composite":
            if tag.startswith("GPS") or tag in ("DateTimeOriginal", "SubSecDateTimeOriginal"):
                bad.append(key)
        elif group in ("IFD0", "ExifIFD") or group == "IFD1" or group == "GPS":
            if tag not in ALLOWED_EXIF:
                bad.append(key)
        elif group == "PNG":
            if tag not in ALLOWED_PNG:
                bad.append(key)
        elif group in ALLOWED_GROUPS or group.startswith("ICC") or group.startswith("VP8") \
                or group.startswith("QuickTime") or group.startswith("HEIC"):
            continue
        else:
            bad.append(key)
    return bad


def pixels(path):
    with Image.open(path) as image:
        return image.mode, image.size, image.tobytes()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vigie", default=os.path.join(ROOT, "build/bin/vigie"))
    parser.add_argument("--report", default=os.path.join(ROOT, "tests/image/exiftool-comparison.md"))
    args = parser.parse_args()
    version = run(["exiftool", "-ver"]).stdout.strip()
    failures = 0
    rows = []
    with tempfile.TemporaryDirectory() as work:
        images = make_images(work)
        for path, source in SAMPLES:
            if os.path.exists(path):
                local = os.path.join(work, os.path.basename(path))
                shutil.copy(path, local)
                images.append((local, source))
        for path, source in images:
            name = os.path.basename(path)
            reference = exiftool_values(path)
            mine, findings = vigie_values(args.vigie, path)
            diffs = [k for k in reference if not same(reference[k], mine[k])]
            critical = [f["rule"] for f in findings if f["severity"] == "critical"]
            clean = path + ".clean" + os.path.splitext(path)[1]
            strip = run([args.vigie, "image", "--strip", path, "-o", clean], check=False)
            if name.endswith(".heic"):
                strip_result = "n/a (exit %d: %s)" % (
                    strip.returncode, strip.stderr.strip().split(": ", 2)[-1])
                pixel_result = "n/a"
                strip_ok = strip.returncode == 2
            elif strip.returncode != 0:
                strip_result, pixel_result, strip_ok = "FAILED: " + strip.stderr.strip(), "-", False
            else:
                bad = leftovers(clean)
                strip_result = "clean" if not bad else "LEFT: " + ", ".join(bad)
                same_pixels = pixels(path) == pixels(clean)
                pixel_result = "identical" if same_pixels else "DIFFERENT"
                strip_ok = not bad and same_pixels
            ok = not diffs and strip_ok
            failures += 0 if ok else 1
            gps = ("%.6f, %.6f" % (reference["lat"], reference["lon"])
                   if reference["lat"] is not None else "none")
            rows.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                name, source, gps,
                "equal" if not diffs else "DIFF: " + ", ".join(
                    f"{k} exiftool={reference[k]!r} vigie={mine[k]!r}" for k in diffs),
                ", ".join(critical) or "-", strip_result, pixel_result,
                "ok" if ok else "**FAIL**"))
    report = [
        "# vigie image vs ExifTool",
        "",
        f"Generated by `tests/image/exiftool_compare.py` (ExifTool {version}). Compared fields:",
        "GPS latitude, longitude, altitude, direction; EXIF DateTimeOriginal, CreateDate,",
        "ModifyDate, Make, Model. After `vigie image --strip`: ExifTool must find no GPS,",
        "EXIF (but Orientation), XMP, IPTC, text chunks or thumbnail, and Pillow must decode",
        "the same pixels. HEIC has no lossless strip (exit 2 expected).",
        "",
        "| file | source, licence | GPS (ExifTool) | GPS, dates, make/model | critical findings"
        " | strip | pixels | result |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"{len(rows) - failures} of {len(rows)} files agree.",
        "",
    ]
    with open(args.report, "w", encoding="utf-8") as f:
        f.write("\n".join(report))
    print("\n".join(report))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
