"""`python -m infoscope_kernel.install`: registers the Infoscope kernel with Jupyter."""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

from .binary import BinaryNotFound, find_binary

KERNEL_NAME = "infoscope"


def kernel_spec(binary):
    """The kernel.json content. The binary found now is recorded, so the kernel finds it
    whatever directory a notebook is opened from."""
    spec = {
        "argv": [sys.executable, "-m", "infoscope_kernel", "-f", "{connection_file}"],
        "display_name": "Infoscope",
        "language": "infoscope",
        # Jupyter interrupts by SIGINT; the kernel forwards it to the infoscope process.
        "interrupt_mode": "signal",
    }
    if binary is not None:
        spec["env"] = {"INFOSCOPE_BINARY": str(binary)}
    return spec


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m infoscope_kernel.install",
        description="Install the Infoscope kernel spec, so Jupyter offers an 'Infoscope' kernel.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="install for this user only (the default outside a virtual environment)")
    where.add_argument("--sys-prefix", action="store_true", help="install into this Python's prefix (a virtual environment)")
    where.add_argument("--prefix", help="install under this prefix")
    parser.add_argument("--binary", help="the infoscope executable to run (default: found as the kernel finds it)")
    arguments = parser.parse_args(argv)

    if arguments.binary:
        binary = Path(arguments.binary).resolve()
        if not binary.is_file():
            parser.error(f"no executable at {binary}")
    else:
        try:
            binary = find_binary()
        except BinaryNotFound as error:
            print(f"warning: {error}; the kernel will look again when it starts", file=sys.stderr)
            binary = None

    in_virtual_environment = sys.prefix != sys.base_prefix
    user = arguments.user or (not arguments.sys_prefix and not arguments.prefix and not in_virtual_environment)
    prefix = sys.prefix if arguments.sys_prefix or (not user and not arguments.prefix) else arguments.prefix
    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / "kernel.json").write_text(json.dumps(kernel_spec(binary), indent=2) + "\n")
        destination = KernelSpecManager().install_kernel_spec(
            directory, KERNEL_NAME, user=user, prefix=None if user else prefix
        )
    print(f"installed the Infoscope kernel in {destination}")
    if binary is not None:
        print(f"it runs {binary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
