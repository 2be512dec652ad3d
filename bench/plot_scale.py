"""Plots time and peak memory against the number of branches from bench/run_scale_bench.sh's
scale.csv:  /usr/bin/python3 bench/plot_scale.py WORKDIR/scale.csv docs/performance-scale.png"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def main(csv_path, png_path):
    runs = pd.read_csv(csv_path)
    fig, (time_ax, memory_ax) = plt.subplots(1, 2, figsize=(11, 4.2))
    for (kind, threads), rows in runs.groupby(["kind", "threads"]):
        rows = rows.sort_values("branches")
        label = f"{'partitioned, out of core' if kind == 'parts' else 'whole archive'}, {threads} thread{'s' if threads > 1 else ''}"
        time_ax.plot(rows["branches"], rows["end_to_end_s"], marker="o", label=label)
        memory_ax.plot(rows["branches"], rows["peak_rss_mib"] / 1024, marker="o", label=label)
    for ax, title, unit in ((time_ax, "read + score, default rubric", "seconds"),
                            (memory_ax, "peak resident memory", "GiB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("branches")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    memory_ax.axhline(24, color="grey", linestyle="--", linewidth=1)
    memory_ax.text(runs["branches"].min(), 24 * 1.08, "this machine: 24 GiB", color="grey", fontsize=8)
    time_ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png_path, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
