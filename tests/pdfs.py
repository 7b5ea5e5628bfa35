"""Hand-built PDFs for the upload checks: valid files written byte by byte, so that a test can
put a JavaScript action exactly where an attacker would (inside an object stream behind any
chain of filters, in an XFA form) and know the file is well formed apart from that."""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Sequence


def encode(data: bytes, filters: Sequence[str]) -> bytes:
    """``data`` encoded so that decoding through ``filters`` in order gives it back."""
    for name in reversed(filters):
        if name == "FlateDecode":
            data = zlib.compress(data)
        elif name == "ASCIIHexDecode":
            data = binascii.hexlify(data) + b">"
        elif name == "ASCII85Decode":
            data = base64.a85encode(data) + b"~>"
        elif name == "RunLengthDecode":
            out = bytearray()
            for start in range(0, len(data), 128):
                chunk = data[start : start + 128]
                out += bytes([len(chunk) - 1]) + chunk
            data = bytes(out) + b"\x80"
        else:
            raise ValueError(name)
    return data


def _filter_entry(filters: Sequence[str]) -> bytes:
    if not filters:
        return b""
    if len(filters) == 1:
        return b"/Filter/" + filters[0].encode()
    return b"/Filter[" + b" ".join(b"/" + f.encode() for f in filters) + b"]"


def stream_object(number: int, dictionary: bytes, data: bytes, filters: Sequence[str] = ()) -> bytes:
    body = encode(data, filters)
    return (
        b"%d 0 obj<<%s%s/Length %d>>stream\n" % (number, dictionary, _filter_entry(filters), len(body))
        + body
        + b"\nendstream\nendobj\n"
    )


def build(
    objects: dict[int, bytes],
    *,
    compressed: dict[int, bytes] | None = None,
    objstm_filters: Sequence[str] = ("FlateDecode",),
    objstm_padding: int = 0,
) -> bytes:
    """A PDF whose catalog is object 1. ``objects`` are written as ``n 0 obj … endobj`` (a
    value of ``b"stream:" + whole object`` is written as given); ``compressed`` ones go into
    one object stream, encoded with ``objstm_filters``; a cross-reference stream indexes all."""
    compressed = dict(compressed or {})
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, tuple[int, int, int]] = {}  # number -> (type, field2, field3)
    for number, body in sorted(objects.items()):
        offsets[number] = (1, len(out), 0)
        if body.startswith(b"stream:"):
            out += body[len(b"stream:") :]
        else:
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    top = max([*objects, *compressed]) if compressed or objects else 0
    if compressed:
        stream_number = top + 1
        top = stream_number
        heads, bodies = [], bytearray()
        for index, (number, body) in enumerate(sorted(compressed.items())):
            heads.append(b"%d %d" % (number, len(bodies)))
            bodies += body + b"\n"
            offsets[number] = (2, stream_number, index)
        head = b" ".join(heads) + b"\n"
        data = head + bodies
        dictionary = b"/Type/ObjStm/N %d/First %d" % (len(compressed), len(head))
        dictionary += b"/Padding(" + b"x" * objstm_padding + b")" if objstm_padding else b""
        offsets[stream_number] = (1, len(out), 0)
        out += stream_object(stream_number, dictionary, data, objstm_filters)
    xref_number = top + 1
    offsets[xref_number] = (1, len(out), 0)
    rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")
    for number in range(1, xref_number + 1):
        kind, a, b = offsets.get(number, (0, 0, 0))
        rows += bytes([kind]) + a.to_bytes(4, "big") + b.to_bytes(2, "big")
    xref_dict = b"/Type/XRef/Size %d/W[1 4 2]/Root 1 0 R" % (xref_number + 1)
    start = len(out)
    out += stream_object(xref_number, xref_dict, bytes(rows))
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def plain(extra_catalog: bytes = b"") -> bytes:
    """A one-page PDF with nothing in it, valid to the byte."""
    return build(
        {
            1: b"<</Type/Catalog/Pages 2 0 R%s>>" % extra_catalog,
            2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
        }
    )


def javascript_in_object_stream(filters: Sequence[str], padding: int = 0) -> bytes:
    """The catalog's OpenAction is object 4, a JavaScript action kept in an object stream."""
    return build(
        {
            1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>",
            2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
        },
        compressed={4: b"<</S/JavaScript/JS(app.alert\\(1\\))>>"},
        objstm_filters=filters,
        objstm_padding=padding,
    )


def xfa_with_script() -> bytes:
    xfa = (
        b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform>'
        b'<event activity="initialize"><script contentType="application/x-javascript">'
        b"xfa.host.messageBox('x')</script></event></subform></template></xdp:xdp>"
    )
    return build(
        {
            1: b"<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[]/XFA 4 0 R>>>>",
            2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
            4: b"stream:" + stream_object(4, b"", xfa, ("FlateDecode",)),
        }
    )


def with_stream(filters: Sequence[str], data: bytes = b"BT ET", raw: bytes | None = None) -> bytes:
    """A page whose content stream uses ``filters`` (``raw`` bytes as the stream, if given)."""
    if raw is not None:
        content = (
            b"4 0 obj<<%s/Length %d>>stream\n" % (_filter_entry(filters), len(raw)) + raw + b"\nendstream\nendobj\n"
        )
    else:
        content = stream_object(4, b"", data, filters)
    return build(
        {
            1: b"<</Type/Catalog/Pages 2 0 R>>",
            2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
            4: b"stream:" + content,
        }
    )
