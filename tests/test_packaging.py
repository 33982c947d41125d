"""Packaging metadata is well formed (the bundle and .deb themselves are built and
self-tested by `make deb`, which CI runs after the tests)."""

import configparser

from lxml import etree

from tests.conftest import REPO

LINUX = REPO / "packaging" / "linux"


def test_desktop_entry_launches_claimdesk_for_project_files():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / "org.claimdesk.Claimdesk.desktop")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "claimdesk %f" and section["Icon"] == "org.claimdesk.Claimdesk"
    assert "application/x-claimdesk-project" in section["MimeType"]


def test_mime_type_and_appstream_metadata_parse():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = etree.parse(str(LINUX / "claimdesk-mime.xml"))
    assert mime.find(".//m:glob", ns).get("pattern") == "*.claimdesk"
    metainfo = etree.parse(str(LINUX / "org.claimdesk.Claimdesk.metainfo.xml"))
    assert metainfo.findtext("id") == "org.claimdesk.Claimdesk"
    assert metainfo.find("launchable").text == "org.claimdesk.Claimdesk.desktop"


def test_icons_exist_in_every_size_the_package_installs():
    icons = REPO / "resources" / "icons"
    assert (icons / "claimdesk.svg").exists()
    for size in (16, 24, 32, 48, 64, 128, 256):
        data = (icons / f"claimdesk-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == size


def test_spec_keeps_upx_off_and_reads_the_package_version():
    spec = (REPO / "build.spec").read_text()
    assert "from claimdesk import __version__" in spec and "upx=True" not in spec
    assert "freeze_support" in (REPO / "desktop" / "claimdesk" / "__main__.py").read_text()
