import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from nlp.classify.embed import SentenceEmbedder
from nlp.classify.encoder import ENCODER_DIR, fit_token_vectors, load_encoder
from nlp.classify.minilm import check_weights, default_model_path
from nlp.errors import ModelError


def test_vectors_are_normalised_and_similar_for_paraphrases(embedder: SentenceEmbedder) -> None:
    vectors = embedder.transform([
        "Small caps rallied as investors bet on rate cuts.",
        "Smaller companies' shares jumped on hopes of lower interest rates.",
        "The company will hold its annual meeting in Denver.",
    ])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_same_text_gives_the_same_vector(embedder: SentenceEmbedder) -> None:
    first = embedder.transform(["The Russell 2000 rose 2%."])
    again = clone(embedder).fit([]).transform(["The Russell 2000 rose 2%.", "Other text."])
    assert np.array_equal(first[0], again[0])


def test_no_text_gives_an_empty_matrix(embedder: SentenceEmbedder) -> None:
    assert embedder.transform([]).shape == (0, 384)


def test_init_only_stores_parameters() -> None:
    embedder = SentenceEmbedder(encoder_dir="/nowhere", batch_size=8)
    assert embedder.get_params() == {"encoder_dir": "/nowhere", "batch_size": 8}
    assert not hasattr(embedder, "n_features_out_")


def test_missing_encoder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no usable sentence encoder.*train_stance"):
        SentenceEmbedder(encoder_dir=str(tmp_path)).fit([])


def test_encoder_weights_must_match_their_card(tmp_path: Path) -> None:
    folder = tmp_path / "encoder"
    shutil.copytree(ENCODER_DIR, folder)
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "weights_sha256": "0" * 64}))
    with pytest.raises(ModelError, match=r"model\.safetensors: SHA-256 .* its card records"):
        load_encoder(folder)


def test_encoder_card_names_its_source() -> None:
    meta = json.loads((ENCODER_DIR / "meta.json").read_text())
    assert meta["source_sha256"].startswith("53aa5117")
    assert meta["dimensions"] == 384


def test_package_weights_match_upstream() -> None:
    check_weights(default_model_path())


def test_tampered_weights_are_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the model")
    with pytest.raises(ModelError, match=r"model\.safetensors: SHA-256 .* is not upstream"):
        check_weights(str(tmp_path))


class _TinyModel:
    """A stand-in for a model2vec StaticModel: one vector per word of a small vocabulary."""

    words = ("the", "index", "rose", "fell", "gained", "garden")

    def __init__(self, embedding: np.ndarray) -> None:
        self.embedding = embedding

    def tokenize(self, sentences: list[str]) -> list[list[int]]:
        return [[self.words.index(w) for w in s.split()] for s in sentences]


def test_token_vectors_are_fitted_to_the_sentence_vectors() -> None:
    rng = np.random.default_rng(0)
    meaning = rng.normal(size=(6, 4))  # what each word means in context
    sentences = ["the index rose", "the index fell", "the index gained", "index rose",
                 "rose fell", "the gained", "index fell the"]
    targets = np.array([meaning[[_TinyModel.words.index(w) for w in s.split()]].mean(axis=0)
                        for s in sentences])
    model = _TinyModel(rng.normal(size=(6, 4)))  # distilled vectors that miss the meaning
    vectors, fit = fit_token_vectors(model, sentences, targets, strength=1e-6)
    means = np.array([vectors[ids].mean(axis=0) for ids in model.tokenize(sentences)])
    assert np.allclose(means, targets, atol=1e-3)
    assert fit["r2_fitted"] > 0.99 > fit["r2_distilled"]
    assert fit["sentences"] == 7 and fit["tokens"] == 5  # "garden" is in no sentence
    mapped = model.embedding @ np.linalg.lstsq(
        np.array([model.embedding[ids].mean(axis=0) for ids in model.tokenize(sentences)]),
        targets, rcond=None)[0]
    assert np.allclose(vectors[5], mapped[5])  # an unseen word keeps its distilled vector
    again, _ = fit_token_vectors(model, sentences, targets, strength=1e-6)
    assert np.array_equal(vectors, again)


def test_a_strong_pull_keeps_the_distilled_vectors() -> None:
    rng = np.random.default_rng(1)
    model = _TinyModel(rng.normal(size=(6, 4)))
    sentences = ["the index rose", "the index fell", "rose garden", "index gained",
                 "the garden", "fell rose", "gained the index"]
    targets = rng.normal(size=(7, 4))
    _, held = fit_token_vectors(model, sentences, targets, strength=1e6)
    _, free = fit_token_vectors(model, sentences, targets, strength=1e-6)
    assert held["r2_fitted"] == pytest.approx(held["r2_distilled"], abs=1e-4)
    assert free["r2_fitted"] > held["r2_fitted"] + 0.1
