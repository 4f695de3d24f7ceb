"""
The version of the library: the one place it is written (the package metadata reads it here).
"""

__version__ = "0.3.0"
"""The version of the library."""
