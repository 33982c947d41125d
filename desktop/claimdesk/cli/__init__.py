"""The `claimdesk` command: the GUI by default, headless subcommands on the same ops.

Exit codes: 0 success; 1 the work failed (a file did not import, a project could not
be opened, a claim of a batch was refused); 2 the command line was wrong; 130 stopped by
Ctrl+C.

Adding a command is adding one module to this package, nothing else: the module's file name
is the command's name (``_`` for ``-``, a trailing ``_`` dropped: ``import_.py`` is
``import``, ``self_test.py`` is ``self-test``; modules starting with ``_`` are helpers).
A command module defines

- ``HELP``: the one-line help; optionally ``DESCRIPTION``, ``EPILOG`` and ``RAW_DESCRIPTION``
  (keep the epilog's line breaks);
- ``ORDER``: a number placing it in ``claimdesk --help`` (workflow order);
- ``add_arguments(parser)`` (optional): its arguments on the parser made for it;
- ``run(args) -> int``: the work, with its imports inside the function so that
  ``claimdesk --help`` and the GUI start do not load ops.

``main`` gives every command the same treatment: the wait for another writer, project
errors and refused changes as one line (exit 1), Ctrl+C (130), a closed pipe (0), and a
damaged file turned into one line that says what to do.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable
from types import ModuleType

from claimdesk import __version__
from claimdesk.cli._gui import run_gui


def command_name(module_name: str) -> str:
    return module_name.rstrip("_").replace("_", "-")


def command_names() -> list[str]:
    """Every command, from the package's module names (nothing imported)."""
    return [command_name(m.name) for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]


def command_modules() -> dict[str, ModuleType]:
    """Command name -> its module, in help order."""
    modules = [importlib.import_module(f"{__name__}.{m.name}")
               for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    modules.sort(key=lambda module: (module.ORDER, module.__name__))
    return {command_name(module.__name__.rsplit(".", 1)[1]): module for module in modules}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimdesk",
        description="Mark, verify and cite claims in press releases and news. "
                    "Without a command, opens the desktop app (on PROJECT if given).",
    )
    parser.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in command_modules().items():
        raw = getattr(module, "RAW_DESCRIPTION", False)
        command = sub.add_parser(name, help=module.HELP, description=getattr(module, "DESCRIPTION", None),
                                 epilog=getattr(module, "EPILOG", None),
                                 formatter_class=argparse.RawDescriptionHelpFormatter if raw
                                 else argparse.HelpFormatter)
        if hasattr(module, "add_arguments"):
            module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0] not in command_names() and not argv[0].startswith("-")):
        if len(argv) > 1:
            print("claimdesk: error: the app takes at most one PROJECT; see claimdesk --help", file=sys.stderr)
            return 2
        return run_gui(argv[0] if argv else None)
    args = build_parser().parse_args(argv)
    if args.command is None:
        return run_gui(None)
    from claimdesk.core.claims import ClaimError
    from claimdesk.ops.projects import ProjectError, wait_for_other_writers

    wait_for_other_writers(_lock_wait_seconds(), _say_waiting_once())
    try:
        return args.run(args)
    except (ProjectError, ClaimError) as exc:  # ClaimError: a change refused as a whole (e.g. the project busy)
        print(f"claimdesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("claimdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a damaged file found mid-command: one line that says what to do
        from claimdesk.ops.recover import damage_message, is_damage

        if not is_damage(exc) or getattr(args, "project", None) is None:
            raise
        print(f"claimdesk: error: {damage_message(args.project, exc)}", file=sys.stderr)
        return 1


def _lock_wait_seconds() -> float:
    """How long a change waits for another Claimdesk writing to the same project
    (CLAIMDESK_LOCK_WAIT seconds, default 60), then fails with one message."""
    try:
        return max(0.0, float(os.environ.get("CLAIMDESK_LOCK_WAIT", "60")))
    except ValueError:
        return 60.0


def _say_waiting_once() -> Callable[[], None]:
    said: list[bool] = []

    def say() -> None:
        if not said:
            print("claimdesk: waiting for another Claimdesk to finish writing to this project …", file=sys.stderr,
                  flush=True)
            said.append(True)
    return say
