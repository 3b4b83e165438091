"""Progress of a batch: a tqdm bar on a terminal, periodic plain log lines otherwise, or nothing."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """``mode``: ``"bar"`` (tqdm), ``"log"`` (a line every ``interval`` seconds) or ``"off"``."""

    def __init__(self, total_files: int, total_bytes: int, mode: str = "off", *, interval: float = 10.0,
                 stream: TextIO | None = None) -> None:
        self.total_files, self.total_bytes = total_files, total_bytes
        self.files = self.bytes = 0
        self.mode, self.interval = mode, interval
        self.stream = stream or sys.stderr
        self.started = self._last = time.monotonic()
        self._bar = None
        if mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1000, desc="convert",
                             file=self.stream, dynamic_ncols=True, smoothing=0.1)
            self._bar.set_postfix_str(f"0/{total_files} files", refresh=False)

    def update(self, files: int = 1, nbytes: int = 0) -> None:
        self.files += files
        self.bytes += nbytes
        if self._bar is not None:
            self._bar.set_postfix_str(f"{self.files}/{self.total_files} files", refresh=False)
            self._bar.update(nbytes)
        elif self.mode == "log":
            now = time.monotonic()
            if now - self._last >= self.interval:
                self._last = now
                self.stream.write(self.line() + "\n")
                self.stream.flush()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.bytes / elapsed if elapsed > 0 else 0.0
        left = (self.total_bytes - self.bytes) / rate if rate > 0 else 0.0
        return (f"digestparse: {self.files}/{self.total_files} files, {self.bytes / 1e6:.1f}/"
                f"{self.total_bytes / 1e6:.1f} MB, {rate / 1e6:.2f} MB/s, elapsed {_clock(elapsed)}, ETA {_clock(left)}")

    def message(self, text: str) -> None:
        """A status line (grouping, writing) that does not break the bar, also after it closed."""
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        elif self.mode != "off":
            self.stream.write(text + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.mode == "log" and self.files:
            self.stream.write(self.line() + "\n")
            self.stream.flush()
