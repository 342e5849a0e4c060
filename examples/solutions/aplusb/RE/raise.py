# aplusb, expected RE: raises an uncaught exception (exit code 1, traceback on stderr).
a, b = map(int, input().split())
raise RuntimeError(f"refusing to add {a} and {b}")
