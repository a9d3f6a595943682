"""The build cache: what a component builds from packages is read back, never trusted blindly."""

from __future__ import annotations

import pickle

import pytest

from extract.build_cache import CACHE_DIR_VARIABLE, cache_folder, cached_build, fingerprint


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


class CountingBuild:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_second_process_reads_what_the_first_built(folder):
    build = CountingBuild({"paris": ["FR"], "victoria": ["CA", "AU", "SC"]})
    first = cached_build("index", fingerprint(["v1"]), build)
    second = cached_build("index", fingerprint(["v1"]), build)
    assert build.calls == 1
    assert first == second == build.value
    assert [p.name for p in folder.iterdir()] == [f"index-{fingerprint(['v1'])}.pickle"]


def test_changed_inputs_rebuild_and_only_the_newest_entries_are_kept(folder):
    import os

    for k in range(1, 6):
        build = CountingBuild(k)
        assert cached_build("index", fingerprint([f"v{k}"]), build) == k
        assert build.calls == 1
        entry = folder / f"index-{fingerprint([f'v{k}'])}.pickle"
        os.utime(entry, (k * 1000, k * 1000))  # written in this order
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted(f"index-{fingerprint([f'v{k}'])}.pickle" for k in (3, 4, 5))


def test_two_versions_side_by_side_keep_their_entries(folder):
    cached_build("index", fingerprint(["v1"]), CountingBuild(1))
    cached_build("index", fingerprint(["v2"]), CountingBuild(2))
    again = CountingBuild(None)
    assert cached_build("index", fingerprint(["v1"]), again) == 1
    assert again.calls == 0


def test_other_entries_are_kept(folder):
    cached_build("index", fingerprint(["v1"]), CountingBuild(1))
    cached_build("starts", fingerprint(["v1"]), CountingBuild(2))
    assert len(list(folder.iterdir())) == 2


def test_a_truncated_entry_is_rebuilt_and_replaced(folder):
    key = fingerprint(["v1"])
    folder.mkdir()
    (folder / f"index-{key}.pickle").write_bytes(pickle.dumps(list(range(100)))[:20])
    build = CountingBuild([1, 2, 3])
    assert cached_build("index", key, build) == [1, 2, 3]
    assert build.calls == 1
    assert pickle.loads((folder / f"index-{key}.pickle").read_bytes()) == [1, 2, 3]


def test_a_folder_that_cannot_be_made_only_skips_the_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    build = CountingBuild("built")
    assert cached_build("index", fingerprint(["v1"]), build) == "built"
    assert cached_build("index", fingerprint(["v1"]), build) == "built"
    assert build.calls == 2
    assert not list(tmp_path.glob("**/*.tmp"))


def test_an_empty_variable_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
    monkeypatch.chdir(tmp_path)
    assert cache_folder() is None
    build = CountingBuild("built")
    cached_build("index", fingerprint(["v1"]), build)
    cached_build("index", fingerprint(["v1"]), build)
    assert build.calls == 2
    assert not list(tmp_path.iterdir())


def test_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "extract"


@pytest.mark.parametrize("a, b", [(["a"], ["b"]), (["ab"], ["a", "b"]), ([b"x"], [b"x", b""])])
def test_fingerprint_tells_inputs_apart(a, b):
    assert fingerprint(a) != fingerprint(b)
    assert fingerprint(a) == fingerprint(list(a))


def test_cached_gazetteer_is_the_built_one(folder):
    from extract.gazetteer import Gazetteer

    built = Gazetteer()
    cached_build("gazetteer", Gazetteer.fingerprint(), lambda: built)
    read_back = cached_build("gazetteer", Gazetteer.fingerprint(), CountingBuild(None))
    assert read_back is not built
    assert vars(read_back) == vars(built)
    assert read_back.resolve("Victoria", {"AU": 1.0}) == built.resolve("Victoria", {"AU": 1.0})
