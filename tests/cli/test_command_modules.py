"""The CLI's commands are its package's modules: one file per command, nothing else to edit."""

from __future__ import annotations

import claimdesk.cli as cli


def test_every_command_module_declares_help_order_and_run():
    modules = cli.command_modules()
    assert list(modules) and sorted(modules) == sorted(cli.command_names())
    for name, module in modules.items():
        assert module.HELP.strip(), name
        assert isinstance(module.ORDER, (int, float)), name
        assert callable(module.run), name
    assert {"import", "self-test", "import-annotations"} <= set(modules)


def test_a_module_added_to_the_package_is_a_command(tmp_path, monkeypatch, capsys):
    (tmp_path / "say_hello.py").write_text(
        'HELP = "print a greeting"\nORDER = 999\n\n'
        'def add_arguments(parser):\n    parser.add_argument("who")\n\n'
        'def run(args):\n    print(f"hello {args.who}")\n    return 0\n')
    monkeypatch.setattr(cli, "__path__", [*cli.__path__, str(tmp_path)])
    assert "say-hello" in cli.command_names()
    assert "say-hello" in cli.build_parser().format_help()
    assert cli.main(["say-hello", "world"]) == 0
    assert capsys.readouterr().out == "hello world\n"
