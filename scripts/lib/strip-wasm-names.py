#!/usr/bin/env python3
"""Drops the custom sections (names, producers, target features) of wasm
files in place. The browser runs none of them; wasm-split copies a few into
every part, and wasm-bindgen names its closure shims in the main module
(about 10 KB), all of which the first download would otherwise carry.

Usage: strip-wasm-names.py FILE.wasm...
"""
import sys


def leb128(data: bytes, at: int) -> tuple[int, int]:
    """The unsigned LEB128 number at `at`, and where it ends."""
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def stripped(data: bytes) -> bytes:
    if data[:4] != b"\0asm":
        raise ValueError("not a wasm module")
    out, at = bytearray(data[:8]), 8
    while at < len(data):
        section = data[at]
        size, body = leb128(data, at + 1)
        end = body + size
        if section != 0:  # 0: a custom section
            out += data[at:end]
        at = end
    return bytes(out)


for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(stripped(data))
