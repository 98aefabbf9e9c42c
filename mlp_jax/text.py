"""The words of the reports, in English and in Polish (the course's language).

``say(lang, key, **values)`` formats one phrase; numbers are formatted with
``num``/``pct`` first, which write Polish with a decimal comma. The Polish terms
follow the assignment (seed 000): optymalizator, współczynnik uczenia, inicjalizacja
wag, funkcja aktywacji, funkcja straty, epoka, paczka, zbiór uczący.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

LANGS = ("en", "pl")

_EN = {
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
    "setup.training": "Training: minibatches of {batch}, {epochs} epochs, {seeds} seeds per "
    "configuration (seed s uses fold_in({seed}, s)); means, bands and tests are over the seeds "
    "that did not diverge.",
    "setup.grid": "Learning rates: each configuration was trained at {k} rates, ×3 apart, around "
    "its own, and is reported at the rate with the lowest final mean validation loss (the "
    "validation set is held out of the training set; the test set plays no part in the choice).",
    "setup.baseline": "Baseline: `{name}`, {label}. The target is its final mean training "
    "loss, {target}.",
    "setup.no_baseline": "The baseline `{name}` ({label}) has no result here, so there is no "
    "target, speed-up or p-value.",
    "setup.divergence": "A seed diverges when its minibatch loss turns non-finite or exceeds "
    "{factor}× its loss at initialisation; it is then frozen, counted in *diverged*, marked in "
    "the legends and left out of every mean, band and test.",
    "col.config": "configuration",
    "col.settings": "settings",
    "col.lr": "learning rate",
    "col.diverged": "diverged",
    "col.loss": "final train loss",
    "col.epochs": "epochs to target",
    "col.speedup": "speed-up (95% CI)",
    "col.p_loss": "p (loss)",
    "col.acc": "test accuracy (95% CI)",
    "col.p_acc": "p (accuracy)",
    "col.wall": "wall s",
    "results.explain": "*Epochs to target*: the epoch (linearly interpolated) at which a "
    "configuration's mean training loss first reaches the target. *Speed-up*: the baseline's "
    "epochs to the target divided by the configuration's, with a 95% bootstrap interval over "
    "seeds; above 1 is faster. *p*: Welch's two-sided t-test against the baseline across "
    "seeds, of the final training loss and of the final test accuracy; p < 0.05 is a "
    "difference beyond seed-to-seed noise. Accuracy intervals are 95% t intervals of the mean.",
    "rank.baseline": "**{name}** ({label}) sets the target: final training loss {loss}, reached "
    "at epoch {epochs} of its mean curve; test accuracy {acc}.",
    "rank.sooner": "**{name}** reaches the final loss of {label} {factor}× sooner (95% CI "
    "{lo}–{hi}×), after {epochs} epochs; final training loss {loss} ({loss_verdict}); test "
    "accuracy {acc} ({acc_verdict}).",
    "rank.later": "**{name}** reaches the final loss of {label}, but {factor}× later (95% CI "
    "{lo}–{hi}×), after {epochs} epochs; final training loss {loss} ({loss_verdict}); test "
    "accuracy {acc} ({acc_verdict}).",
    "rank.never": "**{name}** does not reach the final loss of {label} within {total} epochs; final "
    "training loss {loss} ({loss_verdict}); test accuracy {acc} ({acc_verdict}).",
    "rank.diverged": "**{name}**: every seed diverged.",
    "verdict.lower": "lower than the baseline's beyond noise, p = {p}",
    "verdict.higher": "higher than the baseline's beyond noise, p = {p}",
    "verdict.same": "not distinguishable from the baseline's, p = {p}",
    "verdict.none": "no test possible",
    "fig.loss_epoch": "Training loss per epoch",
    "fig.loss_step": "Minibatch loss per step",
    "fig.test_acc": "Test accuracy per epoch",
    "fig.lr_sensitivity": "Final validation loss against the learning rate (the chosen rate "
    "circled)",
    "fig.activations": "Training loss per epoch, activations side by side",
    "plots.bands": "Lines are means over the seeds that did not diverge; bands are 95% "
    "confidence intervals of the mean, mean ± t(0.975, n−1)·s/√n at each epoch (or step).",
    "describe.lr": "learning rate {lr}",
    "describe.schedule": "schedule {schedule}",
    "describe.init": "init {init}",
    "describe.sigma": "init {init} (σ = {scale})",
    "choice": "Optimizer: {name}, learning rate {rate} — {why}.",
    "why.flag": "chosen with --optimizer",
    "why.lab6": "it reached exercise 2's final loss first in lab 6 on the same data",
    "why.default": "no lab-6 results on this data, so the lab's usual choice",
}

_PL = {
    "title.lab6": "Laboratorium 6: optymalizacja współczynnika uczenia",
    "title.lab7": "Laboratorium 7: inicjalizacja wag sieci",
    "title.schedules": "Harmonogramy współczynnika uczenia",
    "title.diagnostics": "Diagnostyka warstw",
    "baseline.lab6": "zwykły SGD z ćwiczenia 2",
    "baseline.lab7": "wagi N(0, 1) z ćwiczenia 2",
    "baseline.schedules": "stały współczynnik uczenia",
    "h.setup": "Warunki badania",
    "h.results": "Wyniki",
    "h.ranking": "Ranking",
    "h.plots": "Wykresy",
    "setup.data": "Dane: {source}.",
    "setup.network": "Sieć: MLP {sizes}, funkcja aktywacji neuronów ukrytych {act}, wyjście "
    "liniowe, funkcja straty: entropia krzyżowa z softmaksem.",
    "setup.training": "Uczenie: paczki po {batch} wzorców, {epochs} epok, {seeds} powtórzeń "
    "(ziaren losowych) każdej konfiguracji (powtórzenie s używa fold_in({seed}, s)); średnie, "
    "pasma i testy liczone są z powtórzeń, które nie uległy dywergencji.",
    "setup.grid": "Współczynniki uczenia: każdą konfigurację uczono dla {k} wartości "
    "współczynnika uczenia (co ×3) wokół jej własnej i podano wyniki dla tej, przy której "
    "końcowa średnia strata na zbiorze walidacyjnym była najmniejsza (zbiór walidacyjny "
    "wydzielono ze zbioru uczącego; zbiór testowy nie wpływa na wybór).",
    "setup.baseline": "Punkt odniesienia: `{name}`, {label}. Celem jest jego końcowa średnia "
    "strata na zbiorze uczącym, {target}.",
    "setup.no_baseline": "Brak wyników punktu odniesienia `{name}` ({label}), więc nie ma celu, "
    "przyspieszeń ani wartości p.",
    "setup.divergence": "Powtórzenie uznaje się za rozbieżne, gdy strata na paczce przestaje być "
    "skończona lub przekracza {factor}× stratę w chwili inicjalizacji; zostaje wtedy "
    "zamrożone, policzone w kolumnie *dywergencja*, oznaczone w legendach i pominięte we "
    "wszystkich średnich, pasmach i testach.",
    "col.config": "konfiguracja",
    "col.settings": "ustawienia",
    "col.lr": "współczynnik uczenia",
    "col.diverged": "dywergencja",
    "col.loss": "końcowa strata (uczący)",
    "col.epochs": "epoki do celu",
    "col.speedup": "przyspieszenie (95% PU)",
    "col.p_loss": "p (strata)",
    "col.acc": "dokładność testowa (95% PU)",
    "col.p_acc": "p (dokładność)",
    "col.wall": "czas [s]",
    "results.explain": "*Epoki do celu*: epoka (interpolowana liniowo), w której średnia "
    "strata konfiguracji na zbiorze uczącym po raz pierwszy osiąga cel. *Przyspieszenie*: "
    "liczba epok do celu punktu odniesienia podzielona przez liczbę epok danej konfiguracji, "
    "z 95% przedziałem ufności (PU) z bootstrapu po powtórzeniach; powyżej 1 oznacza szybsze "
    "uczenie. *p*: dwustronny test t Welcha względem punktu odniesienia, dla końcowej straty "
    "na zbiorze uczącym i końcowej dokładności na zbiorze testowym; p < 0,05 oznacza różnicę "
    "większą niż rozrzut między powtórzeniami. Przedziały dokładności to 95% przedziały t "
    "dla średniej.",
    "rank.baseline": "**{name}** ({label}) wyznacza cel: końcowa strata {loss}, osiągnięta w "
    "epoce {epochs} średniego przebiegu; dokładność testowa {acc}.",
    "rank.sooner": "**{name}** osiąga końcową stratę ({label}) {factor}× szybciej (95% PU "
    "{lo}–{hi}×), po {epochs} epoki; końcowa strata {loss} ({loss_verdict}); dokładność "
    "testowa {acc} ({acc_verdict}).",
    "rank.later": "**{name}** osiąga końcową stratę ({label}), ale {factor}× wolniej (95% PU "
    "{lo}–{hi}×), po {epochs} epoki; końcowa strata {loss} ({loss_verdict}); dokładność "
    "testowa {acc} ({acc_verdict}).",
    "rank.never": "**{name}** nie osiąga końcowej straty ({label}) w ciągu {total} epok; "
    "końcowa strata {loss} ({loss_verdict}); dokładność testowa {acc} ({acc_verdict}).",
    "rank.diverged": "**{name}**: wszystkie powtórzenia uległy dywergencji.",
    "verdict.lower": "niższa niż dla punktu odniesienia ponad rozrzut, p = {p}",
    "verdict.higher": "wyższa niż dla punktu odniesienia ponad rozrzut, p = {p}",
    "verdict.same": "nieodróżnialna od punktu odniesienia, p = {p}",
    "verdict.none": "test niemożliwy",
    "fig.loss_epoch": "Strata na zbiorze uczącym w kolejnych epokach",
    "fig.loss_step": "Strata na paczce w kolejnych krokach",
    "fig.test_acc": "Dokładność na zbiorze testowym w kolejnych epokach",
    "fig.lr_sensitivity": "Końcowa strata walidacyjna w zależności od współczynnika uczenia "
    "(wybrany zaznaczony kółkiem)",
    "fig.activations": "Strata na zbiorze uczącym w kolejnych epokach, funkcje aktywacji obok "
    "siebie",
    "plots.bands": "Linie to średnie z powtórzeń, które nie uległy dywergencji; pasma to 95% "
    "przedziały ufności średniej, średnia ± t(0,975, n−1)·s/√n w każdej epoce (lub kroku).",
    "describe.lr": "współczynnik uczenia {lr}",
    "describe.schedule": "harmonogram {schedule}",
    "describe.init": "inicjalizacja {init}",
    "describe.sigma": "inicjalizacja {init} (σ = {scale})",
    "choice": "Optymalizator: {name}, współczynnik uczenia {rate} — {why}.",
    "why.flag": "wybrany flagą --optimizer",
    "why.lab6": "najszybciej osiągnął końcową stratę z ćwiczenia 2 w laboratorium 6 na tych "
    "samych danych",
    "why.default": "brak wyników laboratorium 6 na tych danych, więc zwykły wybór",
}

PHRASES: dict[str, Mapping[str, str]] = {"en": _EN, "pl": _PL}


def say(lang: str, key: str, **values: Any) -> str:
    """The phrase ``key`` in ``lang``, formatted with ``values``."""
    return PHRASES[lang][key].format(**values)


def num(value: float, spec: str, lang: str, missing: str = "—") -> str:
    """``format(value, spec)``, with a decimal comma in Polish; ``missing`` for NaN/None."""
    if value is None or not math.isfinite(value):
        return missing
    text = format(value, spec)
    return text.replace(".", ",") if lang == "pl" else text


def pct(value: float, lang: str) -> str:
    """A fraction as a percentage with one decimal, e.g. ``86.3%`` (``86,3%`` in Polish)."""
    return num(100 * value, ".1f", lang) + ("%" if math.isfinite(value) else "")


def describe(spec: Mapping[str, Any], lang: str = "en") -> str:
    """A configuration's spec (``configs.Config.spec()``) in one line."""
    parts = [spec["optimizer"], say(lang, "describe.lr", lr=num(spec["learning_rate"], "g", lang))]
    parts += [f"{k} {v}" for k, v in spec.get("optimizer_kwargs", {}).items()]
    if spec.get("schedule"):
        parts.append(say(lang, "describe.schedule", schedule=spec["schedule"]))
    if spec["init"] == "normal":
        scale = num(spec["init_scale"], "g", lang)
        parts.append(say(lang, "describe.sigma", init=spec["init"], scale=scale))
    else:
        parts.append(say(lang, "describe.init", init=spec["init"]))
    return ", ".join(parts)
