"""The report to hand in: labs 6 and 7 compared with exercise 2, in one file.

    python -m experiments.report
    python -m experiments.report --out_dir=results --lang=pl

Reads the records the experiments left under --out_dir (lab6/ and lab7/, and
schedules/ and diagnostics/ when present) and writes <out_dir>/report.md and
<out_dir>/report.html: one self-contained page, figures embedded, that prints to PDF
from a browser. It computes the conclusions and the comparison with exercise 2 from
the same numbers as its tables (see mlp_jax.handin). Run the labs first, e.g.
python -m experiments.lab6 --act=sigmoid,relu, then python -m experiments.lab7
--act=sigmoid,relu. It trains nothing: of the shared flags below only --out_dir
applies.
"""

from absl import flags

from experiments import cli
from experiments import flags as common
from mlp_jax import handin, text

LANG = flags.DEFINE_enum(
    "lang", "en", list(text.LANGS), "Language of the report: en (English) or pl (Polish)."
)


def main(argv):
    del argv
    for path in handin.write(common.OUT_DIR.value, LANG.value):
        print(f"wrote {path}")


if __name__ == "__main__":
    cli.run(main)
