"""tidings: news in, structured and checkable event data out."""
__version__ = "0.1.0"

__all__ = ["__version__"]
