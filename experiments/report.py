"""The report to hand in: labs 6 and 7 compared with exercise 2, in one file.

    python -m experiments.report
    python -m experiments.report --out_dir=results --lang=pl

Reads the records the experiments left under <out_dir>/<dataset>/ (lab6/ and lab7/,
and schedules/ and diagnostics/ when present; --dataset defaults to the only dataset
with results under --out_dir) and writes <out_dir>/<dataset>/report.md and
<out_dir>/<dataset>/report.html: one self-contained page, figures embedded, that prints to PDF
from a browser. It computes the conclusions and the comparison with exercise 2 from
the same numbers as its tables (see mlp_jax.handin). Run the labs first, e.g.
python -m experiments.lab6 --act=sigmoid,relu, then python -m experiments.lab7
--act=sigmoid,relu. It trains nothing: of the shared flags below only --out_dir and
--dataset apply.
"""

from pathlib import Path

from absl import app, flags

from experiments import cli
from experiments import flags as common
from mlp_jax import experiment, handin, labs, text

LANG = flags.DEFINE_enum(
    "lang", "en", list(text.LANGS), "Language of the report: en (English) or pl (Polish)."
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
    old = [f"{name}/" for name in labs.LABS if (Path(out_dir) / name).is_dir()]
    if old:
        raise app.UsageError(
            f"--out_dir={out_dir} holds {', '.join(old)} in the layout before datasets had "
            f"folders; fix: move them into {out_dir}/<dataset>/ (e.g. mnist/)"
        )
    raise app.UsageError(
        f"--out_dir={out_dir} holds no dataset's results; fix: run the labs first "
        "(python -m experiments.lab6), or pass the --out_dir they wrote to"
    )


def main(argv):
    del argv
    root = experiment.root(common.OUT_DIR.value, dataset())
    for path in handin.write(root, LANG.value):
        print(f"wrote {path}")


if __name__ == "__main__":
    cli.run(main)
