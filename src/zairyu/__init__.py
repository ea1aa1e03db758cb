"""zairyu (在留): Japan's residence-status rules as cited, dated, three-valued code."""

__version__ = "0.1.0"
