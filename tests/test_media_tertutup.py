"""Stored files are never served straight from MEDIA_ROOT, even with DEBUG on: evidence, frozen
documents and cached PDFs go out only through views that check the user's permission."""

from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches


@pytest.mark.django_db
def test_media_tidak_disajikan_langsung(tmp_path: Path) -> None:
    berkas = tmp_path / "bukti" / "rahasia.pdf"
    berkas.parent.mkdir()
    berkas.write_bytes(b"%PDF-1.4 rahasia")
    with override_settings(DEBUG=True, MEDIA_ROOT=tmp_path):
        import importlib

        import sakip.urls

        importlib.reload(sakip.urls)  # the URLconf is built at import: rebuild it with DEBUG on
        clear_url_caches()
        try:
            r = Client().get("/media/bukti/rahasia.pdf")
            assert r.status_code in (302, 404)
            assert b"%PDF-1.4 rahasia" not in b"".join(getattr(r, "streaming_content", [r.content]))
        finally:
            importlib.reload(sakip.urls)
            clear_url_caches()
