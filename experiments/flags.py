"""The flags every experiment shares, defined once, and the CLI entry point.

Importing this module defines the shared flags; each CLI defines its own few (the
``define_*`` helpers file them under the CLI, so ``--help`` lists them first) and
calls ``run(main)``. Bad values stop the program before any work with one line
naming the flag and the valid values, exit code 1; a problem found later (data,
files, memory) ends with one ``error:`` line, exit code 2.

Before any work, ``start_runtime`` turns on JAX's persistent compilation cache and,
with ``--distributed`` or ``--coordinator_address``, joins the processes of a
multi-process run (README, "Running on a cluster").
"""

from __future__ import annotations

import errno
import logging as std_logging
import math
import os
import re
import signal
import sys
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import jax
import numpy as np
from absl import app, flags, logging

from mlp_jax import activations, configs, data, experiment, initializers, optimizers, train, util


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
    return flags.DEFINE_integer(
        "lr_grid",
        default,
        "Learning rates per configuration, half a decade (x3.16) apart around its own, all trained in one program; "
        "each configuration is reported at the rate with the lowest final validation loss "
        "(1/6 of the training set is held out for it). 1: the configuration's rate only.",
        lower_bound=1,
        module_name=_caller(),
    )


def _positive_finite(value: float | None) -> bool:
    return value is None or (math.isfinite(value) and value > 0)


ACT = define_names("act", ["relu"], activations.ACTIVATIONS, "activation", "Activation(s)")
DATASET = flags.DEFINE_enum("dataset", "mnist", data.DATASETS, "Dataset to train on.")
DATA_DIR = flags.DEFINE_string(
    "data_dir",
    None,
    "Folder with the four IDX files (default: $MLP_JAX_DATA, then the download cache and the "
    "usual places; see the README's Data section).",
)
HIDDEN = flags.DEFINE_list("hidden", ["128"], "Hidden layer sizes, comma-separated.")
BATCH_SIZE = flags.DEFINE_integer("batch_size", 128, "Minibatch size.", lower_bound=1)
EPOCHS = flags.DEFINE_integer("epochs", 10, "Passes over the training set.", lower_bound=1)
SEEDS = flags.DEFINE_integer("seeds", 10, "Seeds (repeats) per configuration.", lower_bound=1)
SEED = flags.DEFINE_integer(
    "seed", 0, "Base seed; seed s uses fold_in(seed, s).", lower_bound=0, upper_bound=2**32 - 1
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
    "initialisation (or turns non-finite).",
)
OUT_DIR = flags.DEFINE_string("out_dir", "./results", "Where results are written.")
OVERWRITE = flags.DEFINE_boolean(
    "overwrite", False, "Recompute configurations that already have results."
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

JOIN_TIMEOUT_S = 120
"""How long the processes of a multi-process run wait for each other at start."""
HEARTBEAT_TIMEOUT_S = 60
"""A process silent this long counts as dead, and JAX stops the others."""
SHUTDOWN_TIMEOUT_S = 300
"""How long a finished process waits at exit for the others (process 0 writes last)."""


def parse_lr(text: str) -> dict[str, float]:
    """Parses ``'adam=1e-3,sgd=0.05'`` into ``{"adam": 0.001, "sgd": 0.05}``.

    Raises:
      flags.ValidationError: a malformed entry, an unknown optimizer or a rate that is
        not a positive finite number.
    """
    rates = {}
    for item in filter(None, (s.strip() for s in text.split(","))):
        name, eq, value = item.partition("=")
        try:
            rate = float(value) if eq else math.nan
        except ValueError:
            rate = math.nan
        if not _positive_finite(rate):
            raise flags.ValidationError(
                f"malformed entry {item!r}; expected NAME=RATE with 0 < RATE < inf"
            )
        check_names("optimizer", list(optimizers.OPTIMIZERS))([name])
        rates[name] = rate
    return rates


def _check_hidden(sizes: Sequence[str]) -> bool:
    if not sizes or not all(re.fullmatch(r"[0-9]+", s) and int(s) > 0 for s in sizes):
        raise flags.ValidationError("expected one or more positive integers, e.g. 128 or 256,128")
    return True


flags.register_validator("hidden", _check_hidden)
flags.register_validator("lr", lambda text: parse_lr(text) is not None)
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
    lambda address: address is None or re.fullmatch(r"[^\s:]+:[0-9]+", address) is not None,
    message="--coordinator_address must be HOST:PORT, e.g. 10.0.0.1:1234",
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


def load_data(validation: bool = False) -> data.Dataset:
    """The dataset ``--dataset``/``--data_dir`` name; prints its source.

    Args:
      validation: hold out the last sixth of the training set as a validation split.
    """
    dataset = data.load(DATASET.value, DATA_DIR.value)
    if validation:
        dataset = data.load(DATASET.value, DATA_DIR.value, validation=len(dataset.train_y) // 6)
    print(f"data: {dataset.source}", flush=True)
    return check_batch_size(dataset)


def check_batch_size(dataset: data.Dataset) -> data.Dataset:
    """``dataset``, if ``--batch_size`` fits in its training set.

    Raises:
      app.UsageError: it does not.
    """
    if BATCH_SIZE.value > len(dataset.train_y):
        raise app.UsageError(
            f"--batch_size={BATCH_SIZE.value} exceeds the {len(dataset.train_y)} training "
            "examples; fix: a smaller --batch_size"
        )
    return dataset


def setup(name: str, baseline: str, lr_grid: int = 1, **kwargs: Any) -> experiment.Setup:
    """The ``experiment.Setup`` the shared flags describe, with its data loaded."""
    return experiment.Setup.create(
        experiment=name,
        baseline=baseline,
        out_dir=out_dir(),
        dataset=load_data(validation=lr_grid > 1),
        layer_sizes=layer_sizes(),
        batch_size=BATCH_SIZE.value,
        epochs=EPOCHS.value,
        seeds=SEEDS.value,
        seed=SEED.value,
        lr_grid=lr_grid,
        divergence_factor=DIVERGENCE_FACTOR.value,
        command=flags.FLAGS.flag_values_dict() | {"argv": sys.argv},
        overwrite=OVERWRITE.value,
        **kwargs,
    )


_HELP_ARGS = ("-h", "-?", "--help", "--helpshort")


def _help() -> str:
    """``--help``: the CLI's docstring, its own flags, then the shared ones."""

    def flags_of(module: str) -> str:  # absl's help of one module, without its name line
        lines = flags.FLAGS.module_help(module).strip("\n").splitlines()
        return "\n".join(lines[1:])

    own, shared = flags_of(sys.argv[0]), flags_of(__name__)
    doc = (sys.modules["__main__"].__doc__ or "").strip()
    parts = [doc, "", "Flags of this command:", own] if own else [doc]
    return "\n".join(
        [
            *parts,
            "",
            "Flags every experiment shares:",
            shared,
            "",
            "Try --helpfull to see every flag, JAX's and absl's included.",
        ]
    )


def _parse(argv: list[str]) -> list[str]:
    if any(arg in _HELP_ARGS for arg in argv[1:]):
        print(_help())
        sys.exit(0)
    try:
        return flags.FLAGS(argv)
    except flags.Error as e:
        _fail(1, f"error: {e}; fix: see --help")


def out_dir() -> Path:
    """``--out_dir``, created and test-written before any work (by the process that writes).

    Raises:
      app.UsageError: it cannot be created or written (a file in the way, no permission,
        a read-only or full disk).
    """
    folder = Path(OUT_DIR.value)
    try:
        if experiment.writes_results():
            util.check_writable(folder)
    except OSError as e:
        raise app.UsageError(
            f"--out_dir={folder}: cannot write there ({e.strerror or e}); "
            "fix: pass a folder you can write to"
        ) from e
    return folder


_SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
_received: list[int] = []


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM ends a run like Ctrl-C does: finished work kept, one line, exit 143."""
    del frame
    _received.append(signum)
    raise KeyboardInterrupt


def _warning_line(message: Warning | str, category: type, *args: Any, **kwargs: Any) -> str:
    """Python warnings on one line, like the log's."""
    del args, kwargs
    return f"WARNING: {category.__name__}: {' '.join(str(message).split())}\n"


def _fix(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "free some disk space (or choose another --out_dir) and rerun"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "choose a folder you can write to (--out_dir) and rerun"
    return "check the path and rerun"


def _one_line(error: BaseException) -> tuple[int, str] | None:
    """The exit code and the one line an expected failure ends with; None for a bug."""
    if isinstance(error, KeyboardInterrupt):
        code = _SIGNAL_EXIT[_received[-1] if _received else signal.SIGINT]
        return code, f"interrupted: {error}" if str(error) else "interrupted"
    if isinstance(error, app.UsageError):
        return 1, f"error: {error}"
    if isinstance(
        error, (data.DataError, train.RecordError, train.OutOfMemory, train.DistributedError)
    ):
        return 2, f"error: {error}"
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return 2, f"error: {where}{error.strerror or error}; fix: {_fix(error)}"
    if "RESOURCE_EXHAUSTED" in str(error):
        first = str(error).strip().splitlines()[0]
        return 2, f"error: out of memory ({first}); fix: fewer --seeds or grid points"
    return None


def start_runtime() -> None:
    """Starts JAX as the flags say, before anything touches a backend.

    Turns on the persistent compilation cache (unless ``--nocompilation_cache``) and,
    with ``--distributed`` or ``--coordinator_address``, joins the multi-process run
    (CPU collectives over gloo). Every process prints one line with its id and
    devices; processes other than 0 then print nothing more (their stderr stays).

    Raises:
      app.UsageError: ``--distributed`` found no cluster to join.
      train.DistributedError: a process stopped while joining.
    """
    if COMPILATION_CACHE.value:
        if not jax.config.jax_compilation_cache_dir:  # $JAX_COMPILATION_CACHE_DIR wins.
            jax.config.update("jax_compilation_cache_dir", str(util.cache_dir() / "xla"))
        # The default, 1 s, would leave out small programs (tiny networks, all-gathers).
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    else:
        jax.config.update("jax_enable_compilation_cache", False)
    if DISTRIBUTED.value or COORDINATOR_ADDRESS.value:
        _join()


def _join() -> None:
    """Joins the processes of a multi-process run (see ``start_runtime``)."""
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    try:
        jax.distributed.initialize(
            COORDINATOR_ADDRESS.value,
            NUM_PROCESSES.value,
            PROCESS_ID.value,
            initialization_timeout=JOIN_TIMEOUT_S,
            heartbeat_timeout_seconds=HEARTBEAT_TIMEOUT_S,
            shutdown_timeout_seconds=SHUTDOWN_TIMEOUT_S,
        )
    except ValueError as e:  # Nothing detected: "coordinator_address should be defined."
        raise app.UsageError(
            "--distributed found no cluster to join (SLURM, Open MPI, Kubernetes, Cloud TPU); "
            "fix: launch with srun or mpirun, or give --coordinator_address, --num_processes "
            "and --process_id"
        ) from e
    index, count = jax.process_index(), jax.process_count()
    devices = ", ".join(map(str, jax.local_devices()))
    who = "this process" if index == 0 else "process 0"
    print(
        f"process {index}/{count}: devices {devices} of {jax.device_count()}; "
        f"{who} prints the progress and writes the results",
        flush=True,
    )
    if index:  # Silence the rest, C++ libraries' output to stdout included.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    # The first collective connects the processes (gloo): from here on, one that stops
    # is seen at once by the others.
    train.allgather(np.zeros(1, np.uint8))


def run(main: Callable[[Sequence[str]], None]) -> None:
    """``absl.app.run`` with ``--help`` listing own then shared flags, and one-line errors.

    An expected failure (bad flag, data, result file, disk, memory, Ctrl-C or SIGTERM)
    ends with one line naming the problem and the fix and a non-zero exit code (130
    after Ctrl-C, 143 after SIGTERM); ``--verbosity`` shows the traceback instead.
    """

    def guarded(argv: Sequence[str]) -> None:
        verbose = flags.FLAGS["verbosity"].present
        if not verbose:
            logging.set_verbosity(logging.WARNING)  # JAX logs its platform probing at INFO.
            logging.get_absl_handler().setFormatter(
                std_logging.Formatter("%(levelname)s: %(message)s")
            )
            warnings.formatwarning = _warning_line
        signal.signal(signal.SIGTERM, _terminate)
        try:
            start_runtime()
            main(argv)
        except (Exception, KeyboardInterrupt) as e:
            outcome = None if verbose else _one_line(e)
            if outcome is None and jax.distributed.is_initialized():
                traceback.print_exc()  # A bug: its traceback, and leave without the others.
                outcome = (1, "error: this process failed (traceback above)")
            if outcome is None:
                raise
            _fail(*outcome)

    app.run(guarded, flags_parser=_parse)


def _fail(code: int, line: str) -> NoReturn:
    """Ends the program with ``line`` on stderr and exit code ``code``.

    A process of a multi-process run leaves at once (``os._exit``): JAX's exit handler
    would wait for the other processes, which wait for this one at their next
    collective. With this one gone, they see its connection close and stop too.
    """
    print(line, file=sys.stderr, flush=True)
    if jax.distributed.is_initialized():
        sys.stdout.flush()
        os._exit(code)
    sys.exit(code)
