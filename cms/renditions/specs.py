"""The renditions Sen shows, by name: what templates, feeds and the APIs ask for, and what the
background task makes for every image."""

# The named renditions the APIs offer (a consumer picks one by name).
API_RENDITIONS = {
    "thumbnail": "fill-160x120",
    "card": "fill-480x320",
    "full": "max-1280x1280",
    "full_webp": "max-1280x1280|format-webp",
}
# One rendition for a single purpose.
FEED_IMAGE = API_RENDITIONS["full"]  # the image of an RSS/Atom/JSON feed item
OPEN_GRAPH_IMAGE = "fill-1200x630-c80"  # og:image, the size social networks show
VIDEO_POSTER = "width-1280"  # the poster frame of a <video>

# The sets {% responsive_image image "<name>" %} offers as srcset: (widths, ratio). With a
# ratio the image is cropped to that shape (fill-WxH), without it keeps its own (width-W).
RESPONSIVE_SETS = {
    "card": ((240, 480), (3, 2)),  # news and bulletin cards in listings
    "content": ((400, 800, 1200), None),  # a page's main image, images in the body
    "gallery": ((320, 640, 960), None),  # a centre's photos
    "logo": ((32, 64), (1, 1)),  # website link logos
}


def responsive_specs(name):
    """The filter specs of a responsive set, narrowest first."""
    widths, ratio = RESPONSIVE_SETS[name]
    if ratio is None:
        return [f"width-{width}" for width in widths]
    return [f"fill-{width}x{round(width * ratio[1] / ratio[0])}" for width in widths]


def all_specs():
    """Every spec Sen shows anywhere: what the background task makes for each image."""
    specs = [*API_RENDITIONS.values(), FEED_IMAGE, OPEN_GRAPH_IMAGE, VIDEO_POSTER]
    for name in RESPONSIVE_SETS:
        specs += responsive_specs(name)
    return list(dict.fromkeys(specs))
