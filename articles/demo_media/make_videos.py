"""Dev-time tool: draw the four tiny demo bulletin videos committed beside this script.

The demo loader only reads the MP4 files; nobody needs to run this again. To
regenerate them (there is no ffmpeg on the build machines), use PyAV in a
throwaway virtualenv, never in the project's requirements:

    python3 -m venv /tmp/avenv && /tmp/avenv/bin/pip install av pillow
    /tmp/avenv/bin/python articles/demo_media/make_videos.py

Each file is H.264, 320x180, two seconds at 12 frames per second, well under 100 KB.
"""

from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT, FPS, SECONDS = 320, 180, 12, 2
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# (file name, date line, studio colour)
BULLETINS = [
    ("bulletin-2018-12-07.mp4", "07/12/2018", (163, 18, 42)),
    ("bulletin-2018-11-30.mp4", "30/11/2018", (24, 92, 140)),
    ("bulletin-2018-11-23.mp4", "23/11/2018", (30, 120, 70)),
    ("bulletin-2018-11-16.mp4", "16/11/2018", (120, 70, 20)),
]


def font(size):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def frame(date_line, colour, step, steps):
    image = Image.new("RGB", (WIDTH, HEIGHT), colour)
    draw = ImageDraw.Draw(image)
    # A simple studio: a desk, a presenter's silhouette and a news ticker that moves.
    draw.rectangle((0, 120, WIDTH, 150), fill=(240, 236, 228))
    draw.ellipse((140, 52, 180, 92), fill=(250, 220, 190))
    draw.rectangle((130, 92, 190, 122), fill=(40, 40, 60))
    draw.text((10, 8), "Truyền hình Mỹ Tho", font=font(16), fill="white")
    draw.text((10, 30), date_line, font=font(14), fill=(255, 230, 150))
    draw.rectangle((0, 150, WIDTH, HEIGHT), fill=(20, 20, 20))
    offset = WIDTH - int((WIDTH + 260) * step / steps)
    draw.text((offset, 156), "Xây dựng xã hội học tập", font=font(13), fill="white")
    return image


def make(name, date_line, colour):
    path = HERE / name
    steps = FPS * SECONDS
    with av.open(str(path), mode="w", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height = WIDTH, HEIGHT
        stream.pix_fmt = "yuv420p"
        stream.codec_context.time_base = Fraction(1, FPS)
        stream.options = {"crf": "32", "preset": "veryslow"}
        for step in range(steps):
            video_frame = av.VideoFrame.from_image(frame(date_line, colour, step, steps))
            for packet in stream.encode(video_frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


if __name__ == "__main__":
    for name, date_line, colour in BULLETINS:
        path = make(name, date_line, colour)
        print(f"{path.name}: {path.stat().st_size} bytes")  # noqa: T201
