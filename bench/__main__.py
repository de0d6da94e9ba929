"""python -m bench: run every benchmark module on its own PostgreSQL database and print one table."""

import os
import sys
import time

from bench.setup import configure

MODULES = ["bench.hot_resource", "bench.availability", "bench.checkout_http"]


def main() -> int:
    configure()
    import importlib

    from bench.results import Row

    rows = [Row("machine", "load average (1 min) before", f"{os.getloadavg()[0]:.1f}", f"< {os.cpu_count()}")]
    began = time.perf_counter()
    for module_name in MODULES:
        rows += importlib.import_module(module_name).run()
    rows.append(
        Row("machine", "load average (1 min) after", f"{os.getloadavg()[0]:.1f}", f"< {os.cpu_count()}")
    )
    header = ("name", "metric", "value", "target")
    table = [header] + [(r.name, r.metric, r.value, r.target) for r in rows]
    widths = [max(len(str(line[i])) for line in table) for i in range(4)]
    for index, line in enumerate(table):
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))
    print(f"\n({time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
