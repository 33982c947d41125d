"""The CLI side of issue 16: import limits as options, document text escaped for the terminal."""

from tests.cli.command import claimdesk


def test_docs_shows_bidi_controls_escaped_not_raw(tmp_path):
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    (tmp_path / "rtl.txt").write_text("Price \u202eKZT 005\u202c today\n\nThe fund allocated 5 billion tenge.",
                                      encoding="utf-8")
    assert claimdesk("import", "p.claimdesk", "rtl.txt", cwd=tmp_path).returncode == 0
    listing = claimdesk("docs", "p.claimdesk", cwd=tmp_path)
    assert listing.returncode == 0
    assert "\u202e" not in listing.stdout and "[U+202E]KZT 005[U+202C]" in listing.stdout


def test_import_size_limit_and_links_are_options(tmp_path):
    assert claimdesk("new", "p.claimdesk", cwd=tmp_path).returncode == 0
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_bytes(b"The fund allocated 2 billion tenge. " * 60_000)
    (tmp_path / "outside.txt").write_text("A private note about 3 payments.")
    (folder / "leak.txt").symlink_to(tmp_path / "outside.txt")
    limited = claimdesk("import", "p.claimdesk", folder, "--max-file-mb", "1", cwd=tmp_path)
    assert limited.returncode == 1
    assert "big.txt: too large" in limited.stderr and "Traceback" not in limited.stderr
    assert "skipped" in limited.stdout and "--follow-links" in limited.stdout
    followed = claimdesk("import", "p.claimdesk", folder, "--follow-links", cwd=tmp_path)
    assert followed.returncode == 0 and "2 imported" in followed.stdout, followed.stdout + followed.stderr
    refused = claimdesk("import", "p.claimdesk", folder, "--max-file-mb", "0", cwd=tmp_path)
    assert refused.returncode == 2 and "--max-file-mb" in refused.stderr
