"""REFI-QDA project export (.qdpx): ``project.qde`` (QDA-XML 1.0) plus ``sources/``.

Kinds become codes; so do the subjects of the exported claims, under one "Subjects"
code, each with its measures as child codes. Each original is a TextSource holding the
original's stored text (for a digest page: the whole page, so its articles' claims share
one source), each claim a PlainTextSelection coded with its kind and, when it is linked
to one, its measure; start/end count code points in that text, as every export counts
them. The source's description names the original's SHA-256. GUIDs are derived from ids
(uuid5) and zip entries carry a fixed date, so the same export is byte-identical. With no
claim there is no Sources element (the schema allows none, but not an empty one).
"""

from __future__ import annotations

import io
import uuid
import zipfile
from typing import Any

from lxml import etree

from claimdesk.core.kinds import Kind
from claimdesk.exports.factsheet import Entry, FactSheet, Original
from claimdesk.exports.safe import clean

NAMESPACE = "urn:QDA-XML:project:1.0"
_ROOT = uuid.UUID("6f1c1f2e-1c1d-4b6e-9a57-3c1a2d9e7b10")
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def guid(*parts: object) -> str:
    return str(uuid.uuid5(_ROOT, "/".join(str(p) for p in parts)))


def _xml_text(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped."""
    return clean(text)


def project_xml(sheet: FactSheet, kinds: list[Kind], originals: dict[int, Original]) -> tuple[bytes, dict[str, bytes]]:
    """``originals``: the cited originals by document id (every entry's original_document_id)."""
    stamp = _datetime(sheet.generated_at)
    q = f"{{{NAMESPACE}}}"
    root = etree.Element(q + "Project", nsmap={None: NAMESPACE}, name=_xml_text(sheet.title),
                         origin="Claimdesk", creationDateTime=stamp)
    users = sorted({a for a in sheet.authors} | {r for r in sheet.reviewers}) or ["claimdesk"]
    users_element = etree.SubElement(root, q + "Users")
    for name in users:
        etree.SubElement(users_element, q + "User", guid=guid("user", name), name=_xml_text(name))
    codes = etree.SubElement(etree.SubElement(root, q + "CodeBook"), q + "Codes")
    for kind in kinds:
        code = etree.SubElement(codes, q + "Code", guid=guid("kind", kind.name), name=_xml_text(kind.label),
                                isCodable="true", color=kind.colour)
        etree.SubElement(code, q + "Description").text = f"Claimdesk claim kind '{kind.name}'"
    _subject_codes(codes, q, sheet)
    files: dict[str, bytes] = {}
    by_original: dict[int, list[Entry]] = {}
    for section in sheet.sections:
        for entry in section.entries:
            by_original.setdefault(entry.source.original_document_id, []).append(entry)
    sources = etree.SubElement(root, q + "Sources") if by_original else None
    for document_id in sorted(by_original):
        entries = by_original[document_id]
        document, text = originals[document_id].document, originals[document_id].text
        source_guid = guid("document", document_id)
        # stored text is already LF-only; mapping CR one to one keeps every position
        files[f"sources/{source_guid}.txt"] = text.replace("\r", "\n").encode("utf-8")
        source = etree.SubElement(sources, q + "TextSource", guid=source_guid,
                                  name=_xml_text(document.title or document.file_name),
                                  plainTextPath=f"internal://{source_guid}.txt", creationDateTime=stamp)
        etree.SubElement(source, q + "Description").text = _xml_text(
            f"{document.file_name}; SHA-256 of the original {document.original_sha256}; positions count "
            "characters (code points) of this text")
        for entry in sorted(entries, key=lambda e: (e.start, e.claim_id)):
            author = entry.author or entry.reviewer or users[0]
            selection = etree.SubElement(source, q + "PlainTextSelection", guid=guid("claim", entry.claim_id),
                                         name=_xml_text(f"#{entry.claim_id} {entry.statement}"[:200]),
                                         startPosition=str(entry.start), endPosition=str(entry.end),
                                         creatingUser=guid("user", author), creationDateTime=stamp)
            etree.SubElement(selection, q + "Description").text = _xml_text(
                f"{entry.value} · status {entry.status}" if entry.value else f"status {entry.status}")
            coding = etree.SubElement(selection, q + "Coding", guid=guid("coding", entry.claim_id),
                                      creatingUser=guid("user", author), creationDateTime=stamp)
            etree.SubElement(coding, q + "CodeRef", targetGUID=guid("kind", entry.kind))
            if entry.about is not None:
                coding = etree.SubElement(selection, q + "Coding", guid=guid("coding-measure", entry.claim_id),
                                          creatingUser=guid("user", author), creationDateTime=stamp)
                etree.SubElement(coding, q + "CodeRef", targetGUID=guid("measure", entry.about.measure_id))
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return xml, files


def _subject_codes(codes: Any, q: str, sheet: FactSheet) -> None:  # codes: an lxml element (untyped)
    """Subjects > subject > measure codes for the subjects the exported claims are about."""
    if not sheet.subjects:
        return
    root = etree.SubElement(codes, q + "Code", guid=guid("subjects"), name="Subjects", isCodable="false")
    etree.SubElement(root, q + "Description").text = "What the claims are about: subjects and their measures"
    for subject in sheet.subjects:
        code = etree.SubElement(root, q + "Code", guid=guid("subject", subject.subject_id),
                                name=_xml_text(subject.name), isCodable="true")
        aliases = f"; also written: {'; '.join(subject.aliases)}" if subject.aliases else ""
        etree.SubElement(code, q + "Description").text = _xml_text(f"Claimdesk subject ({subject.category}){aliases}")
        for block in subject.measures:
            about = block.about
            measure = etree.SubElement(code, q + "Code", guid=guid("measure", about.measure_id),
                                       name=_xml_text(about.measure), isCodable="true")
            unit = f", unit {about.unit}" if about.unit else ""
            etree.SubElement(measure, q + "Description").text = _xml_text(
                f"Claimdesk measure of {subject.name}: {about.unit_class}{unit}")


def qdpx_bytes(sheet: FactSheet, kinds: list[Kind], originals: dict[int, Original]) -> bytes:
    xml, files = project_xml(sheet, kinds, originals)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("project.qde", xml), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _datetime(value: str) -> str:
    """xsd:dateTime from the sheet's generated-at (always with seconds and a zone)."""
    text = value.replace(" ", "T")
    if len(text) == 10:
        text += "T00:00:00"
    if not (text.endswith("Z") or "+" in text[10:] or text[19:].startswith("-")):
        text += "Z"
    return text
