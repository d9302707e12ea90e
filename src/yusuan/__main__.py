"""``python -m yusuan``: the same command as ``yusuan``."""

from yusuan.cli import main

main()
