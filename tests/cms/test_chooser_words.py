"""Choosers say what they choose: the video block of a body picks a video file, not "a document"."""

from django.utils import translation

from cms.blocks import BodyBlock


def test_the_video_blocks_file_chooser_says_choose_a_video_file():
    file_block = BodyBlock().child_blocks["video"].child_blocks["file"]
    with translation.override("vi"):
        html = file_block.field.widget.render_html("body-0-value-file", None, {"id": "body-0-value-file"})
    assert "Chọn tệp video" in html
    assert "tài liệu" not in html and "văn bản" not in html
    # Stored as Wagtail's own block: the StreamField definitions in migrations do not change.
    assert file_block.deconstruct()[0] == "wagtail.documents.blocks.DocumentChooserBlock"
