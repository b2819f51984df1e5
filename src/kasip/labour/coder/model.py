"""The occupation coder: job title → ISCO-08 unit group with a calibrated confidence.

How it scores a title:
1. ``text.analyse`` cleans it and turns it into lemmas / stems; an unknown word close to a
   known one (a typo) is replaced by it (rapidfuzz).
2. Each title becomes a TF-IDF vector of words, word pairs, the head noun and character
   n-grams.
3. Two scores per unit group: the best cosine to one of its aliases (nearest alias), and
   the cosine to the group's centroid (all its aliases together: this is what codes titles
   of occupations the lexicon has never seen, through the words they share with their
   group). A blend of the two ranks the groups.
4. A logistic calibrator, fitted on aliases held out of the index, turns the scores of the
   best group (its score, its lead over the second, whether both scorers agree) into the
   probability that the code is right. When that is low, the best 3- or 2-digit group
   whose share of the score mass is high enough is offered instead.

Everything is deterministic; the fitted coder is saved as one pickle of sparse matrices
and arrays (no refit at load).
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import log, sqrt
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from . import text as T
from .lexicon import Alias

FORMAT_VERSION = 3  # bump when the normalisation or the file layout changes: older files are rebuilt
REBUILD_COMMAND = "python -m kasip.labour.coder build --out var/coder.pkl  (or: make coder)"


class CoderFileError(Exception):
    """The coder file is missing, unreadable or from another version."""


@dataclass
class Prediction:
    """The coding of one title."""

    title: str
    code: str | None  # the ISCO-08 unit group, or None when the title cannot be coded
    confidence: float  # calibrated probability that ``code`` is right
    candidates: list[tuple[str, float]] = field(default_factory=list)  # top-k (code, share)
    language: str = ""
    fallback: str | None = None  # a 3- or 2-digit group offered when unsure at 4 digits
    fallback_confidence: float = 0.0
    notice: str = ""  # "cannot code: empty title", "title cut to 300 characters", ...

    @property
    def sure(self) -> bool:
        return self.code is not None and self.fallback is None

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "code": self.code,
            "confidence": round(self.confidence, 4),
            "candidates": [[c, round(s, 4)] for c, s in self.candidates],
            "language": self.language,
            "fallback": self.fallback,
            "fallback_confidence": round(self.fallback_confidence, 4),
            "notice": self.notice,
        }


@lru_cache(maxsize=100_000)
def _analysed(title: str) -> tuple[str, str]:
    """(word features string, language) of one title."""
    tokens, language = T.analyse_with_language(title)
    return " ".join(tokens), language


class OccupationCoder:
    """Codes job titles to ISCO-08 unit groups (scikit-learn style: ``fit`` / ``predict``).

    >>> coder = OccupationCoder().fit(["сварщик", "повар"], ["7212", "5120"])
    >>> coder.predict(["электросварщик 5 разряда"])
    ['7212']
    """

    def __init__(
        self,
        top_k: int = 5,
        char_weight: float = 0.55,
        knn_weight: float = 0.6,
        sure_threshold: float = 0.5,
        fallback_threshold: float = 0.6,
        temperature: float = 0.05,
        fuzzy_cutoff: int = 84,
        knn_max_df: float = 0.01,
        knn_chars: bool = True,
        linear_weight: float = 0.5,
        linear_c: float = 0.5,
        exact_bonus: float = 0.5,
        knn_power: float = 8.0,
    ):
        self.top_k = top_k
        self.char_weight = char_weight
        self.knn_weight = knn_weight
        self.sure_threshold = sure_threshold
        self.fallback_threshold = fallback_threshold
        self.temperature = temperature
        self.fuzzy_cutoff = fuzzy_cutoff
        self.knn_max_df = knn_max_df
        self.knn_chars = knn_chars
        self.linear_weight = linear_weight
        self.linear_c = linear_c
        self.exact_bonus = exact_bonus
        self.knn_power = knn_power

    # --- fitting ---------------------------------------------------------------------

    def fit(self, titles, codes=None, weights=None, groups=None, calibrate: bool = True):
        """Build the index from aliases: ``titles`` is a list of ``Alias`` or of strings
        with their ``codes``. With ``calibrate``, a share of the aliases is first held out
        to fit the confidence calibrator."""
        aliases = _as_aliases(titles, codes, weights, groups)
        if not aliases:
            raise ValueError("no aliases to fit on")
        self.aliases_ = aliases
        self.calibrator_ = None
        if calibrate and len({a.code for a in aliases}) > 5 and len(aliases) > 200:
            train, held = _hold_out(aliases)
            self._build(train)
            feats, correct = self._calibration_data(held)
            if 0 < correct.sum() < len(correct):
                # scikit-learn is imported only to fit: loading a coder stays fast
                from sklearn.linear_model import LogisticRegression

                model = LogisticRegression(C=1.0, max_iter=1000)
                model.fit(feats, correct)
                self.calibrator_ = (model.coef_.ravel().astype(np.float64), float(model.intercept_[0]))
        self._build(aliases)
        return self

    def add_confirmed(self, titles: Sequence[str], codes: Sequence[str], calibrate: bool = False):
        """Refit with codings an analyst confirmed (they join the index as aliases)."""
        extra = [
            Alias(t, str(c), 1.05, "confirmed", f"confirmed:{i}")
            for i, (t, c) in enumerate(zip(titles, codes, strict=True))
        ]
        calibrator = getattr(self, "calibrator_", None)
        self.fit(list(self.aliases_) + extra, calibrate=calibrate)
        if not calibrate:
            self.calibrator_ = calibrator
        return self

    def _build(self, aliases: list[Alias]) -> None:
        # One row per distinct (analysed text, code); the highest weight wins.
        best: dict[tuple[str, str], float] = {}
        group_of: dict[tuple[str, str], str] = {}
        for a in aliases:
            words, _lang = _analysed(a.text)
            if not words:
                continue
            key = (words, a.code)
            if best.get(key, 0.0) < a.weight:
                best[key] = a.weight
                group_of[key] = a.group
        keys = sorted(best, key=lambda k: (k[1], k[0]))  # grouped by code, deterministic
        texts = [k[0] for k in keys]
        entry_codes = [k[1] for k in keys]
        self.entry_weights_ = np.array([best[k] for k in keys], dtype=np.float32)
        self.codes_ = np.array(sorted(set(entry_codes)))
        code_index = {c: i for i, c in enumerate(self.codes_)}
        self.entry_code_idx_ = np.array([code_index[c] for c in entry_codes], dtype=np.int32)
        # start of each code's run of entries, for np.maximum.reduceat
        self.code_starts_ = np.searchsorted(self.entry_code_idx_, np.arange(len(self.codes_))).astype(np.int64)
        self.entry_texts_ = texts

        self.featuriser_ = Featuriser(self.char_weight).fit(texts)
        entries = self.featuriser_.transform(texts)
        n_word = self.featuriser_.n_word
        self.vocabulary_ = sorted({w for t in texts for w in t.split()})
        self._vocab_set = set(self.vocabulary_)
        self._buckets = None
        # The nearest-alias score only uses features that are rare among the aliases:
        # common character n-grams ("er ", " ма") would make every alias a neighbour of every
        # title and the product dense; the centroids keep all features.
        df = np.bincount(entries.indices, minlength=entries.shape[1])
        rare = (df <= max(self.knn_max_df * entries.shape[0], 5)).astype(np.float32)
        if not getattr(self, "knn_chars", True):
            rare[n_word:] = 0.0
        rare[:n_word] = 1.0  # all word features
        self.knn_mask_ = rare
        knn_entries = entries @ sp.diags(rare)
        knn_entries.eliminate_zeros()
        self.entries_T_ = sp.csr_matrix(knn_entries.T.astype(np.float32))
        # Centroids: the weighted sum of a code's entries, normalised.
        n_codes = len(self.codes_)
        # Each occupation (ESCO concept, ILO group, project alias) weighs alike in its group's
        # centroid, however many variant labels it has: ESCO lists some occupations under a
        # dozen permutations ("property developer", "housing developer", ...), which would
        # otherwise pull the whole unit group towards one word.
        group_sizes: dict[str, int] = {}
        for k in keys:
            group_sizes[group_of[k]] = group_sizes.get(group_of[k], 0) + 1
        balance = np.array([1.0 / sqrt(group_sizes[group_of[k]]) for k in keys], dtype=np.float32)
        assign = sp.csr_matrix(
            (self.entry_weights_ * balance, (self.entry_code_idx_, np.arange(len(texts)))),
            shape=(n_codes, len(texts)),
        )
        centroids = _l2_rows(sp.csr_matrix(assign @ entries))
        self.entry_to_code_ = sp.csr_matrix(
            (np.ones(len(texts), dtype=np.float32), (np.arange(len(texts)), self.entry_code_idx_)),
            shape=(len(texts), n_codes),
        )
        self.centroids_T_ = sp.csr_matrix(centroids.T.astype(np.float32))
        self._fit_linear(entries[:, :n_word])
        # Exact matches: the groups of each alias as analysed (most have one).
        exact: dict[str, list[tuple[int, float]]] = {}
        for text, ci, w in zip(texts, self.entry_code_idx_.tolist(), self.entry_weights_.tolist(), strict=True):
            exact.setdefault(text, []).append((ci, w))
        self.exact_ = exact
        # Parent groups of each unit group, for the 3- and 2-digit fallback.
        self.minor_ = np.array([c[:3] for c in self.codes_])
        self.submajor_ = np.array([c[:2] for c in self.codes_])
        self._fuzzy_cache = {}

    # --- scoring ---------------------------------------------------------------------

    def _correct_typos(self, words: str) -> str:
        """Replace a word the index has never seen by the closest word it has (a typo)."""
        if not words:
            return words
        out = []
        changed = False
        for w in words.split():
            if w in self._vocab_set or len(w) < 5 or w.startswith("кат_"):
                out.append(w)
                continue
            fixed = self._fuzzy_cache.get(w)
            if fixed is None:
                from rapidfuzz import fuzz, process

                choices = self._vocab_buckets().get(w[0], ())
                match = process.extractOne(w, choices, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
                fixed = match[0] if match else w
                self._fuzzy_cache[w] = fixed
            changed = changed or fixed != w
            out.append(fixed)
        return " ".join(out) if changed else words

    def _vocab_buckets(self) -> dict[str, list[str]]:
        buckets = self.__dict__.get("_buckets")
        if buckets is None:
            buckets = {}
            for word in self.vocabulary_:
                buckets.setdefault(word[0], []).append(word)
            self._buckets = buckets
        return buckets

    def _vectorise(self, analysed: list[str]):
        return self.featuriser_.transform(analysed)

    def _scores(self, x) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(blended, nearest-alias, centroid) scores, one row per title, one column per code."""
        # The best alias of each code, as a p-norm of the weighted similarities of its
        # aliases (p large: close to the maximum, a little credit for several close aliases);
        # a sparse product, so no sorting of the similarities is needed.
        sims = sp.csr_matrix(x @ self.entries_T_)
        d = sims.data * self.entry_weights_[sims.indices]
        if self.knn_power == 8.0:  # three squarings are much faster than a float power
            d *= d
            d *= d
            d *= d
        else:
            d **= self.knn_power
        sims.data = d
        knn = np.asarray((sims @ self.entry_to_code_).todense(), dtype=np.float32) ** (1.0 / self.knn_power)
        cent = (x @ self.centroids_T_).toarray()
        blended = self.knn_weight * knn + (1.0 - self.knn_weight) * cent
        linear = getattr(self, "linear_T_", None)
        if linear is not None:
            # the linear model's decision values, from the title's word features
            blended = blended + self.linear_weight * ((x[:, : linear.shape[0]] @ linear).toarray() + self.linear_b_)
        return blended, knn, cent

    def _exact_bonus(self, analysed: list[str], blended: np.ndarray) -> None:
        """A title that is an alias, as analysed, goes to that alias's group (a lift of the
        group's score: the other scores still rank the rest)."""
        exact = getattr(self, "exact_", None)
        if not exact:
            return
        for r, text in enumerate(analysed):
            for ci, w in exact.get(text, ()):
                blended[r, ci] += self.exact_bonus * w

    def _fit_linear(self, words) -> None:
        """A linear SVM over the word features of the aliases, one class per unit group: it
        learns which words tell groups apart (\"executive\" says little, \"welder\" much),
        which nearest-alias and centroid scores cannot. Small weights are dropped so the model
        stays sparse (a few MB)."""
        self.linear_T_ = None
        if not self.linear_weight or len(self.codes_) < 2:
            return
        # scikit-learn is imported only to fit: loading a coder stays fast
        from sklearn.svm import LinearSVC

        svm = LinearSVC(C=self.linear_c, max_iter=2000, random_state=0).fit(words, self.entry_code_idx_, sample_weight=self.entry_weights_)
        coef = svm.coef_.astype(np.float32)
        if coef.shape[0] == 1:  # two groups: scikit-learn gives one row
            coef = np.vstack([-coef, coef])
            intercept = np.array([-svm.intercept_[0], svm.intercept_[0]], dtype=np.float32)
        else:
            intercept = svm.intercept_.astype(np.float32)
        coef[np.abs(coef) < 0.01] = 0.0
        self.linear_T_ = sp.csr_matrix(coef.T)
        self.linear_b_ = intercept[None, :]

    def _features(self, blended, knn, cent, order):
        rows = np.arange(len(blended))
        b1 = blended[rows, order[:, 0]]
        b2 = blended[rows, order[:, 1]] if order.shape[1] > 1 else np.zeros_like(b1)
        k1 = knn[rows, order[:, 0]]
        c1 = cent[rows, order[:, 0]]
        agree = (np.argmax(knn, axis=1) == np.argmax(cent, axis=1)).astype(np.float64)
        probs = _softmax(blended, self.temperature)
        p1 = probs[rows, order[:, 0]]
        return np.column_stack([b1, b1 - b2, k1, c1, agree, p1])

    def _confidence(self, feats) -> np.ndarray:
        if self.calibrator_ is None:
            return np.clip(feats[:, 5], 0, 1)
        coef, intercept = self.calibrator_
        return 1.0 / (1.0 + np.exp(-(feats @ coef + intercept)))

    def _calibration_data(self, held: list[Alias]):
        titles = [a.text for a in held]
        analysed = [self._correct_typos(_analysed(t)[0]) for t in titles]
        keep = [i for i, a in enumerate(analysed) if a]
        kept = [analysed[i] for i in keep]
        x = self._vectorise(kept)
        blended, knn, cent = self._scores(x)
        self._exact_bonus(kept, blended)
        order = np.argsort(-blended, axis=1, kind="stable")[:, :2]
        feats = self._features(blended, knn, cent, order)
        truth = np.array([held[i].code for i in keep])
        correct = (self.codes_[order[:, 0]] == truth).astype(int)
        return feats, correct

    # --- prediction ------------------------------------------------------------------

    def code(self, titles: Iterable[str], k: int | None = None, batch_size: int = 128) -> list[Prediction]:
        """Full codings: code, confidence, top-k candidates, fallback group, notice."""
        self._check_fitted()
        k = k or self.top_k
        titles = list(titles)
        out: list[Prediction | None] = [None] * len(titles)
        cache: dict[str, tuple[str, str]] = {}
        pending: list[int] = []
        pending_text: list[str] = []
        for i, raw in enumerate(titles):
            title = "" if raw is None else str(raw)
            notice = ""
            if len(title) > T.MAX_TITLE_CHARS:
                notice = f"title cut to {T.MAX_TITLE_CHARS} characters"
            got = cache.get(title)
            if got is None:
                words, lang = _analysed(title)
                got = (self._correct_typos(words), lang)
                cache[title] = got
            words, lang = got
            if not words:
                out[i] = Prediction(title, None, 0.0, [], lang, None, 0.0, "cannot code: empty title")
                continue
            out[i] = Prediction(title, None, 0.0, [], lang, notice=notice)
            pending.append(i)
            pending_text.append(words)
        # Titles repeat in real ads: score each distinct analysed text once.
        distinct = sorted(set(pending_text))
        results: dict[str, tuple] = {}
        for start in range(0, len(distinct), batch_size):
            chunk = distinct[start : start + batch_size]
            for text, res in zip(chunk, self._score_batch(chunk, k), strict=True):
                results[text] = res
        for i, words in zip(pending, pending_text, strict=True):
            code, conf, cands, fallback, fb_conf = results[words]
            p = out[i]
            p.code, p.confidence, p.candidates = code, conf, cands
            p.fallback, p.fallback_confidence = fallback, fb_conf
        return out  # type: ignore[return-value]

    def _score_batch(self, analysed: list[str], k: int):
        x = self._vectorise(analysed)
        blended, knn, cent = self._scores(x)
        self._exact_bonus(analysed, blended)
        kk = min(k, blended.shape[1])
        top = np.argpartition(-blended, kk - 1, axis=1)[:, :kk] if kk < blended.shape[1] else np.tile(np.arange(blended.shape[1]), (len(blended), 1))
        rows = np.arange(len(blended))[:, None]
        # order the top-k by score, ties by code (deterministic)
        order = top[rows, np.lexsort((top, -blended[rows, top]))]
        feats = self._features(blended, knn, cent, order)
        conf = self._confidence(feats)
        probs = _softmax(blended, self.temperature)
        res = []
        for r in range(len(analysed)):
            if knn[r].max() <= 0 and cent[r].max() <= 0:  # not a word or n-gram in common with any alias
                res.append((None, 0.0, [], None, 0.0))
                continue
            cands = [(str(self.codes_[j]), float(probs[r, j])) for j in order[r]]
            best = cands[0][0]
            fallback, fb_conf = None, 0.0
            if conf[r] < self.sure_threshold:
                fallback, fb_conf = self._fallback(probs[r], best, float(conf[r]))
            res.append((best, float(conf[r]), cands, fallback, fb_conf))
        return res

    def _fallback(self, probs: np.ndarray, best: str, conf: float) -> tuple[str | None, float]:
        """The 3- or 2-digit group of the best code when the score mass agrees on it."""
        for parents, n in ((self.minor_, 3), (self.submajor_, 2)):
            share = float(probs[parents == best[:n]].sum())
            # the unit group's confidence lifted by the share of its parent group
            group_conf = conf + (1.0 - conf) * max(0.0, share - probs.max()) / max(1e-9, 1.0 - probs.max())
            if share >= self.fallback_threshold:
                return best[:n], float(min(1.0, group_conf))
        return None, 0.0

    def predict(self, titles: Iterable[str]) -> list[str | None]:
        """The best unit group of each title (None for titles that cannot be coded)."""
        return [p.code for p in self.code(titles, k=1)]

    def predict_top(self, titles: Iterable[str], k: int = 3) -> list[list[str]]:
        return [[c for c, _ in p.candidates] for p in self.code(titles, k=k)]

    def _check_fitted(self):
        if not hasattr(self, "entries_T_"):
            raise CoderFileError("the coder is not fitted: build it with " + REBUILD_COMMAND)

    # --- persistence -----------------------------------------------------------------

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_fuzzy_cache", None)
        state.pop("_vocab_set", None)
        state.pop("_buckets", None)
        state.pop("aliases_", None)
        state["aliases_"] = [(a.text, a.code, a.weight, a.source, a.group) for a in self.__dict__.get("aliases_", [])]
        return state

    def __setstate__(self, state):
        aliases = state.pop("aliases_", [])
        self.__dict__.update(state)
        self.aliases_ = [Alias(*a) for a in aliases]
        self._fuzzy_cache = {}
        self._vocab_set = set(getattr(self, "vocabulary_", []))

    def save(self, path: str | Path) -> Path:
        self._check_fitted()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with tmp.open("wb") as fh:
            pickle.dump({"format": FORMAT_VERSION, "kind": "kasip-occupation-coder", "coder": self}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: str | Path) -> OccupationCoder:
        path = Path(path)
        if not path.exists():
            raise CoderFileError(f"coder file {path} does not exist: build it with {REBUILD_COMMAND}")
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)
        except Exception as exc:  # noqa: BLE001 - any unpickling failure means a bad file
            raise CoderFileError(
                f"coder file {path} is corrupt or unreadable ({type(exc).__name__}): rebuild it with {REBUILD_COMMAND}"
            ) from exc
        if not isinstance(payload, dict) or payload.get("kind") != "kasip-occupation-coder" or payload.get("format") != FORMAT_VERSION:
            raise CoderFileError(f"coder file {path} is not a coder of this version: rebuild it with {REBUILD_COMMAND}")
        coder = payload["coder"]
        if not isinstance(coder, cls):
            raise CoderFileError(f"coder file {path} holds no coder: rebuild it with {REBUILD_COMMAND}")
        return coder


# --- helpers ---------------------------------------------------------------------------


class Featuriser:
    """TF-IDF of words, word pairs, the head noun and character 2-4-grams within words
    (as scikit-learn's ``char_wb``), each part L2-normalised, blended and normalised again.

    The vocabulary and IDF come from scikit-learn's ``TfidfVectorizer`` at fit time; the
    transform is done here with the n-grams of each word cached, which is several times
    faster than the vectorisers' own on short titles.
    """

    def __init__(self, char_weight: float):
        self.char_weight = char_weight

    def fit(self, texts: list[str]) -> Featuriser:
        # scikit-learn is imported only to fit: loading a coder stays fast
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = TfidfVectorizer(analyzer=_word_features, sublinear_tf=True, dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, dtype=np.float32)
        word.fit(texts)
        char.fit(texts)
        self.word_vocab = {f: int(i) for f, i in word.vocabulary_.items()}
        self.n_word = len(self.word_vocab)
        self.char_vocab = {f: int(i) + self.n_word for f, i in char.vocabulary_.items()}
        self.idf = np.concatenate([word.idf_, char.idf_]).astype(np.float32)
        self.n_features = len(self.idf)
        return self

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_cache", None)
        state.pop("_idf_list", None)
        return state

    def _char_cols(self, w: str) -> list[int]:
        cache = self.__dict__.setdefault("_cache", {})
        cols = cache.get(w)
        if cols is None:
            padded = " " + w + " "
            grams = []
            for n in (2, 3, 4):
                if len(padded) < n:
                    break
                grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
            vocab = self.char_vocab
            cols = [vocab[g] for g in grams if g in vocab]
            cache[w] = cols
        return cols

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        idf = self.__dict__.get("_idf_list")
        if idf is None:
            idf = self._idf_list = self.idf.tolist()
        wv = self.word_vocab
        cw, ww = self.char_weight, 1.0 - self.char_weight
        for text in texts:
            counts: dict[int, int] = {}
            for f in _word_features(text):
                col = wv.get(f)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            ccounts: dict[int, int] = {}
            for w in text.split():
                for col in self._char_cols(w):
                    ccounts[col] = ccounts.get(col, 0) + 1
            wvals = [(1.0 + log(n)) * idf[c] if n > 1 else idf[c] for c, n in counts.items()]
            cvals = [(1.0 + log(n)) * idf[c] if n > 1 else idf[c] for c, n in ccounts.items()]
            wn = sqrt(sum(v * v for v in wvals)) or 1.0
            cn = sqrt(sum(v * v for v in cvals)) or 1.0
            a, b = ww / wn, cw / cn
            total = sqrt((a * wn) ** 2 * (1 if wvals else 0) + (b * cn) ** 2 * (1 if cvals else 0)) or 1.0
            a, b = a / total, b / total
            wcols, ccols = list(counts), list(ccounts)
            vals = [v * a for v in wvals] + [v * b for v in cvals]
            indices.extend(wcols)
            indices.extend(ccols)
            data.extend(vals)
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr, np.int64)),
            shape=(len(texts), self.n_features),
        )


def _word_features(doc: str) -> list[str]:
    """Words, adjacent word pairs and the head noun (marked) of an analysed title."""
    words = doc.split()
    feats = list(words)
    feats.extend(a + "_" + b for a, b in zip(words, words[1:], strict=False))
    if words:
        lang = "en" if T._is_latin(words[-1]) else ("kk" if any(T.is_kazakh_token(w) for w in words) else "ru")
        feats.append("HEAD:" + T.head_of(words, lang))
    return feats


def _l2_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = (scores - scores.max(axis=1, keepdims=True)) / temperature
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _as_aliases(titles, codes, weights, groups) -> list[Alias]:
    titles = list(titles)
    if titles and isinstance(titles[0], Alias):
        return list(titles)
    if codes is None:
        raise ValueError("codes are required when titles are strings")
    codes = [str(c) for c in codes]
    if len(codes) != len(titles):
        raise ValueError("titles and codes differ in length")
    weights = list(weights) if weights is not None else [1.0] * len(titles)
    groups = list(groups) if groups is not None else [f"fit:{i}" for i in range(len(titles))]
    return [Alias(str(t), c, float(w), "fit", str(g)) for t, c, w, g in zip(titles, codes, weights, groups, strict=True)]


def _hold_out(aliases: list[Alias], share: float = 0.12):
    """Split by group (a whole ESCO occupation goes one way), deterministically by hash;
    the groups' first labels (ISCO titles) always stay in the index."""
    train, held = [], []
    for a in aliases:
        h = int(hashlib.md5(a.group.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        if h < share and not a.group.startswith("isco:"):
            held.append(a)
        else:
            train.append(a)
    return train, held


def timed_load(path) -> tuple[OccupationCoder, float]:
    t0 = time.perf_counter()
    coder = OccupationCoder.load(path)
    return coder, time.perf_counter() - t0
