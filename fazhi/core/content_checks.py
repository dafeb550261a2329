"""What an uploaded file holds, beyond its first bytes (issue 15): a PDF that would run script or
carry a file (an executable) inside it, and a zip container (.docx, .xlsx, .ofd, .zip) that
would expand to far more than it weighs (a zip bomb), hide an archive or a program inside, or
carry macros. The PDF is parsed with pypdf; zip containers are read with the standard
library's zipfile from their central directory, without expanding anything.

Each check answers None for an acceptable file, or the reason in Chinese."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath
from typing import IO, Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# A zip container may declare at most this much content once expanded, and no member may
# expand more than this many times its compressed size (deflate's own limit is about 1,032:
# only a crafted or nested file goes past it; ordinary Office files stay under 100).
MAX_EXPANDED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 400
MAX_MEMBERS = 20_000
# Parts of a PDF that run something or carry a file: script, launch and embedded files.
PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/Launch", "/RichMedia"}
PDF_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
MAX_PDF_OBJECTS = 200_000
# Members a document or an archive of documents has no business carrying.
EXECUTABLE_SUFFIXES = {
    ".exe", ".dll", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".vbs", ".vbe", ".js", ".jse",
    ".wsf", ".wsh", ".ps1", ".hta", ".jar", ".sh", ".lnk", ".cpl", ".reg",
}  # fmt: skip
ARCHIVE_SUFFIXES = {".zip", ".rar", ".7z", ".gz", ".tar", ".cab", ".iso"}
OFFICE_SUFFIXES = {".docx", ".xlsx"}


def pdf_problem(stream: IO[bytes]) -> str | None:
    """A PDF that cannot be read without a password, or that holds JavaScript, a launch action
    or an embedded file. A PDF whose structure pypdf cannot follow (a scanner's broken
    cross-reference table, say) is searched byte by byte for the same names instead."""
    stream.seek(0)
    try:
        found = _parsed_pdf_problem(stream)
    except Exception:
        stream.seek(0)
        found = _raw_pdf_problem(stream.read())
    finally:
        stream.seek(0)
    if found == "encrypted":
        return "PDF 文件已加密，无法检查其内容，请上传未加密的文件"
    if found:
        return f"PDF 文件含有可执行内容（{found}），不予接收；请另存为普通 PDF 后再上传"
    return None


def _parsed_pdf_problem(stream: IO[bytes]) -> str | None:
    reader = PdfReader(stream, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return "encrypted"
    return _active_pdf_part(reader.trailer["/Root"])


PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _raw_pdf_problem(data: bytes) -> str | None:
    """Every name in the bytes, with #xx escapes decoded (/Java#53cript is /JavaScript)."""
    for match in PDF_NAME.finditer(data):
        name = PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group()).decode("latin-1")
        if name in PDF_ACTIVE_KEYS or name in PDF_ACTIVE_ACTIONS or name == "/FileAttachment":
            return (
                "嵌入文件" if "Embedded" in name or name in {"/EF", "/FileAttachment"} else "脚本或启动操作"
            )
    return None


def _active_pdf_part(root: Any) -> str | None:
    """Walk every object reachable from the document catalog, once each."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "对象过多"
        if isinstance(node, DictionaryObject):
            for name in PDF_ACTIVE_KEYS & set(node.keys()):
                return {"/EmbeddedFiles": "嵌入文件", "/EmbeddedFile": "嵌入文件", "/EF": "嵌入文件"}.get(
                    name, "脚本或启动操作"
                )
            if node.get("/S") in PDF_ACTIVE_ACTIONS:
                return "脚本或启动操作"
            if node.get("/Subtype") == "/FileAttachment":
                return "嵌入文件"
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return None


def archive_problem(stream: IO[bytes], *, suffix: str, format_errors: bool = True) -> str | None:
    """A zip container that is not one, that would expand too far (a zip bomb), or that holds
    an archive, a program or (an Office file) macros. Nothing is expanded. With
    `format_errors=False` a file that is no zip at all is left to the caller's own reader."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return "文件不是有效的压缩包格式，可能已损坏" if format_errors else None
    finally:
        stream.seek(0)
    if len(members) > MAX_MEMBERS:
        return f"压缩包内文件过多（{len(members)} 个）"
    expanded = sum(m.file_size for m in members)
    if expanded > MAX_EXPANDED_BYTES:
        return f"文件解压后达 {expanded / 1024 / 1024:.0f} MB，超过 {MAX_EXPANDED_BYTES // 1024 // 1024} MB 上限（疑似压缩炸弹）"
    office = suffix in OFFICE_SUFFIXES
    for member in members:
        name = PurePosixPath(member.filename.replace("\\", "/"))
        inner = name.suffix.lower()
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            return f"“{name.name}”的压缩比异常（疑似压缩炸弹）"
        if inner in EXECUTABLE_SUFFIXES:
            return f"压缩包内含可执行文件“{name.name}”，不予接收"
        if office and inner in ARCHIVE_SUFFIXES:
            return f"文件内嵌压缩包“{name.name}”，不予接收"
        if office and name.name.lower() in {"vbaproject.bin", "vbadata.xml"}:
            return "文件含有宏，不予接收；请另存为不含宏的 .docx 或 .xlsx"
        if office and "embeddings" in name.parts and inner in {".bin", ".exe"}:
            return f"文件内嵌对象“{name.name}”，不予接收；请删除嵌入的对象后再上传"
    if office and "[Content_Types].xml" not in {m.filename for m in members}:
        return f"文件不是有效的 {suffix} 文件"
    return None


def content_problem(stream: IO[bytes], *, suffix: str) -> str | None:
    """The deep check for a file of this extension (None when there is none to make)."""
    if suffix == ".pdf":
        return pdf_problem(stream)
    if suffix in OFFICE_SUFFIXES | {".ofd", ".zip"}:
        return archive_problem(stream, suffix=suffix)
    return None
