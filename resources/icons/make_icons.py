"""Draws the app icon (counter-app.png 256 px, counter-app.ico 16–256 px) with Pillow.

Run once when the design changes: `.venv/bin/python resources/icons/make_icons.py`.
The outputs are committed; the build only copies them.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 1024  # drawn large, scaled down smoothly


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((32, 32, SIZE - 32, SIZE - 32), radius=200, fill=(21, 101, 192, 255))
    # a sheet of paper with a folded corner
    left, top, right, bottom, fold = 250, 170, 774, 860, 150
    d.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=(255, 255, 255, 255),
    )
    d.polygon(
        [(right - fold, top), (right - fold, top + fold), (right, top + fold)],
        fill=(187, 222, 251, 255),
    )
    for i, width in enumerate((380, 300, 340)):
        y = 360 + i * 95
        d.rounded_rectangle(
            (left + 70, y, left + 70 + width, y + 38), radius=19, fill=(120, 144, 156, 255)
        )
    # a round stamp with a tick: "received"
    cx, cy, r = 640, 700, 175
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(46, 125, 50, 255))
    d.line(
        [(cx - 85, cy + 5), (cx - 20, cy + 70), (cx + 95, cy - 60)],
        fill="white",
        width=48,
        joint="curve",
    )
    return image


def main() -> None:
    image = draw()
    image.resize((256, 256), Image.LANCZOS).save(HERE / "counter-app.png", optimize=True)
    image.resize((256, 256), Image.LANCZOS).save(
        HERE / "counter-app.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )


if __name__ == "__main__":
    main()
