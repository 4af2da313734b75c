import subprocess
import sys

from nlp.collect.dedupe import NearDuplicateIndex, jaccard, minhash, shingles

STORY = " ".join(
    f"Sentence {i} says the Russell 2000 moved as traders weighed cuts, earnings and breadth "
    f"across sector {i % 7} with volume {i * 13} on the tape." for i in range(40))


def _edited(text: str) -> str:
    return text.replace("Sentence 3 says", "Line three says").replace("volume 26 ", "")


def test_light_edit_is_a_near_duplicate() -> None:
    assert jaccard(shingles(STORY), shingles(_edited(STORY))) >= 0.9
    index = NearDuplicateIndex()
    index.add("orig", minhash(STORY), None)
    texts = {"orig": STORY}
    assert index.find(_edited(STORY), minhash(_edited(STORY)), texts.__getitem__) == "orig"


def test_different_story_is_not() -> None:
    other = " ".join(f"Paragraph {i}: the Fed minutes show officials split on the pace of "
                     f"easing in meeting {i}." for i in range(40))
    index = NearDuplicateIndex()
    index.add("orig", minhash(STORY), None)
    assert index.find(other, minhash(other), {"orig": STORY}.__getitem__) is None


def test_copies_point_to_the_first_copy() -> None:
    index = NearDuplicateIndex()
    index.add("first", minhash(STORY), None)
    index.add("second", minhash(_edited(STORY)), "first")
    third = _edited(STORY) + " One more line."
    texts = {"first": STORY, "second": _edited(STORY)}
    assert index.find(third, minhash(third), texts.__getitem__) == "first"


def test_bands_are_the_same_in_another_process() -> None:
    code = ("from nlp.collect.dedupe import minhash; "
            "print(minhash('small caps rallied again on rate cut hopes today'))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert runs == {f"{minhash('small caps rallied again on rate cut hopes today')}\n"}


def test_signature_agreement_estimates_jaccard() -> None:
    other = " ".join(f"Paragraph {i}: the Fed minutes show officials split on the pace of "
                     f"easing in meeting {i}." for i in range(40))
    edited = _edited(STORY)
    agree = sum(a == b for a, b in zip(minhash(STORY), minhash(edited), strict=True)) / 128
    assert abs(agree - jaccard(shingles(STORY), shingles(edited))) < 0.1
    unrelated = sum(a == b for a, b in zip(minhash(STORY), minhash(other), strict=True)) / 128
    assert unrelated < 0.1
