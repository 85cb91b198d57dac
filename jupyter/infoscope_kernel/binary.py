"""Where the `infoscope` executable is."""

import os
import shutil
from pathlib import Path
from typing import Optional

# The repository this package sits in, when it is used from a checkout (an editable install or
# PYTHONPATH); a copy installed into site-packages has none, and the lookup skips it.
_REPOSITORY = Path(__file__).resolve().parents[2]


class BinaryNotFound(RuntimeError):
    """No `infoscope` executable was found; the message says where it was looked for."""


def candidates(cwd: Optional[Path] = None):
    """The places looked in, in order: $INFOSCOPE_BINARY, `infoscope` on PATH, then a build in
    the repository (release before debug) and in the current directory."""
    explicit = os.environ.get("INFOSCOPE_BINARY")
    if explicit:
        yield Path(explicit)
        return
    on_path = shutil.which("infoscope")
    if on_path:
        yield Path(on_path)
    for root in (_REPOSITORY, cwd or Path.cwd()):
        for configuration in ("release", "debug"):
            yield root / ".build" / configuration / "infoscope"


def find_binary(cwd: Optional[Path] = None) -> Path:
    """The first executable among `candidates`, or BinaryNotFound naming them all."""
    looked = []
    for path in candidates(cwd):
        if path.is_file() and os.access(path, os.X_OK):
            return path.resolve()
        looked.append(str(path))
    raise BinaryNotFound(
        "cannot find the infoscope executable; looked at "
        + ", ".join(looked)
        + ". Build it with 'swift build -c release' or set INFOSCOPE_BINARY"
    )
