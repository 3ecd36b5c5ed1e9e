#!/usr/bin/env python
"""Same as `python -m wuji`."""

from wuji.__main__ import main

if __name__ == "__main__":
    main()
