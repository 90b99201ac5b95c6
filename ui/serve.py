"""`make workshop`: start Kundfokus for a workshop, reachable from the office network.

Refuses (exit code 2, saying how) unless a workshop passcode of at least six characters
is set, in `KUNDFOKUS_WORKSHOP_PASSCODE` or as `workshop_passcode` in
`.streamlit/secrets.toml`. Then runs `streamlit run app.py` on all network addresses
with the workshop mode on, and prints the address participants open.

    KUNDFOKUS_WORKSHOP_PASSCODE=ekorre42 make workshop
    python -m ui.serve --port 8502
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

from ui.access import MIN_PASSCODE, PASSCODE_ENV, WORKSHOP_ENV, WORKSHOP_URL_ENV, passcode

__all__ = ["local_address", "main", "streamlit_command"]

ROOT = Path(__file__).resolve().parent.parent

HOW = (
    "A workshop needs a passcode of at least {n} characters before the app is reachable "
    "from other devices. Set one, then start again:\n"
    "  {env}=choose-one make workshop\n"
    'or put  workshop_passcode = "choose-one"  in .streamlit/secrets.toml.'
)


def streamlit_command(*options: str) -> list[str]:
    """The command that serves the app with this interpreter's Streamlit, with
    Streamlit's `options` (`--server.port`, `8501`, ...)."""
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), *options]


def local_address() -> str:
    """This machine's address on the office network (no packet is sent); 127.0.0.1 when
    there is no network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def main(argv: list[str] | None = None) -> int:
    """Check the passcode, then run the server; returns its exit code (2 when refused)."""
    parser = argparse.ArgumentParser(prog="python -m ui.serve", description=__doc__)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--dry-run", action="store_true", help="check and print, do not start")
    args = parser.parse_args(argv)
    code = passcode()
    if not code or len(code) < MIN_PASSCODE:
        print(HOW.format(n=MIN_PASSCODE, env=PASSCODE_ENV), file=sys.stderr)
        return 2
    url = f"http://{local_address()}:{args.port}"
    env = {**os.environ, WORKSHOP_ENV: "1", WORKSHOP_URL_ENV: url}
    command = streamlit_command("--server.address", "0.0.0.0", "--server.port", str(args.port))
    print(f"Workshop: participants open {url}/join (passcode required).")
    if args.dry_run:
        return 0
    return subprocess.run(command, env=env, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
