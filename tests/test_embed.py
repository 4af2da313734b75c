from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from nlp.classify.embed import SentenceEmbedder, check_weights, default_model_path
from nlp.errors import ModelError


@pytest.mark.slow
def test_vectors_are_normalised_and_similar_for_paraphrases(embedder: SentenceEmbedder) -> None:
    vectors = embedder.transform([
        "Small caps rallied as investors bet on rate cuts.",
        "Smaller companies' shares jumped on hopes of lower interest rates.",
        "The company will hold its annual meeting in Denver.",
    ])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@pytest.mark.slow
def test_same_text_gives_the_same_vector(embedder: SentenceEmbedder) -> None:
    first = embedder.transform(["The Russell 2000 rose 2%."])
    again = clone(embedder).fit([]).transform(["The Russell 2000 rose 2%."])
    assert np.array_equal(first, again)


def test_init_only_stores_parameters() -> None:
    embedder = SentenceEmbedder(model_path="/nowhere", batch_size=8)
    assert embedder.get_params()["batch_size"] == 8
    assert not hasattr(embedder, "n_features_out_")


def test_package_weights_match_upstream() -> None:
    check_weights(default_model_path())


def test_tampered_weights_are_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the model")
    with pytest.raises(ModelError, match=r"model\.safetensors: SHA-256 .* is not upstream"):
        check_weights(str(tmp_path))
    with pytest.raises(ModelError, match="is not upstream"):
        SentenceEmbedder(model_path=str(tmp_path)).fit([])
