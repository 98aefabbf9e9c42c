import math
from pathlib import Path

import jax
import numpy as np
import optax

from mlp_jax import data, initializers
from mlp_jax.labs import lr_range

ROOT = Path(__file__).resolve().parents[2]


def test_exponential_rates_closed_form():
    schedule = lr_range.exponential_rates(1e-4, 1.0, 5)
    np.testing.assert_allclose(
        schedule(np.arange(6)), [1e-4, 1e-3, 1e-2, 1e-1, 1.0, 1.0], rtol=1e-5
    )


def test_smooth_is_the_bias_corrected_average():
    loss = np.array([4.0, 2.0, 3.0, 1.0])
    beta = 0.5
    expected = [
        sum((1 - beta) * beta ** (t - i) * loss[i] for i in range(t + 1)) / (1 - beta ** (t + 1))
        for t in range(len(loss))
    ]
    np.testing.assert_allclose(lr_range.smooth(loss, beta), expected)
    np.testing.assert_allclose(lr_range.smooth(np.full(7, 2.5)), 2.5)  # No warm-up bias.


def test_blowup_step():
    assert lr_range.blowup_step(np.array([5.0, 3.0, 2.0, 7.9, 8.1]), factor=4.0) == 4
    assert lr_range.blowup_step(np.array([5.0, 3.0, np.nan, 1.0])) == 2
    assert lr_range.blowup_step(np.array([5.0, 4.0, 3.0])) is None


def test_run_cuts_at_blowup_and_suggests_a_tenth_of_the_minimum():
    d = data.synthetic(num_train=512, num_test=64)
    result = lr_range.run(
        optax.sgd,
        d.train_x,
        d.train_y,
        batch_size=32,
        test=(d.test_x, d.test_y),
        layer_sizes=[784, 16, 10],
        activation=jax.nn.relu,
        w_init=initializers.get("he"),
        seeds=2,
        log=None,
        min_lr=1e-4,
        max_lr=1e4,
        num_steps=64,
    )
    assert result.stopped_at is not None  # sgd at 1e4 blows up.
    n = result.stopped_at
    assert len(result.learning_rates) == len(result.loss) == len(result.smoothed) == n
    np.testing.assert_allclose(result.learning_rates[0], 1e-4, rtol=1e-6)
    ratio = math.exp(math.log(1e8) / 63)
    np.testing.assert_allclose(
        result.learning_rates[1:] / result.learning_rates[:-1], ratio, rtol=1e-4
    )
    assert math.isclose(result.suggestion, result.learning_rates[np.argmin(result.smoothed)] / 10)
    assert result.learning_rates[0] <= result.steepest <= result.learning_rates[-1]


def test_cli_prints_the_suggestion(tmp_path, run_cli):
    args = ["--dataset=synthetic", "--seeds=2", "--steps=40", "--hidden=16", "--init=he"]
    out = run_cli("lr_range", *args, f"--out_dir={tmp_path}")
    assert out.returncode == 0, out.stderr
    line = out.stdout.strip().splitlines()[-1]
    assert line.startswith("suggested learning rate: ")
    assert float(line.split(": ")[1]) > 0
    assert (tmp_path / "lr_range" / "adam_relu.png").stat().st_size > 0
    assert (tmp_path / "lr_range" / "adam_relu.csv").read_text().startswith("learning_rate,loss")
