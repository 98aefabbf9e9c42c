"""The report to hand in: labs 6 and 7 compared with exercise 2, in one file.

    python -m experiments.report
    python -m experiments.report --out_dir=results --lang=pl --author="Jan Kowalski, 123456, gr. 3" --pdf

Reads the records the experiments left under <out_dir>/<dataset>/ (lab6/ and lab7/,
and schedules/ and diagnostics/ when present; --dataset defaults to the only dataset
with results under --out_dir; --depth_dir adds the depth supplement's lab 7) and writes <out_dir>/<dataset>/report.<lang>.md and
<out_dir>/<dataset>/report.<lang>.html (one pair per language): one self-contained page,
figures embedded; --notes=FILE adds your own discussion; --pdf prints it to report.<lang>.pdf with a local Chromium or Chrome.
It computes the conclusions and the comparison with exercise 2 from
the same numbers as its tables (see mlp_jax.report.handin). Run the labs first, e.g.
python -m experiments.lab6 --act=sigmoid,relu, then python -m experiments.lab7
--act=sigmoid,relu. It trains nothing: of the shared flags below only --out_dir and
--dataset apply.

Before it writes the report it brings every lab folder it read up to date: each
experiment's summary.csv, metrics.csv, steps.csv, figures and report.md (per activation,
and activations.png) are written again from the same records with the labs' own writer
(what python -m experiments.lab6, lab7 or momentum writes when rerun with everything
finished), so that they hold the numbers of the report's tables, computed by the same
code. One line per folder says what it wrote; the records (runs/*.npz) are only read,
and every file is replaced whole (Ctrl-C leaves each one old or new, never half
written). A lab folder that a training run is writing stops the report, with one line,
before anything is written.
"""

from pathlib import Path

from absl import app, flags

from experiments import cli
from experiments import flags as common
from mlp_jax.labs import experiment, specs
from mlp_jax.report import document, finished, handin, text

LANG = flags.DEFINE_enum(
    "lang", "en", list(text.LANGS), "Language of the report: en (English) or pl (Polish)."
)
AUTHOR = flags.DEFINE_string(
    "author",
    "",
    "Author line of the title block (free text: name, index number, group; one line, shown "
    "as typed, never as markup).",
)


flags.register_validator("author", common.check_author)
DEPTH_DIR = flags.DEFINE_string(
    "depth_dir",
    "",
    "The --out_dir of the depth supplement (lab 7 with more hidden layers than the main labs, "
    "on the same data, e.g. results/deep): its lab7/ and diagnostics/ on the same dataset are "
    "shown beside the main lab.",
)
NOTES = common.define_notes()
PDF = flags.DEFINE_bool(
    "pdf", False, "Also print report.<lang>.pdf (A4) with a locally installed Chromium or Chrome."
)


def dataset() -> str:
    """``--dataset`` when given, else the only dataset with results under ``--out_dir``.

    Raises:
      app.UsageError: none or several have results (and ``--dataset`` is not given).
    """
    if flags.FLAGS["dataset"].present:
        return common.DATASET.value
    out_dir = common.OUT_DIR.value
    found = experiment.datasets(out_dir)
    if len(found) == 1:
        return found[0]
    if found:
        raise app.UsageError(
            f"--out_dir={out_dir} holds results of several datasets ({', '.join(found)}); "
            f"fix: pick one, e.g. --dataset={found[0]}"
        )
    old = [f"{name}/" for name in specs.LABS if (Path(out_dir) / name).is_dir()]
    if old:
        raise app.UsageError(
            f"--out_dir={out_dir} holds {', '.join(old)} in the layout before datasets had "
            f"folders; fix: move them into {out_dir}/<dataset>/ (e.g. mnist/)"
        )
    raise app.UsageError(
        f"--out_dir={out_dir} holds no dataset's results; fix: run the labs first "
        "(python -m experiments.lab6), or pass the --out_dir they wrote to"
    )


def depth(name: str) -> Path | None:
    """The depth supplement's dataset folder (``--depth_dir``), None without the flag.

    Raises:
      app.UsageError: the flag names a folder without results on dataset ``name``.
    """
    if not DEPTH_DIR.value:
        return None
    deep = experiment.root(DEPTH_DIR.value, name)
    if not (deep / specs.LAB7.name).is_dir():
        raise app.UsageError(
            f"--depth_dir={DEPTH_DIR.value} holds no lab 7 results on {name} ({deep}/lab7 is "
            f"missing); fix: run python -m experiments.lab7 --dataset={name} "
            f"--hidden=128,128,128,128,128,128 --out_dir={DEPTH_DIR.value}, or leave the flag out"
        )
    return deep


def main(argv):
    del argv
    root = experiment.root(common.OUT_DIR.value, dataset())
    deep = depth(root.name)
    try:
        notes = common.read_notes(NOTES.value)
        blocks = handin.build(root, LANG.value, author=AUTHOR.value, depth=deep, notes=notes)
    except finished.BadDepth as e:
        raise app.UsageError(
            f"--depth_dir={DEPTH_DIR.value}: {e}; fix: pass the --out_dir of lab 7 run on a "
            f"deeper network with the same data (python -m experiments.lab7 --dataset={root.name} "
            "--hidden=128,128,128,128,128,128 --out_dir=<another folder>), or leave the flag out"
        ) from e
    handin.refresh([root, *([deep] if deep else [])])
    written = handin.write(root, blocks, LANG.value)
    for path in written:
        print(f"wrote {path}")
    if PDF.value:
        try:
            path = document.pdf(written[1], written[1].with_suffix(".pdf"))
        except document.PrintError as e:
            cli.leave(2, f"error: {e}")
        except KeyboardInterrupt:
            raise KeyboardInterrupt(
                f"kept {', '.join(map(str, written))}, without the PDF; "
                "rerun the same command to print it"
            ) from None
        print(f"wrote {path}")


if __name__ == "__main__":
    cli.run(main)
