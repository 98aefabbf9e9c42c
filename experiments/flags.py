"""The flags every experiment shares, their validators, and what their values mean.

Importing this module defines the shared flags; each CLI defines its own few (the
``define_*`` helpers file them under the CLI, so ``--help`` lists them first) and
runs through ``experiments.cli.run``. Bad values stop the program before any work with
one line naming the flag and the valid values, exit code 1. Nothing here loads data or
starts JAX: ``experiments.build`` turns the values into a ``Setup`` and
``experiments.runtime`` starts JAX as they say.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from absl import app, flags

from mlp_jax import activations, data, initializers, optimizers, train
from mlp_jax.labs import configs
from mlp_jax.report import text


def _caller() -> str:
    """The module name absl files a CLI's own flags under (``sys.argv[0]`` for __main__)."""
    name = sys._getframe(2).f_globals["__name__"]
    return sys.argv[0] if name == "__main__" else name


def check_names(kind: str, valid: Sequence[str]) -> Callable[[Sequence[str]], bool]:
    """A flag validator: every name must be in ``valid``, named once, and there must be one."""

    def check(names: Sequence[str]) -> bool:
        bad = [n for n in names if n not in valid]
        if bad:
            raise flags.ValidationError(
                f"unknown {kind} {', '.join(map(repr, bad))}; valid: {', '.join(valid)}"
            )
        if not names:
            raise flags.ValidationError(f"name at least one {kind}; valid: {', '.join(valid)}")
        if repeated := sorted({n for n in names if names.count(n) > 1}):
            raise flags.ValidationError(f"{kind} {', '.join(map(repr, repeated))} named twice")
        return True

    return check


SURFACE_FLAGS = ("lr", "out_dir", "compilation_cache")
"""The shared flags that mean something for the optimizers on 2-D surfaces (no network,
data or cluster): ``experiments.trajectories`` refuses the others, the hand-in passes these."""


def check_author(author: str) -> bool:
    """A flag validator: no line break, other control character or bidirectional control
    (``text.CONTROL``), which would break the title line or reorder it."""
    found = text.CONTROL.search(author)
    if found:
        raise flags.ValidationError(
            f"holds U+{ord(found[0]):04X}, a line break, control or bidirectional character, "
            "which would break or reorder the title line: write it on one line without one"
        )
    return True


NOTES_LIMIT = 100_000
"""The most characters ``--notes`` may hold (about 15 pages of prose)."""


def read_notes(path: str) -> str:
    """``--notes``: the student's own discussion, UTF-8 text ("" without the flag).

    Raises:
      flags.ValidationError: the file is missing, a folder, unreadable, not UTF-8, empty
        or over ``NOTES_LIMIT`` characters — saying which, and the fix.
    """
    if not path:
        return ""
    try:
        notes = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise flags.ValidationError(
            f"{path}: no such file; pass the path of your text file"
        ) from None
    except IsADirectoryError:
        raise flags.ValidationError(f"{path} is a folder; pass a text file") from None
    except UnicodeDecodeError as e:
        raise flags.ValidationError(
            f"{path} is not UTF-8 text (byte {e.start}); save it as UTF-8"
        ) from None
    except OSError as e:
        raise flags.ValidationError(f"{path}: {e.strerror}; make it readable") from None
    if not notes.strip():
        raise flags.ValidationError(
            f"{path} is empty; write your discussion in it, or drop --notes"
        )
    if len(notes) > NOTES_LIMIT:
        raise flags.ValidationError(
            f"{path} holds {len(notes):,} characters, over {NOTES_LIMIT:,}; shorten it"
        )
    return notes


def define_notes() -> flags.FlagHolder[str]:
    """``--notes=FILE``: the student's own discussion, a section of the report (checked
    by ``read_notes`` before anything runs)."""
    holder = flags.DEFINE_string(
        "notes",
        "",
        "A UTF-8 text file with your own discussion of the results: its paragraphs (separated "
        "by blank lines) become the report's section of that name, shown as typed; without "
        "it the section is left out.",
        module_name=_caller(),
    )
    flags.register_validator("notes", lambda path: read_notes(path) is not None)
    return holder


def define_names(
    name: str, default: Sequence[str], registry: Mapping[str, Any], kind: str, help: str
) -> flags.FlagHolder[list[str]]:
    """A CLI's comma-list flag whose every entry must be a key of ``registry``."""
    holder = flags.DEFINE_list(
        name, list(default), f"{help}; any of: {', '.join(registry)}.", module_name=_caller()
    )
    flags.register_validator(name, check_names(kind, list(registry)))
    return holder


def define_name(
    name: str, default: str | None, registry: Mapping[str, Any], kind: str, help: str
) -> flags.FlagHolder[str | None]:
    """A CLI's flag naming one key of ``registry`` (or None, when that is the default)."""
    holder = flags.DEFINE_string(
        name, default, f"{help}; one of: {', '.join(registry)}.", module_name=_caller()
    )
    check = check_names(kind, list(registry))
    flags.register_validator(name, lambda value: value is None or check([value]))
    return holder


def define_inits() -> flags.FlagHolder[list[str]]:
    """``--inits``, the initializers lab 7 and the diagnostics compare."""
    holder = flags.DEFINE_list(
        "inits",
        list(configs.LAB7_INITS),
        f"Initializers to compare; any of: {', '.join(initializers.INITIALIZERS)}.",
        module_name=_caller(),
    )
    flags.register_validator("inits", check_names("init", list(initializers.INITIALIZERS)))
    return holder


def define_lr_grid(default: int) -> flags.FlagHolder[int]:
    """``--lr_grid``: rates per configuration, chosen on a validation split (lab 6, 7, schedules)."""
    points = flags.DEFINE_integer(
        "lr_grid",
        default,
        "Learning rates per configuration, half a decade (x3.16) apart around its own, all trained in one program; "
        "each configuration is reported at the rate with the lowest final validation loss "
        "(1/6 of the training set is held out for it). 1: the configuration's rate only.",
        lower_bound=1,
        module_name=_caller(),
    )
    flags.register_multi_flags_validator(["lr", "lr_grid"], _check_grid)
    return points


def _check_grid(values: Mapping[str, Any]) -> bool:
    """The grid around every rate a run may train (defaults and ``--lr``) fits float32."""
    check_rates({**configs.DEFAULT_LR, **parse_lr(values["lr"])}.values(), values["lr_grid"])
    return True


def _positive_finite(value: float | None) -> bool:
    return value is None or (math.isfinite(value) and value > 0)


def _float32_rate(rate: float) -> bool:
    """A learning rate float32 holds as a normal, finite, positive number."""
    tiny, biggest = float(np.finfo(np.float32).tiny), float(np.finfo(np.float32).max)
    return math.isfinite(rate) and tiny <= rate <= biggest


def check_rates(rates: Iterable[float], lr_grid: int) -> None:
    """Every rate of every ``lr_grid``-point grid around ``rates`` must fit in float32.

    Raises:
      flags.ValidationError: a grid point is 0, inf, NaN or below float32's smallest
        normal number once built (e.g. ``--lr_grid=1000``, ``--lr=adam=1e-300``).
    """
    for rate in rates:
        grid = configs.rate_grid(rate, lr_grid)
        if not all(map(_float32_rate, grid)):
            raise flags.ValidationError(
                f"the {lr_grid}-point grid around {rate:g} spans {min(grid):g} .. {max(grid):g}, "
                f"beyond float32's {np.finfo(np.float32).tiny:g} .. "
                f"{np.finfo(np.float32).max:g} (use fewer --lr_grid points or another --lr)"
            )


ACT = define_names("act", ["relu"], activations.ACTIVATIONS, "activation", "Activation(s)")
DATASET = flags.DEFINE_enum("dataset", "mnist", data.DATASETS, "Dataset to train on.")
DATA_DIR = flags.DEFINE_string(
    "data_dir",
    None,
    "Folder with the four IDX files (default: $MLP_JAX_DATA, then the download cache and the "
    "usual places; see docs/data.md).",
)
HIDDEN = flags.DEFINE_list("hidden", ["128"], "Hidden layer sizes, comma-separated.")
LR_HALVING = flags.DEFINE_integer(
    "lr_halving",
    2,
    "With a grid of 3 or more learning rates (--lr_grid): after this epoch only the better "
    "half of them (3 of 5, by mean validation loss) train on, the others are dropped. 0: "
    "every rate trains every epoch (the full grid). The default keeps every rate lab 7's "
    "full grid chooses on Fashion-MNIST (BUILD_NOTES.md).",
    lower_bound=0,
)
BATCH_SIZE = flags.DEFINE_integer("batch_size", 128, "Minibatch size.", lower_bound=1)
EPOCHS = flags.DEFINE_integer("epochs", 10, "Passes over the training set.", lower_bound=1)
SEEDS = flags.DEFINE_integer("seeds", 10, "Seeds (repeats) per configuration.", lower_bound=1)
SEED = flags.DEFINE_integer(
    "seed", 0, "Base seed; seed s uses fold_in(seed, s).", lower_bound=0, upper_bound=train.MAX_SEED
)
INIT = define_name(
    "init",
    "normal",
    initializers.INITIALIZERS,
    "init",
    "Weight initializer (default: the exercise-2 N(0, init_scale²))",
)
INIT_SCALE = flags.DEFINE_float(
    "init_scale", 1.0, "σ of the 'normal' initializer (1.0 = np.random.randn)."
)
LR = flags.DEFINE_string(
    "lr", "", "Learning-rate overrides per optimizer, e.g. 'adam=1e-3,sgd=0.05'."
)
DIVERGENCE_FACTOR = flags.DEFINE_float(
    "divergence_factor",
    train.DIVERGENCE_FACTOR,
    "A seed diverges when its minibatch loss exceeds this multiple of its loss at "
    "initialization (or turns non-finite).",
)
OUT_DIR = flags.DEFINE_string("out_dir", "./results", "Where results are written.")
OVERWRITE = flags.DEFINE_boolean(
    "overwrite",
    False,
    "Recompute configurations that already have results, replacing their records (also those "
    "of other settings, which otherwise stop the run before training).",
)


COORDINATOR_ADDRESS = flags.DEFINE_string(
    "coordinator_address",
    None,
    "Multi-process run with explicit settings: HOST:PORT where process 0 serves JAX's "
    "coordinator (every process gives the same); with --num_processes and --process_id.",
)
NUM_PROCESSES = flags.DEFINE_integer(
    "num_processes", None, "Processes of the multi-process run.", lower_bound=1
)
PROCESS_ID = flags.DEFINE_integer(
    "process_id", None, "This process's id, 0 .. --num_processes - 1.", lower_bound=0
)
DISTRIBUTED = flags.DEFINE_boolean(
    "distributed",
    False,
    "Join a multi-process run whose settings JAX finds itself: SLURM (srun), Open MPI "
    "(mpirun), Kubernetes, Cloud TPU.",
)
COMPILATION_CACHE = flags.DEFINE_boolean(
    "compilation_cache",
    True,
    "Keep compiled programs in $MLP_JAX_CACHE/xla (default ~/.cache/mlp_jax/xla), so that "
    "reruns skip compiling; $JAX_COMPILATION_CACHE_DIR, if set, is used instead.",
)

INIT_TIMEOUT = flags.DEFINE_integer(
    "init_timeout",
    120,
    "Seconds the processes of a multi-process run wait for each other at start; then "
    "they stop with one line saying who is missing.",
    lower_bound=1,
)


def parse_lr(given: str) -> dict[str, float]:
    """Parses ``'adam=1e-3,sgd=0.05'`` into ``{"adam": 0.001, "sgd": 0.05}``.

    Raises:
      flags.ValidationError: a malformed entry, an unknown optimizer or a rate that is
        not a positive finite number.
    """
    rates = {}
    for item in filter(None, (s.strip() for s in given.split(","))):
        name, eq, value = item.partition("=")
        try:
            rate = float(value) if eq else math.nan
        except ValueError:
            rate = math.nan
        if not _positive_finite(rate):
            raise flags.ValidationError(
                f"malformed entry {item!r}; expected NAME=RATE with 0 < RATE < inf"
            )
        if not _float32_rate(rate):
            raise flags.ValidationError(
                f"{item!r}: float32 cannot hold {rate:g} (it holds "
                f"{np.finfo(np.float32).tiny:g} .. {np.finfo(np.float32).max:g})"
            )
        check_names("optimizer", list(optimizers.OPTIMIZERS))([name])
        if name in rates:
            raise flags.ValidationError(f"{name!r} named twice (give each optimizer one rate)")
        rates[name] = rate
    return rates


_HOST_PORT = r"([^\s:\[\]]+|\[[0-9A-Fa-f:.]+\]):[0-9]+"
"""A host name, IPv4 address or bracketed IPv6 address, then a port."""


def _check_hidden(sizes: Sequence[str]) -> bool:
    if not sizes or not all(re.fullmatch(r"[0-9]+", s) and int(s) > 0 for s in sizes):
        raise flags.ValidationError("expected one or more positive integers, e.g. 128 or 256,128")
    return True


flags.register_validator("hidden", _check_hidden)
flags.register_validator("lr", lambda value: parse_lr(value) is not None)
flags.register_validator(
    "out_dir",
    lambda path: bool(path and path.strip()),
    message="--out_dir must name a folder (empty, it would write into the current one)",
)
flags.register_validator(
    "init_scale", _positive_finite, message="--init_scale must be a positive finite number"
)
flags.register_validator(
    "divergence_factor",
    lambda f: _positive_finite(f) and f > 1,
    message="--divergence_factor must be a finite number above 1",
)
flags.register_validator(
    "coordinator_address",
    lambda address: address is None or re.fullmatch(_HOST_PORT, address) is not None,
    message="--coordinator_address must be HOST:PORT, e.g. 10.0.0.1:1234 or [::1]:1234",
)
flags.register_multi_flags_validator(
    ["init", "init_scale"],
    lambda f: f["init"] == "normal" or f["init_scale"] == 1.0,
    message="--init_scale applies only to --init=normal (the other initializers set their own scale)",
)


def _check_processes(f: Mapping[str, Any]) -> bool:
    explicit = [f[n] is not None for n in ("coordinator_address", "num_processes", "process_id")]
    if f["distributed"] and any(explicit):
        raise flags.ValidationError(
            "--distributed finds the run's settings itself; drop --coordinator_address, "
            "--num_processes and --process_id, or drop --distributed"
        )
    if any(explicit) and not all(explicit):
        raise flags.ValidationError(
            "--coordinator_address, --num_processes and --process_id go together: give all "
            "three, or --distributed to let JAX find them"
        )
    if all(explicit) and f["process_id"] >= f["num_processes"]:
        raise flags.ValidationError("--process_id must be below --num_processes (ids 0 .. N-1)")
    return True


flags.register_multi_flags_validator(
    ["distributed", "coordinator_address", "num_processes", "process_id"], _check_processes
)


def lr_overrides(used: Sequence[str]) -> dict[str, float]:
    """The ``--lr`` overrides, which must name optimizers in ``used``.

    Raises:
      app.UsageError: ``--lr`` names an optimizer this run does not train.
    """
    overrides = parse_lr(LR.value)
    unused = [name for name in overrides if name not in used]
    if unused:
        raise app.UsageError(
            f"--lr sets {', '.join(unused)}, which this run does not train "
            f"({', '.join(used)}); fix: drop it from --lr or train it"
        )
    return overrides


def learning_rates(used: Sequence[str]) -> dict[str, float]:
    """``configs.DEFAULT_LR`` with the ``--lr`` overrides (see ``lr_overrides``)."""
    return configs.DEFAULT_LR | lr_overrides(used)


def layer_sizes() -> list[int]:
    """``[784, *hidden, 10]`` from ``--hidden``."""
    return [784, *map(int, HIDDEN.value), 10]
