import subprocess
import sys

from nlp.collect.dedupe import NearDuplicateIndex, jaccard, lsh_bands, shingles

STORY = " ".join(
    f"Sentence {i} says the Russell 2000 moved as traders weighed cuts, earnings and breadth "
    f"across sector {i % 7} with volume {i * 13} on the tape." for i in range(40))


def _edited(text: str) -> str:
    return text.replace("Sentence 3 says", "Line three says").replace("volume 26 ", "")


def test_light_edit_is_a_near_duplicate() -> None:
    assert jaccard(shingles(STORY), shingles(_edited(STORY))) >= 0.9
    index = NearDuplicateIndex()
    index.add("orig", lsh_bands(STORY), None)
    texts = {"orig": STORY}
    assert index.find(_edited(STORY), lsh_bands(_edited(STORY)), texts.__getitem__) == "orig"


def test_different_story_is_not() -> None:
    other = " ".join(f"Paragraph {i}: the Fed minutes show officials split on the pace of "
                     f"easing in meeting {i}." for i in range(40))
    index = NearDuplicateIndex()
    index.add("orig", lsh_bands(STORY), None)
    assert index.find(other, lsh_bands(other), {"orig": STORY}.__getitem__) is None


def test_copies_point_to_the_first_copy() -> None:
    index = NearDuplicateIndex()
    index.add("first", lsh_bands(STORY), None)
    index.add("second", lsh_bands(_edited(STORY)), "first")
    third = _edited(STORY) + " One more line."
    texts = {"first": STORY, "second": _edited(STORY)}
    assert index.find(third, lsh_bands(third), texts.__getitem__) == "first"


def test_bands_are_the_same_in_another_process() -> None:
    code = ("from nlp.collect.dedupe import lsh_bands; "
            "print(lsh_bands('small caps rallied again on rate cut hopes today'))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert runs == {f"{lsh_bands('small caps rallied again on rate cut hopes today')}\n"}
