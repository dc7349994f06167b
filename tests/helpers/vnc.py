"""A minimal VNC (RFB 3.3 and 3.8) client: enough to read Qt's vnc platform's frame and press keys.

Qt's vnc platform is a screen with no window system at all, the path linuxfb and eglfs take.
The client asks for raw 32-bit pixels in the server's own layout and reads each pixel by the
shifts the server announces, so no colour channel is swapped (vncdotool's captures are).
"""

from __future__ import annotations

import socket
import struct
import time

from tests.e2e.xdisplay import Shot

KEYSYMS = {"Right": 0xFF53, "Left": 0xFF51, "Escape": 0xFF1B, "Next": 0xFF56, "Prior": 0xFF55}


class VncClient:
    def __init__(self, port: int, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # the server is not listening yet: poll, as for any start
        self._handshake()

    def _read(self, n: int) -> bytes:
        data = bytearray()
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("the VNC server closed the connection")
            data += chunk
        return bytes(data)

    def _handshake(self) -> None:
        version = self._read(12)  # Qt speaks "RFB 003.003\n"
        self.sock.sendall(version)
        if version >= b"RFB 003.007":
            types = self._read(self._read(1)[0])
            assert 1 in types, f"the server wants authentication ({list(types)})"
            self.sock.sendall(b"\x01")
            assert struct.unpack(">I", self._read(4))[0] == 0, "VNC security handshake failed"
        else:
            assert struct.unpack(">I", self._read(4))[0] == 1, "the server wants authentication"
        self.sock.sendall(b"\x01")  # shared
        self.width, self.height = struct.unpack(">HH", self._read(4))
        fmt = self._read(16)
        (self.bpp, _depth, self.big_endian, _true, _rmax, _gmax, _bmax,
         self.shifts_r, self.shifts_g, self.shifts_b) = struct.unpack(">BBBBHHHBBB", fmt[:13])
        name_length = struct.unpack(">I", self._read(4))[0]
        self.name = self._read(name_length).decode(errors="replace")
        # Ask for the server's own layout back (Qt sends nothing until a client has set one),
        # and raw encoding only: every rectangle arrives as plain pixels.
        self.sock.sendall(b"\x00\x00\x00\x00" + fmt)
        self.sock.sendall(struct.pack(">BBHi", 2, 0, 1, 0))

    def shot(self) -> Shot:
        """The whole framebuffer now, as RGB."""
        self.sock.sendall(struct.pack(">BBHHHH", 3, 0, 0, 0, self.width, self.height))
        while self._read(1)[0] != 0:  # skip bells and cut text (not sent by Qt)
            pass
        self._read(1)
        (rects,) = struct.unpack(">H", self._read(2))
        frame = bytearray(self.width * self.height * 3)
        assert self.bpp == 32, f"expected 32-bit pixels, the server sends {self.bpp}"
        # Each channel is one byte of a 32-bit pixel, at the byte its shift names.
        offsets = [s // 8 if not self.big_endian else 3 - s // 8
                   for s in (self.shifts_r, self.shifts_g, self.shifts_b)]
        for _ in range(rects):
            x, y, w, h, encoding = struct.unpack(">HHHHi", self._read(12))
            assert encoding == 0, f"unexpected encoding {encoding}"
            data = self._read(w * h * 4)
            for row in range(h):
                line = data[row * w * 4:(row + 1) * w * 4]
                start = ((y + row) * self.width + x) * 3
                for channel, offset in enumerate(offsets):
                    frame[start + channel:start + w * 3:3] = line[offset::4]
        return Shot(self.width, self.height, bytes(frame))

    def key(self, name: str) -> None:
        keysym = KEYSYMS[name]
        self.sock.sendall(struct.pack(">BBxxI", 4, 1, keysym) + struct.pack(">BBxxI", 4, 0, keysym))

    def close(self) -> None:
        self.sock.close()
