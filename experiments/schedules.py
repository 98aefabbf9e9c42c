"""Learning-rate schedules compared, with the outputs of lab 6.

    python -m experiments.schedules --optimizer=sgd
    python -m experiments.schedules --optimizer=adam --act=sigmoid,relu --dataset=fashion_mnist

Every schedule starts from the optimizer's learning rate η (``common.DEFAULT_LR``,
or --lr) over T = epochs × steps-per-epoch steps:

- constant: η (the baseline);
- power: η / (1 + t/s), s = one epoch of steps;
- exponential: η · 0.1^(t/T), ten times lower at the end;
- piecewise_constant: η, ×0.3 at T/2 and again at 3T/4;
- one_cycle: the lecture's 1cycle, up from 3η/10 to 3η over 45% of T, back down
  by 90%, then annealed 1000× lower;
- plateau: η, scaled by 0.3 when the minibatch loss, averaged over tenths of an
  epoch, has not improved for 5 such tenths.

Writes summary.csv, histories, plots and report.md under <out_dir>/schedules/<act>/.
"""

from __future__ import annotations

import optax
from absl import flags

from experiments import flags as common
from mlp_jax import experiment, optimizers, schedules

flags.adopt_module_key_flags(common)  # --help lists the shared flags too.

OPTIMIZER = common.define_name(
    "optimizer", "sgd", optimizers.OPTIMIZERS, "optimizer", "Optimizer every schedule drives"
)
SCHEDULES = common.define_names(
    "schedules", list(schedules.SCHEDULES), schedules.SCHEDULES, "schedule", "Schedules to compare"
)


def learning_rates(eta: float, epoch_steps: int, total_steps: int) -> dict[str, optax.Schedule]:
    """Each step-indexed schedule, as described in the module docstring."""
    return {
        "constant": schedules.constant(eta),
        "power": schedules.power(eta, scale_steps=epoch_steps),
        "exponential": schedules.exponential(eta, decay_rate=0.1, transition_steps=total_steps),
        "piecewise_constant": schedules.piecewise_constant(
            eta, {total_steps // 2: 0.3, 3 * total_steps // 4: 0.3}
        ),
        "one_cycle": schedules.one_cycle(
            total_steps,
            3 * eta,
            pct_start=0.45,
            pct_final=0.9,
            div_factor=10.0,
            final_div_factor=1e3,
        ),
    }


def main(argv):
    del argv
    dataset = common.load_data()
    name = OPTIMIZER.value
    eta = common.learning_rates()[name]
    epoch_steps = len(dataset.train_y) // common.BATCH_SIZE.value
    rates = learning_rates(eta, epoch_steps, common.EPOCHS.value * epoch_steps)
    build = optimizers.get(name)
    tenth = max(epoch_steps // 10, 1)
    txs = {k: build(learning_rate=v) for k, v in rates.items()}
    txs["plateau"] = optax.chain(
        build(learning_rate=eta),
        schedules.plateau(factor=0.3, patience=5, accumulation_size=tenth),
    )
    w_init, init = common.init_settings(common.INIT.value, common.INIT_SCALE.value)
    configs = [
        experiment.Config(
            s, txs[s], w_init, {"optimizer": name, "learning_rate": eta, "schedule": s} | init
        )
        for s in SCHEDULES.value
    ]
    setup = common.setup(
        "schedules", f"Learning-rate schedules ({name})", dataset, baseline="constant"
    )
    experiment.run(setup, dict.fromkeys(common.ACT.value, configs))


if __name__ == "__main__":
    common.run(main)
