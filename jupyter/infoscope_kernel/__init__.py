"""A Jupyter kernel for Infoscope, relaying to `infoscope --kernel` (docs/kernel.md)."""

__version__ = "0.1.0"
