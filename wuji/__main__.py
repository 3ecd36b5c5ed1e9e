"""`python -m wuji <command>` is Django's manage.py for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wuji.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0] if sys.argv[0] != "-m" else "wuji", *sys.argv[1:]])


if __name__ == "__main__":
    main()
