"""The report to hand in: labs 6 and 7 compared with exercise 2, in one file.

    python -m experiments.report
    python -m experiments.report --out_dir=results --lang=pl --author="Jan Kowalski, 123456, gr. 3" --pdf

Reads the records the experiments left under --out_dir (lab6/ and lab7/, and
schedules/ and diagnostics/ when present) and writes <out_dir>/report.<lang>.md and
<out_dir>/report.<lang>.html (one pair per language): one self-contained page, figures
embedded; --pdf prints it to <out_dir>/report.<lang>.pdf with a local Chromium or Chrome. It computes the conclusions and the comparison with exercise 2 from
the same numbers as its tables (see mlp_jax.handin). Run the labs first, e.g.
python -m experiments.lab6 --act=sigmoid,relu, then python -m experiments.lab7
--act=sigmoid,relu. It trains nothing: of the shared flags below only --out_dir
applies.
"""

from absl import flags

from experiments import cli
from experiments import flags as common
from mlp_jax import document, handin, text

LANG = flags.DEFINE_enum(
    "lang", "en", list(text.LANGS), "Language of the report: en (English) or pl (Polish)."
)
AUTHOR = flags.DEFINE_string(
    "author", "", "Author line of the title block (free text: name, index number, group)."
)
PDF = flags.DEFINE_bool(
    "pdf", False, "Also print report.<lang>.pdf (A4) with a locally installed Chromium or Chrome."
)


def main(argv):
    del argv
    written = handin.write(common.OUT_DIR.value, LANG.value, author=AUTHOR.value)
    for path in written:
        print(f"wrote {path}")
    if PDF.value:
        try:
            path = document.pdf(written[1], written[1].with_suffix(".pdf"))
        except document.PrintError as e:
            cli.leave(2, f"error: {e}")
        print(f"wrote {path}")


if __name__ == "__main__":
    cli.run(main)
