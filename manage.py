#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_tracker.settings")
    from django.core.management import execute_from_command_line

    from strategy_tracker.configuration import exit_on_configuration_error

    # A missing setting (strategy_tracker.configuration) ends every command with one line naming it.
    exit_on_configuration_error(lambda: execute_from_command_line(sys.argv))
